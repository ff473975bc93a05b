//! The landing page, and `/` choosing a language.

use std::cell::RefCell;

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, http::header, web, web::Bytes};
use askama::Template;
use chrono::Datelike as _;

use crate::{
    error::AppError,
    i18n::Lang,
    routes::LANG,
    web::{html, page::PageCtx},
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(&format!("/{LANG}/"), web::get().to(show))
        .route(&format!("/{LANG}"), web::get().to(add_slash));
}

/// `/` → `/en/` or `/fr/`, by the browser's `Accept-Language`.
pub async fn negotiate(req: HttpRequest) -> HttpResponse {
    let lang = Lang::negotiate(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    HttpResponse::Found()
        .insert_header((header::LOCATION, format!("/{}/", lang.code())))
        .insert_header((header::VARY, "Accept-Language"))
        .finish()
}

async fn add_slash(path: web::Path<String>) -> HttpResponse {
    match Lang::from_code(&path) {
        Some(lang) => HttpResponse::PermanentRedirect()
            .insert_header((header::LOCATION, format!("/{lang}/")))
            .finish(),
        None => HttpResponse::NotFound().finish(),
    }
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub ctx: PageCtx,
}

/// A rendered landing page and what it was rendered with.
struct Rendered {
    firm_name: String,
    year: i32,
    body: Bytes,
}

thread_local! {
    /// The landing page per language, as this worker thread last rendered it.
    static RENDERED: RefCell<[Option<Rendered>; 2]> = const { RefCell::new([None, None]) };
}

/// The landing page holds nothing of the visitor's (no session, no form, no answers): for one
/// language it is the same for everyone until the year in its footer changes, so it is rendered
/// once per worker thread, language, firm name and year. A query string (which the language
/// switch repeats) gets a page rendered afresh.
pub async fn show(ctx: PageCtx, req: HttpRequest) -> Result<HttpResponse, AppError> {
    if !req.query_string().is_empty() {
        return html(StatusCode::OK, &HomePage { ctx });
    }
    let index = match ctx.lang {
        Lang::En => 0,
        Lang::Fr => 1,
    };
    let year = chrono::Utc::now().year();
    let cached = RENDERED.with_borrow(|pages| {
        pages[index]
            .as_ref()
            .filter(|page| page.year == year && page.firm_name == ctx.firm_name)
            .map(|page| page.body.clone())
    });
    let body = match cached {
        Some(body) => body,
        None => {
            let firm_name = ctx.firm_name.clone();
            let body = Bytes::from(HomePage { ctx }.render()?);
            // Kept only when the footer's year is still the current one.
            if chrono::Utc::now().year() == year {
                RENDERED.with_borrow_mut(|pages| {
                    pages[index] = Some(Rendered {
                        firm_name,
                        year,
                        body: body.clone(),
                    });
                });
            }
            body
        }
    };
    Ok(HttpResponse::Ok().content_type("text/html; charset=utf-8").body(body))
}
