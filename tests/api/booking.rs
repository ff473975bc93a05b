//! Booking a consultation: slots, the transaction with the submission, emails with invites,
//! reminders, moving and cancelling, and no double booking.

use std::time::Duration;

use intake::{config::OutboxSettings, outbox::Outcome};

use crate::{
    apply::{
        ADMISSIBILITY, CONSENT, EDUCATION, GTS_EMPLOYER, GTS_JOB, GTS_OFFER, OUTSIDE, ROUTE, WORK_REGION, choose, walk,
    },
    helpers::{
        AppOptions, Page, ReceivedMail, SmtpSink, TestApp, assert_redirect, fast_retries, spawn_app, spawn_app_with,
    },
};

/// Answers every GTS question as `name` and sees the assessment; returns the booking page's path.
pub(crate) async fn reach_booking(app: &TestApp, lang: &str, name: &str, email: &str) -> String {
    reach_booking_with(app, lang, name, email, ADMISSIBILITY).await
}

/// As [`reach_booking`], with these answers on the admissibility page.
pub(crate) async fn reach_booking_with(
    app: &TestApp,
    lang: &str,
    name: &str,
    email: &str,
    admissibility: &[(&str, &str)],
) -> String {
    let first = choose(app, lang, "gts").await;
    let at = |page: &str| format!("/{lang}/apply/gts/{page}");
    let about: Vec<(&str, &str)> = vec![
        ("full_name", name),
        ("email", email),
        ("citizenships", "MX"),
        ("country_of_residence", "MX"),
    ];
    let pages = [
        (at("about-you"), about.as_slice()),
        (at("location"), OUTSIDE),
        (at("route"), ROUTE),
        (at("education"), EDUCATION),
        (at("job-offer"), GTS_OFFER),
        (at("employer"), GTS_EMPLOYER),
        (at("work-region"), WORK_REGION),
        (at("job"), GTS_JOB),
        (at("admissibility"), admissibility),
        (at("consent"), CONSENT),
    ];
    let pages: Vec<(&str, &[(&str, &str)])> = pages.iter().map(|(p, a)| (p.as_str(), *a)).collect();
    let end = walk(app, &first, &pages).await;
    assert_eq!(app.get(&end).await.status, 200, "assessment");
    at("booking")
}

/// The days with free times on a booking page's week (`data-day`), in order.
pub(crate) fn day_values(page: &Page) -> Vec<String> {
    let sel = scraper::Selector::parse("button[data-day]").unwrap();
    page.html()
        .select(&sel)
        .map(|e| e.value().attr("data-day").unwrap().to_owned())
        .collect()
}

