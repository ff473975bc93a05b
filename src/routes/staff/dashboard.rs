//! `/staff/`: what needs attention now: new submissions, today's and upcoming consultations (in
//! the firm's time zone), and emails that could not be delivered.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::{Duration, Utc};

use crate::{
    auth::CurrentStaff,
    booking::mode_text,
    context::App,
    db,
    error::AppError,
    i18n::when::{self, stamp},
    web::{html, page::PageCtx},
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(show)).route("", web::get().to(show));
}

pub struct ConsultationView {
    pub url: String,
    pub reference: String,
    pub name: String,
    pub day: String,
    pub time: String,
    pub mode: String,
    pub today: bool,
}

pub struct ProblemView {
    pub url: Option<String>,
    pub kind: String,
    pub error: String,
    pub when: String,
}

#[derive(Template)]
#[template(path = "staff/dashboard.html")]
pub struct DashboardPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub new_count: i64,
    pub consultations: Vec<ConsultationView>,
    pub problems: Vec<ProblemView>,
    pub dead_count: i64,
    pub firm_zone: String,
}

pub async fn show(ctx: PageCtx, staff: CurrentStaff, app: App) -> Result<HttpResponse, AppError> {
    let tz = app.settings.firm_time_zone;
    let now = Utc::now();
    let today = now.with_timezone(&tz).date_naive();
    let new_count = db::applications::count_new(&app.pool).await?;
    let dead_count = db::outbox::count_dead(&app.pool).await?;
    let consultations = db::bookings::upcoming(&app.pool, now - Duration::hours(1), 20)
        .await?
        .into_iter()
        .map(|u| {
            let local = u.starts_at.with_timezone(&tz);
            ConsultationView {
                url: format!("/staff/applications/{}", u.application_id),
                reference: u.reference.unwrap_or_default(),
                name: u.full_name.unwrap_or_default(),
                day: when::date(ctx.lang, local.date_naive()),
                time: when::time(ctx.lang, local.time()),
                mode: mode_text(ctx.lang, &u.consultation_mode),
                today: local.date_naive() == today,
            }
        })
        .collect();
    let problems = db::outbox::dead(&app.pool, 20)
        .await?
        .into_iter()
        .map(|d| ProblemView {
            url: d.application_id.map(|id| format!("/staff/applications/{id}#emails")),
            kind: d.kind,
            error: d.last_error.unwrap_or_default(),
            when: stamp(d.updated_at, tz),
        })
        .collect();
    let page = DashboardPage {
        ctx,
        staff: Some(staff),
        new_count,
        consultations,
        problems,
        dead_count,
        firm_zone: tz.name().to_owned(),
    };
    html(StatusCode::OK, &page)
}
