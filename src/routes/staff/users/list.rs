//! The list of staff accounts, with the retention periods and the security policy.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;
use serde_json::json;

use super::{role_key, user_url};
use crate::{
    auth::CurrentStaff,
    context::App,
    db,
    error::AppError,
    web::{html, page::PageCtx, see_other},
};

pub struct MemberView {
    pub url: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub active: bool,
    /// Two-step verification is on.
    pub second_factor: bool,
    pub me: bool,
}

#[derive(Template)]
#[template(path = "staff/users.html")]
pub struct ListPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub members: Vec<MemberView>,
    pub draft_days: String,
    pub lead_days: String,
    /// Every staff member must use two-step verification.
    pub second_factor_required: bool,
    /// The security policy was just saved.
    pub policy_saved: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub saved: String,
}

pub async fn list(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let members = db::staff::list_all(&app.pool)
        .await?
        .into_iter()
        .map(|u| MemberView {
            url: user_url(u.staff_user_id),
            role: ctx.t(&role_key(u.role)),
            active: u.active,
            second_factor: u.has_second_factor(),
            me: u.staff_user_id == staff.id,
            name: u.name,
            email: u.email,
        })
        .collect();
    let page = ListPage {
        members,
        second_factor_required: db::staff::second_factor_required(&app.pool).await?,
        policy_saved: query.saved == "policy",
        draft_days: app.settings.draft_days.to_string(),
        lead_days: app.settings.lead_retention_days.to_string(),
        ctx,
        staff: Some(staff),
    };
    html(StatusCode::OK, &page)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PolicyInput {
    /// "on" when the box is ticked.
    pub require_second_factor: String,
}

/// Requires (or stops requiring) two-step verification of every staff member. Those without it are
/// sent to set it up at their next request.
pub async fn set_security_policy(
    staff: CurrentStaff,
    app: App,
    input: web::Form<PolicyInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let required = input.require_second_factor == "on";
    let mut tx = app.pool.begin().await?;
    let before = db::staff::second_factor_required(&mut *tx).await?;
    if before != required {
        db::staff::set_second_factor_required(&mut tx, required).await?;
        super::super::audit(
            &mut tx,
            &staff,
            "security.policy",
            "security_policy",
            None,
            (
                Some(json!({ "require_second_factor": before })),
                Some(json!({ "require_second_factor": required })),
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(see_other("/staff/users?saved=policy#security"))
}
