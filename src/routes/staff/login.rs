//! `/staff/login`, `/staff/login/code` and `/staff/logout`: signing staff in (password, then the
//! code of the authenticator app when they have a second factor) and out. Every way a sign-in can
//! fail (unknown email, wrong password, disabled account) gives the same answer after the same
//! work, so the page never tells whether an account exists. Failures are throttled per email and
//! source address (`auth::throttle`), never by locking the account: an attacker elsewhere cannot
//! keep the owner out.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use secrecy::SecretString;
use serde::Deserialize;
use sha2::Digest as _;

use crate::{
    auth::{
        CODE_PATH, CurrentStaff, HOME_PATH, LOGIN_PATH,
        middleware::private,
        password, safe_next,
        second_factor::{self, Typed},
        session as staff_session,
        throttle::{self, Decision},
    },
    context::AppContext,
    db::{
        self,
        audit::{self, NewAuditEvent},
        staff::StaffUser,
    },
    email::messages::{EmailCtx, SecurityAlert},
    error::AppError,
    i18n::Lang,
    outbox::{self, Envelope},
    web::{
        forms::FormErrors,
        html,
        page::PageCtx,
        see_other,
        session::{PendingSignIn, TypedSession},
    },
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource(LOGIN_PATH).get(show).post(submit))
        .service(web::resource(CODE_PATH).get(show_code).post(submit_code))
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
    /// Too many failures from here for this email: minutes to wait (0: not throttled).
    pub wait_minutes: i64,
    pub errors: FormErrors,
}

