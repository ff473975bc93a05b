//! `PageCtx`: what every page template needs (language, CSRF token, firm name, language switch).

use std::{
    cell::OnceCell,
    future::{Ready, ready},
};

use actix_session::{Session, SessionExt};
use actix_web::{FromRequest, HttpRequest, dev::Payload, http::header};

use std::sync::Arc;

use crate::{config::FirmContact, context::App, error::AppError, i18n::Lang, web::session::TypedSession};

/// The context of one rendered page.
#[derive(Clone)]
pub struct PageCtx {
    pub lang: Lang,
    pub firm_name: String,
    /// The firm's address, telephone and privacy contact (the footer, the contact and privacy pages).
    pub contact: Arc<FirmContact>,
    /// The session, to create a CSRF token only when the page has a form: reading pages sets no cookie.
    session: Option<Session>,
    csrf_token: OnceCell<String>,
    /// The path after the language segment (`/apply/gts`), to keep the page when switching language.
    rest_of_path: String,
    query: String,
}

impl PageCtx {
    /// A context for `lang` outside a request (the page's own path is the home page).
    pub fn new(lang: Lang, csrf_token: String, firm_name: String) -> PageCtx {
        PageCtx {
            lang,
            firm_name,
            contact: Arc::default(),
            session: None,
            csrf_token: OnceCell::from(csrf_token),
            rest_of_path: "/".to_owned(),
            query: String::new(),
        }
    }

    /// The session's CSRF token for this page's forms, created on first use.
    pub fn csrf_token(&self) -> &str {
        self.csrf_token.get_or_init(|| {
            self.session
                .as_ref()
                .map(|s| TypedSession(s).csrf_token())
                .unwrap_or_default()
        })
    }

    pub fn from_request_parts(req: &HttpRequest) -> PageCtx {
        let path = req.path();
        let lang = req
            .match_info()
            .get("lang")
            .and_then(Lang::from_code)
            .or_else(|| Lang::from_path(path))
            .unwrap_or_else(|| {
                Lang::negotiate(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
            });
        let rest_of_path = match Lang::from_path(path) {
            Some(l) => path.trim_start_matches('/')[l.code().len()..].to_owned(),
            None => "/".to_owned(),
        };
        let session = req.get_session();
        let (firm_name, contact) = req
            .app_data::<App>()
            .map(|app| (app.settings.firm_name.clone(), app.settings.firm_contact.clone()))
            .unwrap_or_default();
        PageCtx {
            lang,
            session: Some(session),
            csrf_token: OnceCell::new(),
            firm_name,
            contact,
            rest_of_path: if rest_of_path.is_empty() {
                "/".to_owned()
            } else {
                rest_of_path
            },
            query: req.query_string().to_owned(),
        }
    }

    /// Translated text; every message may use `{ $firm }`.
    pub fn t(&self, key: &str) -> String {
        self.lang.t_args(key, &[("firm", &self.firm_name)])
    }

    /// Translated text with one named argument besides `$firm`.
    /// The label of question `field` (`q-{field}`), as error summaries name it.
    pub fn question(&self, field: &str) -> String {
        self.t(&format!("q-{field}"))
    }

    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        self.lang
            .t_args(key, &[("firm", self.firm_name.as_str()), (name, value)])
    }

    /// A site path in this page's language: `url("/apply")` → `/fr/apply`.
    pub fn url(&self, rest: &str) -> String {
        format!("/{}{}", self.lang.code(), rest)
    }

    /// This same page in the other language.
    pub fn switch_url(&self) -> String {
        let mut url = format!("/{}{}", self.lang.other().code(), self.rest_of_path);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&self.query);
        }
        url
    }

    pub fn other_lang(&self) -> Lang {
        self.lang.other()
    }

    /// The URL of a compiled-in static file, with a content hash for caching.
    pub fn asset(&self, path: &str) -> String {
        crate::web::assets::url(path)
    }

    pub fn year(&self) -> String {
        chrono::Utc::now().format("%Y").to_string()
    }
}

impl std::fmt::Debug for PageCtx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCtx")
            .field("lang", &self.lang)
            .field("path", &self.rest_of_path)
            .finish_non_exhaustive()
    }
}

impl FromRequest for PageCtx {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    /// 404 when the route's `{lang}` segment is not a language of the site.
    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if req
            .match_info()
            .get("lang")
            .is_some_and(|code| Lang::from_code(code).is_none())
        {
            return ready(Err(AppError::NotFound.into()));
        }
        ready(Ok(PageCtx::from_request_parts(req)))
    }
}
