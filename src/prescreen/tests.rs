//! The pre-screen against docs/domain/pathways.md (v2): every rule fires on one side of its boundary and not on
//! the other (one cent, one day, one month, one answer away); the median lookup (§7.4); combination and what the
//! applicant sees (§5); realistic applicants as a lawyer would read them; the texts of the brief; suggestions; the
//! rule ids and kinds match the domain reference.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::*;
use crate::domain::wage::{Edition, GeoLevel, MedianFigure, MedianTable, WageUnit};
use crate::i18n::Lang;

/// The date the tests run "on".
fn today() -> NaiveDate {
    date("2026-03-01")
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Fields stored as multi-selects: their test value is comma-separated.
const LIST_FIELDS: &[&str] = &["citizenships", "countries_with_revenue_operations"];

/// `base` with `pairs` set; an empty value removes the field.
fn with(base: &Answers, pairs: &[(&str, &str)]) -> Answers {
    let mut a = base.clone();
    for (field, value) in pairs {
        if value.is_empty() {
            a.remove(field);
        } else if LIST_FIELDS.contains(field) {
            a.set_list(field, &value.split(',').collect::<Vec<_>>());
        } else {
            a.set(field, *value);
        }
    }
    a
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    with(&Answers::default(), pairs)
}

// ---------------------------------------------------------------------------------------------------------------
// Job Bank medians (§7)
// ---------------------------------------------------------------------------------------------------------------

/// The edition every test table holds: the 2025 Job Bank update.
fn edition_date() -> NaiveDate {
    date("2025-11-19")
}

/// Areas of the wage file: ER code, province, English and French names (as in the starter file).
const AREAS: &[(&str, Option<&str>, &str, &str)] = &[
    ("ER00", None, "Canada", "Canada"),
    ("ER12", Some("NS"), "Nova Scotia", "Nouvelle-Écosse"),
    ("ER24", Some("QC"), "Quebec", "Québec"),
    ("ER2440", Some("QC"), "Montréal", "Montréal"),
    ("ER35", Some("ON"), "Ontario", "Ontario"),
    ("ER3510", Some("ON"), "Ottawa", "Ottawa"),
    ("ER3530", Some("ON"), "Toronto", "Toronto"),
    ("ER47", Some("SK"), "Saskatchewan", "Saskatchewan"),
    ("ER48", Some("AB"), "Alberta", "Alberta"),
    ("ER4830", Some("AB"), "Calgary", "Calgary"),
    ("ER59", Some("BC"), "British Columbia", "Colombie-Britannique"),
    ("ER5920", Some("BC"), "Lower Mainland", "Lower Mainland--Sud-ouest"),
];

/// A median of the 2025-11-19 edition for `noc` in the area `er` (`ER00` Canada, `ER35` Ontario, `ER3530`
/// Toronto: the level follows the code's length, as in the wage file).
fn figure(noc: &str, er: &str, median: f64, unit: WageUnit, period: &str) -> MedianFigure {
    let &(_, province, name_en, name_fr) = AREAS
        .iter()
        .find(|a| a.0 == er)
        .unwrap_or_else(|| panic!("area {er} is not in AREAS"));
    let level = match er.len() {
        _ if er == "ER00" => GeoLevel::National,
        4 => GeoLevel::Province,
        _ => GeoLevel::EconomicRegion,
    };
    MedianFigure {
        noc: noc.to_owned(),
        level,
        province: province.map(str::to_owned),
        er_code: (level == GeoLevel::EconomicRegion).then(|| er.to_owned()),
        area_en: name_en.to_owned(),
        area_fr: name_fr.to_owned(),
        median,
        unit,
        reference_period: period.to_owned(),
        effective_date: edition_date(),
    }
}

/// One edition (2025-11-19) holding these rows.
fn wage_table(rows: Vec<MedianFigure>) -> MedianTable {
    MedianTable {
        edition: Some(Edition {
            effective_date: edition_date(),
            source_file: "test.csv".into(),
        }),
        rows,
    }
}

/// A NOC and its Canada, Ontario and Toronto (ER3530) medians; `None`: N/A at that level.
type NocMedians<'a> = (&'a str, Option<f64>, Option<f64>, Option<f64>);

/// One edition (2025-11-19) holding, for each NOC, its Canada, Ontario and Toronto (ER3530) medians in `unit`;
/// `None` leaves that level out (N/A in the file).
fn medians(unit: WageUnit, nocs: &[NocMedians]) -> MedianTable {
    let rows = nocs
        .iter()
        .flat_map(|&(noc, canada, ontario, toronto)| {
            [("ER00", canada), ("ER35", ontario), ("ER3530", toronto)]
                .into_iter()
                .filter_map(move |(er, m)| m.map(|m| figure(noc, er, m, unit, "2023-2024")))
        })
        .collect();
    wage_table(rows)
}

/// Hourly medians at the three levels.
fn hourly(nocs: &[NocMedians]) -> MedianTable {
    medians(WageUnit::Hourly, nocs)
}

/// No wage data imported at all.
fn no_wage_data() -> MedianTable {
    MedianTable::default()
}

/// Hourly medians of the 2025 starter file (data/wages/job_bank_wages_2025_starter.csv) for the occupations the
/// realistic applicants hold: NOC, area, median, reference period.
const STARTER: &[(&str, &str, f64, &str)] = &[
    ("20012", "ER00", 66.67, "2023-2024"),
    ("20012", "ER35", 66.67, "2023-2024"),
    ("20012", "ER3510", 66.67, "2023-2024"),
    ("20012", "ER3530", 67.69, "2023-2024"),
    ("20012", "ER24", 67.55, "2023-2024"),
    ("20012", "ER2440", 68.27, "2023-2024"),
    ("20012", "ER59", 63.16, "2023-2024"),
    ("20012", "ER5920", 67.31, "2023-2024"),
    ("21211", "ER00", 46.15, "2023-2024"),
    ("21211", "ER35", 47.69, "2023-2024"),
    ("21211", "ER3530", 46.33, "2023-2024"),
    ("21222", "ER00", 46.15, "2023-2024"),
    ("21222", "ER35", 47.0, "2023-2024"),
    ("21222", "ER3510", 49.33, "2023-2024"),
    ("21222", "ER3530", 48.08, "2023-2024"),
    ("21231", "ER00", 56.49, "2023-2024"),
    ("21231", "ER35", 56.73, "2023-2024"),
    ("21231", "ER3510", 56.73, "2023-2024"),
    ("21231", "ER3530", 56.49, "2023-2024"),
    ("21231", "ER24", 53.6, "2023-2024"),
    ("21231", "ER2440", 52.88, "2023-2024"),
    ("21231", "ER48", 51.92, "2023-2024"),
    ("21231", "ER4830", 51.92, "2023-2024"),
    ("21231", "ER59", 62.5, "2023-2024"),
    ("21231", "ER5920", 62.5, "2023-2024"),
    ("21232", "ER00", 48.08, "2023-2024"),
    ("21232", "ER35", 48.08, "2023-2024"),
    ("21232", "ER3510", 50.26, "2023-2024"),
    ("21232", "ER3530", 48.08, "2023-2024"),
    ("21232", "ER24", 45.67, "2023-2024"),
    ("21232", "ER2440", 45.67, "2023-2024"),
    ("21232", "ER59", 52.4, "2023-2024"),
    ("21232", "ER5920", 52.4, "2023-2024"),
    ("21232", "ER12", 40.87, "2023-2024"),
    ("22220", "ER00", 36.0, "2023-2024"),
    ("22220", "ER35", 35.71, "2023-2024"),
    ("22220", "ER3530", 35.71, "2023-2024"),
    ("22220", "ER59", 31.25, "2023-2024"),
    ("22220", "ER5920", 31.25, "2023-2024"),
    ("22221", "ER00", 31.47, "2023-2024"),
    ("22221", "ER35", 33.0, "2023-2024"),
    ("22221", "ER3530", 34.5, "2023-2024"),
    ("22222", "ER00", 35.0, "2023-2024"),
    ("22222", "ER35", 37.98, "2023-2024"),
    ("22222", "ER3530", 36.96, "2023-2024"),
    ("22222", "ER24", 20.0, "2023-2024"),
    ("22222", "ER2440", 21.63, "2023-2024"),
    ("52120", "ER00", 31.25, "2023-2024"),
    ("52120", "ER35", 32.69, "2023-2024"),
    ("52120", "ER3530", 33.65, "2023-2024"),
];

fn starter_wages() -> MedianTable {
    wage_table(
        STARTER
            .iter()
            .map(|&(noc, er, median, period)| figure(noc, er, median, WageUnit::Hourly, period))
            .collect(),
    )
}

// ---------------------------------------------------------------------------------------------------------------
// Base profiles
// ---------------------------------------------------------------------------------------------------------------

const COMMON: &[(&str, &str)] = &[
    ("citizenships", "FR"),
    ("country_of_residence", "FR"),
    ("current_location", "outside_canada"),
    ("highest_education", "bachelor"),
    ("prior_refusal_or_removal", "no"),
    ("criminal_history", "no"),
    ("entry_plan", "online_from_abroad"),
];

/// A listed GTS job with a fixed floor (22222, $41.03/h), paid above it in Ontario: G2 (and the X8 note).
fn gts(pairs: &[(&str, &str)]) -> Answers {
    let base = with(
        &answers(COMMON),
        &[
            ("job_offer_status", "written"),
            ("employer_will_file_gts_lmia", "yes"),
            ("gts_referral_status", "none"),
            ("employer_province", "ON"),
            ("employer_city", "Toronto"),
            ("job_title", "QA analyst"),
            ("noc_2021_code", "22222"),
            ("offered_wage", "45"),
            ("wage_unit", "hourly"),
            ("hours_per_week", "40"),
            ("years_specialized_experience", "3"),
        ],
    );
    with(&base, pairs)
}

/// A US citizen, computer systems analyst with a related US bachelor's, TEER 1 job as an employee: C4 (and the X8
/// and X12 notes).
fn cusma(pairs: &[(&str, &str)]) -> Answers {
    let base = with(
        &answers(COMMON),
        &[
            ("citizenships", "US"),
            ("citizenship_basis", "us_citizen"),
            ("job_offer_status", "written"),
            ("cusma_profession", "computer_systems_analyst"),
            ("job_title", "Systems analyst"),
            (
                "job_duties",
                "Analyse business requirements and design information systems for our clients.",
            ),
            ("noc_2021_code", "21222"),
            ("engagement_type", "employee"),
            ("controls_canadian_entity", "no"),
            ("credential_type", "bachelor_or_licenciatura"),
            ("credential_field_related", "yes"),
            ("credential_country", "US"),
            ("years_experience_in_profession", "4"),
            ("licence_held", "none"),
            ("profession_regulated_in_destination", "no"),
        ],
    );
    with(&base, pairs)
}

/// A functional manager of a French multinational moving to its operating Toronto subsidiary in the same role, on
/// the R205(a) route, paid $150,000 (above every 20012 median): I8 (and the X8, X11 and X12 notes).
fn ict(pairs: &[(&str, &str)]) -> Answers {
    let base = with(
        &answers(COMMON),
        &[
            ("foreign_employer_name", "Acme SA"),
            ("foreign_employer_country", "FR"),
            ("countries_with_revenue_operations", "FR,DE"),
            ("canadian_entity_status", "operating"),
            ("relationship", "subsidiary"),
            ("applicant_owns_controlling_interest", "no"),
            ("currently_employed_by_foreign_entity", "yes"),
            ("employment_full_time_continuous", "yes"),
            ("employment_start_date", "2023-01-15"),
            ("current_role_category", "functional_manager"),
            ("proposed_role_category", "functional_manager"),
            ("proposed_noc_2021_code", "20012"),
            ("work_province", "ON"),
            ("work_city", "Toronto"),
            ("hours_per_week", "40"),
            ("direct_reports", "5"),
            ("reports_are_professionals", "yes"),
            ("reports_include_managers", "yes"),
            ("canadian_entity_headcount", "40"),
            ("proposed_wage", "150000"),
            ("wage_unit", "annual"),
            ("home_position_held_for_return", "yes"),
            ("work_location_type", "canadian_office"),
            ("canadian_premises", "commercial"),
            ("prior_ict_months_in_canada", "0"),
            ("assignment_months", "24"),
        ],
    );
    with(&base, pairs)
}

/// The ICT base as a specialized-knowledge transfer into NOC 21231 at $50/h.
fn sk(pairs: &[(&str, &str)]) -> Answers {
    let base = ict(&[
        ("current_role_category", "specialized_knowledge"),
        ("proposed_role_category", "specialized_knowledge"),
        ("proposed_noc_2021_code", "21231"),
        ("proposed_wage", "50"),
        ("wage_unit", "hourly"),
        ("direct_reports", ""),
        ("reports_are_professionals", ""),
        ("reports_include_managers", ""),
        ("canadian_entity_headcount", ""),
    ]);
    with(&base, pairs)
}

/// A GTS job not on the list (the NOC is `other`, no code typed), referred, $80,000 a year, master's degree.
fn category_a(pairs: &[(&str, &str)]) -> Answers {
    let base = gts(&[
        ("noc_2021_code", "other"),
        ("gts_referral_status", "referred"),
        ("offered_wage", "80000"),
        ("wage_unit", "annual"),
        ("highest_education", "master"),
    ]);
    with(&base, pairs)
}

fn run(a: &Answers, pathway: Pathway, medians: &MedianTable) -> PathwayAssessment {
    assess(a, pathway, &Context::new(today(), medians))
}

/// Every rule that fired, with no wage data.
fn ids(a: &Answers, pathway: Pathway) -> Vec<&'static str> {
    run(a, pathway, &no_wage_data()).rule_ids()
}

/// The outcome rules that fired (info rules left out).
fn outcome_ids(result: &PathwayAssessment) -> Vec<&'static str> {
    result
        .fired
        .iter()
        .filter(|f| f.kind != Kind::Info)
        .map(|f| f.rule)
        .collect()
}

fn fired(rule: &'static str) -> Fired {
    Fired {
        rule,
        kind: rule_kind(rule).unwrap(),
    }
}

fn rules_of(fired: &[Fired]) -> Vec<&'static str> {
    fired.iter().map(|f| f.rule).collect()
}

// ---------------------------------------------------------------------------------------------------------------
// One case per boundary
// ---------------------------------------------------------------------------------------------------------------

/// A rule, answers that fire it, and answers one fact away that do not.
struct Case {
    rule: &'static str,
    pathway: Pathway,
    /// The pathway the miss is assessed on (the same, unless the pathway itself is the fact that changes).
    miss_pathway: Pathway,
    medians: MedianTable,
    /// The table the miss is assessed with (the same, unless the wage data is the fact that changes).
    miss_medians: MedianTable,
    fires: Answers,
    misses: Answers,
}

impl Case {
    fn new(rule: &'static str, pathway: Pathway, fires: Answers, misses: Answers) -> Self {
        Case {
            rule,
            pathway,
            miss_pathway: pathway,
            medians: no_wage_data(),
            miss_medians: no_wage_data(),
            fires,
            misses,
        }
    }

    fn medians(mut self, medians: &MedianTable) -> Self {
        self.medians = medians.clone();
        self.miss_medians = medians.clone();
        self
    }

    fn miss_medians(mut self, medians: &MedianTable) -> Self {
        self.miss_medians = medians.clone();
        self
    }

    fn miss_on(mut self, pathway: Pathway) -> Self {
        self.miss_pathway = pathway;
        self
    }

    fn hit(&self) -> PathwayAssessment {
        run(&self.fires, self.pathway, &self.medians)
    }

    fn miss(&self) -> PathwayAssessment {
        run(&self.misses, self.miss_pathway, &self.miss_medians)
    }

    fn check(&self) {
        let hit = self.hit();
        let kind = rule_kind(self.rule).unwrap_or_else(|| panic!("{} is not a rule", self.rule));
        let found = hit.fired.iter().find(|f| f.rule == self.rule);
        assert!(found.is_some(), "{} should fire; fired {:?}", self.rule, hit.rule_ids());
        assert_eq!(found.unwrap().kind, kind, "{}", self.rule);
        if let Some(outcome) = kind.outcome() {
            assert!(hit.outcome >= outcome, "{}: outcome {:?}", self.rule, hit.outcome);
        }
        let miss = self.miss();
        assert!(
            !miss.rule_ids().contains(&self.rule),
            "{} should not fire; fired {:?}",
            self.rule,
            miss.rule_ids()
        );
    }
}

mod cases {
    use super::*;
    use Pathway::{Cusma, Gts, Ict};

    // -- GTS (§1.3) -------------------------------------------------------------------------------------------

    pub fn g1() -> Vec<Case> {
        vec![
            Case::new(
                "G1",
                Gts,
                gts(&[("job_offer_status", "none")]),
                gts(&[("job_offer_status", "in_discussion")]),
            ),
            Case::new(
                "G1",
                Gts,
                gts(&[("employer_will_file_gts_lmia", "no")]),
                gts(&[("employer_will_file_gts_lmia", "unsure")]),
            ),
        ]
    }

    pub fn g2() -> Vec<Case> {
        // A median above 22222's floor, in Toronto only.
        let toronto_45 = hourly(&[("22222", Some(35.0), Some(37.98), Some(45.0))]);
        let annual_median = medians(WageUnit::Annual, &[("22222", None, Some(90_000.0), None)]);
        vec![
            // 22222's floor is $41.03/h: exactly at it passes, one cent below does not.
            Case::new(
                "G2",
                Gts,
                gts(&[("offered_wage", "41.03")]),
                gts(&[("offered_wage", "41.02")]),
            ),
            // $85,342.40 a year at 40 h is $41.03/h; $85,321 is $41.02.
            Case::new(
                "G2",
                Gts,
                gts(&[("offered_wage", "85342.40"), ("wage_unit", "annual")]),
                gts(&[("offered_wage", "85321"), ("wage_unit", "annual")]),
            ),
            // hours_per_week converts: $80,000 over 37.5 h is $41.03/h, over 40 h $38.46.
            Case::new(
                "G2",
                Gts,
                gts(&[
                    ("offered_wage", "80000"),
                    ("wage_unit", "annual"),
                    ("hours_per_week", "37.5"),
                ]),
                gts(&[
                    ("offered_wage", "80000"),
                    ("wage_unit", "annual"),
                    ("hours_per_week", "40"),
                ]),
            ),
            // 40 hours only when hours_per_week is absent.
            Case::new(
                "G2",
                Gts,
                gts(&[
                    ("offered_wage", "80000"),
                    ("wage_unit", "annual"),
                    ("hours_per_week", "37.5"),
                ]),
                gts(&[
                    ("offered_wage", "80000"),
                    ("wage_unit", "annual"),
                    ("hours_per_week", ""),
                ]),
            ),
            // A higher median in the work region raises the floor; elsewhere in Ontario it does not.
            Case::new(
                "G2",
                Gts,
                gts(&[("offered_wage", "45.00"), ("work_economic_region", "ER3530")]),
                gts(&[("offered_wage", "44.99"), ("work_economic_region", "ER3530")]),
            )
            .medians(&toronto_45),
            Case::new(
                "G2",
                Gts,
                gts(&[("offered_wage", "44.99"), ("work_economic_region", "ER3510")]),
                gts(&[("offered_wage", "44.99"), ("work_economic_region", "ER3530")]),
            )
            .medians(&toronto_45),
            // An annual median is compared with the annual pay: $43.27 × 2080 = $90,001.60, $43.26 is $89,980.80.
            Case::new(
                "G2",
                Gts,
                gts(&[("offered_wage", "43.27")]),
                gts(&[("offered_wage", "43.26")]),
            )
            .medians(&annual_median),
        ]
    }

