//! Time zones as people name them, in their language: "India Standard Time, GMT+5:30", "heure de l’Inde,
//! UTC+5:30", "Eastern Time". The names are CLDR's, compiled into the binary with ICU4X, so they follow the
//! zone's rules (standard or daylight time) at the instant shown, and a zone's name comes from its IANA id.
//!
//! The formatters are built once per language and shared by every thread. Nothing here panics: a formatter that
//! cannot be built, or a zone CLDR does not name, leaves the offset alone ("GMT+5:30").

use std::sync::LazyLock;

use chrono::{DateTime, Offset as _, TimeZone as _, Utc};
use chrono_tz::Tz;
use icu_datetime::NoCalendarFormatter;
use icu_datetime::fieldsets::zone::{GenericLong, LocalizedOffsetLong, LocalizedOffsetShort, SpecificLong};
use icu_locale_core::Locale;
use icu_time::zone::{UtcOffset, ZoneNameTimestamp, models::AtTime};
use icu_time::{TimeZone, TimeZoneInfo};

use super::Lang;

/// "India Standard Time, GMT+5:30" / "heure de l’Inde, UTC+5:30": the zone's specific long name at `at` (standard
/// or daylight time) and its offset, in `lang`. For a booked slot.
pub fn zone_name(lang: Lang, tz: Tz, at: DateTime<Utc>) -> String {
    named(lang, tz, at, |f, zone| {
        Some(f.specific.as_ref()?.format(&zone).to_string())
    })
}

/// "Eastern Time" style generic name (does not change with DST), for lists: "Eastern Time, GMT-5" /
/// "heure de l’Est nord-américain, UTC-5". The offset is the one at `at`.
pub fn generic_zone_name(lang: Lang, tz: Tz, at: DateTime<Utc>) -> String {
    named(lang, tz, at, |f, zone| {
        Some(f.generic.as_ref()?.format(&zone).to_string())
    })
}

/// The formatters of one language; each is missing if it could not be built.
struct Formatters {
    specific: Option<NoCalendarFormatter<SpecificLong>>,
    generic: Option<NoCalendarFormatter<GenericLong>>,
    /// "GMT+5:30": written after the name.
    offset: Option<NoCalendarFormatter<LocalizedOffsetShort>>,
    /// "GMT+05:30": what a name formatter writes when CLDR has no name for the zone at that offset.
    offset_long: Option<NoCalendarFormatter<LocalizedOffsetLong>>,
}

impl Formatters {
    fn new(lang: Lang) -> Formatters {
        let Ok(locale) = Locale::try_from_str(lang.code()) else {
            tracing::error!(lang = lang.code(), "no ICU locale for the language");
            return Formatters {
                specific: None,
                generic: None,
                offset: None,
                offset_long: None,
            };
        };
        Formatters {
            specific: built(NoCalendarFormatter::try_new((&locale).into(), SpecificLong), lang),
            generic: built(NoCalendarFormatter::try_new((&locale).into(), GenericLong), lang),
            offset: built(
                NoCalendarFormatter::try_new((&locale).into(), LocalizedOffsetShort),
                lang,
            ),
            offset_long: built(
                NoCalendarFormatter::try_new((&locale).into(), LocalizedOffsetLong),
                lang,
            ),
        }
    }
}

fn built<F, E: std::fmt::Display>(formatter: Result<F, E>, lang: Lang) -> Option<F> {
    formatter
        .inspect_err(|e| tracing::error!(lang = lang.code(), error = %e, "a time-zone formatter could not be built"))
        .ok()
}

/// One set of formatters per language, indexed by [`Lang::index`].
static FORMATTERS: LazyLock<[Formatters; Lang::ALL.len()]> = LazyLock::new(|| Lang::ALL.map(Formatters::new));

