//! The pre-screen: an indicative first reading of an applicant's answers against the rules of
//! `docs/domain/pathways.md` (version 2: GTS 1.3, CUSMA 2.3, ICT 3.2, every pathway in 4 and 8.3, combination in 5,
//! wages in 7).
//!
//! Pure functions: no I/O, no clock, no database. The date and the Job Bank medians come in a [`Context`].
//! The result is never a legal verdict: the lawyer decides, booking is always offered, and every rule that fired is
//! stored (by its id) and shown to the lawyer; the applicant sees the reasons §5.3 allows ([`ApplicantView`]).
//!
//! # Combining (section 5)
//! Each rule has one [`Kind`]. A pathway's outcome is the worst outcome among the outcome rules that fired
//! ([`Outcome`] is ordered so the worst is the maximum); info rules never count. When no outcome rule fired the
//! picture is incomplete and the outcome is [`Outcome::NeedsReview`]; *likely eligible* therefore needs the
//! pathway's positive rule (G2, G3, C4 or I8) to fire with nothing worse beside it. Rules are evaluated
//! independently, each on its own condition, so a positive rule can fire beside a worse one; what the applicant
//! sees then follows §5.3 (no positive reason under *likely not eligible*).
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
pub mod text;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{
    answers::Answers,
    pathway::Pathway,
    wage::{MedianFigure, MedianTable},
};

pub use suggest::{NONE_FITS_HINTS, SUGGESTION_REASONS, Suggestion, suggest};

/// The result of a pathway. Ordered from best to worst, so the worst of several is the maximum.
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

/// What a rule says when it fires (§5.2): a positive reason, something to check, a reason against, or a note
/// for the lawyer that never changes the outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Info,
    Eligible,
    Review,
    NotEligible,
}

impl Kind {
    /// The pathway outcome this rule pushes towards; `None` for info rules.
    pub fn outcome(self) -> Option<Outcome> {
        match self {
            Kind::Info => None,
            Kind::Eligible => Some(Outcome::LikelyEligible),
            Kind::Review => Some(Outcome::NeedsReview),
            Kind::NotEligible => Some(Outcome::LikelyNotEligible),
        }
    }

    /// The brief's group: deciding, to check, in place, notes.
    pub fn group_key(self) -> &'static str {
        match self {
            Kind::NotEligible => "brief-group-deciding",
            Kind::Review => "brief-group-check",
            Kind::Eligible => "brief-group-in-place",
            Kind::Info => "brief-group-notes",
        }
    }

    /// The brief's groups, in the order they are shown.
    pub const BRIEF_ORDER: [Kind; 4] = [Kind::NotEligible, Kind::Review, Kind::Eligible, Kind::Info];
}

/// A rule that fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Fired {
    /// The rule id of the domain reference: `"G2"`.
    pub rule: &'static str,
    pub kind: Kind,
}

impl Fired {
    /// The Fluent key of the reason shown to the applicant (`rule-G2`), or written in the brief for info rules.
    pub fn reason_key(&self) -> &'static str {
        rule(self.rule).map_or("prescreen-no-clear-result", |r| r.reason_key)
    }
}

/// The values some reasons carry (§5.6).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Values {
    /// I2: the date the current full-time run reaches 12 months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligible_from: Option<NaiveDate>,
    /// The pay compared with the Job Bank median (GTS, ICT), when the NOC is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wage: Option<WageCheck>,
    /// The firm's shorthand of the track assessed: `gts_b`, `gts_a`, `ict_r205a`, `ict_cusma`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
}

/// A pay compared (or to compare) with the median on file (§7.4, §7.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WageCheck {
    pub noc: String,
    /// Where the work is: the project's province code, and the economic region if given.
    pub province: Option<String>,
    pub region: Option<String>,
    /// The pay, when given: hourly in cents and annual in dollars, at `hours_per_week`.
    pub pay: Option<PayFigures>,
    /// The median found, if any (§7.6: none at any level, or no wage data).
    pub median: Option<MedianFigure>,
    /// The edition searched; `None`: no wage data imported.
    pub edition: Option<NaiveDate>,
    /// GTS in Quebec: shown for reference only, no rule compares (§7.4).
    pub reference_only: bool,
}

impl WageCheck {
    /// The median on file for `noc` where the work is (§7.4), beside the pay.
    fn look_up(
        ctx: &Context<'_>,
        noc: &str,
        place: (Option<&str>, Option<&str>),
        pay: Option<common::Pay>,
        reference_only: bool,
    ) -> WageCheck {
        let (province, region) = place;
        WageCheck {
            noc: noc.to_owned(),
            province: province.map(str::to_owned),
            region: region.map(str::to_owned),
            pay: pay.map(common::Pay::figures),
            median: ctx.medians.lookup(noc, province, region).cloned(),
            edition: ctx.medians.edition.as_ref().map(|e| e.effective_date),
            reference_only,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PayFigures {
    pub hourly_cents: i64,
    pub annual: f64,
    pub given_hourly: bool,
    pub hours_per_week: f64,
}

/// The pre-screen of one pathway.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathwayAssessment {
    pub pathway: Pathway,
    pub outcome: Outcome,
    /// Every rule that fired, info rules included, in the order of [`RULE_IDS`].
    pub fired: Vec<Fired>,
    pub values: Values,
}

impl PathwayAssessment {
    /// The ids to store (`["G2", "X1", "X8"]`), info rules included.
    pub fn rule_ids(&self) -> Vec<&'static str> {
        self.fired.iter().map(|f| f.rule).collect()
    }

    /// The rules of one kind, in rule order.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Fired> {
        self.fired.iter().filter(move |f| f.kind == kind)
    }

