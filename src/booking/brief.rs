//! The firm's pre-consultation brief: built from the application as stored (answers and
//! pre-screen), at submission and again when staff resend it.

use chrono::Utc;
use lettre::message::Mailbox;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::{
    config::Settings,
    db::outbox::Attachment,
    domain::{answers::Answers, pathway::Pathway},
    email::messages::{EmailCtx, FirmBrief, Meeting, SlotText},
    error::AppError,
    i18n::Lang,
    outbox::{self, Envelope},
    prescreen::{self, StoredAssessment, text},
    questionnaire::{Flow, display},
};

/// The answers a lawyer reads first, per pathway.
const KEY_FIELDS: &[&str] = &[
    "citizenships",
    "country_of_residence",
    "current_location",
    "canadian_status",
    "highest_education",
    "years_it_experience",
    "job_offer_status",
    "employer_legal_name",
    "employer_province",
    "job_title",
    "noc_2021_code",
    "offered_wage",
    "wage_unit",
    "cusma_profession",
    "credential_type",
    "foreign_employer_name",
    "relationship",
    "current_role_category",
    "proposed_role_category",
    "proposed_wage",
];

/// What the brief is made of.
pub struct BriefSource<'a> {
    pub application_id: Uuid,
    pub lang: Lang,
    pub reference: &'a str,
    pub pathway: Pathway,
    pub answers: &'a Answers,
    /// The chosen pathway's assessment first, then the others assessed ("not sure").
    pub assessments: &'a [StoredAssessment],
    pub slot: SlotText,
    /// The consultation mode's code (`video`, `phone`, `in_person`).
    pub mode: &'a str,
    /// Who the consultation is with, and in which language.
    pub meeting: Meeting,
}

/// The brief of `source`, in its language. It goes by email, so it leaves out the sensitive answers
/// (refusals, criminal history) and the rules that reveal them: it says only that some answers
/// need a lawyer's look, and links to the application, where staff read them.
pub fn firm_brief(settings: &Settings, source: &BriefSource<'_>) -> Option<FirmBrief> {
    let lang = source.lang;
    let main = source.assessments.first()?;
    let flow = Flow::of(source.pathway);
    let today = Utc::now().with_timezone(&settings.firm_time_zone).date_naive();
    let answers = source.answers;
    Some(FirmBrief {
        ctx: EmailCtx {
            lang,
            firm_name: settings.firm_name.clone(),
        },
        reference: source.reference.to_owned(),
        full_name: answers.str("full_name").unwrap_or_default().to_owned(),
        email: answers.str("email").unwrap_or_default().to_owned(),
        phone: answers.str("phone").unwrap_or_default().to_owned(),
        pathway: lang.t(prescreen::pathway_key(source.pathway)),
        outcome: lang.t(main.outcome.i18n_key()),
        summary: text::email_summary(lang, main, answers),
        needs_a_look: text::needs_a_look(answers),
        groups: text::email_groups(lang, main),
        wage_line: main
            .values
            .wage
            .as_ref()
            .map(|w| text::brief_wage_line(lang, w, today, settings.wage_stale_months))
            .unwrap_or_default(),
        other_outcomes: source.assessments[1..]
            .iter()
            .map(|r| (lang.t(prescreen::pathway_key(r.pathway)), lang.t(r.outcome.i18n_key())))
            .collect(),
        key_answers: KEY_FIELDS
            .iter()
            .filter_map(|name| {
                let (_, field) = flow.fields().find(|(_, f)| f.name == *name)?;
                let value = answers.0.get(*name)?;
                Some((lang.t(&format!("q-{name}")), display::answer(lang, field, value)))
            })
            .collect(),
        slot: source.slot.clone(),
        mode: super::mode_text(lang, source.mode),
        meeting: source.meeting.clone(),
        staff_url: crate::links::staff_application(settings, source.application_id),
    })
}

/// Queues the brief to the firm, and to the consultant (`host_email`, when there is one) with the
/// consultation's calendar invite. Its Reply-To is the applicant's bare address: a display name
/// typed by the applicant would be shown by mail programs as if it were someone else.
pub async fn enqueue(
    conn: &mut PgConnection,
    settings: &Settings,
    application_id: Uuid,
    brief: &FirmBrief,
    host: Option<(&str, Attachment)>,
) -> Result<(), AppError> {
    let reply_to = brief.email.parse().ok().map(|address| Mailbox::new(None, address));
    let envelope = Envelope {
        reply_to: reply_to.as_ref(),
        application_id: Some(application_id),
        ..Envelope::to(&settings.firm_email)
    };
    outbox::enqueue(conn, &envelope, brief).await?;
    if let Some((email, invite)) = host
        && !email.eq_ignore_ascii_case(settings.firm_email.email.as_ref())
        && let Ok(address) = email.parse()
    {
        let to = Mailbox::new(None, address);
        let attachments = [invite];
        let envelope = Envelope {
            reply_to: reply_to.as_ref(),
            application_id: Some(application_id),
            attachments: &attachments,
            ..Envelope::to(&to)
        };
        outbox::enqueue(conn, &envelope, brief).await?;
    }
    Ok(())
}
