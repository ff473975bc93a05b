//! "Email me a link to continue later": a single-use, expiring link, sent through the outbox,
//! that opens the draft on any device.
//!
//! The link goes only to the email address already in the draft (the "About you" page): the form
//! has no address field, so it cannot be used to mail a stranger. Until the draft has an address
//! the page says so and links to that page. At most [`MAX_EMAILS_PER_ADDRESS_PER_DAY`] links go to
//! one address in 24 hours, whatever the number of drafts, counted under a hash of the address;
//! past that the page says so and nothing is sent.

use crate::web::html;
use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::{Duration, Utc};
use lettre::message::Mailbox;

use super::gate::{self, next_url};
use crate::application::Draft;
use crate::context::App;
use crate::{
    db,
    domain::email_address::EmailAddress,
    email::messages::{EmailCtx, ResumeLink},
    error::AppError,
    i18n::Lang,
    limits::{self, Counted, email_key},
    outbox::{self, Envelope},
    web::{
        page::PageCtx,
        see_other,
        session::{TypedSession, random_token, token_hash},
    },
};

/// How long a resume link works (never longer than the draft itself).
const LINK_DAYS: i64 = 7;
/// Resume emails one draft may send in its life.
const MAX_LINKS_PER_DRAFT: i64 = 5;
/// Resume emails one address may receive in 24 hours, from any number of drafts.
pub const MAX_EMAILS_PER_ADDRESS_PER_DAY: u32 = 3;

#[derive(Template)]
#[template(path = "apply/save.html")]
pub struct SavePage {
    pub ctx: PageCtx,
    /// The draft's address; empty when it has none yet.
    pub email: String,
    /// Where the address is given (or changed).
    pub about_url: String,
    /// True when the address had its share of links today.
    pub limited: bool,
    pub back: String,
}

#[derive(Template)]
#[template(path = "apply/save_sent.html")]
pub struct SentPage {
    pub ctx: PageCtx,
    pub continue_url: String,
}

#[derive(Template)]
#[template(path = "apply/resume_invalid.html")]
pub struct InvalidLinkPage {
    pub ctx: PageCtx,
    /// Where to ask for a new link to the draft's address, when the draft is still there.
    pub renew_action: Option<String>,
}

fn continue_url(ctx: &PageCtx, draft: &Draft) -> String {
    match draft.pathway() {
        Some(p) => next_url(ctx, draft, p),
        None if draft.not_sure() => ctx.url("/apply/not-sure"),
        None => ctx.url("/apply"),
    }
}

/// The page, for the draft's address (if it has one).
fn page(ctx: PageCtx, draft: &Draft, email: Option<&EmailAddress>, limited: bool) -> SavePage {
    let back = continue_url(&ctx, draft);
    let about_url = match draft.pathway() {
        Some(p) => ctx.url(&format!("/apply/{p}/about-you")),
        None => back.clone(),
    };
    SavePage {
        email: email.map(|e| e.as_ref().to_owned()).unwrap_or_default(),
        about_url,
        limited,
        back,
        ctx,
    }
}

/// Emails a new link to the draft's address, within the limits; false when a limit refused it.
async fn send_link(app: &App, page_lang: Lang, draft: &Draft, email: &EmailAddress) -> Result<bool, AppError> {
    let token = random_token();
    let expires = (Utc::now() + Duration::days(LINK_DAYS)).min(draft.row.expires_at);
    let lang = Lang::from_code(&draft.row.language).unwrap_or(page_lang);
    let message = ResumeLink {
        ctx: EmailCtx {
            lang,
            firm_name: app.settings.firm_name.clone(),
        },
        link: crate::links::resume(&app.settings, lang, &token),
        expires: expiry_text(lang, expires, draft),
    };
    let to = Mailbox::new(None, email.as_ref().parse().map_err(|_| AppError::BadRequest)?);

    let mut tx = app.pool.begin().await?;
    let allowed = db::applications::count_resume_links(&mut tx, draft.row.application_id).await? < MAX_LINKS_PER_DRAFT
        && limits::take(
            &mut tx,
            Counted::ResumeEmail,
            &email_key(email.as_ref()),
            MAX_EMAILS_PER_ADDRESS_PER_DAY,
        )
        .await?;
    if !allowed {
        tx.rollback().await?;
        tracing::info!(application_id = %draft.row.application_id, to = %email.masked(), "resume link refused: limit reached");
        return Ok(false);
    }
    db::applications::insert_resume_link(&mut tx, draft.row.application_id, &token_hash(&token), expires).await?;
    let envelope = Envelope {
        application_id: Some(draft.row.application_id),
        ..Envelope::to(&to)
    };
    outbox::enqueue(&mut tx, &envelope, &message).await?;
    tx.commit().await?;
    tracing::info!(application_id = %draft.row.application_id, to = %email.masked(), "resume link requested");
    Ok(true)
}

