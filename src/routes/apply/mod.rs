//! `/{lang}/apply/...`: choosing a pathway (or "not sure"), the question pages, the preliminary
//! assessment, checking the answers, submitting, and saving to continue later.
//!
//! The applicant's draft (`application::Draft`) is an `application` row found through an opaque
//! token in their session cookie; every valid page is saved at once. `gate` decides which page is
//! the visitor's to see.

mod assessment;
mod check;
mod choose;
mod confirmation;
pub mod gate;
mod not_sure;
mod save;
mod slot;
mod step;
mod view;

use actix_web::web;

use crate::routes::LANG;

pub fn configure(cfg: &mut web::ServiceConfig) {
    let at = |rest: &str| format!("/{LANG}/apply{rest}");
    cfg.service(web::resource(at("")).get(choose::show).post(choose::submit))
        .service(
            web::resource(at("/not-sure"))
                .get(not_sure::show)
                .post(not_sure::submit),
        )
        .service(
            web::resource(at("/not-sure/result"))
                .get(not_sure::result)
                .post(not_sure::pick),
        )
        .service(web::resource(at("/save")).get(save::show).post(save::submit))
        .route(&at("/save/sent"), web::get().to(save::sent))
        .route(&at("/resume/{token}"), web::get().to(save::resume))
        .route(&at("/resume/{token}/renew"), web::post().to(save::renew))
        .route(&at("/confirmation"), web::get().to(confirmation::show))
        .route(&at("/confirmation/invite.ics"), web::get().to(confirmation::invite))
        .service(
            web::resource(at("/{pathway}/booking"))
                .get(slot::show)
                .post(slot::submit),
        )
        .route(&at("/{pathway}/assessment"), web::get().to(assessment::show))
        .service(
            web::resource(at("/{pathway}/check"))
                .get(check::show)
                .post(check::submit),
        )
        .service(
            web::resource(at("/{pathway}/{step}"))
                .get(step::show)
                .post(step::submit),
        );
}
