//! The email outbox against a real SMTP conversation.

use std::time::Duration;

use intake::{
    config::OutboxSettings,
    email::messages::{EmailCtx, EnquiryReceived},
    i18n::Lang,
    outbox::{self, Envelope, Outcome},
};
use lettre::message::Mailbox;
use tokio::sync::watch;

use crate::helpers::{AppOptions, SmtpSink, TestApp, fast_retries, spawn_app, spawn_app_with};

fn enquiry(lang: Lang, name: &str) -> EnquiryReceived {
    EnquiryReceived {
        ctx: EmailCtx {
            lang,
            firm_name: "Maple & Partners".into(),
        },
        full_name: name.into(),
        email: "ana@example.com".into(),
        message: "Hello there, a question about CUSMA.".into(),
        received_at: "2026-11-25 10:00 EST".into(),
    }
}

/// Enqueues one email to `to` in its own transaction.
async fn enqueue(app: &TestApp, to: &str, lang: Lang, name: &str) -> uuid::Uuid {
    let mut tx = app.db.pool.begin().await.unwrap();
    let to: Mailbox = to.parse().unwrap();
    let id = outbox::enqueue(&mut tx, &Envelope::to(&to), &enquiry(lang, name))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn row(app: &TestApp, id: uuid::Uuid) -> (String, i32, Option<String>) {
    sqlx::query_as("select status, attempts, last_error from email_outbox where email_outbox_id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

#[actix_web::test]
async fn an_email_is_delivered_as_multipart_text_and_html_in_its_language() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let id = enqueue(&app, "Firm Inbox <inbox@firm.example>", Lang::En, "Zoë").await;
    assert_eq!(app.drain_outbox().await, [Outcome::Sent(id)]);
    assert_eq!(row(&app, id).await, ("sent".into(), 1, None));

    let mail = smtp.messages();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, ["inbox@firm.example"]);
    assert_eq!(mail[0].from, "consultations@firm.example", "the envelope sender");
    let parsed = mail[0].parsed();
    assert_eq!(parsed.subject(), Some("New enquiry from Zoë"));
    assert!(parsed.body_text(0).unwrap().contains("A new message arrived"));
    assert!(parsed.body_html(0).unwrap().contains(r#"<html lang="en">"#));
    assert_eq!(
        parsed.from().and_then(|f| f.first()).and_then(|a| a.address()),
        Some("consultations@firm.example")
    );
    assert!(parsed.message_id().unwrap().starts_with(&id.to_string()));
}

#[actix_web::test]
async fn smtp_down_then_up_delivers_each_email_once() {
    let port = SmtpSink::reserve_port();
    let app = spawn_app_with(AppOptions {
        smtp_port: Some(port),
        ..Default::default()
    })
    .await;
    let id = enqueue(&app, "inbox@firm.example", Lang::Fr, "Ana").await;

    let worker = app.worker(fast_retries());
    assert_eq!(worker.try_deliver_one().await.unwrap(), Outcome::Retry(id));
    let (status, attempts, error) = row(&app, id).await;
    assert_eq!((status.as_str(), attempts), ("pending", 1));
    assert!(error.is_some_and(|e| !e.is_empty()), "the last error is recorded");

    let smtp = SmtpSink::start_on(port);
    assert_eq!(worker.try_deliver_one().await.unwrap(), Outcome::Sent(id));
    assert_eq!(worker.try_deliver_one().await.unwrap(), Outcome::Empty);
    assert_eq!(smtp.messages().len(), 1);
    let (status, attempts, error) = row(&app, id).await;
    assert_eq!((status.as_str(), attempts, error), ("sent", 2, None));
    assert_eq!(smtp.messages()[0].parsed().subject(), Some("Nouvelle demande de Ana"));
}

#[actix_web::test]
async fn an_email_is_marked_dead_after_the_attempt_limit() {
    let app = spawn_app_with(AppOptions::default()).await; // nothing listens on its SMTP port
    let id = enqueue(&app, "inbox@firm.example", Lang::En, "Ana").await;
    let worker = app.worker(fast_retries());
    let outcomes = [
        worker.try_deliver_one().await.unwrap(),
        worker.try_deliver_one().await.unwrap(),
        worker.try_deliver_one().await.unwrap(),
        worker.try_deliver_one().await.unwrap(),
    ];
    assert_eq!(
        outcomes,
        [
            Outcome::Retry(id),
            Outcome::Retry(id),
            Outcome::Dead(id),
            Outcome::Empty
        ]
    );
    let (status, attempts, error) = row(&app, id).await;
    assert_eq!((status.as_str(), attempts), ("dead", 3));
    assert!(error.is_some());
}

#[actix_web::test]
async fn a_permanent_rejection_is_dead_at_once_with_the_servers_answer() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let id = enqueue(&app, "nobody@firm.example", Lang::En, "Ana").await;
    assert_eq!(app.drain_outbox().await, [Outcome::Dead(id)]);
    let (status, attempts, error) = row(&app, id).await;
    assert_eq!((status.as_str(), attempts), ("dead", 1));
    assert!(error.unwrap().contains("550"));
    assert!(smtp.messages().is_empty());
}

#[actix_web::test]
async fn retries_back_off_exponentially() {
    let app = spawn_app_with(AppOptions::default()).await;
    let id = enqueue(&app, "inbox@firm.example", Lang::En, "Ana").await;
    let settings = OutboxSettings {
        max_attempts: 5,
        base_backoff: Duration::from_secs(60),
        ..fast_retries()
    };
    let worker = app.worker(settings);
    let mut delays = Vec::new();
    for _ in 0..2 {
        assert_eq!(worker.try_deliver_one().await.unwrap(), Outcome::Retry(id));
        let delay: f64 = sqlx::query_scalar(
            "select extract(epoch from next_attempt_at - updated_at)::float8 from email_outbox where email_outbox_id = $1",
        )
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        delays.push(delay.round() as i64);
        // Not due yet: the worker must leave it alone until then.
        assert_eq!(worker.try_deliver_one().await.unwrap(), Outcome::Empty);
        sqlx::query("update email_outbox set next_attempt_at = now()")
            .execute(&app.db.pool)
            .await
            .unwrap();
    }
    assert_eq!(delays, [60, 120]);
}

#[actix_web::test]
async fn the_running_worker_wakes_up_for_new_rows_without_waiting_for_its_poll() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let worker = app.worker(OutboxSettings {
        poll_interval: Duration::from_secs(600),
        ..fast_retries()
    });
    let (stop, shutdown) = watch::channel(false);
    let running = actix_web::rt::spawn(worker.run(shutdown));
    tokio::time::sleep(Duration::from_millis(300)).await; // let it start listening
    enqueue(&app, "inbox@firm.example", Lang::En, "Ana").await;
    let mail = smtp.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(mail.len(), 1, "delivered on NOTIFY, long before the 10-minute poll");
    stop.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(5), running)
        .await
        .expect("the worker stops when asked")
        .unwrap();
}

