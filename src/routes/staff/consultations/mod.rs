//! Consultations on the staff side: each consultant's own list ("My consultations", any
//! consultant's for admins and assistants) with their private calendar feed, the capacity of every
//! consultant day by day, and moving or reassigning one consultation through a confirmation page.
//! The feed itself is read by calendar applications without a session: `routes::calendar`.

mod capacity;
mod feed;
mod mine;
mod moving;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/consultations", web::get().to(mine::show))
        .route("/consultations/capacity", web::get().to(capacity::show))
        .route("/consultations/feed", web::post().to(feed::create))
        .route("/consultations/feed/revoke", web::get().to(feed::confirm_revoke))
        .route("/consultations/feed/revoke", web::post().to(feed::revoke))
        .route("/applications/{id}/booking/move", web::get().to(moving::show))
        .route("/applications/{id}/booking/move/choose", web::post().to(moving::choose))
        .route("/applications/{id}/booking/move", web::post().to(moving::confirmed));
}

/// The first of a query string's (or a form's) values named `name`.
fn first<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}
