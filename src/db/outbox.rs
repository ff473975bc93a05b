//! `email_outbox`: every email the site sends, stored first and delivered by the workers
//! (`crate::outbox`); the only file that writes the table.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool, types::Json};
use uuid::Uuid;

/// A file attached to an email (e.g. a calendar invite).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub content: String,
}

/// An email ready to be stored: rendered, addressed, in its recipient's language.
#[derive(Debug)]
pub struct NewEmail<'a> {
    pub kind: &'a str,
    pub language: &'a str,
    pub to_name: Option<&'a str>,
    pub to_address: &'a str,
    pub reply_to: Option<&'a str>,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub attachments: &'a [Attachment],
    pub application_id: Option<Uuid>,
    /// `None`: due now.
    pub due_at: Option<DateTime<Utc>>,
}

/// A stored email claimed for delivery.
#[derive(Debug)]
pub struct OutboxEmail {
    pub email_outbox_id: Uuid,
    pub to_name: Option<String>,
    pub to_address: String,
    pub reply_to: Option<String>,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub attachments: Json<Vec<Attachment>>,
    pub attempts: i32,
}

/// Stores the email and wakes the workers when the surrounding transaction commits.
#[tracing::instrument(skip_all, fields(kind = email.kind))]
pub async fn insert(conn: &mut PgConnection, email: &NewEmail<'_>) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "insert into email_outbox
            (email_outbox_id, kind, language, to_name, to_address, reply_to, subject, body_text, body_html,
             attachments, application_id, next_attempt_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce($12, now()))",
        id,
        email.kind,
        email.language,
        email.to_name,
        email.to_address,
        email.reply_to,
        email.subject,
        email.body_text,
        email.body_html,
        Json(email.attachments) as _,
        email.application_id,
        email.due_at,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("select pg_notify('email_outbox', '')")
        .execute(conn)
        .await?;
    Ok(id)
}

/// Locks the oldest due email, skipping those other workers hold. The lock lasts until the
/// transaction ends, so no other worker can send it meanwhile.
pub async fn claim_due(conn: &mut PgConnection) -> sqlx::Result<Option<OutboxEmail>> {
    sqlx::query_as!(
        OutboxEmail,
        r#"select email_outbox_id, to_name, to_address, reply_to, subject, body_text, body_html,
                  attachments as "attachments: Json<Vec<Attachment>>", attempts
           from email_outbox
           where status = 'pending' and next_attempt_at <= now()
           order by next_attempt_at
           limit 1
           for update skip locked"#
    )
    .fetch_optional(conn)
    .await
}

/// Marks a pending email sent; a no-op if it is no longer pending (another worker sent it).
pub async fn mark_sent(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update email_outbox
         set status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = null, updated_at = now()
         where email_outbox_id = $1 and status = 'pending'",
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a failed attempt: due again after `base_backoff × 2^attempts`, or dead once
/// `max_attempts` is reached (at once when `permanent`). Returns whether the row is now dead.
pub async fn mark_failed(
    conn: &mut PgConnection,
    id: Uuid,
    error: &str,
    permanent: bool,
    max_attempts: i32,
    base_backoff: Duration,
) -> sqlx::Result<bool> {
    let status = sqlx::query_scalar!(
        "update email_outbox
         set attempts = attempts + 1,
             last_error = $2,
             next_attempt_at = now() + make_interval(secs => $3 * power(2, attempts)),
             status = case when $4 or attempts + 1 >= $5 then 'dead' else 'pending' end,
             updated_at = now()
         where email_outbox_id = $1
         returning status",
        id,
        error,
        base_backoff.as_secs_f64(),
        permanent,
        max_attempts,
    )
    .fetch_one(conn)
    .await?;
    Ok(status == "dead")
}

/// Retention: empties the emails finished (sent, dead or withdrawn) more than `days` days ago, at
/// most `limit` of them: addresses, subject, bodies, attachments and error go (with them any link
/// they held); kind, language, status, attempts and dates stay for counting. Returns how many.
#[tracing::instrument(skip_all)]
pub async fn scrub_finished(conn: &mut PgConnection, days: u16, limit: i64) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update email_outbox
         set to_name = null, to_address = '', reply_to = null, subject = '', body_text = '', body_html = '',
             attachments = '[]', last_error = null, scrubbed_at = now()
         where email_outbox_id in (
             select email_outbox_id from email_outbox
             where scrubbed_at is null and status <> 'pending'
               and updated_at < now() - make_interval(days => $1)
             order by updated_at
             limit $2
             for update skip locked)",
        i32::from(days),
        limit,
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Empties a finished email at once when its application has been erased (the calendar
/// cancellation sent at erasure keeps the address only until it is delivered).
pub async fn scrub_if_erased(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update email_outbox o
         set to_name = null, to_address = '', reply_to = null, subject = '', body_text = '', body_html = '',
             attachments = '[]', last_error = null, scrubbed_at = now()
         where o.email_outbox_id = $1 and o.status <> 'pending' and o.scrubbed_at is null
           and exists (select 1 from application a where a.application_id = o.application_id and a.erased_at is not null)",
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The queue's health, for the metrics gauges. An email scheduled for later (a reminder, due a day
/// before its consultation) is not waiting until it is due: it is counted from then, or from its
/// first failed attempt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueueHealth {
    /// Emails not yet delivered that are due now or waiting for a retry (not those scheduled for later).
    pub pending: i64,
    /// How long the longest-waiting of them has waited (0 when none): since it became due, or since
    /// it was queued once an attempt has failed.
    pub oldest_pending_seconds: f64,
    /// Emails given up on, until staff send them again.
    pub dead: i64,
}

/// Counts read through the partial indexes on pending and dead rows, so a scrape stays cheap
/// however many delivered emails the table keeps.
pub async fn queue_health(pool: &PgPool) -> sqlx::Result<QueueHealth> {
    let row = sqlx::query!(
        r#"select
             (select count(*) from email_outbox
                where status = 'pending' and (next_attempt_at <= now() or attempts > 0)) as "pending!",
             (select coalesce(extract(epoch from now()
                        - min(case when attempts = 0 then next_attempt_at else created_at end)), 0)::float8
                from email_outbox
                where status = 'pending' and (next_attempt_at <= now() or attempts > 0)) as "oldest!",
             (select count(*) from email_outbox where status = 'dead') as "dead!""#
    )
    .fetch_one(pool)
    .await?;
    Ok(QueueHealth {
        pending: row.pending,
        oldest_pending_seconds: row.oldest,
        dead: row.dead,
    })
}

#[derive(Debug, Clone)]
pub struct EmailRow {
    pub email_outbox_id: Uuid,
    pub kind: String,
    pub to_address: String,
    pub subject: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The emails of application `id`, oldest first, as its page lists them.
pub async fn of_application(pool: &PgPool, id: Uuid) -> sqlx::Result<Vec<EmailRow>> {
    sqlx::query_as!(
        EmailRow,
        "select email_outbox_id, kind, to_address, subject, status, attempts, last_error, next_attempt_at, sent_at, created_at
         from email_outbox where application_id = $1 order by created_at",
        id
    )
    .fetch_all(pool)
    .await
}

/// Takes a dead email out of the queue for good, emptied (a resend renders a new one from the
/// application as it is now); returns its kind, `None` when it is not a dead email of the application.
pub async fn take_dead(conn: &mut PgConnection, application_id: Uuid, email_id: Uuid) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "update email_outbox
         set status = 'withdrawn', to_name = null, to_address = '', reply_to = null, subject = '', body_text = '',
             body_html = '', attachments = '[]', last_error = null, scrubbed_at = now(), updated_at = now()
         where email_outbox_id = $1 and application_id = $2 and status = 'dead'
         returning kind",
        email_id,
        application_id
    )
    .fetch_optional(conn)
    .await
}

/// How many emails were given up on.
pub async fn count_dead(pool: &PgPool) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"select count(*) as "n!" from email_outbox where status = 'dead'"#)
        .fetch_one(pool)
        .await
}

