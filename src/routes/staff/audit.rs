//! `/staff/audit` (admins): the audit trail, newest first, filtered in the query string (so a view
//! can be bookmarked) by action prefix, staff member, subject and firm-local dates; 50 to a page.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    auth::CurrentStaff,
    context::App,
    db::{self, audit},
    error::AppError,
    web::{
        forms::clean_text,
        html,
        page::PageCtx,
        pagination::{self, Pager},
    },
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/audit", web::get().to(list));
}

pub const PAGE_SIZE: i64 = 50;
/// Longest before/after/detail text shown in a cell; the rest is cut.
const MAX_JSON_CHARS: usize = 300;

/// The filters as the query string gives them (empty = no filter).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Filters {
    /// Action prefix: `staff.`, `availability`, `application.erase`.
    pub action: String,
    /// A staff member's id, or `system` for events without one.
    pub staff: String,
    pub subject: String,
    /// Firm-local dates, `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    pub page: String,
}

/// Midnight at the start of `date` in `tz` (the earlier one if the clock repeats it).
fn start_of(date: NaiveDate, tz: Tz) -> Option<DateTime<Utc>> {
    let midnight = date.and_hms_opt(0, 0, 0)?;
    let local = tz.from_local_datetime(&midnight);
    // A zone that skips midnight: the day starts an hour later.
    let local = local.earliest().or_else(|| {
        tz.from_local_datetime(&(midnight + chrono::Duration::hours(1)))
            .earliest()
    })?;
    Some(local.with_timezone(&Utc))
}

impl Filters {
    fn text(s: &str, max: usize) -> Option<String> {
        let s = clean_text(s, false);
        (!s.is_empty()).then(|| s.chars().take(max).collect())
    }

    /// A date as `<input type="date">` sends it; years beyond four digits (which chrono reads but
    /// PostgreSQL cannot hold) are no filter.
    fn date(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .ok()
            .filter(|d| (1..=9999).contains(&chrono::Datelike::year(d)))
    }

    pub fn page_number(&self) -> i64 {
        self.page
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=100_000).contains(p))
            .unwrap_or(1)
    }

    pub fn query(&self, tz: Tz) -> audit::Query {
        let staff = self.staff.trim();
        audit::Query {
            action_prefix: Self::text(&self.action, 100),
            staff_user_id: Uuid::parse_str(staff).ok(),
            system_only: staff == "system",
            subject_id: Self::text(&self.subject, 200),
            from: Self::date(&self.from).and_then(|d| start_of(d, tz)),
            until: Self::date(&self.to)
                .and_then(|d| d.checked_add_days(Days::new(1)))
                .and_then(|d| start_of(d, tz)),
        }
    }

    /// The query string of these filters on `page` (empty values left out).
    fn query_string(&self, page: Option<i64>) -> String {
        let mut f = self.clone();
        f.page = page.map(|p| p.to_string()).unwrap_or_default();
        pagination::query_string(&f)
    }
}

pub struct EventView {
    pub at: String,
    pub who: String,
    pub action: String,
    pub subject: String,
    pub subject_url: Option<String>,
    pub before: String,
    pub after: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "staff/audit.html")]
pub struct AuditPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub filters: Filters,
    pub events: Vec<EventView>,
    pub total: i64,
    pub pager: Pager,
    pub staff_options: Vec<(String, String)>,
    /// The drop-down uses the form macro, which reads errors: there are none.
    pub no_errors: crate::web::forms::FormErrors,
}

/// Compact JSON, cut to [`MAX_JSON_CHARS`].
fn compact(value: Option<&serde_json::Value>) -> String {
    let Some(value) = value else { return String::new() };
    let text = value.to_string();
    if text.chars().count() > MAX_JSON_CHARS {
        format!("{}…", text.chars().take(MAX_JSON_CHARS).collect::<String>())
    } else {
        text
    }
}

