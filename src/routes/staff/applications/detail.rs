//! `/staff/applications/{id}`: an application's page, panel by panel: the pre-screen, the
//! consultation, the answers, the review (status, history, assignment, notes), the emails and the
//! audit trail.

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use chrono_tz::Tz;
use sqlx::PgPool;
use uuid::Uuid;

use super::{pathway_name, status_options};
use crate::{
    auth::CurrentStaff,
    booking::{self, Host, language_text, mode_text},
    context::{App, AppContext},
    db::{
        self,
        applications::{self, Detail},
    },
    domain::{pathway::Pathway, person_name::mixed_scripts},
    error::AppError,
    i18n::{
        Lang,
        when::{self, stamp},
    },
    prescreen::{self, text},
    questionnaire::{Flow, display},
    web::{html, page::PageCtx},
};

pub struct Answered {
    pub label: String,
    pub value: String,
}

pub struct AnswerSection {
    pub title: String,
    pub rows: Vec<Answered>,
}

pub struct EmailView {
    pub id: String,
    pub kind: String,
    pub to: String,
    pub subject: String,
    pub status: String,
    pub attempts: i32,
    pub error: String,
    pub when: String,
    pub dead: bool,
}

pub struct AuditView {
    pub at: String,
    pub who: String,
    pub action: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "staff/application.html")]
pub struct DetailPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub id: String,
    pub reference: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub language: String,
    pub pathway: String,
    pub target: String,
    pub outcome: String,
    pub outcome_code: String,
    /// The brief's first line, and the rules that fired by group: (group, [(rule id, reason)]).
    pub summary: String,
    pub groups: Vec<(String, Vec<(String, String)>)>,
    /// §7.5: the median used, or why there is none.
    pub wage_line: String,
    /// (pathway, outcome, rule ids)
    pub others: Vec<(String, String, String)>,
    pub slot_firm: String,
    pub slot_applicant: String,
    pub mode: String,
    /// Who the consultation is with, and in which language.
    pub host: String,
    pub consultation_language: String,
    pub booking_active: bool,
    /// Just moved (`?done=moved`): the success banner.
    pub moved: bool,
    pub sections: Vec<AnswerSection>,
    pub review_status: String,
    pub statuses: Vec<(String, String)>,
    pub history: Vec<(String, String, String, String)>,
    pub assigned: String,
    pub staff_options: Vec<(String, String)>,
    pub notes: Vec<(String, String, String)>,
    pub emails: Vec<EmailView>,
    pub audit: Vec<AuditView>,
    pub erased: bool,
    pub is_admin: bool,
    /// The name mixes scripts (Latin and Cyrillic, say): possibly a look-alike.
    pub name_mixed_scripts: bool,
}

pub async fn detail(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path)?;
    let moved = form_urlencoded::parse(req.query_string().as_bytes()).any(|(n, v)| n == "done" && v == "moved");
    let a = applications::detail(&app.pool, id).await?.ok_or(AppError::NotFound)?;
    let lang = ctx.lang;
    let tz = app.settings.firm_time_zone;
    let pre = PrescreenPanel::of(&app, lang, &a);
    let booking = BookingPanel::load(&app, lang, id).await?;
    let (assigned, staff_options) = assignment(&app.pool, a.assigned_to).await?;
    let answers = &a.answers.0;
    let page = DetailPage {
        id: id.to_string(),
        reference: a.reference.clone().unwrap_or_default(),
        name: a.full_name.clone().unwrap_or_default(),
        email: a.email.clone().unwrap_or_default(),
        phone: answers.str("phone").unwrap_or_default().to_owned(),
        language: a.language.clone(),
        pathway: pathway_name(lang, a.pathway.as_deref()),
        target: a.target_pathway.clone(),
        outcome: a
            .prescreen_outcome
            .as_deref()
            .map(|o| lang.t(&format!("outcome-{o}")))
            .unwrap_or_default(),
        outcome_code: a.prescreen_outcome.clone().unwrap_or_default(),
        summary: pre.summary,
        groups: pre.groups,
        wage_line: pre.wage_line,
        others: pre.others,
        slot_firm: booking.slot_firm,
        slot_applicant: booking.slot_applicant,
        mode: booking.mode,
        host: booking.host,
        consultation_language: booking.language,
        booking_active: booking.active,
        moved,
        sections: answer_sections(lang, &a),
        review_status: a.review_status.as_str().to_owned(),
        statuses: status_options(&ctx),
        history: history(&app.pool, lang, tz, id).await?,
        assigned,
        staff_options,
        notes: notes(&app.pool, tz, id).await?,
        emails: emails(&app.pool, lang, tz, id).await?,
        audit: audit_trail(&app.pool, tz, id).await?,
        erased: a.erased_at.is_some(),
        is_admin: staff.is_admin(),
        name_mixed_scripts: a.full_name.as_deref().is_some_and(mixed_scripts),
        ctx,
        staff: Some(staff),
    };
    html(StatusCode::OK, &page)
}

