//! `/staff/applications`: the list, filtered and searched in the query string (so a view can be
//! bookmarked), 50 to a page.

use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use super::{outcome_options, pathway_name, status_options};
use crate::{
    auth::CurrentStaff,
    context::App,
    db::{
        self,
        applications::{self, Filters, PAGE_SIZE},
    },
    domain::pathway::Pathway,
    error::AppError,
    prescreen,
    web::{html, page::PageCtx},
};

pub struct RowView {
    pub id: String,
    pub url: String,
    pub reference: String,
    pub name: String,
    pub email: String,
    pub pathway: String,
    pub status: String,
    pub outcome: String,
    pub outcome_code: String,
    pub submitted: String,
    pub assigned: String,
    pub slot: String,
}

#[derive(Template)]
#[template(path = "staff/applications.html")]
pub struct ListPage {
    pub ctx: PageCtx,
    pub staff: Option<CurrentStaff>,
    pub filters: Filters,
    pub rows: Vec<RowView>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub pathways: Vec<(String, String)>,
    pub statuses: Vec<(String, String)>,
    pub outcomes: Vec<(String, String)>,
    pub staff_options: Vec<(String, String)>,
    pub query: String,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    /// The filter form's drop-downs use the form macros, which read errors: there are none.
    pub no_errors: crate::web::forms::FormErrors,
}

fn query_string(f: &Filters, page: Option<i64>) -> String {
    let mut f = f.clone();
    f.page = page.map(|p| p.to_string()).unwrap_or_default();
    serde_urlencoded::to_string(&f)
        .unwrap_or_default()
        .split('&')
        .filter(|kv| !kv.ends_with('='))
        .collect::<Vec<_>>()
        .join("&")
}

pub async fn list(
    ctx: PageCtx,
    staff: CurrentStaff,
    app: App,
    filters: web::Query<Filters>,
) -> Result<HttpResponse, AppError> {
    let filters = filters.into_inner();
    let page = filters.page_number();
    let (rows, total) = applications::list(&app.pool, &filters, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    let tz = app.settings.firm_time_zone;
    let rows = rows
        .into_iter()
        .map(|r| RowView {
            id: r.application_id.to_string(),
            url: format!("/staff/applications/{}", r.application_id),
            reference: r.reference.unwrap_or_default(),
            name: r.full_name.unwrap_or_default(),
            email: r.email.unwrap_or_default(),
            pathway: pathway_name(ctx.lang, r.pathway.as_deref()),
            status: ctx.t(&r.review_status.i18n_key()),
            outcome: r
                .prescreen_outcome
                .as_deref()
                .map(|o| ctx.t(&format!("outcome-{o}")))
                .unwrap_or_default(),
            outcome_code: r.prescreen_outcome.unwrap_or_default(),
            submitted: r
                .submitted_at
                .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default(),
            assigned: r.assigned_name.unwrap_or_default(),
            slot: r
                .slot_start
                .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default(),
        })
        .collect();
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let staff_options = db::staff::list_all(&app.pool)
        .await?
        .into_iter()
        .map(|s| (s.staff_user_id.to_string(), s.name))
        .chain(std::iter::once(("none".to_owned(), ctx.t("staff-unassigned"))))
        .collect();
    let page_view = ListPage {
        pathways: Pathway::ALL
            .iter()
            .map(|p| (p.code().to_owned(), ctx.t(prescreen::pathway_key(*p))))
            .collect(),
        statuses: status_options(&ctx),
        outcomes: outcome_options(&ctx),
        staff_options,
        query: query_string(&filters, None),
        prev_url: (page > 1).then(|| format!("/staff/applications?{}", query_string(&filters, Some(page - 1)))),
        next_url: (page < pages).then(|| format!("/staff/applications?{}", query_string(&filters, Some(page + 1)))),
        no_errors: Default::default(),
        ctx,
        staff: Some(staff),
        filters,
        rows,
        total,
        page,
        pages,
    };
    html(StatusCode::OK, &page_view)
}
