//! `/{lang}/apply/{pathway}/check`: every answer with a "Change" link, and sending the application
//! (`application::submit`: it books the consultation and emails the firm and the applicant, in one
//! transaction). What comes after is `confirmation`.

use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;

use super::gate::{Gate, Page, gate};
use crate::{
    application::{self, ChosenSlot, Draft, Submission},
    booking::{Schedule, limits::Refusal, mode_text},
    context::App,
    db,
    error::AppError,
    i18n::{Lang, when},
    questionnaire::{Flow, display},
    web::{client_ip, html, page::PageCtx, see_other},
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

pub async fn show(
    ctx: PageCtx,
    app: App,
    session: Session,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (pathway, draft) = match gate(&ctx, &app, &session, &path.1, Page::Check).await? {
        Gate::Open { pathway, draft, .. } => (pathway, draft),
        Gate::Elsewhere(url) => return Ok(see_other(&url)),
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
                        _ => draft.answers.0.get(f.name).map(|v| display::answer(ctx.lang, f, v)),
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
    if let Some(ChosenSlot {
        start,
        zone,
        mode,
        language,
        consultant,
    }) = draft.chosen_slot(app.settings.firm_time_zone)
    {
        let schedule = Schedule::load(&app).await?;
        let minutes = schedule.policy.length;
        let change_url = ctx.url(&format!("/apply/{pathway}/booking"));
        let with = match consultant.and_then(|id| schedule.consultant(id)) {
            Some(c) => c.display_name(&app.settings.firm_name).to_owned(),
            None => ctx.t("picker-any-consultant"),
        };
        sections.push(Section {
            title: ctx.t("booking-title"),
            rows: vec![
                Row {
                    label: ctx.t("booking-slot-legend"),
                    value: Some(when::slot(ctx.lang, start, start + minutes, zone)),
                    change_url: change_url.clone(),
                },
                Row {
                    label: ctx.t("booking-mode-legend"),
                    value: Some(mode_text(ctx.lang, &mode)),
                    change_url: change_url.clone(),
                },
                Row {
                    label: ctx.t("picker-language-legend"),
                    value: Some(crate::booking::language_text(ctx.lang, &language)),
                    change_url: change_url.clone(),
                },
                Row {
                    label: ctx.t("picker-consultant-label"),
                    value: Some(with),
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
    let (pathway, draft) = match gate(&ctx, &app, &session, &path.1, Page::Check).await? {
        Gate::Open { pathway, draft, .. } => (pathway, draft),
        Gate::Elsewhere(url) => return Ok(see_other(&url)),
    };
    let block = client_ip::block_key(client_ip::of(&req));
    match application::submit(&app, &draft, pathway, &block).await? {
        Submission::Submitted { .. } | Submission::AlreadySubmitted => Ok(see_other(&ctx.url("/apply/confirmation"))),
        Submission::SlotTaken => Ok(see_other(&ctx.url(&format!("/apply/{pathway}/booking?taken=1")))),
        Submission::Refused(Refusal::AlreadyBooked) => Ok(see_other(&ctx.url(&format!("/apply/{pathway}/booking")))),
        Submission::Refused(Refusal::TooManyFromBlock) => {
            let page = BookingLimitPage {
                firm_email: app.settings.firm_email.email.to_string(),
                ctx,
            };
            let mut response = html(StatusCode::TOO_MANY_REQUESTS, &page)?;
            response.headers_mut().insert(
                actix_web::http::header::RETRY_AFTER,
                actix_web::http::header::HeaderValue::from_static("3600"),
            );
            Ok(response)
        }
    }
}
