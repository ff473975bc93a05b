//! The deployment kit of `deploy/`, run here as far as this machine allows: the systemd units
//! checked by `systemd-analyze verify`, and the shipped nginx and Caddy configurations (only ports,
//! upstream and certificate substituted) run in front of the release intake, reached over TLS from
//! another loopback address: intake sees the client's address (not the proxy's, not a forged
//! one), the proxy's request id, no public `/metrics`, and the proxy's body limits. Also the
//! `X-Request-Id` contract of intake itself.

use std::{
    net::{IpAddr, SocketAddr},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use crate::{
    helpers::{AppOptions, Page, SmtpSink, TestDb, required_program, spawn_app_with},
    server::{Server, ServerOptions, free_port},
};

const HOST: &str = "intake.example.com";

fn deploy_file(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy").join(path))
        .unwrap_or_else(|e| panic!("deploy/{path}: {e}"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("intake-deploy-{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `text` with `from` replaced, which must be there (the shipped file changed otherwise).
fn substitute(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "the shipped configuration no longer has {from:?}");
    text.replace(from, to)
}

// ---------------------------------------------------------------------------------------------
// systemd

#[test]
fn the_systemd_units_pass_systemd_analyze_verify() {
    let analyze = required_program("systemd-analyze", "systemd");
    let dir = temp_dir("systemd");
    // The binary the units start must exist for `verify`: the one this test run built.
    let binary = env!("CARGO_BIN_EXE_intake");
    for unit in [
        "intake.service",
        "intake-migrate.service",
        "intake-backup.service",
        "intake-backup.timer",
    ] {
        let text = deploy_file(&format!("systemd/{unit}")).replace("/usr/local/bin/intake", binary);
        let path = dir.join(unit);
        std::fs::write(&path, text).unwrap();
        let output = Command::new(&analyze)
            .args(["verify", "--man=no"])
            .arg(&path)
            .env("SYSTEMD_LOG_LEVEL", "warning")
            .output()
            .unwrap();
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        // Complaints about the unit name its file; other lines are about the host's own units.
        let about_ours: Vec<&str> = said.lines().filter(|l| l.contains(unit)).collect();
        assert!(output.status.success() && about_ours.is_empty(), "{unit}:\n{said}");
    }
    let service = deploy_file("systemd/intake.service");
    for must in [
        "DynamicUser=yes",
        "StateDirectory=intake",
        "NoNewPrivileges=yes",
        "TimeoutStopSec=60",
        "LoadCredential=session-key:",
        "INTAKE_SESSION_KEY_FILE=%d/session-key",
    ] {
        assert!(service.contains(must), "intake.service lacks {must}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

// ---------------------------------------------------------------------------------------------
// Reverse proxies

/// A self-signed certificate for `HOST`: (certificate, key).
fn certificate(dir: &Path) -> (PathBuf, PathBuf) {
    let openssl = required_program("openssl", "openssl");
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let output = Command::new(openssl)
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj"])
        .arg(format!("/CN={HOST}"))
        .arg("-addext")
        .arg(format!("subjectAltName=DNS:{HOST}"))
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    (cert, key)
}

/// A proxy process, killed when dropped.
struct Proxy {
    child: Child,
    http: u16,
    https: u16,
    log: PathBuf,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Proxy {
    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until the https port answers.
    fn wait(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("the proxy exited with {status}:\n{}", self.log_text());
            }
            if std::net::TcpStream::connect(("127.0.0.1", self.https)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the proxy did not listen within 20 s:\n{}", self.log_text());
    }
}

/// nginx with `deploy/nginx/intake.conf`, in a prefix of its own.
fn nginx(upstream: u16, dir: &Path) -> Proxy {
    let nginx = required_program("nginx", "nginx");
    let (cert, key) = certificate(dir);
    let (http, https) = (free_port(), free_port());
    let mut site = deploy_file("nginx/intake.conf");
    for (from, to) in [
        ("server 127.0.0.1:8080;", format!("server 127.0.0.1:{upstream};")),
        ("listen 80;", format!("listen 127.0.0.1:{http};")),
        ("listen [::]:80;", String::new()),
        ("listen 443 ssl http2;", format!("listen 127.0.0.1:{https} ssl http2;")),
        ("listen [::]:443 ssl http2;", String::new()),
        (
            "/etc/letsencrypt/live/intake.example.com/fullchain.pem",
            cert.display().to_string(),
        ),
        (
            "/etc/letsencrypt/live/intake.example.com/privkey.pem",
            key.display().to_string(),
        ),
        (
            "/var/log/nginx/intake.access.log",
            dir.join("access.log").display().to_string(),
        ),
    ] {
        site = substitute(&site, from, &to);
    }
    std::fs::write(dir.join("intake.conf"), site).unwrap();
    // The host's nginx.conf, reduced to what the site file needs: an http block including it, with
    // Debian's `gzip on` (the site file must turn it off for pages).
    let main = format!(
        "pid {dir}/nginx.pid;\nerror_log {dir}/error.log info;\nevents {{ worker_connections 256; }}\n\
         http {{\n  access_log off;\n  gzip on;\n  client_body_temp_path {dir}/body;\n  proxy_temp_path {dir}/proxy;\n\
         fastcgi_temp_path {dir}/fastcgi;\n  uwsgi_temp_path {dir}/uwsgi;\n  scgi_temp_path {dir}/scgi;\n\
         include {dir}/intake.conf;\n}}\n",
        dir = dir.display()
    );
    std::fs::write(dir.join("nginx.conf"), main).unwrap();
    let check = Command::new(&nginx)
        .arg("-t")
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "nginx -t: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    let child = Command::new(&nginx)
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .args(["-g", "daemon off; master_process off;"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut proxy = Proxy {
        child,
        http,
        https,
        log: dir.join("error.log"),
    };
    proxy.wait();
    proxy
}

/// Caddy with `deploy/caddy/Caddyfile`, its state in `dir`, no admin endpoint, no ACME.
fn caddy(upstream: u16, dir: &Path) -> Proxy {
    let caddy = required_program("caddy", "caddy");
    let (cert, key) = certificate(dir);
    let (http, https) = (free_port(), free_port());
    let mut file = deploy_file("caddy/Caddyfile");
    for (from, to) in [
        (
            "\temail it@firm.example\n",
            format!("\tadmin off\n\thttp_port {http}\n\thttps_port {https}\n\tskip_install_trust\n"),
        ),
        (
            "\t# tls: automatic (ACME)\n",
            format!("\ttls {} {}\n", cert.display(), key.display()),
        ),
        (
            "reverse_proxy 127.0.0.1:8080",
            format!("reverse_proxy 127.0.0.1:{upstream}"),
        ),
    ] {
        file = substitute(&file, from, &to);
    }
    let path = dir.join("Caddyfile");
    std::fs::write(&path, file).unwrap();
    let log = dir.join("caddy.log");
    let child = Command::new(caddy)
        .args(["run", "--adapter", "caddyfile", "--config"])
        .arg(&path)
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let mut proxy = Proxy {
        child,
        http,
        https,
        log,
    };
    proxy.wait();
    proxy
}

/// A browser at `source` (another loopback address than the proxy's), for `https://HOST` through
/// the proxy's ports. It keeps cookies and does not follow redirects.
fn client(source: IpAddr) -> reqwest::Client {
    // The port is the URL's: a resolved address's port is ignored.
    reqwest::Client::builder()
        .resolve(HOST, SocketAddr::from(([127, 0, 0, 1], 0)))
        .danger_accept_invalid_certs(true)
        .local_address(source)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

async fn read(response: reqwest::Response) -> Page {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.text().await.unwrap_or_default();
    Page { status, headers, body }
}

/// The staff sign-in a wrong password from `source` left in the audit trail: the address intake saw.
async fn failed_sign_in_address(db: &TestDb) -> Option<String> {
    sqlx::query_scalar(
        "select source_address from audit_event where action = 'staff.login_failed' order by at desc limit 1",
    )
    .fetch_optional(&db.pool)
    .await
    .unwrap()
    .flatten()
}

/// What every proxy must do for intake: checked through `proxy` from `source`.
async fn assert_proxies_well(name: &str, proxy: &Proxy, server: &Server, db: &TestDb, source: IpAddr) {
    let browser = client(source);
    let https = |path: &str| format!("https://{HOST}:{}{path}", proxy.https);

    // Plain HTTP is redirected to https.
    let plain = read(
        browser
            .get(format!("http://{HOST}:{}/en/", proxy.http))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        matches!(plain.status, 301 | 308),
        "{name}: http answered {}",
        plain.status
    );
    let location = plain.header("location").unwrap_or_default();
    assert!(location.starts_with(&format!("https://{HOST}")), "{name}: {location}");

    // The sign-in page, with a forged address and request id the proxy must not pass on.
    let page = read(
        browser
            .get(https("/staff/login"))
            .header("X-Forwarded-For", "203.0.113.66")
            .header("X-Request-Id", "forged-by-the-client")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, 200, "{name}: {}", page.body);
    let id = page.header("x-request-id").unwrap_or_default().to_owned();
    assert!(
        !id.is_empty() && id != "forged-by-the-client",
        "{name}: request id {id:?}"
    );
    assert!(
        server.log_text().contains(&id),
        "{name}: the proxy's request id {id} is in intake's log"
    );

    // A wrong password: intake records the address it believes is the client's.
    let token = page.csrf_token();
    let answer = read(
        browser
            .post(https("/staff/login"))
            .header("Origin", format!("https://{HOST}"))
            .header("X-Forwarded-For", "203.0.113.66")
            .form(&[
                ("csrf_token", token.as_str()),
                ("email", "nobody@firm.example"),
                ("password", "not the password at all"),
            ])
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(
        matches!(answer.status, 200 | 422),
        "{name}: sign-in answered {}: {}",
        answer.status,
        answer.body
    );
    assert_eq!(
        failed_sign_in_address(db).await.as_deref(),
        Some(source.to_string().as_str()),
        "{name}: intake saw the client's address, not the proxy's nor the forged one"
    );

    // Pages, which carry CSRF tokens beside what applicants type, are never compressed (BREACH).
    let page = read(
        browser
            .get(https("/en/"))
            .header("Accept-Encoding", "gzip, br")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(page.status, 200, "{name}: /en/");
    assert_eq!(page.header("content-encoding"), None, "{name}: a page compressed");

    // No public metrics, even if intake served them on this port.
    let metrics = read(browser.get(https("/metrics")).send().await.unwrap()).await;
    assert_eq!(metrics.status, 404, "{name}: /metrics");

    // A body larger than any form is refused by the proxy itself (intake's answers carry its
    // Content-Security-Policy; the proxy's do not).
    let post = |path: &str, content_type: &'static str, bytes: usize| {
        browser
            .post(https(path))
            .header("Origin", format!("https://{HOST}"))
            .header("Content-Type", content_type)
            .body(vec![b'a'; bytes])
            .send()
    };
    let big = read(
        post("/en/contact", "application/x-www-form-urlencoded", 400 * 1024)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(big.status, 413, "{name}: a 400 KiB form");
    assert!(
        big.header("content-security-policy").is_none(),
        "{name}: refused by the proxy, before intake"
    );
    // The wage file upload may be larger: 1 MiB reaches intake (which refuses it for its own
    // reasons: no session, no token).
    let upload = read(
        post("/staff/wages", "multipart/form-data; boundary=x", 1024 * 1024)
            .await
            .unwrap(),
    )
    .await;
    assert_ne!(upload.status, 413, "{name}: a 1 MiB wage upload passes the proxy");
    assert!(
        upload.header("content-security-policy").is_some(),
        "{name}: answered by intake"
    );
}

async fn intake_behind_a_proxy(db: &TestDb, smtp: &SmtpSink) -> Server {
    Server::start(ServerOptions {
        database_url: db.url.clone(),
        smtp_port: smtp.port,
        vars: vec![
            ("INTAKE_BASE_URL".into(), format!("https://{HOST}")),
            ("INTAKE_TRUSTED_PROXIES".into(), "127.0.0.1/32".into()),
        ],
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nginx_with_the_shipped_configuration_passes_the_clients_address_and_guards_intake() {
    let db = TestDb::new().await;
    let smtp = SmtpSink::start();
    let server = intake_behind_a_proxy(&db, &smtp).await;
    let dir = temp_dir("nginx");
    let proxy = nginx(server.port, &dir);
    assert_proxies_well("nginx", &proxy, &server, &db, "127.0.0.7".parse().unwrap()).await;
    // The access log keeps no paths (they carry manage-link tokens).
    drop(proxy);
    let access = std::fs::read_to_string(dir.join("access.log")).unwrap_or_default();
    assert!(!access.is_empty(), "nginx wrote its access log");
    assert!(!access.contains("/staff/login"), "{access}");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn caddy_with_the_shipped_configuration_passes_the_clients_address_and_guards_intake() {
    let db = TestDb::new().await;
    let smtp = SmtpSink::start();
    let server = intake_behind_a_proxy(&db, &smtp).await;
    let dir = temp_dir("caddy");
    let proxy = caddy(server.port, &dir);
    assert_proxies_well("Caddy", &proxy, &server, &db, "127.0.0.8".parse().unwrap()).await;
    drop(proxy);
    let _ = std::fs::remove_dir_all(dir);
}

// ---------------------------------------------------------------------------------------------
// X-Request-Id

#[actix_web::test]
async fn every_answer_carries_a_request_id_and_only_a_trusted_proxy_chooses_it() {
    let direct = spawn_app_with(AppOptions::default()).await;
    let first = direct.get("/en/").await;
    let second = direct.get("/no-such-page").await;
    let (a, b) = (first.header("x-request-id"), second.header("x-request-id"));
    assert!(a.is_some_and(|id| uuid::Uuid::parse_str(id).is_ok()), "{a:?}");
    assert!(b.is_some() && a != b, "each answer its own id, 404s included");
    // From a client that is not a trusted proxy, an id it sends is not believed.
    let sent = direct
        .get_with("/en/", &[("X-Request-Id", "chosen-by-the-client")])
        .await;
    assert_ne!(sent.header("x-request-id"), Some("chosen-by-the-client"));

    let mut options = AppOptions::default();
    options.vars.push(("INTAKE_TRUSTED_PROXIES", "127.0.0.1/32".into()));
    options.vars.push(("INTAKE_RATE_LIMIT", "1".into()));
    let proxied = spawn_app_with(options).await;
    let kept = proxied
        .get_with("/en/", &[("X-Request-Id", "0f6a3c5e9d1b4a7f8e2c6b0a9d3f5e71")])
        .await;
    assert_eq!(kept.header("x-request-id"), Some("0f6a3c5e9d1b4a7f8e2c6b0a9d3f5e71"));
    for hostile in ["has spaces", &"a".repeat(129), "semi;colon"] {
        let page = proxied.get_with("/en/", &[("X-Request-Id", hostile)]).await;
        let id = page.header("x-request-id").unwrap_or_default();
        assert!(
            id != hostile && uuid::Uuid::parse_str(id).is_ok(),
            "{hostile:?} → {id:?}"
        );
    }
    // Refusals carry it too: the rate limiter's 429 (one POST a minute here).
    proxied.post_raw("/en/contact", &[]).await;
    let refused = proxied
        .client
        .post(proxied.url("/en/contact"))
        .header("X-Request-Id", "req-429")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 429);
    assert_eq!(
        refused.headers().get("x-request-id").and_then(|v| v.to_str().ok()),
        Some("req-429")
    );
}
