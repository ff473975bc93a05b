//! `note`: what staff write on an application (deleted with the application's personal data at erasure).

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct NoteRow {
    pub body: String,
    pub staff_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The notes on application `id`, oldest first.
pub async fn of_application(pool: &PgPool, id: Uuid) -> sqlx::Result<Vec<NoteRow>> {
    sqlx::query_as!(
        NoteRow,
        r#"select n.body, s.name as "staff_name?", n.created_at
           from note n left join staff_user s using (staff_user_id)
           where n.application_id = $1 order by n.created_at"#,
        id
    )
    .fetch_all(pool)
    .await
}

/// Adds a note by `staff` to application `id`; returns its id.
pub async fn add(conn: &mut PgConnection, id: Uuid, staff: Uuid, body: &str) -> sqlx::Result<Uuid> {
    let note_id = Uuid::now_v7();
    sqlx::query!(
        "insert into note (note_id, application_id, staff_user_id, body) values ($1, $2, $3, $4)",
        note_id,
        id,
        staff,
        body
    )
    .execute(conn)
    .await?;
    Ok(note_id)
}
