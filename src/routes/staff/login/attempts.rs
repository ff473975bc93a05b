//! What a sign-in attempt leaves: a session and its audit entry when it succeeds; when it fails, a
//! failure counted for throttling, audited, and emailed to the admins when it starts a throttle.

use actix_session::Session;
use actix_web::HttpRequest;
use serde_json::json;

use super::{Source, audit_security};
use crate::{
    auth::{session as staff_session, throttle},
    context::AppContext,
    db::{self, staff::StaffUser},
    email::messages::{EmailCtx, SecurityAlert},
    error::AppError,
    i18n::Lang,
    links,
    outbox::{self, Envelope},
    web::session::TypedSession,
};

/// Why a sign-in failed, for the audit trail only: the visitor always sees the same message.
#[derive(Debug, Clone, Copy)]
pub(super) enum Failure {
    UnknownEmail,
    WrongPassword,
    Disabled,
    WrongCode,
}

impl Failure {
    fn as_str(self) -> &'static str {
        match self {
            Failure::UnknownEmail => "unknown_email",
            Failure::WrongPassword => "wrong_password",
            Failure::Disabled => "disabled",
            Failure::WrongCode => "wrong_code",
        }
    }
}

/// Opens the server-side session (audited with the source address), and returns its cookie.
pub(super) async fn signed_in(
    app: &AppContext,
    req: &HttpRequest,
    session: &Session,
    source: &Source,
    user: &StaffUser,
    second_factor: Option<&str>,
) -> Result<actix_web::cookie::Cookie<'static>, AppError> {
    let id = user.staff_user_id;
    let mut tx = app.pool.begin().await?;
    db::login_failures::clear_pair(&mut *tx, &source.email_hash, &source.block).await?;
    let (session_id, cookie) = staff_session::open(&mut tx, &app.settings, id, req).await?;
    let detail = json!({ "session": session_id, "second_factor": second_factor });
    let address = source.address.as_deref();
    audit_security(&mut tx, Some(id), Some(id), "staff.login", detail, address).await?;
    if second_factor == Some("recovery_code") {
        let left = db::staff::recovery_codes_left(&mut *tx, id).await?;
        let detail = json!({ "left": left });
        audit_security(&mut tx, Some(id), Some(id), "staff.recovery_code_used", detail, address).await?;
    }
    tx.commit().await?;

    // A new session cookie and CSRF token for the signed-in state.
    session.renew();
    TypedSession(session).rotate_csrf_token();
    tracing::info!(staff_user_id = %id, "staff signed in");
    Ok(cookie)
}

/// Records a failure for throttling and the audit trail; the failure that starts a throttle is
/// also audited as such and emailed to the admins.
pub(super) async fn failed(
    app: &AppContext,
    source: &Source,
    user: Option<&StaffUser>,
    failure: Failure,
) -> Result<(), AppError> {
    app.metrics.sign_in_failures.inc();
    let mut tx = app.pool.begin().await?;
    db::login_failures::record(&mut *tx, &source.email_hash, &source.block).await?;
    let counts = db::login_failures::counts(&mut *tx, &source.email_hash, &source.block, throttle::WINDOW_SECS).await?;
    let subject = user.map(|u| u.staff_user_id);
    let address = source.address.as_deref();
    let detail = json!({
        "email_hash": source.email_hash,
        "reason": failure.as_str(),
        "failures_from_here": counts.pair,
    });
    audit_security(&mut tx, None, subject, "staff.login_failed", detail, address).await?;
    let starts = throttle::starts_throttle(counts.pair);
    if starts {
        let wait = throttle::pair_wait_secs(counts.pair);
        let detail = json!({
            "email_hash": source.email_hash,
            "source_block": source.block,
            "failures": counts.pair,
            "wait_seconds": wait,
        });
        audit_security(&mut tx, None, subject, "staff.login_throttled", detail, address).await?;
        alert_admins(app, &mut tx, source, user, counts.pair).await?;
    }
    tx.commit().await?;
    tracing::info!(reason = failure.as_str(), throttled = starts, "staff sign-in failed");
    Ok(())
}

/// Emails every active admin that sign-in from an address is being throttled.
async fn alert_admins(
    app: &AppContext,
    conn: &mut sqlx::PgConnection,
    source: &Source,
    user: Option<&StaffUser>,
    failures: i64,
) -> Result<(), AppError> {
    let lang = Lang::En;
    let account = match user {
        Some(u) => u.email.clone(),
        None => lang.t("email-security-unknown-account"),
    };
    let alert = SecurityAlert {
        ctx: EmailCtx {
            lang,
            firm_name: app.settings.firm_name.clone(),
        },
        headline: lang.t("email-security-throttled-headline"),
        facts: vec![
            (lang.t("email-security-account"), account),
            (
                lang.t("email-security-source"),
                source.address.clone().unwrap_or_else(|| source.block.clone()),
            ),
            (lang.t("email-security-failures"), failures.to_string()),
        ],
        advice: lang.t("email-security-throttled-advice"),
        staff_url: links::staff_audit(&app.settings, "staff.login"),
    };
    for admin in db::staff::admin_emails(&mut *conn).await? {
        let Ok(address) = admin.parse() else { continue };
        let to = lettre::message::Mailbox::new(None, address);
        outbox::enqueue(conn, &Envelope::to(&to), &alert).await?;
    }
    Ok(())
}
