//! Prometheus metrics: HTTP requests (by route pattern, never by raw path) and email outbox
//! deliveries, served at `/metrics` on a listener of their own (`INTAKE_METRICS_LISTEN`, loopback
//! by default), never on the public one.

use std::net::{SocketAddr, TcpListener};

use actix_web::{App, HttpResponse, HttpServer, dev::Server, web};

use actix_web_prom::{PrometheusMetrics, PrometheusMetricsBuilder};
use prometheus::{IntCounterVec, Opts, Registry};

#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    /// Outbox delivery attempts by result: sent, retry, dead.
    pub outbox_deliveries: IntCounterVec,
}

impl Metrics {
    pub fn new() -> anyhow::Result<Self> {
        let registry = Registry::new();
        let outbox_deliveries = IntCounterVec::new(
            Opts::new("outbox_deliveries_total", "Email delivery attempts by result").namespace("intake"),
            &["result"],
        )?;
        registry.register(Box::new(outbox_deliveries.clone()))?;
        Ok(Self {
            registry,
            outbox_deliveries,
        })
    }

    /// The request-metrics middleware of the public listener (it does not answer `/metrics`).
    pub fn http_middleware(&self) -> anyhow::Result<PrometheusMetrics> {
        PrometheusMetricsBuilder::new("intake")
            .registry(self.registry.clone())
            .mask_unmatched_patterns("unmatched")
            .build()
            .map_err(|e| anyhow::anyhow!("metrics: {e}"))
    }

    /// The text exposition of every metric.
    pub fn render(&self) -> String {
        use prometheus::Encoder as _;
        let mut out = Vec::new();
        let encoder = prometheus::TextEncoder::new();
        if let Err(error) = encoder.encode(&self.registry.gather(), &mut out) {
            tracing::warn!(%error, "metrics could not be encoded");
        }
        String::from_utf8(out).unwrap_or_default()
    }

    /// Binds `addr` (port 0 picks a free one) and builds the server answering `GET /metrics` there,
    /// and nothing else; returns it with the port bound.
    pub fn listener(&self, addr: SocketAddr) -> anyhow::Result<(u16, Server)> {
        let listener = TcpListener::bind(addr)
            .map_err(|e| anyhow::anyhow!("cannot listen on {addr} (INTAKE_METRICS_LISTEN): {e}"))?;
        let port = listener.local_addr()?.port();
        let metrics = web::Data::new(self.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(metrics.clone())
                .route("/metrics", web::get().to(expose))
                .default_service(web::to(HttpResponse::NotFound))
        })
        .workers(1)
        .listen(listener)?
        .disable_signals()
        .shutdown_timeout(2)
        .run();
        Ok((port, server))
    }
}

async fn expose(metrics: web::Data<Metrics>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(metrics.render())
}
