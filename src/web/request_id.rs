//! `X-Request-Id`: one id per request, in the log line and on the answer, so that a line of the
//! proxy's log, intake's log and what a user reports can be matched.
//!
//! The id a trusted proxy (`INTAKE_TRUSTED_PROXIES`) sends is kept when it is sane (1 to 128 of
//! `A-Z a-z 0-9 . _ : -`: nginx's `$request_id`, Caddy's UUIDs); from anyone else, or malformed,
//! a new UUID is drawn, so a client cannot write into the log. Every answer carries it, error
//! pages and refusals by the rate limiter included.

use actix_web::{
    Error, HttpMessage,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::header::{HeaderName, HeaderValue},
    middleware::Next,
};

use crate::context::App;

pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The request's id, in its extensions (read by the log's root span).
#[derive(Debug, Clone)]
pub struct RequestId(pub HeaderValue);

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Only sane ids are ever stored: visible ASCII.
        f.write_str(self.0.to_str().unwrap_or_default())
    }
}

/// Is `value` an id worth keeping?
pub fn is_sane(value: &[u8]) -> bool {
    (1..=128).contains(&value.len())
        && value
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

fn from_trusted_proxy(req: &ServiceRequest) -> Option<HeaderValue> {
    let value = req.headers().get(&X_REQUEST_ID)?;
    if !is_sane(value.as_bytes()) {
        return None;
    }
    let peer = req.peer_addr()?.ip();
    let app = req.app_data::<App>()?;
    app.settings
        .trusted_proxies
        .iter()
        .any(|net| net.contains(&peer))
        .then(|| value.clone())
}

fn fresh() -> HeaderValue {
    let mut buffer = uuid::Uuid::encode_buffer();
    let id = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buffer);
    HeaderValue::from_str(id).expect("a UUID is a valid header value")
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = from_trusted_proxy(&req).unwrap_or_else(fresh);
    req.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.call(req).await?;
    response.headers_mut().insert(X_REQUEST_ID, id);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::is_sane;

    #[test]
    fn ids_from_proxies_are_kept_only_when_sane() {
        assert!(is_sane(b"0f6a3c5e9d1b4a7f8e2c6b0a9d3f5e71"));
        assert!(is_sane(b"6b1c6f1e-3b1a-4f8e-9a53-0e3b1c2d4f5a"));
        assert!(is_sane(&[b'a'; 128]));
        assert!(!is_sane(&[b'a'; 129]));
        assert!(!is_sane(b""));
        assert!(!is_sane(b"abc def"));
        assert!(!is_sane(b"abc\r\nforged: line"));
        assert!(!is_sane("é".as_bytes()));
        assert!(!is_sane(b"<script>"));
    }
}
