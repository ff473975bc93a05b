//! The account page: open sessions, password, two-step verification.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;
use serde::Deserialize;

use crate::{
    auth::CurrentStaff,
    context::{App, AppContext},
    db,
    error::AppError,
    i18n::when::stamp,
    web::{forms::FormErrors, html, page::PageCtx},
};

pub struct SessionView {
    pub id: String,
    pub current: bool,
    pub opened: String,
    pub last_seen: String,
    pub address: String,
    pub browser: String,
}

#[derive(Template)]
#[template(path = "staff/account.html")]
pub struct AccountPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub sessions: Vec<SessionView>,
    pub second_factor: bool,
    pub recovery_codes_left: i64,
    pub second_factor_required: bool,
    /// What was just done: "password", "sessions", "removed", or empty.
    pub done: String,
    pub errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DoneQuery {
    pub done: String,
}

async fn account_page(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    done: &str,
    errors: FormErrors,
) -> Result<AccountPage, AppError> {
    let tz = app.settings.firm_time_zone;
    let idle = chrono::Duration::from_std(app.settings.staff_idle_timeout).unwrap_or(chrono::Duration::MAX);
    let idle_since = Utc::now()
        .checked_sub_signed(idle)
        .unwrap_or(chrono::DateTime::<Utc>::MIN_UTC);
    let sessions = db::staff_sessions::list_open(&app.pool, staff.id, idle_since)
        .await?
        .into_iter()
        .map(|s| SessionView {
            id: s.staff_session_id.to_string(),
            current: s.staff_session_id == staff.session_id,
            opened: stamp(s.created_at, tz),
            last_seen: stamp(s.last_seen_at, tz),
            address: s.source_address.unwrap_or_default(),
            browser: browser_name(s.user_agent.as_deref().unwrap_or_default()),
        })
        .collect();
    Ok(AccountPage {
        sessions,
        second_factor: staff.has_second_factor,
        recovery_codes_left: db::staff::recovery_codes_left(&app.pool, staff.id).await?,
        second_factor_required: db::staff::second_factor_required(&app.pool).await?,
        done: done.to_owned(),
        errors,
        ctx,
        staff: Some(staff),
    })
}

/// A short name for a browser from its user agent ("Firefox on Windows"), or the start of it.
fn browser_name(ua: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Chromium/", "Chromium"),
        ("Safari/", "Safari"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    let system = [
        ("Windows", "Windows"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Mac OS X", "macOS"),
        ("Android", "Android"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(needle, _)| ua.contains(needle))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} · {s}"),
        (Some(b), None) => b.to_owned(),
        (None, Some(s)) => s.to_owned(),
        (None, None) => ua.chars().take(40).collect(),
    }
}

pub async fn show(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, AppError> {
    let page = account_page(ctx, staff, &app, &query.done, FormErrors::default()).await?;
    html(StatusCode::OK, &page)
}

/// The account page again, with status 422 and the errors.
pub(super) async fn refused(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let page = account_page(ctx, staff, app, "", errors).await?;
    html(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// The account page again, with status 422 and `key` against `field`.
pub(super) async fn refuse_on_account(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    field: &'static str,
    key: &'static str,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    errors.add(field, key);
    refused(ctx, staff, app, errors).await
}

#[cfg(test)]
mod tests {
    use super::browser_name;

    #[test]
    fn browsers_are_named_shortly() {
        assert_eq!(
            browser_name(
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"
            ),
            "Chrome · Linux"
        );
        assert_eq!(
            browser_name("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"),
            "Firefox · Windows"
        );
        assert_eq!(browser_name("curl/8.5"), "curl/8.5");
    }
}
