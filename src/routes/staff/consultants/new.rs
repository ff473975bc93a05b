//! Making a member of staff a consultant.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use super::{candidates, consultant_url, form::MemberInput, language_options, pathway_options, refusal_key};
use crate::{
    accounts::By,
    auth::CurrentStaff,
    consultants::{self, Consultancy},
    context::{App, AppContext},
    error::AppError,
    web::{forms::FormErrors, html, page::PageCtx, see_other},
};

#[derive(Template)]
#[template(path = "staff/consultant_new.html")]
pub struct NewPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    /// Active members of staff who are not consultants yet.
    pub members: Vec<(String, String)>,
    pub languages: Vec<(String, String)>,
    pub pathways: Vec<(String, String)>,
    pub input: MemberInput,
    pub errors: FormErrors,
}

async fn page(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    input: MemberInput,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = NewPage {
        members: candidates(app).await?,
        languages: language_options(&ctx),
        pathways: pathway_options(&ctx),
        input,
        errors,
        ctx,
        staff: Some(staff),
    };
    html(status, &page)
}

pub async fn show(ctx: PageCtx, staff: CurrentStaff, app: App) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let default = Consultancy::default();
    let input = MemberInput {
        staff_user_id: String::new(),
        languages: default.languages,
        pathways: default.pathways,
    };
    page(ctx, staff, &app, input, FormErrors::default()).await
}

pub async fn submit(ctx: PageCtx, staff: CurrentStaff, app: App, body: web::Bytes) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let input = MemberInput::read(&body);
    let (member, what) = match input.parse() {
        Ok(parsed) => parsed,
        Err(errors) => return page(ctx, staff, &app, input, errors).await,
    };
    match consultants::make(&app.pool, By::admin(&staff), member, &what).await? {
        Ok(id) => {
            tracing::info!(consultant_id = %id, staff_user_id = %member, "consultant created");
            Ok(see_other(&format!("{}?saved=created", consultant_url(id))))
        }
        Err(refusal) => {
            let mut errors = FormErrors::default();
            errors.add("staff_user_id", refusal_key(refusal)?);
            page(ctx, staff, &app, input, errors).await
        }
    }
}
