//! Staff accounts: lookup for sign-in, failed-attempt lockout, and account management.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::auth::Role;

/// Consecutive failed sign-ins that lock an account.
pub const MAX_FAILED_LOGINS: i32 = 5;
/// How long a locked account stays locked.
pub const LOCK_MINUTES: i32 = 15;

/// A staff account as stored. `email` is lower-cased.
#[derive(Clone)]
pub struct StaffUser {
    pub staff_user_id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub active: bool,
    pub failed_logins: i32,
    pub locked_until: Option<DateTime<Utc>>,
    pub password_changed_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl StaffUser {
    /// True while failed attempts keep the account locked.
    pub fn is_locked(&self, now: DateTime<Utc>) -> bool {
        self.locked_until.is_some_and(|until| until > now)
    }
}

/// The hash is never printed.
impl std::fmt::Debug for StaffUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffUser")
            .field("staff_user_id", &self.staff_user_id)
            .field("role", &self.role)
            .field("active", &self.active)
            .field("failed_logins", &self.failed_logins)
            .field("locked_until", &self.locked_until)
            .finish_non_exhaustive()
    }
}

/// The row as the macros read it; the role becomes a [`Role`].
struct Row {
    staff_user_id: Uuid,
    email: String,
    name: String,
    role: String,
    password_hash: String,
    active: bool,
    failed_logins: i32,
    locked_until: Option<DateTime<Utc>>,
    password_changed_at: DateTime<Utc>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl Row {
    fn into_user(self) -> sqlx::Result<StaffUser> {
        let role = Role::parse(&self.role)
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown staff role `{}`", self.role).into()))?;
        Ok(StaffUser {
            staff_user_id: self.staff_user_id,
            email: self.email,
            name: self.name,
            role,
            password_hash: self.password_hash,
            active: self.active,
            failed_logins: self.failed_logins,
            locked_until: self.locked_until,
            password_changed_at: self.password_changed_at,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// A new account: the email is lower-cased when stored; the hash is a PHC string.
#[derive(Debug)]
pub struct NewStaff<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
}

/// The unique constraint an existing email violates on [`insert`].
pub const EMAIL_TAKEN: &str = "staff_user_email_key";

/// Creates the account. A duplicate email is a database error on [`EMAIL_TAKEN`].
#[tracing::instrument(skip_all)]
pub async fn insert(conn: &mut PgConnection, staff: &NewStaff<'_>) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query!(
        "insert into staff_user (staff_user_id, email, name, role, password_hash)
         values ($1, lower($2), $3, $4, $5)",
        id,
        staff.email.trim(),
        staff.name,
        staff.role.as_str(),
        staff.password_hash,
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// The account with this email, whatever its case.
#[tracing::instrument(skip_all)]
pub async fn find_by_email(db: impl PgExecutor<'_>, email: &str) -> sqlx::Result<Option<StaffUser>> {
    sqlx::query_as!(
        Row,
        "select staff_user_id, email, name, role, password_hash, active, failed_logins, locked_until,
                password_changed_at, created_at, updated_at
         from staff_user where email = lower($1)",
        email.trim(),
    )
    .fetch_optional(db)
    .await?
    .map(Row::into_user)
    .transpose()
}

#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn find_by_id(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<StaffUser>> {
    sqlx::query_as!(
        Row,
        "select staff_user_id, email, name, role, password_hash, active, failed_logins, locked_until,
                password_changed_at, created_at, updated_at
         from staff_user where staff_user_id = $1",
        id,
    )
    .fetch_optional(db)
    .await?
    .map(Row::into_user)
    .transpose()
}

/// Every account, active ones first, then by name.
#[tracing::instrument(skip_all)]
pub async fn list_all(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<StaffUser>> {
    sqlx::query_as!(
        Row,
        "select staff_user_id, email, name, role, password_hash, active, failed_logins, locked_until,
                password_changed_at, created_at, updated_at
         from staff_user order by active desc, lower(name), email",
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(Row::into_user)
    .collect()
}

/// Counts a failed sign-in. The [`MAX_FAILED_LOGINS`]th in a row locks the account for
/// [`LOCK_MINUTES`] and starts the count again; attempts while locked do not count (nor extend the
/// lock). Returns the time the account is locked until when this attempt locked it.
#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn record_failed_login(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<DateTime<Utc>>> {
    let locked = sqlx::query_scalar!(
        "update staff_user set
             failed_logins = case when failed_logins + 1 >= $2 then 0 else failed_logins + 1 end,
             locked_until = case when failed_logins + 1 >= $2
                                 then now() + make_interval(mins => $3) else locked_until end,
             updated_at = now()
         where staff_user_id = $1 and (locked_until is null or locked_until <= now())
         returning case when failed_logins = 0 then locked_until end",
        id,
        MAX_FAILED_LOGINS,
        LOCK_MINUTES,
    )
    .fetch_optional(conn)
    .await?;
    Ok(locked.flatten())
}

/// After a successful sign-in: no failed attempts, no lock.
#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn reset_failed_logins(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update staff_user set failed_logins = 0, locked_until = null, updated_at = now()
         where staff_user_id = $1 and (failed_logins <> 0 or locked_until is not null)",
        id,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Enables or disables the account; false when there is no such account.
#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn set_active(conn: &mut PgConnection, id: Uuid, active: bool) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update staff_user set active = $2, updated_at = now() where staff_user_id = $1",
        id,
        active,
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces the password hash. This also lifts a lock, and ends every session opened with the old
/// password (`password_changed_at` moves). False when there is no such account.
#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn set_password_hash(conn: &mut PgConnection, id: Uuid, password_hash: &str) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update staff_user set password_hash = $2, password_changed_at = clock_timestamp(),
             failed_logins = 0, locked_until = null, updated_at = now()
         where staff_user_id = $1",
        id,
        password_hash,
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Changes the account's role; false when there is no such account.
#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn set_role(conn: &mut PgConnection, id: Uuid, role: Role) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update staff_user set role = $2, updated_at = now() where staff_user_id = $1",
        id,
        role.as_str(),
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How many active admins there are (an admin should not demote or disable the last one).
#[tracing::instrument(skip_all)]
pub async fn count_active_admins(db: impl PgExecutor<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"select count(*) as "n!" from staff_user where active and role = 'admin'"#)
        .fetch_one(db)
        .await
}
