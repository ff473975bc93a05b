//! `/staff/applications`: the list (filters and search in the query string, so a view can be
//! bookmarked), its CSV export, and each application's page with its actions.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use chrono_tz::Tz;
use serde_json::json;
use uuid::Uuid;

use crate::{
    auth::CurrentStaff,
    availability::Slot,
    booking::{self, Availability, Notify, mode_text, slot_in},
    context::{App, AppContext},
    db::{
        self,
        applications::{self, Filters, PAGE_SIZE},
        audit::NewAuditEvent,
    },
    domain::{
        pathway::Pathway,
        person_name::mixed_scripts,
        status::{BookingStatus, ReviewStatus},
    },
    error::AppError,
    i18n::Lang,
    metrics::BookingEvent,
    prescreen::{self, Outcome, text},
    questionnaire::Flow,
    routes::apply::display_answer,
    web::{
        html,
        page::PageCtx,
        see_other,
        session::{random_token, token_hash},
        spreadsheet,
    },
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/applications", web::get().to(list))
        .route("/applications/export.csv", web::get().to(export))
        .route("/applications/{id}", web::get().to(detail))
        .route("/applications/{id}/status", web::post().to(set_status))
        .route("/applications/{id}/assign", web::post().to(assign))
        .route("/applications/{id}/notes", web::post().to(add_note))
        .route("/applications/{id}/emails/{email}/resend", web::post().to(resend))
        .route("/applications/{id}/booking/cancel", web::post().to(cancel_booking))
        .route("/applications/{id}/booking/move", web::post().to(move_booking))
        .route("/applications/{id}/erase", web::post().to(erase));
}

/// The review statuses as the drop-downs offer them: (form value, name).
fn status_options(ctx: &PageCtx) -> Vec<(String, String)> {
    ReviewStatus::ALL
        .into_iter()
        .map(|s| (s.as_str().to_owned(), ctx.t(&s.i18n_key())))
        .collect()
}

/// The pre-screen outcomes as the list's filter offers them: (form value, name).
fn outcome_options(ctx: &PageCtx) -> Vec<(String, String)> {
    Outcome::ALL
        .into_iter()
        .map(|o| (o.as_str().to_owned(), ctx.t(o.i18n_key())))
        .collect()
}

pub struct RowView {
    pub id: String,
    pub url: String,
    pub reference: String,
    pub name: String,
    pub email: String,
    pub pathway: String,
    pub status: String,
    pub outcome: String,
    pub outcome_code: String,
    pub submitted: String,
    pub assigned: String,
    pub slot: String,
}

#[derive(Template)]
#[template(path = "staff/applications.html")]
pub struct ListPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub filters: Filters,
    pub rows: Vec<RowView>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub pathways: Vec<(String, String)>,
    pub statuses: Vec<(String, String)>,
    pub outcomes: Vec<(String, String)>,
    pub staff_options: Vec<(String, String)>,
    pub query: String,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    /// The filter form's drop-downs use the form macros, which read errors: there are none.
    pub no_errors: crate::web::forms::FormErrors,
}

fn query_string(f: &Filters, page: Option<i64>) -> String {
    let mut f = f.clone();
    f.page = page.map(|p| p.to_string()).unwrap_or_default();
    serde_urlencoded::to_string(&f)
        .unwrap_or_default()
        .split('&')
        .filter(|kv| !kv.ends_with('='))
        .collect::<Vec<_>>()
        .join("&")
}

fn pathway_name(lang: Lang, code: Option<&str>) -> String {
    code.and_then(Pathway::from_code)
        .map(|p| lang.t(prescreen::pathway_key(p)))
        .unwrap_or_default()
}

