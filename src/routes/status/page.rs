//! The status page itself, the copy of the data, and the way to the change-or-cancel page.

use actix_session::Session;

use super::signed_in;
use actix_web::{HttpResponse, http::StatusCode, http::header};
use askama::Template;
use chrono::Utc;

use crate::{
    booking,
    context::{App, AppContext},
    db::{self, status::StatusRow},
    domain::{
        answers::Answers,
        pathway::Pathway,
        status::{BookingStatus, ReviewStatus},
    },
    error::AppError,
    i18n::{Lang, when},
    questionnaire::{Flow, display},
    routes::manage::Summary,
    web::{html, page::PageCtx, see_other},
};

/// The status page, signed in.
#[derive(Template)]
#[template(path = "status/page.html")]
pub struct StatusPage {
    pub ctx: PageCtx,
    pub reference: String,
    pub pathway: String,
    pub submitted: String,
    /// The message key of where the request stands, in plain words.
    pub stage: &'static str,
    pub consultation: Option<Summary>,
    /// The consultation is ahead and can be changed or cancelled here.
    pub can_change: bool,
    /// A new consultation can be booked (the last one was cancelled).
    pub rebook: bool,
    pub emails: Vec<(String, String)>,
}

/// Where the request stands, in the applicant's words.
fn stage(row: &StatusRow, booking: Option<&db::bookings::BookingRow>) -> &'static str {
    let review = ReviewStatus::ALL
        .into_iter()
        .find(|s| s.as_str() == row.review_status)
        .unwrap_or(ReviewStatus::New);
    match (review, booking.map(|b| (b.status, b.starts_at > Utc::now()))) {
        (ReviewStatus::Retained, _) => "status-stage-retained",
        (ReviewStatus::ConsultationHeld, _) => "status-stage-held",
        (ReviewStatus::Declined | ReviewStatus::NoShow | ReviewStatus::Spam, _) => "status-stage-closed",
        (_, Some((BookingStatus::Active, true))) => "status-stage-booked",
        (_, Some((BookingStatus::Active, false))) => "status-stage-after",
        (_, Some(_)) => "status-stage-cancelled",
        (_, None) => "status-stage-received",
    }
}

pub(super) async fn status_page(ctx: PageCtx, app: &AppContext, row: StatusRow) -> Result<HttpResponse, AppError> {
    let booking = db::bookings::latest_for_application(&app.pool, row.application_id).await?;
    let stage = stage(&row, booking.as_ref());
    let active = booking.as_ref().is_some_and(|b| b.status == BookingStatus::Active);
    let ahead = booking.as_ref().is_some_and(|b| b.starts_at > Utc::now());
    let address = row
        .answers
        .get("email")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_owned();
    let emails = db::status::emails_to(&app.pool, row.application_id, &address)
        .await?
        .into_iter()
        .filter(|e| !e.subject.is_empty())
        .map(|e| {
            let zone = app.settings.firm_time_zone;
            (
                e.subject,
                when::date(ctx.lang, e.created_at.with_timezone(&zone).date_naive()),
            )
        })
        .collect();
    let page = StatusPage {
        reference: row.reference.clone(),
        pathway: pathway_name(ctx.lang, row.pathway.as_deref()),
        submitted: row
            .submitted_at
            .map(|t| when::date(ctx.lang, t.with_timezone(&app.settings.firm_time_zone).date_naive()))
            .unwrap_or_default(),
        stage,
        consultation: booking.as_ref().filter(|_| active).map(|b| Summary::of(&ctx, app, b)),
        can_change: active && ahead,
        rebook: booking.as_ref().is_some_and(|b| b.status != BookingStatus::Active),
        emails,
        ctx,
    };
    html(StatusCode::OK, &page)
}

fn pathway_name(lang: Lang, code: Option<&str>) -> String {
    code.and_then(Pathway::from_code)
        .map(|p| lang.t(crate::prescreen::pathway_key(p)))
        .unwrap_or_default()
}

/// A copy of the applicant's data: the answers under their questions, the consultation, the
/// emails sent to them. No staff notes, no internal history.
pub async fn download(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let Some(row) = signed_in(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/status")));
    };
    let lang = ctx.lang;
    let answers: Answers = serde_json::from_value(row.answers.clone()).unwrap_or_default();
    let flow = row.pathway.as_deref().and_then(Pathway::from_code).map(Flow::of);
    let mut listed = Vec::new();
    for (name, value) in &answers.0 {
        let field = flow
            .as_ref()
            .and_then(|f| f.fields().find(|(_, f)| f.name == name.as_str()).map(|(_, f)| f));
        let question = lang.t(&format!("q-{name}"));
        let shown = match field {
            Some(field) => display::answer(lang, field, value),
            None => value.as_str().map_or_else(|| value.to_string(), str::to_owned),
        };
        listed.push(serde_json::json!({ "field": name, "question": question, "answer": shown }));
    }
    let booking = db::bookings::latest_for_application(&app.pool, row.application_id).await?;
    let address = answers.str("email").unwrap_or_default().to_owned();
    let emails = db::status::emails_to(&app.pool, row.application_id, &address).await?;
    let data = serde_json::json!({
        "firm": app.settings.firm_name,
        "reference": row.reference,
        "pathway": row.pathway,
        "submitted_at": row.submitted_at,
        "answers": listed,
        "consultation": booking.map(|b| serde_json::json!({
            "starts_at": b.starts_at,
            "ends_at": b.ends_at,
            "time_zone": b.time_zone,
            "mode": b.consultation_mode,
            "language": b.consultation_language,
            "status": b.status.as_str(),
        })),
        "emails_sent_to_you": emails,
    });
    let body = serde_json::to_string_pretty(&data).map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(HttpResponse::Ok()
        .content_type("application/json; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{}.json\"",
                row.reference
                    .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "")
            ),
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

/// Opens the page that changes or cancels the consultation, with a new link (the one in the
/// confirmation email stops working: one link at a time).
pub async fn manage(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let Some(row) = signed_in(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/status")));
    };
    let mut tx = app.pool.begin().await?;
    let Some(booking) = db::bookings::active_future_for_update(&mut tx, row.application_id).await? else {
        tx.rollback().await?;
        return Ok(see_other(&ctx.url("/status")));
    };
    let link = booking::renew_manage_link(&mut tx, &app.settings, &booking).await?;
    tx.commit().await?;
    let path = link.strip_prefix(&app.settings.base_url).unwrap_or(&link).to_owned();
    Ok(see_other(&path))
}
