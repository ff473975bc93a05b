//! `/{lang}/apply/{pathway}/check`: every answer with a "Change" link; submitting (which books the
//! consultation and emails the firm and the applicant, in one transaction); the confirmation.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde_json::Value;

use super::{assessment::assess_and_store, booking::STEP as BOOKING_STEP, draft::Draft, step::next_url};
use crate::context::App;
use crate::{
    availability::Slot,
    booking::{
        self, Availability, BookingView,
        limits::{self, Refusal},
        mode_text, slot_in,
    },
    db,
    domain::{pathway::Pathway, reference_code::new_reference, status::BookingStatus},
    error::AppError,
    i18n::Lang,
    metrics::BookingEvent,
    places,
    questionnaire::{Field, Flow, Kind, options},
    web::{
        client_ip, html,
        page::PageCtx,
        see_other,
        session::{random_token, token_hash},
    },
};

/// A page's answers on the check page.
pub struct Section {
    pub title: String,
    pub rows: Vec<Row>,
}

pub struct Row {
    pub label: String,
    /// `None`: not provided.
    pub value: Option<String>,
    pub change_url: String,
}

#[derive(Template)]
#[template(path = "apply/check.html")]
pub struct CheckPage {
    pub ctx: PageCtx,
    pub sections: Vec<Section>,
    pub action: String,
    pub back: String,
}

