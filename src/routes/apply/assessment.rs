//! `/{lang}/apply/{pathway}/assessment`: the preliminary assessment, explained (§5.3).

use crate::web::html;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::gate::{Gate, Page, gate};
use crate::context::App;
use crate::{
    application,
    domain::pathway::Pathway,
    error::AppError,
    i18n::Lang,
    prescreen::{self, Fired, PathwayAssessment, Values, text},
    questionnaire::Flow,
    web::{page::PageCtx, see_other},
};

/// A reason as the page shows it: its rule id (the `data-rule` hook), its text, and the median line of a wage rule.
pub struct ReasonView {
    pub rule: &'static str,
    pub text: String,
    pub median: Option<String>,
}

/// One pathway's result as the page shows it.
pub struct ResultView {
    pub pathway: &'static str,
    pub name: String,
    pub outcome: &'static str,
    pub outcome_text: String,
    /// *Likely not eligible*: "Why".
    pub why: Vec<ReasonView>,
    /// "Also to check" (not eligible) or "To check" (needs review).
    pub to_check: Vec<ReasonView>,
    /// Positive reasons: the reasons of *likely eligible*, or the "What is already in place" box.
    pub in_place: Vec<ReasonView>,
    pub no_clear_result: bool,
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

pub async fn show(
    ctx: PageCtx,
    app: App,
    session: Session,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (pathway, draft) = match gate(&ctx, &app, &session, &path.1, Page::Assessment).await? {
        Gate::Open { pathway, draft, .. } => (pathway, draft),
        Gate::Elsewhere(url) => return Ok(see_other(&url)),
    };
    let results = application::assess(&app, &draft, pathway).await?;
    let results = results.iter().map(|r| result_view(ctx.lang, r, pathway)).collect();
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

fn result_view(lang: Lang, r: &PathwayAssessment, chosen: Pathway) -> ResultView {
    let view = r.applicant_view();
    let reasons = |fired: &[Fired]| reason_views(lang, fired, &r.values);
    ResultView {
        pathway: r.pathway.code(),
        name: lang.t(prescreen::pathway_key(r.pathway)),
        outcome: r.outcome.as_str(),
        outcome_text: lang.t(r.outcome.i18n_key()),
        why: reasons(&view.why),
        to_check: reasons(&view.to_check),
        in_place: reasons(&view.in_place),
        no_clear_result: view.no_clear_result,
        chosen: r.pathway == chosen,
    }
}

fn reason_views(lang: Lang, fired: &[Fired], values: &Values) -> Vec<ReasonView> {
    fired
        .iter()
        .map(|f| ReasonView {
            rule: f.rule,
            text: text::reason(lang, f.rule, values),
            median: text::applicant_median_line(lang, f.rule, values),
        })
        .collect()
}
