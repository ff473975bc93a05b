//! Canadian statutory holidays, computed: the days a province's, a territory's or the federal labour law makes
//! general (paid) holidays, on which the firm is closed and takes no consultation.
//!
//! Pure: no table of dates to keep up to date, only the rules (fixed dates, "third Monday in February", Easter...).
//! Each jurisdiction's rules follow the issue 14 research notes (`docs/research/holidays.md`), which give the official
//! source of every list; the source page is named above each table below. Statutes change (the National Day for
//! Truth and Reconciliation was added in 2021–2023): a holiday added by a known law starts in its first year, and
//! any other rule is applied to every year, since the site only books ahead.
//!
//! Days only the *employee* is owed when a holiday falls on a day off (Ontario's substitute day, Manitoba's or New
//! Brunswick's "another working day off") are not dates and are not listed: the law does not fix them. The dates a
//! law does move are: Canada Day to July 2 when July 1 is a Sunday (where the research says so), Quebec's Fête
//! nationale to June 25 when June 24 is a Sunday, and the "next working day" of Yukon, Prince Edward Island and
//! federal workplaces, taken here as the next Monday-to-Friday day that is not already a holiday.

#[cfg(test)]
mod tests;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::i18n::Lang;

/// Every jurisdiction [`statutory`] knows: the federal list (`CA`, Canada Labour Code) and the provinces and
/// territories by their Canada Post codes.
pub const JURISDICTIONS: [&str; 14] = [
    "CA", "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
];

/// A jurisdiction whose statutory holidays close the firm: a province/territory (Canada Post code, e.g. "ON",
/// "QC") or the federal list ("CA"). Codes are upper case, as Canada Post writes them.
pub fn is_jurisdiction(code: &str) -> bool {
    JURISDICTIONS.contains(&code)
}

/// One statutory holiday, on the date the law observes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Holiday {
    pub date: NaiveDate,
    /// Stable key, e.g. "good-friday", "easter-monday", "family-day", "st-jean-baptiste": its name is the Fluent
    /// message `holiday-<key>` (see [`name`]).
    pub key: &'static str,
}

/// Quebec's Easter holiday: the Act respecting labour standards (s. 60) makes it "Good Friday or Easter Monday, at
/// the employer's choice", so it is the firm's setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuebecEaster {
    /// The default, as in every other jurisdiction.
    #[default]
    GoodFriday,
    EasterMonday,
    /// Both days (what the Quebec public service and many firms give).
    Both,
}

/// The statutory (general) holidays of `jurisdiction` in `year`, in date order. Unknown jurisdiction → empty.
/// Quebec's Easter holiday is Good Friday ([`QuebecEaster::default`]); see [`statutory_with`].
pub fn statutory(jurisdiction: &str, year: i32) -> Vec<Holiday> {
    statutory_with(jurisdiction, year, QuebecEaster::default())
}

/// [`statutory`] with Quebec's Easter holiday chosen by the firm (ignored for other jurisdictions).
pub fn statutory_with(jurisdiction: &str, year: i32, quebec_easter: QuebecEaster) -> Vec<Holiday> {
    let Some((rules, weekend)) = rules(jurisdiction) else {
        return Vec::new();
    };
    let mut holidays: Vec<Holiday> = rules
        .iter()
        .filter(|rule| year >= rule.from)
        .filter(|rule| match rule.when {
            When::GoodFriday if jurisdiction == "QC" => quebec_easter != QuebecEaster::EasterMonday,
            When::EasterMonday if jurisdiction == "QC" => quebec_easter != QuebecEaster::GoodFriday,
            _ => true,
        })
        .filter_map(|rule| {
            Some(Holiday {
                date: rule.when.date(year)?,
                key: rule.key,
            })
        })
        .collect();
    holidays.sort_by_key(|h| h.date);
    if let Weekend::NextWorkingDay(moved) = weekend {
        move_off_weekends(&mut holidays, moved);
    }
    holidays
}

/// Gregorian Easter Sunday: the anonymous Gregorian algorithm (Meeus, *Astronomical Algorithms*; Jones; Butcher),
/// proleptic before 1583. A year chrono cannot hold (beyond ±262,000) gives `NaiveDate::MIN`/`MAX`.
pub fn easter_sunday(year: i32) -> NaiveDate {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // month is 3 or 4 and day 1..=31: both fit a u32.
    let date = u32::try_from(month)
        .ok()
        .zip(u32::try_from(day).ok())
        .and_then(|(month, day)| NaiveDate::from_ymd_opt(year, month, day));
    date.unwrap_or(if year < 0 { NaiveDate::MIN } else { NaiveDate::MAX })
}

