//! The applicant's application as a use case: the [`Draft`] they answer page by page, its
//! preliminary assessment ([`assess`]) and its [`submit`]ting, which books the chosen consultation
//! and queues the emails to the applicant and the firm in one transaction.

pub mod draft;

use chrono::Utc;

pub use draft::{ChosenSlot, Draft, SLOT_STEP, Stage};

use crate::{
    booking::{self, NewBooking, Schedule, limits},
    context::AppContext,
    db,
    domain::{pathway::Pathway, reference_code::new_reference},
    error::AppError,
    i18n::Lang,
    links,
    metrics::BookingEvent,
    prescreen::{self, Context, PathwayAssessment, StoredPrescreen},
};

/// Runs the pre-screen for the draft, with the Job Bank medians in force today, and stores it on
/// the application: `chosen`'s assessment first, then (for "not sure") the other pathways'.
pub async fn assess(app: &AppContext, draft: &Draft, chosen: Pathway) -> Result<Vec<PathwayAssessment>, AppError> {
    let today = Utc::now().with_timezone(&app.settings.firm_time_zone).date_naive();
    let nocs = prescreen::nocs_to_look_up(&draft.answers);
    let medians = db::wages::medians_for(&app.pool, today, &nocs).await?;
    let pathways = if draft.not_sure() {
        let mut all = vec![chosen];
        all.extend(Pathway::ALL.iter().filter(|p| **p != chosen));
        all
    } else {
        vec![chosen]
    };
    let results = prescreen::assess_all(&draft.answers, &pathways, &Context::new(today, &medians));
    let stored = StoredPrescreen::from_results(&results);
    let main = &results[0];
    let rules: Vec<String> = main.rule_ids().into_iter().map(str::to_owned).collect();
    let mut conn = app.pool.acquire().await?;
    db::applications::save_prescreen(
        &mut conn,
        draft.row.application_id,
        &stored,
        main.outcome.as_str(),
        &rules,
    )
    .await?;
    Ok(results)
}

/// What became of a submission.
#[derive(Debug)]
pub enum Submission {
    /// Sent, with its consultation booked and the emails queued.
    Submitted { reference: String },
    /// Already submitted (a double click, a refresh, a replayed POST).
    AlreadySubmitted,
    /// The chosen time was taken meanwhile: nothing was stored, every answer is kept.
    SlotTaken,
    /// Refused by the booking limits (see `booking::limits`): nothing was stored.
    Refused(limits::Refusal),
}

/// Submits a [`Stage::Ready`] draft once: gives it a reference, books its chosen time, and queues
/// the applicant's confirmation and the firm's brief, all in one transaction. `block` is the
/// client's address block, for the daily limit per network.
pub async fn submit(app: &AppContext, draft: &Draft, pathway: Pathway, block: &str) -> Result<Submission, AppError> {
    let settings = &app.settings;
    let chosen = draft.chosen_slot(settings.firm_time_zone).ok_or(AppError::BadRequest)?;
    let schedule = Schedule::load_for(app, chosen.start).await?;
    let want = chosen.want(pathway.code());
    if schedule.free_at(Utc::now(), chosen.start, &want).is_none() {
        return Ok(Submission::SlotTaken);
    }
    // The assessment as of the final answers.
    let results = assess(app, draft, pathway).await?;
    let application_id = draft.row.application_id;
    let lang = Lang::from_code(&draft.row.language).unwrap_or(Lang::En);
    let full_name = draft.answers.str("full_name").unwrap_or_default();
    let email = draft.answers.str("email").unwrap_or_default();

    let mut tx = app.pool.begin().await?;
    let mut reference = None;
    for _ in 0..5 {
        let mut savepoint = sqlx::Connection::begin(&mut *tx).await?;
        match db::applications::submit(&mut savepoint, application_id, &new_reference()).await {
            Ok(found) => {
                savepoint.commit().await?;
                reference = Some(found);
                break;
            }
            // The reference was taken: draw another.
            Err(sqlx::Error::Database(e)) if e.constraint() == Some("application_reference_key") => continue,
            Err(e) => return Err(e.into()),
        }
    }
    let reference = match reference {
        Some(Some(reference)) => reference,
        // Already submitted by a concurrent request.
        Some(None) => return Ok(Submission::AlreadySubmitted),
        None => return Err(anyhow::anyhow!("no free reference after 5 draws").into()),
    };

    let phone = draft.answers.str("phone");
    if let Err(refusal) = limits::admit(&mut tx, settings, email, phone, block, application_id).await? {
        tx.rollback().await?;
        tracing::info!(%application_id, ?refusal, "booking refused");
        return Ok(Submission::Refused(refusal));
    }

    let new = NewBooking {
        application_id,
        lang,
        reference: &reference,
        full_name,
        email,
        start: chosen.start,
        zone: chosen.zone,
        mode: &chosen.mode,
        want,
    };
    let booked = match booking::book(&mut tx, settings, &schedule, &new).await? {
        Ok(booked) => booked,
        Err(_) => {
            tx.rollback().await?;
            return Ok(Submission::SlotTaken);
        }
    };

    let assessments: Vec<_> = results.iter().map(|r| r.stored()).collect();
    let (start, end) = (booked.slot.start, booked.slot.end);
    let host = schedule
        .consultant(booked.consultant_id)
        .map(booking::Host::of)
        .unwrap_or_default();
    let source = booking::brief::BriefSource {
        application_id,
        lang,
        reference: &reference,
        pathway,
        answers: &draft.answers,
        assessments: &assessments,
        slot: booking::slot_text(lang, start, end, chosen.zone, settings.firm_time_zone),
        mode: &chosen.mode,
        meeting: crate::email::messages::Meeting {
            with: host.display(settings).to_owned(),
            language: booking::language_text(lang, &chosen.language),
            join: String::new(),
        },
    };
    let brief = booking::brief::firm_brief(settings, &source).ok_or(AppError::BadRequest)?;
    let staff_url = links::staff_application(settings, application_id);
    let view = booking::BookingView {
        booking_id: booked.booking_id,
        application_id,
        lang,
        reference: &reference,
        full_name,
        email,
        starts_at: start,
        ends_at: end,
        time_zone: chosen.zone,
        mode: &chosen.mode,
        sequence: 0,
        manage_url: &staff_url,
        consultation_language: &chosen.language,
        host: host.clone(),
    };
    let invite = booking::emails::staff_invite(settings, &view, false, &staff_url);
    booking::brief::enqueue(&mut tx, settings, application_id, &brief, Some((&host.email, invite))).await?;
    limits::after_booking(&mut tx, settings, &links::staff_applications(settings)).await?;
    tx.commit().await?;
    app.metrics.booking(BookingEvent::Booked);
    tracing::info!(%application_id, booking_id = %booked.booking_id, "application submitted and consultation booked");
    Ok(Submission::Submitted { reference })
}
