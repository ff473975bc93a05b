use sqlx::PgConnection;
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
