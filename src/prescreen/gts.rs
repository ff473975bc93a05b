//! GTS rules G1 to G15 (docs/domain/pathways.md v2, 1.3; wages §7).
//!
//! Interpretations:
//! - **G1** fires for `job_offer_status = none` or `employer_will_file_gts_lmia = no`. An offer `in_discussion` and
//!   an employer that is `unsure` are not "no": they make no rule fire.
//! - **Listed** means the NOC is a code of `data/gts_occupations.csv`: `noc_2021_code`, or for `other` the five
//!   digits typed in `noc_2021_code_other` (a listed code typed there counts as listed, and a listed job is always
//!   Category B). `unknown` is neither listed nor "not listed": no list rule fires, so unless something worse fires
//!   the outcome is *needs review*.
//! - **Subsets** (G7, G8): for 21210 the listed part needs `role_is_actuarial = no`; for 51120 and 52120 it needs
//!   `job_requires_3y_listed_experience = yes`. The opposite answer fires G7 or G8 and no wage rule; an unanswered
//!   question makes no wage rule fire. The Category A rules are not applied to such a job either.
//! - **Median on file** (§7.4): the median of the NOC where the work is (`work_economic_region`, then
//!   `employer_province`, then Canada) in the edition in force. Compared per hour, or per year for an annual median.
//! - **Quebec** (G6): no rule compares with a Job Bank median or a fixed floor there (MIFI's tables apply): G2–G5 and
//!   G12 stay silent, and the median is kept for the brief "for reference".
//! - **Fixed floors** (G2, G5): the hourly pay must reach the floor, and the median on file when there is one.
//! - **Prevailing** (G3, G4, G12): with a median on file the pay is at or above it (G3) or below it (G12); with none
//!   at any level, G4 (whatever the pay).
//! - **Category A** (G9, G11, G13, G14) is a job not listed with `gts_referral_status` `referred` or `in_progress`.
//!   The minimum that applies is $80,000 a year and $38.46 an hour, or from the employer's third Category A job in
//!   the calendar year (`gts_category_a_positions_this_year = three_or_more`) $150,000 and $72.11; either way at
//!   least the median on file. The hourly rate is rounded to the cent; when the wage was given by the hour, the
//!   derived annual amount is allowed one cent per hour worked of rounding, so $38.46 × 40 h × 52 ($79,996.80) is
//!   the $80,000 of the rule. With `unsure`, the $80,000 tier applies and G14 says the higher one may.
//! - **Advanced degree or experience** (G9): `highest_education` `master` or `doctorate`, or
//!   `years_specialized_experience` ≥ 5 (the "and/or" read as "or", §6).
//! - **G10**: not listed and `gts_referral_status = none`. `unsure` fires nothing.
//! - **G15** (info): `employer_province` BC, MB, SK or NS.

use super::{
    Context, Hits, WageCheck,
    common::{self, Pay},
};
use crate::domain::answers::Answers;
use crate::reference::{WageRule, gts_by_noc, gts_wage_rule};

/// A Category A tier: at least this much a year and this much an hour.
struct Tier {
    annual: f64,
    hourly_cents: i64,
}

const TIER_ONE_OR_TWO: Tier = Tier {
    annual: 80_000.0,
    hourly_cents: 3846,
};
const TIER_THIRD_ONWARDS: Tier = Tier {
    annual: 150_000.0,
    hourly_cents: 7211,
};

/// Provinces that require the employer's registration before an LMIA (G15).
const REGISTRATION_PROVINCES: &[&str] = &["BC", "MB", "SK", "NS"];

enum Noc<'a> {
    Absent,
    Unknown,
    Listed(&'a str),
    NotListed(Option<&'a str>),
}

/// The five digits of the job's NOC, when known: the select's code, or for `other` the typed code.
pub(super) fn noc_digits(answers: &Answers) -> Option<&str> {
    match answers.str("noc_2021_code").map(str::trim) {
        Some("other") => common::noc5(answers.str("noc_2021_code_other")),
        code => common::noc5(code),
    }
}

fn noc(answers: &Answers) -> Noc<'_> {
    match answers.str("noc_2021_code").map(str::trim) {
        None | Some("") => Noc::Absent,
        Some("unknown") => Noc::Unknown,
        _ => match noc_digits(answers) {
            Some(code) if !gts_by_noc(code).is_empty() => Noc::Listed(code),
            code => Noc::NotListed(code),
        },
    }
}

