//! Erasing a data subject: what staff do on request (`/staff/applications/{id}/erase`) and what the
//! lead retention does to unconverted leads. One home for both: a consultation still ahead is
//! cancelled and the applicant's calendar told (METHOD:CANCEL) while their address is still known;
//! then [`db::erasure::erase`] removes the person from every table. The cancellation email itself is
//! emptied as soon as it is delivered (see `db::outbox::scrub_if_erased`).

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::{
    booking,
    config::Settings,
    db::{self, audit::NewAuditEvent},
    error::AppError,
};

/// Erases application `id` and what else is about the same person, in the caller's transaction.
/// Returns false when there was nothing to erase (a draft, an unknown id, already erased).
pub async fn erase_application(conn: &mut PgConnection, settings: &Settings, id: Uuid) -> Result<bool, AppError> {
    let Some(subject) = db::erasure::lock_subject(conn, id).await? else {
        return Ok(false);
    };
    let ahead = db::bookings::active_future_for_update(conn, id).await?;
    if !db::erasure::erase(conn, &subject).await? {
        return Ok(false);
    }
    // Read before the erasure, so the applicant's address is still known for this one email.
    if let Some(mut row) = ahead {
        // The erasure cancelled it: its calendar entry's next version.
        row.ics_sequence += 1;
        if let Some(view) = booking::view(&row, "") {
            let book_url = crate::links::apply(settings, view.lang);
            booking::enqueue_applicant_cancellation(conn, settings, &view, &book_url).await?;
        }
    }
    Ok(true)
}

/// The audit entry of an erasure nobody on the staff asked for (`detail`: why, or through what).
pub async fn audit_erasure(conn: &mut PgConnection, id: Uuid, detail: serde_json::Value) -> Result<(), AppError> {
    db::audit::record(
        conn,
        &NewAuditEvent {
            staff_user_id: None,
            action: "application.erase",
            subject_type: Some("application"),
            subject_id: Some(&id.to_string()),
            detail: Some(detail),
            ..Default::default()
        },
    )
    .await?;
    Ok(())
}

/// The log line of a committed erasure: its application id (no personal data), which outlives the
/// database in the firm's logs, so that erasures made after the last backup can be made again
/// after a restore (`intake applications erase`, docs/operations.md).
pub fn logged(id: Uuid) {
    tracing::info!(application_id = %id, "application erased");
}

/// Erases the unconverted leads (review status declined, no-show or spam) submitted more than
/// `days` days ago, each in its own transaction with an `application.erase` audit event by the
/// system. Returns how many were erased.
#[tracing::instrument(skip_all)]
pub async fn erase_stale_leads(pool: &PgPool, settings: &Settings, days: u16) -> Result<u64, AppError> {
    let ids = db::applications::stale_leads(pool, days).await?;
    let mut erased = 0;
    for id in ids {
        let mut tx = pool.begin().await?;
        // Still a stale lead once locked (staff may have changed its status meanwhile)?
        if db::applications::lock_stale_lead(&mut tx, id, days).await?
            && erase_application(&mut tx, settings, id).await?
        {
            audit_erasure(&mut tx, id, serde_json::json!({ "reason": "retention" })).await?;
            tx.commit().await?;
            logged(id);
            erased += 1;
        } else {
            tx.commit().await?;
        }
    }
    Ok(erased)
}
