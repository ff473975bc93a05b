//! Facts several pathways read, and the rules of every pathway: X1, X2 (§4), the route rules X3–X8 (§8.3) and the
//! family, medical and Employer Portal rules X9–X12 (§4).
//!
//! Interpretations:
//! - **Money** is compared in whole cents. An hourly rate derived from an annual wage is rounded to the nearest
//!   cent (pay is paid in cents; the floors are given to the cent), then compared with the floor or median, which
//!   is also rounded to the cent. "At or above" passes; one cent below fails.
//! - **Annual ↔ hourly** (§7.4): hourly = annual / (hours per week × 52); annual = hourly × hours × 52. The
//!   pathway's `hours_per_week` is used; 40 hours only when it is absent or outside 1–80.
//! - **Against a median** (§7.4): an hourly median is compared with the hourly pay, an annual one (a few
//!   occupations) with the annual pay.
//! - **TEER** is the second digit of a five-digit NOC 2021 code (`21231` → TEER 1). A value that is not five digits
//!   (absent, empty, `other`, `unknown`) is "NOC blank": no TEER is known.
//! - **Citizenship**: a US or Mexican citizen is one whose `citizenships` include `US` or `MX`, or whose CUSMA
//!   `citizenship_basis` is `us_citizen` or `mx_citizen`. "Not a US or Mexican citizen" needs at least one of the
//!   two answers and neither showing US or MX; with neither answered nothing is concluded. A "Mexican citizen" in
//!   the route rules (X4–X6, C11) is one who is not also a US citizen.
//! - **F**, the filing date (§3.2), is `planned_filing_date` when given and not before today; otherwise today.

use chrono::{Months, NaiveDate};

use super::{Context, Hits, PayFigures};
use crate::domain::{answers::Answers, pathway::Pathway, wage::MedianFigure, wage::WageUnit};

/// Hours a week assumed when none is given (§7.4).
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

impl Pay {
    pub fn figures(self) -> PayFigures {
        PayFigures {
            hourly_cents: self.hourly_cents,
            annual: self.annual,
            given_hourly: self.given_hourly,
            hours_per_week: self.hours_per_week,
        }
    }

    /// §7.4: below the median, in the median's own unit.
    pub fn below(self, median: &MedianFigure) -> bool {
        match median.unit {
            WageUnit::Hourly => self.hourly_cents < median.median_cents(),
            WageUnit::Annual => cents(self.annual) < median.median_cents(),
        }
    }
}

