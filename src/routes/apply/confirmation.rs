//! `/{lang}/apply/confirmation`: what the applicant sees once their application is sent (its
//! reference and consultation), and the consultation's invite to download.

use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode};
use askama::Template;

use super::gate;
use crate::{
    booking::{self, Host},
    calendar::links::{self, LinkEvent},
    context::App,
    db,
    error::AppError,
    routes::manage::Summary,
    web::{html, page::PageCtx, see_other},
};

#[derive(Template)]
#[template(path = "apply/confirmation.html")]
pub struct ConfirmationPage {
    pub ctx: PageCtx,
    pub reference: String,
    pub email: String,
    /// The consultation booked (when, with whom, language, how to join), if it is still booked.
    pub summary: Option<Summary>,
    /// "Add to Google Calendar" and "Add to Outlook" links.
    pub google: String,
    pub outlook: String,
}

pub async fn show(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let Some(draft) = gate::current(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    let Some(reference) = draft.row.reference.clone().filter(|_| !draft.is_draft()) else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    let booking = db::bookings::latest_for_application(&app.pool, draft.row.application_id)
        .await?
        .filter(booking::is_active);
    let (summary, google, outlook) = match &booking {
        Some(b) => {
            let host = Host::of_row(b);
            let title = ctx
                .lang
                .t_args("ics-summary", &[("firm", app.settings.firm_name.as_str())]);
            let join = host.join_text(ctx.lang, &app.settings, &b.consultation_mode);
            let details = ctx.lang.t_args(
                "calendar-link-details",
                &[("reference", reference.as_str()), ("join", join.as_str())],
            );
            let location = if b.consultation_mode == "video" && !host.video_link.is_empty() {
                host.video_link.clone()
            } else {
                booking::mode_text(ctx.lang, &b.consultation_mode)
            };
            let event = LinkEvent {
                title: &title,
                details: &details,
                location: &location,
                start: b.starts_at,
                end: b.ends_at,
            };
            (
                Some(Summary::of(&ctx, &app, b)),
                links::google(&event),
                links::outlook(&event),
            )
        }
        None => Default::default(),
    };
    let email = draft.answers.str("email").unwrap_or_default().to_owned();
    let page = ConfirmationPage {
        ctx,
        reference,
        email,
        summary,
        google,
        outlook,
    };
    html(StatusCode::OK, &page)
}

/// The invite of the applicant's consultation, to download from the confirmation page.
pub async fn invite(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let draft = gate::current(&app, &session)
        .await?
        .filter(|d| !d.is_draft())
        .ok_or(AppError::NotFound)?;
    let row = db::bookings::latest_for_application(&app.pool, draft.row.application_id)
        .await?
        .filter(booking::is_active)
        .ok_or(AppError::NotFound)?;
    let manage = ctx.url("/apply/confirmation");
    let view = booking::view(&row, &manage).ok_or(AppError::NotFound)?;
    let attachment = booking::invite(&app.settings, &view, false);
    Ok(HttpResponse::Ok()
        .content_type(attachment.content_type)
        .insert_header(("Content-Disposition", "attachment; filename=\"consultation.ics\""))
        .body(attachment.content))
}
