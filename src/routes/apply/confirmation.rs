//! `/{lang}/apply/confirmation`: what the applicant sees once their application is sent (its
//! reference and consultation), and the consultation's invite to download.

use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode};
use askama::Template;
use chrono_tz::Tz;

use super::gate;
use crate::{
    booking::{self, mode_text},
    context::App,
    db,
    error::AppError,
    i18n::when,
    web::{html, page::PageCtx, see_other},
};

#[derive(Template)]
#[template(path = "apply/confirmation.html")]
pub struct ConfirmationPage {
    pub ctx: PageCtx,
    pub reference: String,
    pub email: String,
    pub slot_applicant: String,
    pub slot_firm: String,
    pub mode: String,
}

pub async fn show(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let Some(draft) = gate::current(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    let Some(reference) = draft.row.reference.clone().filter(|_| !draft.is_draft()) else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    let booking = db::bookings::latest_for_application(&app.pool, draft.row.application_id).await?;
    let (slot_applicant, slot_firm, mode) = match &booking {
        Some(b) if booking::is_active(b) => {
            let zone: Tz = b.time_zone.parse().unwrap_or(app.settings.firm_time_zone);
            (
                when::slot(ctx.lang, b.starts_at, b.ends_at, zone),
                when::slot(ctx.lang, b.starts_at, b.ends_at, app.settings.firm_time_zone),
                mode_text(ctx.lang, &b.consultation_mode),
            )
        }
        _ => Default::default(),
    };
    let email = draft.answers.str("email").unwrap_or_default().to_owned();
    let page = ConfirmationPage {
        ctx,
        reference,
        email,
        slot_applicant,
        slot_firm,
        mode,
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
