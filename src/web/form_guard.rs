//! Every POST passes through here before any handler runs:
//! - a bounded body (413 beyond [`MAX_FORM_BYTES`]),
//! - a form content type (415 otherwise),
//! - a same-origin `Origin` (or `Referer`) when the browser sends one (403),
//! - the session's CSRF synchronizer token in the `csrf_token` field (403),
//! - an empty honeypot field `website` (400; people never see the field, form-filling bots do).
//!
//! The paths of [`UPLOAD_PATHS`] also take a file: a `multipart/form-data` body up to
//! [`MAX_UPLOAD_BYTES`], read whole here, checked the same way, and handed to the handler as a
//! [`crate::web::upload::UploadedForm`].
//!
//! Rejections carry no body; `web::errors` renders the localized page.

use actix_session::SessionExt;
use actix_web::{
    Error, HttpMessage, HttpResponse,
    body::{BoxBody, MessageBody},
    dev::{Payload, ServiceRequest, ServiceResponse},
    http::{Method, header},
    middleware::Next,
    web::{Bytes, BytesMut},
};
use futures_util::StreamExt as _;
use subtle::ConstantTimeEq as _;

use crate::{
    context::App,
    web::{session::TypedSession, upload},
};

/// The largest form body accepted, in bytes. Forms are text; files go to [`UPLOAD_PATHS`].
pub const MAX_FORM_BYTES: usize = 256 * 1024;
/// The largest upload accepted, in bytes (the full official Job Bank wages file is about 18 MB).
pub const MAX_UPLOAD_BYTES: usize = 50 * 1024 * 1024;
/// The forms that carry a file, `multipart/form-data`: admins' pages only.
pub const UPLOAD_PATHS: &[&str] = &["/staff/wages"];
/// The name of the hidden CSRF field on every POST form.
pub const CSRF_FIELD: &str = "csrf_token";
/// The honeypot field: hidden from people, tempting to bots.
pub const HONEYPOT_FIELD: &str = "website";

/// Marks the guard's refusals, so the error page can say "this form has expired" rather than
/// "you may not do this" (it is removed before the answer leaves).
pub const REFUSAL_HEADER: &str = "x-intake-form-refused";

/// Why a POST was refused, recorded in logs (never with the body's content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    TooLarge,
    NotAForm,
    CrossOrigin,
    BadToken,
    Honeypot,
}

pub async fn guard(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if !matches!(
        *req.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    match check(&mut req).await {
        Ok(body) => {
            req.set_payload(Payload::from(body));
            Ok(next.call(req).await?.map_into_boxed_body())
        }
        Err(refusal) => {
            tracing::warn!(
                ?refusal,
                path = req.match_pattern().as_deref().unwrap_or("unmatched"),
                "form refused"
            );
            let status = match refusal {
                Refusal::TooLarge => HttpResponse::PayloadTooLarge(),
                Refusal::NotAForm => HttpResponse::UnsupportedMediaType(),
                Refusal::CrossOrigin | Refusal::BadToken => HttpResponse::Forbidden(),
                Refusal::Honeypot => HttpResponse::BadRequest(),
            }
            .insert_header((REFUSAL_HEADER, "form"))
            .finish();
            Ok(req.into_response(status))
        }
    }
}

async fn check(req: &mut ServiceRequest) -> Result<Bytes, Refusal> {
    let is_upload =
        UPLOAD_PATHS.contains(&req.path()) && req.content_type().eq_ignore_ascii_case("multipart/form-data");
    let limit = if is_upload { MAX_UPLOAD_BYTES } else { MAX_FORM_BYTES };
    if let Some(len) = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        && len > limit
    {
        return Err(Refusal::TooLarge);
    }
    if !same_origin(req) {
        return Err(Refusal::CrossOrigin);
    }
    let session = req.get_session();
    let expected = TypedSession(&session).existing_csrf_token();
    if is_upload {
        // Only a session that was shown a form gets to send a large body to be read.
        if expected.is_none() {
            return Err(Refusal::BadToken);
        }
        let body = read_body(req, limit).await?;
        let form = upload::read(req.headers(), body).await.map_err(|_| Refusal::NotAForm)?;
        verify(
            expected,
            form.text(CSRF_FIELD),
            form.texts(HONEYPOT_FIELD).any(|v| !v.trim().is_empty()),
        )?;
        req.extensions_mut().insert(form);
        return Ok(Bytes::new());
    }
    let is_form = req
        .content_type()
        .eq_ignore_ascii_case("application/x-www-form-urlencoded");
    let body = read_body(req, limit).await?;
    if !is_form && !body.is_empty() {
        return Err(Refusal::NotAForm);
    }

    let mut token = None;
    let mut honeypot_filled = false;
    for (name, value) in form_urlencoded::parse(&body) {
        match name.as_ref() {
            CSRF_FIELD if token.is_none() => token = Some(value.into_owned()),
            HONEYPOT_FIELD => honeypot_filled |= !value.trim().is_empty(),
            _ => {}
        }
    }
    verify(expected, token.as_deref(), honeypot_filled)?;
    Ok(body)
}

/// The session's token given back, and the honeypot left empty.
fn verify(expected: Option<String>, given: Option<&str>, honeypot_filled: bool) -> Result<(), Refusal> {
    match (expected, given) {
        (Some(expected), Some(given)) if bool::from(expected.as_bytes().ct_eq(given.as_bytes())) => {}
        _ => return Err(Refusal::BadToken),
    }
    if honeypot_filled {
        return Err(Refusal::Honeypot);
    }
    Ok(())
}

async fn read_body(req: &mut ServiceRequest, limit: usize) -> Result<Bytes, Refusal> {
    let mut payload = req.take_payload();
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| Refusal::TooLarge)?;
        if body.len() + chunk.len() > limit {
            return Err(Refusal::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// True when the browser says the form came from this site, or says nothing (the token still decides).
/// "This site" is `INTAKE_BASE_URL`'s origin when it is set; without it (development), also the
/// scheme and host the request names, which whoever sends it controls.
fn same_origin(req: &ServiceRequest) -> bool {
    let headers = req.headers();
    let claimed = match (headers.get(header::ORIGIN), headers.get(header::REFERER)) {
        (Some(origin), _) => match origin.to_str() {
            Ok("null") | Err(_) => return false,
            Ok(origin) => origin.to_owned(),
        },
        (None, Some(referer)) => match referer.to_str().ok().and_then(origin_of) {
            Some(origin) => origin,
            None => return false,
        },
        (None, None) => return true,
    };
    let claimed = claimed.trim_end_matches('/').to_ascii_lowercase();
    let Some(app) = req.app_data::<App>() else {
        return false;
    };
    let base = origin_of(&app.settings.base_url).map(|o| o.to_ascii_lowercase());
    if Some(&claimed) == base.as_ref() {
        return true;
    }
    if app.settings.base_url_set {
        return false;
    }
    let conn = req.connection_info();
    claimed == format!("{}://{}", conn.scheme(), conn.host()).to_ascii_lowercase()
}

/// `scheme://host[:port]` of an absolute URL.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origin_of_urls() {
        assert_eq!(
            origin_of("https://a.example:8443/x?y#z").as_deref(),
            Some("https://a.example:8443")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8080").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(origin_of("nonsense"), None);
    }
}
