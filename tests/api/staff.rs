//! The back office: who may see what, and what staff do with applications.

use crate::{
    booking::{choose_slot, reach_booking, submit},
    helpers::{SmtpSink, TestApp, assert_redirect, create_staff, login, spawn_app},
};

const PASSWORD: &str = "correct horse battery staple 42";

/// A submitted application with a booking; returns its staff page path.
async fn submitted(app: &TestApp, name: &str, email: &str) -> String {
    let applicant = app.with_new_browser();
    let booking = reach_booking(&applicant, "en", name, email).await;
    choose_slot(&applicant, &booking, None, "America/Toronto").await;
    assert_redirect(&submit(&applicant, "en").await, "/en/apply/confirmation");
    let id: uuid::Uuid = sqlx::query_scalar("select application_id from application where email = $1")
        .bind(email)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    format!("/staff/applications/{id}")
}

async fn signed_in(app: &TestApp, role: &str) -> TestApp {
    let browser = app.with_new_browser();
    let email = format!("{role}@firm.example");
    create_staff(app, &email, &format!("Pat {role}"), role, PASSWORD).await;
    login(&browser, &email, PASSWORD).await;
    browser
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("select action from audit_event order by at")
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
}

#[actix_web::test]
async fn no_staff_route_gives_data_to_an_anonymous_visitor_and_admin_actions_need_an_admin() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let page = submitted(&app, "Ana López", "ana@example.com").await;
    let email_id: uuid::Uuid = sqlx::query_scalar("select email_outbox_id from email_outbox limit 1")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let gets = [
        "/staff/".to_owned(),
        "/staff/applications".to_owned(),
        "/staff/applications?q=ana".to_owned(),
        "/staff/applications/export.csv".to_owned(),
        page.clone(),
        format!("{page}/booking/move"),
        "/staff/consultations".to_owned(),
        "/staff/consultations/capacity".to_owned(),
    ];
    let posts = [
        format!("{page}/status"),
        format!("{page}/assign"),
        format!("{page}/notes"),
        format!("{page}/emails/{email_id}/resend"),
        format!("{page}/booking/cancel"),
        format!("{page}/booking/move"),
        format!("{page}/booking/move/choose"),
        format!("{page}/erase"),
    ];
    let anonymous = app.with_new_browser();
    let token = anonymous.get("/en/contact").await.csrf_token();
    for path in &gets {
        let answer = anonymous.get(path).await;
        assert_eq!(answer.status, 303, "{path}");
        assert!(answer.header("location").unwrap().starts_with("/staff/login"), "{path}");
        assert!(!answer.body.contains("Ana"), "{path}");
    }
    for path in &posts {
        let answer = anonymous
            .post_raw(
                path,
                &[("csrf_token", token.as_str()), ("review_status", "spam"), ("body", "x")],
            )
            .await;
        assert_eq!(answer.status, 303, "{path}");
        assert!(answer.header("location").unwrap().starts_with("/staff/login"), "{path}");
    }
    let (status, erased): (String, Option<chrono::DateTime<chrono::Utc>>) =
        sqlx::query_as("select review_status, erased_at from application")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), erased), ("new", None), "nothing changed");
    assert_eq!(app.count("note").await, 0);

    // A member of staff sees everything but cannot erase.
    let staff = signed_in(&app, "staff").await;
    for path in &gets {
        assert_eq!(staff.get(path).await.status, 200, "{path}");
    }
    let token = staff.get(&page).await.csrf_token();
    let refused = staff
        .post_raw(&format!("{page}/erase"), &[("csrf_token", token.as_str())])
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(
        refused.text_of("h1").as_deref(),
        Some("You cannot do this"),
        "not the expired-form page"
    );
    assert!(refused.header("x-intake-form-refused").is_none());
    let erased: Option<chrono::DateTime<chrono::Utc>> = sqlx::query_scalar("select erased_at from application")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(erased.is_none());
}

