//! `/staff/...`: the back office. Everything but the login page requires a signed-in staff member
//! (`auth::require_staff`); staff pages are never cached and never indexed.

mod account;
mod applications;
mod audit;
mod availability;
mod bulk;
mod consultants;
mod consultations;
mod dashboard;
mod login;
mod users;
mod wages;

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
    account::configure(cfg);
    dashboard::configure(cfg);
    consultations::configure(cfg);
    bulk::configure(cfg);
    applications::configure(cfg);
    users::configure(cfg);
    availability::configure(cfg);
    consultants::configure(cfg);
    audit::configure(cfg);
    wages::configure(cfg);
}

/// Records in the audit log what `staff` did to a subject (`subject_type`, `subject_id`).
async fn audit(
    conn: &mut sqlx::PgConnection,
    staff: &crate::auth::CurrentStaff,
    action: &'static str,
    subject_type: &'static str,
    subject_id: Option<uuid::Uuid>,
    changes: (Option<serde_json::Value>, Option<serde_json::Value>),
) -> Result<(), crate::error::AppError> {
    let subject_id = subject_id.map(|id| id.to_string());
    crate::db::audit::record(
        conn,
        &crate::db::audit::NewAuditEvent {
            staff_user_id: Some(staff.id),
            action,
            subject_type: Some(subject_type),
            subject_id: subject_id.as_deref(),
            before: changes.0,
            after: changes.1,
            detail: None,
            source_address: None,
        },
    )
    .await?;
    Ok(())
}

/// An id from the path; anything else is a page that does not exist.
fn parse_id(raw: &str) -> Result<uuid::Uuid, crate::error::AppError> {
    uuid::Uuid::parse_str(raw).map_err(|_| crate::error::AppError::NotFound)
}