/// The pre-screen as the firm's brief tells it: the chosen pathway's, then the others assessed.
#[derive(Default)]
struct PrescreenPanel {
    summary: String,
    groups: Vec<(String, Vec<(String, String)>)>,
    wage_line: String,
    others: Vec<(String, String, String)>,
}

impl PrescreenPanel {
    fn of(app: &AppContext, lang: Lang, a: &Detail) -> PrescreenPanel {
        let Some(stored) = a.prescreen.as_ref().map(|p| &p.0) else {
            return PrescreenPanel::default();
        };
        let today = Utc::now().with_timezone(&app.settings.firm_time_zone).date_naive();
        let (summary, groups, wage_line) = match stored.chosen() {
            Some(main) => (
                text::brief_summary(lang, main, &a.answers),
                text::brief_groups(lang, main),
                main.values
                    .wage
                    .as_ref()
                    .map(|w| text::brief_wage_line(lang, w, today, app.settings.wage_stale_months))
                    .unwrap_or_default(),
            ),
            None => Default::default(),
        };
        let others = stored
            .others()
            .iter()
            .map(|o| {
                (
                    lang.t(prescreen::pathway_key(o.pathway)),
                    lang.t(o.outcome.i18n_key()),
                    o.rules.join(", "),
                )
            })
            .collect();
        PrescreenPanel {
            summary,
            groups,
            wage_line,
            others,
        }
    }
}

/// The latest consultation, in the firm's zone and the applicant's, with whom and in which
/// language; while it holds, staff move it from its own page (`consultations::moving`).
#[derive(Default)]
struct BookingPanel {
    slot_firm: String,
    slot_applicant: String,
    mode: String,
    host: String,
    language: String,
    active: bool,
}

impl BookingPanel {
    async fn load(app: &AppContext, lang: Lang, id: Uuid) -> Result<BookingPanel, AppError> {
        let tz = app.settings.firm_time_zone;
        let Some(b) = db::bookings::latest_for_application(&app.pool, id).await? else {
            return Ok(BookingPanel::default());
        };
        let zone: Tz = b.time_zone.parse().unwrap_or(tz);
        let active = booking::is_active(&b);
        let mark = if active {
            String::new()
        } else {
            format!(" – {}", lang.t("manage-status-cancelled"))
        };
        Ok(BookingPanel {
            slot_firm: format!("{}{mark}", when::slot(lang, b.starts_at, b.ends_at, tz)),
            slot_applicant: when::slot(lang, b.starts_at, b.ends_at, zone),
            mode: mode_text(lang, &b.consultation_mode),
            host: Host::of_row(&b).display(&app.settings).to_owned(),
            language: language_text(lang, &b.consultation_language),
            active,
        })
    }
}