#[actix_web::test]
async fn status_assignment_and_notes_are_kept_with_their_history() {
    let app = spawn_app(&SmtpSink::start()).await;
    let page = submitted(&app, "Ana López", "ana@example.com").await;
    let staff = signed_in(&app, "staff").await;
    let token = staff.get(&page).await.csrf_token();
    let staff_id: uuid::Uuid = sqlx::query_scalar("select staff_user_id from staff_user")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();

    assert_redirect(
        &staff
            .post_raw(
                &format!("{page}/status"),
                &[("csrf_token", &token), ("review_status", "contacted")],
            )
            .await,
        &format!("{page}#status"),
    );
    assert_redirect(
        &staff
            .post_raw(
                &format!("{page}/assign"),
                &[("csrf_token", &token), ("assigned_to", &staff_id.to_string())],
            )
            .await,
        &format!("{page}#assign"),
    );
    assert_redirect(
        &staff
            .post_raw(
                &format!("{page}/notes"),
                &[("csrf_token", &token), ("body", "Called, <b>prefers</b> mornings.")],
            )
            .await,
        &format!("{page}#notes"),
    );
    // Unknown status: refused, nothing stored.
    assert_eq!(
        staff
            .post_raw(
                &format!("{page}/status"),
                &[("csrf_token", &token), ("review_status", "hired")]
            )
            .await
            .status,
        400
    );

    let (status, assigned): (String, Option<uuid::Uuid>) =
        sqlx::query_as("select review_status, assigned_to from application")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), assigned), ("contacted", Some(staff_id)));
    let view = staff.get(&page).await;
    assert_eq!(view.count("[data-status-change]"), 1);
    assert!(
        view.text_of("[data-status-change]").unwrap().contains("Pat staff"),
        "who changed it"
    );
    assert_eq!(view.count("[data-note]"), 1);
    assert!(
        view.body.contains("&lt;b&gt;prefers&lt;/b&gt;") || view.body.contains("&#60;b&#62;prefers"),
        "notes are escaped"
    );
    let actions = audit_actions(&app).await;
    for expected in ["application.status", "application.assign", "application.note"] {
        assert!(actions.iter().any(|a| a == expected), "{expected} in {actions:?}");
    }
    let (before, after): (serde_json::Value, serde_json::Value) =
        sqlx::query_as("select before, after from audit_event where action = 'application.status'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (before["review_status"].as_str(), after["review_status"].as_str()),
        (Some("new"), Some("contacted"))
    );
}

#[actix_web::test]
async fn staff_cancelling_a_booking_emails_the_applicant() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let page = submitted(&app, "Ana López", "ana@example.com").await;
    app.drain_outbox().await;
    let before = smtp.messages().len();
    let staff = signed_in(&app, "staff").await;
    let token = staff.get(&page).await.csrf_token();
    assert_redirect(
        &staff
            .post_raw(&format!("{page}/booking/cancel"), &[("csrf_token", &token)])
            .await,
        &format!("{page}#booking"),
    );
    app.drain_outbox().await;
    let mail = smtp.messages();
    let to_applicant = mail[before..]
        .iter()
        .find(|m| m.to == ["ana@example.com"])
        .expect("the applicant is told");
    assert!(to_applicant.data.contains("METHOD:CANCEL"));
    let status: String = sqlx::query_scalar("select status from booking")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "cancelled");
    assert!(audit_actions(&app).await.contains(&"booking.cancel".to_owned()));
}

#[actix_web::test]
async fn a_dead_email_can_be_sent_again() {
    let app = spawn_app(&SmtpSink::start()).await;
    let page = submitted(&app, "Ana López", "ana@example.com").await;
    let id: uuid::Uuid = sqlx::query_scalar(
        "update email_outbox set status = 'dead', attempts = 8, last_error = '550 no' where kind = 'firm_brief' returning email_outbox_id",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let staff = signed_in(&app, "staff").await;
    let view = staff.get(&page).await;
    assert!(view.body.contains("550 no"), "the error is visible");
    assert!(
        staff.get("/staff/").await.body.contains("550 no"),
        "and on the dashboard"
    );
    let token = view.csrf_token();
    assert_redirect(
        &staff
            .post_raw(&format!("{page}/emails/{id}/resend"), &[("csrf_token", &token)])
            .await,
        &format!("{page}#emails"),
    );
    // The dead row is withdrawn and emptied; a brief rendered afresh takes its place.
    let (status, body): (String, String) =
        sqlx::query_as("select status, body_text from email_outbox where email_outbox_id = $1")
            .bind(id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), body.as_str()), ("withdrawn", ""));
    let fresh: uuid::Uuid =
        sqlx::query_scalar("select email_outbox_id from email_outbox where kind = 'firm_brief' and status = 'pending'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    let outcomes = app.drain_outbox().await;
    assert!(outcomes.contains(&intake::outbox::Outcome::Sent(fresh)));
}

#[actix_web::test]
async fn the_csv_export_follows_the_filter_neutralises_formulas_and_is_audited() {
    let app = spawn_app(&SmtpSink::start()).await;
    submitted(&app, "=HYPERLINK(\"http://evil\")", "formula@example.com").await;
    submitted(&app, "Bob Martin", "bob@example.com").await;
    let staff = signed_in(&app, "staff").await;
    let csv = staff.get("/staff/applications/export.csv?q=formula").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 2, "header and one row: {}", csv.body);
    assert!(lines[1].contains("'=HYPERLINK"), "{}", lines[1]);
    assert!(!csv.body.contains("bob@example.com"));
    let detail: serde_json::Value = sqlx::query_scalar("select detail from audit_event where action = 'export.csv'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(detail["filters"]["q"], "formula");
    assert_eq!(detail["rows"], 1);
}

