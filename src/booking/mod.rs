//! Consultations: the firm's free slots, booking one with the submission, moving and cancelling it,
//! and the emails each change sends (through the outbox, in the same transaction). `limits` keeps one
//! person or one script from booking out the calendar.

pub mod limits;

pub mod brief;
pub mod resend;

use chrono::{DateTime, Datelike, Duration, NaiveTime, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use lettre::message::Mailbox;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::{
    availability::{self, Busy, Exception, Policy, Slot, WeeklyRule},
    calendar::{self, Invite},
    config::Settings,
    context::AppContext,
    db::{self, bookings::BookingRow, outbox::Attachment},
    email::messages::{
        BookingCancelled, BookingConfirmation, BookingReminder, BookingRescheduled, EmailCtx, FirmBookingNotice,
        SlotText,
    },
    error::AppError,
    i18n::Lang,
    outbox::{self, Envelope},
};

/// The firm's availability as it stands now, with the bookings that hold time.
pub struct Availability {
    pub policy: Policy,
    pub rules: Vec<WeeklyRule>,
    pub exceptions: Vec<Exception>,
    pub busy: Vec<Busy>,
    pub buffer_minutes: i32,
    /// Applicants may move or cancel up to this long before their consultation.
    pub cancel_cutoff: Duration,
}

impl Availability {
    pub async fn load(app: &AppContext) -> Result<Availability, AppError> {
        let busy = db::bookings::busy(&app.pool, Utc::now() - Duration::days(1)).await?;
        Availability::with_busy(app, busy).await
    }

    /// The same, with only the bookings that bear on a slot starting at `start`: [`Availability::free_at`]
    /// answers as with [`Availability::load`] for that start, without reading every booking ahead.
    /// A booking bears on it when it starts on the slot's firm-local day (the daily cap) or overlaps it
    /// with their buffers; both start within two days of `start` (consultations and buffers last hours).
    pub async fn load_for(app: &AppContext, start: DateTime<Utc>) -> Result<Availability, AppError> {
        let busy = db::bookings::busy_between(&app.pool, start - Duration::days(2), start + Duration::days(2)).await?;
        Availability::with_busy(app, busy).await
    }

    async fn with_busy(app: &AppContext, busy: Vec<(DateTime<Utc>, DateTime<Utc>)>) -> Result<Availability, AppError> {
        let (settings, rules, exceptions) = db::bookings::availability(&app.pool).await?;
        let policy = Policy {
            length: Duration::minutes(i64::from(settings.consultation_minutes)),
            buffer: Duration::minutes(i64::from(settings.buffer_minutes)),
            min_notice: Duration::hours(i64::from(settings.min_notice_hours)),
            horizon_days: u32::try_from(settings.horizon_days).unwrap_or(30),
            daily_cap: u32::try_from(settings.daily_cap).unwrap_or(8),
            firm_tz: app.settings.firm_time_zone,
        };
        Ok(Availability {
            policy,
            rules: rules
                .into_iter()
                .filter_map(|r| {
                    let weekday = Weekday::try_from(u8::try_from(r.weekday - 1).ok()?).ok()?;
                    Some(WeeklyRule {
                        weekday,
                        start: r.start_time,
                        end: r.end_time,
                    })
                })
                .collect(),
            exceptions: exceptions
                .into_iter()
                .map(|e| Exception {
                    date: e.day,
                    start: e.start_time,
                    end: e.end_time,
                })
                .collect(),
            busy: busy.into_iter().map(|(start, end)| Busy { start, end }).collect(),
            buffer_minutes: settings.buffer_minutes,
            cancel_cutoff: Duration::hours(i64::from(settings.cancel_cutoff_hours)),
        })
    }

    pub fn free(&self, now: DateTime<Utc>) -> Vec<Slot> {
        availability::free_slots(&self.policy, &self.rules, &self.exceptions, &self.busy, now)
    }

    /// The slot starting at `start` if it is still free.
    pub fn free_at(&self, now: DateTime<Utc>, start: DateTime<Utc>) -> Option<Slot> {
        availability::free_slot_at(&self.policy, &self.rules, &self.exceptions, &self.busy, now, start)
    }

    /// The same, ignoring one booking (the one being moved).
    pub fn without(mut self, start: DateTime<Utc>, end: DateTime<Utc>) -> Availability {
        if let Some(i) = self.busy.iter().position(|b| b.start == start && b.end == end) {
            self.busy.remove(i);
        }
        self
    }
}

const DAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const DAYS_FR: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A local date written out: "Monday 15 March 2027" / "lundi 15 mars 2027".
pub fn date_text(lang: Lang, date: chrono::NaiveDate) -> String {
    let day = date.weekday().num_days_from_monday() as usize;
    let month = date.month0() as usize;
    match lang {
        Lang::En => format!("{} {} {} {}", DAYS_EN[day], date.day(), MONTHS_EN[month], date.year()),
        Lang::Fr => format!("{} {} {} {}", DAYS_FR[day], date.day(), MONTHS_FR[month], date.year()),
    }
}

/// A local time: "14:30" / "14 h 30".
pub fn time_text(lang: Lang, time: NaiveTime) -> String {
    match lang {
        Lang::En => format!("{:02}:{:02}", time.hour(), time.minute()),
        Lang::Fr => format!("{} h {:02}", time.hour(), time.minute()),
    }
}

/// "Monday 15 March 2027, 10:00–10:30 (Toronto time)".
pub fn slot_in(lang: Lang, start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz) -> String {
    let (start, end) = (start.with_timezone(&tz), end.with_timezone(&tz));
    format!(
        "{}, {}–{} ({})",
        date_text(lang, start.date_naive()),
        time_text(lang, start.time()),
        time_text(lang, end.time()),
        tz.name()
    )
}

pub fn slot_text(lang: Lang, start: DateTime<Utc>, end: DateTime<Utc>, applicant_tz: Tz, firm_tz: Tz) -> SlotText {
    SlotText {
        applicant: slot_in(lang, start, end, applicant_tz),
        firm: slot_in(lang, start, end, firm_tz),
    }
}

pub fn mode_text(lang: Lang, mode: &str) -> String {
    lang.t(&format!("opt-consultation_mode-{mode}"))
}

/// The applicant's calendar invite for a booking.
pub fn invite(settings: &Settings, booking: &BookingView<'_>, method_cancel: bool) -> Attachment {
    let lang = booking.lang;
    let summary = lang.t_args("ics-summary", &[("firm", settings.firm_name.as_str())]);
    // A cancellation carries no manage link: there is nothing left to manage.
    let description = if method_cancel {
        lang.t_args("ics-description-cancelled", &[("reference", booking.reference)])
    } else {
        lang.t_args(
            "ics-description",
            &[("reference", booking.reference), ("manage", booking.manage_url)],
        )
    };
    let uid = format!("booking-{}@{}", booking.booking_id, settings.mail_from.email.domain());
    let invite = Invite {
        uid: &uid,
        sequence: u32::try_from(booking.sequence).unwrap_or(0),
        start: booking.starts_at,
        end: booking.ends_at,
        stamp: Utc::now(),
        summary: &summary,
        description: &description,
        location: &mode_text(lang, booking.mode),
        organizer_name: &settings.firm_name,
        organizer_email: settings.firm_email.email.as_ref(),
        attendee_name: booking.full_name,
        attendee_email: booking.email,
    };
    if method_cancel {
        Attachment {
            filename: "cancel.ics".into(),
            content_type: calendar::CONTENT_TYPE_CANCEL.into(),
            content: calendar::cancel(&invite),
        }
    } else {
        Attachment {
            filename: "invite.ics".into(),
            content_type: calendar::CONTENT_TYPE_REQUEST.into(),
            content: calendar::request(&invite),
        }
    }
}

/// What the booking emails and the invite need.
pub struct BookingView<'a> {
    pub booking_id: Uuid,
    pub application_id: Uuid,
    pub lang: Lang,
    pub reference: &'a str,
    pub full_name: &'a str,
    pub email: &'a str,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: Tz,
    pub mode: &'a str,
    pub sequence: i32,
    pub manage_url: &'a str,
}