    pub fn g3() -> Vec<Case> {
        // Starter figures of 21231: Canada $56.49, Ontario $56.73, Toronto (ER3530) $56.49.
        let real = hourly(&[("21231", Some(56.49), Some(56.73), Some(56.49))]);
        let listed = |pairs: &[(&str, &str)]| with(&gts(&[("noc_2021_code", "21231")]), pairs);
        let annual = medians(WageUnit::Annual, &[("21231", None, Some(117_500.0), None)]);
        vec![
            // The region's figure decides: at it passes, one cent below does not.
            Case::new(
                "G3",
                Gts,
                listed(&[("work_economic_region", "ER3530"), ("offered_wage", "56.49")]),
                listed(&[("work_economic_region", "ER3530"), ("offered_wage", "56.48")]),
            )
            .medians(&real),
            // Without a region (or `unknown`), Ontario's higher figure applies.
            Case::new(
                "G3",
                Gts,
                listed(&[("work_economic_region", "ER3530"), ("offered_wage", "56.50")]),
                listed(&[("work_economic_region", "unknown"), ("offered_wage", "56.50")]),
            )
            .medians(&real),
            // A region with no figure (N/A) falls back to the province.
            Case::new(
                "G3",
                Gts,
                listed(&[("work_economic_region", "ER3510"), ("offered_wage", "56.73")]),
                listed(&[("work_economic_region", "ER3510"), ("offered_wage", "56.72")]),
            )
            .medians(&real),
            // A province with no figure falls back to Canada.
            Case::new(
                "G3",
                Gts,
                listed(&[("employer_province", "BC"), ("offered_wage", "56.49")]),
                listed(&[("employer_province", "ON"), ("offered_wage", "56.49")]),
            )
            .medians(&real),
            // An annual median is compared with the annual pay: $56.50 × 40 × 52 = $117,520; $56.49 is $117,499.20.
            Case::new(
                "G3",
                Gts,
                listed(&[("offered_wage", "56.50")]),
                listed(&[("offered_wage", "56.49")]),
            )
            .medians(&annual),
            // ...whatever the hours, for a wage given by the year.
            Case::new(
                "G3",
                Gts,
                listed(&[
                    ("offered_wage", "117500"),
                    ("wage_unit", "annual"),
                    ("hours_per_week", "20"),
                ]),
                listed(&[
                    ("offered_wage", "117499"),
                    ("wage_unit", "annual"),
                    ("hours_per_week", "20"),
                ]),
            )
            .medians(&annual),
            // hours_per_week converts an annual wage for an hourly median: $115,000 is $58.97/h at 37.5 h, $55.29 at 40.
            Case::new(
                "G3",
                Gts,
                listed(&[
                    ("offered_wage", "115000"),
                    ("wage_unit", "annual"),
                    ("hours_per_week", "37.5"),
                ]),
                listed(&[
                    ("offered_wage", "115000"),
                    ("wage_unit", "annual"),
                    ("hours_per_week", "40"),
                ]),
            )
            .medians(&real),
            // `other` with a listed code typed beside it is listed.
            Case::new(
                "G3",
                Gts,
                gts(&[
                    ("noc_2021_code", "other"),
                    ("noc_2021_code_other", "21231"),
                    ("offered_wage", "60"),
                ]),
                gts(&[
                    ("noc_2021_code", "other"),
                    ("noc_2021_code_other", "21100"),
                    ("offered_wage", "60"),
                ]),
            )
            .medians(&real),
        ]
    }

    pub fn g4() -> Vec<Case> {
        let listed = |pairs: &[(&str, &str)]| with(&gts(&[("noc_2021_code", "21231")]), pairs);
        let other_noc_only = hourly(&[("21232", Some(48.08), Some(48.08), Some(48.08))]);
        vec![
            // No wage data at all; with a median on file G3 or G12 decides instead.
            Case::new("G4", Gts, listed(&[]), listed(&[])).miss_medians(&hourly(&[("21231", Some(56.49), None, None)])),
            // An edition without this NOC; a fixed-floor job has its own rule.
            Case::new("G4", Gts, listed(&[]), gts(&[])).medians(&other_noc_only),
            // Whatever the pay, even none.
            Case::new("G4", Gts, listed(&[("offered_wage", "")]), gts(&[("offered_wage", "")])),
            // `other`, with a listed code typed beside it.
            Case::new(
                "G4",
                Gts,
                gts(&[("noc_2021_code", "other"), ("noc_2021_code_other", "21231")]),
                gts(&[("noc_2021_code", "other"), ("noc_2021_code_other", "21100")]),
            ),
            // Quebec: no GTS rule compares with Job Bank medians there.
            Case::new(
                "G4",
                Gts,
                listed(&[("employer_province", "ON")]),
                listed(&[("employer_province", "QC")]),
            ),
        ]
    }

    pub fn g5() -> Vec<Case> {
        let toronto_45 = hourly(&[("22222", Some(35.0), Some(37.98), Some(45.0))]);
        vec![
            Case::new(
                "G5",
                Gts,
                gts(&[("offered_wage", "41.02")]),
                gts(&[("offered_wage", "41.03")]),
            ),
            // Above the floor, below the region's median.
            Case::new(
                "G5",
                Gts,
                gts(&[("offered_wage", "44.99"), ("work_economic_region", "ER3530")]),
                gts(&[("offered_wage", "45"), ("work_economic_region", "ER3530")]),
            )
            .medians(&toronto_45),
            // Quebec: MIFI floors, not this one.
            Case::new(
                "G5",
                Gts,
                gts(&[("offered_wage", "30")]),
                gts(&[("offered_wage", "30"), ("employer_province", "QC")]),
            ),
        ]
    }

    pub fn g6() -> Vec<Case> {
        vec![
            Case::new(
                "G6",
                Gts,
                gts(&[("employer_province", "QC")]),
                gts(&[("employer_province", "ON")]),
            ),
            Case::new(
                "G6",
                Gts,
                gts(&[("noc_2021_code", "21232"), ("employer_province", "QC")]),
                gts(&[("noc_2021_code", "21232"), ("employer_province", "")]),
            )
            .medians(&starter_wages()),
        ]
    }

    pub fn g7() -> Vec<Case> {
        let maths = |actuarial| gts(&[("noc_2021_code", "21210"), ("role_is_actuarial", actuarial)]);
        vec![Case::new("G7", Gts, maths("yes"), maths("no"))]
    }

    pub fn g8() -> Vec<Case> {
        let listed = |noc, required| gts(&[("noc_2021_code", noc), ("job_requires_3y_listed_experience", required)]);
        vec![
            Case::new("G8", Gts, listed("52120", "no"), listed("52120", "yes")),
            Case::new("G8", Gts, listed("51120", "no"), listed("51120", "yes")),
        ]
    }

    pub fn g9() -> Vec<Case> {
        // A median for an unlisted NOC (21100), Toronto only.
        let unlisted_median = hourly(&[("21100", None, None, Some(45.0))]);
        let typed = |wage| {
            category_a(&[
                ("noc_2021_code_other", "21100"),
                ("work_economic_region", "ER3530"),
                ("offered_wage", wage),
            ])
        };
        vec![
            Case::new(
                "G9",
                Gts,
                category_a(&[]),
                category_a(&[("highest_education", "bachelor")]),
            ),
            Case::new(
                "G9",
                Gts,
                category_a(&[("highest_education", "bachelor"), ("years_specialized_experience", "5")]),
                category_a(&[
                    ("highest_education", "bachelor"),
                    ("years_specialized_experience", "4.5"),
                ]),
            ),
            Case::new(
                "G9",
                Gts,
                category_a(&[
                    ("gts_referral_status", "in_progress"),
                    ("highest_education", "doctorate"),
                ]),
                category_a(&[("gts_referral_status", "unsure")]),
            ),
            // A code typed in place of `other` is not listed either; `unknown` is neither.
            Case::new(
                "G9",
                Gts,
                category_a(&[("noc_2021_code", "21100")]),
                category_a(&[("noc_2021_code", "unknown")]),
            ),
            // With a listed code typed beside `other`, it is Category B after all.
            Case::new(
                "G9",
                Gts,
                category_a(&[("noc_2021_code_other", "21100")]),
                category_a(&[("noc_2021_code_other", "21231")]),
            ),
            // The median on file counts too: $93,600 is $45.00/h, $93,579.20 is $44.99.
            Case::new("G9", Gts, typed("93600"), typed("93579.20")).medians(&unlisted_median),
            // From the third Category A job, the $150,000 tier applies.
            Case::new(
                "G9",
                Gts,
                category_a(&[
                    ("gts_category_a_positions_this_year", "three_or_more"),
                    ("offered_wage", "150000"),
                ]),
                category_a(&[
                    ("gts_category_a_positions_this_year", "three_or_more"),
                    ("offered_wage", "149999.99"),
                ]),
            ),
        ]
    }

    pub fn g10() -> Vec<Case> {
        let unlisted = |referral| gts(&[("noc_2021_code", "other"), ("gts_referral_status", referral)]);
        vec![
            Case::new("G10", Gts, unlisted("none"), unlisted("unsure")),
            Case::new(
                "G10",
                Gts,
                unlisted("none"),
                gts(&[("noc_2021_code", "unknown"), ("gts_referral_status", "none")]),
            ),
        ]
    }

    pub fn g11() -> Vec<Case> {
        let unlisted_median = hourly(&[("21100", None, Some(45.0), Some(45.0))]);
        let typed = |pairs: &[(&str, &str)]| {
            with(
                &category_a(&[("noc_2021_code_other", "21100"), ("work_economic_region", "ER3530")]),
                pairs,
            )
        };
        vec![
            Case::new(
                "G11",
                Gts,
                category_a(&[("offered_wage", "79999.99")]),
                category_a(&[("offered_wage", "80000")]),
            ),
            Case::new(
                "G11",
                Gts,
                category_a(&[("offered_wage", "38.45"), ("wage_unit", "hourly")]),
                category_a(&[("offered_wage", "38.46"), ("wage_unit", "hourly")]),
            ),
            // $38.46 over 39 hours a week is under $80,000 a year; over 40 it is the $80,000 of the rule.
            Case::new(
                "G11",
                Gts,
                category_a(&[
                    ("offered_wage", "38.46"),
                    ("wage_unit", "hourly"),
                    ("hours_per_week", "39"),
                ]),
                category_a(&[
                    ("offered_wage", "38.46"),
                    ("wage_unit", "hourly"),
                    ("hours_per_week", "40"),
                ]),
            ),
            // Below the median on file (v2).
            Case::new(
                "G11",
                Gts,
                typed(&[("offered_wage", "93579.20")]),
                typed(&[("offered_wage", "93600")]),
            )
            .medians(&unlisted_median),
            // In Quebec no GTS rule compares with a Job Bank median (§7.4): the same pay, the same Quebec figure.
            Case::new(
                "G11",
                Gts,
                typed(&[("offered_wage", "90000")]),
                typed(&[
                    ("offered_wage", "90000"),
                    ("employer_province", "QC"),
                    ("work_economic_region", "ER2440"),
                ]),
            )
            .medians(&wage_table(vec![
                figure("21100", "ER3530", 45.0, WageUnit::Hourly, "2023-2024"),
                figure("21100", "ER2440", 45.0, WageUnit::Hourly, "2023-2024"),
            ])),
            // From the third job it is G13's tier instead.
            Case::new(
                "G11",
                Gts,
                category_a(&[
                    ("offered_wage", "79999.99"),
                    ("gts_category_a_positions_this_year", "one_or_two"),
                ]),
                category_a(&[
                    ("offered_wage", "79999.99"),
                    ("gts_category_a_positions_this_year", "three_or_more"),
                ]),
            ),
        ]
    }

    pub fn g12() -> Vec<Case> {
        let real = starter_wages();
        let listed = |noc, pairs: &[(&str, &str)]| with(&gts(&[("noc_2021_code", noc)]), pairs);
        let annual = medians(WageUnit::Annual, &[("21231", None, Some(117_500.0), None)]);
        vec![
            // Toronto's $56.49: one cent below.
            Case::new(
                "G12",
                Gts,
                listed(
                    "21231",
                    &[("work_economic_region", "ER3530"), ("offered_wage", "56.48")],
                ),
                listed(
                    "21231",
                    &[("work_economic_region", "ER3530"), ("offered_wage", "56.49")],
                ),
            )
            .medians(&real),
            // 21232 pays $50.26 in Ottawa but $48.08 in Ontario: the region's figure decides.
            Case::new(
                "G12",
                Gts,
                listed(
                    "21232",
                    &[("work_economic_region", "ER3510"), ("offered_wage", "50.25")],
                ),
                listed(
                    "21232",
                    &[("work_economic_region", "unknown"), ("offered_wage", "50.25")],
                ),
            )
            .medians(&real),
            // Annual median, hourly pay: $56.49 × 2080 = $117,499.20.
            Case::new(
                "G12",
                Gts,
                listed("21231", &[("offered_wage", "56.49")]),
                listed("21231", &[("offered_wage", "56.50")]),
            )
            .medians(&annual),
            // Not in Quebec.
            Case::new(
                "G12",
                Gts,
                listed("21232", &[("work_economic_region", "ER3530"), ("offered_wage", "40")]),
                listed(
                    "21232",
                    &[
                        ("employer_province", "QC"),
                        ("work_economic_region", "ER2440"),
                        ("offered_wage", "40"),
                    ],
                ),
            )
            .medians(&real),
        ]
    }

    pub fn g13() -> Vec<Case> {
        let third = |pairs: &[(&str, &str)]| {
            with(
                &category_a(&[("gts_category_a_positions_this_year", "three_or_more")]),
                pairs,
            )
        };
        vec![
            Case::new(
                "G13",
                Gts,
                third(&[("offered_wage", "149999.99")]),
                third(&[("offered_wage", "150000")]),
            ),
            // $72.10/h is below the hourly minimum; $72.11 × 2080 is $149,988.80, the rule's $150,000.
            Case::new(
                "G13",
                Gts,
                third(&[("offered_wage", "72.10"), ("wage_unit", "hourly")]),
                third(&[("offered_wage", "72.11"), ("wage_unit", "hourly")]),
            ),
            Case::new(
                "G13",
                Gts,
                third(&[("offered_wage", "100000")]),
                category_a(&[
                    ("gts_category_a_positions_this_year", "one_or_two"),
                    ("offered_wage", "100000"),
                ]),
            ),
        ]
    }

    pub fn g14() -> Vec<Case> {
        let unsure = |wage| category_a(&[("gts_category_a_positions_this_year", "unsure"), ("offered_wage", wage)]);
        vec![
            Case::new("G14", Gts, unsure("80000"), unsure("150000")),
            Case::new("G14", Gts, unsure("149999.99"), unsure("79999.99")),
            Case::new(
                "G14",
                Gts,
                unsure("80000"),
                category_a(&[("gts_category_a_positions_this_year", "one_or_two")]),
            ),
        ]
    }

    pub fn g15() -> Vec<Case> {
        vec![
            Case::new(
                "G15",
                Gts,
                gts(&[("employer_province", "BC")]),
                gts(&[("employer_province", "AB")]),
            ),
            Case::new(
                "G15",
                Gts,
                gts(&[("employer_province", "MB")]),
                gts(&[("employer_province", "ON")]),
            ),
            Case::new(
                "G15",
                Gts,
                gts(&[("employer_province", "SK")]),
                gts(&[("employer_province", "QC")]),
            ),
            Case::new(
                "G15",
                Gts,
                gts(&[("employer_province", "NS")]),
                gts(&[("employer_province", "NB")]),
            ),
        ]
    }

    // -- CUSMA Professionals (§2.3) ----------------------------------------------------------------------------

    pub fn c1() -> Vec<Case> {
        vec![
            Case::new(
                "C1",
                Cusma,
                cusma(&[("citizenships", "CA"), ("citizenship_basis", "us_or_mx_pr_only")]),
                cusma(&[("citizenships", "CA,US"), ("citizenship_basis", "us_or_mx_pr_only")]),
            ),
            Case::new(
                "C1",
                Cusma,
                cusma(&[("citizenships", "FR"), ("citizenship_basis", "")]),
                cusma(&[("citizenships", "FR"), ("citizenship_basis", "mx_citizen")]),
            ),
            // A US green card is not citizenship.
            Case::new(
                "C1",
                Cusma,
                cusma(&[
                    ("citizenships", "IN"),
                    ("citizenship_basis", "us_or_mx_pr_only"),
                    ("us_lawful_permanent_resident", "yes"),
                ]),
                cusma(&[("citizenships", "IN,US"), ("citizenship_basis", "us_citizen")]),
            ),
        ]
    }

    pub fn c2() -> Vec<Case> {
        vec![
            Case::new(
                "C2",
                Cusma,
                cusma(&[("engagement_type", "self_employed_in_canada")]),
                cusma(&[("engagement_type", "contract_via_home_employer")]),
            ),
            Case::new("C2", Cusma, cusma(&[("controls_canadian_entity", "yes")]), cusma(&[])),
            Case::new(
                "C2",
                Cusma,
                cusma(&[("job_offer_status", "none")]),
                cusma(&[("job_offer_status", "in_discussion")]),
            ),
        ]
    }

    pub fn c3() -> Vec<Case> {
        vec![Case::new(
            "C3",
            Cusma,
            cusma(&[("cusma_profession", "other_not_listed")]),
            cusma(&[]),
        )]
    }

    pub fn c4() -> Vec<Case> {
        vec![
            Case::new(
                "C4",
                Cusma,
                cusma(&[]),
                cusma(&[("credential_field_related", "partly")]),
            ),
            // v2: TEER 0/1 only; TEER 2 is C13's review.
            Case::new(
                "C4",
                Cusma,
                cusma(&[("noc_2021_code", "21222")]),
                cusma(&[("noc_2021_code", "22222")]),
            ),
            Case::new(
                "C4",
                Cusma,
                cusma(&[("noc_2021_code", "00012")]),
                cusma(&[("noc_2021_code", "33100")]),
            ),
            // NOC blank.
            Case::new(
                "C4",
                Cusma,
                cusma(&[("noc_2021_code", "")]),
                cusma(&[("cusma_profession", "")]),
            ),
            // Diploma + 3 years from a CUSMA country.
            Case::new(
                "C4",
                Cusma,
                cusma(&[("credential_type", "diploma_2y_plus"), ("credential_country", "MX")]),
                cusma(&[("credential_type", "diploma_under_2y"), ("credential_country", "MX")]),
            ),
            // Licence route; a licence the profession does not take (an accountant's state licence is C15's).
            Case::new(
                "C4",
                Cusma,
                cusma(&[
                    ("cusma_profession", "architect"),
                    ("credential_type", "none"),
                    ("licence_held", "us_state"),
                ]),
                cusma(&[
                    ("cusma_profession", "accountant"),
                    ("credential_type", "none"),
                    ("licence_held", "us_state"),
                ]),
            ),
            // A lawyer's bar membership is the alternative credential.
            Case::new(
                "C4",
                Cusma,
                cusma(&[
                    ("cusma_profession", "lawyer"),
                    ("credential_type", "none"),
                    ("licence_held", "bar_membership"),
                ]),
                cusma(&[
                    ("cusma_profession", "lawyer"),
                    ("credential_type", "none"),
                    ("licence_held", "us_state"),
                ]),
            ),
            // Management consultant: 5 years instead of a degree (C9 fires too).
            Case::new(
                "C4",
                Cusma,
                cusma(&[
                    ("cusma_profession", "management_consultant"),
                    ("credential_type", "none"),
                    ("years_experience_in_profession", "5"),
                ]),
                cusma(&[
                    ("cusma_profession", "management_consultant"),
                    ("credential_type", "none"),
                    ("years_experience_in_profession", "4.5"),
                ]),
            ),
            // Restricted degree routes: a professional degree meets the dentist's; a bachelor's is uncertain.
            Case::new(
                "C4",
                Cusma,
                cusma(&[
                    ("cusma_profession", "dentist"),
                    ("credential_type", "professional_degree"),
                ]),
                cusma(&[
                    ("cusma_profession", "dentist"),
                    ("credential_type", "bachelor_or_licenciatura"),
                ]),
            ),
            // A Mexican Licenciatura meets the psychologist's; the same degree from the US is uncertain.
            Case::new(
                "C4",
                Cusma,
                cusma(&[("cusma_profession", "psychologist"), ("credential_country", "MX")]),
                cusma(&[("cusma_profession", "psychologist"), ("credential_country", "US")]),
            ),
        ]
    }

