//! The test harness: a fresh migrated database per test (dropped afterwards), the app on a random
//! port, an in-process SMTP server that captures what it receives, and a cookie-keeping client.

use std::{
    collections::HashMap,
    net::TcpListener,
    path::{Path, PathBuf},
    sync::{Arc, Mutex, OnceLock},
    time::Duration,
};

use intake::{
    config::{OutboxSettings, Settings},
    db::MIGRATOR,
    devdb::{ClusterOptions, LocalCluster},
    email::mailer::Mailer,
    metrics::Metrics,
    outbox::{Outcome, Worker},
    startup::Application,
};
use mailin_embedded::{Handler, Response, Server, SslConfig, response};
use sqlx::{Connection, PgConnection, PgPool, postgres::PgPoolOptions};
use uuid::Uuid;

// ---------------------------------------------------------------------------------------------
// PostgreSQL: the server tests create their databases on.

/// The maintenance URL of a PostgreSQL server where tests may create databases:
/// `INTAKE_TEST_DATABASE_URL`, else `DATABASE_URL`, else the machine's server on 127.0.0.1:5432,
/// else a private cluster started (once) under `target/test-pg` with the app's own launcher.
fn server_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    static CLUSTER: OnceLock<Mutex<LocalCluster>> = OnceLock::new();
    URL.get_or_init(|| {
        for var in ["INTAKE_TEST_DATABASE_URL", "DATABASE_URL"] {
            if let Ok(url) = std::env::var(var)
                && !url.is_empty()
            {
                return url;
            }
        }
        let local = "postgres://postgres@127.0.0.1:5432/postgres".to_owned();
        if std::net::TcpStream::connect_timeout(&"127.0.0.1:5432".parse().unwrap(), Duration::from_secs(1)).is_ok() {
            return local;
        }
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("test-pg");
        let options = ClusterOptions {
            settings: vec![
                ("fsync".into(), "off".into()),
                ("synchronous_commit".into(), "off".into()),
            ],
            ..Default::default()
        };
        let cluster = LocalCluster::start(&dir, &options).expect("start a private PostgreSQL for the tests");
        let url = cluster.admin_url();
        // Kept for the life of the test binary; the next run reuses the same cluster.
        let _ = CLUSTER.set(Mutex::new(cluster));
        url
    })
}

fn with_database(url: &str, database: &str) -> String {
    let (url, query) = url.split_once('?').unwrap_or((url, ""));
    let host_start = url.find("://").map_or(0, |i| i + 3);
    let server = url[host_start..].find('/').map_or(url, |i| &url[..host_start + i]);
    if query.is_empty() {
        format!("{server}/{database}")
    } else {
        format!("{server}/{database}?{query}")
    }
}

/// Seconds since the epoch, in test database names: the sweep below only drops old ones.
fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Drops test databases left by runs that were killed (once per test binary): those created
/// more than an hour ago. A younger one may belong to a run going on now (created, not yet
/// connected to), and is left alone.
async fn sweep_orphans(admin: &mut PgConnection) {
    static SWEPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if SWEPT.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let names: Vec<String> =
        sqlx::query_scalar("select datname from pg_database where datname like 'intake\\_test\\_%'")
            .fetch_all(&mut *admin)
            .await
            .unwrap_or_default();
    let old = |name: &str| {
        name.strip_prefix("intake_test_")
            .and_then(|rest| rest.split('_').next())
            .and_then(|secs| secs.parse::<u64>().ok())
            .is_none_or(|created| created + 3600 < now_secs())
    };
    for name in names.into_iter().filter(|n| old(n)) {
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!(r#"drop database if exists "{name}""#)))
            .execute(&mut *admin)
            .await;
    }
}

/// A database of its own for one test, migrated; dropped when the value is dropped.
pub struct TestDb {
    pub name: String,
    pub url: String,
    pub pool: PgPool,
}

impl TestDb {
    pub async fn new() -> TestDb {
        let db = TestDb::empty().await;
        MIGRATOR.run(&db.pool).await.expect("migrate test database");
        db
    }

    /// A database of its own with no tables (a migration test applies them its own way).
    pub async fn empty() -> TestDb {
        let name = format!("intake_test_{}_{}", now_secs(), Uuid::new_v4().simple());
        let mut admin = PgConnection::connect(server_url())
            .await
            .expect("connect to the test PostgreSQL server");
        sweep_orphans(&mut admin).await;
        sqlx::query(sqlx::AssertSqlSafe(format!(r#"create database "{name}""#)))
            .execute(&mut admin)
            .await
            .expect("create test database");
        admin.close().await.ok();
        let url = with_database(server_url(), &name);
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .connect(&url)
            .await
            .expect("connect to test database");
        TestDb { name, url, pool }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop cannot await, and the test's runtime is busy dropping us: use a short-lived runtime
        // on a thread of its own. `with (force)` ends the pool's connections on the server side.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                if let Ok(mut admin) = PgConnection::connect(server_url()).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        r#"drop database if exists "{name}" with (force)"#
                    )))
                    .execute(&mut admin)
                    .await;
                }
            });
        })
        .join();
    }
}

