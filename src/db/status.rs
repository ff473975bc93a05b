//! What the applicant's status page reads: the submitted application a reference and an address
//! name, its sign-in links, and the emails sent about it.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// The submitted, not erased application with this reference and address (any case): its id,
/// language and address as stored (where the link goes).
pub async fn find_by_reference(
    pool: &PgPool,
    reference: &str,
    email: &str,
) -> sqlx::Result<Option<(Uuid, String, String)>> {
    let row = sqlx::query!(
        r#"select application_id, language, email as "email!" from application
         where reference = $1 and lower(email) = lower($2) and status <> 'draft' and erased_at is null"#,
        reference,
        email
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| (r.application_id, r.language, r.email)))
}

pub async fn insert_link(
    conn: &mut PgConnection,
    application_id: Uuid,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into status_link (token_hash, application_id, expires_at) values ($1, $2, $3)",
        token_hash,
        application_id,
        expires_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The application a link that has not expired signs in to, unless it was erased since.
pub async fn link_application(pool: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select l.application_id from status_link l join application a using (application_id)
         where l.token_hash = $1 and l.expires_at > now() and a.erased_at is null and a.status <> 'draft'",
        token_hash
    )
    .fetch_optional(pool)
    .await
}

/// Deletes the links that have expired; returns how many.
pub async fn purge_expired_links(pool: &PgPool) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from status_link where expires_at <= now()")
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// An application as its status page shows it.
#[derive(Debug, Clone)]
pub struct StatusRow {
    pub application_id: Uuid,
    pub reference: String,
    pub pathway: Option<String>,
    pub review_status: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub answers: serde_json::Value,
}

/// The submitted, not erased application `id`.
pub async fn application(pool: &PgPool, id: Uuid) -> sqlx::Result<Option<StatusRow>> {
    sqlx::query_as!(
        StatusRow,
        r#"select application_id, coalesce(reference, '') as "reference!", pathway, review_status, submitted_at,
                  answers as "answers!"
           from application where application_id = $1 and status <> 'draft' and erased_at is null"#,
        id
    )
    .fetch_optional(pool)
    .await
}

/// An email sent (or to be sent) about an application: its kind, subject and date.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SentEmail {
    pub kind: String,
    pub subject: String,
    pub created_at: DateTime<Utc>,
}

/// The emails to the applicant about application `id`, oldest first (not those to the firm).
pub async fn emails_to(pool: &PgPool, id: Uuid, address: &str) -> sqlx::Result<Vec<SentEmail>> {
    sqlx::query_as!(
        SentEmail,
        "select kind, subject, created_at from email_outbox
         where application_id = $1 and position(lower($2) in lower(to_address)) > 0 order by created_at",
        id,
        address
    )
    .fetch_all(pool)
    .await
}
