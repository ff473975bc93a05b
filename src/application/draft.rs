//! The applicant's application while they answer it: found by the secret token their session
//! holds, saved after every valid page, and [`Draft::stage`] saying where it stands.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::{
    context::AppContext,
    db::{self, applications::ApplicationRow},
    domain::{answers::Answers, pathway::Pathway, status::ApplicationStatus},
    error::AppError,
    i18n::Lang,
    questionnaire::{Flow, Step},
    slots::Slot,
    web::session::{random_token, token_hash},
};

/// The deciding answers of "not sure", kept after a pathway is picked so that the assessment of
/// the other pathways has them too.
const NOT_SURE_KEEP: &[&str] = &[
    CONSENT_FIELD,
    "citizenships",
    "job_offer_status",
    "noc_2021_code",
    "currently_employed_by_foreign_entity",
    "relationship",
    "slot",
    "consultation_mode",
    "consultation_language",
    "consultant",
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
const BOOKING_KEEP: &[&str] = &[
    CONSENT_FIELD,
    "slot",
    "consultation_mode",
    "consultation_language",
    "consultant",
    "time_zone",
];

/// The consent to keep the answers (`consent_privacy`), given on the page that starts a draft,
/// before any answer is stored, and kept whatever the pathway.
pub const CONSENT_FIELD: &str = "consent_privacy";

/// The page that saves the choice of a consultation time (its slug in `completed_steps`).
pub const SLOT_STEP: &str = "booking";

/// A draft (or just submitted) application of the current visitor.
pub struct Draft {
    pub row: ApplicationRow,
    pub answers: Answers,
}

/// Where a draft stands: what the applicant has to do next.
#[derive(Debug, Clone, Copy)]
pub enum Stage {
    /// No pathway yet: the choice of a work permit, or the "not sure" questions.
    Choosing,
    /// Answering the questions: this is the first page not yet answered.
    Answering(&'static Step),
    /// Every question answered: the preliminary assessment is next.
    NeedsAssessment,
    /// The assessment seen: a consultation time to choose.
    NeedsBooking,
    /// Everything there: the answers to check and send.
    Ready,
    Submitted,
}

impl PartialEq for Stage {
    fn eq(&self, other: &Stage) -> bool {
        match (self, other) {
            (Stage::Answering(a), Stage::Answering(b)) => a.slug == b.slug,
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }
}

impl Eq for Stage {}

/// The consultation time a draft has chosen.
pub struct ChosenSlot {
    pub start: DateTime<Utc>,
    /// The applicant's zone, as they chose it.
    pub zone: Tz,
    /// `video` or `phone`.
    pub mode: String,
    /// The consultation's language (`en`, `fr`, `es`).
    pub language: String,
    /// The consultant the applicant named; `None`: any available.
    pub consultant: Option<uuid::Uuid>,
}

impl ChosenSlot {
    /// What the applicant asks of a consultant, for `pathway`.
    pub fn want<'a>(&'a self, pathway: &'a str) -> crate::booking::Want<'a> {
        crate::booking::Want {
            language: Some(&self.language),
            pathway: Some(pathway),
            consultant: self.consultant,
        }
    }
}

impl Draft {
    /// The application the secret `token` (from the visitor's session) leads to, if any.
    pub async fn find(app: &AppContext, token: &str) -> Result<Option<Draft>, AppError> {
        let row = db::applications::find_by_token(&app.pool, &token_hash(token)).await?;
        Ok(row.map(|row| Draft {
            answers: row.answers.0.clone(),
            row,
        }))
    }

    /// Starts a draft; returns the secret token that finds it again (for the visitor's session).
    pub async fn create(
        app: &AppContext,
        lang: Lang,
        target_pathway: &str,
        pathway: Option<Pathway>,
    ) -> Result<String, AppError> {
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
        Ok(token)
    }

    /// Where this draft stands. The first unanswered page is of the draft's own pathway.
    pub fn stage(&self) -> Stage {
        if !self.is_draft() {
            return Stage::Submitted;
        }
        let Some(pathway) = self.pathway() else {
            return Stage::Choosing;
        };
        if let Some(step) = self.first_incomplete(&Flow::of(pathway)) {
            Stage::Answering(step)
        } else if self.row.prescreen.is_none() {
            Stage::NeedsAssessment
        } else if !self.row.completed_steps.iter().any(|s| s == SLOT_STEP) || self.chosen_slot(chrono_tz::UTC).is_none()
        {
            Stage::NeedsBooking
        } else {
            Stage::Ready
        }
    }

    /// The consultation time chosen on the booking page, if it was answered; the applicant's zone
    /// falls back to `firm_zone`.
    pub fn chosen_slot(&self, firm_zone: Tz) -> Option<ChosenSlot> {
        let start = Slot::parse_id(self.answers.str("slot")?)?;
        let zone = self
            .answers
            .str("time_zone")
            .and_then(|z| z.parse().ok())
            .unwrap_or(firm_zone);
        let mode = self.answers.str("consultation_mode")?.to_owned();
        let language = self
            .answers
            .str("consultation_language")
            .filter(|l| ["en", "fr", "es"].contains(l))
            .unwrap_or(self.row.language.as_str())
            .to_owned();
        let consultant = self.answers.str("consultant").and_then(|c| c.parse().ok());
        Some(ChosenSlot {
            start,
            zone,
            mode,
            language,
            consultant,
        })
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
        lang: Lang,
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
            completed_steps.retain(|s| asked.contains(&s.as_str()) || s == "not-sure" || s == SLOT_STEP);
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
