//! `require_staff`: the gate in front of `/staff` (everything but the sign-in page).

use std::time::Duration;

use actix_web::{
    Error, HttpMessage, HttpResponse,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::header::{self, HeaderMap, HeaderName, HeaderValue},
    middleware::Next,
};

use crate::{
    auth::{CurrentStaff, SECOND_FACTOR_PATH, login_url, session},
    context::{App, AppContext},
    db,
    error::AppError,
    web::session::token_hash,
};

/// Lets the request through with a [`CurrentStaff`] in its extensions when the request carries the
/// token of a live server-side session (not revoked, within the absolute limit, not idle, its
/// account active). Otherwise it answers `303 See Other` to the sign-in page, which returns to the
/// page asked for afterwards (`?expired=1` when a session ran out; its cookie is then removed).
/// While the firm requires a second factor that the staff member has not set up, every page but
/// the set-up page and sign-out sends them there. Every answer, the redirect included, is marked
/// `Cache-Control: no-store` and `X-Robots-Tag: noindex, nofollow`.
pub async fn require_staff(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let asked_for = match req.query_string() {
        "" => req.path().to_owned(),
        query => format!("{}?{query}", req.path()),
    };
    let app = req
        .app_data::<App>()
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("the application context is missing"))
        .map_err(AppError::from)?;

    let (staff, second_factor_required) = match signed_in(&req, &app).await? {
        Ok(found) => found,
        Err(refusal) => {
            let location = login_url(Some(&asked_for), refusal == Refusal::Expired);
            let mut response = HttpResponse::SeeOther();
            response.insert_header((header::LOCATION, location));
            if refusal != Refusal::Anonymous {
                tracing::info!(?refusal, "staff session ended");
                response.cookie(session::removal(&app.settings));
            }
            let mut response = response.finish();
            private(response.headers_mut());
            return Ok(req.into_response(response).map_into_right_body());
        }
    };

    if second_factor_required
        && !staff.has_second_factor
        && !req.path().starts_with(SECOND_FACTOR_PATH)
        && req.path() != "/staff/logout"
    {
        let mut response = HttpResponse::SeeOther()
            .insert_header((header::LOCATION, SECOND_FACTOR_PATH))
            .finish();
        private(response.headers_mut());
        return Ok(req.into_response(response).map_into_right_body());
    }

    req.extensions_mut().insert(staff);
    let mut response = next.call(req).await?;
    private(response.headers_mut());
    Ok(response.map_into_left_body())
}

/// Why a request is not let in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// Nobody signed in.
    Anonymous,
    /// The idle or absolute limit passed.
    Expired,
    /// The session was ended (sign-out, password change, disabled account) or never existed.
    Revoked,
}

/// The signed-in staff member and whether the firm requires a second factor.
async fn signed_in(req: &ServiceRequest, app: &AppContext) -> Result<Result<(CurrentStaff, bool), Refusal>, AppError> {
    let Some(token) = session::token_of(req.request(), &app.settings) else {
        return Ok(Err(Refusal::Anonymous));
    };
    let Some(live) = db::staff_sessions::find_live(&app.pool, &token_hash(&token)).await? else {
        return Ok(Err(Refusal::Revoked));
    };
    let now = chrono::Utc::now();
    let idle_for = now - live.last_seen_at;
    if is_idle(idle_for, app.settings.staff_idle_timeout) || live.expires_at <= now {
        db::staff_sessions::revoke(&app.pool, live.staff_user_id, live.staff_session_id).await?;
        return Ok(Err(Refusal::Expired));
    }
    // One write a minute at most per session, not one per request.
    if idle_for > chrono::Duration::seconds(30) {
        db::staff_sessions::touch(&app.pool, live.staff_session_id).await?;
    }
    Ok(Ok((
        CurrentStaff {
            id: live.staff_user_id,
            name: live.name,
            email: live.email,
            role: live.role,
            session_id: live.staff_session_id,
            has_second_factor: live.has_second_factor,
        },
        live.second_factor_required,
    )))
}

/// True when a session unused for `idle_for` has passed the idle limit (a clock that went back by
/// more than a minute counts as idle too).
fn is_idle(idle_for: chrono::Duration, limit: Duration) -> bool {
    let limit = chrono::Duration::from_std(limit).unwrap_or(chrono::Duration::MAX);
    idle_for < -chrono::Duration::minutes(1) || idle_for >= limit
}

/// Staff pages are never stored by a cache nor indexed.
pub fn private(headers: &mut HeaderMap) {
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex, nofollow"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_limit() {
        let idle = Duration::from_secs(30 * 60);
        assert!(!is_idle(chrono::Duration::minutes(29), idle));
        assert!(is_idle(chrono::Duration::minutes(30), idle));
        assert!(!is_idle(chrono::Duration::seconds(-30), idle));
        assert!(is_idle(chrono::Duration::minutes(-10), idle));
        assert!(is_idle(chrono::Duration::zero(), Duration::ZERO));
    }
}
