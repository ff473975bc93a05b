//! `/{lang}/booking/{token}`: the applicant's own booking, from the link in their emails: see it,
//! move it to another free slot, or cancel it, until a cut-off before the consultation.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use chrono_tz::Tz;

use crate::{
    availability::{self, Slot},
    booking::{self, Availability, date_text, mode_text, slot_in, time_text},
    context::AppContext,
    db::{self, bookings::BookingRow},
    domain::status::BookingStatus,
    error::AppError,
    metrics::BookingEvent,
    questionnaire::validate,
    routes::LANG,
    web::{forms::FormErrors, html, page::PageCtx, see_other, session::token_hash},
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    let at = |rest: &str| format!("/{LANG}/booking/{{token}}{rest}");
    cfg.route(&at(""), web::get().to(show))
        .route(&at("/reschedule"), web::post().to(reschedule))
        .route(&at("/cancel"), web::post().to(cancel))
        .route(&at("/invite.ics"), web::get().to(invite));
}

pub struct SlotView {
    pub id: String,
    /// The first slot of the page: its radio gets the field's id, for the error summary's link.
    pub first: bool,
    pub local: String,
    pub firm: String,
}

pub struct DayView {
    pub heading: String,
    pub slots: Vec<SlotView>,
}

#[derive(Template)]
#[template(path = "booking/manage.html")]
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
    availability: &Availability,
    token: &str,
    errors: FormErrors,
    notice: &str,
) -> ManagePage {
    let zone: Tz = row.time_zone.parse().unwrap_or(app.settings.firm_time_zone);
    let firm = app.settings.firm_time_zone;
    let now = Utc::now();
    let active = row.status == BookingStatus::Active;
    let locked = active && row.starts_at - availability.cancel_cutoff <= now;
    let days = if active && !locked {
        let slots = availability.free(now);
        availability::by_day(&slots, zone)
            .into_iter()
            .map(|(date, slots)| DayView {
                heading: date_text(ctx.lang, date),
                slots: slots
                    .iter()
                    .map(|s: &Slot| SlotView {
                        id: s.id(),
                        first: false,
                        local: format!(
                            "{}–{}",
                            time_text(ctx.lang, s.start.with_timezone(&zone).time()),
                            time_text(ctx.lang, s.end.with_timezone(&zone).time())
                        ),
                        firm: ctx.t1(
                            "booking-firm-time",
                            "time",
                            &time_text(ctx.lang, s.start.with_timezone(&firm).time()),
                        ),
                    })
                    .collect(),
            })
            .collect::<Vec<DayView>>()
    } else {
        Vec::new()
    };
    let mut days = days;
    if let Some(first) = days.first_mut().and_then(|d| d.slots.first_mut()) {
        first.first = true;
    }
    ManagePage {
        reference: row.reference.clone().unwrap_or_default(),
        active,
        locked,
        slot_applicant: slot_in(ctx.lang, row.starts_at, row.ends_at, zone),
        slot_firm: slot_in(ctx.lang, row.starts_at, row.ends_at, firm),
        mode: mode_text(ctx.lang, &row.consultation_mode),
        days,
        errors,
        base: ctx.url(&format!("/booking/{token}")),
        locked_text: ctx.lang.t_args(
            "manage-locked",
            &[
                ("email", app.settings.firm_email.email.to_string()),
                ("hours", availability.cancel_cutoff.num_hours().to_string()),
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
    app: web::Data<AppContext>,
    path: web::Path<(String, String)>,
    query: web::Query<Notice>,
) -> Result<HttpResponse, AppError> {
    let token = &path.1;
    let row = find(&app, token).await?;
    let availability = Availability::load(&app).await?.without(row.starts_at, row.ends_at);
    let notice = match query.done.as_deref() {
        Some("moved") => "manage-moved",
        Some("cancelled") => "manage-cancelled",
        _ => "",
    };
    html(
        StatusCode::OK,
        &page(ctx, &app, &row, &availability, token, FormErrors::default(), notice),
    )
}

fn manage_url(app: &AppContext, row: &BookingRow, token: &str) -> String {
    format!("{}/{}/booking/{token}", app.settings.base_url, row.language)
}

fn staff_url(app: &AppContext, row: &BookingRow) -> String {
    format!("{}/staff/applications/{}", app.settings.base_url, row.application_id)
}

pub async fn reschedule(
    ctx: PageCtx,
    app: web::Data<AppContext>,
    path: web::Path<(String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let token = path.1.clone();
    let row = find(&app, &token).await?;
    let availability = Availability::load(&app).await?.without(row.starts_at, row.ends_at);
    let now = Utc::now();
    if row.status != BookingStatus::Active || row.starts_at - availability.cancel_cutoff <= now {
        return Ok(see_other(&ctx.url(&format!("/booking/{token}"))));
    }
    let form = validate::decode_form(&body);
    let chosen = form
        .iter()
        .find(|(n, _)| n == "slot")
        .and_then(|(_, v)| v.as_deref())
        .and_then(Slot::parse_id);
    let slot = chosen.and_then(|start| availability.free_at(now, start));
    let Some(slot) = slot else {
        let mut errors = FormErrors::default();
        errors.add(
            "slot",
            if chosen.is_some() {
                "err-slot-taken"
            } else {
                "err-choose-slot"
            },
        );
        return html(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(ctx, &app, &row, &availability, &token, errors, ""),
        );
    };

    let mut tx = app.pool.begin().await?;
    let sequence = match db::bookings::reschedule(
        &mut tx,
        row.booking_id,
        slot.start,
        slot.end,
        availability.buffer_minutes,
    )
    .await
    {
        Ok(Some(sequence)) => sequence,
        Ok(None) => return Ok(see_other(&ctx.url(&format!("/booking/{token}")))),
        Err(e) if db::bookings::is_slot_taken(&e) => {
            tx.rollback().await?;
            let mut errors = FormErrors::default();
            errors.add("slot", "err-slot-taken");
            return html(
                StatusCode::CONFLICT,
                &page(ctx, &app, &row, &availability, &token, errors, ""),
            );
        }
        Err(e) => return Err(e.into()),
    };
    let manage = manage_url(&app, &row, &token);
    let mut moved = row.clone();
    moved.starts_at = slot.start;
    moved.ends_at = slot.end;
    moved.ics_sequence = sequence;
    let view = booking::view(&moved, &manage).ok_or(AppError::NotFound)?;
    booking::enqueue_rescheduled(
        &mut tx,
        &app.settings,
        &view,
        (row.starts_at, row.ends_at),
        &staff_url(&app, &row),
    )
    .await?;
    tx.commit().await?;
    app.metrics.booking(BookingEvent::Moved);
    tracing::info!(booking_id = %row.booking_id, "booking moved by the applicant");
    Ok(see_other(&ctx.url(&format!("/booking/{token}?done=moved"))))
}

pub async fn cancel(
    ctx: PageCtx,
    app: web::Data<AppContext>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let token = path.1.clone();
    let row = find(&app, &token).await?;
    let availability = Availability::load(&app).await?;
    if row.status != BookingStatus::Active || row.starts_at - availability.cancel_cutoff <= Utc::now() {
        return Ok(see_other(&ctx.url(&format!("/booking/{token}"))));
    }
    let mut tx = app.pool.begin().await?;
    let Some(sequence) = db::bookings::cancel(&mut tx, row.booking_id).await? else {
        return Ok(see_other(&ctx.url(&format!("/booking/{token}"))));
    };
    let manage = manage_url(&app, &row, &token);
    let mut cancelled = row.clone();
    cancelled.ics_sequence = sequence;
    let view = booking::view(&cancelled, &manage).ok_or(AppError::NotFound)?;
    let book_url = format!("{}/{}/apply", app.settings.base_url, row.language);
    booking::enqueue_cancelled(&mut tx, &app.settings, &view, &book_url, &staff_url(&app, &row)).await?;
    tx.commit().await?;
    app.metrics.booking(BookingEvent::Cancelled);
    tracing::info!(booking_id = %row.booking_id, "booking cancelled by the applicant");
    Ok(see_other(&ctx.url(&format!("/booking/{token}?done=cancelled"))))
}

pub async fn invite(app: web::Data<AppContext>, path: web::Path<(String, String)>) -> Result<HttpResponse, AppError> {
    let token = &path.1;
    let row = find(&app, token).await?;
    let manage = manage_url(&app, &row, token);
    let view = booking::view(&row, &manage).ok_or(AppError::NotFound)?;
    let attachment = booking::invite(&app.settings, &view, row.status != BookingStatus::Active);
    Ok(HttpResponse::Ok()
        .content_type(attachment.content_type)
        .insert_header(("Content-Disposition", "attachment; filename=\"consultation.ics\""))
        .body(attachment.content))
}
