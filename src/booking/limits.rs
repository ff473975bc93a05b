//! What keeps one person or one script from booking out the calendar:
//! - one active booking that has not started per email address and per phone number
//!   ([`admit`] refuses a second one; the applicant is pointed to their manage link or the firm);
//! - at most `INTAKE_BOOKINGS_PER_BLOCK_PER_DAY` new bookings in 24 hours from one address block
//!   (IPv4 /24, IPv6 /64: `web::client_ip::block_key`);
//! - an email to the admins when `INTAKE_BOOKING_ALERT_PER_HOUR` bookings were made within an hour
//!   ([`after_booking`]), at most once an hour.
//!
//! Both checks run in the booking's own transaction, under advisory locks on their keys, so a burst
//! of concurrent submissions cannot slip past them; a rolled-back booking counts nothing.

use chrono::{Duration, Utc};
use lettre::message::Mailbox;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::{
    auth::Role,
    config::Settings,
    db,
    email::messages::{BookingAlert, EmailCtx},
    error::AppError,
    i18n::Lang,
    limits::{self, Counted, email_key, lock_number},
    outbox::{self, Envelope},
};

const BOOKING_RATE_ALERT: &str = "booking_rate";

/// Why a booking was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The email address or phone number already holds a consultation to come.
    AlreadyBooked,
    /// The address block made its day's share of bookings.
    TooManyFromBlock,
}

/// True when the email address or phone number already holds a consultation to come under
/// another application (a read, for the booking page; [`admit`] decides).
pub async fn already_booked(
    conn: &mut PgConnection,
    email: &str,
    phone: Option<&str>,
    application_id: Uuid,
) -> Result<bool, AppError> {
    Ok(db::bookings::active_future_for_person(conn, &email_key(email), phone, application_id).await?)
}

/// Decides, in the booking's transaction, whether this applicant may book from this address
/// `block`; when so, counts the booking against the block.
pub async fn admit(
    conn: &mut PgConnection,
    settings: &Settings,
    email: &str,
    phone: Option<&str>,
    block: &str,
    application_id: Uuid,
) -> Result<Result<(), Refusal>, AppError> {
    let email_key = email_key(email);
    // Every lock at once, always in the same order, so two transactions never wait on each other.
    let mut locks = vec![lock_number("booking_email", &email_key)];
    if let Some(phone) = phone {
        locks.push(lock_number("booking_phone", phone));
    }
    if settings.bookings_per_block_per_day.is_some() {
        locks.push(lock_number(Counted::BookingFromBlock.as_str(), block));
    }
    locks.sort_unstable();
    locks.dedup();
    for lock in locks {
        db::limits::lock(conn, lock).await?;
    }
    if db::bookings::active_future_for_person(conn, &email_key, phone, application_id).await? {
        return Ok(Err(Refusal::AlreadyBooked));
    }
    if let Some(cap) = settings.bookings_per_block_per_day
        && !limits::take(conn, Counted::BookingFromBlock, block, cap).await?
    {
        return Ok(Err(Refusal::TooManyFromBlock));
    }
    Ok(Ok(()))
}

/// After a booking, in its transaction: when `INTAKE_BOOKING_ALERT_PER_HOUR` bookings were made
/// within the last hour, emails every active admin (once an hour at most, whatever the number of
/// processes). `staff_url` is the back office's applications list.
pub async fn after_booking(conn: &mut PgConnection, settings: &Settings, staff_url: &str) -> Result<(), AppError> {
    let Some(threshold) = settings.booking_alert_per_hour else {
        return Ok(());
    };
    let hour_ago = Utc::now() - Duration::hours(1);
    let made = db::bookings::count_created_since(conn, hour_ago).await?;
    if made < i64::from(threshold) || !db::limits::claim_alert(conn, BOOKING_RATE_ALERT, hour_ago).await? {
        return Ok(());
    }
    let admins = db::staff::list_all(&mut *conn)
        .await?
        .into_iter()
        .filter(|s| s.active && s.role == Role::Admin);
    let lang = Lang::En;
    let alert = BookingAlert {
        ctx: EmailCtx {
            lang,
            firm_name: settings.firm_name.clone(),
        },
        count: made.to_string(),
        intro: lang.t_args(
            "email-alert-intro",
            &[("count", made.to_string()), ("threshold", threshold.to_string())],
        ),
        staff_url: staff_url.to_owned(),
    };
    let mut sent = 0;
    for admin in admins {
        let Ok(address) = admin.email.parse() else { continue };
        let to = Mailbox::new(Some(admin.name.clone()), address);
        outbox::enqueue(conn, &Envelope::to(&to), &alert).await?;
        sent += 1;
    }
    tracing::warn!(
        bookings = made,
        threshold,
        admins = sent,
        "bookings in the last hour passed the alert threshold"
    );
    Ok(())
}
