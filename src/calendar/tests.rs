//! Every invite is parsed back with the `icalendar` crate's parser (after its own unfolding) and, line by line, with
//! the checks below, so a value that broke the structure would show up as a missing or extra property.

use chrono::{DateTime, Utc};
use icalendar::parser::{read_calendar, unfold};
use icalendar::{CalendarDateTime, Component as _, DatePerhapsTime};

use super::content::MAX_OCTETS;
use super::*;

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

fn invite() -> Invite<'static> {
    Invite {
        uid: "booking-0190a5e4-7c1d-7b3e-9f00-2c5d6e7f8a9b@firm.example",
        sequence: 0,
        start: utc("2027-03-15T14:00:00Z"),
        end: utc("2027-03-15T14:30:00Z"),
        stamp: utc("2027-03-01T09:15:27Z"),
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

/// One property as the `icalendar` parser read it (TEXT values unescaped, quotes around parameters removed).
#[derive(Debug, PartialEq)]
struct Prop {
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

/// The calendar's own properties and those of its only component, which must be a VEVENT with nothing inside.
struct Parsed {
    calendar: Vec<Prop>,
    event: Vec<Prop>,
}

impl Parsed {
    fn event_names(&self) -> Vec<&str> {
        self.event.iter().map(|p| p.name.as_str()).collect()
    }

    /// The only event property called `name`.
    fn prop(&self, name: &str) -> &Prop {
        let found: Vec<&Prop> = self.event.iter().filter(|p| p.name == name).collect();
        assert_eq!(found.len(), 1, "{name} in {:?}", self.event);
        found[0]
    }

    fn value(&self, name: &str) -> &str {
        &self.prop(name).value
    }

    fn calendar_value(&self, name: &str) -> &str {
        let found: Vec<&Prop> = self.calendar.iter().filter(|p| p.name == name).collect();
        assert_eq!(found.len(), 1, "{name} in {:?}", self.calendar);
        &found[0].value
    }
}

fn props(parsed: &[icalendar::parser::Property<'_>]) -> Vec<Prop> {
    parsed
        .iter()
        .map(|p| Prop {
            name: p.name.to_string(),
            params: p
                .params
                .iter()
                .map(|param| {
                    (
                        param.key.to_string(),
                        param.val.as_ref().map(ToString::to_string).unwrap_or_default(),
                    )
                })
                .collect(),
            value: p.val.to_string(),
        })
        .collect()
}

/// Checks the physical lines, then parses.
fn parse(ics: &str) -> Parsed {
    assert_lines_well_formed(ics);
    let unfolded = unfold(ics);
    let calendar = read_calendar(&unfolded).unwrap_or_else(|e| panic!("{e}\n{ics}"));
    assert_eq!(calendar.components.len(), 1, "one component in\n{ics}");
    let event = &calendar.components[0];
    assert_eq!(event.name.as_str(), "VEVENT");
    assert!(event.components.is_empty(), "nothing inside the event");
    Parsed {
        calendar: props(&calendar.properties),
        event: props(&event.properties),
    }
}

/// Every line ends with CRLF, holds no other CR or LF, and is at most 75 octets; a continuation line starts with
/// one space. (The lines are `&str`, so no fold can have split a UTF-8 character.)
fn assert_lines_well_formed(ics: &str) {
    assert!(ics.ends_with("\r\n"), "ends with CRLF");
    for line in ics.split_terminator("\r\n") {
        assert!(!line.contains(['\r', '\n']), "a bare line break in {line:?}");
        assert!(line.len() <= MAX_OCTETS, "{} octets: {line:?}", line.len());
        assert!(!line.is_empty(), "an empty line");
    }
}

/// The logical lines, unfolded by hand: a CRLF followed by one space is removed.
fn logical_lines(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "")
        .split_terminator("\r\n")
        .map(str::to_string)
        .collect()
}

const EVENT: [&str; 11] = [
    "UID",
    "SEQUENCE",
    "DTSTAMP",
    "DTSTART",
    "DTEND",
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "STATUS",
    "ORGANIZER",
    "ATTENDEE",
];

// The structure

#[test]
fn a_request_is_one_confirmed_event_with_every_property() {
    let ics = request(&invite());
    let parsed = parse(&ics);

    let calendar: Vec<&str> = parsed.calendar.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(calendar, ["PRODID", "VERSION", "CALSCALE", "METHOD"]);
    assert_eq!(parsed.calendar_value("VERSION"), "2.0");
    assert_eq!(parsed.calendar_value("CALSCALE"), "GREGORIAN");
    assert_eq!(parsed.calendar_value("METHOD"), "REQUEST");
    assert_eq!(parsed.event_names(), EVENT);
    assert_eq!(parsed.value("UID"), invite().uid);
    assert_eq!(parsed.value("SEQUENCE"), "0");
    assert_eq!(parsed.value("STATUS"), "CONFIRMED");
    assert_eq!(parsed.value("SUMMARY"), "Free consultation with Example Law");
    assert_eq!(parsed.value("DESCRIPTION"), "Reference: GTS-7K3M");
    assert_eq!(parsed.value("LOCATION"), "Video call");
}

#[test]
fn a_request_reads_as_expected_line_by_line() {
    let expected = [
        "BEGIN:VCALENDAR",
        "PRODID:-//intake//Consultation booking//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        "UID:booking-0190a5e4-7c1d-7b3e-9f00-2c5d6e7f8a9b@firm.example",
        "SEQUENCE:0",
        "DTSTAMP:20270301T091527Z",
        "DTSTART:20270315T140000Z",
        "DTEND:20270315T143000Z",
        "SUMMARY:Free consultation with Example Law",
        "DESCRIPTION:Reference: GTS-7K3M",
        "LOCATION:Video call",
        "STATUS:CONFIRMED",
        "ORGANIZER;CN=\"Example Law\":mailto:consult@firm.example",
        "ATTENDEE;CN=\"Ana López\";ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:ana@example.com",
        "END:VEVENT",
        "END:VCALENDAR",
    ];
    let ics = request(&invite());
    assert_eq!(logical_lines(&ics), expected);
    // The attendee's line is the only one over 75 octets: it is folded once, after the 75th.
    assert!(
        ics.contains("\r\nATTENDEE;CN=\"Ana López\";ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:ana@example\r\n .com\r\n")
    );
    assert_eq!(ics.matches("\r\n ").count(), 1);
}

#[test]
fn a_cancellation_names_the_same_event_with_a_higher_sequence() {
    let request = parse(&request(&Invite {
        sequence: 2,
        ..invite()
    }));
    let cancel = parse(&cancel(&Invite {
        sequence: 3,
        ..invite()
    }));

    assert_eq!(cancel.calendar_value("METHOD"), "CANCEL");
    assert_eq!(cancel.value("STATUS"), "CANCELLED");
    assert_eq!(cancel.event_names(), EVENT);
    assert_eq!(cancel.value("UID"), request.value("UID"));
    assert_eq!((request.value("SEQUENCE"), cancel.value("SEQUENCE")), ("2", "3"));
    assert_eq!(cancel.value("DTSTART"), request.value("DTSTART"));
}

#[test]
fn content_types_name_the_method() {
    assert_eq!(CONTENT_TYPE_REQUEST, "text/calendar; method=REQUEST; charset=UTF-8");
    assert_eq!(CONTENT_TYPE_CANCEL, "text/calendar; method=CANCEL; charset=UTF-8");
}

#[test]
fn the_organizer_and_the_attendee_carry_their_parameters() {
    let parsed = parse(&request(&invite()));

    let organizer = parsed.prop("ORGANIZER");
    assert_eq!(organizer.params, [("CN".to_string(), "Example Law".to_string())]);
    assert_eq!(organizer.value, "mailto:consult@firm.example");

    let attendee = parsed.prop("ATTENDEE");
    let params: Vec<(&str, &str)> = attendee.params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        params,
        [("CN", "Ana López"), ("ROLE", "REQ-PARTICIPANT"), ("RSVP", "FALSE")]
    );
    assert_eq!(attendee.value, "mailto:ana@example.com");
}

// Times

#[test]
fn times_are_written_in_utc() {
    let ics = request(&Invite {
        start: DateTime::parse_from_rfc3339("2027-03-15T10:00:00-04:00")
            .unwrap()
            .to_utc(),
        end: DateTime::parse_from_rfc3339("2027-03-15T10:30:00-04:00")
            .unwrap()
            .to_utc(),
        stamp: utc("2027-03-01T09:15:27.987654Z"),
        ..invite()
    });
    let parsed = parse(&ics);
    assert_eq!(parsed.value("DTSTART"), "20270315T140000Z");
    assert_eq!(parsed.value("DTEND"), "20270315T143000Z");
    assert_eq!(
        parsed.value("DTSTAMP"),
        "20270301T091527Z",
        "fractions of a second are dropped"
    );

    // The crate's typed reading agrees: UTC date-times, not floating or zoned ones.
    let calendar: icalendar::Calendar = ics.parse().unwrap();
    let event = calendar.components.iter().find_map(|c| c.as_event()).unwrap();
    let utc_time = |t: &str| Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(utc(t))));
    assert_eq!(event.get_start(), utc_time("2027-03-15T14:00:00Z"));
    assert_eq!(event.get_end(), utc_time("2027-03-15T14:30:00Z"));
    assert_eq!(event.get_timestamp(), Some(utc("2027-03-01T09:15:27Z")));
}