#[actix_web::test]
async fn the_list_filters_searches_and_sorts() {
    let app = spawn_app(&SmtpSink::start()).await;
    submitted(&app, "Ana López", "ana@example.com").await;
    submitted(&app, "Bob Martin", "bob@example.com").await;
    let staff = signed_in(&app, "staff").await;
    assert_eq!(staff.get("/staff/applications").await.count("[data-application]"), 2);
    assert_eq!(
        staff
            .get("/staff/applications?q=LÓPEZ")
            .await
            .count("[data-application]"),
        1
    );
    let reference: String = sqlx::query_scalar("select reference from application where email = 'bob@example.com'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let by_reference = staff
        .get(&format!("/staff/applications?q={}", reference.to_lowercase()))
        .await;
    assert_eq!(by_reference.count("[data-application]"), 1);
    assert!(by_reference.body.contains("Bob Martin"));
    assert_eq!(
        staff
            .get("/staff/applications?q=maple")
            .await
            .count("[data-application]"),
        2,
        "employer"
    );
    assert_eq!(
        staff
            .get("/staff/applications?pathway=gts&status=new&booking=yes")
            .await
            .count("[data-application]"),
        2
    );
    assert_eq!(
        staff
            .get("/staff/applications?status=retained")
            .await
            .count("[data-application]"),
        0
    );
    assert_eq!(
        staff
            .get("/staff/applications?assigned=none&outcome=needs_review")
            .await
            .count("[data-application]"),
        2
    );
    let by_name = staff.get("/staff/applications?sort=name").await;
    assert!(by_name.body.find("Ana López").unwrap() < by_name.body.find("Bob Martin").unwrap());
    // Nonsense in the query string is ignored, not a 500.
    assert_eq!(
        staff
            .get("/staff/applications?from=yesterday&page=-3&sort=%00")
            .await
            .status,
        200
    );
}

#[actix_web::test]
async fn erasure_leaves_no_personal_data_and_keeps_the_audit_row() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let page = submitted(&app, "Ana Erasable", "erase.me@example.com").await;
    app.drain_outbox().await;
    let admin = signed_in(&app, "admin").await;
    let token = admin.get(&page).await.csrf_token();
    assert_redirect(
        &admin
            .post_raw(
                &format!("{page}/notes"),
                &[("csrf_token", &token), ("body", "Ana Erasable called")],
            )
            .await,
        &format!("{page}#notes"),
    );
    assert_redirect(
        &admin
            .post_raw(&format!("{page}/erase"), &[("csrf_token", &token)])
            .await,
        &format!("{page}#privacy"),
    );
    // The consultation was ahead: the applicant's calendar cancellation holds their address until
    // it is delivered, then is emptied too.
    app.drain_outbox().await;
    // No table holds the name or the address any more.
    let tables: Vec<String> = sqlx::query_scalar(
        "select table_name::text from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> '_sqlx_migrations'",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    for table in tables {
        let hits: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "select count(*) from {table} t where t::text ilike '%erasable%' or t::text ilike '%erase.me@%'"
        )))
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(hits, 0, "personal data left in {table}");
    }
    assert!(audit_actions(&app).await.contains(&"application.erase".to_owned()));
    assert_eq!(admin.get(&page).await.count("[data-erased]"), 1);
}

