//! The emails a booking sends, through the outbox in the caller's transaction: the applicant's
//! confirmation with its calendar invite and a reminder, the move and cancellation notices, and the
//! firm's notice of a change. Composed here and nowhere else.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use lettre::message::Mailbox;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::{
    calendar::{self, Invite},
    config::Settings,
    db::{self, bookings::BookingRow, outbox::Attachment},
    email::messages::{
        BookingCancelled, BookingConfirmation, BookingReminder, BookingRescheduled, EmailCtx, EmailMessage,
        FirmBookingNotice, SlotText,
    },
    error::AppError,
    i18n::{Lang, when},
    outbox::{self, Envelope},
};

/// A slot in the applicant's zone and in the firm's.
pub fn slot_text(lang: Lang, start: DateTime<Utc>, end: DateTime<Utc>, applicant_tz: Tz, firm_tz: Tz) -> SlotText {
    SlotText {
        applicant: when::slot(lang, start, end, applicant_tz),
        firm: when::slot(lang, start, end, firm_tz),
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
        url: None,
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

    /// Queues `email` to the applicant, about this booking's application.
    async fn send_applicant<E: EmailMessage>(
        &self,
        conn: &mut PgConnection,
        email: &E,
        attachments: &[Attachment],
        due_at: Option<DateTime<Utc>>,
    ) -> Result<(), AppError> {
        let to = self.to()?;
        let envelope = Envelope {
            application_id: Some(self.application_id),
            attachments,
            due_at,
            ..Envelope::to(&to)
        };
        outbox::enqueue(conn, &envelope, email).await?;
        Ok(())
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
    let confirmation = BookingConfirmation {
        ctx: booking.ctx(settings),
        reference: booking.reference.to_owned(),
        full_name: booking.full_name.to_owned(),
        slot: booking.slot(settings),
        mode: mode_text(booking.lang, booking.mode),
        manage_url: booking.manage_url.to_owned(),
    };
    let attachments = [invite(settings, booking, false)];
    booking.send_applicant(conn, &confirmation, &attachments, None).await
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
    let reminder = BookingReminder {
        ctx: booking.ctx(settings),
        reference: booking.reference.to_owned(),
        full_name: booking.full_name.to_owned(),
        slot: booking.slot(settings),
        mode: mode_text(booking.lang, booking.mode),
        manage_url: booking.manage_url.to_owned(),
    };
    booking.send_applicant(conn, &reminder, &[], Some(due)).await
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
    let email = BookingRescheduled {
        ctx: booking.ctx(settings),
        reference: booking.reference.to_owned(),
        full_name: booking.full_name.to_owned(),
        slot: booking.slot(settings),
        previous: previous.clone(),
        mode: mode_text(booking.lang, booking.mode),
        manage_url: booking.manage_url.to_owned(),
    };
    let attachments = [invite(settings, booking, false)];
    booking.send_applicant(conn, &email, &attachments, None).await?;
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
    let email = BookingCancelled {
        ctx: booking.ctx(settings),
        reference: booking.reference.to_owned(),
        full_name: booking.full_name.to_owned(),
        slot: booking.slot(settings),
        book_url: book_url.to_owned(),
    };
    let attachments = [invite(settings, booking, true)];
    booking.send_applicant(conn, &email, &attachments, None).await
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
