//! `/staff/users` (admins): the staff accounts, adding a member, disabling and re-enabling an
//! account, setting a new password, changing a role; and the data retention periods in force. The
//! changes themselves are the accounts room's (`crate::accounts`).

mod actions;
mod detail;
mod list;
mod new;

use actix_web::web;
use uuid::Uuid;

use crate::{
    accounts::Refusal,
    auth::Role,
    error::AppError,
    web::{forms::Invalid, page::PageCtx},
};

pub fn configure(cfg: &mut web::ServiceConfig) {
    let reset_second_factor = web::post().to(actions::reset_second_factor);
    cfg.route("/users", web::get().to(list::list))
        .service(web::resource("/users/new").get(new::show).post(new::submit))
        .route("/users/{id}", web::get().to(detail::detail))
        .route("/users/{id}/disable", web::post().to(actions::disable))
        .route("/users/{id}/enable", web::post().to(actions::enable))
        .route("/users/{id}/password", web::post().to(actions::reset_password))
        .route("/users/{id}/role", web::post().to(actions::set_role))
        .route("/users/{id}/second-factor/reset", reset_second_factor)
        .route("/users/security-policy", web::post().to(list::set_security_policy));
}

pub(super) fn role_options(ctx: &PageCtx) -> Vec<(String, String)> {
    Role::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), ctx.t(&role_key(*r))))
        .collect()
}

pub(super) fn role_key(role: Role) -> String {
    format!("staff-role-{}", role.as_str())
}

pub(super) fn user_url(id: Uuid) -> String {
    format!("/staff/users/{id}")
}

/// The applicant-facing messages speak to "you"; here an admin types someone else's details.
pub(super) fn about_member(invalid: Invalid) -> Invalid {
    match invalid.0 {
        "err-email-required" => Invalid("err-member-email-required"),
        "err-name-required" => Invalid("err-member-name-required"),
        "err-name-short" | "err-name-long" => Invalid("err-member-name-length"),
        "err-name-format" => Invalid("err-member-name-format"),
        "err-password-personal" => Invalid("err-member-password-personal"),
        _ => invalid,
    }
}

/// The message key of a refusal on a member's page.
pub(super) fn refusal_key(refusal: Refusal) -> Result<&'static str, AppError> {
    Ok(match refusal {
        Refusal::Unknown => return Err(AppError::NotFound),
        Refusal::EmailTaken(_) => "err-member-email-taken",
        Refusal::Password(invalid) => about_member(invalid).0,
        Refusal::OwnAccount => "err-staff-disable-self",
        Refusal::LastAdmin => "err-staff-last-admin",
    })
}
