//! The firm's availability: the settings row, the weekly opening hours and the exceptions (closed
//! days, blocked hours), as the back office edits them and as [`load`] reads them for the slot
//! engine and the staff page alike (`booking::Schedule`).

use chrono::{NaiveDate, NaiveTime};
use sqlx::{PgConnection, PgExecutor, PgPool, types::Json};
use uuid::Uuid;

use super::consultants::Consultant;

/// The one settings row. The ranges are the table's checks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Settings {
    pub consultation_minutes: i32,
    pub buffer_minutes: i32,
    pub min_notice_hours: i32,
    pub horizon_days: i32,
    pub daily_cap: i32,
    pub cancel_cutoff_hours: i32,
    /// The jurisdiction whose statutory holidays close the firm (`crate::holidays`), if any.
    pub holidays: Option<String>,
    /// Quebec's Easter holiday: `good_friday`, `easter_monday` or `both`.
    pub quebec_easter: String,
}

/// Everything the slot engine reads, in one round trip (lists as JSON arrays): every booking page and
/// submission reads it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub settings: Settings,
    /// Every weekly rule: the firm's (no consultant) and each consultant's own.
    pub rules: Vec<Rule>,
    /// Exceptions from yesterday on: firm-wide (no consultant) and each consultant's.
    pub exceptions: Vec<Exception>,
    pub consultants: Vec<Consultant>,
    /// Statutory holidays an admin reopened, from yesterday on.
    pub reopened: Vec<NaiveDate>,
}

#[tracing::instrument(skip_all)]
pub async fn load(pool: &PgPool) -> sqlx::Result<Loaded> {
    let row = sqlx::query!(
        r#"select s.consultation_minutes, s.buffer_minutes, s.min_notice_hours, s.horizon_days, s.daily_cap,
                  s.cancel_cutoff_hours, s.holidays, s.quebec_easter,
                  (select coalesce(json_agg(json_build_object('availability_rule_id', r.availability_rule_id,
                                                              'weekday', r.weekday, 'start_time', r.start_time,
                                                              'end_time', r.end_time, 'consultant_id', r.consultant_id)
                                            order by r.weekday, r.start_time, r.end_time), '[]')
                   from availability_rule r) as "rules!: Json<Vec<Rule>>",
                  (select coalesce(json_agg(json_build_object('availability_exception_id', e.availability_exception_id,
                                                              'day', e.day, 'start_time', e.start_time,
                                                              'end_time', e.end_time, 'label', e.label,
                                                              'consultant_id', e.consultant_id)
                                            order by e.day, e.start_time nulls first, e.end_time), '[]')
                   from availability_exception e
                   where e.day >= current_date - 1) as "exceptions!: Json<Vec<Exception>>",
                  (select coalesce(json_agg(json_build_object('consultant_id', c.consultant_id,
                                                              'staff_user_id', c.staff_user_id,
                                                              'name', coalesce(u.name, ''), 'email', coalesce(u.email, ''),
                                                              'languages', c.languages, 'pathways', c.pathways,
                                                              'daily_cap', c.daily_cap, 'video_link', c.video_link,
                                                              'phone', c.phone, 'active', c.active and coalesce(u.active, true))
                                            order by u.name nulls first, c.created_at), '[]')
                   from consultant c left join staff_user u using (staff_user_id)) as "consultants!: Json<Vec<Consultant>>",
                  (select coalesce(array_agg(h.day order by h.day), '{}') from holiday_reopened h
                   where h.day >= current_date - 1) as "reopened!"
           from availability_setting s"#
    )
    .fetch_one(pool)
    .await?;
    let settings = Settings {
        consultation_minutes: row.consultation_minutes,
        buffer_minutes: row.buffer_minutes,
        min_notice_hours: row.min_notice_hours,
        horizon_days: row.horizon_days,
        daily_cap: row.daily_cap,
        cancel_cutoff_hours: row.cancel_cutoff_hours,
        holidays: row.holidays,
        quebec_easter: row.quebec_easter,
    };
    Ok(Loaded {
        settings,
        rules: row.rules.0,
        exceptions: row.exceptions.0,
        consultants: row.consultants.0,
        reopened: row.reopened,
    })
}

