//! Periodic housekeeping: drafts past their expiry are deleted (with their resume links).

use std::time::Duration;

use sqlx::PgPool;
use tokio::sync::watch;

use crate::db;

/// Purges expired drafts now, then every `every`, until `shutdown` turns true.
pub async fn run(pool: PgPool, every: Duration, mut shutdown: watch::Receiver<bool>) {
    while !*shutdown.borrow() {
        match db::applications::purge_expired_drafts(&pool).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(purged = n, "expired drafts deleted"),
            Err(error) => tracing::warn!(%error, "purging expired drafts failed"),
        }
        tokio::select! {
            _ = shutdown.changed() => {}
            _ = tokio::time::sleep(every) => {}
        }
    }
}
