//! The pre-screen: an indicative first reading of an applicant's answers against the rules of
//! `docs/domain/pathways.md` (GTS 1.3, CUSMA 2.3, ICT 3.2, common rules X1 and X2 in 4, combination in 5).
//!
//! Pure functions: no I/O, no clock, no database. The date and the Job Bank medians come in a [`Context`].
//! The result is never a legal verdict: the lawyer decides, booking is always offered, and every rule that fired is
//! shown (by its reason key `rule-<id>`) and stored (by its id).
//!
//! # Combining (section 5)
//! Each rule has one outcome. A pathway's outcome is the worst outcome among the rules that fired
//! ([`Outcome`] is ordered so the worst is the maximum). When no rule fired at all the picture is incomplete and the
//! outcome is [`Outcome::NeedsReview`]; *likely eligible* therefore needs the pathway's positive rule (G2, G3, C4 or
//! I8) to fire with nothing worse beside it. Rules are evaluated independently, each on its own condition, so a
//! positive rule can fire beside a worse one (G2 beside G1, for example); only I8 names the rules it excludes.
//!
//! # Reading the answers
//! Answers are read in their stored form ([`Answers`]). A question that was not asked or was skipped is absent, and
//! an absent fact makes no rule fire: it neither proves nor disproves a condition. Rules that need a number
//! (a wage, a number of months) do not fire without it. Interpretations of the tables are documented on the rule
//! functions of [`gts`], [`cusma`], [`ict`] and [`common`].

mod common;
mod cusma;
mod gts;
mod ict;
mod suggest;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{answers::Answers, pathway::Pathway};

pub use suggest::{SUGGESTION_REASONS, Suggestion, suggest};

/// The result of a rule or of a pathway. Ordered from best to worst, so the worst of several is the maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    LikelyEligible,
    NeedsReview,
    LikelyNotEligible,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [
        Outcome::LikelyEligible,
        Outcome::NeedsReview,
        Outcome::LikelyNotEligible,
    ];

    /// The stored value: `likely_eligible`, `needs_review`, `likely_not_eligible`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::LikelyEligible => "likely_eligible",
            Outcome::NeedsReview => "needs_review",
            Outcome::LikelyNotEligible => "likely_not_eligible",
        }
    }

    pub fn from_code(value: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == value)
    }

    /// The Fluent key of the outcome's heading (`outcome-likely_eligible`).
    pub fn i18n_key(self) -> &'static str {
        match self {
            Outcome::LikelyEligible => "outcome-likely_eligible",
            Outcome::NeedsReview => "outcome-needs_review",
            Outcome::LikelyNotEligible => "outcome-likely_not_eligible",
        }
    }
}

/// A rule that fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Fired {
    /// The rule id of the domain reference: `"G2"`.
    pub rule: &'static str,
    pub outcome: Outcome,
}

impl Fired {
    /// The Fluent key of the reason shown to the applicant: `rule-G2`.
    pub fn reason_key(&self) -> &'static str {
        rule(self.rule).map_or("prescreen-no-clear-result", |r| r.reason_key)
    }
}

/// The pre-screen of one pathway.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathwayAssessment {
    pub pathway: Pathway,
    pub outcome: Outcome,
    /// Every rule that fired, in the order of [`RULE_IDS`].
    pub fired: Vec<Fired>,
}

impl PathwayAssessment {
    /// The ids to store (`["G2", "X1"]`).
    pub fn rule_ids(&self) -> Vec<&'static str> {
        self.fired.iter().map(|f| f.rule).collect()
    }

    /// The reasons to show, worst outcome first (then in rule order). When no rule fired, the single key
    /// `prescreen-no-clear-result` ("we will go through your answers together").
    pub fn reason_keys(&self) -> Vec<&'static str> {
        if self.fired.is_empty() {
            return vec!["prescreen-no-clear-result"];
        }
        let mut fired = self.fired.clone();
        fired.sort_by_key(|f| std::cmp::Reverse(f.outcome));
        fired.iter().map(Fired::reason_key).collect()
    }
}

/// Job Bank medians (a database table staff fill later). `None` = no median on file.
pub trait Medians {
    /// The median hourly wage in CAD for a NOC 2021 code, in a province or territory (`"ON"`) or, with `None`,
    /// nationally. The implementation decides how a region falls back to the national figure.
    fn hourly_median(&self, noc: &str, province: Option<&str>) -> Option<f64>;
}

/// No median on file for anything.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoMedians;

impl Medians for NoMedians {
    fn hourly_median(&self, _noc: &str, _province: Option<&str>) -> Option<f64> {
        None
    }
}

/// What the rules need besides the answers: the date (ICT tenure, status expiry) and the medians.
pub struct Context<'a> {
    /// Today in the firm's time zone; the caller reads the clock.
    pub today: NaiveDate,
    pub medians: &'a dyn Medians,
}

impl<'a> Context<'a> {
    pub fn new(today: NaiveDate, medians: &'a dyn Medians) -> Self {
        Context { today, medians }
    }
}

