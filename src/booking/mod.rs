//! Consultations: the use cases of a booking, whoever asks (the applicant from their manage link,
//! staff from the back office): [`book`] one with the submission, [`reschedule`] it, cancel it
//! ([`cancel_by_applicant`], [`cancel_by_staff`]). Each checks what it must and answers a typed
//! [`Refusal`], and owns its emails (`emails`, queued in the same transaction) and its audit entries.
//! `schedule` reads the firm's free time; `limits` keeps one person or one script from booking out
//! the calendar; `brief` and `resend` are the firm's brief and staff sending an email again.

pub mod brief;
pub mod emails;
pub mod limits;
pub mod resend;
pub mod schedule;

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::json;
use sqlx::PgConnection;
use uuid::Uuid;

pub use emails::{
    BookingView, Host, enqueue_applicant_cancellation, enqueue_confirmation_email, event_uid, invite, language_text,
    mode_text, slot_text, view,
};
pub use schedule::{Free, Schedule, Want};

use crate::{
    config::Settings,
    context::AppContext,
    db::{self, audit::NewAuditEvent, bookings::BookingRow},
    domain::status::BookingStatus,
    error::AppError,
    i18n::Lang,
    links,
    metrics::BookingEvent,
    slots::Slot,
    web::session::{random_token, token_hash},
};

/// Who asks for a change to a booking.
#[derive(Debug, Clone, Copy)]
pub enum By<'a> {
    /// The applicant, through their manage link (its token): bound by the cut-off.
    Applicant { token: &'a str },
    /// A staff member: any time before the consultation. The applicant's manage link is renewed (the
    /// one they had stops working) and the change is recorded in the audit log.
    Staff { id: Uuid },
}

/// Why a booking was not made, moved or cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The time is not offered (any more): booked by someone else, too soon, or outside the hours.
    SlotNotFree,
    /// The time was free when checked, and someone else's booking won it at the database.
    SlotTaken,
    /// Less than the cut-off before the consultation: changes go through the firm.
    PastCutoff,
    /// The booking is cancelled.
    NotActive,
}

/// Whether a cancellation is emailed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notify {
    /// The applicant gets a cancellation with their calendar's update, the firm a notice.
    Applicant,
    /// No email (an application marked spam, or staff chose not to write).
    Nobody,
}

/// Whether a booking still holds its time.
pub fn is_active(row: &BookingRow) -> bool {
    row.status == BookingStatus::Active
}

/// A consultation to book with an application's submission.
pub struct NewBooking<'a> {
    pub application_id: Uuid,
    pub lang: Lang,
    pub reference: &'a str,
    pub full_name: &'a str,
    pub email: &'a str,
    pub start: DateTime<Utc>,
    pub zone: Tz,
    /// `video` or `phone`.
    pub mode: &'a str,
    /// The consultation's language, the pathway, and the consultant if the applicant named one.
    pub want: Want<'a>,
}

/// A booking made.
pub struct Booked {
    pub booking_id: Uuid,
    pub slot: Slot,
    pub consultant_id: Uuid,
    /// The token of the booking's manage link.
    pub token: String,
}

