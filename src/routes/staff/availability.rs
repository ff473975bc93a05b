//! `/staff/availability`: the firm's booking settings, weekly opening hours, upcoming closures and
//! a preview of the next free slots, for every staff member; admins change them here. Times are
//! the firm's (`INTAKE_FIRM_TIME_ZONE`).

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::{NaiveDate, NaiveTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use crate::{
    auth::CurrentStaff,
    booking::Schedule,
    context::{App, AppContext},
    db::{self, availability::Settings},
    error::AppError,
    i18n::Lang,
    i18n::when,
    web::{
        forms::{FormErrors, Invalid, clean_text},
        html,
        page::PageCtx,
        see_other,
    },
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/availability", web::get().to(show))
        .route("/availability/settings", web::post().to(save_settings))
        .route("/availability/rules", web::post().to(add_rule))
        .route("/availability/rules/{id}/remove", web::post().to(remove_rule))
        .route("/availability/exceptions", web::post().to(add_exception))
        .route("/availability/exceptions/{id}/remove", web::post().to(remove_exception));
}

/// How many free slots the preview shows.
const PREVIEW_SLOTS: usize = 20;
/// Longest exception label (the table's check).
const MAX_LABEL_CHARS: usize = 200;

// ---------------------------------------------------------------------------------------------
// Forms: raw input, then parse.

/// The settings form; its fields are the settings row's columns.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SettingsInput {
    pub consultation_minutes: String,
    pub buffer_minutes: String,
    pub min_notice_hours: String,
    pub horizon_days: String,
    pub daily_cap: String,
    pub cancel_cutoff_hours: String,
}

/// Each setting: its field, its allowed range (the table's checks) and the message out of range.
const RANGES: [(&str, i32, i32, &str); 6] = [
    ("consultation_minutes", 10, 240, "err-consultation-minutes"),
    ("buffer_minutes", 0, 120, "err-buffer-minutes"),
    ("min_notice_hours", 0, 720, "err-min-notice-hours"),
    ("horizon_days", 1, 365, "err-horizon-days"),
    ("daily_cap", 1, 100, "err-daily-cap"),
    ("cancel_cutoff_hours", 0, 168, "err-cancel-cutoff-hours"),
];

fn in_range(raw: &str, min: i32, max: i32, key: &'static str) -> Result<i32, Invalid> {
    raw.trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or(Invalid(key))
}

impl SettingsInput {
    fn from_settings(s: &Settings) -> SettingsInput {
        SettingsInput {
            consultation_minutes: s.consultation_minutes.to_string(),
            buffer_minutes: s.buffer_minutes.to_string(),
            min_notice_hours: s.min_notice_hours.to_string(),
            horizon_days: s.horizon_days.to_string(),
            daily_cap: s.daily_cap.to_string(),
            cancel_cutoff_hours: s.cancel_cutoff_hours.to_string(),
        }
    }

    fn raw(&self, field: &str) -> &str {
        match field {
            "consultation_minutes" => &self.consultation_minutes,
            "buffer_minutes" => &self.buffer_minutes,
            "min_notice_hours" => &self.min_notice_hours,
            "horizon_days" => &self.horizon_days,
            "daily_cap" => &self.daily_cap,
            _ => &self.cancel_cutoff_hours,
        }
    }

    pub fn parse(&self) -> Result<Settings, FormErrors> {
        let mut errs = FormErrors::default();
        let values: Vec<Option<i32>> = RANGES
            .iter()
            .map(|(field, min, max, key)| errs.check(field, in_range(self.raw(field), *min, *max, key)))
            .collect();
        match values[..] {
            [Some(c), Some(b), Some(n), Some(h), Some(d), Some(x)] => Ok(Settings {
                consultation_minutes: c,
                buffer_minutes: b,
                min_notice_hours: n,
                horizon_days: h,
                daily_cap: d,
                cancel_cutoff_hours: x,
            }),
            _ => Err(errs),
        }
    }
}

/// A time typed as `HH:MM` (what `<input type="time">` sends), `None` when empty.
fn time(raw: &str) -> Result<Option<NaiveTime>, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let well_formed = raw.len() == 5 && raw.as_bytes()[2] == b':';
    well_formed
        .then(|| NaiveTime::parse_from_str(raw, "%H:%M").ok())
        .flatten()
        .map(Some)
        .ok_or(Invalid("err-time-format"))
}

