//! Every rule fires on one side of its boundary and not on the other; combination; suggestions; the rule ids match
//! the domain reference.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::*;
use crate::i18n::Lang;

/// The date the tests run "on".
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
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

const COMMON: &[(&str, &str)] = &[
    ("citizenships", "FR"),
    ("country_of_residence", "FR"),
    ("current_location", "outside_canada"),
    ("highest_education", "bachelor"),
    ("prior_refusal_or_removal", "no"),
    ("criminal_history", "no"),
];

/// A listed GTS job with a fixed floor (22222, $41.03/h), paid above it, outside Quebec: G2 alone.
fn gts(pairs: &[(&str, &str)]) -> Answers {
    let base = with(
        &answers(COMMON),
        &[
            ("job_offer_status", "written"),
            ("employer_will_file_gts_lmia", "yes"),
            ("gts_referral_status", "none"),
            ("employer_province", "ON"),
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

/// A US citizen, computer systems analyst with a related bachelor's, TEER 1 job as an employee: C4 alone.
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

/// A functional manager of a multinational moving to its Canadian subsidiary in the same role: I8 alone.
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
            ("proposed_wage", "120000"),
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

/// The same median for every NOC and region.
struct Median(f64);

impl Medians for Median {
    fn hourly_median(&self, _noc: &str, _province: Option<&str>) -> Option<f64> {
        Some(self.0)
    }
}

fn run(a: &Answers, pathway: Pathway, median: Option<f64>) -> PathwayAssessment {
    match median {
        Some(m) => assess(a, pathway, &Context::new(today(), &Median(m))),
        None => assess(a, pathway, &Context::new(today(), &NoMedians)),
    }
}

fn ids(a: &Answers, pathway: Pathway) -> Vec<&'static str> {
    run(a, pathway, None).rule_ids()
}

/// A rule, answers that fire it, and answers one fact away that do not.
struct Case {
    rule: &'static str,
    pathway: Pathway,
    median: Option<f64>,
    fires: Answers,
    misses: Answers,
}

impl Case {
    fn new(rule: &'static str, pathway: Pathway, fires: Answers, misses: Answers) -> Self {
        Case {
            rule,
            pathway,
            median: None,
            fires,
            misses,
        }
    }

    fn median(mut self, median: f64) -> Self {
        self.median = Some(median);
        self
    }

    fn check(&self) {
        let hit = run(&self.fires, self.pathway, self.median);
        assert!(
            hit.rule_ids().contains(&self.rule),
            "{} should fire; fired {:?}",
            self.rule,
            hit.rule_ids()
        );
        assert!(
            hit.outcome >= rule_outcome(self.rule).unwrap(),
            "{}: outcome {:?}",
            self.rule,
            hit.outcome
        );
        let miss = run(&self.misses, self.pathway, self.median);
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
            // The same annual pay over 37.5 hours is a higher hourly rate.
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
            // A higher median on file raises the floor.
            Case::new(
                "G2",
                Gts,
                gts(&[("offered_wage", "45.00")]),
                gts(&[("offered_wage", "44.99")]),
            )
            .median(45.0),
        ]
    }

    pub fn g3() -> Vec<Case> {
        let listed = |wage| gts(&[("noc_2021_code", "21231"), ("offered_wage", wage)]);
        vec![Case::new("G3", Gts, listed("50.00"), listed("49.99")).median(50.0)]
    }

    pub fn g4() -> Vec<Case> {
        let listed = gts(&[("noc_2021_code", "21231")]);
        vec![
            Case::new("G4", Gts, listed.clone(), gts(&[("noc_2021_code", "22222")])),
            // `other`, with a listed code typed beside it.
            Case::new(
                "G4",
                Gts,
                gts(&[("noc_2021_code", "other"), ("noc_2021_code_other", "21231")]),
                gts(&[("noc_2021_code", "other"), ("noc_2021_code_other", "21100")]),
            ),
            // A code in several prevailing groups.
            Case::new(
                "G4",
                Gts,
                gts(&[("noc_2021_code", "21211")]),
                gts(&[("noc_2021_code", "other")]),
            ),
        ]
    }

    pub fn g5() -> Vec<Case> {
        vec![
            Case::new(
                "G5",
                Gts,
                gts(&[("offered_wage", "41.02")]),
                gts(&[("offered_wage", "41.03")]),
            ),
            Case::new(
                "G5",
                Gts,
                gts(&[("offered_wage", "44.99")]),
                gts(&[("offered_wage", "45")]),
            )
            .median(45.0),
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
        vec![Case::new(
            "G6",
            Gts,
            gts(&[("employer_province", "QC")]),
            gts(&[("employer_province", "ON")]),
        )]
    }

    pub fn g7() -> Vec<Case> {
        let maths = |actuarial| gts(&[("noc_2021_code", "21210"), ("role_is_actuarial", actuarial)]);
        vec![Case::new("G7", Gts, maths("yes"), maths("no"))]
    }

    pub fn g8() -> Vec<Case> {
        let digital = |required| {
            gts(&[
                ("noc_2021_code", "52120"),
                ("job_requires_3y_listed_experience", required),
            ])
        };
        let producer = |required| {
            gts(&[
                ("noc_2021_code", "51120"),
                ("job_requires_3y_listed_experience", required),
            ])
        };
        vec![
            Case::new("G8", Gts, digital("no"), digital("yes")),
            Case::new("G8", Gts, producer("no"), producer("yes")),
        ]
    }

    /// A job not on the list, referred, $80,000 a year.
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

    pub fn g9() -> Vec<Case> {
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
            // A code typed in place of `other` is not listed either.
            Case::new(
                "G9",
                Gts,
                category_a(&[("noc_2021_code", "21100")]),
                category_a(&[("noc_2021_code", "unknown")]),
            ),
            // `other` with an unlisted code typed beside it; with a listed one, it is Category B after all.
            Case::new(
                "G9",
                Gts,
                category_a(&[("noc_2021_code_other", "21100")]),
                category_a(&[("noc_2021_code_other", "21231")]),
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
            // $38.46 over 39 hours a week is under $80,000 a year.
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
        ]
    }

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
            // TEER 3 is the last professional level.
            Case::new(
                "C4",
                Cusma,
                cusma(&[("noc_2021_code", "33100")]),
                cusma(&[("noc_2021_code", "44100")]),
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
            // Licence route; a licence the profession does not take.
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
        let diploma = |years| {
            cusma(&[
                ("credential_type", "diploma_2y_plus"),
                ("years_experience_in_profession", years),
            ])
        };
        vec![
            Case::new("C5", Cusma, diploma("2.5"), diploma("3")),
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
            Case::new(
                "C5",
                Cusma,
                cusma(&[
                    ("cusma_profession", "lawyer"),
                    ("credential_type", "none"),
                    ("licence_held", "us_state"),
                ]),
                cusma(&[
                    ("cusma_profession", "lawyer"),
                    ("credential_type", "none"),
                    ("licence_held", "bar_membership"),
                ]),
            ),
            // Missing answers are not a failure.
            Case::new(
                "C5",
                Cusma,
                cusma(&[("credential_type", "none")]),
                cusma(&[("credential_type", "")]),
            ),
        ]
    }

    pub fn c6() -> Vec<Case> {
        let diploma = |country| cusma(&[("credential_type", "diploma_2y_plus"), ("credential_country", country)]);
        vec![
            Case::new("C6", Cusma, diploma("IN"), diploma("MX")),
            // A degree from anywhere is fine.
            Case::new("C6", Cusma, diploma("IN"), cusma(&[("credential_country", "IN")])),
        ]
    }

    pub fn c7() -> Vec<Case> {
        vec![
            Case::new("C7", Cusma, cusma(&[("credential_field_related", "no")]), cusma(&[])),
            Case::new(
                "C7",
                Cusma,
                cusma(&[("credential_field_related", "unsure")]),
                cusma(&[]),
            ),
        ]
    }

    pub fn c8() -> Vec<Case> {
        vec![Case::new(
            "C8",
            Cusma,
            cusma(&[("noc_2021_code", "44100")]),
            cusma(&[("noc_2021_code", "33100")]),
        )]
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

    pub fn i1() -> Vec<Case> {
        vec![Case::new(
            "I1",
            Ict,
            ict(&[("currently_employed_by_foreign_entity", "no")]),
            ict(&[]),
        )]
    }

    pub fn i2() -> Vec<Case> {
        vec![
            // Today is 2026-03-01: 12 months since 2025-03-01, not quite since 2025-03-02.
            Case::new(
                "I2",
                Ict,
                ict(&[("employment_start_date", "2025-03-02")]),
                ict(&[("employment_start_date", "2025-03-01")]),
            ),
            Case::new("I2", Ict, ict(&[("employment_full_time_continuous", "no")]), ict(&[])),
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
            Case::new("I3", Ict, ict(&[("canadian_entity_status", "none")]), ict(&[])),
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
        vec![
            Case::new(
                "I5",
                Ict,
                ict(&[("countries_with_revenue_operations", "FR")]),
                ict(&[("countries_with_revenue_operations", "FR,DE")]),
            ),
            // The same country twice is one country; a US citizen can use CUSMA ICT.
            Case::new(
                "I5",
                Ict,
                ict(&[("countries_with_revenue_operations", "FR,fr")]),
                ict(&[("countries_with_revenue_operations", "FR"), ("citizenships", "FR,US")]),
            ),
        ]
    }

    pub fn i6() -> Vec<Case> {
        vec![Case::new(
            "I6",
            Ict,
            ict(&[("canadian_entity_status", "being_established")]),
            ict(&[]),
        )]
    }

    pub fn i7() -> Vec<Case> {
        vec![Case::new(
            "I7",
            Ict,
            ict(&[("canadian_premises", "home_or_virtual")]),
            ict(&[("canadian_premises", "shared_dedicated_space")]),
        )]
    }

    pub fn i8() -> Vec<Case> {
        vec![
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
            Case::new(
                "I8",
                Ict,
                ict(&[("employment_start_date", "2025-03-01")]),
                ict(&[("employment_start_date", "2025-03-02")]),
            ),
            // Any of I1–I7 blocks it; a missing core fact does too.
            Case::new("I8", Ict, ict(&[]), ict(&[("relationship", "unsure")])),
            Case::new(
                "I8",
                Ict,
                ict(&[]),
                ict(&[("currently_employed_by_foreign_entity", "")]),
            ),
        ]
    }

    fn sk(pairs: &[(&str, &str)]) -> Answers {
        let base = ict(&[
            ("current_role_category", "specialized_knowledge"),
            ("proposed_role_category", "specialized_knowledge"),
            ("proposed_noc_2021_code", "21231"),
            ("proposed_wage", "50"),
            ("wage_unit", "hourly"),
        ]);
        with(&base, pairs)
    }

    pub fn i9() -> Vec<Case> {
        vec![Case::new("I9", Ict, sk(&[]), ict(&[]))]
    }

    pub fn i10() -> Vec<Case> {
        vec![
            Case::new(
                "I10",
                Ict,
                sk(&[("employment_start_date", "2024-03-02")]),
                sk(&[("employment_start_date", "2024-03-01")]),
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
        vec![
            Case::new(
                "I11",
                Ict,
                sk(&[("proposed_wage", "49.99")]),
                sk(&[("proposed_wage", "50.00")]),
            )
            .median(50.0),
            Case::new(
                "I11",
                Ict,
                sk(&[("proposed_wage", "49.99")]),
                sk(&[("proposed_wage", "49.99"), ("citizenships", "MX")]),
            )
            .median(50.0),
            // $103,979.20 a year at 40 h is $49.99/h.
            Case::new(
                "I11",
                Ict,
                sk(&[("proposed_wage", "103979.20"), ("wage_unit", "annual")]),
                sk(&[("proposed_wage", "104000"), ("wage_unit", "annual")]),
            )
            .median(50.0),
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
            Case::new("I13", Ict, ict(&[("home_position_held_for_return", "no")]), ict(&[])),
            Case::new(
                "I13",
                Ict,
                ict(&[("work_location_type", "client_site")]),
                ict(&[("work_location_type", "mixed")]),
            ),
            Case::new("I13", Ict, ict(&[("work_location_type", "remote_from_home")]), ict(&[])),
        ]
    }

    pub fn i14() -> Vec<Case> {
        vec![
            Case::new(
                "I14",
                Ict,
                sk(&[("prior_ict_months_in_canada", "60")]),
                sk(&[("prior_ict_months_in_canada", "59")]),
            ),
            Case::new(
                "I14",
                Ict,
                ict(&[("prior_ict_months_in_canada", "84")]),
                ict(&[("prior_ict_months_in_canada", "83")]),
            ),
        ]
    }

    pub fn i15() -> Vec<Case> {
        let owner = |countries| {
            ict(&[
                ("applicant_owns_controlling_interest", "yes"),
                ("countries_with_revenue_operations", countries),
                ("citizenships", "US"),
            ])
        };
        vec![Case::new("I15", Ict, owner("US"), owner("US,MX"))]
    }

    pub fn x1() -> Vec<Case> {
        vec![
            Case::new("X1", Gts, gts(&[("prior_refusal_or_removal", "yes")]), gts(&[])),
            Case::new(
                "X1",
                Cusma,
                cusma(&[("criminal_history", "prefer_to_discuss")]),
                cusma(&[]),
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
            // Valid through today; expired yesterday.
            Case::new(
                "X2",
                Gts,
                inside("worker", "2026-02-28"),
                inside("worker", "2026-03-01"),
            ),
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
    g1, g2, g3, g4, g5, g6, g7, g8, g9, g10, g11,
    c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11,
    i1, i2, i3, i4, i5, i6, i7, i8, i9, i10, i11, i12, i13, i14, i15,
    x1, x2,
}

#[test]
fn every_rule_id_can_fire() {
    let fired: BTreeSet<&str> = all_cases()
        .iter()
        .flat_map(|c| run(&c.fires, c.pathway, c.median).rule_ids())
        .collect();
    let missing: Vec<_> = RULE_IDS.iter().filter(|id| !fired.contains(*id)).collect();
    assert!(missing.is_empty(), "never fired: {missing:?}");
}

/// The rule ids of the tables of sections 1.3, 2.3 and 3.2 and the X rules of section 4.
fn rule_ids_in_domain_reference() -> BTreeSet<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/domain/pathways.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let mut ids = BTreeSet::new();
    let mut section = "";
    for line in doc.lines() {
        if line.starts_with('#') {
            section = line.trim_start_matches('#').trim();
            continue;
        }
        let in_rule_table = ["1.3 ", "2.3 ", "3.2 "].iter().any(|s| section.starts_with(s));
        if in_rule_table && let Some(first_cell) = line.strip_prefix('|').and_then(|l| l.split('|').next()) {
            let cell = first_cell.trim();
            let mut chars = cell.chars();
            if matches!(chars.next(), Some('G' | 'C' | 'I'))
                && !chars.as_str().is_empty()
                && chars.all(|c| c.is_ascii_digit())
            {
                ids.insert(cell.to_owned());
            }
        }
        if section.starts_with("4. ") {
            for piece in line.split("**").skip(1).step_by(2) {
                let id = piece.trim_end_matches('.');
                if id.len() > 1 && id.starts_with('X') && id[1..].chars().all(|c| c.is_ascii_digit()) {
                    ids.insert(id.to_owned());
                }
            }
        }
    }
    ids
}

#[test]
fn rule_ids_match_the_domain_reference() {
    let doc = rule_ids_in_domain_reference();
    assert_eq!(doc.len(), 39, "{doc:?}");
    let ours: BTreeSet<String> = RULE_IDS.iter().map(|s| (*s).to_owned()).collect();
    let missing: Vec<_> = doc.difference(&ours).collect();
    assert!(missing.is_empty(), "in pathways.md but not in RULE_IDS: {missing:?}");
    let extra: Vec<_> = ours.difference(&doc).collect();
    assert!(extra.is_empty(), "in RULE_IDS but not in pathways.md: {extra:?}");
    assert_eq!(RULE_IDS.len(), ours.len(), "duplicates in RULE_IDS");
}

#[test]
fn every_key_is_translated() {
    let mut keys: Vec<&str> = RULES.iter().map(|r| r.reason_key).collect();
    keys.extend(Outcome::ALL.map(Outcome::i18n_key));
    keys.extend(Pathway::ALL.map(pathway_key));
    keys.extend(SUGGESTION_REASONS);
    keys.push("prescreen-no-clear-result");
    for key in keys {
        let (en, fr) = (Lang::En.t(key), Lang::Fr.t(key));
        assert_ne!(en, key, "{key} missing in English");
        assert_ne!(fr, key, "{key} missing in French");
        assert_ne!(en, fr, "{key} is not translated");
    }
    assert_eq!(RULES[0].reason_key, "rule-G1");
}

#[test]
fn the_base_profiles_are_likely_eligible() {
    for (pathway, a, positive) in [
        (Pathway::Gts, gts(&[]), "G2"),
        (Pathway::Cusma, cusma(&[]), "C4"),
        (Pathway::Ict, ict(&[]), "I8"),
    ] {
        let result = run(&a, pathway, None);
        assert_eq!(result.rule_ids(), [positive], "{pathway}");
        assert_eq!(result.outcome, Outcome::LikelyEligible);
        assert_eq!(result.reason_keys(), [format!("rule-{positive}")]);
    }
}

#[test]
fn the_worst_outcome_wins() {
    let review = run(&gts(&[("prior_refusal_or_removal", "yes")]), Pathway::Gts, None);
    assert_eq!(review.rule_ids(), ["G2", "X1"]);
    assert_eq!(review.outcome, Outcome::NeedsReview);

    let not = run(
        &gts(&[("job_offer_status", "none"), ("criminal_history", "yes")]),
        Pathway::Gts,
        None,
    );
    assert_eq!(not.rule_ids(), ["G1", "G2", "X1"]);
    assert_eq!(not.outcome, Outcome::LikelyNotEligible);
    assert_eq!(not.reason_keys(), ["rule-G1", "rule-X1", "rule-G2"], "worst first");

    assert_eq!(combine(&[]), Outcome::NeedsReview);
    let fired = |rule| Fired {
        rule,
        outcome: rule_outcome(rule).unwrap(),
    };
    assert_eq!(combine(&[fired("C4")]), Outcome::LikelyEligible);
    assert_eq!(combine(&[fired("C4"), fired("C11")]), Outcome::NeedsReview);
    assert_eq!(
        combine(&[fired("C5"), fired("C4"), fired("C11")]),
        Outcome::LikelyNotEligible
    );
}

#[test]
fn no_rule_means_needs_review() {
    for pathway in Pathway::ALL {
        let result = run(&Answers::default(), pathway, None);
        assert!(result.fired.is_empty(), "{pathway}: {:?}", result.rule_ids());
        assert_eq!(result.outcome, Outcome::NeedsReview);
        assert_eq!(result.reason_keys(), ["prescreen-no-clear-result"]);
    }
    // Listed and prevailing, but paid below the median on file: the table has no rule for it.
    let below = run(
        &gts(&[("noc_2021_code", "21231"), ("offered_wage", "40")]),
        Pathway::Gts,
        Some(50.0),
    );
    assert!(below.fired.is_empty());
    assert_eq!(below.outcome, Outcome::NeedsReview);
    // GTS `unknown` NOC, CUSMA credential that the answers cannot settle.
    assert_eq!(
        run(&gts(&[("noc_2021_code", "unknown")]), Pathway::Gts, None).outcome,
        Outcome::NeedsReview
    );
    let librarian = run(
        &cusma(&[
            ("cusma_profession", "librarian"),
            ("credential_type", "masters_or_higher"),
        ]),
        Pathway::Cusma,
        None,
    );
    assert!(librarian.fired.is_empty());
}

#[test]
fn x1_and_x2_apply_to_every_pathway() {
    let x1 = answers(&[("prior_refusal_or_removal", "prefer_to_discuss")]);
    let x2 = answers(&[("current_location", "inside_canada"), ("canadian_status", "other")]);
    let valid = answers(&[("current_location", "inside_canada"), ("canadian_status", "student")]);
    for pathway in Pathway::ALL {
        assert_eq!(ids(&x1, pathway), ["X1"], "{pathway}");
        assert_eq!(run(&x1, pathway, None).outcome, Outcome::NeedsReview);
        assert_eq!(ids(&x2, pathway), ["X2"], "{pathway}");
        assert!(ids(&valid, pathway).is_empty(), "{pathway}");
    }
    // In Canada without an answered status: the lawyer checks.
    assert_eq!(
        ids(&answers(&[("current_location", "inside_canada")]), Pathway::Ict),
        ["X2"]
    );
}

#[test]
fn assess_all_follows_the_chosen_pathways() {
    let a = with(&gts(&[]), &[("target_pathway", "not_sure")]);
    assert_eq!(pathways_to_assess(&a), Pathway::ALL);
    let chosen = with(&a, &[("target_pathway", "cusma_professional")]);
    assert_eq!(pathways_to_assess(&chosen), [Pathway::Cusma]);
    assert_eq!(pathways_to_assess(&Answers::default()), Pathway::ALL);

    let ctx = Context::new(today(), &NoMedians);
    let results = assess_all(&a, &[Pathway::Ict, Pathway::Gts, Pathway::Ict], &ctx);
    let order: Vec<Pathway> = results.iter().map(|r| r.pathway).collect();
    assert_eq!(order, [Pathway::Ict, Pathway::Gts]);
    assert_eq!(results[1], assess(&a, Pathway::Gts, &ctx));
}

#[test]
fn outcomes_order_and_codes() {
    assert!(Outcome::LikelyEligible < Outcome::NeedsReview && Outcome::NeedsReview < Outcome::LikelyNotEligible);
    for outcome in Outcome::ALL {
        assert_eq!(Outcome::from_code(outcome.as_str()), Some(outcome));
        assert_eq!(serde_json::to_value(outcome).unwrap(), outcome.as_str());
        assert_eq!(outcome.i18n_key(), format!("outcome-{}", outcome.as_str()));
    }
    assert_eq!(Outcome::from_code("eligible"), None);
    assert_eq!(RULES.len(), RULE_IDS.len());
    assert!(RULES.iter().zip(RULE_IDS).all(|(r, id)| r.id == *id));
    assert_eq!(rule_outcome("I11"), Some(Outcome::LikelyNotEligible));
    assert_eq!(rule_outcome("Z1"), None);
}

#[test]
fn common_facts() {
    use super::common::{at_least_months, teer};
    assert_eq!(teer(Some("21231")), Some(1));
    assert_eq!(teer(Some(" 44100 ")), Some(4));
    assert_eq!(teer(Some("2123")), None);
    assert_eq!(teer(Some("other")), None);
    assert_eq!(teer(None), None);
    let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    // A month after 31 January is the end of February.
    assert_eq!(
        at_least_months(d("2025-01-31"), d("2025-02-28").unwrap(), 1),
        Some(true)
    );
    assert_eq!(
        at_least_months(d("2025-01-31"), d("2025-02-27").unwrap(), 1),
        Some(false)
    );
    assert_eq!(at_least_months(None, today(), 12), None);
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
        let client = with(&a, &[("relationship", "client_or_supplier")]);
        assert!(
            pathways(&client)
                .iter()
                .all(|(_, reason)| *reason == "suggest-together")
        );
    }

    #[test]
    fn nothing_fits_suggests_all_three_together() {
        let all = pathways(&answers(&[("citizenships", "FR"), ("job_offer_status", "none")]));
        assert_eq!(all.len(), 3);
        assert!(all.iter().all(|(_, reason)| *reason == "suggest-together"));
        assert_eq!(pathways(&Answers::default()), all);
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
            answers(&[("citizenships", "US")]),
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
