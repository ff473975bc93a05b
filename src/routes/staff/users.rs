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
    accounts::{self, Account, By, Field, NewAccount, Refusal},
    auth::{CurrentStaff, Role},
    context::{App, AppContext},
    db::{self, staff::StaffUser},
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

/// The admin asking, for the accounts room.
fn by(staff: &CurrentStaff) -> By {
    By::Admin {
        id: staff.id,
        session: staff.session_id,
    }
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
    /// The account to make, or every problem against its field.
    pub fn parse(self) -> Result<NewAccount, FormErrors> {
        let password = SecretString::from(self.password);
        NewAccount::parse(&self.email, &self.name, &self.role, password).map_err(|problems| {
            let mut errors = FormErrors::default();
            for (field, invalid) in problems {
                let field = match field {
                    Field::Email => "email",
                    Field::Name => "name",
                    Field::Role => "role",
                    Field::Password => "password",
                };
                errors.add(field, about_member(invalid).0);
            }
            errors
        })
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
    let account = match input.parse() {
        Ok(account) => account,
        Err(errors) => return rerender(ctx, staff, errors),
    };
    let masked = account.email.masked();
    match accounts::create(&app.pool, by(&staff), account).await? {
        Ok(created) => {
            tracing::info!(staff_user_id = %created.id, email = %masked, "staff account created");
            Ok(see_other("/staff/users"))
        }
        // Only an email already used is refused here.
        Err(refusal) => {
            let mut errors = FormErrors::default();
            errors.add("email", refusal_key(refusal)?);
            rerender(ctx, staff, errors)
        }
    }
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

/// The message key of a refusal on a member's page.
fn refusal_key(refusal: Refusal) -> Result<&'static str, AppError> {
    Ok(match refusal {
        Refusal::Unknown => return Err(AppError::NotFound),
        Refusal::EmailTaken(_) => "err-member-email-taken",
        Refusal::Password(invalid) => about_member(invalid).0,
        Refusal::OwnAccount => "err-staff-disable-self",
        Refusal::LastAdmin => "err-staff-last-admin",
    })
}

/// The member's page again, with status 422 and `key` against `field`.
async fn refused(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    id: Uuid,
    field: &'static str,
    key: &'static str,
) -> Result<HttpResponse, AppError> {
    let user = db::staff::find_by_id(&app.pool, id).await?.ok_or(AppError::NotFound)?;
    let mut errors = FormErrors::default();
    errors.add(field, key);
    html(
        StatusCode::UNPROCESSABLE_ENTITY,
        &member_page(ctx, staff, app, user, errors),
    )
}

/// After a change on a member's page: back to it, or the page again with the refusal against `field`.
async fn answer(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    id: Uuid,
    field: &'static str,
    outcome: Result<(), Refusal>,
) -> Result<HttpResponse, AppError> {
    match outcome {
        Ok(()) => Ok(see_other(&user_url(id))),
        Err(refusal) => refused(ctx, staff, app, id, field, refusal_key(refusal)?).await,
    }
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
    let id = super::parse_id(&path)?;
    let outcome = accounts::disable(&app.pool, by(&staff), id).await?;
    answer(ctx, staff, &app, id, "active", outcome).await
}

pub async fn enable(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = super::parse_id(&path)?;
    let outcome = accounts::enable(&app.pool, by(&staff), id).await?;
    answer(ctx, staff, &app, id, "active", outcome).await
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
    let id = super::parse_id(&path)?;
    let password = SecretString::from(input.into_inner().password);
    let outcome = accounts::reset_password(&app.pool, by(&staff), Account::Id(id), password).await?;
    answer(ctx, staff, &app, id, "password", outcome.map(drop)).await
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
    let id = super::parse_id(&path)?;
    let Some(role) = Role::parse(input.role.trim()) else {
        return refused(ctx, staff, &app, id, "role", "err-staff-role").await;
    };
    let outcome = accounts::set_role(&app.pool, by(&staff), id, role).await?;
    // Admins who give up their own role can no longer see this page.
    if outcome.as_ref().is_ok_and(|changed| *changed) && id == staff.id {
        return Ok(see_other(crate::auth::HOME_PATH));
    }
    answer(ctx, staff, &app, id, "role", outcome.map(drop)).await
}

/// Removes a member's second factor (a lost phone with no recovery codes left) and ends their
/// sessions; they set it up again at their next sign-in (when the firm requires it) or on their
/// account page.
pub async fn reset_second_factor(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = super::parse_id(&path)?;
    let outcome = accounts::reset_second_factor(&app.pool, by(&staff), Account::Id(id)).await?;
    answer(ctx, staff, &app, id, "second_factor", outcome.map(drop)).await
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
