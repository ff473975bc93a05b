//! What the back office reads and changes about submitted applications.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgPool, types::Json};
use uuid::Uuid;

use crate::domain::answers::Answers;

/// The list's filters, as the query string gives them (empty = no filter).
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Filters {
    pub q: String,
    pub pathway: String,
    pub status: String,
    pub outcome: String,
    pub from: String,
    pub to: String,
    pub assigned: String,
    pub booking: String,
    pub sort: String,
    pub page: String,
}

impl Filters {
    /// A filter value, without control characters (PostgreSQL text cannot hold NUL); `None` when empty.
    fn opt(s: &str) -> Option<String> {
        let s = crate::domain::text::clean_text(s, false);
        (!s.is_empty()).then_some(s)
    }

    /// The filters as the audit trail records them: each value as the list applies it, without
    /// control characters (a NUL in the query string cannot go into a `jsonb` detail).
    pub fn for_the_record(&self) -> Filters {
        let clean = |s: &str| crate::domain::text::clean_text(s, false);
        Filters {
            q: clean(&self.q),
            pathway: clean(&self.pathway),
            status: clean(&self.status),
            outcome: clean(&self.outcome),
            from: clean(&self.from),
            to: clean(&self.to),
            assigned: clean(&self.assigned),
            booking: clean(&self.booking),
            sort: clean(&self.sort),
            page: clean(&self.page),
        }
    }

    pub fn page_number(&self) -> i64 {
        self.page
            .parse::<i64>()
            .ok()
            .filter(|p| *p >= 1 && *p <= 100_000)
            .unwrap_or(1)
    }

    /// A date as `<input type="date">` sends it; years beyond four digits (which chrono reads but
    /// PostgreSQL cannot hold) are no filter.
    fn date(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .ok()
            .filter(|d| (1..=9999).contains(&chrono::Datelike::year(d)))
    }
}

#[derive(Debug, Clone)]
pub struct ListRow {
    pub application_id: Uuid,
    pub reference: Option<String>,
    pub full_name: Option<String>,
    pub email: Option<String>,
    pub pathway: Option<String>,
    pub target_pathway: String,
    pub review_status: String,
    pub prescreen_outcome: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub assigned_name: Option<String>,
    pub slot_start: Option<DateTime<Utc>>,
}

pub const PAGE_SIZE: i64 = 50;

