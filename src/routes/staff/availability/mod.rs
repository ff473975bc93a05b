//! `/staff/availability`: the firm's booking settings, weekly opening hours, upcoming closures,
//! statutory holidays and a preview of the next free slots; with `?consultant=ID`, one consultant's
//! own weekly hours (or the firm's, which they follow until they have some) and time off. Every
//! member of staff reads them; admins change them here. Times are the firm's
//! (`INTAKE_FIRM_TIME_ZONE`).
//!
//! `forms` parses the forms, `page` draws the page, `holidays` opens and closes statutory holidays;
//! the other actions are here. The forms of a consultant's calendar carry its id (`consultant`).

mod forms;
mod holidays;
mod page;

use actix_web::{HttpResponse, web};
use chrono::Utc;
use uuid::Uuid;

pub use forms::{ExceptionInput, RuleInput, SettingsInput};
pub use page::show;

use crate::{
    auth::CurrentStaff,
    context::{App, AppContext},
    db,
    error::AppError,
    web::{page::PageCtx, see_other},
};
use page::{Attempt, render};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/availability", web::get().to(show))
        .route("/availability/settings", web::post().to(save_settings))
        .route("/availability/rules", web::post().to(add_rule))
        .route("/availability/rules/copy", web::post().to(copy_firm_rules))
        .route("/availability/rules/{id}/remove", web::post().to(remove_rule))
        .route("/availability/exceptions", web::post().to(add_exception))
        .route("/availability/exceptions/{id}/remove", web::post().to(remove_exception))
        .route("/availability/holidays/{date}/reopen", web::post().to(holidays::reopen))
        .route("/availability/holidays/{date}/close", web::post().to(holidays::close));
}

/// The page again at `anchor`, on `calendar`'s calendar (the firm's when `None`).
fn back(calendar: Option<Uuid>, anchor: &str) -> HttpResponse {
    match calendar {
        Some(id) => see_other(&format!("/staff/availability?consultant={id}#{anchor}")),
        None => see_other(&format!("/staff/availability#{anchor}")),
    }
}

/// The calendar a page or form is about: empty, the firm's; else a consultant's id (anything else
/// is a page that does not exist).
async fn calendar(app: &AppContext, raw: &str) -> Result<Option<Uuid>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let id = super::parse_id(raw)?;
    match db::consultants::find(&app.pool, id).await? {
        Some(_) => Ok(Some(id)),
        None => Err(AppError::NotFound),
    }
}

async fn audit(
    conn: &mut sqlx::PgConnection,
    staff: &CurrentStaff,
    action: &'static str,
    subject: Option<(&'static str, Uuid)>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), AppError> {
    let (kind, id) = subject.map_or(("availability_setting", None), |(kind, id)| (kind, Some(id)));
    super::audit(conn, staff, action, kind, id, (before, after)).await
}

pub async fn save_settings(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    input: web::Form<SettingsInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let input = input.into_inner();
    let new = match input.parse() {
        Ok(new) => new,
        Err(errors) => {
            let attempt = Attempt {
                settings: Some(input),
                errors,
                ..Default::default()
            };
            return render(ctx, staff, &app, None, attempt).await;
        }
    };
    let mut new = new;
    let mut tx = app.pool.begin().await?;
    // A form without the holidays fields leaves them as they are.
    if input.holidays.is_none() || input.quebec_easter.is_none() {
        let current = db::availability::settings(&mut *tx).await?;
        if input.holidays.is_none() {
            new.holidays = current.holidays;
        }
        if input.quebec_easter.is_none() {
            new.quebec_easter = current.quebec_easter;
        }
    }
    let before = db::availability::update_settings(&mut tx, &new).await?;
    if before != new {
        let (before, after) = (serde_json::to_value(&before).ok(), serde_json::to_value(&new).ok());
        audit(&mut tx, &staff, "availability.settings", None, before, after).await?;
    }
    tx.commit().await?;
    Ok(back(None, "settings"))
}

pub async fn add_rule(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    input: web::Form<RuleInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let input = input.into_inner();
    let consultant = calendar(&app, &input.consultant).await?;
    let mut tx = app.pool.begin().await?;
    let existing = db::availability::rules(&mut *tx).await?;
    let rule = match input.parse(consultant, &existing) {
        Ok(rule) => rule,
        Err(errors) => {
            drop(tx);
            let attempt = Attempt {
                rule: input,
                errors,
                ..Default::default()
            };
            return render(ctx, staff, &app, consultant, attempt).await;
        }
    };
    let id = db::availability::insert_rule(&mut tx, consultant, rule.weekday, rule.start, rule.end).await?;
    let after = db::availability::Rule {
        availability_rule_id: id,
        weekday: rule.weekday,
        start_time: rule.start,
        end_time: rule.end,
        consultant_id: consultant,
    };
    audit(
        &mut tx,
        &staff,
        "availability.rule_add",
        Some(("availability_rule", id)),
        None,
        Some(after.to_json()),
    )
    .await?;
    tx.commit().await?;
    Ok(back(consultant, "rules"))
}

/// The `consultant` field of a form of one button.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CalendarInput {
    pub consultant: String,
}

