//! All SQL of the application, as free functions over a connection or pool.

pub mod applications;
pub mod audit;
pub mod audit_log;
pub mod availability;
pub mod backoffice;
pub mod bookings;
pub mod enquiries;
pub mod erasure;
pub mod health;
pub mod limits;
pub mod login_failures;
pub mod ops;
pub mod outbox;
pub mod retention;
pub mod staff;
pub mod staff_sessions;
pub mod wages;

use sqlx::migrate::Migrator;

/// The migrations under `migrations/`, compiled in.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");
