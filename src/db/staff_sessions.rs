//! Staff sessions kept on the server: created at sign-in, looked up by the SHA-256 of the cookie's
//! token on every back-office request, revoked at sign-out, "sign out everywhere", a password
//! change or a disabled account.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::domain::role::Role;

/// A new session of a staff member.
#[derive(Debug)]
pub struct NewSession<'a> {
    pub staff_user_id: Uuid,
    pub token_hash: &'a [u8],
    pub expires_at: DateTime<Utc>,
    pub source_address: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

#[tracing::instrument(skip_all, fields(staff_user_id = %s.staff_user_id))]
pub async fn insert(conn: &mut PgConnection, s: &NewSession<'_>) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "insert into staff_session (staff_session_id, token_hash, staff_user_id, expires_at, source_address, user_agent)
         values ($1, $2, $3, $4, $5, $6)",
        id,
        s.token_hash,
        s.staff_user_id,
        s.expires_at,
        s.source_address,
        s.user_agent,
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// A live session with its account, as the gate in front of `/staff` reads it.
#[derive(Debug)]
pub struct LiveSession {
    pub staff_session_id: Uuid,
    pub staff_user_id: Uuid,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub has_second_factor: bool,
    /// The firm requires a second factor of everyone.
    pub second_factor_required: bool,
}

/// The session of this token when it is not revoked and its account is active; the idle and
/// absolute limits are for the caller to judge (`last_seen_at`, `expires_at`).
#[tracing::instrument(skip_all)]
pub async fn find_live(db: impl PgExecutor<'_>, token_hash: &[u8]) -> sqlx::Result<Option<LiveSession>> {
    let row = sqlx::query!(
        r#"select s.staff_session_id, s.staff_user_id, s.last_seen_at, s.expires_at, u.name, u.email, u.role,
                  u.totp_enabled_at is not null as "has_second_factor!",
                  coalesce((select require_second_factor from security_policy where singleton), false)
                      as "second_factor_required!"
           from staff_session s join staff_user u using (staff_user_id)
           where s.token_hash = $1 and s.revoked_at is null and u.active"#,
        token_hash,
    )
    .fetch_optional(db)
    .await?;
    row.map(|r| {
        let role = Role::parse(&r.role)
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown staff role `{}`", r.role).into()))?;
        Ok(LiveSession {
            staff_session_id: r.staff_session_id,
            staff_user_id: r.staff_user_id,
            last_seen_at: r.last_seen_at,
            expires_at: r.expires_at,
            name: r.name,
            email: r.email,
            role,
            has_second_factor: r.has_second_factor,
            second_factor_required: r.second_factor_required,
        })
    })
    .transpose()
}

/// Moves the session's last-seen time to now.
#[tracing::instrument(skip_all)]
pub async fn touch(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update staff_session set last_seen_at = now() where staff_session_id = $1 and revoked_at is null",
        id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Ends one session (of this staff member). False when it was not theirs or already ended.
#[tracing::instrument(skip_all)]
pub async fn revoke(db: impl PgExecutor<'_>, staff_user_id: Uuid, id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update staff_session set revoked_at = now()
         where staff_session_id = $1 and staff_user_id = $2 and revoked_at is null",
        id,
        staff_user_id,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends every session of the staff member but `keep` (all of them when `keep` is `None`); returns
/// how many were ended.
#[tracing::instrument(skip_all)]
pub async fn revoke_all(db: impl PgExecutor<'_>, staff_user_id: Uuid, keep: Option<Uuid>) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update staff_session set revoked_at = now()
         where staff_user_id = $1 and revoked_at is null and staff_session_id is distinct from $2",
        staff_user_id,
        keep,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// A session as its owner sees it on their account page.
#[derive(Debug)]
pub struct SessionSummary {
    pub staff_session_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub source_address: Option<String>,
    pub user_agent: Option<String>,
}

/// The staff member's open sessions (not revoked, within the absolute limit, seen since `idle_since`),
/// newest first.
#[tracing::instrument(skip_all)]
pub async fn list_open(
    db: impl PgExecutor<'_>,
    staff_user_id: Uuid,
    idle_since: DateTime<Utc>,
) -> sqlx::Result<Vec<SessionSummary>> {
    sqlx::query_as!(
        SessionSummary,
        "select staff_session_id, created_at, last_seen_at, source_address, user_agent
         from staff_session
         where staff_user_id = $1 and revoked_at is null and expires_at > now() and last_seen_at > $2
         order by last_seen_at desc
         limit 50",
        staff_user_id,
        idle_since,
    )
    .fetch_all(db)
    .await
}

/// Deletes sessions that ended more than a day ago (maintenance).
#[tracing::instrument(skip_all)]
pub async fn delete_ended(db: impl PgExecutor<'_>, idle_since: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from staff_session
         where coalesce(revoked_at, least(expires_at, last_seen_at)) < now() - interval '1 day'
            or last_seen_at < $1::timestamptz - interval '1 day'",
        idle_since,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}
