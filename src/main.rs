//! `intake`: serve the site (default) or apply migrations. See the README for configuration.

use std::{process::ExitCode, sync::Arc, time::Duration};

use clap::{Parser, Subcommand};
use intake::{
    config::Settings,
    db::MIGRATOR,
    devdb::{ClusterOptions, LocalCluster},
    email::mailer::Mailer,
    metrics::Metrics,
    outbox::Worker,
    startup::Application,
    telemetry,
};
use secrecy::ExposeSecret;
use sqlx::{PgPool, postgres::PgPoolOptions};
use tokio::sync::watch;

#[derive(Parser)]
#[command(name = "intake", version, about = "Consultation intake for an immigration law firm")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Apply migrations, then serve HTTP and deliver emails (the default).
    Serve,
    /// Apply migrations and exit.
    Migrate,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _ = dotenvy::dotenv();
    telemetry::init();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("intake: configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    // actix's runtime: a tokio runtime whose main thread also runs local tasks (the rate limiter's sweeper).
    let result = actix_web::rt::System::new().block_on(run(cli.command.unwrap_or(Command::Serve), settings));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("intake: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    // Without a database URL, a private cluster under INTAKE_DATA_DIR/pg; it stops when `cluster` drops.
    let mut cluster = None;
    let url = match &settings.database_url {
        Some(url) => url.expose_secret().to_owned(),
        None => {
            let dir = settings.data_dir.join("pg");
            let options = ClusterOptions {
                bin_dir: settings.pg_bin_dir.clone(),
                ..Default::default()
            };
            let started = tokio::task::spawn_blocking(move || LocalCluster::start(&dir, &options)).await??;
            let url = started.database_url();
            cluster = Some(started);
            url
        }
    };
    let outcome = serve_or_migrate(command, settings, &url).await;
    if let Some(mut cluster) = cluster {
        tokio::task::spawn_blocking(move || cluster.stop()).await??;
    }
    outcome
}

async fn serve_or_migrate(command: Command, settings: Settings, url: &str) -> anyhow::Result<()> {
    let pool = connect(url).await?;
    MIGRATOR
        .run(&pool)
        .await
        .map_err(|e| anyhow::anyhow!("applying migrations failed: {e}"))?;
    tracing::info!("migrations applied");
    if matches!(command, Command::Migrate) {
        pool.close().await;
        return Ok(());
    }
    serve(settings, pool).await
}

async fn connect(url: &str) -> anyhow::Result<PgPool> {
    PgPoolOptions::new()
        .max_connections(20)
        .acquire_timeout(Duration::from_secs(5))
        .connect(url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot connect to PostgreSQL (check INTAKE_DATABASE_URL): {e}"))
}

async fn serve(settings: Settings, pool: PgPool) -> anyhow::Result<()> {
    if settings.session_key.ephemeral {
        tracing::warn!("INTAKE_SESSION_KEY is not set: sessions use a random key and end when the process stops");
    }
    let settings = Arc::new(settings);
    let metrics = Metrics::new()?;
    let mailer = Mailer::from_settings(&settings)?;
    let worker = Worker {
        pool: pool.clone(),
        mailer,
        from: settings.mail_from.clone(),
        settings: settings.outbox,
        metrics: metrics.clone(),
    };
    let app = Application::build(settings.clone(), pool.clone(), metrics)?;
    tracing::info!(url = %settings.base_url, port = app.port(), "intake is listening");

    let (stop_worker, shutdown) = watch::channel(false);
    let server = app.handle();
    let janitor = tokio::spawn(intake::maintenance::run(
        pool.clone(),
        Duration::from_secs(3600),
        shutdown.clone(),
    ));
    let mut worker = tokio::spawn(worker.run(shutdown));
    let mut http = tokio::spawn(app.run_until_stopped());

    tokio::select! {
        _ = shutdown_signal() => tracing::info!("stopping"),
        result = &mut http => tracing::error!(?result, "HTTP server ended"),
        result = &mut worker => tracing::error!(?result, "outbox worker ended"),
    }
    server.stop(true).await;
    let _ = stop_worker.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(20), worker).await;
    let _ = tokio::time::timeout(Duration::from_secs(5), janitor).await;
    let _ = http.await;
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(term) => term,
        Err(_) => return std::future::pending().await,
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}
