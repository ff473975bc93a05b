//! intake: consultation intake for an immigration law firm.

pub mod accounts;
pub mod application;
#[cfg(test)]
mod architecture;
pub mod auth;
pub mod booking;
pub mod calendar;
pub mod config;
pub mod consultants;
pub mod context;
pub mod db;
pub mod devdb;
pub mod domain;
pub mod email;
pub mod erasure;
pub mod error;
pub mod holidays;
pub mod i18n;
pub mod limits;
pub mod links;
pub mod maintenance;
pub mod metrics;
pub mod ops;
pub mod outbox;
pub mod places;
pub mod prescreen;
pub mod questionnaire;
pub mod reference;
pub mod routes;
pub mod slots;
pub mod startup;
pub mod telemetry;
pub mod wages;
pub mod web;
