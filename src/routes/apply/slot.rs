//! `/{lang}/apply/{pathway}/booking`: choosing the consultation's time (the slot picker, in the
//! applicant's time zone with the firm's time beside it) and how to meet (video or phone). The
//! choice is saved with the draft; it is booked when the application is sent (`check`).

use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use chrono_tz::Tz;

use super::gate::{Gate, Page, gate};
use crate::{
    application::{Draft, SLOT_STEP},
    booking::{Schedule, limits},
    context::App,
    domain::pathway::Pathway,
    error::AppError,
    places,
    questionnaire::{Flow, validate},
    slots::Slot,
    web::{
        forms::FormErrors,
        html,
        page::PageCtx,
        see_other,
        slot_picker::{self, DayView},
    },
};

const MODES: [&str; 2] = ["video", "phone"];

#[derive(Template)]
#[template(path = "apply/slot.html")]
pub struct SlotPage {
    pub ctx: PageCtx,
    pub days: Vec<DayView>,
    pub time_zone: String,
    pub zones: Vec<(String, String)>,
    pub modes: Vec<(String, String)>,
    pub mode: String,
    pub errors: FormErrors,
    /// The chosen slot was taken by someone else meanwhile.
    pub taken: bool,
    /// Not empty when this email address or phone number already holds a consultation to come:
    /// what to do instead (the manage link, or writing to the firm).
    pub already_booked: String,
    pub action: String,
    pub back: String,
    pub firm_zone: String,
    /// The consultation's length in minutes, as configured.
    pub minutes: String,
}

fn zone_or(value: Option<&str>, fallback: Tz) -> Tz {
    value
        .filter(|z| places::is_time_zone(z))
        .and_then(|z| z.parse().ok())
        .unwrap_or(fallback)
}

/// The visitor's choice as the page shows it back.
struct Choice<'a> {
    zone: Tz,
    /// The slot's id, or empty.
    slot: &'a str,
    mode: &'a str,
}

/// The notices above the form.
#[derive(Clone, Copy, Default)]
struct Notices {
    /// The slot chosen earlier was taken by someone else meanwhile.
    taken: bool,
    /// The applicant's email address or phone number already holds a consultation to come.
    already_booked: bool,
}

fn page(
    ctx: PageCtx,
    app: &App,
    pathway: Pathway,
    slots: &[Slot],
    choice: &Choice<'_>,
    errors: FormErrors,
    notices: Notices,
) -> SlotPage {
    let firm = app.settings.firm_time_zone;
    let days = slot_picker::days(ctx.lang, slots, choice.zone, firm, choice.slot);
    let zones = places::time_zones()
        .iter()
        .map(|z| ((*z).to_owned(), places::time_zone_label(z, ctx.lang)))
        .collect();
    let modes = MODES
        .iter()
        .map(|m| ((*m).to_owned(), ctx.t(&format!("opt-consultation_mode-{m}"))))
        .collect();
    let already_booked = if notices.already_booked {
        ctx.t1(
            "booking-already-booked",
            "email",
            app.settings.firm_email.email.as_ref(),
        )
    } else {
        String::new()
    };
    SlotPage {
        already_booked,
        action: ctx.url(&format!("/apply/{pathway}/booking")),
        back: ctx.url(&format!("/apply/{pathway}/assessment")),
        firm_zone: firm.name().to_owned(),
        minutes: slots
            .first()
            .map_or(30, |s| (s.end - s.start).num_minutes())
            .to_string(),
        ctx,
        days,
        time_zone: choice.zone.name().to_owned(),
        zones,
        modes,
        mode: choice.mode.to_owned(),
        errors,
        taken: notices.taken,
    }
}

/// True when the draft's email address or phone number already holds a consultation to come
/// (see `booking::limits`).
pub async fn already_booked(app: &App, draft: &Draft) -> Result<bool, AppError> {
    let Some(email) = draft.answers.str("email") else {
        return Ok(false);
    };
    let mut conn = app.pool.acquire().await?;
    limits::already_booked(&mut conn, email, draft.answers.str("phone"), draft.row.application_id).await
}

#[derive(serde::Deserialize)]
pub struct Query {
    time_zone: Option<String>,
    taken: Option<String>,
}

pub async fn show(
    ctx: PageCtx,
    app: App,
    session: Session,
    path: web::Path<(String, String)>,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let (pathway, draft) = match gate(&ctx, &app, &session, &path.1, Page::Slot).await? {
        Gate::Open { pathway, draft, .. } => (pathway, draft),
        Gate::Elsewhere(url) => return Ok(see_other(&url)),
    };
    let zone = zone_or(
        query.time_zone.as_deref().or(draft.answers.str("time_zone")),
        app.settings.firm_time_zone,
    );
    let slots = Schedule::load(&app).await?.free(Utc::now());
    let chosen = draft.answers.str("slot").unwrap_or_default();
    let mode = draft.answers.str("consultation_mode").unwrap_or_default();
    let already = already_booked(&app, &draft).await?;
    let notices = Notices {
        taken: query.taken.is_some(),
        already_booked: already,
    };
    let choice = Choice {
        zone,
        slot: chosen,
        mode,
    };
    let page = page(ctx, &app, pathway, &slots, &choice, FormErrors::default(), notices);
    html(StatusCode::OK, &page)
}

pub async fn submit(
    ctx: PageCtx,
    app: App,
    session: Session,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (pathway, mut draft) = match gate(&ctx, &app, &session, &path.1, Page::Slot).await? {
        Gate::Open { pathway, draft, .. } => (pathway, draft),
        Gate::Elsewhere(url) => return Ok(see_other(&url)),
    };
    let form = validate::decode_form(&body);
    let value = |name: &str| -> String {
        form.iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let (slot_id, mode, zone_name) = (value("slot"), value("consultation_mode"), value("time_zone"));
    let zone = zone_or(Some(&zone_name), app.settings.firm_time_zone);
    let schedule = Schedule::load(&app).await?;
    let now = Utc::now();

    let mut errors = FormErrors::default();
    let mut taken = false;
    match Slot::parse_id(&slot_id) {
        None => errors.add("slot", "err-choose-slot"),
        Some(start) if schedule.free_at(now, start).is_none() => {
            taken = true;
            errors.add("slot", "err-slot-taken");
        }
        Some(_) => {}
    }
    if !MODES.contains(&mode.as_str()) {
        errors.add("consultation_mode", "err-choose");
    }
    if !errors.is_empty() {
        let slots = schedule.free(now);
        let choice = Choice {
            zone,
            slot: if taken { "" } else { slot_id.as_str() },
            mode: &mode,
        };
        let page = page(ctx, &app, pathway, &slots, &choice, errors, Notices::default());
        return html(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    if already_booked(&app, &draft).await? {
        let slots = schedule.free(now);
        let choice = Choice {
            zone,
            slot: &slot_id,
            mode: &mode,
        };
        let page = page(
            ctx,
            &app,
            pathway,
            &slots,
            &choice,
            FormErrors::default(),
            Notices {
                taken: false,
                already_booked: true,
            },
        );
        return html(StatusCode::CONFLICT, &page);
    }

    let mut answers = draft.answers.clone();
    answers.set("slot", slot_id);
    answers.set("consultation_mode", mode);
    answers.set("time_zone", zone.name());
    let flow = Flow::of(pathway);
    draft.save(&app, ctx.lang, Some(&flow), answers, SLOT_STEP).await?;
    Ok(see_other(&ctx.url(&format!("/apply/{pathway}/check"))))
}
