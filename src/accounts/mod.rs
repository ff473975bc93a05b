//! Staff accounts: adding a member, setting a new password, removing a second factor, disabling and
//! re-enabling an account, changing a role. The back office (an admin) and the command line (someone
//! at the server) ask for the same things; each only reads its input and says the outcome its way.
//!
//! There is always an active admin: nobody disables their own account, and the last active admin
//! can be neither disabled nor demoted. Every change is in the audit trail, never with a password
//! or its hash.

use secrecy::{ExposeSecret as _, SecretString};
use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::{
    auth::{CurrentStaff, password},
    db::{self, staff::StaffUser},
    domain::{email_address::EmailAddress, person_name::PersonName, role::Role, text::Invalid},
    error::AppError,
};

/// Who asks for a change.
#[derive(Debug, Clone, Copy)]
pub enum By {
    /// An admin signed in to the back office, from their session `session`.
    Admin { id: Uuid, session: Uuid },
    /// Someone at the server, with `intake staff ...` (the audit trail says `"via": "cli"`).
    CommandLine,
}

impl By {
    /// The admin signed in with `staff`.
    pub fn admin(staff: &CurrentStaff) -> By {
        By::Admin {
            id: staff.id,
            session: staff.session_id,
        }
    }

    /// The session that stays open when the account's sessions end: the admin's own, on their own
    /// account.
    fn keeps(self, account: Uuid) -> Option<Uuid> {
        match self {
            By::Admin { id, session } if id == account => Some(session),
            _ => None,
        }
    }
}

/// Which account: the back office names it by id, the command line by email (any case).
#[derive(Debug, Clone, Copy)]
pub enum Account<'a> {
    Id(Uuid),
    Email(&'a str),
}

/// Why a change was not made.
#[derive(Debug)]
pub enum Refusal {
    /// There is no such account.
    Unknown,
    /// Another account has this email (lower-cased).
    EmailTaken(String),
    /// The new password does not meet the policy (the message key, said to "you").
    Password(Invalid),
    /// Admins do not disable their own account.
    OwnAccount,
    /// The change would leave no active admin.
    LastAdmin,
}

/// A use case's answer: done or refused; `Err` is a failure (the database is away, say).
pub type Outcome<T> = Result<Result<T, Refusal>, AppError>;

/// Changes that could leave no active admin (disabling, demoting) are checked and made one at a
/// time: two admins disabling each other at once must not both succeed. The app runs as one process.
static ADMIN_CHANGES: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn find(pool: &PgPool, account: Account<'_>) -> Result<Option<StaffUser>, AppError> {
    Ok(match account {
        Account::Id(id) => db::staff::find_by_id(pool, id).await?,
        Account::Email(email) => db::staff::find_by_email(pool, email).await?,
    })
}

/// Records a change to the account `subject`. From the command line, `detail` also says `"via": "cli"`.
async fn record(
    conn: &mut PgConnection,
    by: By,
    action: &str,
    subject: Uuid,
    changes: (Option<Value>, Option<Value>),
    detail: Option<Value>,
) -> Result<(), AppError> {
    let (staff_user_id, detail) = match by {
        By::Admin { id, .. } => (Some(id), detail),
        By::CommandLine => {
            let mut detail = detail.unwrap_or_else(|| json!({}));
            detail["via"] = json!("cli");
            (None, Some(detail))
        }
    };
    db::audit::record(
        conn,
        &db::audit::NewAuditEvent {
            staff_user_id,
            action,
            subject_type: Some("staff_user"),
            subject_id: Some(&subject.to_string()),
            before: changes.0,
            after: changes.1,
            detail,
            source_address: None,
        },
    )
    .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Adding a member.

/// A field of a new account, for the caller's own word for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Email,
    Name,
    Role,
    Password,
}

/// A new account, checked. No `Debug`: it holds a password.
pub struct NewAccount {
    pub email: EmailAddress,
    pub name: PersonName,
    pub role: Role,
    password: SecretString,
}

/// What is wrong with a field.
pub type Problem = (Field, Invalid);

/// The email, name and role as checked.
type Details = (EmailAddress, PersonName, Role);

/// The email, name and role, checked; the problems, in form order.
fn details(email: &str, name: &str, role: &str) -> (Option<Details>, Vec<Problem>) {
    let mut problems = Vec::new();
    let email = EmailAddress::parse(email)
        .map_err(|e| problems.push((Field::Email, e)))
        .ok();
    let name = PersonName::parse(name)
        .map_err(|e| problems.push((Field::Name, e)))
        .ok();
    let role = Role::parse(role.trim());
    if role.is_none() {
        problems.push((Field::Role, Invalid("err-staff-role")));
    }
    match (email, name, role) {
        (Some(email), Some(name), Some(role)) => (Some((email, name, role)), problems),
        _ => (None, problems),
    }
}

