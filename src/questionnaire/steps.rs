//! The pages of the questionnaire and the order each pathway asks them in.
//!
//! A page is asked only when its condition holds on earlier answers (no JavaScript is needed to
//! reveal follow-up questions: they come on the next page). Questions whose condition depends on
//! an answer on the same page are shown on that page with a hint saying when they apply.

use super::fields::{
    Choices, DateRule, Field, Kind, ROLE_CATEGORIES, WAGE_UNITS, YES_NO_UNSURE, amount, int, radios, text, textarea,
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
fn mexican(a: &Answers) -> bool {
    a.str("citizenship_basis") == Some("mx_citizen") || a.list("citizenships").contains(&"MX")
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
        Field::new("full_name", text(2, 120)),
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

pub static CONSENT: Step = Step {
    slug: "consent",
    when: None,
    fields: &[
        Field::new("consent_privacy", Kind::Check),
        Field::new("ack_not_legal_advice", Kind::Check),
    ],
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
        Field::new(
            "hours_per_week",
            Kind::Number {
                min: 1.0,
                max: 80.0,
                above_min: false,
                integer: false,
                step: None,
            },
        ),
        Field::new("years_specialized_experience", int(0.0, 50.0)),
        Field::new("expected_start_date", Kind::Date(DateRule::NotPast)).optional(),
        Field::new("duration_months", int(1.0, 36.0)).optional(),
    ],
};

pub static GTS_JOB_DETAILS: Step = Step {
    slug: "job-details",
    when: Some(gts_job_details),
    fields: &[
        Field::new("role_is_actuarial", Kind::YesNo).when(noc_21210),
        Field::new("job_requires_3y_listed_experience", Kind::YesNo).when(noc_51120_52120),
    ],
};

// ---- CUSMA Professionals -------------------------------------------------------------------

pub static CUSMA_CITIZENSHIP: Step = Step {
    slug: "citizenship",
    when: None,
    fields: &[Field::new(
        "citizenship_basis",
        radios(&["us_citizen", "mx_citizen", "us_or_mx_pr_only", "other"]),
    )],
};

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

pub static CUSMA_ENTRY: Step = Step {
    slug: "entry",
    when: None,
    fields: &[
        Field::new(
            "entry_plan",
            radios(&[
                "land_border",
                "airport",
                "online_from_abroad",
                "inside_canada",
                "unsure",
            ]),
        ),
        Field::new(
            "mx_travel_document",
            radios(&["canadian_visa", "eta_eligible", "none", "unsure"]),
        )
        .when(mexican),
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
        Field::new("employment_full_time_continuous", Kind::YesNo),
        Field::new("employment_start_date", Kind::Date(DateRule::NotFuture)),
        Field::new("current_role_category", radios(ROLE_CATEGORIES)),
        Field::new("current_job_title", text(2, 120)),
    ],
};

pub static ICT_TRANSFER: Step = Step {
    slug: "transfer",
    when: None,
    fields: &[
        Field::new("proposed_role_category", radios(ROLE_CATEGORIES)),
        Field::new("proposed_job_title", text(2, 120)),
        Field::new("proposed_noc_2021_code", Kind::Noc).optional(),
        Field::new("proposed_wage", amount()),
        Field::new("wage_unit", radios(WAGE_UNITS)),
        Field::new("home_position_held_for_return", radios(YES_NO_UNSURE)),
        Field::new(
            "work_location_type",
            radios(&["canadian_office", "client_site", "remote_from_home", "mixed"]),
        ),
        Field::new("prior_ict_months_in_canada", int(0.0, 120.0)),
        Field::new("assignment_months", int(1.0, 84.0)),
    ],
};

pub static ICT_ROLE: Step = Step {
    slug: "role",
    when: Some(manager_or_specialized),
    fields: &[
        Field::new("direct_reports", int(0.0, 10_000.0)).when(manager),
        Field::new("reports_are_professionals", Kind::YesNo).when(manager),
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

/// The pages of one pathway, in order.
pub struct Flow {
    pub pathway: Pathway,
    pub steps: &'static [&'static Step],
}

static GTS_FLOW: [&Step; 11] = [
    &ABOUT_YOU,
    &LOCATION,
    &CANADIAN_STATUS,
    &EDUCATION,
    &GTS_OFFER,
    &GTS_EMPLOYER,
    &GTS_REFERRAL,
    &GTS_JOB,
    &GTS_JOB_DETAILS,
    &ADMISSIBILITY,
    &CONSENT,
];
static CUSMA_FLOW: [&Step; 10] = [
    &ABOUT_YOU,
    &LOCATION,
    &CANADIAN_STATUS,
    &EDUCATION,
    &CUSMA_CITIZENSHIP,
    &CUSMA_JOB,
    &CUSMA_CREDENTIALS,
    &CUSMA_ENTRY,
    &ADMISSIBILITY,
    &CONSENT,
];
static ICT_FLOW: [&Step; 11] = [
    &ABOUT_YOU,
    &LOCATION,
    &CANADIAN_STATUS,
    &EDUCATION,
    &ICT_COMPANIES,
    &ICT_STARTUP,
    &ICT_EMPLOYMENT,
    &ICT_TRANSFER,
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