/// The answers, step by step, as the questionnaire of the assessed pathway asked them.
fn answer_sections(lang: Lang, a: &Detail) -> Vec<AnswerSection> {
    let answers = &a.answers.0;
    let Some(pathway) = a.pathway.as_deref().and_then(Pathway::from_code) else {
        return Vec::new();
    };
    Flow::of(pathway)
        .applicable(answers)
        .map(|step| AnswerSection {
            title: lang.t(&format!("step-{}-title", step.slug)),
            rows: step
                .fields
                .iter()
                .filter(|f| f.applies(answers))
                .map(|f| Answered {
                    label: lang.t(&format!("q-{}", f.name)),
                    value: answers
                        .0
                        .get(f.name)
                        .map(|v| display::answer(lang, f, v))
                        .unwrap_or_else(|| lang.t("not-provided")),
                })
                .collect(),
        })
        .collect()
}

/// The review status changes: (when, who, from, to).
async fn history(
    pool: &PgPool,
    lang: Lang,
    tz: Tz,
    id: Uuid,
) -> Result<Vec<(String, String, String, String)>, AppError> {
    Ok(db::status_changes::of_application(pool, id)
        .await?
        .into_iter()
        .map(|h| {
            (
                stamp(h.at, tz),
                h.staff_name.unwrap_or_default(),
                lang.t(&h.from_status.i18n_key()),
                lang.t(&h.to_status.i18n_key()),
            )
        })
        .collect())
}

/// Who the application is assigned to (empty when nobody, or a member since removed), and the
/// active staff it can be assigned to: (id, name).
async fn assignment(pool: &PgPool, assigned_to: Option<Uuid>) -> Result<(String, Vec<(String, String)>), AppError> {
    let staff_list = db::staff::list_all(pool).await?;
    let assigned = assigned_to
        .and_then(|s| {
            staff_list
                .iter()
                .find(|x| x.staff_user_id == s)
                .map(|x| x.staff_user_id.to_string())
        })
        .unwrap_or_default();
    let options = staff_list
        .iter()
        .filter(|s| s.active)
        .map(|s| (s.staff_user_id.to_string(), s.name.clone()))
        .collect();
    Ok((assigned, options))
}

/// The notes: (when, who, text).
async fn notes(pool: &PgPool, tz: Tz, id: Uuid) -> Result<Vec<(String, String, String)>, AppError> {
    Ok(db::notes::of_application(pool, id)
        .await?
        .into_iter()
        .map(|n| (stamp(n.created_at, tz), n.staff_name.unwrap_or_default(), n.body))
        .collect())
}

async fn emails(pool: &PgPool, lang: Lang, tz: Tz, id: Uuid) -> Result<Vec<EmailView>, AppError> {
    Ok(db::outbox::of_application(pool, id)
        .await?
        .into_iter()
        .map(|e| EmailView {
            id: e.email_outbox_id.to_string(),
            kind: e.kind,
            to: e.to_address,
            // Emptied by retention, by erasure or when sent again.
            subject: if e.subject.is_empty() {
                lang.t("staff-email-emptied")
            } else {
                e.subject
            },
            dead: e.status == "dead",
            status: lang.t(&format!("email-status-{}", e.status)),
            attempts: e.attempts,
            error: e.last_error.unwrap_or_default(),
            when: stamp(e.sent_at.unwrap_or(e.next_attempt_at), tz),
        })
        .collect())
}

async fn audit_trail(pool: &PgPool, tz: Tz, id: Uuid) -> Result<Vec<AuditView>, AppError> {
    Ok(db::audit::for_subject(pool, "application", &id.to_string())
        .await?
        .into_iter()
        .map(|e| AuditView {
            at: stamp(e.at, tz),
            who: e.staff_name.unwrap_or_default(),
            action: e.action,
            detail: e.after.map(|v| v.to_string()).unwrap_or_default(),
        })
        .collect())
}