#[actix_web::test]
async fn concurrent_workers_never_send_a_row_twice() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    for i in 0..24 {
        enqueue(&app, "inbox@firm.example", Lang::En, &format!("Person {i}")).await;
    }
    let workers: Vec<_> = (0..4).map(|_| app.worker(fast_retries())).collect();
    let runs = workers.into_iter().map(|w| async move {
        let mut sent = 0;
        while w.try_deliver_one().await.unwrap() != Outcome::Empty {
            sent += 1;
        }
        sent
    });
    let sent: Vec<usize> = futures_util::future::join_all(runs).await;
    assert_eq!(sent.iter().sum::<usize>(), 24);
    let mail = smtp.messages();
    assert_eq!(mail.len(), 24);
    let mut ids: Vec<String> = mail
        .iter()
        .map(|m| m.parsed().message_id().unwrap().to_owned())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 24, "each email exactly once");
}

#[actix_web::test]
async fn an_email_enqueued_in_a_rolled_back_transaction_never_leaves() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let mut tx = app.db.pool.begin().await.unwrap();
    let to: Mailbox = "inbox@firm.example".parse().unwrap();
    outbox::enqueue(&mut tx, &Envelope::to(&to), &enquiry(Lang::En, "Ana"))
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    assert!(app.drain_outbox().await.is_empty());
    assert!(smtp.messages().is_empty());
}
