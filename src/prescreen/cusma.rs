//! CUSMA Professional rules C1 to C15 (docs/domain/pathways.md v2, 2.3; C6 is retired).
//!
//! Interpretations:
//! - **C1, C11**: citizenship as in [`super::common`]. C11 fires for a Mexican citizen who is not also a US
//!   citizen (a US passport avoids the visa question).
//! - **C2**: `job_offer_status = none`, `engagement_type = self_employed_in_canada` or
//!   `controls_canadian_entity = yes`.
//! - **C4** needs the profession listed, its credential met for certain (below), `credential_field_related = yes`
//!   and a TEER of 0 or 1, or no NOC (absent, or not five digits). C13 reviews TEER 2 and 3, C8 refuses 4 and 5.
//! - **C5** fires only when the credential certainly meets none of the routes (v2 matching of 2.1). When the answers
//!   cannot settle it (see [`credential`]), neither C4 nor C5 fires: the lawyer reviews.
//! - **C9**: `management_consultant`, `scientific_technician_technologist`, `physician_teaching_research`,
//!   `registered_nurse`, `hotel_manager`.
//! - **C10** fires when `profession_regulated_in_destination` is `yes` or `unsure`, or for a
//!   `computer_systems_analyst` or `engineer` "who mainly codes". No question says so: we read it from `job_title`
//!   and `job_duties`, which fire C10 when either mentions programming or software development (see
//!   [`CODING_WORDS`], English and French, case-insensitive).
//! - **C12**: a profession with `licence_route = yes` in the CSV, or `lawyer`; or a `job_title` containing
//!   "engineer", "ingénieur" or "ingenieur" (case-insensitive).
//! - **C14**: `mathematician`, `role_is_actuarial = yes` and `actuarial_recognition` answered `no` or `unsure`.
//! - **C15**: `lawyer` or `accountant` with `licence_held` `us_state`, `mx_state_or_federal` or `ca_provincial`.

use super::{Hits, common};
use crate::domain::answers::Answers;
use crate::reference::{AltCredential, CusmaProfession, DegreeRoute, cusma_profession};

/// Professions with extra conditions (C9).
const EXTRA_CONDITIONS: &[&str] = &[
    "management_consultant",
    "scientific_technician_technologist",
    "physician_teaching_research",
    "registered_nurse",
    "hotel_manager",
];

/// Professions where a job that mainly codes needs a closer look (C10).
const CODING_PRONE: &[&str] = &["computer_systems_analyst", "engineer"];

/// Words in a job title or duties that mean the job is mostly writing software (C10), lower case. Substrings, so
/// "programmer" also matches "programmers"; "code" alone is left out ("building code", "NOC code").
pub(super) const CODING_WORDS: &[&str] = &[
    // English
    "programmer",
    "programming",
    "developer",
    "software development",
    "web development",
    "application development",
    "app development",
    "software engineer",
    "coding",
    "write code",
    "writing code",
    "full stack",
    "full-stack",
    "front-end",
    "frontend",
    "back-end",
    "backend",
    // French
    "programmeur",
    "programmeuse",
    "programmation",
    "développeur",
    "développeuse",
    "developpeur",
    "developpeuse",
    "développement logiciel",
    "développement de logiciels",
    "développement web",
    "développement d’applications",
    "développement d'applications",
    "ingénieur logiciel",
    "ingénieure logiciel",
    "codage",
    "coder",
];

/// Professions regulated in Canada whatever the CSV says of their licence route (C12).
const REGULATED_BESIDES_LICENCE_ROUTE: &[&str] = &["lawyer"];

/// Job-title words that make the job a regulated engineering one (C12), lower case.
const ENGINEER_WORDS: &[&str] = &["engineer", "ingénieur", "ingenieur"];