    pub fn c5() -> Vec<Case> {
        let diploma = |country, years| {
            cusma(&[
                ("credential_type", "diploma_2y_plus"),
                ("credential_country", country),
                ("years_experience_in_profession", years),
            ])
        };
        vec![
            Case::new("C5", Cusma, diploma("US", "2.5"), diploma("US", "3")),
            // v2: a diploma from outside Canada and the US (or a non-Mexican certificate) fails the D3 route.
            Case::new("C5", Cusma, diploma("IN", "6"), diploma("MX", "6")),
            Case::new("C5", Cusma, diploma("GB", "6"), diploma("CA", "6")),
            // ...unless another route is met: a degree from anywhere counts.
            Case::new("C5", Cusma, diploma("IN", "6"), cusma(&[("credential_country", "IN")])),
            Case::new(
                "C5",
                Cusma,
                cusma(&[
                    ("cusma_profession", "economist"),
                    ("credential_type", "diploma_2y_plus"),
                ]),
                cusma(&[
                    ("cusma_profession", "economist"),
                    ("credential_type", "masters_or_higher"),
                ]),
            ),
            // A lawyer with neither a law degree nor a bar membership; a state licence is C15's review (v2).
            Case::new(
                "C5",
                Cusma,
                cusma(&[
                    ("cusma_profession", "lawyer"),
                    ("credential_type", "none"),
                    ("licence_held", "none"),
                ]),
                cusma(&[
                    ("cusma_profession", "lawyer"),
                    ("credential_type", "none"),
                    ("licence_held", "us_state"),
                ]),
            ),
            Case::new(
                "C5",
                Cusma,
                cusma(&[
                    ("cusma_profession", "accountant"),
                    ("credential_type", "none"),
                    ("licence_held", "none"),
                ]),
                cusma(&[
                    ("cusma_profession", "accountant"),
                    ("credential_type", "none"),
                    ("licence_held", "ca_provincial"),
                ]),
            ),
            // Missing answers are not a failure.
            Case::new(
                "C5",
                Cusma,
                cusma(&[("credential_type", "none")]),
                cusma(&[("credential_type", "")]),
            ),
            Case::new(
                "C5",
                Cusma,
                diploma("US", "2"),
                cusma(&[
                    ("credential_type", "diploma_2y_plus"),
                    ("credential_country", "US"),
                    ("years_experience_in_profession", ""),
                ]),
            ),
        ]
    }

    pub fn c7() -> Vec<Case> {
        vec![
            Case::new("C7", Cusma, cusma(&[("credential_field_related", "no")]), cusma(&[])),
            Case::new(
                "C7",
                Cusma,
                cusma(&[("credential_field_related", "unsure")]),
                cusma(&[("credential_field_related", "yes")]),
            ),
            Case::new(
                "C7",
                Cusma,
                cusma(&[("credential_field_related", "partly")]),
                cusma(&[("credential_field_related", "")]),
            ),
        ]
    }

    pub fn c8() -> Vec<Case> {
        vec![
            Case::new(
                "C8",
                Cusma,
                cusma(&[("noc_2021_code", "44100")]),
                cusma(&[("noc_2021_code", "33100")]),
            ),
            Case::new(
                "C8",
                Cusma,
                cusma(&[("noc_2021_code", "65100")]),
                cusma(&[("noc_2021_code", "6510")]),
            ),
        ]
    }

    pub fn c9() -> Vec<Case> {
        vec![
            Case::new(
                "C9",
                Cusma,
                cusma(&[("cusma_profession", "management_consultant")]),
                cusma(&[("cusma_profession", "economist")]),
            ),
            Case::new(
                "C9",
                Cusma,
                cusma(&[("cusma_profession", "registered_nurse")]),
                cusma(&[("cusma_profession", "occupational_therapist")]),
            ),
            Case::new(
                "C9",
                Cusma,
                cusma(&[("cusma_profession", "hotel_manager")]),
                cusma(&[("cusma_profession", "interior_designer")]),
            ),
        ]
    }

    pub fn c10() -> Vec<Case> {
        vec![
            Case::new("C10", Cusma, cusma(&[("job_title", "Software Developer")]), cusma(&[])),
            Case::new(
                "C10",
                Cusma,
                cusma(&[
                    ("cusma_profession", "engineer"),
                    ("job_duties", "Conception et programmation de logiciels"),
                ]),
                cusma(&[
                    ("cusma_profession", "economist"),
                    ("job_duties", "Conception et programmation de logiciels"),
                ]),
            ),
            Case::new(
                "C10",
                Cusma,
                cusma(&[("job_title", "Développeuse Web")]),
                cusma(&[("job_title", "Analyste")]),
            ),
            Case::new(
                "C10",
                Cusma,
                cusma(&[("profession_regulated_in_destination", "unsure")]),
                cusma(&[("profession_regulated_in_destination", "no")]),
            ),
            Case::new(
                "C10",
                Cusma,
                cusma(&[("profession_regulated_in_destination", "yes")]),
                cusma(&[("profession_regulated_in_destination", "")]),
            ),
        ]
    }

    pub fn c11() -> Vec<Case> {
        vec![Case::new(
            "C11",
            Cusma,
            cusma(&[("citizenships", "MX"), ("citizenship_basis", "mx_citizen")]),
            cusma(&[("citizenships", "MX,US"), ("citizenship_basis", "mx_citizen")]),
        )]
    }

    pub fn c12() -> Vec<Case> {
        vec![
            // A profession with a licence route.
            Case::new(
                "C12",
                Cusma,
                cusma(&[("cusma_profession", "engineer")]),
                cusma(&[("cusma_profession", "economist")]),
            ),
            Case::new(
                "C12",
                Cusma,
                cusma(&[("cusma_profession", "pharmacist")]),
                cusma(&[("cusma_profession", "nutritionist")]),
            ),
            // Lawyer, whose CSV row has no licence route.
            Case::new(
                "C12",
                Cusma,
                cusma(&[
                    ("cusma_profession", "lawyer"),
                    ("credential_type", "professional_degree"),
                ]),
                cusma(&[
                    ("cusma_profession", "economist"),
                    ("credential_type", "professional_degree"),
                ]),
            ),
            // An "engineer" job title, English or French, whatever the profession.
            Case::new(
                "C12",
                Cusma,
                cusma(&[("job_title", "Data Engineer")]),
                cusma(&[("job_title", "Data Analyst")]),
            ),
            Case::new(
                "C12",
                Cusma,
                cusma(&[("job_title", "Ingénieure de données")]),
                cusma(&[("job_title", "Analyste de données")]),
            ),
        ]
    }

    pub fn c13() -> Vec<Case> {
        vec![
            Case::new(
                "C13",
                Cusma,
                cusma(&[("noc_2021_code", "22222")]),
                cusma(&[("noc_2021_code", "21222")]),
            ),
            Case::new(
                "C13",
                Cusma,
                cusma(&[("noc_2021_code", "33100")]),
                cusma(&[("noc_2021_code", "44100")]),
            ),
            // A listed profession only.
            Case::new(
                "C13",
                Cusma,
                cusma(&[("noc_2021_code", "22222")]),
                cusma(&[("noc_2021_code", "22222"), ("cusma_profession", "other_not_listed")]),
            ),
        ]
    }

    pub fn c14() -> Vec<Case> {
        let actuary = |recognition| {
            cusma(&[
                ("cusma_profession", "mathematician"),
                ("role_is_actuarial", "yes"),
                ("actuarial_recognition", recognition),
            ])
        };
        vec![
            Case::new("C14", Cusma, actuary("no"), actuary("yes")),
            Case::new("C14", Cusma, actuary("unsure"), actuary("")),
            Case::new(
                "C14",
                Cusma,
                actuary("no"),
                cusma(&[
                    ("cusma_profession", "mathematician"),
                    ("role_is_actuarial", "no"),
                    ("actuarial_recognition", "no"),
                ]),
            ),
        ]
    }

    pub fn c15() -> Vec<Case> {
        let licensed = |profession, licence| {
            cusma(&[
                ("cusma_profession", profession),
                ("credential_type", "designation_or_licence_only"),
                ("licence_held", licence),
            ])
        };
        vec![
            Case::new(
                "C15",
                Cusma,
                licensed("lawyer", "us_state"),
                licensed("lawyer", "bar_membership"),
            ),
            Case::new(
                "C15",
                Cusma,
                licensed("accountant", "ca_provincial"),
                licensed("accountant", "accounting_designation"),
            ),
            Case::new(
                "C15",
                Cusma,
                licensed("accountant", "mx_state_or_federal"),
                licensed("architect", "mx_state_or_federal"),
            ),
        ]
    }

    // -- ICT (§3.2) ----------------------------------------------------------------------------------------------

    pub fn i1() -> Vec<Case> {
        vec![Case::new(
            "I1",
            Ict,
            ict(&[("currently_employed_by_foreign_entity", "no")]),
            ict(&[("currently_employed_by_foreign_entity", "yes")]),
        )]
    }

    /// A current run that has not reached 12 months at F (it started 2025-09-01), with an earlier stint.
    fn stint(start: &str, end: &str) -> Answers {
        ict(&[
            ("employment_start_date", "2025-09-01"),
            ("had_earlier_stint", "yes"),
            ("earlier_stint_start_date", start),
            ("earlier_stint_end_date", end),
        ])
    }

    pub fn i2() -> Vec<Case> {
        let started = |start| ict(&[("employment_start_date", start), ("had_earlier_stint", "no")]);
        vec![
            // Today (F) is 2026-03-01: 12 months since 2025-03-01, not quite since 2025-03-02.
            Case::new("I2", Ict, started("2025-03-02"), started("2025-03-01")),
            // Without the earlier-stint answer, nothing is concluded.
            Case::new(
                "I2",
                Ict,
                started("2025-03-02"),
                ict(&[("employment_start_date", "2025-03-02")]),
            ),
            // Not full time throughout: the run starts at full_time_since_date.
            Case::new(
                "I2",
                Ict,
                ict(&[
                    ("employment_full_time_continuous", "no"),
                    ("full_time_since_date", "2025-03-02"),
                    ("had_earlier_stint", "no"),
                ]),
                ict(&[
                    ("employment_full_time_continuous", "no"),
                    ("full_time_since_date", "2025-03-01"),
                    ("had_earlier_stint", "no"),
                ]),
            ),
            // F is the planned filing date: the run reaches 12 months on 2026-06-01.
            Case::new(
                "I2",
                Ict,
                with(&started("2025-06-01"), &[("planned_filing_date", "2026-05-31")]),
                with(&started("2025-06-01"), &[("planned_filing_date", "2026-06-01")]),
            ),
            // A planned date in the past is ignored (F is today): a run from 2025-02-15 meets the test today.
            Case::new(
                "I2",
                Ict,
                with(&started("2025-03-02"), &[("planned_filing_date", "2026-02-01")]),
                with(&started("2025-02-15"), &[("planned_filing_date", "2026-02-01")]),
            ),
            Case::new(
                "I2",
                Ict,
                with(&started("2025-03-02"), &[("planned_filing_date", "2026-02-01")]),
                with(&started("2025-03-02"), &[("planned_filing_date", "2026-03-02")]),
            ),
            // An earlier stint one day short of 12 months inside [F − 3 years, F] (2023-03-01 to 2026-03-01).
            Case::new(
                "I2",
                Ict,
                stint("2023-03-01", "2024-02-28"),
                stint("2023-03-01", "2024-02-29"),
            ),
            // A stint of 12 months that leaves the window when F moves one day later.
            Case::new(
                "I2",
                Ict,
                with(
                    &stint("2023-03-01", "2024-02-29"),
                    &[("planned_filing_date", "2026-03-02")],
                ),
                stint("2023-03-01", "2024-02-29"),
            ),
            // A long stint mostly before the window: only its months inside count.
            Case::new(
                "I2",
                Ict,
                stint("2021-01-01", "2024-02-28"),
                stint("2021-01-01", "2024-02-29"),
            ),
            Case::new(
                "I2",
                Ict,
                stint("2020-01-01", "2022-12-31"),
                stint("2020-01-01", "2024-03-31"),
            ),
        ]
    }

    pub fn i3() -> Vec<Case> {
        vec![
            Case::new(
                "I3",
                Ict,
                ict(&[("relationship", "client_or_supplier")]),
                ict(&[("relationship", "affiliate")]),
            ),
            Case::new(
                "I3",
                Ict,
                ict(&[("relationship", "contract_licence_franchise")]),
                ict(&[("relationship", "branch")]),
            ),
            Case::new(
                "I3",
                Ict,
                ict(&[("canadian_entity_status", "none")]),
                ict(&[("canadian_entity_status", "operating")]),
            ),
        ]
    }

    pub fn i4() -> Vec<Case> {
        vec![Case::new(
            "I4",
            Ict,
            ict(&[("relationship", "unsure")]),
            ict(&[("relationship", "parent")]),
        )]
    }

    pub fn i5() -> Vec<Case> {
        let new_office = |pairs: &[(&str, &str)]| with(&ict(&[("canadian_entity_status", "being_established")]), pairs);
        vec![
            Case::new(
                "I5",
                Ict,
                new_office(&[("countries_with_revenue_operations", "FR")]),
                new_office(&[("countries_with_revenue_operations", "FR,DE")]),
            ),
            // The employer's home country counts beside the list.
            Case::new(
                "I5",
                Ict,
                new_office(&[("countries_with_revenue_operations", "FR")]),
                new_office(&[("countries_with_revenue_operations", "DE")]),
            ),
            // Canada is left out; the same country twice is one country.
            Case::new(
                "I5",
                Ict,
                new_office(&[("countries_with_revenue_operations", "FR,CA")]),
                new_office(&[("countries_with_revenue_operations", "FR,BE")]),
            ),
            Case::new(
                "I5",
                Ict,
                new_office(&[("countries_with_revenue_operations", "FR,fr")]),
                new_office(&[("countries_with_revenue_operations", "FR,es")]),
            ),
            // Only for a new office: an operating Canadian subsidiary is the second country (v2).
            Case::new(
                "I5",
                Ict,
                new_office(&[("countries_with_revenue_operations", "FR")]),
                ict(&[("countries_with_revenue_operations", "FR")]),
            ),
            // The R205(a) route applies to a US citizen transferred by a UK company, not by a US one.
            Case::new(
                "I5",
                Ict,
                new_office(&[
                    ("citizenships", "US"),
                    ("foreign_employer_country", "GB"),
                    ("countries_with_revenue_operations", "GB"),
                ]),
                new_office(&[
                    ("citizenships", "US"),
                    ("foreign_employer_country", "US"),
                    ("countries_with_revenue_operations", "US"),
                ]),
            ),
            // The list must be answered.
            Case::new(
                "I5",
                Ict,
                new_office(&[("countries_with_revenue_operations", "FR")]),
                new_office(&[("countries_with_revenue_operations", "")]),
            ),
        ]
    }

    pub fn i6() -> Vec<Case> {
        vec![Case::new(
            "I6",
            Ict,
            ict(&[("canadian_entity_status", "being_established")]),
            ict(&[("canadian_entity_status", "operating")]),
        )]
    }

    pub fn i7() -> Vec<Case> {
        vec![
            Case::new(
                "I7",
                Ict,
                ict(&[("canadian_premises", "home_or_virtual")]),
                ict(&[("canadian_premises", "shared_dedicated_space")]),
            ),
            Case::new(
                "I7",
                Ict,
                ict(&[("canadian_premises", "home_or_virtual")]),
                ict(&[("canadian_premises", "not_secured")]),
            ),
        ]
    }

    pub fn i8() -> Vec<Case> {
        let us_us = |pairs: &[(&str, &str)]| {
            with(
                &ict(&[("citizenships", "US"), ("foreign_employer_country", "US")]),
                pairs,
            )
        };
        vec![
            // TEER 0/1 or blank.
            Case::new(
                "I8",
                Ict,
                ict(&[("proposed_noc_2021_code", "21231")]),
                ict(&[("proposed_noc_2021_code", "22222")]),
            ),
            Case::new(
                "I8",
                Ict,
                ict(&[("proposed_noc_2021_code", "")]),
                ict(&[("current_role_category", "senior_manager")]),
            ),
            // The current run meets the test; an earlier stint that might (I20) is not enough.
            Case::new(
                "I8",
                Ict,
                ict(&[("employment_start_date", "2025-03-01")]),
                with(
                    &stint("2023-03-01", "2024-02-29"),
                    &[("employment_start_date", "2025-03-02")],
                ),
            ),
            // Managers have direct_reports answered; executives need not.
            Case::new("I8", Ict, ict(&[]), ict(&[("direct_reports", "")])),
            Case::new(
                "I8",
                Ict,
                ict(&[
                    ("current_role_category", "executive"),
                    ("proposed_role_category", "executive"),
                    ("direct_reports", ""),
                ]),
                ict(&[
                    ("current_role_category", "senior_manager"),
                    ("proposed_role_category", "senior_manager"),
                    ("direct_reports", ""),
                ]),
            ),
            // The R205(a) route needs the wage and the hours; the CUSMA route does not.
            Case::new("I8", Ict, ict(&[]), ict(&[("hours_per_week", "")])),
            Case::new("I8", Ict, ict(&[]), ict(&[("proposed_wage", "")])),
            Case::new(
                "I8",
                Ict,
                us_us(&[("hours_per_week", ""), ("proposed_wage", "")]),
                with(
                    &ict(&[("citizenships", "US"), ("foreign_employer_country", "GB")]),
                    &[("hours_per_week", ""), ("proposed_wage", "")],
                ),
            ),
            // An operating Canadian entity, a qualifying relationship, employed now.
            Case::new(
                "I8",
                Ict,
                ict(&[]),
                ict(&[("canadian_entity_status", "being_established")]),
            ),
            Case::new("I8", Ict, ict(&[]), ict(&[("relationship", "unsure")])),
            Case::new(
                "I8",
                Ict,
                ict(&[("relationship", "affiliate")]),
                ict(&[("currently_employed_by_foreign_entity", "")]),
            ),
        ]
    }

    pub fn i9() -> Vec<Case> {
        vec![Case::new("I9", Ict, sk(&[]), ict(&[]))]
    }

    pub fn i10() -> Vec<Case> {
        vec![
            // 24 months from the start to F (today).
            Case::new(
                "I10",
                Ict,
                sk(&[("employment_start_date", "2024-03-02")]),
                sk(&[("employment_start_date", "2024-03-01")]),
            ),
            // ...or to the planned filing date.
            Case::new(
                "I10",
                Ict,
                sk(&[
                    ("employment_start_date", "2024-06-01"),
                    ("planned_filing_date", "2026-05-31"),
                ]),
                sk(&[
                    ("employment_start_date", "2024-06-01"),
                    ("planned_filing_date", "2026-06-01"),
                ]),
            ),
            Case::new(
                "I10",
                Ict,
                sk(&[("proposed_noc_2021_code", "33100")]),
                sk(&[("proposed_noc_2021_code", "22222")]),
            ),
        ]
    }

    pub fn i11() -> Vec<Case> {
        let real = starter_wages();
        let toronto = |pairs: &[(&str, &str)]| with(&sk(&[("work_economic_region", "ER3530")]), pairs);
        vec![
            // Toronto's 21231 median, $56.49.
            Case::new(
                "I11",
                Ict,
                toronto(&[("proposed_wage", "56.48")]),
                toronto(&[("proposed_wage", "56.49")]),
            )
            .medians(&real),
            // The R205(a) route only: a Mexican citizen transferred by a Spanish company, not by a Mexican one.
            Case::new(
                "I11",
                Ict,
                toronto(&[("citizenships", "MX"), ("foreign_employer_country", "ES")]),
                toronto(&[("citizenships", "MX"), ("foreign_employer_country", "MX")]),
            )
            .medians(&real),
            // $117,478.40 a year at 40 h is $56.48/h.
            Case::new(
                "I11",
                Ict,
                toronto(&[("proposed_wage", "117478.40"), ("wage_unit", "annual")]),
                toronto(&[("proposed_wage", "117500"), ("wage_unit", "annual")]),
            )
            .medians(&real),
            // hours_per_week converts: $115,000 is $55.29/h at 40 h, $58.97 at 37.5.
            Case::new(
                "I11",
                Ict,
                toronto(&[("proposed_wage", "115000"), ("wage_unit", "annual")]),
                toronto(&[
                    ("proposed_wage", "115000"),
                    ("wage_unit", "annual"),
                    ("hours_per_week", "37.5"),
                ]),
            )
            .medians(&real),
            // ICT in Quebec uses the lookup as usual (Montréal, $52.88).
            Case::new(
                "I11",
                Ict,
                sk(&[
                    ("work_province", "QC"),
                    ("work_economic_region", "ER2440"),
                    ("proposed_wage", "52.87"),
                ]),
                sk(&[
                    ("work_province", "QC"),
                    ("work_economic_region", "ER2440"),
                    ("proposed_wage", "52.88"),
                ]),
            )
            .medians(&real),
            // No figure at any level: silent.
            Case::new(
                "I11",
                Ict,
                toronto(&[("proposed_wage", "40")]),
                toronto(&[("proposed_wage", "40"), ("proposed_noc_2021_code", "21100")]),
            )
            .medians(&real),
        ]
    }

