//! The firm's availability as the back office edits it: the settings row, the weekly opening
//! hours and the exceptions (closed days, blocked hours). `db::bookings::availability` reads the
//! same tables for the slot computation.

use chrono::{NaiveDate, NaiveTime};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

/// The one settings row. The ranges are the table's checks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Settings {
    pub consultation_minutes: i32,
    pub buffer_minutes: i32,
    pub min_notice_hours: i32,
    pub horizon_days: i32,
    pub daily_cap: i32,
    pub cancel_cutoff_hours: i32,
}

#[tracing::instrument(skip_all)]
pub async fn settings(db: impl PgExecutor<'_>) -> sqlx::Result<Settings> {
    sqlx::query_as!(
        Settings,
        "select consultation_minutes, buffer_minutes, min_notice_hours, horizon_days, daily_cap, cancel_cutoff_hours
         from availability_setting"
    )
    .fetch_one(db)
    .await
}

/// Replaces the settings; returns what they were.
#[tracing::instrument(skip_all)]
pub async fn update_settings(conn: &mut PgConnection, new: &Settings) -> sqlx::Result<Settings> {
    let before = sqlx::query_as!(
        Settings,
        "select consultation_minutes, buffer_minutes, min_notice_hours, horizon_days, daily_cap, cancel_cutoff_hours
         from availability_setting for update"
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!(
        "update availability_setting
         set consultation_minutes = $1, buffer_minutes = $2, min_notice_hours = $3, horizon_days = $4,
             daily_cap = $5, cancel_cutoff_hours = $6, updated_at = now()",
        new.consultation_minutes,
        new.buffer_minutes,
        new.min_notice_hours,
        new.horizon_days,
        new.daily_cap,
        new.cancel_cutoff_hours,
    )
    .execute(conn)
    .await?;
    Ok(before)
}

/// Opening hours on one ISO weekday (1 = Monday), firm-local.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub availability_rule_id: Uuid,
    pub weekday: i32,
    pub start_time: NaiveTime,
    pub end_time: NaiveTime,
}

impl Rule {
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "weekday": self.weekday,
            "start": self.start_time.format("%H:%M").to_string(),
            "end": self.end_time.format("%H:%M").to_string(),
        })
    }
}

#[tracing::instrument(skip_all)]
pub async fn rules(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Rule>> {
    sqlx::query_as!(
        Rule,
        "select availability_rule_id, weekday, start_time, end_time
         from availability_rule order by weekday, start_time, end_time"
    )
    .fetch_all(db)
    .await
}

#[tracing::instrument(skip_all)]
pub async fn insert_rule(
    conn: &mut PgConnection,
    weekday: i32,
    start_time: NaiveTime,
    end_time: NaiveTime,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into availability_rule (weekday, start_time, end_time) values ($1, $2, $3)
         returning availability_rule_id",
        weekday,
        start_time,
        end_time,
    )
    .fetch_one(conn)
    .await
}

/// Removes the rule; returns it, `None` when there was no such rule.
#[tracing::instrument(skip_all, fields(availability_rule_id = %id))]
pub async fn delete_rule(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Rule>> {
    sqlx::query_as!(
        Rule,
        "delete from availability_rule where availability_rule_id = $1
         returning availability_rule_id, weekday, start_time, end_time",
        id,
    )
    .fetch_optional(conn)
    .await
}

/// A closed day (no times) or blocked hours, firm-local.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    pub availability_exception_id: Uuid,
    pub day: NaiveDate,
    pub start_time: Option<NaiveTime>,
    pub end_time: Option<NaiveTime>,
    pub label: String,
}

impl Exception {
    pub fn to_json(&self) -> serde_json::Value {
        let time = |t: Option<NaiveTime>| t.map(|t| t.format("%H:%M").to_string());
        serde_json::json!({
            "day": self.day,
            "start": time(self.start_time),
            "end": time(self.end_time),
            "label": self.label,
        })
    }
}

/// Exceptions on `from` and later, soonest first.
#[tracing::instrument(skip_all)]
pub async fn exceptions_from(db: impl PgExecutor<'_>, from: NaiveDate) -> sqlx::Result<Vec<Exception>> {
    sqlx::query_as!(
        Exception,
        "select availability_exception_id, day, start_time, end_time, label
         from availability_exception where day >= $1
         order by day, start_time nulls first, end_time",
        from,
    )
    .fetch_all(db)
    .await
}

#[tracing::instrument(skip_all)]
pub async fn insert_exception(
    conn: &mut PgConnection,
    day: NaiveDate,
    times: Option<(NaiveTime, NaiveTime)>,
    label: &str,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into availability_exception (day, start_time, end_time, label) values ($1, $2, $3, $4)
         returning availability_exception_id",
        day,
        times.map(|t| t.0),
        times.map(|t| t.1),
        label,
    )
    .fetch_one(conn)
    .await
}

/// Removes the exception; returns it, `None` when there was no such exception.
#[tracing::instrument(skip_all, fields(availability_exception_id = %id))]
pub async fn delete_exception(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Exception>> {
    sqlx::query_as!(
        Exception,
        "delete from availability_exception where availability_exception_id = $1
         returning availability_exception_id, day, start_time, end_time, label",
        id,
    )
    .fetch_optional(conn)
    .await
}