pub async fn list(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    filters: web::Query<Filters>,
) -> Result<HttpResponse, AppError> {
    let filters = filters.into_inner();
    let page = filters.page_number();
    let (rows, total) = applications::list(&app.pool, &filters, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    let tz = app.settings.firm_time_zone;
    let rows = rows
        .into_iter()
        .map(|r| RowView {
            id: r.application_id.to_string(),
            url: format!("/staff/applications/{}", r.application_id),
            reference: r.reference.unwrap_or_default(),
            name: r.full_name.unwrap_or_default(),
            email: r.email.unwrap_or_default(),
            pathway: pathway_name(ctx.lang, r.pathway.as_deref()),
            status: ctx.t(&r.review_status.i18n_key()),
            outcome: r
                .prescreen_outcome
                .as_deref()
                .map(|o| ctx.t(&format!("outcome-{o}")))
                .unwrap_or_default(),
            outcome_code: r.prescreen_outcome.unwrap_or_default(),
            submitted: r
                .submitted_at
                .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default(),
            assigned: r.assigned_name.unwrap_or_default(),
            slot: r
                .slot_start
                .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default(),
        })
        .collect();
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let staff_options = db::staff::list_all(&app.pool)
        .await?
        .into_iter()
        .map(|s| (s.staff_user_id.to_string(), s.name))
        .chain(std::iter::once(("none".to_owned(), ctx.t("staff-unassigned"))))
        .collect();
    let page_view = ListPage {
        pathways: Pathway::ALL
            .iter()
            .map(|p| (p.code().to_owned(), ctx.t(prescreen::pathway_key(*p))))
            .collect(),
        statuses: status_options(&ctx),
        outcomes: outcome_options(&ctx),
        staff_options,
        query: query_string(&filters, None),
        prev_url: (page > 1).then(|| format!("/staff/applications?{}", query_string(&filters, Some(page - 1)))),
        next_url: (page < pages).then(|| format!("/staff/applications?{}", query_string(&filters, Some(page + 1)))),
        no_errors: Default::default(),
        ctx,
        staff: Some(staff),
        filters,
        rows,
        total,
        page,
        pages,
    };
    html(StatusCode::OK, &page_view)
}

/// The current filter's applications as CSV (at most 100,000 rows), recorded in the audit log.
pub async fn export(staff: CurrentStaff, app: App, filters: web::Query<Filters>) -> Result<HttpResponse, AppError> {
    let filters = filters.into_inner();
    let (rows, total) = applications::list(&app.pool, &filters, 100_000, 0).await?;
    let tz = app.settings.firm_time_zone;
    // Every cell quoted, formulas neutralised wherever a spreadsheet could split one off.
    let mut out = spreadsheet::writer();
    let header = [
        "reference",
        "name",
        "email",
        "pathway",
        "review_status",
        "prescreen_outcome",
        "submitted_at",
        "assigned_to",
        "consultation",
    ];
    out.write_record(header).map_err(anyhow::Error::from)?;
    for r in &rows {
        let time = |t: Option<chrono::DateTime<Utc>>| {
            t.map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default()
        };
        let record = [
            r.reference.clone().unwrap_or_default(),
            r.full_name.clone().unwrap_or_default(),
            r.email.clone().unwrap_or_default(),
            r.pathway.clone().unwrap_or_default(),
            r.review_status.as_str().to_owned(),
            r.prescreen_outcome.clone().unwrap_or_default(),
            time(r.submitted_at),
            r.assigned_name.clone().unwrap_or_default(),
            time(r.slot_start),
        ];
        spreadsheet::record(&mut out, &record).map_err(anyhow::Error::from)?;
    }
    let body = out.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))?;
    let mut conn = app.pool.acquire().await?;
    db::audit::record(
        &mut conn,
        &NewAuditEvent {
            staff_user_id: Some(staff.id),
            action: "export.csv",
            subject_type: Some("application"),
            subject_id: None,
            before: None,
            after: None,
            detail: Some(json!({ "filters": filters.for_the_record(), "rows": rows.len(), "matching": total })),
            source_address: None,
        },
    )
    .await?;
    let name = format!(
        "applications-{}.csv",
        Utc::now().with_timezone(&tz).format("%Y%m%d-%H%M")
    );
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{name}\"")))
        .body(body))
}

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
    pub booking_active: bool,
    pub free_slots: Vec<(String, String)>,
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
) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path)?;
    let a = applications::detail(&app.pool, id).await?.ok_or(AppError::NotFound)?;
    let lang = ctx.lang;
    let tz = app.settings.firm_time_zone;
    let fmt = |t: chrono::DateTime<Utc>| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    let answers = &a.answers.0;
    let pathway = a.pathway.as_deref().and_then(Pathway::from_code);

    let stored = a.prescreen.as_ref().map(|p| p.0.clone()).unwrap_or_default();
    let today = Utc::now().with_timezone(&tz).date_naive();
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

    let booking = db::bookings::latest_for_application(&app.pool, id).await?;
    let (slot_firm, slot_applicant, mode, booking_active) = match &booking {
        Some(b) => {
            let zone: Tz = b.time_zone.parse().unwrap_or(tz);
            let active = b.status == BookingStatus::Active;
            let mark = if active {
                String::new()
            } else {
                format!(" – {}", lang.t("manage-status-cancelled"))
            };
            (
                format!("{}{mark}", slot_in(lang, b.starts_at, b.ends_at, tz)),
                slot_in(lang, b.starts_at, b.ends_at, zone),
                mode_text(lang, &b.consultation_mode),
                active,
            )
        }
        None => Default::default(),
    };
    let free_slots = if booking_active {
        let b = booking.as_ref().expect("active booking");
        Availability::load(&app)
            .await?
            .without(b.starts_at, b.ends_at)
            .free(Utc::now())
            .into_iter()
            .take(60)
            .map(|s| (s.id(), slot_in(lang, s.start, s.end, tz)))
            .collect()
    } else {
        Vec::new()
    };

    let sections = pathway
        .map(|p| {
            let flow = Flow::of(p);
            flow.applicable(answers)
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
                                .map(|v| display_answer(lang, f, v))
                                .unwrap_or_else(|| lang.t("not-provided")),
                        })
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default();

    let history = db::status_changes::of_application(&app.pool, id)
        .await?
        .into_iter()
        .map(|h| {
            (
                fmt(h.at),
                h.staff_name.unwrap_or_default(),
                lang.t(&h.from_status.i18n_key()),
                lang.t(&h.to_status.i18n_key()),
            )
        })
        .collect();
    let staff_list = db::staff::list_all(&app.pool).await?;
    let assigned = a
        .assigned_to
        .and_then(|s| {
            staff_list
                .iter()
                .find(|x| x.staff_user_id == s)
                .map(|x| x.staff_user_id.to_string())
        })
        .unwrap_or_default();
    let staff_options = staff_list
        .iter()
        .filter(|s| s.active)
        .map(|s| (s.staff_user_id.to_string(), s.name.clone()))
        .collect();
    let notes = db::notes::of_application(&app.pool, id)
        .await?
        .into_iter()
        .map(|n| (fmt(n.created_at), n.staff_name.unwrap_or_default(), n.body))
        .collect();
    let emails = db::outbox::of_application(&app.pool, id)
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
            when: fmt(e.sent_at.unwrap_or(e.next_attempt_at)),
        })
        .collect();
    let audit = db::audit::for_subject(&app.pool, "application", &id.to_string())
        .await?
        .into_iter()
        .map(|e| AuditView {
            at: fmt(e.at),
            who: e.staff_name.unwrap_or_default(),
            action: e.action,
            detail: e.after.map(|v| v.to_string()).unwrap_or_default(),
        })
        .collect();

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
        summary,
        groups,
        wage_line,
        others,
        slot_firm,
        slot_applicant,
        mode,
        booking_active,
        free_slots,
        sections,
        review_status: a.review_status.as_str().to_owned(),
        statuses: status_options(&ctx),
        history,
        assigned,
        staff_options,
        notes,
        emails,
        audit,
        erased: a.erased_at.is_some(),
        is_admin: staff.is_admin(),
        name_mixed_scripts: a.full_name.as_deref().is_some_and(mixed_scripts),
        ctx,
        staff: Some(staff),
    };
    html(StatusCode::OK, &page)
}

