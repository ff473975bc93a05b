//! The dates are checked against the research notes' tables, the official pages' published dates where the notes
//! quote them (Yukon 2024–2025, British Columbia 2018), and a calendar.

use chrono::{Datelike, NaiveDate, Weekday};

use super::*;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A jurisdiction's year as `(date, key)` pairs, easy to compare with a written list.
fn list(jurisdiction: &str, year: i32) -> Vec<(String, &'static str)> {
    pairs(&statutory(jurisdiction, year))
}

fn pairs(holidays: &[Holiday]) -> Vec<(String, &'static str)> {
    holidays.iter().map(|h| (h.date.to_string(), h.key)).collect()
}

fn owned(expected: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    expected.iter().map(|(d, k)| (d.to_string(), *k)).collect()
}

/// The date of `key` in a jurisdiction's year.
fn date_of(jurisdiction: &str, year: i32, key: &str) -> Option<String> {
    statutory(jurisdiction, year)
        .into_iter()
        .find(|h| h.key == key)
        .map(|h| h.date.to_string())
}

// Easter

#[test]
fn easter_sunday_matches_the_research_test_vectors() {
    let vectors = [
        (2008, "2008-03-23"),
        (2011, "2011-04-24"),
        (2018, "2018-04-01"),
        (2019, "2019-04-21"),
        (2020, "2020-04-12"),
        (2021, "2021-04-04"),
        (2022, "2022-04-17"),
        (2023, "2023-04-09"),
        (2024, "2024-03-31"),
        (2025, "2025-04-20"),
        (2026, "2026-04-05"),
        (2027, "2027-03-28"),
        (2028, "2028-04-16"),
        (2029, "2029-04-01"),
        (2030, "2030-04-21"),
    ];
    for (year, expected) in vectors {
        assert_eq!(easter_sunday(year), date(expected), "{year}");
    }
}

#[test]
fn easter_is_a_sunday_between_march_22_and_april_25() {
    for year in 1583..=4200 {
        let easter = easter_sunday(year);
        assert_eq!(easter.weekday(), Weekday::Sun, "{year}");
        assert_eq!(easter.year(), year);
        let (earliest, latest) = (
            NaiveDate::from_ymd_opt(year, 3, 22).unwrap(),
            NaiveDate::from_ymd_opt(year, 4, 25).unwrap(),
        );
        assert!((earliest..=latest).contains(&easter), "{year}: {easter}");
    }
}

#[test]
fn easter_never_panics_on_extreme_years() {
    for year in [i32::MIN, -262_145, -1, 0, 262_142, 262_143, 262_144, i32::MAX] {
        let _ = easter_sunday(year);
        let _ = statutory("ON", year);
        let _ = statutory_with("QC", year, QuebecEaster::Both);
    }
    assert_eq!(easter_sunday(i32::MAX), NaiveDate::MAX);
    assert!(statutory("ON", i32::MAX).is_empty());
}

#[test]
fn good_friday_follows_easter_as_official_pages_list_it() {
    // Yukon's page: Good Friday March 29 2024 and April 18 2025; British Columbia's: March 30 2018, April 19 2019.
    for (year, good_friday) in [
        (2024, "2024-03-29"),
        (2025, "2025-04-18"),
        (2018, "2018-03-30"),
        (2019, "2019-04-19"),
    ] {
        assert_eq!(date_of("YT", year, "good-friday").as_deref(), Some(good_friday));
        assert_eq!(date_of("BC", year, "good-friday").as_deref(), Some(good_friday));
    }
}

// Jurisdictions

#[test]
fn jurisdictions_are_the_federal_list_and_canada_post_codes() {
    for code in JURISDICTIONS {
        assert!(is_jurisdiction(code), "{code}");
        assert!(!statutory(code, 2026).is_empty(), "{code}");
    }
    for code in ["", "on", "Ontario", "CA-FED", "US", "ON ", "PQ", "NF"] {
        assert!(!is_jurisdiction(code), "{code:?}");
        assert!(statutory(code, 2026).is_empty(), "{code:?}");
    }
}

