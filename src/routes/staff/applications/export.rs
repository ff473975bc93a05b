//! `/staff/applications/export.csv`: the list's current filter as a spreadsheet.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde_json::json;

use crate::{
    auth::CurrentStaff,
    context::App,
    db::{
        self,
        applications::{self, Filters},
        audit::NewAuditEvent,
    },
    error::AppError,
    i18n::when::stamp_opt,
    web::spreadsheet,
};

/// The current filter's applications as CSV (at most 100,000 rows), recorded in the audit log.
pub async fn export(staff: CurrentStaff, app: App, filters: web::Query<Filters>) -> Result<HttpResponse, AppError> {
    let filters = filters.into_inner();
    let (rows, total) = applications::list(&app.pool, &filters, 100_000, 0).await?;
    let tz = app.settings.firm_time_zone;
    // Every cell quoted, formulas neutralised wherever a spreadsheet could split one off.
    let mut out = spreadsheet::writer();
    let header = [
        "reference",
        "name",
        "email",
        "pathway",
        "review_status",
        "prescreen_outcome",
        "submitted_at",
        "assigned_to",
        "consultation",
    ];
    out.write_record(header).map_err(anyhow::Error::from)?;
    for r in &rows {
        let record = [
            r.reference.clone().unwrap_or_default(),
            r.full_name.clone().unwrap_or_default(),
            r.email.clone().unwrap_or_default(),
            r.pathway.clone().unwrap_or_default(),
            r.review_status.as_str().to_owned(),
            r.prescreen_outcome.clone().unwrap_or_default(),
            stamp_opt(r.submitted_at, tz),
            r.assigned_name.clone().unwrap_or_default(),
            stamp_opt(r.slot_start, tz),
        ];
        spreadsheet::record(&mut out, &record).map_err(anyhow::Error::from)?;
    }
    let body = out.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))?;
    let mut conn = app.pool.acquire().await?;
    db::audit::record(
        &mut conn,
        &NewAuditEvent {
            staff_user_id: Some(staff.id),
            action: "export.csv",
            subject_type: Some("application"),
            subject_id: None,
            before: None,
            after: None,
            detail: Some(json!({ "filters": filters.for_the_record(), "rows": rows.len(), "matching": total })),
            source_address: None,
        },
    )
    .await?;
    let name = format!(
        "applications-{}.csv",
        Utc::now().with_timezone(&tz).format("%Y%m%d-%H%M")
    );
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", format!("attachment; filename=\"{name}\"")))
        .body(body))
}