    pub fn i12() -> Vec<Case> {
        vec![
            Case::new("I12", Ict, ict(&[("current_role_category", "executive")]), ict(&[])),
            Case::new(
                "I12",
                Ict,
                ict(&[
                    ("current_role_category", "other_staff"),
                    ("proposed_role_category", "other_staff"),
                ]),
                ict(&[
                    ("current_role_category", "executive"),
                    ("proposed_role_category", "executive"),
                ]),
            ),
        ]
    }

    pub fn i13() -> Vec<Case> {
        vec![
            Case::new(
                "I13",
                Ict,
                ict(&[("home_position_held_for_return", "no")]),
                ict(&[("home_position_held_for_return", "yes")]),
            ),
            Case::new(
                "I13",
                Ict,
                ict(&[("home_position_held_for_return", "unsure")]),
                ict(&[("home_position_held_for_return", "")]),
            ),
            Case::new(
                "I13",
                Ict,
                ict(&[("work_location_type", "client_site")]),
                ict(&[("work_location_type", "mixed")]),
            ),
            Case::new(
                "I13",
                Ict,
                ict(&[("work_location_type", "remote_from_home")]),
                ict(&[("work_location_type", "canadian_office")]),
            ),
        ]
    }

    pub fn i14() -> Vec<Case> {
        let no_break = |pairs: &[(&str, &str)]| with(&ict(&[("ict_break_abroad_12m", "no")]), pairs);
        vec![
            Case::new(
                "I14",
                Ict,
                sk(&[("prior_ict_months_in_canada", "60"), ("ict_break_abroad_12m", "no")]),
                sk(&[("prior_ict_months_in_canada", "59"), ("ict_break_abroad_12m", "no")]),
            ),
            Case::new(
                "I14",
                Ict,
                no_break(&[("prior_ict_months_in_canada", "84")]),
                no_break(&[("prior_ict_months_in_canada", "83")]),
            ),
            // v2: a 12-month break abroad resets the clock.
            Case::new(
                "I14",
                Ict,
                sk(&[("prior_ict_months_in_canada", "60"), ("ict_break_abroad_12m", "no")]),
                sk(&[("prior_ict_months_in_canada", "60"), ("ict_break_abroad_12m", "yes")]),
            ),
            Case::new(
                "I14",
                Ict,
                no_break(&[("prior_ict_months_in_canada", "84")]),
                no_break(&[("prior_ict_months_in_canada", "84"), ("ict_break_abroad_12m", "unsure")]),
            ),
        ]
    }

    pub fn i15() -> Vec<Case> {
        let owner = |pairs: &[(&str, &str)]| {
            with(
                &ict(&[
                    ("applicant_owns_controlling_interest", "yes"),
                    ("canadian_entity_status", "being_established"),
                    ("countries_with_revenue_operations", "FR"),
                ]),
                pairs,
            )
        };
        vec![
            Case::new(
                "I15",
                Ict,
                owner(&[]),
                owner(&[("countries_with_revenue_operations", "FR,DE")]),
            ),
            Case::new(
                "I15",
                Ict,
                owner(&[]),
                owner(&[("applicant_owns_controlling_interest", "no")]),
            ),
            Case::new(
                "I15",
                Ict,
                owner(&[]),
                owner(&[("canadian_entity_status", "operating")]),
            ),
            // The CUSMA ICT route has no multinational test.
            Case::new(
                "I15",
                Ict,
                owner(&[("citizenships", "MX"), ("foreign_employer_country", "FR")]),
                owner(&[
                    ("citizenships", "MX"),
                    ("foreign_employer_country", "MX"),
                    ("countries_with_revenue_operations", "MX"),
                ]),
            ),
        ]
    }

    pub fn i16() -> Vec<Case> {
        let real = starter_wages();
        // 20012: Toronto $67.69, Ontario and Canada $66.67.
        let toronto = |pairs: &[(&str, &str)]| with(&ict(&[("work_economic_region", "ER3530")]), pairs);
        vec![
            Case::new(
                "I16",
                Ict,
                toronto(&[("proposed_wage", "67.68"), ("wage_unit", "hourly")]),
                toronto(&[("proposed_wage", "67.69"), ("wage_unit", "hourly")]),
            )
            .medians(&real),
            Case::new(
                "I16",
                Ict,
                toronto(&[("proposed_wage", "140774.40")]),
                toronto(&[("proposed_wage", "140795.20")]),
            )
            .medians(&real),
            // The region's figure decides over the province's.
            Case::new(
                "I16",
                Ict,
                toronto(&[("proposed_wage", "67"), ("wage_unit", "hourly")]),
                toronto(&[
                    ("proposed_wage", "67"),
                    ("wage_unit", "hourly"),
                    ("work_economic_region", "unknown"),
                ]),
            )
            .medians(&real),
            // Executives too.
            Case::new(
                "I16",
                Ict,
                toronto(&[
                    ("current_role_category", "executive"),
                    ("proposed_role_category", "executive"),
                    ("proposed_wage", "120000"),
                ]),
                toronto(&[
                    ("current_role_category", "executive"),
                    ("proposed_role_category", "executive"),
                    ("proposed_wage", "150000"),
                ]),
            )
            .medians(&real),
            // Not on the CUSMA ICT route.
            Case::new(
                "I16",
                Ict,
                toronto(&[("citizenships", "US"), ("proposed_wage", "120000")]),
                toronto(&[
                    ("citizenships", "US"),
                    ("foreign_employer_country", "US"),
                    ("proposed_wage", "120000"),
                ]),
            )
            .medians(&real),
        ]
    }

    pub fn i17() -> Vec<Case> {
        let line = |pairs: &[(&str, &str)]| {
            with(
                &ict(&[
                    ("direct_reports", "6"),
                    ("reports_are_professionals", "no"),
                    ("reports_include_managers", "no"),
                ]),
                pairs,
            )
        };
        vec![
            Case::new("I17", Ict, line(&[]), line(&[("reports_are_professionals", "yes")])),
            Case::new("I17", Ict, line(&[]), line(&[("reports_include_managers", "yes")])),
            Case::new(
                "I17",
                Ict,
                line(&[
                    ("current_role_category", "senior_manager"),
                    ("proposed_role_category", "senior_manager"),
                ]),
                line(&[
                    ("current_role_category", "executive"),
                    ("proposed_role_category", "executive"),
                ]),
            ),
            // At least one report.
            Case::new(
                "I17",
                Ict,
                line(&[("direct_reports", "1")]),
                line(&[("direct_reports", "0")]),
            ),
        ]
    }

    pub fn i18() -> Vec<Case> {
        vec![
            Case::new(
                "I18",
                Ict,
                ict(&[("direct_reports", "0")]),
                ict(&[("direct_reports", "1")]),
            ),
            Case::new(
                "I18",
                Ict,
                ict(&[
                    ("current_role_category", "senior_manager"),
                    ("proposed_role_category", "senior_manager"),
                    ("direct_reports", "0"),
                ]),
                ict(&[
                    ("current_role_category", "executive"),
                    ("proposed_role_category", "executive"),
                    ("direct_reports", "0"),
                ]),
            ),
        ]
    }

    pub fn i19() -> Vec<Case> {
        vec![
            Case::new(
                "I19",
                Ict,
                ict(&[("canadian_entity_headcount", "2")]),
                ict(&[("canadian_entity_headcount", "3")]),
            ),
            Case::new(
                "I19",
                Ict,
                ict(&[
                    ("current_role_category", "executive"),
                    ("proposed_role_category", "executive"),
                    ("canadian_entity_headcount", "0"),
                ]),
                sk(&[("canadian_entity_headcount", "0")]),
            ),
            Case::new(
                "I19",
                Ict,
                ict(&[("canadian_entity_headcount", "1")]),
                ict(&[
                    ("canadian_entity_headcount", "1"),
                    ("canadian_entity_status", "being_established"),
                ]),
            ),
        ]
    }

    pub fn i20() -> Vec<Case> {
        vec![
            Case::new(
                "I20",
                Ict,
                ict(&[("employment_start_date", "2025-09-01"), ("had_earlier_stint", "unsure")]),
                ict(&[("employment_start_date", "2025-09-01"), ("had_earlier_stint", "no")]),
            ),
            // 12 months inside the window (2023-03-01 to 2024-02-29) count; one day less does not (I2).
            Case::new(
                "I20",
                Ict,
                stint("2023-03-01", "2024-02-29"),
                stint("2023-03-01", "2024-02-28"),
            ),
            Case::new(
                "I20",
                Ict,
                stint("2022-01-01", "2024-06-30"),
                stint("2020-01-01", "2023-02-28"),
            ),
            // Only when the current run falls short.
            Case::new(
                "I20",
                Ict,
                ict(&[("employment_start_date", "2025-03-02"), ("had_earlier_stint", "unsure")]),
                ict(&[("employment_start_date", "2025-03-01"), ("had_earlier_stint", "unsure")]),
            ),
        ]
    }

    pub fn i21() -> Vec<Case> {
        vec![
            Case::new(
                "I21",
                Ict,
                sk(&[("prior_ict_months_in_canada", "60"), ("ict_break_abroad_12m", "unsure")]),
                sk(&[("prior_ict_months_in_canada", "59"), ("ict_break_abroad_12m", "unsure")]),
            ),
            Case::new(
                "I21",
                Ict,
                ict(&[("prior_ict_months_in_canada", "84"), ("ict_break_abroad_12m", "unsure")]),
                ict(&[("prior_ict_months_in_canada", "84"), ("ict_break_abroad_12m", "no")]),
            ),
        ]
    }

    pub fn i22() -> Vec<Case> {
        vec![
            // A first permit is at most 3 years.
            Case::new(
                "I22",
                Ict,
                ict(&[("assignment_months", "37")]),
                ict(&[("assignment_months", "36")]),
            ),
            // 1 year for a new office.
            Case::new(
                "I22",
                Ict,
                ict(&[
                    ("canadian_entity_status", "being_established"),
                    ("assignment_months", "13"),
                ]),
                ict(&[
                    ("canadian_entity_status", "being_established"),
                    ("assignment_months", "12"),
                ]),
            ),
            // Prior time plus the assignment above the cap: 60 months for SK, 84 for managers.
            Case::new(
                "I22",
                Ict,
                sk(&[("prior_ict_months_in_canada", "40"), ("assignment_months", "21")]),
                sk(&[("prior_ict_months_in_canada", "40"), ("assignment_months", "20")]),
            ),
            Case::new(
                "I22",
                Ict,
                ict(&[("prior_ict_months_in_canada", "60"), ("assignment_months", "25")]),
                ict(&[("prior_ict_months_in_canada", "60"), ("assignment_months", "24")]),
            ),
        ]
    }

    pub fn i23() -> Vec<Case> {
        vec![
            Case::new(
                "I23",
                Ict,
                ict(&[("citizenships", "US"), ("foreign_employer_country", "US")]),
                ict(&[("citizenships", "US"), ("foreign_employer_country", "GB")]),
            ),
            Case::new(
                "I23",
                Ict,
                ict(&[("citizenships", "MX"), ("foreign_employer_country", "MX")]),
                ict(&[("citizenships", "FR"), ("foreign_employer_country", "US")]),
            ),
            Case::new(
                "I23",
                Ict,
                ict(&[
                    ("citizenships", "CA"),
                    ("citizenship_basis", "mx_citizen"),
                    ("foreign_employer_country", "US"),
                ]),
                ict(&[("citizenships", "CA"), ("foreign_employer_country", "US")]),
            ),
        ]
    }

    // -- Every pathway (§4, §8.3) -----------------------------------------------------------------------------

    pub fn x1() -> Vec<Case> {
        vec![
            Case::new(
                "X1",
                Gts,
                gts(&[("prior_refusal_or_removal", "yes")]),
                gts(&[("prior_refusal_or_removal", "no")]),
            ),
            Case::new(
                "X1",
                Cusma,
                cusma(&[("criminal_history", "prefer_to_discuss")]),
                cusma(&[("criminal_history", "no")]),
            ),
        ]
    }

    pub fn x2() -> Vec<Case> {
        let inside = |status, expiry| {
            ict(&[
                ("current_location", "inside_canada"),
                ("canadian_status", status),
                ("status_expiry", expiry),
            ])
        };
        vec![
            Case::new("X2", Ict, inside("none_or_expired", ""), inside("worker", "")),
            Case::new("X2", Ict, inside("other", ""), inside("student", "")),
            // Valid through today; expired yesterday.
            Case::new(
                "X2",
                Gts,
                inside("worker", "2026-02-28"),
                inside("worker", "2026-03-01"),
            ),
        ]
    }

    /// `base` in Canada with a valid `status` (to the end of 2026), planning to apply by `entry`, then `more`.
    fn inside(base: fn(&[(&str, &str)]) -> Answers, status: &str, entry: &str, more: &[(&str, &str)]) -> Answers {
        let a = base(&[
            ("current_location", "inside_canada"),
            ("canadian_status", status),
            ("status_expiry", "2026-12-31"),
            ("entry_plan", entry),
        ]);
        with(&a, more)
    }

    pub fn x3() -> Vec<Case> {
        vec![
            Case::new(
                "X3",
                Gts,
                inside(gts, "visitor", "inside_canada", &[]),
                inside(gts, "visitor", "online_from_abroad", &[]),
            ),
            Case::new(
                "X3",
                Ict,
                inside(ict, "visitor", "unsure", &[]),
                inside(ict, "worker", "unsure", &[]),
            ),
            Case::new(
                "X3",
                Cusma,
                inside(cusma, "visitor", "inside_canada", &[]),
                with(
                    &inside(cusma, "visitor", "inside_canada", &[]),
                    &[("current_location", "outside_canada")],
                ),
            ),
        ]
    }

    pub fn x4() -> Vec<Case> {
        vec![
            Case::new(
                "X4",
                Gts,
                inside(gts, "worker", "land_border", &[]),
                inside(gts, "worker", "online_from_abroad", &[]),
            ),
            Case::new(
                "X4",
                Ict,
                inside(ict, "student", "airport", &[]),
                with(
                    &inside(ict, "student", "airport", &[]),
                    &[("current_location", "outside_canada")],
                ),
            ),
            // Exceptions: US citizens, US green card holders...
            Case::new(
                "X4",
                Gts,
                inside(gts, "worker", "land_border", &[("citizenships", "IN")]),
                inside(gts, "worker", "land_border", &[("citizenships", "IN,US")]),
            ),
            Case::new(
                "X4",
                Ict,
                inside(ict, "worker", "land_border", &[("us_lawful_permanent_resident", "no")]),
                inside(ict, "worker", "land_border", &[("us_lawful_permanent_resident", "yes")]),
            ),
            // ...and CUSMA professionals who are US or Mexican citizens (the same Mexican on GTS is not).
            Case::new(
                "X4",
                Gts,
                inside(
                    cusma,
                    "worker",
                    "land_border",
                    &[("citizenships", "MX"), ("citizenship_basis", "mx_citizen")],
                ),
                inside(
                    cusma,
                    "worker",
                    "land_border",
                    &[("citizenships", "MX"), ("citizenship_basis", "mx_citizen")],
                ),
            )
            .miss_on(Cusma),
            Case::new(
                "X4",
                Cusma,
                inside(
                    cusma,
                    "worker",
                    "airport",
                    &[("citizenships", "CA"), ("citizenship_basis", "us_or_mx_pr_only")],
                ),
                inside(
                    cusma,
                    "worker",
                    "airport",
                    &[("citizenships", "CA"), ("citizenship_basis", "mx_citizen")],
                ),
            ),
        ]
    }

    pub fn x5() -> Vec<Case> {
        let mexican = |pairs: &[(&str, &str)]| {
            with(
                &cusma(&[
                    ("citizenships", "MX"),
                    ("citizenship_basis", "mx_citizen"),
                    ("mx_travel_document", "eta_eligible"),
                ]),
                pairs,
            )
        };
        vec![
            Case::new(
                "X5",
                Cusma,
                mexican(&[("entry_plan", "land_border")]),
                mexican(&[("entry_plan", "airport")]),
            ),
            Case::new(
                "X5",
                Cusma,
                mexican(&[("entry_plan", "land_border")]),
                mexican(&[("entry_plan", "land_border"), ("citizenships", "MX,US")]),
            ),
            Case::new(
                "X5",
                Gts,
                with(
                    &gts(&[("citizenships", "MX"), ("mx_travel_document", "eta_eligible")]),
                    &[("entry_plan", "land_border")],
                ),
                with(
                    &gts(&[("citizenships", "MX"), ("mx_travel_document", "canadian_visa")]),
                    &[("entry_plan", "land_border")],
                ),
            ),
        ]
    }

    pub fn x6() -> Vec<Case> {
        vec![
            Case::new(
                "X6",
                Gts,
                gts(&[("visa_requirement", "visa_required"), ("entry_plan", "land_border")]),
                gts(&[("visa_requirement", "visa_exempt"), ("entry_plan", "land_border")]),
            ),
            Case::new(
                "X6",
                Ict,
                ict(&[("visa_requirement", "visa_required"), ("entry_plan", "airport")]),
                ict(&[
                    ("visa_requirement", "visa_required"),
                    ("entry_plan", "online_from_abroad"),
                ]),
            ),
            Case::new(
                "X6",
                Cusma,
                cusma(&[
                    ("citizenships", "MX"),
                    ("citizenship_basis", "mx_citizen"),
                    ("mx_travel_document", "none"),
                    ("entry_plan", "airport"),
                ]),
                cusma(&[
                    ("citizenships", "MX"),
                    ("citizenship_basis", "mx_citizen"),
                    ("mx_travel_document", "canadian_visa"),
                    ("entry_plan", "airport"),
                ]),
            ),
        ]
    }

    pub fn x7() -> Vec<Case> {
        vec![
            Case::new(
                "X7",
                Gts,
                inside(gts, "worker", "online_from_abroad", &[]),
                gts(&[("entry_plan", "online_from_abroad")]),
            ),
            Case::new(
                "X7",
                Gts,
                gts(&[("entry_plan", "airport")]),
                gts(&[("entry_plan", "online_from_abroad")]),
            ),
            Case::new("X7", Gts, gts(&[("entry_plan", "unsure")]), gts(&[("entry_plan", "")])),
            // LMIA-exempt jobs need TEER 0/1; a GTS LMIA also qualifies.
            Case::new(
                "X7",
                Cusma,
                cusma(&[("noc_2021_code", "22222")]),
                cusma(&[("noc_2021_code", "21222")]),
            ),
            Case::new(
                "X7",
                Cusma,
                cusma(&[("noc_2021_code", "22222")]),
                gts(&[("noc_2021_code", "22222")]),
            )
            .miss_on(Gts),
            Case::new(
                "X7",
                Ict,
                ict(&[("proposed_noc_2021_code", "22222")]),
                ict(&[("proposed_noc_2021_code", "20012")]),
            ),
        ]
    }

    pub fn x8() -> Vec<Case> {
        vec![
            Case::new(
                "X8",
                Gts,
                gts(&[("entry_plan", "online_from_abroad")]),
                inside(gts, "worker", "online_from_abroad", &[]),
            ),
            Case::new(
                "X8",
                Gts,
                gts(&[("entry_plan", "")]),
                gts(&[("entry_plan", "land_border")]),
            ),
            Case::new(
                "X8",
                Gts,
                gts(&[("noc_2021_code", "22222")]),
                cusma(&[("noc_2021_code", "22222")]),
            )
            .miss_on(Cusma),
            Case::new(
                "X8",
                Ict,
                ict(&[("proposed_noc_2021_code", "")]),
                ict(&[("proposed_noc_2021_code", "33100")]),
            ),
        ]
    }

