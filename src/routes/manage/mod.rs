//! `/{lang}/booking/{token}`: the manage link's page, from the applicant's emails: their
//! consultation (when, with whom, in which language, how to join), changing its time with the
//! date-first picker or cancelling it, each behind a confirmation with an optional reason
//! (`booking::reschedule`, `booking::cancel_by_applicant`) until the cut-off before it; after a
//! cancellation, choosing a new time without answering the questions again (`booking::rebook`);
//! and its calendar invite.

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use chrono_tz::Tz;

use crate::{
    booking::{self, By, Host, MoveTo, Refusal, Schedule, Want, language_text, mode_text},
    context::{App, AppContext},
    db::{self, bookings::BookingRow},
    domain::text::clean_text,
    error::AppError,
    i18n::when,
    places,
    questionnaire::validate,
    routes::LANG,
    slots::Slot,
    web::{
        forms::FormErrors,
        html,
        page::PageCtx,
        see_other,
        session::token_hash,
        slot_picker::{self, Nav, Picker},
    },
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    let at = |rest: &str| format!("/{LANG}/booking/{{token}}{rest}");
    cfg.route(&at(""), web::get().to(show))
        .route(&at("/reschedule"), web::post().to(reschedule))
        .route(&at("/cancel"), web::get().to(confirm_cancel))
        .route(&at("/cancel"), web::post().to(cancel))
        .route(&at("/invite.ics"), web::get().to(invite));
}

/// The longest reason kept, in characters.
const REASON_MAX: usize = 1000;

/// The consultation as the page shows it.
pub struct Summary {
    pub reference: String,
    pub slot_applicant: String,
    pub slot_firm: String,
    pub mode: String,
    pub with: String,
    pub language: String,
    pub join: String,
}

impl Summary {
    pub fn of(ctx: &PageCtx, app: &AppContext, row: &BookingRow) -> Summary {
        let zone: Tz = row.time_zone.parse().unwrap_or(app.settings.firm_time_zone);
        let firm = app.settings.firm_time_zone;
        let host = Host::of_row(row);
        Summary {
            reference: row.reference.clone().unwrap_or_default(),
            slot_applicant: when::slot(ctx.lang, row.starts_at, row.ends_at, zone),
            slot_firm: when::slot(ctx.lang, row.starts_at, row.ends_at, firm),
            mode: mode_text(ctx.lang, &row.consultation_mode),
            with: host.display(&app.settings).to_owned(),
            language: language_text(ctx.lang, &row.consultation_language),
            join: host.join_text(ctx.lang, &app.settings, &row.consultation_mode),
        }
    }
}

#[derive(Template)]
#[template(path = "manage/manage.html")]
pub struct ManagePage {
    pub ctx: PageCtx,
    pub summary: Summary,
    pub active: bool,
    /// Past the cut-off: changes go through the firm.
    pub locked: bool,
    /// The picker, when the time can be changed (or, once cancelled, a new one chosen).
    pub picker: Option<Picker>,
    pub time_zone: String,
    pub zones: Vec<(String, String)>,
    pub errors: FormErrors,
    pub base: String,
    pub notice: String,
    /// Why changes go through the firm now, with the configured cut-off.
    pub locked_text: String,
}

/// "Move your consultation to ...?" or "Cancel your consultation?", with a reason to give.
#[derive(Template)]
#[template(path = "manage/confirm.html")]
pub struct ConfirmPage {
    pub ctx: PageCtx,
    pub summary: Summary,
    /// Empty for a cancellation; the new time for a move.
    pub new_time: String,
    pub slot: String,
    pub time_zone: String,
    pub action: String,
    pub base: String,
}

impl ConfirmPage {
    /// The confirmation of a cancellation, or with `to` (the new time written out, its slot id and
    /// the zone it is shown in) of a move; `here` is the manage page.
    fn new(ctx: PageCtx, app: &AppContext, row: &BookingRow, here: &str, to: Option<(String, String, Tz)>) -> Self {
        let (new_time, slot, time_zone, action) = match to {
            Some((new_time, slot, zone)) => (new_time, slot, zone.name().to_owned(), format!("{here}/reschedule")),
            None => (String::new(), String::new(), String::new(), format!("{here}/cancel")),
        };
        ConfirmPage {
            summary: Summary::of(&ctx, app, row),
            new_time,
            slot,
            time_zone,
            action,
            base: here.to_owned(),
            ctx,
        }
    }
}

