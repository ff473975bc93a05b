//! Staff sending again an email that could not be delivered. The stored body is never replayed
//! (it may be emptied by retention, and its links may be stale): the email is rendered afresh
//! from the application as it is now, with a new manage link where the applicant needs one (the
//! old link stops working), and the dead row is emptied and withdrawn.

use chrono_tz::Tz;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::brief;
use crate::{
    config::Settings,
    db,
    domain::{pathway::Pathway, status::BookingStatus},
    error::AppError,
    i18n::Lang,
};

/// What a resend queued instead of the dead email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resent {
    /// The firm's brief, as the application stands now.
    FirmBrief,
    /// The applicant's confirmation of their current booking, with a new manage link.
    Confirmation,
    /// The applicant's cancellation of their latest (cancelled) booking.
    Cancellation,
}

impl Resent {
    pub fn kind(self) -> &'static str {
        match self {
            Resent::FirmBrief => "firm_brief",
            Resent::Confirmation => "booking_confirmation",
            Resent::Cancellation => "booking_cancelled",
        }
    }
}

/// Replaces dead email `email_id` of application `id` by a fresh one, in the caller's transaction.
/// `Ok(None)`: nothing to send (not a dead email of this application, an erased application, or an
/// email with no current counterpart, such as a resume link of a submitted application).
pub async fn resend(
    conn: &mut PgConnection,
    pool: &PgPool,
    settings: &Settings,
    id: Uuid,
    email_id: Uuid,
) -> Result<Option<Resent>, AppError> {
    let Some(kind) = db::outbox::take_dead(conn, id, email_id).await? else {
        return Ok(None);
    };
    let Some(a) = db::applications::detail(pool, id)
        .await?
        .filter(|a| a.erased_at.is_none())
    else {
        return Ok(None);
    };
    // Nothing to send to an application without a reference, an address or a pathway.
    let (Some(reference), Some(_), Some(pathway)) = (
        a.reference.as_deref(),
        a.email.as_deref(),
        a.pathway.as_deref().and_then(Pathway::from_code),
    ) else {
        return Ok(None);
    };
    let lang = Lang::from_code(&a.language).unwrap_or(Lang::En);
    let Some(row) = db::bookings::latest_for_application(pool, id).await? else {
        return Ok(None);
    };
    let resent = match kind.as_str() {
        "firm_brief" | "firm_booking_notice" => Resent::FirmBrief,
        "booking_confirmation" | "booking_reminder" | "booking_rescheduled" if row.status == BookingStatus::Active => {
            Resent::Confirmation
        }
        "booking_cancelled" if row.status == BookingStatus::Cancelled => Resent::Cancellation,
        _ => return Ok(None),
    };
    let zone: Tz = row.time_zone.parse().unwrap_or(settings.firm_time_zone);
    match resent {
        Resent::FirmBrief => {
            let prescreen = a.prescreen.map(|p| p.0).unwrap_or_default();
            let source = brief::BriefSource {
                application_id: id,
                lang,
                reference,
                pathway,
                answers: &a.answers.0,
                assessments: prescreen.all(),
                slot: super::slot_text(lang, row.starts_at, row.ends_at, zone, settings.firm_time_zone),
                mode: &row.consultation_mode,
                meeting: crate::email::messages::Meeting {
                    with: super::Host::of_row(&row).display(settings).to_owned(),
                    language: super::language_text(lang, &row.consultation_language),
                    join: String::new(),
                },
            };
            let Some(brief) = brief::firm_brief(settings, &source) else {
                return Ok(None);
            };
            brief::enqueue(conn, settings, id, &brief, None).await?;
        }
        Resent::Confirmation | Resent::Cancellation => {
            let manage_url = if resent == Resent::Confirmation {
                super::renew_manage_link(conn, settings, &row).await?
            } else {
                String::new()
            };
            let Some(view) = super::view(&row, &manage_url) else {
                return Ok(None);
            };
            if resent == Resent::Confirmation {
                super::enqueue_confirmation_email(conn, settings, &view).await?;
            } else {
                let book_url = crate::links::apply(settings, view.lang);
                super::enqueue_applicant_cancellation(conn, settings, &view, &book_url).await?;
            }
        }
    }
    Ok(Some(resent))
}
