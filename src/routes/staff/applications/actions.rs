//! What staff do on an application's page: move its review status, assign it, write a note, send
//! a dead email again, cancel its consultation, erase it.

use actix_web::{HttpResponse, web};
use serde_json::json;
use uuid::Uuid;

use super::{audit, back};
use crate::{
    auth::CurrentStaff,
    booking::{self, Notify},
    context::App,
    db::{self, applications},
    domain::status::ReviewStatus,
    error::AppError,
    metrics::BookingEvent,
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
            cancelled = booking::cancel_by_staff(&mut tx, &app.settings, id, staff.id, notify, to.as_str()).await?;
        }
    }
    tx.commit().await?;
    if cancelled {
        app.metrics.booking(BookingEvent::Cancelled);
    }
    Ok(back(id, "status"))
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

pub async fn cancel_booking(staff: CurrentStaff, app: App, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path)?;
    let mut tx = app.pool.begin().await?;
    if !booking::cancel_by_staff(&mut tx, &app.settings, id, staff.id, Notify::Applicant, "single").await? {
        return Err(AppError::BadRequest);
    }
    tx.commit().await?;
    app.metrics.booking(BookingEvent::Cancelled);
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
