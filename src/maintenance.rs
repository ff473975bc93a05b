//! Periodic housekeeping: drafts past their expiry are deleted (with their resume links); unconverted
//! leads (declined, no-show, spam) older than the lead retention period are erased, and contact-form
//! enquiries older than it deleted; the events of the abuse limits (`limits`) go after two days.

use std::time::Duration;

use sqlx::PgPool;
use tokio::sync::watch;

use crate::db;

/// Does the housekeeping now, then every `every`, until `shutdown` turns true. `lead_retention_days`
/// is `Settings::lead_retention_days`.
pub async fn run(pool: PgPool, every: Duration, lead_retention_days: u16, mut shutdown: watch::Receiver<bool>) {
    while !*shutdown.borrow() {
        sweep(&pool, lead_retention_days).await;
        tokio::select! {
            _ = shutdown.changed() => {}
            _ = tokio::time::sleep(every) => {}
        }
    }
}

/// One round of housekeeping. A failing step is logged and does not stop the others.
pub async fn sweep(pool: &PgPool, lead_retention_days: u16) {
    match db::applications::purge_expired_drafts(pool).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(purged = n, "expired drafts deleted"),
        Err(error) => tracing::warn!(%error, "purging expired drafts failed"),
    }
    match db::backoffice::erase_stale_leads(pool, lead_retention_days).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(erased = n, "unconverted leads past retention erased"),
        Err(error) => tracing::warn!(%error, "erasing unconverted leads failed"),
    }
    // Limits count a day; their events are kept two.
    match db::limits::purge(pool, chrono::Utc::now() - chrono::Duration::days(2)).await {
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "purging old limit events failed"),
    }
    match db::retention::purge_old_enquiries(pool, lead_retention_days).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(purged = n, "enquiries past retention deleted"),
        Err(error) => tracing::warn!(%error, "purging old enquiries failed"),
    }
}
