//! ICT rules I1 to I23 (docs/domain/pathways.md v2, 3.2; wages §7).
//!
//! Interpretations:
//! - **Route**: the CUSMA ICT route when the applicant is a US or Mexican citizen and `foreign_employer_country`
//!   is US or MX; the R205(a) route in every other case (including an unanswered country).
//! - **F** is the filing date of [`common::filing_date`]. The **current full-time run** starts at
//!   `employment_start_date`, or at `full_time_since_date` when `employment_full_time_continuous = no`. It meets
//!   the **12-month test** when it reaches 12 calendar months by F (same day of the month a year later). An earlier
//!   stint meets it when at least 12 calendar months of [start, end] (the end day included) fall inside
//!   [F − 3 years, F].
//! - **I2** fires when the run does not meet the test and `had_earlier_stint` is `no`, or `yes` with under 12 months
//!   in the window; its reason carries the day the run reaches 12 months. **I20** fires when the run does not
//!   meet it and the stint is `unsure`, or `yes` with 12+ months in the window. Neither fires without a start.
//! - **I3**: `relationship` `client_or_supplier` or `contract_licence_franchise`, or `canadian_entity_status = none`.
//! - **Countries of operation** (I5, I15): distinct codes of `countries_with_revenue_operations` together with
//!   `foreign_employer_country` (the home country, already answered), Canada left out. "Fewer than 2" needs the
//!   list answered.
//! - **I8**: proposed `executive`, `senior_manager` or `functional_manager`, the same current category, a TEER of
//!   0/1 or no NOC, `currently_employed_by_foreign_entity = yes`, the 12-month test met by the current run, a
//!   parent, subsidiary, branch or affiliate, an `operating` Canadian entity; for managers `direct_reports`
//!   answered; on the R205(a) route the wage and hours answered. It names no rule it excludes: §5 decides.
//! - **I10**: SK with fewer than 24 months from `employment_start_date` to F, or a proposed TEER of 3 or more.
//! - **I11** (SK) and **I16** (executives and managers): the R205(a) route, a median on file for
//!   `proposed_noc_2021_code` where the work is (`work_economic_region`, `work_province`, Canada; §7.4), and the pay
//!   (`proposed_wage`, `wage_unit`, `hours_per_week`) below it. Start-ups (C61) are read by the proposed category.
//! - **I12**: either category is `other_staff`, or both are answered and differ.
//! - **I13**: `home_position_held_for_return` `no` or `unsure`, or `work_location_type` `remote_from_home` or
//!   `client_site` (`mixed` fires nothing).
//! - **Caps** (I14, I21, I22): 60 months for specialized knowledge, 84 for executives and managers; other
//!   categories have no cap here. "At or above the cap" reads `prior_ict_months_in_canada`.
//! - **I17, I18**: a proposed `functional_manager` or `senior_manager` (an executive is not a line supervisor).
//! - **I19**: a Canadian entity of [`SMALL_ENTITY_HEADCOUNT`] employees or fewer (a firm setting, §6).
//! - **I22** (info): `assignment_months` > 36; > 12 for a new entity; or prior + assignment above the cap.
//! - **I23** (info): the CUSMA ICT route.

use chrono::{Months, NaiveDate};

use super::{
    Context, Hits, WageCheck,
    common::{self, Citizenship, Pay},
};
use crate::domain::answers::Answers;

const MANAGERIAL: &[&str] = &["executive", "senior_manager", "functional_manager"];
const MANAGERS: &[&str] = &["senior_manager", "functional_manager"];
const QUALIFYING_RELATIONSHIPS: &[&str] = &["parent", "subsidiary", "branch", "affiliate"];
const SK: &str = "specialized_knowledge";
const SK_LIMIT_MONTHS: f64 = 60.0;
const MANAGER_LIMIT_MONTHS: f64 = 84.0;
/// I19: a Canadian entity this small is reviewed for an executive or manager (the firm's setting, not an
/// official figure).
pub const SMALL_ENTITY_HEADCOUNT: f64 = 2.0;

/// The five digits of the proposed job's NOC, when given.
pub(super) fn noc_digits(answers: &Answers) -> Option<&str> {
    common::noc5(answers.str("proposed_noc_2021_code"))
}

/// The CUSMA ICT route (T37/T38): a US or Mexican citizen employed by a US or Mexican enterprise.
pub(super) fn cusma_route(answers: &Answers) -> bool {
    let citizenship = Citizenship::of(answers);
    (citizenship.us || citizenship.mx) && matches!(answers.str("foreign_employer_country"), Some("US" | "MX"))
}

/// Where the applicant stands on the 12-month test at F.
struct Tenure {
    /// The current run reaches 12 months by F.
    run_met: Option<bool>,
    /// The day the current run reaches 12 months.
    eligible_from: Option<NaiveDate>,
    /// An earlier stint with 12+ months inside [F − 3 years, F]; `None`: no usable dates.
    stint_met: Option<bool>,
}

fn tenure(answers: &Answers, filing: NaiveDate) -> Tenure {
    let run_start = if answers.str("employment_full_time_continuous") == Some("no") {
        answers.date("full_time_since_date")
    } else {
        answers.date("employment_start_date")
    };
    let eligible_from = run_start.and_then(|s| common::add_months(s, 12));
    let stint_met = match (
        answers.date("earlier_stint_start_date"),
        answers.date("earlier_stint_end_date"),
    ) {
        (Some(start), Some(end)) => {
            let window_start = filing.checked_sub_months(Months::new(36)).unwrap_or(filing);
            let from = start.max(window_start);
            let to = end.min(filing).succ_opt().unwrap_or(end);
            Some(common::add_months(from, 12).is_some_and(|d| d <= to))
        }
        _ => None,
    };
    Tenure {
        run_met: eligible_from.map(|d| d <= filing),
        eligible_from,
        stint_met,
    }
}