    /// What the applicant sees (§5.3).
    pub fn applicant_view(&self) -> ApplicantView {
        let keys = |kind| self.of_kind(kind).copied().collect::<Vec<_>>();
        match self.outcome {
            Outcome::LikelyNotEligible => ApplicantView {
                why: keys(Kind::NotEligible),
                to_check: keys(Kind::Review),
                in_place: Vec::new(),
                no_clear_result: false,
            },
            Outcome::NeedsReview => ApplicantView {
                why: Vec::new(),
                to_check: keys(Kind::Review),
                in_place: keys(Kind::Eligible),
                no_clear_result: !self.fired.iter().any(|f| f.kind.outcome().is_some()),
            },
            Outcome::LikelyEligible => ApplicantView {
                why: Vec::new(),
                to_check: Vec::new(),
                in_place: keys(Kind::Eligible),
                no_clear_result: false,
            },
        }
    }

    /// As stored on the application (§5.5).
    pub fn stored(&self) -> StoredAssessment {
        StoredAssessment {
            pathway: self.pathway,
            outcome: self.outcome,
            rules: self.rule_ids().into_iter().map(str::to_owned).collect(),
            values: self.values.clone(),
        }
    }
}

/// The reasons an applicant is shown, by box (§5.3). Info rules never appear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicantView {
    /// *Likely not eligible*: "Why".
    pub why: Vec<Fired>,
    /// "Also to check" under *likely not eligible*; "To check" under *needs review*.
    pub to_check: Vec<Fired>,
    /// The positive reasons: under *likely eligible*, or in the "What is already in place" box of *needs review*.
    /// Never under *likely not eligible*.
    pub in_place: Vec<Fired>,
    /// No outcome rule fired: "Your answers do not give a clear first picture yet".
    pub no_clear_result: bool,
}

/// One pathway's pre-screen as stored in `application.prescreen` (a JSON array of these).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredAssessment {
    pub pathway: Pathway,
    pub outcome: Outcome,
    pub rules: Vec<String>,
    #[serde(default)]
    pub values: Values,
}

impl StoredAssessment {
    /// The rules that fired, grouped as the brief shows them (§5.4), each group in rule order. Unknown ids (a rule
    /// retired since) are left out.
    pub fn groups(&self) -> Vec<(Kind, Vec<&'static str>)> {
        Kind::BRIEF_ORDER
            .into_iter()
            .map(|kind| {
                let ids = self
                    .rules
                    .iter()
                    .filter_map(|id| rule(id))
                    .filter(|r| r.kind == kind)
                    .map(|r| r.id)
                    .collect();
                (kind, ids)
            })
            .collect()
    }
}

/// The pre-screen as stored in `application.prescreen`: the assessment of the applicant's pathway,
/// then those of the other pathways assessed for an applicant who was not sure. Stored as the plain
/// JSON array it always was, so the order is what says which was chosen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoredPrescreen(Vec<StoredAssessment>);

impl StoredPrescreen {
    /// The pre-screen of `results`, assessed in order: the applicant's pathway first.
    pub fn from_results(results: &[PathwayAssessment]) -> StoredPrescreen {
        StoredPrescreen(results.iter().map(PathwayAssessment::stored).collect())
    }

    /// The assessment of the pathway the applicant chose (`None` before any pre-screen).
    pub fn chosen(&self) -> Option<&StoredAssessment> {
        self.0.first()
    }

    /// The other pathways assessed ("not sure"), in the order they were assessed.
    pub fn others(&self) -> &[StoredAssessment] {
        self.0.get(1..).unwrap_or_default()
    }

    /// Every assessment, the chosen one first (as the firm's brief takes them).
    pub fn all(&self) -> &[StoredAssessment] {
        &self.0
    }
}

/// What the rules need besides the answers: the date (ICT tenure, status expiry, filing date) and the Job Bank
/// medians of the edition in force on that date.
pub struct Context<'a> {
    /// Today in the firm's time zone; the caller reads the clock.
    pub today: NaiveDate,
    pub medians: &'a MedianTable,
}

impl<'a> Context<'a> {
    pub fn new(today: NaiveDate, medians: &'a MedianTable) -> Self {
        Context { today, medians }
    }
}

struct Rule {
    id: &'static str,
    kind: Kind,
    reason_key: &'static str,
}

