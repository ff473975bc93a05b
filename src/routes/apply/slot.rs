//! `/{lang}/apply/{pathway}/booking`: choosing the consultation, date first: how to meet, in which
//! language and with whom (any available consultant, or one by name), then a day of the week, then
//! a time of that day (the picker, `web::slot_picker`, in the applicant's zone with the firm's time
//! beside it). Every button posts the one form; a navigation button (a day, a week, "show") answers
//! with a redirect to this page with the choice in the query string. The choice is saved with the
//! draft; it is booked when the application is sent (`check`).

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use chrono_tz::Tz;
use uuid::Uuid;

use super::gate::{Gate, Page, gate};
use crate::{
    application::{Draft, SLOT_STEP},
    booking::{Free, Schedule, Want, language_text, limits},
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
        slot_picker::{self, Nav, Picker},
    },
};

const MODES: [&str; 2] = ["video", "phone"];

#[derive(Template)]
#[template(path = "apply/slot.html")]
pub struct SlotPage {
    pub ctx: PageCtx,
    pub picker: Picker,
    pub time_zone: String,
    pub zones: Vec<(String, String)>,
    pub modes: Vec<(String, String)>,
    pub mode: String,
    pub languages: Vec<(String, String)>,
    pub language: String,
    /// `("any", "Any available consultant")`, then each suitable consultant.
    pub consultants: Vec<(String, String)>,
    pub consultant: String,
    pub errors: FormErrors,
    /// The chosen slot was taken by someone else meanwhile.
    pub taken: bool,
    /// Not empty when this email address or phone number already holds a consultation to come:
    /// what to do instead (the manage link, or writing to the firm).
    pub already_booked: String,
    pub action: String,
    pub back: String,
    /// The consultation's length in minutes, as configured.
    pub minutes: String,
}

fn zone_or(value: Option<&str>, fallback: Tz) -> Tz {
    value
        .filter(|z| places::is_time_zone(z))
        .and_then(|z| z.parse().ok())
        .unwrap_or(fallback)
}

/// What the visitor chose, as the page shows it back.
struct Choice {
    zone: Tz,
    /// The slot's id, or empty.
    slot: String,
    mode: String,
    language: String,
    /// `any` or a consultant's id.
    consultant: String,
    nav: Nav,
}