/// One page of submitted applications matching `f`, and how many match in all.
pub async fn list(pool: &PgPool, f: &Filters, limit: i64, offset: i64) -> sqlx::Result<(Vec<ListRow>, i64)> {
    let q = Filters::opt(&f.q).map(|q| q.to_lowercase());
    let pathway = Filters::opt(&f.pathway);
    let status = Filters::opt(&f.status);
    let outcome = Filters::opt(&f.outcome);
    let from = Filters::date(&f.from);
    let to = Filters::date(&f.to);
    let assigned = Filters::opt(&f.assigned);
    let assigned_id = assigned.as_deref().and_then(|a| Uuid::parse_str(a).ok());
    let unassigned = assigned.as_deref() == Some("none");
    let booking = Filters::opt(&f.booking);
    let sort = Filters::opt(&f.sort).filter(|s| ["newest", "oldest", "name", "slot"].contains(&s.as_str()));
    let sort = sort.unwrap_or_else(|| "newest".into());
    let rows = sqlx::query_as!(
        ListRow,
        r#"select a.application_id, a.reference, a.full_name, a.email, a.pathway, a.target_pathway, a.review_status,
                  a.prescreen_outcome, a.submitted_at, s.name as "assigned_name?", b.starts_at as "slot_start?"
           from application a
           left join staff_user s on s.staff_user_id = a.assigned_to
           left join booking b on b.application_id = a.application_id and b.status = 'active'
           where a.status <> 'draft'
             and ($1::text is null or a.search like '%' || $1 || '%')
             and ($2::text is null or a.pathway = $2)
             and ($3::text is null or a.review_status = $3)
             and ($4::text is null or a.prescreen_outcome = $4)
             and ($5::date is null or a.submitted_at >= $5::date)
             and ($6::date is null or a.submitted_at < $6::date + 1)
             and ($7::uuid is null or a.assigned_to = $7)
             and (not $8 or a.assigned_to is null)
             and ($9::text is null or ($9 = 'yes') = (b.booking_id is not null))
           order by
             case when $10 = 'oldest' then a.submitted_at end asc,
             case when $10 = 'name' then lower(a.full_name) end asc,
             case when $10 = 'slot' then b.starts_at end asc nulls last,
             a.submitted_at desc, a.application_id
           limit $11 offset $12"#,
        q.as_deref(),
        pathway.as_deref(),
        status.as_deref(),
        outcome.as_deref(),
        from,
        to,
        assigned_id,
        unassigned,
        booking.as_deref(),
        sort,
        limit,
        offset,
    )
    .fetch_all(pool)
    .await?;
    let total = sqlx::query_scalar!(
        r#"select count(*) as "n!"
           from application a
           left join booking b on b.application_id = a.application_id and b.status = 'active'
           where a.status <> 'draft'
             and ($1::text is null or a.search like '%' || $1 || '%')
             and ($2::text is null or a.pathway = $2)
             and ($3::text is null or a.review_status = $3)
             and ($4::text is null or a.prescreen_outcome = $4)
             and ($5::date is null or a.submitted_at >= $5::date)
             and ($6::date is null or a.submitted_at < $6::date + 1)
             and ($7::uuid is null or a.assigned_to = $7)
             and (not $8 or a.assigned_to is null)
             and ($9::text is null or ($9 = 'yes') = (b.booking_id is not null))"#,
        q.as_deref(),
        pathway.as_deref(),
        status.as_deref(),
        outcome.as_deref(),
        from,
        to,
        assigned_id,
        unassigned,
        booking.as_deref(),
    )
    .fetch_one(pool)
    .await?;
    Ok((rows, total))
}

/// A submitted application as its page shows it.
#[derive(Debug, Clone)]
pub struct Detail {
    pub application_id: Uuid,
    pub status: String,
    pub reference: Option<String>,
    pub full_name: Option<String>,
    pub email: Option<String>,
    pub language: String,
    pub target_pathway: String,
    pub pathway: Option<String>,
    pub answers: Json<Answers>,
    pub prescreen: Option<Json<serde_json::Value>>,
    pub prescreen_outcome: Option<String>,
    pub review_status: String,
    pub assigned_to: Option<Uuid>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub erased_at: Option<DateTime<Utc>>,
}

pub async fn detail(pool: &PgPool, id: Uuid) -> sqlx::Result<Option<Detail>> {
    sqlx::query_as!(
        Detail,
        r#"select application_id, status, reference, full_name, email, language, target_pathway, pathway,
                  answers as "answers: Json<Answers>", prescreen as "prescreen: Json<serde_json::Value>",
                  prescreen_outcome, review_status, assigned_to, submitted_at, erased_at
           from application where application_id = $1 and status <> 'draft'"#,
        id
    )
    .fetch_optional(pool)
    .await
}

#[derive(Debug, Clone)]
pub struct StatusChange {
    pub from_status: String,
    pub to_status: String,
    pub staff_name: Option<String>,
    pub at: DateTime<Utc>,
}

pub async fn status_history(pool: &PgPool, id: Uuid) -> sqlx::Result<Vec<StatusChange>> {
    sqlx::query_as!(
        StatusChange,
        r#"select c.from_status, c.to_status, s.name as "staff_name?", c.at
           from application_status_change c left join staff_user s using (staff_user_id)
           where c.application_id = $1 order by c.at"#,
        id
    )
    .fetch_all(pool)
    .await
}

