//! One consultant's page: what they take, their daily cap, how they meet, whether they take
//! consultations, whose hours they follow; admins change these here, and link the firm's own
//! calendar to an account.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use serde::Deserialize;
use uuid::Uuid;

use super::{
    candidates, consultant_url,
    form::{MemberInput, ProfileInput},
    language_options, names, pathway_options, refusal_key,
};
use crate::{
    accounts::By,
    auth::CurrentStaff,
    consultants,
    context::{App, AppContext},
    db::{self, consultants::Consultant},
    error::AppError,
    web::{forms::FormErrors, html, page::PageCtx, see_other},
};

#[derive(Template)]
#[template(path = "staff/consultant.html")]
pub struct ConsultantPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub is_admin: bool,
    pub id: String,
    /// The account's name, or the firm's for its own calendar.
    pub title: String,
    pub linked: bool,
    pub email: String,
    pub languages_text: String,
    pub pathways_text: String,
    pub daily_cap: i32,
    pub video_link: String,
    pub phone: String,
    pub regulator: String,
    pub licence_number: String,
    /// The consultant's own flag.
    pub active: bool,
    /// Their staff account is disabled (no times of theirs are offered).
    pub account_disabled: bool,
    pub own_hours: bool,
    pub hours_url: String,
    /// The profile form's values.
    pub profile: ProfileInput,
    pub languages: Vec<(String, String)>,
    pub pathways: Vec<(String, String)>,
    /// Who the firm's own calendar can be linked to.
    pub members: Vec<(String, String)>,
    pub member: String,
    /// What was just done: `created`, `profile`, `linked`, or empty; and what the banner says of it.
    pub saved: String,
    pub saved_text: String,
    pub errors: FormErrors,
}

/// What a failed POST shows again.
#[derive(Default)]
struct Attempt {
    profile: Option<ProfileInput>,
    member: String,
    errors: FormErrors,
}

async fn find(app: &AppContext, raw_id: &str) -> Result<Consultant, AppError> {
    let id = super::super::parse_id(raw_id)?;
    db::consultants::find(&app.pool, id).await?.ok_or(AppError::NotFound)
}

async fn page(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    consultant: Consultant,
    saved: String,
    attempt: Attempt,
) -> Result<HttpResponse, AppError> {
    let id = consultant.consultant_id;
    let stored = db::consultants::profile(&app.pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let own_hours = db::availability::rules(&app.pool)
        .await?
        .iter()
        .any(|r| r.consultant_id == Some(id));
    let members = if consultant.staff_user_id.is_none() && staff.is_admin() {
        candidates(app).await?
    } else {
        Vec::new()
    };
    let status = if attempt.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ConsultantPage {
        is_admin: staff.is_admin(),
        id: id.to_string(),
        title: consultant.display_name(&ctx.firm_name).to_owned(),
        linked: consultant.staff_user_id.is_some(),
        email: consultant.email.clone(),
        languages_text: names(&ctx, "language-name-", &stored.languages),
        pathways_text: names(&ctx, "pathway-", &stored.pathways),
        daily_cap: stored.daily_cap,
        video_link: stored.video_link.clone(),
        phone: stored.phone.clone(),
        regulator: stored.regulator.clone(),
        licence_number: stored.licence_number.clone(),
        active: stored.active,
        account_disabled: stored.active && !consultant.active,
        own_hours,
        hours_url: format!("/staff/availability?consultant={id}"),
        profile: attempt.profile.unwrap_or_else(|| ProfileInput::from_profile(&stored)),
        languages: language_options(&ctx),
        pathways: pathway_options(&ctx),
        members,
        member: attempt.member,
        saved_text: if saved.is_empty() {
            String::new()
        } else {
            ctx.t(&format!("consultant-saved-{saved}"))
        },
        saved,
        errors: attempt.errors,
        ctx,
        staff: Some(staff),
    };
    html(status, &page)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ShowQuery {
    pub saved: String,
}

pub async fn show(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, AppError> {
    let consultant = find(&app, &path).await?;
    let saved = match query.saved.as_str() {
        known @ ("created" | "profile" | "linked") => known.to_owned(),
        _ => String::new(),
    };
    page(ctx, staff, &app, consultant, saved, Attempt::default()).await
}

fn done(id: Uuid, what: &str) -> HttpResponse {
    see_other(&format!("{}?saved={what}", consultant_url(id)))
}

/// Saves the profile form.
pub async fn save(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let consultant = find(&app, &path).await?;
    let id = consultant.consultant_id;
    let input = ProfileInput::read(&body);
    let profile = match input.parse() {
        Ok(profile) => profile,
        Err(errors) => {
            let attempt = Attempt {
                profile: Some(input),
                errors,
                ..Default::default()
            };
            return page(ctx, staff, &app, consultant, String::new(), attempt).await;
        }
    };
    match consultants::update(&app.pool, By::admin(&staff), id, &profile).await? {
        Ok(_) => Ok(done(id, "profile")),
        // Only a consultant removed meanwhile is refused.
        Err(_) => Err(AppError::NotFound),
    }
}

/// Links the firm's own calendar to a member of staff.
pub async fn link(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let consultant = find(&app, &path).await?;
    let id = consultant.consultant_id;
    let input = MemberInput::read(&body);
    let refused = match input.member(&mut FormErrors::default()) {
        Some(member) => match consultants::link(&app.pool, By::admin(&staff), id, member).await? {
            Ok(()) => return Ok(done(id, "linked")),
            Err(refusal) => refusal_key(refusal)?,
        },
        None => "err-consultant-member",
    };
    let mut errors = FormErrors::default();
    errors.add("staff_user_id", refused);
    let attempt = Attempt {
        member: input.staff_user_id,
        errors,
        ..Default::default()
    };
    page(ctx, staff, &app, consultant, String::new(), attempt).await
}
