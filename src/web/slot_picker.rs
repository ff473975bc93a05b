//! The date-first time picker (`templates/macros/slots.html`): a week of days in the applicant's
//! zone, each a button saying how many times are free; then the chosen day's times, each with the
//! firm's time beside it; hours between 22:00 and 07:00 of the applicant's zone folded away unless
//! asked for. The booking page, the applicant's manage page and staff moving a consultation show it
//! alike, inside one POST form: every button posts the whole form, the page answers with a redirect
//! to itself with the choice in the query string ([`Nav`]), so nothing typed is lost and no
//! JavaScript is needed.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;

use crate::{
    booking::Free,
    i18n::{Lang, when, zone_name::zone_name},
};

/// Where the picker stands: the week shown, the day chosen, and whether night hours are shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Nav {
    /// The Monday of the week shown.
    pub week: Option<NaiveDate>,
    pub day: Option<NaiveDate>,
    pub night: bool,
}

impl Nav {
    /// The picker's place from a query string or a posted form: `week`, `day` and `night`; in a posted
    /// form, a button's `day` or `week` wins over the `current_*` hidden fields.
    pub fn from_pairs<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)> + Clone) -> Nav {
        let get = |name: &str| pairs.clone().find(|(n, _)| *n == name).map(|(_, v)| v);
        let date = |name: &str| get(name).and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok());
        let week_button = date("week");
        let day_button = date("day");
        Nav {
            week: week_button.or_else(|| date("current_week")),
            day: match (day_button, week_button) {
                (Some(day), _) => Some(day),
                // Another week: no day of it is chosen yet.
                (None, Some(_)) => None,
                (None, None) => date("current_day"),
            },
            night: get("night").or_else(|| get("current_night")).is_some_and(|v| v == "1"),
        }
    }

    /// Whether a navigation button (a day, a week, night hours, "show") was pressed, rather than the
    /// form's own submit button.
    pub fn is_navigation<'a>(mut pairs: impl Iterator<Item = (&'a str, &'a str)>) -> bool {
        pairs.any(|(n, _)| matches!(n, "day" | "week" | "night" | "show"))
    }

    /// The query string's part for this place (`week=...&day=...&night=1`), to join with `&`.
    pub fn query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if let Some(week) = self.week {
            out.append_pair("week", &week.to_string());
        }
        if let Some(day) = self.day {
            out.append_pair("day", &day.to_string());
        }
        if self.night {
            out.append_pair("night", "1");
        }
        out.finish()
    }
}

/// One free time.
pub struct SlotView {
    pub id: String,
    /// "10:00–10:30" in the applicant's zone.
    pub local: String,
    /// "16:00 firm time".
    pub firm: String,
    pub checked: bool,
}

/// One day of the week shown.
pub struct DayButton {
    /// `2026-12-10`: the button's value.
    pub value: String,
    /// "Thu", "jeu."
    pub weekday: String,
    /// "10 Dec"
    pub short: String,
    /// "Thursday 10 December 2026, 6 free times", for screen readers.
    pub label: String,
    /// "6 times", "No times"
    pub count: String,
    pub free: bool,
    pub current: bool,
}

pub struct Picker {
    /// "Times in India Standard Time, GMT+5:30."
    pub zone_line: String,
    /// "7–13 December 2026"
    pub week_label: String,
    pub week_value: String,
    pub previous_week: Option<String>,
    pub next_week: Option<String>,
    pub days: Vec<DayButton>,
    /// The chosen day, written out; empty when none is chosen.
    pub day_heading: String,
    pub day_value: String,
    pub slots: Vec<SlotView>,
    /// How many times of the chosen day are folded away (night hours), and the button's text.
    pub night_hidden: usize,
    pub night_button: String,
    pub night: bool,
    /// Nothing free at all within the horizon.
    pub none: bool,
    /// The first free day's value: its button takes the id `slot` while no day's times are shown.
    pub anchor_day: String,
}

