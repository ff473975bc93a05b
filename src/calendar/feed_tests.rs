//! The feed, and the invite's `URL`, read back with the `ical` crate: a raw parser written by others, which unfolds
//! lines and splits properties and parameters but leaves TEXT escapes as written, so these tests see exactly what
//! was emitted. (It trims the end of each physical line, so folded test values avoid a space at a fold.)

use std::io::BufReader;

use chrono::{DateTime, Utc};
use ical::parser::ical::component::IcalCalendar;
use ical::property::Property;

use super::content::MAX_OCTETS;
use super::feed::{CONTENT_TYPE_FEED, FeedEvent, feed};
use super::{Invite, request};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

const STAMP: &str = "2027-03-01T09:15:27Z";

fn event(n: u32) -> FeedEvent<'static> {
    let (uid, start, end) = match n {
        1 => (
            "booking-0190a5e4-7c1d-7b3e-9f00-2c5d6e7f8a9b@firm.example",
            "2027-03-15T14:00:00Z",
            "2027-03-15T14:30:00Z",
        ),
        _ => (
            "booking-0190a5e4-7c1d-7b3e-9f00-000000000002@firm.example",
            "2027-03-16T15:30:00Z",
            "2027-03-16T16:00:00Z",
        ),
    };
    FeedEvent {
        uid,
        sequence: n,
        start: utc(start),
        end: utc(end),
        summary: "Consultation: Ana López (GTS-7K3M)",
        description: "Work permit; spouse in Canada",
        location: "Video call",
        url: "https://intake.example/staff/applications/0190a5e4-7c1d-7b3e-9f00-2c5d6e7f8a9b",
    }
}

/// The only calendar in `ics`, after checking every physical line.
fn parse(ics: &str) -> IcalCalendar {
    assert!(ics.ends_with("\r\n"), "ends with CRLF");
    for line in ics.split_terminator("\r\n") {
        assert!(!line.is_empty() && !line.contains(['\r', '\n']), "{line:?}");
        assert!(line.len() <= MAX_OCTETS, "{} octets: {line:?}", line.len());
    }
    let mut calendars: Vec<IcalCalendar> = ical::IcalParser::new(BufReader::new(ics.as_bytes()))
        .map(|c| c.unwrap_or_else(|e| panic!("{e}\n{ics}")))
        .collect();
    assert_eq!(calendars.len(), 1, "{ics}");
    let calendar = calendars.remove(0);
    assert!(calendar.alarms.is_empty() && calendar.todos.is_empty() && calendar.timezones.is_empty());
    calendar
}

fn names(properties: &[Property]) -> Vec<&str> {
    properties.iter().map(|p| p.name.as_str()).collect()
}

/// The raw value of the only property called `name`.
fn value<'a>(properties: &'a [Property], name: &str) -> &'a str {
    let found: Vec<&Property> = properties.iter().filter(|p| p.name == name).collect();
    assert_eq!(found.len(), 1, "{name} in {:?}", names(properties));
    found[0].value.as_deref().unwrap_or_default()
}

const FEED_EVENT: [&str; 11] = [
    "UID",
    "SEQUENCE",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "URL",
    "STATUS",
    "TRANSP",
];

// The feed

