//! The firm's schedule as it stands now: the availability settings, the weekly opening hours, the
//! exceptions and the bookings that hold time, read in one place for the slot engine
//! (`crate::slots`), the booking pages and the staff availability page.

use chrono::{DateTime, Duration, Utc, Weekday};

use crate::{
    context::AppContext,
    db,
    error::AppError,
    slots::{self, Busy, Exception, Policy, Slot, WeeklyRule},
};

pub struct Schedule {
    /// The settings, hours and exceptions as stored (the staff page lists them).
    pub stored: db::availability::Settings,
    pub rule_rows: Vec<db::availability::Rule>,
    /// Exceptions from yesterday on (firm-local days), soonest first.
    pub exception_rows: Vec<db::availability::Exception>,
    pub policy: Policy,
    pub rules: Vec<WeeklyRule>,
    pub exceptions: Vec<Exception>,
    pub busy: Vec<Busy>,
    pub buffer_minutes: i32,
    /// Applicants may move or cancel up to this long before their consultation.
    pub cancel_cutoff: Duration,
}

impl Schedule {
    pub async fn load(app: &AppContext) -> Result<Schedule, AppError> {
        let busy = db::bookings::busy(&app.pool, Utc::now() - Duration::days(1)).await?;
        Schedule::with_busy(app, busy).await
    }

    /// The same, with only the bookings that bear on a slot starting at `start`: [`Schedule::free_at`]
    /// answers as with [`Schedule::load`] for that start, without reading every booking ahead.
    /// A booking bears on it when it starts on the slot's firm-local day (the daily cap) or overlaps it
    /// with their buffers; both start within two days of `start` (consultations and buffers last hours).
    pub async fn load_for(app: &AppContext, start: DateTime<Utc>) -> Result<Schedule, AppError> {
        let busy = db::bookings::busy_between(&app.pool, start - Duration::days(2), start + Duration::days(2)).await?;
        Schedule::with_busy(app, busy).await
    }

    async fn with_busy(app: &AppContext, busy: Vec<(DateTime<Utc>, DateTime<Utc>)>) -> Result<Schedule, AppError> {
        let (stored, rule_rows, exception_rows) = db::availability::load(&app.pool).await?;
        let policy = Policy {
            length: Duration::minutes(i64::from(stored.consultation_minutes)),
            buffer: Duration::minutes(i64::from(stored.buffer_minutes)),
            min_notice: Duration::hours(i64::from(stored.min_notice_hours)),
            horizon_days: u32::try_from(stored.horizon_days).unwrap_or(30),
            daily_cap: u32::try_from(stored.daily_cap).unwrap_or(8),
            firm_tz: app.settings.firm_time_zone,
        };
        Ok(Schedule {
            rules: rule_rows
                .iter()
                .filter_map(|r| {
                    let weekday = Weekday::try_from(u8::try_from(r.weekday - 1).ok()?).ok()?;
                    Some(WeeklyRule {
                        weekday,
                        start: r.start_time,
                        end: r.end_time,
                    })
                })
                .collect(),
            exceptions: exception_rows
                .iter()
                .map(|e| Exception {
                    date: e.day,
                    start: e.start_time,
                    end: e.end_time,
                })
                .collect(),
            busy: busy.into_iter().map(|(start, end)| Busy { start, end }).collect(),
            buffer_minutes: stored.buffer_minutes,
            cancel_cutoff: Duration::hours(i64::from(stored.cancel_cutoff_hours)),
            policy,
            stored,
            rule_rows,
            exception_rows,
        })
    }

    pub fn free(&self, now: DateTime<Utc>) -> Vec<Slot> {
        slots::free_slots(&self.policy, &self.rules, &self.exceptions, &self.busy, now)
    }

    /// The slot starting at `start` if it is still free.
    pub fn free_at(&self, now: DateTime<Utc>, start: DateTime<Utc>) -> Option<Slot> {
        slots::free_slot_at(&self.policy, &self.rules, &self.exceptions, &self.busy, now, start)
    }

    /// The same, ignoring one booking (the one being moved).
    pub fn without(mut self, start: DateTime<Utc>, end: DateTime<Utc>) -> Schedule {
        if let Some(i) = self.busy.iter().position(|b| b.start == start && b.end == end) {
            self.busy.remove(i);
        }
        self
    }

    /// Whether a consultation starting at `start` is past the applicant's cut-off at `now`.
    pub fn past_cutoff(&self, start: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        start - self.cancel_cutoff <= now
    }
}
