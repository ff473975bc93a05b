//! The availability page: the stored settings, hours and closures, the forms, and a preview of
//! the next free times, all from one read of the firm's schedule.

use actix_web::{HttpResponse, http::StatusCode};
use askama::Template;
use chrono::Utc;

use super::forms::{ExceptionInput, RuleInput, SettingsInput};
use crate::{
    auth::CurrentStaff,
    booking::Schedule,
    context::{App, AppContext},
    error::AppError,
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

#[derive(Template)]
#[template(path = "staff/availability.html")]
pub struct AvailabilityPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub is_admin: bool,
    pub firm_zone: String,
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

pub(super) async fn render(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    attempt: Attempt,
) -> Result<HttpResponse, AppError> {
    let lang = ctx.lang;
    let tz = app.settings.firm_time_zone;
    let now = Utc::now();
    let today = now.with_timezone(&tz).date_naive();
    // One read of the tables for the lists and the preview alike.
    let schedule = Schedule::load(app).await?;
    let stored = &schedule.stored;
    let rules = schedule
        .rule_rows
        .iter()
        .map(|r| RuleView {
            id: r.availability_rule_id.to_string(),
            day: weekday_name(lang, r.weekday),
            start: when::time(lang, r.start_time),
            end: when::time(lang, r.end_time),
        })
        .collect();
    let exceptions = schedule
        .exception_rows
        .iter()
        .filter(|e| e.day >= today)
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
    let slots = schedule
        .free(now, &crate::booking::Want::default())
        .into_iter()
        .take(PREVIEW_SLOTS)
        .map(|f| f.slot)
        .map(|s| SlotView {
            date: s.start.with_timezone(&tz).date_naive().format("%Y-%m-%d").to_string(),
            minutes: (s.end - s.start).num_minutes(),
            text: when::slot(lang, s.start, s.end, tz),
        })
        .collect();
    let current = vec![
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
    ];
    let status = if attempt.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = AvailabilityPage {
        is_admin: staff.is_admin(),
        firm_zone: tz.name().to_owned(),
        current,
        settings: attempt.settings.unwrap_or_else(|| SettingsInput::from_settings(stored)),
        rule: attempt.rule,
        exception: attempt.exception,
        errors: attempt.errors,
        rules,
        exceptions,
        slots,
        weekdays: (1..=7).map(|d| (d.to_string(), weekday_name(lang, d))).collect(),
        ctx,
        staff: Some(staff),
    };
    html(status, &page)
}

pub async fn show(ctx: PageCtx, staff: CurrentStaff, app: App) -> Result<HttpResponse, AppError> {
    render(ctx, staff, &app, Attempt::default()).await
}