impl Choice {
    /// From `pairs` (a query string or the posted form), falling back to the draft's answers.
    fn read<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)> + Clone, draft: &Draft, firm: Tz) -> Choice {
        let get = |name: &str| {
            pairs
                .clone()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_owned())
                .or_else(|| draft.answers.str(name).map(str::to_owned))
        };
        Choice {
            zone: zone_or(get("time_zone").as_deref(), firm),
            slot: get("slot").unwrap_or_default(),
            mode: get("consultation_mode").unwrap_or_default(),
            language: get("consultation_language").unwrap_or_else(|| draft.row.language.clone()),
            consultant: get("consultant").unwrap_or_else(|| "any".to_owned()),
            nav: Nav::from_pairs(pairs),
        }
    }

    fn consultant_id(&self) -> Option<Uuid> {
        self.consultant.parse().ok()
    }

    fn want<'a>(&'a self, pathway: Pathway) -> Want<'a> {
        Want {
            language: Some(&self.language),
            pathway: Some(pathway.code()),
            consultant: self.consultant_id(),
        }
    }

    /// This page's URL with the choice in the query string.
    fn url(&self, ctx: &PageCtx, pathway: Pathway) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("time_zone", self.zone.name());
        if !self.mode.is_empty() {
            query.append_pair("consultation_mode", &self.mode);
        }
        query.append_pair("consultation_language", &self.language);
        query.append_pair("consultant", &self.consultant);
        let nav = self.nav.query();
        let mut url = format!("{}?{}", ctx.url(&format!("/apply/{pathway}/booking")), query.finish());
        if !nav.is_empty() {
            url = format!("{url}&{nav}");
        }
        url
    }
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
    schedule: &Schedule,
    choice: &Choice,
    errors: FormErrors,
    notices: Notices,
) -> SlotPage {
    let firm = app.settings.firm_time_zone;
    let now = Utc::now();
    let offered = schedule.languages(Some(pathway.code()));
    // A language nobody consults in (the page's own, say) gives way to one somebody does.
    let fallback;
    let choice = match offered.first() {
        Some(first) if !offered.contains(&choice.language.as_str()) => {
            fallback = Choice {
                language: (*first).to_owned(),
                zone: choice.zone,
                slot: choice.slot.clone(),
                mode: choice.mode.clone(),
                consultant: choice.consultant.clone(),
                nav: choice.nav,
            };
            &fallback
        }
        _ => choice,
    };
    let free: Vec<Free> = schedule.free(now, &choice.want(pathway));
    let picker = slot_picker::picker(ctx.lang, &free, choice.zone, firm, choice.nav, &choice.slot, now);
    let zones = places::time_zones()
        .iter()
        .map(|z| ((*z).to_owned(), places::time_zone_label(z, ctx.lang)))
        .collect();
    let modes = MODES
        .iter()
        .map(|m| ((*m).to_owned(), ctx.t(&format!("opt-consultation_mode-{m}"))))
        .collect();
    let languages = offered
        .into_iter()
        .map(|l| (l.to_owned(), language_text(ctx.lang, l)))
        .collect();
    let mut consultants = vec![("any".to_owned(), ctx.t("picker-any-consultant"))];
    consultants.extend(
        schedule
            .consultants()
            .filter(|c| c.speaks(&choice.language) && c.takes(pathway.code()))
            .map(|c| {
                (
                    c.consultant_id.to_string(),
                    c.display_name(&app.settings.firm_name).to_owned(),
                )
            }),
    );
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
        minutes: schedule.policy.length.num_minutes().to_string(),
        picker,
        time_zone: choice.zone.name().to_owned(),
        zones,
        modes,
        mode: choice.mode.clone(),
        languages,
        language: choice.language.clone(),
        consultants,
        consultant: choice.consultant.clone(),
        errors,
        taken: notices.taken,
        ctx,
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

pub async fn show(
    ctx: PageCtx,
    app: App,
    session: Session,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let (pathway, draft) = match gate(&ctx, &app, &session, &path.1, Page::Slot).await? {
        Gate::Open { pathway, draft, .. } => (pathway, draft),
        Gate::Elsewhere(url) => return Ok(see_other(&url)),
    };
    let query: Vec<(String, String)> = form_urlencoded::parse(req.query_string().as_bytes())
        .into_owned()
        .collect();
    let pairs = query.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let choice = Choice::read(pairs.clone(), &draft, app.settings.firm_time_zone);
    let schedule = Schedule::load(&app).await?;
    let notices = Notices {
        taken: pairs.clone().any(|(n, _)| n == "taken"),
        already_booked: already_booked(&app, &draft).await?,
    };
    let page = page(ctx, &app, pathway, &schedule, &choice, FormErrors::default(), notices);
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
    let form: Vec<(String, String)> = validate::decode_form(&body)
        .into_iter()
        .filter_map(|(n, v)| Some((n, v?)))
        .collect();
    let pairs = form.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let choice = Choice::read(pairs.clone(), &draft, app.settings.firm_time_zone);
    if Nav::is_navigation(pairs.clone()) {
        return Ok(see_other(&format!("{}#picker", choice.url(&ctx, pathway))));
    }
    let schedule = Schedule::load(&app).await?;
    let now = Utc::now();

    let mut errors = FormErrors::default();
    let mut taken = false;
    if !MODES.contains(&choice.mode.as_str()) {
        errors.add("consultation_mode", "err-choose");
    }
    if !schedule
        .languages(Some(pathway.code()))
        .contains(&choice.language.as_str())
    {
        errors.add("consultation_language", "err-choose");
    }
    let consultant_ok = choice.consultant == "any"
        || choice
            .consultant_id()
            .and_then(|id| schedule.consultant(id))
            .is_some_and(|c| c.active);
    if !consultant_ok {
        errors.add("consultant", "err-choose");
    }
    match Slot::parse_id(&choice.slot) {
        None => errors.add("slot", "err-choose-slot"),
        Some(start) if errors.is_empty() && schedule.free_at(now, start, &choice.want(pathway)).is_none() => {
            taken = true;
            errors.add("slot", "err-slot-taken");
        }
        Some(_) => {}
    }
    if !errors.is_empty() {
        let shown = Choice {
            slot: if taken { String::new() } else { choice.slot.clone() },
            ..choice
        };
        let page = page(ctx, &app, pathway, &schedule, &shown, errors, Notices::default());
        return html(StatusCode::UNPROCESSABLE_ENTITY, &page);
    }
    if already_booked(&app, &draft).await? {
        let notices = Notices {
            taken: false,
            already_booked: true,
        };
        let page = page(ctx, &app, pathway, &schedule, &choice, FormErrors::default(), notices);
        return html(StatusCode::CONFLICT, &page);
    }

    let mut answers = draft.answers.clone();
    answers.set("slot", choice.slot.as_str());
    answers.set("consultation_mode", choice.mode.as_str());
    answers.set("consultation_language", choice.language.as_str());
    answers.set("consultant", choice.consultant.as_str());
    answers.set("time_zone", choice.zone.name());
    let flow = Flow::of(pathway);
    draft.save(&app, ctx.lang, Some(&flow), answers, SLOT_STEP).await?;
    Ok(see_other(&ctx.url(&format!("/apply/{pathway}/check"))))
}
