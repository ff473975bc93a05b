//! The `intake` binary itself: configuration errors, a missing PostgreSQL, and the private
//! cluster it starts when no database URL is given (start, reuse, clean stop on SIGTERM).

use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use base64::Engine as _;
use nix::{sys::signal, unistd::Pid};
use sqlx::{Connection, PgConnection};

fn intake() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_intake"));
    // Nothing from the developer's environment: no database URL, no .env surprises.
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RUST_LOG", "info")
        // Tests run side by side: no two processes on the default metrics port.
        .env("INTAKE_METRICS_LISTEN", "off");
    command
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("intake-bin-{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_bad_setting_stops_with_one_line_naming_the_variable() {
    let dir = temp_dir("badcfg");
    let output = intake()
        .current_dir(&dir)
        .env("INTAKE_FIRM_TIME_ZONE", "Mars/Olympus_Mons")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("INTAKE_FIRM_TIME_ZONE"), "{stderr}");
    assert!(!stderr.contains("panicked"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn production_without_its_settings_refuses_in_one_line_and_starts_nothing() {
    let dir = temp_dir("production");
    let output = intake()
        .current_dir(&dir)
        .env("INTAKE_ENV", "production")
        .env("INTAKE_BASE_URL", "http://intake.example.com")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    for missing in [
        "INTAKE_ENV",
        "INTAKE_DATABASE_URL",
        "INTAKE_SMTP_URL",
        "INTAKE_SESSION_KEY",
        "https:// INTAKE_BASE_URL",
        "INTAKE_FIRM_EMAIL",
        "INTAKE_FIRM_ADDRESS",
        "INTAKE_FIRM_PHONE",
    ] {
        assert!(stderr.contains(missing), "{missing} in {stderr}");
    }
    assert!(!dir.join("var").exists(), "no private cluster, no mail folder");

    // Given as files (systemd credentials, container secrets), the secrets are enough; the next
    // thing it needs is the database itself.
    let secret = |name: &str, value: &str| {
        let path = dir.join(name);
        std::fs::write(&path, format!("{value}\n")).unwrap();
        path
    };
    let key = base64::engine::general_purpose::STANDARD.encode([5u8; 64]);
    let output = intake()
        .current_dir(&dir)
        .env("INTAKE_ENV", "production")
        .env("INTAKE_BASE_URL", "https://intake.example.com")
        .env("INTAKE_FIRM_EMAIL", "intake@firm.example")
        .env("INTAKE_FIRM_ADDRESS", "100 King St W | Toronto ON  M5X 1A9")
        .env("INTAKE_FIRM_PHONE", "+1 416 555 0100")
        .env("INTAKE_SESSION_KEY_FILE", secret("session-key", &key))
        .env(
            "INTAKE_DATABASE_URL_FILE",
            secret("database-url", "postgres://nobody@127.0.0.1:1/none"),
        )
        .env("INTAKE_SMTP_URL_FILE", secret("smtp-url", "smtp://127.0.0.1:1"))
        .arg("migrate")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot connect to PostgreSQL"), "{stderr}");
    assert!(!stderr.contains("DEVELOPMENT MODE"), "{stderr}");
    assert!(!dir.join("var").exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn missing_postgresql_binaries_say_what_to_do() {
    let dir = temp_dir("nopg");
    let output = intake()
        .current_dir(&dir)
        .env("INTAKE_PG_BIN_DIR", "/nonexistent/pg/bin")
        .arg("migrate")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr.trim().lines().last().unwrap_or_default();
    assert!(
        last.contains("install PostgreSQL") && last.contains("INTAKE_DATABASE_URL"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
    let _ = std::fs::remove_dir_all(dir);
}

/// A free loopback port for the app.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Running {
    child: Child,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &Path, port: u16) -> Running {
    let child = intake()
        .current_dir(dir)
        .env("INTAKE_LISTEN", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Running { child }
}

async fn wait_ready(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(r) = reqwest::get(format!("http://127.0.0.1:{port}/readyz")).await
            && r.status() == 200
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("intake did not become ready on port {port}");
}

/// Stops the process with SIGTERM and waits for it to exit.
fn terminate(mut running: Running) -> std::process::ExitStatus {
    signal::kill(Pid::from_raw(running.child.id() as i32), signal::Signal::SIGTERM).unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = running.child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < deadline, "intake did not stop after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// PostgreSQL server processes whose command line names `data_dir`.
fn postgres_processes(data_dir: &Path) -> Vec<String> {
    let real = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_owned());
    let needles = [data_dir.display().to_string(), real.display().to_string()];
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|entry| {
            let cmdline = std::fs::read(entry.ok()?.path().join("cmdline")).ok()?;
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            (cmdline.contains("postgres") && needles.iter().any(|n| cmdline.contains(n.as_str()))).then_some(cmdline)
        })
        .collect()
}

/// The port of the running cluster, from its `postmaster.pid`.
fn cluster_port(data_dir: &Path) -> u16 {
    let pid_file = std::fs::read_to_string(data_dir.join("postmaster.pid")).expect("the cluster is running");
    pid_file.lines().nth(3).unwrap().trim().parse().unwrap()
}

#[actix_web::test]
async fn without_a_database_url_it_runs_its_own_cluster_keeps_the_data_and_stops_it_on_sigterm() {
    let dir = temp_dir("cluster");
    let pg_dir = dir.join("var/pg");

    // `intake migrate` creates the cluster, migrates and leaves nothing running.
    let output = intake().current_dir(&dir).arg("migrate").output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    // Development mode says what it stands in for, at every start.
    for said in [
        "DEVELOPMENT MODE: not for real applicants' data",
        "private PostgreSQL cluster",
        "emails written as files",
        "random session key",
    ] {
        assert!(stderr.contains(said), "{said:?} in {stderr}");
    }
    assert!(
        pg_dir.join("PG_VERSION").exists(),
        "the cluster lives under INTAKE_DATA_DIR/pg"
    );
    assert!(postgres_processes(&pg_dir).is_empty());

    // First run: serve, and store a row.
    let port = free_port();
    let running = serve(&dir, port);
    wait_ready(port).await;
    let home = reqwest::get(format!("http://127.0.0.1:{port}/en/")).await.unwrap();
    assert_eq!(home.status(), 200);
    let url = format!("postgres://intake@127.0.0.1:{}/intake", cluster_port(&pg_dir));
    let mut conn = PgConnection::connect(&url).await.unwrap();
    sqlx::query("insert into enquiry (enquiry_id, language, full_name, email, message) values (gen_random_uuid(), 'en', 'Ana', 'a@b.example', 'kept across restarts')")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();

    // A command run beside the server (an operator's `intake migrate`) uses its database and
    // leaves it running.
    let output = intake().current_dir(&dir).arg("migrate").output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let still = reqwest::get(format!("http://127.0.0.1:{port}/readyz")).await.unwrap();
    assert_eq!(still.status(), 200, "the server's database is still up");

    let status = terminate(running);
    assert!(status.success(), "a clean exit on SIGTERM: {status:?}");
    assert!(
        postgres_processes(&pg_dir).is_empty(),
        "SIGTERM leaves no PostgreSQL behind"
    );
    assert!(!pg_dir.join("postmaster.pid").exists());

    // Second run: the same cluster and the same data.
    let port = free_port();
    let running = serve(&dir, port);
    wait_ready(port).await;
    let url = format!("postgres://intake@127.0.0.1:{}/intake", cluster_port(&pg_dir));
    let mut conn = PgConnection::connect(&url).await.unwrap();
    let kept: i64 = sqlx::query_scalar("select count(*) from enquiry where message = 'kept across restarts'")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    assert_eq!(kept, 1);
    assert!(terminate(running).success());
    assert!(postgres_processes(&pg_dir).is_empty());
    let _ = std::fs::remove_dir_all(dir);
}
