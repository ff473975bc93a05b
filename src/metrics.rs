//! Prometheus metrics, served at `/metrics`: HTTP requests (by route pattern, never by raw path)
//! and email outbox deliveries.

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

    /// The request-metrics middleware, which also answers `GET /metrics`.
    pub fn http_middleware(&self) -> anyhow::Result<PrometheusMetrics> {
        PrometheusMetricsBuilder::new("intake")
            .registry(self.registry.clone())
            .endpoint("/metrics")
            .exclude("/metrics")
            .mask_unmatched_patterns("unmatched")
            .build()
            .map_err(|e| anyhow::anyhow!("metrics: {e}"))
    }
}
