//! Every POST: CSRF token, origin, honeypot, body limits, validation; and a form that stores data.

use crate::helpers::{AppOptions, SmtpSink, TestApp, spawn_app, spawn_app_with};

const VALID: [(&str, &str); 4] = [
    ("full_name", "Ana López"),
    ("email", "ana.lopez+canada@example.com"),
    ("message", "I have a job offer from a company in Toronto."),
    ("consent_privacy", "yes"),
];

async fn nothing_stored(app: &TestApp) {
    assert_eq!(app.count("enquiry").await, 0);
    assert_eq!(app.count("email_outbox").await, 0);
}

#[actix_web::test]
async fn post_without_a_csrf_token_is_refused_with_a_localized_403_and_nothing_stored() {
    let app = spawn_app(&SmtpSink::start()).await;
    app.get("/fr/contact").await; // the session now has a token; the form below omits it
    let page = app.post_raw("/fr/contact", &VALID).await;
    assert_eq!(page.status, 403);
    assert_eq!(page.count(r#"html[lang="fr"]"#), 1);
    assert_eq!(page.text_of("h1").as_deref(), Some("Ce formulaire a expiré"));
    nothing_stored(&app).await;
}

#[actix_web::test]
async fn post_with_a_wrong_csrf_token_is_refused_and_nothing_stored() {
    let app = spawn_app(&SmtpSink::start()).await;
    app.get("/en/contact").await;
    let mut fields = vec![("csrf_token", "forged-token")];
    fields.extend_from_slice(&VALID);
    let page = app.post_raw("/en/contact", &fields).await;
    assert_eq!(page.status, 403);
    assert_eq!(page.text_of("h1").as_deref(), Some("This form has expired"));
    nothing_stored(&app).await;
}

#[actix_web::test]
async fn a_token_from_another_session_does_not_work() {
    let app = spawn_app(&SmtpSink::start()).await;
    let other = spawn_app(&SmtpSink::start()).await;
    let stolen = other.get("/en/contact").await.csrf_token();
    app.get("/en/contact").await;
    let mut fields = vec![("csrf_token", stolen.as_str())];
    fields.extend_from_slice(&VALID);
    assert_eq!(app.post_raw("/en/contact", &fields).await.status, 403);
    nothing_stored(&app).await;
}

#[actix_web::test]
async fn post_from_another_origin_is_refused_even_with_a_token() {
    let app = spawn_app(&SmtpSink::start()).await;
    let token = app.get("/en/contact").await.csrf_token();
    let mut fields = vec![("csrf_token", token.as_str())];
    fields.extend_from_slice(&VALID);
    let response = app
        .client
        .post(app.url("/en/contact"))
        .header("origin", "https://evil.example")
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    nothing_stored(&app).await;

    // The same form from our own origin goes through.
    let response = app
        .client
        .post(app.url("/en/contact"))
        .header("origin", app.address.as_str())
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
}

#[actix_web::test]
async fn a_valid_message_is_stored_emailed_to_the_firm_and_answered_with_303() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let page = app.submit("/fr/contact", "/fr/contact", &VALID).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.header("location"), Some("/fr/contact/sent"));
    assert_eq!(app.count("enquiry").await, 1);
    let stored: (String, String) = sqlx::query_as("select full_name, language from enquiry")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, ("Ana López".to_owned(), "fr".to_owned()));

    app.drain_outbox().await;
    let mail = smtp.messages();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, ["consultations@firm.example"]);
    let parsed = mail[0].parsed();
    assert_eq!(parsed.subject(), Some("Nouvelle demande de Ana López"));
    assert!(parsed.body_text(0).unwrap().contains("I have a job offer"));
    assert!(parsed.body_html(0).unwrap().contains("Ana López"));
    let reply_to = parsed
        .reply_to()
        .and_then(|r| r.first())
        .and_then(|a| a.address())
        .unwrap();
    assert_eq!(reply_to, "ana.lopez+canada@example.com");
}

