//! Opening a statutory holiday for consultations, and closing it again (admins). The holidays
//! themselves are computed (`crate::holidays`) for the jurisdiction of the settings; only the days
//! reopened are stored.

use actix_web::{HttpResponse, web};
use chrono::{Datelike as _, NaiveDate};
use serde_json::json;

use super::back;
use crate::{auth::CurrentStaff, context::App, db, error::AppError, holidays};

pub async fn reopen(staff: CurrentStaff, app: App, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    set(staff, app, &path, true).await
}

pub async fn close(staff: CurrentStaff, app: App, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    set(staff, app, &path, false).await
}

/// Opens (`open`) or closes again the statutory holiday on the date in the path, `YYYY-MM-DD`; a
/// date that is no statutory holiday of the firm's jurisdiction is a page that does not exist.
/// Audited when it changes something.
async fn set(staff: CurrentStaff, app: App, raw_date: &str, open: bool) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let well_formed = raw_date.len() == 10 && raw_date.is_ascii();
    let day = well_formed
        .then(|| NaiveDate::parse_from_str(raw_date, "%Y-%m-%d").ok())
        .flatten()
        .ok_or(AppError::NotFound)?;
    let mut tx = app.pool.begin().await?;
    let jurisdiction = db::availability::settings(&mut *tx)
        .await?
        .holidays
        .ok_or(AppError::NotFound)?;
    let holiday = holidays::statutory(&jurisdiction, day.year())
        .into_iter()
        .find(|h| h.date == day)
        .ok_or(AppError::NotFound)?;
    let changed = if open {
        db::availability::reopen_holiday(&mut tx, day, staff.id).await?
    } else {
        db::availability::close_holiday(&mut tx, day).await?
    };
    if changed {
        let action = if open {
            "availability.holiday_reopen"
        } else {
            "availability.holiday_close"
        };
        let day_text = day.to_string();
        let state = |reopened: bool| json!({ "day": day_text, "holiday": holiday.key, "jurisdiction": jurisdiction, "reopened": reopened });
        db::audit::record(
            &mut tx,
            &db::audit::NewAuditEvent {
                staff_user_id: Some(staff.id),
                action,
                subject_type: Some("holiday"),
                subject_id: Some(&day_text),
                before: Some(state(!open)),
                after: Some(state(open)),
                detail: None,
                source_address: None,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(back(None, "holidays"))
}
