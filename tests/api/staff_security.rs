//! Issue 11, staff side: sessions on the server (a copied cookie dies at sign-out), the staff
//! member's own account (sessions, password, two-step verification), sign-in throttling that an
//! attacker cannot turn against the owner, and the firm's two-step policy.

use std::net::{IpAddr, Ipv4Addr};

use crate::helpers::{
    AppOptions, Page, SmtpSink, TestApp, assert_redirect, create_staff, enrol_second_factor, login, spawn_app,
    spawn_app_with, totp_code, unix_now,
};

const EMAIL: &str = "marie.tremblay@firm.example";
const NAME: &str = "Marie Tremblay";
const PASSWORD: &str = "lantern otter glacier 42";
const ADMIN: &str = "boss@firm.example";

const ELSEWHERE: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));
const ATTACKER: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 3));

async fn is_signed_in(app: &TestApp) -> bool {
    match app.get("/staff/no-such-page").await.status {
        404 => true,
        303 => false,
        other => panic!("unexpected {other}"),
    }
}

/// The staff cookie's `name=value` from a sign-in answer.
fn staff_cookie(page: &Page) -> String {
    page.set_cookie("intake_staff")
        .expect("sign-in sets the staff cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// A GET with only this cookie, as an attacker replaying a copied cookie would send it.
async fn replay(app: &TestApp, cookie: &str, path: &str) -> u16 {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.db.pool).await.unwrap()
}

#[actix_web::test]
async fn a_copied_cookie_stops_working_at_sign_out() {
    let app = spawn_app(&SmtpSink::start()).await;
    create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    let page = login(&app, EMAIL, PASSWORD).await;
    assert_redirect(&page, "/staff/");
    let cookie = staff_cookie(&page);
    // A browser-session cookie: no expiry, so it ends with the browser; not readable by scripts.
    let set = page.set_cookie("intake_staff").unwrap();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(attribute), "{set}");
    }
    assert!(
        !set.to_ascii_lowercase().contains("max-age") && !set.to_ascii_lowercase().contains("expires"),
        "{set}"
    );
    // The token is stored hashed, never as it is.
    let token = cookie.split_once('=').unwrap().1.to_owned();
    let stored: i64 = sqlx::query_scalar("select count(*) from staff_session where token_hash = sha256($1::bytea)")
        .bind(token.as_bytes())
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, 1);
    let in_clear: i64 =
        sqlx::query_scalar("select count(*) from staff_session where position($1::bytea in token_hash) > 0")
            .bind(token.as_bytes())
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(in_clear, 0);

    assert_eq!(replay(&app, &cookie, "/staff/applications").await, 200);
    let out = app.submit("/staff/", "/staff/logout", &[]).await;
    assert_redirect(&out, "/staff/login");
    assert!(
        out.set_cookie("intake_staff")
            .unwrap()
            .to_ascii_lowercase()
            .contains("max-age=0")
    );
    // The attack of the report: the copied cookie after sign-out.
    assert_eq!(replay(&app, &cookie, "/staff/applications").await, 303);
    let source: Option<String> =
        sqlx::query_scalar("select source_address from audit_event where action = 'staff.logout'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(source.as_deref(), Some("127.0.0.1"));
}

