//! "Add to calendar" links for people whose calendar lives in a web page (Google Calendar, Outlook.com), who would
//! otherwise have to download the invite and import it.
//!
//! Neither service documents these links; the formats are the ones every add-to-calendar library uses (see the
//! issue 14 research notes). Times are sent in UTC with a `Z`, which both read unambiguously in the person's own
//! zone. Every value is percent-encoded as a URI component (a space is `%20`, never `+`), so no text can end its
//! parameter or add another. The details are cut so the link stays under about 2,000 characters, past which
//! Google answers 414 and Outlook breaks.

use chrono::{DateTime, Utc};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

/// The most characters of `details` a link carries.
pub const DETAILS_MAX_CHARS: usize = 1_000;
/// The most characters `details` may take once percent-encoded (`é` takes six, a space three): text in other
/// scripts is cut sooner, so the link stays short.
const DETAILS_MAX_ENCODED: usize = 1_500;

/// One consultation, as the link's calendar will show it.
#[derive(Debug, Clone, Copy)]
pub struct LinkEvent<'a> {
    pub title: &'a str,
    /// Plain text (no HTML); line breaks are kept.
    pub details: &'a str,
    pub location: &'a str,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Google Calendar "add event" URL (calendar.google.com/calendar/render?action=TEMPLATE&text=..&dates=UTC/UTC&details=..&location=..)
pub fn google(event: &LinkEvent) -> String {
    let stamp = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={}/{}&details={}&location={}",
        component(event.title),
        stamp(event.start),
        stamp(event.end),
        component(&cut(event.details)),
        component(event.location),
    )
}

/// Outlook.com URL (outlook.live.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent&startdt=..Z&enddt=..Z&subject=..&body=..&location=..)
pub fn outlook(event: &LinkEvent) -> String {
    let stamp = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    format!(
        "https://outlook.live.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent\
         &startdt={}&enddt={}&subject={}&body={}&location={}",
        stamp(event.start),
        stamp(event.end),
        component(event.title),
        component(&cut(event.details)),
        component(event.location),
    )
}

/// A URI component: every octet but ASCII letters and digits percent-encoded.
fn component(value: &str) -> String {
    utf8_percent_encode(value, NON_ALPHANUMERIC).to_string()
}