// Text values

#[test]
fn text_values_are_escaped() {
    let ics = request(&Invite {
        summary: r"a\b;c,d",
        description: "line 1\nline 2",
        ..invite()
    });
    let lines = logical_lines(&ics);

    assert!(lines.contains(&r"SUMMARY:a\\b\;c\,d".to_string()), "{lines:#?}");
    assert!(lines.contains(&r"DESCRIPTION:line 1\nline 2".to_string()), "{lines:#?}");
}

#[test]
fn text_values_round_trip_through_a_parser() {
    let awkward = [
        r"back\slash, comma; semicolon: colon",
        "Rendez-vous « gratuit » — l'équipe, à Montréal; 30 min",
        "ends with a backslash \\",
        r"looks escaped already: \n \; \, \\",
        "\"quoted\" and 'single'",
        "tab\tkept",
    ];
    for text in awkward {
        let parsed = parse(&request(&Invite {
            summary: text,
            description: text,
            location: text,
            ..invite()
        }));
        for name in ["SUMMARY", "DESCRIPTION", "LOCATION"] {
            assert_eq!(parsed.value(name), text, "{name}");
        }
    }
}

#[test]
fn every_kind_of_line_break_becomes_an_escaped_newline() {
    let parsed = parse(&request(&Invite {
        description: "one\r\ntwo\nthree\rfour\n\nsix",
        ..invite()
    }));
    assert_eq!(parsed.value("DESCRIPTION"), "one\ntwo\nthree\nfour\n\nsix");
}

