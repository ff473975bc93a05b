//! GTS rules G1 to G11 (docs/domain/pathways.md, 1.3).
//!
//! Interpretations:
//! - **G1** fires for `job_offer_status = none` or `employer_will_file_gts_lmia = no`. An offer `in_discussion` and
//!   an employer that is `unsure` are not "no": they make no rule fire.
//! - **Listed** means `noc_2021_code` is a code of `data/gts_occupations.csv`. `unknown` is neither listed nor "not
//!   listed": no list rule fires (G2–G5, G7–G11), so unless something worse fires the outcome is *needs review*.
//!   `other`, or any other value, is "not listed", except that with `other` a listed code typed in the
//!   questionnaire's `noc_2021_code_other` counts as listed (a listed job is always Category B).
//! - **Subsets** (G7, G8): for 21210 the listed part needs `role_is_actuarial = no`; for 51120 and 52120 it needs
//!   `job_requires_3y_listed_experience = yes`. The opposite answer fires G7 or G8; an unanswered question makes no
//!   wage rule fire (we cannot tell whether the job is on the list). When G7 or G8 fires the job is not on the list,
//!   and the Category A rules (G9–G11) are not applied to it either: the lawyer looks at any referral.
//! - **Wage rule of a code** in several groups: see [`crate::reference::gts_wage_rule`] (prevailing if any group is,
//!   otherwise the lowest fixed floor).
//! - **Fixed floors** (G2, G5): the floor binds "or the prevailing wage if higher", so when a median is on file for
//!   the NOC and `employer_province` the rules compare with the higher of the two. Not in Quebec (G6 instead, MIFI
//!   floors apply there).
//! - **Prevailing** (G3, G4): G3 needs a median on file and the wage at or above it; G4 fires whenever no median is
//!   on file (the wage cannot be checked). A wage below the median fires no rule (the table has none): the outcome
//!   is *needs review* by default. G3 and G4 also apply in Quebec, where G6 fires beside them.
//! - **Category A** (G9, G11) is a job not listed with `gts_referral_status` `referred` or `in_progress`. Its pay
//!   test is "at least $80,000 a year and $38.46 an hour": the hourly rate is rounded to the cent; when the wage was
//!   given by the hour, the derived annual amount is allowed one cent per hour worked of rounding, so $38.46 × 40 h ×
//!   52 ($79,996.80) is the $80,000 of the rule, while fewer hours are not. An annual wage is compared as given.
//! - **Advanced degree or experience** (G9): `highest_education` `master` or `doctorate`, or
//!   `years_specialized_experience` ≥ 5. A `professional_degree` does not count by itself (it may or may not be an
//!   advanced degree in the field); without either, G9 does not fire and the outcome stays *needs review*.
//! - **G10**: not listed and `gts_referral_status = none`. `unsure` fires nothing.

use super::{
    Context, Hits,
    common::{self, DEFAULT_HOURS_PER_WEEK, Pay},
};
use crate::domain::answers::Answers;
use crate::reference::{WageRule, gts_by_noc, gts_wage_rule};

/// Category A: at least this much a year…
const CATEGORY_A_ANNUAL: f64 = 80_000.0;
/// …and at least this much an hour.
const CATEGORY_A_HOURLY_CENTS: i64 = 3846;

enum Noc<'a> {
    Absent,
    Unknown,
    Listed(&'a str),
    NotListed,
}

/// The job's NOC code: the select's value, or for `other` the code typed in `noc_2021_code_other` (the
/// questionnaire's companion field), which is listed if it is on the list after all.
fn noc(answers: &Answers) -> Noc<'_> {
    let code = match answers.str("noc_2021_code").map(str::trim) {
        Some("other") => answers
            .str("noc_2021_code_other")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .unwrap_or("other"),
        code => code.unwrap_or_default(),
    };
    match code {
        "" => Noc::Absent,
        "unknown" => Noc::Unknown,
        code if !gts_by_noc(code).is_empty() => Noc::Listed(code),
        _ => Noc::NotListed,
    }
}

fn hours_per_week(answers: &Answers) -> f64 {
    answers
        .num("hours_per_week")
        .filter(|h| (1.0..=80.0).contains(h))
        .unwrap_or(DEFAULT_HOURS_PER_WEEK)
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
    let pay = common::pay(answers, "offered_wage", "wage_unit", hours_per_week(answers));
    match noc(answers) {
        Noc::Absent | Noc::Unknown => {}
        Noc::Listed(code) => category_b(answers, ctx, code, province, pay, hits),
        Noc::NotListed => category_a(answers, pay, hits),
    }
}

/// G2–G5, G7, G8: a listed code.
fn category_b(
    answers: &Answers,
    ctx: &Context<'_>,
    code: &str,
    province: Option<&str>,
    pay: Option<Pay>,
    hits: &mut Hits,
) {
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
    let quebec = province == Some("QC");
    let median_cents = ctx.medians.hourly_median(code, province).map(common::cents);
    match gts_wage_rule(code) {
        Some(WageRule::Prevailing) => match (median_cents, pay) {
            (None, _) => hits.fire("G4"),
            (Some(median), Some(pay)) if pay.hourly_cents >= median => hits.fire("G3"),
            _ => {}
        },
        Some(WageRule::FixedFloor { hourly_floor_cents, .. }) if !quebec => {
            let Some(pay) = pay else { return };
            let floor = i64::from(hourly_floor_cents).max(median_cents.unwrap_or(0));
            hits.fire(if pay.hourly_cents >= floor { "G2" } else { "G5" });
        }
        Some(WageRule::FixedFloor { .. }) | None => {}
    }
}

/// G9–G11: a code not on the list.
fn category_a(answers: &Answers, pay: Option<Pay>, hits: &mut Hits) {
    match answers.str("gts_referral_status") {
        Some("none") => hits.fire("G10"),
        Some("referred" | "in_progress") => {
            let Some(pay) = pay else { return };
            if !meets_category_a_pay(pay) {
                hits.fire("G11");
            } else if advanced_degree_or_experience(answers) {
                hits.fire("G9");
            }
        }
        _ => {}
    }
}

fn meets_category_a_pay(pay: Pay) -> bool {
    let rounding = if pay.given_hourly {
        0.01 * pay.hours_per_week * 52.0
    } else {
        0.0
    };
    pay.hourly_cents >= CATEGORY_A_HOURLY_CENTS && pay.annual + rounding >= CATEGORY_A_ANNUAL
}

fn advanced_degree_or_experience(answers: &Answers) -> bool {
    matches!(answers.str("highest_education"), Some("master" | "doctorate"))
        || answers.num("years_specialized_experience").is_some_and(|y| y >= 5.0)
}