/// Books the free slot starting at `new.start` in the caller's transaction and queues the
/// applicant's confirmation (with its invite and manage link) and reminder. On a refusal the
/// transaction must be rolled back.
///
/// With no consultant named, the consultation goes to the suitable consultant free then with the
/// fewest consultations that week (the firm's week, Monday to Sunday), then to the one booked least
/// recently; when another booking wins that consultant at the database meanwhile, the next one is
/// tried, each in its own savepoint.
pub async fn book(
    conn: &mut PgConnection,
    settings: &Settings,
    schedule: &Schedule,
    new: &NewBooking<'_>,
) -> Result<Result<Booked, Refusal>, AppError> {
    let Some(free) = schedule.free_at(Utc::now(), new.start, &new.want) else {
        return Ok(Err(Refusal::SlotNotFree));
    };
    let slot = free.slot;
    let (week_start, week_end) = firm_week(settings.firm_time_zone, slot.start);
    let candidates = db::bookings::fairest(conn, &free.consultants, week_start, week_end).await?;
    let token = random_token();
    let hash = token_hash(&token);
    let mut held = None;
    for consultant_id in candidates {
        let row = db::bookings::NewBooking {
            application_id: new.application_id,
            consultant_id,
            language: new.want.language.unwrap_or(new.lang.code()),
            starts_at: slot.start,
            ends_at: slot.end,
            buffer_minutes: schedule.buffer_minutes,
            consultation_mode: new.mode,
            time_zone: new.zone.name(),
            manage_token_hash: &hash,
        };
        let mut savepoint = sqlx::Connection::begin(&mut *conn).await?;
        match db::bookings::insert(&mut savepoint, &row).await {
            Ok(id) => {
                savepoint.commit().await?;
                held = Some((id, consultant_id));
                break;
            }
            Err(e) if db::bookings::is_slot_taken(&e) => savepoint.rollback().await?,
            Err(e) => return Err(e.into()),
        }
    }
    let Some((booking_id, consultant_id)) = held else {
        return Ok(Err(Refusal::SlotTaken));
    };
    let manage_url = links::manage(settings, new.lang, &token);
    let host = schedule
        .consultant(consultant_id)
        .map(emails::Host::of)
        .unwrap_or_default();
    let view = BookingView {
        booking_id,
        application_id: new.application_id,
        lang: new.lang,
        reference: new.reference,
        full_name: new.full_name,
        email: new.email,
        starts_at: slot.start,
        ends_at: slot.end,
        time_zone: new.zone,
        mode: new.mode,
        sequence: 0,
        manage_url: &manage_url,
        consultation_language: new.want.language.unwrap_or(new.lang.code()),
        host,
    };
    emails::enqueue_confirmation(conn, settings, &view).await?;
    Ok(Ok(Booked {
        booking_id,
        slot,
        consultant_id,
        token,
    }))
}

/// The firm-local week (Monday 00:00 to the next Monday 00:00) that `at` falls in.
pub fn firm_week(firm_tz: chrono_tz::Tz, at: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let date = at.with_timezone(&firm_tz).date_naive();
    let monday = date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
    (
        firm_midnight(firm_tz, monday),
        firm_midnight(firm_tz, monday + Duration::days(7)),
    )
}

/// The firm-local day (00:00 to the next 00:00) that `at` falls in.
pub fn firm_day(firm_tz: chrono_tz::Tz, at: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let date = at.with_timezone(&firm_tz).date_naive();
    (
        firm_midnight(firm_tz, date),
        firm_midnight(firm_tz, date + Duration::days(1)),
    )
}

/// The first instant of firm-local `date` (the earlier one when midnight happens twice).
fn firm_midnight(firm_tz: chrono_tz::Tz, date: chrono::NaiveDate) -> DateTime<Utc> {
    let local = date.and_time(NaiveTime::MIN);
    firm_tz
        .from_local_datetime(&local)
        .earliest()
        .map_or_else(|| local.and_utc(), |t| t.to_utc())
}

/// A booking moved.
pub struct Moved {
    pub slot: Slot,
    pub consultant_id: Uuid,
}

/// Where to move a booking: a time and, optionally, a consultant.
#[derive(Debug, Clone, Copy)]
pub struct MoveTo {
    pub start: DateTime<Utc>,
    /// `None`: the booking's consultant if they are free then, otherwise the suitable consultant free
    /// then (same language and pathway), chosen as [`book`] chooses.
    pub consultant: Option<Uuid>,
}

