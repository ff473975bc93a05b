//! The first step: email and password.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use secrecy::SecretString;
use serde::Deserialize;

use super::{
    Source,
    attempts::{Failure, failed, signed_in},
    landing, minutes, redirect, render, throttled,
};
use crate::{
    auth::{CODE_PATH, CurrentStaff, password, safe_next, session as staff_session, throttle::Decision},
    context::App,
    db,
    error::AppError,
    web::{
        forms::FormErrors,
        page::PageCtx,
        session::{PendingSignIn, TypedSession},
    },
};

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

impl LoginPage {
    /// The form with `email` typed, going to `next` after (when it is a safe `/staff` path).
    fn new(ctx: PageCtx, email: String, next: &str) -> LoginPage {
        LoginPage {
            ctx,
            staff: None,
            email,
            next: safe_next(next).unwrap_or_default().to_owned(),
            expired: false,
            failed: false,
            wait_minutes: 0,
            errors: FormErrors::default(),
        }
    }
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

pub async fn show(ctx: PageCtx, query: web::Query<LoginQuery>) -> Result<HttpResponse, AppError> {
    let page = LoginPage {
        expired: query.expired == "1",
        ..LoginPage::new(ctx, String::new(), &query.next)
    };
    render(StatusCode::OK, &page)
}

#[tracing::instrument(skip_all)]
pub async fn submit(
    ctx: PageCtx,
    req: HttpRequest,
    session: Session,
    app: App,
    input: web::Form<LoginInput>,
) -> Result<HttpResponse, AppError> {
    let input = input.into_inner();
    let email = input.email.trim().to_lowercase();
    let mut page = LoginPage::new(ctx, input.email.trim().to_owned(), input.next.trim());
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
