//! `/{lang}/apply`: choose a pathway, or "not sure".

use crate::web::html;
use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use super::gate::{self, next_url};
use crate::context::App;
use crate::{
    application::draft::CONSENT_FIELD,
    domain::pathway::Pathway,
    error::AppError,
    web::{forms::FormErrors, page::PageCtx, see_other},
};

const CHOICES: [&str; 4] = ["gts", "cusma_professional", "ict", "not_sure"];

#[derive(Template)]
#[template(path = "apply/choose.html")]
pub struct ChoosePage {
    pub ctx: PageCtx,
    /// (value, label, description, chosen)
    pub choices: Vec<(&'static str, String, String, bool)>,
    pub errors: FormErrors,
    /// Where a visitor with a draft can pick up.
    pub resume_url: Option<String>,
    /// The consent box is ticked (given before, or ticked on the form sent back).
    pub consented: bool,
    /// This browser had answers that are no longer its own: opened on another device with the
    /// emailed link (the newest device takes a draft over), or expired.
    pub moved_on: bool,
}

impl ChoosePage {
    fn new(ctx: PageCtx, value: String, errors: FormErrors, resume_url: Option<String>, consented: bool) -> Self {
        let choices = CHOICES
            .iter()
            .map(|v| {
                (
                    *v,
                    ctx.t(&format!("opt-target_pathway-{v}")),
                    ctx.t(&format!("choose-{v}-hint")),
                    *v == value,
                )
            })
            .collect();
        ChoosePage {
            ctx,
            choices,
            errors,
            resume_url,
            consented,
            moved_on: false,
        }
    }

    fn respond(self, status: StatusCode) -> Result<HttpResponse, AppError> {
        html(status, &self)
    }
}

#[derive(serde::Deserialize)]
pub struct ChooseQuery {
    pathway: Option<String>,
}

pub async fn show(
    ctx: PageCtx,
    app: App,
    session: Session,
    query: web::Query<ChooseQuery>,
) -> Result<HttpResponse, AppError> {
    let draft = gate::current_draft(&app, &session).await?;
    let value = draft.as_ref().map(|d| d.row.target_pathway.clone()).unwrap_or_default();
    let resume_url = draft.as_ref().and_then(|d| d.pathway().map(|p| next_url(&ctx, d, p)));
    let consented = draft.as_ref().is_some_and(|d| d.answers.yes(CONSENT_FIELD));
    // `?pathway=gts` (the landing page's links) chooses the permit beforehand.
    let value = match query.pathway.as_deref() {
        Some(p) if value.is_empty() && CHOICES.contains(&p) => p.to_owned(),
        _ => value,
    };
    let had_draft = crate::web::session::TypedSession(&session).draft_token().is_some();
    let mut page = ChoosePage::new(ctx, value, FormErrors::default(), resume_url, consented);
    page.moved_on = had_draft && draft.is_none() && gate::current(&app, &session).await?.is_none();
    page.respond(StatusCode::OK)
}

#[derive(serde::Deserialize)]
pub struct ChooseForm {
    #[serde(default)]
    target_pathway: String,
    #[serde(default)]
    consent_privacy: String,
}

pub async fn submit(
    ctx: PageCtx,
    app: App,
    session: Session,
    form: web::Form<ChooseForm>,
) -> Result<HttpResponse, AppError> {
    let ChooseForm {
        target_pathway: target,
        consent_privacy,
    } = form.into_inner();
    let consented = consent_privacy == "yes";
    let mut errors = FormErrors::default();
    if !CHOICES.contains(&target.as_str()) {
        errors.add("target_pathway", "err-choose-pathway");
    }
    // Nothing is stored without consent: the draft starts only once the box is ticked.
    if !consented {
        errors.add(CONSENT_FIELD, "err-consent-first");
    }
    if !errors.is_empty() {
        let value = if CHOICES.contains(&target.as_str()) {
            target
        } else {
            String::new()
        };
        return ChoosePage::new(ctx, value, errors, None, consented).respond(StatusCode::UNPROCESSABLE_ENTITY);
    }
    let pathway = match target.as_str() {
        "gts" => Some(Pathway::Gts),
        "cusma_professional" => Some(Pathway::Cusma),
        "ict" => Some(Pathway::Ict),
        _ => None,
    };
    let mut draft = match gate::current_draft(&app, &session).await? {
        Some(mut draft) => {
            draft.row.target_pathway = target.clone();
            draft.row.pathway = pathway.map(|p| p.code().to_owned());
            draft
        }
        None => gate::start(&app, &session, ctx.lang, &target, pathway).await?,
    };
    let mut answers = draft.answers.clone();
    answers.set(CONSENT_FIELD, "yes");
    let flow = draft.pathway().map(crate::questionnaire::Flow::of);
    draft.save(&app, ctx.lang, flow.as_ref(), answers, "choose").await?;
    Ok(see_other(&match pathway {
        Some(p) => next_url(&ctx, &draft, p),
        None => ctx.url("/apply/not-sure"),
    }))
}