#[test]
fn each_jurisdiction_has_as_many_holidays_as_its_law_lists() {
    let counts = [
        ("CA", 10),
        ("AB", 9),
        ("BC", 11),
        ("MB", 9),
        ("NB", 8),
        ("NL", 6),
        ("NS", 6),
        ("NT", 11),
        ("NU", 10),
        ("ON", 9),
        ("PE", 8),
        ("QC", 8),
        ("SK", 10),
        ("YT", 11),
    ];
    assert_eq!(counts.len(), JURISDICTIONS.len());
    for (code, count) in counts {
        assert_eq!(statutory(code, 2026).len(), count, "{code}: {:?}", list(code, 2026));
    }
}

#[test]
fn lists_are_in_date_order_within_the_year_with_one_holiday_a_day() {
    for code in JURISDICTIONS {
        for year in 2000..=2060 {
            for choice in [QuebecEaster::GoodFriday, QuebecEaster::EasterMonday, QuebecEaster::Both] {
                let holidays = statutory_with(code, year, choice);
                assert!(
                    holidays.windows(2).all(|w| w[0].date < w[1].date),
                    "{code} {year}: {:?}",
                    pairs(&holidays)
                );
                assert!(holidays.iter().all(|h| h.date.year() == year), "{code} {year}");
                let mut keys: Vec<&str> = holidays.iter().map(|h| h.key).collect();
                keys.sort_unstable();
                keys.dedup();
                assert_eq!(keys.len(), holidays.len(), "a key twice in {code} {year}");
            }
        }
    }
}

// Ontario

#[test]
fn ontario_2026() {
    assert_eq!(
        list("ON", 2026),
        owned(&[
            ("2026-01-01", "new-years-day"),
            ("2026-02-16", "family-day"),
            ("2026-04-03", "good-friday"),
            ("2026-05-18", "victoria-day"),
            ("2026-07-01", "canada-day"),
            ("2026-09-07", "labour-day"),
            ("2026-10-12", "thanksgiving"),
            ("2026-12-25", "christmas-day"),
            ("2026-12-26", "boxing-day"),
        ])
    );
}

#[test]
fn ontario_2027_keeps_christmas_and_boxing_day_on_the_weekend() {
    // Christmas is a Saturday and Boxing Day a Sunday: the ESA owes each employee a substitute day, which the law
    // does not date, so the holidays stay where they fall.
    assert_eq!(
        list("ON", 2027),
        owned(&[
            ("2027-01-01", "new-years-day"),
            ("2027-02-15", "family-day"),
            ("2027-03-26", "good-friday"),
            ("2027-05-24", "victoria-day"),
            ("2027-07-01", "canada-day"),
            ("2027-09-06", "labour-day"),
            ("2027-10-11", "thanksgiving"),
            ("2027-12-25", "christmas-day"),
            ("2027-12-26", "boxing-day"),
        ])
    );
}

#[test]
fn ontario_has_no_easter_monday_civic_holiday_remembrance_day_or_truth_and_reconciliation() {
    for year in 2024..=2030 {
        let keys: Vec<&str> = statutory("ON", year).iter().map(|h| h.key).collect();
        for absent in [
            "easter-monday",
            "civic-holiday",
            "remembrance-day",
            "truth-and-reconciliation",
        ] {
            assert!(!keys.contains(&absent), "{absent} in {year}");
        }
    }
}

// Quebec

#[test]
fn quebec_2026_with_good_friday_by_default() {
    assert_eq!(
        list("QC", 2026),
        owned(&[
            ("2026-01-01", "new-years-day"),
            ("2026-04-03", "good-friday"),
            ("2026-05-18", "national-patriots-day"),
            ("2026-06-24", "st-jean-baptiste"),
            ("2026-07-01", "canada-day"),
            ("2026-09-07", "labour-day"),
            ("2026-10-12", "thanksgiving"),
            ("2026-12-25", "christmas-day"),
        ])
    );
}