    pub fn x9() -> Vec<Case> {
        let spouse = |pairs: &[(&str, &str)]| with(&gts(&[("accompanying_family", "spouse")]), pairs);
        let typed = |noc| spouse(&[("noc_2021_code", "other"), ("noc_2021_code_other", noc)]);
        vec![
            // TEER 2 outside the listed groups (62xxx) vs TEER 2 in 22xxx.
            Case::new("X9", Gts, typed("62020"), typed("22221")),
            // A listed GTS job in 52xxx: 52120 is not on the spouse list; 22220 is.
            Case::new(
                "X9",
                Gts,
                spouse(&[("noc_2021_code", "52120"), ("job_requires_3y_listed_experience", "yes")]),
                spouse(&[("noc_2021_code", "22220")]),
            ),
            // TEER 4 vs a listed TEER 3 group (33).
            Case::new("X9", Gts, typed("44100"), typed("33100")),
            // Under 16 months.
            Case::new(
                "X9",
                Gts,
                spouse(&[("duration_months", "15")]),
                spouse(&[("duration_months", "16")]),
            ),
            Case::new(
                "X9",
                Gts,
                spouse(&[("accompanying_family", "spouse_children"), ("duration_months", "15")]),
                spouse(&[("accompanying_family", "children"), ("duration_months", "15")]),
            ),
            // Free trade spouses are not affected: CUSMA, and the CUSMA ICT route.
            Case::new(
                "X9",
                Gts,
                spouse(&[("duration_months", "12")]),
                cusma(&[("accompanying_family", "spouse"), ("duration_months", "12")]),
            )
            .miss_on(Cusma),
            Case::new(
                "X9",
                Ict,
                ict(&[("accompanying_family", "spouse"), ("assignment_months", "15")]),
                ict(&[
                    ("accompanying_family", "spouse"),
                    ("assignment_months", "15"),
                    ("citizenships", "US"),
                    ("foreign_employer_country", "US"),
                ]),
            ),
            Case::new(
                "X9",
                Ict,
                ict(&[("accompanying_family", "spouse"), ("proposed_noc_2021_code", "62020")]),
                ict(&[("accompanying_family", "spouse"), ("proposed_noc_2021_code", "22220")]),
            ),
        ]
    }

    pub fn x10() -> Vec<Case> {
        vec![
            Case::new(
                "X10",
                Gts,
                gts(&[("accompanying_family", "spouse_children")]),
                gts(&[("accompanying_family", "spouse")]),
            ),
            Case::new(
                "X10",
                Ict,
                ict(&[("accompanying_family", "children")]),
                ict(&[("accompanying_family", "none")]),
            ),
        ]
    }

    pub fn x11() -> Vec<Case> {
        vec![
            Case::new(
                "X11",
                Gts,
                gts(&[("duration_months", "7")]),
                gts(&[("duration_months", "6")]),
            ),
            Case::new(
                "X11",
                Cusma,
                cusma(&[("duration_months", "36")]),
                cusma(&[("duration_months", "")]),
            ),
            Case::new(
                "X11",
                Ict,
                ict(&[("assignment_months", "7")]),
                ict(&[("assignment_months", "6")]),
            ),
        ]
    }

    pub fn x12() -> Vec<Case> {
        vec![
            Case::new("X12", Cusma, cusma(&[]), gts(&[])).miss_on(Gts),
            Case::new("X12", Ict, ict(&[]), gts(&[])).miss_on(Gts),
        ]
    }
}

macro_rules! rule_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                for case in cases::$name() {
                    case.check();
                }
            }
        )*

        fn all_cases() -> Vec<Case> {
            [$(cases::$name()),*].into_iter().flatten().collect()
        }
    };
}

rule_tests! {
    g1, g2, g3, g4, g5, g6, g7, g8, g9, g10, g11, g12, g13, g14, g15,
    c1, c2, c3, c4, c5, c7, c8, c9, c10, c11, c12, c13, c14, c15,
    i1, i2, i3, i4, i5, i6, i7, i8, i9, i10, i11, i12, i13, i14, i15, i16, i17, i18, i19, i20, i21, i22, i23,
    x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12,
}

/// Every assessment the cases make: the firing side and the missing side.
fn all_case_results() -> Vec<PathwayAssessment> {
    all_cases().iter().flat_map(|c| [c.hit(), c.miss()]).collect()
}

#[test]
fn every_rule_id_can_fire() {
    let fired: BTreeSet<&str> = all_cases().iter().flat_map(|c| c.hit().rule_ids()).collect();
    let missing: Vec<_> = RULE_IDS.iter().filter(|id| !fired.contains(*id)).collect();
    assert!(missing.is_empty(), "never fired: {missing:?}");
    // Every rule has its own case function (one #[test] each).
    let with_cases: BTreeSet<&str> = all_cases().iter().map(|c| c.rule).collect();
    assert_eq!(with_cases.len(), RULE_IDS.len());
}

#[test]
fn retired_rules_never_fire() {
    for id in RETIRED_RULE_IDS {
        assert_eq!(rule_kind(id), None, "{id}");
        assert_eq!(reason_key(id), None, "{id}");
        assert!(!RULE_IDS.contains(id), "{id}");
    }
    let results = all_case_results().into_iter().chain(realistic_results());
    for result in results {
        for id in RETIRED_RULE_IDS {
            assert!(!result.rule_ids().contains(id), "{id} fired: {:?}", result.rule_ids());
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The domain reference
// ---------------------------------------------------------------------------------------------------------------

/// The sections whose tables define rules: GTS, CUSMA, ICT, every pathway, route.
const RULE_SECTIONS: &[&str] = &["1.3 ", "2.3 ", "3.2 ", "4. ", "8.3 "];

/// `G12`, `C6`, `I23`, `X1`: a pathway letter and a number.
fn is_rule_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('G' | 'C' | 'I' | 'X'))
        && !chars.as_str().is_empty()
        && chars.all(|c| c.is_ascii_digit())
}

/// Every rule of docs/domain/pathways.md with its outcome as written: the rows of the tables of §1.3, §2.3, §3.2,
/// §4 and §8.3 whose first cell is a rule id (outcome: the third cell), and the bold **X1.** and **X2.** of §4
/// (outcome: after the arrow).
fn rules_in_domain_reference() -> Vec<(String, String)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/domain/pathways.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let mut rules = Vec::new();
    let mut section = "";
    for line in doc.lines() {
        if line.starts_with('#') {
            section = line.trim_start_matches('#').trim();
            continue;
        }
        if !RULE_SECTIONS.iter().any(|s| section.starts_with(s)) {
            continue;
        }
        if let Some(row) = line.strip_prefix('|') {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            if cells.len() >= 3 && is_rule_id(cells[0]) {
                rules.push((cells[0].to_owned(), cells[2].to_owned()));
            }
        } else if section.starts_with("4. ") {
            for piece in line.split("**").skip(1).step_by(2) {
                let id = piece.trim_end_matches('.');
                if is_rule_id(id) {
                    let outcome = line.split('→').nth(1).unwrap_or_default().trim();
                    rules.push((id.to_owned(), outcome.to_owned()));
                }
            }
        }
    }
    rules
}

/// The kind an outcome cell names; `None` for a retired rule ("—").
fn kind_in_domain_reference(outcome: &str) -> Option<Kind> {
    let outcome = outcome.to_lowercase();
    [
        ("not eligible", Kind::NotEligible),
        ("eligible", Kind::Eligible),
        ("review", Kind::Review),
        ("info", Kind::Info),
    ]
    .into_iter()
    .find(|(word, _)| outcome.starts_with(word))
    .map(|(_, kind)| kind)
}

#[test]
fn rule_ids_match_the_domain_reference() {
    let rules = rules_in_domain_reference();
    let doc: BTreeSet<&str> = rules.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(doc.len(), rules.len(), "a rule id appears twice in pathways.md");
    // v2: G1–G15, C1–C15 (C6 retired), I1–I23, X1–X12.
    let count = |letter| doc.iter().filter(|id| id.starts_with(letter)).count();
    assert_eq!(
        [count('G'), count('C'), count('I'), count('X')],
        [15, 15, 23, 12],
        "{doc:?}"
    );
    assert_eq!(doc.len(), 65);

    let ours: BTreeSet<&str> = RULE_IDS.iter().chain(RETIRED_RULE_IDS).copied().collect();
    assert_eq!(
        RULE_IDS.len() + RETIRED_RULE_IDS.len(),
        ours.len(),
        "duplicates in RULE_IDS"
    );
    let missing: Vec<_> = doc.difference(&ours).collect();
    assert!(missing.is_empty(), "in pathways.md but not in the code: {missing:?}");
    let extra: Vec<_> = ours.difference(&doc).collect();
    assert!(extra.is_empty(), "in the code but not in pathways.md: {extra:?}");
}

#[test]
fn rule_kinds_match_the_domain_reference() {
    for (id, outcome) in rules_in_domain_reference() {
        let expected = kind_in_domain_reference(&outcome);
        if RETIRED_RULE_IDS.contains(&id.as_str()) {
            assert_eq!(
                expected, None,
                "{id} is retired but pathways.md gives it an outcome: {outcome}"
            );
        } else {
            assert_eq!(rule_kind(&id), expected, "{id}: pathways.md says {outcome:?}");
        }
    }
    // §5.2: the positive rules.
    let eligible: Vec<_> = RULE_IDS
        .iter()
        .filter(|id| rule_kind(id) == Some(Kind::Eligible))
        .collect();
    assert_eq!(eligible, [&"G2", &"G3", &"C4", &"I8"]);
}

// ---------------------------------------------------------------------------------------------------------------
// Translations
// ---------------------------------------------------------------------------------------------------------------

/// The messages defined in the Fluent files of one language, as written (no fallback to the other language, no
/// arguments needed): id → text, continuation lines included.
fn ftl_messages(lang: &str) -> std::collections::BTreeMap<String, String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/i18n/locales")
        .join(lang);
    let mut messages = std::collections::BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut current: Option<String> = None;
        for line in text.lines() {
            if line.starts_with(' ') {
                if let Some(key) = &current {
                    let value: &mut String = messages.get_mut(key).unwrap();
                    value.push('\n');
                    value.push_str(line.trim());
                }
                continue;
            }
            current = None;
            if let Some((key, value)) = line.split_once(" =")
                && !key.is_empty()
                && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                messages.insert(key.to_owned(), value.trim().to_owned());
                current = Some(key.to_owned());
            }
        }
    }
    messages
}

/// The Fluent keys text.rs names: string literals that look like message ids, with the keys it builds
/// (`brief-offer-{offer}`, `brief-language-{}`) expanded.
fn keys_used_in_text_rs() -> BTreeSet<String> {
    let source = include_str!("text.rs");
    let mut keys = BTreeSet::new();
    for line in source.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for literal in line.split('"').skip(1).step_by(2) {
            let looks_like_key = literal.starts_with(|c: char| c.is_ascii_lowercase())
                && literal.contains('-')
                && literal
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '{' | '}'));
            if !looks_like_key {
                continue;
            }
            match literal.split_once('{') {
                None => {
                    keys.insert(literal.to_owned());
                }
                Some(("brief-offer-", _)) => {
                    for offer in ["written", "verbal", "in_discussion", "none"] {
                        keys.insert(format!("brief-offer-{offer}"));
                    }
                }
                Some(("brief-language-", _)) => {
                    for lang in [Lang::En, Lang::Fr] {
                        keys.insert(format!("brief-language-{}", lang.code()));
                    }
                }
                Some((prefix, _)) => panic!("text.rs builds keys from {prefix:?}: list their values here"),
            }
        }
    }
    keys
}

/// Texts that are the same in both languages on purpose.
const SAME_IN_EN_AND_FR: &[&str] = &["brief-group-notes", "brief-level-national", "brief-per-hour"];

#[test]
fn every_key_is_translated() {
    let text_keys = keys_used_in_text_rs();
    for key in [
        "rule-I2-with-date",
        "assessment-median-line",
        "wage-per-hour",
        "wage-per-year",
        "brief-median",
        "brief-median-reference",
        "brief-no-median",
        "brief-no-wage-data",
        "brief-medians-stale",
        "brief-summary-vs-median",
        "brief-track-gts_b",
        "brief-offer-in_discussion",
        "brief-language-fr",
    ] {
        assert!(text_keys.contains(key), "{key} not found in text.rs");
    }
    let mut keys: Vec<String> = RULE_IDS.iter().map(|id| reason_key(id).unwrap().to_owned()).collect();
    keys.extend(Outcome::ALL.map(|o| o.i18n_key().to_owned()));
    keys.extend(Pathway::ALL.map(|p| pathway_key(p).to_owned()));
    keys.extend(Kind::BRIEF_ORDER.map(|k| k.group_key().to_owned()));
    keys.extend(SUGGESTION_REASONS.iter().map(|k| (*k).to_owned()));
    keys.extend(NONE_FITS_HINTS.iter().map(|k| (*k).to_owned()));
    keys.push("prescreen-no-clear-result".into());
    keys.extend(text_keys);

    let (en, fr) = (ftl_messages("en"), ftl_messages("fr"));
    for key in &keys {
        let en = en.get(key).unwrap_or_else(|| panic!("{key} missing in English"));
        let fr = fr.get(key).unwrap_or_else(|| panic!("{key} missing in French"));
        assert!(!en.is_empty() && !fr.is_empty(), "{key} is empty");
        if !SAME_IN_EN_AND_FR.contains(&key.as_str()) {
            assert_ne!(en, fr, "{key} is not translated");
        }
    }
    assert_eq!(reason_key("G1"), Some("rule-G1"));
    assert_eq!(NONE_FITS_HINTS.len(), Pathway::ALL.len());
}

// ---------------------------------------------------------------------------------------------------------------
// Combining (§5.2)
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn the_base_profiles_are_likely_eligible() {
    for (pathway, a, expected) in [
        (Pathway::Gts, gts(&[]), &["G2", "X8"][..]),
        (Pathway::Cusma, cusma(&[]), &["C4", "X8", "X12"][..]),
        (Pathway::Ict, ict(&[]), &["I8", "X8", "X11", "X12"][..]),
    ] {
        for medians in [no_wage_data(), starter_wages()] {
            let result = run(&a, pathway, &medians);
            assert_eq!(result.rule_ids(), expected, "{pathway}");
            assert_eq!(result.outcome, Outcome::LikelyEligible, "{pathway}");
        }
    }
}

#[test]
fn the_worst_outcome_wins_and_info_never_counts() {
    let review = run(
        &gts(&[("prior_refusal_or_removal", "yes")]),
        Pathway::Gts,
        &no_wage_data(),
    );
    assert_eq!(review.rule_ids(), ["G2", "X1", "X8"]);
    assert_eq!(review.outcome, Outcome::NeedsReview);

    let not = run(
        &gts(&[("job_offer_status", "none"), ("criminal_history", "yes")]),
        Pathway::Gts,
        &no_wage_data(),
    );
    assert_eq!(not.rule_ids(), ["G1", "G2", "X1", "X8"], "in rule order");
    assert_eq!(not.outcome, Outcome::LikelyNotEligible);

    assert_eq!(combine(&[]), Outcome::NeedsReview);
    assert_eq!(combine(&[fired("C4")]), Outcome::LikelyEligible);
    assert_eq!(combine(&[fired("C4"), fired("C11")]), Outcome::NeedsReview);
    assert_eq!(
        combine(&[fired("C5"), fired("C4"), fired("C11")]),
        Outcome::LikelyNotEligible
    );
    // Info rules: alone they give no outcome; beside a positive rule they change nothing.
    for info in RULE_IDS.iter().filter(|id| rule_kind(id) == Some(Kind::Info)) {
        assert_eq!(combine(&[fired(info)]), Outcome::NeedsReview, "{info}");
        assert_eq!(combine(&[fired("G2"), fired(info)]), Outcome::LikelyEligible, "{info}");
    }
    let bc = run(&gts(&[("employer_province", "BC")]), Pathway::Gts, &no_wage_data());
    assert_eq!(bc.rule_ids(), ["G2", "G15", "X8"]);
    assert_eq!(bc.outcome, Outcome::LikelyEligible);
}

#[test]
fn only_info_rules_mean_no_clear_result() {
    for pathway in Pathway::ALL {
        let result = run(&Answers::default(), pathway, &no_wage_data());
        assert!(outcome_ids(&result).is_empty(), "{pathway}: {:?}", result.rule_ids());
        assert_eq!(result.outcome, Outcome::NeedsReview);
        assert!(result.applicant_view().no_clear_result);
    }
    // A GTS job whose NOC is `unknown`, in BC: only notes for the lawyer.
    let unknown = run(
        &gts(&[("noc_2021_code", "unknown"), ("employer_province", "BC")]),
        Pathway::Gts,
        &starter_wages(),
    );
    assert_eq!(unknown.rule_ids(), ["G15", "X8"]);
    assert_eq!(unknown.outcome, Outcome::NeedsReview);
    // A CUSMA credential the answers cannot settle (is the master's an M.L.S.?).
    let librarian = run(
        &cusma(&[
            ("cusma_profession", "librarian"),
            ("credential_type", "masters_or_higher"),
        ]),
        Pathway::Cusma,
        &no_wage_data(),
    );
    assert!(outcome_ids(&librarian).is_empty(), "{:?}", librarian.rule_ids());
    let view = librarian.applicant_view();
    assert!(view.no_clear_result);
    assert!(view.why.is_empty() && view.to_check.is_empty() && view.in_place.is_empty());
}

#[test]
fn x1_and_x2_apply_to_every_pathway() {
    let x1 = answers(&[("prior_refusal_or_removal", "prefer_to_discuss")]);
    let x2 = answers(&[("current_location", "inside_canada"), ("canadian_status", "other")]);
    let valid = answers(&[("current_location", "inside_canada"), ("canadian_status", "student")]);
    for pathway in Pathway::ALL {
        let result = run(&x1, pathway, &no_wage_data());
        assert_eq!(outcome_ids(&result), ["X1"], "{pathway}");
        assert_eq!(result.outcome, Outcome::NeedsReview);
        assert_eq!(outcome_ids(&run(&x2, pathway, &no_wage_data())), ["X2"], "{pathway}");
        assert!(
            outcome_ids(&run(&valid, pathway, &no_wage_data())).is_empty(),
            "{pathway}"
        );
    }
    // In Canada without an answered status: the lawyer checks.
    let unanswered = answers(&[("current_location", "inside_canada")]);
    assert_eq!(outcome_ids(&run(&unanswered, Pathway::Ict, &no_wage_data())), ["X2"]);
}

#[test]
fn assess_all_follows_the_chosen_pathways() {
    let a = with(&gts(&[]), &[("target_pathway", "not_sure")]);
    assert_eq!(pathways_to_assess(&a), Pathway::ALL);
    let chosen = with(&a, &[("target_pathway", "cusma_professional")]);
    assert_eq!(pathways_to_assess(&chosen), [Pathway::Cusma]);
    assert_eq!(pathways_to_assess(&Answers::default()), Pathway::ALL);

    let medians = starter_wages();
    let ctx = Context::new(today(), &medians);
    let results = assess_all(&a, &[Pathway::Ict, Pathway::Gts, Pathway::Ict], &ctx);
    let order: Vec<Pathway> = results.iter().map(|r| r.pathway).collect();
    assert_eq!(order, [Pathway::Ict, Pathway::Gts]);
    assert_eq!(results[1], assess(&a, Pathway::Gts, &ctx));
}

#[test]
fn outcomes_kinds_and_codes() {
    assert!(Outcome::LikelyEligible < Outcome::NeedsReview && Outcome::NeedsReview < Outcome::LikelyNotEligible);
    for outcome in Outcome::ALL {
        assert_eq!(Outcome::from_code(outcome.as_str()), Some(outcome));
        assert_eq!(serde_json::to_value(outcome).unwrap(), outcome.as_str());
        assert_eq!(outcome.i18n_key(), format!("outcome-{}", outcome.as_str()));
    }
    assert_eq!(Outcome::from_code("eligible"), None);
    assert_eq!(Kind::Info.outcome(), None);
    assert_eq!(Kind::Eligible.outcome(), Some(Outcome::LikelyEligible));
    assert_eq!(Kind::Review.outcome(), Some(Outcome::NeedsReview));
    assert_eq!(Kind::NotEligible.outcome(), Some(Outcome::LikelyNotEligible));
    assert_eq!(RULES.len(), RULE_IDS.len());
    assert!(RULES.iter().zip(RULE_IDS).all(|(r, id)| r.id == *id));
    assert_eq!(rule_kind("I11"), Some(Kind::NotEligible));
    assert_eq!(rule_kind("I16"), Some(Kind::Review));
    assert_eq!(rule_kind("I23"), Some(Kind::Info));
    assert_eq!(rule_kind("Z1"), None);
    assert_eq!(fired("C4").reason_key(), "rule-C4");
}