/// Moves the review status; `None` when it already was `to`.
pub async fn set_status(conn: &mut PgConnection, id: Uuid, to: &str, staff: Uuid) -> sqlx::Result<Option<String>> {
    let from = sqlx::query_scalar!(
        r#"update application a set review_status = $2, updated_at = now()
           from (select review_status from application where application_id = $1 for update) old
           where a.application_id = $1 and a.status <> 'draft' and old.review_status <> $2
           returning old.review_status as "from!""#,
        id,
        to
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(from) = &from {
        sqlx::query!(
            "insert into application_status_change (application_status_change_id, application_id, from_status, to_status, staff_user_id)
             values ($1, $2, $3, $4, $5)",
            Uuid::now_v7(),
            id,
            from,
            to,
            staff
        )
        .execute(conn)
        .await?;
    }
    Ok(from)
}

/// Assigns (or unassigns) the application; returns the previous assignee.
pub async fn assign(conn: &mut PgConnection, id: Uuid, to: Option<Uuid>) -> sqlx::Result<Option<Option<Uuid>>> {
    let before = sqlx::query_scalar!(
        "select assigned_to from application where application_id = $1 and status <> 'draft' for update",
        id
    )
    .fetch_optional(&mut *conn)
    .await?;
    if before.is_some() {
        sqlx::query!(
            "update application set assigned_to = $2, updated_at = now() where application_id = $1",
            id,
            to
        )
        .execute(conn)
        .await?;
    }
    Ok(before)
}

#[derive(Debug, Clone)]
pub struct NoteRow {
    pub body: String,
    pub staff_name: Option<String>,
    pub created_at: DateTime<Utc>,
}

pub async fn notes(pool: &PgPool, id: Uuid) -> sqlx::Result<Vec<NoteRow>> {
    sqlx::query_as!(
        NoteRow,
        r#"select n.body, s.name as "staff_name?", n.created_at
           from note n left join staff_user s using (staff_user_id)
           where n.application_id = $1 order by n.created_at"#,
        id
    )
    .fetch_all(pool)
    .await
}

pub async fn add_note(conn: &mut PgConnection, id: Uuid, staff: Uuid, body: &str) -> sqlx::Result<Uuid> {
    let note_id = Uuid::now_v7();
    sqlx::query!(
        "insert into note (note_id, application_id, staff_user_id, body) values ($1, $2, $3, $4)",
        note_id,
        id,
        staff,
        body
    )
    .execute(conn)
    .await?;
    Ok(note_id)
}

#[derive(Debug, Clone)]
pub struct EmailRow {
    pub email_outbox_id: Uuid,
    pub kind: String,
    pub to_address: String,
    pub subject: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

pub async fn emails(pool: &PgPool, id: Uuid) -> sqlx::Result<Vec<EmailRow>> {
    sqlx::query_as!(
        EmailRow,
        "select email_outbox_id, kind, to_address, subject, status, attempts, last_error, next_attempt_at, sent_at, created_at
         from email_outbox where application_id = $1 order by created_at",
        id
    )
    .fetch_all(pool)
    .await
}

/// Takes a dead email out of the queue for good, emptied (a resend renders a new one from the
/// application as it is now); returns its kind, `None` when it is not a dead email of the application.
pub async fn take_dead(conn: &mut PgConnection, application_id: Uuid, email_id: Uuid) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "update email_outbox
         set status = 'withdrawn', to_name = null, to_address = '', reply_to = null, subject = '', body_text = '',
             body_html = '', attachments = '[]', last_error = null, scrubbed_at = now(), updated_at = now()
         where email_outbox_id = $1 and application_id = $2 and status = 'dead'
         returning kind",
        email_id,
        application_id
    )
    .fetch_optional(conn)
    .await
}

/// Dashboard figures.
pub struct Dashboard {
    pub new_count: i64,
    pub dead_emails: i64,
}

