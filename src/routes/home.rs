//! The landing page, and `/` choosing a language.

use actix_web::{HttpRequest, HttpResponse, Responder, http::header, web};
use askama::Template;
use askama_web::WebTemplate;

use crate::{i18n::Lang, routes::LANG, web::page::PageCtx};

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

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    pub ctx: PageCtx,
}

pub async fn show(ctx: PageCtx) -> impl Responder {
    HomePage { ctx }
}
