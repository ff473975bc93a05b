//! Ending one's own sessions: one, every other, or all (signing out here too).

use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::json;
use uuid::Uuid;

use super::{audit_own, end_sessions};
use crate::{
    auth::{CurrentStaff, LOGIN_PATH, session as staff_session},
    context::{App, AppContext},
    db,
    error::AppError,
    web::see_other,
};

pub async fn end_session(
    staff: CurrentStaff,
    req: HttpRequest,
    app: App,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = Uuid::parse_str(&path).map_err(|_| AppError::NotFound)?;
    let mut tx = app.pool.begin().await?;
    if db::staff_sessions::revoke(&mut *tx, staff.id, id).await? {
        audit_own(&mut tx, &staff, &req, "staff.session_end", json!({ "session": id })).await?;
    }
    tx.commit().await?;
    if id == staff.session_id {
        return signed_out(&app);
    }
    Ok(see_other("/staff/account?done=sessions#sessions"))
}

pub async fn end_others(staff: CurrentStaff, req: HttpRequest, app: App) -> Result<HttpResponse, AppError> {
    let mut tx = app.pool.begin().await?;
    end_sessions(&mut tx, &staff, &req, true, "staff.sessions_end_others", "ended").await?;
    tx.commit().await?;
    Ok(see_other("/staff/account?done=sessions#sessions"))
}

pub async fn end_all(staff: CurrentStaff, req: HttpRequest, app: App) -> Result<HttpResponse, AppError> {
    let mut tx = app.pool.begin().await?;
    end_sessions(&mut tx, &staff, &req, false, "staff.sessions_end_all", "ended").await?;
    tx.commit().await?;
    signed_out(&app)
}

/// To the sign-in page, with the session cookie removed.
fn signed_out(app: &AppContext) -> Result<HttpResponse, AppError> {
    let mut response = see_other(LOGIN_PATH);
    staff_session::set(&mut response, &staff_session::removal(&app.settings))?;
    Ok(response)
}
