//! `/{lang}/apply/not-sure`: a few deciding questions, then the pathways that may fit, with reasons.

use crate::web::html;
use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;

use super::{
    gate::{self, next_url},
    step::StepPage,
    view,
};
use crate::application::Draft;
use crate::context::App;
use crate::{
    domain::pathway::Pathway,
    error::AppError,
    prescreen,
    questionnaire::{
        Flow,
        steps::NOT_SURE,
        validate::{self, Typed},
    },
    web::{forms::FormErrors, page::PageCtx, see_other},
};

async fn not_sure_draft(app: &App, session: &Session) -> Result<Option<Draft>, AppError> {
    // A draft without consent (started before consent was asked first) goes back to the choose page.
    Ok(gate::current_draft(app, session)
        .await?
        .filter(|d| d.not_sure() && d.answers.yes(crate::application::draft::CONSENT_FIELD)))
}

fn page(ctx: PageCtx, draft: &Draft, typed: &Typed, errors: FormErrors) -> StepPage {
    let fields = view::fields(ctx.lang, &NOT_SURE, &draft.answers, typed, &[]);
    let action = ctx.url("/apply/not-sure");
    let back = ctx.url("/apply");
    StepPage::new(ctx, &NOT_SURE, fields, errors, action, back)
}

pub async fn show(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let Some(draft) = not_sure_draft(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    let typed = Typed::from_answers(&NOT_SURE, &draft.answers);
    page(ctx, &draft, &typed, FormErrors::default()).respond(StatusCode::OK)
}

pub async fn submit(ctx: PageCtx, app: App, session: Session, body: web::Bytes) -> Result<HttpResponse, AppError> {
    let Some(mut draft) = not_sure_draft(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    let form = validate::decode_form(&body);
    let today = Utc::now().with_timezone(&app.settings.firm_time_zone).date_naive();
    match validate::validate_step(&NOT_SURE, &form, &draft.answers, today, &[]) {
        Ok(answers) => {
            draft.save(&app, ctx.lang, None, answers, NOT_SURE.slug).await?;
            Ok(see_other(&ctx.url("/apply/not-sure/result")))
        }
        Err((errors, typed)) => page(ctx, &draft, &typed, errors).respond(StatusCode::UNPROCESSABLE_ENTITY),
    }
}

#[derive(Template)]
#[template(path = "apply/not_sure_result.html")]
pub struct ResultPage {
    pub ctx: PageCtx,
    /// (pathway code, name, reason)
    pub suggestions: Vec<(&'static str, String, String)>,
    /// The other pathways, to pick one anyway.
    pub others: Vec<(&'static str, String)>,
    /// When nothing fits yet: what would change that.
    pub none_fits: &'static [&'static str],
}

pub async fn result(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let Some(draft) = not_sure_draft(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    if !draft.row.completed_steps.iter().any(|s| s == NOT_SURE.slug) {
        return Ok(see_other(&ctx.url("/apply/not-sure")));
    }
    let suggestions: Vec<(&'static str, String, String)> = prescreen::suggest(&draft.answers)
        .into_iter()
        .map(|s| {
            (
                s.pathway.code(),
                ctx.t(&format!("pathway-{}", s.pathway.code())),
                ctx.t(s.reason),
            )
        })
        .collect();
    let others = Pathway::ALL
        .iter()
        .filter(|p| !suggestions.iter().any(|(code, _, _)| *code == p.code()))
        .map(|p| (p.code(), ctx.t(&format!("pathway-{}", p.code()))))
        .collect();
    let page = ResultPage {
        ctx,
        suggestions,
        others,
        none_fits: prescreen::NONE_FITS_HINTS,
    };
    html(StatusCode::OK, &page)
}

#[derive(serde::Deserialize)]
pub struct Pick {
    #[serde(default)]
    pathway: String,
}

/// Continue with one pathway; the assessment will still show all three.
pub async fn pick(ctx: PageCtx, app: App, session: Session, form: web::Form<Pick>) -> Result<HttpResponse, AppError> {
    let Some(mut draft) = not_sure_draft(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    let Some(pathway) = Pathway::from_code(&form.pathway) else {
        return Ok(see_other(&ctx.url("/apply/not-sure/result")));
    };
    draft.row.pathway = Some(pathway.code().to_owned());
    let mut answers = draft.answers.clone();
    // CUSMA asks for a typed NOC code: the GTS list's `other` or `unknown` is not one.
    if pathway == Pathway::Cusma && answers.str("noc_2021_code").is_none_or(|c| c.len() != 5) {
        answers.remove("noc_2021_code");
    }
    draft
        .save(&app, ctx.lang, Some(&Flow::of(pathway)), answers, NOT_SURE.slug)
        .await?;
    Ok(see_other(&next_url(&ctx, &draft, pathway)))
}
