//! Staff sessions on the server. Signing in creates a `staff_session` row and gives the browser a
//! random token in its own cookie (`__Host-intake_staff` over https, `intake_staff` otherwise): a
//! browser-session cookie (no expiry, so it ends when the browser closes), `HttpOnly`,
//! `SameSite=Lax`, path `/`. Only the token's SHA-256 is stored. Signing out, "sign out
//! everywhere", a password change and a disabled account revoke rows, so a copied cookie stops
//! working at once.

use std::net::IpAddr;

use actix_web::{
    HttpRequest,
    cookie::{Cookie, SameSite, time::OffsetDateTime},
};
use chrono::Utc;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::{
    config::Settings,
    db::staff_sessions::{self, NewSession},
    web::session::{random_token, token_hash},
};

/// The cookie's name: with the `__Host-` prefix when cookies are `Secure` (the browser then
/// refuses it from any other host, path or insecure origin).
pub fn cookie_name(settings: &Settings) -> &'static str {
    if settings.secure_cookies {
        "__Host-intake_staff"
    } else {
        "intake_staff"
    }
}

/// The token the browser sent, if any.
pub fn token_of(req: &HttpRequest, settings: &Settings) -> Option<String> {
    req.cookie(cookie_name(settings))
        .map(|c| c.value().to_owned())
        .filter(|t| !t.is_empty() && t.len() <= 100)
}

fn cookie(settings: &Settings, value: String) -> Cookie<'static> {
    let mut cookie = Cookie::build(cookie_name(settings), value)
        .path("/")
        .http_only(true)
        .secure(settings.secure_cookies)
        .same_site(SameSite::Lax)
        .finish();
    cookie.set_expires(None);
    cookie
}

/// Adds `cookie` to `response`.
pub fn set(response: &mut actix_web::HttpResponse, cookie: &Cookie<'_>) -> Result<(), crate::error::AppError> {
    response
        .add_cookie(cookie)
        .map_err(|e| anyhow::anyhow!("a cookie could not be set: {e}"))?;
    Ok(())
}

/// A cookie that removes the session cookie from the browser.
pub fn removal(settings: &Settings) -> Cookie<'static> {
    let mut cookie = cookie(settings, String::new());
    cookie.set_expires(OffsetDateTime::UNIX_EPOCH);
    cookie.set_max_age(actix_web::cookie::time::Duration::ZERO);
    cookie
}

/// Opens a session for `staff_user_id` in the caller's transaction; returns its id and the cookie
/// that carries it.
pub async fn open(
    conn: &mut PgConnection,
    settings: &Settings,
    staff_user_id: Uuid,
    req: &HttpRequest,
) -> sqlx::Result<(Uuid, Cookie<'static>)> {
    let token = random_token();
    let lifetime = chrono::Duration::from_std(settings.staff_session_lifetime).unwrap_or(chrono::Duration::hours(12));
    let address = source_address(req).map(|a| a.to_string());
    let user_agent = req
        .headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|ua| ua.chars().filter(|c| !c.is_control()).take(300).collect::<String>());
    let id = staff_sessions::insert(
        conn,
        &NewSession {
            staff_user_id,
            token_hash: &token_hash(&token),
            expires_at: Utc::now() + lifetime,
            source_address: address.as_deref(),
            user_agent: user_agent.as_deref(),
        },
    )
    .await?;
    Ok((id, cookie(settings, token)))
}

/// The client's address (behind a trusted proxy, the forwarded one), for the audit trail, the
/// session list and throttling.
pub fn source_address(req: &HttpRequest) -> Option<IpAddr> {
    Some(crate::web::client_ip::of(req))
}

/// The address block failures are counted on: the address itself for IPv4, its /64 for IPv6.
pub fn source_block(req: &HttpRequest) -> String {
    match source_address(req) {
        Some(ip) => crate::web::client_ip::limit_key(ip),
        None => "unknown".to_owned(),
    }
}