// ---------------------------------------------------------------------------------------------
// SMTP: a real server in this process that keeps what it receives.

/// One message as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

impl ReceivedMail {
    /// The message parsed as MIME.
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(self.data.as_bytes())
            .expect("a MIME message")
    }
}

#[derive(Clone, Default)]
struct Capture {
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
    inbox: Arc<Mutex<Vec<ReceivedMail>>>,
}

impl Handler for Capture {
    fn rcpt(&mut self, to: &str) -> Response {
        // A way for tests to see a permanent rejection: these mailboxes do not exist.
        if to.contains("nobody@") {
            response::NO_MAILBOX
        } else {
            response::OK
        }
    }

    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.from = from.to_owned();
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let mail = ReceivedMail {
            from: self.from.clone(),
            to: self.to.clone(),
            data: String::from_utf8_lossy(&self.data).into_owned(),
        };
        self.inbox.lock().unwrap().push(mail);
        response::OK
    }
}

/// An SMTP server on a loopback port. It may be started late to play a server that was down.
pub struct SmtpSink {
    pub port: u16,
    inbox: Arc<Mutex<Vec<ReceivedMail>>>,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        Self::serve(listener)
    }

    /// A port where nothing listens yet (for "SMTP is down"); `start_on` brings the server up.
    pub fn reserve_port() -> u16 {
        TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
    }

    pub fn start_on(port: u16) -> SmtpSink {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("the reserved SMTP port is free");
        Self::serve(listener)
    }

    fn serve(listener: TcpListener) -> SmtpSink {
        let port = listener.local_addr().unwrap().port();
        let capture = Capture::default();
        let inbox = capture.inbox.clone();
        let mut server = Server::new(capture);
        server
            .with_name("localhost")
            .with_ssl(SslConfig::None)
            .unwrap()
            .with_tcp_listener(listener);
        // serve() blocks and has no shutdown: the thread ends with the test binary.
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        SmtpSink { port, inbox }
    }

    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.inbox.lock().unwrap().clone()
    }

    /// Waits up to `timeout` for at least `n` messages.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= n || tokio::time::Instant::now() >= deadline {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The app.

pub struct TestApp {
    pub address: String,
    /// The metrics listener (`/metrics`), apart from the public one.
    pub metrics_address: String,
    /// Shared by the browsers of one app (see `with_new_browser`); dropped with the last.
    pub db: Arc<TestDb>,
    pub client: reqwest::Client,
    pub settings: Arc<Settings>,
    pub smtp_port: u16,
    pub data_dir: PathBuf,
}

/// Options of [`spawn_app_with`].
pub struct AppOptions {
    pub vars: Vec<(&'static str, String)>,
    /// `None`: a fresh SMTP sink's port is not needed by the caller; give one explicitly to control it.
    pub smtp_port: Option<u16>,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            vars: vec![("INTAKE_RATE_LIMIT", "off".into())],
            smtp_port: None,
        }
    }
}