/// The next week's button value on a booking page, if any.
pub(crate) fn next_week(page: &Page) -> Option<String> {
    let sel = scraper::Selector::parse(r#"button[name="week"]"#).unwrap();
    page.html()
        .select(&sel)
        .filter_map(|e| e.value().attr("value").map(str::to_owned))
        .max()
}

/// The slot ids offered on a booking page, in order.
pub(crate) fn slot_ids(page: &Page) -> Vec<String> {
    let sel = scraper::Selector::parse(r#"input[name="slot"]"#).unwrap();
    page.html()
        .select(&sel)
        .map(|e| e.value().attr("value").unwrap().to_owned())
        .collect()
}

/// Chooses `slot` (the first free one when `None`) in `zone`, returns the slot id.
pub(crate) async fn choose_slot(app: &TestApp, booking: &str, slot: Option<&str>, zone: &str) -> String {
    // The first free day's times, night hours included.
    let page = app.get(&format!("{booking}?time_zone={zone}&night=1")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let slot = slot.map(str::to_owned).unwrap_or_else(|| slot_ids(&page)[0].clone());
    let next = app
        .submit(
            booking,
            booking,
            &[
                ("slot", slot.as_str()),
                ("consultation_mode", "video"),
                ("time_zone", zone),
            ],
        )
        .await;
    assert_eq!(next.status, 303, "{}", next.body);
    slot
}

/// Submits from the check page; returns the answer.
pub(crate) async fn submit(app: &TestApp, lang: &str) -> Page {
    let check = app.get(&format!("/{lang}/apply/gts/check")).await;
    assert_eq!(check.status, 200, "{}", check.body);
    let token = check.csrf_token();
    app.post_raw(&format!("/{lang}/apply/gts/check"), &[("csrf_token", token.as_str())])
        .await
}

fn by_subject<'a>(mail: &'a [ReceivedMail], needle: &str) -> Vec<&'a ReceivedMail> {
    mail.iter()
        .filter(|m| m.parsed().subject().unwrap_or_default().contains(needle))
        .collect()
}

/// The calendar part of a message, unfolded, as (name, value) lines.
fn ics(mail: &ReceivedMail) -> Vec<(String, String)> {
    let parsed = mail.parsed();
    let part = parsed
        .attachments()
        .find(|a| mail_parser::MimeHeaders::is_content_type(*a, "text", "calendar"))
        .expect("a text/calendar attachment");
    let text = String::from_utf8_lossy(part.contents())
        .replace("\r\n ", "")
        .replace("\r\n\t", "");
    text.split("\r\n")
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            Some((name.split(';').next().unwrap().to_owned(), value.to_owned()))
        })
        .collect()
}

fn prop<'a>(lines: &'a [(String, String)], name: &str) -> Option<&'a str> {
    lines.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

fn manage_link(mail: &ReceivedMail, app: &TestApp) -> String {
    let text = mail.parsed().body_text(0).unwrap().into_owned();
    let line = text
        .split_whitespace()
        .find(|w| w.contains("/booking/"))
        .expect("a manage link")
        .to_owned();
    line.strip_prefix(&app.address)
        .expect("an absolute link to this site")
        .to_owned()
}

#[actix_web::test]
async fn booking_emails_the_firm_a_brief_and_the_applicant_an_invite() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let booking = reach_booking(&app, "en", "Ana López", "ana@example.com").await;
    let slot = choose_slot(&app, &booking, None, "Europe/Paris").await;
    assert_redirect(&submit(&app, "en").await, "/en/apply/confirmation");

    let confirmation = app.get("/en/apply/confirmation").await;
    let reference = confirmation.text_of("#reference").unwrap();
    assert!(confirmation.body.contains("Europe/Paris") && confirmation.body.contains("America/Toronto"));
    let download = app.get("/en/apply/confirmation/invite.ics").await;
    assert_eq!(download.status, 200);
    assert!(download.body.contains("METHOD:REQUEST"));

    app.drain_outbox().await;
    let mail = smtp.messages();
    assert_eq!(mail.len(), 2, "the brief and the confirmation; the reminder waits");
    let brief = by_subject(&mail, &reference)
        .into_iter()
        .find(|m| m.to == ["consultations@firm.example"])
        .unwrap();
    let brief_text = brief.parsed().body_text(0).unwrap().into_owned();
    for expected in [
        "Ana López",
        "ana@example.com",
        "G4",
        "Senior software engineer",
        "America/Toronto",
        "/staff/applications/",
    ] {
        assert!(
            brief_text.contains(expected),
            "the brief lacks {expected}: {brief_text}"
        );
    }

    let confirmation_mail = mail.iter().find(|m| m.to == ["ana@example.com"]).unwrap();
    let lines = ics(confirmation_mail);
    assert_eq!(prop(&lines, "METHOD"), Some("REQUEST"));
    assert_eq!(prop(&lines, "SEQUENCE"), Some("0"));
    assert_eq!(prop(&lines, "DTSTART"), Some(slot.as_str()), "start in UTC");
    assert!(prop(&lines, "DTEND").unwrap().ends_with('Z'));
    let uid = prop(&lines, "UID").unwrap().to_owned();
    assert!(uid.starts_with("booking-"));
    assert!(manage_link(confirmation_mail, &app).starts_with("/en/booking/"));

    // The reminder is scheduled 24 hours before.
    let (status, due_before_start): (String, f64) = sqlx::query_as(
        "select o.status, extract(epoch from b.starts_at - o.next_attempt_at)::float8
         from email_outbox o join booking b using (application_id) where o.kind = 'booking_reminder'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        (status.as_str(), due_before_start.round() as i64),
        ("pending", 24 * 3600)
    );
}