/// `hours_per_week` when answered within 1–80, else 40 (§7.4).
pub(super) fn hours_per_week(answers: &Answers) -> f64 {
    answers
        .num("hours_per_week")
        .filter(|h| (1.0..=80.0).contains(h))
        .unwrap_or(DEFAULT_HOURS_PER_WEEK)
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

/// Five ASCII digits, trimmed.
pub(super) fn noc5(code: Option<&str>) -> Option<&str> {
    let code = code?.trim();
    (code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// The TEER of a NOC 2021 code: its second digit, when the value is five ASCII digits.
pub(super) fn teer(code: Option<&str>) -> Option<u8> {
    noc5(code).map(|c| c.as_bytes()[1] - b'0')
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

    /// A Mexican citizen who is not also a US citizen.
    pub fn mexican_only(self) -> bool {
        self.mx && !self.us
    }
}

/// `start` plus `months` calendar months (a month after 31 January is the last day of February).
pub(super) fn add_months(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(months))
}

/// Whether `start` plus `months` calendar months is on or before `day`. `None` when there is no start date.
pub(super) fn at_least_months(start: Option<NaiveDate>, day: NaiveDate, months: u32) -> Option<bool> {
    let start = start?;
    Some(add_months(start, months).is_some_and(|d| d <= day))
}

/// F (§3.2): `planned_filing_date` if given and not in the past, else today.
pub(super) fn filing_date(answers: &Answers, today: NaiveDate) -> NaiveDate {
    answers
        .date("planned_filing_date")
        .filter(|d| *d >= today)
        .unwrap_or(today)
}

/// NOC groups whose TEER 2 and 3 occupations keep the spouse's open work permit (X9, [S28]).
const SPOUSE_TEER_2_3_GROUPS: &[&str] = &["22", "32", "33", "72", "73", "82", "83"];

/// The rules of every pathway.
///
/// - X1: `prior_refusal_or_removal` or `criminal_history` answered with anything but `no`.
/// - X2: `current_location` is `inside_canada` and the status is not a valid one: `canadian_status` absent,
///   `none_or_expired` or `other` (we cannot tell, so the lawyer checks), or a `status_expiry` before today.
/// - X3–X6: as §8.3 (the tables' conditions, literally). X4's exception "CUSMA Professionals pathway with US/MX
///   citizenship" is read on the pathway being assessed, so a Mexican applicant who is not sure gets X4 on GTS and
///   ICT but not on CUSMA.
/// - X7 fires when the applicant is in Canada, `entry_plan` is answered and is not `online_from_abroad`, or the
///   pathway is CUSMA or ICT with a NOC of TEER 2 or more; X8 fires otherwise (info rules, brief only).
/// - X9: GTS, or ICT on the R205(a) route (the free trade routes are not affected, [S29]); the job's NOC is
///   `noc_2021_code` (its typed digits for `other`) on GTS and `proposed_noc_2021_code` on ICT; an unknown NOC only
///   fires through the length.
/// - X11 reads `duration_months` (GTS, CUSMA) or `assignment_months` (ICT).
pub(super) fn rules(answers: &Answers, pathway: Pathway, ctx: &Context<'_>, hits: &mut Hits) {
    if super::text::needs_a_look(answers) {
        hits.fire("X1");
    }
    let inside = answers.str("current_location") == Some("inside_canada");
    let status = answers.str("canadian_status");
    if inside {
        let valid_kind = matches!(status, Some("visitor" | "worker" | "student"));
        let expired = answers.date("status_expiry").is_some_and(|d| d < ctx.today);
        if !valid_kind || expired {
            hits.fire("X2");
        }
    }

    let citizenship = Citizenship::of(answers);
    let entry = answers.str("entry_plan");
    let at_border = matches!(entry, Some("land_border" | "airport"));
    let mx_document = answers.str("mx_travel_document");
    if inside && status == Some("visitor") && matches!(entry, Some("inside_canada" | "unsure")) {
        hits.fire("X3");
    }
    let cusma_citizen = pathway == Pathway::Cusma && (citizenship.us || citizenship.mx);
    if inside && at_border && !citizenship.us && !answers.yes("us_lawful_permanent_resident") && !cusma_citizen {
        hits.fire("X4");
    }
    if citizenship.mexican_only() && mx_document == Some("eta_eligible") && entry == Some("land_border") {
        hits.fire("X5");
    }
    let needs_visa = answers.str("visa_requirement") == Some("visa_required")
        || (citizenship.mexican_only() && mx_document == Some("none"));
    if at_border && needs_visa {
        hits.fire("X6");
    }
    let job_noc = match pathway {
        Pathway::Gts => super::gts::noc_digits(answers),
        Pathway::Cusma => noc5(answers.str("noc_2021_code")),
        Pathway::Ict => super::ict::noc_digits(answers),
    };
    let job_teer = teer(job_noc);
    let lmia_exempt_teer_2_plus = pathway != Pathway::Gts && job_teer.is_some_and(|t| t >= 2);
    if inside || entry.is_some_and(|e| e != "online_from_abroad") || lmia_exempt_teer_2_plus {
        hits.fire("X7");
    } else {
        hits.fire("X8");
    }

    let family = answers.str("accompanying_family");
    let length = match pathway {
        Pathway::Ict => answers.num("assignment_months"),
        _ => answers.num("duration_months"),
    };
    let r205a = pathway == Pathway::Ict && !super::ict::cusma_route(answers);
    if matches!(family, Some("spouse" | "spouse_children")) && (pathway == Pathway::Gts || r205a) {
        let low_teer = job_teer.is_some_and(|t| t >= 4);
        let unlisted_mid_teer =
            matches!(job_teer, Some(2 | 3)) && job_noc.is_some_and(|n| !SPOUSE_TEER_2_3_GROUPS.contains(&&n[..2]));
        let short = length.is_some_and(|m| m < 16.0);
        if low_teer || unlisted_mid_teer || short {
            hits.fire("X9");
        }
    }
    if matches!(family, Some("spouse_children" | "children")) {
        hits.fire("X10");
    }
    if length.is_some_and(|m| m > 6.0) {
        hits.fire("X11");
    }
    if matches!(pathway, Pathway::Cusma | Pathway::Ict) {
        hits.fire("X12");
    }
}