impl NewAccount {
    /// The first problem of the email, name and role alone: the command line refuses them before it
    /// asks for the password.
    pub fn check_details(email: &str, name: &str, role: &str) -> Result<(), Problem> {
        match details(email, name, role).1.into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(()),
        }
    }

    /// Checks everything typed (the password against the name and email); every problem, in form
    /// order.
    pub fn parse(email: &str, name: &str, role: &str, password: SecretString) -> Result<NewAccount, Vec<Problem>> {
        let (checked, mut problems) = details(email, name, role);
        let personal = match &checked {
            Some((email, name, _)) => (email.as_ref(), name.as_ref()),
            None => (email.trim(), name.trim()),
        };
        if let Err(invalid) = password::check_policy(password.expose_secret(), personal.0, personal.1) {
            problems.push((Field::Password, invalid));
        }
        match checked {
            Some((email, name, role)) if problems.is_empty() => Ok(NewAccount {
                email,
                name,
                role,
                password,
            }),
            _ => Err(problems),
        }
    }
}

/// The account made.
#[derive(Debug)]
pub struct Created {
    pub id: Uuid,
    pub role: Role,
    /// As stored: lower-cased.
    pub email: String,
    pub name: String,
    /// The consultant they were made, if asked.
    pub consultant_id: Option<Uuid>,
}

/// Adds the account (active), and its creation to the audit trail. Refused: an email already used.
pub async fn create(pool: &PgPool, by: By, account: NewAccount) -> Outcome<Created> {
    create_with(pool, by, account, None).await
}

/// [`create`]; with `consultant`, the account is also made a consultant taking that, following the
/// firm's hours (`consultants::create_in`), in the same transaction: both or neither.
pub async fn create_with(
    pool: &PgPool,
    by: By,
    account: NewAccount,
    consultant: Option<&crate::consultants::Consultancy>,
) -> Outcome<Created> {
    let hash = password::hash(account.password).await?;
    let mut tx = pool.begin().await?;
    let inserted = db::staff::insert(
        &mut tx,
        &db::staff::NewStaff {
            email: account.email.as_ref(),
            name: account.name.as_ref(),
            role: account.role,
            password_hash: &hash,
        },
    )
    .await;
    let email = account.email.as_ref().to_lowercase();
    let id = match inserted {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.constraint() == Some(db::staff::EMAIL_TAKEN) => {
            return Ok(Err(Refusal::EmailTaken(email)));
        }
        Err(e) => return Err(e.into()),
    };
    let after = json!({ "role": account.role.as_str(), "active": true });
    record(&mut tx, by, "staff.create", id, (None, Some(after)), None).await?;
    let consultant_id = match consultant {
        Some(what) => Some(crate::consultants::create_in(&mut tx, by, id, what).await?),
        None => None,
    };
    tx.commit().await?;
    Ok(Ok(Created {
        id,
        role: account.role,
        email,
        name: account.name.as_ref().to_owned(),
        consultant_id,
    }))
}

// ---------------------------------------------------------------------------------------------
// A new password, a second factor removed.

/// The account whose password was set.
#[derive(Debug)]
pub struct PasswordSet {
    pub id: Uuid,
    pub email: String,
    pub sessions_ended: u64,
}

/// Sets a new password (the policy applies, against the account's name and email) and ends the
/// account's sessions (all but the admin's current one, when admins reset their own password).
pub async fn reset_password(pool: &PgPool, by: By, account: Account<'_>, new: SecretString) -> Outcome<PasswordSet> {
    let Some(user) = find(pool, account).await? else {
        return Ok(Err(Refusal::Unknown));
    };
    if let Err(invalid) = password::check_policy(new.expose_secret(), &user.email, &user.name) {
        return Ok(Err(Refusal::Password(invalid)));
    }
    let hash = password::hash(new).await?;
    let id = user.staff_user_id;
    let mut tx = pool.begin().await?;
    db::staff::set_password_hash(&mut tx, id, &hash).await?;
    let ended = db::staff_sessions::revoke_all(&mut *tx, id, by.keeps(id)).await?;
    let ended_json = json!({ "sessions_ended": ended });
    let (after, detail) = match by {
        By::Admin { .. } => (Some(ended_json), None),
        By::CommandLine => (None, Some(ended_json)),
    };
    record(&mut tx, by, "staff.password_reset", id, (None, after), detail).await?;
    tx.commit().await?;
    Ok(Ok(PasswordSet {
        id,
        email: user.email,
        sessions_ended: ended,
    }))
}

/// The account whose second factor was reset.
#[derive(Debug)]
pub struct SecondFactorReset {
    pub id: Uuid,
    pub email: String,
    /// It had one (otherwise nothing was removed).
    pub removed: bool,
}

