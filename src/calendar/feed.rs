//! A published calendar feed (RFC 5545, `METHOD:PUBLISH`): one consultant's upcoming consultations, which their
//! calendar application subscribes to and reads again every so often. Unlike an invite it names no attendee and
//! asks for no reply; each event links to the application in the back office.
//!
//! Pure, like the invites: the caller passes every value, times are written in UTC, and everything people type goes
//! through the same escaping and folding (`content`).

use chrono::{DateTime, Utc};

use super::PRODID;
use super::content::{Lines, text, uri, utc};

/// `Content-Type` of a [`feed`].
pub const CONTENT_TYPE_FEED: &str = "text/calendar; charset=UTF-8";

/// How often a subscribed calendar should read the feed again (RFC 7986 `REFRESH-INTERVAL`, and Outlook's
/// `X-PUBLISHED-TTL`): an hour, so a new booking shows the same morning.
const REFRESH: &str = "PT1H";

/// One consultation in a feed.
#[derive(Debug, Clone, Copy)]
pub struct FeedEvent<'a> {
    /// Stable per booking, the same as its invite's, so a calendar holding both sees one event.
    pub uid: &'a str,
    /// Raised on every change, as for the invite.
    pub sequence: u32,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: &'a str,
    pub description: &'a str,
    pub location: &'a str,
    /// Link to the application in the back office.
    pub url: &'a str,
}

/// The feed: a calendar named `name` (`X-WR-CALNAME`) holding `events`, each confirmed, with `stamp` as its
/// `DTSTAMP` (when the feed was made: the caller passes now).
pub fn feed(name: &str, events: &[FeedEvent], stamp: DateTime<Utc>) -> String {
    let mut lines = Lines::default();
    lines.push("BEGIN:VCALENDAR");
    lines.push(&format!("PRODID:{PRODID}"));
    lines.push("VERSION:2.0");
    lines.push("CALSCALE:GREGORIAN");
    lines.push("METHOD:PUBLISH");
    lines.push(&format!("X-WR-CALNAME:{}", text(name)));
    lines.push(&format!("REFRESH-INTERVAL;VALUE=DURATION:{REFRESH}"));
    lines.push(&format!("X-PUBLISHED-TTL:{REFRESH}"));
    let stamp = utc(stamp);
    for event in events {
        lines.push("BEGIN:VEVENT");
        lines.push(&format!("UID:{}", text(event.uid)));
        lines.push(&format!("SEQUENCE:{}", event.sequence));
        lines.push(&format!("DTSTAMP:{stamp}"));
        lines.push(&format!("DTSTART:{}", utc(event.start)));
        lines.push(&format!("DTEND:{}", utc(event.end)));
        lines.push(&format!("SUMMARY:{}", text(event.summary)));
        lines.push(&format!("DESCRIPTION:{}", text(event.description)));
        lines.push(&format!("LOCATION:{}", text(event.location)));
        lines.push(&format!("URL:{}", uri(event.url)));
        lines.push("STATUS:CONFIRMED");
        lines.push("TRANSP:OPAQUE");
        lines.push("END:VEVENT");
    }
    lines.push("END:VCALENDAR");
    lines.into_string()
}
