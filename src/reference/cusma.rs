//! The 63 professions of CUSMA Chapter 16, Annex 16-A, Appendix 2, from `data/cusma_professions.csv`.
//!
//! There are no official codes: `id` is the firm's key (snake_case of the English title) and the value of the
//! `cusma_profession` select. The routes are the ways to meet the profession's minimum credential
//! (docs/domain/pathways.md, 2.1); the pre-screen (rules C4 to C6) matches the applicant's answers against them.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::i18n::Lang;

const CSV: &str = include_str!("../../data/cusma_professions.csv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CusmaCategory {
    General,
    MedicalAllied,
    Scientist,
    Teacher,
}

/// The `degree_route` column: which degrees meet the credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DegreeRoute {
    /// `yes`: a Baccalaureate or Licenciatura degree (or higher) in the same or a closely related field.
    Any,
    /// Lawyer: LL.B., J.D., LL.L., B.C.L. or a five-year Licenciatura.
    LawDegreeOnly,
    /// Librarian: M.L.S., or a B.L.S. that required a prior degree.
    LibraryScienceOnly,
    /// Dentist, physician, veterinarian: the profession's own doctoral degree (D.D.S., M.D., D.V.M. and equivalents).
    ProfessionalDegreeOnly,
    /// Psychologist, registered nurse: a Licenciatura degree (a US or Canadian bachelor's is not one).
    LicenciaturaOnly,
    /// Scientific technician/technologist: no degree required, theoretical knowledge and practical skill instead.
    NotRequired,
}

/// The `other_alternative_credential` column, typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AltCredential {
    /// Accountant: a CPA, CA, CGA or CMA designation.
    AccountingDesignation,
    /// Lawyer: membership in a state or provincial bar.
    BarMembership,
    /// Management consultant: this many years of equivalent professional experience.
    ExperienceYears(u8),
    /// Disaster relief claims adjuster: 3 years of claims adjustment plus disaster-relief training.
    ClaimsExperiencePlusTraining,
}

/// One profession of Appendix 2.
#[derive(Debug, Clone, PartialEq)]
pub struct CusmaProfession {
    pub id: String,
    pub category: CusmaCategory,
    pub title_en: String,
    pub title_fr: &'static str,
    pub minimum_requirement_summary: String,
    pub degree_route: DegreeRoute,
    /// A post-secondary diploma or certificate (2+ years) plus 3 years' experience is accepted.
    pub diploma_plus_3y_experience_route: bool,
    /// A state, provincial (or, for land surveyors, federal) licence is accepted.
    pub licence_route: bool,
    pub other_alternative_credential: Option<AltCredential>,
    pub notes: Option<String>,
    pub source_url: String,
}

impl CusmaProfession {
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.title_en,
            Lang::Fr => self.title_fr,
        }
    }
}

/// Every profession, in CSV order (by category, then alphabetically in English).
pub fn cusma_professions() -> &'static [CusmaProfession] {
    static ROWS: OnceLock<Vec<CusmaProfession>> = OnceLock::new();
    ROWS.get_or_init(|| parse(CSV).unwrap_or_else(|e| panic!("data/cusma_professions.csv: {e}")))
}

/// The profession with this id, `None` for an unknown id (including `other_not_listed`).
pub fn cusma_profession(id: &str) -> Option<&'static CusmaProfession> {
    let id = id.trim();
    cusma_professions().iter().find(|p| p.id == id)
}

#[derive(Deserialize)]
struct Row {
    id: String,
    category: String,
    profession: String,
    minimum_requirement_summary: String,
    degree_route: String,
    diploma_plus_3y_experience_route: String,
    licence_route: String,
    other_alternative_credential: String,
    notes: String,
    source_url: String,
}

fn parse(src: &str) -> Result<Vec<CusmaProfession>, String> {
    let mut reader = csv::Reader::from_reader(src.as_bytes());
    let mut rows: Vec<CusmaProfession> = Vec::new();
    for (i, record) in reader.deserialize::<Row>().enumerate() {
        let line = i + 2;
        let row = record.map_err(|e| format!("line {line}: {e}"))?;
        let profession = typed(row).map_err(|e| format!("line {line}: {e}"))?;
        if rows.iter().any(|p| p.id == profession.id) {
            return Err(format!("line {line}: duplicate id {}", profession.id));
        }
        rows.push(profession);
    }
    Ok(rows)
}