#[test]
fn stored_groups_follow_the_brief_and_drop_retired_ids() {
    let stored = StoredAssessment {
        pathway: Pathway::Cusma,
        outcome: Outcome::LikelyNotEligible,
        rules: ["C6", "C4", "C5", "C11", "X12", "Z9"].map(String::from).to_vec(),
        values: Values::default(),
    };
    assert_eq!(
        stored.groups(),
        [
            (Kind::NotEligible, vec!["C5"]),
            (Kind::Review, vec!["C11"]),
            (Kind::Eligible, vec!["C4"]),
            (Kind::Info, vec!["X12"]),
        ]
    );
    let result = run(
        &cusma(&[("citizenships", "MX"), ("citizenship_basis", "mx_citizen")]),
        Pathway::Cusma,
        &no_wage_data(),
    );
    let stored = result.stored();
    assert_eq!(stored.rules, ["C4", "C11", "X8", "X12"]);
    let json = serde_json::to_value(&stored).unwrap();
    let back: StoredAssessment = serde_json::from_value(json).unwrap();
    assert_eq!(back, stored);
}

#[test]
fn the_stored_prescreen_is_the_array_it_was_with_the_chosen_pathway_first() {
    let one = |pathway| StoredAssessment {
        pathway,
        outcome: Outcome::NeedsReview,
        rules: vec!["X12".into()],
        values: Values::default(),
    };
    let array = serde_json::to_value([one(Pathway::Ict), one(Pathway::Gts), one(Pathway::Cusma)]).unwrap();
    let stored: StoredPrescreen = serde_json::from_value(array.clone()).unwrap();
    assert_eq!(stored.chosen().map(|a| a.pathway), Some(Pathway::Ict));
    let others: Vec<_> = stored.others().iter().map(|a| a.pathway).collect();
    assert_eq!(others, [Pathway::Gts, Pathway::Cusma]);
    assert_eq!(serde_json::to_value(&stored).unwrap(), array);
    let none = StoredPrescreen::default();
    assert!(none.chosen().is_none() && none.others().is_empty());
}

#[test]
fn common_facts() {
    use super::common::{at_least_months, cents, filing_date, hours_per_week, pay, teer};
    assert_eq!(teer(Some("21231")), Some(1));
    assert_eq!(teer(Some(" 44100 ")), Some(4));
    assert_eq!(teer(Some("00012")), Some(0));
    assert_eq!(teer(Some("2123")), None);
    assert_eq!(teer(Some("other")), None);
    assert_eq!(teer(None), None);
    // A month after 31 January is the end of February.
    let d = |s| Some(date(s));
    assert_eq!(at_least_months(d("2025-01-31"), date("2025-02-28"), 1), Some(true));
    assert_eq!(at_least_months(d("2025-01-31"), date("2025-02-27"), 1), Some(false));
    assert_eq!(at_least_months(None, today(), 12), None);
    // F: the planned date when not in the past, else today.
    assert_eq!(
        filing_date(&answers(&[("planned_filing_date", "2026-06-01")]), today()),
        date("2026-06-01")
    );
    assert_eq!(
        filing_date(&answers(&[("planned_filing_date", "2026-02-28")]), today()),
        today()
    );
    assert_eq!(filing_date(&Answers::default(), today()), today());
    // Hours: 1–80, else 40.
    assert_eq!(hours_per_week(&answers(&[("hours_per_week", "37.5")])), 37.5);
    assert_eq!(hours_per_week(&answers(&[("hours_per_week", "0")])), 40.0);
    assert_eq!(hours_per_week(&answers(&[("hours_per_week", "81")])), 40.0);
    assert_eq!(hours_per_week(&Answers::default()), 40.0);
    // Pay both ways, to the cent.
    assert_eq!(cents(41.025), 4103);
    let annual = pay(&answers(&[("w", "126000"), ("u", "annual")]), "w", "u", 40.0).unwrap();
    assert_eq!(
        (annual.hourly_cents, annual.annual, annual.given_hourly),
        (6058, 126_000.0, false)
    );
    let hourly = pay(&answers(&[("w", "45"), ("u", "hourly")]), "w", "u", 37.5).unwrap();
    assert_eq!(
        (hourly.hourly_cents, hourly.annual, hourly.given_hourly),
        (4500, 87_750.0, true)
    );
    assert_eq!(pay(&answers(&[("w", "0"), ("u", "hourly")]), "w", "u", 40.0), None);
    assert_eq!(pay(&answers(&[("w", "45"), ("u", "daily")]), "w", "u", 40.0), None);
    assert_eq!(pay(&answers(&[("w", "45")]), "w", "u", 40.0), None);
}

#[test]
fn coding_words_are_lower_case() {
    for word in super::cusma::CODING_WORDS {
        assert_eq!(*word, word.to_lowercase());
    }
    // "code" alone (a building code, a NOC code) does not count.
    let civil = cusma(&[
        ("cusma_profession", "engineer"),
        ("job_duties", "Check designs against the building code"),
    ]);
    assert!(!ids(&civil, Pathway::Cusma).contains(&"C10"));
}

#[test]
fn nocs_to_look_up_reads_both_jobs() {
    assert_eq!(nocs_to_look_up(&gts(&[("noc_2021_code", "21231")])), ["21231"]);
    assert_eq!(
        nocs_to_look_up(&with(
            &gts(&[("noc_2021_code", "other"), ("noc_2021_code_other", "21100")]),
            &[("proposed_noc_2021_code", "20012")]
        )),
        ["21100", "20012"]
    );
    assert_eq!(
        nocs_to_look_up(&answers(&[
            ("noc_2021_code", "21231"),
            ("proposed_noc_2021_code", "21231")
        ])),
        ["21231"]
    );
    assert!(nocs_to_look_up(&answers(&[("noc_2021_code", "unknown")])).is_empty());
}

// ---------------------------------------------------------------------------------------------------------------
// Wages (§7) and the values carried (§5.5, §5.6)
// ---------------------------------------------------------------------------------------------------------------

#[test]
fn the_median_on_file_is_the_regions_then_the_provinces_then_canadas() {
    let medians = starter_wages();
    let found = |pairs: &[(&str, &str)]| {
        let a = with(&gts(&[("noc_2021_code", "21232")]), pairs);
        run(&a, Pathway::Gts, &medians)
            .values
            .wage
            .and_then(|w| w.median)
            .map(|m| (m.level, m.area_en, m.median))
    };
    assert_eq!(
        found(&[("work_economic_region", "ER3510")]),
        Some((GeoLevel::EconomicRegion, "Ottawa".into(), 50.26))
    );
    assert_eq!(
        found(&[("work_economic_region", "unknown")]),
        Some((GeoLevel::Province, "Ontario".into(), 48.08))
    );
    // Halifax has no row here: Nova Scotia's figure.
    assert_eq!(
        found(&[("employer_province", "NS"), ("work_economic_region", "ER1250")]),
        Some((GeoLevel::Province, "Nova Scotia".into(), 40.87))
    );
    assert_eq!(
        found(&[("employer_province", "YT")]),
        Some((GeoLevel::National, "Canada".into(), 48.08))
    );
    assert_eq!(
        found(&[("employer_province", "")]),
        Some((GeoLevel::National, "Canada".into(), 48.08))
    );
    // ICT reads work_province and the proposed NOC.
    let ict_median = run(
        &ict(&[("work_province", "QC"), ("work_economic_region", "ER2440")]),
        Pathway::Ict,
        &medians,
    )
    .values
    .wage
    .unwrap()
    .median
    .unwrap();
    assert_eq!((ict_median.noc.as_str(), ict_median.median), ("20012", 68.27));
}

#[test]
fn values_carry_the_track_and_the_wage() {
    let medians = starter_wages();
    let toronto = run(
        &gts(&[
            ("noc_2021_code", "21231"),
            ("work_economic_region", "ER3530"),
            ("offered_wage", "126000"),
            ("wage_unit", "annual"),
        ]),
        Pathway::Gts,
        &medians,
    );
    assert_eq!(toronto.values.track.as_deref(), Some("gts_b"));
    let wage = toronto.values.wage.clone().unwrap();
    assert_eq!(wage.noc, "21231");
    assert_eq!(wage.province.as_deref(), Some("ON"));
    assert_eq!(wage.region.as_deref(), Some("ER3530"));
    assert_eq!(
        wage.pay,
        Some(PayFigures {
            hourly_cents: 6058,
            annual: 126_000.0,
            given_hourly: false,
            hours_per_week: 40.0,
        })
    );
    assert_eq!(
        wage.median,
        Some(figure("21231", "ER3530", 56.49, WageUnit::Hourly, "2023-2024"))
    );
    assert_eq!(wage.edition, Some(edition_date()));
    assert!(!wage.reference_only);
    assert_eq!(toronto.stored().values, toronto.values);

    // No wage data: no edition, no median, the pay still kept.
    let bare = run(&gts(&[("noc_2021_code", "21231")]), Pathway::Gts, &no_wage_data());
    let wage = bare.values.wage.unwrap();
    assert_eq!((wage.edition, wage.median), (None, None));
    assert!(wage.pay.is_some());

    // Category A with no code typed: no wage values, track `gts_a`.
    let a = run(&category_a(&[]), Pathway::Gts, &medians);
    assert_eq!(a.values.track.as_deref(), Some("gts_a"));
    assert_eq!(a.values.wage, None);

    for (answers, track) in [
        (ict(&[]), "ict_r205a"),
        (
            ict(&[("citizenships", "US"), ("foreign_employer_country", "GB")]),
            "ict_r205a",
        ),
        (
            ict(&[("citizenships", "US"), ("foreign_employer_country", "US")]),
            "ict_cusma",
        ),
        (
            ict(&[("citizenships", "FR"), ("foreign_employer_country", "MX")]),
            "ict_r205a",
        ),
    ] {
        assert_eq!(
            run(&answers, Pathway::Ict, &medians).values.track.as_deref(),
            Some(track)
        );
    }
    assert_eq!(run(&cusma(&[]), Pathway::Cusma, &medians).values, Values::default());
}

#[test]
fn quebec_gts_jobs_are_not_compared_with_job_bank() {
    let medians = starter_wages();
    let montreal = |noc, wage| {
        gts(&[
            ("employer_province", "QC"),
            ("work_economic_region", "ER2440"),
            ("noc_2021_code", noc),
            ("offered_wage", wage),
        ])
    };
    for (noc, wage) in [("21232", "20"), ("21232", "90"), ("22222", "20"), ("22222", "60")] {
        let result = run(&montreal(noc, wage), Pathway::Gts, &medians);
        assert_eq!(outcome_ids(&result), ["G6"], "{noc} at {wage}");
        assert_eq!(result.outcome, Outcome::NeedsReview);
        // The figure is kept for the brief, for reference.
        let wage = result.values.wage.unwrap();
        assert!(wage.reference_only);
        assert_eq!(wage.median.unwrap().area_en, "Montréal");
    }
    // Without wage data, G4 stays silent there too.
    let none = run(&montreal("21232", "20"), Pathway::Gts, &no_wage_data());
    assert_eq!(outcome_ids(&none), ["G6"]);
}

#[test]
fn i2_carries_the_day_the_run_reaches_12_months() {
    let result = run(
        &ict(&[("employment_start_date", "2025-03-02"), ("had_earlier_stint", "no")]),
        Pathway::Ict,
        &no_wage_data(),
    );
    assert!(result.rule_ids().contains(&"I2"));
    assert_eq!(result.values.eligible_from, Some(date("2026-03-02")));
    // From the full-time date when the work was not full time throughout.
    let part_time = run(
        &ict(&[
            ("employment_full_time_continuous", "no"),
            ("full_time_since_date", "2025-08-31"),
            ("had_earlier_stint", "no"),
        ]),
        Pathway::Ict,
        &no_wage_data(),
    );
    assert_eq!(part_time.values.eligible_from, Some(date("2026-08-31")));
    // I20 carries no date; the base profile none.
    let i20 = run(
        &ict(&[("employment_start_date", "2025-09-01"), ("had_earlier_stint", "unsure")]),
        Pathway::Ict,
        &no_wage_data(),
    );
    assert_eq!(outcome_ids(&i20), ["I20"]);
    assert_eq!(i20.values.eligible_from, None);
    assert_eq!(run(&ict(&[]), Pathway::Ict, &no_wage_data()).values.eligible_from, None);
}

#[test]
fn the_ict_route_follows_citizenship_and_the_employer_country() {
    let medians = starter_wages();
    let new_office = |citizenship, employer| {
        ict(&[
            ("citizenships", citizenship),
            ("foreign_employer_country", employer),
            ("countries_with_revenue_operations", employer),
            ("canadian_entity_status", "being_established"),
            ("proposed_wage", "60000"),
        ])
    };
    // A US citizen transferred by a UK company: R205(a), the multinational test and the wage apply.
    let uk = run(&new_office("US", "GB"), Pathway::Ict, &medians);
    for id in ["I5", "I6"] {
        assert!(uk.rule_ids().contains(&id), "{:?}", uk.rule_ids());
    }
    assert!(!uk.rule_ids().contains(&"I23"));
    // A US citizen transferred by a US company: the CUSMA route; no I5, I11, I15 or I16.
    let us = run(
        &with(
            &new_office("US", "US"),
            &[("applicant_owns_controlling_interest", "yes")],
        ),
        Pathway::Ict,
        &medians,
    );
    assert!(us.rule_ids().contains(&"I23"));
    for id in ["I5", "I11", "I15", "I16"] {
        assert!(!us.rule_ids().contains(&id), "{id}: {:?}", us.rule_ids());
    }
    let sk_us = run(
        &sk(&[
            ("citizenships", "US"),
            ("foreign_employer_country", "US"),
            ("work_economic_region", "ER3530"),
            ("proposed_wage", "30"),
        ]),
        Pathway::Ict,
        &medians,
    );
    assert!(!sk_us.rule_ids().contains(&"I11"));
    assert!(sk_us.rule_ids().contains(&"I23"));
}

#[test]
fn a_lawyer_or_accountant_with_a_state_licence_is_reviewed_not_refused() {
    for profession in ["lawyer", "accountant"] {
        for licence in ["us_state", "mx_state_or_federal", "ca_provincial"] {
            let result = run(
                &cusma(&[
                    ("cusma_profession", profession),
                    ("credential_type", "designation_or_licence_only"),
                    ("licence_held", licence),
                ]),
                Pathway::Cusma,
                &no_wage_data(),
            );
            let ids = result.rule_ids();
            assert!(ids.contains(&"C15"), "{profession} {licence}: {ids:?}");
            assert!(
                !ids.contains(&"C5") && !ids.contains(&"C4"),
                "{profession} {licence}: {ids:?}"
            );
            assert_eq!(result.outcome, Outcome::NeedsReview);
        }
    }
}

#[test]
fn c4_needs_teer_0_or_1() {
    for (noc, positive, review, refused) in [
        ("00012", true, false, false),
        ("21222", true, false, false),
        ("22222", false, true, false),
        ("33100", false, true, false),
        ("44100", false, false, true),
        ("55109", false, false, true),
    ] {
        let ids = ids(&cusma(&[("noc_2021_code", noc)]), Pathway::Cusma);
        assert_eq!(ids.contains(&"C4"), positive, "{noc}: {ids:?}");
        assert_eq!(ids.contains(&"C13"), review, "{noc}: {ids:?}");
        assert_eq!(ids.contains(&"C8"), refused, "{noc}: {ids:?}");
    }
}

#[test]
fn i17_and_i18_read_the_reports() {
    let manager = |reports, professionals, managers| {
        ids(
            &ict(&[
                ("direct_reports", reports),
                ("reports_are_professionals", professionals),
                ("reports_include_managers", managers),
            ]),
            Pathway::Ict,
        )
    };
    // Supervising non-professionals: not a manager for this permit.
    let line = manager("4", "no", "no");
    assert!(line.contains(&"I17") && !line.contains(&"I18"));
    // Managing professionals or other managers is fine.
    assert!(!manager("4", "yes", "no").contains(&"I17"));
    assert!(!manager("4", "no", "yes").contains(&"I17"));
    // No staff at all: a review, not a refusal.
    let alone = manager("0", "no", "no");
    assert!(alone.contains(&"I18") && !alone.contains(&"I17"));
}

#[test]
fn i19_counts_the_canadian_headcount() {
    let headcount = |n| ids(&ict(&[("canadian_entity_headcount", n)]), Pathway::Ict);
    assert!(headcount("2").contains(&"I19"));
    assert!(!headcount("3").contains(&"I19"));
    assert_eq!(super::ict::SMALL_ENTITY_HEADCOUNT, 2.0);
}

#[test]
fn i14_and_i21_read_the_break_abroad() {
    let capped = |break_abroad| {
        ids(
            &sk(&[
                ("prior_ict_months_in_canada", "60"),
                ("ict_break_abroad_12m", break_abroad),
            ]),
            Pathway::Ict,
        )
    };
    let no = capped("no");
    assert!(no.contains(&"I14") && !no.contains(&"I21"));
    let unsure = capped("unsure");
    assert!(unsure.contains(&"I21") && !unsure.contains(&"I14"));
    let yes = capped("yes");
    assert!(!yes.contains(&"I14") && !yes.contains(&"I21"));
}

// ---------------------------------------------------------------------------------------------------------------
// What the applicant sees (§5.3)
// ---------------------------------------------------------------------------------------------------------------

/// The boxes hold only their kind, never an info rule, and follow the outcome.
fn assert_view_follows_5_3(result: &PathwayAssessment) {
    let view = result.applicant_view();
    let context = format!("{:?}: {:?}", result.pathway, result.rule_ids());
    assert!(view.why.iter().all(|f| f.kind == Kind::NotEligible), "{context}");
    assert!(view.to_check.iter().all(|f| f.kind == Kind::Review), "{context}");
    assert!(view.in_place.iter().all(|f| f.kind == Kind::Eligible), "{context}");
    let shown: Vec<&Fired> = view.why.iter().chain(&view.to_check).chain(&view.in_place).collect();
    assert!(shown.iter().all(|f| f.kind != Kind::Info), "{context}");
    match result.outcome {
        Outcome::LikelyNotEligible => {
            assert!(!view.why.is_empty() && view.in_place.is_empty(), "{context}");
            assert_eq!(view.to_check, result.of_kind(Kind::Review).copied().collect::<Vec<_>>());
        }
        Outcome::NeedsReview => {
            assert!(view.why.is_empty(), "{context}");
            assert_eq!(
                view.no_clear_result,
                view.to_check.is_empty() && view.in_place.is_empty()
            );
        }
        Outcome::LikelyEligible => {
            assert!(view.why.is_empty() && view.to_check.is_empty() && !view.in_place.is_empty());
        }
    }
}

#[test]
fn likely_not_eligible_shows_why_and_what_to_check_never_what_is_in_place() {
    // I8 fires beside I7 (a home office) and I13 (work at a client's site): §5 hides the positive reason.
    let result = run(
        &ict(&[
            ("canadian_premises", "home_or_virtual"),
            ("work_location_type", "client_site"),
        ]),
        Pathway::Ict,
        &no_wage_data(),
    );
    assert_eq!(result.rule_ids(), ["I7", "I8", "I13", "X8", "X11", "X12"]);
    assert_eq!(result.outcome, Outcome::LikelyNotEligible);
    let view = result.applicant_view();
    assert_eq!(rules_of(&view.why), ["I7"]);
    assert_eq!(rules_of(&view.to_check), ["I13"]);
    assert!(view.in_place.is_empty());
    assert!(!view.no_clear_result);
    // The brief still shows every rule, the positive one in its group.
    assert_eq!(
        result.stored().groups(),
        [
            (Kind::NotEligible, vec!["I7"]),
            (Kind::Review, vec!["I13"]),
            (Kind::Eligible, vec!["I8"]),
            (Kind::Info, vec!["X8", "X11", "X12"]),
        ]
    );
    // The same with I17 (a line supervisor).
    let line = run(
        &ict(&[("reports_are_professionals", "no"), ("reports_include_managers", "no")]),
        Pathway::Ict,
        &no_wage_data(),
    );
    assert!(line.rule_ids().contains(&"I8"));
    let view = line.applicant_view();
    assert_eq!(rules_of(&view.why), ["I17"]);
    assert!(view.in_place.is_empty() && view.to_check.is_empty());
}