/// Every `/staff` route: (method, path pattern, admins only). A test below fails when a route in
/// `src/routes/staff/` is missing here.
const STAFF_ROUTES: &[(&str, &str, bool)] = &[
    ("GET", "/", false),
    ("GET", "/applications", false),
    ("GET", "/applications/export.csv", false),
    ("GET", "/applications/{id}", false),
    ("POST", "/applications/{id}/status", false),
    ("POST", "/applications/{id}/assign", false),
    ("POST", "/applications/{id}/notes", false),
    ("POST", "/applications/{id}/emails/{email}/resend", false),
    ("POST", "/applications/{id}/booking/cancel", false),
    ("GET", "/applications/{id}/booking/move", false),
    ("POST", "/applications/{id}/booking/move/choose", false),
    ("POST", "/applications/{id}/booking/move", false),
    ("POST", "/applications/{id}/erase", true),
    ("POST", "/applications/bookings/cancel", false),
    ("POST", "/applications/bookings/cancel/confirm", false),
    ("GET", "/applications/bookings/cancelled", false),
    ("GET", "/consultations", false),
    ("GET", "/consultations/capacity", false),
    ("POST", "/consultations/feed", false),
    ("GET", "/consultations/feed/revoke", false),
    ("POST", "/consultations/feed/revoke", false),
    ("GET", "/audit", true),
    ("GET", "/availability", false),
    ("POST", "/availability/settings", true),
    ("POST", "/availability/rules", true),
    ("POST", "/availability/rules/{id}/remove", true),
    ("POST", "/availability/exceptions", true),
    ("POST", "/availability/exceptions/{id}/remove", true),
    ("POST", "/availability/rules/copy", true),
    ("POST", "/availability/holidays/{date}/reopen", true),
    ("POST", "/availability/holidays/{date}/close", true),
    ("GET", "/consultants", false),
    ("GET", "/consultants/new", true),
    ("POST", "/consultants/new", true),
    ("GET", "/consultants/{id}", false),
    ("POST", "/consultants/{id}", true),
    ("POST", "/consultants/{id}/link", true),
    ("GET", "/users", true),
    ("GET", "/users/new", true),
    ("POST", "/users/new", true),
    ("GET", "/users/{id}", true),
    ("POST", "/users/{id}/disable", true),
    ("POST", "/users/{id}/enable", true),
    ("POST", "/users/{id}/password", true),
    ("POST", "/users/{id}/role", true),
    ("GET", "/wages", true),
    ("POST", "/wages", true),
    ("GET", "/account", false),
    ("POST", "/account/password", false),
    ("POST", "/account/sessions/{id}/end", false),
    ("POST", "/account/sessions/end-others", false),
    ("POST", "/account/sessions/end-all", false),
    ("GET", "/account/second-factor", false),
    ("POST", "/account/second-factor", false),
    ("POST", "/account/recovery-codes", false),
    ("POST", "/account/second-factor/remove", false),
    ("POST", "/users/{id}/second-factor/reset", true),
    ("POST", "/users/security-policy", true),
];

#[test]
fn the_route_table_of_these_tests_lists_every_staff_route() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/routes/staff");
    let mut found = Vec::new();
    for file in crate::helpers::rust_files(&dir) {
        let source = std::fs::read_to_string(file).unwrap();
        for part in source
            .split(".route(\"")
            .skip(1)
            .chain(source.split("web::resource(\"").skip(1))
        {
            let path = part.split('"').next().unwrap();
            if !path.is_empty() && !path.starts_with("/staff") {
                found.push(path.to_owned());
            }
        }
    }
    // A resource with GET and POST is one path in the source, two rows here.
    let paths: std::collections::BTreeSet<&str> = STAFF_ROUTES.iter().map(|(_, p, _)| *p).collect();
    assert!(found.len() >= paths.len(), "routes read from the source: {found:?}");
    for path in found {
        assert!(
            STAFF_ROUTES.iter().any(|(_, p, _)| *p == path),
            "{path} is not in STAFF_ROUTES"
        );
    }
}

#[actix_web::test]
async fn every_staff_route_refuses_anonymous_visitors_and_admin_routes_refuse_staff() {
    let app = spawn_app(&SmtpSink::start()).await;
    let page = submitted(&app, "Ana López", "ana@example.com").await;
    let application = page.rsplit('/').next().unwrap().to_owned();
    let anything = uuid::Uuid::new_v4().to_string();
    let concrete = |pattern: &str| {
        format!(
            "/staff{}",
            pattern
                .replace(
                    "{id}",
                    if pattern.starts_with("/applications") {
                        &application
                    } else {
                        &anything
                    }
                )
                .replace("{email}", &anything)
                .replace("{date}", "2030-12-25")
        )
    };
    let before: i64 = sqlx::query_scalar("select count(*) from audit_event")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();

    let anonymous = app.with_new_browser();
    let token = anonymous.get("/en/contact").await.csrf_token();
    for (method, pattern, _) in STAFF_ROUTES {
        let path = concrete(pattern);
        let answer = if *method == "GET" {
            anonymous.get(&path).await
        } else {
            anonymous.post_raw(&path, &[("csrf_token", token.as_str())]).await
        };
        assert_eq!(answer.status, 303, "{method} {path}");
        assert!(
            answer.header("location").unwrap().starts_with("/staff/login"),
            "{method} {path}"
        );
        assert!(!answer.body.contains("Ana"), "{method} {path}");
    }
    let after: i64 = sqlx::query_scalar("select count(*) from audit_event")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(before, after, "anonymous requests changed nothing");

    let staff = signed_in(&app, "staff").await;
    let token = staff.get("/staff/").await.csrf_token();
    for (method, pattern, admin_only) in STAFF_ROUTES.iter().filter(|r| r.2) {
        let path = concrete(pattern);
        let answer = if *method == "GET" {
            staff.get(&path).await
        } else {
            staff.post_raw(&path, &[("csrf_token", token.as_str())]).await
        };
        assert_eq!(answer.status, 403, "{method} {path} (admins only: {admin_only})");
    }
    let erased: Option<chrono::DateTime<chrono::Utc>> = sqlx::query_scalar("select erased_at from application")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(erased.is_none());
}
