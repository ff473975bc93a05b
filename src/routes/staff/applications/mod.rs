//! `/staff/applications`: the list (filters and search in the query string, so a view can be
//! bookmarked), its CSV export, and each application's page with its actions (moving its
//! consultation has pages of its own: `consultations::moving`).

mod actions;
mod detail;
mod export;
mod list;

use actix_web::{HttpResponse, web};
use uuid::Uuid;

use super::parse_id;
use crate::{
    auth::CurrentStaff,
    domain::{pathway::Pathway, status::ReviewStatus},
    error::AppError,
    i18n::Lang,
    prescreen::{self, Outcome},
    web::{page::PageCtx, see_other},
};
use actions::{add_note, assign, cancel_booking, erase, resend, set_status};
use detail::detail;
use export::export;
use list::list;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/applications", web::get().to(list))
        .route("/applications/export.csv", web::get().to(export))
        .route("/applications/{id}", web::get().to(detail))
        .route("/applications/{id}/status", web::post().to(set_status))
        .route("/applications/{id}/assign", web::post().to(assign))
        .route("/applications/{id}/notes", web::post().to(add_note))
        .route("/applications/{id}/emails/{email}/resend", web::post().to(resend))
        .route("/applications/{id}/booking/cancel", web::post().to(cancel_booking))
        .route("/applications/{id}/erase", web::post().to(erase));
}

/// The review statuses as the drop-downs offer them: (form value, name).
fn status_options(ctx: &PageCtx) -> Vec<(String, String)> {
    ReviewStatus::ALL
        .into_iter()
        .map(|s| (s.as_str().to_owned(), ctx.t(&s.i18n_key())))
        .collect()
}

/// The pre-screen outcomes as the list's filter offers them: (form value, name).
fn outcome_options(ctx: &PageCtx) -> Vec<(String, String)> {
    Outcome::ALL
        .into_iter()
        .map(|o| (o.as_str().to_owned(), ctx.t(o.i18n_key())))
        .collect()
}

fn pathway_name(lang: Lang, code: Option<&str>) -> String {
    code.and_then(Pathway::from_code)
        .map(|p| lang.t(prescreen::pathway_key(p)))
        .unwrap_or_default()
}

fn back(id: Uuid, anchor: &str) -> HttpResponse {
    see_other(&format!("/staff/applications/{id}#{anchor}"))
}

async fn audit(
    conn: &mut sqlx::PgConnection,
    staff: &CurrentStaff,
    action: &'static str,
    id: Uuid,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), AppError> {
    super::audit(conn, staff, action, "application", Some(id), (before, after)).await
}