/// `details` cut at a character boundary to at most [`DETAILS_MAX_CHARS`] characters and
/// [`DETAILS_MAX_ENCODED`] once encoded, with "…" in place of what was cut.
fn cut(details: &str) -> String {
    let encoded_len = |c: char| {
        if c.is_ascii_alphanumeric() { 1 } else { 3 * c.len_utf8() }
    };
    if details.chars().count() <= DETAILS_MAX_CHARS
        && details.chars().map(encoded_len).sum::<usize>() <= DETAILS_MAX_ENCODED
    {
        return details.to_string();
    }
    let ellipsis = '…';
    let mut out = String::new();
    let (mut chars, mut encoded) = (1, encoded_len(ellipsis));
    for c in details.chars() {
        if chars + 1 > DETAILS_MAX_CHARS || encoded + encoded_len(c) > DETAILS_MAX_ENCODED {
            break;
        }
        out.push(c);
        chars += 1;
        encoded += encoded_len(c);
    }
    out.push(ellipsis);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    fn event() -> LinkEvent<'static> {
        LinkEvent {
            title: "Free consultation with Example Law",
            details: "Reference: GTS-7K3M\nManage: https://intake.example/en/booking/abc",
            location: "Video call",
            start: utc("2026-12-10T04:00:00Z"),
            end: utc("2026-12-10T04:30:00Z"),
        }
    }

    /// The query's parameters, decoded, in order.
    fn params(url: &str) -> Vec<(String, String)> {
        let query = url.split_once('?').unwrap().1;
        query
            .split('&')
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap();
                let decode = |s: &str| {
                    percent_encoding::percent_decode_str(s)
                        .decode_utf8()
                        .unwrap()
                        .into_owned()
                };
                (decode(k), decode(v))
            })
            .collect()
    }

    fn param(url: &str, name: &str) -> String {
        let found: Vec<String> = params(url)
            .into_iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v)
            .collect();
        assert_eq!(found.len(), 1, "{name} in {url}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn a_google_link() {
        assert_eq!(
            google(&event()),
            "https://calendar.google.com/calendar/render?action=TEMPLATE\
             &text=Free%20consultation%20with%20Example%20Law\
             &dates=20261210T040000Z/20261210T043000Z\
             &details=Reference%3A%20GTS%2D7K3M%0AManage%3A%20https%3A%2F%2Fintake%2Eexample%2Fen%2Fbooking%2Fabc\
             &location=Video%20call"
        );
    }

    #[test]
    fn an_outlook_link() {
        assert_eq!(
            outlook(&event()),
            "https://outlook.live.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent\
             &startdt=2026-12-10T04:00:00Z&enddt=2026-12-10T04:30:00Z\
             &subject=Free%20consultation%20with%20Example%20Law\
             &body=Reference%3A%20GTS%2D7K3M%0AManage%3A%20https%3A%2F%2Fintake%2Eexample%2Fen%2Fbooking%2Fabc\
             &location=Video%20call"
        );
    }

    #[test]
    fn times_are_utc_whatever_zone_they_came_from() {
        let e = LinkEvent {
            start: DateTime::parse_from_rfc3339("2026-12-10T09:30:00+05:30")
                .unwrap()
                .to_utc(),
            end: DateTime::parse_from_rfc3339("2026-12-09T23:30:00-05:00")
                .unwrap()
                .to_utc(),
            ..event()
        };
        assert_eq!(param(&google(&e), "dates"), "20261210T040000Z/20261210T043000Z");
        assert_eq!(param(&outlook(&e), "startdt"), "2026-12-10T04:00:00Z");
        assert_eq!(param(&outlook(&e), "enddt"), "2026-12-10T04:30:00Z");
    }

    #[test]
    fn hostile_text_stays_inside_its_parameter() {
        let hostile = "Tom & Jerry's \"deal\" #1?\r\nlocation=evil&dates=1/2 <script>alert(1)</script> 100% + = ; é 🇨🇦";
        let e = LinkEvent {
            title: hostile,
            details: hostile,
            location: hostile,
            ..event()
        };
        for (url, names) in [
            (
                google(&e),
                ["action", "text", "dates", "details", "location"].as_slice(),
            ),
            (
                outlook(&e),
                ["path", "rru", "startdt", "enddt", "subject", "body", "location"].as_slice(),
            ),
        ] {
            let keys: Vec<String> = params(&url).into_iter().map(|(k, _)| k).collect();
            assert_eq!(keys, names, "{url}");
            let query = url.split_once('?').unwrap().1;
            assert!(
                query
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "%&=-_:/".contains(c)),
                "{url}"
            );
            assert!(!url.contains([' ', '+', '<', '>', '"', '#', '\r', '\n', '\'']), "{url}");
        }
        assert_eq!(param(&google(&e), "text"), hostile);
        assert_eq!(param(&google(&e), "details"), hostile);
        assert_eq!(param(&outlook(&e), "subject"), hostile);
        assert_eq!(param(&outlook(&e), "body"), hostile);
        assert_eq!(param(&outlook(&e), "location"), hostile);
    }

    #[test]
    fn long_details_are_cut_to_1000_characters() {
        let long = "Bring your passport. ".repeat(100);
        let e = LinkEvent {
            details: &long,
            ..event()
        };
        for (url, name) in [(google(&e), "details"), (outlook(&e), "body")] {
            let details = param(&url, name);
            assert!(
                details.chars().count() <= DETAILS_MAX_CHARS,
                "{}",
                details.chars().count()
            );
            assert!(details.ends_with('…'));
            assert!(long.starts_with(details.trim_end_matches('…')));
            assert!(url.len() < 2_000, "{} characters", url.len());
        }

        let letters = "x".repeat(5_000);
        let cut_letters = cut(&letters);
        assert_eq!(cut_letters.chars().count(), DETAILS_MAX_CHARS);
        assert_eq!(cut_letters, format!("{}…", "x".repeat(DETAILS_MAX_CHARS - 1)));
    }

    #[test]
    fn details_in_other_scripts_are_cut_on_a_character_boundary_and_short() {
        let long = "ভিসার পরামর্শ 🇨🇦 ".repeat(200);
        let e = LinkEvent {
            details: &long,
            ..event()
        };
        let url = google(&e);
        let details = param(&url, "details");
        assert!(long.starts_with(details.trim_end_matches('…')));
        assert!(url.len() < 2_000, "{} characters", url.len());
    }

    #[test]
    fn short_details_are_kept_whole() {
        let exactly = "y".repeat(DETAILS_MAX_CHARS);
        assert_eq!(cut(&exactly), exactly);
        assert_eq!(cut(""), "");
        assert_eq!(cut("Réf. : GTS-7K3M"), "Réf. : GTS-7K3M");
    }
}
