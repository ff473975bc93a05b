//! Security headers on every response.

use actix_web::middleware::DefaultHeaders;

/// Only our own scripts, styles and images; no framing; no plugins; forms post only to us.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
     font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub fn headers(https: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add(("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        // Manage-booking and resume links carry tokens in their paths: never leak them to other sites.
        .add(("Referrer-Policy", "same-origin"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=()",
        ))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add(("Cross-Origin-Resource-Policy", "same-origin"))
        // Pages carry per-session CSRF tokens, an applicant's answers, their booking and the tokens
        // of manage and resume links: stored by no cache, not even the browser's (a shared
        // computer's next user, the back button after signing out of a kiosk).
        // Responses that set their own Cache-Control (static files) keep it.
        .add(("Cache-Control", "no-store"));
    if https {
        headers.add(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))
    } else {
        headers
    }
}
