//! `/{lang}/apply`: choose a pathway, or "not sure".

use crate::web::html;
use actix_session::Session;
use actix_web::{HttpResponse, http::StatusCode, web};
use askama::Template;

use super::gate::{self, next_url};
use crate::context::App;
use crate::{
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
}

impl ChoosePage {
    fn new(ctx: PageCtx, value: String, errors: FormErrors, resume_url: Option<String>) -> Self {
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
        }
    }

    fn respond(self, status: StatusCode) -> Result<HttpResponse, AppError> {
        html(status, &self)
    }
}

pub async fn show(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let draft = gate::current_draft(&app, &session).await?;
    let value = draft.as_ref().map(|d| d.row.target_pathway.clone()).unwrap_or_default();
    let resume_url = draft.as_ref().and_then(|d| d.pathway().map(|p| next_url(&ctx, d, p)));
    ChoosePage::new(ctx, value, FormErrors::default(), resume_url).respond(StatusCode::OK)
}

#[derive(serde::Deserialize)]
pub struct ChooseForm {
    #[serde(default)]
    target_pathway: String,
}

pub async fn submit(
    ctx: PageCtx,
    app: App,
    session: Session,
    form: web::Form<ChooseForm>,
) -> Result<HttpResponse, AppError> {
    let target = form.into_inner().target_pathway;
    if !CHOICES.contains(&target.as_str()) {
        let mut errors = FormErrors::default();
        errors.add("target_pathway", "err-choose-pathway");
        return ChoosePage::new(ctx, String::new(), errors, None).respond(StatusCode::UNPROCESSABLE_ENTITY);
    }
    let pathway = match target.as_str() {
        "gts" => Some(Pathway::Gts),
        "cusma_professional" => Some(Pathway::Cusma),
        "ict" => Some(Pathway::Ict),
        _ => None,
    };
    let draft = match gate::current_draft(&app, &session).await? {
        Some(mut draft) => {
            draft.row.target_pathway = target.clone();
            draft.row.pathway = pathway.map(|p| p.code().to_owned());
            let answers = draft.answers.clone();
            let flow = draft.pathway().map(crate::questionnaire::Flow::of);
            draft.save(&app, ctx.lang, flow.as_ref(), answers, "choose").await?;
            draft
        }
        None => gate::start(&app, &session, ctx.lang, &target, pathway).await?,
    };
    Ok(see_other(&match pathway {
        Some(p) => next_url(&ctx, &draft, p),
        None => ctx.url("/apply/not-sure"),
    }))
}