#[test]
fn needs_review_shows_what_to_check_and_what_is_in_place_apart() {
    let result = run(
        &cusma(&[
            ("citizenships", "MX"),
            ("citizenship_basis", "mx_citizen"),
            ("job_title", "Data Engineer"),
        ]),
        Pathway::Cusma,
        &no_wage_data(),
    );
    assert_eq!(result.outcome, Outcome::NeedsReview);
    let view = result.applicant_view();
    assert!(view.why.is_empty());
    assert_eq!(rules_of(&view.to_check), ["C11", "C12"]);
    assert_eq!(rules_of(&view.in_place), ["C4"]);
    assert!(!view.no_clear_result);

    // Only reviews: nothing in place, still a clear picture.
    let review = run(
        &cusma(&[("cusma_profession", "other_not_listed")]),
        Pathway::Cusma,
        &no_wage_data(),
    );
    let view = review.applicant_view();
    assert_eq!(rules_of(&view.to_check), ["C3"]);
    assert!(view.in_place.is_empty() && !view.no_clear_result);
}

#[test]
fn likely_eligible_shows_the_positive_reasons_only() {
    let result = run(
        &gts(&[("employer_province", "BC"), ("accompanying_family", "children")]),
        Pathway::Gts,
        &no_wage_data(),
    );
    assert_eq!(result.rule_ids(), ["G2", "G15", "X8", "X10"]);
    assert_eq!(result.outcome, Outcome::LikelyEligible);
    let view = result.applicant_view();
    assert_eq!(rules_of(&view.in_place), ["G2"]);
    assert!(view.why.is_empty() && view.to_check.is_empty() && !view.no_clear_result);
}

#[test]
fn no_outcome_rule_gives_no_clear_result() {
    let notes_only = answers(&[("accompanying_family", "spouse_children"), ("duration_months", "24")]);
    let result = run(&notes_only, Pathway::Gts, &no_wage_data());
    assert_eq!(result.rule_ids(), ["X8", "X10", "X11"]);
    assert_eq!(result.outcome, Outcome::NeedsReview);
    let view = result.applicant_view();
    assert!(view.no_clear_result);
    assert!(view.why.is_empty() && view.to_check.is_empty() && view.in_place.is_empty());
}

#[test]
fn info_rules_never_reach_the_applicant() {
    let results = all_case_results().into_iter().chain(realistic_results());
    let mut infos_seen = BTreeSet::new();
    for result in results {
        infos_seen.extend(result.of_kind(Kind::Info).map(|f| f.rule));
        assert_view_follows_5_3(&result);
    }
    let infos: BTreeSet<&str> = RULE_IDS
        .iter()
        .copied()
        .filter(|id| rule_kind(id) == Some(Kind::Info))
        .collect();
    assert_eq!(infos_seen, infos, "every info rule was checked");
}

// ---------------------------------------------------------------------------------------------------------------
// Realistic applicants, read as a lawyer would (starter wages, 2025-11-19 edition)
// ---------------------------------------------------------------------------------------------------------------

struct Applicant {
    name: &'static str,
    pathway: Pathway,
    answers: Answers,
    /// The outcome a lawyer would give this first reading.
    outcome: Outcome,
    /// Rules that must fire.
    has: &'static [&'static str],
    /// Rules that must not.
    lacks: &'static [&'static str],
}

impl Applicant {
    fn assess(&self) -> PathwayAssessment {
        run(&self.answers, self.pathway, &starter_wages())
    }
}

/// Someone of `citizenship` living there, applying online from abroad, no refusals, writing in English.
fn person(citizenship: &str, pairs: &[(&str, &str)]) -> Answers {
    let base = answers(&[
        ("citizenships", citizenship),
        ("country_of_residence", citizenship),
        ("current_location", "outside_canada"),
        ("highest_education", "bachelor"),
        ("prior_refusal_or_removal", "no"),
        ("criminal_history", "no"),
        ("entry_plan", "online_from_abroad"),
        ("accompanying_family", "none"),
        ("language", "en"),
    ]);
    with(&base, pairs)
}

/// An ICT transfer to an operating Toronto subsidiary that meets the core tests; `pairs` tell the story.
fn transfer(citizenship: &str, pairs: &[(&str, &str)]) -> Answers {
    let base = person(
        citizenship,
        &[
            ("canadian_entity_status", "operating"),
            ("relationship", "subsidiary"),
            ("applicant_owns_controlling_interest", "no"),
            ("currently_employed_by_foreign_entity", "yes"),
            ("employment_full_time_continuous", "yes"),
            ("employment_start_date", "2019-04-01"),
            ("work_province", "ON"),
            ("work_city", "Toronto"),
            ("work_economic_region", "ER3530"),
            ("hours_per_week", "40"),
            ("canadian_entity_headcount", "85"),
            ("home_position_held_for_return", "yes"),
            ("work_location_type", "canadian_office"),
            ("canadian_premises", "commercial"),
            ("prior_ict_months_in_canada", "0"),
            ("assignment_months", "24"),
            ("wage_unit", "annual"),
        ],
    );
    with(&base, pairs)
}

fn realistic_applicants_list() -> Vec<Applicant> {
    use Outcome::{LikelyEligible, LikelyNotEligible, NeedsReview};
    use Pathway::{Cusma, Gts, Ict};
    let gts_offer = [
        ("job_offer_status", "written"),
        ("employer_will_file_gts_lmia", "yes"),
        ("gts_referral_status", "none"),
        ("hours_per_week", "40"),
    ];
    let gts_job = |citizenship, pairs: &[(&str, &str)]| with(&person(citizenship, &gts_offer), pairs);
    vec![
        // Priya, a senior software engineer in Bangalore with a master's, has a written offer from a Toronto
        // fintech at $130,000 a year ($62.50/h; Toronto's 21231 median is $56.49). Her husband and daughter come
        // with her for the 3 years. A listed job paid above the local median: likely eligible.
        Applicant {
            name: "Priya",
            pathway: Gts,
            answers: gts_job(
                "IN",
                &[
                    ("highest_education", "master"),
                    ("employer_legal_name", "Maple Pay Inc."),
                    ("employer_city", "Toronto"),
                    ("employer_province", "ON"),
                    ("work_economic_region", "ER3530"),
                    ("job_title", "Senior software engineer"),
                    ("noc_2021_code", "21231"),
                    ("offered_wage", "130000"),
                    ("wage_unit", "annual"),
                    ("years_specialized_experience", "8"),
                    ("duration_months", "36"),
                    ("accompanying_family", "spouse_children"),
                ],
            ),
            outcome: LikelyEligible,
            has: &["G3", "X8", "X10", "X11"],
            lacks: &["G12", "X9"],
        },
        // Wei, a developer in Shanghai, is offered $100,000 by an Ottawa games studio that checked the Ontario
        // median ($48.08/h, which $100,000 meets). Ottawa's own median for 21232 is $50.26, and it comes first.
        Applicant {
            name: "Wei",
            pathway: Gts,
            answers: gts_job(
                "CN",
                &[
                    ("employer_city", "Ottawa"),
                    ("employer_province", "ON"),
                    ("work_economic_region", "ER3510"),
                    ("job_title", "Gameplay programmer"),
                    ("noc_2021_code", "21232"),
                    ("offered_wage", "100000"),
                    ("wage_unit", "annual"),
                ],
            ),
            outcome: LikelyNotEligible,
            has: &["G12"],
            lacks: &["G3", "G4"],
        },
        // Tomás, a QA tester from Colombia, is offered $42.50/h in Toronto for 2 years: above the $41.03 floor of
        // 22222 and Toronto's $36.96 median. His wife comes too; testing technicians (22xxx) keep her open permit.
        Applicant {
            name: "Tomás",
            pathway: Gts,
            answers: gts_job(
                "CO",
                &[
                    ("employer_province", "ON"),
                    ("work_economic_region", "ER3530"),
                    ("job_title", "Test automation technician"),
                    ("noc_2021_code", "22222"),
                    ("offered_wage", "42.50"),
                    ("wage_unit", "hourly"),
                    ("duration_months", "24"),
                    ("accompanying_family", "spouse"),
                ],
            ),
            outcome: LikelyEligible,
            has: &["G2", "X11"],
            lacks: &["G5", "X9"],
        },
        // Amélie, a French developer, is offered $90,000 by a Montréal studio. Quebec's GTS jobs follow MIFI's
        // tables, so the lawyer looks at it; no Job Bank comparison.
        Applicant {
            name: "Amélie",
            pathway: Gts,
            answers: gts_job(
                "FR",
                &[
                    ("employer_city", "Montréal"),
                    ("employer_province", "QC"),
                    ("work_economic_region", "ER2440"),
                    ("job_title", "Développeuse logiciel"),
                    ("noc_2021_code", "21232"),
                    ("offered_wage", "90000"),
                    ("wage_unit", "annual"),
                    ("language", "fr"),
                ],
            ),
            outcome: NeedsReview,
            has: &["G6"],
            lacks: &["G3", "G4", "G12"],
        },
        // Kwame, a network technician from Ghana, is offered $40/h by a Vancouver ISP: above the local median but
        // under the $40.87 floor of 22220. BC also needs the employer's provincial registration (a note).
        Applicant {
            name: "Kwame",
            pathway: Gts,
            answers: gts_job(
                "GH",
                &[
                    ("employer_city", "Vancouver"),
                    ("employer_province", "BC"),
                    ("work_economic_region", "ER5920"),
                    ("job_title", "Network technician"),
                    ("noc_2021_code", "22220"),
                    ("offered_wage", "40"),
                    ("wage_unit", "hourly"),
                ],
            ),
            outcome: LikelyNotEligible,
            has: &["G5", "G15"],
            lacks: &["G2"],
        },
        // Dr. Ivanova, a quantum computing physicist (21100, not listed), is referred by a designated partner to a
        // Toronto start-up at $165,000. It is the employer's third Category A job this year: $150,000 applies, met.
        Applicant {
            name: "Ivanova",
            pathway: Gts,
            answers: gts_job(
                "BG",
                &[
                    ("highest_education", "doctorate"),
                    ("gts_referral_status", "referred"),
                    ("referral_partner_name", "Communitech"),
                    ("employer_province", "ON"),
                    ("work_economic_region", "ER3530"),
                    ("job_title", "Quantum algorithms researcher"),
                    ("noc_2021_code", "other"),
                    ("noc_2021_code_other", "21100"),
                    ("offered_wage", "165000"),
                    ("wage_unit", "annual"),
                    ("gts_category_a_positions_this_year", "three_or_more"),
                ],
            ),
            outcome: NeedsReview,
            has: &["G9"],
            lacks: &["G10", "G11", "G13", "G14"],
        },
        // Hamid, an AI research scientist with a PhD (41200, university lab in Waterloo), referral in progress,
        // $120,000; the lab does not know whether it is its third Category A job this year.
        Applicant {
            name: "Hamid",
            pathway: Gts,
            answers: gts_job(
                "IR",
                &[
                    ("highest_education", "doctorate"),
                    ("gts_referral_status", "in_progress"),
                    ("employer_province", "ON"),
                    ("work_economic_region", "ER3540"),
                    ("job_title", "Research scientist, machine learning"),
                    ("noc_2021_code", "other"),
                    ("noc_2021_code_other", "41200"),
                    ("offered_wage", "120000"),
                    ("wage_unit", "annual"),
                    ("gts_category_a_positions_this_year", "unsure"),
                ],
            ),
            outcome: NeedsReview,
            has: &["G9", "G14"],
            lacks: &["G11", "G13"],
        },
        // Rosa, Filipina, a digital media designer (52120, a job requiring 3 years' experience) offered $40/h in
        // Toronto: above the $38.46 floor. Her husband comes: 52xxx is not on the spouse list.
        Applicant {
            name: "Rosa",
            pathway: Gts,
            answers: gts_job(
                "PH",
                &[
                    ("employer_province", "ON"),
                    ("work_economic_region", "ER3530"),
                    ("job_title", "Motion designer"),
                    ("noc_2021_code", "52120"),
                    ("job_requires_3y_listed_experience", "yes"),
                    ("offered_wage", "40"),
                    ("wage_unit", "hourly"),
                    ("duration_months", "24"),
                    ("accompanying_family", "spouse"),
                ],
            ),
            outcome: NeedsReview,
            has: &["G2", "X9"],
            lacks: &["G5", "G8"],
        },
        // Arjun, on a post-graduation work permit in Toronto until September, has a $110,000 offer as a developer
        // (above the $48.08 median) and plans to get the new permit by driving to the US border and back.
        Applicant {
            name: "Arjun",
            pathway: Gts,
            answers: gts_job(
                "IN",
                &[
                    ("current_location", "inside_canada"),
                    ("country_of_residence", "CA"),
                    ("canadian_status", "worker"),
                    ("status_expiry", "2026-09-30"),
                    ("entry_plan", "land_border"),
                    ("employer_province", "ON"),
                    ("work_economic_region", "ER3530"),
                    ("job_title", "Software developer"),
                    ("noc_2021_code", "21232"),
                    ("offered_wage", "110000"),
                    ("wage_unit", "annual"),
                ],
            ),
            outcome: NeedsReview,
            has: &["G3", "X4", "X7"],
            lacks: &["X2", "X3"],
        },
        // Emily, a US citizen with a US bachelor's in information systems, has a written offer as a systems analyst
        // (21222) in Calgary and will apply at the airport when she lands.
        Applicant {
            name: "Emily",
            pathway: Cusma,
            answers: person(
                "US",
                &[
                    ("citizenship_basis", "us_citizen"),
                    ("entry_plan", "airport"),
                    ("job_offer_status", "written"),
                    ("cusma_profession", "computer_systems_analyst"),
                    ("job_title", "Business systems analyst"),
                    (
                        "job_duties",
                        "Gather requirements, model processes and specify ERP changes.",
                    ),
                    ("noc_2021_code", "21222"),
                    ("engagement_type", "employee"),
                    ("controls_canadian_entity", "no"),
                    ("credential_type", "bachelor_or_licenciatura"),
                    ("credential_field_related", "yes"),
                    ("credential_country", "US"),
                    ("years_experience_in_profession", "6"),
                    ("licence_held", "none"),
                    ("profession_regulated_in_destination", "no"),
                ],
            ),
            outcome: LikelyEligible,
            has: &["C4", "X7", "X12"],
            lacks: &["X4", "X6", "C13"],
        },
        // Diego, Mexican, a Licenciatura in computer engineering, is hired as a "Software Engineer" writing backend
        // code in Toronto. He plans to drive up from Texas with an eTA. Engineering is regulated, the coding duties
        // need a look, and an eTA does not work by land.
        Applicant {
            name: "Diego",
            pathway: Cusma,
            answers: person(
                "MX",
                &[
                    ("citizenship_basis", "mx_citizen"),
                    ("mx_travel_document", "eta_eligible"),
                    ("entry_plan", "land_border"),
                    ("job_offer_status", "written"),
                    ("cusma_profession", "engineer"),
                    ("job_title", "Software Engineer"),
                    (
                        "job_duties",
                        "Design and build backend services and APIs for the payments platform.",
                    ),
                    ("noc_2021_code", "21231"),
                    ("engagement_type", "employee"),
                    ("controls_canadian_entity", "no"),
                    ("credential_type", "bachelor_or_licenciatura"),
                    ("credential_field_related", "yes"),
                    ("credential_country", "MX"),
                    ("years_experience_in_profession", "5"),
                    ("licence_held", "none"),
                    ("profession_regulated_in_destination", "unsure"),
                ],
            ),
            outcome: NeedsReview,
            has: &["C4", "C10", "C11", "C12", "X5", "X7"],
            lacks: &["C1", "C5", "X6"],
        },
        // Sanjay, an Indian citizen with a US green card, works as a systems analyst in New Jersey and hopes to use
        // CUSMA for a Toronto offer. Permanent residents do not qualify.
        Applicant {
            name: "Sanjay",
            pathway: Cusma,
            answers: person(
                "IN",
                &[
                    ("country_of_residence", "US"),
                    ("citizenship_basis", "us_or_mx_pr_only"),
                    ("us_lawful_permanent_resident", "yes"),
                    ("job_offer_status", "written"),
                    ("cusma_profession", "computer_systems_analyst"),
                    ("job_title", "Systems analyst"),
                    ("noc_2021_code", "21222"),
                    ("engagement_type", "employee"),
                    ("controls_canadian_entity", "no"),
                    ("credential_type", "masters_or_higher"),
                    ("credential_field_related", "yes"),
                    ("credential_country", "US"),
                    ("years_experience_in_profession", "7"),
                    ("licence_held", "none"),
                ],
            ),
            outcome: LikelyNotEligible,
            has: &["C1"],
            lacks: &["C11"],
        },
        // Linda, a US citizen, holds a CPA licence from the State of Illinois but no degree; a Toronto firm hires
        // her as an accountant. A state CPA may be the designation CUSMA asks for: the lawyer checks.
        Applicant {
            name: "Linda",
            pathway: Cusma,
            answers: person(
                "US",
                &[
                    ("citizenship_basis", "us_citizen"),
                    ("job_offer_status", "written"),
                    ("cusma_profession", "accountant"),
                    ("job_title", "Senior accountant"),
                    ("noc_2021_code", "11100"),
                    ("engagement_type", "employee"),
                    ("controls_canadian_entity", "no"),
                    ("credential_type", "designation_or_licence_only"),
                    ("credential_field_related", "yes"),
                    ("credential_country", "US"),
                    ("years_experience_in_profession", "12"),
                    ("licence_held", "us_state"),
                ],
            ),
            outcome: NeedsReview,
            has: &["C15"],
            lacks: &["C4", "C5"],
        },
        // Nikhil, a naturalized US citizen, is a graphic designer with a 2-year diploma from Mumbai and 6 years'
        // experience. A diploma from outside Canada and the US does not meet CUSMA's diploma route.
        Applicant {
            name: "Nikhil",
            pathway: Cusma,
            answers: person(
                "US",
                &[
                    ("citizenship_basis", "us_citizen"),
                    ("job_offer_status", "written"),
                    ("cusma_profession", "graphic_designer"),
                    ("job_title", "Graphic designer"),
                    ("noc_2021_code", "52120"),
                    ("engagement_type", "employee"),
                    ("controls_canadian_entity", "no"),
                    ("credential_type", "diploma_2y_plus"),
                    ("credential_field_related", "yes"),
                    ("credential_country", "IN"),
                    ("years_experience_in_profession", "6"),
                    ("licence_held", "none"),
                ],
            ),
            outcome: LikelyNotEligible,
            has: &["C5", "C13", "X7"],
            lacks: &["C4"],
        },
        // Claire runs IT operations for a French software group whose Toronto subsidiary has 85 staff. Asked where
        // the group earns revenue outside Canada, she listed France only. The operating Canadian subsidiary is the
        // second country: nothing against her there.
        Applicant {
            name: "Claire",
            pathway: Ict,
            answers: transfer(
                "FR",
                &[
                    ("foreign_employer_name", "Logiciels Dupont SA"),
                    ("foreign_employer_country", "FR"),
                    ("countries_with_revenue_operations", "FR"),
                    ("current_role_category", "functional_manager"),
                    ("proposed_role_category", "functional_manager"),
                    ("proposed_noc_2021_code", "20012"),
                    ("direct_reports", "7"),
                    ("reports_are_professionals", "yes"),
                    ("reports_include_managers", "yes"),
                    ("proposed_wage", "150000"),
                ],
            ),
            outcome: LikelyEligible,
            has: &["I8", "X8", "X12"],
            lacks: &["I5", "I15", "I16", "I19"],
        },
        // Jordan, a US citizen, is a senior manager at a London fintech that only trades in the UK and is now
        // opening its first Canadian office. A US citizen working for a UK company is on the R205(a) route, where a
        // new office needs revenue in 2 countries already.
        Applicant {
            name: "Jordan",
            pathway: Ict,
            answers: transfer(
                "US",
                &[
                    ("country_of_residence", "GB"),
                    ("foreign_employer_name", "Thames Pay Ltd"),
                    ("foreign_employer_country", "GB"),
                    ("countries_with_revenue_operations", "GB"),
                    ("canadian_entity_status", "being_established"),
                    ("canadian_premises", "not_secured"),
                    ("canadian_entity_headcount", ""),
                    ("current_role_category", "senior_manager"),
                    ("proposed_role_category", "senior_manager"),
                    ("proposed_noc_2021_code", "20012"),
                    ("direct_reports", "3"),
                    ("reports_are_professionals", "yes"),
                    ("reports_include_managers", "no"),
                    ("proposed_wage", "160000"),
                    ("assignment_months", "12"),
                ],
            ),
            outcome: LikelyNotEligible,
            has: &["I5", "I6"],
            lacks: &["I23", "I8"],
        },
        // Thabo leads the help desk of a South African IT services group and would do the same in Toronto: six
        // support technicians report to him, none of them professionals or supervisors.
        Applicant {
            name: "Thabo",
            pathway: Ict,
            answers: transfer(
                "ZA",
                &[
                    ("foreign_employer_name", "Karoo Systems (Pty) Ltd"),
                    ("foreign_employer_country", "ZA"),
                    ("countries_with_revenue_operations", "ZA,GB"),
                    ("current_role_category", "functional_manager"),
                    ("proposed_role_category", "functional_manager"),
                    ("proposed_noc_2021_code", "22221"),
                    ("direct_reports", "6"),
                    ("reports_are_professionals", "no"),
                    ("reports_include_managers", "no"),
                    ("proposed_wage", "83200"),
                ],
            ),
            outcome: LikelyNotEligible,
            has: &["I17", "X7"],
            lacks: &["I8", "I16", "I18"],
        },
        // Ana, a Brazilian engineering manager, is visiting the Toronto office as a visitor and wants to apply for
        // her transfer permit from inside Canada. Her transfer fits, but visitors can no longer apply inside.
        Applicant {
            name: "Ana",
            pathway: Ict,
            answers: transfer(
                "BR",
                &[
                    ("current_location", "inside_canada"),
                    ("canadian_status", "visitor"),
                    ("status_expiry", "2026-05-30"),
                    ("entry_plan", "inside_canada"),
                    ("foreign_employer_name", "Ipê Tecnologia Ltda"),
                    ("foreign_employer_country", "BR"),
                    ("countries_with_revenue_operations", "BR,AR"),
                    ("current_role_category", "functional_manager"),
                    ("proposed_role_category", "functional_manager"),
                    ("proposed_noc_2021_code", "20012"),
                    ("direct_reports", "9"),
                    ("reports_are_professionals", "yes"),
                    ("reports_include_managers", "yes"),
                    ("proposed_wage", "155000"),
                ],
            ),
            outcome: NeedsReview,
            has: &["X3", "I8", "X7"],
            lacks: &["X2", "X4"],
        },
        // Mike, a US citizen, builds the proprietary trading engine at a Chicago firm and moves to its Toronto
        // branch for 2 years at $48/h (below the $56.49 median). US citizen, US employer: CUSMA T38, no wage floor.
        Applicant {
            name: "Mike",
            pathway: Ict,
            answers: transfer(
                "US",
                &[
                    ("foreign_employer_name", "Lakeshore Trading LLC"),
                    ("foreign_employer_country", "US"),
                    ("countries_with_revenue_operations", "US"),
                    ("relationship", "branch"),
                    ("current_role_category", "specialized_knowledge"),
                    ("proposed_role_category", "specialized_knowledge"),
                    ("proposed_noc_2021_code", "21231"),
                    ("proposed_wage", "48"),
                    ("wage_unit", "hourly"),
                    ("entry_plan", "airport"),
                ],
            ),
            outcome: NeedsReview,
            has: &["I9", "I23"],
            lacks: &["I11", "I5", "I16"],
        },
        // Lucía, Mexican, a specialist in a Madrid company's proprietary platform, would move to its Toronto
        // subsidiary at $52/h. Her employer is Spanish, so R205(a) applies: specialized knowledge must earn at
        // least Toronto's $56.49 median.
        Applicant {
            name: "Lucía",
            pathway: Ict,
            answers: transfer(
                "MX",
                &[
                    ("country_of_residence", "ES"),
                    ("mx_travel_document", "canadian_visa"),
                    ("foreign_employer_name", "Plataformas Ibéricas SL"),
                    ("foreign_employer_country", "ES"),
                    ("countries_with_revenue_operations", "ES,MX,CO"),
                    ("current_role_category", "specialized_knowledge"),
                    ("proposed_role_category", "specialized_knowledge"),
                    ("proposed_noc_2021_code", "21231"),
                    ("proposed_wage", "52"),
                    ("wage_unit", "hourly"),
                ],
            ),
            outcome: LikelyNotEligible,
            has: &["I9", "I11"],
            lacks: &["I23", "I10"],
        },
        // Rahul left his Bengaluru employer in mid-2024 after two and a half years and was rehired in October 2025
        // as an IT manager. The current run falls short of 12 months, but the earlier stint falls in the 3 years.
        Applicant {
            name: "Rahul",
            pathway: Ict,
            answers: transfer(
                "IN",
                &[
                    ("foreign_employer_name", "Deccan Infotech Ltd"),
                    ("foreign_employer_country", "IN"),
                    ("countries_with_revenue_operations", "IN,SG,AE"),
                    ("employment_start_date", "2025-10-01"),
                    ("had_earlier_stint", "yes"),
                    ("earlier_stint_start_date", "2022-01-10"),
                    ("earlier_stint_end_date", "2024-06-28"),
                    ("current_role_category", "functional_manager"),
                    ("proposed_role_category", "functional_manager"),
                    ("proposed_noc_2021_code", "20012"),
                    ("direct_reports", "5"),
                    ("reports_are_professionals", "yes"),
                    ("reports_include_managers", "no"),
                    ("proposed_wage", "145000"),
                ],
            ),
            outcome: NeedsReview,
            has: &["I20"],
            lacks: &["I2", "I8"],
        },
    ]
}