#[tracing::instrument(skip_all)]
pub async fn settings(db: impl PgExecutor<'_>) -> sqlx::Result<Settings> {
    sqlx::query_as!(
        Settings,
        "select consultation_minutes, buffer_minutes, min_notice_hours, horizon_days, daily_cap, cancel_cutoff_hours,
                holidays, quebec_easter
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
        "select consultation_minutes, buffer_minutes, min_notice_hours, horizon_days, daily_cap, cancel_cutoff_hours,
                holidays, quebec_easter
         from availability_setting for update"
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!(
        "update availability_setting
         set consultation_minutes = $1, buffer_minutes = $2, min_notice_hours = $3, horizon_days = $4,
             daily_cap = $5, cancel_cutoff_hours = $6, holidays = $7, quebec_easter = $8, updated_at = now()",
        new.consultation_minutes,
        new.buffer_minutes,
        new.min_notice_hours,
        new.horizon_days,
        new.daily_cap,
        new.cancel_cutoff_hours,
        new.holidays,
        new.quebec_easter,
    )
    .execute(conn)
    .await?;
    Ok(before)
}

/// Opening hours on one ISO weekday (1 = Monday), firm-local.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Rule {
    pub availability_rule_id: Uuid,
    pub weekday: i32,
    pub start_time: NaiveTime,
    pub end_time: NaiveTime,
    /// `None`: the firm's hours, which every consultant without hours of their own follows.
    pub consultant_id: Option<Uuid>,
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
        "select availability_rule_id, weekday, start_time, end_time, consultant_id
         from availability_rule order by weekday, start_time, end_time"
    )
    .fetch_all(db)
    .await
}

#[tracing::instrument(skip_all)]
pub async fn insert_rule(
    conn: &mut PgConnection,
    consultant_id: Option<Uuid>,
    weekday: i32,
    start_time: NaiveTime,
    end_time: NaiveTime,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into availability_rule (weekday, start_time, end_time, consultant_id) values ($1, $2, $3, $4)
         returning availability_rule_id",
        weekday,
        start_time,
        end_time,
        consultant_id,
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
         returning availability_rule_id, weekday, start_time, end_time, consultant_id",
        id,
    )
    .fetch_optional(conn)
    .await
}

/// A closed day (no times) or blocked hours, firm-local.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct Exception {
    pub availability_exception_id: Uuid,
    pub day: NaiveDate,
    pub start_time: Option<NaiveTime>,
    pub end_time: Option<NaiveTime>,
    pub label: String,
    /// `None`: the whole firm is closed.
    pub consultant_id: Option<Uuid>,
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

#[tracing::instrument(skip_all)]
pub async fn insert_exception(
    conn: &mut PgConnection,
    consultant_id: Option<Uuid>,
    day: NaiveDate,
    times: Option<(NaiveTime, NaiveTime)>,
    label: &str,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into availability_exception (day, start_time, end_time, label, consultant_id)
         values ($1, $2, $3, $4, $5)
         returning availability_exception_id",
        day,
        times.map(|t| t.0),
        times.map(|t| t.1),
        label,
        consultant_id,
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
         returning availability_exception_id, day, start_time, end_time, label, consultant_id",
        id,
    )
    .fetch_optional(conn)
    .await
}

/// Opens statutory holiday `day` for consultations (idempotent).
#[tracing::instrument(skip_all)]
pub async fn reopen_holiday(conn: &mut PgConnection, day: NaiveDate, staff_user_id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "insert into holiday_reopened (day, staff_user_id) values ($1, $2) on conflict (day) do nothing",
        day,
        staff_user_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes statutory holiday `day` again.
#[tracing::instrument(skip_all)]
pub async fn close_holiday(conn: &mut PgConnection, day: NaiveDate) -> sqlx::Result<bool> {
    let done = sqlx::query!("delete from holiday_reopened where day = $1", day)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