impl BookingView<'_> {
    fn ctx(&self, settings: &Settings) -> EmailCtx {
        EmailCtx {
            lang: self.lang,
            firm_name: settings.firm_name.clone(),
        }
    }

    fn slot(&self, settings: &Settings) -> SlotText {
        slot_text(
            self.lang,
            self.starts_at,
            self.ends_at,
            self.time_zone,
            settings.firm_time_zone,
        )
    }

    fn to(&self) -> Result<Mailbox, AppError> {
        let address = self
            .email
            .parse()
            .map_err(|_| anyhow::anyhow!("stored email is not an address"))?;
        Ok(Mailbox::new(Some(self.full_name.to_owned()), address))
    }
}

/// The emails of a new booking to the applicant: the confirmation with its invite, and a reminder
/// due 24 hours before (when that is still ahead).
pub async fn enqueue_confirmation(
    conn: &mut PgConnection,
    settings: &Settings,
    booking: &BookingView<'_>,
) -> Result<(), AppError> {
    enqueue_confirmation_email(conn, settings, booking).await?;
    schedule_reminder(conn, settings, booking).await
}

/// The confirmation with its invite, alone (what a resend sends).
pub async fn enqueue_confirmation_email(
    conn: &mut PgConnection,
    settings: &Settings,
    booking: &BookingView<'_>,
) -> Result<(), AppError> {
    let to = booking.to()?;
    let attachments = [invite(settings, booking, false)];
    let confirmation = BookingConfirmation {
        ctx: booking.ctx(settings),
        reference: booking.reference.to_owned(),
        full_name: booking.full_name.to_owned(),
        slot: booking.slot(settings),
        mode: mode_text(booking.lang, booking.mode),
        manage_url: booking.manage_url.to_owned(),
    };
    let envelope = Envelope {
        application_id: Some(booking.application_id),
        attachments: &attachments,
        ..Envelope::to(&to)
    };
    outbox::enqueue(conn, &envelope, &confirmation).await?;
    Ok(())
}

