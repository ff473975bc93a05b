//! The applicant's status page (issue 15): a sign-in link sent only when the reference and address
//! match (the same answer either way), signing in only by a POST, the page, a copy of the data, and
//! withdrawing (which erases, as staff erasure does).

use crate::{
    booking::{choose_slot, reach_booking, submit},
    helpers::{ReceivedMail, SmtpSink, TestApp, assert_redirect, spawn_app},
};

/// Books a consultation as Ana; returns the reference.
async fn booked(app: &TestApp) -> String {
    let booking = reach_booking(app, "en", "Ana López", "ana@example.com").await;
    choose_slot(app, &booking, None, "Europe/Paris").await;
    assert_redirect(&submit(app, "en").await, "/en/apply/confirmation");
    let confirmation = app.get("/en/apply/confirmation").await;
    assert_eq!(
        confirmation.attr_of("[data-status-link]", "href").as_deref(),
        Some("/en/status")
    );
    confirmation.text_of("#reference").unwrap()
}

fn sign_in_path(mail: &ReceivedMail, app: &TestApp) -> String {
    let text = mail.parsed().body_text(0).unwrap().into_owned();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/status/sign-in/"))
        .expect("a sign-in link");
    link.strip_prefix(&app.address).expect("absolute").to_owned()
}

async fn ask(browser: &TestApp, reference: &str, email: &str) -> crate::helpers::Page {
    browser
        .submit(
            "/en/status",
            "/en/status",
            &[("reference", reference), ("email", email)],
        )
        .await
}

#[actix_web::test]
async fn a_sign_in_link_goes_only_to_a_matching_address_and_the_answer_is_the_same() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let reference = booked(&app).await;
    app.drain_outbox().await;
    let before = smtp.messages().len();
    let stranger = app.with_new_browser();

    let mut answers = Vec::new();
    for (r, e) in [
        (reference.as_str(), "someone@example.com"),
        ("ZZZZ-ZZZZ", "ana@example.com"),
        (reference.to_lowercase().replace('-', " ").as_str(), "ANA@example.com"),
    ] {
        let page = ask(&stranger, r, e).await;
        assert_eq!(page.status, 303, "{}", page.body);
        answers.push(page.header("location").unwrap().to_owned());
    }
    assert!(answers.iter().all(|a| a == "/en/status/sent"), "{answers:?}");
    let sent = stranger.get("/en/status/sent").await;
    assert!(
        sent.body
            .contains("If the reference and the email address match a request")
    );

    app.drain_outbox().await;
    let mail = smtp.messages();
    assert_eq!(mail.len(), before + 1, "one link: for the matching pair only");
    let link_mail = mail.last().unwrap();
    assert_eq!(link_mail.to, ["ana@example.com"]);

    // Opening the link does not sign in (mail scanners open links); the button does.
    let path = sign_in_path(link_mail, &app);
    let page = stranger.get(&path).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        stranger.get("/en/status").await.count("form[action='/en/status']"),
        1,
        "not signed in yet"
    );
    let page = stranger.submit(&path, &path, &[]).await;
    assert_redirect(&page, "/en/status");
    let status = stranger.get("/en/status").await;
    assert_eq!(status.text_of("#reference").as_deref(), Some(reference.as_str()));
    assert_eq!(
        status.attr_of("[data-stage]", "data-stage").as_deref(),
        Some("status-stage-booked")
    );
    assert!(status.text_of("[data-when]").is_some(), "the consultation's time");
    // The link works on a second device too, within its life.
    let laptop = app.with_new_browser();
    assert_redirect(&laptop.submit(&path, &path, &[]).await, "/en/status");

    // A copy of the data: the answers, not the firm's notes.
    sqlx::query(
        "insert into note (note_id, application_id, body)
         select gen_random_uuid(), application_id, 'Internal: check the employer' from application where reference = $1",
    )
    .bind(&reference)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let data = stranger.get("/en/status/data.json").await;
    assert_eq!(data.status, 200);
    assert!(data.header("content-disposition").unwrap().starts_with("attachment"));
    let json: serde_json::Value = serde_json::from_str(&data.body).unwrap();
    assert_eq!(json["reference"], reference.as_str());
    let answers = json["answers"].as_array().unwrap();
    assert!(
        answers
            .iter()
            .any(|a| a["field"] == "full_name" && a["answer"] == "Ana López")
    );
    assert!(json["consultation"]["starts_at"].is_string());
    assert!(!data.body.contains("Internal: check the employer"));

    // An unknown or expired link gives a clear page, never a 500.
    assert_eq!(stranger.get("/en/status/sign-in/not-a-real-token").await.status, 410);
    sqlx::query("update status_link set expires_at = now() - interval '1 minute'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let fresh = app.with_new_browser();
    assert_eq!(fresh.get(&path).await.status, 410);
    let token = fresh.get("/en/status").await.csrf_token();
    assert_eq!(
        fresh.post_raw(&path, &[("csrf_token", token.as_str())]).await.status,
        410
    );
}

#[actix_web::test]
async fn withdrawing_erases_the_request_and_cancels_the_consultation() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let reference = booked(&app).await;
    let browser = app.with_new_browser();
    assert_eq!(ask(&browser, &reference, "ana@example.com").await.status, 303);
    app.drain_outbox().await;
    let path = sign_in_path(smtp.messages().last().unwrap(), &app);
    assert_redirect(&browser.submit(&path, &path, &[]).await, "/en/status");

    // Without the CSRF token, nothing happens.
    let refused = browser.post_raw("/en/status/withdraw", &[]).await;
    assert!(refused.status >= 400 && refused.status < 500, "{}", refused.status);
    assert_eq!(
        app.count("application where erased_at is null and status <> 'draft'")
            .await,
        1
    );

    let confirm = browser.get("/en/status/withdraw").await;
    assert_eq!(confirm.text_of("h1").as_deref(), Some("Withdraw your request?"));
    let done = browser.submit("/en/status/withdraw", "/en/status/withdraw", &[]).await;
    assert_redirect(&done, "/en/status/withdrawn");
    app.drain_outbox().await;

    // Nothing of Ana is left in any table but the cancellation email, emptied once sent.
    let tables: Vec<String> = sqlx::query_scalar(
        "select table_name::text from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    for table in tables {
        let found: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "select count(*) from \"{table}\" t where t::text ilike '%ana@example.com%' or t::text ilike '%López%'"
        )))
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(found, 0, "{table} still holds Ana");
    }
    let active: i64 = sqlx::query_scalar("select count(*) from booking where status = 'active'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(active, 0, "the consultation is cancelled");
    let audit: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where action = 'application.erase' and detail->>'reason' = 'withdrawn by the applicant'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audit, 1);
    assert!(smtp.messages().iter().any(|m| {
        m.to == ["ana@example.com"]
            && m.parsed()
                .subject()
                .unwrap_or_default()
                .to_lowercase()
                .contains("cancel")
    }));

    // Signed out; the old link and a second withdrawal lead nowhere harmful.
    assert_eq!(browser.get("/en/status").await.count("form[action='/en/status']"), 1);
    assert_eq!(browser.get(&path).await.status, 410);
    assert_redirect(
        &browser.submit("/en/status", "/en/status/withdraw", &[]).await,
        "/en/status",
    );
}
