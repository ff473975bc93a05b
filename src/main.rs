//! `intake`: serve the site (default), apply migrations, manage staff accounts, or import Job Bank
//! wage data. See the README for configuration.

use std::{io::BufRead as _, path::PathBuf, process::ExitCode, sync::Arc, time::Duration};

use actix_web::dev::Server;
use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use intake::{
    accounts::{self, Account, By, Field, NewAccount, Refusal},
    auth::Role,
    config::{Environment, Settings},
    consultants::{self, Consultancy},
    db::{self, MIGRATOR},
    devdb::{ClusterOptions, LocalCluster},
    domain::text::Invalid,
    email::mailer::Mailer,
    i18n::Lang,
    metrics::Metrics,
    outbox::Worker,
    startup::Application,
    telemetry,
    wages::{self, WageFile},
};
use secrecy::{ExposeSecret, SecretString};
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
    /// Manage staff accounts of the back office.
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Job Bank prevailing wage data, read by the pre-screen.
    #[command(subcommand)]
    Wages(WagesCommand),
    /// Asks the running server's `/readyz` (on INTAKE_LISTEN): exit 0 when ready, 1 otherwise. For
    /// container health checks, where no curl is installed.
    HealthCheck,
    /// Look applications up (read-only; no personal data is printed).
    #[command(subcommand)]
    Applications(ApplicationsCommand),
}

#[derive(Subcommand)]
enum ApplicationsCommand {
    /// Print where the application with this reference stands: status, pathway, submission date,
    /// bookings and emails (exit status 3 when there is none).
    Show {
        /// The reference, with or without its hyphen, in capitals or not (K7QM-4XTP, k7qm4xtp).
        reference: String,
    },
    /// Erase applications by id, as an admin's "Erase" does (after a restore: the erasures made
    /// since the backup, from the log lines "application erased"). Audited; already erased ones are
    /// left as they are.
    Erase {
        /// Application ids (UUIDs), as logged.
        #[arg(required = true)]
        ids: Vec<uuid::Uuid>,
    },
}

#[derive(Subcommand)]
enum WagesCommand {
    /// Import one edition of the official Job Bank "Wages" CSV file (an edition already on file, of
    /// the same revision date, is replaced).
    Import {
        /// The CSV file, as downloaded from the Open Government Portal.
        path: PathBuf,
    },
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Create a staff account; its password is read from standard input (one line).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum, default_value_t = RoleArg::Staff)]
        role: RoleArg,
        /// Also make the account a consultant, following the firm's weekly hours (admins give them
        /// hours of their own, a daily cap and how they meet in the back office).
        #[arg(long)]
        consultant: bool,
        /// The languages they consult in, comma separated: en, fr, es (default: en).
        #[arg(long, requires = "consultant", value_name = "CODES")]
        languages: Option<String>,
        /// The pathways they take, comma separated: gts, cusma, ict (default: all three).
        #[arg(long, requires = "consultant", value_name = "CODES")]
        pathways: Option<String>,
    },
    /// Give an account a new password, read from standard input (one line). This also ends the
    /// account's open sessions.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
    /// Remove an account's two-step verification (a lost phone and no recovery code; also for a
    /// locked-out admin) and end its sessions; it is set up again at the next sign-in when the firm
    /// requires it.
    ResetSecondFactor {
        #[arg(long)]
        email: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Admin,
    Staff,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Role {
        match role {
            RoleArg::Admin => Role::Admin,
            RoleArg::Staff => Role::Staff,
        }
    }
}

/// What to do, with a staff command's input read and checked before any database work.
enum Job {
    Serve,
    Migrate,
    AddStaff(NewAccount, Option<Consultancy>),
    ResetPassword { email: String, password: SecretString },
    ResetSecondFactor { email: String },
    ImportWages(WageFile),
    ShowApplication { reference: String },
    EraseApplications { ids: Vec<uuid::Uuid> },
}

/// Input refused (a weak password, a malformed email): one line, exit status 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Refused(String);

impl Refused {
    fn key(what: &str, key: &str) -> Refused {
        Refused(format!("{what}: {}", Lang::En.t(key)))
    }

    /// A new account's field refused, named as typed on the command line.
    fn field((field, invalid): (Field, Invalid)) -> Refused {
        let what = match field {
            Field::Email => "--email",
            Field::Name => "--name",
            Field::Role => "--role",
            Field::Password => "password",
        };
        Refused::key(what, invalid.0)
    }
}

