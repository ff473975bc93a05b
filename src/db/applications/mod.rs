//! `application`: drafts, answers, pre-screen results, submission; resume links (`resume_link`, which
//! only leads back to a draft); the back office's reads and changes of a submitted application
//! (the list is in [`list`]).

mod list;

pub use list::{Filters, ListRow, PAGE_SIZE, list};

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool, types::Json};
use uuid::Uuid;

use crate::{
    domain::{
        answers::Answers,
        status::{ApplicationStatus, ReviewStatus},
    },
    prescreen::StoredPrescreen,
};

#[derive(Debug, Clone)]
pub struct ApplicationRow {
    pub application_id: Uuid,
    pub status: ApplicationStatus,
    pub language: String,
    pub target_pathway: String,
    pub pathway: Option<String>,
    pub answers: Json<Answers>,
    pub completed_steps: Vec<String>,
    pub prescreen: Option<Json<StoredPrescreen>>,
    pub reference: Option<String>,
    pub expires_at: DateTime<Utc>,
}

/// What a draft looks like when it is created.
pub struct NewDraft<'a> {
    pub token_hash: &'a [u8],
    pub language: &'a str,
    pub target_pathway: &'a str,
    pub pathway: Option<&'a str>,
    pub answers: &'a Answers,
    pub expires_at: DateTime<Utc>,
}

