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
    db::{self, bookings::BookingRow, consultants::Consultant, outbox::Attachment},
    email::messages::{
        BookingCancelled, BookingConfirmation, BookingReminder, BookingRescheduled, EmailCtx, EmailMessage,
        FirmBookingNotice, Meeting, SlotText,
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

/// A language's name in `lang` ("French", "français").
pub fn language_text(lang: Lang, code: &str) -> String {
    lang.t(&format!("language-name-{code}"))
}

/// The consultant a booking is with, as its emails and pages show them.
#[derive(Debug, Clone, Default)]
pub struct Host {
    /// Empty for the firm's own calendar: the firm's name is shown.
    pub name: String,
    /// Empty when the consultant has no account.
    pub email: String,
    pub video_link: String,
    pub phone: String,
}

impl Host {
    pub fn of(consultant: &Consultant) -> Host {
        Host {
            name: consultant.name.clone(),
            email: consultant.email.clone(),
            video_link: consultant.video_link.clone(),
            phone: consultant.phone.clone(),
        }
    }

    pub fn of_row(row: &BookingRow) -> Host {
        Host {
            name: row.host_name.clone(),
            email: row.host_email.clone(),
            video_link: row.host_video_link.clone(),
            phone: row.host_phone.clone(),
        }
    }

    /// The name shown: the consultant's, or the firm's.
    pub fn display<'a>(&'a self, settings: &'a Settings) -> &'a str {
        if self.name.is_empty() {
            &settings.firm_name
        } else {
            &self.name
        }
    }

    /// How to join a consultation held by `mode`: the video link, or the number they call from.
    pub fn join_text(&self, lang: Lang, settings: &Settings, mode: &str) -> String {
        let name = self.display(settings);
        match mode {
            "video" if !self.video_link.is_empty() => lang.t_args("join-video", &[("link", self.video_link.as_str())]),
            "video" => lang.t("join-video-later"),
            "phone" if !self.phone.is_empty() => {
                lang.t_args("join-phone", &[("name", name), ("phone", self.phone.as_str())])
            }
            "phone" => lang.t_args("join-phone-unknown", &[("name", name)]),
            _ => String::new(),
        }
    }
}

/// A booking's calendar `UID`, the same in its invites and in its consultant's feed, so that a
/// calendar holding both sees one event.
pub fn event_uid(settings: &Settings, booking_id: Uuid) -> String {
    format!("booking-{booking_id}@{}", settings.mail_from.email.domain())
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
    let uid = event_uid(settings, booking.booking_id);
    let host = &booking.host;
    // The consultant organises the consultation; the firm's own calendar is the firm's.
    let (organizer_name, organizer_email) = if host.email.is_empty() {
        (settings.firm_name.as_str(), settings.firm_email.email.as_ref())
    } else {
        (host.display(settings), host.email.as_str())
    };
    let join = host.join_text(lang, settings, booking.mode);
    let description = if join.is_empty() || method_cancel {
        description
    } else {
        format!("{join}\n\n{description}")
    };
    let location = if booking.mode == "video" && !host.video_link.is_empty() {
        host.video_link.clone()
    } else {
        mode_text(lang, booking.mode)
    };
    let invite = Invite {
        uid: &uid,
        sequence: u32::try_from(booking.sequence).unwrap_or(0),
        start: booking.starts_at,
        end: booking.ends_at,
        stamp: Utc::now(),
        summary: &summary,
        description: &description,
        location: &location,
        organizer_name,
        organizer_email,
        attendee_name: booking.full_name,
        attendee_email: booking.email,
        url: (!method_cancel).then_some(booking.manage_url),
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
    /// The consultation's language code.
    pub consultation_language: &'a str,
    pub host: Host,
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

    pub fn meeting(&self, settings: &Settings) -> Meeting {
        Meeting {
            with: self.host.display(settings).to_owned(),
            language: language_text(self.lang, self.consultation_language),
            join: self.host.join_text(self.lang, settings, self.mode),
        }
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
        meeting: booking.meeting(settings),
        status_url: crate::links::status(settings, booking.lang),
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
        meeting: booking.meeting(settings),
    };
    booking.send_applicant(conn, &reminder, &[], Some(due)).await
}

/// Emails for a booking moved from `before`: the applicant's updated invite, a new reminder (the
/// old one is withdrawn), and a notice to the firm and to the consultants concerned.
pub async fn enqueue_rescheduled(
    conn: &mut PgConnection,
    settings: &Settings,
    booking: &BookingView<'_>,
    before: &BookingRow,
    reason: &str,
    staff_url: &str,
) -> Result<(), AppError> {
    db::outbox::withdraw_reminders(conn, booking.application_id).await?;
    let previous = slot_text(
        booking.lang,
        before.starts_at,
        before.ends_at,
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
        meeting: booking.meeting(settings),
        reason: reason.to_owned(),
    };
    let attachments = [invite(settings, booking, false)];
    booking.send_applicant(conn, &email, &attachments, None).await?;
    schedule_reminder(conn, settings, booking).await?;
    let change = Change {
        cancelled: false,
        previous,
        reason,
        previous_host: (before.host_email != booking.host.email).then_some(before.host_email.as_str()),
    };
    notify_firm(conn, settings, booking, &change, staff_url).await
}

/// The firm's and the consultant's notice of a consultation booked again after `before` was
/// cancelled (the applicant's confirmation is queued by `book`).
pub async fn enqueue_booked_again(
    conn: &mut PgConnection,
    settings: &Settings,
    booking: &BookingView<'_>,
    before: &BookingRow,
    staff_url: &str,
) -> Result<(), AppError> {
    let previous = slot_text(
        booking.lang,
        before.starts_at,
        before.ends_at,
        booking.time_zone,
        settings.firm_time_zone,
    );
    let change = Change {
        cancelled: false,
        previous,
        reason: "",
        previous_host: None,
    };
    notify_firm(conn, settings, booking, &change, staff_url).await
}

/// What changed, for the firm's notice.
struct Change<'a> {
    cancelled: bool,
    previous: SlotText,
    reason: &'a str,
    /// The consultant who had the consultation before, when it moved to another one.
    previous_host: Option<&'a str>,
}

/// Emails for a cancelled booking: the applicant's cancellation (METHOD:CANCEL) and a notice to the
/// firm and the consultant, with the `reason` given (may be empty).
pub async fn enqueue_cancelled(
    conn: &mut PgConnection,
    settings: &Settings,
    booking: &BookingView<'_>,
    book_url: &str,
    staff_url: &str,
    reason: &str,
) -> Result<(), AppError> {
    db::outbox::withdraw_reminders(conn, booking.application_id).await?;
    enqueue_applicant_cancellation(conn, settings, booking, book_url).await?;
    let change = Change {
        cancelled: true,
        previous: booking.slot(settings),
        reason,
        previous_host: None,
    };
    notify_firm(conn, settings, booking, &change, staff_url).await
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

/// The firm's notice of a change, to the firm's inbox and to each consultant concerned (the one who
/// has it, and the one who had it), with the calendar's update for the consultant.
async fn notify_firm(
    conn: &mut PgConnection,
    settings: &Settings,
    booking: &BookingView<'_>,
    change: &Change<'_>,
    staff_url: &str,
) -> Result<(), AppError> {
    let notice = FirmBookingNotice {
        ctx: booking.ctx(settings),
        reference: booking.reference.to_owned(),
        full_name: booking.full_name.to_owned(),
        cancelled: change.cancelled,
        previous: change.previous.clone(),
        slot: booking.slot(settings),
        staff_url: staff_url.to_owned(),
        meeting: booking.meeting(settings),
        reason: change.reason.to_owned(),
    };
    let envelope = Envelope {
        application_id: Some(booking.application_id),
        ..Envelope::to(&settings.firm_email)
    };
    outbox::enqueue(conn, &envelope, &notice).await?;
    let mut hosts: Vec<&str> = vec![booking.host.email.as_str()];
    hosts.extend(change.previous_host);
    for (i, host) in hosts.into_iter().enumerate() {
        let Ok(address) = host.parse() else { continue };
        if host.eq_ignore_ascii_case(settings.firm_email.email.as_ref()) {
            continue;
        }
        let to = Mailbox::new(None, address);
        // The consultant who has it gets the update; the one who had it, the cancellation.
        let attachments = [staff_invite(settings, booking, change.cancelled || i > 0, staff_url)];
        let envelope = Envelope {
            application_id: Some(booking.application_id),
            attachments: &attachments,
            ..Envelope::to(&to)
        };
        outbox::enqueue(conn, &envelope, &notice).await?;
    }
    Ok(())
}

/// The consultant's calendar invite for a booking: the same event as the applicant's (one UID), with
/// the application's page instead of the applicant's manage link.
pub fn staff_invite(
    settings: &Settings,
    booking: &BookingView<'_>,
    method_cancel: bool,
    staff_url: &str,
) -> Attachment {
    let staff_view = BookingView {
        manage_url: staff_url,
        host: booking.host.clone(),
        ..*booking
    };
    let mut attachment = invite(settings, &staff_view, method_cancel);
    attachment.filename = if method_cancel {
        "cancel.ics"
    } else {
        "consultation.ics"
    }
    .into();
    attachment
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
        consultation_language: &row.consultation_language,
        host: Host::of_row(row),
    })
}
