//! Signing out.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse};

use super::{audit_security, redirect};
use crate::{
    auth::{LOGIN_PATH, session as staff_session},
    context::App,
    db,
    error::AppError,
};

#[tracing::instrument(skip_all)]
pub async fn logout(req: HttpRequest, session: Session, app: App) -> Result<HttpResponse, AppError> {
    if let Some(token) = staff_session::token_of(&req, &app.settings)
        && let Some(live) = db::staff_sessions::find_live(&app.pool, &crate::web::session::token_hash(&token)).await?
        && live.expires_at > chrono::Utc::now()
    {
        let id = live.staff_user_id;
        let address = staff_session::source_address(&req).map(|a| a.to_string());
        let mut tx = app.pool.begin().await?;
        db::staff_sessions::revoke(&mut *tx, id, live.staff_session_id).await?;
        let detail = serde_json::json!({ "session": live.staff_session_id });
        audit_security(&mut tx, Some(id), Some(id), "staff.logout", detail, address.as_deref()).await?;
        tx.commit().await?;
        tracing::info!(staff_user_id = %id, "staff signed out");
    }
    session.purge();
    let mut response = redirect(LOGIN_PATH);
    staff_session::set(&mut response, &staff_session::removal(&app.settings))?;
    Ok(response)
}
