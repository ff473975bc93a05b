//! `/staff/applications/bookings/cancel`: staff tick applications on the list and cancel their
//! bookings to come at once. The selection first shows a confirmation page listing what will
//! happen to each and asking whether to email the applicants; confirming cancels every booking
//! (one audit record each) and shows how many. Plain forms: no JavaScript needed.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use uuid::Uuid;

use crate::{
    auth::CurrentStaff,
    booking::{self, Notify},
    context::{App, AppContext},
    db,
    error::AppError,
    i18n::when,
    metrics::BookingEvent,
    web::{forms::FormErrors, html, page::PageCtx, see_other},
};

/// At most this many applications in one go (two pages of the list).
const MAX_SELECTED: usize = 100;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/applications/bookings/cancel", web::post().to(confirm))
        .route("/applications/bookings/cancel/confirm", web::post().to(submit))
        .route("/applications/bookings/cancelled", web::get().to(done));
}

pub struct SelectedView {
    pub id: String,
    pub url: String,
    pub reference: String,
    pub name: String,
    /// Empty when there is no consultation to come.
    pub slot: String,
}

#[derive(Template)]
#[template(path = "staff/bulk_cancel.html")]
pub struct ConfirmPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub rows: Vec<SelectedView>,
    pub to_cancel: usize,
    pub notify: String,
    pub notify_options: Vec<(String, String)>,
    pub errors: FormErrors,
}

#[derive(Template)]
#[template(path = "staff/bulk_cancelled.html")]
pub struct DonePage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub message: String,
}

/// The form's fields: `id` repeated (one per ticked row), and `notify` on the confirmation.
struct Selection {
    ids: Vec<Uuid>,
    notify: String,
}

fn read(body: &[u8]) -> Result<Selection, AppError> {
    let mut ids = Vec::new();
    let mut notify = String::new();
    for (name, value) in form_urlencoded::parse(body) {
        match name.as_ref() {
            "id" => {
                let id = Uuid::parse_str(&value).map_err(|_| AppError::BadRequest)?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            "notify" => notify = value.into_owned(),
            _ => {}
        }
    }
    if ids.len() > MAX_SELECTED {
        return Err(AppError::BadRequest);
    }
    Ok(Selection { ids, notify })
}

async fn page(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: &AppContext,
    ids: &[Uuid],
    notify: String,
    errors: FormErrors,
) -> Result<ConfirmPage, AppError> {
    let tz = app.settings.firm_time_zone;
    let rows: Vec<SelectedView> = db::applications::selected(&app.pool, ids)
        .await?
        .into_iter()
        .map(|r| SelectedView {
            id: r.application_id.to_string(),
            url: format!("/staff/applications/{}", r.application_id),
            reference: r.reference.unwrap_or_default(),
            name: r.full_name.unwrap_or_default(),
            slot: match (r.booking_starts_at, r.booking_ends_at) {
                (Some(start), Some(end)) => when::slot(ctx.lang, start, end, tz),
                _ => String::new(),
            },
        })
        .collect();
    let notify_options = vec![
        ("yes".to_owned(), ctx.t("staff-bulk-notify-yes")),
        ("no".to_owned(), ctx.t("staff-bulk-notify-no")),
    ];
    Ok(ConfirmPage {
        notify_options,
        to_cancel: rows.iter().filter(|r| !r.slot.is_empty()).count(),
        rows,
        notify,
        errors,
        ctx,
        staff: Some(staff),
    })
}

/// The confirmation page for the ticked applications.
pub async fn confirm(ctx: PageCtx, staff: CurrentStaff, app: App, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let selection = read(&body)?;
    let page = page(ctx, staff, &app, &selection.ids, String::new(), FormErrors::default()).await?;
    html(StatusCode::OK, &page)
}

/// Cancels the bookings to come of the confirmed applications, emailing the applicants or not.
pub async fn submit(ctx: PageCtx, staff: CurrentStaff, app: App, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let selection = read(&body)?;
    let notify = match selection.notify.as_str() {
        "yes" => Notify::Applicant,
        "no" => Notify::Nobody,
        _ => {
            let mut errors = FormErrors::default();
            errors.add("notify", "err-bulk-notify");
            let page = page(ctx, staff, &app, &selection.ids, selection.notify, errors).await?;
            return html(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let mut tx = app.pool.begin().await?;
    let mut cancelled: u64 = 0;
    for id in &selection.ids {
        if booking::cancel_by_staff(&mut tx, &app.settings, *id, staff.id, notify, "bulk").await? {
            cancelled += 1;
        }
    }
    tx.commit().await?;
    app.metrics.bookings_by(BookingEvent::Cancelled, cancelled);
    let emailed = if notify == Notify::Applicant { cancelled } else { 0 };
    tracing::info!(cancelled, emailed, "bookings cancelled in bulk");
    Ok(see_other(&format!(
        "/staff/applications/bookings/cancelled?cancelled={cancelled}&emailed={emailed}"
    )))
}

#[derive(serde::Deserialize)]
pub struct Counts {
    #[serde(default)]
    cancelled: String,
    #[serde(default)]
    emailed: String,
}

pub async fn done(ctx: PageCtx, staff: CurrentStaff, query: web::Query<Counts>) -> Result<HttpResponse, AppError> {
    let count = |v: &str| v.parse::<u32>().unwrap_or(0).to_string();
    let message = ctx.lang.t_args(
        "staff-bulk-done",
        &[("count", count(&query.cancelled)), ("emailed", count(&query.emailed))],
    );
    html(
        StatusCode::OK,
        &DonePage {
            ctx,
            staff: Some(staff),
            message,
        },
    )
}
