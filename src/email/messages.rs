//! The emails we send. Each is a struct with the data it shows, rendered in its recipient's
//! language from three templates: `subject.txt`, `body.txt` and `body.html`.

use askama::Template;
use lettre::{
    Message,
    message::{Attachment as MailAttachment, Mailbox, MultiPart, header::ContentType},
};

use crate::{db::outbox::OutboxEmail, i18n::Lang};

/// An email rendered and ready to be stored in the outbox.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What every email template may use: its language and the firm's name.
#[derive(Debug, Clone)]
pub struct EmailCtx {
    pub lang: Lang,
    pub firm_name: String,
}

impl EmailCtx {
    pub fn t(&self, key: &str) -> String {
        self.lang.t_args(key, &[("firm", &self.firm_name)])
    }

    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        self.lang
            .t_args(key, &[("firm", self.firm_name.as_str()), (name, value)])
    }
}

/// An email of one kind (its templates live in `templates/emails/<KIND>/`).
pub trait EmailMessage {
    const KIND: &'static str;
    fn ctx(&self) -> &EmailCtx;
    fn render(&self) -> askama::Result<Rendered>;
}

/// Declares the three templates of an email kind for `$data` and implements [`EmailMessage`].
macro_rules! email_templates {
    ($data:ident, $kind:tt, $subject:tt, $text:tt, $html:tt) => {
        const _: () = {
            #[derive(Template)]
            #[template(path = $subject)]
            struct Subject<'a> {
                m: &'a $data,
            }
            #[derive(Template)]
            #[template(path = $text)]
            struct Text<'a> {
                m: &'a $data,
            }
            #[derive(Template)]
            #[template(path = $html)]
            struct Html<'a> {
                m: &'a $data,
            }
            impl EmailMessage for $data {
                const KIND: &'static str = $kind;
                fn ctx(&self) -> &EmailCtx {
                    &self.ctx
                }
                fn render(&self) -> askama::Result<Rendered> {
                    Ok(Rendered {
                        subject: one_line(&Subject { m: self }.render()?),
                        text: Text { m: self }.render()?,
                        html: Html { m: self }.render()?,
                    })
                }
            }
        };
    };
}

/// To the firm: someone wrote through the contact form.
#[derive(Debug)]
pub struct EnquiryReceived {
    pub ctx: EmailCtx,
    pub full_name: String,
    pub email: String,
    pub message: String,
    pub received_at: String,
}

email_templates!(
    EnquiryReceived,
    "enquiry_received",
    "emails/enquiry_received/subject.txt",
    "emails/enquiry_received/body.txt",
    "emails/enquiry_received/body.html"
);

/// To an applicant: a link to continue their questionnaire on any device.
#[derive(Debug)]
pub struct ResumeLink {
    pub ctx: EmailCtx,
    pub link: String,
    pub expires: String,
}

email_templates!(
    ResumeLink,
    "resume_link",
    "emails/resume_link/subject.txt",
    "emails/resume_link/body.txt",
    "emails/resume_link/body.html"
);

/// The sign-in link to an applicant's status page.
pub struct StatusLink {
    pub ctx: EmailCtx,
    pub link: String,
    pub minutes: String,
}

email_templates!(
    StatusLink,
    "status_link",
    "emails/status_link/subject.txt",
    "emails/status_link/body.txt",
    "emails/status_link/body.html"
);

/// A consultation slot as an email shows it: in the reader's time zone, and in the other party's.
#[derive(Debug, Clone)]
pub struct SlotText {
    /// e.g. "Monday 15 March 2027, 10:00–10:30 (America/Toronto)"
    pub applicant: String,
    pub firm: String,
}

/// Who the consultation is with, in which language, and how to join it.
#[derive(Debug, Clone, Default)]
pub struct Meeting {
    /// The consultant's name.
    pub with: String,
    /// The consultation's language, written out.
    pub language: String,
    /// How to join: the video link, or the number the consultant calls from.
    pub join: String,
}

