//! `/staff/account`: a staff member's own account. Their open sessions (where and when, this one
//! marked) with "sign out" for each, "sign out of every other session" and "sign out everywhere";
//! changing their password (the current one required; their other sessions end); two-step
//! verification: set-up by QR code (or the key typed by hand) and a typed code, ten recovery codes
//! shown once, new recovery codes, turning it off (not while the firm requires it). Every change is
//! in the audit trail with the client's address.

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::{
    auth::{CurrentStaff, LOGIN_PATH, SECOND_FACTOR_PATH, password, second_factor, session as staff_session, throttle},
    context::{App, AppContext},
    db::{
        self,
        audit::{self, NewAuditEvent},
    },
    error::AppError,
    web::{forms::FormErrors, html, page::PageCtx, see_other},
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    let setup = web::resource("/account/second-factor")
        .get(show_setup)
        .post(confirm_setup);
    cfg.route("/account", web::get().to(show));
    cfg.route("/account/password", web::post().to(change_password));
    cfg.route("/account/sessions/{id}/end", web::post().to(end_session));
    cfg.route("/account/sessions/end-others", web::post().to(end_others));
    cfg.route("/account/sessions/end-all", web::post().to(end_all));
    cfg.service(setup);
    cfg.route("/account/recovery-codes", web::post().to(new_recovery_codes));
    cfg.route("/account/second-factor/remove", web::post().to(remove));
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
    let id = staff.id.to_string();
    audit::record(
        conn,
        &NewAuditEvent {
            staff_user_id: Some(staff.id),
            action,
            subject_type: Some("staff_user"),
            subject_id: Some(&id),
            detail: Some(detail),
            source_address: address.as_deref(),
            ..Default::default()
        },
    )
    .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The account page.

pub struct SessionView {
    pub id: String,
    pub current: bool,
    pub opened: String,
    pub last_seen: String,
    pub address: String,
    pub browser: String,
}

#[derive(Template)]
#[template(path = "staff/account.html")]
pub struct AccountPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub sessions: Vec<SessionView>,
    pub second_factor: bool,
    pub recovery_codes_left: i64,
    pub second_factor_required: bool,
    /// What was just done: "password", "sessions", "removed", or empty.
    pub done: String,
    pub errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DoneQuery {
    pub done: String,
}

async fn account_page(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    done: &str,
    errors: FormErrors,
) -> Result<AccountPage, AppError> {
    let tz = app.settings.firm_time_zone;
    let fmt = |t: chrono::DateTime<Utc>| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    let idle = chrono::Duration::from_std(app.settings.staff_idle_timeout).unwrap_or(chrono::Duration::MAX);
    let idle_since = Utc::now()
        .checked_sub_signed(idle)
        .unwrap_or(chrono::DateTime::<Utc>::MIN_UTC);
    let sessions = db::staff_sessions::list_open(&app.pool, staff.id, idle_since)
        .await?
        .into_iter()
        .map(|s| SessionView {
            id: s.staff_session_id.to_string(),
            current: s.staff_session_id == staff.session_id,
            opened: fmt(s.created_at),
            last_seen: fmt(s.last_seen_at),
            address: s.source_address.unwrap_or_default(),
            browser: browser_name(s.user_agent.as_deref().unwrap_or_default()),
        })
        .collect();
    Ok(AccountPage {
        sessions,
        second_factor: staff.has_second_factor,
        recovery_codes_left: db::staff::recovery_codes_left(&app.pool, staff.id).await?,
        second_factor_required: db::staff::second_factor_required(&app.pool).await?,
        done: done.to_owned(),
        errors,
        ctx,
        staff: Some(staff),
    })
}

/// A short name for a browser from its user agent ("Firefox on Windows"), or the start of it.
fn browser_name(ua: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    let system = [
        ("Windows", "Windows"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Mac OS X", "macOS"),
        ("Android", "Android"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(b), None) => b.to_owned(),
        (None, Some(s)) => s.to_owned(),
        (None, None) => ua.chars().take(40).collect(),
    }
}

pub async fn show(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let page = account_page(ctx, staff, &app, &query.done, FormErrors::default()).await?;
    html(StatusCode::OK, &page)
}

// ---------------------------------------------------------------------------------------------
// Sessions.

pub async fn end_session(
    staff: CurrentStaff,
    req: HttpRequest,
    app: App,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = Uuid::parse_str(&path).map_err(|_| AppError::NotFound)?;
    let mut tx = app.pool.begin().await?;
    if db::staff_sessions::revoke(&mut *tx, staff.id, id).await? {
        audit_own(&mut tx, &staff, &req, "staff.session_end", json!({ "session": id })).await?;
    }
    tx.commit().await?;
    if id == staff.session_id {
        return signed_out(&app);
    }
    Ok(see_other("/staff/account?done=sessions#sessions"))
}

pub async fn end_others(staff: CurrentStaff, req: HttpRequest, app: App) -> Result<HttpResponse, AppError> {
    let mut tx = app.pool.begin().await?;
    let ended = db::staff_sessions::revoke_all(&mut *tx, staff.id, Some(staff.session_id)).await?;
    audit_own(
        &mut tx,
        &staff,
        &req,
        "staff.sessions_end_others",
        json!({ "ended": ended }),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other("/staff/account?done=sessions#sessions"))
}

pub async fn end_all(staff: CurrentStaff, req: HttpRequest, app: App) -> Result<HttpResponse, AppError> {
    let mut tx = app.pool.begin().await?;
    let ended = db::staff_sessions::revoke_all(&mut *tx, staff.id, None).await?;
    audit_own(
        &mut tx,
        &staff,
        &req,
        "staff.sessions_end_all",
        json!({ "ended": ended }),
    )
    .await?;
    tx.commit().await?;
    signed_out(&app)
}

/// To the sign-in page, with the session cookie removed.
fn signed_out(app: &AppContext) -> Result<HttpResponse, AppError> {
    let mut response = see_other(LOGIN_PATH);
    staff_session::set(&mut response, &staff_session::removal(&app.settings))?;
    Ok(response)
}

// ---------------------------------------------------------------------------------------------
// Password.

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
    let source = super::login::Source::of(&req, &user.email);
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
        let page = account_page(ctx, staff, &app, "", errors).await?;
        return html(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    let hash = password::hash(SecretString::from(input.new_password)).await?;
    let mut tx = app.pool.begin().await?;
    db::staff::set_password_hash(&mut tx, staff.id, &hash).await?;
    let ended = db::staff_sessions::revoke_all(&mut *tx, staff.id, Some(staff.session_id)).await?;
    audit_own(
        &mut tx,
        &staff,
        &req,
        "staff.password_change",
        json!({ "sessions_ended": ended }),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other("/staff/account?done=password#password"))
}

// ---------------------------------------------------------------------------------------------
// Two-step verification.

#[derive(Template)]
#[template(path = "staff/second_factor_setup.html")]
pub struct SetupPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    /// The QR code of the otpauth:// URL, as SVG markup.
    pub qr_svg: String,
    /// The key, for typing into the app by hand.
    pub secret: String,
    /// The firm requires it: the staff member cannot go anywhere else before it is set up.
    pub required: bool,
    pub errors: FormErrors,
}

#[derive(Template)]
#[template(path = "staff/recovery_codes.html")]
pub struct RecoveryCodesPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub codes: Vec<String>,
    /// Just set up (rather than new codes for an existing set-up).
    pub first: bool,
}

