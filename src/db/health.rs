use sqlx::PgPool;

use super::MIGRATOR;

/// True when the database answers and every compiled-in migration has been applied.
pub async fn ready(pool: &PgPool) -> sqlx::Result<bool> {
    let applied: Vec<i64> = sqlx::query_scalar!("select version from _sqlx_migrations where success order by version")
        .fetch_all(pool)
        .await?;
    Ok(MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .all(|m| applied.contains(&m.version)))
}
