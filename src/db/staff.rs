//! Staff accounts: lookup for sign-in, the second factor, and account management. Failed sign-ins
//! are throttled per account and address in `db::login_failures`, never by locking the account.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::domain::role::Role;

/// A staff account as stored. `email` is lower-cased.
#[derive(Clone)]
pub struct StaffUser {
    pub staff_user_id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub active: bool,
    /// When the second factor (TOTP) was confirmed; `None` when it is not in force.
    pub totp_enabled_at: Option<DateTime<Utc>>,
    pub password_changed_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl StaffUser {
    /// True when signing in also takes a code from an authenticator app.
    pub fn has_second_factor(&self) -> bool {
        self.totp_enabled_at.is_some()
    }
}

/// The hash is never printed.
impl std::fmt::Debug for StaffUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffUser")
            .field("staff_user_id", &self.staff_user_id)
            .field("role", &self.role)
            .field("active", &self.active)
            .field("totp_enabled_at", &self.totp_enabled_at)
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
    totp_enabled_at: Option<DateTime<Utc>>,
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
            totp_enabled_at: self.totp_enabled_at,
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
        "select staff_user_id, email, name, role, password_hash, active, totp_enabled_at,
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
        "select staff_user_id, email, name, role, password_hash, active, totp_enabled_at,
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
        "select staff_user_id, email, name, role, password_hash, active, totp_enabled_at,
                password_changed_at, created_at, updated_at
         from staff_user order by active desc, lower(name), email",
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(Row::into_user)
    .collect()
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

/// Replaces the password hash (`password_changed_at` moves). The caller ends the account's sessions
/// in the same transaction (`db::staff_sessions::revoke_all`). False when there is no such account.
#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn set_password_hash(conn: &mut PgConnection, id: Uuid, password_hash: &str) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update staff_user set password_hash = $2, password_changed_at = clock_timestamp(),
             updated_at = now()
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

/// The account's TOTP secret and the last time step a code was accepted for, when it has one
/// (enrolment started or in force).
pub struct TotpState {
    pub secret: Vec<u8>,
    pub enabled: bool,
    pub last_step: Option<i64>,
}

#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn totp_state(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<TotpState>> {
    let row = sqlx::query!(
        "select totp_secret, totp_enabled_at, totp_last_step from staff_user where staff_user_id = $1",
        id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.and_then(|r| {
        r.totp_secret.map(|secret| TotpState {
            secret,
            enabled: r.totp_enabled_at.is_some(),
            last_step: r.totp_last_step,
        })
    }))
}

/// Starts enrolment: a new secret, not yet in force (an enrolment in progress is replaced; a second
/// factor already in force is left alone and false is returned).
#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn start_totp(conn: &mut PgConnection, id: Uuid, secret: &[u8]) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update staff_user set totp_secret = $2, totp_last_step = null, updated_at = now()
         where staff_user_id = $1 and totp_enabled_at is null",
        id,
        secret,
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Puts the enrolled secret in force, remembering the step of the code that confirmed it.
#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn enable_totp(conn: &mut PgConnection, id: Uuid, step: i64) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update staff_user set totp_enabled_at = now(), totp_last_step = $2, updated_at = now()
         where staff_user_id = $1 and totp_secret is not null and totp_enabled_at is null",
        id,
        step,
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records that the code of time step `step` was used. False when that step (or a later one) was
/// already used: a code works once, even if two requests race.
#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn use_totp_step(db: impl PgExecutor<'_>, id: Uuid, step: i64) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update staff_user set totp_last_step = $2
         where staff_user_id = $1 and totp_enabled_at is not null
           and (totp_last_step is null or totp_last_step < $2)",
        id,
        step,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes the second factor and its recovery codes. False when there was none.
#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn remove_totp(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    sqlx::query!("delete from staff_recovery_code where staff_user_id = $1", id)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query!(
        "update staff_user set totp_secret = null, totp_enabled_at = null, totp_last_step = null, updated_at = now()
         where staff_user_id = $1 and totp_secret is not null",
        id,
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces the account's recovery codes with these (SHA-256 of each).
#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn replace_recovery_codes(conn: &mut PgConnection, id: Uuid, hashes: &[Vec<u8>]) -> sqlx::Result<()> {
    sqlx::query!("delete from staff_recovery_code where staff_user_id = $1", id)
        .execute(&mut *conn)
        .await?;
    sqlx::query!(
        "insert into staff_recovery_code (staff_user_id, code_hash) select $1, unnest($2::bytea[])",
        id,
        hashes,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Uses a recovery code: true when it was one of the account's and had not been used.
#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn use_recovery_code(db: impl PgExecutor<'_>, id: Uuid, hash: &[u8]) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update staff_recovery_code set used_at = now()
         where staff_user_id = $1 and code_hash = $2 and used_at is null",
        id,
        hash,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How many unused recovery codes the account has left.
#[tracing::instrument(skip_all, fields(staff_user_id = %id))]
pub async fn recovery_codes_left(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from staff_recovery_code where staff_user_id = $1 and used_at is null"#,
        id
    )
    .fetch_one(db)
    .await
}

/// Whether the firm requires every staff member to use a second factor.
#[tracing::instrument(skip_all)]
pub async fn second_factor_required(db: impl PgExecutor<'_>) -> sqlx::Result<bool> {
    Ok(
        sqlx::query_scalar!("select require_second_factor from security_policy where singleton")
            .fetch_optional(db)
            .await?
            .unwrap_or(false),
    )
}

#[tracing::instrument(skip_all)]
pub async fn set_second_factor_required(conn: &mut PgConnection, required: bool) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into security_policy (singleton, require_second_factor) values (true, $1)
         on conflict (singleton) do update set require_second_factor = $1, updated_at = now()",
        required
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The active admins' addresses (security alerts go to them).
#[tracing::instrument(skip_all)]
pub async fn admin_emails(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!("select email from staff_user where active and role = 'admin' order by email")
        .fetch_all(db)
        .await
}
