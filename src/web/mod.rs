//! The web shell shared by every page: page context, sessions, CSRF and honeypot guard, security
//! headers, static assets, error pages, form helpers.

pub mod assets;
pub mod client_ip;
pub mod errors;
pub mod form_guard;
pub mod forms;
pub mod page;
pub mod pagination;
pub mod request_id;
pub mod security;
pub mod session;
pub mod slot_picker;
pub mod spreadsheet;
pub mod upload;

use actix_web::{
    HttpResponse,
    http::{StatusCode, header},
};

use crate::error::AppError;

/// `303 See Other` to `location`: the answer to a successful POST (actix's `Redirect` defaults to 307).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// A page rendered with `status` (a re-rendered form answers 422; other pages 200).
pub fn html(status: StatusCode, page: &impl askama::Template) -> Result<HttpResponse, AppError> {
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(page.render()?))
}