/// Moves booking `row` to `to`, in its own transaction: the applicant gets an updated invite and a
/// new reminder (the old one is withdrawn), the firm and the consultant a notice. `reason` (staff
/// only, may be empty) is written in the applicant's email.
pub async fn reschedule(
    app: &AppContext,
    row: &BookingRow,
    to: MoveTo,
    by: By<'_>,
    reason: &str,
) -> Result<Result<Moved, Refusal>, AppError> {
    let settings = &app.settings;
    if !is_active(row) {
        return Ok(Err(Refusal::NotActive));
    }
    let schedule = Schedule::load(app).await?.without(row.booking_id);
    let now = Utc::now();
    if matches!(by, By::Applicant { .. }) && schedule.past_cutoff(row.starts_at, now) {
        return Ok(Err(Refusal::PastCutoff));
    }
    let want = Want {
        language: Some(row.consultation_language.as_str()),
        pathway: row.pathway.as_deref(),
        consultant: to.consultant,
    };
    let Some(free) = schedule.free_at(now, to.start, &want) else {
        return Ok(Err(Refusal::SlotNotFree));
    };
    let slot = free.slot;
    let mut tx = app.pool.begin().await?;
    let candidates = if free.consultants.contains(&row.consultant_id) {
        vec![row.consultant_id]
    } else {
        let (week_start, week_end) = firm_week(settings.firm_time_zone, slot.start);
        db::bookings::fairest(&mut tx, &free.consultants, week_start, week_end).await?
    };
    let mut moved_to = None;
    for consultant_id in candidates {
        let mut savepoint = sqlx::Connection::begin(&mut *tx).await?;
        let moved = db::bookings::reschedule(
            &mut savepoint,
            row.booking_id,
            consultant_id,
            slot.start,
            slot.end,
            schedule.buffer_minutes,
        )
        .await;
        match moved {
            Ok(Some(sequence)) => {
                savepoint.commit().await?;
                moved_to = Some((consultant_id, sequence));
                break;
            }
            Ok(None) => return Ok(Err(Refusal::NotActive)),
            Err(e) if db::bookings::is_slot_taken(&e) => savepoint.rollback().await?,
            Err(e) => return Err(e.into()),
        }
    }
    let Some((consultant_id, sequence)) = moved_to else {
        return Ok(Err(Refusal::SlotTaken));
    };
    let manage = manage_link(&mut tx, settings, row, by).await?;
    let mut after = row.clone();
    after.starts_at = slot.start;
    after.ends_at = slot.end;
    after.ics_sequence = sequence;
    if consultant_id != row.consultant_id
        && let Some(host) = schedule.consultant(consultant_id)
    {
        after.consultant_id = consultant_id;
        after.host_name.clone_from(&host.name);
        after.host_email.clone_from(&host.email);
        after.host_video_link.clone_from(&host.video_link);
        after.host_phone.clone_from(&host.phone);
    }
    let view = view(&after, &manage).ok_or(AppError::NotFound)?;
    let staff_url = links::staff_application(settings, row.application_id);
    emails::enqueue_rescheduled(&mut tx, settings, &view, row, reason, &staff_url).await?;
    if let By::Staff { id } = by {
        audit(
            &mut tx,
            id,
            "booking.move",
            row.application_id,
            json!({ "starts_at": row.starts_at, "consultant_id": row.consultant_id }),
            json!({ "starts_at": slot.start, "consultant_id": consultant_id, "reason": reason }),
        )
        .await?;
    }
    tx.commit().await?;
    app.metrics.booking(BookingEvent::Moved);
    tracing::info!(booking_id = %row.booking_id, by = by.label(), "booking moved");
    Ok(Ok(Moved { slot, consultant_id }))
}

