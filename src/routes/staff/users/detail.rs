//! One member's page: their role, password, second factor, and disabling or enabling the account.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use uuid::Uuid;

use super::{role_key, role_options};
use crate::{
    auth::CurrentStaff,
    context::{App, AppContext},
    db::{self, staff::StaffUser},
    error::AppError,
    i18n::when::stamp,
    web::{forms::FormErrors, html, page::PageCtx},
};

#[derive(Template)]
#[template(path = "staff/user.html")]
pub struct MemberPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub role_code: String,
    pub roles: Vec<(String, String)>,
    pub active: bool,
    /// Two-step verification is on.
    pub second_factor: bool,
    pub created: String,
    pub me: bool,
    pub errors: FormErrors,
}

fn member_page(ctx: PageCtx, staff: CurrentStaff, app: &AppContext, user: StaffUser, errors: FormErrors) -> MemberPage {
    MemberPage {
        id: user.staff_user_id.to_string(),
        role: ctx.t(&role_key(user.role)),
        role_code: user.role.as_str().to_owned(),
        roles: role_options(&ctx),
        active: user.active,
        second_factor: user.has_second_factor(),
        created: stamp(user.created_at, app.settings.firm_time_zone),
        me: user.staff_user_id == staff.id,
        name: user.name,
        email: user.email,
        ctx,
        staff: Some(staff),
        errors,
    }
}

async fn find(app: &AppContext, raw_id: &str) -> Result<StaffUser, AppError> {
    let id = super::super::parse_id(raw_id)?;
    db::staff::find_by_id(&app.pool, id).await?.ok_or(AppError::NotFound)
}

/// The member's page again, with status 422 and `key` against `field`.
pub(super) async fn refused(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    id: Uuid,
    field: &'static str,
    key: &'static str,
) -> Result<HttpResponse, AppError> {
    let user = db::staff::find_by_id(&app.pool, id).await?.ok_or(AppError::NotFound)?;
    let mut errors = FormErrors::default();
    errors.add(field, key);
    html(
        StatusCode::UNPROCESSABLE_ENTITY,
        &member_page(ctx, staff, app, user, errors),
    )
}

pub async fn detail(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let user = find(&app, &path).await?;
    html(
        StatusCode::OK,
        &member_page(ctx, staff, &app, user, FormErrors::default()),
    )
}
