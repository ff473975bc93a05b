//! Building the HTTP application: middleware stack, routes, shared state.

use std::{net::TcpListener, sync::Arc, time::Duration};

use actix_extensible_rate_limit::{
    RateLimiter,
    backend::{SimpleInput, memory::InMemoryBackend},
};
use actix_web::{
    App, HttpResponse, HttpServer,
    dev::{Server, ServerHandle, ServiceRequest},
    http::Method,
    middleware::from_fn,
    web,
};
use sqlx::PgPool;
use tracing_actix_web::TracingLogger;

use crate::{
    config::{RateLimit, Settings},
    context::AppContext,
    metrics::Metrics,
    routes,
    telemetry::QuietRootSpan,
    web::{client_ip, errors, form_guard, request_id, security, session},
};

/// A bound, not yet running, HTTP server.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Binds `settings.listen` (port 0 picks a free port, as tests do) and builds the server.
    pub fn build(settings: Arc<Settings>, pool: PgPool, metrics: Metrics) -> anyhow::Result<Application> {
        crate::i18n::set_firm_name(&settings.firm_name);
        let listener = TcpListener::bind(settings.listen)
            .map_err(|e| anyhow::anyhow!("cannot listen on {} (INTAKE_LISTEN): {e}", settings.listen))?;
        let port = listener.local_addr()?.port();
        let prometheus = metrics.http_middleware()?;
        let context = web::Data::new(AppContext {
            pool,
            settings: settings.clone(),
            metrics,
        });
        let rate_backend = InMemoryBackend::builder().build();
        let rate_limit = settings.rate_limit;

        let server = HttpServer::new(move || {
            App::new()
                .app_data(context.clone())
                .app_data(web::FormConfig::default().limit(form_guard::MAX_FORM_BYTES))
                .app_data(web::PayloadConfig::new(form_guard::MAX_FORM_BYTES))
                .configure(routes::configure)
                .default_service(web::to(HttpResponse::NotFound))
                // Listed innermost first: the form guard needs the session, error pages wrap them all.
                .wrap(from_fn(form_guard::guard))
                .wrap(session::middleware(&context.settings))
                .wrap(actix_web::middleware::Condition::new(
                    rate_limit != RateLimit::Off,
                    RateLimiter::builder(rate_backend.clone(), post_limit(rate_limit))
                        .request_denied_response(|_| {
                            HttpResponse::TooManyRequests()
                                .insert_header(("Retry-After", "60"))
                                .finish()
                        })
                        .build(),
                ))
                .wrap(errors::handlers())
                .wrap(security::headers(context.settings.base_url.starts_with("https://")))
                .wrap(prometheus.clone())
                .wrap(TracingLogger::<QuietRootSpan>::new())
                // Outermost: the log line and every answer carry the request's id.
                .wrap(from_fn(request_id::middleware))
        })
        .listen(listener)?
        .disable_signals()
        .shutdown_timeout(10)
        .run();
        Ok(Application { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// POSTs to staff sign-in allowed per minute per client address (`limit_key`), counted apart from
/// the applicant forms, so that neither budget can be spent to lock the other out.
pub const LOGIN_POSTS_PER_MINUTE: u64 = 10;

/// Counts POSTs per client address (an IPv4 address or an IPv6 /64, see `web::client_ip`): staff
/// sign-in (`/staff/login…`) in a budget of its own, every other form in the configured one. Other
/// methods share one unlimited bucket.
fn post_limit(
    limit: RateLimit,
) -> impl Fn(&ServiceRequest) -> std::future::Ready<Result<SimpleInput, actix_web::Error>> + 'static {
    let max = match limit {
        RateLimit::Off => u64::MAX,
        RateLimit::PerMinute(n) => n,
    };
    move |req: &ServiceRequest| {
        let is_write = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
        let input = if is_write {
            let client = client_ip::limit_key(client_ip::of(req.request()));
            let (prefix, max_requests) = if req.path().starts_with("/staff/login") {
                ("login", LOGIN_POSTS_PER_MINUTE)
            } else {
                ("post", max)
            };
            SimpleInput {
                interval: Duration::from_secs(60),
                max_requests,
                key: format!("{prefix}:{client}"),
            }
        } else {
            SimpleInput {
                interval: Duration::from_secs(60),
                max_requests: u64::MAX,
                key: "read".to_owned(),
            }
        };
        std::future::ready(Ok(input))
    }
}
