//! Commands for the people who run intake: `intake applications show REFERENCE` prints where an
//! application stands (status, pathway, dates, bookings, emails) without any personal data, for
//! support and for the restore drill (`deploy/backup-drill`), read-only; `intake applications
//! erase ID...` makes again, after a restore, the erasures made since the backup.

use std::fmt;

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::{
    db::{self, applications::ApplicationRecord, bookings::BookingRecord, outbox::EmailRecord},
    domain::reference_code::parse_reference,
};

/// No application has this reference (or what was typed cannot be one). `intake` exits with 3.
#[derive(Debug, thiserror::Error)]
#[error("no application with the reference {0}")]
pub struct NotFound(pub String);

/// An application as an operator sees it: never a name, an address or an answer.
#[derive(Debug, Clone)]
pub struct ApplicationReport {
    pub application: ApplicationRecord,
    pub bookings: Vec<BookingRecord>,
    pub emails: Vec<EmailRecord>,
}

/// Finds the application whose reference is `typed` (with or without its hyphen, spaces or capitals).
pub async fn find_application(pool: &PgPool, typed: &str) -> anyhow::Result<ApplicationReport> {
    let not_found = || NotFound(typed.trim().to_owned());
    let reference = parse_reference(typed).ok_or_else(not_found)?;
    let application = db::applications::by_reference(pool, &reference)
        .await?
        .ok_or_else(|| NotFound(reference.clone()))?;
    let bookings = db::bookings::statuses_of(pool, application.application_id).await?;
    let emails = db::outbox::statuses_of(pool, application.application_id).await?;
    Ok(ApplicationReport {
        application,
        bookings,
        emails,
    })
}

/// `intake applications show REFERENCE`: the report on standard output.
pub async fn show_application(pool: &PgPool, typed: &str) -> anyhow::Result<()> {
    let report = find_application(pool, typed).await?;
    print!("{report}");
    Ok(())
}

/// One `name: value` line each; bookings and emails one line each, `none` when there are none.
impl fmt::Display for ApplicationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = &self.application;
        writeln!(f, "reference: {}", a.reference)?;
        writeln!(f, "status: {}", a.status)?;
        writeln!(f, "review: {}", a.review_status)?;
        writeln!(f, "pathway: {}", a.pathway)?;
        writeln!(f, "submitted: {}", utc_or_none(a.submitted_at))?;
        if let Some(erased) = a.erased_at {
            writeln!(f, "erased: {}", utc(erased))?;
        }
        if self.bookings.is_empty() {
            writeln!(f, "booking: none")?;
        }
        for b in &self.bookings {
            writeln!(f, "booking: {} {}", utc(b.starts_at), b.status)?;
        }
        if self.emails.is_empty() {
            writeln!(f, "emails: none")?;
        }
        for e in &self.emails {
            writeln!(f, "emails: {} {}", e.kind, e.status)?;
        }
        Ok(())
    }
}

/// `2026-12-10T15:00:00Z`.
fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn utc_or_none(at: Option<DateTime<Utc>>) -> String {
    at.map_or_else(|| "none".to_owned(), utc)
}

/// `intake applications erase ID...`: each application erased in a transaction of its own, as an
/// admin's "Erase" does (`crate::erasure`), audited as done from the command line.
pub async fn erase_applications(
    pool: &PgPool,
    settings: &crate::config::Settings,
    ids: &[uuid::Uuid],
) -> anyhow::Result<()> {
    for id in ids {
        let mut tx = pool.begin().await?;
        let erased = crate::erasure::erase_application(&mut tx, settings, *id)
            .await
            .map_err(|e| anyhow::anyhow!("erasing {id} failed: {e}"))?;
        if erased {
            crate::erasure::audit_erasure(&mut tx, *id, serde_json::json!({ "via": "cli" }))
                .await
                .map_err(|e| anyhow::anyhow!("recording the erasure of {id} failed: {e}"))?;
        }
        tx.commit().await?;
        if erased {
            crate::erasure::logged(*id);
            println!("erased {id}");
        } else {
            println!("{id}: nothing to erase (already erased, or no such application)");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone as _;
    use uuid::Uuid;

    use super::*;
    use crate::domain::status::{ApplicationStatus, BookingStatus, ReviewStatus};

    #[test]
    fn the_report_has_one_line_per_fact_and_per_booking_and_email() {
        let at = |h| Utc.with_ymd_and_hms(2026, 12, 10, h, 30, 0).unwrap();
        let mut report = ApplicationReport {
            application: ApplicationRecord {
                application_id: Uuid::nil(),
                reference: "K7QM-4XTP".into(),
                status: ApplicationStatus::Submitted,
                review_status: ReviewStatus::New,
                pathway: "gts".into(),
                submitted_at: Some(at(9)),
                erased_at: None,
            },
            bookings: vec![BookingRecord {
                starts_at: at(15),
                status: BookingStatus::Active,
            }],
            emails: vec![
                EmailRecord {
                    kind: "booking_brief".into(),
                    status: "sent".into(),
                },
                EmailRecord {
                    kind: "booking_reminder".into(),
                    status: "pending".into(),
                },
            ],
        };
        assert_eq!(
            report.to_string(),
            "reference: K7QM-4XTP\nstatus: submitted\nreview: new\npathway: gts\nsubmitted: 2026-12-10T09:30:00Z\n\
             booking: 2026-12-10T15:30:00Z active\nemails: booking_brief sent\nemails: booking_reminder pending\n"
        );
        report.bookings.clear();
        report.emails.clear();
        report.application.erased_at = Some(at(10));
        let text = report.to_string();
        assert!(
            text.contains("erased: 2026-12-10T10:30:00Z\nbooking: none\nemails: none\n"),
            "{text}"
        );
    }
}
