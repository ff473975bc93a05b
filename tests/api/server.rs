//! The release binary as a process of its own, the way it runs in production: for the browser
//! tests and the fault drills. It is built once per test run (`cargo build --release`), which is
//! quick when it is up to date.

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::OnceLock,
    time::{Duration, Instant},
};

use base64::Engine;
use nix::{sys::signal, unistd::Pid};

/// The release `intake` beside this test binary's target directory, built on first use.
///
/// `INTAKE_E2E_DEBUG_BINARY=1` uses the debug binary instead (no release build while iterating
/// on a template); CI and the figures in notes use the release binary.
pub fn release_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        if std::env::var("INTAKE_E2E_DEBUG_BINARY").is_ok_and(|v| v == "1") {
            return PathBuf::from(env!("CARGO_BIN_EXE_intake"));
        }
        // target/debug/deps/api-… → target/
        let exe = std::env::current_exe().expect("the test binary's path");
        let target = exe
            .ancestors()
            .nth(3)
            .expect("the test binary lives in <target>/<profile>/deps")
            .to_owned();
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let output = Command::new(cargo)
            .args(["build", "--release", "--locked", "--bin", "intake"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("CARGO_TARGET_DIR", &target)
            // Queries are checked against the committed .sqlx data, whatever DATABASE_URL says.
            .env("SQLX_OFFLINE", "true")
            .output()
            .expect("run cargo build --release");
        assert!(
            output.status.success(),
            "cargo build --release failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        target.join("release").join("intake")
    })
}

/// A free loopback port.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// How to run one `intake serve`.
#[derive(Clone)]
pub struct ServerOptions {
    pub database_url: String,
    pub smtp_port: u16,
    /// Further `INTAKE_*` variables; they override the defaults below.
    pub vars: Vec<(String, String)>,
}

/// A running release `intake`. Killed (SIGKILL) when dropped.
pub struct Server {
    child: Option<Child>,
    pub port: u16,
    pub address: String,
    /// Where `/metrics` is served (`INTAKE_METRICS_LISTEN`).
    pub metrics_address: String,
    vars: Vec<(String, String)>,
    dir: PathBuf,
    log: PathBuf,
}

impl Server {
    /// Starts intake on a free port and waits until `/readyz` answers 200.
    pub async fn start(options: ServerOptions) -> Server {
        let port = free_port();
        let metrics_port = free_port();
        let dir = std::env::temp_dir().join(format!("intake-server-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let address = format!("http://127.0.0.1:{port}");
        // One session key for the life of this server, restarts included: cookies stay valid.
        let key: [u8; 64] = rand::random();
        let mut vars: Vec<(String, String)> = vec![
            ("INTAKE_DATABASE_URL".into(), options.database_url.clone()),
            ("INTAKE_DATA_DIR".into(), dir.display().to_string()),
            ("INTAKE_LISTEN".into(), format!("127.0.0.1:{port}")),
            ("INTAKE_METRICS_LISTEN".into(), format!("127.0.0.1:{metrics_port}")),
            ("INTAKE_BASE_URL".into(), address.clone()),
            (
                "INTAKE_SMTP_URL".into(),
                format!("smtp://127.0.0.1:{}", options.smtp_port),
            ),
            ("INTAKE_FIRM_EMAIL".into(), "consultations@firm.example".into()),
            ("INTAKE_FIRM_NAME".into(), "Maple & Partners".into()),
            (
                "INTAKE_SESSION_KEY".into(),
                base64::engine::general_purpose::STANDARD.encode(key),
            ),
            ("INTAKE_RATE_LIMIT".into(), "off".into()),
            ("INTAKE_BOOKINGS_PER_BLOCK_PER_DAY".into(), "off".into()),
            ("INTAKE_BOOKING_ALERT_PER_HOUR".into(), "off".into()),
            ("RUST_LOG".into(), "info".into()),
        ];
        for (name, value) in options.vars {
            vars.retain(|(n, _)| *n != name);
            vars.push((name, value));
        }
        let log = dir.join("intake.log");
        let mut server = Server {
            child: None,
            port,
            address,
            metrics_address: format!("http://127.0.0.1:{metrics_port}"),
            vars,
            dir,
            log,
        };
        server.spawn();
        server.wait_ready().await;
        server
    }

    fn spawn(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        let child = Command::new(release_binary())
            .arg("serve")
            .current_dir(&self.dir)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(self.vars.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start the release intake");
        self.child = Some(child);
    }

    pub async fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        let client = reqwest::Client::new();
        while Instant::now() < deadline {
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().unwrap()) {
                panic!("intake exited with {status}:\n{}", self.log_text());
            }
            if let Ok(r) = client.get(format!("{}/readyz", self.address)).send().await
                && r.status() == 200
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("intake was not ready within 60 s:\n{}", self.log_text());
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// SIGKILL: no shutdown, no flushing, as a crash or an OOM kill.
    pub fn kill9(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = signal::kill(Pid::from_raw(child.id() as i32), signal::Signal::SIGKILL);
            let _ = child.wait();
        }
    }

    /// Starts the same server again (same port, settings and session key).
    pub async fn restart(&mut self) {
        self.kill9();
        self.spawn();
        self.wait_ready().await;
    }

    /// What the process has logged so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Resident set size now and at its peak, in kB (VmRSS, VmHWM).
    pub fn memory_kb(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
                .unwrap_or(0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill9();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