#[actix_web::test]
async fn emails_are_in_the_applications_language() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let booking = reach_booking(&app, "fr", "Zoé Tremblay", "zoe@example.com").await;
    choose_slot(&app, &booking, None, "America/Toronto").await;
    assert_redirect(&submit(&app, "fr").await, "/fr/apply/confirmation");
    app.drain_outbox().await;
    let mail = smtp.messages();
    let applicant = mail.iter().find(|m| m.to == ["zoe@example.com"]).unwrap();
    let subject = applicant.parsed().subject().unwrap().to_owned();
    assert!(subject.contains("consultation"), "{subject}");
    let body = applicant.parsed().body_text(0).unwrap().into_owned();
    assert!(body.contains("h "), "French times ({body})");
    assert!(!body.contains("Your free consultation"), "no English in a French email");
}

#[actix_web::test]
async fn moving_and_cancelling_send_updated_invites_and_withdraw_reminders() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let booking = reach_booking(&app, "en", "Ana López", "ana@example.com").await;
    choose_slot(&app, &booking, None, "America/Toronto").await;
    submit(&app, "en").await;
    app.drain_outbox().await;
    let first = smtp.messages();
    let confirmation = first.iter().find(|m| m.to == ["ana@example.com"]).unwrap();
    let manage = manage_link(confirmation, &app);
    let uid = prop(&ics(confirmation), "UID").unwrap().to_owned();

    // Another device, no cookie: the link is enough.
    let page = app.get(&format!("{manage}?night=1")).await;
    assert_eq!(page.status, 200);
    let other_slot = slot_ids(&page)[1].clone();
    // Choosing a time asks first; nothing moves yet.
    let asked = app
        .submit(
            &manage,
            &format!("{manage}/reschedule"),
            &[("slot", other_slot.as_str())],
        )
        .await;
    assert_eq!(asked.status, 200);
    assert_eq!(asked.count("[data-new-time]"), 1);
    assert_eq!(asked.count(r#"input[name="confirm"][value="1"]"#), 1);
    let moved = app
        .submit(
            &manage,
            &format!("{manage}/reschedule"),
            &[
                ("slot", other_slot.as_str()),
                ("confirm", "1"),
                ("reason", "A meeting came up"),
            ],
        )
        .await;
    assert_redirect(&moved, &format!("{manage}?done=moved"));
    app.drain_outbox().await;
    let after_move = smtp.messages();
    let update = after_move[first.len()..]
        .iter()
        .find(|m| m.to == ["ana@example.com"])
        .unwrap();
    let lines = ics(update);
    assert_eq!(prop(&lines, "METHOD"), Some("REQUEST"));
    assert_eq!(prop(&lines, "UID"), Some(uid.as_str()), "the same event");
    assert_eq!(prop(&lines, "SEQUENCE"), Some("1"));
    assert_eq!(prop(&lines, "DTSTART"), Some(other_slot.as_str()));
    assert!(
        after_move[first.len()..]
            .iter()
            .any(|m| m.to == ["consultations@firm.example"]),
        "the firm is told"
    );
    let reminders: Vec<(String,)> =
        sqlx::query_as("select status from email_outbox where kind = 'booking_reminder' order by created_at")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(reminders, [("withdrawn".to_owned(),), ("pending".to_owned(),)]);

    let cancelled = app.submit(&manage, &format!("{manage}/cancel"), &[]).await;
    assert_redirect(&cancelled, &format!("{manage}?done=cancelled"));
    app.drain_outbox().await;
    let after_cancel = smtp.messages();
    let cancel = after_cancel[after_move.len()..]
        .iter()
        .find(|m| m.to == ["ana@example.com"])
        .unwrap();
    let lines = ics(cancel);
    assert_eq!(prop(&lines, "METHOD"), Some("CANCEL"));
    assert_eq!(prop(&lines, "UID"), Some(uid.as_str()));
    assert_eq!(prop(&lines, "SEQUENCE"), Some("2"));
    let pending: i64 =
        sqlx::query_scalar("select count(*) from email_outbox where kind = 'booking_reminder' and status = 'pending'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(pending, 0, "no reminder for a cancelled consultation");
    assert_eq!(app.get(&manage).await.count(r#"[data-status="cancelled"]"#), 1);
    // The slot is free again.
    let status: String = sqlx::query_scalar("select status from booking")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "cancelled");
}

#[actix_web::test]
async fn cancelling_asks_first_and_the_same_link_then_books_a_new_time_without_the_questions() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let booking = reach_booking(&app, "en", "Ana López", "ana@example.com").await;
    choose_slot(&app, &booking, None, "America/Toronto").await;
    submit(&app, "en").await;
    app.drain_outbox().await;
    let sent = smtp.messages();
    let manage = manage_link(sent.iter().find(|m| m.to == ["ana@example.com"]).unwrap(), &app);

    // The page links to a confirmation; nothing is cancelled by looking at it.
    let page = app.get(&manage).await;
    assert_eq!(
        page.count(&format!(r#"a[data-cancel-link][href="{manage}/cancel"]"#)),
        1
    );
    let asked = app.get(&format!("{manage}/cancel")).await;
    assert_eq!(asked.status, 200);
    assert_eq!(asked.count(r#"textarea[name="reason"]"#), 1);
    assert_eq!(asked.count(r#"form[method="post"] button[data-confirm]"#), 1);
    assert_eq!(app.count("booking").await, 1);
    let reason = "My employer moved the start date";
    let cancelled = app
        .submit(
            &format!("{manage}/cancel"),
            &format!("{manage}/cancel"),
            &[("reason", reason)],
        )
        .await;
    assert_redirect(&cancelled, &format!("{manage}?done=cancelled"));
    app.drain_outbox().await;
    let after = smtp.messages();
    let firm = after[sent.len()..]
        .iter()
        .find(|m| m.to == ["consultations@firm.example"])
        .expect("the firm is told");
    assert!(
        firm.parsed().body_text(0).unwrap().contains(reason),
        "with the reason given"
    );

    // The same link offers the picker again: a new time, no questions.
    let page = app.get(&format!("{manage}?night=1")).await;
    assert_eq!(page.count(r#"[data-status="cancelled"]"#), 1);
    let slot = slot_ids(&page)[0].clone();
    let asked = app
        .submit(&manage, &format!("{manage}/reschedule"), &[("slot", slot.as_str())])
        .await;
    assert_eq!(asked.count("[data-new-time]"), 1);
    let booked = app
        .submit(
            &manage,
            &format!("{manage}/reschedule"),
            &[("slot", slot.as_str()), ("confirm", "1")],
        )
        .await;
    let location = booked.header("location").expect("a redirect").to_owned();
    assert!(
        location.ends_with("?done=booked") && location != format!("{manage}?done=booked"),
        "{location}"
    );
    let active: i64 = sqlx::query_scalar("select count(*) from booking where status = 'active'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(active, 1);
    assert_eq!(app.count("application").await, 1, "the same application");
    let new_page = app.get(&location).await;
    assert_eq!(new_page.count(r#"[data-status="active"]"#), 1);
    app.drain_outbox().await;
    let last = smtp.messages();
    assert!(
        last[after.len()..]
            .iter()
            .any(|m| m.to == ["ana@example.com"] && m.parsed().subject().unwrap_or_default().contains("booked")),
        "a new confirmation"
    );
    // A second confirmation of the old link books nothing more.
    let again = app
        .submit(
            &manage,
            &format!("{manage}/reschedule"),
            &[("slot", slot.as_str()), ("confirm", "1")],
        )
        .await;
    assert!(again.status < 500);
    let active: i64 = sqlx::query_scalar("select count(*) from booking where status = 'active'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(active, 1);
}

#[actix_web::test]
async fn changes_stop_at_the_cut_off() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let booking = reach_booking(&app, "en", "Ana López", "ana@example.com").await;
    choose_slot(&app, &booking, None, "America/Toronto").await;
    submit(&app, "en").await;
    app.drain_outbox().await;
    let manage = manage_link(
        smtp.messages().iter().find(|m| m.to == ["ana@example.com"]).unwrap(),
        &app,
    );
    sqlx::query("update booking set starts_at = now() + interval '6 hours', ends_at = now() + interval '6 hours 30 minutes', blocks = tstzrange(now() + interval '6 hours', now() + interval '7 hours')")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let page = app.get(&manage).await;
    assert_eq!(page.count("[data-locked]"), 1);
    assert!(
        page.text_of("[data-locked]").unwrap().contains("less than 12 hours"),
        "the configured cut-off"
    );
    assert!(
        page.body.contains("consultations@firm.example"),
        "how to reach the firm instead"
    );
    assert_eq!(page.count(r#"input[name="slot"]"#), 0);
    // A cancel posted anyway (an old tab) changes nothing.
    let token = app.get("/en/contact").await.csrf_token();
    let refused = app
        .post_raw(&format!("{manage}/cancel"), &[("csrf_token", token.as_str())])
        .await;
    assert_redirect(&refused, &manage);
    let status: String = sqlx::query_scalar("select status from booking")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "active");
}

#[actix_web::test]
async fn a_slot_taken_meanwhile_sends_the_applicant_back_with_answers_kept() {
    let app = spawn_app(&SmtpSink::start()).await;
    let booking = reach_booking(&app, "en", "Ana López", "ana@example.com").await;
    let slot = choose_slot(&app, &booking, None, "America/Toronto").await;
    // Someone else books that slot first, straight in the database.
    sqlx::query(
        "insert into application (application_id, draft_token_hash, status, language, target_pathway, reference, expires_at)
         values (gen_random_uuid(), 'x', 'submitted', 'en', 'gts', 'ZZZZ-ZZZZ', now() + interval '1 day');
         ",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    let start = chrono::NaiveDateTime::parse_from_str(&slot, "%Y%m%dT%H%M%SZ")
        .unwrap()
        .and_utc();
    sqlx::query(
        "insert into booking (booking_id, application_id, starts_at, ends_at, blocks, consultation_mode, time_zone, manage_token_hash,
                              consultant_id)
         select gen_random_uuid(), application_id, $1, $1 + interval '30 minutes', tstzrange($1, $1 + interval '30 minutes'), 'video', 'UTC', 'y',
                (select consultant_id from consultant limit 1)
         from application where reference = 'ZZZZ-ZZZZ'",
    )
    .bind(start)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let answer = submit(&app, "en").await;
    assert_redirect(&answer, "/en/apply/gts/booking?taken=1");
    let page = app.get("/en/apply/gts/booking?taken=1").await;
    assert!(page.body.contains("just taken"));
    assert!(!slot_ids(&page).contains(&slot));
    let status: String = sqlx::query_scalar("select status from application where reference is null")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "draft", "nothing submitted, every answer kept");
}

#[actix_web::test]
async fn fifty_simultaneous_bookings_of_one_slot_make_one_booking_and_one_set_of_emails() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    // 50 applicants, each in their own browser, reach the check page with the same slot.
    let mut browsers = Vec::new();
    let mut slot = None;
    for i in 0..50 {
        let browser = app.with_new_browser();
        let booking = reach_booking(&browser, "en", &format!("Applicant {i}"), &format!("a{i}@example.com")).await;
        let chosen = choose_slot(&browser, &booking, slot.as_deref(), "America/Toronto").await;
        slot.get_or_insert(chosen);
        browsers.push(browser);
    }
    let mut tokens = Vec::new();
    for browser in &browsers {
        tokens.push(browser.get("/en/apply/gts/check").await.csrf_token());
    }
    let started = std::time::Instant::now();
    let answers = futures_util::future::join_all(
        browsers
            .iter()
            .zip(&tokens)
            .map(|(b, t)| async move { b.post_raw("/en/apply/gts/check", &[("csrf_token", t.as_str())]).await }),
    )
    .await;
    let elapsed = started.elapsed();
    let confirmed = answers
        .iter()
        .filter(|a| a.header("location") == Some("/en/apply/confirmation"))
        .count();
    let sent_back = answers
        .iter()
        .filter(|a| a.header("location") == Some("/en/apply/gts/booking?taken=1"))
        .count();
    println!("50 simultaneous bookings of one slot: {confirmed} booked, {sent_back} sent back, in {elapsed:?}");
    assert_eq!((confirmed, sent_back), (1, 49));
    assert_eq!(app.count("booking").await, 1);
    let submitted: i64 = sqlx::query_scalar("select count(*) from application where status = 'submitted'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(submitted, 1, "the losers' submissions rolled back with their booking");
    app.drain_outbox().await;
    assert_eq!(smtp.messages().len(), 2, "one brief, one confirmation");
}

#[actix_web::test]
async fn smtp_down_delays_emails_but_never_a_booking() {
    let port = SmtpSink::reserve_port();
    let app = spawn_app_with(AppOptions {
        smtp_port: Some(port),
        ..Default::default()
    })
    .await;
    let booking = reach_booking(&app, "en", "Ana López", "ana@example.com").await;
    choose_slot(&app, &booking, None, "America/Toronto").await;
    assert_redirect(&submit(&app, "en").await, "/en/apply/confirmation");
    assert_eq!(app.count("booking").await, 1, "booked while SMTP is down");
    let worker = app.worker(OutboxSettings {
        max_attempts: 10,
        base_backoff: Duration::from_secs(60),
        ..fast_retries()
    });
    for _ in 0..2 {
        assert!(matches!(worker.try_deliver_one().await.unwrap(), Outcome::Retry(_)));
    }
    assert_eq!(
        worker.try_deliver_one().await.unwrap(),
        Outcome::Empty,
        "both wait for their retry"
    );

    let smtp = SmtpSink::start_on(port);
    sqlx::query("update email_outbox set next_attempt_at = now() where kind <> 'booking_reminder'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let outcomes = app.drain_outbox().await;
    assert_eq!(outcomes.len(), 2);
    assert!(outcomes.iter().all(|o| matches!(o, Outcome::Sent(_))));
    assert!(app.drain_outbox().await.is_empty());
    assert_eq!(smtp.messages().len(), 2, "each email once");
}

#[actix_web::test]
async fn a_name_with_line_breaks_adds_no_header_to_booking_emails() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let booking = reach_booking(&app, "en", "Ana\r\nBcc: victim@evil.example", "ana@example.com").await;
    choose_slot(&app, &booking, None, "America/Toronto").await;
    submit(&app, "en").await;
    app.drain_outbox().await;
    for mail in smtp.messages() {
        assert!(!mail.to.iter().any(|t| t.contains("evil")), "{:?}", mail.to);
        let headers = mail.data.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
        assert!(!headers.lines().any(|h| h.starts_with("bcc:")), "{headers}");
    }
}