/// How a stored answer reads for people.
pub fn display(lang: Lang, field: &Field, value: &Value) -> String {
    let text = value.as_str().unwrap_or_default();
    match field.kind {
        Kind::Select(choices) | Kind::Radios(choices) => options::label(lang, field.name, choices, text),
        Kind::YesNo | Kind::Check => lang.t(if text == "yes" { "opt-yes" } else { "opt-no" }),
        Kind::Countries { .. } => value
            .as_array()
            .map(|codes| {
                codes
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|c| places::country_name(c, lang).unwrap_or(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
        _ => text.to_owned(),
    }
}

/// The name of the economic region answered, as the wage file names it.
async fn region_name(app: &App, draft: &Draft, lang: Lang) -> Result<Option<String>, AppError> {
    let answers = &draft.answers;
    let (Some(code), Some(province)) = (
        answers.str("work_economic_region").filter(|c| *c != "unknown"),
        answers.str("employer_province").or(answers.str("work_province")),
    ) else {
        return Ok(None);
    };
    let today = Utc::now().with_timezone(&app.settings.firm_time_zone).date_naive();
    let regions = db::wages::regions(&app.pool, today, province).await?;
    Ok(regions
        .iter()
        .find(|r| r.er_code == code)
        .map(|r| r.name(lang).to_owned()))
}

/// The chosen consultation: (start, end) and the applicant's zone, if the booking page was answered.
fn chosen_slot(app: &App, draft: &Draft) -> Option<(DateTime<Utc>, Tz, String)> {
    let start = Slot::parse_id(draft.answers.str("slot")?)?;
    let zone = draft
        .answers
        .str("time_zone")
        .and_then(|z| z.parse().ok())
        .unwrap_or(app.settings.firm_time_zone);
    Some((start, zone, draft.answers.str("consultation_mode")?.to_owned()))
}

/// The draft, ready to check: every page answered, the assessment seen and a slot chosen.
async fn ready_draft(
    ctx: &PageCtx,
    app: &App,
    session: &Session,
    pathway: &str,
) -> Result<Result<(Pathway, Draft), String>, AppError> {
    let pathway = Pathway::from_code(pathway).ok_or(AppError::NotFound)?;
    let Some(draft) = Draft::load(app, session).await? else {
        return Ok(Err(ctx.url("/apply")));
    };
    if !draft.is_draft() {
        return Ok(Err(ctx.url("/apply/confirmation")));
    }
    if draft.pathway() != Some(pathway) || draft.first_incomplete(&Flow::of(pathway)).is_some() {
        return Ok(Err(draft
            .pathway()
            .map_or_else(|| ctx.url("/apply"), |p| next_url(ctx, &draft, p))));
    }
    if draft.row.prescreen.is_none() {
        return Ok(Err(ctx.url(&format!("/apply/{pathway}/assessment"))));
    }
    if !draft.row.completed_steps.iter().any(|s| s == BOOKING_STEP) || chosen_slot(app, &draft).is_none() {
        return Ok(Err(ctx.url(&format!("/apply/{pathway}/booking"))));
    }
    Ok(Ok((pathway, draft)))
}

pub async fn show(
    ctx: PageCtx,
    app: App,
    session: Session,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (pathway, draft) = match ready_draft(&ctx, &app, &session, &path.1).await? {
        Ok(ready) => ready,
        Err(url) => return Ok(see_other(&url)),
    };
    let flow = Flow::of(pathway);
    let carried = draft.carried(pathway);
    let region_name = region_name(&app, &draft, ctx.lang).await?;
    let mut sections: Vec<Section> = flow
        .applicable(&draft.answers)
        .map(|step| Section {
            title: ctx.t(&format!("step-{}-title", step.slug)),
            rows: step
                .fields
                .iter()
                .filter(|f| f.applies(&draft.answers))
                .map(|f| Row {
                    label: ctx.t(&format!("q-{}", f.name)),
                    value: match (f.name, &region_name) {
                        ("work_economic_region", Some(name)) => Some(name.clone()),
                        _ => draft.answers.0.get(f.name).map(|v| display(ctx.lang, f, v)),
                    },
                    // A deciding answer of "not sure" is changed where it was asked.
                    change_url: if carried.contains(&f.name) {
                        ctx.url("/apply/not-sure")
                    } else {
                        ctx.url(&format!("/apply/{pathway}/{}?change=1#{}", step.slug, f.name))
                    },
                })
                .collect(),
        })
        .collect();
    if let Some((start, zone, mode)) = chosen_slot(&app, &draft) {
        let minutes = Availability::load(&app).await?.policy.length;
        let change_url = ctx.url(&format!("/apply/{pathway}/booking"));
        sections.push(Section {
            title: ctx.t("booking-title"),
            rows: vec![
                Row {
                    label: ctx.t("booking-slot-legend"),
                    value: Some(slot_in(ctx.lang, start, start + minutes, zone)),
                    change_url: change_url.clone(),
                },
                Row {
                    label: ctx.t("booking-mode-legend"),
                    value: Some(mode_text(ctx.lang, &mode)),
                    change_url,
                },
            ],
        });
    }
    let page = CheckPage {
        action: ctx.url(&format!("/apply/{pathway}/check")),
        back: ctx.url(&format!("/apply/{pathway}/booking")),
        ctx,
        sections,
    };
    html(StatusCode::OK, &page)
}

/// The answer to a booking refused because the applicant's network made its day's share.
#[derive(Template)]
#[template(path = "apply/booking_limit.html")]
pub struct BookingLimitPage {
    pub ctx: PageCtx,
    pub firm_email: String,
}

/// Submits once, books the chosen slot and queues the emails, all in one transaction. A double
/// click, a refresh or a replayed POST finds the application submitted and shows the confirmation
/// again; a slot taken meanwhile sends the applicant back to choose another, every answer kept.
/// An email address or phone number that already holds a consultation goes back to the booking
/// page, which says what to do; an address block past its daily cap gets a 429 page (see
/// `booking::limits`).
pub async fn submit(
    ctx: PageCtx,
    app: App,
    session: Session,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (pathway, draft) = match ready_draft(&ctx, &app, &session, &path.1).await? {
        Ok(ready) => ready,
        Err(url) => return Ok(see_other(&url)),
    };
    let taken = ctx.url(&format!("/apply/{pathway}/booking?taken=1"));
    let (start, zone, mode) = chosen_slot(&app, &draft).ok_or(AppError::BadRequest)?;
    let availability = Availability::load_for(&app, start).await?;
    let Some(slot) = availability.free_at(Utc::now(), start) else {
        return Ok(see_other(&taken));
    };
    // The assessment as of the final answers.
    let results = assess_and_store(&app, &draft, pathway).await?;

    let settings = &app.settings;
    let lang = Lang::from_code(&draft.row.language).unwrap_or(ctx.lang);
    let manage_token = random_token();
    let manage_url = format!("{}/{}/booking/{manage_token}", settings.base_url, lang.code());
    let full_name = draft.answers.str("full_name").unwrap_or_default();
    let email = draft.answers.str("email").unwrap_or_default();

    let mut tx = app.pool.begin().await?;
    let mut reference = None;
    for _ in 0..5 {
        let mut savepoint = sqlx::Connection::begin(&mut *tx).await?;
        match db::applications::submit(&mut savepoint, draft.row.application_id, &new_reference()).await {
            Ok(found) => {
                savepoint.commit().await?;
                reference = Some(found);
                break;
            }
            // The reference was taken: draw another.
            Err(sqlx::Error::Database(e)) if e.constraint() == Some("application_reference_key") => continue,
            Err(e) => return Err(e.into()),
        }
    }
    let reference = match reference {
        Some(Some(reference)) => reference,
        // Already submitted by a concurrent request.
        Some(None) => return Ok(see_other(&ctx.url("/apply/confirmation"))),
        None => return Err(anyhow::anyhow!("no free reference after 5 draws").into()),
    };

    let block = client_ip::block_key(client_ip::of(&req));
    let phone = draft.answers.str("phone");
    if let Err(refusal) = limits::admit(&mut tx, settings, email, phone, &block, draft.row.application_id).await? {
        tx.rollback().await?;
        tracing::info!(application_id = %draft.row.application_id, ?refusal, "booking refused");
        return match refusal {
            Refusal::AlreadyBooked => Ok(see_other(&ctx.url(&format!("/apply/{pathway}/booking")))),
            Refusal::TooManyFromBlock => {
                let page = BookingLimitPage {
                    firm_email: settings.firm_email.email.to_string(),
                    ctx,
                };
                let mut response = html(StatusCode::TOO_MANY_REQUESTS, &page)?;
                response.headers_mut().insert(
                    actix_web::http::header::RETRY_AFTER,
                    actix_web::http::header::HeaderValue::from_static("3600"),
                );
                Ok(response)
            }
        };
    }

    let new_booking = db::bookings::NewBooking {
        application_id: draft.row.application_id,
        starts_at: slot.start,
        ends_at: slot.end,
        buffer_minutes: availability.buffer_minutes,
        consultation_mode: &mode,
        time_zone: zone.name(),
        manage_token_hash: &token_hash(&manage_token),
    };
    let booking_id = match db::bookings::insert(&mut tx, &new_booking).await {
        Ok(id) => id,
        Err(e) if db::bookings::is_slot_taken(&e) => {
            tx.rollback().await?;
            return Ok(see_other(&taken));
        }
        Err(e) => return Err(e.into()),
    };

    let view = BookingView {
        booking_id,
        application_id: draft.row.application_id,
        lang,
        reference: &reference,
        full_name,
        email,
        starts_at: slot.start,
        ends_at: slot.end,
        time_zone: zone,
        mode: &mode,
        sequence: 0,
        manage_url: &manage_url,
    };
    booking::enqueue_confirmation(&mut tx, settings, &view).await?;

    let assessments: Vec<_> = results.iter().map(|r| r.stored()).collect();
    let source = booking::brief::BriefSource {
        application_id: draft.row.application_id,
        lang,
        reference: &reference,
        pathway,
        answers: &draft.answers,
        assessments: &assessments,
        slot: booking::slot_text(lang, slot.start, slot.end, zone, settings.firm_time_zone),
        mode: &mode,
    };
    let brief = booking::brief::firm_brief(settings, &source).ok_or(AppError::BadRequest)?;
    booking::brief::enqueue(&mut tx, settings, draft.row.application_id, &brief).await?;
    limits::after_booking(&mut tx, settings, &format!("{}/staff/applications", settings.base_url)).await?;
    tx.commit().await?;
    app.metrics.booking(BookingEvent::Booked);
    tracing::info!(application_id = %draft.row.application_id, %booking_id, "application submitted and consultation booked");
    Ok(see_other(&ctx.url("/apply/confirmation")))
}

#[derive(Template)]
#[template(path = "apply/confirmation.html")]
pub struct ConfirmationPage {
    pub ctx: PageCtx,
    pub reference: String,
    pub email: String,
    pub slot_applicant: String,
    pub slot_firm: String,
    pub mode: String,
}

pub async fn confirmation(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let Some(draft) = Draft::load(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    let Some(reference) = draft.row.reference.clone().filter(|_| !draft.is_draft()) else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    let booking = db::bookings::latest_for_application(&app.pool, draft.row.application_id).await?;
    let (slot_applicant, slot_firm, mode) = match &booking {
        Some(b) if b.status == BookingStatus::Active => {
            let zone: Tz = b.time_zone.parse().unwrap_or(app.settings.firm_time_zone);
            (
                slot_in(ctx.lang, b.starts_at, b.ends_at, zone),
                slot_in(ctx.lang, b.starts_at, b.ends_at, app.settings.firm_time_zone),
                mode_text(ctx.lang, &b.consultation_mode),
            )
        }
        _ => Default::default(),
    };
    let email = draft.answers.str("email").unwrap_or_default().to_owned();
    let page = ConfirmationPage {
        ctx,
        reference,
        email,
        slot_applicant,
        slot_firm,
        mode,
    };
    html(StatusCode::OK, &page)
}

/// The invite of the applicant's consultation, to download from the confirmation page.
pub async fn invite(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let draft = Draft::load(&app, &session)
        .await?
        .filter(|d| !d.is_draft())
        .ok_or(AppError::NotFound)?;
    let row = db::bookings::latest_for_application(&app.pool, draft.row.application_id)
        .await?
        .filter(|b| b.status == BookingStatus::Active)
        .ok_or(AppError::NotFound)?;
    let manage = ctx.url("/apply/confirmation");
    let view = booking::view(&row, &manage).ok_or(AppError::NotFound)?;
    let attachment = booking::invite(&app.settings, &view, false);
    Ok(HttpResponse::Ok()
        .content_type(attachment.content_type)
        .insert_header(("Content-Disposition", "attachment; filename=\"consultation.ics\""))
        .body(attachment.content))
}
