//! `/staff/consultations/capacity`: for each active consultant and each firm-local day of the next
//! two weeks (or of the booking horizon, when shorter), the consultations booked against their daily
//! cap and the free times left, from the same schedule the booking pages read. Statutory holidays
//! and the days a consultant has no hours are marked.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, http::StatusCode};
use askama::Template;
use chrono::{Datelike, Duration, NaiveDate, Utc};
use uuid::Uuid;

use crate::{
    auth::CurrentStaff,
    booking::{Schedule, Want, schedule::Calendar},
    context::App,
    error::AppError,
    holidays,
    i18n::{when, zone_name::zone_name},
    web::{html, page::PageCtx},
};

/// The most days shown.
const DAYS: i64 = 14;

/// A day's column heading.
pub struct DayHead {
    pub value: String,
    /// "Mon 7 Dec"
    pub short: String,
    /// "Monday 7 December 2026", for the cells' accessible names.
    pub long: String,
    /// The statutory holiday's name, if the day is one.
    pub holiday: String,
    /// An admin reopened the holiday.
    pub reopened: bool,
}

/// One consultant on one day.
pub struct Cell {
    pub day: String,
    /// Closed for a holiday, or no hours that day: nothing else is shown.
    pub holiday: bool,
    pub closed: bool,
    pub booked: usize,
    pub cap: u32,
    pub free: usize,
    /// "2 of 8 booked"
    pub booked_text: String,
    /// "5 free times"
    pub free_text: String,
}

pub struct ConsultantRow {
    pub id: String,
    pub name: String,
    pub cells: Vec<Cell>,
}

#[derive(Template)]
#[template(path = "staff/capacity.html")]
pub struct CapacityPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub firm_zone: String,
    pub days: Vec<DayHead>,
    pub rows: Vec<ConsultantRow>,
}

pub async fn show(ctx: PageCtx, staff: CurrentStaff, app: App) -> Result<HttpResponse, AppError> {
    let schedule = Schedule::load(&app).await?;
    let firm = app.settings.firm_time_zone;
    let now = Utc::now();
    let today = now.with_timezone(&firm).date_naive();
    let span = (i64::from(schedule.policy.horizon_days) + 1).clamp(1, DAYS);
    let dates: Vec<NaiveDate> = (0..span).map(|i| today + Duration::days(i)).collect();
    let lang = ctx.lang;
    let days = dates
        .iter()
        .map(|d| {
            let holiday = schedule.holidays.iter().find(|h| h.date == *d);
            DayHead {
                value: d.to_string(),
                short: format!(
                    "{} {}",
                    lang.t(&format!("weekday-short-{}", d.weekday().number_from_monday())),
                    lang.t_args(
                        "date-short",
                        &[
                            ("day", d.day().to_string()),
                            ("month", lang.t(&format!("month-short-{}", d.month()))),
                        ],
                    )
                ),
                long: when::date(lang, *d),
                holiday: holiday.map(|h| holidays::name(lang, h.key)).unwrap_or_default(),
                reopened: holiday.is_some_and(|h| h.reopened),
            }
        })
        .collect::<Vec<_>>();
    let rows = schedule
        .calendars
        .iter()
        .filter(|c| c.consultant.active)
        .map(|calendar| ConsultantRow {
            id: calendar.consultant.consultant_id.to_string(),
            name: calendar.consultant.display_name(&app.settings.firm_name).to_owned(),
            cells: cells(&ctx, &schedule, calendar, &days, &dates),
        })
        .collect();
    let page = CapacityPage {
        firm_zone: zone_name(lang, firm, now),
        days,
        rows,
        ctx,
        staff: Some(staff),
    };
    html(StatusCode::OK, &page)
}

/// One consultant's cells, day by day.
fn cells(ctx: &PageCtx, schedule: &Schedule, calendar: &Calendar, days: &[DayHead], dates: &[NaiveDate]) -> Vec<Cell> {
    let firm = schedule.policy.firm_tz;
    let id: Uuid = calendar.consultant.consultant_id;
    let local_date = |t: chrono::DateTime<Utc>| t.with_timezone(&firm).date_naive();
    let mut booked: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for held in &calendar.busy {
        *booked.entry(local_date(held.starts_at)).or_default() += 1;
    }
    let want = Want {
        consultant: Some(id),
        ..Want::default()
    };
    let mut free: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for f in schedule.free(Utc::now(), &want) {
        *free.entry(local_date(f.slot.start)).or_default() += 1;
    }
    let cap = calendar.policy.daily_cap;
    dates
        .iter()
        .zip(days)
        .map(|(date, head)| {
            let holiday = !head.holiday.is_empty() && !head.reopened;
            let has_hours = calendar
                .rules
                .iter()
                .any(|r| r.weekday == date.weekday() && r.start < r.end);
            let closed_all_day = calendar
                .exceptions
                .iter()
                .any(|e| e.date == *date && e.start.is_none() && e.end.is_none());
            let booked = booked.get(date).copied().unwrap_or(0);
            let free = free.get(date).copied().unwrap_or(0);
            Cell {
                day: head.value.clone(),
                holiday,
                closed: !holiday && (!has_hours || closed_all_day),
                booked,
                cap,
                free,
                booked_text: ctx.lang.t_args(
                    "capacity-booked",
                    &[("booked", booked.to_string()), ("cap", cap.to_string())],
                ),
                free_text: ctx.lang.t_count("capacity-free", "count", free),
            }
        })
        .collect()
}
