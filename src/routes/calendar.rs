//! `/calendar/{token}.ics`: a consultant's private calendar feed, which their calendar application
//! subscribes to (no session: the secret token in the address is the key, created and revoked on
//! their "My consultations" page). It holds their consultations of today and to come, each with its
//! reference, how and in which language it is held, and a link to the application in the back
//! office; never the applicant's answers or contact details. An unknown or revoked token is a 404.

use actix_web::{HttpRequest, HttpResponse, http::header, web};
use chrono::Utc;

use crate::{
    booking::{self, language_text, mode_text},
    calendar::feed::{CONTENT_TYPE_FEED, FeedEvent, feed},
    context::App,
    db,
    error::AppError,
    i18n::Lang,
    links,
    web::session::token_hash,
};

/// The most consultations a feed holds.
const LIMIT: i64 = 500;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/calendar/{token}.ics", web::get().to(show));
}

pub async fn show(app: App, req: HttpRequest, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    let token = path.into_inner();
    // Tokens are 43 characters; anything much longer is not one.
    if token.is_empty() || token.len() > 128 {
        return Err(AppError::NotFound);
    }
    let consultant = db::consultants::by_feed_token(&app.pool, &token_hash(&token))
        .await?
        .filter(|c| c.active)
        .ok_or(AppError::NotFound)?;
    // Calendar applications rarely say which language they want: English unless they do.
    let lang = Lang::negotiate(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    let settings = &app.settings;
    let now = Utc::now();
    let (today, _) = booking::firm_day(settings.firm_time_zone, now);
    let rows = db::bookings::of_consultant(&app.pool, consultant.consultant_id, today, LIMIT).await?;
    let texts: Vec<_> = rows
        .iter()
        .map(|row| {
            let reference = row.reference.clone().unwrap_or_default();
            let mode = mode_text(lang, &row.consultation_mode);
            let location = if row.consultation_mode == "video" && !consultant.video_link.is_empty() {
                consultant.video_link.clone()
            } else {
                mode.clone()
            };
            (
                booking::event_uid(settings, row.booking_id),
                lang.t_args("feed-summary", &[("reference", reference.as_str())]),
                lang.t_args(
                    "feed-description",
                    &[
                        ("reference", reference.as_str()),
                        ("mode", mode.as_str()),
                        ("language", language_text(lang, &row.language).as_str()),
                    ],
                ),
                location,
                links::staff_application(settings, row.application_id),
            )
        })
        .collect();
    let events: Vec<FeedEvent> = rows
        .iter()
        .zip(&texts)
        .map(|(row, (uid, summary, description, location, url))| FeedEvent {
            uid,
            sequence: u32::try_from(row.ics_sequence).unwrap_or(0),
            start: row.starts_at,
            end: row.ends_at,
            summary,
            description,
            location,
            url,
        })
        .collect();
    let name = lang.t_args(
        "feed-name",
        &[
            ("name", consultant.display_name(&settings.firm_name)),
            ("firm", settings.firm_name.as_str()),
        ],
    );
    Ok(HttpResponse::Ok()
        .content_type(CONTENT_TYPE_FEED)
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .insert_header(("X-Robots-Tag", "noindex, nofollow"))
        .body(feed(&name, &events, now)))
}
