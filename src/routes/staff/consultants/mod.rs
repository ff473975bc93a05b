//! `/staff/consultants`: the firm's consultants, for every member of staff to read. Admins make a
//! member of staff a consultant, change the languages and pathways they take, their daily cap, how
//! they meet and whether they take consultations, and link the firm's own calendar to an account.
//! The changes are `crate::consultants`'; each consultant's hours and time off are on the
//! availability page (`/staff/availability?consultant=...`).
//!
//! `form` reads the forms, `list`, `detail` and `new` are the pages.

mod detail;
mod form;
mod list;
mod new;

use actix_web::web;
use uuid::Uuid;

use crate::{
    consultants::{LANGUAGES, PATHWAYS, Refusal},
    context::AppContext,
    db,
    error::AppError,
    web::page::PageCtx,
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/consultants", web::get().to(list::list))
        .service(web::resource("/consultants/new").get(new::show).post(new::submit))
        .service(web::resource("/consultants/{id}").get(detail::show).post(detail::save))
        .route("/consultants/{id}/link", web::post().to(detail::link));
}

pub(super) fn consultant_url(id: Uuid) -> String {
    format!("/staff/consultants/{id}")
}

/// The consultation languages, as (code, name) options.
fn language_options(ctx: &PageCtx) -> Vec<(String, String)> {
    LANGUAGES
        .iter()
        .map(|code| ((*code).to_owned(), ctx.t(&format!("language-name-{code}"))))
        .collect()
}

/// The pathways, as (code, name) options.
fn pathway_options(ctx: &PageCtx) -> Vec<(String, String)> {
    PATHWAYS
        .iter()
        .map(|code| ((*code).to_owned(), ctx.t(&format!("pathway-{code}"))))
        .collect()
}

/// The names of `codes` (`prefix` + code is each one's message), joined.
fn names(ctx: &PageCtx, prefix: &str, codes: &[String]) -> String {
    codes
        .iter()
        .map(|code| ctx.t(&format!("{prefix}{code}")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The active members of staff who are not consultants, as (id, "Name (email)") options: who can
/// be made a consultant or linked to the firm's own calendar.
async fn candidates(app: &AppContext) -> Result<Vec<(String, String)>, AppError> {
    let consultants = db::consultants::all(&app.pool).await?;
    Ok(db::staff::list_all(&app.pool)
        .await?
        .into_iter()
        .filter(|m| m.active && !consultants.iter().any(|c| c.staff_user_id == Some(m.staff_user_id)))
        .map(|m| (m.staff_user_id.to_string(), format!("{} ({})", m.name, m.email)))
        .collect())
}

/// The field and message of a refusal about the member of staff chosen; `Unknown`: no such page.
fn refusal_key(refusal: Refusal) -> Result<&'static str, AppError> {
    Ok(match refusal {
        Refusal::Unknown => return Err(AppError::NotFound),
        Refusal::NoSuchMember => "err-consultant-member",
        Refusal::AlreadyConsultant => "err-consultant-member-taken",
        Refusal::AlreadyLinked => "err-consultant-linked",
    })
}
