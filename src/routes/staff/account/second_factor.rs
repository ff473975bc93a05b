//! Two-step verification of one's own account: set-up, new recovery codes, turning it off.

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use super::{audit_own, end_sessions, page::refuse_on_account};
use crate::{
    auth::{CurrentStaff, SECOND_FACTOR_PATH, password, second_factor},
    context::{App, AppContext},
    db,
    error::AppError,
    web::{forms::FormErrors, html, page::PageCtx, see_other},
};

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
    end_sessions(&mut tx, &staff, &req, true, "staff.second_factor_on", "sessions_ended").await?;
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
