//! Erasure of a data subject: a submitted application and everything else about the same person
//! (matched by email address): their contact-form enquiries, their unfinished drafts, and every
//! email to or about them in the outbox. The use case (with the calendar cancellation it sends) is
//! `crate::erasure`.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::db;

/// Who an application is about, read (and locked) before it is erased.
#[derive(Debug, Clone)]
pub struct Subject {
    pub application_id: Uuid,
    pub full_name: Option<String>,
    /// Lower-cased.
    pub email: Option<String>,
    pub reference: Option<String>,
    pub language: String,
}

/// The submitted application `id`, locked, unless already erased.
pub async fn lock_subject(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Subject>> {
    sqlx::query_as!(
        Subject,
        r#"select application_id, full_name, lower(email) as "email?", reference, language
           from application
           where application_id = $1 and status <> 'draft' and erased_at is null
           for update"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// Erases application `id` (locked by [`lock_subject`]) and what else is about `subject`.
///
/// - the application keeps that it existed, its reference, pathway, outcome, rule ids and dates;
///   its answers, pre-screen figures, name and email go, and its draft token is replaced (the
///   applicant's cookie no longer finds it);
/// - its notes (the firm's work product, but written about the person) and resume links are deleted;
/// - its bookings are cancelled, their manage tokens replaced;
/// - every outbox row of the application, or addressed to, replying to or mentioning the person's
///   address (enquiry notices, resume links of drafts) is emptied, a pending one withdrawn, unless it
///   belongs to another application not erased (a file of its own);
/// - the person's enquiries and unfinished drafts are deleted;
/// - a CSV export searched by their name or address keeps that it happened, not the search.
pub async fn erase(conn: &mut PgConnection, subject: &Subject) -> sqlx::Result<bool> {
    let id = subject.application_id;
    let done = sqlx::query!(
        "update application
         set answers = '{}', prescreen = null, full_name = null, email = null, status = 'withdrawn',
             draft_token_hash = sha256(gen_random_uuid()::text::bytea), erased_at = now(), updated_at = now()
         where application_id = $1 and erased_at is null",
        id
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query!("delete from note where application_id = $1", id)
        .execute(&mut *conn)
        .await?;
    sqlx::query!("delete from resume_link where application_id = $1", id)
        .execute(&mut *conn)
        .await?;
    sqlx::query!(
        "update booking set status = 'cancelled', cancelled_at = coalesce(cancelled_at, now()), time_zone = 'UTC',
                ics_sequence = ics_sequence + case when status = 'active' then 1 else 0 end,
                manage_token_hash = sha256(gen_random_uuid()::text::bytea), updated_at = now()
         where application_id = $1",
        id
    )
    .execute(&mut *conn)
    .await?;
    let email = subject.email.as_deref().filter(|e| !e.is_empty());
    db::outbox::scrub_for_erasure(&mut *conn, id, email).await?;
    if let Some(email) = email {
        sqlx::query!("delete from enquiry where lower(email) = $1", email)
            .execute(&mut *conn)
            .await?;
        sqlx::query!(
            "delete from application where status = 'draft' and lower(email) = $1",
            email
        )
        .execute(&mut *conn)
        .await?;
    }
    // Searches of the CSV export recorded in the audit trail that name the person.
    let needles: Vec<String> = [subject.full_name.as_deref(), email]
        .into_iter()
        .flatten()
        .map(str::to_lowercase)
        .filter(|s| !s.trim().is_empty())
        .collect();
    sqlx::query!(
        r#"update audit_event
           set detail = jsonb_set(detail, '{filters,q}', '"[erased]"')
           where action = 'export.csv'
             and char_length(trim(detail -> 'filters' ->> 'q')) >= 3
             and exists (select 1 from unnest($1::text[]) as n(needle)
                         where position(lower(trim(detail -> 'filters' ->> 'q')) in n.needle) > 0
                            or position(n.needle in lower(detail -> 'filters' ->> 'q')) > 0)"#,
        &needles[..],
    )
    .execute(conn)
    .await?;
    Ok(true)
}