#[test]
fn quebec_easter_holiday_is_the_firms_choice() {
    let easter_keys = |choice| -> Vec<(String, &'static str)> {
        pairs(&statutory_with("QC", 2027, choice))
            .into_iter()
            .filter(|(_, key)| key.contains("easter") || *key == "good-friday")
            .collect()
    };
    assert_eq!(
        easter_keys(QuebecEaster::GoodFriday),
        owned(&[("2027-03-26", "good-friday")])
    );
    assert_eq!(
        easter_keys(QuebecEaster::EasterMonday),
        owned(&[("2027-03-29", "easter-monday")])
    );
    assert_eq!(
        easter_keys(QuebecEaster::Both),
        owned(&[("2027-03-26", "good-friday"), ("2027-03-29", "easter-monday")])
    );
    assert_eq!(
        statutory("QC", 2027),
        statutory_with("QC", 2027, QuebecEaster::GoodFriday)
    );
    // The choice touches Quebec only.
    assert_eq!(statutory("ON", 2027), statutory_with("ON", 2027, QuebecEaster::Both));
}

#[test]
fn quebec_moves_the_fete_nationale_and_canada_day_off_a_sunday() {
    // 2029: June 24 and July 1 are Sundays.
    assert_eq!(date_of("QC", 2029, "st-jean-baptiste").as_deref(), Some("2029-06-25"));
    assert_eq!(date_of("QC", 2029, "canada-day").as_deref(), Some("2029-07-02"));
    // 2028: June 24 and July 1 are Saturdays: they stay.
    assert_eq!(date_of("QC", 2028, "st-jean-baptiste").as_deref(), Some("2028-06-24"));
    assert_eq!(date_of("QC", 2028, "canada-day").as_deref(), Some("2028-07-01"));
}

// Easter Monday

#[test]
fn no_jurisdiction_observes_easter_monday_by_law_alone() {
    // The research found Easter Monday statutory nowhere: Quebec's is the employer's choice, Alberta's optional,
    // the federal public service's a collective agreement, not the Canada Labour Code.
    for code in JURISDICTIONS {
        for year in 2024..=2030 {
            assert!(
                statutory(code, year).iter().all(|h| h.key != "easter-monday"),
                "{code} {year}"
            );
        }
    }
    let quebec = statutory_with("QC", 2026, QuebecEaster::EasterMonday);
    assert!(quebec.contains(&Holiday {
        date: date("2026-04-06"),
        key: "easter-monday"
    }));
    assert!(!statutory("ON", 2026).iter().any(|h| h.date == date("2026-04-06")));
}

// Victoria Day

#[test]
fn victoria_day_is_the_monday_before_may_25() {
    let cases = [
        (2026, "2026-05-18"), // May 25 is a Monday: the Monday before, not May 25 itself
        (2037, "2037-05-18"), // the same
        (2027, "2027-05-24"), // May 25 a Tuesday: the latest possible
        (2025, "2025-05-19"), // May 25 a Sunday
        (2024, "2024-05-20"), // May 25 a Saturday
        (2028, "2028-05-22"),
    ];
    for (year, expected) in cases {
        assert_eq!(date_of("ON", year, "victoria-day").as_deref(), Some(expected), "{year}");
        assert_eq!(
            date_of("QC", year, "national-patriots-day").as_deref(),
            Some(expected),
            "{year}"
        );
    }
    for year in 2000..=2100 {
        let victoria = statutory("CA", year)
            .into_iter()
            .find(|h| h.key == "victoria-day")
            .unwrap()
            .date;
        assert_eq!(victoria.weekday(), Weekday::Mon);
        assert!(
            (18..=24).contains(&victoria.day()) && victoria.month() == 5,
            "{victoria}"
        );
    }
}

// Canada Day and the weekend rules

