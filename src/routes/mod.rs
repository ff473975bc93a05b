//! Every route of the site, by area.

pub mod about;
pub mod apply;
pub mod calendar;
pub mod contact;
pub mod health;
pub mod home;
pub mod manage;
pub mod staff;
pub mod status;

use actix_web::web;

use crate::web::assets;

/// The language segment of page routes. `PageCtx` answers 404 for a language we do not have (a plain
/// parameter rather than a regex keeps route patterns usable as metric labels).
pub const LANG: &str = "{lang}";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health::healthz))
        .route("/readyz", web::get().to(health::readyz))
        .route("/static/{path}*", web::get().to(assets::serve))
        .route("/", web::get().to(home::negotiate));
    // Before the language-prefixed areas: `/{lang}/` would otherwise take `/staff/` (as language "staff").
    staff::configure(cfg);
    calendar::configure(cfg);
    home::configure(cfg);
    apply::configure(cfg);
    manage::configure(cfg);
    contact::configure(cfg);
    about::configure(cfg);
    status::configure(cfg);
}