/// To the firm: a consultation was booked. A one-page brief a lawyer reads first.
#[derive(Debug)]
pub struct FirmBrief {
    pub ctx: EmailCtx,
    pub reference: String,
    pub full_name: String,
    pub email: String,
    /// Empty when not given.
    pub phone: String,
    pub pathway: String,
    pub outcome: String,
    /// One line a lawyer reads first: track · NOC · pay vs median · offer · admissibility · language.
    pub summary: String,
    /// A sensitive answer (refusal, criminal history) is not "no": the email says that some answers
    /// need a lawyer's look, not which.
    pub needs_a_look: bool,
    /// The rules that fired on the chosen pathway, by group (deciding, to check, in place, notes): (group, [(id, text)]).
    pub groups: Vec<(String, Vec<(String, String)>)>,
    /// §7.5: the median used, or why there is none; empty when the pathway reads no median.
    pub wage_line: String,
    /// Other pathways assessed ("not sure"): (name, outcome)
    pub other_outcomes: Vec<(String, String)>,
    /// (question, answer): the answers a lawyer reads first
    pub key_answers: Vec<(String, String)>,
    pub slot: SlotText,
    pub mode: String,
    pub staff_url: String,
    /// Who the consultation is with, and in which language.
    pub meeting: Meeting,
}

email_templates!(
    FirmBrief,
    "firm_brief",
    "emails/firm_brief/subject.txt",
    "emails/firm_brief/body.txt",
    "emails/firm_brief/body.html"
);

/// To the applicant: the consultation is booked (with an .ics invite attached).
#[derive(Debug)]
pub struct BookingConfirmation {
    pub ctx: EmailCtx,
    pub reference: String,
    pub full_name: String,
    pub slot: SlotText,
    pub mode: String,
    pub meeting: Meeting,
    pub manage_url: String,
    /// The applicant's status page (`/{lang}/status`).
    pub status_url: String,
}

email_templates!(
    BookingConfirmation,
    "booking_confirmation",
    "emails/booking_confirmation/subject.txt",
    "emails/booking_confirmation/body.txt",
    "emails/booking_confirmation/body.html"
);

/// To the applicant, 24 hours before.
#[derive(Debug)]
pub struct BookingReminder {
    pub ctx: EmailCtx,
    pub reference: String,
    pub full_name: String,
    pub slot: SlotText,
    pub mode: String,
    pub meeting: Meeting,
    pub manage_url: String,
}

email_templates!(
    BookingReminder,
    "booking_reminder",
    "emails/booking_reminder/subject.txt",
    "emails/booking_reminder/body.txt",
    "emails/booking_reminder/body.html"
);

/// To the applicant: the consultation moved (with an updated invite).
#[derive(Debug)]
pub struct BookingRescheduled {
    pub ctx: EmailCtx,
    pub reference: String,
    pub full_name: String,
    pub slot: SlotText,
    pub previous: SlotText,
    pub mode: String,
    pub meeting: Meeting,
    pub manage_url: String,
    /// Why it moved, when staff gave a reason (may be empty).
    pub reason: String,
}

email_templates!(
    BookingRescheduled,
    "booking_rescheduled",
    "emails/booking_rescheduled/subject.txt",
    "emails/booking_rescheduled/body.txt",
    "emails/booking_rescheduled/body.html"
);

/// To the applicant: the consultation is cancelled (with a cancellation for their calendar).
#[derive(Debug)]
pub struct BookingCancelled {
    pub ctx: EmailCtx,
    pub reference: String,
    pub full_name: String,
    pub slot: SlotText,
    /// Where to book again.
    pub book_url: String,
}

email_templates!(
    BookingCancelled,
    "booking_cancelled",
    "emails/booking_cancelled/subject.txt",
    "emails/booking_cancelled/body.txt",
    "emails/booking_cancelled/body.html"
);

/// To the firm: an applicant moved or cancelled their consultation.
#[derive(Debug)]
pub struct FirmBookingNotice {
    pub ctx: EmailCtx,
    pub reference: String,
    pub full_name: String,
    /// true: cancelled; false: moved to `slot`
    pub cancelled: bool,
    pub previous: SlotText,
    pub slot: SlotText,
    pub staff_url: String,
    pub meeting: Meeting,
    /// Why, in the words of whoever changed it (may be empty).
    pub reason: String,
}

