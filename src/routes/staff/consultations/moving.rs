//! `/staff/applications/{id}/booking/move`: staff move a consultation to another time, or give it
//! to another consultant, in three steps, nothing chosen for them: the date-first picker in the
//! firm's zone with a consultant to choose ("the same one if free, otherwise any suitable one", or
//! one by name); a confirmation page saying what will happen ("Move Ana's consultation from ... with
//! ... to ... with ...?") with a reason for the applicant's email; then the move itself
//! (`booking::reschedule`), back to the application's page with a banner. A time taken meanwhile
//! brings the picker back with the refusal.

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use chrono_tz::Tz;
use uuid::Uuid;

use super::first;
use crate::{
    auth::CurrentStaff,
    booking::{self, By, Host, MoveTo, Refusal, Schedule, Want, language_text, mode_text},
    context::{App, AppContext},
    db::{self, bookings::BookingRow},
    error::AppError,
    i18n::{when, zone_name::zone_name},
    slots::Slot,
    web::{
        forms::{FormErrors, clean_text},
        html,
        page::PageCtx,
        see_other,
        slot_picker::{self, Nav, Picker},
    },
};

/// The longest reason kept, in characters (as on the applicant's manage page).
const REASON_MAX: usize = 1000;

/// The consultant choice meaning "the same one if free, otherwise any suitable one".
const ANY: &str = "any";

/// The consultation as it stands, for both pages.
pub struct Current {
    pub reference: String,
    pub name: String,
    /// In the firm's zone.
    pub slot: String,
    /// In the applicant's zone, with its name.
    pub applicant_slot: String,
    pub with: String,
    pub mode: String,
    pub language: String,
}

#[derive(Template)]
#[template(path = "staff/move.html")]
pub struct MovePage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub id: String,
    pub current: Current,
    /// `(any, "The same consultant if free, ...")`, then each suitable consultant: (value, name).
    pub consultants: Vec<(String, String)>,
    pub consultant: String,
    pub picker: Picker,
    pub errors: FormErrors,
}

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

fn application_url(id: Uuid) -> String {
    format!("/staff/applications/{id}")
}

fn move_url(id: Uuid) -> String {
    format!("/staff/applications/{id}/booking/move")
}

/// The application's active consultation and the schedule without it, or `None` when it has none
/// (cancelled meanwhile, say).
async fn load(app: &AppContext, id: Uuid) -> Result<Option<(BookingRow, Schedule)>, AppError> {
    let Some(row) = db::bookings::latest_for_application(&app.pool, id)
        .await?
        .filter(booking::is_active)
    else {
        return Ok(None);
    };
    let schedule = Schedule::load(app).await?.without(row.booking_id);
    Ok(Some((row, schedule)))
}

/// Back to the application's page: there is nothing to move.
fn nothing_to_move(id: Uuid) -> HttpResponse {
    see_other(&format!("{}#booking", application_url(id)))
}

/// Who may take the consultation: speaking its language, taking its pathway, and `consultant` when
/// one is named.
fn want(row: &BookingRow, consultant: Option<Uuid>) -> Want<'_> {
    Want {
        language: Some(&row.consultation_language),
        pathway: row.pathway.as_deref(),
        consultant,
    }
}

/// The consultant choice: `None` for "the same if free, otherwise any"; `Err` for anything but that
/// or a suitable active consultant's id.
fn chosen(schedule: &Schedule, row: &BookingRow, value: Option<&str>) -> Result<Option<Uuid>, ()> {
    match value {
        None | Some("" | ANY) => Ok(None),
        Some(raw) => {
            let id = Uuid::parse_str(raw).map_err(drop)?;
            let all = want(row, None);
            schedule
                .consultants()
                .any(|c| {
                    c.consultant_id == id
                        && all.language.is_none_or(|l| c.speaks(l))
                        && all.pathway.is_none_or(|p| c.takes(p))
                })
                .then_some(Some(id))
                .ok_or(())
        }
    }
}