#[test]
fn control_characters_other_than_tab_are_dropped_from_text() {
    let parsed = parse(&request(&Invite {
        summary: "be\u{7}ll\u{0}\u{1b}[31m red\u{7f}\u{85}",
        ..invite()
    }));
    assert_eq!(parsed.value("SUMMARY"), "bell[31m red");
}

// Folding

#[test]
fn long_lines_fold_at_75_octets() {
    let description = "x".repeat(200);
    let ics = request(&Invite {
        description: &description,
        ..invite()
    });

    let physical: Vec<&str> = ics
        .split_terminator("\r\n")
        .skip_while(|l| !l.starts_with("DESCRIPTION"))
        .take_while(|l| l.starts_with("DESCRIPTION") || l.starts_with(' '))
        .collect();
    assert_eq!(
        physical.iter().map(|l| l.len()).collect::<Vec<_>>(),
        [75, 75, 1 + (12 + 200 - 75 - 74)]
    );
    assert_eq!(parse(&ics).value("DESCRIPTION"), description);
}

#[test]
fn folding_never_splits_a_character_in_french_or_emoji_text() {
    let text =
        "Consultation gratuite : résidence permanente, permis de travail — « déjà vu » à Québec 🇨🇦💼👩🏽‍⚖️ ".repeat(6);
    let name = "Zoë Ãñé-Çédille 🌷".repeat(5);
    let ics = request(&Invite {
        summary: &text,
        description: &text,
        location: &text,
        attendee_name: &name,
        organizer_name: &name,
        ..invite()
    });

    let physical: Vec<&str> = ics.split_terminator("\r\n").collect();
    let mut early_folds = 0;
    for pair in physical.windows(2) {
        if let Some(continued) = pair[1].strip_prefix(' ') {
            // A line is folded only where the next character would not fit; it ends short of 75 octets when that
            // character has several.
            let next = continued.chars().next().unwrap();
            assert!(
                pair[0].len() + next.len_utf8() > MAX_OCTETS,
                "folded too early: {:?}",
                pair[0]
            );
            early_folds += usize::from(pair[0].len() < MAX_OCTETS);
        }
    }
    assert!(early_folds > 0, "some fold fell next to a multi-octet character");
    let parsed = parse(&ics);
    assert_eq!(parsed.value("SUMMARY"), text);
    assert_eq!(parsed.value("DESCRIPTION"), text);
    assert_eq!(parsed.value("LOCATION"), text);
    assert_eq!(parsed.prop("ATTENDEE").params[0], ("CN".to_string(), name.clone()));
    assert_eq!(parsed.prop("ORGANIZER").params[0], ("CN".to_string(), name));
}

