//! `/staff/consultations`: the signed-in consultant's consultations of today and to come, in the
//! firm's time zone with the applicant's beside it. Admins and assistants (staff who do not
//! consult) choose whose list to see (`?consultant=`); consultants see their own and, on it, their
//! private calendar feed.

use actix_web::{HttpRequest, HttpResponse, http::StatusCode};
use askama::Template;
use chrono::Utc;
use chrono_tz::Tz;
use uuid::Uuid;

use super::first;
use crate::{
    auth::CurrentStaff,
    booking::{self, language_text, mode_text},
    context::App,
    db::{self, bookings::Consultation, consultants::Consultant},
    error::AppError,
    i18n::{Lang, when, zone_name::zone_name},
    web::{html, page::PageCtx},
};

/// The most consultations listed.
const LIMIT: i64 = 200;

/// One consultation of the list.
pub struct Row {
    pub url: String,
    pub reference: String,
    pub name: String,
    /// In the firm's zone: the times alone today, the date and times later.
    pub firm_time: String,
    /// In the applicant's zone, with its name; the date too when it is not the firm's.
    pub applicant_time: String,
    pub mode: String,
    pub language: String,
}

#[derive(Template)]
#[template(path = "staff/consultations.html")]
pub struct MinePage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    /// Whether the viewer may choose whose list to see, and the choices: (id, name).
    pub choose: bool,
    pub options: Vec<(String, String)>,
    pub selected: String,
    /// Whose list is shown; empty when nobody's (a staff member who does not consult).
    pub shown_name: String,
    /// The list is the viewer's own.
    pub own: bool,
    pub today_heading: String,
    pub today: Vec<Row>,
    pub upcoming: Vec<Row>,
    pub firm_zone: String,
    /// The viewer has a calendar feed (their own list only).
    pub has_feed: bool,
    /// `feed-revoked` after turning the feed off.
    pub done: String,
}

pub async fn show(ctx: PageCtx, staff: CurrentStaff, app: App, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let query: Vec<(String, String)> = form_urlencoded::parse(req.query_string().as_bytes())
        .into_owned()
        .collect();
    let me = db::consultants::of_staff(&app.pool, staff.id).await?;
    let choose = staff.is_admin() || me.is_none();
    let all = db::consultants::all(&app.pool).await?;
    let asked = first(&query, "consultant").and_then(|v| Uuid::parse_str(v).ok());
    let shown: Option<&Consultant> = match asked {
        Some(id) if me.as_ref().is_some_and(|m| m.consultant_id == id) => me.as_ref(),
        Some(id) if choose => all.iter().find(|c| c.consultant_id == id),
        Some(_) => return Err(AppError::Forbidden),
        None => me.as_ref(),
    };
    let firm = app.settings.firm_time_zone;
    let now = Utc::now();
    let (today_start, today_end) = booking::firm_day(firm, now);
    let (mut today, mut upcoming) = (Vec::new(), Vec::new());
    if let Some(c) = shown {
        for row in db::bookings::of_consultant(&app.pool, c.consultant_id, today_start, LIMIT).await? {
            let is_today = row.starts_at < today_end;
            let shown = view(ctx.lang, firm, &row, is_today);
            if is_today {
                today.push(shown);
            } else {
                upcoming.push(shown);
            }
        }
    }
    let own = shown.is_some() && shown.map(|c| c.consultant_id) == me.as_ref().map(|m| m.consultant_id);
    let has_feed = match (&me, own) {
        (Some(m), true) => db::consultants::has_feed(&app.pool, m.consultant_id).await?,
        _ => false,
    };
    let firm_name = app.settings.firm_name.as_str();
    let page = MinePage {
        choose,
        options: all
            .iter()
            .map(|c| (c.consultant_id.to_string(), c.display_name(firm_name).to_owned()))
            .collect(),
        selected: shown.map(|c| c.consultant_id.to_string()).unwrap_or_default(),
        shown_name: shown.map(|c| c.display_name(firm_name).to_owned()).unwrap_or_default(),
        own,
        today_heading: ctx.t1(
            "consultations-today",
            "date",
            &when::date(ctx.lang, now.with_timezone(&firm).date_naive()),
        ),
        today,
        upcoming,
        firm_zone: zone_name(ctx.lang, firm, now),
        has_feed,
        done: first(&query, "done")
            .filter(|d| *d == "feed-revoked")
            .unwrap_or_default()
            .to_owned(),
        ctx,
        staff: Some(staff),
    };
    html(StatusCode::OK, &page)
}

/// A consultation as the list shows it.
fn view(lang: Lang, firm: Tz, row: &Consultation, is_today: bool) -> Row {
    let zone: Tz = row.time_zone.parse().unwrap_or(firm);
    let firm_date = row.starts_at.with_timezone(&firm).date_naive();
    let their_date = row.starts_at.with_timezone(&zone).date_naive();
    let firm_range = when::time_range(lang, row.starts_at, row.ends_at, firm);
    let their_range = when::time_range(lang, row.starts_at, row.ends_at, zone);
    let their_zone = zone_name(lang, zone, row.starts_at);
    Row {
        url: format!("/staff/applications/{}", row.application_id),
        reference: row.reference.clone().unwrap_or_default(),
        name: row.full_name.clone().unwrap_or_default(),
        firm_time: if is_today {
            firm_range
        } else {
            format!("{}, {firm_range}", when::date(lang, firm_date))
        },
        applicant_time: if their_date == firm_date {
            format!("{their_range} ({their_zone})")
        } else {
            format!("{}, {their_range} ({their_zone})", when::date(lang, their_date))
        },
        mode: mode_text(lang, &row.consultation_mode),
        language: language_text(lang, &row.language),
    }
}
