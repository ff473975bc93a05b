//! `/{lang}/status`: an applicant's own page. They give their reference and email address and are
//! sent a sign-in link (the same answer whether or not the two match); signed in, they see where
//! their request stands, change or cancel their consultation, download a copy of their data, and
//! withdraw their request (which erases it, as staff erasure does).

use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, http::header, web};
use askama::Template;
use chrono::{Duration, Utc};
use lettre::message::Mailbox;
use uuid::Uuid;

use crate::{
    booking,
    context::{App, AppContext},
    db::{self, status::StatusRow},
    domain::{
        answers::Answers,
        email_address::EmailAddress,
        pathway::Pathway,
        reference_code::parse_reference,
        status::{BookingStatus, ReviewStatus},
    },
    email::messages::{EmailCtx, StatusLink},
    erasure,
    error::AppError,
    i18n::{Lang, when},
    limits::{self, Counted, email_key},
    outbox::{self, Envelope},
    questionnaire::{Flow, display},
    routes::{LANG, manage::Summary},
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

/// The status page, signed in.
#[derive(Template)]
#[template(path = "status/page.html")]
pub struct StatusPage {
    pub ctx: PageCtx,
    pub reference: String,
    pub pathway: String,
    pub submitted: String,
    /// The message key of where the request stands, in plain words.
    pub stage: &'static str,
    pub consultation: Option<Summary>,
    /// The consultation is ahead and can be changed or cancelled here.
    pub can_change: bool,
    /// A new consultation can be booked (the last one was cancelled).
    pub rebook: bool,
    pub emails: Vec<(String, String)>,
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
        Some(row) => status_page(ctx, &app, row).await,
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

/// Where the request stands, in the applicant's words.
fn stage(row: &StatusRow, booking: Option<&db::bookings::BookingRow>) -> &'static str {
    let review = ReviewStatus::ALL
        .into_iter()
        .find(|s| s.as_str() == row.review_status)
        .unwrap_or(ReviewStatus::New);
    match (review, booking.map(|b| (b.status, b.starts_at > Utc::now()))) {
        (ReviewStatus::Retained, _) => "status-stage-retained",
        (ReviewStatus::ConsultationHeld, _) => "status-stage-held",
        (ReviewStatus::Declined | ReviewStatus::NoShow | ReviewStatus::Spam, _) => "status-stage-closed",
        (_, Some((BookingStatus::Active, true))) => "status-stage-booked",
        (_, Some((BookingStatus::Active, false))) => "status-stage-after",
        (_, Some(_)) => "status-stage-cancelled",
        (_, None) => "status-stage-received",
    }
}

async fn status_page(ctx: PageCtx, app: &AppContext, row: StatusRow) -> Result<HttpResponse, AppError> {
    let booking = db::bookings::latest_for_application(&app.pool, row.application_id).await?;
    let stage = stage(&row, booking.as_ref());
    let active = booking.as_ref().is_some_and(|b| b.status == BookingStatus::Active);
    let ahead = booking.as_ref().is_some_and(|b| b.starts_at > Utc::now());
    let address = row
        .answers
        .get("email")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    let emails = db::status::emails_to(&app.pool, row.application_id, &address)
        .await?
        .into_iter()
        .filter(|e| !e.subject.is_empty())
        .map(|e| {
            let zone = app.settings.firm_time_zone;
            (
                e.subject,
                when::date(ctx.lang, e.created_at.with_timezone(&zone).date_naive()),
            )
        })
        .collect();
    let page = StatusPage {
        reference: row.reference.clone(),
        pathway: pathway_name(ctx.lang, row.pathway.as_deref()),
        submitted: row
            .submitted_at
            .map(|t| when::date(ctx.lang, t.with_timezone(&app.settings.firm_time_zone).date_naive()))
            .unwrap_or_default(),
        stage,
        consultation: booking.as_ref().filter(|_| active).map(|b| Summary::of(&ctx, app, b)),
        can_change: active && ahead,
        rebook: booking.as_ref().is_some_and(|b| b.status != BookingStatus::Active),
        emails,
        ctx,
    };
    html(StatusCode::OK, &page)
}

fn pathway_name(lang: Lang, code: Option<&str>) -> String {
    code.and_then(Pathway::from_code)
        .map(|p| lang.t(crate::prescreen::pathway_key(p)))
        .unwrap_or_default()
}

/// A copy of the applicant's data: the answers under their questions, the consultation, the
/// emails sent to them. No staff notes, no internal history.
pub async fn download(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let Some(row) = signed_in(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/status")));
    };
    let lang = ctx.lang;
    let answers: Answers = serde_json::from_value(row.answers.clone()).unwrap_or_default();
    let flow = row.pathway.as_deref().and_then(Pathway::from_code).map(Flow::of);
    let mut listed = Vec::new();
    for (name, value) in &answers.0 {
        let field = flow
            .as_ref()
            .and_then(|f| f.fields().find(|(_, f)| f.name == name.as_str()).map(|(_, f)| f));
        let question = lang.t(&format!("q-{name}"));
        let shown = match field {
            Some(field) => display::answer(lang, field, value),
            None => value.as_str().map_or_else(|| value.to_string(), str::to_owned),
        };
        listed.push(serde_json::json!({ "field": name, "question": question, "answer": shown }));
    }
    let booking = db::bookings::latest_for_application(&app.pool, row.application_id).await?;
    let address = answers.str("email").unwrap_or_default().to_owned();
    let emails = db::status::emails_to(&app.pool, row.application_id, &address).await?;
    let data = serde_json::json!({
        "firm": app.settings.firm_name,
        "reference": row.reference,
        "pathway": row.pathway,
        "submitted_at": row.submitted_at,
        "answers": listed,
        "consultation": booking.map(|b| serde_json::json!({
            "starts_at": b.starts_at,
            "ends_at": b.ends_at,
            "time_zone": b.time_zone,
            "mode": b.consultation_mode,
            "language": b.consultation_language,
            "status": b.status.as_str(),
        })),
        "emails_sent_to_you": emails,
    });
    let body = serde_json::to_string_pretty(&data).map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("application/json; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{}.json\"",
                row.reference
                    .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "")
            ),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

/// Opens the page that changes or cancels the consultation, with a new link (the one in the
/// confirmation email stops working: one link at a time).
pub async fn manage(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let Some(row) = signed_in(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/status")));
    };
    let mut tx = app.pool.begin().await?;
    let Some(booking) = db::bookings::active_future_for_update(&mut tx, row.application_id).await? else {
        tx.rollback().await?;
        return Ok(see_other(&ctx.url("/status")));
    };
    let link = booking::renew_manage_link(&mut tx, &app.settings, &booking).await?;
    tx.commit().await?;
    let path = link.strip_prefix(&app.settings.base_url).unwrap_or(&link).to_owned();
    Ok(see_other(&path))
}

pub async fn confirm_withdraw(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    if signed_in(&app, &session).await?.is_none() {
        return Ok(see_other(&ctx.url("/status")));
    }
    let action = ctx.url("/status/withdraw");
    html(
        StatusCode::OK,
        &MessagePage {
            ctx,
            title: "status-withdraw-title",
            body: "status-withdraw-body",
            action,
            button: "status-withdraw-button",
            ask_again: false,
        },
    )
}

/// Withdraws the request: erases it as staff erasure does (a consultation ahead is cancelled and
/// the applicant's calendar told), audited as the applicant's own doing.
pub async fn withdraw(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let Some(row) = signed_in(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/status")));
    };
    let id: Uuid = row.application_id;
    let mut tx = app.pool.begin().await?;
    if erasure::erase_application(&mut tx, &app.settings, id).await? {
        erasure::audit_erasure(
            &mut tx,
            id,
            serde_json::json!({ "reason": "withdrawn by the applicant" }),
        )
        .await?;
        tx.commit().await?;
        erasure::logged(id);
    } else {
        tx.rollback().await?;
    }
    let typed = TypedSession(&session);
    typed.forget_status_application();
    typed.forget_draft();
    Ok(see_other(&ctx.url("/status/withdrawn")))
}

pub async fn withdrawn(ctx: PageCtx) -> Result<HttpResponse, AppError> {
    html(
        StatusCode::OK,
        &MessagePage {
            ctx,
            title: "status-withdrawn-title",
            body: "status-withdrawn-body",
            action: String::new(),
            button: "",
            ask_again: false,
        },
    )
}

pub async fn sign_out(ctx: PageCtx, session: Session) -> Result<HttpResponse, AppError> {
    TypedSession(&session).forget_status_application();
    Ok(see_other(&ctx.url("/status")))
}