#[test]
fn canada_day_on_a_sunday_moves_to_july_2_where_the_law_says_so() {
    for year in [2029, 2035, 2040] {
        let july_2 = format!("{year}-07-02");
        for code in ["CA", "AB", "BC", "ON", "QC", "SK"] {
            assert_eq!(date_of(code, year, "canada-day"), Some(july_2.clone()), "{code} {year}");
        }
        // Nova Scotia keeps July 1 (2018 regulation); so do the lists with no Sunday rule.
        for code in ["NS", "MB", "NB", "NL", "NT", "NU"] {
            assert_eq!(
                date_of(code, year, "canada-day"),
                Some(format!("{year}-07-01")),
                "{code}"
            );
        }
        // Yukon and Prince Edward Island move it to the next working day: the Monday too.
        for code in ["YT", "PE"] {
            assert_eq!(date_of(code, year, "canada-day"), Some(july_2.clone()), "{code}");
        }
    }
    // A Saturday July 1 stays in Ontario, moves to the Monday federally.
    assert_eq!(date_of("ON", 2028, "canada-day").as_deref(), Some("2028-07-01"));
    assert_eq!(date_of("CA", 2028, "canada-day").as_deref(), Some("2028-07-03"));
}

#[test]
fn federal_weekend_holidays_move_to_the_following_working_day() {
    // 2027: Christmas a Saturday, Boxing Day a Sunday.
    assert_eq!(date_of("CA", 2027, "christmas-day").as_deref(), Some("2027-12-27"));
    assert_eq!(date_of("CA", 2027, "boxing-day").as_deref(), Some("2027-12-28"));
    // 2022: Christmas a Sunday, Boxing Day on the Monday keeps it; Christmas takes the Tuesday.
    assert_eq!(date_of("CA", 2022, "boxing-day").as_deref(), Some("2022-12-26"));
    assert_eq!(date_of("CA", 2022, "christmas-day").as_deref(), Some("2022-12-27"));
    // 2028: New Year's Day, Canada Day, September 30 and November 11 are Saturdays.
    assert_eq!(
        list("CA", 2028),
        owned(&[
            ("2028-01-03", "new-years-day"),
            ("2028-04-14", "good-friday"),
            ("2028-05-22", "victoria-day"),
            ("2028-07-03", "canada-day"),
            ("2028-09-04", "labour-day"),
            ("2028-10-02", "truth-and-reconciliation"),
            ("2028-10-09", "thanksgiving"),
            ("2028-11-13", "remembrance-day"),
            ("2028-12-25", "christmas-day"),
            ("2028-12-26", "boxing-day"),
        ])
    );
}

#[test]
fn yukon_and_prince_edward_island_take_a_weekend_holiday_on_the_next_working_day() {
    for code in ["YT", "PE", "CA"] {
        for year in 2020..=2060 {
            for h in statutory(code, year) {
                assert!(
                    !matches!(h.date.weekday(), Weekday::Sat | Weekday::Sun),
                    "{code} {year}: {} on {}",
                    h.key,
                    h.date
                );
            }
        }
    }
    // 2027: Christmas a Saturday; neither has Boxing Day, so the Monday.
    assert_eq!(date_of("PE", 2027, "christmas-day").as_deref(), Some("2027-12-27"));
    assert_eq!(date_of("YT", 2027, "christmas-day").as_deref(), Some("2027-12-27"));
    // 2026: June 21 is a Sunday.
    assert_eq!(
        date_of("YT", 2026, "national-indigenous-peoples-day").as_deref(),
        Some("2026-06-22")
    );
    // Yukon's official dates: Discovery Day on August 19 2024 and August 18 2025.
    assert_eq!(date_of("YT", 2024, "discovery-day").as_deref(), Some("2024-08-19"));
    assert_eq!(date_of("YT", 2025, "discovery-day").as_deref(), Some("2025-08-18"));
}