#[tracing::instrument(skip_all)]
pub async fn create_draft(conn: &mut PgConnection, draft: &NewDraft<'_>) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "insert into application (application_id, draft_token_hash, language, target_pathway, pathway, answers, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7)",
        id,
        draft.token_hash,
        draft.language,
        draft.target_pathway,
        draft.pathway,
        Json(draft.answers) as _,
        draft.expires_at,
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// The application whose draft token hashes to `token_hash` (draft or already submitted),
/// unless it is an expired draft.
pub async fn find_by_token(pool: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<ApplicationRow>> {
    sqlx::query_as!(
        ApplicationRow,
        r#"select application_id, status as "status: ApplicationStatus", language, target_pathway, pathway,
                  answers as "answers: Json<Answers>", completed_steps,
                  prescreen as "prescreen: Json<StoredPrescreen>", reference, expires_at
           from application
           where draft_token_hash = $1 and (status <> 'draft' or expires_at > now())"#,
        token_hash
    )
    .fetch_optional(pool)
    .await
}

/// What a draft holds after a page is saved.
pub struct DraftState<'a> {
    pub language: &'a str,
    pub target_pathway: &'a str,
    pub pathway: Option<&'a str>,
    pub answers: &'a Answers,
    pub completed_steps: &'a [String],
    pub expires_at: DateTime<Utc>,
}

/// Saves a draft's answers and progress, and pushes back its expiry.
#[tracing::instrument(skip_all, fields(application_id = %id))]
pub async fn save_draft(conn: &mut PgConnection, id: Uuid, draft: &DraftState<'_>) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update application
         set target_pathway = $2, pathway = $3, answers = $4, completed_steps = $5, expires_at = $6,
             full_name = $4::jsonb ->> 'full_name', email = $4::jsonb ->> 'email', language = $7, updated_at = now()
         where application_id = $1 and status = 'draft'",
        id,
        draft.target_pathway,
        draft.pathway,
        Json(draft.answers) as _,
        draft.completed_steps,
        draft.expires_at,
        draft.language,
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Stores the pre-screen of every evaluated pathway and the chosen pathway's outcome and rule ids.
pub async fn save_prescreen(
    conn: &mut PgConnection,
    id: Uuid,
    prescreen: &StoredPrescreen,
    outcome: &str,
    rules: &[String],
) -> sqlx::Result<()> {
    sqlx::query!(
        "update application set prescreen = $2, prescreen_outcome = $3, prescreen_rules = $4, updated_at = now()
         where application_id = $1 and status = 'draft'",
        id,
        Json(prescreen) as _,
        outcome,
        rules,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Submits a draft once: `Some(reference)` the first time, `None` when it was no longer a draft.
/// A reference that is already taken is reported as a unique violation (the caller draws another).
#[tracing::instrument(skip_all, fields(application_id = %id))]
pub async fn submit(conn: &mut PgConnection, id: Uuid, reference: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        r#"update application set status = 'submitted', reference = $2, submitted_at = now(), updated_at = now()
           where application_id = $1 and status = 'draft'
           returning reference as "reference!""#,
        id,
        reference,
    )
    .fetch_optional(conn)
    .await
}

/// Deletes drafts past their expiry (their resume links go with them).
pub async fn purge_expired_drafts(pool: &PgPool) -> sqlx::Result<u64> {
    let done = sqlx::query!("delete from application where status = 'draft' and expires_at <= now()")
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

pub async fn insert_resume_link(
    conn: &mut PgConnection,
    application_id: Uuid,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into resume_link (resume_link_id, token_hash, application_id, expires_at) values ($1, $2, $3, $4)",
        Uuid::now_v7(),
        token_hash,
        application_id,
        expires_at,
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn count_resume_links(conn: &mut PgConnection, application_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from resume_link where application_id = $1"#,
        application_id
    )
    .fetch_one(conn)
    .await
}

/// Uses a resume link once: the draft it leads to gets `new_token_hash` as its draft token.
/// `None` when the link is unknown, used, expired, or its draft is gone or submitted.
pub async fn use_resume_link(
    conn: &mut PgConnection,
    token_hash: &[u8],
    new_token_hash: &[u8],
) -> sqlx::Result<Option<Uuid>> {
    let Some(application_id) = sqlx::query_scalar!(
        "update resume_link set used_at = now()
         where token_hash = $1 and expires_at > now()
         returning application_id",
        token_hash
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    sqlx::query_scalar!(
        "update application set draft_token_hash = $2, updated_at = now()
         where application_id = $1 and status = 'draft' and expires_at > now()
         returning application_id",
        application_id,
        new_token_hash,
    )
    .fetch_optional(conn)
    .await
}

/// The draft a resume link (even an expired one) was sent for, while the draft itself lasts.
pub async fn draft_of_resume_link(pool: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<ApplicationRow>> {
    sqlx::query_as!(
        ApplicationRow,
        r#"select a.application_id, a.status as "status: ApplicationStatus", a.language, a.target_pathway, a.pathway,
                  a.answers as "answers: Json<Answers>", a.completed_steps,
                  a.prescreen as "prescreen: Json<StoredPrescreen>", a.reference, a.expires_at
           from resume_link l join application a using (application_id)
           where l.token_hash = $1 and a.status = 'draft' and a.expires_at > now()"#,
        token_hash
    )
    .fetch_optional(pool)
    .await
}

/// A submitted application as its page shows it.
#[derive(Debug, Clone)]
pub struct Detail {
    pub application_id: Uuid,
    pub status: ApplicationStatus,
    pub reference: Option<String>,
    pub full_name: Option<String>,
    pub email: Option<String>,
    pub language: String,
    pub target_pathway: String,
    pub pathway: Option<String>,
    pub answers: Json<Answers>,
    pub prescreen: Option<Json<StoredPrescreen>>,
    pub prescreen_outcome: Option<String>,
    pub review_status: ReviewStatus,
    pub assigned_to: Option<Uuid>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub erased_at: Option<DateTime<Utc>>,
}

pub async fn detail(pool: &PgPool, id: Uuid) -> sqlx::Result<Option<Detail>> {
    sqlx::query_as!(
        Detail,
        r#"select application_id, status as "status: ApplicationStatus", reference, full_name, email, language,
                  target_pathway, pathway, answers as "answers: Json<Answers>",
                  prescreen as "prescreen: Json<StoredPrescreen>", prescreen_outcome,
                  review_status as "review_status: ReviewStatus", assigned_to, submitted_at, erased_at
           from application where application_id = $1 and status <> 'draft'"#,
        id
    )
    .fetch_optional(pool)
    .await
}

/// Moves the review status; `None` when it already was `to`.
pub async fn set_status(
    conn: &mut PgConnection,
    id: Uuid,
    to: ReviewStatus,
    staff: Uuid,
) -> sqlx::Result<Option<ReviewStatus>> {
    let from = sqlx::query_scalar!(
        r#"update application a set review_status = $2, updated_at = now()
           from (select review_status from application where application_id = $1 for update) old
           where a.application_id = $1 and a.status <> 'draft' and old.review_status <> $2
           returning old.review_status as "from!: ReviewStatus""#,
        id,
        to as ReviewStatus
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(from) = from {
        super::status_changes::record(conn, id, from, to, staff).await?;
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

/// How many submitted applications nobody has looked at yet (review status new).
pub async fn count_new(pool: &PgPool) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from application where status = 'submitted' and review_status = 'new'"#
    )
    .fetch_one(pool)
    .await
}

/// The unconverted leads (review status declined, no-show or spam) submitted more than `days` days
/// ago and not yet erased, oldest first.
pub async fn stale_leads(pool: &PgPool, days: u16) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "select application_id from application
         where status <> 'draft' and erased_at is null and review_status = any($1)
           and submitted_at < now() - make_interval(days => $2)
         order by submitted_at",
        &ReviewStatus::UNCONVERTED[..] as &[ReviewStatus],
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
        &ReviewStatus::UNCONVERTED[..] as &[ReviewStatus],
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

/// A submitted application as `intake applications show` prints it: no name, address or answers.
#[derive(Debug, Clone)]
pub struct ApplicationRecord {
    pub application_id: Uuid,
    pub reference: String,
    /// Submitted or withdrawn (erased applications are withdrawn).
    pub status: ApplicationStatus,
    pub review_status: ReviewStatus,
    /// The pathway assessed, else the one chosen (`not_sure`).
    pub pathway: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub erased_at: Option<DateTime<Utc>>,
}

/// The application with `reference` (in its stored form, `K7QM-4XTP`).
pub async fn by_reference(pool: &PgPool, reference: &str) -> sqlx::Result<Option<ApplicationRecord>> {
    sqlx::query_as!(
        ApplicationRecord,
        r#"select application_id, reference as "reference!", status as "status: ApplicationStatus",
                  review_status as "review_status: ReviewStatus",
                  coalesce(pathway, target_pathway) as "pathway!", submitted_at, erased_at
           from application
           where reference = $1"#,
        reference
    )
    .fetch_optional(pool)
    .await
}
