//! `audit_event`, the audit trail: who did what to which record, when, with the values before and
//! after; recorded in the caller's transaction, read back by the admins' viewer (newest first, with
//! filters) and on an application's page.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// One event to record. `staff_user_id` is `None` for the system or an anonymous visitor (a failed
/// sign-in); `action` is dotted (`staff.login`, `application.status`, `export.csv`). Never put an
/// email address or other personal data in clear in `detail`.
#[derive(Debug, Default)]
pub struct NewAuditEvent<'a> {
    pub staff_user_id: Option<Uuid>,
    pub action: &'a str,
    pub subject_type: Option<&'a str>,
    pub subject_id: Option<&'a str>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub detail: Option<serde_json::Value>,
    /// The client's address, for security events (sign-in, sign-out, password and second-factor
    /// changes, throttling).
    pub source_address: Option<&'a str>,
}

/// Records the event, in the caller's transaction when it has one.
#[tracing::instrument(skip_all, fields(action = e.action))]
pub async fn record(conn: &mut PgConnection, e: &NewAuditEvent<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into audit_event
             (audit_event_id, staff_user_id, action, subject_type, subject_id, before, after, detail, source_address)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        Uuid::now_v7(),
        e.staff_user_id,
        e.action,
        e.subject_type,
        e.subject_id,
        e.before,
        e.after,
        e.detail,
        e.source_address,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// What the viewer filters on; `None` = no filter.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// Actions starting with this (`staff.` or `availability.rule_add`).
    pub action_prefix: Option<String>,
    /// Events of this staff member.
    pub staff_user_id: Option<Uuid>,
    /// Only events of the system (no staff member).
    pub system_only: bool,
    pub subject_id: Option<String>,
    /// From this instant (included).
    pub from: Option<DateTime<Utc>>,
    /// Until this instant (excluded).
    pub until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub audit_event_id: Uuid,
    pub at: DateTime<Utc>,
    pub staff_user_id: Option<Uuid>,
    pub staff_name: Option<String>,
    pub action: String,
    pub subject_type: Option<String>,
    pub subject_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub detail: Option<serde_json::Value>,
}

/// One page of the events matching `q`, newest first, and how many match in all.
#[tracing::instrument(skip_all)]
pub async fn list(pool: &PgPool, q: &Query, limit: i64, offset: i64) -> sqlx::Result<(Vec<Entry>, i64)> {
    let rows = sqlx::query_as!(
        Entry,
        r#"select e.audit_event_id, e.at, e.staff_user_id, s.name as "staff_name?", e.action, e.subject_type,
                  e.subject_id, e.before, e.after, e.detail
           from audit_event e left join staff_user s on s.staff_user_id = e.staff_user_id
           where ($1::text is null or starts_with(e.action, $1))
             and ($2::uuid is null or e.staff_user_id = $2)
             and (not $3 or e.staff_user_id is null)
             and ($4::text is null or e.subject_id = $4)
             and ($5::timestamptz is null or e.at >= $5)
             and ($6::timestamptz is null or e.at < $6)
           order by e.at desc, e.audit_event_id desc
           limit $7 offset $8"#,
        q.action_prefix.as_deref(),
        q.staff_user_id,
        q.system_only,
        q.subject_id.as_deref(),
        q.from,
        q.until,
        limit,
        offset,
    )
    .fetch_all(pool)
    .await?;
    let total = sqlx::query_scalar!(
        r#"select count(*) as "n!" from audit_event e
           where ($1::text is null or starts_with(e.action, $1))
             and ($2::uuid is null or e.staff_user_id = $2)
             and (not $3 or e.staff_user_id is null)
             and ($4::text is null or e.subject_id = $4)
             and ($5::timestamptz is null or e.at >= $5)
             and ($6::timestamptz is null or e.at < $6)"#,
        q.action_prefix.as_deref(),
        q.staff_user_id,
        q.system_only,
        q.subject_id.as_deref(),
        q.from,
        q.until,
    )
    .fetch_one(pool)
    .await?;
    Ok((rows, total))
}

#[derive(Debug, Clone)]
pub struct AuditRow {
    pub at: DateTime<Utc>,
    pub staff_name: Option<String>,
    pub action: String,
    pub after: Option<serde_json::Value>,
}

/// The audit trail of one subject, oldest first.
pub async fn for_subject(pool: &PgPool, subject_type: &str, subject_id: &str) -> sqlx::Result<Vec<AuditRow>> {
    sqlx::query_as!(
        AuditRow,
        r#"select e.at, s.name as "staff_name?", e.action, e.after
           from audit_event e left join staff_user s using (staff_user_id)
           where e.subject_type = $1 and e.subject_id = $2 order by e.at"#,
        subject_type,
        subject_id
    )
    .fetch_all(pool)
    .await
}
