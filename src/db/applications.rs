//! Applications: drafts, answers, pre-screen results, submission; resume links. (Job Bank medians: `db::wages`.)

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool, types::Json};
use uuid::Uuid;

use crate::domain::answers::Answers;

#[derive(Debug, Clone)]
pub struct ApplicationRow {
    pub application_id: Uuid,
    pub status: String,
    pub language: String,
    pub target_pathway: String,
    pub pathway: Option<String>,
    pub answers: Json<Answers>,
    pub completed_steps: Vec<String>,
    pub prescreen: Option<Json<serde_json::Value>>,
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
        r#"select application_id, status, language, target_pathway, pathway,
                  answers as "answers: Json<Answers>", completed_steps,
                  prescreen as "prescreen: Json<serde_json::Value>", reference, expires_at
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
    prescreen: &serde_json::Value,
    outcome: &str,
    rules: &[String],
) -> sqlx::Result<()> {
    sqlx::query!(
        "update application set prescreen = $2, prescreen_outcome = $3, prescreen_rules = $4, updated_at = now()
         where application_id = $1 and status = 'draft'",
        id,
        prescreen,
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
         where token_hash = $1 and used_at is null and expires_at > now()
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
