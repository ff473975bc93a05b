//! All SQL of the application, as free functions over a connection or pool, one file per table:
//! a query lives with the table it is about (the rows it returns or the rows it changes), whoever
//! calls it, and a table is written from its file only (`email_outbox` from `outbox`, say). A
//! table that only serves another's rows lives with it (`resume_link` with `applications`), and a
//! few tables always written together share one file that names them (`wages`, `availability`,
//! `limits`). The exceptions say why: `erasure` is one person's data across tables in one
//! transaction, `health` the schema itself.

pub mod applications;
pub mod audit;
pub mod availability;
pub mod bookings;
pub mod consultants;
pub mod enquiries;
pub mod erasure;
pub mod health;
pub mod limits;
pub mod login_failures;
pub mod notes;
pub mod outbox;
pub mod staff;
pub mod staff_sessions;
pub mod status;
pub mod status_changes;
pub mod wages;

use sqlx::migrate::Migrator;

/// The migrations under `migrations/`, compiled in.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");