/// The applicant books a new time from the manage link of their cancelled consultation, without
/// answering the questions again: a new booking of the same application, with its own manage link,
/// confirmation and reminder; the firm and the consultant get a notice.
pub async fn rebook(
    app: &AppContext,
    row: &BookingRow,
    start: DateTime<Utc>,
    consultant: Option<Uuid>,
) -> Result<Result<Booked, Refusal>, AppError> {
    if is_active(row) {
        return Ok(Err(Refusal::NotActive));
    }
    let settings = &app.settings;
    let schedule = Schedule::load_for(app, start).await?;
    let lang = Lang::from_code(&row.language).unwrap_or(Lang::En);
    let (Some(reference), Some(full_name), Some(email)) = (&row.reference, &row.full_name, &row.email) else {
        return Ok(Err(Refusal::NotActive));
    };
    let new = NewBooking {
        application_id: row.application_id,
        lang,
        reference,
        full_name,
        email,
        start,
        zone: row.time_zone.parse().unwrap_or(settings.firm_time_zone),
        mode: &row.consultation_mode,
        want: Want {
            language: Some(&row.consultation_language),
            pathway: row.pathway.as_deref(),
            consultant,
        },
    };
    let mut tx = app.pool.begin().await?;
    let booked = match book(&mut tx, settings, &schedule, &new).await {
        Ok(Ok(booked)) => booked,
        Ok(Err(refusal)) => return Ok(Err(refusal)),
        // The application holds an active booking already (a second tab, a replayed POST).
        Err(AppError::Db(sqlx::Error::Database(e)))
            if e.constraint() == Some("booking_one_active_per_application_idx") =>
        {
            return Ok(Err(Refusal::NotActive));
        }
        Err(e) => return Err(e),
    };
    let mut after = row.clone();
    after.booking_id = booked.booking_id;
    after.starts_at = booked.slot.start;
    after.ends_at = booked.slot.end;
    after.ics_sequence = 0;
    after.status = BookingStatus::Active;
    if let Some(host) = schedule.consultant(booked.consultant_id) {
        after.consultant_id = host.consultant_id;
        after.host_name.clone_from(&host.name);
        after.host_email.clone_from(&host.email);
        after.host_video_link.clone_from(&host.video_link);
        after.host_phone.clone_from(&host.phone);
    }
    let manage = links::manage(settings, lang, &booked.token);
    let view = view(&after, &manage).ok_or(AppError::NotFound)?;
    let staff_url = links::staff_application(settings, row.application_id);
    emails::enqueue_booked_again(&mut tx, settings, &view, row, &staff_url).await?;
    tx.commit().await?;
    app.metrics.booking(BookingEvent::Booked);
    tracing::info!(booking_id = %booked.booking_id, "consultation booked again from the manage link");
    Ok(Ok(booked))
}

/// The applicant cancels their booking from their manage link, up to the cut-off: the time is free
/// again, they get a cancellation with their calendar's update and the firm a notice.
pub async fn cancel_by_applicant(
    app: &AppContext,
    row: &BookingRow,
    token: &str,
    reason: &str,
) -> Result<Result<(), Refusal>, AppError> {
    if !is_active(row) {
        return Ok(Err(Refusal::NotActive));
    }
    let stored = db::availability::settings(&app.pool).await?;
    let cutoff = chrono::Duration::hours(i64::from(stored.cancel_cutoff_hours));
    if row.starts_at - cutoff <= Utc::now() {
        return Ok(Err(Refusal::PastCutoff));
    }
    let mut tx = app.pool.begin().await?;
    let manage = manage_link(&mut tx, &app.settings, row, By::Applicant { token }).await?;
    if !cancel_row(&mut tx, &app.settings, row, Notify::Applicant, &manage, reason).await? {
        return Ok(Err(Refusal::NotActive));
    }
    tx.commit().await?;
    app.metrics.booking(BookingEvent::Cancelled);
    tracing::info!(booking_id = %row.booking_id, "booking cancelled by the applicant");
    Ok(Ok(()))
}

