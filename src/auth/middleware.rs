//! `require_staff`: the gate in front of `/staff` (everything but the sign-in page).

use std::time::Duration;

use actix_session::{Session, SessionExt};
use actix_web::{
    Error, HttpMessage, HttpResponse,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::header::{self, HeaderMap, HeaderName, HeaderValue},
    middleware::Next,
    web,
};

use crate::{
    auth::{CurrentStaff, login_url},
    db,
    error::AppError,
    startup::AppContext,
    web::session::{StaffSignIn, TypedSession},
};

/// Lets the request through with a [`CurrentStaff`] in its extensions when a staff member is signed
/// in, with an active account, within the idle and absolute limits of the session. Otherwise it
/// answers `303 See Other` to the sign-in page, which returns to the page asked for afterwards
/// (`?expired=1` when a session ran out; the session is then purged). Every answer, the redirect
/// included, is marked `Cache-Control: no-store` and `X-Robots-Tag: noindex, nofollow`.
pub async fn require_staff(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let session = req.get_session();
    let now_ms = chrono::Utc::now().timestamp_millis();
    let asked_for = match req.query_string() {
        "" => req.path().to_owned(),
        query => format!("{}?{query}", req.path()),
    };

    let staff = match signed_in(&req, &session, now_ms).await? {
        Ok(staff) => staff,
        Err(refusal) => {
            if refusal != Refusal::Anonymous {
                session.purge();
                tracing::info!(?refusal, "staff session ended");
            }
            let location = login_url(Some(&asked_for), refusal == Refusal::Expired);
            let mut response = HttpResponse::SeeOther()
                .insert_header((header::LOCATION, location))
                .finish();
            private(response.headers_mut());
            return Ok(req.into_response(response).map_into_right_body());
        }
    };

    TypedSession(&session).touch_staff(now_ms);
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
    /// The account is gone, disabled, or its password changed since sign-in.
    Revoked,
}

async fn signed_in(
    req: &ServiceRequest,
    session: &Session,
    now_ms: i64,
) -> Result<Result<CurrentStaff, Refusal>, AppError> {
    let Some(sign_in) = TypedSession(session).staff_sign_in() else {
        return Ok(Err(Refusal::Anonymous));
    };
    let app = req
        .app_data::<web::Data<AppContext>>()
        .ok_or_else(|| anyhow::anyhow!("the application context is missing"))?;
    if has_expired(
        &sign_in,
        now_ms,
        app.settings.staff_idle_timeout,
        app.settings.staff_session_lifetime,
    ) {
        return Ok(Err(Refusal::Expired));
    }
    let Some(user) = db::staff::find_by_id(&app.pool, sign_in.staff_id).await? else {
        return Ok(Err(Refusal::Revoked));
    };
    if !user.active || user.password_changed_at.timestamp_micros() != sign_in.password_version {
        return Ok(Err(Refusal::Revoked));
    }
    Ok(Ok(CurrentStaff {
        id: user.staff_user_id,
        name: user.name,
        email: user.email,
        role: user.role,
    }))
}

/// True when the session has been idle for `idle` or open for `lifetime` (a clock that went back
/// counts as expired too).
fn has_expired(sign_in: &StaffSignIn, now_ms: i64, idle: Duration, lifetime: Duration) -> bool {
    let ms = |d: Duration| i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
    let idle_for = now_ms - sign_in.last_seen_ms;
    let open_for = now_ms - sign_in.login_ms;
    idle_for < -60_000 || open_for < -60_000 || idle_for >= ms(idle) || open_for >= ms(lifetime)
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

    fn sign_in(login_ms: i64, last_seen_ms: i64) -> StaffSignIn {
        StaffSignIn {
            staff_id: uuid::Uuid::nil(),
            login_ms,
            last_seen_ms,
            password_version: 0,
        }
    }

    const MIN: i64 = 60_000;

    #[test]
    fn idle_and_absolute_limits() {
        let idle = Duration::from_secs(30 * 60);
        let life = Duration::from_secs(12 * 3600);
        let now = 100 * 3600 * 1000;
        assert!(!has_expired(&sign_in(now - 60 * MIN, now - 29 * MIN), now, idle, life));
        assert!(has_expired(&sign_in(now - 60 * MIN, now - 30 * MIN), now, idle, life));
        assert!(!has_expired(&sign_in(now - 719 * MIN, now - MIN), now, idle, life));
        assert!(has_expired(&sign_in(now - 720 * MIN, now - MIN), now, idle, life));
        // Timestamps from the future (a clock set back) are not trusted.
        assert!(has_expired(&sign_in(now + 10 * MIN, now + 10 * MIN), now, idle, life));
        // A zero limit ends every session.
        assert!(has_expired(&sign_in(now, now), now, Duration::ZERO, life));
        assert!(has_expired(&sign_in(now, now), now, idle, Duration::ZERO));
    }
}
