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
const STAFF_KEY: &str = "staff";

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

    /// The signed-in staff member's id and times, if someone signed in (`auth::require_staff`
    /// decides whether it is still valid).
    pub fn staff_sign_in(&self) -> Option<StaffSignIn> {
        self.0.get::<StaffSignIn>(STAFF_KEY).ok().flatten()
    }

    /// Records a sign-in. Call `renew()` on the session first, so the cookie changes.
    pub fn set_staff_sign_in(&self, sign_in: &StaffSignIn) {
        let _ = self.0.insert(STAFF_KEY, sign_in);
    }

    /// Moves the staff member's last-seen time to `now_ms` (Unix milliseconds).
    pub fn touch_staff(&self, now_ms: i64) {
        if let Some(sign_in) = self.staff_sign_in() {
            self.set_staff_sign_in(&StaffSignIn {
                last_seen_ms: now_ms,
                ..sign_in
            });
        }
    }

    /// Drops the CSRF token, so the next form gets a new one (after a sign-in).
    pub fn rotate_csrf_token(&self) {
        self.0.remove(CSRF_KEY);
    }
}

/// What the session holds about a signed-in staff member: ids and times only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StaffSignIn {
    #[serde(rename = "id")]
    pub staff_id: uuid::Uuid,
    /// When the password was checked, in Unix milliseconds (the absolute timeout counts from here).
    #[serde(rename = "in")]
    pub login_ms: i64,
    /// The last request, in Unix milliseconds (the idle timeout counts from here).
    #[serde(rename = "seen")]
    pub last_seen_ms: i64,
    /// `staff_user.password_changed_at` at sign-in (Unix microseconds): a password change ends
    /// the sessions opened with the old one.
    #[serde(rename = "pw")]
    pub password_version: i64,
}

/// The SHA-256 of a token: what the database keeps instead of the token itself.
pub fn token_hash(token: &str) -> Vec<u8> {
    use sha2::Digest as _;
    sha2::Sha256::digest(token.as_bytes()).to_vec()
}
