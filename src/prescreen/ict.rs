//! ICT rules I1 to I15 (docs/domain/pathways.md, 3.2).
//!
//! Interpretations:
//! - **Tenure** (I2, I10) is counted in calendar months from `employment_start_date` to `Context::today`: 12 months
//!   are reached on the same day of the month a year later. "1 year of continuous full-time work in the last
//!   3 years" is read from the current job: I2 fires with fewer than 12 months, or with
//!   `employment_full_time_continuous = no`.
//! - **I3**: `relationship` `client_or_supplier` or `contract_licence_franchise`, or `canadian_entity_status = none`.
//! - **Countries of operation** (I5, I15): the number of distinct codes in `countries_with_revenue_operations`,
//!   as answered (Canada counts if the applicant lists it). "Only one" = exactly one; an empty answer fires nothing.
//! - **I5** is the R205(a) multinational test: it fires only for an applicant known to be neither a US nor a
//!   Mexican citizen (they can use CUSMA ICT instead, as I11 says explicitly for the wage).
//! - **Start-up** (I6) = `canadian_entity_status = being_established`.
//! - **I8** ("executive or manager, TEER 0/1 or blank, same capacity, no rule from I1–I7"): `proposed_role_category`
//!   is `executive`, `senior_manager` or `functional_manager`; "same capacity" = `current_role_category` equal to it;
//!   the TEER is read from `proposed_noc_2021_code` (blank when absent). Because an absent fact fires no rule, I8 also
//!   needs the facts behind I1–I3 answered favourably: currently employed `yes`, full-time `yes`, 12+ months, and a
//!   parent, subsidiary, branch or affiliate.
//! - **I10**: specialized knowledge with fewer than 24 months at the company, or a proposed TEER of 3 or higher.
//! - **I11**: known to be neither US nor Mexican, specialized knowledge, a median on file for the proposed NOC, and
//!   the hourly wage below it. ICT has no hours question (40 h a week) and no province question: the median is
//!   looked up for `employer_province` when present, otherwise nationally (`None`).
//! - **I12**: either category is `other_staff`, or both are answered and differ.
//! - **I13**: `home_position_held_for_return` `no` or `unsure`, or `work_location_type` `remote_from_home` or
//!   `client_site` (`mixed` fires nothing).
//! - **I14** uses the proposed category: 60 months for specialized knowledge, 84 for executives and managers.
//!   The limit is reached at or above it; other categories have no limit here.
//! - **I15**: `applicant_owns_controlling_interest = yes` and exactly one country of operation (any citizenship).

use super::{
    Context, Hits,
    common::{self, Citizenship, DEFAULT_HOURS_PER_WEEK},
};
use crate::domain::answers::Answers;

const MANAGERIAL: &[&str] = &["executive", "senior_manager", "functional_manager"];
const QUALIFYING_RELATIONSHIPS: &[&str] = &["parent", "subsidiary", "branch", "affiliate"];
const SK: &str = "specialized_knowledge";
const SK_LIMIT_MONTHS: f64 = 60.0;
const MANAGER_LIMIT_MONTHS: f64 = 84.0;

pub(super) fn rules(answers: &Answers, ctx: &Context<'_>, hits: &mut Hits) {
    let employed = answers.str("currently_employed_by_foreign_entity");
    if employed == Some("no") {
        hits.fire("I1");
    }
    let start = answers.date("employment_start_date");
    let one_year = common::at_least_months(start, ctx.today, 12);
    let full_time = answers.str("employment_full_time_continuous");
    if one_year == Some(false) || full_time == Some("no") {
        hits.fire("I2");
    }
    let relationship = answers.str("relationship");
    let entity = answers.str("canadian_entity_status");
    if matches!(relationship, Some("client_or_supplier" | "contract_licence_franchise")) || entity == Some("none") {
        hits.fire("I3");
    }
    if relationship == Some("unsure") {
        hits.fire("I4");
    }
    let citizenship = Citizenship::of(answers);
    let single_country = countries_of_operation(answers) == 1;
    if single_country && citizenship.neither_us_nor_mx() {
        hits.fire("I5");
    }
    if entity == Some("being_established") {
        hits.fire("I6");
    }
    if answers.str("canadian_premises") == Some("home_or_virtual") {
        hits.fire("I7");
    }

    let current = answers.str("current_role_category");
    let proposed = answers.str("proposed_role_category");
    let proposed_noc = answers.str("proposed_noc_2021_code").map(str::trim);
    let teer = common::teer(proposed_noc);
    let managerial = proposed.is_some_and(|p| MANAGERIAL.contains(&p));
    let core_facts_hold = employed == Some("yes")
        && full_time == Some("yes")
        && one_year == Some(true)
        && relationship.is_some_and(|r| QUALIFYING_RELATIONSHIPS.contains(&r));
    let earlier_fired = ["I1", "I2", "I3", "I4", "I5", "I6", "I7"].iter().any(|id| hits.has(id));
    if managerial && teer.is_none_or(|t| t <= 1) && current == proposed && core_facts_hold && !earlier_fired {
        hits.fire("I8");
    }

    if proposed == Some(SK) {
        hits.fire("I9");
        let two_years = common::at_least_months(start, ctx.today, 24);
        if two_years == Some(false) || teer.is_some_and(|t| t >= 3) {
            hits.fire("I10");
        }
        if citizenship.neither_us_nor_mx() && below_median(answers, ctx, proposed_noc) {
            hits.fire("I11");
        }
    }

    let other_staff = current == Some("other_staff") || proposed == Some("other_staff");
    if other_staff || matches!((current, proposed), (Some(c), Some(p)) if c != p) {
        hits.fire("I12");
    }
    if matches!(answers.str("home_position_held_for_return"), Some("no" | "unsure"))
        || matches!(
            answers.str("work_location_type"),
            Some("remote_from_home" | "client_site")
        )
    {
        hits.fire("I13");
    }
    let limit = match proposed {
        Some(SK) => Some(SK_LIMIT_MONTHS),
        _ if managerial => Some(MANAGER_LIMIT_MONTHS),
        _ => None,
    };
    if let (Some(limit), Some(prior)) = (limit, answers.num("prior_ict_months_in_canada"))
        && prior >= limit
    {
        hits.fire("I14");
    }
    if answers.yes("applicant_owns_controlling_interest") && single_country {
        hits.fire("I15");
    }
}

/// Distinct ISO codes in `countries_with_revenue_operations`.
fn countries_of_operation(answers: &Answers) -> usize {
    let mut countries: Vec<String> = answers
        .list("countries_with_revenue_operations")
        .iter()
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty())
        .collect();
    countries.sort();
    countries.dedup();
    countries.len()
}

/// I11: the proposed wage is below the median on file for the proposed NOC.
fn below_median(answers: &Answers, ctx: &Context<'_>, noc: Option<&str>) -> bool {
    let Some(noc) = noc.filter(|n| common::teer(Some(n)).is_some()) else {
        return false;
    };
    let Some(median) = ctx.medians.hourly_median(noc, answers.str("employer_province")) else {
        return false;
    };
    common::pay(answers, "proposed_wage", "wage_unit", DEFAULT_HOURS_PER_WEEK)
        .is_some_and(|pay| pay.hourly_cents < common::cents(median))
}