struct Rule {
    id: &'static str,
    outcome: Outcome,
    reason_key: &'static str,
}

macro_rules! rules {
    ($($id:literal => $outcome:ident),* $(,)?) => {
        const RULES: &[Rule] = &[$(Rule { id: $id, outcome: Outcome::$outcome, reason_key: concat!("rule-", $id) }),*];
        /// Every rule id, in the order of the domain reference (GTS, CUSMA, ICT, then the common rules).
        pub const RULE_IDS: &[&str] = &[$($id),*];
    };
}

rules! {
    "G1" => LikelyNotEligible, "G2" => LikelyEligible, "G3" => LikelyEligible, "G4" => NeedsReview,
    "G5" => LikelyNotEligible, "G6" => NeedsReview, "G7" => LikelyNotEligible, "G8" => LikelyNotEligible,
    "G9" => NeedsReview, "G10" => LikelyNotEligible, "G11" => LikelyNotEligible,
    "C1" => LikelyNotEligible, "C2" => LikelyNotEligible, "C3" => NeedsReview, "C4" => LikelyEligible,
    "C5" => LikelyNotEligible, "C6" => NeedsReview, "C7" => NeedsReview, "C8" => LikelyNotEligible,
    "C9" => NeedsReview, "C10" => NeedsReview, "C11" => NeedsReview,
    "I1" => LikelyNotEligible, "I2" => LikelyNotEligible, "I3" => LikelyNotEligible, "I4" => NeedsReview,
    "I5" => LikelyNotEligible, "I6" => NeedsReview, "I7" => LikelyNotEligible, "I8" => LikelyEligible,
    "I9" => NeedsReview, "I10" => NeedsReview, "I11" => LikelyNotEligible, "I12" => NeedsReview,
    "I13" => NeedsReview, "I14" => LikelyNotEligible, "I15" => LikelyNotEligible,
    "X1" => NeedsReview, "X2" => NeedsReview,
}

fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The outcome a rule gives when it fires, `None` for an unknown id.
pub fn rule_outcome(id: &str) -> Option<Outcome> {
    rule(id).map(|r| r.outcome)
}

/// The Fluent key of a pathway's name (`pathway-gts`).
pub fn pathway_key(pathway: Pathway) -> &'static str {
    match pathway {
        Pathway::Gts => "pathway-gts",
        Pathway::Cusma => "pathway-cusma",
        Pathway::Ict => "pathway-ict",
    }
}

/// The rules that fired so far, without duplicates.
#[derive(Default)]
struct Hits(Vec<Fired>);

impl Hits {
    fn fire(&mut self, id: &'static str) {
        let outcome = rule_outcome(id).unwrap_or_else(|| panic!("rule {id} is not in RULES"));
        if !self.has(id) {
            self.0.push(Fired { rule: id, outcome });
        }
    }

    fn has(&self, id: &str) -> bool {
        self.0.iter().any(|f| f.rule == id)
    }

    fn into_sorted(mut self) -> Vec<Fired> {
        self.0.sort_by_key(|f| RULE_IDS.iter().position(|id| *id == f.rule));
        self.0
    }
}

/// The worst outcome among the rules that fired; [`Outcome::NeedsReview`] when none did.
pub fn combine(fired: &[Fired]) -> Outcome {
    fired.iter().map(|f| f.outcome).max().unwrap_or(Outcome::NeedsReview)
}

/// The pre-screen of one pathway: its own rules plus X1 and X2.
pub fn assess(answers: &Answers, pathway: Pathway, ctx: &Context<'_>) -> PathwayAssessment {
    let mut hits = Hits::default();
    match pathway {
        Pathway::Gts => gts::rules(answers, ctx, &mut hits),
        Pathway::Cusma => cusma::rules(answers, &mut hits),
        Pathway::Ict => ict::rules(answers, ctx, &mut hits),
    }
    common::rules(answers, ctx, &mut hits);
    let fired = hits.into_sorted();
    PathwayAssessment {
        pathway,
        outcome: combine(&fired),
        fired,
    }
}

/// Section 5: the assessment of each pathway given, in that order (duplicates skipped). Pass
/// [`pathways_to_assess`] for "the chosen one, or all three for `not_sure`".
pub fn assess_all(answers: &Answers, pathways: &[Pathway], ctx: &Context<'_>) -> Vec<PathwayAssessment> {
    let mut seen = Vec::new();
    pathways
        .iter()
        .filter(|p| {
            let new = !seen.contains(*p);
            seen.push(**p);
            new
        })
        .map(|p| assess(answers, *p, ctx))
        .collect()
}

/// The pathways to assess from `target_pathway`: the chosen one, or all three for `not_sure` (and when the
/// question is absent or holds an unknown value).
pub fn pathways_to_assess(answers: &Answers) -> Vec<Pathway> {
    let chosen = answers.str("target_pathway");
    match Pathway::ALL.into_iter().find(|p| Some(p.target_value()) == chosen) {
        Some(p) => vec![p],
        None => Pathway::ALL.to_vec(),
    }
}
