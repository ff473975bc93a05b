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
async fn metrics_are_exposed_for_prometheus_by_route_pattern() {
    let app = spawn_app(&SmtpSink::start()).await;
    app.get("/en/").await;
    app.get("/en/no-such-page-with-a-secret").await;
    let page = app.get("/metrics").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("intake_http_requests_total"), "{}", page.body);
    assert!(page.body.contains(r#"endpoint="/{lang}/""#), "{}", page.body);
    assert!(
        !page.body.contains("no-such-page-with-a-secret"),
        "raw paths must not become labels"
    );
}
