//! `/staff/login` and `/staff/logout`: signing staff in and out. Every way a sign-in can fail
//! (unknown email, wrong password, disabled or locked account) gives the same answer after the same
//! work, so the page never tells whether an account exists.

use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use secrecy::SecretString;
use serde::Deserialize;
use sha2::Digest as _;

use crate::{
    auth::{CurrentStaff, HOME_PATH, LOGIN_PATH, middleware::private, password, safe_next},
    db::{
        self,
        audit::{self, NewAuditEvent},
        staff::StaffUser,
    },
    domain::email_address::EmailAddress,
    error::AppError,
    startup::AppContext,
    web::{
        forms::FormErrors,
        html,
        page::PageCtx,
        see_other,
        session::{StaffSignIn, TypedSession},
    },
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource(LOGIN_PATH).get(show).post(submit))
        .service(web::resource("/staff/logout").post(logout));
}

/// Longest email or password looked up; anything longer fails like a wrong password.
const MAX_EMAIL_CHARS: usize = 254;
const MAX_PASSWORD_CHARS: usize = 1024;

#[derive(Template)]
#[template(path = "staff/login.html")]
pub struct LoginPage {
    pub ctx: PageCtx,
    /// Always `None`: nobody is signed in here as far as the layout is concerned.
    pub staff: Option<CurrentStaff>,
    pub email: String,
    /// Where to go after signing in (a safe `/staff` path, or empty).
    pub next: String,
    /// The previous session ran out.
    pub expired: bool,
    /// The email and password did not sign anyone in.
    pub failed: bool,
    pub errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginQuery {
    pub next: String,
    pub expired: String,
}

/// The form as posted. No `Debug`: it holds a password.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct LoginInput {
    pub email: String,
    pub password: String,
    pub next: String,
}

fn render(status: StatusCode, page: &LoginPage) -> Result<HttpResponse, AppError> {
    let mut response = html(status, page)?;
    private(response.headers_mut());
    Ok(response)
}

fn redirect(location: &str) -> HttpResponse {
    let mut response = see_other(location);
    private(response.headers_mut());
    response
}

pub async fn show(ctx: PageCtx, query: web::Query<LoginQuery>) -> Result<HttpResponse, AppError> {
    let page = LoginPage {
        ctx,
        staff: None,
        email: String::new(),
        next: safe_next(&query.next).unwrap_or_default().to_owned(),
        expired: query.expired == "1",
        failed: false,
        errors: FormErrors::default(),
    };
    render(StatusCode::OK, &page)
}

/// Why a sign-in failed, for the audit trail only: the visitor always sees the same message.
#[derive(Debug, Clone, Copy)]
enum Failure {
    UnknownEmail,
    WrongPassword,
    Disabled,
    Locked,
}

impl Failure {
    fn as_str(self) -> &'static str {
        match self {
            Failure::UnknownEmail => "unknown_email",
            Failure::WrongPassword => "wrong_password",
            Failure::Disabled => "disabled",
            Failure::Locked => "locked",
        }
    }
}