fn subject_url(subject_type: Option<&str>, subject_id: Option<&str>) -> Option<String> {
    let id = Uuid::parse_str(subject_id?).ok()?;
    match subject_type? {
        "application" => Some(format!("/staff/applications/{id}")),
        "staff_user" => Some(format!("/staff/users/{id}")),
        "consultant" => Some(format!("/staff/consultants/{id}")),
        _ => None,
    }
}

pub async fn list(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    filters: web::Query<Filters>,
) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let filters = filters.into_inner();
    let tz = app.settings.firm_time_zone;
    let page = filters.page_number();
    let (rows, total) = audit::list(&app.pool, &filters.query(tz), PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    let system = ctx.t("audit-system");
    let events = rows
        .into_iter()
        .map(|e| EventView {
            at: e.at.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string(),
            who: match (e.staff_user_id, e.staff_name) {
                (_, Some(name)) => name,
                (Some(_), None) => ctx.t("audit-former-staff"),
                (None, None) => system.clone(),
            },
            subject_url: subject_url(e.subject_type.as_deref(), e.subject_id.as_deref()),
            subject: match (e.subject_type, e.subject_id) {
                (Some(kind), Some(id)) => format!("{kind} {id}"),
                (Some(kind), None) => kind,
                (None, id) => id.unwrap_or_default(),
            },
            action: e.action,
            before: compact(e.before.as_ref()),
            after: compact(e.after.as_ref()),
            detail: compact(e.detail.as_ref()),
        })
        .collect();
    let pager = Pager::new(page, total, PAGE_SIZE, |n| {
        format!("/staff/audit?{}", filters.query_string(Some(n)))
    });
    let staff_options = db::staff::list_all(&app.pool)
        .await?
        .into_iter()
        .map(|s| (s.staff_user_id.to_string(), s.name))
        .chain(std::iter::once(("system".to_owned(), system)))
        .collect();
    let view = AuditPage {
        ctx,
        staff: Some(staff),
        filters,
        events,
        total,
        pager,
        staff_options,
        no_errors: Default::default(),
    };
    html(StatusCode::OK, &view)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_whole_firm_local_days() {
        let tz: Tz = "America/Toronto".parse().unwrap();
        let f = Filters {
            from: "2027-01-15".into(),
            to: "2027-01-15".into(),
            ..Default::default()
        };
        let q = f.query(tz);
        assert_eq!(q.from.unwrap().to_rfc3339(), "2027-01-15T05:00:00+00:00");
        assert_eq!(q.until.unwrap().to_rfc3339(), "2027-01-16T05:00:00+00:00");
        let none = Filters {
            from: "15/01/2027".into(),
            staff: "system".into(),
            action: "  ".into(),
            ..Default::default()
        }
        .query(tz);
        assert!(none.from.is_none() && none.action_prefix.is_none() && none.system_only);
        let far = Filters {
            from: "-262143-01-01".into(),
            to: "+262143-12-31".into(),
            ..Default::default()
        }
        .query(tz);
        assert!(
            far.from.is_none() && far.until.is_none(),
            "out of PostgreSQL's range: no filter"
        );
    }

    #[test]
    fn query_strings_leave_out_empty_filters() {
        let f = Filters {
            action: "staff.".into(),
            page: "3".into(),
            ..Default::default()
        };
        assert_eq!(f.query_string(Some(2)), "action=staff.&page=2");
        assert_eq!(f.query_string(None), "action=staff.");
    }

    #[test]
    fn long_values_are_cut() {
        let long = serde_json::json!({ "x": "y".repeat(1000) });
        assert!(compact(Some(&long)).chars().count() <= MAX_JSON_CHARS + 1);
        assert_eq!(compact(None), "");
        assert_eq!(
            subject_url(Some("application"), Some(&Uuid::nil().to_string())).unwrap(),
            format!("/staff/applications/{}", Uuid::nil())
        );
        assert_eq!(subject_url(Some("availability_setting"), None), None);
    }
}
