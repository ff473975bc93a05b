//! Counters of the abuse limits (`limit_event`) and the once-per-period admin alerts (`admin_alert`).
//! Keys arrive hashed: an address block or an email address is never stored here in clear.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// Serialises the transactions that count and spend one key (taken until the transaction ends).
pub async fn lock(conn: &mut PgConnection, key: i64) -> sqlx::Result<()> {
    sqlx::query!("select pg_advisory_xact_lock($1)", key)
        .execute(conn)
        .await?;
    Ok(())
}

/// Events of `kind` for `key_hash` since `since`.
pub async fn count_since(
    conn: &mut PgConnection,
    kind: &str,
    key_hash: &[u8],
    since: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from limit_event where kind = $1 and key_hash = $2 and created_at > $3"#,
        kind,
        key_hash,
        since
    )
    .fetch_one(conn)
    .await
}

pub async fn record(conn: &mut PgConnection, kind: &str, key_hash: &[u8]) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into limit_event (limit_event_id, kind, key_hash) values ($1, $2, $3)",
        Uuid::now_v7(),
        kind,
        key_hash
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes events older than `before` (they count for a day; kept a little longer).
pub async fn purge(pool: &PgPool, before: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from limit_event where created_at < $1", before)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// Claims the alert `kind` for now when it was last sent before `not_since` (or never): true when
/// this caller is the one to send it. Concurrent callers cannot both claim it.
pub async fn claim_alert(conn: &mut PgConnection, kind: &str, not_since: DateTime<Utc>) -> sqlx::Result<bool> {
    let claimed = sqlx::query_scalar!(
        "insert into admin_alert (kind, last_sent_at) values ($1, now())
         on conflict (kind) do update set last_sent_at = now() where admin_alert.last_sent_at < $2
         returning kind",
        kind,
        not_since
    )
    .fetch_optional(conn)
    .await?;
    Ok(claimed.is_some())
}