/// The firm cancels application `application_id`'s booking that has not started yet, in the
/// caller's transaction (a status change, a bulk cancellation), and records it in the audit log with
/// why (`via`) and whether the applicant was emailed. False when there was no such booking. The
/// caller counts it in the metrics once committed.
pub async fn cancel_by_staff(
    conn: &mut PgConnection,
    settings: &Settings,
    application_id: Uuid,
    staff_id: Uuid,
    notify: Notify,
    via: &str,
) -> Result<bool, AppError> {
    let Some(row) = db::bookings::active_future_for_update(conn, application_id).await? else {
        return Ok(false);
    };
    // Only an emailed applicant needs a working link; either way the old one is revoked when they are.
    let manage = match notify {
        Notify::Applicant => manage_link(conn, settings, &row, By::Staff { id: staff_id }).await?,
        Notify::Nobody => String::new(),
    };
    if !cancel_row(conn, settings, &row, notify, &manage, "").await? {
        return Ok(false);
    }
    audit(
        conn,
        staff_id,
        "booking.cancel",
        application_id,
        json!({ "booking_id": row.booking_id, "starts_at": row.starts_at, "status": "active" }),
        json!({ "status": "cancelled", "via": via, "applicant_emailed": notify == Notify::Applicant }),
    )
    .await?;
    Ok(true)
}

/// Cancels the row and sends what `notify` asks. False when it was no longer active.
async fn cancel_row(
    conn: &mut PgConnection,
    settings: &Settings,
    row: &BookingRow,
    notify: Notify,
    manage_url: &str,
    reason: &str,
) -> Result<bool, AppError> {
    let Some(sequence) = db::bookings::cancel(conn, row.booking_id).await? else {
        return Ok(false);
    };
    match notify {
        Notify::Nobody => {
            db::outbox::withdraw_reminders(conn, row.application_id).await?;
        }
        Notify::Applicant => {
            let mut cancelled = row.clone();
            cancelled.ics_sequence = sequence;
            let view = view(&cancelled, manage_url).ok_or(AppError::BadRequest)?;
            // The manage link stays the way to choose a new time without answering again.
            let book_url = manage_url.to_owned();
            let staff_url = links::staff_application(settings, row.application_id);
            emails::enqueue_cancelled(conn, settings, &view, &book_url, &staff_url, reason).await?;
        }
    }
    Ok(true)
}

/// The manage link the emails carry: the applicant's own, or for a staff change a new one.
async fn manage_link(
    conn: &mut PgConnection,
    settings: &Settings,
    row: &BookingRow,
    by: By<'_>,
) -> Result<String, AppError> {
    match by {
        By::Applicant { token } => {
            let lang = Lang::from_code(&row.language).unwrap_or(Lang::En);
            Ok(links::manage(settings, lang, token))
        }
        By::Staff { .. } => renew_manage_link(conn, settings, row).await,
    }
}

/// A new manage link for the booking, in the caller's transaction: its token replaces the old one,
/// so the link the applicant had stops working.
pub async fn renew_manage_link(
    conn: &mut PgConnection,
    settings: &Settings,
    row: &BookingRow,
) -> Result<String, AppError> {
    let lang = Lang::from_code(&row.language).unwrap_or(Lang::En);
    let token = random_token();
    db::bookings::rotate_manage_token(conn, row.booking_id, &token_hash(&token)).await?;
    Ok(links::manage(settings, lang, &token))
}

impl By<'_> {
    fn label(&self) -> &'static str {
        match self {
            By::Applicant { .. } => "applicant",
            By::Staff { .. } => "staff",
        }
    }
}

async fn audit(
    conn: &mut PgConnection,
    staff_id: Uuid,
    action: &'static str,
    application_id: Uuid,
    before: serde_json::Value,
    after: serde_json::Value,
) -> Result<(), AppError> {
    db::audit::record(
        conn,
        &NewAuditEvent {
            staff_user_id: Some(staff_id),
            action,
            subject_type: Some("application"),
            subject_id: Some(&application_id.to_string()),
            before: Some(before),
            after: Some(after),
            ..NewAuditEvent::default()
        },
    )
    .await?;
    Ok(())
}
