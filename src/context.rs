//! What every request handler and use case may reach: the database pool, the settings and the
//! metrics. Built once by `startup`, shared by reference.

use std::sync::Arc;

use actix_web::web;
use sqlx::PgPool;

use crate::{config::Settings, metrics::Metrics};

/// The application's shared state.
pub struct AppContext {
    pub pool: PgPool,
    pub settings: Arc<Settings>,
    pub metrics: Metrics,
}

/// The shared state as a handler receives it.
pub type App = web::Data<AppContext>;
