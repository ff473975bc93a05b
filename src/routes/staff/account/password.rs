//! Changing one's own password.

use actix_web::{HttpRequest, HttpResponse, web};
use secrecy::SecretString;
use serde::Deserialize;

use super::{end_sessions, page::refused};
use crate::{
    auth::{CurrentStaff, password, throttle},
    context::App,
    db,
    error::AppError,
    web::{forms::FormErrors, page::PageCtx, see_other},
};

/// No `Debug`: it holds passwords.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
    pub confirm_password: String,
}

/// Changes the staff member's own password: the current one must be right (a wrong one counts as a
/// failed sign-in from this address), the new one must meet the policy and be typed twice. Their
/// other sessions end.
pub async fn change_password(
    ctx: PageCtx,
    staff: CurrentStaff,
    req: HttpRequest,
    app: App,
    input: web::Form<PasswordChange>,
) -> Result<HttpResponse, AppError> {
    let input = input.into_inner();
    let mut errors = FormErrors::default();
    let Some(user) = db::staff::find_by_id(&app.pool, staff.id).await? else {
        return Err(AppError::Forbidden);
    };
    let source = super::super::login::Source::of(&req, &user.email);
    if matches!(source.decision(&app).await?, throttle::Decision::Wait { .. }) {
        errors.add("current_password", "err-account-throttled");
    } else if input.current_password.is_empty() {
        errors.add("current_password", "err-account-current-required");
    } else if !password::verify(
        SecretString::from(input.current_password),
        Some(user.password_hash.clone()),
    )
    .await?
    {
        db::login_failures::record(&app.pool, &source.email_hash, &source.block).await?;
        app.metrics.sign_in_failures.inc();
        errors.add("current_password", "err-account-current-wrong");
    }
    if let Err(invalid) = password::check_policy(&input.new_password, &user.email, &user.name) {
        errors.add("new_password", invalid.0);
    } else if input.new_password != input.confirm_password {
        errors.add("confirm_password", "err-account-confirm-differs");
    }
    if !errors.is_empty() {
        return refused(ctx, staff, &app, errors).await;
    }
    let hash = password::hash(SecretString::from(input.new_password)).await?;
    let mut tx = app.pool.begin().await?;
    db::staff::set_password_hash(&mut tx, staff.id, &hash).await?;
    end_sessions(&mut tx, &staff, &req, true, "staff.password_change", "sessions_ended").await?;
    tx.commit().await?;
    Ok(see_other("/staff/account?done=password#password"))
}