#[derive(Debug, Clone)]
pub struct DeadEmail {
    pub email_outbox_id: Uuid,
    pub application_id: Option<Uuid>,
    pub kind: String,
    pub last_error: Option<String>,
    pub updated_at: DateTime<Utc>,
}

/// The emails given up on, most recent first.
pub async fn dead(pool: &PgPool, limit: i64) -> sqlx::Result<Vec<DeadEmail>> {
    sqlx::query_as!(
        DeadEmail,
        "select email_outbox_id, application_id, kind, last_error, updated_at
         from email_outbox where status = 'dead' order by updated_at desc limit $1",
        limit
    )
    .fetch_all(pool)
    .await
}

/// Withdraws the application's reminders that have not gone out yet.
pub async fn withdraw_reminders(conn: &mut PgConnection, application_id: Uuid) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update email_outbox set status = 'withdrawn', updated_at = now()
         where application_id = $1 and kind = 'booking_reminder' and status = 'pending'",
        application_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Erasure of a data subject (`db::erasure`): empties every email of application `id`, or addressed
/// to, replying to or mentioning `email` (lower-cased), unless it belongs to another application
/// not erased; a pending one is withdrawn.
pub async fn scrub_for_erasure(conn: &mut PgConnection, id: Uuid, email: Option<&str>) -> sqlx::Result<()> {
    sqlx::query!(
        "update email_outbox o
         set to_name = null, to_address = '', reply_to = null, subject = '', body_text = '', body_html = '',
             attachments = '[]', last_error = null, scrubbed_at = now(),
             status = case when status = 'pending' then 'withdrawn' else status end, updated_at = now()
         where o.application_id = $1
            or ($2::text is not null
                and (lower(o.to_address) = $2
                     or position($2 in lower(coalesce(o.reply_to, ''))) > 0
                     or position($2 in lower(o.body_text)) > 0)
                and (o.application_id is null
                     or exists (select 1 from application a
                                where a.application_id = o.application_id
                                  and (a.erased_at is not null or a.status = 'draft'))))",
        id,
        email,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// One email of an application's outbox: what it is and where it stands, not to whom or what it says.
#[derive(Debug, Clone)]
pub struct EmailRecord {
    pub kind: String,
    /// `pending`, `sent`, `dead` or `withdrawn`.
    pub status: String,
}

/// The application's emails, in the order they were written.
pub async fn statuses_of(pool: &PgPool, application_id: Uuid) -> sqlx::Result<Vec<EmailRecord>> {
    sqlx::query_as!(
        EmailRecord,
        "select kind, status from email_outbox where application_id = $1 order by created_at, email_outbox_id",
        application_id
    )
    .fetch_all(pool)
    .await
}