#[test]
fn other_provinces_keep_weekend_holidays_where_they_fall() {
    // 2028: November 11 is a Saturday.
    for code in ["AB", "BC", "NB", "NL", "SK", "NT", "NU"] {
        assert_eq!(
            date_of(code, 2028, "remembrance-day").as_deref(),
            Some("2028-11-11"),
            "{code}"
        );
    }
}

// Holidays added by law

#[test]
fn truth_and_reconciliation_starts_with_the_law_that_made_it() {
    let first_year = [("CA", 2021), ("BC", 2023), ("MB", 2024), ("NT", 2022)];
    for (code, first) in first_year {
        assert_eq!(date_of(code, first - 1, "truth-and-reconciliation"), None, "{code}");
        assert!(date_of(code, first, "truth-and-reconciliation").is_some(), "{code}");
    }
    for code in ["AB", "NB", "NL", "NS", "NU", "ON", "QC", "SK"] {
        assert_eq!(date_of(code, 2026, "truth-and-reconciliation"), None, "{code}");
    }
    assert_eq!(date_of("NU", 2019, "nunavut-day"), None);
    assert_eq!(date_of("NU", 2026, "nunavut-day").as_deref(), Some("2026-07-09"));
    assert_eq!(date_of("NS", 2014, "nova-scotia-heritage-day"), None);
    assert_eq!(date_of("NB", 2017, "family-day"), None);
    assert_eq!(date_of("NB", 2026, "family-day").as_deref(), Some("2026-02-16"));
}

#[test]
fn february_and_august_mondays() {
    assert_eq!(date_of("MB", 2026, "louis-riel-day").as_deref(), Some("2026-02-16"));
    assert_eq!(date_of("PE", 2026, "islander-day").as_deref(), Some("2026-02-16"));
    assert_eq!(
        date_of("NS", 2026, "nova-scotia-heritage-day").as_deref(),
        Some("2026-02-16")
    );
    assert_eq!(date_of("BC", 2026, "bc-day").as_deref(), Some("2026-08-03"));
    assert_eq!(date_of("SK", 2026, "saskatchewan-day").as_deref(), Some("2026-08-03"));
    assert_eq!(date_of("NB", 2026, "new-brunswick-day").as_deref(), Some("2026-08-03"));
    assert_eq!(date_of("NT", 2026, "civic-holiday").as_deref(), Some("2026-08-03"));
    // British Columbia's official dates: B.C. Day on August 3 2020 and August 2 2021.
    assert_eq!(date_of("BC", 2020, "bc-day").as_deref(), Some("2020-08-03"));
    assert_eq!(date_of("BC", 2021, "bc-day").as_deref(), Some("2021-08-02"));
}

// Names

#[test]
fn every_holiday_has_an_english_and_a_french_name() {
    for code in JURISDICTIONS {
        for year in 2018..=2035 {
            for holiday in statutory_with(code, year, QuebecEaster::Both) {
                for lang in Lang::ALL {
                    let name = name(lang, holiday.key);
                    assert_ne!(name, format!("holiday-{}", holiday.key), "{lang} {code} {year}");
                    assert!(!name.is_empty());
                }
            }
        }
    }
}

#[test]
fn names_are_the_official_ones() {
    assert_eq!(name(Lang::Fr, "good-friday"), "Vendredi saint");
    assert_eq!(name(Lang::Fr, "easter-monday"), "Lundi de Pâques");
    assert_eq!(name(Lang::Fr, "st-jean-baptiste"), "Fête nationale du Québec");
    assert_eq!(name(Lang::Fr, "canada-day"), "Fête du Canada");
    assert_eq!(name(Lang::Fr, "new-years-day"), "Jour de l’An");
    assert_eq!(name(Lang::En, "victoria-day"), "Victoria Day");
    assert_eq!(
        name(Lang::En, "truth-and-reconciliation"),
        "National Day for Truth and Reconciliation"
    );
    assert_eq!(name(Lang::En, "no-such-day"), "holiday-no-such-day");
}
