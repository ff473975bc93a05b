//! Prometheus metrics: HTTP requests (by route pattern, never by raw path), email outbox
//! deliveries and the queue's state, bookings, staff sign-in failures and throttling, served at
//! `/metrics` on a listener of their own (`INTAKE_METRICS_LISTEN`, loopback by default), never on
//! the public one. Counters count this process's events (Prometheus sums the processes); the
//! queue gauges are read from the database at each scrape, so every process reports the same.

use std::net::{SocketAddr, TcpListener};

use actix_web::{App, HttpResponse, HttpServer, dev::Server, web};

use actix_web_prom::{PrometheusMetrics, PrometheusMetricsBuilder};
use prometheus::{Gauge, IntCounter, IntCounterVec, IntGauge, Opts, Registry};
use sqlx::PgPool;

#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    /// Outbox delivery attempts by result: sent, retry, dead.
    pub outbox_deliveries: IntCounterVec,
    /// Consultations by event: booked, moved, cancelled.
    pub bookings: IntCounterVec,
    /// Staff sign-in attempts refused for a wrong password or code.
    pub sign_in_failures: IntCounter,
    /// Staff sign-in attempts refused unanswered because their address or email is throttled.
    pub sign_in_throttled: IntCounter,
    queue: QueueGauges,
}

/// Read from the database at each scrape.
#[derive(Clone)]
struct QueueGauges {
    pending: IntGauge,
    oldest_pending_seconds: Gauge,
    dead: IntGauge,
    database_up: IntGauge,
}

/// What a booking counter counts.
#[derive(Debug, Clone, Copy)]
pub enum BookingEvent {
    Booked,
    Moved,
    Cancelled,
}

impl BookingEvent {
    fn label(self) -> &'static str {
        match self {
            BookingEvent::Booked => "booked",
            BookingEvent::Moved => "moved",
            BookingEvent::Cancelled => "cancelled",
        }
    }
}

impl Metrics {
    pub fn new() -> anyhow::Result<Self> {
        let registry = Registry::new();
        let outbox_deliveries = IntCounterVec::new(
            Opts::new("outbox_deliveries_total", "Email delivery attempts by result").namespace("intake"),
            &["result"],
        )?;
        registry.register(Box::new(outbox_deliveries.clone()))?;
        let bookings = IntCounterVec::new(
            Opts::new("bookings_total", "Consultations booked, moved and cancelled").namespace("intake"),
            &["event"],
        )?;
        registry.register(Box::new(bookings.clone()))?;
        for event in [BookingEvent::Booked, BookingEvent::Moved, BookingEvent::Cancelled] {
            bookings.with_label_values(&[event.label()]);
        }
        let sign_in_failures = IntCounter::with_opts(
            Opts::new(
                "staff_sign_in_failures_total",
                "Staff sign-ins refused for a wrong password or code",
            )
            .namespace("intake"),
        )?;
        registry.register(Box::new(sign_in_failures.clone()))?;
        let sign_in_throttled = IntCounter::with_opts(
            Opts::new(
                "staff_sign_in_throttled_total",
                "Staff sign-ins refused because their address or email is throttled",
            )
            .namespace("intake"),
        )?;
        registry.register(Box::new(sign_in_throttled.clone()))?;
        let queue = QueueGauges {
            pending: IntGauge::with_opts(
                Opts::new(
                    "outbox_pending",
                    "Emails due and not yet delivered (not those scheduled for later)",
                )
                .namespace("intake"),
            )?,
            oldest_pending_seconds: Gauge::with_opts(
                Opts::new(
                    "outbox_oldest_pending_age_seconds",
                    "Seconds the longest-waiting due email has waited",
                )
                .namespace("intake"),
            )?,
            dead: IntGauge::with_opts(
                Opts::new("outbox_dead", "Emails given up on, until staff send them again").namespace("intake"),
            )?,
            database_up: IntGauge::with_opts(
                Opts::new("database_up", "1 when the last scrape could read the database").namespace("intake"),
            )?,
        };
        registry.register(Box::new(queue.pending.clone()))?;
        registry.register(Box::new(queue.oldest_pending_seconds.clone()))?;
        registry.register(Box::new(queue.dead.clone()))?;
        registry.register(Box::new(queue.database_up.clone()))?;
        Ok(Self {
            registry,
            outbox_deliveries,
            bookings,
            sign_in_failures,
            sign_in_throttled,
            queue,
        })
    }

    /// Counts a booking event, after its transaction committed.
    pub fn booking(&self, event: BookingEvent) {
        self.bookings_by(event, 1);
    }

    /// Counts `n` booking events of one kind (a bulk change), after their transaction committed.
    pub fn bookings_by(&self, event: BookingEvent, n: u64) {
        self.bookings.with_label_values(&[event.label()]).inc_by(n);
    }

    /// Reads the queue gauges from the database (at most 2 s: a scrape must not hang); on failure
    /// `intake_database_up` is 0 and the gauges keep their last values.
    pub async fn refresh(&self, pool: &PgPool) {
        let read = tokio::time::timeout(std::time::Duration::from_secs(2), crate::db::outbox::queue_health(pool)).await;
        match read {
            Ok(Ok(health)) => {
                self.queue.pending.set(health.pending);
                self.queue.oldest_pending_seconds.set(health.oldest_pending_seconds);
                self.queue.dead.set(health.dead);
                self.queue.database_up.set(1);
            }
            Ok(Err(error)) => {
                tracing::warn!(%error, "metrics: the outbox could not be read");
                self.queue.database_up.set(0);
            }
            Err(_) => {
                tracing::warn!("metrics: reading the outbox took longer than 2 s");
                self.queue.database_up.set(0);
            }
        }
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
    /// and nothing else; returns it with the port bound. The queue gauges are read from `pool`.
    pub fn listener(&self, addr: SocketAddr, pool: PgPool) -> anyhow::Result<(u16, Server)> {
        let listener = TcpListener::bind(addr)
            .map_err(|e| anyhow::anyhow!("cannot listen on {addr} (INTAKE_METRICS_LISTEN): {e}"))?;
        let port = listener.local_addr()?.port();
        let metrics = web::Data::new(self.clone());
        let pool = web::Data::new(pool);
        let server = HttpServer::new(move || {
            App::new()
                .app_data(metrics.clone())
                .app_data(pool.clone())
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

async fn expose(metrics: web::Data<Metrics>, pool: web::Data<PgPool>) -> HttpResponse {
    metrics.refresh(&pool).await;
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(metrics.render())
}
