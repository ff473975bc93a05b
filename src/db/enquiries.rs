//! `enquiry`: what visitors send through the contact form, deleted after the lead retention period
//! (`INTAKE_LEAD_RETENTION_DAYS`).

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::enquiry::Enquiry;

#[tracing::instrument(skip_all)]
pub async fn insert(conn: &mut PgConnection, enquiry: &Enquiry) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "insert into enquiry (enquiry_id, language, full_name, email, message) values ($1, $2, $3, $4, $5)",
        id,
        enquiry.lang.code(),
        enquiry.name.as_ref(),
        enquiry.email.as_ref(),
        enquiry.message,
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// Deletes the enquiries received more than `days` days ago; returns how many.
#[tracing::instrument(skip_all)]
pub async fn purge_older_than(pool: &PgPool, days: u16) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from enquiry where created_at < now() - make_interval(days => $1)",
        i32::from(days),
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}
