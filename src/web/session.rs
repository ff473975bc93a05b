//! Encrypted cookie sessions. The cookie holds ids only (the CSRF token, the draft token, a staff
//! sign-in waiting for its second factor), never personal data. Signed-in staff have a session on
//! the server instead (`auth::session`).

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
const PENDING_KEY: &str = "staff_pending";
/// The application an applicant signed in to on their status page.
const STATUS_KEY: &str = "status_application";

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
    /// The application whose status page this visitor signed in to.
    pub fn status_application(&self) -> Option<uuid::Uuid> {
        self.0.get::<uuid::Uuid>(STATUS_KEY).ok().flatten()
    }

    pub fn set_status_application(&self, id: uuid::Uuid) {
        let _ = self.0.insert(STATUS_KEY, id);
    }

    pub fn forget_status_application(&self) {
        self.0.remove(STATUS_KEY);
    }

    pub fn existing_csrf_token(&self) -> Option<String> {
        self.0.get::<String>(CSRF_KEY).ok().flatten()
    }

    /// A staff member whose password was right and who still has to give their second factor.
    pub fn pending_sign_in(&self) -> Option<PendingSignIn> {
        self.0.get::<PendingSignIn>(PENDING_KEY).ok().flatten()
    }

    pub fn set_pending_sign_in(&self, pending: &PendingSignIn) {
        let _ = self.0.insert(PENDING_KEY, pending);
    }

    pub fn clear_pending_sign_in(&self) {
        self.0.remove(PENDING_KEY);
    }

    /// Drops the CSRF token, so the next form gets a new one (after a sign-in).
    pub fn rotate_csrf_token(&self) {
        self.0.remove(CSRF_KEY);
    }
}

/// The first step of a staff sign-in, passed: who, and when (the second step must follow within
/// [`PendingSignIn::LIFETIME_MS`]). The signed-in state itself lives on the server (`auth::session`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PendingSignIn {
    #[serde(rename = "id")]
    pub staff_id: uuid::Uuid,
    /// When the password was checked, in Unix milliseconds.
    #[serde(rename = "at")]
    pub at_ms: i64,
    /// Where to go afterwards (a safe `/staff` path, or empty).
    #[serde(rename = "next")]
    pub next: String,
}

impl PendingSignIn {
    /// Five minutes to type the code.
    pub const LIFETIME_MS: i64 = 5 * 60 * 1000;

    pub fn is_fresh(&self, now_ms: i64) -> bool {
        let age = now_ms - self.at_ms;
        (-60_000..Self::LIFETIME_MS).contains(&age)
    }
}

/// The SHA-256 of a token: what the database keeps instead of the token itself.
pub fn token_hash(token: &str) -> Vec<u8> {
    use sha2::Digest as _;
    sha2::Sha256::digest(token.as_bytes()).to_vec()
}
