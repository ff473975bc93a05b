//! `/{lang}/contact`: a message to the firm, stored and emailed to it through the outbox.

use crate::web::html;
use actix_web::{HttpResponse, Responder, http::StatusCode, web};
use askama::Template;
use askama_web::WebTemplate;
use chrono::Utc;
use lettre::message::Mailbox;

use crate::{
    context::App,
    db,
    domain::enquiry::ContactInput,
    email::messages::{EmailCtx, EnquiryReceived},
    error::AppError,
    outbox::{self, Envelope},
    routes::LANG,
    web::{forms::FormErrors, page::PageCtx, see_other},
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource(format!("/{LANG}/contact")).get(show).post(submit))
        .route(&format!("/{LANG}/contact/sent"), web::get().to(sent));
}

#[derive(Template, WebTemplate)]
#[template(path = "contact/form.html")]
pub struct ContactPage {
    pub ctx: PageCtx,
    pub input: ContactInput,
    pub errors: FormErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "contact/sent.html")]
pub struct SentPage {
    pub ctx: PageCtx,
}

pub async fn show(ctx: PageCtx) -> impl Responder {
    ContactPage {
        ctx,
        input: ContactInput::default(),
        errors: FormErrors::default(),
    }
}

#[tracing::instrument(skip_all)]
pub async fn submit(ctx: PageCtx, app: App, input: web::Form<ContactInput>) -> Result<HttpResponse, AppError> {
    let input = input.into_inner();
    let enquiry = match input.parse(ctx.lang) {
        Ok(enquiry) => enquiry,
        Err(errors) => {
            let page = ContactPage { ctx, input, errors };
            return html(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };

    let settings = &app.settings;
    let email = EnquiryReceived {
        ctx: EmailCtx {
            lang: enquiry.lang,
            firm_name: settings.firm_name.clone(),
        },
        full_name: enquiry.name.as_ref().to_owned(),
        email: enquiry.email.as_ref().to_owned(),
        message: enquiry.message.clone(),
        received_at: Utc::now()
            .with_timezone(&settings.firm_time_zone)
            .format("%Y-%m-%d %H:%M %Z")
            .to_string(),
    };
    // The bare address: a display name typed by a visitor would read as someone else's.
    let reply_to = enquiry
        .email
        .as_ref()
        .parse()
        .ok()
        .map(|address| Mailbox::new(None, address));

    let mut tx = app.pool.begin().await?;
    db::enquiries::insert(&mut tx, &enquiry).await?;
    let envelope = Envelope {
        reply_to: reply_to.as_ref(),
        ..Envelope::to(&settings.firm_email)
    };
    outbox::enqueue(&mut tx, &envelope, &email).await?;
    tx.commit().await?;
    tracing::info!(from = %enquiry.email.masked(), "enquiry received");

    Ok(see_other(&ctx.url("/contact/sent")))
}

pub async fn sent(ctx: PageCtx) -> impl Responder {
    SentPage { ctx }
}