/// What the command line says of a refusal about the account with `email`.
fn refusal(refusal: Refusal, email: &str) -> anyhow::Error {
    let email = email.trim().to_lowercase();
    match refusal {
        Refusal::Unknown => anyhow::anyhow!("there is no staff account with the email {email}"),
        Refusal::EmailTaken(email) => anyhow::anyhow!("a staff account with the email {email} already exists"),
        Refusal::Password(invalid) => Refused::key("password", invalid.0).into(),
        Refusal::OwnAccount | Refusal::LastAdmin => anyhow::anyhow!("the account of {email} cannot be changed so"),
    }
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
    let command = cli.command.unwrap_or(Command::Serve);
    if matches!(command, Command::HealthCheck) {
        return health_check(settings.listen);
    }
    let job = match prepare(command) {
        Ok(job) => job,
        Err(refused) => {
            eprintln!("intake: {refused}");
            return ExitCode::from(2);
        }
    };
    // actix's runtime: a tokio runtime whose main thread also runs local tasks (the rate limiter's sweeper).
    let result = actix_web::rt::System::new().block_on(run(job, settings));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("intake: {error:#}");
            if error.downcast_ref::<Refused>().is_some() {
                ExitCode::from(2)
            } else if error.downcast_ref::<intake::ops::NotFound>().is_some() {
                ExitCode::from(3)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// `intake health-check`: one plain HTTP/1.1 request to `/readyz` on the listen address (a wildcard
/// address is asked on loopback), 3 seconds at most.
fn health_check(listen: std::net::SocketAddr) -> ExitCode {
    use std::io::{Read as _, Write as _};
    let mut target = listen;
    if target.ip().is_unspecified() {
        target.set_ip(match target {
            std::net::SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            std::net::SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        });
    }
    let timeout = Duration::from_secs(3);
    let answer = std::net::TcpStream::connect_timeout(&target, timeout).and_then(|mut stream| {
        stream.set_read_timeout(Some(timeout))?;
        stream.set_write_timeout(Some(timeout))?;
        write!(
            stream,
            "GET /readyz HTTP/1.1\r\nHost: {target}\r\nConnection: close\r\n\r\n"
        )?;
        let mut head = [0u8; 12];
        stream.read_exact(&mut head)?;
        Ok(head)
    });
    match answer {
        Ok(head) if head.starts_with(b"HTTP/1.1 200") => ExitCode::SUCCESS,
        Ok(head) => {
            eprintln!("intake: not ready: {}", String::from_utf8_lossy(&head).trim());
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("intake: no answer on {target}: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Reads and checks a staff command's input (password from standard input) before any database work.
fn prepare(command: Command) -> Result<Job, Refused> {
    match command {
        Command::Serve => Ok(Job::Serve),
        Command::HealthCheck => unreachable!("the health check is answered before any job is prepared"),
        Command::Migrate => Ok(Job::Migrate),
        Command::Staff(StaffCommand::Add {
            email,
            name,
            role,
            consultant,
            languages,
            pathways,
        }) => {
            let role = Role::from(role).as_str();
            NewAccount::check_details(&email, &name, role).map_err(Refused::field)?;
            let consultancy = consultant
                .then(|| consultancy(languages.as_deref(), pathways.as_deref()))
                .transpose()?;
            let password = read_password()?;
            NewAccount::parse(&email, &name, role, password)
                .map(|account| Job::AddStaff(account, consultancy))
                .map_err(|problems| Refused::field(problems[0]))
        }
        Command::Staff(StaffCommand::ResetPassword { email }) => {
            let password = read_password()?;
            Ok(Job::ResetPassword { email, password })
        }
        Command::Staff(StaffCommand::ResetSecondFactor { email }) => Ok(Job::ResetSecondFactor { email }),
        Command::Wages(WagesCommand::Import { path }) => read_wages(&path).map(Job::ImportWages),
        Command::Applications(ApplicationsCommand::Show { reference }) => Ok(Job::ShowApplication { reference }),
        Command::Applications(ApplicationsCommand::Erase { ids }) => Ok(Job::EraseApplications { ids }),
    }
}

/// What `--consultant` makes of `--languages` and `--pathways` (each defaults as
/// [`Consultancy::default`] when not given).
fn consultancy(languages: Option<&str>, pathways: Option<&str>) -> Result<Consultancy, Refused> {
    let default = Consultancy::default();
    let list = |given: Option<&str>, option: &str, allowed: &[&str], default: Vec<String>| {
        let Some(given) = given else { return Ok(default) };
        match consultants::choose_listed(given, allowed) {
            Ok(codes) if !codes.is_empty() => Ok(codes),
            Ok(_) => Err(Refused(format!(
                "{option}: name at least one of {}",
                allowed.join(", ")
            ))),
            Err(code) => Err(Refused(format!(
                "{option}: {code:?} is not one of {}",
                allowed.join(", ")
            ))),
        }
    };
    Ok(Consultancy {
        languages: list(languages, "--languages", &consultants::LANGUAGES, default.languages)?,
        pathways: list(pathways, "--pathways", &consultants::PATHWAYS, default.pathways)?,
    })
}

/// Reads and checks a wages file before any database work; kept under its name, without its folder.
fn read_wages(path: &std::path::Path) -> Result<WageFile, Refused> {
    let bytes = std::fs::read(path).map_err(|e| Refused(format!("wages file: cannot read {}: {e}", path.display())))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "wages.csv".to_owned());
    wages::parse(&bytes, &name).map_err(|e| Refused(format!("wages file: {e}")))
}

/// One line of standard input, without its line ending (prompted for, unechoed, on a terminal).
fn read_password() -> Result<SecretString, Refused> {
    use std::io::IsTerminal as _;
    let stdin = std::io::stdin();
    let terminal = stdin.is_terminal();
    if terminal {
        eprint!("Password (one line): ");
    }
    let echo = terminal.then(|| no_echo(&stdin)).flatten();
    let mut line = String::new();
    let read = stdin.lock().read_line(&mut line);
    if let Some(saved) = echo {
        let _ = nix::sys::termios::tcsetattr(&stdin, nix::sys::termios::SetArg::TCSANOW, &saved);
        eprintln!();
    }
    read.map_err(|_| Refused("the password on standard input is not valid UTF-8 text".into()))?;
    let password = line.strip_suffix('\n').unwrap_or(&line);
    let password = password.strip_suffix('\r').unwrap_or(password);
    Ok(SecretString::from(password.to_owned()))
}

/// Turns the terminal's echo off; returns the settings to restore.
fn no_echo(stdin: &std::io::Stdin) -> Option<nix::sys::termios::Termios> {
    use nix::sys::termios::{LocalFlags, SetArg, tcgetattr, tcsetattr};
    let saved = tcgetattr(stdin).ok()?;
    let mut quiet = saved.clone();
    quiet.local_flags.remove(LocalFlags::ECHO);
    tcsetattr(stdin, SetArg::TCSANOW, &quiet).ok()?;
    Some(saved)
}

async fn run(command: Job, settings: Settings) -> anyhow::Result<()> {
    if settings.environment == Environment::Development && matches!(command, Job::Serve | Job::Migrate) {
        announce_development_fallbacks(&settings);
    }
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

/// Development mode says, loudly and at every start, which stand-ins it uses for what production needs.
fn announce_development_fallbacks(settings: &Settings) {
    let data_dir = settings.data_dir.display();
    let mut fallbacks = Vec::new();
    if settings.database_url.is_none() {
        fallbacks.push(format!(
            "a private PostgreSQL cluster under {data_dir}/pg that trusts every local connection, with no backups"
        ));
    }
    if settings.smtp_url.is_none() {
        fallbacks.push(format!(
            "emails written as files under {data_dir}/mail: nobody is sent anything"
        ));
    }
    if settings.session_key.ephemeral {
        fallbacks.push("a random session key: sessions end when the process stops".to_owned());
    }
    if settings.firm_contact.address.is_empty() || settings.firm_contact.phone.is_none() {
        fallbacks.push(
            "no firm address or telephone number (INTAKE_FIRM_ADDRESS, INTAKE_FIRM_PHONE): pages do not say how to reach the firm"
                .to_owned(),
        );
    }
    tracing::warn!(
        "DEVELOPMENT MODE: not for real applicants' data; set INTAKE_ENV=production for a deployment (see docs/operations.md)"
    );
    for fallback in fallbacks {
        tracing::warn!("DEVELOPMENT MODE uses {fallback}");
    }
}

async fn serve_or_migrate(command: Job, settings: Settings, url: &str) -> anyhow::Result<()> {
    let pool = connect(url).await?;
    // A read-only look-up never changes the schema (a restored copy must stay as it was restored).
    let read_only = matches!(command, Job::ShowApplication { .. });
    if matches!(command, Job::Migrate) || (settings.auto_migrate && !read_only) {
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|e| anyhow::anyhow!("applying migrations failed: {e}"))?;
        tracing::info!("migrations applied");
    } else {
        // INTAKE_AUTO_MIGRATE=off (or a read-only command): migrations are a release step; this
        // process may lack the right to run them.
        let status = db::health::schema_status(&pool)
            .await
            .context("reading the applied migrations failed")?;
        if let Some(problem) = status.problem() {
            pool.close().await;
            anyhow::bail!("{problem} (INTAKE_AUTO_MIGRATE is off)");
        }
        if !status.newer.is_empty() {
            tracing::warn!(
                newer = ?status.newer,
                "the database has migrations of a newer release; running on it (expand-only changes allow this)"
            );
        }
        tracing::info!("schema is current");
    }
    if matches!(command, Job::Serve | Job::Migrate) {
        load_starter_wages(&pool).await?;
    }
    let outcome = match command {
        Job::Serve => return serve(settings, pool).await,
        Job::Migrate => Ok(()),
        Job::ImportWages(file) => import_wages(&pool, &file).await,
        Job::AddStaff(account, consultancy) => add_staff(&pool, account, consultancy).await,
        Job::ResetPassword { email, password } => reset_password(&pool, &email, password).await,
        Job::ResetSecondFactor { email } => reset_second_factor(&pool, &email).await,
        Job::ShowApplication { reference } => intake::ops::show_application(&pool, &reference).await,
        Job::EraseApplications { ids } => intake::ops::erase_applications(&pool, &settings, &ids).await,
    };
    pool.close().await;
    outcome
}

/// With no wage data at all, the starter edition (not in `Application::build`: tests start empty).
async fn load_starter_wages(pool: &PgPool) -> anyhow::Result<()> {
    if let Some(starter) = wages::load_starter_if_empty(pool).await? {
        tracing::info!(
            "no wage data: loaded the starter edition {}; import the official file with `intake wages import`",
            starter.effective_date
        );
    }
    Ok(())
}

/// `intake wages import PATH`: the edition, and its import in the audit trail.
async fn import_wages(pool: &PgPool, file: &WageFile) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    let summary = wages::import(&mut tx, file, wages::Importer::Cli)
        .await
        .context("storing the wage edition failed")?;
    tx.commit().await?;
    println!("imported {summary}");
    Ok(())
}

/// `intake staff add`: the account (and with `--consultant`, the consultant they are), and its
/// creation in the audit trail.
async fn add_staff(pool: &PgPool, account: NewAccount, consultancy: Option<Consultancy>) -> anyhow::Result<()> {
    let email = account.email.as_ref().to_owned();
    let created = accounts::create_with(pool, By::CommandLine, account, consultancy.as_ref())
        .await?
        .map_err(|r| refusal(r, &email))?;
    println!(
        "Created the {} account of {} <{}>.",
        created.role, created.name, created.email
    );
    if let Some(what) = consultancy {
        println!(
            "They consult in {} for {}, following the firm's hours.",
            what.languages.join(", "),
            what.pathways.join(", ")
        );
    }
    Ok(())
}

/// `intake staff reset-password`: a new password (checked against the account's name and email).
async fn reset_password(pool: &PgPool, email: &str, password: SecretString) -> anyhow::Result<()> {
    let set = accounts::reset_password(pool, By::CommandLine, Account::Email(email), password)
        .await?
        .map_err(|r| refusal(r, email))?;
    println!("Set a new password for {}.", set.email);
    Ok(())
}

/// `intake staff reset-second-factor`: the account's TOTP secret and recovery codes removed, its
/// sessions ended.
async fn reset_second_factor(pool: &PgPool, email: &str) -> anyhow::Result<()> {
    let reset = accounts::reset_second_factor(pool, By::CommandLine, Account::Email(email))
        .await?
        .map_err(|r| refusal(r, email))?;
    if reset.removed {
        println!(
            "Removed two-step verification of {}; their sessions are ended.",
            reset.email
        );
    } else {
        println!(
            "{} had no two-step verification; their sessions are ended.",
            reset.email
        );
    }
    Ok(())
}

async fn connect(url: &str) -> anyhow::Result<PgPool> {
    PgPoolOptions::new()
        .max_connections(20)
        .acquire_timeout(Duration::from_secs(5))
        // A connection used in the last minute is taken as it is: pinging before every use would cost
        // each query a second round trip. One idle for longer (the server may have restarted or
        // dropped it meanwhile) is pinged first, and replaced if it does not answer.
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for < Duration::from_secs(60) {
                    return Ok(true);
                }
                Ok(sqlx::Connection::ping(conn).await.is_ok())
            })
        })
        .connect(url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot connect to PostgreSQL (check INTAKE_DATABASE_URL): {e}"))
}

async fn serve(settings: Settings, pool: PgPool) -> anyhow::Result<()> {
    tracing::info!(environment = ?settings.environment, "starting");
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
    let metrics_server = match settings.metrics_listen {
        Some(addr) => {
            let (port, server) = metrics.listener(addr, pool.clone())?;
            tracing::info!(port, "metrics are served on their own listener");
            Some(server)
        }
        None => None,
    };
    let app = Application::build(settings.clone(), pool.clone(), metrics)?;
    tracing::info!(url = %settings.base_url, port = app.port(), "intake is listening");
    let metrics_handle = metrics_server.as_ref().map(Server::handle);
    let metrics_task = metrics_server.map(tokio::spawn);

    let (stop_worker, shutdown) = watch::channel(false);
    let server = app.handle();
    let janitor = tokio::spawn(intake::maintenance::run(
        pool.clone(),
        settings.clone(),
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
    if let Some(handle) = metrics_handle {
        handle.stop(true).await;
    }
    if let Some(task) = metrics_task {
        let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
    }
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
