//! Who the firm is: `/{lang}/team` (the consultants, their languages, pathways and licences) and
//! `/{lang}/privacy` (the privacy notice, with the retention settings' real values).

use actix_web::{Responder, web};
use askama::Template;
use askama_web::WebTemplate;

use crate::{config::Settings, context::App, db, error::AppError, routes::LANG, web::page::PageCtx};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(&format!("/{LANG}/team"), web::get().to(team))
        .route(&format!("/{LANG}/privacy"), web::get().to(privacy));
}

/// One consultant as the public sees them: no email, no phone.
pub struct Member {
    pub name: String,
    pub languages: String,
    pub pathways: String,
    pub regulator: String,
    pub licence_number: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "about/team.html")]
pub struct TeamPage {
    pub ctx: PageCtx,
    pub members: Vec<Member>,
}

pub async fn team(ctx: PageCtx, app: App) -> Result<impl Responder, AppError> {
    let names = |prefix: &str, codes: &[String]| {
        codes
            .iter()
            .map(|code| ctx.t(&format!("{prefix}{code}")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let members = db::consultants::all(&app.pool)
        .await?
        .into_iter()
        .filter(|c| c.active)
        .map(|c| Member {
            name: c.display_name(&ctx.firm_name).to_owned(),
            languages: names("language-name-", &c.languages),
            pathways: names("pathway-", &c.pathways),
            regulator: c.regulator,
            licence_number: c.licence_number,
        })
        .collect();
    Ok(TeamPage { ctx, members })
}

/// How long each kind of data is kept, from the settings the housekeeping uses.
pub struct Retention {
    pub draft_days: String,
    pub lead_days: String,
    pub email_days: String,
}

impl Retention {
    pub fn of(settings: &Settings) -> Retention {
        Retention {
            draft_days: settings.draft_days.to_string(),
            lead_days: settings.lead_retention_days.to_string(),
            email_days: settings.outbox_retention_days.to_string(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "about/privacy.html")]
pub struct PrivacyPage {
    pub ctx: PageCtx,
    pub retention: Retention,
}

pub async fn privacy(ctx: PageCtx, app: App) -> impl Responder {
    PrivacyPage {
        ctx,
        retention: Retention::of(&app.settings),
    }
}
