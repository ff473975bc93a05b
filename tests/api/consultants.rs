//! The admin side of a firm of many consultants (issue 14): `intake staff add --consultant`, the
//! consultants' pages, each consultant's own hours and time off on the availability page, and the
//! province's statutory holidays (closed unless an admin reopens a day).

use std::{
    io::Write as _,
    process::{Command, Stdio},
};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use intake::holidays::QuebecEaster;
use uuid::Uuid;

use crate::{
    booking::{day_values, reach_booking, slot_ids},
    helpers::{Page, SmtpSink, TestApp, assert_redirect, create_staff, login, spawn_app},
};

const PASSWORD: &str = "correct horse battery staple 42";
const FIRM_ZONE: chrono_tz::Tz = chrono_tz::America::Toronto;

/// A browser signed in as a new account with `role`.
async fn signed_in(app: &TestApp, email: &str, name: &str, role: &str) -> (TestApp, Uuid) {
    let browser = app.with_new_browser();
    let id = create_staff(app, email, name, role, PASSWORD).await;
    assert_redirect(&login(&browser, email, PASSWORD).await, "/staff/");
    (browser, id)
}

/// The firm's own calendar, migrated from before consultants existed (no account).
async fn firm_calendar(app: &TestApp) -> Uuid {
    sqlx::query_scalar("select consultant_id from consultant where staff_user_id is null")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

async fn audit_events(
    app: &TestApp,
    action: &str,
) -> Vec<(Option<Uuid>, String, serde_json::Value, serde_json::Value)> {
    sqlx::query_as(
        "select staff_user_id, subject_id, coalesce(before, 'null'), coalesce(after, 'null') from audit_event
         where action = $1 order by at, audit_event_id",
    )
    .bind(action)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

/// The firm-local dates of the preview's free times.
fn preview_days(page: &Page) -> Vec<NaiveDate> {
    page.attrs_of("[data-slot]", "data-slot")
        .iter()
        .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// `intake staff add --consultant`.

struct Output {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn intake(db_url: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_intake"))
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RUST_LOG", "warn")
        .env("INTAKE_DATABASE_URL", db_url)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    Output {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[actix_web::test]
async fn staff_add_with_consultant_makes_a_consultant_in_the_same_transaction() {
    let app = spawn_app(&SmtpSink::start()).await;
    let url = app.db.url.clone();
    let add = |args: &[&str]| {
        let mut all = vec!["staff", "add"];
        all.extend_from_slice(args);
        intake(&url, &all, &format!("{PASSWORD}\n"))
    };

    // Unknown codes: one line naming the option and the code, exit 2, nothing made.
    for (args, says) in [
        (["--languages", "en,de"], "--languages: \"de\""),
        (["--pathways", "gts,lmia"], "--pathways: \"lmia\""),
        (["--languages", ","], "--languages: name at least one"),
    ] {
        let mut all = vec!["--email", "ana@firm.example", "--name", "Ana Silva", "--consultant"];
        all.extend_from_slice(&args);
        let out = add(&all);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr.trim().lines().count(), 1, "{}", out.stderr);
        assert!(out.stderr.contains(says), "{}", out.stderr);
    }
    // Languages without --consultant: refused by the command line's parser.
    let out = add(&[
        "--email",
        "ana@firm.example",
        "--name",
        "Ana Silva",
        "--languages",
        "fr",
    ]);
    assert_ne!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(app.count("staff_user").await, 0);
    assert_eq!(app.count("consultant").await, 1, "the firm's own calendar only");

    let out = add(&[
        "--email",
        "ana@firm.example",
        "--name",
        "Ana Silva",
        "--consultant",
        "--languages",
        "FR, en",
        "--pathways",
        "ict,gts",
    ]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout.contains("en, fr") && out.stdout.contains("gts, ict"),
        "{}",
        out.stdout
    );
    let (staff_id, languages, pathways, cap): (Uuid, Vec<String>, Vec<String>, i32) = sqlx::query_as(
        "select s.staff_user_id, c.languages, c.pathways, c.daily_cap
         from consultant c join staff_user s using (staff_user_id) where s.email = 'ana@firm.example'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        (languages, pathways),
        (
            vec!["en".to_owned(), "fr".to_owned()],
            vec!["gts".to_owned(), "ict".to_owned()]
        )
    );
    assert_eq!(cap, 8, "the firm's daily cap");
    assert_eq!(app.count("availability_rule").await, 10, "they follow the firm's hours");
    let created = audit_events(&app, "consultant.create").await;
    assert_eq!(created.len(), 1);
    assert_eq!(
        (created[0].0, created[0].3["staff_user_id"].as_str()),
        (None, Some(staff_id.to_string().as_str()))
    );
    let via: serde_json::Value =
        sqlx::query_scalar("select detail from audit_event where action = 'consultant.create'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(via["via"], "cli");

    // Without --languages and --pathways: English, every pathway.
    let out = add(&["--email", "sam@firm.example", "--name", "Sam Lee", "--consultant"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let (languages, pathways): (Vec<String>, Vec<String>) = sqlx::query_as(
        "select c.languages, c.pathways from consultant c join staff_user s using (staff_user_id)
         where s.email = 'sam@firm.example'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        (languages.as_slice(), pathways.len()),
        (["en".to_owned()].as_slice(), 3)
    );
    // Without --consultant: an account only.
    let out = add(&["--email", "lee@firm.example", "--name", "Lee Park"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(app.count("consultant").await, 3);
}

// ---------------------------------------------------------------------------------------------
// The consultants' pages.

#[actix_web::test]
async fn admins_change_consultants_and_other_staff_only_read_them() {
    let app = spawn_app(&SmtpSink::start()).await;
    let (admin, admin_id) = signed_in(&app, "admin@firm.example", "Pat Admin", "admin").await;
    let (staff, staff_id) = signed_in(&app, "sam@firm.example", "Sam Lee", "staff").await;
    let firm = firm_calendar(&app).await;
    let page = format!("/staff/consultants/{firm}");

    // Everyone reads the list and a consultant's page; only admins see the forms.
    let list = staff.get("/staff/consultants").await;
    assert_eq!(list.status, 200);
    assert_eq!(
        list.count(r#".staff-nav a[href="/staff/consultants"][aria-current="page"]"#),
        1
    );
    assert_eq!(list.count("[data-consultant]"), 1);
    assert_eq!(list.count(r#"a[href="/staff/consultants/new"]"#), 0);
    let read = staff.get(&page).await;
    assert_eq!(read.status, 200);
    assert_eq!(read.count(r#"form[method="post"]:not([action="/staff/logout"])"#), 0);
    assert_eq!(staff.get("/staff/consultants/new").await.status, 403);
    assert_eq!(
        staff
            .get(&format!("/staff/consultants/{}", Uuid::new_v4()))
            .await
            .status,
        404
    );
    assert_eq!(staff.get("/staff/consultants/nope").await.status, 404);

    let token = read.csrf_token();
    let refused: [(String, Vec<(&str, &str)>); 6] = [
        (
            "/staff/consultants/new".into(),
            vec![("languages", "en"), ("pathways", "gts")],
        ),
        (
            page.clone(),
            vec![("languages", "en"), ("pathways", "gts"), ("daily_cap", "3")],
        ),
        (format!("{page}/link"), vec![]),
        ("/staff/availability/rules/copy".into(), vec![]),
        ("/staff/availability/holidays/2030-12-25/reopen".into(), vec![]),
        ("/staff/availability/holidays/2030-12-25/close".into(), vec![]),
    ];
    let staff_id_text = staff_id.to_string();
    let firm_text = firm.to_string();
    let audit_before = app.count("audit_event").await;
    for (path, fields) in &refused {
        let mut all = vec![
            ("csrf_token", token.as_str()),
            ("staff_user_id", staff_id_text.as_str()),
            ("consultant", firm_text.as_str()),
        ];
        all.extend_from_slice(fields);
        assert_eq!(staff.post_raw(path, &all).await.status, 403, "{path}");
    }
    assert_eq!(app.count("audit_event").await, audit_before, "nothing happened");
    assert_eq!(app.count("consultant").await, 1);

    // An admin sees the forms; every problem at once, nothing changed.
    let shown = admin.get(&page).await;
    assert_eq!(shown.count(&format!(r#"form[action="{page}"]"#)), 1);
    assert_eq!(
        shown.count(&format!(r#"form[action="{page}/link"]"#)),
        1,
        "the firm's calendar is unlinked"
    );
    let bad = admin
        .submit(
            &page,
            &page,
            &[
                ("languages", "de"),
                ("daily_cap", "0"),
                ("video_link", "http://meet.example.com/x"),
                ("phone", "call me"),
            ],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.count(".error-summary-list li"), 5);
    assert!(bad.body.contains("https://"), "the link's error says what to enter");
    assert!(bad.body.contains(r#"value="call me""#), "the input is kept");
    assert!(audit_events(&app, "consultant.update").await.is_empty());

    let saved = admin
        .submit(
            &page,
            &page,
            &[
                ("languages", "es"),
                ("languages", "en"),
                ("pathways", "gts"),
                ("daily_cap", "3"),
                ("video_link", "https://meet.example.com/firm"),
                ("phone", "(416) 555-0100"),
                ("active", "yes"),
            ],
        )
        .await;
    assert_redirect(&saved, &format!("{page}?saved=profile"));
    let stored: (Vec<String>, Vec<String>, i32, String, String, bool) = sqlx::query_as(
        "select languages, pathways, daily_cap, video_link, phone, active from consultant where consultant_id = $1",
    )
    .bind(firm)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        stored,
        (
            vec!["en".to_owned(), "es".to_owned()],
            vec!["gts".to_owned()],
            3,
            "https://meet.example.com/firm".to_owned(),
            "+14165550100".to_owned(),
            true
        )
    );
    let updates = audit_events(&app, "consultant.update").await;
    assert_eq!(updates.len(), 1);
    let (who, subject, before, after) = &updates[0];
    assert_eq!((*who, subject.as_str()), (Some(admin_id), firm.to_string().as_str()));
    assert_eq!(before["daily_cap"], 8);
    assert_eq!(after["daily_cap"], 3);
    assert_eq!(after["languages"], serde_json::json!(["en", "es"]));
    assert!(
        before.get("active").is_none() && after.get("active").is_none(),
        "only what changed"
    );
    let shown = admin.get(&format!("{page}?saved=profile")).await;
    assert_eq!(shown.count("[data-saved]"), 1);
    assert_eq!(shown.text_of("[data-phone]").as_deref(), Some("+14165550100"));
    // The same again changes nothing and records nothing.
    let again = admin
        .submit(
            &page,
            &page,
            &[
                ("languages", "en"),
                ("languages", "es"),
                ("pathways", "gts"),
                ("daily_cap", "3"),
                ("video_link", "https://meet.example.com/firm"),
                ("phone", "+14165550100"),
                ("active", "yes"),
            ],
        )
        .await;
    assert_eq!(again.status, 303);
    assert_eq!(audit_events(&app, "consultant.update").await.len(), 1);

    // The firm's calendar linked to Sam: it takes their name.
    let linked = admin
        .submit(
            &page,
            &format!("{page}/link"),
            &[("staff_user_id", staff_id_text.as_str())],
        )
        .await;
    assert_redirect(&linked, &format!("{page}?saved=linked"));
    let owner: Option<Uuid> = sqlx::query_scalar("select staff_user_id from consultant where consultant_id = $1")
        .bind(firm)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(owner, Some(staff_id));
    let links = audit_events(&app, "consultant.link").await;
    assert_eq!(links.len(), 1);
    assert_eq!(
        (
            links[0].2["staff_user_id"].is_null(),
            links[0].3["staff_user_id"].as_str()
        ),
        (true, Some(staff_id_text.as_str()))
    );
    let shown = admin.get(&page).await;
    assert!(shown.body.contains("Sam Lee"));
    assert_eq!(shown.count(&format!(r#"form[action="{page}/link"]"#)), 0);
    let twice = admin
        .post_raw(
            &format!("{page}/link"),
            &[
                ("csrf_token", shown.csrf_token().as_str()),
                ("staff_user_id", admin_id.to_string().as_str()),
            ],
        )
        .await;
    assert_eq!(twice.status, 422);
    assert!(twice.body.contains("linked to an account already"));

    // Making the admin a consultant: errors first, then done; Sam is no candidate any more.
    let new = admin.get("/staff/consultants/new").await;
    assert_eq!(new.status, 200);
    assert_eq!(
        new.attrs_of("select#staff_user_id option", "value"),
        ["", admin_id.to_string().as_str()]
    );
    let missing = admin
        .submit(
            "/staff/consultants/new",
            "/staff/consultants/new",
            &[("staff_user_id", "")],
        )
        .await;
    assert_eq!(missing.status, 422);
    assert_eq!(missing.count(".error-summary-list li"), 3);
    let taken = admin
        .submit(
            "/staff/consultants/new",
            "/staff/consultants/new",
            &[
                ("staff_user_id", staff_id_text.as_str()),
                ("languages", "en"),
                ("pathways", "ict"),
            ],
        )
        .await;
    assert_eq!(taken.status, 422);
    assert!(taken.body.contains("a consultant already"));
    let made = admin
        .submit(
            "/staff/consultants/new",
            "/staff/consultants/new",
            &[
                ("staff_user_id", admin_id.to_string().as_str()),
                ("languages", "fr"),
                ("pathways", "cusma"),
                ("pathways", "ict"),
            ],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.body);
    let id: Uuid = sqlx::query_scalar("select consultant_id from consultant where staff_user_id = $1")
        .bind(admin_id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        made.header("location"),
        Some(format!("/staff/consultants/{id}?saved=created").as_str())
    );
    let created = audit_events(&app, "consultant.create").await;
    assert_eq!(created.len(), 1);
    assert_eq!(created[0].3["pathways"], serde_json::json!(["cusma", "ict"]));
    let list = admin.get("/staff/consultants").await;
    assert_eq!(list.count("[data-consultant]"), 2);
    assert!(list.body.contains("Pat Admin") && list.body.contains("Sam Lee"));
    let none_left = admin.get("/staff/consultants/new").await;
    assert_eq!(none_left.count("[data-no-candidates]"), 1);
    // The audit trail links to the consultant.
    let trail = admin.get("/staff/audit?action=consultant.").await;
    assert_eq!(trail.count("[data-audit]"), 3);
    assert!(trail.count(&format!(r#"a[href="/staff/consultants/{firm}"]"#)) >= 2);

    // In French too.
    let french = admin.get_with(&page, &[("accept-language", "fr-CA")]).await;
    assert!(french.body.contains("Langues de consultation"), "{}", french.body);
}

// ---------------------------------------------------------------------------------------------
// Each consultant's hours and time off.

/// The firm-local weekdays (1 = Monday) of the times the booking page offers in English.
async fn offered_weekdays(app: &TestApp, booking: &str) -> Vec<u32> {
    let query = "consultation_language=en&consultant=any&time_zone=America/Toronto";
    let mut weekdays = Vec::new();
    let mut week_page = app.get(&format!("{booking}?{query}")).await;
    for _ in 0..2 {
        for day in day_values(&week_page) {
            let day_page = app.get(&format!("{booking}?{query}&day={day}&night=1")).await;
            for id in slot_ids(&day_page) {
                let start = NaiveDateTime::parse_from_str(&id, "%Y%m%dT%H%M%SZ").unwrap().and_utc();
                weekdays.push(start.with_timezone(&FIRM_ZONE).weekday().number_from_monday());
            }
        }
        let Some(next) = crate::booking::next_week(&week_page) else {
            break;
        };
        week_page = app.get(&format!("{booking}?{query}&week={next}")).await;
    }
    weekdays.sort_unstable();
    weekdays.dedup();
    weekdays
}

#[actix_web::test]
async fn a_consultants_own_hours_and_time_off_change_the_times_offered() {
    let app = spawn_app(&SmtpSink::start()).await;
    let (admin, _) = signed_in(&app, "admin@firm.example", "Pat Admin", "admin").await;
    let firm = firm_calendar(&app).await;
    let theirs = format!("/staff/availability?consultant={firm}");
    let booking = reach_booking(&app, "en", "Ana López", "ana@example.com").await;
    let weekdays = offered_weekdays(&app, &booking).await;
    assert!(
        weekdays.iter().all(|d| *d <= 5) && weekdays.len() >= 3,
        "the firm's weekdays: {weekdays:?}"
    );

    // The calendar switcher; the consultant follows the firm's hours.
    let page = admin.get(&theirs).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.count(&format!(r#"select#consultant option[value="{firm}"][selected]"#)),
        1
    );
    assert_eq!(page.count("[data-follows-firm]"), 1);
    assert_eq!(page.count("[data-rule]"), 0);
    assert_eq!(page.count("#settings"), 0, "the settings are the firm's");
    assert_eq!(admin.get("/staff/availability?consultant=nobody").await.status, 404);
    assert_eq!(
        admin
            .get(&format!("/staff/availability?consultant={}", Uuid::new_v4()))
            .await
            .status,
        404
    );

    // Hours of their own: Saturday mornings only. Overlaps are checked within one calendar only:
    // a Monday rule over the firm's Monday hours is theirs to have.
    let saturday = admin
        .submit(
            &theirs,
            "/staff/availability/rules",
            &[
                ("consultant", firm.to_string().as_str()),
                ("rule_weekday", "6"),
                ("rule_start", "10:00"),
                ("rule_end", "12:00"),
            ],
        )
        .await;
    assert_redirect(&saturday, &format!("{theirs}#rules"));
    let overlap = admin
        .submit(
            &theirs,
            "/staff/availability/rules",
            &[
                ("consultant", firm.to_string().as_str()),
                ("rule_weekday", "6"),
                ("rule_start", "11:00"),
                ("rule_end", "13:00"),
            ],
        )
        .await;
    assert_eq!(overlap.status, 422);
    assert!(overlap.body.contains("overlap"));
    let after: serde_json::Value =
        sqlx::query_scalar("select after from audit_event where action = 'availability.rule_add'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(after["consultant_id"], firm.to_string());
    assert_eq!(
        offered_weekdays(&app, &booking).await,
        [6],
        "their hours, not the firm's"
    );
    let page = admin.get(&theirs).await;
    assert_eq!(page.count("[data-rule]"), 1);
    assert_eq!(page.count("[data-follows-firm]"), 0);
    let days = preview_days(&page);
    assert!(
        !days.is_empty() && days.iter().all(|d| d.weekday() == chrono::Weekday::Sat),
        "{days:?}"
    );
    // The firm's page still lists the firm's ten rules.
    assert_eq!(admin.get("/staff/availability").await.count("[data-rule]"), 10);

    // Time off on their first free Saturday takes it away; the firm's page does not list it.
    let first = days[0].to_string();
    let off = admin
        .submit(
            &theirs,
            "/staff/availability/exceptions",
            &[
                ("consultant", firm.to_string().as_str()),
                ("exception_day", first.as_str()),
                ("exception_label", "Conference"),
            ],
        )
        .await;
    assert_redirect(&off, &format!("{theirs}#exceptions"));
    let page = admin.get(&theirs).await;
    assert!(!preview_days(&page).contains(&days[0]));
    assert_eq!(page.count(&format!(r#"[data-exception="{first}"]"#)), 1);
    assert_eq!(admin.get("/staff/availability").await.count("[data-exception]"), 0);
    let (owner, after): (Option<Uuid>, serde_json::Value) = sqlx::query_as(
        "select e.consultant_id, a.after from availability_exception e, audit_event a
         where a.action = 'availability.exception_add'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        (owner, after["consultant_id"].as_str()),
        (Some(firm), Some(firm.to_string().as_str()))
    );

    // Removing their only rule: they follow the firm's hours again, then start from a copy of them.
    let rule: Uuid = sqlx::query_scalar("select availability_rule_id from availability_rule where consultant_id = $1")
        .bind(firm)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let removed = admin
        .submit(&theirs, &format!("/staff/availability/rules/{rule}/remove"), &[])
        .await;
    assert_redirect(&removed, &format!("{theirs}#rules"));
    let before: serde_json::Value =
        sqlx::query_scalar("select before from audit_event where action = 'availability.rule_remove'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(before["consultant_id"], firm.to_string());
    assert!(offered_weekdays(&app, &booking).await.iter().all(|d| *d <= 5));
    let copied = admin
        .submit(
            &theirs,
            "/staff/availability/rules/copy",
            &[("consultant", firm.to_string().as_str())],
        )
        .await;
    assert_redirect(&copied, &format!("{theirs}#rules"));
    assert_eq!(admin.get(&theirs).await.count("[data-rule]"), 10);
    assert_eq!(app.count("availability_rule").await, 20);
    // Copying again copies nothing.
    admin
        .submit(
            &theirs,
            "/staff/availability/rules/copy",
            &[("consultant", firm.to_string().as_str())],
        )
        .await;
    assert_eq!(app.count("availability_rule").await, 20);
    let copies = audit_events(&app, "availability.rules_copy").await;
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].3["rules"].as_array().map(Vec::len), Some(10));
}

// ---------------------------------------------------------------------------------------------
// Statutory holidays.

/// The next date (after today, firm-local) of statutory holiday `key` in `jurisdiction`, with
/// Quebec's Easter holiday `easter`.
fn next_holiday(jurisdiction: &str, key: &str, today: NaiveDate, easter: QuebecEaster) -> Option<NaiveDate> {
    (today.year()..=today.year() + 1)
        .flat_map(|year| intake::holidays::statutory_with(jurisdiction, year, easter))
        .filter(|h| h.key == key && h.date > today)
        .map(|h| h.date)
        .next()
}

/// How many times the booking page offers on `day` (firm-local).
async fn offered_on(app: &TestApp, booking: &str, day: NaiveDate) -> usize {
    let page = app
        .get(&format!(
            "{booking}?consultation_language=en&consultant=any&time_zone=America/Toronto&day={day}&night=1"
        ))
        .await;
    assert_eq!(page.status, 200);
    slot_ids(&page).len()
}

#[actix_web::test]
async fn statutory_holidays_close_the_firm_unless_an_admin_reopens_them() {
    let app = spawn_app(&SmtpSink::start()).await;
    let (admin, _) = signed_in(&app, "admin@firm.example", "Pat Admin", "admin").await;
    // Every day of the coming year has hours, bookable now.
    sqlx::query("update availability_setting set horizon_days = 365, min_notice_hours = 0")
        .execute(&app.db.pool)
        .await
        .unwrap();
    sqlx::query(
        "insert into availability_rule (weekday, start_time, end_time) values (6, '09:00', '17:00'), (7, '09:00', '17:00')",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    let today = Utc::now().with_timezone(&FIRM_ZONE).date_naive();
    let last = today + Duration::days(364);
    let christmas = next_holiday("ON", "christmas-day", today, QuebecEaster::GoodFriday).unwrap();
    let good_friday = next_holiday("ON", "good-friday", today, QuebecEaster::GoodFriday).unwrap();
    // Only Quebec observes Easter Monday, when the employer chooses it (instead of Good Friday, or
    // with it).
    let easter_monday = next_holiday("QC", "easter-monday", today, QuebecEaster::EasterMonday).unwrap();
    for jurisdiction in ["ON", "CA", "QC"] {
        assert!(
            intake::holidays::statutory(jurisdiction, easter_monday.year())
                .iter()
                .all(|h| h.date != easter_monday),
            "{jurisdiction} does not observe Easter Monday by default"
        );
    }
    let booking = reach_booking(&app, "en", "Ana López", "ana@example.com").await;

    // Ontario, by default: Christmas Day and Good Friday offer nothing; Easter Monday is a day like
    // any other.
    let page = admin.get("/staff/availability").await;
    assert_eq!(
        page.text_of(r#"[data-setting="availability-holidays"]"#).as_deref(),
        Some("Ontario")
    );
    assert_eq!(page.count(r#"select#holidays option[value="ON"][selected]"#), 1);
    assert_eq!(
        page.count("select#holidays option"),
        15,
        "none, federal, 13 provinces and territories"
    );
    let listed = page.attrs_of("[data-holiday]", "data-holiday");
    for day in [christmas, good_friday] {
        if day <= last {
            assert!(listed.contains(&day.to_string()), "{day} in {listed:?}");
            assert_eq!(offered_on(&app, &booking, day).await, 0, "{day}");
        }
    }
    if easter_monday <= last {
        assert!(offered_on(&app, &booking, easter_monday).await > 0, "{easter_monday}");
    }

    // Reopened, Christmas Day offers times; closed again, none. Both audited.
    let reopen = format!("/staff/availability/holidays/{christmas}/reopen");
    assert_redirect(
        &admin.submit("/staff/availability", &reopen, &[]).await,
        "/staff/availability#holidays",
    );
    let page = admin.get("/staff/availability").await;
    assert_eq!(
        page.attr_of(&format!(r#"[data-holiday="{christmas}"]"#), "data-reopened")
            .as_deref(),
        Some("true")
    );
    assert!(offered_on(&app, &booking, christmas).await > 0);
    let reopened = audit_events(&app, "availability.holiday_reopen").await;
    assert_eq!(reopened.len(), 1);
    assert_eq!(
        (
            reopened[0].1.as_str(),
            reopened[0].2["reopened"].as_bool(),
            reopened[0].3["reopened"].as_bool()
        ),
        (christmas.to_string().as_str(), Some(false), Some(true))
    );
    // Twice is once.
    admin.submit("/staff/availability", &reopen, &[]).await;
    assert_eq!(audit_events(&app, "availability.holiday_reopen").await.len(), 1);
    assert_redirect(
        &admin
            .submit(
                "/staff/availability",
                &format!("/staff/availability/holidays/{christmas}/close"),
                &[],
            )
            .await,
        "/staff/availability#holidays",
    );
    assert_eq!(offered_on(&app, &booking, christmas).await, 0);
    assert_eq!(audit_events(&app, "availability.holiday_close").await.len(), 1);
    // A day that is no holiday, or no date at all: no such page.
    let token = admin.get("/staff/availability").await.csrf_token();
    for path in [
        format!("/staff/availability/holidays/{}/reopen", christmas - Duration::days(1)),
        "/staff/availability/holidays/2030-02-30/reopen".to_owned(),
        "/staff/availability/holidays/christmas/reopen".to_owned(),
    ] {
        assert_eq!(
            admin.post_raw(&path, &[("csrf_token", token.as_str())]).await.status,
            404,
            "{path}"
        );
    }
    assert_eq!(app.count("holiday_reopened").await, 0);

    // Quebec, with Easter Monday as its Easter holiday: that day offers nothing, Good Friday does.
    let settings = |holidays: &'static str, easter: &'static str| {
        vec![
            ("consultation_minutes", "30"),
            ("buffer_minutes", "15"),
            ("min_notice_hours", "0"),
            ("horizon_days", "365"),
            ("daily_cap", "8"),
            ("cancel_cutoff_hours", "12"),
            ("holidays", holidays),
            ("quebec_easter", easter),
        ]
    };
    for (holidays, easter) in [("XX", "good_friday"), ("QC", "christmas")] {
        let refused = admin
            .submit(
                "/staff/availability",
                "/staff/availability/settings",
                &settings(holidays, easter),
            )
            .await;
        assert_eq!(refused.status, 422, "{holidays} {easter}");
    }
    assert_redirect(
        &admin
            .submit(
                "/staff/availability",
                "/staff/availability/settings",
                &settings("QC", "easter_monday"),
            )
            .await,
        "/staff/availability#settings",
    );
    let (before, after): (serde_json::Value, serde_json::Value) =
        sqlx::query_as("select before, after from audit_event where action = 'availability.settings'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(
        (before["holidays"].as_str(), after["holidays"].as_str()),
        (Some("ON"), Some("QC"))
    );
    assert_eq!(
        (before["quebec_easter"].as_str(), after["quebec_easter"].as_str()),
        (Some("good_friday"), Some("easter_monday"))
    );
    let page = admin.get("/staff/availability").await;
    assert_eq!(
        page.count(r#"select#quebec_easter option[value="easter_monday"][selected]"#),
        1
    );
    assert_eq!(
        page.text_of(r#"[data-setting="availability-quebec-easter"]"#)
            .as_deref(),
        Some("Easter Monday")
    );
    if easter_monday <= last {
        assert_eq!(offered_on(&app, &booking, easter_monday).await, 0, "{easter_monday}");
        assert!(
            page.attrs_of("[data-holiday]", "data-holiday")
                .contains(&easter_monday.to_string())
        );
        // Its Good Friday is that year's, three days before.
        assert!(offered_on(&app, &booking, easter_monday - Duration::days(3)).await > 0);
    }
    assert_eq!(
        offered_on(&app, &booking, christmas).await,
        0,
        "Christmas in Quebec too"
    );

    // No jurisdiction: no holiday closes the firm.
    assert_redirect(
        &admin
            .submit(
                "/staff/availability",
                "/staff/availability/settings",
                &settings("none", "good_friday"),
            )
            .await,
        "/staff/availability#settings",
    );
    assert!(offered_on(&app, &booking, christmas).await > 0);
    let page = admin.get("/staff/availability").await;
    assert_eq!(page.count("[data-holiday]"), 0);
    assert_eq!(page.count(r#"select#holidays option[value="none"][selected]"#), 1);
}
