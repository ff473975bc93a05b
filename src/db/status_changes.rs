//! `application_status_change`: the history of an application's review status, who moved it and when.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct StatusChange {
    pub from_status: String,
    pub to_status: String,
    pub staff_name: Option<String>,
    pub at: DateTime<Utc>,
}

/// The review status changes of application `id`, oldest first.
pub async fn of_application(pool: &PgPool, id: Uuid) -> sqlx::Result<Vec<StatusChange>> {
    sqlx::query_as!(
        StatusChange,
        r#"select c.from_status, c.to_status, s.name as "staff_name?", c.at
           from application_status_change c left join staff_user s using (staff_user_id)
           where c.application_id = $1 order by c.at"#,
        id
    )
    .fetch_all(pool)
    .await
}

/// Records that application `id` moved from review status `from` to `to`, by `staff`.
pub async fn record(conn: &mut PgConnection, id: Uuid, from: &str, to: &str, staff: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into application_status_change (application_status_change_id, application_id, from_status, to_status, staff_user_id)
             values ($1, $2, $3, $4, $5)",
        Uuid::now_v7(),
        id,
        from,
        to,
        staff
    )
    .execute(conn)
    .await?;
    Ok(())
}