/// The set-up page for the secret being enrolled (a new one when none is being enrolled).
async fn setup_page(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    errors: FormErrors,
) -> Result<SetupPage, AppError> {
    let secret = match db::staff::totp_state(&app.pool, staff.id).await? {
        Some(state) if !state.enabled => state.secret,
        _ => {
            let secret = second_factor::new_secret();
            let mut conn = app.pool.acquire().await?;
            db::staff::start_totp(&mut conn, staff.id, &secret).await?;
            secret
        }
    };
    let totp = second_factor::totp(&secret, &app.settings.firm_name, &staff.email)
        .ok_or_else(|| anyhow::anyhow!("a TOTP secret could not be used"))?;
    Ok(SetupPage {
        qr_svg: second_factor::qr_svg(&totp).unwrap_or_default(),
        secret: second_factor::secret_for_typing(&totp),
        required: db::staff::second_factor_required(&app.pool).await?,
        errors,
        ctx,
        staff: Some(staff),
    })
}

pub async fn show_setup(ctx: PageCtx, staff: CurrentStaff, app: App) -> Result<HttpResponse, AppError> {
    if staff.has_second_factor {
        return Ok(see_other("/staff/account#second-factor"));
    }
    let page = setup_page(ctx, staff, &app, FormErrors::default()).await?;
    html(StatusCode::OK, &page)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeInput {
    pub code: String,
}

/// Confirms the set-up with a code from the app: the second factor is then in force, and ten
/// recovery codes are shown, once.
pub async fn confirm_setup(
    ctx: PageCtx,
    staff: CurrentStaff,
    req: HttpRequest,
    app: App,
    input: web::Form<CodeInput>,
) -> Result<HttpResponse, AppError> {
    if staff.has_second_factor {
        return Ok(see_other("/staff/account#second-factor"));
    }
    let state = db::staff::totp_state(&app.pool, staff.id).await?.filter(|s| !s.enabled);
    let step = match (&state, second_factor::classify(&input.code)) {
        (Some(state), second_factor::Typed::Totp(code)) => {
            second_factor::totp(&state.secret, &app.settings.firm_name, &staff.email).and_then(|totp| {
                let now = u64::try_from(Utc::now().timestamp()).unwrap_or(0);
                second_factor::check(&totp, &code, now)
            })
        }
        _ => None,
    };
    let Some(step) = step else {
        let mut errors = FormErrors::default();
        errors.add("code", "err-setup-code");
        let page = setup_page(ctx, staff, &app, errors).await?;
        return html(StatusCode::UNPROCESSABLE_ENTITY, &page);
    };
    let mut tx = app.pool.begin().await?;
    db::staff::enable_totp(&mut tx, staff.id, step).await?;
    let codes = issue_recovery_codes(&mut tx, staff.id).await?;
    // Sessions opened with the password alone end; this one, where the code was just typed, stays.
    let ended = db::staff_sessions::revoke_all(&mut *tx, staff.id, Some(staff.session_id)).await?;
    audit_own(
        &mut tx,
        &staff,
        &req,
        "staff.second_factor_on",
        json!({ "sessions_ended": ended }),
    )
    .await?;
    tx.commit().await?;
    let page = RecoveryCodesPage {
        ctx,
        staff: Some(CurrentStaff {
            has_second_factor: true,
            ..staff
        }),
        codes,
        first: true,
    };
    html(StatusCode::OK, &page)
}

/// Ten new recovery codes for the staff member, replacing any earlier ones; only their hashes are
/// stored, the codes themselves are returned to be shown once.
async fn issue_recovery_codes(conn: &mut sqlx::PgConnection, id: Uuid) -> Result<Vec<String>, AppError> {
    let codes = second_factor::new_recovery_codes();
    let hashes: Vec<Vec<u8>> = codes.iter().map(|c| second_factor::recovery_code_hash(c)).collect();
    db::staff::replace_recovery_codes(conn, id, &hashes).await?;
    Ok(codes)
}

/// No `Debug`: it holds a password. Each form of the page has its own field (ids are unique).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct PasswordConfirm {
    pub codes_password: String,
    pub remove_password: String,
}

