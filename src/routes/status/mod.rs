//! `/{lang}/status`: an applicant's own page. They give their reference and email address and are
//! sent a sign-in link (the same answer whether or not the two match); signed in, they see where
//! their request stands, change or cancel their consultation, download a copy of their data, and
//! withdraw their request (which erases it, as staff erasure does).

use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::{Duration, Utc};
use lettre::message::Mailbox;

use crate::{
    context::{App, AppContext},
    db::{self, status::StatusRow},
    domain::{email_address::EmailAddress, reference_code::parse_reference},
    email::messages::{EmailCtx, StatusLink},
    error::AppError,
    i18n::Lang,
    limits::{self, Counted, email_key},
    outbox::{self, Envelope},
    routes::LANG,
    web::{
        forms::FormErrors,
        html,
        page::PageCtx,
        see_other,
        session::{TypedSession, random_token, token_hash},
    },
};

/// How long a sign-in link works.
pub const LINK_MINUTES: i64 = 60;
/// Sign-in emails to one address per day (shared with the continue-later links' count).
const MAX_EMAILS_PER_ADDRESS_PER_DAY: u32 = 5;

mod page;
mod withdraw;

use page::{download, manage};
use withdraw::{confirm_withdraw, withdraw, withdrawn};

pub fn configure(cfg: &mut web::ServiceConfig) {
    let at = |rest: &str| format!("/{LANG}/status{rest}");
    cfg.service(web::resource(at("")).get(show).post(request_link))
        .route(&at("/sent"), web::get().to(sent))
        .service(web::resource(at("/sign-in/{token}")).get(confirm_sign_in).post(sign_in))
        .route(&at("/data.json"), web::get().to(download))
        .route(&at("/manage"), web::post().to(manage))
        .service(web::resource(at("/withdraw")).get(confirm_withdraw).post(withdraw))
        .route(&at("/withdrawn"), web::get().to(withdrawn))
        .route(&at("/sign-out"), web::post().to(sign_out));
}

#[derive(Template)]
#[template(path = "status/ask.html")]
pub struct AskPage {
    pub ctx: PageCtx,
    pub reference: String,
    pub email: String,
    pub errors: FormErrors,
}

#[derive(Template)]
#[template(path = "status/message.html")]
pub struct MessagePage {
    pub ctx: PageCtx,
    /// The message keys of the title and the text.
    pub title: &'static str,
    pub body: &'static str,
    /// A form posting to `action` with the label `button`, when not empty.
    pub action: String,
    pub button: &'static str,
    /// A link back to the form asking for a new link.
    pub ask_again: bool,
}

#[derive(serde::Deserialize)]
pub struct AskForm {
    #[serde(default)]
    reference: String,
    #[serde(default)]
    email: String,
}

/// The application this visitor signed in to, if it still exists.
pub async fn signed_in(app: &AppContext, session: &Session) -> Result<Option<StatusRow>, AppError> {
    let Some(id) = TypedSession(session).status_application() else {
        return Ok(None);
    };
    let row = db::status::application(&app.pool, id).await?;
    if row.is_none() {
        TypedSession(session).forget_status_application();
    }
    Ok(row)
}

pub async fn show(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    match signed_in(&app, &session).await? {
        Some(row) => page::status_page(ctx, &app, row).await,
        None => html(
            StatusCode::OK,
            &AskPage {
                ctx,
                reference: String::new(),
                email: String::new(),
                errors: FormErrors::default(),
            },
        ),
    }
}