fn back(id: Uuid, anchor: &str) -> HttpResponse {
    see_other(&format!("/staff/applications/{id}#{anchor}"))
}

async fn audit(
    conn: &mut sqlx::PgConnection,
    staff: &CurrentStaff,
    action: &'static str,
    id: Uuid,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), AppError> {
    super::audit(conn, staff, action, "application", Some(id), (before, after)).await
}

#[derive(serde::Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    review_status: String,
}

pub async fn set_status(
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    form: web::Form<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path)?;
    let to = ReviewStatus::parse(&form.review_status).ok_or(AppError::BadRequest)?;
    let mut tx = app.pool.begin().await?;
    let mut cancelled = false;
    if let Some(from) = applications::set_status(&mut tx, id, to, staff.id).await? {
        audit(
            &mut tx,
            &staff,
            "application.status",
            id,
            Some(json!({ "review_status": from })),
            Some(json!({ "review_status": to })),
        )
        .await?;
        // Spam and declined applications do not keep a consultation: the slot is freed. The
        // applicant is told of a decline, never of being taken for spam.
        let notify = match to {
            ReviewStatus::Declined => Some(Notify::Applicant),
            ReviewStatus::Spam => Some(Notify::Nobody),
            _ => None,
        };
        if let Some(notify) = notify {
            cancelled = cancel_and_record(&mut tx, &app, &staff, id, notify, to.as_str()).await?;
        }
    }
    tx.commit().await?;
    if cancelled {
        app.metrics.booking(BookingEvent::Cancelled);
    }
    Ok(back(id, "status"))
}