/// The staff member's password, checked again before a change to their second factor.
async fn password_confirmed(app: &AppContext, staff: &CurrentStaff, typed: String) -> Result<bool, AppError> {
    let Some(user) = db::staff::find_by_id(&app.pool, staff.id).await? else {
        return Ok(false);
    };
    if typed.is_empty() {
        return Ok(false);
    }
    Ok(password::verify(SecretString::from(typed), Some(user.password_hash)).await?)
}

async fn refuse_on_account(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    field: &'static str,
    key: &'static str,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    errors.add(field, key);
    let page = account_page(ctx, staff, app, "", errors).await?;
    html(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// Ten new recovery codes (the old ones stop working), after the password.
pub async fn new_recovery_codes(
    ctx: PageCtx,
    staff: CurrentStaff,
    req: HttpRequest,
    app: App,
    input: web::Form<PasswordConfirm>,
) -> Result<HttpResponse, AppError> {
    if !staff.has_second_factor {
        return Ok(see_other(SECOND_FACTOR_PATH));
    }
    if !password_confirmed(&app, &staff, input.into_inner().codes_password).await? {
        return refuse_on_account(ctx, staff, &app, "codes_password", "err-account-current-wrong").await;
    }
    let mut tx = app.pool.begin().await?;
    let codes = issue_recovery_codes(&mut tx, staff.id).await?;
    audit_own(&mut tx, &staff, &req, "staff.recovery_codes_new", json!({})).await?;
    tx.commit().await?;
    let page = RecoveryCodesPage {
        ctx,
        staff: Some(staff),
        codes,
        first: false,
    };
    html(StatusCode::OK, &page)
}

/// Turns two-step verification off, after the password; not while the firm requires it.
pub async fn remove(
    ctx: PageCtx,
    staff: CurrentStaff,
    req: HttpRequest,
    app: App,
    input: web::Form<PasswordConfirm>,
) -> Result<HttpResponse, AppError> {
    if db::staff::second_factor_required(&app.pool).await? {
        return refuse_on_account(
            ctx,
            staff,
            &app,
            "remove_password",
            "err-account-second-factor-required",
        )
        .await;
    }
    if !password_confirmed(&app, &staff, input.into_inner().remove_password).await? {
        return refuse_on_account(ctx, staff, &app, "remove_password", "err-account-current-wrong").await;
    }
    let mut tx = app.pool.begin().await?;
    if db::staff::remove_totp(&mut tx, staff.id).await? {
        audit_own(&mut tx, &staff, &req, "staff.second_factor_off", json!({})).await?;
    }
    tx.commit().await?;
    Ok(see_other("/staff/account?done=removed#second-factor"))
}

#[cfg(test)]
mod tests {
    use super::browser_name;

    #[test]
    fn browsers_are_named_shortly() {
        assert_eq!(
            browser_name(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"
            ),
            "Chrome · Linux"
        );
        assert_eq!(
            browser_name("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"),
            "Firefox · Windows"
        );
        assert_eq!(browser_name("curl/8.5"), "curl/8.5");
    }
}