fn typed(row: Row) -> Result<CusmaProfession, String> {
    let category = match row.category.as_str() {
        "general" => CusmaCategory::General,
        "medical_allied" => CusmaCategory::MedicalAllied,
        "scientist" => CusmaCategory::Scientist,
        "teacher" => CusmaCategory::Teacher,
        other => return Err(format!("unknown category {other:?}")),
    };
    let degree_route = match row.degree_route.as_str() {
        "yes" => DegreeRoute::Any,
        "law_degree_only" => DegreeRoute::LawDegreeOnly,
        "library_science_only" => DegreeRoute::LibraryScienceOnly,
        "professional_degree_only" => DegreeRoute::ProfessionalDegreeOnly,
        "licenciatura_only" => DegreeRoute::LicenciaturaOnly,
        "not_required" => DegreeRoute::NotRequired,
        other => return Err(format!("unknown degree route {other:?}")),
    };
    let other_alternative_credential = match row.other_alternative_credential.trim() {
        "" => None,
        "CPA, CA, CGA or CMA designation" => Some(AltCredential::AccountingDesignation),
        "Membership in a state/provincial bar" => Some(AltCredential::BarMembership),
        "5 years' equivalent professional experience" => Some(AltCredential::ExperienceYears(5)),
        "3 years' claims adjustment experience plus disaster-relief adjustment training" => {
            Some(AltCredential::ClaimsExperiencePlusTraining)
        }
        other => {
            return Err(format!(
                "unknown alternative credential {other:?}: type it in reference::cusma"
            ));
        }
    };
    Ok(CusmaProfession {
        title_fr: title_fr(&row.id).unwrap_or(""),
        id: row.id,
        category,
        title_en: row.profession,
        minimum_requirement_summary: row.minimum_requirement_summary,
        degree_route,
        diploma_plus_3y_experience_route: super::parse_yes_no(&row.diploma_plus_3y_experience_route)?,
        licence_route: super::parse_yes_no(&row.licence_route)?,
        other_alternative_credential,
        notes: super::non_empty(row.notes),
        source_url: row.source_url,
    })
}

