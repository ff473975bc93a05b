//! Signing staff in and out: the gate in front of `/staff`, the sign-in form, lockout, session
//! expiry, and `intake staff add`.

use std::{
    io::Write as _,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use crate::helpers::{
    AppOptions, Page, SmtpSink, TestApp, assert_redirect, create_staff, login, spawn_app, spawn_app_with,
};

const EMAIL: &str = "marie.tremblay@firm.example";
const NAME: &str = "Marie Tremblay";
const PASSWORD: &str = "lantern otter glacier 42";

/// A page behind the gate that no area serves: 404 when signed in, a redirect to sign-in otherwise.
const PROBE: &str = "/staff/no-such-page";

fn assert_private(page: &Page) {
    assert_eq!(page.header("cache-control"), Some("no-store"), "{:?}", page.headers);
    assert_eq!(
        page.header("x-robots-tag"),
        Some("noindex, nofollow"),
        "{:?}",
        page.headers
    );
}

fn session_cookie(page: &Page) -> Option<String> {
    page.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("intake_session="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

async fn is_signed_in(app: &TestApp) -> bool {
    let page = app.get(PROBE).await;
    assert_private(&page);
    match page.status {
        404 => true,
        303 => false,
        other => panic!("unexpected {other} for {PROBE}"),
    }
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("select action from audit_event order by at, audit_event_id")
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
}

async fn app_with(vars: &[(&'static str, &str)]) -> TestApp {
    let mut options = AppOptions::default();
    options.vars.extend(vars.iter().map(|(k, v)| (*k, (*v).to_owned())));
    spawn_app_with(options).await
}

#[actix_web::test]
async fn anonymous_visitors_are_sent_to_sign_in_and_shown_nothing() {
    let app = spawn_app(&SmtpSink::start()).await;
    for (path, next) in [
        ("/staff", "%2Fstaff"),
        ("/staff/", "%2Fstaff%2F"),
        ("/staff/applications", "%2Fstaff%2Fapplications"),
        (
            "/staff/applications?q=ana&page=2",
            "%2Fstaff%2Fapplications%3Fq%3Dana%26page%3D2",
        ),
        ("/staff/anything", "%2Fstaff%2Fanything"),
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, 303, "{path}");
        assert_redirect(&page, &format!("/staff/login?next={next}"));
        assert!(page.body.is_empty(), "{path}: {}", page.body);
        assert_private(&page);
    }
    // Not a GET either.
    let page = app.post_raw("/staff/applications", &[]).await;
    assert!(page.status == 303 || page.status == 403, "{}", page.status);
    assert!(!page.body.contains("application"));
}

#[actix_web::test]
async fn the_sign_in_page_has_a_protected_form_in_the_visitors_language() {
    let app = spawn_app(&SmtpSink::start()).await;
    let page = app.get("/staff/login?next=%2Fstaff%2Fapplications").await;
    assert_eq!(page.status, 200);
    assert_private(&page);
    assert!(!page.csrf_token().is_empty());
    assert_eq!(page.count(r#"form[method="post"][action="/staff/login"]"#), 1);
    assert_eq!(
        page.count(r#"input[name="email"][type="email"][autocomplete="username"]"#),
        1
    );
    assert_eq!(
        page.count(r#"input[name="password"][type="password"][autocomplete="current-password"]"#),
        1
    );
    assert_eq!(
        page.count(r#"input[type="hidden"][name="next"][value="/staff/applications"]"#),
        1
    );
    assert_eq!(page.count(r#"meta[name="robots"][content="noindex, nofollow"]"#), 1);
    assert_eq!(page.count(".staff-nav"), 0, "no navigation before signing in");
    assert_eq!(page.text_of("h1").as_deref(), Some("Sign in"));
    assert!(page.text_of("title").unwrap().contains("Maple & Partners"));

    let fr = app
        .get_with("/staff/login", &[("accept-language", "fr-CA,fr;q=0.9")])
        .await;
    assert_eq!(fr.count(r#"html[lang="fr"]"#), 1);
    assert_eq!(fr.text_of("h1").as_deref(), Some("Ouvrir une session"));
    assert!(fr.body.contains("Adresse courriel"));

    // Somewhere else than the back office is never kept as a destination.
    let evil = app.get("/staff/login?next=https%3A%2F%2Fevil.example%2Fstaff").await;
    assert_eq!(evil.count(r#"input[name="next"]"#), 0);

    // The form guard refuses a POST without the session's token.
    let page = app
        .post_raw("/staff/login", &[("email", EMAIL), ("password", PASSWORD)])
        .await;
    assert_eq!(page.status, 403);
}

#[actix_web::test]
async fn signing_in_renews_the_session_and_lands_on_the_dashboard() {
    let app = spawn_app(&SmtpSink::start()).await;
    let id = create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    assert!(!is_signed_in(&app).await);

    let form = app.get("/staff/login").await;
    let before = session_cookie(&form).expect("the sign-in page starts a session for its token");
    // The email's case does not matter.
    let page = app
        .post_raw(
            "/staff/login",
            &[
                ("csrf_token", &form.csrf_token()),
                ("email", "  Marie.Tremblay@FIRM.example "),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_redirect(&page, "/staff/");
    assert_eq!(page.status, 303);
    assert_private(&page);
    let after = session_cookie(&page).expect("a new session cookie");
    assert_ne!(before, after, "the session is renewed on sign-in");

    assert!(is_signed_in(&app).await);
    // The dashboard is another area's page: here, only that the gate lets us through.
    let home = app.get("/staff/").await;
    assert!(home.status == 200 || home.status == 404, "{}", home.status);
    assert_private(&home);
    assert_eq!(audit_actions(&app).await, ["staff.login"]);
    let who: Option<uuid::Uuid> =
        sqlx::query_scalar("select staff_user_id from audit_event where action = 'staff.login'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(who, Some(id));

    // The token of the anonymous session no longer works for forms.
    let stale = app
        .post_raw("/staff/logout", &[("csrf_token", &form.csrf_token())])
        .await;
    assert_eq!(stale.status, 403);
    assert!(is_signed_in(&app).await);
}

#[actix_web::test]
async fn signing_in_returns_to_the_page_asked_for_but_only_inside_the_back_office() {
    let app = spawn_app(&SmtpSink::start()).await;
    create_staff(&app, EMAIL, NAME, "admin", PASSWORD).await;
    let gate = app.get("/staff/applications?q=ana").await;
    let login_url = gate.header("location").unwrap().to_owned();
    let form = app.get(&login_url).await;
    let next = form.html();
    let next = next
        .select(&scraper::Selector::parse(r#"input[name="next"]"#).unwrap())
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap()
        .to_owned();
    assert_eq!(next, "/staff/applications?q=ana");
    let page = app
        .submit(
            &login_url,
            "/staff/login",
            &[("email", EMAIL), ("password", PASSWORD), ("next", &next)],
        )
        .await;
    assert_redirect(&page, "/staff/applications?q=ana");

    for evil in [
        "https://evil.example/staff/",
        "//evil.example/staff",
        "/staffing",
        "/en/",
    ] {
        let browser = app.with_new_browser();
        let page = browser
            .submit(
                "/staff/login",
                "/staff/login",
                &[("email", EMAIL), ("password", PASSWORD), ("next", evil)],
            )
            .await;
        assert_redirect(&page, "/staff/");
    }
}

#[actix_web::test]
async fn every_failure_looks_the_same() {
    let app = spawn_app(&SmtpSink::start()).await;
    create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    let disabled = create_staff(&app, "gone@firm.example", "Gone Away", "staff", PASSWORD).await;
    let mut conn = app.db.pool.acquire().await.unwrap();
    intake::db::staff::set_active(&mut conn, disabled, false).await.unwrap();

    let attempt = |email: &'static str, password: &'static str| {
        let app = &app;
        async move {
            let page = login(app, email, password).await;
            // The only difference allowed is the email typed, echoed in its field.
            let body = page.body.replace(email, "EMAIL");
            (page, body)
        }
    };
    let (wrong, wrong_body) = attempt(EMAIL, "not the password at all").await;
    let (unknown, unknown_body) = attempt("nobody.here@firm.example", "not the password at all").await;
    let (gone, gone_body) = attempt("gone@firm.example", PASSWORD).await;
    for page in [&wrong, &unknown, &gone] {
        assert_eq!(page.status, 422);
        assert_private(page);
        assert!(page.text_of("title").unwrap().starts_with("Error:"));
        assert_eq!(
            page.text_of("#login-failed").as_deref(),
            Some("Email or password is not right.")
        );
        assert!(page.body.contains(
            "After several failed attempts from one network, each new attempt from there has to wait a little longer."
        ));
        assert_eq!(
            page.count(r#"input[name="password"][value=""]"#),
            1,
            "never echo a password"
        );
    }
    assert_eq!(wrong_body, unknown_body);
    assert_eq!(wrong_body, gone_body);
    assert!(!is_signed_in(&app).await);

    // Audited without the address in clear: its SHA-256 only.
    let details: Vec<serde_json::Value> =
        sqlx::query_scalar("select detail from audit_event where action = 'staff.login_failed' order by at")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(details.len(), 3);
    let hashes: Vec<&str> = details.iter().map(|d| d["email_hash"].as_str().unwrap()).collect();
    let expected: String = {
        use sha2::Digest as _;
        sha2::Sha256::digest(EMAIL.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    };
    assert_eq!(hashes[0], expected);
    assert!(hashes.iter().all(|h| h.len() == 64));
    let leaked: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where concat(detail, before, after, subject_id) like '%@%'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(leaked, 0);

    // Empty fields are plain form errors.
    let page = login(&app, "", "").await;
    assert_eq!(page.status, 422);
    assert_eq!(page.count(".error-summary-list a"), 2);
}

#[actix_web::test]
async fn an_unknown_email_costs_as_much_time_as_a_wrong_password() {
    let app = spawn_app(&SmtpSink::start()).await;
    create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    let token = app.get("/staff/login").await.csrf_token();
    let time = |email: &'static str| {
        let app = &app;
        let token = token.clone();
        async move {
            let mut best = Duration::MAX;
            for _ in 0..3 {
                let started = Instant::now();
                let page = app
                    .post_raw(
                        "/staff/login",
                        &[
                            ("csrf_token", &token),
                            ("email", email),
                            ("password", "wrong password 123"),
                        ],
                    )
                    .await;
                assert_eq!(page.status, 422);
                best = best.min(started.elapsed());
            }
            best
        }
    };
    let wrong = time(EMAIL).await;
    let unknown = time("nobody.here@firm.example").await;
    // An argon2 verification dominates both; without the dummy hash, the unknown email would answer
    // in a small fraction of the time. (Loose bounds: the test machine may be busy.)
    assert!(unknown * 3 >= wrong, "unknown {unknown:?} vs wrong {wrong:?}");
    assert!(wrong * 3 >= unknown, "unknown {unknown:?} vs wrong {wrong:?}");
}

#[actix_web::test]
async fn an_idle_session_expires() {
    // Zero minutes: every request after signing in comes too late.
    let app = app_with(&[("INTAKE_STAFF_IDLE_MINUTES", "0")]).await;
    create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    assert_redirect(&login(&app, EMAIL, PASSWORD).await, "/staff/");
    let page = app.get("/staff/applications").await;
    assert_redirect(&page, "/staff/login?expired=1&next=%2Fstaff%2Fapplications");
    assert_private(&page);
    // The session is gone: next time the visitor is simply anonymous.
    assert_redirect(&app.get("/staff/").await, "/staff/login?next=%2Fstaff%2F");
    let notice = app.get("/staff/login?expired=1&next=%2Fstaff%2Fapplications").await;
    assert!(
        notice
            .text_of("#session-expired")
            .unwrap()
            .contains("Your session has ended")
    );
}

#[actix_web::test]
async fn a_session_ends_after_its_lifetime_however_active() {
    let app = app_with(&[("INTAKE_STAFF_SESSION_HOURS", "0")]).await;
    create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    assert_redirect(&login(&app, EMAIL, PASSWORD).await, "/staff/");
    assert_redirect(&app.get("/staff/").await, "/staff/login?expired=1&next=%2Fstaff%2F");
    assert!(!is_signed_in(&app).await);
}

#[actix_web::test]
async fn within_its_limits_a_session_lasts() {
    let app = spawn_app(&SmtpSink::start()).await;
    create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    login(&app, EMAIL, PASSWORD).await;
    for _ in 0..3 {
        assert!(is_signed_in(&app).await);
    }
}

#[actix_web::test]
async fn disabling_an_account_or_changing_its_password_ends_its_sessions() {
    let app = spawn_app(&SmtpSink::start()).await;
    let id = create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    login(&app, EMAIL, PASSWORD).await;
    assert!(is_signed_in(&app).await);
    let mut conn = app.db.pool.acquire().await.unwrap();
    intake::db::staff::set_active(&mut conn, id, false).await.unwrap();
    // Treated as anonymous: no "expired" notice.
    assert_redirect(&app.get("/staff/").await, "/staff/login?next=%2Fstaff%2F");
    assert_eq!(login(&app, EMAIL, PASSWORD).await.status, 422);

    intake::db::staff::set_active(&mut conn, id, true).await.unwrap();
    assert_redirect(&login(&app, EMAIL, PASSWORD).await, "/staff/");
    assert!(is_signed_in(&app).await);
    // An admin sets a new password: the member's sessions end.
    create_staff(&app, "boss@firm.example", "Sam Boss", "admin", PASSWORD).await;
    let admin = app.with_new_browser();
    login(&admin, "boss@firm.example", PASSWORD).await;
    let reset = admin
        .submit(
            &format!("/staff/users/{id}"),
            &format!("/staff/users/{id}/password"),
            &[("password", "a brand new passphrase 7")],
        )
        .await;
    assert_eq!(reset.status, 303, "{}", reset.body);
    assert!(!is_signed_in(&app).await);
    assert!(is_signed_in(&admin).await);
    assert_redirect(&login(&app, EMAIL, "a brand new passphrase 7").await, "/staff/");
    assert!(is_signed_in(&app).await);
}

#[actix_web::test]
async fn signing_out_ends_the_session() {
    let app = spawn_app(&SmtpSink::start()).await;
    create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    login(&app, EMAIL, PASSWORD).await;
    assert!(is_signed_in(&app).await);
    let page = app.submit("/staff/login", "/staff/logout", &[]).await;
    assert_redirect(&page, "/staff/login");
    assert_eq!(page.status, 303);
    assert_private(&page);
    assert!(!is_signed_in(&app).await);
    assert_eq!(audit_actions(&app).await, ["staff.login", "staff.logout"]);
    // Signing out again (nobody signed in) is harmless.
    assert_redirect(&app.submit("/staff/login", "/staff/logout", &[]).await, "/staff/login");
}

#[actix_web::test]
async fn the_layout_shows_the_navigation_by_role() {
    let app = spawn_app(&SmtpSink::start()).await;
    create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    create_staff(&app, "boss@firm.example", "Sam Boss", "admin", PASSWORD).await;
    login(&app, EMAIL, PASSWORD).await;
    let page = app.get("/staff/").await;
    // Until the dashboard exists, /staff/ is a 404 behind the gate and there is no layout to check.
    if page.status == 200 {
        assert_eq!(page.count(r#".staff-nav a[href="/staff/applications"]"#), 1);
        assert_eq!(page.count(r#".staff-nav a[href="/staff/audit"]"#), 0);
        assert_eq!(page.count(r#".staff-nav a[href="/staff/users"]"#), 0);
        assert_eq!(
            page.count(r#"form[action="/staff/logout"] input[name="csrf_token"]"#),
            1
        );
        let admin = app.with_new_browser();
        login(&admin, "boss@firm.example", PASSWORD).await;
        let page = admin.get("/staff/").await;
        assert_eq!(page.count(r#".staff-nav a[href="/staff/audit"]"#), 1);
        assert_eq!(page.count(r#".staff-nav a[href="/staff/users"]"#), 1);
    }
}

// ---------------------------------------------------------------------------------------------
// `intake staff add` and `intake staff reset-password`.

struct Output {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn intake(db_url: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_intake"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RUST_LOG", "warn")
        .env("INTAKE_DATABASE_URL", db_url)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    Output {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

async fn staff_hash(app: &TestApp, email: &str) -> Option<(String, String, String)> {
    sqlx::query_as("select password_hash, name, role from staff_user where email = $1")
        .bind(email)
        .fetch_optional(&app.db.pool)
        .await
        .unwrap()
}

#[actix_web::test]
async fn staff_add_refuses_weak_passwords_and_creates_accounts_that_can_sign_in() {
    let app = spawn_app(&SmtpSink::start()).await;
    let url = app.db.url.clone();
    let add = move |args: &[&str], stdin: &str| {
        let mut all = vec!["staff", "add"];
        all.extend_from_slice(args);
        intake(&url, &all, stdin)
    };
    let who = ["--email", "Marie.Tremblay@Firm.example", "--name", NAME];

    for (stdin, says) in [
        ("password1234\n", "list of common or leaked passwords"),
        ("bbbbbbbbbbbbbbbbbbbb\n", "too easy to guess"),
        ("short\n", "at least 12 characters"),
        ("tremblay-lantern-otter-9\n", "must not contain your name"),
        ("", "Enter a password"),
    ] {
        let out = add(&who, stdin);
        assert_eq!(out.code, Some(2), "{stdin:?}: {}", out.stderr);
        assert_eq!(out.stderr.trim().lines().count(), 1, "{}", out.stderr);
        assert!(out.stderr.contains(says), "{}", out.stderr);
        assert!(
            !out.stderr.contains(stdin.trim()) || stdin.is_empty(),
            "never print the password"
        );
    }
    let out = add(&["--email", "not an email", "--name", NAME], &format!("{PASSWORD}\n"));
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert_eq!(out.stderr.trim().lines().count(), 1);
    assert_eq!(app.count("staff_user").await, 0);

    let out = add(&[&who[..], &["--role", "admin"]].concat(), &format!("{PASSWORD}\r\n"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("marie.tremblay@firm.example"), "{}", out.stdout);
    let (hash, name, role) = staff_hash(&app, "marie.tremblay@firm.example")
        .await
        .expect("the account");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert_eq!((name.as_str(), role.as_str()), (NAME, "admin"));
    assert_eq!(audit_actions(&app).await, ["staff.create"]);

    // Without --role: staff. The same email again, in any case: refused, exit 1.
    let out = add(
        &["--email", "sam@firm.example", "--name", "Sam Lee"],
        "a different passphrase 9\n",
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(staff_hash(&app, "sam@firm.example").await.unwrap().2, "staff");
    let out = add(
        &["--email", "MARIE.TREMBLAY@firm.example", "--name", "Someone Else"],
        "yet another passphrase 8\n",
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("already exists"), "{}", out.stderr);
    assert_eq!(out.stderr.trim().lines().count(), 1, "{}", out.stderr);
    assert_eq!(app.count("staff_user").await, 2);

    // The account signs in on the site with the password given on standard input.
    assert_redirect(&login(&app, "marie.tremblay@firm.example", PASSWORD).await, "/staff/");
    assert!(is_signed_in(&app).await);

    // A new password: the old session ends, the new password works, the old one does not.
    let reset = intake(
        &app.db.url,
        &["staff", "reset-password", "--email", "marie.tremblay@firm.example"],
        "orchard kettle violet 31\n",
    );
    assert_eq!(reset.code, Some(0), "{}", reset.stderr);
    assert!(!is_signed_in(&app).await);
    assert_eq!(login(&app, "marie.tremblay@firm.example", PASSWORD).await.status, 422);
    assert_redirect(
        &login(&app, "marie.tremblay@firm.example", "orchard kettle violet 31").await,
        "/staff/",
    );

    let weak = intake(
        &app.db.url,
        &["staff", "reset-password", "--email", "sam@firm.example"],
        "samsamsamsam\n",
    );
    assert_eq!(weak.code, Some(2), "{}", weak.stderr);
    let missing = intake(
        &app.db.url,
        &["staff", "reset-password", "--email", "x@firm.example"],
        "orchard kettle violet 31\n",
    );
    assert_eq!(missing.code, Some(1), "{}", missing.stderr);
}

#[actix_web::test]
async fn staff_reset_second_factor_lets_a_locked_out_admin_back_in() {
    let app = spawn_app(&SmtpSink::start()).await;
    let url = app.db.url.clone();
    create_staff(&app, "boss@firm.example", "Sam Boss", "admin", PASSWORD).await;
    login(&app, "boss@firm.example", PASSWORD).await;
    crate::helpers::enrol_second_factor(&app).await;
    assert!(is_signed_in(&app).await);
    // The phone is lost: the password alone no longer signs in.
    let other = app.with_new_browser();
    assert_redirect(&login(&other, "boss@firm.example", PASSWORD).await, "/staff/login/code");
    assert!(!is_signed_in(&other).await);

    let out = intake(
        &url,
        &["staff", "reset-second-factor", "--email", "Boss@Firm.example"],
        "",
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("Removed two-step verification"), "{}", out.stdout);
    assert!(!is_signed_in(&app).await, "the account's sessions end");
    let left: i64 = sqlx::query_scalar(
        "select count(*) from staff_user where totp_secret is not null or totp_enabled_at is not null",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(left, 0);
    let codes: i64 = sqlx::query_scalar("select count(*) from staff_recovery_code")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(codes, 0);
    let fresh = app.with_new_browser();
    assert_redirect(&login(&fresh, "boss@firm.example", PASSWORD).await, "/staff/");
    assert!(
        audit_actions(&app)
            .await
            .contains(&"staff.second_factor_reset".to_owned())
    );

    let unknown = intake(
        &url,
        &["staff", "reset-second-factor", "--email", "nobody@firm.example"],
        "",
    );
    assert_eq!(unknown.code, Some(1), "{}", unknown.stderr);
    assert!(unknown.stderr.contains("no staff account"), "{}", unknown.stderr);
}