#[tracing::instrument(skip_all)]
pub async fn submit(
    ctx: PageCtx,
    session: Session,
    app: web::Data<AppContext>,
    input: web::Form<LoginInput>,
) -> Result<HttpResponse, AppError> {
    let input = input.into_inner();
    let email = input.email.trim().to_lowercase();
    let next = safe_next(input.next.trim()).unwrap_or_default().to_owned();
    let mut page = LoginPage {
        ctx,
        staff: None,
        email: input.email.trim().to_owned(),
        next,
        expired: false,
        failed: false,
        errors: FormErrors::default(),
    };
    if email.is_empty() {
        page.errors.add("email", "err-staff-email-required");
    }
    if input.password.is_empty() {
        page.errors.add("password", "err-staff-password-required");
    }
    if !page.errors.is_empty() {
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }

    // The same work whatever the outcome: one lookup, one argon2 verification (against a dummy hash
    // when there is no account), one write.
    // An address with control characters (NUL cannot even be sent to PostgreSQL) is no account's.
    let plausible = email.chars().count() <= MAX_EMAIL_CHARS
        && !email.chars().any(char::is_control)
        && input.password.chars().count() <= MAX_PASSWORD_CHARS;
    let user = if plausible {
        db::staff::find_by_email(&app.pool, &email).await?
    } else {
        None
    };
    let expected = user.as_ref().map(|u| u.password_hash.clone());
    let verified = password::verify(SecretString::from(input.password), expected).await?;
    let now = chrono::Utc::now();
    let outcome = match &user {
        None => Err(Failure::UnknownEmail),
        Some(u) if !u.active => Err(Failure::Disabled),
        Some(u) if u.is_locked(now) => Err(Failure::Locked),
        Some(_) if !verified => Err(Failure::WrongPassword),
        Some(u) => Ok(u),
    };

    match outcome {
        Ok(user) => {
            signed_in(&app, &session, user, now).await?;
            let to = if page.next.is_empty() {
                HOME_PATH
            } else {
                page.next.as_str()
            };
            Ok(redirect(to))
        }
        Err(failure) => {
            failed(&app, user.as_ref(), &email, failure).await?;
            page.failed = true;
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

async fn signed_in(
    app: &AppContext,
    session: &Session,
    user: &StaffUser,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let id = user.staff_user_id;
    let mut tx = app.pool.begin().await?;
    db::staff::reset_failed_logins(&mut tx, id).await?;
    audit::record(
        &mut tx,
        &NewAuditEvent {
            staff_user_id: Some(id),
            action: "staff.login",
            subject_type: Some("staff_user"),
            subject_id: Some(&id.to_string()),
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await?;

    // A new session (new cookie) for the signed-in state, with a new CSRF token.
    session.renew();
    let typed = TypedSession(session);
    typed.rotate_csrf_token();
    let now_ms = now.timestamp_millis();
    typed.set_staff_sign_in(&StaffSignIn {
        staff_id: id,
        login_ms: now_ms,
        last_seen_ms: now_ms,
        password_version: user.password_changed_at.timestamp_micros(),
    });
    tracing::info!(staff_user_id = %id, "staff signed in");
    Ok(())
}

async fn failed(app: &AppContext, user: Option<&StaffUser>, email: &str, failure: Failure) -> Result<(), AppError> {
    let mut tx = app.pool.begin().await?;
    let locked_until = match user {
        Some(user) => db::staff::record_failed_login(&mut tx, user.staff_user_id).await?,
        None => None,
    };
    let subject_id = user.map(|u| u.staff_user_id.to_string());
    audit::record(
        &mut tx,
        &NewAuditEvent {
            staff_user_id: None,
            action: "staff.login_failed",
            subject_type: user.map(|_| "staff_user"),
            subject_id: subject_id.as_deref(),
            detail: Some(serde_json::json!({
                "email_hash": email_hash(email),
                "reason": failure.as_str(),
                "locked_until": locked_until,
            })),
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await?;
    let masked = EmailAddress::parse(email).map(|e| e.masked()).unwrap_or_default();
    tracing::info!(email = %masked, reason = failure.as_str(), locked = locked_until.is_some(), "staff sign-in failed");
    Ok(())
}

/// The SHA-256 (hex) of the lower-cased email: failed attempts on one address can be grouped in
/// the audit trail without the address itself being stored.
pub fn email_hash(email: &str) -> String {
    let digest = sha2::Sha256::digest(email.trim().to_lowercase().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[tracing::instrument(skip_all)]
pub async fn logout(session: Session, app: web::Data<AppContext>) -> Result<HttpResponse, AppError> {
    if let Some(sign_in) = TypedSession(&session).staff_sign_in()
        && let Some(user) = db::staff::find_by_id(&app.pool, sign_in.staff_id).await?
    {
        let id = user.staff_user_id;
        let mut conn = app.pool.acquire().await?;
        audit::record(
            &mut conn,
            &NewAuditEvent {
                staff_user_id: Some(id),
                action: "staff.logout",
                subject_type: Some("staff_user"),
                subject_id: Some(&id.to_string()),
                ..Default::default()
            },
        )
        .await?;
        tracing::info!(staff_user_id = %id, "staff signed out");
    }
    session.purge();
    Ok(redirect(LOGIN_PATH))
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
