//! `/staff/users` (admins): the staff accounts, adding a member, disabling and re-enabling an
//! account, setting a new password, changing a role; and the data retention periods in force.
//!
//! There is always an active admin: nobody disables their own account, and the last active admin
//! can be neither disabled nor demoted. Every change is in the audit trail, never with a password
//! or its hash.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::{
    auth::{CurrentStaff, Role, password},
    context::{App, AppContext},
    db::{
        self,
        staff::{EMAIL_TAKEN, NewStaff, StaffUser},
    },
    domain::{email_address::EmailAddress, person_name::PersonName},
    error::AppError,
    web::{
        forms::{FormErrors, Invalid},
        html,
        page::PageCtx,
        see_other,
    },
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/users", web::get().to(list))
        .service(web::resource("/users/new").get(show).post(submit))
        .route("/users/{id}", web::get().to(detail))
        .route("/users/{id}/disable", web::post().to(disable))
        .route("/users/{id}/enable", web::post().to(enable))
        .route("/users/{id}/password", web::post().to(reset_password))
        .route("/users/{id}/role", web::post().to(set_role))
        .route("/users/{id}/second-factor/reset", web::post().to(reset_second_factor))
        .route("/users/security-policy", web::post().to(set_security_policy));
}

/// Changes that could leave no active admin (disabling, demoting) are checked and made one at a
/// time: two admins disabling each other at once must not both succeed. The app runs as one process.
static ADMIN_CHANGES: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn role_options(ctx: &PageCtx) -> Vec<(String, String)> {
    Role::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), ctx.t(&role_key(*r))))
        .collect()
}

fn role_key(role: Role) -> String {
    format!("staff-role-{}", role.as_str())
}

fn user_url(id: Uuid) -> String {
    format!("/staff/users/{id}")
}

async fn audit(
    conn: &mut sqlx::PgConnection,
    staff: &CurrentStaff,
    action: &'static str,
    subject: Uuid,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), AppError> {
    super::audit(conn, staff, action, "staff_user", Some(subject), (before, after)).await
}

// ---------------------------------------------------------------------------------------------
// The list, with the retention periods.

pub struct MemberView {
    pub url: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub active: bool,
    /// Two-step verification is on.
    pub second_factor: bool,
    pub me: bool,
}

#[derive(Template)]
#[template(path = "staff/users.html")]
pub struct ListPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub members: Vec<MemberView>,
    pub draft_days: String,
    pub lead_days: String,
    /// Every staff member must use two-step verification.
    pub second_factor_required: bool,
    /// The security policy was just saved.
    pub policy_saved: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub saved: String,
}

pub async fn list(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let members = db::staff::list_all(&app.pool)
        .await?
        .into_iter()
        .map(|u| MemberView {
            url: user_url(u.staff_user_id),
            role: ctx.t(&role_key(u.role)),
            active: u.active,
            second_factor: u.has_second_factor(),
            me: u.staff_user_id == staff.id,
            name: u.name,
            email: u.email,
        })
        .collect();
    let page = ListPage {
        members,
        second_factor_required: db::staff::second_factor_required(&app.pool).await?,
        policy_saved: query.saved == "policy",
        draft_days: app.settings.draft_days.to_string(),
        lead_days: app.settings.lead_retention_days.to_string(),
        ctx,
        staff: Some(staff),
    };
    html(StatusCode::OK, &page)
}

// ---------------------------------------------------------------------------------------------
// Adding a member.

#[derive(Template)]
#[template(path = "staff/user_new.html")]
pub struct NewPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub email: String,
    /// `name` would be taken by the form macros' own parameter.
    pub member_name: String,
    pub role: String,
    pub roles: Vec<(String, String)>,
    pub errors: FormErrors,
}

/// The form as posted. No `Debug`: it holds a password.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct NewMemberInput {
    pub email: String,
    pub name: String,
    pub role: String,
    pub password: String,
}

/// A new member, checked.
pub struct NewMember {
    pub email: EmailAddress,
    pub name: PersonName,
    pub role: Role,
    pub password: SecretString,
}

/// The applicant-facing messages speak to "you"; here an admin types someone else's details.
fn about_member(invalid: Invalid) -> Invalid {
    match invalid.0 {
        "err-email-required" => Invalid("err-member-email-required"),
        "err-name-required" => Invalid("err-member-name-required"),
        "err-name-short" | "err-name-long" => Invalid("err-member-name-length"),
        "err-name-format" => Invalid("err-member-name-format"),
        "err-password-personal" => Invalid("err-member-password-personal"),
        _ => invalid,
    }
}