pub(super) fn rules(answers: &Answers, hits: &mut Hits) {
    let citizenship = common::Citizenship::of(answers);
    if citizenship.neither_us_nor_mx() {
        hits.fire("C1");
    }
    if citizenship.mexican_only() {
        hits.fire("C11");
    }
    if answers.str("job_offer_status") == Some("none")
        || answers.str("engagement_type") == Some("self_employed_in_canada")
        || answers.yes("controls_canadian_entity")
    {
        hits.fire("C2");
    }
    let teer = common::teer(answers.str("noc_2021_code"));
    if teer.is_some_and(|t| t >= 4) {
        hits.fire("C8");
    }
    let related = answers.str("credential_field_related");
    if matches!(related, Some("partly" | "no" | "unsure")) {
        hits.fire("C7");
    }
    if matches!(
        answers.str("profession_regulated_in_destination"),
        Some("yes" | "unsure")
    ) {
        hits.fire("C10");
    }
    let title = answers.str("job_title").unwrap_or_default().to_lowercase();
    if ENGINEER_WORDS.iter().any(|w| title.contains(w)) {
        hits.fire("C12");
    }
    let Some(id) = answers.str("cusma_profession") else {
        return;
    };
    if id == "other_not_listed" {
        hits.fire("C3");
        return;
    }
    // An id that is not on the list (a stale form value) fires nothing: needs review by default.
    let Some(profession) = cusma_profession(id) else { return };
    if matches!(teer, Some(2 | 3)) {
        hits.fire("C13");
    }
    if EXTRA_CONDITIONS.contains(&id) {
        hits.fire("C9");
    }
    if CODING_PRONE.contains(&id) && mentions_coding(answers) {
        hits.fire("C10");
    }
    if profession.licence_route || REGULATED_BESIDES_LICENCE_ROUTE.contains(&id) {
        hits.fire("C12");
    }
    if id == "mathematician"
        && answers.yes("role_is_actuarial")
        && matches!(answers.str("actuarial_recognition"), Some("no" | "unsure"))
    {
        hits.fire("C14");
    }
    if matches!(id, "lawyer" | "accountant") && answers.str("licence_held").is_some_and(|l| LICENCES.contains(&l)) {
        hits.fire("C15");
    }
    match credential(answers, profession) {
        Met::No => hits.fire("C5"),
        Met::Yes if related == Some("yes") && teer.is_none_or(|t| t <= 1) => hits.fire("C4"),
        Met::Yes | Met::Unsure => {}
    }
}

/// Whether the job title or duties mention programming (C10).
pub(super) fn mentions_coding(answers: &Answers) -> bool {
    let text = format!(
        "{} {}",
        answers.str("job_title").unwrap_or_default(),
        answers.str("job_duties").unwrap_or_default()
    )
    .to_lowercase();
    CODING_WORDS.iter().any(|w| text.contains(w))
}

/// Whether a credential route is met. Ordered so the best of several routes is the maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Met {
    No,
    Unsure,
    Yes,
}

const DEGREES: &[&str] = &["bachelor_or_licenciatura", "masters_or_higher", "professional_degree"];
const CUSMA_COUNTRIES: &[&str] = &["CA", "US", "MX"];
const LICENCES: &[&str] = &["us_state", "mx_state_or_federal", "ca_provincial"];

