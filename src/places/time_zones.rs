//! IANA time zones a person would pick, from `chrono-tz`: the zones of tzdata's country table
//! (zone.tab) and `UTC`, without the backward-compatibility names (`US/Eastern`, `EST5EDT`,
//! `Etc/GMT+5`, `Asia/Calcutta`, …).
//!
//! Labels read "Americas — Toronto (UTC−05:00)": the region (translated), the place, and the
//! zone's offset at the moment the label is made, so that it is right in summer and in winter.

use std::sync::OnceLock;

use chrono::{DateTime, Offset, Utc};
use chrono_tz::{TZ_VARIANTS, Tz};

use super::collate;
use crate::i18n::Lang;

/// Old names kept by tzdata's `backward` file (release 2025b, the one chrono-tz 0.10 carries)
/// that the prefix rules of [`is_alias`] do not already catch. Left out of it on purpose: its
/// section "Pre-2013 practice, which typically had a Zone per zone.tab line" (`Europe/Amsterdam`,
/// `America/Nassau`, `Asia/Kuwait`, …), the names that people in those countries pick.
/// Sorted, for binary search.
const ALIASES: &[&str] = &[
    "Africa/Asmera",
    "Africa/Timbuktu",
    "America/Argentina/ComodRivadavia",
    "America/Atka",
    "America/Buenos_Aires",
    "America/Catamarca",
    "America/Coral_Harbour",
    "America/Cordoba",
    "America/Ensenada",
    "America/Fort_Wayne",
    "America/Godthab",
    "America/Indianapolis",
    "America/Jujuy",
    "America/Knox_IN",
    "America/Louisville",
    "America/Mendoza",
    "America/Montreal",
    "America/Nipigon",
    "America/Pangnirtung",
    "America/Porto_Acre",
    "America/Rainy_River",
    "America/Rosario",
    "America/Santa_Isabel",
    "America/Shiprock",
    "America/Thunder_Bay",
    "America/Virgin",
    "America/Yellowknife",
    "Antarctica/South_Pole",
    "Asia/Ashkhabad",
    "Asia/Calcutta",
    "Asia/Choibalsan",
    "Asia/Chongqing",
    "Asia/Chungking",
    "Asia/Dacca",
    "Asia/Harbin",
    "Asia/Istanbul",
    "Asia/Kashgar",
    "Asia/Katmandu",
    "Asia/Macao",
    "Asia/Rangoon",
    "Asia/Saigon",
    "Asia/Tel_Aviv",
    "Asia/Thimbu",
    "Asia/Ujung_Pandang",
    "Asia/Ulan_Bator",
    "Atlantic/Faeroe",
    "Atlantic/Jan_Mayen",
    "Australia/ACT",
    "Australia/Canberra",
    "Australia/Currie",
    "Australia/LHI",
    "Australia/NSW",
    "Australia/North",
    "Australia/Queensland",
    "Australia/South",
    "Australia/Tasmania",
    "Australia/Victoria",
    "Australia/West",
    "Australia/Yancowinna",
    "Europe/Belfast",
    "Europe/Kiev",
    "Europe/Nicosia",
    "Europe/Tiraspol",
    "Europe/Uzhgorod",
    "Europe/Zaporozhye",
    "Pacific/Enderbury",
    "Pacific/Johnston",
    "Pacific/Ponape",
    "Pacific/Samoa",
    "Pacific/Truk",
    "Pacific/Yap",
];

/// Whole families of old names: the pre-1993 country folders and the `Etc/` fixed offsets.
const ALIAS_PREFIXES: &[&str] = &["Brazil/", "Canada/", "Chile/", "Etc/", "Mexico/", "US/"];