impl NewMemberInput {
    pub fn parse(self) -> Result<NewMember, FormErrors> {
        let mut errs = FormErrors::default();
        let email = errs.check("email", EmailAddress::parse(&self.email).map_err(about_member));
        let name = errs.check("name", PersonName::parse(&self.name).map_err(about_member));
        let role = errs.check("role", Role::parse(self.role.trim()).ok_or(Invalid("err-staff-role")));
        let policy = password::check_policy(&self.password, self.email.trim(), self.name.trim());
        let password = errs.check("password", policy.map_err(about_member));
        match (email, name, role, password) {
            (Some(email), Some(name), Some(role), Some(())) => Ok(NewMember {
                email,
                name,
                role,
                password: SecretString::from(self.password),
            }),
            _ => Err(errs),
        }
    }
}

pub async fn show(ctx: PageCtx, staff: CurrentStaff) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let page = NewPage {
        roles: role_options(&ctx),
        ctx,
        staff: Some(staff),
        email: String::new(),
        member_name: String::new(),
        role: Role::Staff.as_str().to_owned(),
        errors: FormErrors::default(),
    };
    html(StatusCode::OK, &page)
}

pub async fn submit(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    input: web::Form<NewMemberInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let input = input.into_inner();
    // Echoed on failure: everything but the password.
    let (email, name, role) = (
        input.email.trim().to_owned(),
        input.name.trim().to_owned(),
        input.role.clone(),
    );
    let rerender = |ctx: PageCtx, staff: CurrentStaff, errors: FormErrors| {
        let page = NewPage {
            roles: role_options(&ctx),
            ctx,
            staff: Some(staff),
            email: email.clone(),
            member_name: name.clone(),
            role: role.clone(),
            errors,
        };
        html(StatusCode::UNPROCESSABLE_ENTITY, &page)
    };
    let member = match input.parse() {
        Ok(member) => member,
        Err(errors) => return rerender(ctx, staff, errors),
    };
    let hash = password::hash(member.password).await?;
    let mut tx = app.pool.begin().await?;
    let inserted = db::staff::insert(
        &mut tx,
        &NewStaff {
            email: member.email.as_ref(),
            name: member.name.as_ref(),
            role: member.role,
            password_hash: &hash,
        },
    )
    .await;
    let id = match inserted {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.constraint() == Some(EMAIL_TAKEN) => {
            let mut errors = FormErrors::default();
            errors.add("email", "err-member-email-taken");
            return rerender(ctx, staff, errors);
        }
        Err(e) => return Err(e.into()),
    };
    audit(
        &mut tx,
        &staff,
        "staff.create",
        id,
        None,
        Some(json!({ "role": member.role.as_str(), "active": true })),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(staff_user_id = %id, email = %member.email.masked(), "staff account created");
    Ok(see_other("/staff/users"))
}

// ---------------------------------------------------------------------------------------------
// One member: role, password, disable / enable.

#[derive(Template)]
#[template(path = "staff/user.html")]
pub struct MemberPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub role_code: String,
    pub roles: Vec<(String, String)>,
    pub active: bool,
    /// Two-step verification is on.
    pub second_factor: bool,
    pub created: String,
    pub me: bool,
    pub errors: FormErrors,
}

fn member_page(ctx: PageCtx, staff: CurrentStaff, app: &AppContext, user: StaffUser, errors: FormErrors) -> MemberPage {
    let tz = app.settings.firm_time_zone;
    let fmt = |t: chrono::DateTime<Utc>| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    MemberPage {
        id: user.staff_user_id.to_string(),
        role: ctx.t(&role_key(user.role)),
        role_code: user.role.as_str().to_owned(),
        roles: role_options(&ctx),
        active: user.active,
        second_factor: user.has_second_factor(),
        created: fmt(user.created_at),
        me: user.staff_user_id == staff.id,
        name: user.name,
        email: user.email,
        ctx,
        staff: Some(staff),
        errors,
    }
}

async fn find(app: &AppContext, raw_id: &str) -> Result<StaffUser, AppError> {
    let id = super::parse_id(raw_id)?;
    db::staff::find_by_id(&app.pool, id).await?.ok_or(AppError::NotFound)
}

/// The member's page again, with status 422 and `key` against `field`.
fn refused(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    user: StaffUser,
    field: &'static str,
    key: &'static str,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    errors.add(field, key);
    html(
        StatusCode::UNPROCESSABLE_ENTITY,
        &member_page(ctx, staff, app, user, errors),
    )
}

pub async fn detail(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let user = find(&app, &path).await?;
    html(
        StatusCode::OK,
        &member_page(ctx, staff, &app, user, FormErrors::default()),
    )
}

pub async fn disable(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let _one_at_a_time = ADMIN_CHANGES.lock().await;
    let user = find(&app, &path).await?;
    let id = user.staff_user_id;
    if id == staff.id {
        return refused(ctx, staff, &app, user, "active", "err-staff-disable-self");
    }
    if !user.active {
        return Ok(see_other(&user_url(id)));
    }
    if user.role == Role::Admin && db::staff::count_active_admins(&app.pool).await? <= 1 {
        return refused(ctx, staff, &app, user, "active", "err-staff-last-admin");
    }
    let mut tx = app.pool.begin().await?;
    db::staff::set_active(&mut tx, id, false).await?;
    db::staff_sessions::revoke_all(&mut *tx, id, None).await?;
    audit(
        &mut tx,
        &staff,
        "staff.disable",
        id,
        Some(json!({ "active": true })),
        Some(json!({ "active": false })),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&user_url(id)))
}

