//! `/{lang}/apply/{pathway}/check`: every answer with a "Change" link; submitting; the confirmation.

use crate::web::html;
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde_json::Value;

use super::{
    draft::{App, Draft},
    step::next_url,
};
use crate::{
    db,
    domain::{pathway::Pathway, reference_code::new_reference},
    error::AppError,
    i18n::Lang,
    places,
    questionnaire::{Field, Flow, Kind, options},
    web::{page::PageCtx, see_other},
};

/// A page's answers on the check page.
pub struct Section {
    pub title: String,
    pub rows: Vec<Row>,
}

pub struct Row {
    pub label: String,
    /// `None`: not provided.
    pub value: Option<String>,
    pub change_url: String,
}

#[derive(Template)]
#[template(path = "apply/check.html")]
pub struct CheckPage {
    pub ctx: PageCtx,
    pub sections: Vec<Section>,
    pub action: String,
    pub back: String,
}

/// How a stored answer reads for people.
pub fn display(lang: Lang, field: &Field, value: &Value) -> String {
    let text = value.as_str().unwrap_or_default();
    match field.kind {
        Kind::Select(choices) | Kind::Radios(choices) => options::label(lang, field.name, choices, text),
        Kind::YesNo | Kind::Check => lang.t(if text == "yes" { "opt-yes" } else { "opt-no" }),
        Kind::Countries { .. } => value
            .as_array()
            .map(|codes| {
                codes
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|c| places::country_name(c, lang).unwrap_or(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
        _ => text.to_owned(),
    }
}

/// The draft, ready to check: every page answered and the assessment seen.
async fn ready_draft(
    ctx: &PageCtx,
    app: &App,
    session: &Session,
    pathway: &str,
) -> Result<Result<(Pathway, Draft), String>, AppError> {
    let pathway = Pathway::from_code(pathway).ok_or(AppError::NotFound)?;
    let Some(draft) = Draft::load(app, session).await? else {
        return Ok(Err(ctx.url("/apply")));
    };
    if !draft.is_draft() {
        return Ok(Err(ctx.url("/apply/confirmation")));
    }
    if draft.pathway() != Some(pathway) || draft.first_incomplete(&Flow::of(pathway)).is_some() {
        return Ok(Err(draft
            .pathway()
            .map_or_else(|| ctx.url("/apply"), |p| next_url(ctx, &draft, p))));
    }
    if draft.row.prescreen.is_none() {
        return Ok(Err(ctx.url(&format!("/apply/{pathway}/assessment"))));
    }
    Ok(Ok((pathway, draft)))
}

pub async fn show(
    ctx: PageCtx,
    app: App,
    session: Session,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (pathway, draft) = match ready_draft(&ctx, &app, &session, &path.1).await? {
        Ok(ready) => ready,
        Err(url) => return Ok(see_other(&url)),
    };
    let flow = Flow::of(pathway);
    let sections = flow
        .applicable(&draft.answers)
        .map(|step| Section {
            title: ctx.t(&format!("step-{}-title", step.slug)),
            rows: step
                .fields
                .iter()
                .filter(|f| f.applies(&draft.answers))
                .map(|f| Row {
                    label: ctx.t(&format!("q-{}", f.name)),
                    value: draft.answers.0.get(f.name).map(|v| display(ctx.lang, f, v)),
                    change_url: ctx.url(&format!("/apply/{pathway}/{}?change=1#{}", step.slug, f.name)),
                })
                .collect(),
        })
        .collect();
    let page = CheckPage {
        action: ctx.url(&format!("/apply/{pathway}/check")),
        back: ctx.url(&format!("/apply/{pathway}/assessment")),
        ctx,
        sections,
    };
    html(StatusCode::OK, &page)
}

/// Submits once. A double click, a refresh or a replayed POST finds the application submitted and
/// goes to the confirmation again.
pub async fn submit(
    ctx: PageCtx,
    app: App,
    session: Session,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, draft) = match ready_draft(&ctx, &app, &session, &path.1).await? {
        Ok(ready) => ready,
        Err(url) => return Ok(see_other(&url)),
    };
    let mut conn = app.pool.acquire().await?;
    for _ in 0..5 {
        match db::applications::submit(&mut conn, draft.row.application_id, &new_reference()).await {
            Ok(_) => {
                tracing::info!(application_id = %draft.row.application_id, "application submitted");
                return Ok(see_other(&ctx.url("/apply/confirmation")));
            }
            // The reference was taken: draw another.
            Err(sqlx::Error::Database(e)) if e.constraint() == Some("application_reference_key") => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(anyhow::anyhow!("no free reference after 5 draws").into())
}

#[derive(Template)]
#[template(path = "apply/confirmation.html")]
pub struct ConfirmationPage {
    pub ctx: PageCtx,
    pub reference: String,
    pub email: String,
}

pub async fn confirmation(ctx: PageCtx, app: App, session: Session) -> Result<HttpResponse, AppError> {
    let Some(draft) = Draft::load(&app, &session).await? else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    let Some(reference) = draft.row.reference.clone().filter(|_| !draft.is_draft()) else {
        return Ok(see_other(&ctx.url("/apply")));
    };
    let email = draft.answers.str("email").unwrap_or_default().to_owned();
    let page = ConfirmationPage { ctx, reference, email };
    html(StatusCode::OK, &page)
}