/// `name` of the zone, then its offset; the offset alone when the zone has no name.
fn named(
    lang: Lang,
    tz: Tz,
    at: DateTime<Utc>,
    name: impl Fn(&Formatters, TimeZoneInfo<AtTime>) -> Option<String>,
) -> String {
    let formatters = &FORMATTERS[lang.index()];
    let seconds = tz.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc();
    let id = TimeZone::from_iana_id(tz.name());
    let zone = id
        .with_offset(UtcOffset::try_from_seconds(seconds).ok())
        .with_zone_name_timestamp(ZoneNameTimestamp::from_epoch_seconds(at.timestamp()));

    let offset = formatters
        .offset
        .as_ref()
        .map_or_else(|| plain_offset(lang, seconds), |f| f.format(&zone).to_string());
    if id.is_unknown() {
        return offset;
    }
    // Without a CLDR name at this offset, the name formatters write the offset ("GMT-03:00" for Etc/GMT+3).
    let offset_long = formatters.offset_long.as_ref().map(|f| f.format(&zone).to_string());
    match name(formatters, zone) {
        Some(name) if !name.is_empty() && Some(&name) != offset_long.as_ref() && name != offset => {
            format!("{name}, {offset}")
        }
        _ => offset,
    }
}

/// The offset written by hand, as ICU writes it ("GMT+5:30", "UTC-4", "GMT+0"), when no formatter could be built.
fn plain_offset(lang: Lang, seconds: i32) -> String {
    let prefix = match lang {
        Lang::En => "GMT",
        Lang::Fr => "UTC",
    };
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    match (minutes / 60, minutes % 60) {
        (hours, 0) => format!("{prefix}{sign}{hours}"),
        (hours, minutes) => format!("{prefix}{sign}{hours}:{minutes:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    const WINTER: &str = "2027-01-15T12:00:00Z";
    const SUMMER: &str = "2027-07-15T12:00:00Z";

    #[test]
    fn india_in_english_and_french() {
        let at = utc(WINTER);
        assert_eq!(
            zone_name(Lang::En, chrono_tz::Asia::Kolkata, at),
            "India Standard Time, GMT+5:30"
        );
        assert_eq!(
            zone_name(Lang::Fr, chrono_tz::Asia::Kolkata, at),
            "heure de l’Inde, UTC+5:30"
        );
        // The old id names the same zone.
        assert_eq!(
            zone_name(Lang::En, chrono_tz::Asia::Calcutta, at),
            "India Standard Time, GMT+5:30"
        );
    }

    #[test]
    fn toronto_in_winter_and_summer() {
        let toronto = chrono_tz::America::Toronto;
        assert_eq!(
            zone_name(Lang::En, toronto, utc(WINTER)),
            "Eastern Standard Time, GMT-5"
        );
        assert_eq!(
            zone_name(Lang::En, toronto, utc(SUMMER)),
            "Eastern Daylight Time, GMT-4"
        );
        assert_eq!(
            zone_name(Lang::Fr, toronto, utc(WINTER)),
            "heure normale de l’Est nord-américain, UTC-5"
        );
        assert_eq!(
            zone_name(Lang::Fr, toronto, utc(SUMMER)),
            "heure d’été de l’Est nord-américain, UTC-4"
        );
    }

    #[test]
    fn generic_names_do_not_change_with_daylight_time() {
        let toronto = chrono_tz::America::Toronto;
        assert_eq!(generic_zone_name(Lang::En, toronto, utc(WINTER)), "Eastern Time, GMT-5");
        assert_eq!(generic_zone_name(Lang::En, toronto, utc(SUMMER)), "Eastern Time, GMT-4");
        assert_eq!(
            generic_zone_name(Lang::Fr, toronto, utc(SUMMER)),
            "heure de l’Est nord-américain, UTC-4"
        );
        assert_eq!(
            generic_zone_name(Lang::En, chrono_tz::America::Vancouver, utc(WINTER)),
            "Pacific Time, GMT-8"
        );
    }

    #[test]
    fn london_in_summer() {
        let london = chrono_tz::Europe::London;
        assert_eq!(zone_name(Lang::En, london, utc(SUMMER)), "British Summer Time, GMT+1");
        assert_eq!(
            zone_name(Lang::Fr, london, utc(SUMMER)),
            "heure d’été britannique, UTC+1"
        );
        assert_eq!(zone_name(Lang::En, london, utc(WINTER)), "Greenwich Mean Time, GMT+0");
    }

    #[test]
    fn utc_itself() {
        assert_eq!(
            zone_name(Lang::En, chrono_tz::UTC, utc(SUMMER)),
            "Coordinated Universal Time, GMT+0"
        );
        assert_eq!(
            zone_name(Lang::Fr, chrono_tz::UTC, utc(SUMMER)),
            "temps universel coordonné, UTC+0"
        );
        assert_eq!(
            zone_name(Lang::En, chrono_tz::Etc::UTC, utc(SUMMER)),
            "Coordinated Universal Time, GMT+0"
        );
    }

    #[test]
    fn the_name_follows_the_instant_across_a_daylight_saving_change() {
        // Toronto springs forward on 14 March 2027 at 02:00 EST (07:00 UTC).
        let toronto = chrono_tz::America::Toronto;
        assert_eq!(
            zone_name(Lang::En, toronto, utc("2027-03-14T06:59:59Z")),
            "Eastern Standard Time, GMT-5"
        );
        assert_eq!(
            zone_name(Lang::En, toronto, utc("2027-03-14T07:00:00Z")),
            "Eastern Daylight Time, GMT-4"
        );
        // And falls back on 7 November 2027 at 02:00 EDT (06:00 UTC).
        assert_eq!(
            zone_name(Lang::En, toronto, utc("2027-11-07T05:59:59Z")),
            "Eastern Daylight Time, GMT-4"
        );
        assert_eq!(
            zone_name(Lang::En, toronto, utc("2027-11-07T06:00:00Z")),
            "Eastern Standard Time, GMT-5"
        );
    }

    #[test]
    fn a_zone_without_a_name_shows_its_offset_alone() {
        // Etc/GMT+3 is three hours *behind* UTC; CLDR has no name for it.
        assert_eq!(zone_name(Lang::En, chrono_tz::Etc::GMTPlus3, utc(SUMMER)), "GMT-3");
        assert_eq!(
            generic_zone_name(Lang::Fr, chrono_tz::Etc::GMTPlus3, utc(SUMMER)),
            "UTC-3"
        );
    }

    #[test]
    fn every_zone_and_language_gives_a_name_or_an_offset() {
        let at = utc(SUMMER);
        for tz in chrono_tz::TZ_VARIANTS {
            for lang in Lang::ALL {
                let name = zone_name(lang, tz, at);
                let generic = generic_zone_name(lang, tz, at);
                assert!(!name.is_empty() && !generic.is_empty(), "{tz}");
                assert!(!name.contains("unk") && !name.contains('\u{fffd}'), "{tz}: {name}");
            }
        }
    }

    #[test]
    fn the_hand_written_offset_matches_cldr() {
        assert_eq!(plain_offset(Lang::En, 19_800), "GMT+5:30");
        assert_eq!(plain_offset(Lang::Fr, -4 * 3600), "UTC-4");
        assert_eq!(plain_offset(Lang::En, 0), "GMT+0");
        assert_eq!(plain_offset(Lang::En, -(9 * 3600 + 30 * 60)), "GMT-9:30");
    }

    #[test]
    fn formatters_are_shared_between_threads() {
        fn shared<T: Send + Sync>(_: &T) {}
        shared(&*FORMATTERS);
        let names: Vec<String> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| s.spawn(|| zone_name(Lang::En, chrono_tz::Asia::Kolkata, utc(WINTER))))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(names.iter().all(|n| n == "India Standard Time, GMT+5:30"));
    }
}