/// Whether a local time is in the night fold: from 22:00 to 07:00.
fn at_night(t: NaiveTime) -> bool {
    t.hour() >= 22 || t.hour() < 7
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// The picker for `free` times shown in `zone`, at `nav`, with slot `chosen` (an id, or empty) checked.
pub fn picker(lang: Lang, free: &[Free], zone: Tz, firm: Tz, nav: Nav, chosen: &str, now: DateTime<Utc>) -> Picker {
    let local = |f: &Free| f.slot.start.with_timezone(&zone);
    // A week or day from a query string is only believed within a few years of now.
    let today = now.with_timezone(&zone).date_naive();
    let plausible = |d: &NaiveDate| (today - Duration::days(400)..=today + Duration::days(1200)).contains(d);
    let nav = Nav {
        week: nav.week.filter(plausible),
        day: nav.day.filter(plausible),
        night: nav.night,
    };
    let chosen_day = free
        .iter()
        .find(|f| f.slot.id() == chosen)
        .map(|f| local(f).date_naive());
    let first_free = free.first().map(|f| local(f).date_naive());
    let last_free = free.last().map(|f| local(f).date_naive());
    let week = nav
        .week
        .or(nav.day)
        .or(chosen_day)
        .or(first_free)
        .map_or_else(|| monday_of(today), monday_of);
    let week_days: Vec<NaiveDate> = (0..7).map(|i| week + Duration::days(i)).collect();
    let count_on = |d: NaiveDate| free.iter().filter(|f| local(f).date_naive() == d).count();
    // What a day's button promises: the times it shows, night hours left out unless asked for.
    let shown_on = |d: NaiveDate| {
        free.iter()
            .filter(|f| local(f).date_naive() == d && (nav.night || !at_night(local(f).time())))
            .count()
    };
    let day = nav
        .day
        .filter(|d| week_days.contains(d))
        .or(chosen_day.filter(|d| week_days.contains(d)))
        .or_else(|| week_days.iter().copied().find(|d| count_on(*d) > 0));

    let days = week_days
        .iter()
        .map(|d| {
            let n = count_on(*d);
            let shown = shown_on(*d);
            let count = if n == 0 {
                lang.t("picker-no-times")
            } else if shown == 0 {
                lang.t("picker-night-only")
            } else {
                lang.t_count("picker-times", "count", shown)
            };
            DayButton {
                value: d.to_string(),
                weekday: lang.t(&format!("weekday-short-{}", d.weekday().number_from_monday())),
                short: lang.t_args(
                    "date-short",
                    &[
                        ("day", d.day().to_string()),
                        ("month", lang.t(&format!("month-short-{}", d.month()))),
                    ],
                ),
                label: format!("{}, {}", when::date(lang, *d), count),
                count,
                free: n > 0,
                current: Some(*d) == day,
            }
        })
        .collect();

    let mut slots = Vec::new();
    let mut night_hidden = 0;
    if let Some(day) = day {
        for f in free.iter().filter(|f| local(f).date_naive() == day) {
            let id = f.slot.id();
            let checked = id == chosen;
            if at_night(local(f).time()) && !nav.night && !checked {
                night_hidden += 1;
                continue;
            }
            slots.push(SlotView {
                local: when::time_range(lang, f.slot.start, f.slot.end, zone),
                firm: lang.t_args(
                    "booking-firm-time",
                    &[("time", when::time(lang, f.slot.start.with_timezone(&firm).time()))],
                ),
                checked,
                id,
            });
        }
    }
    let week_end = week + Duration::days(6);
    let anchor_day = week_days
        .iter()
        .find(|d| count_on(**d) > 0)
        .map(|d| d.to_string())
        .unwrap_or_default();
    Picker {
        anchor_day,
        zone_line: if zone == firm {
            lang.t_args("picker-zone-firm", &[("zone", zone_name(lang, zone, now))])
        } else {
            lang.t_args(
                "picker-zone",
                &[
                    ("zone", zone_name(lang, zone, now)),
                    ("firm", zone_name(lang, firm, now)),
                ],
            )
        },
        week_label: lang.t_args(
            "picker-week",
            &[("from", when::date(lang, week)), ("to", when::date(lang, week_end))],
        ),
        week_value: week.to_string(),
        previous_week: first_free
            .filter(|first| *first < week)
            .map(|_| (week - Duration::days(7)).to_string()),
        next_week: last_free
            .filter(|last| *last > week_end)
            .map(|_| (week + Duration::days(7)).to_string()),
        days,
        day_heading: day.map(|d| when::date(lang, d)).unwrap_or_default(),
        day_value: day.map(|d| d.to_string()).unwrap_or_default(),
        slots,
        night_hidden,
        night_button: lang.t_count("picker-show-night", "count", night_hidden),
        night: nav.night,
        none: free.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};
    use chrono_tz::{America::Toronto, Asia::Kolkata, Europe::London, Tz};

    use super::*;
    use crate::slots::Slot;

    /// A free time starting at firm-local `y-m-d h:min` in Toronto, 30 minutes long.
    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> Free {
        let start = Toronto
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .earliest()
            .unwrap()
            .to_utc();
        Free {
            slot: Slot {
                start,
                end: start + Duration::minutes(30),
            },
            consultants: Vec::new(),
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 1, 12, 0, 0).unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn show(free: &[Free], zone: Tz, nav: Nav) -> Picker {
        picker(Lang::En, free, zone, Toronto, nav, "", now())
    }

    #[test]
    fn the_week_of_the_first_free_day_is_shown_with_that_day_open() {
        let free = [at(2027, 3, 10, 9, 0), at(2027, 3, 10, 9, 45), at(2027, 3, 12, 14, 0)];
        let p = show(&free, Toronto, Nav::default());
        assert_eq!(p.week_value, "2027-03-08", "the Monday");
        assert_eq!(p.days.len(), 7);
        let free_days: Vec<&str> = p.days.iter().filter(|d| d.free).map(|d| d.value.as_str()).collect();
        assert_eq!(free_days, ["2027-03-10", "2027-03-12"]);
        assert_eq!(p.day_value, "2027-03-10");
        assert_eq!(p.slots.len(), 2);
        assert!(p.slots.iter().all(|s| !s.checked), "nothing chosen for the applicant");
        assert_eq!(p.days[2].label, "Wednesday 10 March 2027, 2 times");
        assert_eq!(p.previous_week, None, "nothing free earlier");
        assert_eq!(p.next_week, None, "nothing free later");
    }

    #[test]
    fn days_are_the_applicants_own_across_the_clock_changes_of_both_zones() {
        // Toronto springs forward on 14 March 2027, London on 28 March: between the two, London is
        // four hours ahead instead of five.
        let free = [
            at(2027, 3, 12, 18, 30), // Friday 22:30 in London (EST + 5): folded at night
            at(2027, 3, 15, 18, 30), // Monday 22:30 in London (EDT + 4)
            at(2027, 3, 15, 19, 30), // Monday 23:30 in London
            at(2027, 3, 29, 18, 30), // Monday 23:30 in London (EDT + 5, BST)
        ];
        let week = Nav {
            week: Some(date("2027-03-15")),
            day: Some(date("2027-03-15")),
            night: true,
        };
        let p = show(&free, London, week);
        let times: Vec<&str> = p.slots.iter().map(|s| s.local.as_str()).collect();
        assert_eq!(times, ["22:30–23:00", "23:30–00:00"]);
        assert_eq!(p.slots[0].firm, "18:30 firm time");
        assert!(p.zone_line.contains("Greenwich Mean Time"), "{}", p.zone_line);
        // After London's change the same firm time is an hour later there.
        let later = Nav {
            week: Some(date("2027-03-29")),
            day: Some(date("2027-03-29")),
            night: true,
        };
        let p = show(&free, London, later);
        assert_eq!(p.slots[0].local, "23:30–00:00");
    }

    #[test]
    fn night_hours_of_the_applicants_zone_are_folded_away_unless_asked_for() {
        // The firm's working day is the evening and the night in India.
        let free = [at(2027, 3, 10, 9, 0), at(2027, 3, 10, 11, 0), at(2027, 3, 10, 12, 30)];
        let day = Nav {
            day: Some(date("2027-03-10")),
            ..Nav::default()
        };
        let p = show(&free, Kolkata, day);
        let times: Vec<&str> = p.slots.iter().map(|s| s.local.as_str()).collect();
        assert_eq!(times, ["19:30–20:00", "21:30–22:00"]);
        assert_eq!(p.night_hidden, 1);
        assert_eq!(p.night_button, "Show 1 time between 22:00 and 07:00");
        let p = show(&free, Kolkata, Nav { night: true, ..day });
        assert_eq!(p.slots.len(), 3);
        assert_eq!(p.night_hidden, 0);
        // A time already chosen is never folded away.
        let p = picker(Lang::En, &free, Kolkata, Toronto, day, &free[2].slot.id(), now());
        assert!(p.slots.iter().any(|s| s.checked));
    }

    #[test]
    fn a_posted_button_wins_over_the_current_place() {
        let form = [
            ("current_week", "2027-03-08"),
            ("current_day", "2027-03-10"),
            ("week", "2027-03-15"),
        ];
        let nav = Nav::from_pairs(form.iter().copied());
        assert_eq!(
            (nav.week, nav.day),
            (Some(date("2027-03-15")), None),
            "another week: no day yet"
        );
        let form = [
            ("current_week", "2027-03-08"),
            ("day", "2027-03-11"),
            ("current_night", "1"),
        ];
        let nav = Nav::from_pairs(form.iter().copied());
        assert_eq!(
            (nav.week, nav.day, nav.night),
            (Some(date("2027-03-08")), Some(date("2027-03-11")), true)
        );
        assert!(Nav::is_navigation(form.iter().copied()));
        assert!(!Nav::is_navigation(
            [("slot", "x"), ("current_day", "2027-03-11")].into_iter()
        ));
        assert_eq!(nav.query(), "week=2027-03-08&day=2027-03-11&night=1");
        // Nonsense is ignored.
        let nav = Nav::from_pairs([("week", "<script>"), ("day", "2027-02-30")].into_iter());
        assert_eq!(nav, Nav::default());
    }
}
