//! Dates and times as people read them: day and month names and the order of the parts come from
//! the Fluent files (`dates.ftl`), so a new language brings its own. Staff lists use one neutral
//! timestamp ([`stamp`]).

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::Lang;

/// A local date written out: "Monday 15 March 2027" / "lundi 15 mars 2027".
pub fn date(lang: Lang, date: NaiveDate) -> String {
    lang.t_args(
        "date-long",
        &[
            (
                "weekday",
                lang.t(&format!("weekday-{}", date.weekday().number_from_monday())),
            ),
            ("day", date.day().to_string()),
            ("month", lang.t(&format!("month-{}", date.month()))),
            ("year", date.year().to_string()),
        ],
    )
}

/// A local time: "14:30" / "14 h 30". The language's pattern (`time-pattern`, chrono's `strftime`
/// syntax) is read once per thread: a slot picker writes hundreds of times per page.
pub fn time(lang: Lang, time: NaiveTime) -> String {
    time.format(&lang.t("time-pattern")).to_string()
}

/// A time range of one day: "10:00–10:30".
pub fn time_range(lang: Lang, start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz) -> String {
    format!(
        "{}–{}",
        time(lang, start.with_timezone(&tz).time()),
        time(lang, end.with_timezone(&tz).time())
    )
}

/// "Monday 15 March 2027, 10:00–10:30 (America/Toronto)".
pub fn slot(lang: Lang, start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz) -> String {
    format!(
        "{}, {} ({})",
        date(lang, start.with_timezone(&tz).date_naive()),
        time_range(lang, start, end, tz),
        tz.name()
    )
}

/// The staff pages' timestamp, in the firm's zone: "2027-03-15 10:00".
pub fn stamp(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// [`stamp`] of a time that may be missing (empty then).
pub fn stamp_opt(t: Option<DateTime<Utc>>, tz: Tz) -> String {
    t.map(|t| stamp(t, tz)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_and_times_read_as_each_language_writes_them() {
        let day = NaiveDate::from_ymd_opt(2027, 3, 15).unwrap();
        assert_eq!(date(Lang::En, day), "Monday 15 March 2027");
        assert_eq!(date(Lang::Fr, day), "lundi 15 mars 2027");
        let nine = NaiveTime::from_hms_opt(9, 5, 0).unwrap();
        assert_eq!(time(Lang::En, nine), "09:05");
        assert_eq!(time(Lang::Fr, nine), "9 h 05");
    }

    #[test]
    fn every_day_and_month_has_a_name_in_every_language() {
        for lang in Lang::ALL {
            for n in 1..=7 {
                assert!(lang.has(&format!("weekday-{n}")), "{lang:?} weekday-{n}");
            }
            for n in 1..=12 {
                assert!(lang.has(&format!("month-{n}")), "{lang:?} month-{n}");
            }
        }
        let december = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert_eq!(date(Lang::Fr, december), "dimanche 6 décembre 2026");
        assert_eq!(date(Lang::En, december), "Sunday 6 December 2026");
    }

    #[test]
    fn a_slot_names_its_zone_and_staff_stamps_use_the_firm_zone() {
        let toronto: Tz = "America/Toronto".parse().unwrap();
        let start = Utc.with_ymd_and_hms(2027, 3, 15, 14, 0, 0).unwrap();
        let end = start + chrono::Duration::minutes(30);
        assert_eq!(
            slot(Lang::En, start, end, toronto),
            "Monday 15 March 2027, 10:00–10:30 (America/Toronto)"
        );
        assert_eq!(stamp(start, toronto), "2027-03-15 10:00");
        assert_eq!(stamp_opt(None, toronto), "");
    }
}
