//! The pages of the questionnaire and the order each pathway asks them in.
//!
//! A page is asked only when its condition holds on earlier answers (no JavaScript is needed to
//! reveal follow-up questions: they come on the next page). Questions whose condition depends on
//! an answer on the same page are shown on that page with a hint saying when they apply.

use super::fields::{
    Choices, DateRule, Field, Kind, ROLE_CATEGORIES, WAGE_UNITS, YES_NO_UNSURE, amount, hours, int, radios, text,
    textarea,
};
use crate::domain::{answers::Answers, pathway::Pathway};

/// A page of questions.
#[derive(Debug)]
pub struct Step {
    /// The last segment of its URL, also its i18n prefix (`step-{slug}-title`).
    pub slug: &'static str,
    pub fields: &'static [Field],
    /// Asked only when this holds on the answers so far. `None`: always.
    pub when: Option<fn(&Answers) -> bool>,
}

impl Step {
    pub fn applies(&self, answers: &Answers) -> bool {
        self.when.is_none_or(|f| f(answers))
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

// ---- conditions ----------------------------------------------------------------------------

fn inside_canada(a: &Answers) -> bool {
    a.str("current_location") == Some("inside_canada")
}
fn has_status(a: &Answers) -> bool {
    inside_canada(a) && a.str("canadian_status").is_some_and(|s| s != "none_or_expired")
}
fn has_employer(a: &Answers) -> bool {
    matches!(a.str("job_offer_status"), Some("written" | "verbal" | "in_discussion"))
}
fn has_offer(a: &Answers) -> bool {
    matches!(a.str("job_offer_status"), Some("written" | "verbal"))
}
fn referred(a: &Answers) -> bool {
    a.str("gts_referral_status") == Some("referred")
}
fn noc_other(a: &Answers) -> bool {
    a.str("noc_2021_code") == Some("other")
}
fn noc_21210(a: &Answers) -> bool {
    a.str("noc_2021_code") == Some("21210")
}
fn noc_51120_52120(a: &Answers) -> bool {
    matches!(a.str("noc_2021_code"), Some("51120" | "52120"))
}
fn gts_job_details(a: &Answers) -> bool {
    noc_21210(a) || noc_51120_52120(a)
}
fn us_citizen(a: &Answers) -> bool {
    a.str("citizenship_basis") == Some("us_citizen") || a.list("citizenships").contains(&"US")
}
fn mexican(a: &Answers) -> bool {
    a.str("citizenship_basis") == Some("mx_citizen") || a.list("citizenships").contains(&"MX")
}
fn mexican_only(a: &Answers) -> bool {
    mexican(a) && !us_citizen(a)
}
fn not_us_citizen(a: &Answers) -> bool {
    !us_citizen(a)
}
fn neither_us_nor_mx(a: &Answers) -> bool {
    !us_citizen(a) && !mexican(a)
}
fn not_us_resident(a: &Answers) -> bool {
    !a.yes("us_lawful_permanent_resident")
}
fn work_province_known(a: &Answers) -> bool {
    a.has("employer_province") || a.has("work_province")
}
fn mathematician(a: &Answers) -> bool {
    a.str("cusma_profession") == Some("mathematician")
}
fn actuarial(a: &Answers) -> bool {
    a.yes("role_is_actuarial")
}
/// A job not on the GTS list (a typed code that is not listed, or none), with a referral: Category A.
fn category_a(a: &Answers) -> bool {
    let typed_listed = a
        .str("noc_2021_code_other")
        .is_some_and(|c| !crate::reference::gts_by_noc(c).is_empty());
    noc_other(a) && !typed_listed && matches!(a.str("gts_referral_status"), Some("referred" | "in_progress"))
}
fn gts_job_details_or_category_a(a: &Answers) -> bool {
    gts_job_details(a) || category_a(a)
}
fn not_continuous(a: &Answers) -> bool {
    a.str("employment_full_time_continuous") == Some("no")
}
/// Today, to know whether the current full-time run reaches 12 months by the filing date (§3.2). Page conditions
/// read the clock in UTC: a few hours either way do not matter for a 12-month test.
fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}
/// The current full-time run is under 12 months at F (§3.2): ask about an earlier stint.
fn short_run(a: &Answers) -> bool {
    let today = today();
    let filing = a.date("planned_filing_date").filter(|d| *d >= today).unwrap_or(today);
    let start = if not_continuous(a) {
        a.date("full_time_since_date")
    } else {
        a.date("employment_start_date")
    };
    start
        .and_then(|s| s.checked_add_months(chrono::Months::new(12)))
        .is_some_and(|d| d > filing)
}
fn earlier_stint(a: &Answers) -> bool {
    a.str("had_earlier_stint") == Some("yes")
}
fn prior_ict(a: &Answers) -> bool {
    a.num("prior_ict_months_in_canada").is_some_and(|m| m > 0.0)
}
fn manager_of_operating_entity(a: &Answers) -> bool {
    manager(a) && a.str("canadian_entity_status") == Some("operating")
}
fn wage_given(a: &Answers) -> bool {
    a.has("offered_wage")
}
fn startup(a: &Answers) -> bool {
    a.str("canadian_entity_status") == Some("being_established")
}
fn manager(a: &Answers) -> bool {
    matches!(
        a.str("proposed_role_category"),
        Some("executive" | "senior_manager" | "functional_manager")
    )
}
fn specialized(a: &Answers) -> bool {
    a.str("proposed_role_category") == Some("specialized_knowledge")
}
fn manager_or_specialized(a: &Answers) -> bool {
    manager(a) || specialized(a)
}
fn employed(a: &Answers) -> bool {
    a.yes("currently_employed_by_foreign_entity")
}

// ---- pages shared by every pathway ---------------------------------------------------------

pub static ABOUT_YOU: Step = Step {
    slug: "about-you",
    when: None,
    fields: &[
        Field::new("full_name", Kind::PersonName),
        Field::new("email", Kind::Email),
        Field::new("phone", Kind::Phone).optional(),
        Field::new("citizenships", Kind::Countries { max: 3 }),
        Field::new("country_of_residence", Kind::Select(Choices::Country)),
    ],
};

pub static LOCATION: Step = Step {
    slug: "location",
    when: None,
    fields: &[Field::new(
        "current_location",
        radios(&["outside_canada", "inside_canada"]),
    )],
};

pub static CANADIAN_STATUS: Step = Step {
    slug: "canadian-status",
    when: Some(inside_canada),
    fields: &[
        Field::new(
            "canadian_status",
            radios(&["visitor", "worker", "student", "none_or_expired", "other"]),
        ),
        Field::new("status_expiry", Kind::Date(DateRule::Any))
            .required_when(has_status)
            .when(has_status)
            .same_page(),
    ],
};

/// Where and how the applicant will apply (§8.1).
pub static ROUTE: Step = Step {
    slug: "route",
    when: None,
    fields: &[
        Field::new(
            "entry_plan",
            radios(&[
                "online_from_abroad",
                "airport",
                "land_border",
                "inside_canada",
                "unsure",
            ]),
        ),
        Field::new("us_lawful_permanent_resident", Kind::YesNo).when(not_us_citizen),
        Field::new(
            "mx_travel_document",
            radios(&["canadian_visa", "eta_eligible", "none", "unsure"]),
        )
        .when(mexican_only),
        Field::new("visa_requirement", radios(&["visa_exempt", "visa_required", "unsure"]))
            .when(neither_us_nor_mx)
            .required_when(not_us_resident),
        Field::new("planned_filing_date", Kind::Date(DateRule::NotPast)).optional(),
    ],
};

/// The economic region of the work (§7.4), asked once the province is known (GTS employer, ICT work place).
pub static WORK_REGION: Step = Step {
    slug: "work-region",
    when: Some(work_province_known),
    fields: &[Field::new("work_economic_region", Kind::Select(Choices::EconomicRegion)).optional()],
};

pub static EDUCATION: Step = Step {
    slug: "education",
    when: None,
    fields: &[
        Field::new(
            "highest_education",
            radios(&[
                "secondary",
                "diploma_under_2y",
                "diploma_2y_plus",
                "bachelor",
                "master",
                "doctorate",
                "professional_degree",
            ]),
        ),
        Field::new("field_of_study", text(2, 120)),
        Field::new(
            "years_it_experience",
            Kind::Number {
                min: 0.0,
                max: 50.0,
                above_min: false,
                integer: false,
                step: Some(0.5),
            },
        ),
    ],
};

pub static ADMISSIBILITY: Step = Step {
    slug: "admissibility",
    when: None,
    fields: &[
        Field::new("prior_refusal_or_removal", radios(&["no", "yes", "prefer_to_discuss"])),
        Field::new("criminal_history", radios(&["no", "yes", "prefer_to_discuss"])),
        Field::new(
            "accompanying_family",
            radios(&["none", "spouse", "spouse_children", "children"]),
        )
        .optional(),
    ],
};

/// The last page before the assessment: the applicant acknowledges that it is not legal advice. (The
/// consent to keep the answers, `consent_privacy`, is given before the first answer is stored, on the
/// page that starts a draft: `routes::apply::choose`.)
pub static CONSENT: Step = Step {
    slug: "consent",
    when: None,
    fields: &[Field::new("ack_not_legal_advice", Kind::Check)],
};

// ---- Global Talent Stream ------------------------------------------------------------------

pub static GTS_OFFER: Step = Step {
    slug: "job-offer",
    when: None,
    fields: &[
        Field::new(
            "job_offer_status",
            radios(&["written", "verbal", "in_discussion", "none"]),
        ),
        Field::new("employer_will_file_gts_lmia", radios(YES_NO_UNSURE)),
        Field::new(
            "gts_referral_status",
            radios(&["referred", "in_progress", "none", "unsure"]),
        ),
    ],
};

pub static GTS_EMPLOYER: Step = Step {
    slug: "employer",
    when: Some(has_employer),
    fields: &[
        Field::new("employer_legal_name", text(2, 200)).required_when(has_offer),
        Field::new("employer_city", text(2, 200)).required_when(has_offer),
        Field::new("employer_province", Kind::Select(Choices::Province)).required_when(has_offer),
    ],
};

pub static GTS_REFERRAL: Step = Step {
    slug: "referral",
    when: Some(referred),
    fields: &[Field::new("referral_partner_name", text(2, 200))],
};

pub static GTS_JOB: Step = Step {
    slug: "job",
    when: None,
    fields: &[
        Field::new("job_title", text(2, 120)),
        Field::new("job_duties", textarea(50, 4000)),
        Field::new("noc_2021_code", Kind::Select(Choices::GtsNoc)),
        Field::new("noc_2021_code_other", Kind::Noc)
            .optional()
            .when(noc_other)
            .same_page(),
        Field::new("offered_wage", amount()),
        Field::new("wage_unit", radios(WAGE_UNITS)),
        Field::new("hours_per_week", hours()),
        Field::new("years_specialized_experience", int(0.0, 50.0)),
        Field::new("expected_start_date", Kind::Date(DateRule::NotPast)).optional(),
        Field::new("duration_months", int(1.0, 36.0)).optional(),
    ],
};

pub static GTS_JOB_DETAILS: Step = Step {
    slug: "job-details",
    when: Some(gts_job_details_or_category_a),
    fields: &[
        Field::new("role_is_actuarial", Kind::YesNo).when(noc_21210),
        Field::new("job_requires_3y_listed_experience", Kind::YesNo).when(noc_51120_52120),
        Field::new(
            "gts_category_a_positions_this_year",
            radios(&["one_or_two", "three_or_more", "unsure"]),
        )
        .when(category_a),
    ],
};

// ---- CUSMA Professionals -------------------------------------------------------------------

pub static CUSMA_JOB: Step = Step {
    slug: "profession",
    when: None,
    fields: &[
        // Not in the CUSMA table, but rule C2 reads it: CUSMA needs pre-arranged work.
        Field::new(
            "job_offer_status",
            radios(&["written", "verbal", "in_discussion", "none"]),
        ),
        Field::new("cusma_profession", Kind::Select(Choices::CusmaProfession)),
        Field::new("job_title", text(2, 120)),
        Field::new("job_duties", textarea(50, 4000)),
        Field::new("noc_2021_code", Kind::Noc).optional(),
        Field::new(
            "engagement_type",
            radios(&[
                "employee",
                "contract_direct",
                "contract_via_home_employer",
                "self_employed_in_canada",
            ]),
        ),
        Field::new("controls_canadian_entity", Kind::YesNo),
    ],
};

pub static CUSMA_CREDENTIALS: Step = Step {
    slug: "credentials",
    when: None,
    fields: &[
        Field::new(
            "credential_type",
            radios(&[
                "bachelor_or_licenciatura",
                "masters_or_higher",
                "professional_degree",
                "diploma_2y_plus",
                "diploma_under_2y",
                "designation_or_licence_only",
                "none",
            ]),
        ),
        Field::new("credential_field_related", radios(&["yes", "partly", "no", "unsure"])),
        Field::new("credential_country", Kind::Select(Choices::Country)),
        Field::new("years_experience_in_profession", int(0.0, 50.0)),
        Field::new(
            "licence_held",
            radios(&[
                "none",
                "us_state",
                "mx_state_or_federal",
                "ca_provincial",
                "accounting_designation",
                "bar_membership",
            ]),
        ),
        Field::new("profession_regulated_in_destination", radios(YES_NO_UNSURE)).optional(),
    ],
};

/// The actuary questions of a mathematician (C14).
pub static CUSMA_ACTUARY: Step = Step {
    slug: "actuary",
    when: Some(mathematician),
    fields: &[
        Field::new("role_is_actuarial", Kind::YesNo),
        Field::new("actuarial_recognition", radios(YES_NO_UNSURE))
            .when(actuarial)
            .same_page(),
    ],
};

pub static CUSMA_TERMS: Step = Step {
    slug: "terms",
    when: None,
    fields: &[
        Field::new("offered_wage", amount()).optional(),
        Field::new("wage_unit", radios(WAGE_UNITS)).required_when(wage_given),
        Field::new("duration_months", int(1.0, 36.0)).optional(),
    ],
};

// ---- Intra-Company Transferees -------------------------------------------------------------

pub static ICT_COMPANIES: Step = Step {
    slug: "companies",
    when: None,
    fields: &[
        Field::new("foreign_employer_name", text(2, 200)),
        Field::new("foreign_employer_country", Kind::Select(Choices::Country)),
        Field::new("countries_with_revenue_operations", Kind::Countries { max: 6 }),
        Field::new(
            "canadian_entity_status",
            radios(&["operating", "being_established", "none"]),
        ),
        Field::new(
            "relationship",
            radios(&[
                "parent",
                "subsidiary",
                "branch",
                "affiliate",
                "client_or_supplier",
                "contract_licence_franchise",
                "unsure",
            ]),
        ),
        Field::new("applicant_owns_controlling_interest", Kind::YesNo),
        Field::new(
            "canadian_premises",
            radios(&["commercial", "shared_dedicated_space", "home_or_virtual", "not_secured"]),
        ),
    ],
};

pub static ICT_STARTUP: Step = Step {
    slug: "start-up",
    when: Some(startup),
    fields: &[
        Field::new("startup_business_plan", Kind::YesNo),
        Field::new("startup_hr_plan", Kind::YesNo),
        Field::new(
            "startup_funding_cad",
            Kind::Number {
                min: 0.0,
                max: 1_000_000_000.0,
                above_min: false,
                integer: false,
                step: Some(0.01),
            },
        ),
    ],
};

pub static ICT_EMPLOYMENT: Step = Step {
    slug: "employment",
    when: None,
    fields: &[
        Field::new("currently_employed_by_foreign_entity", Kind::YesNo),
        Field::new("employment_start_date", Kind::Date(DateRule::NotFuture)),
        Field::new("employment_full_time_continuous", Kind::YesNo),
        Field::new(
            "full_time_since_date",
            Kind::Date(DateRule::NotFutureFrom("employment_start_date")),
        )
        .when(not_continuous)
        .same_page(),
        Field::new("current_role_category", radios(ROLE_CATEGORIES)),
        Field::new("current_job_title", text(2, 120)),
    ],
};

/// An earlier full-time stint, when the current run is under 12 months at the filing date (I2, I20).
pub static ICT_EARLIER_WORK: Step = Step {
    slug: "earlier-work",
    when: Some(short_run),
    fields: &[
        Field::new("had_earlier_stint", radios(YES_NO_UNSURE)),
        Field::new("earlier_stint_start_date", Kind::Date(DateRule::NotFuture))
            .when(earlier_stint)
            .same_page(),
        Field::new(
            "earlier_stint_end_date",
            Kind::Date(DateRule::NotFutureFrom("earlier_stint_start_date")),
        )
        .when(earlier_stint)
        .same_page(),
    ],
};

pub static ICT_TRANSFER: Step = Step {
    slug: "transfer",
    when: None,
    fields: &[
        Field::new("proposed_role_category", radios(ROLE_CATEGORIES)),
        Field::new("proposed_job_title", text(2, 120)),
        Field::new("proposed_noc_2021_code", Kind::Noc).optional(),
        Field::new("work_province", Kind::Select(Choices::Province)),
        Field::new("work_city", text(2, 200)),
        Field::new("proposed_wage", amount()),
        Field::new("wage_unit", radios(WAGE_UNITS)),
        Field::new("hours_per_week", hours()),
        Field::new("home_position_held_for_return", radios(YES_NO_UNSURE)),
        Field::new(
            "work_location_type",
            radios(&["canadian_office", "client_site", "remote_from_home", "mixed"]),
        ),
        Field::new("prior_ict_months_in_canada", int(0.0, 120.0)),
        Field::new("ict_break_abroad_12m", radios(YES_NO_UNSURE))
            .when(prior_ict)
            .same_page(),
        Field::new("assignment_months", int(1.0, 84.0)),
    ],
};

pub static ICT_ROLE: Step = Step {
    slug: "role",
    when: Some(manager_or_specialized),
    fields: &[
        Field::new("direct_reports", int(0.0, 10_000.0)).when(manager),
        Field::new("reports_are_professionals", Kind::YesNo).when(manager),
        Field::new("reports_include_managers", Kind::YesNo).when(manager),
        Field::new("canadian_entity_headcount", int(0.0, 100_000.0)).when(manager_of_operating_entity),
        Field::new("proprietary_knowledge_description", textarea(100, 4000)).when(specialized),
        Field::new("worked_on_product_development", Kind::YesNo).when(specialized),
    ],
};

// ---- "Not sure": the deciding questions ----------------------------------------------------

pub static NOT_SURE: Step = Step {
    slug: "not-sure",
    when: None,
    fields: &[
        Field::new("citizenships", Kind::Countries { max: 3 }),
        Field::new(
            "job_offer_status",
            radios(&["written", "verbal", "in_discussion", "none"]),
        ),
        Field::new("noc_2021_code", Kind::Select(Choices::GtsNoc)),
        Field::new("currently_employed_by_foreign_entity", Kind::YesNo),
        Field::new(
            "relationship",
            radios(&[
                "parent",
                "subsidiary",
                "branch",
                "affiliate",
                "client_or_supplier",
                "contract_licence_franchise",
                "unsure",
            ]),
        )
        .when(employed)
        .same_page(),
    ],
};

/// The parts of every pathway's questions, in order: about you, education and experience, the
/// pathway's own questions, then admissibility and the acknowledgement. A page's part never
/// changes with the answers, so the progress an applicant reads ("Part 2 of 4") does not either.
pub const SECTIONS: usize = 4;

/// The part (1 to [`SECTIONS`]) page `slug` belongs to.
pub fn section_of(slug: &str) -> usize {
    match slug {
        "about-you" | "location" | "canadian-status" | "route" => 1,
        "education" => 2,
        "admissibility" | "consent" => 4,
        _ => 3,
    }
}

/// The pages of one pathway, in order.
pub struct Flow {
    pub pathway: Pathway,
    pub steps: &'static [&'static Step],
}

