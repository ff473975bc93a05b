//! The back office's list of submitted applications: its filters (as the query string gives them),
//! one page of rows, and how many match.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::status::ReviewStatus;

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
    pub review_status: ReviewStatus,
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
        r#"select a.application_id, a.reference, a.full_name, a.email, a.pathway, a.target_pathway,
                  a.review_status as "review_status: ReviewStatus",
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