fn realistic_results() -> Vec<PathwayAssessment> {
    realistic_applicants_list().iter().map(Applicant::assess).collect()
}

#[test]
fn realistic_applicants() {
    let applicants = realistic_applicants_list();
    assert!(applicants.len() >= 12);
    for pathway in Pathway::ALL {
        assert!(applicants.iter().any(|a| a.pathway == pathway), "{pathway}");
    }
    for applicant in &applicants {
        let result = applicant.assess();
        let ids = result.rule_ids();
        assert_eq!(result.outcome, applicant.outcome, "{}: {ids:?}", applicant.name);
        for id in applicant.has {
            assert!(ids.contains(id), "{}: {id} should fire; fired {ids:?}", applicant.name);
        }
        for id in applicant.lacks {
            assert!(
                !ids.contains(id),
                "{}: {id} should not fire; fired {ids:?}",
                applicant.name
            );
        }
        assert_view_follows_5_3(&result);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Texts (text.rs)
// ---------------------------------------------------------------------------------------------------------------

mod texts {
    use super::*;
    use crate::i18n::when::date as date_text;
    use crate::prescreen::text::{
        applicant_median_line, brief_groups, brief_summary, brief_wage_line, money, pay_text, reason,
    };

    const STALE_MONTHS: u32 = 13;

    fn applicant(name: &str) -> Applicant {
        realistic_applicants_list()
            .into_iter()
            .find(|a| a.name == name)
            .unwrap()
    }

    fn wage_of(a: &Answers, pathway: Pathway, medians: &MedianTable) -> WageCheck {
        run(a, pathway, medians).values.wage.unwrap()
    }

    #[test]
    fn money_in_english_and_french() {
        assert_eq!(money(Lang::En, 126_000.0, false), "$126,000");
        assert_eq!(money(Lang::En, 48.08, true), "$48.08");
        assert_eq!(money(Lang::En, 999.0, false), "$999");
        assert_eq!(money(Lang::En, 1000.0, false), "$1,000");
        assert_eq!(money(Lang::En, 0.5, true), "$0.50");
        assert_eq!(money(Lang::En, 1_234_567.891, true), "$1,234,567.89");
        assert_eq!(money(Lang::Fr, 126_000.0, false), "126\u{202F}000\u{A0}$");
        assert_eq!(money(Lang::Fr, 48.08, true), "48,08\u{A0}$");
        assert_eq!(money(Lang::Fr, 1_234_567.5, true), "1\u{202F}234\u{202F}567,50\u{A0}$");
        assert_eq!(money(Lang::Fr, 41.0, true), "41,00\u{A0}$");
    }

    #[test]
    fn pay_text_starts_with_the_unit_given() {
        let annual = wage_of(&applicant("Priya").answers, Pathway::Gts, &starter_wages());
        assert_eq!(pay_text(Lang::En, &annual).unwrap(), "$130,000/yr = $62.50/h");
        let hourly = wage_of(&gts(&[("noc_2021_code", "21231")]), Pathway::Gts, &no_wage_data());
        assert_eq!(pay_text(Lang::En, &hourly).unwrap(), "$45.00/h = $93,600/yr");
        assert_eq!(
            pay_text(Lang::Fr, &hourly).unwrap(),
            "45,00\u{A0}$/h = 93\u{202F}600\u{A0}$/an"
        );
        let unpaid = wage_of(
            &gts(&[("noc_2021_code", "21231"), ("offered_wage", "")]),
            Pathway::Gts,
            &no_wage_data(),
        );
        assert_eq!(pay_text(Lang::En, &unpaid), None);
    }

    #[test]
    fn brief_wage_line_with_the_median_used() {
        let medians = starter_wages();
        let toronto = wage_of(
            &gts(&[("noc_2021_code", "21232"), ("work_economic_region", "ER3530")]),
            Pathway::Gts,
            &medians,
        );
        assert_eq!(
            brief_wage_line(Lang::En, &toronto, today(), STALE_MONTHS),
            "Median for NOC 21232 in Toronto (economic region): $48.08 an hour. Job Bank wages effective 2025-11-19, \
             reference period 2023-2024."
        );
        let fr = brief_wage_line(Lang::Fr, &toronto, today(), STALE_MONTHS);
        for part in [
            "CNP 21232",
            "Toronto (région économique)",
            "48,08\u{A0}$ de l’heure",
            "2025-11-19",
            "2023-2024",
        ] {
            assert!(fr.contains(part), "{part} not in {fr}");
        }
        let ontario = wage_of(&gts(&[("noc_2021_code", "21232")]), Pathway::Gts, &medians);
        let line = brief_wage_line(Lang::En, &ontario, today(), STALE_MONTHS);
        assert!(
            line.contains("in Ontario (province or territory): $48.08 an hour"),
            "{line}"
        );
        let canada = wage_of(
            &gts(&[("noc_2021_code", "21232"), ("employer_province", "NU")]),
            Pathway::Gts,
            &medians,
        );
        let line = brief_wage_line(Lang::En, &canada, today(), STALE_MONTHS);
        assert!(line.contains("in Canada (Canada)"), "{line}");
        // An annual median reads per year; a Quebec figure is for reference.
        let annual = medians_annual_21231();
        let yearly = wage_of(&gts(&[("noc_2021_code", "21231")]), Pathway::Gts, &annual);
        let line = brief_wage_line(Lang::En, &yearly, today(), STALE_MONTHS);
        assert!(line.contains("$117,500 a year"), "{line}");
        let montreal = wage_of(&applicant("Amélie").answers, Pathway::Gts, &medians);
        let line = brief_wage_line(Lang::En, &montreal, today(), STALE_MONTHS);
        assert!(line.starts_with("For reference only"), "{line}");
        assert!(line.contains("Montréal (economic region): $45.67 an hour"), "{line}");
    }

    fn medians_annual_21231() -> MedianTable {
        medians(WageUnit::Annual, &[("21231", None, Some(117_500.0), None)])
    }

    #[test]
    fn brief_wage_line_without_a_median() {
        // The edition has no figure for this NOC.
        let missing = wage_of(
            &gts(&[("noc_2021_code", "21211")]),
            Pathway::Gts,
            &hourly(&[("21231", Some(56.49), None, None)]),
        );
        let line = brief_wage_line(Lang::En, &missing, today(), STALE_MONTHS);
        assert_eq!(
            line,
            "No median on file for NOC 21211 (ON, Canada), edition 2025-11-19."
        );
        let fr = brief_wage_line(Lang::Fr, &missing, today(), STALE_MONTHS);
        assert!(fr.contains("CNP 21211") && fr.contains("2025-11-19"), "{fr}");
        // No wage data imported at all.
        let none = wage_of(&gts(&[("noc_2021_code", "21211")]), Pathway::Gts, &no_wage_data());
        assert_eq!(
            brief_wage_line(Lang::En, &none, today(), STALE_MONTHS),
            "No median on file (no wage data imported)."
        );
        assert_ne!(
            brief_wage_line(Lang::Fr, &none, today(), STALE_MONTHS),
            brief_wage_line(Lang::En, &none, today(), STALE_MONTHS)
        );
    }

    #[test]
    fn brief_wage_line_warns_after_13_months() {
        let stale_note = Lang::En.t("brief-medians-stale");
        let found = wage_of(&gts(&[("noc_2021_code", "21232")]), Pathway::Gts, &starter_wages());
        let missing = wage_of(
            &gts(&[("noc_2021_code", "21211")]),
            Pathway::Gts,
            &hourly(&[("21231", Some(56.49), None, None)]),
        );
        let none = wage_of(&gts(&[("noc_2021_code", "21211")]), Pathway::Gts, &no_wage_data());
        // 2025-11-19 + 13 months = 2026-12-19.
        for wage in [&found, &missing] {
            assert!(!brief_wage_line(Lang::En, wage, date("2026-12-19"), STALE_MONTHS).contains(&stale_note));
            let late = brief_wage_line(Lang::En, wage, date("2026-12-20"), STALE_MONTHS);
            assert!(late.ends_with(&format!(" {stale_note}")), "{late}");
        }
        assert!(!brief_wage_line(Lang::En, &none, date("2030-01-01"), STALE_MONTHS).contains(&stale_note));
    }

    #[test]
    fn brief_summary_of_a_gts_b_applicant() {
        let priya = applicant("Priya");
        let stored = priya.assess().stored();
        let summary = brief_summary(Lang::En, &stored, &priya.answers);
        for part in [
            "GTS B",
            "NOC 21231",
            "$130,000/yr = $62.50/h",
            "Toronto median $56.49",
            "2025-11-19",
            "written offer",
            "no refusals",
            "English",
        ] {
            assert!(summary.contains(part), "{part} not in {summary}");
        }
        assert!(summary.starts_with("GTS B · NOC 21231 · "), "{summary}");
        let fr = brief_summary(Lang::Fr, &stored, &priya.answers);
        for part in ["VTM B", "21231", "=", "56,49\u{A0}$", "offre écrite", "anglais"] {
            assert!(fr.contains(part), "{part} not in {fr}");
        }
        // Without a median: the pay alone.
        let bare = run(&priya.answers, Pathway::Gts, &no_wage_data()).stored();
        let summary = brief_summary(Lang::En, &bare, &priya.answers);
        assert!(
            summary.contains("NOC 21231 · $130,000/yr = $62.50/h · written offer"),
            "{summary}"
        );
        // CUSMA names the profession; ICT its route.
        let emily = applicant("Emily");
        let summary = brief_summary(Lang::En, &emily.assess().stored(), &emily.answers);
        assert!(
            summary.starts_with("CUSMA T36 · Computer Systems Analyst · NOC 21222"),
            "{summary}"
        );
        let mike = applicant("Mike");
        let summary = brief_summary(Lang::En, &mike.assess().stored(), &mike.answers);
        assert!(summary.starts_with("ICT CUSMA T37/T38 · NOC 21231"), "{summary}");
    }

    #[test]
    fn reasons_carry_their_values() {
        let values = Values {
            eligible_from: Some(date("2026-03-02")),
            ..Values::default()
        };
        for lang in [Lang::En, Lang::Fr] {
            let text = reason(lang, "I2", &values);
            assert!(text.contains(&date_text(lang, date("2026-03-02"))), "{text}");
            assert_eq!(reason(lang, "I2", &Values::default()), lang.t("rule-I2"));
            assert_eq!(reason(lang, "G3", &values), lang.t("rule-G3"));
        }
        assert_eq!(reason(Lang::En, "C6", &values), "C6");

        let wei = applicant("Wei").assess();
        let line = applicant_median_line(Lang::En, "G12", &wei.values).unwrap();
        assert!(
            line.contains("NOC 21232") && line.contains("Ottawa") && line.contains("$50.26 an hour"),
            "{line}"
        );
        assert!(line.contains(&date_text(Lang::En, edition_date())), "{line}");
        assert_eq!(applicant_median_line(Lang::En, "G1", &wei.values), None);
        let unfiled = run(&applicant("Wei").answers, Pathway::Gts, &no_wage_data());
        assert_eq!(applicant_median_line(Lang::En, "G12", &unfiled.values), None);
    }

    #[test]
    fn brief_groups_in_order_with_texts() {
        let diego = applicant("Diego").assess().stored();
        let groups = brief_groups(Lang::En, &diego);
        let names: Vec<&str> = groups.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["To check", "In place", "Notes"]);
        let ids: Vec<&str> = groups[0].1.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["C10", "C11", "C12", "X5"]);
        assert_eq!(groups[1].1, [("C4".to_owned(), Lang::En.t("rule-C4"))]);
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Suggestions for `not_sure`
// ---------------------------------------------------------------------------------------------------------------

mod suggestions {
    use super::*;

    fn pathways(a: &Answers) -> Vec<(Pathway, &'static str)> {
        suggest(a).into_iter().map(|s| (s.pathway, s.reason)).collect()
    }

    #[test]
    fn a_us_citizen_with_a_listed_job_offer() {
        let a = answers(&[
            ("citizenships", "US"),
            ("job_offer_status", "written"),
            ("noc_2021_code", "21231"),
        ]);
        assert_eq!(
            pathways(&a),
            [
                (Pathway::Gts, "suggest-gts-listed"),
                (Pathway::Cusma, "suggest-cusma-citizen-offer")
            ]
        );
    }

    #[test]
    fn an_offer_for_a_job_not_listed() {
        let a = answers(&[
            ("citizenships", "IN"),
            ("job_offer_status", "verbal"),
            ("noc_2021_code", "other"),
        ]);
        assert_eq!(pathways(&a), [(Pathway::Gts, "suggest-gts-offer")]);
    }

    #[test]
    fn a_listed_job_without_an_offer_is_not_gts() {
        let a = answers(&[
            ("citizenships", "MX"),
            ("job_offer_status", "none"),
            ("noc_2021_code", "21231"),
        ]);
        assert_eq!(pathways(&a), [(Pathway::Cusma, "suggest-cusma-citizen")]);
    }

    #[test]
    fn an_employee_of_a_related_company() {
        let a = answers(&[
            ("citizenships", "FR"),
            ("job_offer_status", "none"),
            ("currently_employed_by_foreign_entity", "yes"),
            ("relationship", "subsidiary"),
        ]);
        assert_eq!(pathways(&a), [(Pathway::Ict, "suggest-ict-related")]);
        let unsure = with(&a, &[("relationship", "unsure")]);
        assert_eq!(pathways(&unsure), [(Pathway::Ict, "suggest-ict-related")]);
        let client = with(&a, &[("relationship", "client_or_supplier")]);
        assert!(pathways(&client).is_empty());
        let former = with(&a, &[("currently_employed_by_foreign_entity", "no")]);
        assert!(pathways(&former).is_empty());
    }

    #[test]
    fn nothing_fits_gives_no_suggestion() {
        assert!(pathways(&answers(&[("citizenships", "FR"), ("job_offer_status", "none")])).is_empty());
        assert!(pathways(&Answers::default()).is_empty());
        // Not a US or Mexican citizen, no offer, no related employer: nothing, not "all three".
        let a = answers(&[
            ("citizenships", "IN"),
            ("us_lawful_permanent_resident", "yes"),
            ("job_offer_status", "none"),
            ("noc_2021_code", "21231"),
            ("currently_employed_by_foreign_entity", "yes"),
            ("relationship", "client_or_supplier"),
        ]);
        assert!(pathways(&a).is_empty());
    }

    #[test]
    fn every_reason_is_declared() {
        let profiles = [
            answers(&[
                ("citizenships", "US"),
                ("job_offer_status", "written"),
                ("noc_2021_code", "21231"),
            ]),
            answers(&[("citizenships", "MX"), ("job_offer_status", "in_discussion")]),
            answers(&[("citizenship_basis", "us_citizen")]),
            answers(&[
                ("currently_employed_by_foreign_entity", "yes"),
                ("relationship", "unsure"),
            ]),
            Answers::default(),
        ];
        let seen: BTreeSet<&str> = profiles.iter().flat_map(suggest).map(|s| s.reason).collect();
        let declared: BTreeSet<&str> = SUGGESTION_REASONS.iter().copied().collect();
        assert_eq!(seen, declared);
    }
}