async fn schedule_reminder(
    conn: &mut PgConnection,
    settings: &Settings,
    booking: &BookingView<'_>,
) -> Result<(), AppError> {
    let due = booking.starts_at - Duration::hours(24);
    if due <= Utc::now() {
        return Ok(());
    }
    let to = booking.to()?;
    let reminder = BookingReminder {
        ctx: booking.ctx(settings),
        reference: booking.reference.to_owned(),
        full_name: booking.full_name.to_owned(),
        slot: booking.slot(settings),
        mode: mode_text(booking.lang, booking.mode),
        manage_url: booking.manage_url.to_owned(),
    };
    let envelope = Envelope {
        application_id: Some(booking.application_id),
        due_at: Some(due),
        ..Envelope::to(&to)
    };
    outbox::enqueue(conn, &envelope, &reminder).await?;
    Ok(())
}

/// Emails for a booking moved from `previous` (start, end): the applicant's updated invite, a new
/// reminder (the old one is withdrawn), and a notice to the firm.
pub async fn enqueue_rescheduled(
    conn: &mut PgConnection,
    settings: &Settings,
    booking: &BookingView<'_>,
    previous: (DateTime<Utc>, DateTime<Utc>),
    staff_url: &str,
) -> Result<(), AppError> {
    db::outbox::withdraw_reminders(conn, booking.application_id).await?;
    let previous = slot_text(
        booking.lang,
        previous.0,
        previous.1,
        booking.time_zone,
        settings.firm_time_zone,
    );
    let to = booking.to()?;
    let attachments = [invite(settings, booking, false)];
    let email = BookingRescheduled {
        ctx: booking.ctx(settings),
        reference: booking.reference.to_owned(),
        full_name: booking.full_name.to_owned(),
        slot: booking.slot(settings),
        previous: previous.clone(),
        mode: mode_text(booking.lang, booking.mode),
        manage_url: booking.manage_url.to_owned(),
    };
    let envelope = Envelope {
        application_id: Some(booking.application_id),
        attachments: &attachments,
        ..Envelope::to(&to)
    };
    outbox::enqueue(conn, &envelope, &email).await?;
    schedule_reminder(conn, settings, booking).await?;
    notify_firm(conn, settings, booking, false, previous, staff_url).await
}

/// Emails for a cancelled booking: the applicant's cancellation (METHOD:CANCEL) and a notice to the firm.
pub async fn enqueue_cancelled(
    conn: &mut PgConnection,
    settings: &Settings,
    booking: &BookingView<'_>,
    book_url: &str,
    staff_url: &str,
) -> Result<(), AppError> {
    db::outbox::withdraw_reminders(conn, booking.application_id).await?;
    enqueue_applicant_cancellation(conn, settings, booking, book_url).await?;
    let slot = booking.slot(settings);
    notify_firm(conn, settings, booking, true, slot, staff_url).await
}

