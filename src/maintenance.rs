//! Periodic housekeeping: drafts past their expiry are deleted (with their resume links); unconverted
//! leads (declined, no-show, spam) older than the lead retention period are erased (see
//! `crate::erasure`), contact-form enquiries older than it deleted; and finished emails older than
//! the outbox retention period are emptied of addresses, bodies and links. The events of the abuse
//! limits (`limits`) go after two days.

use std::{sync::Arc, time::Duration};

use sqlx::PgPool;
use tokio::sync::watch;

use crate::{config::Settings, db, erasure};

/// Emails emptied per statement: a large backlog is worked through in short transactions.
const SCRUB_BATCH: i64 = 500;

/// Does the housekeeping now, then every `every`, until `shutdown` turns true.
pub async fn run(pool: PgPool, settings: Arc<Settings>, every: Duration, mut shutdown: watch::Receiver<bool>) {
    while !*shutdown.borrow() {
        sweep(&pool, &settings).await;
        tokio::select! {
            _ = shutdown.changed() => {}
            _ = tokio::time::sleep(every) => {}
        }
    }
}

/// One round of housekeeping. A failing step is logged and does not stop the others.
pub async fn sweep(pool: &PgPool, settings: &Settings) {
    match db::applications::purge_expired_drafts(pool).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(purged = n, "expired drafts deleted"),
        Err(error) => tracing::warn!(%error, "purging expired drafts failed"),
    }
    match erasure::erase_stale_leads(pool, settings, settings.lead_retention_days).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(erased = n, "unconverted leads past retention erased"),
        Err(error) => tracing::warn!(?error, "erasing unconverted leads failed"),
    }
    // Limits count a day; their events are kept two.
    match db::limits::purge(pool, chrono::Utc::now() - chrono::Duration::days(2)).await {
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "purging old limit events failed"),
    }
    match db::enquiries::purge_older_than(pool, settings.lead_retention_days).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(purged = n, "enquiries past retention deleted"),
        Err(error) => tracing::warn!(%error, "purging old enquiries failed"),
    }
    match scrub_old_emails(pool, settings.outbox_retention_days).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(emptied = n, "emails past retention emptied"),
        Err(error) => tracing::warn!(%error, "emptying old emails failed"),
    }
    match db::status::purge_expired_links(pool).await {
        Ok(_) => {}
        Err(error) => tracing::warn!(%error, "purging expired status links failed"),
    }
    sweep_staff_security(pool).await;
}

/// Empties every finished email older than `days`, in batches; returns how many.
pub async fn scrub_old_emails(pool: &PgPool, days: u16) -> sqlx::Result<u64> {
    let mut total = 0;
    loop {
        let mut conn = pool.acquire().await?;
        let n = db::outbox::scrub_finished(&mut conn, days, SCRUB_BATCH).await?;
        total += n;
        if n < SCRUB_BATCH as u64 {
            return Ok(total);
        }
    }
}

/// Staff sessions ended more than a day ago, and failed sign-ins older than a day, are deleted.
async fn sweep_staff_security(pool: &PgPool) {
    let a_day_ago = chrono::Utc::now() - chrono::Duration::days(1);
    if let Err(error) = db::staff_sessions::delete_ended(pool, a_day_ago).await {
        tracing::warn!(%error, "deleting ended staff sessions failed");
    }
    if let Err(error) = db::login_failures::delete_old(pool).await {
        tracing::warn!(%error, "deleting old failed sign-ins failed");
    }
}