/// The holiday name in `lang` (the Fluent message `holiday-<key>`).
pub fn name(lang: Lang, key: &str) -> String {
    lang.t(&format!("holiday-{key}"))
}

/// How a holiday's date is found in a year.
#[derive(Debug, Clone, Copy)]
enum When {
    /// The same day every year.
    Fixed(u32, u32),
    /// The nth Monday of a month.
    NthMonday(u32, u8),
    /// The last Monday strictly before May 25 (May 18–24): Victoria Day, Quebec's National Patriots' Day.
    MondayBeforeMay25,
    GoodFriday,
    EasterMonday,
    /// A fixed day, moved to the Monday after when it is a Sunday (Canada Day July 1 → 2; Quebec's June 24 → 25).
    FixedNotSunday(u32, u32),
}

impl When {
    fn date(self, year: i32) -> Option<NaiveDate> {
        match self {
            When::Fixed(month, day) => NaiveDate::from_ymd_opt(year, month, day),
            When::NthMonday(month, n) => NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n),
            When::MondayBeforeMay25 => {
                let may_24 = NaiveDate::from_ymd_opt(year, 5, 24)?;
                may_24.checked_sub_days(Days::new(u64::from(may_24.weekday().num_days_from_monday())))
            }
            When::GoodFriday => easter(year)?.checked_sub_days(Days::new(2)),
            When::EasterMonday => easter(year)?.checked_add_days(Days::new(1)),
            When::FixedNotSunday(month, day) => {
                let date = NaiveDate::from_ymd_opt(year, month, day)?;
                if date.weekday() == Weekday::Sun {
                    date.succ_opt()
                } else {
                    Some(date)
                }
            }
        }
    }
}

/// Easter Sunday, or nothing for a year chrono cannot hold.
fn easter(year: i32) -> Option<NaiveDate> {
    Some(easter_sunday(year)).filter(|d| d.year() == year)
}

/// One holiday of a jurisdiction's list.
struct Rule {
    key: &'static str,
    when: When,
    /// The first year it is a holiday (`i32::MIN`: every year).
    from: i32,
}

const fn always(key: &'static str, when: When) -> Rule {
    Rule {
        key,
        when,
        from: i32::MIN,
    }
}

const fn since(from: i32, key: &'static str, when: When) -> Rule {
    Rule { key, when, from }
}

/// What happens to a holiday that falls on a Saturday or a Sunday.
#[derive(Clone, Copy)]
enum Weekend {
    /// It stays where it is (the employee may be owed another day, which the law does not date).
    Stays,
    /// The holidays with these keys (all when empty) move to the next working day.
    NextWorkingDay(&'static [&'static str]),
}

