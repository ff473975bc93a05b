//! `/{lang}/apply/{pathway}/{step}`: one page of questions.

use crate::web::html;
use actix_session::Session;
use actix_web::{HttpRequest, HttpResponse, http::StatusCode, web};
use askama::Template;
use chrono::Utc;

use super::{
    gate::{Gate, Page, gate, next_url},
    view::{self, FieldView},
};
use crate::application::Draft;
use crate::context::App;
use crate::{
    db,
    domain::{pathway::Pathway, wage::EconomicRegion},
    error::AppError,
    questionnaire::{
        Choices, Flow, Kind, Step,
        validate::{self, Typed},
    },
    web::{forms::FormErrors, page::PageCtx, see_other},
};

#[derive(Template)]
#[template(path = "apply/step.html")]
pub struct StepPage {
    pub ctx: PageCtx,
    pub title_key: String,
    pub intro_key: String,
    pub fields: Vec<FieldView>,
    pub errors: FormErrors,
    pub action: String,
    pub back: String,
    /// The part of the questions the page belongs to ("Part 2 of 4").
    pub position: usize,
    /// The message naming the part the page belongs to.
    pub section_key: String,
    pub total: usize,
    pub can_save_for_later: bool,
}

impl StepPage {
    pub fn new(
        ctx: PageCtx,
        step: &Step,
        fields: Vec<FieldView>,
        errors: FormErrors,
        action: String,
        back: String,
    ) -> Self {
        let intro_key = format!("step-{}-intro", step.slug);
        StepPage {
            title_key: format!("step-{}-title", step.slug),
            intro_key: if ctx.lang.has(&intro_key) {
                intro_key
            } else {
                String::new()
            },
            ctx,
            fields,
            errors,
            action,
            back,
            position: 0,
            section_key: String::new(),
            total: 0,
            can_save_for_later: true,
        }
    }

    /// "Part {n} of {total}: {section}".
    pub fn progress_args(&self) -> Vec<(&'static str, String)> {
        vec![
            ("n", self.position.to_string()),
            ("total", self.total.to_string()),
            ("section", self.ctx.t(&self.section_key)),
        ]
    }

    pub fn respond(self, status: StatusCode) -> Result<HttpResponse, AppError> {
        html(status, &self)
    }
}

/// The economic regions of the work province on file (the choices of `work_economic_region`), for a page that
/// asks it; empty otherwise.
async fn regions_for(app: &App, step: &Step, draft: &Draft) -> Result<Vec<EconomicRegion>, AppError> {
    let asks_region = step
        .fields
        .iter()
        .any(|f| matches!(f.kind, Kind::Select(Choices::EconomicRegion)));
    let province = draft
        .answers
        .str("employer_province")
        .or(draft.answers.str("work_province"));
    match province {
        Some(province) if asks_region => {
            let today = Utc::now().with_timezone(&app.settings.firm_time_zone).date_naive();
            Ok(db::wages::regions(&app.pool, today, province).await?)
        }
        _ => Ok(Vec::new()),
    }
}

#[allow(clippy::too_many_arguments)]
fn page(
    ctx: PageCtx,
    pathway: Pathway,
    step: &'static Step,
    draft: &Draft,
    typed: &Typed,
    errors: FormErrors,
    change: bool,
    regions: &[EconomicRegion],
) -> StepPage {
    let flow = Flow::of(pathway);
    let applicable: Vec<&Step> = flow.applicable(&draft.answers).collect();
    let position = applicable.iter().position(|s| s.slug == step.slug).unwrap_or(0);
    let back = if change {
        ctx.url(&format!("/apply/{pathway}/check"))
    } else if position == 0 {
        ctx.url("/apply")
    } else {
        ctx.url(&format!("/apply/{pathway}/{}", applicable[position - 1].slug))
    };
    let action = ctx.url(&format!(
        "/apply/{pathway}/{}{}",
        step.slug,
        if change { "?change=1" } else { "" }
    ));
    let mut fields = view::fields(ctx.lang, step, &draft.answers, typed, draft.carried(pathway));
    for field in fields.iter_mut().filter(|f| f.name == "work_economic_region") {
        let named = regions.iter().map(|r| (r.er_code.clone(), r.name(ctx.lang).to_owned()));
        field.options = named.chain(field.options.drain(..)).collect();
    }
    let mut page = StepPage::new(ctx, step, fields, errors, action, back);
    let section = crate::questionnaire::steps::section_of(step.slug);
    page.position = section;
    page.total = crate::questionnaire::steps::SECTIONS;
    page.section_key = match section {
        3 => format!("section-3-{pathway}"),
        n => format!("section-{n}"),
    };
    page
}

