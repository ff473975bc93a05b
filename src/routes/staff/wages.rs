//! `/staff/wages` (admins): the Job Bank wage editions on file, and importing one from the official
//! CSV (domain reference §7). The same import as `intake wages import`: `wages::import`.

use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::{NaiveDate, Utc};

use crate::{
    auth::CurrentStaff,
    context::{App, AppContext},
    db,
    error::AppError,
    i18n::when::stamp,
    wages::{self, Importer},
    web::{forms::FormErrors, html, page::PageCtx, see_other, upload::UploadedForm},
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/wages").get(show).post(submit));
}

const PAGE: &str = "/staff/wages";
/// The form's file field.
const FILE_FIELD: &str = "file";
/// The name an upload is kept under when the browser gave none.
const UNNAMED: &str = "upload.csv";

/// One edition, formatted.
pub struct EditionView {
    pub effective_date: String,
    pub source_file: String,
    pub reference_periods: String,
    pub rows: String,
    pub nocs: String,
    pub regions: String,
    pub imported_at: String,
    pub imported_by: String,
}

#[derive(Template)]
#[template(path = "staff/wages.html")]
pub struct WagesPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub editions: Vec<EditionView>,
    /// After an import: what was stored.
    pub imported: Option<String>,
    pub errors: FormErrors,
    /// What exactly is wrong with the file, translated.
    pub problem: String,
}

async fn page(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    imported: Option<NaiveDate>,
    errors: FormErrors,
    problem: String,
) -> Result<WagesPage, AppError> {
    let tz = app.settings.firm_time_zone;
    let editions = db::wages::editions(&app.pool).await?;
    let imported = imported
        .and_then(|date| editions.iter().find(|e| e.effective_date == date))
        .map(|e| {
            ctx.lang.t_args(
                "wages-imported",
                &[
                    ("date", e.effective_date.to_string()),
                    ("rows", e.rows.to_string()),
                    ("nocs", e.nocs.to_string()),
                    ("regions", e.regions.to_string()),
                ],
            )
        });
    let editions = editions
        .into_iter()
        .map(|e| EditionView {
            effective_date: e.effective_date.to_string(),
            source_file: e.source_file,
            reference_periods: e.reference_periods,
            rows: e.rows.to_string(),
            nocs: e.nocs.to_string(),
            regions: e.regions.to_string(),
            imported_at: stamp(e.imported_at, tz),
            imported_by: e.imported_by.unwrap_or_else(|| ctx.t("wages-imported-by-system")),
        })
        .collect();
    Ok(WagesPage {
        ctx,
        staff: Some(staff),
        editions,
        imported,
        errors,
        problem,
    })
}

/// The list and the form; `?imported=2025-11-19` after an import shows what was stored.
pub async fn show(req: HttpRequest, ctx: PageCtx, staff: CurrentStaff, app: App) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let imported = form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(name, _)| name == "imported")
        .and_then(|(_, value)| NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok());
    let page = page(ctx, staff, &app, imported, FormErrors::default(), String::new()).await?;
    html(StatusCode::OK, &page)
}

/// Imports the uploaded file as its edition (replacing the same edition), in one transaction with
/// its audit event; a file that cannot be imported re-renders the page with what is wrong.
pub async fn submit(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    form: Option<UploadedForm>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let Some(file) = form
        .as_ref()
        .and_then(|f| f.file(FILE_FIELD))
        .filter(|f| !f.bytes.is_empty())
    else {
        return refused(ctx, staff, &app, "err-wages-file-required", String::new()).await;
    };
    let bytes = file.bytes.clone();
    let name = if file.file_name.is_empty() {
        UNNAMED.to_owned()
    } else {
        file.file_name.clone()
    };
    // Reading 18 MB of CSV takes a while: off the server's threads.
    let parsed = web::block(move || wages::parse(&bytes, &name))
        .await
        .map_err(|e| anyhow::anyhow!("reading an uploaded wages file: {e}"))?;
    let file = match parsed {
        Ok(file) => file,
        Err(error) => {
            let (key, args) = error.detail();
            let problem = ctx.lang.t_args(key, &args);
            tracing::info!(%error, "wages file refused");
            return refused(ctx, staff, &app, error.summary_key(), problem).await;
        }
    };
    let started = Utc::now();
    let mut tx = app.pool.begin().await?;
    let summary = wages::import(&mut tx, &file, Importer::Staff(staff.id)).await?;
    tx.commit().await?;
    tracing::info!(
        edition = %summary.effective_date,
        medians = summary.medians,
        ms = (Utc::now() - started).num_milliseconds(),
        "wage edition imported"
    );
    Ok(see_other(&format!("{PAGE}?imported={}", summary.effective_date)))
}

/// The page again, with status 422 and `key` against the file field (and `problem`, its details).
async fn refused(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    key: &'static str,
    problem: String,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    errors.add(FILE_FIELD, key);
    let page = page(ctx, staff, app, None, errors, problem).await?;
    html(StatusCode::UNPROCESSABLE_ENTITY, &page)
}