/// Matches `credential_type`, `years_experience_in_profession`, `licence_held` and `credential_country` against the
/// profession's routes (the CSV columns, v2 matching of 2.1). The profession's credential is met when any route is.
///
/// - **Degree route** (`credential_type` a degree: `bachelor_or_licenciatura`, `masters_or_higher`,
///   `professional_degree`): `yes` → met. `law_degree_only` (LL.B., J.D., LL.L., B.C.L., 5-year Licenciatura):
///   `professional_degree` → met; another degree → unsure (an LL.B. qualifies, a 4-year Licenciatura or an LL.M.
///   alone does not). `professional_degree_only` (D.D.S., M.D., D.V.M. and their Mexican equivalents):
///   `professional_degree` → met; another degree → unsure (a Mexican *Cirujano Dentista* is a Licenciatura).
///   `licenciatura_only`: `bachelor_or_licenciatura` from MX → met; any other degree → unsure (we cannot tell a
///   Licenciatura from a bachelor's elsewhere). `library_science_only`: any degree → unsure (the form does not say
///   whether it is an M.L.S.). The disaster relief claims adjuster also needs disaster-relief training, which no
///   question asks: a degree → unsure. No degree → not met by this route. No `credential_type` → unsure.
/// - **`not_required`** (scientific technician/technologist): a degree or a `diploma_2y_plus` → met; anything else →
///   unsure (the knowledge can come from training the form does not ask about). Never "not met".
/// - **Diploma + 3 years** (D3): a `diploma_2y_plus` from CA or US (a diploma) or MX (a certificate) with
///   `years_experience_in_profession` ≥ 3 → met; from any other country → not met (v2, [S32]); fewer years → not
///   met; the country or the years missing → unsure.
/// - **Licence** (`licence_held` `us_state`, `mx_state_or_federal` or `ca_provincial`) → met; no answer → unsure.
/// - **Alternative credential**: CPA/CA/CGA/CMA → `licence_held = accounting_designation`; bar membership →
///   `licence_held = bar_membership`. For a lawyer or an accountant a `us_state`, `mx_state_or_federal` or
///   `ca_provincial` licence may be a bar membership or a CPA granted by a state: unsure, never "not met" (C15).
///   "5 years' experience" → `years_experience_in_profession` ≥ 5; claims adjustment → 3+ years is unsure (the
///   training is not asked), fewer is not met. Missing answer → unsure.
pub(super) fn credential(answers: &Answers, p: &CusmaProfession) -> Met {
    let kind = answers.str("credential_type");
    let years = answers.num("years_experience_in_profession");
    let licence = answers.str("licence_held");
    let country = answers.str("credential_country").map(str::trim);
    let is_degree = kind.is_some_and(|k| DEGREES.contains(&k));

    let degree = match (kind, p.degree_route) {
        (None, _) => Met::Unsure,
        (Some(k), DegreeRoute::NotRequired) => {
            if is_degree || k == "diploma_2y_plus" {
                Met::Yes
            } else {
                Met::Unsure
            }
        }
        _ if !is_degree => Met::No,
        _ if p.id == "disaster_relief_insurance_claims_adjuster" => Met::Unsure,
        (_, DegreeRoute::Any) => Met::Yes,
        (Some("professional_degree"), DegreeRoute::LawDegreeOnly | DegreeRoute::ProfessionalDegreeOnly) => Met::Yes,
        (Some("bachelor_or_licenciatura"), DegreeRoute::LicenciaturaOnly) if country == Some("MX") => Met::Yes,
        _ => Met::Unsure,
    };

    let diploma = if !p.diploma_plus_3y_experience_route {
        Met::No
    } else {
        match kind {
            None => Met::Unsure,
            Some("diploma_2y_plus") => {
                let from_cusma = country.map(|c| CUSMA_COUNTRIES.iter().any(|k| c.eq_ignore_ascii_case(k)));
                match (years, from_cusma) {
                    (Some(y), _) if y < 3.0 => Met::No,
                    (_, Some(false)) => Met::No,
                    (Some(_), Some(true)) => Met::Yes,
                    _ => Met::Unsure,
                }
            }
            Some(_) => Met::No,
        }
    };

    let licensed = match licence {
        _ if !p.licence_route => Met::No,
        None => Met::Unsure,
        Some(l) if LICENCES.contains(&l) => Met::Yes,
        Some(_) => Met::No,
    };

    let alternative = match p.other_alternative_credential {
        None => Met::No,
        Some(AltCredential::AccountingDesignation) => held_or_state_licence(licence, "accounting_designation"),
        Some(AltCredential::BarMembership) => held_or_state_licence(licence, "bar_membership"),
        Some(AltCredential::ExperienceYears(n)) => match years {
            None => Met::Unsure,
            Some(y) if y >= f64::from(n) => Met::Yes,
            Some(_) => Met::No,
        },
        Some(AltCredential::ClaimsExperiencePlusTraining) => match years {
            Some(y) if y < 3.0 => Met::No,
            _ => Met::Unsure,
        },
    };

    degree.max(diploma).max(licensed).max(alternative)
}

/// A bar membership or an accounting designation; a government licence may be either (C15): unsure.
fn held_or_state_licence(licence: Option<&str>, wanted: &str) -> Met {
    match licence {
        Some(l) if LICENCES.contains(&l) => Met::Unsure,
        _ => held(licence, wanted),
    }
}

fn held(licence: Option<&str>, wanted: &str) -> Met {
    match licence {
        None => Met::Unsure,
        Some(l) if l == wanted => Met::Yes,
        Some(_) => Met::No,
    }
}