pub async fn dashboard(pool: &PgPool) -> sqlx::Result<Dashboard> {
    let new_count = sqlx::query_scalar!(
        r#"select count(*) as "n!" from application where status = 'submitted' and review_status = 'new'"#
    )
    .fetch_one(pool)
    .await?;
    let dead_emails = sqlx::query_scalar!(r#"select count(*) as "n!" from email_outbox where status = 'dead'"#)
        .fetch_one(pool)
        .await?;
    Ok(Dashboard { new_count, dead_emails })
}

#[derive(Debug, Clone)]
pub struct Upcoming {
    pub application_id: Uuid,
    pub reference: Option<String>,
    pub full_name: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub consultation_mode: String,
}

/// Active consultations from `from`, soonest first.
pub async fn upcoming(pool: &PgPool, from: DateTime<Utc>, limit: i64) -> sqlx::Result<Vec<Upcoming>> {
    sqlx::query_as!(
        Upcoming,
        "select a.application_id, a.reference, a.full_name, b.starts_at, b.consultation_mode
         from booking b join application a using (application_id)
         where b.status = 'active' and b.ends_at > $1
         order by b.starts_at limit $2",
        from,
        limit
    )
    .fetch_all(pool)
    .await
}

#[derive(Debug, Clone)]
pub struct DeadEmail {
    pub email_outbox_id: Uuid,
    pub application_id: Option<Uuid>,
    pub kind: String,
    pub last_error: Option<String>,
    pub updated_at: DateTime<Utc>,
}

pub async fn dead_emails(pool: &PgPool, limit: i64) -> sqlx::Result<Vec<DeadEmail>> {
    sqlx::query_as!(
        DeadEmail,
        "select email_outbox_id, application_id, kind, last_error, updated_at
         from email_outbox where status = 'dead' order by updated_at desc limit $1",
        limit
    )
    .fetch_all(pool)
    .await
}

#[derive(Debug, Clone)]
pub struct AuditRow {
    pub at: DateTime<Utc>,
    pub staff_name: Option<String>,
    pub action: String,
    pub after: Option<serde_json::Value>,
}

/// The audit trail of one subject, oldest first.
pub async fn audit_for(pool: &PgPool, subject_type: &str, subject_id: &str) -> sqlx::Result<Vec<AuditRow>> {
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

/// Review statuses of leads that did not become clients: erased after the retention period.
pub const UNCONVERTED: [&str; 3] = ["declined", "no_show", "spam"];

/// The unconverted leads (review status declined, no-show or spam) submitted more than `days` days
/// ago and not yet erased, oldest first.
pub async fn stale_leads(pool: &PgPool, days: u16) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "select application_id from application
         where status <> 'draft' and erased_at is null and review_status = any($1)
           and submitted_at < now() - make_interval(days => $2)
         order by submitted_at",
        &UNCONVERTED.map(str::to_owned)[..],
        i32::from(days),
    )
    .fetch_all(pool)
    .await
}

/// Locks application `id` if it is still a stale lead (staff may have changed its status meanwhile).
pub async fn lock_stale_lead(conn: &mut PgConnection, id: Uuid, days: u16) -> sqlx::Result<bool> {
    let still = sqlx::query_scalar!(
        "select application_id from application
         where application_id = $1 and erased_at is null and review_status = any($2)
           and submitted_at < now() - make_interval(days => $3)
         for update",
        id,
        &UNCONVERTED.map(str::to_owned)[..],
        i32::from(days),
    )
    .fetch_optional(conn)
    .await?;
    Ok(still.is_some())
}

/// A submitted application chosen on the list, with its booking to come if it has one.
#[derive(Debug, Clone)]
pub struct Selected {
    pub application_id: Uuid,
    pub reference: Option<String>,
    pub full_name: Option<String>,
    pub booking_starts_at: Option<DateTime<Utc>>,
    pub booking_ends_at: Option<DateTime<Utc>>,
}

/// The submitted applications among `ids`, newest first (unknown ids and drafts are left out).
pub async fn selected(pool: &PgPool, ids: &[Uuid]) -> sqlx::Result<Vec<Selected>> {
    sqlx::query_as!(
        Selected,
        r#"select a.application_id, a.reference, a.full_name,
                  b.starts_at as "booking_starts_at?", b.ends_at as "booking_ends_at?"
           from application a
           left join booking b
             on b.application_id = a.application_id and b.status = 'active' and b.starts_at > now()
           where a.application_id = any($1) and a.status <> 'draft'
           order by a.submitted_at desc"#,
        ids
    )
    .fetch_all(pool)
    .await
}
