//! `/{lang}/booking/{token}`: the manage link's page, from the applicant's emails: their
//! consultation, moving it to another free time or cancelling it (`booking::reschedule`,
//! `booking::cancel_by_applicant`) until the cut-off before it, and its calendar invite.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use chrono_tz::Tz;

use crate::{
    booking::{self, By, Refusal, Schedule, mode_text},
    context::{App, AppContext},
    db::{self, bookings::BookingRow},
    error::AppError,
    i18n::when,
    questionnaire::validate,
    routes::LANG,
    slots::Slot,
    web::{
        forms::FormErrors,
        html,
        page::PageCtx,
        see_other,
        session::token_hash,
        slot_picker::{self, DayView},
    },
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    let at = |rest: &str| format!("/{LANG}/booking/{{token}}{rest}");
    cfg.route(&at(""), web::get().to(show))
        .route(&at("/reschedule"), web::post().to(reschedule))
        .route(&at("/cancel"), web::post().to(cancel))
        .route(&at("/invite.ics"), web::get().to(invite));
}

#[derive(Template)]
#[template(path = "manage/manage.html")]
pub struct ManagePage {
    pub ctx: PageCtx,
    pub reference: String,
    pub active: bool,
    /// Past the cut-off: changes go through the firm.
    pub locked: bool,
    pub slot_applicant: String,
    pub slot_firm: String,
    pub mode: String,
    pub days: Vec<DayView>,
    pub errors: FormErrors,
    pub base: String,
    pub notice: String,
    /// Why changes go through the firm now, with the configured cut-off.
    pub locked_text: String,
}

async fn find(app: &AppContext, token: &str) -> Result<BookingRow, AppError> {
    db::bookings::find_by_manage_token(&app.pool, &token_hash(token))
        .await?
        .ok_or(AppError::NotFound)
}

fn page(
    ctx: PageCtx,
    app: &AppContext,
    row: &BookingRow,
    schedule: &Schedule,
    token: &str,
    errors: FormErrors,
    notice: &str,
) -> ManagePage {
    let zone: Tz = row.time_zone.parse().unwrap_or(app.settings.firm_time_zone);
    let firm = app.settings.firm_time_zone;
    let now = Utc::now();
    let active = booking::is_active(row);
    let locked = active && schedule.past_cutoff(row.starts_at, now);
    let days = if active && !locked {
        slot_picker::days(ctx.lang, &schedule.free(now), zone, firm, "")
    } else {
        Vec::new()
    };
    ManagePage {
        reference: row.reference.clone().unwrap_or_default(),
        active,
        locked,
        slot_applicant: when::slot(ctx.lang, row.starts_at, row.ends_at, zone),
        slot_firm: when::slot(ctx.lang, row.starts_at, row.ends_at, firm),
        mode: mode_text(ctx.lang, &row.consultation_mode),
        days,
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

#[derive(serde::Deserialize)]
pub struct Notice {
    done: Option<String>,
}

pub async fn show(
    ctx: PageCtx,
    app: App,
    path: web::Path<(String, String)>,
    query: web::Query<Notice>,
) -> Result<HttpResponse, AppError> {
    let token = &path.1;
    let row = find(&app, token).await?;
    let schedule = Schedule::load(&app).await?.without(row.starts_at, row.ends_at);
    let notice = match query.done.as_deref() {
        Some("moved") => "manage-moved",
        Some("cancelled") => "manage-cancelled",
        _ => "",
    };
    html(
        StatusCode::OK,
        &page(ctx, &app, &row, &schedule, token, FormErrors::default(), notice),
    )
}

pub async fn reschedule(
    ctx: PageCtx,
    app: App,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let token = &path.1;
    let row = find(&app, token).await?;
    let here = ctx.url(&format!("/booking/{token}"));
    let form = validate::decode_form(&body);
    let chosen = form
        .iter()
        .find(|(n, _)| n == "slot")
        .and_then(|(_, v)| v.as_deref())
        .and_then(Slot::parse_id);
    let refusal = match chosen {
        None => None,
        Some(start) => match booking::reschedule(&app, &row, start, By::Applicant { token }).await? {
            Ok(_) => return Ok(see_other(&format!("{here}?done=moved"))),
            Err(Refusal::NotActive | Refusal::PastCutoff) => return Ok(see_other(&here)),
            Err(refusal) => Some(refusal),
        },
    };
    let schedule = Schedule::load(&app).await?.without(row.starts_at, row.ends_at);
    if !booking::is_active(&row) || schedule.past_cutoff(row.starts_at, Utc::now()) {
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
    html(status, &page(ctx, &app, &row, &schedule, token, errors, ""))
}

pub async fn cancel(ctx: PageCtx, app: App, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let token = &path.1;
    let row = find(&app, token).await?;
    let here = ctx.url(&format!("/booking/{token}"));
    match booking::cancel_by_applicant(&app, &row, token).await? {
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
