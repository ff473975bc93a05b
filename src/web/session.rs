//! Encrypted cookie sessions. The cookie holds ids only (the CSRF token now; later a draft token
//! and a staff id), never personal data.

use actix_session::{
    Session, SessionMiddleware,
    config::{CookieContentSecurity, PersistentSession},
    storage::CookieSessionStore,
};
use actix_web::cookie::{Key, SameSite};
use base64::Engine as _;

use crate::config::Settings;

pub const COOKIE_NAME: &str = "intake_session";
const CSRF_KEY: &str = "csrf";
const DRAFT_KEY: &str = "draft";

pub fn middleware(settings: &Settings) -> SessionMiddleware<CookieSessionStore> {
    SessionMiddleware::builder(
        CookieSessionStore::default(),
        Key::derive_from(settings.session_key.bytes()),
    )
    .cookie_name(COOKIE_NAME.to_owned())
    .cookie_secure(settings.secure_cookies)
    .cookie_http_only(true)
    .cookie_same_site(SameSite::Lax)
    .cookie_content_security(CookieContentSecurity::Private)
    // Kept across browser restarts for as long as a draft lives, so closing the browser loses nothing.
    .session_lifecycle(
        PersistentSession::default()
            .session_ttl(actix_web::cookie::time::Duration::days(i64::from(settings.draft_days))),
    )
    .build()
}

/// A fresh random token, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Typed access to what the session holds.
pub struct TypedSession<'a>(pub &'a Session);

impl TypedSession<'_> {
    /// The session's CSRF token, created on first use.
    pub fn csrf_token(&self) -> String {
        if let Ok(Some(token)) = self.0.get::<String>(CSRF_KEY) {
            return token;
        }
        let token = random_token();
        // Inserting a String into a cookie session cannot fail in practice; a failure only means no token.
        let _ = self.0.insert(CSRF_KEY, &token);
        token
    }

    /// The opaque token of the applicant's draft application, if they have one.
    pub fn draft_token(&self) -> Option<String> {
        self.0.get::<String>(DRAFT_KEY).ok().flatten()
    }

    pub fn set_draft_token(&self, token: &str) {
        let _ = self.0.insert(DRAFT_KEY, token);
    }

    pub fn forget_draft(&self) {
        self.0.remove(DRAFT_KEY);
    }

    /// The token stored in the session, without creating one.
    pub fn existing_csrf_token(&self) -> Option<String> {
        self.0.get::<String>(CSRF_KEY).ok().flatten()
    }
}

/// The SHA-256 of a token: what the database keeps instead of the token itself.
pub fn token_hash(token: &str) -> Vec<u8> {
    use sha2::Digest as _;
    sha2::Sha256::digest(token.as_bytes()).to_vec()
}