#[derive(serde::Deserialize)]
pub struct Mode {
    #[serde(default)]
    change: Option<String>,
}

pub async fn show(
    ctx: PageCtx,
    app: App,
    session: Session,
    path: web::Path<(String, String, String)>,
    mode: web::Query<Mode>,
) -> Result<HttpResponse, AppError> {
    let (_, pathway, slug) = path.into_inner();
    match gate(&ctx, &app, &session, &pathway, Page::Step(&slug)).await? {
        Gate::Elsewhere(url) => Ok(see_other(&url)),
        Gate::Open { pathway, draft, step } => {
            let step = step.ok_or(AppError::NotFound)?;
            let typed = Typed::from_answers(step, &draft.answers);
            let regions = regions_for(&app, step, &draft).await?;
            page(
                ctx,
                pathway,
                step,
                &draft,
                &typed,
                FormErrors::default(),
                mode.change.is_some(),
                &regions,
            )
            .respond(StatusCode::OK)
        }
    }
}

pub async fn submit(
    ctx: PageCtx,
    app: App,
    session: Session,
    req: HttpRequest,
    path: web::Path<(String, String, String)>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (_, pathway, slug) = path.into_inner();
    let change = req.query_string().contains("change=1");
    let (pathway, step, mut draft) = match gate(&ctx, &app, &session, &pathway, Page::Step(&slug)).await? {
        Gate::Elsewhere(url) => return Ok(see_other(&url)),
        Gate::Open { pathway, draft, step } => (pathway, step.ok_or(AppError::NotFound)?, draft),
    };
    let form = validate::decode_form(&body);
    let today = Utc::now().with_timezone(&app.settings.firm_time_zone).date_naive();
    let regions = regions_for(&app, step, &draft).await?;
    let checked = validate::validate_step(step, &form, &draft.answers, today, draft.carried(pathway)).and_then(|a| {
        // A region code must be one of the work province's regions on file.
        match a.str("work_economic_region") {
            Some(code)
                if step.field("work_economic_region").is_some()
                    && code != "unknown"
                    && !regions.iter().any(|r| r.er_code == code) =>
            {
                let mut errors = FormErrors::default();
                errors.add("work_economic_region", "err-choose");
                Err((errors, Typed::from_answers(step, &a)))
            }
            _ => Ok(a),
        }
    });
    let answers = match checked {
        Ok(answers) => answers,
        Err((errors, typed)) => {
            return page(ctx, pathway, step, &draft, &typed, errors, change, &regions)
                .respond(StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let flow = Flow::of(pathway);
    draft.save(&app, ctx.lang, Some(&flow), answers, step.slug).await?;

    let next = if change {
        match draft.first_incomplete(&flow) {
            Some(step) => ctx.url(&format!("/apply/{pathway}/{}?change=1", step.slug)),
            None => ctx.url(&format!("/apply/{pathway}/check")),
        }
    } else {
        // The page after this one, or the first one still open.
        let applicable: Vec<&Step> = flow.applicable(&draft.answers).collect();
        let after = applicable
            .iter()
            .position(|s| s.slug == step.slug)
            .and_then(|i| applicable.get(i + 1));
        match after {
            Some(next) => ctx.url(&format!("/apply/{pathway}/{}", next.slug)),
            None => next_url(&ctx, &draft, pathway),
        }
    };
    Ok(see_other(&next))
}
