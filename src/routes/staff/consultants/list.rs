//! The list of consultants: who takes what, their daily cap, whether they take consultations and
//! whose hours they follow.

use actix_web::{HttpResponse, http::StatusCode};
use askama::Template;

use super::{consultant_url, names};
use crate::{
    auth::CurrentStaff,
    context::App,
    db,
    error::AppError,
    web::{html, page::PageCtx},
};

pub struct ConsultantRow {
    pub id: String,
    pub url: String,
    /// The account's name, or the firm's for its own calendar.
    pub name: String,
    /// Linked to a staff account (the firm's own calendar may not be yet).
    pub linked: bool,
    pub languages: String,
    pub pathways: String,
    pub daily_cap: i32,
    pub active: bool,
    pub own_hours: bool,
}

#[derive(Template)]
#[template(path = "staff/consultants.html")]
pub struct ListPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub is_admin: bool,
    pub consultants: Vec<ConsultantRow>,
}

pub async fn list(ctx: PageCtx, staff: CurrentStaff, app: App) -> Result<HttpResponse, AppError> {
    let rules = db::availability::rules(&app.pool).await?;
    let consultants = db::consultants::all(&app.pool)
        .await?
        .into_iter()
        .map(|c| ConsultantRow {
            id: c.consultant_id.to_string(),
            url: consultant_url(c.consultant_id),
            name: c.display_name(&ctx.firm_name).to_owned(),
            linked: c.staff_user_id.is_some(),
            languages: names(&ctx, "language-name-", &c.languages),
            pathways: names(&ctx, "pathway-", &c.pathways),
            daily_cap: c.daily_cap,
            active: c.active,
            own_hours: rules.iter().any(|r| r.consultant_id == Some(c.consultant_id)),
        })
        .collect();
    let page = ListPage {
        is_admin: staff.is_admin(),
        consultants,
        ctx,
        staff: Some(staff),
    };
    html(StatusCode::OK, &page)
}