/// French titles, after the French text of CUSMA (ACEUM) Appendix 2 and IRCC's French instructions.
fn title_fr(id: &str) -> Option<&'static str> {
    Some(match id {
        "accountant" => "Comptable",
        "architect" => "Architecte",
        "computer_systems_analyst" => "Analyste de systèmes informatiques",
        "disaster_relief_insurance_claims_adjuster" => "Expert en sinistres (sinistres causés par une catastrophe)",
        "economist" => "Économiste",
        "engineer" => "Ingénieur",
        "forester" => "Forestier",
        "graphic_designer" => "Graphiste",
        "hotel_manager" => "Directeur d’hôtel",
        "industrial_designer" => "Designer industriel",
        "interior_designer" => "Designer d’intérieur",
        "land_surveyor" => "Arpenteur-géomètre",
        "landscape_architect" => "Architecte paysagiste",
        "lawyer" => "Avocat (y compris notaire au Québec)",
        "librarian" => "Bibliothécaire",
        "management_consultant" => "Conseiller en gestion",
        "mathematician" => "Mathématicien (y compris statisticien et actuaire)",
        "range_manager" => "Gestionnaire des grands pâturages / spécialiste de la conservation des pâturages",
        "research_assistant" => "Assistant de recherche (dans un établissement d’enseignement postsecondaire)",
        "scientific_technician_technologist" => "Technicien ou technologue scientifique",
        "social_worker" => "Travailleur social",
        "sylviculturist" => "Sylviculteur (y compris spécialiste en foresterie)",
        "technical_publications_writer" => "Rédacteur de publications techniques",
        "urban_planner" => "Urbaniste (y compris géographe)",
        "vocational_counsellor" => "Conseiller en orientation professionnelle",
        "dentist" => "Dentiste",
        "dietitian" => "Diététiste",
        "medical_laboratory_technologist" => {
            "Technologiste de laboratoire médical (Canada) / technologue médical (Mexique et États-Unis)"
        }
        "nutritionist" => "Nutritionniste",
        "occupational_therapist" => "Ergothérapeute",
        "pharmacist" => "Pharmacien",
        "physician_teaching_research" => "Médecin (enseignement ou recherche seulement)",
        "physiotherapist" => "Physiothérapeute",
        "psychologist" => "Psychologue",
        "recreational_therapist" => "Récréologue",
        "registered_nurse" => "Infirmier autorisé",
        "veterinarian" => "Vétérinaire",
        "agriculturist" => "Agriculturiste (y compris agronome)",
        "animal_breeder" => "Sélectionneur d’animaux",
        "animal_scientist" => "Zootechnicien",
        "apiculturist" => "Apiculteur",
        "astronomer" => "Astronome",
        "biochemist" => "Biochimiste",
        "biologist" => "Biologiste (y compris phytopathologiste)",
        "chemist" => "Chimiste",
        "dairy_scientist" => "Spécialiste en science laitière",
        "entomologist" => "Entomologiste",
        "epidemiologist" => "Épidémiologiste",
        "geneticist" => "Généticien",
        "geologist" => "Géologue",
        "geochemist" => "Géochimiste",
        "geophysicist" => "Géophysicien (y compris océanographe au Mexique et aux États-Unis)",
        "horticulturist" => "Horticulteur",
        "meteorologist" => "Météorologue",
        "pharmacologist" => "Pharmacologue",
        "physicist" => "Physicien (y compris océanographe au Canada)",
        "plant_breeder" => "Sélectionneur de végétaux",
        "poultry_scientist" => "Spécialiste en aviculture",
        "soil_scientist" => "Pédologue",
        "zoologist" => "Zoologiste",
        "teacher_college" => "Enseignant – collège",
        "teacher_seminary" => "Enseignant – séminaire",
        "teacher_university" => "Enseignant – université",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_63_rows_parse() {
        let all = cusma_professions();
        assert_eq!(all.len(), 63);
        let count = |c| all.iter().filter(|p| p.category == c).count();
        assert_eq!(
            [count(CusmaCategory::General), count(CusmaCategory::MedicalAllied)],
            [25, 12],
            "general, medical/allied"
        );
        assert_eq!(
            [count(CusmaCategory::Scientist), count(CusmaCategory::Teacher)],
            [23, 3]
        );
    }

    #[test]
    fn every_row_has_a_french_title() {
        for p in cusma_professions() {
            assert!(!p.title(Lang::Fr).is_empty(), "{} has no French title", p.id);
        }
    }

    #[test]
    fn routes_are_typed() {
        let analyst = cusma_profession("computer_systems_analyst").unwrap();
        assert_eq!(analyst.degree_route, DegreeRoute::Any);
        assert!(analyst.diploma_plus_3y_experience_route);
        assert!(!analyst.licence_route);
        assert_eq!(analyst.title(Lang::Fr), "Analyste de systèmes informatiques");

        let engineer = cusma_profession("engineer").unwrap();
        assert!(engineer.licence_route && !engineer.diploma_plus_3y_experience_route);

        let lawyer = cusma_profession("lawyer").unwrap();
        assert_eq!(lawyer.degree_route, DegreeRoute::LawDegreeOnly);
        assert_eq!(lawyer.other_alternative_credential, Some(AltCredential::BarMembership));

        assert_eq!(
            cusma_profession("management_consultant")
                .unwrap()
                .other_alternative_credential,
            Some(AltCredential::ExperienceYears(5))
        );
        assert_eq!(
            cusma_profession("registered_nurse").unwrap().degree_route,
            DegreeRoute::LicenciaturaOnly
        );
        assert_eq!(
            cusma_profession("scientific_technician_technologist")
                .unwrap()
                .degree_route,
            DegreeRoute::NotRequired
        );
        assert!(cusma_profession("other_not_listed").is_none());
    }

    #[test]
    fn unknown_values_are_rejected() {
        let header = CSV.lines().next().unwrap();
        let bad = format!("{header}\nx,general,X,s,maybe,no,no,,,u\n");
        assert!(parse(&bad).unwrap_err().contains("degree route"));
        let bad = format!("{header}\nx,general,X,s,yes,no,no,A sworn statement,,u\n");
        assert!(parse(&bad).unwrap_err().contains("alternative credential"));
        let bad = format!("{header}\nx,general,X,s,yes,no,no,,,u\nx,general,X,s,yes,no,no,,,u\n");
        assert!(parse(&bad).unwrap_err().contains("duplicate"));
    }
}
