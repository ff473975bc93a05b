//! What staff do on an application's page: move its review status, assign it, write a note, send
//! a dead email again, cancel or move its consultation, erase it.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde_json::json;
use uuid::Uuid;

use super::{audit, back};
use crate::{
    auth::CurrentStaff,
    availability::Slot,
    booking::{self, Availability, Notify},
    context::{App, AppContext},
    db::{self, applications},
    domain::status::{BookingStatus, ReviewStatus},
    error::AppError,
    metrics::BookingEvent,
    web::session::{random_token, token_hash},
};

#[derive(serde::Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    review_status: String,
}

pub async fn set_status(
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    form: web::Form<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path)?;
    let to = ReviewStatus::parse(&form.review_status).ok_or(AppError::BadRequest)?;
    let mut tx = app.pool.begin().await?;
    let mut cancelled = false;
    if let Some(from) = applications::set_status(&mut tx, id, to, staff.id).await? {
        audit(
            &mut tx,
            &staff,
            "application.status",
            id,
            Some(json!({ "review_status": from })),
            Some(json!({ "review_status": to })),
        )
        .await?;
        // Spam and declined applications do not keep a consultation: the slot is freed. The
        // applicant is told of a decline, never of being taken for spam.
        let notify = match to {
            ReviewStatus::Declined => Some(Notify::Applicant),
            ReviewStatus::Spam => Some(Notify::Nobody),
            _ => None,
        };
        if let Some(notify) = notify {
            cancelled = cancel_and_record(&mut tx, &app, &staff, id, notify, to.as_str()).await?;
        }
    }
    tx.commit().await?;
    if cancelled {
        app.metrics.booking(BookingEvent::Cancelled);
    }
    Ok(back(id, "status"))
}

/// Cancels the application's booking to come (see `booking::cancel_for_firm`) and records it in the
/// audit log with why (`via`) and whether the applicant was emailed. True when there was one.
pub async fn cancel_and_record(
    conn: &mut sqlx::PgConnection,
    app: &AppContext,
    staff: &CurrentStaff,
    id: Uuid,
    notify: Notify,
    via: &str,
) -> Result<bool, AppError> {
    let Some(row) = booking::cancel_for_firm(conn, &app.settings, id, notify).await? else {
        return Ok(false);
    };
    audit(
        conn,
        staff,
        "booking.cancel",
        id,
        Some(json!({ "booking_id": row.booking_id, "starts_at": row.starts_at, "status": BookingStatus::Active })),
        Some(
            json!({ "status": BookingStatus::Cancelled, "via": via, "applicant_emailed": notify == Notify::Applicant }),
        ),
    )
    .await?;
    Ok(true)
}

#[derive(serde::Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    assigned_to: String,
}

pub async fn assign(
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    form: web::Form<AssignForm>,
) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path)?;
    let to = match form.assigned_to.as_str() {
        "" => None,
        raw => {
            let uid = Uuid::parse_str(raw).map_err(|_| AppError::BadRequest)?;
            let member = db::staff::find_by_id(&app.pool, uid)
                .await?
                .filter(|s| s.active)
                .ok_or(AppError::BadRequest)?;
            Some(member.staff_user_id)
        }
    };
    let mut tx = app.pool.begin().await?;
    let Some(before) = applications::assign(&mut tx, id, to).await? else {
        return Err(AppError::NotFound);
    };
    if before != to {
        audit(
            &mut tx,
            &staff,
            "application.assign",
            id,
            Some(json!({ "assigned_to": before })),
            Some(json!({ "assigned_to": to })),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(back(id, "assign"))
}

#[derive(serde::Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    body: String,
}

pub async fn add_note(
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    form: web::Form<NoteForm>,
) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path)?;
    let body = crate::web::forms::clean_text(&form.body, true);
    if body.is_empty() || body.chars().count() > 10_000 {
        return Err(AppError::BadRequest);
    }
    applications::detail(&app.pool, id).await?.ok_or(AppError::NotFound)?;
    let mut tx = app.pool.begin().await?;
    let note_id = db::notes::add(&mut tx, id, staff.id, &body).await?;
    audit(
        &mut tx,
        &staff,
        "application.note",
        id,
        None,
        Some(json!({ "note_id": note_id })),
    )
    .await?;
    tx.commit().await?;
    Ok(back(id, "notes"))
}

