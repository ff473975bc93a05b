//! `/{lang}/apply/{pathway}/assessment`: the preliminary assessment, with every reason that fired.

use crate::web::html;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;

use super::{
    draft::{App, Draft},
    step::next_url,
};
use crate::{
    db,
    domain::pathway::Pathway,
    error::AppError,
    prescreen::{self, Context, Medians, PathwayAssessment},
    questionnaire::Flow,
    web::{page::PageCtx, see_other},
};

/// Job Bank medians read from the database: the province's figure, else the national one (`CA`).
pub struct DbMedians(Vec<(String, String, f64)>);

impl Medians for DbMedians {
    fn hourly_median(&self, noc: &str, province: Option<&str>) -> Option<f64> {
        let find = |region: &str| {
            self.0
                .iter()
                .find(|(n, r, _)| n == noc && r == region)
                .map(|(_, _, m)| *m)
        };
        province.and_then(find).or_else(|| find("CA"))
    }
}

/// One pathway's result as the page shows it.
pub struct ResultView {
    pub pathway: &'static str,
    pub name: String,
    pub outcome: &'static str,
    pub outcome_text: String,
    /// (rule id, reason)
    pub reasons: Vec<(&'static str, String)>,
    pub chosen: bool,
}

#[derive(Template)]
#[template(path = "apply/assessment.html")]
pub struct AssessmentPage {
    pub ctx: PageCtx,
    pub results: Vec<ResultView>,
    pub next: String,
    pub back: String,
}

/// Runs the pre-screen for the draft and stores it on the application.
pub async fn assess_and_store(app: &App, draft: &Draft, chosen: Pathway) -> Result<Vec<PathwayAssessment>, AppError> {
    let medians = DbMedians(db::applications::latest_medians(&app.pool).await?);
    let today = Utc::now().with_timezone(&app.settings.firm_time_zone).date_naive();
    let pathways = if draft.not_sure() {
        let mut all = vec![chosen];
        all.extend(Pathway::ALL.iter().filter(|p| **p != chosen));
        all
    } else {
        vec![chosen]
    };
    let results = prescreen::assess_all(&draft.answers, &pathways, &Context::new(today, &medians));
    let stored = serde_json::to_value(
        results
            .iter()
            .map(|r| serde_json::json!({ "pathway": r.pathway, "outcome": r.outcome.as_str(), "rules": r.rule_ids() }))
            .collect::<Vec<_>>(),
    )
    .map_err(anyhow::Error::from)?;
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

pub async fn show(
    ctx: PageCtx,
    app: App,
    session: Session,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let pathway = Pathway::from_code(&path.1).ok_or(AppError::NotFound)?;
    let Some(draft) = Draft::load(&app, &session).await?.filter(Draft::is_draft) else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    if draft.pathway() != Some(pathway) || draft.first_incomplete(&Flow::of(pathway)).is_some() {
        return Ok(see_other(&match draft.pathway() {
            Some(p) => next_url(&ctx, &draft, p),
            None => ctx.url("/apply"),
        }));
    }
    let results = assess_and_store(&app, &draft, pathway).await?;
    let results = results
        .iter()
        .map(|r| ResultView {
            pathway: r.pathway.code(),
            name: ctx.t(prescreen::pathway_key(r.pathway)),
            outcome: r.outcome.as_str(),
            outcome_text: ctx.t(r.outcome.i18n_key()),
            reasons: reasons(&ctx, r),
            chosen: r.pathway == pathway,
        })
        .collect();
    let last = Flow::of(pathway)
        .applicable(&draft.answers)
        .last()
        .map(|s| s.slug)
        .unwrap_or("consent");
    let page = AssessmentPage {
        next: ctx.url(&format!("/apply/{pathway}/booking")),
        back: ctx.url(&format!("/apply/{pathway}/{last}")),
        ctx,
        results,
    };
    html(StatusCode::OK, &page)
}

/// Each fired rule with its reason, worst first; one general line when none fired.
fn reasons(ctx: &PageCtx, result: &PathwayAssessment) -> Vec<(&'static str, String)> {
    let mut fired = result.fired.clone();
    fired.sort_by_key(|f| std::cmp::Reverse(f.outcome));
    fired.iter().map(|f| (f.rule, ctx.t(f.reason_key()))).collect()
}
