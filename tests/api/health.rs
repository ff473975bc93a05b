use crate::helpers::{SmtpSink, spawn_app};

#[actix_web::test]
async fn healthz_answers_ok() {
    let app = spawn_app(&SmtpSink::start()).await;
    let page = app.get("/healthz").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body, "ok");
}

#[actix_web::test]
async fn readyz_is_ready_when_migrations_are_applied_and_not_otherwise() {
    let app = spawn_app(&SmtpSink::start()).await;
    let page = app.get("/readyz").await;
    assert_eq!((page.status, page.body.as_str()), (200, "ready"));

    // Forget the newest migration: the app must no longer call itself ready.
    sqlx::query("delete from _sqlx_migrations where version = (select max(version) from _sqlx_migrations)")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let page = app.get("/readyz").await;
    assert_eq!((page.status, page.body.as_str()), (503, "migrations pending"));
}

#[actix_web::test]
async fn readyz_reports_an_unreachable_database() {
    let app = spawn_app(&SmtpSink::start()).await;
    app.db.pool.close().await;
    let page = app.get("/readyz").await;
    assert_eq!((page.status, page.body.as_str()), (503, "database unavailable"));
}

#[actix_web::test]
async fn metrics_are_served_on_their_own_listener_by_route_pattern_and_not_on_the_public_one() {
    let app = spawn_app(&SmtpSink::start()).await;
    app.get("/en/").await;
    app.get("/en/no-such-page-with-a-secret").await;
    // Not on the public listener (issue 11: `/metrics` was public)...
    assert_eq!(app.get("/metrics").await.status, 404);
    // ...on its own.
    let response = reqwest::get(format!("{}/metrics", app.metrics_address)).await.unwrap();
    assert_eq!(response.status(), 200);
    let page = crate::helpers::Page {
        status: 200,
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    };
    assert_eq!(page.status, 200);
    assert!(page.body.contains("intake_http_requests_total"), "{}", page.body);
    assert!(page.body.contains(r#"endpoint="/{lang}/""#), "{}", page.body);
    assert!(
        !page.body.contains("no-such-page-with-a-secret"),
        "raw paths must not become labels"
    );
}

/// The value of an unlabelled (or exactly labelled) sample in a Prometheus text exposition.
fn sample(text: &str, name: &str) -> Option<f64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
}

async fn scrape(app: &crate::helpers::TestApp) -> String {
    let response = reqwest::get(format!("{}/metrics", app.metrics_address)).await.unwrap();
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

#[actix_web::test]
async fn metrics_show_the_outbox_queue_bookings_and_sign_in_failures() {
    use crate::booking::{choose_slot, reach_booking, submit};
    let app = spawn_app(&SmtpSink::start()).await;
    let before = scrape(&app).await;
    assert_eq!(sample(&before, "intake_outbox_pending"), Some(0.0), "{before}");
    assert_eq!(sample(&before, "intake_outbox_oldest_pending_age_seconds"), Some(0.0));
    assert_eq!(sample(&before, "intake_outbox_dead"), Some(0.0));
    assert_eq!(sample(&before, "intake_database_up"), Some(1.0));
    assert_eq!(sample(&before, r#"intake_bookings_total{event="booked"}"#), Some(0.0));

    // A submission queues its emails (no worker runs in this test app until drained).
    let booking = reach_booking(&app, "en", "Ada Lovelace", "ada@example.com").await;
    choose_slot(&app, &booking, None, "America/Toronto").await;
    assert_eq!(submit(&app, "en").await.status, 303);
    // Queued ten minutes ago; the reminder is due a day before the consultation (kept a day ahead here).
    sqlx::query(
        "update email_outbox
         set created_at = now() - interval '10 minutes',
             next_attempt_at = case when kind = 'booking_reminder' then now() + interval '1 day'
                                    else next_attempt_at - interval '10 minutes' end",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    let queued = scrape(&app).await;
    // The brief and the confirmation wait; the reminder, scheduled for later, is not waiting yet.
    assert_eq!(app.count("email_outbox where status = 'pending'").await, 3);
    assert_eq!(sample(&queued, "intake_outbox_pending"), Some(2.0), "{queued}");
    let age = sample(&queued, "intake_outbox_oldest_pending_age_seconds").unwrap();
    assert!((600.0..700.0).contains(&age), "oldest pending {age} s");
    assert_eq!(sample(&queued, r#"intake_bookings_total{event="booked"}"#), Some(1.0));

    // Delivered: the queue is empty again. One given up on shows as dead.
    app.drain_outbox().await;
    sqlx::query("update email_outbox set status = 'dead' where email_outbox_id = (select email_outbox_id from email_outbox order by created_at limit 1)")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let drained = scrape(&app).await;
    assert_eq!(sample(&drained, "intake_outbox_pending"), Some(0.0), "{drained}");
    assert_eq!(sample(&drained, "intake_outbox_oldest_pending_age_seconds"), Some(0.0));
    assert_eq!(sample(&drained, "intake_outbox_dead"), Some(1.0));

    // Wrong passwords count as failures; past the threshold, attempts are throttled and counted.
    crate::helpers::create_staff(
        &app,
        "ops@firm.example",
        "Olu Ops",
        "admin",
        "a long and unusual passphrase 42",
    )
    .await;
    for _ in 0..7 {
        crate::helpers::login(&app, "ops@firm.example", "not the password at all").await;
    }
    let after = scrape(&app).await;
    let failures = sample(&after, "intake_staff_sign_in_failures_total").unwrap();
    let throttled = sample(&after, "intake_staff_sign_in_throttled_total").unwrap();
    assert_eq!(failures + throttled, 7.0, "{after}");
    assert!(
        failures >= 5.0 && throttled >= 1.0,
        "failures {failures}, throttled {throttled}"
    );
}

#[actix_web::test]
async fn the_example_alert_rules_are_valid_and_use_only_metrics_intake_exports() {
    let rules = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/prometheus/intake-rules.yml");
    let promtool = crate::helpers::required_program("promtool", "prometheus");
    let check = std::process::Command::new(promtool)
        .args(["check", "rules", rules])
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );

    let app = spawn_app(&SmtpSink::start()).await;
    app.get("/en/").await;
    let exported = scrape(&app).await;
    let text = std::fs::read_to_string(rules).unwrap();
    let names: std::collections::BTreeSet<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|word| word.starts_with("intake_"))
        .collect();
    assert!(names.len() >= 6, "{names:?}");
    for name in names {
        assert!(
            exported
                .lines()
                .any(|l| l.starts_with(&format!("{name} ")) || l.starts_with(&format!("{name}{{"))),
            "{name} is in the rules but not exported:\n{exported}"
        );
    }
}
