//! Abuse by a determined visitor (issue 11, items 4 to 6): the client's real address behind a
//! reverse proxy and the budgets keyed on it, forms only from the site's own origin, one script
//! booking out the calendar, staff freeing slots (one by one through a status, or many at once),
//! the hourly booking alert, and the "continue later" form used as a mail bomb.

use std::time::Duration;

use crate::{
    apply::{
        ADMISSIBILITY, CONSENT, EDUCATION, GTS_EMPLOYER, GTS_JOB, GTS_OFFER, OUTSIDE, ROUTE, WORK_REGION, choose, walk,
    },
    booking::{choose_slot, submit},
    helpers::{AppOptions, Page, SmtpSink, TestApp, assert_redirect, create_staff, login, spawn_app_with},
};

const PASSWORD: &str = "correct horse battery staple 42";

/// The app with these settings (over the tests' defaults), its email going to `smtp`.
async fn app_with(smtp: &SmtpSink, vars: &[(&'static str, &str)]) -> TestApp {
    spawn_app_with(AppOptions {
        vars: vars.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        smtp_port: Some(smtp.port),
    })
    .await
}

/// Another browser on `app` whose every request carries `X-Forwarded-For: forwarded`, as one
/// behind a proxy would (or as a forger sends it).
fn browser_forwarded_for(app: &TestApp, forwarded: &str) -> TestApp {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", forwarded.parse().unwrap());
    let mut browser = app.with_new_browser();
    browser.client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .pool_idle_timeout(Duration::from_secs(2))
        .default_headers(headers)
        .build()
        .unwrap();
    browser
}

/// Answers every GTS question as `name` (with a phone number when given) and sees the assessment;
/// returns the booking page's path.
async fn reach_booking(app: &TestApp, name: &str, email: &str, phone: Option<&str>) -> String {
    let first = choose(app, "en", "gts").await;
    let at = |page: &str| format!("/en/apply/gts/{page}");
    let mut about: Vec<(&str, &str)> = vec![
        ("full_name", name),
        ("email", email),
        ("citizenships", "MX"),
        ("country_of_residence", "MX"),
    ];
    if let Some(phone) = phone {
        about.push(("phone", phone));
    }
    let pages = [
        (at("about-you"), about.as_slice()),
        (at("location"), OUTSIDE),
        (at("route"), ROUTE),
        (at("education"), EDUCATION),
        (at("job-offer"), GTS_OFFER),
        (at("employer"), GTS_EMPLOYER),
        (at("work-region"), WORK_REGION),
        (at("job"), GTS_JOB),
        (at("admissibility"), ADMISSIBILITY),
        (at("consent"), CONSENT),
    ];
    let pages: Vec<(&str, &[(&str, &str)])> = pages.iter().map(|(p, a)| (p.as_str(), *a)).collect();
    let end = walk(app, &first, &pages).await;
    assert_eq!(app.get(&end).await.status, 200, "assessment");
    at("booking")
}

/// A slot chosen, then the final submit: the answer to the submit.
async fn book(app: &TestApp, name: &str, email: &str, phone: Option<&str>) -> Page {
    let booking = reach_booking(app, name, email, phone).await;
    choose_slot(app, &booking, None, "America/Toronto").await;
    submit(app, "en").await
}

async fn active_bookings(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from booking where status = 'active'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn application_id(app: &TestApp, email: &str) -> uuid::Uuid {
    sqlx::query_scalar("select application_id from application where email = $1")
        .bind(email)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn staff_browser(app: &TestApp, role: &str) -> TestApp {
    let browser = app.with_new_browser();
    let email = format!("{role}@firm.example");
    create_staff(app, &email, &format!("Pat {role}"), role, PASSWORD).await;
    assert_eq!(login(&browser, &email, PASSWORD).await.status, 303);
    browser
}

/// The audit records of `action`: (subject id, after).
async fn audited(app: &TestApp, action: &str) -> Vec<(String, serde_json::Value)> {
    sqlx::query_as("select subject_id, after from audit_event where action = $1 order by at")
        .bind(action)
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
}

/// POSTs the contact form (invalid: 422 when it reaches the handler) from `browser`.
async fn post_contact(browser: &TestApp, token: &str) -> u16 {
    browser.post_raw("/en/contact", &[("csrf_token", token)]).await.status
}

// ---------------------------------------------------------------------------------------------
// The client's address.

#[actix_web::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget() {
    let smtp = SmtpSink::start();
    let app = app_with(
        &smtp,
        &[("INTAKE_RATE_LIMIT", "3"), ("INTAKE_TRUSTED_PROXIES", "127.0.0.1/32")],
    )
    .await;
    // Two visitors behind the proxy (which connects from 127.0.0.1): the proxy appends each one's address.
    let one = browser_forwarded_for(&app, "203.0.113.7");
    let two = browser_forwarded_for(&app, "198.51.100.9");
    let token_one = one.get("/en/contact").await.csrf_token();
    let token_two = two.get("/en/contact").await.csrf_token();
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(post_contact(&one, &token_one).await);
    }
    assert_eq!(
        statuses,
        [422, 422, 422, 429],
        "the first visitor spends their own budget"
    );
    assert_eq!(
        post_contact(&two, &token_two).await,
        422,
        "the second visitor does not share it"
    );

    // What the client forged to the left of the hop the proxy appended changes nothing.
    let forger = browser_forwarded_for(&app, "10.9.9.9, 203.0.113.7");
    let token = forger.get("/en/contact").await.csrf_token();
    assert_eq!(post_contact(&forger, &token).await, 429);
}

#[actix_web::test]
async fn an_untrusted_peer_cannot_dodge_the_limit_with_a_forged_forwarded_for() {
    let smtp = SmtpSink::start();
    let app = app_with(&smtp, &[("INTAKE_RATE_LIMIT", "3")]).await;
    let mut statuses = Vec::new();
    for i in 0..4 {
        // A new "client" each time, as far as the header goes.
        let browser = browser_forwarded_for(&app, &format!("203.0.113.{i}"));
        let token = browser.get("/en/contact").await.csrf_token();
        statuses.push(post_contact(&browser, &token).await);
    }
    assert_eq!(statuses, [422, 422, 422, 429]);
}

#[actix_web::test]
async fn staff_sign_in_has_a_budget_apart_from_the_applicant_forms() {
    let smtp = SmtpSink::start();
    let app = app_with(&smtp, &[("INTAKE_RATE_LIMIT", "3")]).await;
    let token = app.get("/en/contact").await.csrf_token();
    for _ in 0..3 {
        assert_eq!(post_contact(&app, &token).await, 422);
    }
    assert_eq!(post_contact(&app, &token).await, 429, "the forms' budget is spent");
    // Signing in still answers: its budget is its own...
    let sign_in = app.get("/staff/login").await.csrf_token();
    // A different email each time: one email's failures from one address are throttled apart
    // (`staff_security::an_attacker_cannot_lock_the_owner_out_from_another_address`).
    let attempt = |i: u64| {
        let email = format!("nobody{i}@firm.example");
        let sign_in = sign_in.clone();
        let app = &app;
        async move {
            app.post_raw(
                "/staff/login",
                &[
                    ("csrf_token", sign_in.as_str()),
                    ("email", email.as_str()),
                    ("password", "not the password 42"),
                ],
            )
            .await
        }
    };
    let limit = intake::startup::LOGIN_POSTS_PER_MINUTE;
    for i in 0..limit {
        assert_ne!(attempt(i).await.status, 429, "sign-in attempt {i}");
    }
    // ... and has its own limit.
    assert_eq!(attempt(limit).await.status, 429);
}

#[actix_web::test]
async fn forms_are_accepted_only_from_the_base_urls_origin_when_it_is_set() {
    let smtp = SmtpSink::start();
    let app = app_with(&smtp, &[("INTAKE_BASE_URL", "https://intake.example")]).await;
    let token = app.get("/en/contact").await.csrf_token();
    let post = |origin: &str, host: Option<&str>| {
        let mut request = app
            .client
            .post(app.url("/en/contact"))
            .header("origin", origin)
            .form(&[("csrf_token", token.as_str())]);
        if let Some(host) = host {
            request = request.header("host", host);
        }
        async move { request.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(post("https://intake.example", None).await, 422, "the site's own origin");
    // The request's own Host is no longer proof: whoever sends the request writes it.
    assert_eq!(post(&app.address, None).await, 403);
    assert_eq!(post("https://evil.example", Some("evil.example")).await, 403);
    assert_eq!(post("http://intake.example", None).await, 403, "another scheme");
}

// ---------------------------------------------------------------------------------------------
// Booking out the calendar.

#[actix_web::test]
async fn a_burst_of_bookings_from_one_address_block_is_refused_after_the_cap() {
    let smtp = SmtpSink::start();
    let app = app_with(
        &smtp,
        &[
            ("INTAKE_BOOKINGS_PER_BLOCK_PER_DAY", "2"),
            ("INTAKE_TRUSTED_PROXIES", "127.0.0.1/32"),
        ],
    )
    .await;
    // Three addresses of one /24, each its own browser and email address.
    for i in 1..=2 {
        let browser = browser_forwarded_for(&app, &format!("203.0.113.{i}"));
        let answer = book(&browser, "Bot", &format!("bot{i}@example.com"), None).await;
        assert_redirect(&answer, "/en/apply/confirmation");
    }
    let third = browser_forwarded_for(&app, "203.0.113.250");
    let refused = book(&third, "Bot", "bot3@example.com", None).await;
    assert_eq!(refused.status, 429, "{}", refused.body);
    assert_eq!(refused.count("[data-booking-limit]"), 1);
    assert!(refused.text_of("h1").unwrap().contains("Too many bookings"));
    assert_eq!(active_bookings(&app).await, 2);
    let submitted: i64 = sqlx::query_scalar("select count(*) from application where status = 'submitted'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(submitted, 2, "the refused draft stays a draft");

    // IPv6 addresses of one /64 are one block too.
    let six = |host: &str| browser_forwarded_for(&app, &format!("2001:db8:1:2::{host}"));
    assert_redirect(
        &book(&six("a"), "Six", "six1@example.com", None).await,
        "/en/apply/confirmation",
    );
    assert_redirect(
        &book(&six("b"), "Six", "six2@example.com", None).await,
        "/en/apply/confirmation",
    );
    assert_eq!(book(&six("c"), "Six", "six3@example.com", None).await.status, 429);

    // Another block still books.
    let elsewhere = browser_forwarded_for(&app, "198.51.100.4");
    assert_redirect(
        &book(&elsewhere, "Real Person", "person@example.com", None).await,
        "/en/apply/confirmation",
    );
    // Nothing is kept of the blocks but hashes.
    let kept: Vec<Vec<u8>> = sqlx::query_scalar("select key_hash from limit_event")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(kept.len(), 5);
    assert!(kept.iter().all(|h| !String::from_utf8_lossy(h).contains("203.0.113")));
}

#[actix_web::test]
async fn a_second_booking_with_the_same_email_or_phone_is_refused_clearly() {
    let smtp = SmtpSink::start();
    let app = app_with(&smtp, &[]).await;
    // Zoé chooses a slot first, under the phone number Ana is about to book with.
    let zoe = app.with_new_browser();
    let zoe_booking = reach_booking(&zoe, "Zoé", "zoe@example.com", Some("+1 416 923 4567")).await;
    let second = crate::booking::slot_ids(&zoe.get(&zoe_booking).await)[1].clone();
    choose_slot(&zoe, &zoe_booking, Some(&second), "America/Toronto").await;
    assert_redirect(
        &book(
            &app.with_new_browser(),
            "Ana López",
            "ana@example.com",
            Some("+1 (416) 923-4567"),
        )
        .await,
        "/en/apply/confirmation",
    );

    // The same address (another case, a +tag) on another draft: told on the booking page.
    let again = app.with_new_browser();
    let booking = reach_booking(&again, "Ana López", "Ana+again@Example.com", None).await;
    let page = again.get(&booking).await;
    assert_eq!(page.status, 200);
    let notice = page
        .text_of("[data-already-booked]")
        .expect("a notice on the booking page");
    assert!(notice.contains("already booked"), "{notice}");
    assert!(notice.contains("Manage your booking"), "{notice}");
    assert!(
        notice.contains("consultations@firm.example"),
        "the firm's address: {notice}"
    );
    let token = page.csrf_token();
    let slot = crate::booking::slot_ids(&page)[0].clone();
    let chosen = again
        .post_raw(
            &booking,
            &[
                ("csrf_token", token.as_str()),
                ("slot", slot.as_str()),
                ("consultation_mode", "video"),
                ("time_zone", "America/Toronto"),
            ],
        )
        .await;
    assert_eq!(chosen.status, 409);
    assert_eq!(chosen.count("[data-already-booked]"), 1);

    // The same phone number under another address, the slot chosen before Ana booked: the final
    // submit sends Zoé back to the booking page, which says why.
    let refused = submit(&zoe, "en").await;
    assert_redirect(&refused, "/en/apply/gts/booking");
    assert_eq!(zoe.get("/en/apply/gts/booking").await.count("[data-already-booked]"), 1);
    assert_eq!(active_bookings(&app).await, 1);

    // Once the first booking is cancelled, the number may book again.
    sqlx::query("update booking set status = 'cancelled'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_redirect(&submit(&zoe, "en").await, "/en/apply/confirmation");
}

#[actix_web::test]
async fn spam_frees_the_slot_without_an_email_and_declined_frees_it_with_a_cancellation() {
    let smtp = SmtpSink::start();
    let app = app_with(&smtp, &[]).await;
    book(&app.with_new_browser(), "Spam Bot", "bot@example.com", None).await;
    book(&app.with_new_browser(), "Ana López", "ana@example.com", None).await;
    app.drain_outbox().await;
    let before = smtp.messages().len();
    let staff = staff_browser(&app, "staff").await;
    let newcomer = app.with_new_browser();
    let newcomer_booking = reach_booking(&newcomer, "Zoé", "zoe@example.com", None).await;
    let offered = crate::booking::slot_ids(&newcomer.get(&newcomer_booking).await).len();

    for (email, status) in [("bot@example.com", "spam"), ("ana@example.com", "declined")] {
        let page = format!("/staff/applications/{}", application_id(&app, email).await);
        let token = staff.get(&page).await.csrf_token();
        let answer = staff
            .post_raw(
                &format!("{page}/status"),
                &[("csrf_token", token.as_str()), ("review_status", status)],
            )
            .await;
        assert_redirect(&answer, &format!("{page}#status"));
    }
    assert_eq!(active_bookings(&app).await, 0, "both slots are free again");
    let now_offered = crate::booking::slot_ids(&newcomer.get(&newcomer_booking).await).len();
    assert_eq!(now_offered, offered + 2, "a new applicant is offered them");

    app.drain_outbox().await;
    let mail = smtp.messages();
    let after = &mail[before..];
    assert!(
        !after.iter().any(|m| m.to == ["bot@example.com"]),
        "the spammer is not told"
    );
    let declined = after
        .iter()
        .find(|m| m.to == ["ana@example.com"])
        .expect("the declined applicant is told");
    assert!(declined.data.contains("METHOD:CANCEL"));
    // No reminder will go to either.
    let pending: i64 = sqlx::query_scalar("select count(*) from email_outbox where status = 'pending'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(pending, 0);
    let records = audited(&app, "booking.cancel").await;
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].1["via"], "spam");
    assert_eq!(records[0].1["applicant_emailed"], false);
    assert_eq!(records[1].1["via"], "declined");
    assert_eq!(records[1].1["applicant_emailed"], true);
}

/// Ticks `emails`' applications on the list and opens the confirmation page.
async fn select(staff: &TestApp, app: &TestApp, emails: &[&str]) -> Page {
    let list = staff.get("/staff/applications").await;
    assert_eq!(list.status, 200);
    let token = list.csrf_token();
    let mut ids = Vec::new();
    for email in emails {
        let id = application_id(app, email).await.to_string();
        assert_eq!(
            list.count(&format!(r#"input[type="checkbox"][name="id"][value="{id}"]"#)),
            1
        );
        ids.push(id);
    }
    let mut fields = vec![("csrf_token", token.as_str())];
    fields.extend(ids.iter().map(|id| ("id", id.as_str())));
    staff.post_raw("/staff/applications/bookings/cancel", &fields).await
}

/// Confirms the page's selection, emailing the applicants or not.
async fn confirm(staff: &TestApp, page: &Page, notify: Option<&str>) -> Page {
    let token = page.csrf_token();
    let sel = scraper::Selector::parse(r#"form input[type="hidden"][name="id"]"#).unwrap();
    let ids: Vec<String> = page
        .html()
        .select(&sel)
        .map(|e| e.value().attr("value").unwrap().to_owned())
        .collect();
    let mut fields = vec![("csrf_token", token.as_str())];
    fields.extend(ids.iter().map(|id| ("id", id.as_str())));
    if let Some(notify) = notify {
        fields.push(("notify", notify));
    }
    staff
        .post_raw("/staff/applications/bookings/cancel/confirm", &fields)
        .await
}

#[actix_web::test]
async fn staff_cancel_many_bookings_at_once_with_or_without_emails() {
    let smtp = SmtpSink::start();
    let app = app_with(&smtp, &[]).await;
    let emails = ["a1@example.com", "a2@example.com", "a3@example.com", "a4@example.com"];
    for email in emails {
        assert_redirect(
            &book(&app.with_new_browser(), "Bot", email, None).await,
            "/en/apply/confirmation",
        );
    }
    app.drain_outbox().await;
    let before = smtp.messages().len();
    let staff = staff_browser(&app, "staff").await;

    // Two selected: the confirmation lists them and what will happen; nothing is done yet.
    let page = select(&staff, &app, &emails[..2]).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.count(r#"[data-selected="cancel"]"#), 2);
    assert_eq!(active_bookings(&app).await, 4);
    // Whether to email must be chosen.
    let unanswered = confirm(&staff, &page, None).await;
    assert_eq!(unanswered.status, 422);
    assert_eq!(unanswered.count(r##".error-summary a[href="#notify"]"##), 1);
    assert_eq!(active_bookings(&app).await, 4);
    let done = confirm(&staff, &page, Some("no")).await;
    assert_eq!(done.status, 303);
    let shown = staff.get(done.header("location").unwrap()).await;
    assert_eq!(
        shown.text_of("[data-bulk-done]").as_deref(),
        Some("2 bookings cancelled; 0 applicants emailed.")
    );
    assert_eq!(active_bookings(&app).await, 2);
    app.drain_outbox().await;
    assert!(
        !smtp.messages()[before..]
            .iter()
            .any(|m| m.to == [emails[0]] || m.to == [emails[1]]),
        "nobody emailed"
    );

    // The other two, and one already cancelled (nothing to do for it), with emails.
    let page = select(&staff, &app, &[emails[0], emails[2], emails[3]]).await;
    assert_eq!(page.count(r#"[data-selected="cancel"]"#), 2);
    assert_eq!(page.count(r#"[data-selected="nothing"]"#), 1);
    let done = confirm(&staff, &page, Some("yes")).await;
    assert_eq!(done.status, 303);
    assert_eq!(active_bookings(&app).await, 0);
    app.drain_outbox().await;
    for email in &emails[2..] {
        let told = smtp.messages()[before..]
            .iter()
            .filter(|m| m.to == [*email] && m.data.contains("METHOD:CANCEL"))
            .count();
        assert_eq!(told, 1, "{email}");
    }
    // One audit record per booking, saying whether the applicant was emailed.
    let records = audited(&app, "booking.cancel").await;
    assert_eq!(records.len(), 4);
    let emailed: Vec<bool> = records
        .iter()
        .map(|(_, after)| after["applicant_emailed"].as_bool().unwrap())
        .collect();
    assert_eq!(emailed, [false, false, true, true]);
    assert!(records.iter().all(|(_, after)| after["via"] == "bulk"));

    // Staff cannot be made to cancel by another site, and nonsense ids are a 400.
    let token = staff.get("/staff/applications").await.csrf_token();
    let nonsense = staff
        .post_raw(
            "/staff/applications/bookings/cancel",
            &[("csrf_token", token.as_str()), ("id", "<script>")],
        )
        .await;
    assert_eq!(nonsense.status, 400);
}

#[actix_web::test]
async fn admins_are_alerted_once_when_bookings_in_an_hour_pass_the_threshold() {
    let smtp = SmtpSink::start();
    let app = app_with(&smtp, &[("INTAKE_BOOKING_ALERT_PER_HOUR", "2")]).await;
    create_staff(&app, "boss@firm.example", "Pat Boss", "admin", PASSWORD).await;
    create_staff(&app, "helper@firm.example", "Pat Helper", "staff", PASSWORD).await;
    let alerts = |smtp: &SmtpSink| {
        smtp.messages()
            .into_iter()
            .filter(|m| m.parsed().subject().unwrap_or_default().starts_with("Alert:"))
            .collect::<Vec<_>>()
    };
    book(&app.with_new_browser(), "One", "one@example.com", None).await;
    app.drain_outbox().await;
    assert!(alerts(&smtp).is_empty(), "one booking is under the threshold");
    book(&app.with_new_browser(), "Two", "two@example.com", None).await;
    app.drain_outbox().await;
    let sent = alerts(&smtp);
    assert_eq!(sent.len(), 1, "the admin is alerted, not other staff");
    assert_eq!(sent[0].to, ["boss@firm.example"]);
    assert!(sent[0].parsed().subject().unwrap().contains("2 consultations"));
    let text = sent[0].parsed().body_text(0).unwrap().into_owned();
    assert!(text.contains("/staff/applications"), "{text}");
    // More bookings within the hour: no new alert.
    book(&app.with_new_browser(), "Three", "three@example.com", None).await;
    app.drain_outbox().await;
    assert_eq!(alerts(&smtp).len(), 1, "once an hour, not once a booking");
    // An hour later, a new alert may go.
    sqlx::query("update admin_alert set last_sent_at = last_sent_at - interval '61 minutes'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    book(&app.with_new_browser(), "Four", "four@example.com", None).await;
    app.drain_outbox().await;
    assert_eq!(alerts(&smtp).len(), 2);
}

// ---------------------------------------------------------------------------------------------
// The "continue later" form as a mail bomb.

/// A new draft whose "About you" page gives `email`.
async fn draft_with_email(app: &TestApp, email: &str) -> TestApp {
    let browser = app.with_new_browser();
    let first = choose(&browser, "en", "gts").await;
    let about = [
        ("full_name", "Ana López"),
        ("email", email),
        ("citizenships", "MX"),
        ("country_of_residence", "MX"),
    ];
    crate::apply::answer(&browser, &first, &about).await;
    browser
}

#[actix_web::test]
async fn continue_later_links_go_only_to_the_drafts_address_a_few_times_a_day() {
    let smtp = SmtpSink::start();
    let app = app_with(&smtp, &[]).await;

    // No address yet: the page says where to give it, and sending does nothing.
    let early = app.with_new_browser();
    choose(&early, "en", "gts").await;
    let page = early.get("/en/apply/save").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.count("[data-save-no-email]"), 1);
    assert_eq!(page.count(r#"input[name="email"]"#), 0, "no address to type");
    assert!(page.count(r#"a.button[href="/en/apply/gts/about-you"]"#) == 1);
    let token = early.get("/en/contact").await.csrf_token();
    let refused = early
        .post_raw(
            "/en/apply/save",
            &[("csrf_token", token.as_str()), ("email", "victim@example.com")],
        )
        .await;
    assert_eq!(refused.status, 422);

    // The mail bomb: many drafts, one victim's address (in every spelling), one request each.
    let spellings = [
        "victim@example.com",
        "Victim@Example.com",
        "victim+1@example.com",
        "victim+2@example.com",
        "VICTIM+3@example.com",
        "victim@example.com",
    ];
    let mut statuses = Vec::new();
    for email in spellings {
        let browser = draft_with_email(&app, email).await;
        let page = browser.get("/en/apply/save").await;
        let named = page.text_of("[data-save-to]").unwrap().to_lowercase();
        assert!(
            named.contains(&email.to_lowercase()),
            "the page names the address: {named}"
        );
        let token = page.csrf_token();
        // A typed address is ignored: the link goes to the draft's own.
        let answer = browser
            .post_raw(
                "/en/apply/save",
                &[("csrf_token", token.as_str()), ("email", "stranger@example.org")],
            )
            .await;
        if answer.status == 429 {
            assert_eq!(answer.count("[data-save-limit]"), 1);
            assert!(answer.text_of("[data-save-limit]").unwrap().contains("already sent"));
        }
        statuses.push(answer.status);
    }
    assert_eq!(statuses, [303, 303, 303, 429, 429, 429]);
    app.drain_outbox().await;
    let mail = smtp.messages();
    assert_eq!(mail.len(), 3, "at most the cap, whatever the number of drafts");
    assert!(!mail.iter().any(|m| m.to.iter().any(|t| t.contains("stranger"))));
    // The address is counted under a hash, never in clear.
    let kept: Vec<Vec<u8>> = sqlx::query_scalar("select key_hash from limit_event")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(kept.len(), 3);
    assert!(kept.iter().all(|h| !String::from_utf8_lossy(h).contains("victim")));

    // Another address is not affected.
    let other = draft_with_email(&app, "someone.else@example.com").await;
    let token = other.get("/en/apply/save").await.csrf_token();
    assert_redirect(
        &other
            .post_raw("/en/apply/save", &[("csrf_token", token.as_str())])
            .await,
        "/en/apply/save/sent",
    );
}