pub(super) fn rules(answers: &Answers, ctx: &Context<'_>, hits: &mut Hits) {
    if answers.str("job_offer_status") == Some("none") || answers.str("employer_will_file_gts_lmia") == Some("no") {
        hits.fire("G1");
    }
    let province = answers.str("employer_province");
    let quebec = province == Some("QC");
    if quebec {
        hits.fire("G6");
    }
    if province.is_some_and(|p| REGISTRATION_PROVINCES.contains(&p)) {
        hits.fire("G15");
    }
    let pay = common::pay(answers, "offered_wage", "wage_unit", common::hours_per_week(answers));
    let region = answers.str("work_economic_region").filter(|r| *r != "unknown");
    let check = |code: &str| WageCheck::look_up(ctx, code, (province, region), pay, quebec);
    match noc(answers) {
        Noc::Absent | Noc::Unknown => {}
        Noc::Listed(code) => {
            hits.values.track = Some("gts_b".into());
            let wage = check(code);
            category_b(answers, code, quebec, pay, &wage, hits);
            hits.values.wage = Some(wage);
        }
        Noc::NotListed(code) => {
            let wage = code.map(check);
            category_a(answers, pay, wage.as_ref(), hits);
            hits.values.wage = wage;
        }
    }
}

/// G2–G5, G7, G8, G12: a listed code.
fn category_b(answers: &Answers, code: &str, quebec: bool, pay: Option<Pay>, wage: &WageCheck, hits: &mut Hits) {
    let subset_question = match code {
        "21210" => Some(("role_is_actuarial", "yes", "G7")),
        "51120" | "52120" => Some(("job_requires_3y_listed_experience", "no", "G8")),
        _ => None,
    };
    if let Some((field, excluded, rule)) = subset_question {
        match answers.str(field) {
            Some(answer) if answer == excluded => {
                hits.fire(rule);
                return;
            }
            Some("yes" | "no") => {}
            _ => return,
        }
    }
    if quebec {
        return;
    }
    let median = wage.median.as_ref();
    match gts_wage_rule(code) {
        Some(WageRule::Prevailing) => match (median, pay) {
            (None, _) => hits.fire("G4"),
            (Some(median), Some(pay)) => hits.fire(if pay.below(median) { "G12" } else { "G3" }),
            (Some(_), None) => {}
        },
        Some(WageRule::FixedFloor { hourly_floor_cents, .. }) => {
            let Some(pay) = pay else { return };
            let meets = pay.hourly_cents >= i64::from(hourly_floor_cents) && median.is_none_or(|m| !pay.below(m));
            hits.fire(if meets { "G2" } else { "G5" });
        }
        None => {}
    }
}

/// G9–G11, G13, G14: a code not on the list.
fn category_a(answers: &Answers, pay: Option<Pay>, wage: Option<&WageCheck>, hits: &mut Hits) {
    match answers.str("gts_referral_status") {
        Some("none") => hits.fire("G10"),
        Some("referred" | "in_progress") => {
            hits.values.track = Some("gts_a".into());
            let Some(pay) = pay else { return };
            // In Quebec the median is for reference only: no GTS rule compares with it (§7.4).
            let median = wage.filter(|w| !w.reference_only).and_then(|w| w.median.as_ref());
            let meets_median = median.is_none_or(|m| !pay.below(m));
            let tier = answers.str("gts_category_a_positions_this_year");
            let meets_first = meets(pay, &TIER_ONE_OR_TWO) && meets_median;
            let meets_third = meets(pay, &TIER_THIRD_ONWARDS) && meets_median;
            let meets_applicable = if tier == Some("three_or_more") {
                if !meets_third {
                    hits.fire("G13");
                }
                meets_third
            } else {
                if !meets_first {
                    hits.fire("G11");
                }
                meets_first
            };
            if tier == Some("unsure") && meets_first && !meets_third {
                hits.fire("G14");
            }
            if meets_applicable && advanced_degree_or_experience(answers) {
                hits.fire("G9");
            }
        }
        _ => {}
    }
}

fn meets(pay: Pay, tier: &Tier) -> bool {
    let rounding = if pay.given_hourly {
        0.01 * pay.hours_per_week * 52.0
    } else {
        0.0
    };
    pay.hourly_cents >= tier.hourly_cents && pay.annual + rounding >= tier.annual
}

fn advanced_degree_or_experience(answers: &Answers) -> bool {
    matches!(answers.str("highest_education"), Some("master" | "doctorate"))
        || answers.num("years_specialized_experience").is_some_and(|y| y >= 5.0)
}
