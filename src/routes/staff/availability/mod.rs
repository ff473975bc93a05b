//! `/staff/availability`: the firm's booking settings, weekly opening hours, upcoming closures and
//! a preview of the next free slots, for every staff member; admins change them here. Times are
//! the firm's (`INTAKE_FIRM_TIME_ZONE`).
//!
//! `forms` parses the three forms, `page` draws the page; the actions are here.

mod forms;
mod page;

use actix_web::{HttpResponse, web};
use chrono::Utc;
use uuid::Uuid;

pub use forms::{ExceptionInput, RuleInput, SettingsInput};
pub use page::show;

use crate::{
    auth::CurrentStaff,
    context::App,
    db,
    error::AppError,
    web::{page::PageCtx, see_other},
};
use page::{Attempt, render};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/availability", web::get().to(show))
        .route("/availability/settings", web::post().to(save_settings))
        .route("/availability/rules", web::post().to(add_rule))
        .route("/availability/rules/{id}/remove", web::post().to(remove_rule))
        .route("/availability/exceptions", web::post().to(add_exception))
        .route("/availability/exceptions/{id}/remove", web::post().to(remove_exception));
}

fn back(anchor: &str) -> HttpResponse {
    see_other(&format!("/staff/availability#{anchor}"))
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
            return render(ctx, staff, &app, attempt).await;
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
    Ok(back("settings"))
}

pub async fn add_rule(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    input: web::Form<RuleInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let input = input.into_inner();
    let mut tx = app.pool.begin().await?;
    let existing = db::availability::rules(&mut *tx).await?;
    let rule = match input.parse(&existing) {
        Ok(rule) => rule,
        Err(errors) => {
            drop(tx);
            return render(
                ctx,
                staff,
                &app,
                Attempt {
                    rule: input,
                    errors,
                    ..Default::default()
                },
            )
            .await;
        }
    };
    let id = db::availability::insert_rule(&mut tx, None, rule.weekday, rule.start, rule.end).await?;
    let after = db::availability::Rule {
        availability_rule_id: id,
        weekday: rule.weekday,
        start_time: rule.start,
        end_time: rule.end,
        consultant_id: None,
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
    Ok(back("rules"))
}

pub async fn remove_rule(staff: CurrentStaff, app: App, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = Uuid::parse_str(&path).map_err(|_| AppError::NotFound)?;
    let mut tx = app.pool.begin().await?;
    if let Some(rule) = db::availability::delete_rule(&mut tx, id).await? {
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
    Ok(back("rules"))
}

pub async fn add_exception(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    input: web::Form<ExceptionInput>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let input = input.into_inner();
    let today = Utc::now().with_timezone(&app.settings.firm_time_zone).date_naive();
    let new = match input.parse(today) {
        Ok(new) => new,
        Err(errors) => {
            return render(
                ctx,
                staff,
                &app,
                Attempt {
                    exception: input,
                    errors,
                    ..Default::default()
                },
            )
            .await;
        }
    };
    let mut tx = app.pool.begin().await?;
    let id = db::availability::insert_exception(&mut tx, None, new.day, new.times, &new.label).await?;
    let after = db::availability::Exception {
        availability_exception_id: id,
        day: new.day,
        start_time: new.times.map(|t| t.0),
        end_time: new.times.map(|t| t.1),
        label: new.label,
        consultant_id: None,
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
    Ok(back("exceptions"))
}

pub async fn remove_exception(
    staff: CurrentStaff,
    app: App,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let id = Uuid::parse_str(&path).map_err(|_| AppError::NotFound)?;
    let mut tx = app.pool.begin().await?;
    if let Some(exception) = db::availability::delete_exception(&mut tx, id).await? {
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
    Ok(back("exceptions"))
}
