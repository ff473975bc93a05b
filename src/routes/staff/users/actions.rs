//! The changes made from a member's page: each asks the accounts room and answers with the member's
//! page (again, with the refusal, when refused).

use actix_web::{HttpResponse, web};
use secrecy::SecretString;
use serde::Deserialize;
use uuid::Uuid;

use super::{detail::refused, refusal_key, user_url};
use crate::{
    accounts::{self, Account, By, Refusal},
    auth::{CurrentStaff, Role},
    context::{App, AppContext},
    error::AppError,
    web::{page::PageCtx, see_other},
};

/// After a change on a member's page: back to it, or the page again with the refusal against `field`.
async fn answer(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    id: Uuid,
    field: &'static str,
    outcome: Result<(), Refusal>,
) -> Result<HttpResponse, AppError> {
    match outcome {
        Ok(()) => Ok(see_other(&user_url(id))),
        Err(refusal) => refused(ctx, staff, app, id, field, refusal_key(refusal)?).await,
    }
}

pub async fn disable(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = super::super::parse_id(&path)?;
    let outcome = accounts::disable(&app.pool, By::admin(&staff), id).await?;
    answer(ctx, staff, &app, id, "active", outcome).await
}

pub async fn enable(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = super::super::parse_id(&path)?;
    let outcome = accounts::enable(&app.pool, By::admin(&staff), id).await?;
    answer(ctx, staff, &app, id, "active", outcome).await
}

/// No `Debug`: it holds a password.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct PasswordInput {
    pub password: String,
}

/// Sets the password the admin typed (the policy applies). This ends the member's sessions (all but
/// the admin's current one, when admins reset their own password).
pub async fn reset_password(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    input: web::Form<PasswordInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = super::super::parse_id(&path)?;
    let password = SecretString::from(input.into_inner().password);
    let outcome = accounts::reset_password(&app.pool, By::admin(&staff), Account::Id(id), password).await?;
    answer(ctx, staff, &app, id, "password", outcome.map(drop)).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RoleInput {
    pub role: String,
}

pub async fn set_role(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    input: web::Form<RoleInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = super::super::parse_id(&path)?;
    let Some(role) = Role::parse(input.role.trim()) else {
        return refused(ctx, staff, &app, id, "role", "err-staff-role").await;
    };
    let outcome = accounts::set_role(&app.pool, By::admin(&staff), id, role).await?;
    // Admins who give up their own role can no longer see this page.
    if outcome.as_ref().is_ok_and(|changed| *changed) && id == staff.id {
        return Ok(see_other(crate::auth::HOME_PATH));
    }
    answer(ctx, staff, &app, id, "role", outcome.map(drop)).await
}

/// Removes a member's second factor (a lost phone with no recovery codes left) and ends their
/// sessions; they set it up again at their next sign-in (when the firm requires it) or on their
/// account page.
pub async fn reset_second_factor(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = super::super::parse_id(&path)?;
    let outcome = accounts::reset_second_factor(&app.pool, By::admin(&staff), Account::Id(id)).await?;
    answer(ctx, staff, &app, id, "second_factor", outcome.map(drop)).await
}
