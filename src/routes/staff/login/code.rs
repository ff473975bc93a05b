//! The second step: the code of the authenticator app, or a recovery code.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;

use super::{
    Source,
    attempts::{Failure, failed, signed_in},
    landing, minutes, redirect, render, throttled,
};
use crate::{
    auth::{
        CurrentStaff, LOGIN_PATH,
        second_factor::{self, Typed},
        session as staff_session,
        throttle::Decision,
    },
    context::App,
    db,
    error::AppError,
    web::{
        forms::FormErrors,
        page::PageCtx,
        session::{PendingSignIn, TypedSession},
    },
};

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

impl CodePage {
    fn new(ctx: PageCtx) -> CodePage {
        CodePage {
            ctx,
            staff: None,
            failed: false,
            wait_minutes: 0,
            errors: FormErrors::default(),
        }
    }
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct CodeInput {
    pub code: String,
}

pub async fn show_code(ctx: PageCtx, session: Session) -> Result<HttpResponse, AppError> {
    if pending(&session).is_none() {
        return Ok(redirect(LOGIN_PATH));
    }
    render(StatusCode::OK, &CodePage::new(ctx))
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
    app: App,
    input: web::Form<CodeInput>,
) -> Result<HttpResponse, AppError> {
    let Some(pending) = pending(&session) else {
        return Ok(redirect(&crate::auth::login_url(None, true)));
    };
    let mut page = CodePage::new(ctx);
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