async fn find(app: &AppContext, token: &str) -> Result<BookingRow, AppError> {
    db::bookings::find_by_manage_token(&app.pool, &token_hash(token))
        .await?
        .ok_or(AppError::NotFound)
}

fn zone_of(value: Option<&str>, row: &BookingRow, firm: Tz) -> Tz {
    value
        .filter(|z| places::is_time_zone(z))
        .and_then(|z| z.parse().ok())
        .unwrap_or_else(|| row.time_zone.parse().unwrap_or(firm))
}

/// Who may take the new time: the same language and pathway as the consultation booked.
fn want(row: &BookingRow) -> Want<'_> {
    Want {
        language: Some(&row.consultation_language),
        pathway: row.pathway.as_deref(),
        consultant: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn page(
    ctx: PageCtx,
    app: &AppContext,
    row: &BookingRow,
    schedule: &Schedule,
    token: &str,
    zone: Tz,
    nav: Nav,
    errors: FormErrors,
    notice: &str,
) -> ManagePage {
    let firm = app.settings.firm_time_zone;
    let now = Utc::now();
    let active = booking::is_active(row);
    let locked = active && schedule.past_cutoff(row.starts_at, now);
    let picker = (!locked && row.reference.is_some()).then(|| {
        // The consultation's own time is not a time to move it to.
        let mut free = schedule.free(now, &want(row));
        if active {
            free.retain(|f| f.slot.start != row.starts_at);
        }
        slot_picker::picker(ctx.lang, &free, zone, firm, nav, "", now)
    });
    ManagePage {
        summary: Summary::of(&ctx, app, row),
        active,
        locked,
        picker,
        time_zone: zone.name().to_owned(),
        zones: places::time_zones()
            .iter()
            .map(|z| ((*z).to_owned(), places::time_zone_label(z, ctx.lang)))
            .collect(),
        errors,
        base: ctx.url(&format!("/booking/{token}")),
        locked_text: ctx.lang.t_args(
            "manage-locked",
            &[
                ("email", app.settings.firm_email.email.to_string()),
                ("hours", schedule.cancel_cutoff.num_hours().to_string()),
            ],
        ),
        notice: notice.to_owned(),
        ctx,
    }
}

pub async fn show(
    ctx: PageCtx,
    app: App,
    path: web::Path<(String, String)>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let token = &path.1;
    let row = find(&app, token).await?;
    let schedule = Schedule::load(&app).await?.without(row.booking_id);
    let query: Vec<(String, String)> = form_urlencoded::parse(req.query_string().as_bytes())
        .into_owned()
        .collect();
    let pairs = query.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let get = |name: &str| pairs.clone().find(|(n, _)| *n == name).map(|(_, v)| v);
    let notice = match get("done") {
        Some("moved") => "manage-moved",
        Some("cancelled") => "manage-cancelled",
        Some("booked") => "manage-booked",
        _ => "",
    };
    let zone = zone_of(get("time_zone"), &row, app.settings.firm_time_zone);
    let nav = Nav::from_pairs(pairs.clone());
    let page = page(
        ctx,
        &app,
        &row,
        &schedule,
        token,
        zone,
        nav,
        FormErrors::default(),
        notice,
    );
    html(StatusCode::OK, &page)
}

/// The picker's form: a navigation button comes back to the page; a chosen time asks for
/// confirmation; the confirmation (`confirm`) moves the consultation, or books it again when it
/// was cancelled.
pub async fn reschedule(
    ctx: PageCtx,
    app: App,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let token = &path.1;
    let row = find(&app, token).await?;
    let here = ctx.url(&format!("/booking/{token}"));
    let form: Vec<(String, String)> = validate::decode_form(&body)
        .into_iter()
        .filter_map(|(n, v)| Some((n, v?)))
        .collect();
    let pairs = form.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let get = |name: &str| pairs.clone().find(|(n, _)| *n == name).map(|(_, v)| v);
    let zone = zone_of(get("time_zone"), &row, app.settings.firm_time_zone);
    let nav = Nav::from_pairs(pairs.clone());
    if Nav::is_navigation(pairs.clone()) {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("time_zone", zone.name());
        let nav = nav.query();
        let sep = if nav.is_empty() { "" } else { "&" };
        return Ok(see_other(&format!("{here}?{}{sep}{nav}#picker", query.finish())));
    }
    let chosen = get("slot").and_then(Slot::parse_id);
    let schedule = Schedule::load(&app).await?.without(row.booking_id);
    let now = Utc::now();
    let confirmed = get("confirm") == Some("1");
    let refusal = match chosen {
        None => None,
        Some(start) if !confirmed => match schedule.free_at(now, start, &want(&row)) {
            Some(free) => {
                let new_time = when::slot(ctx.lang, free.slot.start, free.slot.end, zone);
                let to = Some((new_time, free.slot.id(), zone));
                return html(StatusCode::OK, &ConfirmPage::new(ctx, &app, &row, &here, to));
            }
            None => Some(Refusal::SlotNotFree),
        },
        Some(start) if booking::is_active(&row) => {
            let reason = reason(get("reason"));
            let to = MoveTo {
                start,
                consultant: None,
            };
            match booking::reschedule(&app, &row, to, By::Applicant { token }, &reason).await? {
                Ok(_) => return Ok(see_other(&format!("{here}?done=moved"))),
                Err(Refusal::NotActive | Refusal::PastCutoff) => return Ok(see_other(&here)),
                Err(refusal) => Some(refusal),
            }
        }
        Some(start) => match booking::rebook(&app, &row, start, None).await? {
            Ok(booked) => {
                let new = ctx.url(&format!("/booking/{}", booked.token));
                return Ok(see_other(&format!("{new}?done=booked")));
            }
            Err(Refusal::NotActive | Refusal::PastCutoff) => return Ok(see_other(&here)),
            Err(refusal) => Some(refusal),
        },
    };
    if booking::is_active(&row) && schedule.past_cutoff(row.starts_at, now) {
        return Ok(see_other(&here));
    }
    let mut errors = FormErrors::default();
    let status = match refusal {
        None => {
            errors.add("slot", "err-choose-slot");
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Some(Refusal::SlotTaken) => {
            errors.add("slot", "err-slot-taken");
            StatusCode::CONFLICT
        }
        Some(_) => {
            errors.add("slot", "err-slot-taken");
            StatusCode::UNPROCESSABLE_ENTITY
        }
    };
    html(status, &page(ctx, &app, &row, &schedule, token, zone, nav, errors, ""))
}

/// What the applicant wrote as their reason, cleaned and cut to [`REASON_MAX`] characters.
fn reason(value: Option<&str>) -> String {
    let text = clean_text(value.unwrap_or_default(), true);
    text.chars().take(REASON_MAX).collect()
}

pub async fn confirm_cancel(
    ctx: PageCtx,
    app: App,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let token = &path.1;
    let row = find(&app, token).await?;
    let here = ctx.url(&format!("/booking/{token}"));
    if !booking::is_active(&row) {
        return Ok(see_other(&here));
    }
    html(StatusCode::OK, &ConfirmPage::new(ctx, &app, &row, &here, None))
}

pub async fn cancel(
    ctx: PageCtx,
    app: App,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let token = &path.1;
    let row = find(&app, token).await?;
    let here = ctx.url(&format!("/booking/{token}"));
    let form = validate::decode_form(&body);
    let reason = reason(form.iter().find(|(n, _)| n == "reason").and_then(|(_, v)| v.as_deref()));
    match booking::cancel_by_applicant(&app, &row, token, &reason).await? {
        Ok(()) => Ok(see_other(&format!("{here}?done=cancelled"))),
        Err(_) => Ok(see_other(&here)),
    }
}

pub async fn invite(app: App, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let token = &path.1;
    let row = find(&app, token).await?;
    let lang = crate::i18n::Lang::from_code(&row.language).unwrap_or(crate::i18n::Lang::En);
    let manage = crate::links::manage(&app.settings, lang, token);
    let view = booking::view(&row, &manage).ok_or(AppError::NotFound)?;
    let attachment = booking::invite(&app.settings, &view, !booking::is_active(&row));
    Ok(HttpResponse::Ok()
        .content_type(attachment.content_type)
        .insert_header(("Content-Disposition", "attachment; filename=\"consultation.ics\""))
        .body(attachment.content))
}
