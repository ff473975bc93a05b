//! intake: consultation intake for an immigration law firm.

pub mod config;
pub mod db;
pub mod devdb;
pub mod domain;
pub mod email;
pub mod error;
pub mod i18n;
pub mod metrics;
pub mod outbox;
pub mod routes;
pub mod startup;
pub mod telemetry;
pub mod web;