/// `(folder, English, French)` for the first part of a zone name.
const REGIONS: &[(&str, &str, &str)] = &[
    ("Africa", "Africa", "Afrique"),
    ("America", "Americas", "Amériques"),
    ("Antarctica", "Antarctica", "Antarctique"),
    ("Arctic", "Arctic", "Arctique"),
    ("Asia", "Asia", "Asie"),
    ("Atlantic", "Atlantic Ocean", "Océan Atlantique"),
    ("Australia", "Australia", "Australie"),
    ("Europe", "Europe", "Europe"),
    ("Indian", "Indian Ocean", "Océan Indien"),
    ("Pacific", "Pacific Ocean", "Océan Pacifique"),
];

/// `(folder, English, French)` for the middle part of three-part names (`America/Indiana/Knox`).
const SUBREGIONS: &[(&str, &str, &str)] = &[
    ("Argentina", "Argentina", "Argentine"),
    ("Indiana", "Indiana", "Indiana"),
    ("Kentucky", "Kentucky", "Kentucky"),
    ("North_Dakota", "North Dakota", "Dakota du Nord"),
];

fn is_alias(name: &str) -> bool {
    if name == "UTC" {
        return false;
    }
    !name.contains('/')
        || ALIAS_PREFIXES.iter().any(|prefix| name.starts_with(prefix))
        || ALIASES.binary_search(&name).is_ok()
}

/// Every zone, sorted by name, for lookups.
fn by_name() -> &'static [&'static str] {
    static ZONES: OnceLock<Vec<&'static str>> = OnceLock::new();
    ZONES.get_or_init(|| {
        let mut zones: Vec<&'static str> = TZ_VARIANTS
            .iter()
            .map(|tz| tz.name())
            .filter(|n| !is_alias(n))
            .collect();
        zones.sort_unstable();
        zones.dedup();
        zones
    })
}

/// The zones a person picks from, in the order to show them: `UTC` first, then region by region
/// (Africa, Americas, …, Pacific Ocean), each region's places in alphabetical order.
pub fn time_zones() -> &'static [&'static str] {
    static ORDERED: OnceLock<Vec<&'static str>> = OnceLock::new();
    ORDERED.get_or_init(|| {
        let mut zones = by_name().to_vec();
        zones.sort_by_cached_key(|&name| {
            let folder = name.split('/').next().unwrap_or_default();
            let region = REGIONS.iter().position(|(f, _, _)| *f == folder).map_or(0, |i| i + 1);
            (region, collate::sort_key(&place_name(name, Lang::En)), name)
        });
        zones
    })
}

/// True when `name` is one of [`time_zones`] (exact spelling, e.g. "America/Toronto").
pub fn is_time_zone(name: &str) -> bool {
    by_name().binary_search(&name).is_ok()
}

fn pick(table: &'static [(&str, &'static str, &'static str)], key: &str, lang: Lang) -> Option<&'static str> {
    table.iter().find(|(k, _, _)| *k == key).map(|&(_, en, fr)| match lang {
        Lang::En => en,
        Lang::Fr => fr,
    })
}

/// The region of zone `name` in `lang` ("Amériques" for "America/Toronto"), for grouping a
/// list (an `<optgroup>`); "UTC" for `UTC`; `None` for a name not in [`time_zones`].
pub fn time_zone_region(name: &str, lang: Lang) -> Option<&'static str> {
    if name == "UTC" {
        return Some("UTC");
    }
    if !is_time_zone(name) {
        return None;
    }
    name.split('/').next().and_then(|folder| pick(REGIONS, folder, lang))
}

/// The place of zone `name` after its region: "Toronto", "Buenos Aires, Argentine".
fn place_name(name: &str, lang: Lang) -> String {
    let parts: Vec<&str> = name.split('/').skip(1).collect();
    match parts.as_slice() {
        [city] => place(city),
        [sub, city] => match pick(SUBREGIONS, sub, lang) {
            Some(sub) => format!("{}, {sub}", place(city)),
            None => format!("{}, {}", place(city), place(sub)),
        },
        _ => parts.iter().rev().map(|p| place(p)).collect::<Vec<_>>().join(", "),
    }
}