fn required_time(raw: &str) -> Result<NaiveTime, Invalid> {
    time(raw)?.ok_or(Invalid("err-time-required"))
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RuleInput {
    pub rule_weekday: String,
    pub rule_start: String,
    pub rule_end: String,
}

#[derive(Debug)]
pub struct NewRule {
    pub weekday: i32,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl RuleInput {
    /// `existing`: the rules now, which a new rule must not overlap.
    pub fn parse(&self, existing: &[db::availability::Rule]) -> Result<NewRule, FormErrors> {
        let mut errs = FormErrors::default();
        let weekday = errs.check(
            "rule_weekday",
            self.rule_weekday
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|d| (1..=7).contains(d))
                .ok_or(Invalid("err-weekday")),
        );
        let start = errs.check("rule_start", required_time(&self.rule_start));
        let end = errs.check("rule_end", required_time(&self.rule_end));
        let (Some(weekday), Some(start), Some(end)) = (weekday, start, end) else {
            return Err(errs);
        };
        if start >= end {
            errs.add("rule_end", "err-time-order");
        } else if existing
            .iter()
            .any(|r| r.weekday == weekday && r.start_time < end && start < r.end_time)
        {
            errs.add("rule_start", "err-rule-overlap");
        }
        if errs.is_empty() {
            Ok(NewRule { weekday, start, end })
        } else {
            Err(errs)
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ExceptionInput {
    pub exception_day: String,
    pub exception_start: String,
    pub exception_end: String,
    pub exception_label: String,
}

#[derive(Debug)]
pub struct NewException {
    pub day: NaiveDate,
    /// `None`: closed the whole day.
    pub times: Option<(NaiveTime, NaiveTime)>,
    pub label: String,
}

impl ExceptionInput {
    /// `today`: the firm's date now; an exception in the past would change nothing.
    pub fn parse(&self, today: NaiveDate) -> Result<NewException, FormErrors> {
        let mut errs = FormErrors::default();
        let day = errs.check(
            "exception_day",
            match self.exception_day.trim() {
                "" => Err(Invalid("err-exception-day")),
                raw => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                    .map_err(|_| Invalid("err-date"))
                    .and_then(|d| {
                        if d < today {
                            Err(Invalid("err-date-past"))
                        } else {
                            Ok(d)
                        }
                    }),
            },
        );
        let start = errs.check("exception_start", time(&self.exception_start));
        let end = errs.check("exception_end", time(&self.exception_end));
        let label = clean_text(&self.exception_label, false);
        if label.chars().count() > MAX_LABEL_CHARS {
            errs.add("exception_label", "err-exception-label-long");
        }
        let times = match (start, end) {
            (Some(None), Some(None)) => Some(None),
            (Some(Some(s)), Some(Some(e))) if s < e => Some(Some((s, e))),
            (Some(Some(_)), Some(Some(_))) => {
                errs.add("exception_end", "err-time-order");
                None
            }
            (Some(None), Some(Some(_))) => {
                errs.add("exception_start", "err-exception-times");
                None
            }
            (Some(Some(_)), Some(None)) => {
                errs.add("exception_end", "err-exception-times");
                None
            }
            _ => None,
        };
        match (day, times) {
            (Some(day), Some(times)) if errs.is_empty() => Ok(NewException { day, times, label }),
            _ => Err(errs),
        }
    }
}

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
struct Attempt {
    settings: Option<SettingsInput>,
    rule: RuleInput,
    exception: ExceptionInput,
    errors: FormErrors,
}

async fn render(
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
        .free(now)
        .into_iter()
        .take(PREVIEW_SLOTS)
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

fn back(anchor: &str) -> HttpResponse {
    see_other(&format!("/staff/availability#{anchor}"))
}

async fn audit(
    conn: &mut sqlx::PgConnection,
    staff: &CurrentStaff,
    action: &'static str,
    subject: Option<(&'static str, Uuid)>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), AppError> {
    let (kind, id) = subject.map_or(("availability_setting", None), |(kind, id)| (kind, Some(id)));
    super::audit(conn, staff, action, kind, id, (before, after)).await
}

pub async fn save_settings(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    input: web::Form<SettingsInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let input = input.into_inner();
    let new = match input.parse() {
        Ok(new) => new,
        Err(errors) => {
            let attempt = Attempt {
                settings: Some(input),
                errors,
                ..Default::default()
            };
            return render(ctx, staff, &app, attempt).await;
        }
    };
    let mut tx = app.pool.begin().await?;
    let before = db::availability::update_settings(&mut tx, &new).await?;
    if before != new {
        let (before, after) = (serde_json::to_value(&before).ok(), serde_json::to_value(&new).ok());
        audit(&mut tx, &staff, "availability.settings", None, before, after).await?;
    }
    tx.commit().await?;
    Ok(back("settings"))
}

pub async fn add_rule(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    input: web::Form<RuleInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let input = input.into_inner();
    let mut tx = app.pool.begin().await?;
    let existing = db::availability::rules(&mut *tx).await?;
    let rule = match input.parse(&existing) {
        Ok(rule) => rule,
        Err(errors) => {
            drop(tx);
            return render(
                ctx,
                staff,
                &app,
                Attempt {
                    rule: input,
                    errors,
                    ..Default::default()
                },
            )
            .await;
        }
    };
    let id = db::availability::insert_rule(&mut tx, rule.weekday, rule.start, rule.end).await?;
    let after = db::availability::Rule {
        availability_rule_id: id,
        weekday: rule.weekday,
        start_time: rule.start,
        end_time: rule.end,
    };
    audit(
        &mut tx,
        &staff,
        "availability.rule_add",
        Some(("availability_rule", id)),
        None,
        Some(after.to_json()),
    )
    .await?;
    tx.commit().await?;
    Ok(back("rules"))
}

pub async fn remove_rule(staff: CurrentStaff, app: App, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = Uuid::parse_str(&path).map_err(|_| AppError::NotFound)?;
    let mut tx = app.pool.begin().await?;
    if let Some(rule) = db::availability::delete_rule(&mut tx, id).await? {
        audit(
            &mut tx,
            &staff,
            "availability.rule_remove",
            Some(("availability_rule", id)),
            Some(rule.to_json()),
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(back("rules"))
}

pub async fn add_exception(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    input: web::Form<ExceptionInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let input = input.into_inner();
    let today = Utc::now().with_timezone(&app.settings.firm_time_zone).date_naive();
    let new = match input.parse(today) {
        Ok(new) => new,
        Err(errors) => {
            return render(
                ctx,
                staff,
                &app,
                Attempt {
                    exception: input,
                    errors,
                    ..Default::default()
                },
            )
            .await;
        }
    };
    let mut tx = app.pool.begin().await?;
    let id = db::availability::insert_exception(&mut tx, new.day, new.times, &new.label).await?;
    let after = db::availability::Exception {
        availability_exception_id: id,
        day: new.day,
        start_time: new.times.map(|t| t.0),
        end_time: new.times.map(|t| t.1),
        label: new.label,
    };
    audit(
        &mut tx,
        &staff,
        "availability.exception_add",
        Some(("availability_exception", id)),
        None,
        Some(after.to_json()),
    )
    .await?;
    tx.commit().await?;
    Ok(back("exceptions"))
}

pub async fn remove_exception(
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = Uuid::parse_str(&path).map_err(|_| AppError::NotFound)?;
    let mut tx = app.pool.begin().await?;
    if let Some(exception) = db::availability::delete_exception(&mut tx, id).await? {
        audit(
            &mut tx,
            &staff,
            "availability.exception_remove",
            Some(("availability_exception", id)),
            Some(exception.to_json()),
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(back("exceptions"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings_input(length: &str) -> SettingsInput {
        SettingsInput {
            consultation_minutes: length.into(),
            buffer_minutes: "15".into(),
            min_notice_hours: "24".into(),
            horizon_days: "30".into(),
            daily_cap: "8".into(),
            cancel_cutoff_hours: "12".into(),
        }
    }

    #[test]
    fn settings_follow_the_tables_checks() {
        assert_eq!(settings_input("45").parse().unwrap().consultation_minutes, 45);
        for bad in ["9", "241", "", "x", "30.5"] {
            let errors = settings_input(bad).parse().unwrap_err();
            assert_eq!(
                errors.get("consultation_minutes"),
                ["err-consultation-minutes"],
                "{bad:?}"
            );
        }
        let mut all_bad = settings_input("0");
        all_bad.buffer_minutes = "121".into();
        all_bad.min_notice_hours = "-1".into();
        all_bad.horizon_days = "0".into();
        all_bad.daily_cap = "101".into();
        all_bad.cancel_cutoff_hours = "169".into();
        assert_eq!(all_bad.parse().unwrap_err().summary().len(), 6);
    }

    fn rule(day: &str, start: &str, end: &str) -> RuleInput {
        RuleInput {
            rule_weekday: day.into(),
            rule_start: start.into(),
            rule_end: end.into(),
        }
    }

    #[test]
    fn rules_need_a_weekday_and_ordered_times_that_do_not_overlap() {
        let t = |s| NaiveTime::parse_from_str(s, "%H:%M").unwrap();
        let existing = [db::availability::Rule {
            availability_rule_id: Uuid::nil(),
            weekday: 1,
            start_time: t("09:00"),
            end_time: t("12:00"),
        }];
        let ok = rule("1", "12:00", "13:00").parse(&existing).unwrap();
        assert_eq!((ok.weekday, ok.start, ok.end), (1, t("12:00"), t("13:00")));
        assert!(rule("2", "10:00", "11:00").parse(&existing).is_ok());
        assert_eq!(
            rule("0", "10:00", "11:00").parse(&[]).unwrap_err().get("rule_weekday"),
            ["err-weekday"]
        );
        assert_eq!(
            rule("8", "10:00", "11:00").parse(&[]).unwrap_err().get("rule_weekday"),
            ["err-weekday"]
        );
        assert_eq!(
            rule("1", "9:00", "11:00").parse(&[]).unwrap_err().get("rule_start"),
            ["err-time-format"]
        );
        assert_eq!(
            rule("1", "24:00", "11:00").parse(&[]).unwrap_err().get("rule_start"),
            ["err-time-format"]
        );
        assert_eq!(
            rule("1", "", "11:00").parse(&[]).unwrap_err().get("rule_start"),
            ["err-time-required"]
        );
        assert_eq!(
            rule("1", "11:00", "11:00").parse(&[]).unwrap_err().get("rule_end"),
            ["err-time-order"]
        );
        assert_eq!(
            rule("1", "11:30", "12:30")
                .parse(&existing)
                .unwrap_err()
                .get("rule_start"),
            ["err-rule-overlap"]
        );
    }

    fn exception(day: &str, start: &str, end: &str, label: &str) -> ExceptionInput {
        ExceptionInput {
            exception_day: day.into(),
            exception_start: start.into(),
            exception_end: end.into(),
            exception_label: label.into(),
        }
    }

    #[test]
    fn exceptions_close_a_day_or_block_hours() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let closed = exception("2027-03-02", "", "", " Holiday\n").parse(today).unwrap();
        assert_eq!((closed.times, closed.label.as_str()), (None, "Holiday"));
        let blocked = exception("2027-03-01", "13:00", "15:00", "").parse(today).unwrap();
        assert!(blocked.times.is_some());
        let err = |e: ExceptionInput, field| e.parse(today).unwrap_err().get(field).to_vec();
        assert_eq!(
            err(exception("2027-02-28", "", "", ""), "exception_day"),
            ["err-date-past"]
        );
        assert_eq!(err(exception("2027-02-30", "", "", ""), "exception_day"), ["err-date"]);
        assert_eq!(err(exception("", "", "", ""), "exception_day"), ["err-exception-day"]);
        assert_eq!(
            err(exception("2027-03-02", "13:00", "", ""), "exception_end"),
            ["err-exception-times"]
        );
        assert_eq!(
            err(exception("2027-03-02", "", "13:00", ""), "exception_start"),
            ["err-exception-times"]
        );
        assert_eq!(
            err(exception("2027-03-02", "14:00", "13:00", ""), "exception_end"),
            ["err-time-order"]
        );
        assert_eq!(
            err(exception("2027-03-02", "", "", &"x".repeat(201)), "exception_label"),
            ["err-exception-label-long"]
        );
    }
}
