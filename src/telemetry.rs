//! Logs: one line per request with its id, method, route pattern, status and duration. Paths with
//! their values, query strings, addresses and bodies are never logged: they can hold personal data.

use std::time::Instant;

use actix_web::{
    Error, HttpMessage,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
};
use tracing::Span;
use tracing_actix_web::RootSpanBuilder;

use crate::web::request_id::RequestId;
use tracing_subscriber::{EnvFilter, fmt};

/// Installs the global subscriber: `RUST_LOG` filters (default `info`), `INTAKE_LOG_FORMAT=json` for JSON lines.
pub fn init() {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,actix_server=warn"));
    let json = std::env::var("INTAKE_LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    // Colours only on a terminal: a log file or collector gets plain text (and formatting is cheaper).
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(ansi)
        .with_writer(std::io::stderr);
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Root span of every request, without personal data.
pub struct QuietRootSpan;

struct Started(Instant);

impl RootSpanBuilder for QuietRootSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        request.extensions_mut().insert(Started(Instant::now()));
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(ToString::to_string)
            .unwrap_or_default();
        // The route is recorded when the answer is ready: the request has been routed by then, so
        // its pattern is known without matching the path against every route again.
        tracing::info_span!("request", %request_id, method = %request.method(), route = tracing::field::Empty)
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let route = match outcome {
            Ok(response) => response.request().match_pattern(),
            Err(_) => None,
        };
        span.record(
            "route",
            tracing::field::display(route.as_deref().unwrap_or("unmatched")),
        );
        let _entered = span.enter();
        match outcome {
            Ok(response) => {
                let ms = response
                    .request()
                    .extensions()
                    .get::<Started>()
                    .map(|s| s.0.elapsed().as_millis());
                let status = response.status().as_u16();
                if status >= 500 {
                    tracing::error!(status, ms, "request done");
                } else {
                    tracing::info!(status, ms, "request done");
                }
            }
            Err(error) => tracing::error!(
                status = error.as_response_error().status_code().as_u16(),
                "request failed"
            ),
        }
    }
}
