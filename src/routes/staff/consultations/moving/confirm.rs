//! The second and third steps of a move: the picker's form (navigation, or a chosen time that
//! asks for confirmation) and the confirmed move.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use chrono_tz::Tz;

use super::{
    applicant_slot, application_url, chosen, current, error, fields, load, move_url, nothing_to_move, refused, want,
};
use crate::{
    auth::CurrentStaff,
    booking::{self, By, MoveTo, Refusal},
    context::App,
    db,
    error::AppError,
    i18n::when,
    routes::staff::consultations::first,
    slots::Slot,
    web::{forms::clean_text, html, page::PageCtx, see_other, slot_picker::Nav},
};

/// The longest reason kept, in characters (as on the applicant's manage page).
const REASON_MAX: usize = 1000;

#[derive(Template)]
#[template(path = "staff/move_confirm.html")]
pub struct ConfirmPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub id: String,
    /// The applicant's name, for the title.
    pub name: String,
    /// "Move Ana López's consultation from ... with ... to ... with ...?"
    pub question: String,
    /// The new time in the applicant's zone.
    pub applicant_slot: String,
    pub slot: String,
    /// Who will have it: the consultant the confirmed form names.
    pub consultant: String,
    /// The picker again, at the chosen day and consultant.
    pub back: String,
}

/// The picker's form: a navigation button (a week, a day, night hours, another consultant) comes
/// back to the picker; a chosen time asks for confirmation.
pub async fn choose(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let id = crate::routes::staff::parse_id(&path)?;
    let Some((row, schedule)) = load(&app, id).await? else {
        return Ok(nothing_to_move(id));
    };
    let form = fields(&body);
    let pairs = form.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    let nav = Nav::from_pairs(pairs.clone());
    let consultant = chosen(&schedule, &row, first(&form, "consultant"));
    if Nav::is_navigation(pairs) {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Ok(Some(c)) = consultant {
            query.append_pair("consultant", &c.to_string());
        }
        let query = [query.finish(), nav.query()]
            .into_iter()
            .filter(|q| !q.is_empty())
            .collect::<Vec<_>>()
            .join("&");
        let sep = if query.is_empty() { "" } else { "?" };
        return Ok(see_other(&format!("{}{sep}{query}#picker", move_url(id))));
    }
    let Ok(consultant) = consultant else {
        let errors = error("consultant", "err-move-consultant");
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return refused(ctx, staff, &app, &row, &schedule, None, nav, errors, status);
    };
    let Some(start) = first(&form, "slot").and_then(Slot::parse_id) else {
        let errors = error("slot", "err-choose-slot");
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return refused(ctx, staff, &app, &row, &schedule, consultant, nav, errors, status);
    };
    let now = Utc::now();
    let Some(free) = schedule.free_at(now, start, &want(&row, consultant)) else {
        let errors = error("slot", "err-slot-taken");
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return refused(ctx, staff, &app, &row, &schedule, consultant, nav, errors, status);
    };
    // Who will have it, as `booking::reschedule` chooses: the same consultant when free then,
    // otherwise the fairest of those free.
    let to = if free.consultants.contains(&row.consultant_id) {
        row.consultant_id
    } else {
        let (week_start, week_end) = booking::firm_week(app.settings.firm_time_zone, free.slot.start);
        let mut conn = app.pool.acquire().await?;
        db::bookings::fairest(&mut conn, &free.consultants, week_start, week_end)
            .await?
            .first()
            .copied()
            .ok_or(AppError::NotFound)?
    };
    let firm = app.settings.firm_time_zone;
    let zone: Tz = row.time_zone.parse().unwrap_or(firm);
    let current = current(&ctx, &app, &row);
    let to_name = schedule
        .consultant(to)
        .map(|c| c.display_name(&app.settings.firm_name).to_owned())
        .unwrap_or_default();
    let question = ctx.lang.t_args(
        "move-confirm-question",
        &[
            ("name", current.name.as_str()),
            ("from", current.slot.as_str()),
            ("from_with", current.with.as_str()),
            ("to", &when::slot(ctx.lang, free.slot.start, free.slot.end, firm)),
            ("to_with", &to_name),
        ],
    );
    let mut back = form_urlencoded::Serializer::new(String::new());
    if let Some(c) = consultant {
        back.append_pair("consultant", &c.to_string());
    }
    back.append_pair("day", &free.slot.start.with_timezone(&firm).date_naive().to_string());
    let page = ConfirmPage {
        id: id.to_string(),
        name: current.name.clone(),
        question,
        applicant_slot: applicant_slot(&ctx, zone, free.slot.start, free.slot.end),
        slot: free.slot.id(),
        consultant: to.to_string(),
        back: format!("{}?{}#picker", move_url(id), back.finish()),
        ctx,
        staff: Some(staff),
    };
    html(StatusCode::OK, &page)
}

/// The confirmed move: the consultation goes to the time and consultant confirmed, the applicant is
/// emailed (with the reason given), the consultants and the firm notified; then the application's
/// page says so.
pub async fn confirmed(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let id = crate::routes::staff::parse_id(&path)?;
    let Some((row, schedule)) = load(&app, id).await? else {
        return Ok(nothing_to_move(id));
    };
    let form = fields(&body);
    let start = first(&form, "slot").and_then(Slot::parse_id);
    let firm = app.settings.firm_time_zone;
    let nav = Nav {
        day: start.map(|s| s.with_timezone(&firm).date_naive()),
        ..Nav::default()
    };
    let Ok(consultant) = chosen(&schedule, &row, first(&form, "consultant")) else {
        let errors = error("consultant", "err-move-consultant");
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return refused(ctx, staff, &app, &row, &schedule, None, nav, errors, status);
    };
    let Some(start) = start else {
        let errors = error("slot", "err-choose-slot");
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return refused(ctx, staff, &app, &row, &schedule, consultant, nav, errors, status);
    };
    let reason: String = clean_text(first(&form, "reason").unwrap_or_default(), true)
        .chars()
        .take(REASON_MAX)
        .collect();
    let to = MoveTo { start, consultant };
    let status = match booking::reschedule(&app, &row, to, By::Staff { id: staff.id }, &reason).await? {
        Ok(_) => return Ok(see_other(&format!("{}?done=moved#booking", application_url(id)))),
        Err(Refusal::NotActive) => return Ok(nothing_to_move(id)),
        Err(Refusal::SlotTaken) => StatusCode::CONFLICT,
        Err(Refusal::SlotNotFree | Refusal::PastCutoff) => StatusCode::UNPROCESSABLE_ENTITY,
    };
    // The schedule as it is now, with whatever took the time.
    let Some((row, schedule)) = load(&app, id).await? else {
        return Ok(nothing_to_move(id));
    };
    let errors = error("slot", "err-slot-taken");
    refused(ctx, staff, &app, &row, &schedule, consultant, nav, errors, status)
}
