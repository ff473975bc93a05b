//! The admins' back office: staff accounts, availability, the audit viewer, and data retention.

use chrono::{Duration, Utc};
use uuid::Uuid;

use crate::helpers::{Page, SmtpSink, TestApp, assert_redirect, create_staff, login, spawn_app};

const PASSWORD: &str = "correct horse battery staple 42";
const MEMBER_PASSWORD: &str = "Gl4cier-Otter-Lantern-Fjord";

/// A browser signed in as a new account with `role`.
async fn signed_in(app: &TestApp, email: &str, role: &str) -> (TestApp, Uuid) {
    let browser = app.with_new_browser();
    let id = create_staff(app, email, &format!("Pat {role}"), role, PASSWORD).await;
    assert_redirect(&login(&browser, email, PASSWORD).await, "/staff/");
    (browser, id)
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    sqlx::query_scalar("select count(*) from audit_event where action = $1")
        .bind(action)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn is_active(app: &TestApp, id: Uuid) -> bool {
    sqlx::query_scalar("select active from staff_user where staff_user_id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn role_of(app: &TestApp, id: Uuid) -> String {
    sqlx::query_scalar("select role from staff_user where staff_user_id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// The firm-local dates and lengths (minutes) of the preview's free slots.
fn preview(page: &Page) -> Vec<(String, i64)> {
    let html = page.html();
    let sel = scraper::Selector::parse("[data-slot]").unwrap();
    html.select(&sel)
        .map(|e| {
            let v = e.value();
            (
                v.attr("data-slot").unwrap().to_owned(),
                v.attr("data-minutes").unwrap().parse().unwrap(),
            )
        })
        .collect()
}

#[actix_web::test]
async fn a_member_of_staff_is_refused_every_admin_page_and_action() {
    let app = spawn_app(&SmtpSink::start()).await;
    let (_, admin_id) = signed_in(&app, "admin@firm.example", "admin").await;
    let (staff, _) = signed_in(&app, "staff@firm.example", "staff").await;
    let rule_id: Uuid = sqlx::query_scalar("select availability_rule_id from availability_rule limit 1")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let exception_id: Uuid = sqlx::query_scalar(
        "insert into availability_exception (day, label) values (current_date + 3, 'Retreat') returning availability_exception_id",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let member = format!("/staff/users/{admin_id}");

    for path in [
        "/staff/users",
        "/staff/users/new",
        member.as_str(),
        "/staff/audit",
        "/staff/audit?action=staff.",
        "/staff/wages",
    ] {
        let page = staff.get(path).await;
        assert_eq!(page.status, 403, "{path}");
        assert!(!page.body.contains("admin@firm.example"), "{path}");
    }
    // Availability is for everyone to read, without the forms.
    let availability = staff.get("/staff/availability").await;
    assert_eq!(availability.status, 200);
    assert!(availability.count("[data-slot]") > 0);
    assert_eq!(
        availability.count(r#"form[method="post"][action^="/staff/availability"]"#),
        0
    );

    let token = availability.csrf_token();
    let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            "/staff/users/new".into(),
            vec![
                ("email", "new@firm.example"),
                ("name", "New Person"),
                ("role", "admin"),
                ("password", MEMBER_PASSWORD),
            ],
        ),
        (format!("{member}/disable"), vec![]),
        (format!("{member}/enable"), vec![]),
        (format!("{member}/password"), vec![("password", MEMBER_PASSWORD)]),
        (format!("{member}/role"), vec![("role", "staff")]),
        (
            "/staff/availability/settings".into(),
            vec![
                ("consultation_minutes", "45"),
                ("buffer_minutes", "0"),
                ("min_notice_hours", "0"),
                ("horizon_days", "10"),
                ("daily_cap", "5"),
                ("cancel_cutoff_hours", "1"),
            ],
        ),
        (
            "/staff/availability/rules".into(),
            vec![("rule_weekday", "6"), ("rule_start", "09:00"), ("rule_end", "10:00")],
        ),
        (format!("/staff/availability/rules/{rule_id}/remove"), vec![]),
        (
            "/staff/availability/exceptions".into(),
            vec![("exception_day", "2099-01-01")],
        ),
        (format!("/staff/availability/exceptions/{exception_id}/remove"), vec![]),
    ];
    let audit_before = app.count("audit_event").await;
    let hash_before: String = sqlx::query_scalar("select password_hash from staff_user where staff_user_id = $1")
        .bind(admin_id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    for (path, fields) in &posts {
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        assert_eq!(staff.post_raw(path, &all).await.status, 403, "{path}");
    }
    assert_eq!(app.count("staff_user").await, 2);
    assert!(is_active(&app, admin_id).await);
    assert_eq!(role_of(&app, admin_id).await, "admin");
    let hash_after: String = sqlx::query_scalar("select password_hash from staff_user where staff_user_id = $1")
        .bind(admin_id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(hash_before, hash_after);
    assert_eq!(app.count("availability_rule").await, 10);
    assert_eq!(app.count("availability_exception").await, 1);
    let minutes: i32 = sqlx::query_scalar("select consultation_minutes from availability_setting")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(minutes, 30);
    assert_eq!(app.count("audit_event").await, audit_before, "nothing happened");
}

#[actix_web::test]
async fn an_admin_adds_a_member_who_can_then_sign_in() {
    let app = spawn_app(&SmtpSink::start()).await;
    let (admin, _) = signed_in(&app, "admin@firm.example", "admin").await;
    let list = admin.get("/staff/users").await;
    assert_eq!(list.status, 200);
    assert_eq!(list.count("[data-member]"), 1);

    // A weak password: the form again, with an error summary, the input kept but the password.
    let weak = admin
        .submit(
            "/staff/users/new",
            "/staff/users/new",
            &[
                ("email", "Marie.Tremblay@Firm.example"),
                ("name", "Marie Tremblay"),
                ("role", "staff"),
                ("password", "bbbbbbbbbbbbbbbbbbbb"),
            ],
        )
        .await;
    assert_eq!(weak.status, 422);
    assert_eq!(weak.count(".error-summary"), 1);
    assert!(weak.body.contains("too easy to guess"));
    assert!(weak.body.contains(r#"value="Marie Tremblay""#));
    assert!(!weak.body.contains("bbbbbbbbbbbbbbbbbbbb"));
    assert_eq!(app.count("staff_user").await, 1);

    // Several errors at once.
    let bad = admin
        .submit(
            "/staff/users/new",
            "/staff/users/new",
            &[("email", "nope"), ("name", ""), ("role", "root")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.count(".error-summary-list li"), 4);

    let created = admin
        .submit(
            "/staff/users/new",
            "/staff/users/new",
            &[
                ("email", "Marie.Tremblay@Firm.example"),
                ("name", "Marie Tremblay"),
                ("role", "staff"),
                ("password", MEMBER_PASSWORD),
            ],
        )
        .await;
    assert_redirect(&created, "/staff/users");
    let (id, role, active): (Uuid, String, bool) = sqlx::query_as(
        "select staff_user_id, role, active from staff_user where email = 'marie.tremblay@firm.example'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!((role.as_str(), active), ("staff", true));
    let audit: (
        Option<Uuid>,
        String,
        Option<serde_json::Value>,
        Option<serde_json::Value>,
        Option<serde_json::Value>,
    ) = sqlx::query_as(
        "select staff_user_id, subject_id, before, after, detail from audit_event where action = 'staff.create'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audit.1, id.to_string());
    assert_eq!(audit.3.as_ref().unwrap()["role"], "staff");
    let recorded = format!("{:?}{:?}{:?}", audit.2, audit.3, audit.4);
    assert!(
        !recorded.contains(MEMBER_PASSWORD) && !recorded.contains("argon2"),
        "{recorded}"
    );

    // The same email again, whatever its case.
    let again = admin
        .submit(
            "/staff/users/new",
            "/staff/users/new",
            &[
                ("email", "marie.tremblay@firm.example"),
                ("name", "Marie T"),
                ("role", "staff"),
                ("password", MEMBER_PASSWORD),
            ],
        )
        .await;
    assert_eq!(again.status, 422);
    assert!(again.body.contains("already an account"));

    let marie = app.with_new_browser();
    assert_redirect(
        &login(&marie, "marie.tremblay@firm.example", MEMBER_PASSWORD).await,
        "/staff/",
    );
    assert_eq!(marie.get("/staff/users").await.status, 403);
}

#[actix_web::test]
async fn a_disabled_member_cannot_sign_in_and_passwords_can_be_reset() {
    let app = spawn_app(&SmtpSink::start()).await;
    let (admin, _) = signed_in(&app, "admin@firm.example", "admin").await;
    let (member, member_id) = signed_in(&app, "sam@firm.example", "staff").await;
    let page = format!("/staff/users/{member_id}");
    assert_eq!(admin.get(&page).await.status, 200);
    assert_eq!(admin.get(&format!("/staff/users/{}", Uuid::new_v4())).await.status, 404);

    assert_redirect(&admin.submit(&page, &format!("{page}/disable"), &[]).await, &page);
    assert!(!is_active(&app, member_id).await);
    // The open session ends, and signing in again fails.
    assert_eq!(member.get("/staff/").await.status, 303);
    assert_eq!(
        login(&app.with_new_browser(), "sam@firm.example", PASSWORD)
            .await
            .status,
        422
    );
    let (before, after): (serde_json::Value, serde_json::Value) =
        sqlx::query_as("select before, after from audit_event where action = 'staff.disable'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (before["active"].as_bool(), after["active"].as_bool()),
        (Some(true), Some(false))
    );
    let list = admin.get("/staff/users").await;
    assert!(
        list.body
            .contains(r#"data-member="sam@firm.example" data-active="false""#),
        "{}",
        list.body
    );

    assert_redirect(&admin.submit(&page, &format!("{page}/enable"), &[]).await, &page);
    assert!(is_active(&app, member_id).await);
    assert_eq!(audit_count(&app, "staff.enable").await, 1);

    // A new password: the policy applies, against the member's own name and email.
    let personal = admin
        .submit(
            &page,
            &format!("{page}/password"),
            &[("password", "sam@firm.example-horse-77")],
        )
        .await;
    assert_eq!(personal.status, 422);
    assert_eq!(personal.count(".error-summary"), 1);
    assert!(
        personal.body.contains("the person&#39;s name")
            || personal.body.contains("the person's name")
            || personal.body.contains("the person&#x27;s name")
    );
    assert_redirect(
        &admin
            .submit(&page, &format!("{page}/password"), &[("password", MEMBER_PASSWORD)])
            .await,
        &page,
    );
    assert_eq!(
        login(&app.with_new_browser(), "sam@firm.example", PASSWORD)
            .await
            .status,
        422
    );
    assert_redirect(
        &login(&app.with_new_browser(), "sam@firm.example", MEMBER_PASSWORD).await,
        "/staff/",
    );
    let reset: String = sqlx::query_scalar(
        "select concat(before::text, after::text, detail::text) from audit_event where action = 'staff.password_reset'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert!(!reset.contains(MEMBER_PASSWORD) && !reset.contains("argon2"), "{reset}");
}

#[actix_web::test]
async fn there_is_always_an_active_admin() {
    let app = spawn_app(&SmtpSink::start()).await;
    let (admin, admin_id) = signed_in(&app, "admin@firm.example", "admin").await;
    let me = format!("/staff/users/{admin_id}");

    // Not yourself, and not the last admin.
    let own = admin.submit(&me, &format!("{me}/disable"), &[]).await;
    assert_eq!(own.status, 422);
    assert!(own.body.contains("your own account"));
    assert!(is_active(&app, admin_id).await);
    let demote = admin.submit(&me, &format!("{me}/role"), &[("role", "staff")]).await;
    assert_eq!(demote.status, 422);
    assert_eq!(demote.count(".error-summary"), 1);
    assert_eq!(role_of(&app, admin_id).await, "admin");

    // With a second admin, one can be demoted.
    let (_, other_id) = signed_in(&app, "other@firm.example", "staff").await;
    let other = format!("/staff/users/{other_id}");
    assert_redirect(
        &admin
            .submit(&other, &format!("{other}/role"), &[("role", "admin")])
            .await,
        &other,
    );
    assert_eq!(role_of(&app, other_id).await, "admin");
    let (before, after): (serde_json::Value, serde_json::Value) =
        sqlx::query_as("select before, after from audit_event where action = 'staff.role'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (before["role"].as_str(), after["role"].as_str()),
        (Some("staff"), Some("admin"))
    );
    assert_redirect(&admin.submit(&other, &format!("{other}/disable"), &[]).await, &other);
    // Disabled, the other admin no longer counts: still no demoting oneself.
    assert_eq!(
        admin
            .submit(&me, &format!("{me}/role"), &[("role", "staff")])
            .await
            .status,
        422
    );
    assert_redirect(&admin.submit(&other, &format!("{other}/enable"), &[]).await, &other);
    assert_redirect(
        &admin.submit(&me, &format!("{me}/role"), &[("role", "staff")]).await,
        "/staff/",
    );
    assert_eq!(role_of(&app, admin_id).await, "staff");
    assert_eq!(admin.get("/staff/users").await.status, 403);
}

#[actix_web::test]
async fn availability_changes_show_in_the_preview_and_are_audited() {
    let app = spawn_app(&SmtpSink::start()).await;
    let (admin, _) = signed_in(&app, "admin@firm.example", "admin").await;
    let page = admin.get("/staff/availability").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("America/Toronto"));
    let french = admin
        .get_with("/staff/availability", &[("accept-language", "fr-CA")])
        .await;
    assert!(french.body.contains("Heures d’ouverture hebdomadaires") && french.body.contains("lundi"));
    let slots = preview(&page);
    assert_eq!(slots.len(), 20);
    assert!(slots.iter().all(|(_, minutes)| *minutes == 30));

    // Out of range: the page again with the error, nothing changed.
    let fields = |length: &'static str| {
        vec![
            ("consultation_minutes", length),
            ("buffer_minutes", "15"),
            ("min_notice_hours", "24"),
            ("horizon_days", "30"),
            ("daily_cap", "8"),
            ("cancel_cutoff_hours", "12"),
        ]
    };
    let refused = admin
        .submit("/staff/availability", "/staff/availability/settings", &fields("241"))
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("Enter a length from 10 to 240 minutes"));
    assert!(refused.body.contains(r#"value="241""#));
    assert_eq!(audit_count(&app, "availability.settings").await, 0);

    assert_redirect(
        &admin
            .submit("/staff/availability", "/staff/availability/settings", &fields("45"))
            .await,
        "/staff/availability#settings",
    );
    let slots = preview(&admin.get("/staff/availability").await);
    assert!(!slots.is_empty());
    assert!(slots.iter().all(|(_, minutes)| *minutes == 45), "{slots:?}");
    let (before, after): (serde_json::Value, serde_json::Value) =
        sqlx::query_as("select before, after from audit_event where action = 'availability.settings'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (
            before["consultation_minutes"].as_i64(),
            after["consultation_minutes"].as_i64()
        ),
        (Some(30), Some(45))
    );

    // Closing the first day that has free times takes them all away.
    let first_day = slots[0].0.clone();
    let closed = admin
        .submit(
            "/staff/availability",
            "/staff/availability/exceptions",
            &[("exception_day", &first_day), ("exception_label", "Retreat")],
        )
        .await;
    assert_redirect(&closed, "/staff/availability#exceptions");
    let page = admin.get("/staff/availability").await;
    assert!(preview(&page).iter().all(|(day, _)| *day != first_day));
    assert_eq!(page.count(&format!(r#"[data-exception="{first_day}"]"#)), 1);
    assert_eq!(audit_count(&app, "availability.exception_add").await, 1);
    let half = admin
        .submit(
            "/staff/availability",
            "/staff/availability/exceptions",
            &[("exception_day", &first_day), ("exception_start", "10:00")],
        )
        .await;
    assert_eq!(half.status, 422);
    assert!(half.body.contains("Enter both times"));

    // Removing it brings them back.
    let id: Uuid = sqlx::query_scalar("select availability_exception_id from availability_exception")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_redirect(
        &admin
            .submit(
                "/staff/availability",
                &format!("/staff/availability/exceptions/{id}/remove"),
                &[],
            )
            .await,
        "/staff/availability#exceptions",
    );
    assert_eq!(preview(&admin.get("/staff/availability").await)[0].0, first_day);
    assert_eq!(audit_count(&app, "availability.exception_remove").await, 1);

    // Weekly hours: an overlap is refused; a Saturday morning is added, then removed.
    let overlap = admin
        .submit(
            "/staff/availability",
            "/staff/availability/rules",
            &[("rule_weekday", "1"), ("rule_start", "11:00"), ("rule_end", "14:00")],
        )
        .await;
    assert_eq!(overlap.status, 422);
    assert!(overlap.body.contains("overlap"));
    let backwards = admin
        .submit(
            "/staff/availability",
            "/staff/availability/rules",
            &[("rule_weekday", "6"), ("rule_start", "12:00"), ("rule_end", "09:00")],
        )
        .await;
    assert_eq!(backwards.status, 422);
    assert_redirect(
        &admin
            .submit(
                "/staff/availability",
                "/staff/availability/rules",
                &[("rule_weekday", "6"), ("rule_start", "09:00"), ("rule_end", "12:00")],
            )
            .await,
        "/staff/availability#rules",
    );
    let saturday: Uuid = sqlx::query_scalar("select availability_rule_id from availability_rule where weekday = 6")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let after: serde_json::Value =
        sqlx::query_scalar("select after from audit_event where action = 'availability.rule_add'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        after,
        serde_json::json!({ "weekday": 6, "start": "09:00", "end": "12:00" })
    );
    assert_redirect(
        &admin
            .submit(
                "/staff/availability",
                &format!("/staff/availability/rules/{saturday}/remove"),
                &[],
            )
            .await,
        "/staff/availability#rules",
    );
    assert_eq!(app.count("availability_rule").await, 10);
    assert_eq!(audit_count(&app, "availability.rule_remove").await, 1);
}

#[actix_web::test]
async fn the_audit_viewer_filters_by_action_and_staff() {
    let app = spawn_app(&SmtpSink::start()).await;
    let (admin, admin_id) = signed_in(&app, "admin@firm.example", "admin").await;
    let (_, member_id) = signed_in(&app, "sam@firm.example", "staff").await;
    let member = format!("/staff/users/{member_id}");
    assert_redirect(&admin.submit(&member, &format!("{member}/disable"), &[]).await, &member);
    assert_redirect(&admin.submit(&member, &format!("{member}/enable"), &[]).await, &member);

    let all = admin.get("/staff/audit").await;
    assert_eq!(all.status, 200);
    let total = app.count("audit_event").await;
    assert_eq!(all.count("[data-audit]") as i64, total);
    assert_eq!(
        all.text_of("[data-audit]").map(|t| t.contains("staff.enable")),
        Some(true),
        "newest first"
    );

    let staff_only = admin.get("/staff/audit?action=staff.").await;
    assert_eq!(
        staff_only.count("[data-audit]") as i64,
        total,
        "every event so far is staff.*"
    );
    let disabled = admin.get("/staff/audit?action=staff.dis").await;
    assert_eq!(disabled.count("[data-audit]"), 1);
    assert_eq!(disabled.count(&format!(r#"a[href="/staff/users/{member_id}"]"#)), 1);
    assert_eq!(
        admin
            .get("/staff/audit?action=availability.")
            .await
            .count("[data-audit]"),
        0
    );
    // The `_` of LIKE is not a wildcard here.
    assert_eq!(admin.get("/staff/audit?action=staff_").await.count("[data-audit]"), 0);

    let by_member = admin.get(&format!("/staff/audit?staff={member_id}")).await;
    assert_eq!(by_member.count(r#"[data-audit="staff.login"]"#), 1);
    assert_eq!(by_member.count("[data-audit]"), 1);
    let by_subject = admin
        .get(&format!("/staff/audit?subject={member_id}&staff={admin_id}"))
        .await;
    assert_eq!(by_subject.count("[data-audit]"), 2);
    let today = Utc::now().date_naive();
    let future = admin
        .get(&format!("/staff/audit?from={}", today + Duration::days(2)))
        .await;
    assert_eq!(future.count("[data-audit]"), 0);
    let recent = admin
        .get(&format!(
            "/staff/audit?from={}&to={}",
            today - Duration::days(1),
            today + Duration::days(1)
        ))
        .await;
    assert_eq!(recent.count("[data-audit]") as i64, total);
    // Garbage in the query string is ignored, not an error.
    assert_eq!(
        admin
            .get("/staff/audit?from=yesterday&staff=nobody&page=-4")
            .await
            .status,
        200
    );
}

/// A submitted application `days_ago` old with a review status, inserted directly.
async fn lead(app: &TestApp, reference: &str, review_status: &str, days_ago: i64) -> Uuid {
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into application (application_id, draft_token_hash, status, language, target_pathway, pathway, answers,
                                  full_name, email, reference, submitted_at, expires_at, review_status)
         values ($1, $2, 'submitted', 'en', 'gts', 'gts', '{\"phone\": \"+14165550100\"}', 'Ana López', $3, $4,
                 now() - make_interval(days => $5), now(), $6)",
    )
    .bind(id)
    .bind(id.as_bytes().to_vec())
    .bind(format!("{reference}@example.com"))
    .bind(reference)
    .bind(days_ago as i32)
    .bind(review_status)
    .execute(&app.db.pool)
    .await
    .unwrap();
    id
}

#[actix_web::test]
async fn stale_unconverted_leads_are_erased_and_old_enquiries_deleted() {
    let app = spawn_app(&SmtpSink::start()).await;
    let old_declined = lead(&app, "OLD-DECLINED", "declined", 400).await;
    let old_spam = lead(&app, "OLD-SPAM", "spam", 366).await;
    let recent_declined = lead(&app, "NEW-DECLINED", "declined", 10).await;
    let old_retained = lead(&app, "OLD-RETAINED", "retained", 400).await;

    assert_eq!(
        intake::erasure::erase_stale_leads(&app.db.pool, &app.settings, 365)
            .await
            .unwrap(),
        2
    );
    let erased = |id: Uuid| {
        let pool = app.db.pool.clone();
        async move {
            let (name, email, at): (Option<String>, Option<String>, Option<chrono::DateTime<Utc>>) =
                sqlx::query_as("select full_name, email, erased_at from application where application_id = $1")
                    .bind(id)
                    .fetch_one(&pool)
                    .await
                    .unwrap();
            match (name, email, at) {
                (None, None, Some(_)) => true,
                (Some(_), Some(_), None) => false,
                other => panic!("half erased: {other:?}"),
            }
        }
    };
    assert!(erased(old_declined).await);
    assert!(erased(old_spam).await);
    assert!(!erased(recent_declined).await, "within the period");
    assert!(!erased(old_retained).await, "a client");
    assert_eq!(app.count("application").await, 4, "erased, not deleted");
    let events: Vec<(Option<Uuid>, String, serde_json::Value)> =
        sqlx::query_as("select staff_user_id, subject_id, detail from audit_event where action = 'application.erase' order by subject_id")
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(events.len(), 2);
    for (who, _, detail) in &events {
        assert_eq!((*who, detail), (None, &serde_json::json!({ "reason": "retention" })));
    }
    // Nothing more to do the next time.
    assert_eq!(
        intake::erasure::erase_stale_leads(&app.db.pool, &app.settings, 365)
            .await
            .unwrap(),
        0
    );

    // Contact-form enquiries: the old one goes, the recent one stays.
    for (name, days) in [("Old Sender", 400), ("New Sender", 3)] {
        sqlx::query(
            "insert into enquiry (enquiry_id, language, full_name, email, message, created_at)
             values ($1, 'en', $2, 'x@example.com', 'A question about permits.', now() - make_interval(days => $3))",
        )
        .bind(Uuid::new_v4())
        .bind(name)
        .bind(days)
        .execute(&app.db.pool)
        .await
        .unwrap();
    }
    assert_eq!(
        intake::db::enquiries::purge_older_than(&app.db.pool, 365)
            .await
            .unwrap(),
        1
    );
    let left: Vec<String> = sqlx::query_scalar("select full_name from enquiry")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(left, ["New Sender"]);

    // The periods are shown to admins.
    let (admin, _) = signed_in(&app, "admin@firm.example", "admin").await;
    let users = admin.get("/staff/users").await;
    assert!(
        users
            .text_of(r#"[data-retention="leads"]"#)
            .unwrap()
            .contains("365 days")
    );
    assert!(
        users
            .text_of(r#"[data-retention="drafts"]"#)
            .unwrap()
            .contains("30 days")
    );
}
