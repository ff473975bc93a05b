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
