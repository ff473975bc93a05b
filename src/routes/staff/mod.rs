//! `/staff/...`: the back office. Everything but the login page requires a signed-in staff member
//! (`auth::require_staff`); staff pages are never cached and never indexed.

mod applications;
mod audit;
mod availability;
mod dashboard;
mod login;
mod users;

use actix_web::{middleware::from_fn, web};

pub fn configure(cfg: &mut web::ServiceConfig) {
    login::configure(cfg);
    cfg.service(
        web::scope("/staff")
            .wrap(from_fn(crate::auth::require_staff))
            .configure(protected),
    );
}

/// The signed-in part, area by area.
fn protected(cfg: &mut web::ServiceConfig) {
    dashboard::configure(cfg);
    applications::configure(cfg);
    users::configure(cfg);
    availability::configure(cfg);
    audit::configure(cfg);
}