#[actix_web::test]
async fn an_invalid_form_comes_back_422_with_every_error_and_the_values_kept() {
    let app = spawn_app(&SmtpSink::start()).await;
    let page = app
        .submit(
            "/en/contact",
            "/en/contact",
            &[("full_name", "<b>Ana</b>"), ("email", "nope"), ("message", "short")],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.text_of("title").unwrap().starts_with("Error:"));
    // The GOV.UK error summary links to each field.
    assert_eq!(page.count(".error-summary a[href=\"#email\"]"), 1);
    assert_eq!(page.count(".error-summary a[href=\"#message\"]"), 1);
    assert_eq!(page.count(".error-summary a[href=\"#consent_privacy\"]"), 1);
    assert_eq!(page.count(".error-summary li"), 3);
    // Each invalid field says so and points at its message.
    assert_eq!(
        page.count(r#"input#email[aria-invalid="true"][aria-describedby~="email-error"]"#),
        1
    );
    assert_eq!(page.count("p#email-error"), 1);
    // Values are kept, markup escaped, never echoed raw.
    assert_eq!(page.count(r#"input#full_name[value="<b>Ana</b>"]"#), 1);
    assert!(!page.body.contains("<b>Ana</b>"));
    assert!(page.body.contains("&lt;b&gt;Ana&lt;/b&gt;") || page.body.contains("&#60;b&#62;Ana"));
    nothing_stored(&app).await;
}

#[actix_web::test]
async fn french_forms_speak_french() {
    let app = spawn_app(&SmtpSink::start()).await;
    let page = app.submit("/fr/contact", "/fr/contact", &[("email", "nope")]).await;
    assert_eq!(page.status, 422);
    assert!(page.text_of("title").unwrap().starts_with("Erreur :"));
    assert_eq!(
        page.text_of(".error-summary-title").as_deref(),
        Some("Il y a un problème")
    );
    assert!(page.body.contains("Indiquez une adresse courriel valide"));
}

#[actix_web::test]
async fn the_honeypot_stops_form_filling_bots() {
    let app = spawn_app(&SmtpSink::start()).await;
    let mut fields = VALID.to_vec();
    fields.push(("website", "http://spam.example"));
    let page = app.submit("/en/contact", "/en/contact", &fields).await;
    assert_eq!(page.status, 400);
    nothing_stored(&app).await;
}

#[actix_web::test]
async fn oversized_and_odd_bodies_get_clear_4xx_answers() {
    let app = spawn_app(&SmtpSink::start()).await;
    let token = app.get("/en/contact").await.csrf_token();

    // 10 MB in one field.
    let huge = format!(
        "csrf_token={token}&full_name=Ana&message={}",
        "a".repeat(10 * 1024 * 1024)
    );
    let page = app
        .post_body("/en/contact", "application/x-www-form-urlencoded", huge)
        .await;
    assert_eq!(page.status, 413);
    assert_eq!(page.text_of("h1").as_deref(), Some("Too much text was sent"));

    // Not a form.
    let page = app
        .post_body(
            "/en/contact",
            "application/json",
            format!(r#"{{"csrf_token":"{token}"}}"#),
        )
        .await;
    assert_eq!(page.status, 415);

    // Invalid UTF-8 and control characters: a re-rendered form, not a 500.
    let mut bytes = format!("csrf_token={token}&full_name=").into_bytes();
    bytes.extend_from_slice(&[0xff, 0xfe, b'%', b'0', b'0']);
    bytes.extend_from_slice(b"&email=a%0D%0ABcc:x@y.z");
    let page = app
        .post_body("/en/contact", "application/x-www-form-urlencoded", bytes)
        .await;
    assert_eq!(page.status, 422);

    // A field given twice.
    let twice = format!("csrf_token={token}&email=a@b.example&email=c@d.example");
    let page = app
        .post_body("/en/contact", "application/x-www-form-urlencoded", twice)
        .await;
    assert!((400..500).contains(&page.status), "{}", page.status);
    nothing_stored(&app).await;
}

#[actix_web::test]
async fn a_name_with_line_breaks_adds_no_mail_header() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let fields = [
        ("full_name", "Ana\r\nBcc: victim@evil.example"),
        ("email", "ana@example.com"),
        ("message", "Hello, I would like some advice."),
        ("consent_privacy", "yes"),
    ];
    assert_eq!(app.submit("/en/contact", "/en/contact", &fields).await.status, 303);
    app.drain_outbox().await;
    let mail = smtp.messages();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, ["consultations@firm.example"], "no extra recipient");
    let headers: Vec<&str> = mail[0].data.split("\r\n\r\n").next().unwrap().lines().collect();
    assert!(
        !headers.iter().any(|h| h.to_ascii_lowercase().starts_with("bcc:")),
        "{headers:?}"
    );
}

#[actix_web::test]
async fn posts_are_rate_limited_per_address() {
    let app = spawn_app_with(AppOptions {
        vars: vec![("INTAKE_RATE_LIMIT", "3".into())],
        ..Default::default()
    })
    .await;
    let token = app.get("/en/contact").await.csrf_token();
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(
            app.post_raw("/en/contact", &[("csrf_token", token.as_str())])
                .await
                .status,
        );
    }
    assert_eq!(statuses, [422, 422, 422, 429]);
    let page = app.post_raw("/en/contact", &[("csrf_token", token.as_str())]).await;
    assert_eq!(page.text_of("h1").as_deref(), Some("Too many attempts"));
    // Reading pages is not limited.
    assert_eq!(app.get("/en/contact").await.status, 200);
}

#[actix_web::test]
async fn a_server_error_shows_a_localized_page_without_internals() {
    let app = spawn_app(&SmtpSink::start()).await;
    sqlx::query("drop table enquiry").execute(&app.db.pool).await.unwrap();
    let page = app.submit("/fr/contact", "/fr/contact", &VALID).await;
    assert_eq!(page.status, 500);
    assert_eq!(page.count(r#"html[lang="fr"]"#), 1);
    assert_eq!(
        page.text_of("h1").as_deref(),
        Some("Désolés, un problème est survenu de notre côté")
    );
    for internal in ["enquiry", "relation \"", "does not exist", "sqlx", "panicked"] {
        assert!(!page.body.contains(internal), "the page shows {internal:?}");
    }
    assert_eq!(app.count("email_outbox").await, 0, "the transaction rolled back");
}
