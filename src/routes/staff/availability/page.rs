//! The availability page: the stored settings, hours, closures and statutory holidays, the forms,
//! and a preview of the next free times, all from one read of the firm's schedule. On a
//! consultant's calendar, their own hours (or a note that they follow the firm's), their time off,
//! and their next free times.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use super::{
    forms::{ExceptionInput, RuleInput, SettingsInput},
    holidays::{easter_name, easter_options, jurisdiction_name, options, place},
};
use crate::{
    auth::CurrentStaff,
    booking::{Schedule, Want},
    context::{App, AppContext},
    error::AppError,
    holidays,
    i18n::{Lang, when},
    web::{forms::FormErrors, html, page::PageCtx},
};

/// How many free slots the preview shows.
const PREVIEW_SLOTS: usize = 20;

// ---------------------------------------------------------------------------------------------
// The page.

pub struct RuleView {
    pub id: String,
    pub day: String,
    pub start: String,
    pub end: String,
}

pub struct ExceptionView {
    pub id: String,
    pub day: String,
    pub date: String,
    /// Empty: the whole day.
    pub times: String,
    pub label: String,
}

pub struct SlotView {
    /// The firm-local date, `YYYY-MM-DD`.
    pub date: String,
    pub minutes: i64,
    pub text: String,
}

/// The consultant whose calendar is shown.
pub struct CalendarView {
    pub id: String,
    pub name: String,
    pub url: String,
    /// They have no hours of their own: the firm's are theirs.
    pub follows_firm: bool,
}

/// A statutory holiday before the horizon.
pub struct HolidayView {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub day: String,
    pub name: String,
    pub reopened: bool,
}

#[derive(Template)]
#[template(path = "staff/availability.html")]
pub struct AvailabilityPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub is_admin: bool,
    pub firm_zone: String,
    /// The calendars to choose from: the firm's (value empty) and each consultant's.
    pub calendars: Vec<(String, String)>,
    /// `None`: the firm's hours and closures.
    pub consultant: Option<CalendarView>,
    /// (label key, value) of each setting, as stored.
    pub current: Vec<(&'static str, String)>,
    pub settings: SettingsInput,
    pub rule: RuleInput,
    pub exception: ExceptionInput,
    pub errors: FormErrors,
    pub rules: Vec<RuleView>,
    pub exceptions: Vec<ExceptionView>,
    pub slots: Vec<SlotView>,
    pub weekdays: Vec<(String, String)>,
    /// The "Statutory holidays of" choices: none, the federal list, each province and territory.
    pub holiday_options: Vec<(String, String)>,
    /// Quebec's Easter holiday: Good Friday, Easter Monday, both.
    pub easter_options: Vec<(String, String)>,
    /// The jurisdiction whose holidays close the firm, by name; empty when none.
    pub holidays_place: String,
    pub holidays: Vec<HolidayView>,
}

fn weekday_name(lang: Lang, weekday: i32) -> String {
    lang.t(&format!("weekday-{weekday}"))
}

/// What the form sections show besides the stored values: the input of a failed POST and its errors.
#[derive(Default)]
pub(super) struct Attempt {
    pub(super) settings: Option<SettingsInput>,
    pub(super) rule: RuleInput,
    pub(super) exception: ExceptionInput,
    pub(super) errors: FormErrors,
}