/// The applicant's cancellation email with its calendar cancellation (METHOD:CANCEL), alone: also
/// what an erasure sends for a consultation still ahead.
pub async fn enqueue_applicant_cancellation(
    conn: &mut PgConnection,
    settings: &Settings,
    booking: &BookingView<'_>,
    book_url: &str,
) -> Result<(), AppError> {
    let to = booking.to()?;
    let attachments = [invite(settings, booking, true)];
    let email = BookingCancelled {
        ctx: booking.ctx(settings),
        reference: booking.reference.to_owned(),
        full_name: booking.full_name.to_owned(),
        slot: booking.slot(settings),
        book_url: book_url.to_owned(),
    };
    let envelope = Envelope {
        application_id: Some(booking.application_id),
        attachments: &attachments,
        ..Envelope::to(&to)
    };
    outbox::enqueue(conn, &envelope, &email).await?;
    Ok(())
}

async fn notify_firm(
    conn: &mut PgConnection,
    settings: &Settings,
    booking: &BookingView<'_>,
    cancelled: bool,
    previous: SlotText,
    staff_url: &str,
) -> Result<(), AppError> {
    let notice = FirmBookingNotice {
        ctx: booking.ctx(settings),
        reference: booking.reference.to_owned(),
        full_name: booking.full_name.to_owned(),
        cancelled,
        previous,
        slot: booking.slot(settings),
        staff_url: staff_url.to_owned(),
    };
    let envelope = Envelope {
        application_id: Some(booking.application_id),
        ..Envelope::to(&settings.firm_email)
    };
    outbox::enqueue(conn, &envelope, &notice).await?;
    Ok(())
}

/// Whether the firm's cancellation is emailed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notify {
    /// The applicant gets a cancellation with their calendar's update, the firm a notice.
    Applicant,
    /// No email (an application marked spam, or staff chose not to write).
    Nobody,
}

/// The firm cancels an application's booking that has not started yet, in the caller's transaction:
/// the slot is free again, reminders are withdrawn, and with [`Notify::Applicant`] the applicant is
/// emailed a cancellation (through a new manage link: the old one is revoked). Returns the booking
/// as it was, `None` when there was no such booking. The caller records it in the audit log.
pub async fn cancel_for_firm(
    conn: &mut PgConnection,
    settings: &Settings,
    application_id: Uuid,
    notify: Notify,
) -> Result<Option<BookingRow>, AppError> {
    let Some(row) = db::bookings::active_future_for_update(conn, application_id).await? else {
        return Ok(None);
    };
    let Some(sequence) = db::bookings::cancel(conn, row.booking_id).await? else {
        return Ok(None);
    };
    match notify {
        Notify::Nobody => {
            db::outbox::withdraw_reminders(conn, application_id).await?;
        }
        Notify::Applicant => {
            let token = crate::web::session::random_token();
            db::bookings::rotate_manage_token(conn, row.booking_id, &crate::web::session::token_hash(&token)).await?;
            let manage = format!("{}/{}/booking/{token}", settings.base_url, row.language);
            let mut cancelled = row.clone();
            cancelled.ics_sequence = sequence;
            let view = view(&cancelled, &manage).ok_or(AppError::BadRequest)?;
            let book_url = format!("{}/{}/apply", settings.base_url, row.language);
            let staff_url = format!("{}/staff/applications/{application_id}", settings.base_url);
            enqueue_cancelled(conn, settings, &view, &book_url, &staff_url).await?;
        }
    }
    Ok(Some(row))
}

/// A row's view, with its manage link (the token itself is only known when it is made).
pub fn view<'a>(row: &'a BookingRow, manage_url: &'a str) -> Option<BookingView<'a>> {
    Some(BookingView {
        booking_id: row.booking_id,
        application_id: row.application_id,
        lang: Lang::from_code(&row.language).unwrap_or(Lang::En),
        reference: row.reference.as_deref()?,
        full_name: row.full_name.as_deref()?,
        email: row.email.as_deref()?,
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        time_zone: row.time_zone.parse().unwrap_or(chrono_tz::UTC),
        mode: &row.consultation_mode,
        sequence: row.ics_sequence,
        manage_url,
    })
}
