//! The one gate of the questionnaire's pages: the visitor's draft from their session, and whether
//! the page asked for is theirs to see now ([`gate`]) or where they should be instead.

use actix_session::Session;

use crate::{
    application::{Draft, Stage},
    context::AppContext,
    domain::pathway::Pathway,
    error::AppError,
    i18n::Lang,
    questionnaire::{Flow, Step},
    web::{page::PageCtx, session::TypedSession},
};

/// The visitor's application, if their session leads to one.
pub async fn current(app: &AppContext, session: &Session) -> Result<Option<Draft>, AppError> {
    match TypedSession(session).draft_token() {
        Some(token) => Draft::find(app, &token).await,
        None => Ok(None),
    }
}

/// The visitor's application while it is still a draft.
pub async fn current_draft(app: &AppContext, session: &Session) -> Result<Option<Draft>, AppError> {
    Ok(current(app, session).await?.filter(Draft::is_draft))
}

/// Starts a draft for this visitor and remembers it in their session.
pub async fn start(
    app: &AppContext,
    session: &Session,
    lang: Lang,
    target_pathway: &str,
    pathway: Option<Pathway>,
) -> Result<Draft, AppError> {
    let token = Draft::create(app, lang, target_pathway, pathway).await?;
    TypedSession(session).set_draft_token(&token);
    Draft::find(app, &token).await?.ok_or(AppError::NotFound)
}

/// A page of a pathway's questionnaire, in the order they open.
#[derive(Debug, Clone, Copy)]
pub enum Page<'a> {
    /// A page of questions, by its slug.
    Step(&'a str),
    Assessment,
    /// Choosing the consultation's time.
    Slot,
    /// Checking the answers and sending them.
    Check,
}

/// What the gate answers.
pub enum Gate {
    /// The page is the visitor's to see, with their draft (and, for a page of questions, its step).
    Open {
        pathway: Pathway,
        draft: Box<Draft>,
        step: Option<&'static Step>,
    },
    /// They belong elsewhere: a redirect there.
    Elsewhere(String),
}

/// Whether `page` of pathway `pathway` (its code from the path; 404 for an unknown one, or an
/// unknown step) is open to the visitor: a page opens once every page before it is done. A
/// submitted application goes to its confirmation, a draft of another pathway to where it stands.
pub async fn gate(
    ctx: &PageCtx,
    app: &AppContext,
    session: &Session,
    pathway: &str,
    page: Page<'_>,
) -> Result<Gate, AppError> {
    let pathway = Pathway::from_code(pathway).ok_or(AppError::NotFound)?;
    let flow = Flow::of(pathway);
    let step = match page {
        Page::Step(slug) => Some(flow.step(slug).ok_or(AppError::NotFound)?),
        _ => None,
    };
    let Some(draft) = current(app, session).await? else {
        return Ok(Gate::Elsewhere(ctx.url("/apply")));
    };
    let stage = draft.stage();
    if stage == Stage::Submitted {
        return Ok(Gate::Elsewhere(ctx.url("/apply/confirmation")));
    }
    // A draft started before consent was asked first has not given it: it is asked before anything
    // more is stored (the choose page keeps the draft's choice).
    if !draft.answers.yes(crate::application::draft::CONSENT_FIELD) {
        return Ok(Gate::Elsewhere(ctx.url("/apply")));
    }
    match draft.pathway() {
        Some(p) if p == pathway => {}
        Some(p) => return Ok(Gate::Elsewhere(next_url(ctx, &draft, p))),
        None => return Ok(Gate::Elsewhere(ctx.url("/apply"))),
    }
    let open = match (page, stage) {
        (Page::Step(_), _) => {
            let applicable: Vec<&Step> = flow.applicable(&draft.answers).collect();
            let index = step.and_then(|s| applicable.iter().position(|a| a.slug == s.slug));
            let first_open = match stage {
                Stage::Answering(first) => applicable.iter().position(|a| a.slug == first.slug),
                _ => None,
            };
            match (index, first_open) {
                (None, _) => false,
                (Some(i), Some(open)) => i <= open,
                (Some(_), None) => true,
            }
        }
        (Page::Assessment, Stage::Answering(_)) => false,
        (Page::Assessment, _) => true,
        (Page::Slot, Stage::Answering(_) | Stage::NeedsAssessment) => false,
        (Page::Slot, _) => true,
        (Page::Check, stage) => stage == Stage::Ready,
    };
    if open {
        return Ok(Gate::Open {
            pathway,
            draft: Box::new(draft),
            step,
        });
    }
    let elsewhere = match stage {
        Stage::NeedsAssessment if matches!(page, Page::Slot | Page::Check) => {
            ctx.url(&format!("/apply/{pathway}/assessment"))
        }
        Stage::NeedsBooking if matches!(page, Page::Check) => ctx.url(&format!("/apply/{pathway}/booking")),
        _ => next_url(ctx, &draft, pathway),
    };
    Ok(Gate::Elsewhere(elsewhere))
}

/// The first page not yet answered, or the assessment when all are.
pub fn next_url(ctx: &PageCtx, draft: &Draft, pathway: Pathway) -> String {
    match draft.first_incomplete(&Flow::of(pathway)) {
        Some(step) => ctx.url(&format!("/apply/{pathway}/{}", step.slug)),
        None => ctx.url(&format!("/apply/{pathway}/assessment")),
    }
}