/// The page on `calendar` (a consultant's id; the firm's when `None`).
pub(super) async fn render(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    calendar: Option<Uuid>,
    attempt: Attempt,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let tz = app.settings.firm_time_zone;
    let now = Utc::now();
    let today = now.with_timezone(&tz).date_naive();
    // One read of the tables for the lists and the preview alike.
    let schedule = Schedule::load(app).await?;
    let stored = &schedule.stored;
    let consultant = match calendar {
        Some(id) => Some(schedule.consultant(id).ok_or(AppError::NotFound)?),
        None => None,
    };
    let rules: Vec<RuleView> = schedule
        .rule_rows
        .iter()
        .filter(|r| r.consultant_id == calendar)
        .map(|r| RuleView {
            id: r.availability_rule_id.to_string(),
            day: weekday_name(lang, r.weekday),
            start: when::time(lang, r.start_time),
            end: when::time(lang, r.end_time),
        })
        .collect();
    let consultant = consultant.map(|c| CalendarView {
        id: c.consultant_id.to_string(),
        name: c.display_name(&ctx.firm_name).to_owned(),
        url: format!("/staff/consultants/{}", c.consultant_id),
        follows_firm: rules.is_empty(),
    });
    let calendars = std::iter::once((String::new(), ctx.t("availability-calendar-firm")))
        .chain(schedule.calendars.iter().map(|c| {
            let c = &c.consultant;
            let name = c.display_name(&ctx.firm_name);
            let label = if c.active {
                name.to_owned()
            } else {
                lang.t_args("availability-calendar-inactive", &[("name", name)])
            };
            (c.consultant_id.to_string(), label)
        }))
        .collect();
    let exceptions = schedule
        .exception_rows
        .iter()
        .filter(|e| e.day >= today && e.consultant_id == calendar)
        .map(|e| ExceptionView {
            id: e.availability_exception_id.to_string(),
            day: when::date(lang, e.day),
            date: e.day.format("%Y-%m-%d").to_string(),
            times: match (e.start_time, e.end_time) {
                (Some(s), Some(t)) => format!("{}–{}", when::time(lang, s), when::time(lang, t)),
                _ => String::new(),
            },
            label: e.label.clone(),
        })
        .collect();
    let want = Want {
        consultant: calendar,
        ..Want::default()
    };
    let slots = schedule
        .free(now, &want)
        .into_iter()
        .take(PREVIEW_SLOTS)
        .map(|f| f.slot)
        .map(|s| SlotView {
            date: s.start.with_timezone(&tz).date_naive().format("%Y-%m-%d").to_string(),
            minutes: (s.end - s.start).num_minutes(),
            text: when::slot(lang, s.start, s.end, tz),
        })
        .collect();
    let holidays_place = place(lang, stored);
    let holidays = schedule
        .holidays
        .iter()
        .map(|h| HolidayView {
            date: h.date.format("%Y-%m-%d").to_string(),
            day: when::date(lang, h.date),
            name: holidays::name(lang, h.key),
            reopened: h.reopened,
        })
        .collect();
    let mut current = vec![
        (
            "availability-consultation-minutes",
            stored.consultation_minutes.to_string(),
        ),
        ("availability-buffer-minutes", stored.buffer_minutes.to_string()),
        ("availability-min-notice-hours", stored.min_notice_hours.to_string()),
        ("availability-horizon-days", stored.horizon_days.to_string()),
        ("availability-daily-cap", stored.daily_cap.to_string()),
        (
            "availability-cancel-cutoff-hours",
            stored.cancel_cutoff_hours.to_string(),
        ),
        (
            "availability-holidays",
            jurisdiction_name(lang, stored.holidays.as_deref().unwrap_or("none")),
        ),
    ];
    if stored.holidays.as_deref() == Some("QC") {
        current.push(("availability-quebec-easter", easter_name(lang, &stored.quebec_easter)));
    }
    let status = if attempt.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = AvailabilityPage {
        is_admin: staff.is_admin(),
        firm_zone: tz.name().to_owned(),
        calendars,
        consultant,
        current,
        settings: attempt.settings.unwrap_or_else(|| SettingsInput::from_settings(stored)),
        rule: attempt.rule,
        exception: attempt.exception,
        errors: attempt.errors,
        rules,
        exceptions,
        slots,
        weekdays: (1..=7).map(|d| (d.to_string(), weekday_name(lang, d))).collect(),
        holiday_options: options(lang),
        easter_options: easter_options(lang),
        holidays_place,
        holidays,
        ctx,
        staff: Some(staff),
    };
    html(status, &page)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ShowQuery {
    /// A consultant's id: their calendar; empty: the firm's.
    pub consultant: String,
}

pub async fn show(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, AppError> {
    let calendar = super::calendar(&app, &query.consultant).await?;
    render(ctx, staff, &app, calendar, Attempt::default()).await
}