#[actix_web::test]
async fn over_https_the_cookie_is_a_host_cookie() {
    let mut options = AppOptions::default();
    options.vars.push(("INTAKE_BASE_URL", "https://intake.example".into()));
    options.vars.push(("INTAKE_SECURE_COOKIES", "true".into()));
    let app = spawn_app_with(options).await;
    create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    // Secure cookies are not sent back over plain HTTP, so the form is posted by hand.
    let form = app.get("/staff/login").await;
    let session = form
        .set_cookie("intake_session")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let page = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(app.url("/staff/login"))
        .header("cookie", session)
        .header("origin", "https://intake.example")
        .form(&[
            ("csrf_token", form.csrf_token().as_str()),
            ("email", EMAIL),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 303);
    let set: Vec<String> = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    let host = set
        .iter()
        .find(|c| c.starts_with("__Host-intake_staff="))
        .unwrap_or_else(|| panic!("{set:?}"));
    assert!(
        host.contains("Secure") && host.contains("Path=/") && !host.contains("Domain"),
        "{host}"
    );
}

#[actix_web::test]
async fn sessions_are_listed_and_can_be_ended_one_by_one_or_everywhere() {
    let app = spawn_app(&SmtpSink::start()).await;
    create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    let laptop = app.with_new_browser();
    let phone = app.with_new_browser_from(ELSEWHERE);
    login(&laptop, EMAIL, PASSWORD).await;
    login(&phone, EMAIL, PASSWORD).await;

    let page = laptop.get("/staff/account").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.count("tr[data-session]"), 2);
    assert_eq!(page.count(r#"tr[data-current="true"]"#), 1);
    assert!(page.body.contains("127.0.0.2"), "the other session's address is shown");

    // "Sign out all other sessions" ends the phone's, not this one.
    let done = laptop
        .submit("/staff/account", "/staff/account/sessions/end-others", &[])
        .await;
    assert_redirect(&done, "/staff/account?done=sessions#sessions");
    assert!(!is_signed_in(&phone).await);
    assert!(is_signed_in(&laptop).await);

    // One session ended from another.
    login(&phone, EMAIL, PASSWORD).await;
    let page = laptop.get("/staff/account").await;
    let other = page.attr_of(r#"tr[data-current="false"]"#, "data-session").unwrap();
    laptop
        .submit("/staff/account", &format!("/staff/account/sessions/{other}/end"), &[])
        .await;
    assert!(!is_signed_in(&phone).await);
    assert!(is_signed_in(&laptop).await);

    // "Sign out everywhere" ends this one too.
    login(&phone, EMAIL, PASSWORD).await;
    let out = laptop
        .submit("/staff/account", "/staff/account/sessions/end-all", &[])
        .await;
    assert_redirect(&out, "/staff/login");
    assert!(!is_signed_in(&phone).await);
    assert!(!is_signed_in(&laptop).await);
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event where action like 'staff.session%' and source_address = '127.0.0.1'"
        )
        .await,
        3
    );
}

#[actix_web::test]
async fn staff_change_their_own_password_and_their_other_sessions_end() {
    let app = spawn_app(&SmtpSink::start()).await;
    create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    let me = app.with_new_browser();
    let other = app.with_new_browser_from(ELSEWHERE);
    login(&me, EMAIL, PASSWORD).await;
    login(&other, EMAIL, PASSWORD).await;

    let change = |current: &'static str, new: &'static str, again: &'static str| {
        let me = &me;
        async move {
            me.submit(
                "/staff/account",
                "/staff/account/password",
                &[
                    ("current_password", current),
                    ("new_password", new),
                    ("confirm_password", again),
                ],
            )
            .await
        }
    };
    let wrong = change("not my password", "quiet harbour lantern 9", "quiet harbour lantern 9").await;
    assert_eq!(wrong.status, 422);
    assert_eq!(
        wrong
            .text_of("#current_password-error")
            .as_deref()
            .map(|t| t.contains("not right")),
        Some(true)
    );
    // On the shipped list of leaked passwords, though long.
    let common = change(PASSWORD, "1qaz2wsx3edc", "1qaz2wsx3edc").await;
    assert_eq!(common.status, 422);
    assert!(
        common
            .text_of("#new_password-error")
            .unwrap()
            .contains("common or leaked"),
        "{}",
        common.body
    );
    let differs = change(PASSWORD, "quiet harbour lantern 9", "quiet harbour lantern 8").await;
    assert_eq!(differs.status, 422);
    assert!(is_signed_in(&other).await);

    let done = change(PASSWORD, "quiet harbour lantern 9", "quiet harbour lantern 9").await;
    assert_redirect(&done, "/staff/account?done=password#password");
    assert!(is_signed_in(&me).await, "the session that changed it stays");
    assert!(!is_signed_in(&other).await, "every other session ends");
    assert_eq!(login(&other, EMAIL, PASSWORD).await.status, 422);
    assert_redirect(&login(&other, EMAIL, "quiet harbour lantern 9").await, "/staff/");
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event where action = 'staff.password_change' and source_address = '127.0.0.1'"
        )
        .await,
        1
    );
}

