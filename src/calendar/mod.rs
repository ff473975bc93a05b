//! Calendar invites for consultations: one iCalendar object (RFC 5545) per email, sent as an iTIP request or
//! cancellation (RFC 5546), so the applicant's calendar adds, moves or removes the consultation.
//!
//! Pure: the caller passes every value, `DTSTAMP` included. All times are written in UTC (`20270315T140000Z`), so
//! no `VTIMEZONE` is needed; the applicant's calendar shows them in its own zone.
//!
//! Everything people type (names, summary, description, location) is written by the `content` module: TEXT values are
//! escaped, parameter values quoted and stripped of what a quoted string may not hold, addresses and URLs
//! percent-encoded, and every line folded at 75 octets. No input can end a line, add a property or a parameter.
//!
//! Beside the invites: [`feed`], a consultant's upcoming consultations as a calendar to subscribe to, and [`links`],
//! "add to calendar" links for Google Calendar and Outlook.com.

mod content;
pub mod feed;
#[cfg(test)]
mod feed_tests;
pub mod links;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};

use content::{Lines, cal_address, param_text, text, uri, utc};

/// `Content-Type` of a [`request`] attachment.
pub const CONTENT_TYPE_REQUEST: &str = "text/calendar; method=REQUEST; charset=UTF-8";
/// `Content-Type` of a [`cancel`] attachment.
pub const CONTENT_TYPE_CANCEL: &str = "text/calendar; method=CANCEL; charset=UTF-8";

const PRODID: &str = "-//intake//Consultation booking//EN";

/// One consultation as a calendar event.
#[derive(Debug, Clone, Copy)]
pub struct Invite<'a> {
    /// Stable per booking, e.g. `booking-<uuid>@firm.example`: calendars match updates and cancellations by it.
    pub uid: &'a str,
    /// Raised on every change, so calendars apply the newest version.
    pub sequence: u32,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// `DTSTAMP`: when this version was made (the caller passes now).
    pub stamp: DateTime<Utc>,
    pub summary: &'a str,
    pub description: &'a str,
    pub location: &'a str,
    /// `URL`: a page about the consultation (e.g. where to manage the booking), written when given.
    pub url: Option<&'a str>,
    pub organizer_name: &'a str,
    pub organizer_email: &'a str,
    pub attendee_name: &'a str,
    pub attendee_email: &'a str,
}

/// The invite to add or update the consultation: `METHOD:REQUEST`, `STATUS:CONFIRMED`.
pub fn request(invite: &Invite) -> String {
    calendar(invite, "REQUEST", "CONFIRMED")
}

/// The notice that the consultation is cancelled: `METHOD:CANCEL`, `STATUS:CANCELLED`. Pass the booking's `uid`
/// and a `sequence` above the last one sent.
pub fn cancel(invite: &Invite) -> String {
    calendar(invite, "CANCEL", "CANCELLED")
}

fn calendar(invite: &Invite, method: &str, status: &str) -> String {
    let mut lines = Lines::default();
    lines.push("BEGIN:VCALENDAR");
    lines.push(&format!("PRODID:{PRODID}"));
    lines.push("VERSION:2.0");
    lines.push("CALSCALE:GREGORIAN");
    lines.push(&format!("METHOD:{method}"));
    lines.push("BEGIN:VEVENT");
    lines.push(&format!("UID:{}", text(invite.uid)));
    lines.push(&format!("SEQUENCE:{}", invite.sequence));
    lines.push(&format!("DTSTAMP:{}", utc(invite.stamp)));
    lines.push(&format!("DTSTART:{}", utc(invite.start)));
    lines.push(&format!("DTEND:{}", utc(invite.end)));
    lines.push(&format!("SUMMARY:{}", text(invite.summary)));
    lines.push(&format!("DESCRIPTION:{}", text(invite.description)));
    lines.push(&format!("LOCATION:{}", text(invite.location)));
    if let Some(url) = invite.url {
        lines.push(&format!("URL:{}", uri(url)));
    }
    lines.push(&format!("STATUS:{status}"));
    lines.push(&format!(
        "ORGANIZER{}:{}",
        common_name(invite.organizer_name),
        cal_address(invite.organizer_email)
    ));
    lines.push(&format!(
        "ATTENDEE{};ROLE=REQ-PARTICIPANT;RSVP=FALSE:{}",
        common_name(invite.attendee_name),
        cal_address(invite.attendee_email)
    ));
    lines.push("END:VEVENT");
    lines.push("END:VCALENDAR");
    lines.into_string()
}

/// `;CN="…"`, or nothing when the name has nothing left to show.
fn common_name(name: &str) -> String {
    match param_text(name) {
        cn if cn.is_empty() => String::new(),
        cn => format!(";CN=\"{cn}\""),
    }
}
