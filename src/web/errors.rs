//! Localized error pages for every 4xx/5xx response that has no page of its own.

use actix_web::{
    HttpRequest, HttpResponse,
    body::MessageBody,
    dev::ServiceResponse,
    http::{StatusCode, header},
    middleware::{ErrorHandlerResponse, ErrorHandlers},
};
use askama::Template;

use crate::web::page::PageCtx;

#[derive(Template)]
#[template(path = "errors/error.html")]
pub struct ErrorPage {
    pub ctx: PageCtx,
    pub status: u16,
    pub title_key: &'static str,
    pub body_key: &'static str,
}

/// Paths whose error answers are for machines, kept as they are.
const OPERATIONAL_PATHS: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

pub fn handlers<B: MessageBody + 'static>() -> ErrorHandlers<B> {
    ErrorHandlers::new().default_handler(render)
}

fn render<B: MessageBody + 'static>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html || OPERATIONAL_PATHS.contains(&res.request().path()) {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let (req, res) = res.into_parts();
    let page = error_response(&req, res.status(), &res);
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, page).map_into_right_body(),
    ))
}

fn keys(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 => ("error-400-title", "error-400-body"),
        403 => ("error-403-title", "error-403-body"),
        404 => ("error-404-title", "error-404-body"),
        405 => ("error-405-title", "error-405-body"),
        413 => ("error-413-title", "error-413-body"),
        415 => ("error-415-title", "error-415-body"),
        429 => ("error-429-title", "error-429-body"),
        503 => ("error-503-title", "error-503-body"),
        s if s >= 500 => ("error-500-title", "error-500-body"),
        _ => ("error-400-title", "error-400-body"),
    }
}

/// The localized page for `status`, keeping the original answer's headers (cookies, Retry-After, Allow).
fn error_response<B>(req: &HttpRequest, status: StatusCode, original: &actix_web::HttpResponse<B>) -> HttpResponse {
    let form_refused = original.headers().contains_key(crate::web::form_guard::REFUSAL_HEADER);
    let (title_key, body_key) = match keys(status) {
        // A 403 from a handler means "not allowed"; from the form guard, "this form has expired".
        ("error-403-title", _) if !form_refused => ("error-403-denied-title", "error-403-denied-body"),
        keys => keys,
    };
    let page = ErrorPage {
        ctx: PageCtx::from_request_parts(req),
        status: status.as_u16(),
        title_key,
        body_key,
    };
    let html = page
        .render()
        .unwrap_or_else(|_| status.canonical_reason().unwrap_or("Error").to_owned());
    let mut builder = HttpResponse::build(status);
    for (name, value) in original.headers() {
        if name != header::CONTENT_TYPE
            && name != header::CONTENT_LENGTH
            && name.as_str() != crate::web::form_guard::REFUSAL_HEADER
        {
            builder.append_header((name.clone(), value.clone()));
        }
    }
    builder.insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"));
    builder.insert_header((header::CACHE_CONTROL, "no-store"));
    builder.body(html)
}