/// Cancels the application's booking to come (see `booking::cancel_for_firm`) and records it in the
/// audit log with why (`via`) and whether the applicant was emailed. True when there was one.
pub async fn cancel_and_record(
    conn: &mut sqlx::PgConnection,
    app: &AppContext,
    staff: &CurrentStaff,
    id: Uuid,
    notify: Notify,
    via: &str,
) -> Result<bool, AppError> {
    let Some(row) = booking::cancel_for_firm(conn, &app.settings, id, notify).await? else {
        return Ok(false);
    };
    audit(
        conn,
        staff,
        "booking.cancel",
        id,
        Some(json!({ "booking_id": row.booking_id, "starts_at": row.starts_at, "status": BookingStatus::Active })),
        Some(
            json!({ "status": BookingStatus::Cancelled, "via": via, "applicant_emailed": notify == Notify::Applicant }),
        ),
    )
    .await?;
    Ok(true)
}

#[derive(serde::Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    assigned_to: String,
}

pub async fn assign(
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    form: web::Form<AssignForm>,
) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path)?;
    let to = match form.assigned_to.as_str() {
        "" => None,
        raw => {
            let uid = Uuid::parse_str(raw).map_err(|_| AppError::BadRequest)?;
            let member = db::staff::find_by_id(&app.pool, uid)
                .await?
                .filter(|s| s.active)
                .ok_or(AppError::BadRequest)?;
            Some(member.staff_user_id)
        }
    };
    let mut tx = app.pool.begin().await?;
    let Some(before) = applications::assign(&mut tx, id, to).await? else {
        return Err(AppError::NotFound);
    };
    if before != to {
        audit(
            &mut tx,
            &staff,
            "application.assign",
            id,
            Some(json!({ "assigned_to": before })),
            Some(json!({ "assigned_to": to })),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(back(id, "assign"))
}

#[derive(serde::Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    body: String,
}

pub async fn add_note(
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    form: web::Form<NoteForm>,
) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path)?;
    let body = crate::web::forms::clean_text(&form.body, true);
    if body.is_empty() || body.chars().count() > 10_000 {
        return Err(AppError::BadRequest);
    }
    applications::detail(&app.pool, id).await?.ok_or(AppError::NotFound)?;
    let mut tx = app.pool.begin().await?;
    let note_id = db::notes::add(&mut tx, id, staff.id, &body).await?;
    audit(
        &mut tx,
        &staff,
        "application.note",
        id,
        None,
        Some(json!({ "note_id": note_id })),
    )
    .await?;
    tx.commit().await?;
    Ok(back(id, "notes"))
}

