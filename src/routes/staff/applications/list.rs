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
    i18n::when::stamp_opt,
    prescreen,
    web::{
        html,
        page::PageCtx,
        pagination::{self, Pager},
    },
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
    pub pager: Pager,
    pub pathways: Vec<(String, String)>,
    pub statuses: Vec<(String, String)>,
    pub outcomes: Vec<(String, String)>,
    pub staff_options: Vec<(String, String)>,
    pub query: String,
    /// The filter form's drop-downs use the form macros, which read errors: there are none.
    pub no_errors: crate::web::forms::FormErrors,
}

/// The filters' query string on `page` (none: the first), empty values left out.
fn query_string(f: &Filters, page: Option<i64>) -> String {
    let mut f = f.clone();
    f.page = page.map(|p| p.to_string()).unwrap_or_default();
    pagination::query_string(&f)
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
            submitted: stamp_opt(r.submitted_at, tz),
            assigned: r.assigned_name.unwrap_or_default(),
            slot: stamp_opt(r.slot_start, tz),
        })
        .collect();
    let pager = Pager::new(page, total, PAGE_SIZE, |n| {
        format!("/staff/applications?{}", query_string(&filters, Some(n)))
    });
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
        no_errors: Default::default(),
        ctx,
        staff: Some(staff),
        filters,
        rows,
        total,
        pager,
    };
    html(StatusCode::OK, &page_view)
}