// Names and addresses people type

#[test]
fn a_hostile_name_cannot_add_a_property() {
    let ics = request(&Invite {
        attendee_name: "Ana\"\r\nATTENDEE:mailto:evil@x",
        organizer_name: "Law\"; ROLE=CHAIR; X=\"",
        ..invite()
    });
    let parsed = parse(&ics);

    assert_eq!(parsed.event_names(), EVENT);
    let attendee = parsed.prop("ATTENDEE");
    assert_eq!(
        attendee.params[0],
        ("CN".to_string(), "Ana ATTENDEE:mailto:evil@x".to_string())
    );
    assert_eq!(attendee.params.len(), 3);
    assert_eq!(attendee.value, "mailto:ana@example.com");
    let organizer = parsed.prop("ORGANIZER");
    assert_eq!(
        organizer.params,
        [("CN".to_string(), "Law; ROLE=CHAIR; X=".to_string())]
    );

    let lines = logical_lines(&ics);
    assert_eq!(lines.len(), 19);
    assert_eq!(lines.iter().filter(|l| l.starts_with("ATTENDEE")).count(), 1);
    assert!(
        lines.contains(
            &"ATTENDEE;CN=\"Ana ATTENDEE:mailto:evil@x\";ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:ana@example.com"
                .to_string()
        )
    );
}

#[test]
fn hostile_text_and_addresses_stay_inside_their_values() {
    let summary = "Hi\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:phish";
    let description = "Bcc: evil@x\nATTENDEE;CN=x:mailto:evil@x";
    let ics = request(&Invite {
        summary,
        description,
        location: "\r\n",
        attendee_email: "ana@example.com\r\nBcc: evil@x",
        organizer_email: "\"consult\"@firm.example;RSVP=TRUE",
        ..invite()
    });
    let parsed = parse(&ics);

    assert_eq!(parsed.event_names(), EVENT);
    assert_eq!(parsed.value("SUMMARY"), "Hi\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:phish");
    assert_eq!(parsed.value("DESCRIPTION"), description);
    assert_eq!(parsed.value("LOCATION"), "\n");
    assert_eq!(parsed.value("ATTENDEE"), "mailto:ana@example.com%0D%0ABcc%3A%20evil@x");
    assert_eq!(
        parsed.value("ORGANIZER"),
        "mailto:%22consult%22@firm.example%3BRSVP%3DTRUE"
    );
    assert_eq!(logical_lines(&ics).len(), 19);
}

#[test]
fn names_keep_commas_colons_and_semicolons_but_lose_quotes_and_line_breaks() {
    let parsed = parse(&request(&Invite {
        attendee_name: "O'Brien, \"Bob\": Jr.; Bcc: x\tY\r\n  Z",
        ..invite()
    }));
    assert_eq!(parsed.prop("ATTENDEE").params[0].1, "O'Brien, Bob: Jr.; Bcc: x Y Z");
}

#[test]
fn a_name_with_nothing_left_to_show_gets_no_cn() {
    let ics = request(&Invite {
        attendee_name: " \"\" \r\n",
        organizer_name: "",
        ..invite()
    });
    let parsed = parse(&ics);

    assert!(parsed.prop("ORGANIZER").params.is_empty());
    let keys: Vec<&str> = parsed.prop("ATTENDEE").params.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["ROLE", "RSVP"]);
    assert!(logical_lines(&ics).contains(&"ORGANIZER:mailto:consult@firm.example".to_string()));
}

#[test]
fn ordinary_addresses_are_written_as_they_are() {
    let parsed = parse(&request(&Invite {
        attendee_email: "  o'neil.ana+visa_2027~x@sub.example.ca ",
        organizer_email: "Consult@Firm.Example",
        ..invite()
    }));
    assert_eq!(parsed.value("ATTENDEE"), "mailto:o'neil.ana+visa_2027~x@sub.example.ca");
    assert_eq!(parsed.value("ORGANIZER"), "mailto:Consult@Firm.Example");
}

#[test]
fn non_ascii_addresses_are_percent_encoded_as_utf8() {
    let parsed = parse(&request(&Invite {
        attendee_email: "zoë@exemple.fr",
        ..invite()
    }));
    assert_eq!(parsed.value("ATTENDEE"), "mailto:zo%C3%AB@exemple.fr");
}