/// A zone's place name: "St_Johns" → "St. John's", "Port_of_Spain" → "Port of Spain".
fn place(segment: &str) -> String {
    match segment {
        "St_Johns" => "St. John's".to_owned(),
        "DumontDUrville" => "Dumont d'Urville".to_owned(),
        _ => match segment.strip_prefix("St_") {
            Some(rest) => format!("St. {}", rest.replace('_', " ")),
            None => segment.replace('_', " "),
        },
    }
}

/// "UTC+05:30", "UTC−05:00" (with a real minus sign), "UTC+00:00".
fn utc_offset(tz: Tz, at: DateTime<Utc>) -> String {
    let seconds = at.with_timezone(&tz).offset().fix().local_minus_utc();
    let sign = if seconds < 0 { '\u{2212}' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The label of zone `name` in `lang` with its offset now: "Americas — Toronto (UTC−04:00)",
/// "Amériques — Buenos Aires, Argentine (UTC−03:00)". A name not in [`time_zones`] is returned
/// as it is.
pub fn time_zone_label(name: &str, lang: Lang) -> String {
    time_zone_label_at(name, lang, Utc::now())
}

/// [`time_zone_label`] with the offset in force at `at`.
pub fn time_zone_label_at(name: &str, lang: Lang, at: DateTime<Utc>) -> String {
    if name == "UTC" {
        return match lang {
            Lang::En => "UTC — Coordinated Universal Time".to_owned(),
            Lang::Fr => "UTC — temps universel coordonné".to_owned(),
        };
    }
    let (Some(region), Ok(tz)) = (time_zone_region(name, lang), name.parse::<Tz>()) else {
        return name.to_owned();
    };
    format!("{region} — {} ({})", place_name(name, lang), utc_offset(tz, at))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn winter() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap()
    }

    fn summer() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 7, 15, 12, 0, 0).unwrap()
    }

    #[test]
    fn canonical_zones_only() {
        let zones = time_zones();
        assert!(zones.len() >= 300, "only {} zones", zones.len());
        let mut unique = zones.to_vec();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), zones.len(), "a zone is listed twice");
        for kept in [
            "America/Toronto",
            "America/Vancouver",
            "America/St_Johns",
            "Asia/Kolkata",
            "Asia/Ho_Chi_Minh",
            "Europe/Kyiv",
            "Europe/London",
            "Europe/Amsterdam",
            "America/Argentina/Buenos_Aires",
            "America/Indiana/Indianapolis",
            "Pacific/Auckland",
            "UTC",
        ] {
            assert!(is_time_zone(kept), "{kept} missing");
        }
        for alias in [
            "US/Eastern",
            "US/Pacific",
            "Canada/Eastern",
            "Etc/GMT+5",
            "Etc/UTC",
            "Etc/GMT",
            "EST5EDT",
            "EST",
            "CET",
            "GMT",
            "UCT",
            "Universal",
            "Zulu",
            "Japan",
            "Asia/Calcutta",
            "Asia/Saigon",
            "Europe/Kiev",
            "America/Montreal",
            "America/Buenos_Aires",
            "Australia/NSW",
            "Factory",
            "america/toronto",
            "",
        ] {
            assert!(!is_time_zone(alias), "{alias} listed");
        }
    }

    #[test]
    fn listed_utc_first_then_by_region_and_place() {
        let zones = time_zones();
        assert_eq!(zones[0], "UTC");
        let regions: Vec<&str> = zones[1..]
            .iter()
            .map(|z| z.split('/').next().unwrap_or_default())
            .collect();
        let mut seen: Vec<&str> = regions.clone();
        seen.dedup();
        let expected: Vec<&str> = REGIONS.iter().map(|&(folder, _, _)| folder).collect();
        assert_eq!(seen, expected, "regions are not grouped in order");
        for pair in zones[1..].windows(2) {
            if pair[0].split('/').next() == pair[1].split('/').next() {
                let (a, b) = (place_name(pair[0], Lang::En), place_name(pair[1], Lang::En));
                assert!(collate::compare(&a, &b).is_lt(), "{a} listed before {b}");
            }
        }
        let at = |zone| zones.iter().position(|z| *z == zone).unwrap_or(usize::MAX);
        assert!(at("America/Boa_Vista") < at("America/Argentina/Buenos_Aires"));
        assert!(at("America/Argentina/Buenos_Aires") < at("America/Cambridge_Bay"));
        assert!(at("America/St_Johns") < at("America/Toronto") && at("America/Toronto") < at("America/Vancouver"));
    }

    #[test]
    fn alias_list_is_sorted_and_known_to_chrono_tz() {
        assert!(ALIASES.windows(2).all(|w| w[0] < w[1]));
        for alias in ALIASES {
            assert!(
                alias.parse::<Tz>().is_ok(),
                "{alias} unknown to chrono-tz: drop it from ALIASES"
            );
        }
    }

    #[test]
    fn every_zone_has_a_region_and_a_unique_label() {
        for lang in Lang::ALL {
            let mut labels: Vec<String> = time_zones()
                .iter()
                .map(|z| time_zone_label_at(z, lang, winter()))
                .collect();
            for (zone, label) in time_zones().iter().zip(&labels) {
                assert!(time_zone_region(zone, lang).is_some(), "{zone} has no region");
                assert!(label.contains(" — "), "{zone}: {label}");
                assert!(!label.contains('_'), "{zone}: {label}");
            }
            labels.sort();
            let count = labels.len();
            labels.dedup();
            assert_eq!(labels.len(), count, "{lang:?} labels repeat");
        }
    }

    #[test]
    fn labels_in_both_languages() {
        assert_eq!(
            time_zone_label_at("America/Toronto", Lang::En, winter()),
            "Americas — Toronto (UTC−05:00)"
        );
        assert_eq!(
            time_zone_label_at("America/Toronto", Lang::En, summer()),
            "Americas — Toronto (UTC−04:00)"
        );
        assert_eq!(
            time_zone_label_at("America/Toronto", Lang::Fr, winter()),
            "Amériques — Toronto (UTC−05:00)"
        );
        assert_eq!(
            time_zone_label_at("Asia/Kolkata", Lang::En, summer()),
            "Asia — Kolkata (UTC+05:30)"
        );
        assert_eq!(
            time_zone_label_at("Asia/Kolkata", Lang::Fr, summer()),
            "Asie — Kolkata (UTC+05:30)"
        );
        assert_eq!(
            time_zone_label_at("America/St_Johns", Lang::En, winter()),
            "Americas — St. John's (UTC−03:30)"
        );
        assert_eq!(
            time_zone_label_at("America/Argentina/Buenos_Aires", Lang::Fr, winter()),
            "Amériques — Buenos Aires, Argentine (UTC−03:00)"
        );
        assert_eq!(
            time_zone_label_at("America/North_Dakota/New_Salem", Lang::Fr, winter()),
            "Amériques — New Salem, Dakota du Nord (UTC−06:00)"
        );
        assert_eq!(
            time_zone_label_at("Europe/London", Lang::En, winter()),
            "Europe — London (UTC+00:00)"
        );
        assert_eq!(
            time_zone_label_at("Indian/Mauritius", Lang::Fr, winter()),
            "Océan Indien — Mauritius (UTC+04:00)"
        );
        assert_eq!(time_zone_label("UTC", Lang::En), "UTC — Coordinated Universal Time");
        assert_eq!(time_zone_label("UTC", Lang::Fr), "UTC — temps universel coordonné");
        assert_eq!(time_zone_label("US/Eastern", Lang::En), "US/Eastern");
        assert!(time_zone_label("America/Toronto", Lang::Fr).starts_with("Amériques — Toronto (UTC−0"));
        assert_eq!(time_zone_region("America/Toronto", Lang::Fr), Some("Amériques"));
        assert_eq!(time_zone_region("Pacific/Auckland", Lang::En), Some("Pacific Ocean"));
        assert_eq!(time_zone_region("US/Eastern", Lang::En), None);
    }
}
