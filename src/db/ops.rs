//! What the operators' commands read (`crate::ops`): an application found by its reference, with its
//! bookings and emails, never its personal data.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// A submitted application as `intake applications show` prints it: no name, address or answers.
#[derive(Debug, Clone)]
pub struct ApplicationRecord {
    pub application_id: Uuid,
    pub reference: String,
    /// `submitted` or `withdrawn` (erased applications are withdrawn).
    pub status: String,
    pub review_status: String,
    /// The pathway assessed, else the one chosen (`not_sure`).
    pub pathway: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub erased_at: Option<DateTime<Utc>>,
}

/// The application with `reference` (in its stored form, `K7QM-4XTP`).
pub async fn application_by_reference(pool: &PgPool, reference: &str) -> sqlx::Result<Option<ApplicationRecord>> {
    sqlx::query_as!(
        ApplicationRecord,
        r#"select application_id, reference as "reference!", status, review_status,
                  coalesce(pathway, target_pathway) as "pathway!", submitted_at, erased_at
           from application
           where reference = $1"#,
        reference
    )
    .fetch_optional(pool)
    .await
}

/// One booking of an application: when and whether it still holds.
#[derive(Debug, Clone)]
pub struct BookingRecord {
    pub starts_at: DateTime<Utc>,
    /// `active` or `cancelled`.
    pub status: String,
}

/// The application's bookings, earliest first.
pub async fn bookings_of(pool: &PgPool, application_id: Uuid) -> sqlx::Result<Vec<BookingRecord>> {
    sqlx::query_as!(
        BookingRecord,
        "select starts_at, status from booking where application_id = $1 order by starts_at, created_at",
        application_id
    )
    .fetch_all(pool)
    .await
}

/// One email of an application's outbox: what it is and where it stands, not to whom or what it says.
#[derive(Debug, Clone)]
pub struct EmailRecord {
    pub kind: String,
    /// `pending`, `sent`, `dead` or `withdrawn`.
    pub status: String,
}

/// The application's emails, in the order they were written.
pub async fn emails_of(pool: &PgPool, application_id: Uuid) -> sqlx::Result<Vec<EmailRecord>> {
    sqlx::query_as!(
        EmailRecord,
        "select kind, status from email_outbox where application_id = $1 order by created_at, email_outbox_id",
        application_id
    )
    .fetch_all(pool)
    .await
}
