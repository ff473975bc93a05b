//! intake: consultation intake for an immigration law firm.

pub mod auth;
pub mod availability;
pub mod booking;
pub mod calendar;
pub mod config;
pub mod db;
pub mod devdb;
pub mod domain;
pub mod email;
pub mod erasure;
pub mod error;
pub mod i18n;
pub mod limits;
pub mod maintenance;
pub mod metrics;
pub mod ops;
pub mod outbox;
pub mod places;
pub mod prescreen;
pub mod questionnaire;
pub mod reference;
pub mod routes;
pub mod startup;
pub mod telemetry;
pub mod wages;
pub mod web;