/// The app with rate limiting off, its emails going to `smtp` (a port of an `SmtpSink`).
pub async fn spawn_app(smtp: &SmtpSink) -> TestApp {
    spawn_app_with(AppOptions {
        smtp_port: Some(smtp.port),
        ..Default::default()
    })
    .await
}

pub async fn spawn_app_with(options: AppOptions) -> TestApp {
    let db = TestDb::new().await;
    let smtp_port = options.smtp_port.unwrap_or_else(SmtpSink::reserve_port);
    let data_dir = std::env::temp_dir().join(format!("intake-test-{}", Uuid::new_v4().simple()));
    let mut vars: HashMap<&str, String> = HashMap::from([
        ("INTAKE_DATABASE_URL", db.url.clone()),
        ("INTAKE_DATA_DIR", data_dir.display().to_string()),
        // A known port (not 0), so that INTAKE_BASE_URL's default makes links in emails that work.
        ("INTAKE_LISTEN", format!("127.0.0.1:{}", SmtpSink::reserve_port())),
        ("INTAKE_SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}")),
        ("INTAKE_FIRM_EMAIL", "consultations@firm.example".into()),
        ("INTAKE_FIRM_NAME", "Maple & Partners".into()),
        // Many applicants book from 127.0.0.1 in tests: the abuse limits are tested on their own.
        ("INTAKE_BOOKINGS_PER_BLOCK_PER_DAY", "off".into()),
        ("INTAKE_BOOKING_ALERT_PER_HOUR", "off".into()),
    ]);
    vars.extend(options.vars);
    let settings = Arc::new(Settings::from_lookup(|k| vars.get(k).cloned()).expect("test settings"));
    let metrics = Metrics::new().unwrap();
    let (metrics_port, metrics_server) = metrics
        .listener("127.0.0.1:0".parse().unwrap(), db.pool.clone())
        .expect("metrics listener");
    actix_web::rt::spawn(metrics_server);
    let app = Application::build(settings.clone(), db.pool.clone(), metrics).expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.run_until_stopped());
    TestApp {
        address,
        metrics_address: format!("http://127.0.0.1:{metrics_port}"),
        db: Arc::new(db),
        client: new_client(),
        settings,
        smtp_port,
        data_dir,
    }
}

/// A client that keeps cookies and does not follow redirects, like a browser driven step by step.
fn new_client() -> reqwest::Client {
    client_builder().build().unwrap()
}

fn client_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        // The server closes a connection idle for 5 s (actix's keep-alive); a client that reused
        // it at that moment would see its request fail. Idle connections are dropped first.
        .pool_idle_timeout(Duration::from_secs(2))
}

/// A response read whole.
pub struct Page {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }

    /// Text of the first element matching `selector`.
    pub fn text_of(&self, selector: &str) -> Option<String> {
        let sel = scraper::Selector::parse(selector).unwrap();
        self.html().select(&sel).next().map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    pub fn count(&self, selector: &str) -> usize {
        let sel = scraper::Selector::parse(selector).unwrap();
        self.html().select(&sel).count()
    }

    /// The attribute `attr` of the first element matching `selector`.
    pub fn attr_of(&self, selector: &str, attr: &str) -> Option<String> {
        self.attrs_of(selector, attr).into_iter().next()
    }

    /// The attribute `attr` of every element matching `selector`, in order.
    pub fn attrs_of(&self, selector: &str, attr: &str) -> Vec<String> {
        let sel = scraper::Selector::parse(selector).unwrap();
        self.html()
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }

    /// The `Set-Cookie` header that sets the cookie `name`, whole.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(str::to_owned)
    }

    /// The hidden CSRF token of the page's form.
    pub fn csrf_token(&self) -> String {
        let sel = scraper::Selector::parse(r#"input[name="csrf_token"]"#).unwrap();
        self.html()
            .select(&sel)
            .next()
            .and_then(|e| e.value().attr("value"))
            .expect("a csrf_token field")
            .to_owned()
    }
}