/// Distinct countries of operation outside Canada: the list answered plus the employer's home country.
fn countries_of_operation(answers: &Answers) -> Option<usize> {
    let listed = answers.list("countries_with_revenue_operations");
    if listed.is_empty() {
        return None;
    }
    let mut countries: Vec<String> = listed
        .iter()
        .copied()
        .chain(answers.str("foreign_employer_country"))
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty() && c != "CA")
        .collect();
    countries.sort();
    countries.dedup();
    Some(countries.len())
}

pub(super) fn rules(answers: &Answers, ctx: &Context<'_>, hits: &mut Hits) {
    let cusma = cusma_route(answers);
    let r205a = !cusma;
    hits.values.track = Some(if cusma { "ict_cusma" } else { "ict_r205a" }.into());
    if cusma {
        hits.fire("I23");
    }
    let filing = common::filing_date(answers, ctx.today);
    let employed = answers.str("currently_employed_by_foreign_entity");
    if employed == Some("no") {
        hits.fire("I1");
    }
    let tenure = tenure(answers, filing);
    if tenure.run_met == Some(false) {
        match (answers.str("had_earlier_stint"), tenure.stint_met) {
            (Some("no"), _) | (Some("yes"), Some(false)) => {
                hits.fire("I2");
                hits.values.eligible_from = tenure.eligible_from;
            }
            (Some("unsure"), _) | (Some("yes"), Some(true)) => hits.fire("I20"),
            _ => {}
        }
    }
    let relationship = answers.str("relationship");
    let entity = answers.str("canadian_entity_status");
    if matches!(relationship, Some("client_or_supplier" | "contract_licence_franchise")) || entity == Some("none") {
        hits.fire("I3");
    }
    if relationship == Some("unsure") {
        hits.fire("I4");
    }
    let new_entity = entity == Some("being_established");
    let few_countries = countries_of_operation(answers).is_some_and(|n| n < 2);
    if r205a && new_entity && few_countries {
        hits.fire("I5");
    }
    if new_entity {
        hits.fire("I6");
    }
    if answers.str("canadian_premises") == Some("home_or_virtual") {
        hits.fire("I7");
    }

    let current = answers.str("current_role_category");
    let proposed = answers.str("proposed_role_category");
    let teer = common::teer(noc_digits(answers));
    let managerial = proposed.is_some_and(|p| MANAGERIAL.contains(&p));
    let manager = proposed.is_some_and(|p| MANAGERS.contains(&p));
    let reports = answers.num("direct_reports");
    let pay = common::pay(answers, "proposed_wage", "wage_unit", common::hours_per_week(answers));
    let wage_answered = pay.is_some() && answers.has("hours_per_week");
    if managerial
        && current == proposed
        && teer.is_none_or(|t| t <= 1)
        && employed == Some("yes")
        && tenure.run_met == Some(true)
        && relationship.is_some_and(|r| QUALIFYING_RELATIONSHIPS.contains(&r))
        && entity == Some("operating")
        && (!manager || reports.is_some())
        && (cusma || wage_answered)
    {
        hits.fire("I8");
    }

    let wage = wage_check(answers, ctx, pay);
    let below_median = r205a
        && pay
            .zip(wage.as_ref().and_then(|w| w.median.as_ref()))
            .is_some_and(|(pay, median)| pay.below(median));
    if proposed == Some(SK) {
        hits.fire("I9");
        let two_years = common::at_least_months(answers.date("employment_start_date"), filing, 24);
        if two_years == Some(false) || teer.is_some_and(|t| t >= 3) {
            hits.fire("I10");
        }
        if below_median {
            hits.fire("I11");
        }
    }
    if managerial && below_median {
        hits.fire("I16");
    }
    hits.values.wage = wage;

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
    let cap = match proposed {
        Some(SK) => Some(SK_LIMIT_MONTHS),
        _ if managerial => Some(MANAGER_LIMIT_MONTHS),
        _ => None,
    };
    let prior = answers.num("prior_ict_months_in_canada");
    if let (Some(cap), Some(prior)) = (cap, prior)
        && prior >= cap
    {
        match answers.str("ict_break_abroad_12m") {
            Some("no") => hits.fire("I14"),
            Some("unsure") => hits.fire("I21"),
            _ => {}
        }
    }
    if r205a && answers.yes("applicant_owns_controlling_interest") && new_entity && few_countries {
        hits.fire("I15");
    }
    if manager
        && reports.is_some_and(|r| r >= 1.0)
        && answers.str("reports_are_professionals") == Some("no")
        && answers.str("reports_include_managers") == Some("no")
    {
        hits.fire("I17");
    }
    if manager && reports == Some(0.0) {
        hits.fire("I18");
    }
    if managerial
        && entity == Some("operating")
        && answers
            .num("canadian_entity_headcount")
            .is_some_and(|h| h <= SMALL_ENTITY_HEADCOUNT)
    {
        hits.fire("I19");
    }
    if let Some(assignment) = answers.num("assignment_months") {
        let over_cap = cap.is_some_and(|cap| prior.unwrap_or(0.0) + assignment > cap);
        if assignment > 36.0 || (new_entity && assignment > 12.0) || over_cap {
            hits.fire("I22");
        }
    }
}

/// The proposed pay against the median of the proposed NOC where the work is (§7.4), when the NOC is given.
fn wage_check(answers: &Answers, ctx: &Context<'_>, pay: Option<Pay>) -> Option<WageCheck> {
    let noc = noc_digits(answers)?;
    let province = answers.str("work_province");
    let region = answers.str("work_economic_region").filter(|r| *r != "unknown");
    Some(WageCheck::look_up(ctx, noc, (province, region), pay, false))
}