/// Sends a sign-in link when the reference and address name a request; answers the same either way.
#[tracing::instrument(skip_all)]
pub async fn request_link(ctx: PageCtx, app: App, form: web::Form<AskForm>) -> Result<HttpResponse, AppError> {
    let AskForm { reference, email } = form.into_inner();
    let mut errors = FormErrors::default();
    let parsed_reference = parse_reference(&reference);
    if parsed_reference.is_none() {
        errors.add("reference", "err-status-reference");
    }
    let parsed_email = EmailAddress::parse(&email).ok();
    if parsed_email.is_none() {
        errors.add("email", "err-status-email");
    }
    let (Some(reference_code), Some(address)) = (parsed_reference, parsed_email) else {
        let page = AskPage {
            ctx,
            reference: reference.chars().take(40).collect(),
            email: email.chars().take(320).collect(),
            errors,
        };
        return html(StatusCode::UNPROCESSABLE_ENTITY, &page);
    };
    if let Some((id, language, stored)) =
        db::status::find_by_reference(&app.pool, &reference_code, address.as_ref()).await?
    {
        let lang = Lang::from_code(&language).unwrap_or(ctx.lang);
        let token = random_token();
        let message = StatusLink {
            ctx: EmailCtx {
                lang,
                firm_name: app.settings.firm_name.clone(),
            },
            link: crate::links::status_sign_in(&app.settings, lang, &token),
            minutes: LINK_MINUTES.to_string(),
        };
        let to = Mailbox::new(None, stored.parse().map_err(|_| AppError::BadRequest)?);
        let mut tx = app.pool.begin().await?;
        let allowed = limits::take(
            &mut tx,
            Counted::ResumeEmail,
            &email_key(address.as_ref()),
            MAX_EMAILS_PER_ADDRESS_PER_DAY,
        )
        .await?;
        if allowed {
            let expires = Utc::now() + Duration::minutes(LINK_MINUTES);
            db::status::insert_link(&mut tx, id, &token_hash(&token), expires).await?;
            let envelope = Envelope {
                application_id: Some(id),
                ..Envelope::to(&to)
            };
            outbox::enqueue(&mut tx, &envelope, &message).await?;
            tx.commit().await?;
            tracing::info!(application_id = %id, "status sign-in link sent");
        } else {
            tx.rollback().await?;
            tracing::info!(application_id = %id, "status sign-in link refused: limit reached");
        }
    }
    Ok(see_other(&ctx.url("/status/sent")))
}

pub async fn sent(ctx: PageCtx) -> Result<HttpResponse, AppError> {
    html(
        StatusCode::OK,
        &MessagePage {
            ctx,
            title: "status-sent-title",
            body: "status-sent-body",
            action: String::new(),
            button: "",
            ask_again: true,
        },
    )
}

fn expired(ctx: PageCtx) -> Result<HttpResponse, AppError> {
    html(
        StatusCode::GONE,
        &MessagePage {
            ctx,
            title: "status-expired-title",
            body: "status-expired-body",
            action: String::new(),
            button: "",
            ask_again: true,
        },
    )
}

/// The link's page: a button signs in (mail scanners that open links do not).
pub async fn confirm_sign_in(
    ctx: PageCtx,
    app: App,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let token = &path.1;
    if db::status::link_application(&app.pool, &token_hash(token))
        .await?
        .is_none()
    {
        return expired(ctx);
    }
    let action = ctx.url(&format!("/status/sign-in/{token}"));
    html(
        StatusCode::OK,
        &MessagePage {
            ctx,
            title: "status-sign-in-title",
            body: "status-sign-in-body",
            action,
            button: "status-sign-in-button",
            ask_again: false,
        },
    )
}

pub async fn sign_in(
    ctx: PageCtx,
    app: App,
    session: Session,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let Some(id) = db::status::link_application(&app.pool, &token_hash(&path.1)).await? else {
        return expired(ctx);
    };
    // A new session for a sign-in (the CSRF token is made anew on the next form).
    session.renew();
    TypedSession(&session).set_status_application(id);
    tracing::info!(application_id = %id, "applicant signed in to the status page");
    Ok(see_other(&ctx.url("/status")))
}

pub async fn sign_out(ctx: PageCtx, session: Session) -> Result<HttpResponse, AppError> {
    TypedSession(&session).forget_status_application();
    Ok(see_other(&ctx.url("/status")))
}