async fn read(response: reqwest::Response) -> Page {
    Page {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

impl TestApp {
    /// The same app seen from another browser (its own cookies).
    /// Another browser on another machine: its connections come from `ip` (any address of
    /// 127.0.0.0/8 reaches the app on Linux), so the app sees a different client address.
    pub fn with_new_browser_from(&self, ip: std::net::IpAddr) -> TestApp {
        TestApp {
            address: self.address.clone(),
            db: self.db.clone(),
            client: client_builder().local_address(ip).build().unwrap(),
            metrics_address: self.metrics_address.clone(),
            settings: self.settings.clone(),
            smtp_port: self.smtp_port,
            data_dir: self.data_dir.clone(),
        }
    }

    pub fn with_new_browser(&self) -> TestApp {
        TestApp {
            address: self.address.clone(),
            metrics_address: self.metrics_address.clone(),
            db: self.db.clone(),
            client: new_client(),
            settings: self.settings.clone(),
            smtp_port: self.smtp_port,
            data_dir: self.data_dir.clone(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> Page {
        let response = self.client.get(self.url(path)).send().await;
        read(response.unwrap_or_else(|e| panic!("GET {path}: {e:?}"))).await
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        let mut request = self.client.get(self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        read(request.send().await.unwrap_or_else(|e| panic!("GET {path}: {e:?}"))).await
    }

    /// POSTs the fields as a form, exactly as given (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        read(
            self.client
                .post(self.url(path))
                .form(fields)
                .send()
                .await
                .unwrap_or_else(|e| panic!("POST {path}: {e:?}")),
        )
        .await
    }

    /// POSTs a form with a body of our own making (and content type).
    pub async fn post_body(&self, path: &str, content_type: &str, body: impl Into<reqwest::Body>) -> Page {
        let response = self
            .client
            .post(self.url(path))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await;
        read(response.unwrap_or_else(|e| panic!("POST {path}: {e:?}"))).await
    }

    /// Opens `form_path`, then POSTs `fields` to `path` with the page's CSRF token, as a browser would.
    pub async fn submit(&self, form_path: &str, path: &str, fields: &[(&str, &str)]) -> Page {
        let token = self.get(form_path).await.csrf_token();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// An outbox worker for this app's database, sending to its SMTP port.
    pub fn worker(&self, settings: OutboxSettings) -> Worker {
        Worker {
            pool: self.db.pool.clone(),
            mailer: Mailer::smtp(&format!("smtp://127.0.0.1:{}", self.smtp_port)).unwrap(),
            from: self.settings.mail_from.clone(),
            settings,
            metrics: Metrics::new().unwrap(),
        }
    }

    /// Delivers every due email; returns what each attempt did.
    pub async fn drain_outbox(&self) -> Vec<Outcome> {
        let worker = self.worker(fast_retries());
        let mut outcomes = Vec::new();
        loop {
            match worker.try_deliver_one().await.expect("deliver") {
                Outcome::Empty => return outcomes,
                outcome => outcomes.push(outcome),
            }
        }
    }

    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("select count(*) from {table}")))
            .fetch_one(&self.db.pool)
            .await
            .unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// Outbox settings for tests: a failed email is due again at once.
pub fn fast_retries() -> OutboxSettings {
    OutboxSettings {
        max_attempts: 3,
        base_backoff: Duration::ZERO,
        poll_interval: Duration::from_millis(100),
    }
}

pub fn assert_redirect(page: &Page, location: &str) {
    assert!(
        (300..400).contains(&page.status),
        "expected a redirect, got {}: {}",
        page.status,
        page.body
    );
    assert_eq!(page.header("location"), Some(location));
}

// ---------------------------------------------------------------------------------------------
// Staff accounts and signing in.

/// Creates a staff account (`role`: "admin" or "staff") straight in the database, as
/// `intake staff add` would; returns its id.
pub async fn create_staff(app: &TestApp, email: &str, name: &str, role: &str, password: &str) -> Uuid {
    let role = intake::auth::Role::parse(role).expect("role is admin or staff");
    let hash = intake::auth::password::hash(secrecy::SecretString::from(password))
        .await
        .expect("hash the password");
    let mut conn = app.db.pool.acquire().await.unwrap();
    intake::db::staff::insert(
        &mut conn,
        &intake::db::staff::NewStaff {
            email,
            name,
            role,
            password_hash: &hash,
        },
    )
    .await
    .expect("insert the staff account")
}

/// The current code of the authenticator app set up with `key` (base32, as the set-up page shows
/// it, spaces allowed), computed independently of intake with the RFC 6238 parameters.
pub fn totp_code(key: &str, at_unix: u64) -> String {
    let secret = totp_rs::Secret::try_from_base32(key.replace(' ', "")).expect("a base32 key");
    let totp = totp_rs::Builder::new()
        .with_secret(secret)
        .build()
        .expect("an RFC 6238 TOTP");
    totp.generate(at_unix).to_string()
}

pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Sets up two-step verification for the signed-in staff member of `app` through the account
/// pages; returns the key and the recovery codes shown.
pub async fn enrol_second_factor(app: &TestApp) -> (String, Vec<String>) {
    let setup = app.get("/staff/account/second-factor").await;
    assert_eq!(setup.status, 200, "{}", setup.body);
    let key = setup
        .attr_of("[data-totp-secret]", "data-totp-secret")
        .expect("the key is shown for typing");
    assert_eq!(setup.count(".qr-code svg"), 1, "the QR code is drawn");
    let code = totp_code(&key, unix_now());
    let page = app
        .post_raw(
            "/staff/account/second-factor",
            &[("csrf_token", &setup.csrf_token()), ("code", &code)],
        )
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let codes = page.attrs_of("[data-recovery-code]", "data-recovery-code");
    assert_eq!(codes.len(), 10);
    (key, codes)
}

/// Signs in through the sign-in form, as a browser would; returns the answer to the POST.
pub async fn login(app: &TestApp, email: &str, password: &str) -> Page {
    app.submit(
        "/staff/login",
        "/staff/login",
        &[("email", email), ("password", password)],
    )
    .await
}

/// The path of a program a test needs. When it is missing and the tests run as root on a machine
/// with `apt-get` (CI, a fresh server), its Debian package is installed first (once per run;
/// `INTAKE_TEST_INSTALL=0` turns that off); otherwise the test fails with one line saying how to
/// get it.
pub fn required_program(name: &str, debian_package: &str) -> PathBuf {
    static INSTALLING: Mutex<()> = Mutex::new(());
    let find = || {
        let path = std::env::var_os("PATH").unwrap_or_default();
        std::env::split_paths(&path)
            .chain([
                PathBuf::from("/usr/sbin"),
                PathBuf::from("/sbin"),
                PathBuf::from("/usr/bin"),
            ])
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    };
    if let Some(found) = find() {
        return found;
    }
    let _one_at_a_time = INSTALLING.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(found) = find() {
        return found;
    }
    let may_install = nix::unistd::geteuid().is_root()
        && std::env::var("INTAKE_TEST_INSTALL").map_or(true, |v| v != "0")
        && Path::new("/usr/bin/apt-get").exists();
    if may_install {
        let apt = |args: &[&str]| {
            std::process::Command::new("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        let install = ["install", "-y", "-qq", "--no-install-recommends", debian_package];
        // A fresh machine's package lists may be missing or stale: refresh them once on failure.
        let installed = apt(&install) || (apt(&["update", "-qq"]) && apt(&install));
        if installed && let Some(found) = find() {
            return found;
        }
    }
    panic!("{name} is missing: install it with `apt-get install {debian_package}` (.ci/run installs it)")
}

/// Every `.rs` file under `dir`, its sub-folders included (a route area may be a folder).
pub fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}