/// Moves each weekend holiday named by `keys` (every one when `keys` is empty) to the next Monday-to-Friday day
/// that is not already a holiday, then keeps the list in date order. `holidays` must be in date order, so that
/// Christmas on a Sunday goes to the Tuesday when Boxing Day holds the Monday.
fn move_off_weekends(holidays: &mut [Holiday], keys: &[&str]) {
    for i in 0..holidays.len() {
        let holiday = holidays[i];
        if !is_weekend(holiday.date) || !(keys.is_empty() || keys.contains(&holiday.key)) {
            continue;
        }
        let mut date = holiday.date;
        while is_weekend(date) || holidays.iter().any(|h| h.date == date) {
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
        }
        holidays[i].date = date;
    }
    holidays.sort_by_key(|h| h.date);
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The rules and the weekend rule of a jurisdiction.
fn rules(jurisdiction: &str) -> Option<(&'static [Rule], Weekend)> {
    Some(match jurisdiction {
        "CA" => (&FEDERAL, Weekend::NextWorkingDay(&FEDERAL_MOVED)),
        "AB" => (&ALBERTA, Weekend::Stays),
        "BC" => (&BRITISH_COLUMBIA, Weekend::Stays),
        "MB" => (&MANITOBA, Weekend::Stays),
        "NB" => (&NEW_BRUNSWICK, Weekend::Stays),
        "NL" => (&NEWFOUNDLAND_AND_LABRADOR, Weekend::Stays),
        "NS" => (&NOVA_SCOTIA, Weekend::Stays),
        "NT" => (&NORTHWEST_TERRITORIES, Weekend::Stays),
        "NU" => (&NUNAVUT, Weekend::Stays),
        "ON" => (&ONTARIO, Weekend::Stays),
        "PE" => (&PRINCE_EDWARD_ISLAND, Weekend::NextWorkingDay(&[])),
        "QC" => (&QUEBEC, Weekend::Stays),
        "SK" => (&SASKATCHEWAN, Weekend::Stays),
        "YT" => (&YUKON, Weekend::NextWorkingDay(&[])),
        _ => return None,
    })
}

const NEW_YEAR: Rule = always("new-years-day", When::Fixed(1, 1));
const GOOD_FRIDAY: Rule = always("good-friday", When::GoodFriday);
const VICTORIA_DAY: Rule = always("victoria-day", When::MondayBeforeMay25);
/// July 1, or July 2 when July 1 is a Sunday (Holidays Act s. 2; Ontario's Legislation Act s. 88(4)).
const CANADA_DAY_NOT_SUNDAY: Rule = always("canada-day", When::FixedNotSunday(7, 1));
/// July 1 whatever the weekday (the research found no Sunday rule for these jurisdictions; Nova Scotia's is
/// explicit since 2018).
const CANADA_DAY_JULY_1: Rule = always("canada-day", When::Fixed(7, 1));
const FAMILY_DAY: Rule = always("family-day", When::NthMonday(2, 3));
const CIVIC_HOLIDAY: Rule = always("civic-holiday", When::NthMonday(8, 1));
const LABOUR_DAY: Rule = always("labour-day", When::NthMonday(9, 1));
const TRUTH_AND_RECONCILIATION: When = When::Fixed(9, 30);
const THANKSGIVING: Rule = always("thanksgiving", When::NthMonday(10, 2));
const REMEMBRANCE_DAY: Rule = always("remembrance-day", When::Fixed(11, 11));
const CHRISTMAS: Rule = always("christmas-day", When::Fixed(12, 25));
const BOXING_DAY: Rule = always("boxing-day", When::Fixed(12, 26));
const INDIGENOUS_PEOPLES_DAY: Rule = always("national-indigenous-peoples-day", When::Fixed(6, 21));

/// Canada Labour Code s. 166 (federally regulated workplaces), 10 days; the National Day for Truth and
/// Reconciliation since 2021 (S.C. 2021 c. 11).
/// Source: <https://laws-lois.justice.gc.ca/eng/ACTS/L-2/section-166-20210803.html>
///
/// Thanksgiving is fixed federally by proclamation; the second Monday of October is the rule every proclamation
/// has followed (UNCONFIRMED federally, as the research says; Alberta's official wording). Easter Monday is a
/// holiday of the federal public service's collective agreements, not of the Code, and is not listed.
const FEDERAL: [Rule; 10] = [
    NEW_YEAR,
    GOOD_FRIDAY,
    VICTORIA_DAY,
    CANADA_DAY_NOT_SUNDAY,
    LABOUR_DAY,
    since(2021, "truth-and-reconciliation", TRUTH_AND_RECONCILIATION),
    THANKSGIVING,
    REMEMBRANCE_DAY,
    CHRISTMAS,
    BOXING_DAY,
];

/// Canada Labour Code s. 193(2): when one of these falls on a Saturday or a Sunday, the employee has "the working
/// day immediately preceding or following" off. The Code leaves preceding or following open; the following one
/// (the Monday, or the Tuesday after Boxing Day) is taken here, as the federal public service does.
const FEDERAL_MOVED: [&str; 6] = [
    "new-years-day",
    "truth-and-reconciliation",
    "canada-day",
    "remembrance-day",
    "christmas-day",
    "boxing-day",
];

/// Employment Standards Code, 9 general holidays (the optional ones, Easter Monday, Heritage Day, the National Day
/// for Truth and Reconciliation and Boxing Day, apply only when the employer designates them).
/// Source: <https://www.alberta.ca/alberta-general-holidays.aspx>
const ALBERTA: [Rule; 9] = [
    NEW_YEAR,
    FAMILY_DAY,
    GOOD_FRIDAY,
    VICTORIA_DAY,
    CANADA_DAY_NOT_SUNDAY,
    LABOUR_DAY,
    THANKSGIVING,
    REMEMBRANCE_DAY,
    CHRISTMAS,
];

/// Employment Standards Act, 11 statutory holidays ("Easter Sunday, Easter Monday and Boxing Day are not statutory
/// holidays in B.C."). The official page lists Monday July 2 2018 for Canada Day (July 1 was a Sunday). The
/// National Day for Truth and Reconciliation since 2023 (Bill 2, passed 2023-03-09; UNCONFIRMED on an official
/// page, followed as the research recommends).
/// Source: <https://www2.gov.bc.ca/gov/content/employment-business/employment-standards-advice/employment-standards/statutory-holidays>
const BRITISH_COLUMBIA: [Rule; 11] = [
    NEW_YEAR,
    FAMILY_DAY,
    GOOD_FRIDAY,
    VICTORIA_DAY,
    CANADA_DAY_NOT_SUNDAY,
    always("bc-day", When::NthMonday(8, 1)),
    LABOUR_DAY,
    since(2023, "truth-and-reconciliation", TRUTH_AND_RECONCILIATION),
    THANKSGIVING,
    REMEMBRANCE_DAY,
    CHRISTMAS,
];

/// Employment Standards Code, 9 general holidays: Orange Shirt Day (the National Day for Truth and Reconciliation)
/// since S.M. 2023 c. 50, assented 2023-12-07, so from 2024. Not general holidays: Terry Fox Day, Remembrance Day,
/// Boxing Day.
/// Source: <https://web2.gov.mb.ca/laws/statutes/2023/c05023.php?lang=en> (the official list of the other eight was
/// not found; the research took it from secondary sources).
const MANITOBA: [Rule; 9] = [
    NEW_YEAR,
    always("louis-riel-day", When::NthMonday(2, 3)),
    GOOD_FRIDAY,
    VICTORIA_DAY,
    CANADA_DAY_JULY_1,
    LABOUR_DAY,
    since(2024, "truth-and-reconciliation", TRUTH_AND_RECONCILIATION),
    THANKSGIVING,
    CHRISTMAS,
];

/// Employment Standards Act, 8 paid public holidays: Family Day since 2018. Victoria Day, Thanksgiving and Boxing
/// Day are only unpaid closing days (Days of Rest Act).
/// Source: <https://www2.gnb.ca/content/gnb/en/departments/post-secondary_education_training_and_labour/news/news_release.2018.01.0108.html>
const NEW_BRUNSWICK: [Rule; 8] = [
    NEW_YEAR,
    since(2018, "family-day", When::NthMonday(2, 3)),
    GOOD_FRIDAY,
    CANADA_DAY_JULY_1,
    always("new-brunswick-day", When::NthMonday(8, 1)),
    LABOUR_DAY,
    REMEMBRANCE_DAY,
    CHRISTMAS,
];

/// Labour Standards Act s. 14, 6 paid public holidays. July 1 is Memorial Day and Canada Day; it is named Canada
/// Day here.
/// Source: <http://www.gov.nl.ca/lra/faq/ls_holidays.html>
const NEWFOUNDLAND_AND_LABRADOR: [Rule; 6] = [
    NEW_YEAR,
    GOOD_FRIDAY,
    CANADA_DAY_JULY_1,
    LABOUR_DAY,
    REMEMBRANCE_DAY,
    CHRISTMAS,
];

/// Labour Standards Code, 6 paid general holidays: Heritage Day since 2015, Canada Day always July 1 (2018
/// regulation). Easter Monday, Victoria Day and Natal Day are not statutory.
/// Source: <https://novascotia.ca/lae/employmentrights/holidaychart.asp>
const NOVA_SCOTIA: [Rule; 6] = [
    NEW_YEAR,
    since(2015, "nova-scotia-heritage-day", When::NthMonday(2, 3)),
    GOOD_FRIDAY,
    CANADA_DAY_JULY_1,
    LABOUR_DAY,
    CHRISTMAS,
];

/// Employment Standards Act s. 22, 11 days: the National Day for Truth and Reconciliation since 2022 (Bill 47).
/// The weekend rule is UNCONFIRMED: dates stay where they fall.
/// Source: the Government of the Northwest Territories' education and employment department on Bill 47 (no full
/// address in the research); the rest of the list from secondary sources citing s. 22.
const NORTHWEST_TERRITORIES: [Rule; 11] = [
    NEW_YEAR,
    GOOD_FRIDAY,
    VICTORIA_DAY,
    INDIGENOUS_PEOPLES_DAY,
    CANADA_DAY_JULY_1,
    CIVIC_HOLIDAY,
    LABOUR_DAY,
    since(2022, "truth-and-reconciliation", TRUTH_AND_RECONCILIATION),
    THANKSGIVING,
    REMEMBRANCE_DAY,
    CHRISTMAS,
];

/// Labour Standards Act, 10 days: Nunavut Day a general holiday since 2020 (gov.nu.ca, 2020-06-16). The National
/// Day for Truth and Reconciliation is not listed: whether Bill 5 (2022) passed is UNCONFIRMED. The weekend rule is
/// UNCONFIRMED: dates stay where they fall.
/// Source: the Government of Nunavut's release of 2020-06-16 (no full address in the research); the rest of the
/// list from secondary sources.
const NUNAVUT: [Rule; 10] = [
    NEW_YEAR,
    GOOD_FRIDAY,
    VICTORIA_DAY,
    CANADA_DAY_JULY_1,
    since(2020, "nunavut-day", When::Fixed(7, 9)),
    CIVIC_HOLIDAY,
    LABOUR_DAY,
    THANKSGIVING,
    REMEMBRANCE_DAY,
    CHRISTMAS,
];

/// Employment Standards Act 2000, 9 public holidays. Not public holidays: the Civic Holiday, Easter Monday,
/// Remembrance Day, the National Day for Truth and Reconciliation. Canada Day is July 2 when July 1 is a Sunday
/// (Legislation Act 2006 s. 88(4)).
/// Source: <https://www.ontario.ca/document/your-guide-employment-standards-act-0/public-holidays>
const ONTARIO: [Rule; 9] = [
    NEW_YEAR,
    FAMILY_DAY,
    GOOD_FRIDAY,
    VICTORIA_DAY,
    CANADA_DAY_NOT_SUNDAY,
    LABOUR_DAY,
    THANKSGIVING,
    CHRISTMAS,
    BOXING_DAY,
];

/// Employment Standards Act, 8 paid holidays; one on a non-working day is taken on "the working day immediately
/// following".
/// Source: <https://www.princeedwardisland.ca/en/information/workforce-and-advanced-learning/paid-holidays>
const PRINCE_EDWARD_ISLAND: [Rule; 8] = [
    NEW_YEAR,
    always("islander-day", When::NthMonday(2, 3)),
    GOOD_FRIDAY,
    CANADA_DAY_JULY_1,
    LABOUR_DAY,
    always("truth-and-reconciliation", TRUTH_AND_RECONCILIATION),
    REMEMBRANCE_DAY,
    CHRISTMAS,
];

/// Act respecting labour standards s. 60 and the National Holiday Act, 8 days: Good Friday or Easter Monday at the
/// employer's choice ([`QuebecEaster`]); the Fête nationale on June 25 when June 24 is a Sunday; Canada Day on
/// July 2 when July 1 is a Sunday.
/// Source: <http://www.cnt.gouv.qc.ca/en/leaves-and-absences/statutory-holidays/index.html>
const QUEBEC: [Rule; 9] = [
    NEW_YEAR,
    GOOD_FRIDAY,
    always("easter-monday", When::EasterMonday),
    always("national-patriots-day", When::MondayBeforeMay25),
    always("st-jean-baptiste", When::FixedNotSunday(6, 24)),
    CANADA_DAY_NOT_SUNDAY,
    LABOUR_DAY,
    THANKSGIVING,
    CHRISTMAS,
];

/// The Saskatchewan Employment Act, 10 public holidays. Not public holidays: the National Day for Truth and
/// Reconciliation, Easter Monday, Boxing Day. A secondary source's claim that New Year's Day, Christmas Day or
/// Remembrance Day on a Sunday moves to the Monday is UNCONFIRMED and not followed; Canada Day's July 2 rule is.
/// Source: <https://www.saskatchewan.ca/business/employment-standards/public-statutory-holidays/list-of-saskatchewan-public-holidays>
const SASKATCHEWAN: [Rule; 10] = [
    NEW_YEAR,
    FAMILY_DAY,
    GOOD_FRIDAY,
    VICTORIA_DAY,
    CANADA_DAY_NOT_SUNDAY,
    always("saskatchewan-day", When::NthMonday(8, 1)),
    LABOUR_DAY,
    THANKSGIVING,
    REMEMBRANCE_DAY,
    CHRISTMAS,
];

/// Employment Standards Act, 11 statutory holidays; one on a non-working day is taken "on their next working day
/// immediately following the holiday". Not statutory: Heritage Day, Easter Monday, Boxing Day.
/// Source: <https://yukon.ca/en/find-yukon-statutory-holiday>
const YUKON: [Rule; 11] = [
    NEW_YEAR,
    GOOD_FRIDAY,
    VICTORIA_DAY,
    INDIGENOUS_PEOPLES_DAY,
    CANADA_DAY_JULY_1,
    always("discovery-day", When::NthMonday(8, 3)),
    LABOUR_DAY,
    always("truth-and-reconciliation", TRUTH_AND_RECONCILIATION),
    THANKSGIVING,
    REMEMBRANCE_DAY,
    CHRISTMAS,
];