#[test]
fn a_feed_is_a_published_calendar_of_confirmed_events() {
    let ics = feed("Consultations – Me Tremblay", &[event(1), event(2)], utc(STAMP));
    let calendar = parse(&ics);

    assert_eq!(
        names(&calendar.properties),
        [
            "PRODID",
            "VERSION",
            "CALSCALE",
            "METHOD",
            "X-WR-CALNAME",
            "REFRESH-INTERVAL",
            "X-PUBLISHED-TTL"
        ]
    );
    assert_eq!(value(&calendar.properties, "METHOD"), "PUBLISH");
    assert_eq!(value(&calendar.properties, "VERSION"), "2.0");
    assert_eq!(
        value(&calendar.properties, "X-WR-CALNAME"),
        "Consultations – Me Tremblay"
    );
    assert_eq!(value(&calendar.properties, "REFRESH-INTERVAL"), "PT1H");

    assert_eq!(calendar.events.len(), 2);
    for (parsed, sent) in calendar.events.iter().zip([event(1), event(2)]) {
        let p = &parsed.properties;
        assert_eq!(names(p), FEED_EVENT);
        assert!(parsed.alarms.is_empty());
        assert_eq!(value(p, "UID"), sent.uid);
        assert_eq!(value(p, "SEQUENCE"), sent.sequence.to_string());
        assert_eq!(value(p, "DTSTAMP"), "20270301T091527Z");
        assert_eq!(value(p, "DTSTART"), sent.start.format("%Y%m%dT%H%M%SZ").to_string());
        assert_eq!(value(p, "DTEND"), sent.end.format("%Y%m%dT%H%M%SZ").to_string());
        assert_eq!(value(p, "SUMMARY"), "Consultation: Ana López (GTS-7K3M)");
        assert_eq!(value(p, "DESCRIPTION"), r"Work permit\; spouse in Canada");
        assert_eq!(value(p, "LOCATION"), "Video call");
        assert_eq!(value(p, "URL"), sent.url);
        assert_eq!(value(p, "STATUS"), "CONFIRMED");
    }
    let dtstart = |i: usize| value(&calendar.events[i].properties, "DTSTART");
    assert_eq!((dtstart(0), dtstart(1)), ("20270315T140000Z", "20270316T153000Z"));
}

#[test]
fn a_feed_reads_as_expected_line_by_line() {
    let ics = feed("Me Tremblay", &[event(1)], utc(STAMP));
    let logical: Vec<String> = ics
        .replace("\r\n ", "")
        .split_terminator("\r\n")
        .map(str::to_string)
        .collect();
    assert_eq!(
        logical,
        [
            "BEGIN:VCALENDAR",
            "PRODID:-//intake//Consultation booking//EN",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:Me Tremblay",
            "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
            "X-PUBLISHED-TTL:PT1H",
            "BEGIN:VEVENT",
            "UID:booking-0190a5e4-7c1d-7b3e-9f00-2c5d6e7f8a9b@firm.example",
            "SEQUENCE:1",
            "DTSTAMP:20270301T091527Z",
            "DTSTART:20270315T140000Z",
            "DTEND:20270315T143000Z",
            "SUMMARY:Consultation: Ana López (GTS-7K3M)",
            r"DESCRIPTION:Work permit\; spouse in Canada",
            "LOCATION:Video call",
            "URL:https://intake.example/staff/applications/0190a5e4-7c1d-7b3e-9f00-2c5d6e7f8a9b",
            "STATUS:CONFIRMED",
            "TRANSP:OPAQUE",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
    );
    assert_eq!(CONTENT_TYPE_FEED, "text/calendar; charset=UTF-8");
}

#[test]
fn an_empty_feed_is_still_a_calendar() {
    let calendar = parse(&feed("Me Tremblay", &[], utc(STAMP)));
    assert!(calendar.events.is_empty());
    assert_eq!(value(&calendar.properties, "X-WR-CALNAME"), "Me Tremblay");
}

#[test]
fn long_lines_in_a_feed_are_folded_and_read_back_whole() {
    let summary = "Consultation-".repeat(20);
    let url = format!(
        "https://intake.example/staff/applications/{}",
        "0123456789abcdef".repeat(8)
    );
    let ics = feed(
        &"Calendrier-de-Me-Tremblay-".repeat(5),
        &[FeedEvent {
            summary: &summary,
            url: &url,
            ..event(1)
        }],
        utc(STAMP),
    );
    // One fold for the name, three for the summary, two for the URL.
    assert_eq!(ics.matches("\r\n ").count(), 6, "{ics}");
    let calendar = parse(&ics);
    let p = &calendar.events[0].properties;
    assert_eq!(value(p, "SUMMARY"), summary);
    assert_eq!(value(p, "URL"), url);
    assert_eq!(
        value(&calendar.properties, "X-WR-CALNAME"),
        "Calendrier-de-Me-Tremblay-".repeat(5)
    );
}

#[test]
fn hostile_text_in_a_feed_cannot_add_a_property_or_an_event() {
    let hostile = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\nURL:https://evil.example\rATTENDEE:mailto:a@b";
    let ics = feed(
        &format!("Cal\r\nMETHOD:REQUEST{hostile}"),
        &[FeedEvent {
            uid: "uid-1\r\nRRULE:FREQ=DAILY",
            summary: hostile,
            description: hostile,
            location: hostile,
            url: "https://intake.example/a\r\nATTENDEE:mailto:evil@x \"q\" é",
            ..event(1)
        }],
        utc(STAMP),
    );
    let calendar = parse(&ics);

    assert_eq!(calendar.events.len(), 1);
    assert_eq!(value(&calendar.properties, "METHOD"), "PUBLISH");
    let p = &calendar.events[0].properties;
    assert_eq!(names(p), FEED_EVENT);
    assert_eq!(value(p, "UID"), r"uid-1\nRRULE:FREQ=DAILY");
    let escaped = r"x\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil\nURL:https://evil.example\nATTENDEE:mailto:a@b";
    assert_eq!(value(p, "SUMMARY"), escaped);
    assert_eq!(value(p, "DESCRIPTION"), escaped);
    assert_eq!(value(p, "LOCATION"), escaped);
    assert_eq!(
        value(p, "URL"),
        "https://intake.example/a%0D%0AATTENDEE:mailto:evil@x%20%22q%22%20%C3%A9"
    );
    assert_eq!(
        value(&calendar.properties, "X-WR-CALNAME"),
        format!(r"Cal\nMETHOD:REQUEST{escaped}")
    );
}

// The invite's URL

fn invite() -> Invite<'static> {
    Invite {
        uid: "booking-0190a5e4-7c1d-7b3e-9f00-2c5d6e7f8a9b@firm.example",
        sequence: 0,
        start: utc("2027-03-15T14:00:00Z"),
        end: utc("2027-03-15T14:30:00Z"),
        stamp: utc(STAMP),
        summary: "Free consultation with Example Law",
        description: "Reference: GTS-7K3M",
        location: "Video call",
        url: None,
        organizer_name: "Example Law",
        organizer_email: "consult@firm.example",
        attendee_name: "Ana López",
        attendee_email: "ana@example.com",
    }
}