fn current(ctx: &PageCtx, app: &AppContext, row: &BookingRow) -> Current {
    let firm = app.settings.firm_time_zone;
    let zone: Tz = row.time_zone.parse().unwrap_or(firm);
    Current {
        reference: row.reference.clone().unwrap_or_default(),
        name: row.full_name.clone().unwrap_or_default(),
        slot: when::slot(ctx.lang, row.starts_at, row.ends_at, firm),
        applicant_slot: applicant_slot(ctx, zone, row.starts_at, row.ends_at),
        with: Host::of_row(row).display(&app.settings).to_owned(),
        mode: mode_text(ctx.lang, &row.consultation_mode),
        language: language_text(ctx.lang, &row.consultation_language),
    }
}

fn applicant_slot(ctx: &PageCtx, zone: Tz, start: chrono::DateTime<Utc>, end: chrono::DateTime<Utc>) -> String {
    format!(
        "{}, {} ({})",
        when::date(ctx.lang, start.with_timezone(&zone).date_naive()),
        when::time_range(ctx.lang, start, end, zone),
        zone_name(ctx.lang, zone, start)
    )
}

/// The picker page.
#[allow(clippy::too_many_arguments)]
fn page(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    row: &BookingRow,
    schedule: &Schedule,
    consultant: Option<Uuid>,
    nav: Nav,
    errors: FormErrors,
) -> MovePage {
    let firm = app.settings.firm_time_zone;
    let now = Utc::now();
    let free = schedule.free(now, &want(row, consultant));
    let all = want(row, None);
    let mut consultants = vec![(ANY.to_owned(), ctx.t("move-consultant-same-or-any"))];
    consultants.extend(
        schedule
            .consultants()
            .filter(|c| all.language.is_none_or(|l| c.speaks(l)) && all.pathway.is_none_or(|p| c.takes(p)))
            .map(|c| {
                let name = c.display_name(&app.settings.firm_name);
                let text = if c.consultant_id == row.consultant_id {
                    ctx.t1("move-consultant-current", "name", name)
                } else {
                    name.to_owned()
                };
                (c.consultant_id.to_string(), text)
            }),
    );
    MovePage {
        id: row.application_id.to_string(),
        current: current(&ctx, app, row),
        consultants,
        consultant: consultant.map_or_else(|| ANY.to_owned(), |c| c.to_string()),
        picker: slot_picker::picker(ctx.lang, &free, firm, firm, nav, "", now),
        errors,
        ctx,
        staff: Some(staff),
    }
}

/// The picker, with no time chosen.
pub async fn show(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let id = super::super::parse_id(&path)?;
    let Some((row, schedule)) = load(&app, id).await? else {
        return Ok(nothing_to_move(id));
    };
    let query: Vec<(String, String)> = form_urlencoded::parse(req.query_string().as_bytes())
        .into_owned()
        .collect();
    let consultant = chosen(&schedule, &row, first(&query, "consultant")).unwrap_or(None);
    let nav = Nav::from_pairs(query.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    let page = page(
        ctx,
        staff,
        &app,
        &row,
        &schedule,
        consultant,
        nav,
        FormErrors::default(),
    );
    html(StatusCode::OK, &page)
}

/// The form's fields, decoded (the first of each name counts).
fn fields(body: &[u8]) -> Vec<(String, String)> {
    crate::questionnaire::validate::decode_form(body)
        .into_iter()
        .filter_map(|(n, v)| Some((n, v?)))
        .collect()
}

/// The picker again, with `errors` and the chosen day open.
#[allow(clippy::too_many_arguments)]
fn refused(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    row: &BookingRow,
    schedule: &Schedule,
    consultant: Option<Uuid>,
    nav: Nav,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    html(status, &page(ctx, staff, app, row, schedule, consultant, nav, errors))
}

fn error(field: &'static str, key: &'static str) -> FormErrors {
    let mut errors = FormErrors::default();
    errors.add(field, key);
    errors
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
    let id = super::super::parse_id(&path)?;
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
    let id = super::super::parse_id(&path)?;
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