pub async fn enable(staff: CurrentStaff, app: App, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let user = find(&app, &path).await?;
    let id = user.staff_user_id;
    if !user.active {
        let mut tx = app.pool.begin().await?;
        db::staff::set_active(&mut tx, id, true).await?;
        audit(
            &mut tx,
            &staff,
            "staff.enable",
            id,
            Some(json!({ "active": false })),
            Some(json!({ "active": true })),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(see_other(&user_url(id)))
}

/// No `Debug`: it holds a password.
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct PasswordInput {
    pub password: String,
}

/// Sets the password the admin typed (the policy applies). This ends the member's sessions (all but
/// the admin's current one, when admins reset their own password).
pub async fn reset_password(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    input: web::Form<PasswordInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let user = find(&app, &path).await?;
    let id = user.staff_user_id;
    let input = input.into_inner();
    if let Err(invalid) = password::check_policy(&input.password, &user.email, &user.name) {
        return refused(ctx, staff, &app, user, "password", about_member(invalid).0);
    }
    let hash = password::hash(SecretString::from(input.password)).await?;
    let mut tx = app.pool.begin().await?;
    db::staff::set_password_hash(&mut tx, id, &hash).await?;
    let keep = (id == staff.id).then_some(staff.session_id);
    let ended = db::staff_sessions::revoke_all(&mut *tx, id, keep).await?;
    audit(
        &mut tx,
        &staff,
        "staff.password_reset",
        id,
        None,
        Some(json!({ "sessions_ended": ended })),
    )
    .await?;
    tx.commit().await?;
    Ok(see_other(&user_url(id)))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RoleInput {
    pub role: String,
}

pub async fn set_role(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    input: web::Form<RoleInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let _one_at_a_time = ADMIN_CHANGES.lock().await;
    let user = find(&app, &path).await?;
    let id = user.staff_user_id;
    let Some(role) = Role::parse(input.role.trim()) else {
        return refused(ctx, staff, &app, user, "role", "err-staff-role");
    };
    if role == user.role {
        return Ok(see_other(&user_url(id)));
    }
    let demoting_an_active_admin = user.role == Role::Admin && user.active;
    if demoting_an_active_admin && db::staff::count_active_admins(&app.pool).await? <= 1 {
        return refused(ctx, staff, &app, user, "role", "err-staff-last-admin");
    }
    let mut tx = app.pool.begin().await?;
    db::staff::set_role(&mut tx, id, role).await?;
    audit(
        &mut tx,
        &staff,
        "staff.role",
        id,
        Some(json!({ "role": user.role.as_str() })),
        Some(json!({ "role": role.as_str() })),
    )
    .await?;
    tx.commit().await?;
    // Admins who give up their own role can no longer see this page.
    Ok(see_other(&if id == staff.id {
        crate::auth::HOME_PATH.to_owned()
    } else {
        user_url(id)
    }))
}

/// Removes a member's second factor (a lost phone with no recovery codes left) and ends their
/// sessions; they set it up again at their next sign-in (when the firm requires it) or on their
/// account page.
pub async fn reset_second_factor(
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let user = find(&app, &path).await?;
    let id = user.staff_user_id;
    let mut tx = app.pool.begin().await?;
    if db::staff::remove_totp(&mut tx, id).await? {
        let keep = (id == staff.id).then_some(staff.session_id);
        let ended = db::staff_sessions::revoke_all(&mut *tx, id, keep).await?;
        audit(
            &mut tx,
            &staff,
            "staff.second_factor_reset",
            id,
            Some(json!({ "second_factor": true })),
            Some(json!({ "second_factor": false, "sessions_ended": ended })),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(see_other(&user_url(id)))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PolicyInput {
    /// "on" when the box is ticked.
    pub require_second_factor: String,
}

/// Requires (or stops requiring) two-step verification of every staff member. Those without it are
/// sent to set it up at their next request.
pub async fn set_security_policy(
    staff: CurrentStaff,
    app: App,
    input: web::Form<PolicyInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let required = input.require_second_factor == "on";
    let mut tx = app.pool.begin().await?;
    let before = db::staff::second_factor_required(&mut *tx).await?;
    if before != required {
        db::staff::set_second_factor_required(&mut tx, required).await?;
        super::audit(
            &mut tx,
            &staff,
            "security.policy",
            "security_policy",
            None,
            (
                Some(json!({ "require_second_factor": before })),
                Some(json!({ "require_second_factor": required })),
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(see_other("/staff/users?saved=policy#security"))
}