#[derive(Template)]
#[template(path = "staff/login_code.html")]
pub struct CodePage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    /// The code was not right.
    pub failed: bool,
    /// Too many failures: minutes to wait (0: not throttled).
    pub wait_minutes: i64,
    pub errors: FormErrors,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CodeInput {
    pub code: String,
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

pub async fn show(ctx: PageCtx, query: web::Query<LoginQuery>) -> Result<HttpResponse, AppError> {
    let page = LoginPage {
        ctx,
        staff: None,
        email: String::new(),
        next: safe_next(&query.next).unwrap_or_default().to_owned(),
        expired: query.expired == "1",
        failed: false,
        wait_minutes: 0,
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

#[tracing::instrument(skip_all)]
pub async fn submit(
    ctx: PageCtx,
    req: HttpRequest,
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
        wait_minutes: 0,
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

    let source = Source::of(&req, &email);
    match source.decision(&app).await? {
        Decision::Wait { retry_after_secs } => {
            tracing::info!(reason = "throttled", "staff sign-in refused");
            page.wait_minutes = minutes(retry_after_secs);
            return throttled(&page, retry_after_secs);
        }
        Decision::Try { slow_down } if !slow_down.is_zero() => tokio::time::sleep(slow_down).await,
        Decision::Try { .. } => {}
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
    let outcome = match &user {
        None => Err(Failure::UnknownEmail),
        Some(u) if !u.active => Err(Failure::Disabled),
        Some(_) if !verified => Err(Failure::WrongPassword),
        Some(u) => Ok(u),
    };

    match outcome {
        Ok(user) if user.has_second_factor() => {
            // The password was right; the code comes next. Failures so far from here stay counted
            // until the code is right too.
            TypedSession(&session).set_pending_sign_in(&PendingSignIn {
                staff_id: user.staff_user_id,
                at_ms: chrono::Utc::now().timestamp_millis(),
                next: page.next.clone(),
            });
            Ok(redirect(CODE_PATH))
        }
        Ok(user) => {
            let cookie = signed_in(&app, &req, &session, &source, user, None).await?;
            let mut response = redirect(landing(&page.next));
            staff_session::set(&mut response, &cookie)?;
            Ok(response)
        }
        Err(failure) => {
            failed(&app, &source, user.as_ref(), failure).await?;
            page.failed = true;
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
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
pub(super) struct Source {
    pub(super) email_hash: String,
    pub(super) block: String,
    address: Option<String>,
}

impl Source {
    /// What throttling says of another attempt from here, given the failures of the last hour.
    pub(super) async fn decision(&self, app: &AppContext) -> Result<Decision, AppError> {
        let counts =
            db::login_failures::counts(&app.pool, &self.email_hash, &self.block, throttle::WINDOW_SECS).await?;
        let decision = throttle::decide(&counts);
        if matches!(decision, Decision::Wait { .. }) {
            app.metrics.sign_in_throttled.inc();
        }
        Ok(decision)
    }

    pub(super) fn of(req: &HttpRequest, email: &str) -> Source {
        Source {
            email_hash: email_hash(email),
            block: staff_session::source_block(req),
            address: staff_session::source_address(req).map(|a| a.to_string()),
        }
    }
}

pub async fn show_code(ctx: PageCtx, session: Session) -> Result<HttpResponse, AppError> {
    if pending(&session).is_none() {
        return Ok(redirect(LOGIN_PATH));
    }
    let page = CodePage {
        ctx,
        staff: None,
        failed: false,
        wait_minutes: 0,
        errors: FormErrors::default(),
    };
    render(StatusCode::OK, &page)
}

/// The sign-in waiting for its code, while it is fresh.
fn pending(session: &Session) -> Option<PendingSignIn> {
    let typed = TypedSession(session);
    let pending = typed.pending_sign_in()?;
    if pending.is_fresh(chrono::Utc::now().timestamp_millis()) {
        Some(pending)
    } else {
        typed.clear_pending_sign_in();
        None
    }
}

#[tracing::instrument(skip_all)]
pub async fn submit_code(
    ctx: PageCtx,
    req: HttpRequest,
    session: Session,
    app: web::Data<AppContext>,
    input: web::Form<CodeInput>,
) -> Result<HttpResponse, AppError> {
    let Some(pending) = pending(&session) else {
        return Ok(redirect(&crate::auth::login_url(None, true)));
    };
    let mut page = CodePage {
        ctx,
        staff: None,
        failed: false,
        wait_minutes: 0,
        errors: FormErrors::default(),
    };
    let Some(user) = db::staff::find_by_id(&app.pool, pending.staff_id)
        .await?
        .filter(|u| u.active)
    else {
        TypedSession(&session).clear_pending_sign_in();
        return Ok(redirect(LOGIN_PATH));
    };
    let source = Source::of(&req, &user.email);
    if let Decision::Wait { retry_after_secs } = source.decision(&app).await? {
        page.wait_minutes = minutes(retry_after_secs);
        return throttled(&page, retry_after_secs);
    }
    let typed = second_factor::classify(&input.code);
    if typed == Typed::Malformed {
        page.errors.add("code", "err-staff-code-format");
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }

    let used = match &typed {
        Typed::Totp(code) => {
            let state = db::staff::totp_state(&app.pool, user.staff_user_id).await?;
            let step = state.filter(|s| s.enabled).and_then(|s| {
                let totp = second_factor::totp(&s.secret, &app.settings.firm_name, &user.email)?;
                let now = u64::try_from(chrono::Utc::now().timestamp()).unwrap_or(0);
                second_factor::check(&totp, code, now)
            });
            match step {
                Some(step) if db::staff::use_totp_step(&app.pool, user.staff_user_id, step).await? => Some("totp"),
                _ => None,
            }
        }
        Typed::Recovery(code) => {
            db::staff::use_recovery_code(&app.pool, user.staff_user_id, &second_factor::recovery_code_hash(code))
                .await?
                .then_some("recovery_code")
        }
        Typed::Malformed => None,
    };

    match used {
        Some(how) => {
            TypedSession(&session).clear_pending_sign_in();
            let cookie = signed_in(&app, &req, &session, &source, &user, Some(how)).await?;
            let mut response = redirect(landing(&pending.next));
            staff_session::set(&mut response, &cookie)?;
            Ok(response)
        }
        None => {
            failed(&app, &source, Some(&user), Failure::WrongCode).await?;
            page.failed = true;
            render(StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
    }
}

/// Opens the server-side session (audited with the source address), and returns its cookie.
async fn signed_in(
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
    audit::record(
        &mut tx,
        &NewAuditEvent {
            staff_user_id: Some(id),
            action: "staff.login",
            subject_type: Some("staff_user"),
            subject_id: Some(&id.to_string()),
            detail: Some(serde_json::json!({
                "session": session_id,
                "second_factor": second_factor,
            })),
            source_address: source.address.as_deref(),
            ..Default::default()
        },
    )
    .await?;
    if second_factor == Some("recovery_code") {
        let left = db::staff::recovery_codes_left(&mut *tx, id).await?;
        audit::record(
            &mut tx,
            &NewAuditEvent {
                staff_user_id: Some(id),
                action: "staff.recovery_code_used",
                subject_type: Some("staff_user"),
                subject_id: Some(&id.to_string()),
                detail: Some(serde_json::json!({ "left": left })),
                source_address: source.address.as_deref(),
                ..Default::default()
            },
        )
        .await?;
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
async fn failed(app: &AppContext, source: &Source, user: Option<&StaffUser>, failure: Failure) -> Result<(), AppError> {
    app.metrics.sign_in_failures.inc();
    let mut tx = app.pool.begin().await?;
    db::login_failures::record(&mut *tx, &source.email_hash, &source.block).await?;
    let counts = db::login_failures::counts(&mut *tx, &source.email_hash, &source.block, throttle::WINDOW_SECS).await?;
    let subject_id = user.map(|u| u.staff_user_id.to_string());
    audit::record(
        &mut tx,
        &NewAuditEvent {
            staff_user_id: None,
            action: "staff.login_failed",
            subject_type: user.map(|_| "staff_user"),
            subject_id: subject_id.as_deref(),
            detail: Some(serde_json::json!({
                "email_hash": source.email_hash,
                "reason": failure.as_str(),
                "failures_from_here": counts.pair,
            })),
            source_address: source.address.as_deref(),
            ..Default::default()
        },
    )
    .await?;
    let starts = throttle::starts_throttle(counts.pair);
    if starts {
        let wait = throttle::pair_wait_secs(counts.pair);
        audit::record(
            &mut tx,
            &NewAuditEvent {
                staff_user_id: None,
                action: "staff.login_throttled",
                subject_type: user.map(|_| "staff_user"),
                subject_id: subject_id.as_deref(),
                detail: Some(serde_json::json!({
                    "email_hash": source.email_hash,
                    "source_block": source.block,
                    "failures": counts.pair,
                    "wait_seconds": wait,
                })),
                source_address: source.address.as_deref(),
                ..Default::default()
            },
        )
        .await?;
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
        staff_url: format!("{}/staff/audit?action=staff.login", app.settings.base_url),
    };
    for admin in db::staff::admin_emails(&mut *conn).await? {
        let Ok(address) = admin.parse() else { continue };
        let to = lettre::message::Mailbox::new(None, address);
        outbox::enqueue(conn, &Envelope::to(&to), &alert).await?;
    }
    Ok(())
}

/// The SHA-256 (hex) of the lower-cased email: failed attempts on one address can be grouped in
/// the audit trail without the address itself being stored.
pub fn email_hash(email: &str) -> String {
    let digest = sha2::Sha256::digest(email.trim().to_lowercase().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[tracing::instrument(skip_all)]
pub async fn logout(req: HttpRequest, session: Session, app: web::Data<AppContext>) -> Result<HttpResponse, AppError> {
    if let Some(token) = staff_session::token_of(&req, &app.settings)
        && let Some(live) = db::staff_sessions::find_live(&app.pool, &crate::web::session::token_hash(&token)).await?
        && live.expires_at > chrono::Utc::now()
    {
        let id = live.staff_user_id;
        let address = staff_session::source_address(&req).map(|a| a.to_string());
        let mut tx = app.pool.begin().await?;
        db::staff_sessions::revoke(&mut *tx, id, live.staff_session_id).await?;
        audit::record(
            &mut tx,
            &NewAuditEvent {
                staff_user_id: Some(id),
                action: "staff.logout",
                subject_type: Some("staff_user"),
                subject_id: Some(&id.to_string()),
                detail: Some(serde_json::json!({ "session": live.staff_session_id })),
                source_address: address.as_deref(),
                ..Default::default()
            },
        )
        .await?;
        tx.commit().await?;
        tracing::info!(staff_user_id = %id, "staff signed out");
    }
    session.purge();
    let mut response = redirect(LOGIN_PATH);
    staff_session::set(&mut response, &staff_session::removal(&app.settings))?;
    Ok(response)
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
