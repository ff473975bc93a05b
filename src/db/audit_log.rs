//! Reading the audit trail back: the admins' viewer, newest first, with filters.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

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