/// When a link expires, in the applicant's zone (the one their booking page uses) with its
/// everyday name; in UTC, said so, while the draft has no zone yet.
fn expiry_text(lang: Lang, expires: chrono::DateTime<Utc>, draft: &Draft) -> String {
    let zone: chrono_tz::Tz = draft
        .answers
        .str("time_zone")
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::UTC);
    let local = expires.with_timezone(&zone);
    format!(
        "{} {} ({})",
        crate::i18n::when::date(lang, local.date_naive()),
        crate::i18n::when::time(lang, local.time()),
        crate::i18n::zone_name::zone_name(lang, zone, expires)
    )
}

/// The draft's email address, when it has a valid one.
fn draft_email(draft: &Draft) -> Option<EmailAddress> {
    draft.answers.str("email").and_then(|e| EmailAddress::parse(e).ok())
}

pub async fn show(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let Some(draft) = gate::current_draft(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    let email = draft_email(&draft);
    html(StatusCode::OK, &page(ctx, &draft, email.as_ref(), false))
}

/// Sends the link to the draft's address (any field in the form is ignored).
pub async fn submit(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let Some(draft) = gate::current_draft(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    let Some(email) = draft_email(&draft) else {
        return html(StatusCode::UNPROCESSABLE_ENTITY, &page(ctx, &draft, None, false));
    };

    if !send_link(&app, ctx.lang, &draft, &email).await? {
        return html(StatusCode::TOO_MANY_REQUESTS, &page(ctx, &draft, Some(&email), true));
    }
    Ok(see_other(&ctx.url("/apply/save/sent")))
}

pub async fn sent(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let continue_url = match gate::current_draft(&app, &session).await? {
        Some(draft) => continue_url(&ctx, &draft),
        None => ctx.url("/apply"),
    };
    html(StatusCode::OK, &SentPage { ctx, continue_url })
}

/// Opens the draft the link was sent for, on this device: the link works on any device, as often as
/// needed until it expires, and the newest device takes the draft over (its token changes, so the
/// previous device's cookie no longer finds it).
pub async fn resume(
    ctx: PageCtx,
    app: App,
    session: Session,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let token = &path.1;
    let new_token = random_token();
    let mut conn = app.pool.acquire().await?;
    let used = db::applications::use_resume_link(&mut conn, &token_hash(token), &token_hash(&new_token)).await?;
    drop(conn);
    if used.is_none() {
        return invalid_link(ctx, &app, token).await;
    }
    TypedSession(&session).set_draft_token(&new_token);
    let draft = gate::current(&app, &session).await?.ok_or(AppError::NotFound)?;
    Ok(see_other(&continue_url(&ctx, &draft)))
}

/// The draft an expired link was sent for, if it is still there and has an address.
async fn draft_of_link(app: &App, token: &str) -> Result<Option<(Draft, EmailAddress)>, AppError> {
    let row = db::applications::draft_of_resume_link(&app.pool, &token_hash(token)).await?;
    Ok(row.and_then(|row| {
        let draft = Draft {
            answers: row.answers.0.clone(),
            row,
        };
        draft_email(&draft).map(|email| (draft, email))
    }))
}

/// An expired or unknown link: when its draft is still there, a button sends a new link to the
/// draft's address (which the page does not show).
async fn invalid_link(ctx: PageCtx, app: &App, token: &str) -> Result<HttpResponse, AppError> {
    let renew_action = draft_of_link(app, token)
        .await?
        .map(|_| ctx.url(&format!("/apply/resume/{token}/renew")));
    html(StatusCode::GONE, &InvalidLinkPage { ctx, renew_action })
}

/// Sends a new link to the address of the draft an expired link was for.
pub async fn renew(ctx: PageCtx, app: App, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let Some((draft, email)) = draft_of_link(&app, &path.1).await? else {
        return html(
            StatusCode::GONE,
            &InvalidLinkPage {
                ctx,
                renew_action: None,
            },
        );
    };
    if !send_link(&app, ctx.lang, &draft, &email).await? {
        return html(StatusCode::TOO_MANY_REQUESTS, &page(ctx, &draft, Some(&email), true));
    }
    Ok(see_other(&ctx.url("/apply/save/sent")))
}