email_templates!(
    FirmBookingNotice,
    "firm_booking_notice",
    "emails/firm_booking_notice/subject.txt",
    "emails/firm_booking_notice/body.txt",
    "emails/firm_booking_notice/body.html"
);

/// To the firm's admins: a security event (sign-in throttled, ...).
#[derive(Debug)]
pub struct SecurityAlert {
    pub ctx: EmailCtx,
    /// What happened, in one sentence (also the subject).
    pub headline: String,
    /// (label, value) lines: account, source address, counts.
    pub facts: Vec<(String, String)>,
    /// What an admin may do about it.
    pub advice: String,
    pub staff_url: String,
}

email_templates!(
    SecurityAlert,
    "security_alert",
    "emails/security_alert/subject.txt",
    "emails/security_alert/body.txt",
    "emails/security_alert/body.html"
);

/// To the admins: bookings in the last hour passed the alert threshold (a script may be booking
/// out the calendar).
#[derive(Debug)]
pub struct BookingAlert {
    pub ctx: EmailCtx,
    /// Bookings made in the last hour.
    pub count: String,
    /// "25 consultations were booked in the last hour (the alert threshold is 20)."
    pub intro: String,
    /// The back office's applications list.
    pub staff_url: String,
}

email_templates!(
    BookingAlert,
    "booking_alert",
    "emails/booking_alert/subject.txt",
    "emails/booking_alert/body.txt",
    "emails/booking_alert/body.html"
);

/// Subjects are one line whatever the data in them.
/// A header value on one line. A name typed as an RFC 2047 encoded word (`=?utf-8?q?…?=`) would be
/// decoded by mail programs, line breaks and all: an invisible word joiner after `=` keeps it
/// literal text (and makes lettre encode the subject itself).
fn one_line(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("=?", "=\u{2060}?")
}

/// Builds the MIME message of a stored email. Names and addresses go through lettre's types, so no
/// stored value can add a header. An error here is permanent: retrying would not change it.
pub fn build(email: &OutboxEmail, from: &Mailbox) -> Result<Message, String> {
    let to_address = email
        .to_address
        .parse()
        .map_err(|_| "invalid recipient address".to_owned())?;
    let to = Mailbox::new(email.to_name.as_deref().map(one_line), to_address);
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(one_line(&email.subject))
        .message_id(Some(format!("<{}@{}>", email.email_outbox_id, from.email.domain())));
    if let Some(reply_to) = &email.reply_to {
        let reply_to: Mailbox = reply_to.parse().map_err(|_| "invalid reply-to address".to_owned())?;
        builder = builder.reply_to(reply_to);
    }
    let alternative = MultiPart::alternative_plain_html(email.body_text.clone(), email.body_html.clone());
    let message = if email.attachments.is_empty() {
        builder.multipart(alternative)
    } else {
        let mut mixed = MultiPart::mixed().multipart(alternative);
        for attachment in email.attachments.iter() {
            let content_type = ContentType::parse(&attachment.content_type)
                .map_err(|_| "invalid attachment content type".to_owned())?;
            mixed = mixed.singlepart(
                MailAttachment::new(attachment.filename.clone()).body(attachment.content.clone(), content_type),
            );
        }
        builder.multipart(mixed)
    };
    message.map_err(|e| format!("cannot build message: {e}"))
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn header_values_are_one_line_and_never_encoded_words() {
        assert_eq!(one_line("Ana\r\n  López\tBcc: x"), "Ana López Bcc: x");
        let typed = one_line("=?utf-8?q?Ana=0D=0ABcc:_x@evil.example?=");
        assert!(!typed.contains("=?"), "{typed}");
        assert_eq!(
            typed.replace('\u{2060}', ""),
            "=?utf-8?q?Ana=0D=0ABcc:_x@evil.example?="
        );
    }
}
