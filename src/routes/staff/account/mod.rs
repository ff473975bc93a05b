//! `/staff/account`: a staff member's own account. Their open sessions (where and when, this one
//! marked) with "sign out" for each, "sign out of every other session" and "sign out everywhere";
//! changing their password (the current one required; their other sessions end); two-step
//! verification: set-up by QR code (or the key typed by hand) and a typed code, ten recovery codes
//! shown once, new recovery codes, turning it off (not while the firm requires it). Every change is
//! in the audit trail with the client's address.

mod page;
mod password;
mod second_factor;
mod sessions;

use actix_web::{HttpRequest, web};
use serde_json::json;

use crate::{
    auth::{CurrentStaff, session as staff_session},
    db,
    error::AppError,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    let setup = web::resource("/account/second-factor")
        .get(second_factor::show_setup)
        .post(second_factor::confirm_setup);
    cfg.route("/account", web::get().to(page::show));
    cfg.route("/account/password", web::post().to(password::change_password));
    cfg.route("/account/sessions/{id}/end", web::post().to(sessions::end_session));
    cfg.route("/account/sessions/end-others", web::post().to(sessions::end_others));
    cfg.route("/account/sessions/end-all", web::post().to(sessions::end_all));
    cfg.service(setup);
    let new_codes = web::post().to(second_factor::new_recovery_codes);
    cfg.route("/account/recovery-codes", new_codes);
    cfg.route("/account/second-factor/remove", web::post().to(second_factor::remove));
}

/// Records a security event of the staff member on their own account.
async fn audit_own(
    conn: &mut sqlx::PgConnection,
    staff: &CurrentStaff,
    req: &HttpRequest,
    action: &str,
    detail: serde_json::Value,
) -> Result<(), AppError> {
    let address = staff_session::source_address(req).map(|a| a.to_string());
    let me = Some(staff.id);
    super::login::audit_security(conn, me, me, action, detail, address.as_deref()).await
}

/// Ends the staff member's sessions, all but this one when `keep_this`, and records `action` with how
/// many ended (under `count` in its detail).
async fn end_sessions(
    conn: &mut sqlx::PgConnection,
    staff: &CurrentStaff,
    req: &HttpRequest,
    keep_this: bool,
    action: &str,
    count: &str,
) -> Result<(), AppError> {
    let keep = keep_this.then_some(staff.session_id);
    let ended = db::staff_sessions::revoke_all(&mut *conn, staff.id, keep).await?;
    audit_own(conn, staff, req, action, json!({ count: ended })).await
}
