//! Facts several pathways read, and the rules for every pathway (X1, X2).
//!
//! Interpretations:
//! - **Money** is compared in whole cents. An hourly rate derived from an annual wage is rounded to the nearest
//!   cent (pay is paid in cents; the floors are given to the cent), then compared with the floor or median, which
//!   is also rounded to the cent. "At or above" passes; one cent below fails.
//! - **Annual → hourly**: hourly = annual / (hours per week × 52). GTS asks `hours_per_week`; when it is absent or
//!   outside 1–80, 40 hours is used. ICT has no hours question: 40 hours a week.
//! - **TEER** is the second digit of a five-digit NOC 2021 code (`21231` → TEER 1). A value that is not five digits
//!   (absent, empty, `other`, `unknown`) is "NOC blank": no TEER is known.
//! - **Citizenship**: a US or Mexican citizen is one whose `citizenships` include `US` or `MX`, or whose CUSMA
//!   `citizenship_basis` is `us_citizen` or `mx_citizen`. "Not a US or Mexican citizen" needs at least one of the
//!   two answers and neither showing US or MX; with neither answered nothing is concluded.

use chrono::{Months, NaiveDate};

use super::{Context, Hits};
use crate::domain::answers::Answers;

/// Hours a week assumed when none is given (ICT never asks).
pub(super) const DEFAULT_HOURS_PER_WEEK: f64 = 40.0;

/// Whole cents of an amount in dollars.
pub(super) fn cents(dollars: f64) -> i64 {
    // Amounts are at most a few million dollars: far inside i64 and f64's exact range.
    (dollars * 100.0).round() as i64
}

/// A wage as both an hourly rate and an annual amount.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Pay {
    /// Hourly rate in whole cents (rounded to the nearest cent when derived from an annual wage).
    pub hourly_cents: i64,
    /// Annual amount in dollars (hourly × hours × 52 when the wage was given by the hour).
    pub annual: f64,
    /// True when the wage was given by the hour, so `annual` is derived.
    pub given_hourly: bool,
    pub hours_per_week: f64,
}

/// The wage of `amount_field` in the unit of `unit_field` (`hourly` or `annual`). `None` when either is missing or
/// the amount is not a positive number.
pub(super) fn pay(answers: &Answers, amount_field: &str, unit_field: &str, hours_per_week: f64) -> Option<Pay> {
    let amount = answers.num(amount_field).filter(|a| a.is_finite() && *a > 0.0)?;
    let hours_per_year = hours_per_week * 52.0;
    match answers.str(unit_field)? {
        "hourly" => Some(Pay {
            hourly_cents: cents(amount),
            annual: amount * hours_per_year,
            given_hourly: true,
            hours_per_week,
        }),
        "annual" => Some(Pay {
            hourly_cents: cents(amount / hours_per_year),
            annual: amount,
            given_hourly: false,
            hours_per_week,
        }),
        _ => None,
    }
}

/// The TEER of a NOC 2021 code: its second digit, when the value is five ASCII digits.
pub(super) fn teer(code: Option<&str>) -> Option<u8> {
    let code = code?.trim().as_bytes();
    (code.len() == 5 && code.iter().all(u8::is_ascii_digit)).then(|| code[1] - b'0')
}

/// What the answers say about US and Mexican citizenship.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Citizenship {
    pub us: bool,
    pub mx: bool,
    /// At least one of `citizenships` and `citizenship_basis` was answered.
    pub known: bool,
}

impl Citizenship {
    pub fn of(answers: &Answers) -> Self {
        let list = answers.list("citizenships");
        let basis = answers.str("citizenship_basis");
        let holds = |iso: &str| list.iter().any(|c| c.trim().eq_ignore_ascii_case(iso));
        Citizenship {
            us: holds("US") || basis == Some("us_citizen"),
            mx: holds("MX") || basis == Some("mx_citizen"),
            known: !list.is_empty() || basis.is_some(),
        }
    }

    /// Known to hold neither US nor Mexican citizenship.
    pub fn neither_us_nor_mx(self) -> bool {
        self.known && !self.us && !self.mx
    }
}

/// Whether `start` plus `months` calendar months is on or before `today` (a month after 31 January is the last day of
/// February). `None` when there is no start date.
pub(super) fn at_least_months(start: Option<NaiveDate>, today: NaiveDate, months: u32) -> Option<bool> {
    let start = start?;
    Some(
        start
            .checked_add_months(Months::new(months))
            .is_some_and(|d| d <= today),
    )
}

/// X1 and X2, for every pathway.
///
/// - X1: `prior_refusal_or_removal` or `criminal_history` answered with anything but `no` (`yes`,
///   `prefer_to_discuss`).
/// - X2: `current_location` is `inside_canada` and the status is not a valid one: `canadian_status` absent,
///   `none_or_expired` or `other` (we cannot tell, so the lawyer checks), or a `status_expiry` before today.
///   `visitor`, `worker` and `student` with no expiry date, or one today or later, count as valid.
pub(super) fn rules(answers: &Answers, ctx: &Context<'_>, hits: &mut Hits) {
    let admissibility = ["prior_refusal_or_removal", "criminal_history"];
    if admissibility.iter().any(|f| answers.str(f).is_some_and(|v| v != "no")) {
        hits.fire("X1");
    }
    if answers.str("current_location") == Some("inside_canada") {
        let valid_kind = matches!(answers.str("canadian_status"), Some("visitor" | "worker" | "student"));
        let expired = answers.date("status_expiry").is_some_and(|d| d < ctx.today);
        if !valid_kind || expired {
            hits.fire("X2");
        }
    }
}
