//! The transactional email outbox: `enqueue` stores a rendered email in the caller's transaction;
//! the worker delivers due rows, one at a time per worker, each exactly once.

use std::time::Duration;

use chrono::{DateTime, Utc};
use lettre::message::Mailbox;
use sqlx::{PgConnection, PgPool, postgres::PgListener};
use tokio::sync::watch;
use uuid::Uuid;

use crate::{
    config::OutboxSettings,
    db::outbox::{self as store, Attachment, NewEmail},
    email::{
        mailer::Mailer,
        messages::{self, EmailMessage},
    },
    error::AppError,
    metrics::Metrics,
};

/// Where an email goes, and what goes with it.
#[derive(Debug, Clone)]
pub struct Envelope<'a> {
    pub to: &'a Mailbox,
    pub reply_to: Option<&'a Mailbox>,
    /// The application the email is about, if any.
    pub application_id: Option<Uuid>,
    pub attachments: &'a [Attachment],
    /// `None`: due now; later for scheduled emails such as reminders.
    pub due_at: Option<DateTime<Utc>>,
}

impl<'a> Envelope<'a> {
    pub fn to(to: &'a Mailbox) -> Envelope<'a> {
        Envelope {
            to,
            reply_to: None,
            application_id: None,
            attachments: &[],
            due_at: None,
        }
    }
}

/// Renders `email` in its language and stores it in the caller's transaction.
pub async fn enqueue<E: EmailMessage>(
    conn: &mut PgConnection,
    envelope: &Envelope<'_>,
    email: &E,
) -> Result<Uuid, AppError> {
    let rendered = email.render()?;
    let to_address = envelope.to.email.to_string();
    let reply_to = envelope.reply_to.map(ToString::to_string);
    let id = store::insert(
        conn,
        &NewEmail {
            kind: E::KIND,
            language: email.ctx().lang.code(),
            to_name: envelope.to.name.as_deref(),
            to_address: &to_address,
            reply_to: reply_to.as_deref(),
            subject: &rendered.subject,
            body_text: &rendered.text,
            body_html: &rendered.html,
            attachments: envelope.attachments,
            application_id: envelope.application_id,
            due_at: envelope.due_at,
        },
    )
    .await?;
    Ok(id)
}

/// What one delivery attempt did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing was due.
    Empty,
    Sent(Uuid),
    /// Failed; due again later.
    Retry(Uuid),
    /// Failed for good (permanent rejection or too many attempts).
    Dead(Uuid),
}

/// Everything the worker needs.
pub struct Worker {
    pub pool: PgPool,
    pub mailer: Mailer,
    pub from: Mailbox,
    pub settings: OutboxSettings,
    pub metrics: Metrics,
}

/// An attempt that did not complete.
struct Failure {
    error: AppError,
    /// The SMTP server accepted this email, but the database went away before it was marked sent.
    accepted: Option<Uuid>,
}

impl From<sqlx::Error> for Failure {
    fn from(error: sqlx::Error) -> Failure {
        Failure {
            error: error.into(),
            accepted: None,
        }
    }
}

impl Worker {
    /// Claims the oldest due email, sends it, and records the result, all in one transaction.
    pub async fn try_deliver_one(&self) -> Result<Outcome, AppError> {
        self.deliver_one().await.map_err(|failure| failure.error)
    }

    async fn deliver_one(&self) -> Result<Outcome, Failure> {
        let mut tx = self.pool.begin().await?;
        let Some(email) = store::claim_due(&mut tx).await? else {
            return Ok(Outcome::Empty);
        };
        let id = email.email_outbox_id;
        let result = match messages::build(&email, &self.from) {
            Ok(message) => self.mailer.send(message).await.map_err(|e| (e.permanent, e.message)),
            Err(problem) => Err((true, problem)),
        };
        let outcome = match result {
            Ok(()) => {
                let marked = async {
                    store::mark_sent(&mut tx, id).await?;
                    store::scrub_if_erased(&mut tx, id).await?;
                    tx.commit().await
                };
                marked.await.map_err(|error| Failure {
                    error: error.into(),
                    accepted: Some(id),
                })?;
                Outcome::Sent(id)
            }
            Err((permanent, error)) => {
                let dead = store::mark_failed(
                    &mut tx,
                    id,
                    &error,
                    permanent,
                    self.settings.max_attempts,
                    self.settings.base_backoff,
                )
                .await?;
                if dead {
                    store::scrub_if_erased(&mut tx, id).await?;
                }
                tx.commit().await?;
                tracing::warn!(email_outbox_id = %id, attempt = email.attempts + 1, permanent, dead, "email delivery failed");
                if dead { Outcome::Dead(id) } else { Outcome::Retry(id) }
            }
        };
        self.count(outcome);
        Ok(outcome)
    }

    fn count(&self, outcome: Outcome) {
        let label = match outcome {
            Outcome::Sent(_) => "sent",
            Outcome::Retry(_) => "retry",
            Outcome::Dead(_) => "dead",
            Outcome::Empty => return,
        };
        self.metrics.outbox_deliveries.with_label_values(&[label]).inc();
    }

    /// Marks sent the emails the SMTP server accepted while the database was away, oldest first.
    async fn record_accepted(&self, accepted: &mut Vec<Uuid>) -> Result<(), AppError> {
        while let Some(&id) = accepted.first() {
            let mut conn = self.pool.acquire().await?;
            store::mark_sent(&mut conn, id).await?;
            store::scrub_if_erased(&mut conn, id).await?;
            accepted.remove(0);
            tracing::info!(email_outbox_id = %id, "email marked sent once the database answered again");
            self.count(Outcome::Sent(id));
        }
        Ok(())
    }

    /// Delivers due emails until `shutdown` turns true. Wakes on `NOTIFY email_outbox` and polls
    /// every `poll_interval` for scheduled and retried rows.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        tracing::info!(transport = self.mailer.describe(), "outbox worker started");
        let mut listener = self.listen().await;
        // Emails sent whose "sent" mark was lost with the database connection (a restart, a
        // failover): their rows are due again, so they are marked before anything else is claimed,
        // rather than sent twice.
        let mut accepted = Vec::new();
        while !*shutdown.borrow() {
            loop {
                if let Err(error) = self.record_accepted(&mut accepted).await {
                    tracing::error!(?error, waiting = accepted.len(), "outbox worker error");
                    break;
                }
                match self.deliver_one().await {
                    Ok(Outcome::Empty) => break,
                    Ok(_) if *shutdown.borrow() => return,
                    Ok(_) => {}
                    Err(Failure { error, accepted: id }) => {
                        let sent = id.is_some();
                        accepted.extend(id);
                        tracing::error!(?error, sent, "outbox worker error");
                        break;
                    }
                }
            }
            tokio::select! {
                _ = shutdown.changed() => {}
                _ = tokio::time::sleep(self.settings.poll_interval) => {}
                notified = async {
                    match listener.as_mut() {
                        Some(l) => l.recv().await.map(drop),
                        None => std::future::pending().await,
                    }
                } => {
                    if notified.is_err() {
                        // The listener reconnects by itself on the next recv; back off briefly.
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                }
            }
        }
        tracing::info!("outbox worker stopped");
    }

    async fn listen(&self) -> Option<PgListener> {
        let mut listener = PgListener::connect_with(&self.pool).await.ok()?;
        listener.listen("email_outbox").await.ok()?;
        Some(listener)
    }
}