pub async fn resend(
    staff: CurrentStaff,
    app: App,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path.0)?;
    let email = super::parse_id(&path.1)?;
    let mut tx = app.pool.begin().await?;
    // Rendered afresh from the application as it is now; nothing sent: nothing changed.
    if let Some(resent) = booking::resend::resend(&mut tx, &app.pool, &app.settings, id, email).await? {
        audit(
            &mut tx,
            &staff,
            "email.resend",
            id,
            None,
            Some(json!({ "email_outbox_id": email, "sent": resent.kind() })),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(back(id, "emails"))
}

/// The active booking with a new manage link (the old one is revoked): staff changes email the
/// applicant a link that works.
async fn active_booking(
    app: &App,
    conn: &mut sqlx::PgConnection,
    id: Uuid,
) -> Result<(db::bookings::BookingRow, String), AppError> {
    let row = db::bookings::latest_for_application(&app.pool, id)
        .await?
        .filter(|b| b.status == BookingStatus::Active)
        .ok_or(AppError::BadRequest)?;
    let token = random_token();
    db::bookings::rotate_manage_token(conn, row.booking_id, &token_hash(&token)).await?;
    let url = format!("{}/{}/booking/{token}", app.settings.base_url, row.language);
    Ok((row, url))
}

pub async fn cancel_booking(staff: CurrentStaff, app: App, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path)?;
    let mut tx = app.pool.begin().await?;
    if !cancel_and_record(&mut tx, &app, &staff, id, Notify::Applicant, "single").await? {
        return Err(AppError::BadRequest);
    }
    tx.commit().await?;
    app.metrics.booking(BookingEvent::Cancelled);
    Ok(back(id, "booking"))
}

#[derive(serde::Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    slot: String,
}

pub async fn move_booking(
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path)?;
    let start = Slot::parse_id(&form.slot).ok_or(AppError::BadRequest)?;
    let mut tx = app.pool.begin().await?;
    let (row, manage) = active_booking(&app, &mut tx, id).await?;
    let availability = Availability::load(&app).await?.without(row.starts_at, row.ends_at);
    let slot = availability.free_at(Utc::now(), start).ok_or(AppError::BadRequest)?;
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
        Ok(None) => return Ok(back(id, "booking")),
        Err(e) if db::bookings::is_slot_taken(&e) => return Err(AppError::BadRequest),
        Err(e) => return Err(e.into()),
    };
    let mut moved = row.clone();
    moved.starts_at = slot.start;
    moved.ends_at = slot.end;
    moved.ics_sequence = sequence;
    let view = booking::view(&moved, &manage).ok_or(AppError::BadRequest)?;
    let staff_url = format!("{}/staff/applications/{id}", app.settings.base_url);
    booking::enqueue_rescheduled(&mut tx, &app.settings, &view, (row.starts_at, row.ends_at), &staff_url).await?;
    audit(
        &mut tx,
        &staff,
        "booking.move",
        id,
        Some(json!({ "starts_at": row.starts_at })),
        Some(json!({ "starts_at": slot.start })),
    )
    .await?;
    tx.commit().await?;
    app.metrics.booking(BookingEvent::Moved);
    Ok(back(id, "booking"))
}

/// Erases the applicant's personal data, and what else is about them (admins; see `crate::erasure`).
/// The audit log keeps that it happened.
pub async fn erase(staff: CurrentStaff, app: App, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = super::parse_id(&path)?;
    let mut tx = app.pool.begin().await?;
    let erased = crate::erasure::erase_application(&mut tx, &app.settings, id).await?;
    if erased {
        audit(&mut tx, &staff, "application.erase", id, None, None).await?;
    }
    tx.commit().await?;
    if erased {
        crate::erasure::logged(id);
    }
    Ok(back(id, "privacy"))
}