/// Removes the account's second factor (a lost phone with no recovery codes left; a locked-out
/// admin) and ends its sessions; it is set up again at the next sign-in (when the firm requires it)
/// or on the account page. From the back office nothing happens to an account without one; from the
/// command line its sessions end all the same.
pub async fn reset_second_factor(pool: &PgPool, by: By, account: Account<'_>) -> Outcome<SecondFactorReset> {
    let Some(user) = find(pool, account).await? else {
        return Ok(Err(Refusal::Unknown));
    };
    let id = user.staff_user_id;
    let mut tx = pool.begin().await?;
    let removed = db::staff::remove_totp(&mut tx, id).await?;
    match by {
        By::Admin { .. } if removed => {
            let ended = db::staff_sessions::revoke_all(&mut *tx, id, by.keeps(id)).await?;
            let changes = (
                Some(json!({ "second_factor": true })),
                Some(json!({ "second_factor": false, "sessions_ended": ended })),
            );
            record(&mut tx, by, "staff.second_factor_reset", id, changes, None).await?;
        }
        By::Admin { .. } => {}
        By::CommandLine => {
            let ended = db::staff_sessions::revoke_all(&mut *tx, id, None).await?;
            let detail = json!({ "had_second_factor": removed, "sessions_ended": ended });
            record(&mut tx, by, "staff.second_factor_reset", id, (None, None), Some(detail)).await?;
        }
    }
    tx.commit().await?;
    Ok(Ok(SecondFactorReset {
        id,
        email: user.email,
        removed,
    }))
}

// ---------------------------------------------------------------------------------------------
// Disabling, enabling, the role.

/// Disables the account and ends its sessions (already disabled: nothing to do). Refused: one's own
/// account, the last active admin.
pub async fn disable(pool: &PgPool, by: By, id: Uuid) -> Outcome<()> {
    let _one_at_a_time = ADMIN_CHANGES.lock().await;
    let Some(user) = db::staff::find_by_id(pool, id).await? else {
        return Ok(Err(Refusal::Unknown));
    };
    if matches!(by, By::Admin { id: me, .. } if me == id) {
        return Ok(Err(Refusal::OwnAccount));
    }
    if !user.active {
        return Ok(Ok(()));
    }
    if user.role == Role::Admin && db::staff::count_active_admins(pool).await? <= 1 {
        return Ok(Err(Refusal::LastAdmin));
    }
    let mut tx = pool.begin().await?;
    db::staff::set_active(&mut tx, id, false).await?;
    db::staff_sessions::revoke_all(&mut *tx, id, None).await?;
    active_changed(&mut tx, by, id, false).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Enables the account again (already active: nothing to do).
pub async fn enable(pool: &PgPool, by: By, id: Uuid) -> Outcome<()> {
    let Some(user) = db::staff::find_by_id(pool, id).await? else {
        return Ok(Err(Refusal::Unknown));
    };
    if !user.active {
        let mut tx = pool.begin().await?;
        db::staff::set_active(&mut tx, id, true).await?;
        active_changed(&mut tx, by, id, true).await?;
        tx.commit().await?;
    }
    Ok(Ok(()))
}

async fn active_changed(conn: &mut PgConnection, by: By, id: Uuid, active: bool) -> Result<(), AppError> {
    let action = if active { "staff.enable" } else { "staff.disable" };
    let changes = (Some(json!({ "active": !active })), Some(json!({ "active": active })));
    record(conn, by, action, id, changes, None).await
}

/// Gives the account `role`; `false` when it had it already. Refused: demoting the last active admin.
pub async fn set_role(pool: &PgPool, by: By, id: Uuid, role: Role) -> Outcome<bool> {
    let _one_at_a_time = ADMIN_CHANGES.lock().await;
    let Some(user) = db::staff::find_by_id(pool, id).await? else {
        return Ok(Err(Refusal::Unknown));
    };
    if role == user.role {
        return Ok(Ok(false));
    }
    let demoting_an_active_admin = user.role == Role::Admin && user.active;
    if demoting_an_active_admin && db::staff::count_active_admins(pool).await? <= 1 {
        return Ok(Err(Refusal::LastAdmin));
    }
    let mut tx = pool.begin().await?;
    db::staff::set_role(&mut tx, id, role).await?;
    let changes = (
        Some(json!({ "role": user.role.as_str() })),
        Some(json!({ "role": role.as_str() })),
    );
    record(&mut tx, by, "staff.role", id, changes, None).await?;
    tx.commit().await?;
    Ok(Ok(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_of_a_new_account_is_told_in_form_order() {
        let problems = NewAccount::parse("not an email", "", "boss", SecretString::from("short")).err();
        let fields: Vec<Field> = problems.unwrap().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, [Field::Email, Field::Name, Field::Role, Field::Password]);
        assert_eq!(
            NewAccount::check_details("ana@firm.example", "Ana Silva", "staff"),
            Ok(())
        );
        let weak = NewAccount::parse(
            "ana@firm.example",
            "Ana Silva",
            "admin",
            SecretString::from("ana silva 1234"),
        );
        assert!(matches!(weak.err().as_deref(), Some([(Field::Password, _)])));
    }

    #[test]
    fn only_an_admin_keeps_their_own_session() {
        let (me, session) = (Uuid::now_v7(), Uuid::now_v7());
        let admin = By::Admin { id: me, session };
        assert_eq!(admin.keeps(me), Some(session));
        assert_eq!(admin.keeps(Uuid::now_v7()), None);
        assert_eq!(By::CommandLine.keeps(me), None);
    }
}
