//! Failed staff sign-ins, keyed by the SHA-256 of the email typed and the source address block, for
//! throttling (`auth::throttle`). Rows older than a day are deleted by maintenance.

use sqlx::PgExecutor;

/// Failures within `window_secs`: for this email and block, for this email from anywhere, and from
/// this block for any email; with the time of the latest failure of the pair.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub pair: i64,
    pub account: i64,
    pub block: i64,
    /// Seconds since the pair's latest failure (`None` when it has none in the window).
    pub pair_last_secs_ago: Option<i64>,
}

#[tracing::instrument(skip_all)]
pub async fn counts(db: impl PgExecutor<'_>, email_hash: &str, block: &str, window_secs: i64) -> sqlx::Result<Counts> {
    let row = sqlx::query!(
        r#"select
               count(*) filter (where email_hash = $1 and source_block = $2) as "pair!",
               count(*) filter (where email_hash = $1) as "account!",
               count(*) filter (where source_block = $2) as "block!",
               extract(epoch from now() - max(at) filter (where email_hash = $1 and source_block = $2))::bigint
                   as pair_last_secs_ago
           from staff_login_failure
           where at > now() - make_interval(secs => $3) and (email_hash = $1 or source_block = $2)"#,
        email_hash,
        block,
        window_secs as f64,
    )
    .fetch_one(db)
    .await?;
    Ok(Counts {
        pair: row.pair,
        account: row.account,
        block: row.block,
        pair_last_secs_ago: row.pair_last_secs_ago,
    })
}

#[tracing::instrument(skip_all)]
pub async fn record(db: impl PgExecutor<'_>, email_hash: &str, block: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into staff_login_failure (email_hash, source_block) values ($1, $2)",
        email_hash,
        block
    )
    .execute(db)
    .await?;
    Ok(())
}

/// After a successful sign-in: the pair starts again from nothing.
#[tracing::instrument(skip_all)]
pub async fn clear_pair(db: impl PgExecutor<'_>, email_hash: &str, block: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from staff_login_failure where email_hash = $1 and source_block = $2",
        email_hash,
        block
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Maintenance: failures older than a day are forgotten.
#[tracing::instrument(skip_all)]
pub async fn delete_old(db: impl PgExecutor<'_>) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from staff_login_failure where at < now() - interval '1 day'")
        .execute(db)
        .await?;
    Ok(done.rows_affected())
}