pub async fn resend(
    staff: CurrentStaff,
    app: App,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path.0)?;
    let email = super::parse_id(&path.1)?;
    let mut tx = app.pool.begin().await?;
    // Rendered afresh from the application as it is now; nothing sent: nothing changed.
    if let Some(resent) = booking::resend::resend(&mut tx, &app.pool, &app.settings, id, email).await? {
        audit(
            &mut tx,
            &staff,
            "email.resend",
            id,
            None,
            Some(json!({ "email_outbox_id": email, "sent": resent.kind() })),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(back(id, "emails"))
}

/// The active booking with a new manage link (the old one is revoked): staff changes email the
/// applicant a link that works.
async fn active_booking(
    app: &App,
    conn: &mut sqlx::PgConnection,
    id: Uuid,
) -> Result<(db::bookings::BookingRow, String), AppError> {
    let row = db::bookings::latest_for_application(&app.pool, id)
        .await?
        .filter(|b| b.status == BookingStatus::Active)
        .ok_or(AppError::BadRequest)?;
    let token = random_token();
    db::bookings::rotate_manage_token(conn, row.booking_id, &token_hash(&token)).await?;
    let url = format!("{}/{}/booking/{token}", app.settings.base_url, row.language);
    Ok((row, url))
}

pub async fn cancel_booking(staff: CurrentStaff, app: App, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path)?;
    let mut tx = app.pool.begin().await?;
    if !cancel_and_record(&mut tx, &app, &staff, id, Notify::Applicant, "single").await? {
        return Err(AppError::BadRequest);
    }
    tx.commit().await?;
    app.metrics.booking(BookingEvent::Cancelled);
    Ok(back(id, "booking"))
}

#[derive(serde::Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    slot: String,
}

pub async fn move_booking(
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let id = super::parse_id(&path)?;
    let start = Slot::parse_id(&form.slot).ok_or(AppError::BadRequest)?;
    let mut tx = app.pool.begin().await?;
    let (row, manage) = active_booking(&app, &mut tx, id).await?;
    let availability = Availability::load(&app).await?.without(row.starts_at, row.ends_at);
    let slot = availability.free_at(Utc::now(), start).ok_or(AppError::BadRequest)?;
    let sequence = match db::bookings::reschedule(
        &mut tx,
        row.booking_id,
        slot.start,
        slot.end,
        availability.buffer_minutes,
    )
    .await
    {
        Ok(Some(sequence)) => sequence,
        Ok(None) => return Ok(back(id, "booking")),
        Err(e) if db::bookings::is_slot_taken(&e) => return Err(AppError::BadRequest),
        Err(e) => return Err(e.into()),
    };
    let mut moved = row.clone();
    moved.starts_at = slot.start;
    moved.ends_at = slot.end;
    moved.ics_sequence = sequence;
    let view = booking::view(&moved, &manage).ok_or(AppError::BadRequest)?;
    let staff_url = format!("{}/staff/applications/{id}", app.settings.base_url);
    booking::enqueue_rescheduled(&mut tx, &app.settings, &view, (row.starts_at, row.ends_at), &staff_url).await?;
    audit(
        &mut tx,
        &staff,
        "booking.move",
        id,
        Some(json!({ "starts_at": row.starts_at })),
        Some(json!({ "starts_at": slot.start })),
    )
    .await?;
    tx.commit().await?;
    app.metrics.booking(BookingEvent::Moved);
    Ok(back(id, "booking"))
}

/// Erases the applicant's personal data, and what else is about them (admins; see `crate::erasure`).
/// The audit log keeps that it happened.
pub async fn erase(staff: CurrentStaff, app: App, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = super::parse_id(&path)?;
    let mut tx = app.pool.begin().await?;
    let erased = crate::erasure::erase_application(&mut tx, &app.settings, id).await?;
    if erased {
        audit(&mut tx, &staff, "application.erase", id, None, None).await?;
    }
    tx.commit().await?;
    if erased {
        crate::erasure::logged(id);
    }
    Ok(back(id, "privacy"))
}