/// Gives a consultant who follows the firm's hours a copy of them, to change as their own.
pub async fn copy_firm_rules(
    staff: CurrentStaff,
    app: App,
    input: web::Form<CalendarInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let Some(consultant) = calendar(&app, &input.consultant).await? else {
        return Err(AppError::NotFound);
    };
    let mut tx = app.pool.begin().await?;
    let copied = db::availability::copy_firm_rules(&mut tx, consultant)
        .await?
        .ok_or(AppError::NotFound)?;
    if !copied.is_empty() {
        let rules: Vec<serde_json::Value> = copied.iter().map(db::availability::Rule::to_json).collect();
        audit(
            &mut tx,
            &staff,
            "availability.rules_copy",
            Some(("consultant", consultant)),
            None,
            Some(serde_json::json!({ "consultant_id": consultant, "rules": rules })),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(back(Some(consultant), "rules"))
}

pub async fn remove_rule(staff: CurrentStaff, app: App, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = Uuid::parse_str(&path).map_err(|_| AppError::NotFound)?;
    let mut tx = app.pool.begin().await?;
    let removed = db::availability::delete_rule(&mut tx, id).await?;
    if let Some(rule) = &removed {
        audit(
            &mut tx,
            &staff,
            "availability.rule_remove",
            Some(("availability_rule", id)),
            Some(rule.to_json()),
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(back(removed.and_then(|r| r.consultant_id), "rules"))
}

pub async fn add_exception(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    input: web::Form<ExceptionInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let input = input.into_inner();
    let consultant = calendar(&app, &input.consultant).await?;
    let today = Utc::now().with_timezone(&app.settings.firm_time_zone).date_naive();
    let new = match input.parse(today) {
        Ok(new) => new,
        Err(errors) => {
            let attempt = Attempt {
                exception: input,
                errors,
                ..Default::default()
            };
            return render(ctx, staff, &app, consultant, attempt).await;
        }
    };
    let mut tx = app.pool.begin().await?;
    let id = db::availability::insert_exception(&mut tx, consultant, new.day, new.times, &new.label).await?;
    let after = db::availability::Exception {
        availability_exception_id: id,
        day: new.day,
        start_time: new.times.map(|t| t.0),
        end_time: new.times.map(|t| t.1),
        label: new.label,
        consultant_id: consultant,
    };
    audit(
        &mut tx,
        &staff,
        "availability.exception_add",
        Some(("availability_exception", id)),
        None,
        Some(after.to_json()),
    )
    .await?;
    tx.commit().await?;
    Ok(back(consultant, "exceptions"))
}

pub async fn remove_exception(
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = Uuid::parse_str(&path).map_err(|_| AppError::NotFound)?;
    let mut tx = app.pool.begin().await?;
    let removed = db::availability::delete_exception(&mut tx, id).await?;
    if let Some(exception) = &removed {
        audit(
            &mut tx,
            &staff,
            "availability.exception_remove",
            Some(("availability_exception", id)),
            Some(exception.to_json()),
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(back(removed.and_then(|e| e.consultant_id), "exceptions"))
}