macro_rules! rules {
    ($($id:literal => $kind:ident),* $(,)?) => {
        const RULES: &[Rule] = &[$(Rule { id: $id, kind: Kind::$kind, reason_key: concat!("rule-", $id) }),*];
        /// Every rule id, in the order of the domain reference (GTS, CUSMA, ICT, then the rules of every pathway).
        pub const RULE_IDS: &[&str] = &[$($id),*];
    };
}

rules! {
    "G1" => NotEligible, "G2" => Eligible, "G3" => Eligible, "G4" => Review, "G5" => NotEligible,
    "G6" => Review, "G7" => NotEligible, "G8" => NotEligible, "G9" => Review, "G10" => NotEligible,
    "G11" => NotEligible, "G12" => NotEligible, "G13" => NotEligible, "G14" => Review, "G15" => Info,
    "C1" => NotEligible, "C2" => NotEligible, "C3" => Review, "C4" => Eligible, "C5" => NotEligible,
    "C7" => Review, "C8" => NotEligible, "C9" => Review, "C10" => Review, "C11" => Review,
    "C12" => Review, "C13" => Review, "C14" => Review, "C15" => Review,
    "I1" => NotEligible, "I2" => NotEligible, "I3" => NotEligible, "I4" => Review, "I5" => NotEligible,
    "I6" => Review, "I7" => NotEligible, "I8" => Eligible, "I9" => Review, "I10" => Review,
    "I11" => NotEligible, "I12" => Review, "I13" => Review, "I14" => NotEligible, "I15" => NotEligible,
    "I16" => Review, "I17" => NotEligible, "I18" => Review, "I19" => Review, "I20" => Review,
    "I21" => Review, "I22" => Info, "I23" => Info,
    "X1" => Review, "X2" => Review, "X3" => Review, "X4" => Review, "X5" => Review, "X6" => Review,
    "X7" => Info, "X8" => Info, "X9" => Review, "X10" => Info, "X11" => Info, "X12" => Info,
}

/// Rule ids of the domain reference that are retired (kept in its tables, never fired): C6 in v2.
pub const RETIRED_RULE_IDS: &[&str] = &["C6"];

fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// What a rule says when it fires, `None` for an unknown id.
pub fn rule_kind(id: &str) -> Option<Kind> {
    rule(id).map(|r| r.kind)
}

/// The Fluent key of a rule's reason, `None` for an unknown id.
pub fn reason_key(id: &str) -> Option<&'static str> {
    rule(id).map(|r| r.reason_key)
}

/// The Fluent key of a pathway's name (`pathway-gts`).
pub fn pathway_key(pathway: Pathway) -> &'static str {
    match pathway {
        Pathway::Gts => "pathway-gts",
        Pathway::Cusma => "pathway-cusma",
        Pathway::Ict => "pathway-ict",
    }
}

/// The rules that fired so far, without duplicates, and the values their reasons carry.
#[derive(Default)]
struct Hits {
    fired: Vec<Fired>,
    values: Values,
}

impl Hits {
    fn fire(&mut self, id: &'static str) {
        let kind = rule_kind(id).unwrap_or_else(|| panic!("rule {id} is not in RULES"));
        if !self.has(id) {
            self.fired.push(Fired { rule: id, kind });
        }
    }

    fn has(&self, id: &str) -> bool {
        self.fired.iter().any(|f| f.rule == id)
    }

    fn into_sorted(mut self) -> (Vec<Fired>, Values) {
        self.fired.sort_by_key(|f| RULE_IDS.iter().position(|id| *id == f.rule));
        (self.fired, self.values)
    }
}

/// §5.2: the worst outcome among the outcome rules that fired; [`Outcome::NeedsReview`] when none did. Info rules
/// never count.
pub fn combine(fired: &[Fired]) -> Outcome {
    fired
        .iter()
        .filter_map(|f| f.kind.outcome())
        .max()
        .unwrap_or(Outcome::NeedsReview)
}

/// The pre-screen of one pathway: its own rules plus the rules of every pathway (X1–X12).
pub fn assess(answers: &Answers, pathway: Pathway, ctx: &Context<'_>) -> PathwayAssessment {
    let mut hits = Hits::default();
    match pathway {
        Pathway::Gts => gts::rules(answers, ctx, &mut hits),
        Pathway::Cusma => cusma::rules(answers, &mut hits),
        Pathway::Ict => ict::rules(answers, ctx, &mut hits),
    }
    common::rules(answers, pathway, ctx, &mut hits);
    let (fired, values) = hits.into_sorted();
    PathwayAssessment {
        pathway,
        outcome: combine(&fired),
        fired,
        values,
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

/// The NOC codes whose medians an assessment of these answers reads (GTS job, ICT proposed job).
pub fn nocs_to_look_up(answers: &Answers) -> Vec<String> {
    let mut nocs: Vec<String> = [gts::noc_digits(answers), ict::noc_digits(answers)]
        .into_iter()
        .flatten()
        .map(str::to_owned)
        .collect();
    nocs.dedup();
    nocs
}
