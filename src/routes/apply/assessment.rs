//! `/{lang}/apply/{pathway}/assessment`: the preliminary assessment, explained (§5.3).

use crate::web::html;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;

use super::{draft::Draft, step::next_url};
use crate::context::App;
use crate::{
    db,
    domain::pathway::Pathway,
    error::AppError,
    i18n::Lang,
    prescreen::{self, Context, Fired, PathwayAssessment, StoredPrescreen, Values, text},
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

/// Runs the pre-screen for the draft, with the Job Bank medians in force today, and stores it on the application.
pub async fn assess_and_store(app: &App, draft: &Draft, chosen: Pathway) -> Result<Vec<PathwayAssessment>, AppError> {
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