#[actix_web::test]
async fn an_attacker_cannot_lock_the_owner_out_from_another_address() {
    let sink = SmtpSink::start();
    let app = spawn_app(&sink).await;
    create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    create_staff(&app, ADMIN, "Sam Boss", "admin", PASSWORD).await;
    let attacker = app.with_new_browser_from(ATTACKER);

    for _ in 0..5 {
        assert_eq!(login(&attacker, EMAIL, "guess guess guess 1").await.status, 422);
    }
    // From the attacker's address, even the right password now waits (and is not even checked).
    let refused = login(&attacker, EMAIL, PASSWORD).await;
    assert_eq!(refused.status, 429);
    assert!(
        refused
            .text_of("#login-throttled")
            .unwrap()
            .contains("Try again in 1 minute"),
        "{}",
        refused.body
    );
    assert!(refused.header("retry-after").is_some());
    assert!(!is_signed_in(&attacker).await);

    // The owner, from their own address, signs in at once (the report's lock-out).
    let owner = app.with_new_browser_from(ELSEWHERE);
    assert_redirect(&login(&owner, EMAIL, PASSWORD).await, "/staff/");
    assert!(is_signed_in(&owner).await);

    // The throttle is audited once with the attacker's address, and the admins are told.
    let throttled: Vec<(Option<String>, serde_json::Value)> =
        sqlx::query_as("select source_address, detail from audit_event where action = 'staff.login_throttled'")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(throttled.len(), 1);
    assert_eq!(throttled[0].0.as_deref(), Some("127.0.0.3"));
    assert_eq!(throttled[0].1["failures"], 5);
    let failed_from: Vec<Option<String>> =
        sqlx::query_scalar("select distinct source_address from audit_event where action = 'staff.login_failed'")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(failed_from, [Some("127.0.0.3".to_owned())]);
    app.drain_outbox().await;
    let mails = sink.messages();
    assert_eq!(mails.len(), 1, "one alert, to the one admin");
    assert_eq!(mails[0].to, [ADMIN]);
    let text = mails[0].parsed().body_text(0).unwrap().into_owned();
    assert!(text.contains("127.0.0.3") && text.contains(EMAIL), "{text}");

    // Later (the wait moved into the past), the attacker's address may try again, and another
    // failure doubles the wait.
    sqlx::query("update staff_login_failure set at = at - interval '2 minutes'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(login(&attacker, EMAIL, "guess guess guess 2").await.status, 422);
    let again = login(&attacker, EMAIL, PASSWORD).await;
    assert_eq!(again.status, 429);
    assert!(
        again.text_of("#login-throttled").unwrap().contains("2 minutes"),
        "{}",
        again.body
    );
}

#[actix_web::test]
async fn four_failures_then_the_right_password_start_the_count_again() {
    let app = spawn_app(&SmtpSink::start()).await;
    create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    for _ in 0..4 {
        assert_eq!(login(&app, EMAIL, "not the password at all").await.status, 422);
    }
    assert_redirect(&login(&app, EMAIL, PASSWORD).await, "/staff/");
    let browser = app.with_new_browser();
    for _ in 0..4 {
        assert_eq!(login(&browser, EMAIL, "not the password at all").await.status, 422);
    }
    assert_redirect(&login(&browser, EMAIL, PASSWORD).await, "/staff/");
}

#[actix_web::test]
async fn two_step_verification_enrolment_sign_in_and_recovery_codes_used_once() {
    let app = spawn_app(&SmtpSink::start()).await;
    let id = create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    let me = app.with_new_browser();
    login(&me, EMAIL, PASSWORD).await;
    let other = app.with_new_browser_from(ELSEWHERE);
    login(&other, EMAIL, PASSWORD).await;

    // A wrong code does not turn it on.
    let setup = me.get("/staff/account/second-factor").await;
    let wrong = me
        .post_raw(
            "/staff/account/second-factor",
            &[("csrf_token", &setup.csrf_token()), ("code", "000000")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.text_of("title").unwrap().starts_with("Error:"));
    assert_eq!(
        count(
            &app,
            "select count(*) from staff_user where totp_enabled_at is not null"
        )
        .await,
        0
    );

    let (key, codes) = enrol_second_factor(&me).await;
    assert!(is_signed_in(&me).await);
    assert!(
        !is_signed_in(&other).await,
        "sessions opened with the password alone end"
    );
    let stored: Vec<Vec<u8>> = sqlx::query_scalar("select code_hash from staff_recovery_code where staff_user_id = $1")
        .bind(id)
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(stored.len(), 10);
    assert!(stored.iter().all(|h| h.len() == 32), "only hashes are stored");
    let account = me.get("/staff/account").await;
    assert!(
        account
            .text_of(r#"[data-second-factor="on"]"#)
            .unwrap()
            .contains("Recovery codes left: 10")
    );

    // Signing in now takes the password, then a code.
    let browser = app.with_new_browser();
    let first = login(&browser, EMAIL, PASSWORD).await;
    assert_redirect(&first, "/staff/login/code");
    assert!(first.set_cookie("intake_staff").is_none(), "no session before the code");
    assert!(!is_signed_in(&browser).await);
    let code_page = browser.get("/staff/login/code").await;
    assert_eq!(code_page.status, 200);
    assert_eq!(
        code_page.count(r#"input[name="code"][autocomplete="one-time-code"]"#),
        1
    );
    let bad = browser
        .submit("/staff/login/code", "/staff/login/code", &[("code", "123456")])
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.text_of("#login-failed").is_some());
    // The code of the step after the one used at enrolment (a code works once).
    let later = unix_now() + 30;
    let code = totp_code(&key, later);
    let ok = browser
        .submit("/staff/login/code", "/staff/login/code", &[("code", &code)])
        .await;
    assert_redirect(&ok, "/staff/");
    assert!(is_signed_in(&browser).await);

    // The same code again, in another browser: refused (replay).
    let replayer = app.with_new_browser();
    assert_redirect(&login(&replayer, EMAIL, PASSWORD).await, "/staff/login/code");
    let replayed = replayer
        .submit("/staff/login/code", "/staff/login/code", &[("code", &code)])
        .await;
    assert_eq!(replayed.status, 422);
    assert!(!is_signed_in(&replayer).await);

    // A recovery code works once, typed in any case and spacing.
    let recovery = codes[3].to_uppercase().replace('-', " ");
    let used = replayer
        .submit("/staff/login/code", "/staff/login/code", &[("code", &recovery)])
        .await;
    assert_redirect(&used, "/staff/");
    let again = app.with_new_browser();
    login(&again, EMAIL, PASSWORD).await;
    let reused = again
        .submit("/staff/login/code", "/staff/login/code", &[("code", &codes[3])])
        .await;
    assert_eq!(reused.status, 422);
    assert!(!is_signed_in(&again).await);
    let account = me.get("/staff/account").await;
    assert!(
        account
            .text_of(r#"[data-second-factor="on"]"#)
            .unwrap()
            .contains("Recovery codes left: 9")
    );
    let events: Vec<String> = sqlx::query_scalar(
        "select action from audit_event where action in ('staff.second_factor_on', 'staff.recovery_code_used') order by at",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(events, ["staff.second_factor_on", "staff.recovery_code_used"]);

    // A pending sign-in without its code opens nothing, and the code page needs a password first.
    let stranger = app.with_new_browser();
    assert_redirect(&stranger.get("/staff/login/code").await, "/staff/login");
}

#[actix_web::test]
async fn the_firm_can_require_two_step_verification_of_everyone() {
    let app = spawn_app(&SmtpSink::start()).await;
    create_staff(&app, ADMIN, "Sam Boss", "admin", PASSWORD).await;
    create_staff(&app, EMAIL, NAME, "staff", PASSWORD).await;
    let admin = app.with_new_browser();
    login(&admin, ADMIN, PASSWORD).await;
    let users = admin.get("/staff/users").await;
    assert_eq!(users.count("#require_second_factor:not([checked])"), 1);
    let saved = admin
        .submit(
            "/staff/users",
            "/staff/users/security-policy",
            &[("require_second_factor", "on")],
        )
        .await;
    assert_redirect(&saved, "/staff/users?saved=policy#security");
    // The admin without it is sent to set it up first, whatever page they ask for.
    assert_redirect(&admin.get("/staff/applications").await, "/staff/account/second-factor");
    let setup = admin.get("/staff/account/second-factor").await;
    assert_eq!(setup.status, 200);
    assert!(setup.text_of("#second-factor-required").is_some());
    enrol_second_factor(&admin).await;
    assert_eq!(admin.get("/staff/applications").await.status, 200);
    assert_eq!(
        count(
            &app,
            "select count(*) from audit_event where action = 'security.policy'"
        )
        .await,
        1
    );

    // A staff member signing in is sent there too; sign-out still works.
    let staff = app.with_new_browser_from(ELSEWHERE);
    login(&staff, EMAIL, PASSWORD).await;
    assert_redirect(&staff.get("/staff/").await, "/staff/account/second-factor");
    // It cannot be turned off while required.
    let (_, _) = enrol_second_factor(&staff).await;
    let off = staff
        .submit(
            "/staff/account",
            "/staff/account/second-factor/remove",
            &[("remove_password", PASSWORD)],
        )
        .await;
    assert_eq!(off.status, 422);
    assert_eq!(
        count(
            &app,
            "select count(*) from staff_user where totp_enabled_at is not null"
        )
        .await,
        2
    );
    assert_redirect(&staff.submit("/staff/", "/staff/logout", &[]).await, "/staff/login");
}
