//! `/staff/login`, `/staff/login/code` and `/staff/logout`: signing staff in (password, then the
//! code of the authenticator app when they have a second factor) and out. Every way a sign-in can
//! fail (unknown email, wrong password, disabled account) gives the same answer after the same
//! work, so the page never tells whether an account exists. Failures are throttled per email and
//! source address (`auth::throttle`), never by locking the account: an attacker elsewhere cannot
//! keep the owner out.

mod attempts;
mod code;
mod logout;
mod password;

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use sha2::Digest as _;
use uuid::Uuid;

use crate::{
    auth::{
        CODE_PATH, HOME_PATH, LOGIN_PATH,
        middleware::private,
        session as staff_session,
        throttle::{self, Decision},
    },
    context::AppContext,
    db::{
        self,
        audit::{self, NewAuditEvent},
    },
    error::AppError,
    web::{html, see_other},
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource(LOGIN_PATH).get(password::show).post(password::submit))
        .service(web::resource(CODE_PATH).get(code::show_code).post(code::submit_code))
        .service(web::resource("/staff/logout").post(logout::logout));
}

fn render(status: StatusCode, page: &impl Template) -> Result<HttpResponse, AppError> {
    let mut response = html(status, page)?;
    private(response.headers_mut());
    Ok(response)
}

fn redirect(location: &str) -> HttpResponse {
    let mut response = see_other(location);
    private(response.headers_mut());
    response
}

/// Where a sign-in lands.
fn landing(next: &str) -> &str {
    if next.is_empty() { HOME_PATH } else { next }
}

fn minutes(secs: i64) -> i64 {
    (secs.max(1) + 59) / 60
}

fn throttled(page: &impl Template, retry_after_secs: i64) -> Result<HttpResponse, AppError> {
    let mut response = render(StatusCode::TOO_MANY_REQUESTS, page)?;
    if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&retry_after_secs.max(1).to_string()) {
        response
            .headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, value);
    }
    Ok(response)
}

/// Who is trying to sign in from where: the keys of throttling and the audit trail.
pub(in crate::routes::staff) struct Source {
    pub(in crate::routes::staff) email_hash: String,
    pub(in crate::routes::staff) block: String,
    address: Option<String>,
}

impl Source {
    /// What throttling says of another attempt from here, given the failures of the last hour.
    pub(in crate::routes::staff) async fn decision(&self, app: &AppContext) -> Result<Decision, AppError> {
        let counts =
            db::login_failures::counts(&app.pool, &self.email_hash, &self.block, throttle::WINDOW_SECS).await?;
        let decision = throttle::decide(&counts);
        if matches!(decision, Decision::Wait { .. }) {
            app.metrics.sign_in_throttled.inc();
        }
        Ok(decision)
    }

    pub(in crate::routes::staff) fn of(req: &HttpRequest, email: &str) -> Source {
        Source {
            email_hash: email_hash(email),
            block: staff_session::source_block(req),
            address: staff_session::source_address(req).map(|a| a.to_string()),
        }
    }
}

/// Records a security event (sign-in, sign-out, a change to one's own account), with the client's
/// address. `actor`: the staff member who did it (`None`: a visitor not signed in); `subject`: the
/// account concerned, when known.
pub(in crate::routes::staff) async fn audit_security(
    conn: &mut sqlx::PgConnection,
    actor: Option<Uuid>,
    subject: Option<Uuid>,
    action: &str,
    detail: serde_json::Value,
    address: Option<&str>,
) -> Result<(), AppError> {
    let subject_id = subject.map(|id| id.to_string());
    audit::record(
        conn,
        &NewAuditEvent {
            staff_user_id: actor,
            action,
            subject_type: subject.map(|_| "staff_user"),
            subject_id: subject_id.as_deref(),
            detail: Some(detail),
            source_address: address,
            ..Default::default()
        },
    )
    .await?;
    Ok(())
}

/// The SHA-256 (hex) of the lower-cased email: failed attempts on one address can be grouped in
/// the audit trail without the address itself being stored.
pub fn email_hash(email: &str) -> String {
    let digest = sha2::Sha256::digest(email.trim().to_lowercase().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::email_hash;

    #[test]
    fn email_hash_is_sha256_hex_of_the_lower_cased_address() {
        let expected = "8e43ca37701228e74983efdbd0cff5c16b3b1e5d4e29a7c05626d4d25a018e11";
        assert_eq!(email_hash("ana@example.com"), expected);
        assert_eq!(email_hash(" Ana@Example.COM "), expected);
    }
}
