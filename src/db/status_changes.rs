//! `application_status_change`: the history of an application's review status, who moved it and when.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::status::ReviewStatus;

#[derive(Debug, Clone)]
pub struct StatusChange {
    pub from_status: ReviewStatus,
    pub to_status: ReviewStatus,
    pub staff_name: Option<String>,
    pub at: DateTime<Utc>,
}

/// The review status changes of application `id`, oldest first.
pub async fn of_application(pool: &PgPool, id: Uuid) -> sqlx::Result<Vec<StatusChange>> {
    sqlx::query_as!(
        StatusChange,
        r#"select c.from_status as "from_status: ReviewStatus", c.to_status as "to_status: ReviewStatus", s.name as "staff_name?", c.at
           from application_status_change c left join staff_user s using (staff_user_id)
           where c.application_id = $1 order by c.at"#,
        id
    )
    .fetch_all(pool)
    .await
}

/// Records that application `id` moved from review status `from` to `to`, by `staff`.
pub async fn record(
    conn: &mut PgConnection,
    id: Uuid,
    from: ReviewStatus,
    to: ReviewStatus,
    staff: Uuid,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into application_status_change (application_status_change_id, application_id, from_status, to_status, staff_user_id)
             values ($1, $2, $3, $4, $5)",
        Uuid::now_v7(),
        id,
        from as ReviewStatus,
        to as ReviewStatus,
        staff
    )
    .execute(conn)
    .await?;
    Ok(())
}
