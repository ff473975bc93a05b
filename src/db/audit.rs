//! The audit trail: who did what to which record, when, with the values before and after.

use sqlx::PgConnection;
use uuid::Uuid;

/// One event to record. `staff_user_id` is `None` for the system or an anonymous visitor (a failed
/// sign-in); `action` is dotted (`staff.login`, `application.status`, `export.csv`). Never put an
/// email address or other personal data in clear in `detail`.
#[derive(Debug, Default)]
pub struct NewAuditEvent<'a> {
    pub staff_user_id: Option<Uuid>,
    pub action: &'a str,
    pub subject_type: Option<&'a str>,
    pub subject_id: Option<&'a str>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub detail: Option<serde_json::Value>,
    /// The client's address, for security events (sign-in, sign-out, password and second-factor
    /// changes, throttling).
    pub source_address: Option<&'a str>,
}

/// Records the event, in the caller's transaction when it has one.
#[tracing::instrument(skip_all, fields(action = e.action))]
pub async fn record(conn: &mut PgConnection, e: &NewAuditEvent<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into audit_event
             (audit_event_id, staff_user_id, action, subject_type, subject_id, before, after, detail, source_address)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        Uuid::now_v7(),
        e.staff_user_id,
        e.action,
        e.subject_type,
        e.subject_id,
        e.before,
        e.after,
        e.detail,
        e.source_address,
    )
    .execute(conn)
    .await?;
    Ok(())
}
