//! Retention of what visitors send outside the questionnaire: contact-form enquiries are deleted
//! after the lead retention period (`INTAKE_LEAD_RETENTION_DAYS`).

use sqlx::PgPool;

/// Deletes the enquiries received more than `days` days ago; returns how many.
#[tracing::instrument(skip_all)]
pub async fn purge_old_enquiries(pool: &PgPool, days: u16) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from enquiry where created_at < now() - make_interval(days => $1)",
        i32::from(days),
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}