static GTS_FLOW: [&Step; 13] = [
    &ABOUT_YOU,
    &LOCATION,
    &CANADIAN_STATUS,
    &ROUTE,
    &EDUCATION,
    &GTS_OFFER,
    &GTS_EMPLOYER,
    &WORK_REGION,
    &GTS_REFERRAL,
    &GTS_JOB,
    &GTS_JOB_DETAILS,
    &ADMISSIBILITY,
    &CONSENT,
];
static CUSMA_FLOW: [&Step; 11] = [
    &ABOUT_YOU,
    &LOCATION,
    &CANADIAN_STATUS,
    &ROUTE,
    &EDUCATION,
    &CUSMA_JOB,
    &CUSMA_ACTUARY,
    &CUSMA_CREDENTIALS,
    &CUSMA_TERMS,
    &ADMISSIBILITY,
    &CONSENT,
];
static ICT_FLOW: [&Step; 14] = [
    &ABOUT_YOU,
    &LOCATION,
    &CANADIAN_STATUS,
    &ROUTE,
    &EDUCATION,
    &ICT_COMPANIES,
    &ICT_STARTUP,
    &ICT_EMPLOYMENT,
    &ICT_EARLIER_WORK,
    &ICT_TRANSFER,
    &WORK_REGION,
    &ICT_ROLE,
    &ADMISSIBILITY,
    &CONSENT,
];

