//! The applicant's draft: found from the session, saved after every valid page.

use actix_session::Session;
use chrono::{Duration, Utc};

use crate::{
    context::AppContext,
    db::{self, applications::ApplicationRow},
    domain::{answers::Answers, pathway::Pathway, status::ApplicationStatus},
    error::AppError,
    questionnaire::{Flow, Step},
    web::session::{TypedSession, random_token, token_hash},
};

/// The deciding answers of "not sure", kept after a pathway is picked so that the assessment of
/// the other pathways has them too.
const NOT_SURE_KEEP: &[&str] = &[
    "citizenships",
    "job_offer_status",
    "noc_2021_code",
    "currently_employed_by_foreign_entity",
    "relationship",
    "slot",
    "consultation_mode",
    "time_zone",
];
/// The deciding answers of "not sure" each pathway's pages do not ask again (CUSMA asks its own, typed, NOC code).
fn carried_from_not_sure(pathway: Pathway) -> &'static [&'static str] {
    match pathway {
        Pathway::Gts => &["citizenships", "job_offer_status", "noc_2021_code"],
        Pathway::Cusma => &["citizenships", "job_offer_status"],
        Pathway::Ict => &["citizenships", "currently_employed_by_foreign_entity", "relationship"],
    }
}

/// The booking's answers, kept whatever the pathway's questions.
const BOOKING_KEEP: &[&str] = &["slot", "consultation_mode", "time_zone"];

/// A draft (or just submitted) application of the current visitor.
pub struct Draft {
    pub row: ApplicationRow,
    pub answers: Answers,
}

impl Draft {
    /// The visitor's application, if their session leads to one.
    pub async fn load(app: &AppContext, session: &Session) -> Result<Option<Draft>, AppError> {
        let Some(token) = TypedSession(session).draft_token() else {
            return Ok(None);
        };
        let row = db::applications::find_by_token(&app.pool, &token_hash(&token)).await?;
        Ok(row.map(|row| Draft {
            answers: row.answers.0.clone(),
            row,
        }))
    }

    /// Starts a draft for this visitor and remembers it in their session.
    pub async fn create(
        app: &AppContext,
        session: &Session,
        lang: crate::i18n::Lang,
        target_pathway: &str,
        pathway: Option<Pathway>,
    ) -> Result<(), AppError> {
        let token = random_token();
        let mut conn = app.pool.acquire().await?;
        db::applications::create_draft(
            &mut conn,
            &db::applications::NewDraft {
                token_hash: &token_hash(&token),
                language: lang.code(),
                target_pathway,
                pathway: pathway.map(Pathway::code),
                answers: &Answers::default(),
                expires_at: expiry(app),
            },
        )
        .await?;
        TypedSession(session).set_draft_token(&token);
        Ok(())
    }

    pub fn is_draft(&self) -> bool {
        self.row.status == ApplicationStatus::Draft
    }

    pub fn pathway(&self) -> Option<Pathway> {
        self.row.pathway.as_deref().and_then(Pathway::from_code)
    }

    pub fn not_sure(&self) -> bool {
        self.row.target_pathway == "not_sure"
    }

    /// Questions of `pathway`'s pages already answered on an earlier page ("not sure"), not asked again.
    pub fn carried(&self, pathway: Pathway) -> &'static [&'static str] {
        if self.not_sure() && self.row.completed_steps.iter().any(|s| s == "not-sure") {
            carried_from_not_sure(pathway)
        } else {
            &[]
        }
    }

    pub fn is_complete(&self, step: &Step) -> bool {
        self.row.completed_steps.iter().any(|s| s == step.slug)
    }

    /// The first page of `flow` not yet answered, if any.
    pub fn first_incomplete(&self, flow: &Flow) -> Option<&'static Step> {
        flow.applicable(&self.answers).find(|s| !self.is_complete(s))
    }

    /// Records `answers` after a valid page, drops what no longer applies, and saves. The
    /// application's language becomes `lang`, the language the applicant is using now.
    pub async fn save(
        &mut self,
        app: &AppContext,
        lang: crate::i18n::Lang,
        flow: Option<&Flow>,
        answers: Answers,
        completed: &str,
    ) -> Result<(), AppError> {
        let mut answers = answers;
        self.row.language = lang.code().to_owned();
        let mut completed_steps = self.row.completed_steps.clone();
        if !completed_steps.iter().any(|s| s == completed) {
            completed_steps.push(completed.to_owned());
        }
        if let Some(flow) = flow {
            flow.prune(&mut answers, if self.not_sure() { NOT_SURE_KEEP } else { BOOKING_KEEP });
            // Section 4's `target_pathway` and `language` are answered by the choice of page, not by a question.
            answers.set("target_pathway", self.row.target_pathway.as_str());
            answers.set("language", self.row.language.as_str());
            if flow.pathway == Pathway::Cusma {
                derive_citizenship_basis(&mut answers);
            }
            let asked: Vec<&str> = flow.applicable(&answers).map(|s| s.slug).collect();
            completed_steps.retain(|s| asked.contains(&s.as_str()) || s == "not-sure" || s == "booking");
        }
        let mut conn = app.pool.acquire().await?;
        let saved = db::applications::save_draft(
            &mut conn,
            self.row.application_id,
            &db::applications::DraftState {
                language: &self.row.language,
                target_pathway: &self.row.target_pathway,
                pathway: self.row.pathway.as_deref(),
                answers: &answers,
                completed_steps: &completed_steps,
                expires_at: expiry(app),
            },
        )
        .await?;
        if !saved {
            return Err(AppError::NotFound);
        }
        self.answers = answers;
        self.row.completed_steps = completed_steps;
        Ok(())
    }
}

/// CUSMA's `citizenship_basis` (2.2) follows from what the applicant already said: `citizenships` (about you) and
/// `us_lawful_permanent_resident` (route), so it is not asked again. A Mexican permanent resident who is neither
/// citizen is `other` (the form does not ask about Mexican residence; C1 fires either way).
fn derive_citizenship_basis(answers: &mut Answers) {
    let citizenships = answers.list("citizenships");
    let basis = if citizenships.contains(&"US") {
        "us_citizen"
    } else if citizenships.contains(&"MX") {
        "mx_citizen"
    } else if answers.yes("us_lawful_permanent_resident") {
        "us_or_mx_pr_only"
    } else if citizenships.is_empty() {
        answers.remove("citizenship_basis");
        return;
    } else {
        "other"
    };
    answers.set("citizenship_basis", basis);
}

/// When a draft saved now expires.
pub fn expiry(app: &AppContext) -> chrono::DateTime<Utc> {
    Utc::now() + Duration::days(i64::from(app.settings.draft_days))
}