#[test]
fn an_invite_carries_a_url_only_when_given_one() {
    let without = parse(&request(&invite()));
    assert!(!names(&without.events[0].properties).contains(&"URL"));

    let url = "https://intake.example/en/booking/manage?token=abc&x=1#top";
    let with = parse(&request(&Invite {
        url: Some(url),
        ..invite()
    }));
    let p = &with.events[0].properties;
    assert_eq!(
        names(p),
        [
            "UID",
            "SEQUENCE",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "DESCRIPTION",
            "LOCATION",
            "URL",
            "STATUS",
            "ORGANIZER",
            "ATTENDEE",
        ]
    );
    assert_eq!(value(p, "URL"), url);
    assert_eq!(value(p, "UID"), invite().uid);
    assert_eq!(value(p, "DTSTART"), "20270315T140000Z");
    assert_eq!(value(p, "DTEND"), "20270315T143000Z");
    assert_eq!(value(p, "SUMMARY"), "Free consultation with Example Law");
}

#[test]
fn a_hostile_invite_url_stays_one_value() {
    let calendar = parse(&request(&Invite {
        url: Some(" https://x.example/\nATTENDEE:mailto:evil@x\r\n "),
        ..invite()
    }));
    let p = &calendar.events[0].properties;
    assert_eq!(names(p).iter().filter(|n| **n == "ATTENDEE").count(), 1);
    assert_eq!(value(p, "URL"), "https://x.example/%0AATTENDEE:mailto:evil@x");
    assert_eq!(value(p, "ATTENDEE"), "mailto:ana@example.com");
}