impl Flow {
    /// Every page of `pathway`, ending with admissibility and consent.
    pub fn of(pathway: Pathway) -> Flow {
        let steps: &'static [&'static Step] = match pathway {
            Pathway::Gts => &GTS_FLOW,
            Pathway::Cusma => &CUSMA_FLOW,
            Pathway::Ict => &ICT_FLOW,
        };
        Flow { pathway, steps }
    }

    /// The pages asked for these answers, in order.
    pub fn applicable<'a>(&self, answers: &'a Answers) -> impl Iterator<Item = &'static Step> + 'a {
        self.steps.iter().copied().filter(move |s| s.applies(answers))
    }

    pub fn step(&self, slug: &str) -> Option<&'static Step> {
        self.steps.iter().copied().find(|s| s.slug == slug)
    }

    /// Every field this pathway can ask, with its page.
    pub fn fields(&self) -> impl Iterator<Item = (&'static Step, &'static Field)> + '_ {
        self.steps.iter().flat_map(|s| s.fields.iter().map(move |f| (*s, f)))
    }

    /// Drops answers that no longer apply: fields of pages not asked, fields whose condition fails,
    /// and fields this pathway does not ask at all. `keep` lists answers kept whatever the pathway.
    pub fn prune(&self, answers: &mut Answers, keep: &[&str]) {
        loop {
            let asked: Vec<&str> = self
                .applicable(answers)
                .flat_map(|s| s.fields.iter().filter(|f| f.applies(answers)).map(|f| f.name))
                .collect();
            let before = answers.0.len();
            answers
                .0
                .retain(|name, _| asked.contains(&name.as_str()) || keep.contains(&name.as_str()));
            // Dropping an answer can make another condition fail: repeat until nothing changes.
            if answers.0.len() == before {
                return;
            }
        }
    }
}
