//! `/staff/applications/{id}/booking/move`: staff move a consultation to another time, or give it
//! to another consultant, in three steps, nothing chosen for them: the date-first picker in the
//! firm's zone with a consultant to choose ("the same one if free, otherwise any suitable one", or
//! one by name); a confirmation page saying what will happen ("Move Ana's consultation from ... with
//! ... to ... with ...?") with a reason for the applicant's email; then the move itself
//! (`booking::reschedule`), back to the application's page with a banner. A time taken meanwhile
//! brings the picker back with the refusal.

mod confirm;

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use chrono_tz::Tz;
use uuid::Uuid;

pub use confirm::{choose, confirmed};

use super::first;
use crate::{
    auth::CurrentStaff,
    booking::{self, Host, Schedule, Want, language_text, mode_text},
    context::{App, AppContext},
    db::{self, bookings::BookingRow},
    error::AppError,
    i18n::{when, zone_name::zone_name},
    web::{
        forms::FormErrors,
        html,
        page::PageCtx,
        see_other,
        slot_picker::{self, Nav, Picker},
    },
};

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
    let id = crate::routes::staff::parse_id(&path)?;
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
