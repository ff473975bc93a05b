//! Backups: `intake applications show` finds an application by its reference and prints where it
//! stands without personal data; `deploy/backup-drill` dumps a database with a real submission,
//! restores it into a fresh database, starts intake on the copy and finds the application there with
//! its booking and emails, without emailing anyone; a failed drill says in one line which step failed.

use std::{path::PathBuf, process::Output};

use chrono::{DateTime, Utc};

use crate::{
    booking::{choose_slot, reach_booking, submit},
    helpers::{SmtpSink, TestApp, TestDb, assert_redirect, spawn_app},
};

const NAME: &str = "Ana López";
const EMAIL: &str = "ana.backup@example.com";

/// A submitted GTS application with its booking; its emails are written and none delivered yet.
/// Returns its reference.
async fn submitted_with_booking(app: &TestApp) -> String {
    let booking = reach_booking(app, "en", NAME, EMAIL).await;
    choose_slot(app, &booking, None, "Europe/Paris").await;
    assert_redirect(&submit(app, "en").await, "/en/apply/confirmation");
    app.get("/en/apply/confirmation")
        .await
        .text_of("#reference")
        .expect("the confirmation shows the reference")
}

/// The lines `intake applications show` should print for the booking and emails, from the database.
async fn expected_lines(app: &TestApp, reference: &str) -> (String, Vec<String>, Vec<String>) {
    let (submitted_at,): (DateTime<Utc>,) = sqlx::query_as("select submitted_at from application where reference = $1")
        .bind(reference)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let bookings: Vec<(DateTime<Utc>, String)> = sqlx::query_as(
        "select b.starts_at, b.status from booking b join application a using (application_id)
         where a.reference = $1 order by b.starts_at",
    )
    .bind(reference)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let emails: Vec<(String, String)> = sqlx::query_as(
        "select o.kind, o.status from email_outbox o join application a using (application_id)
         where a.reference = $1 order by o.created_at, o.email_outbox_id",
    )
    .bind(reference)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let utc = |at: DateTime<Utc>| at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    (
        format!("submitted: {}", utc(submitted_at)),
        bookings
            .into_iter()
            .map(|(at, status)| format!("booking: {} {status}", utc(at)))
            .collect(),
        emails
            .into_iter()
            .map(|(kind, status)| format!("emails: {kind} {status}"))
            .collect(),
    )
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("intake-backup-{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `intake applications show REFERENCE` on `database_url`, with nothing from the developer's
/// environment.
async fn show(database_url: &str, reference: &str) -> Output {
    applications(database_url, &["show", reference]).await
}

/// `intake applications ARGS...` on `database_url`, with nothing from the developer's environment.
async fn applications(database_url: &str, args: &[&str]) -> Output {
    let dir = temp_dir("applications");
    let output = tokio::process::Command::new(env!("CARGO_BIN_EXE_intake"))
        .arg("applications")
        .args(args)
        .current_dir(&dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("INTAKE_DATABASE_URL", database_url)
        .env("INTAKE_DATA_DIR", dir.join("var"))
        .env("INTAKE_METRICS_LISTEN", "off")
        .output()
        .await
        .expect("run intake applications");
    let _ = std::fs::remove_dir_all(dir);
    output
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[actix_web::test]
async fn applications_show_prints_status_booking_and_emails_and_no_personal_data() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let reference = submitted_with_booking(&app).await;
    // Some emails delivered, the reminder still waiting: both statuses are printed.
    app.drain_outbox().await;
    let (submitted, bookings, emails) = expected_lines(&app, &reference).await;
    assert_eq!(bookings.len(), 1);
    assert!(
        emails.iter().any(|e| e.ends_with(" sent")) && emails.iter().any(|e| e.ends_with(" pending")),
        "{emails:?}"
    );

    let output = show(&app.db.url, &reference).await;
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}{}", text(&output.stderr));
    let mut expected = vec![
        format!("reference: {reference}"),
        "status: submitted".to_owned(),
        "review: new".to_owned(),
        "pathway: gts".to_owned(),
        submitted,
    ];
    expected.extend(bookings);
    expected.extend(emails);
    assert_eq!(stdout.lines().collect::<Vec<_>>(), expected, "{stdout}");
    for personal in [
        NAME,
        EMAIL,
        "ana.backup",
        "Maple Payments",
        "Senior software engineer",
        "Paris",
    ] {
        assert!(!stdout.contains(personal), "{personal} printed: {stdout}");
        assert!(!text(&output.stderr).contains(personal), "{personal} logged");
    }

    // Typed as people read it out: without the hyphen, in lower case, with a space.
    let bare = reference.replace('-', "").to_lowercase();
    let spaced = reference.replace('-', " ").to_lowercase();
    for typed in [bare.as_str(), spaced.as_str()] {
        let again = show(&app.db.url, typed).await;
        assert_eq!(again.status.code(), Some(0), "{typed}: {}", text(&again.stderr));
        assert_eq!(text(&again.stdout), stdout, "{typed}");
    }

    // Not there (a well-formed reference nobody has), or not a reference at all: exit 3, one line.
    let absent = if reference == "ZZZZ-ZZZZ" {
        "YYYY-YYYY"
    } else {
        "ZZZZ-ZZZZ"
    };
    for (typed, named) in [
        (absent.to_lowercase(), absent),
        ("no-such-thing".to_owned(), "no-such-thing"),
    ] {
        let missing = show(&app.db.url, &typed).await;
        assert_eq!(missing.status.code(), Some(3), "{typed}: {}", text(&missing.stderr));
        assert_eq!(text(&missing.stdout), "", "nothing on standard output");
        let stderr = text(&missing.stderr);
        let last = stderr.trim_end().lines().last().unwrap_or_default();
        assert_eq!(
            last,
            format!("intake: no application with the reference {named}"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"));
    }
}

/// `bash deploy/backup-drill ARGS` with the debug `intake`, and `INTAKE_SMTP_URL` pointing at
/// `smtp` in its environment, as an operator's shell on the server might have it.
async fn drill(args: &[&str], smtp: &SmtpSink) -> Output {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/backup-drill");
    tokio::process::Command::new("bash")
        .arg(script)
        .args(args)
        .args(["--intake", env!("CARGO_BIN_EXE_intake")])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("INTAKE_SMTP_URL", format!("smtp://127.0.0.1:{}", smtp.port))
        .env_remove("INTAKE_DATABASE_URL")
        .output()
        .await
        .expect("run bash deploy/backup-drill")
}

/// The drill database named in the drill's output ("restore: into the new database NAME in ...").
fn drill_database(stdout: &str) -> String {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("restore: into the new database "))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("the drill names its database: {stdout}"))
        .to_owned()
}

async fn database_exists(app_pool: &sqlx::PgPool, name: &str) -> bool {
    sqlx::query_scalar::<_, bool>("select exists (select 1 from pg_database where datname = $1)")
        .bind(name)
        .fetch_one(app_pool)
        .await
        .unwrap()
}

#[actix_web::test]
async fn the_backup_drill_restores_a_dump_starts_intake_on_it_and_finds_the_booking_and_emails() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let reference = submitted_with_booking(&app).await;
    // Nothing delivered yet: the dump holds emails due now, which the drill instance must not send.
    let (_, bookings, emails) = expected_lines(&app, &reference).await;
    assert!(
        emails.len() >= 2 && emails.iter().all(|e| e.ends_with(" pending")),
        "{emails:?}"
    );

    let typed = reference.replace('-', "").to_lowercase();
    let output = drill(&["--source-url", &app.db.url, "--reference", &typed], &smtp).await;
    let stdout = text(&output.stdout);
    let stderr = text(&output.stderr);
    println!("{stdout}");
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    let last = stdout.trim_end().lines().last().unwrap_or_default();
    assert!(
        last.starts_with(&format!(
            "restore drill passed: {reference} found with 1 booking(s) and {} email(s)",
            emails.len()
        )),
        "{stdout}"
    );
    assert!(stdout.contains("dump: ") && stdout.contains(" bytes) in "), "{stdout}");
    assert!(stdout.contains(&format!("  reference: {reference}")), "{stdout}");
    for booking in &bookings {
        assert!(stdout.contains(&format!("  {booking}")), "{booking} missing: {stdout}");
    }
    // The drill instance may have delivered the due ones to its files by the time it looked.
    for email in &emails {
        let kind = email.rsplit_once(' ').unwrap().0;
        assert!(stdout.contains(&format!("  {kind} ")), "{kind} missing: {stdout}");
    }
    for personal in [NAME, EMAIL] {
        assert!(
            !stdout.contains(personal) && !stderr.contains(personal),
            "{personal} printed"
        );
    }

    let copy = drill_database(&stdout);
    assert!(copy.starts_with("intake_drill_"), "{copy}");
    assert!(
        !database_exists(&app.db.pool, &copy).await,
        "the drill database is dropped"
    );
    // The drill emailed no one: the SMTP server in its caller's environment got nothing, and the
    // source database's outbox is untouched.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(smtp.messages().is_empty(), "the drill instance sent email");
    let (_, _, after) = expected_lines(&app, &reference).await;
    assert_eq!(after, emails, "the source outbox is untouched");
}

#[actix_web::test]
async fn a_failed_drill_says_in_one_line_which_step_failed_and_leaves_no_database() {
    let smtp = SmtpSink::start();
    // An empty, migrated intake database: it restores and serves, and has no such application.
    let db = TestDb::new().await;
    let output = drill(&["--source-url", &db.url, "--reference", "ZZZZ-ZZZZ"], &smtp).await;
    let stdout = text(&output.stdout);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(!stdout.contains("restore drill passed"), "{stdout}");
    let failures: Vec<&str> = stderr.lines().filter(|l| l.contains("restore drill failed")).collect();
    assert_eq!(failures.len(), 1, "{stderr}");
    assert!(
        failures[0].starts_with("restore drill failed at step find: ")
            && failures[0].contains("no application with the reference ZZZZ-ZZZZ"),
        "{stderr}"
    );
    assert_eq!(
        stderr.trim_end().lines().last(),
        Some(failures[0]),
        "the last line says it"
    );
    let copy = drill_database(&stdout);
    assert!(
        !database_exists(&db.pool, &copy).await,
        "the drill database is dropped after a failure"
    );

    // A source that cannot be reached fails at the first step, before anything is created.
    let nowhere = db.url.replace(&db.name, "intake_no_such_database");
    let output = drill(&["--source-url", &nowhere, "--reference", "ZZZZ-ZZZZ"], &smtp).await;
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("restore drill failed at step tools: cannot connect to the source database"),
        "{stderr}"
    );
}

/// After a restore, the erasures made since the backup are made again from their log lines.
#[actix_web::test]
async fn applications_erase_replays_an_erasure_by_id_once_and_audits_it() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let reference = submitted_with_booking(&app).await;
    let id: uuid::Uuid = sqlx::query_scalar("select application_id from application where reference = $1")
        .bind(&reference)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let id = id.to_string();
    let output = applications(&app.db.url, &["erase", &id]).await;
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(text(&output.stdout).trim(), format!("erased {id}"));
    // The log names the id only: the line a firm keeps to replay erasures after a restore.
    let log = text(&output.stderr);
    assert!(log.contains("application erased") && log.contains(&id), "{log}");
    assert!(!log.contains(NAME) && !log.contains(EMAIL), "{log}");
    let name: Option<String> = sqlx::query_scalar("select full_name from application where application_id = $1::uuid")
        .bind(&id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(name, None);
    let audited: i64 = sqlx::query_scalar(
        "select count(*) from audit_event where action = 'application.erase' and subject_id = $1 and detail->>'via' = 'cli'",
    )
    .bind(&id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audited, 1);

    let again = applications(&app.db.url, &["erase", &id]).await;
    assert_eq!(again.status.code(), Some(0));
    assert!(
        text(&again.stdout).contains("nothing to erase"),
        "{}",
        text(&again.stdout)
    );
    let refused = applications(&app.db.url, &["erase", "not-a-uuid"]).await;
    assert_eq!(refused.status.code(), Some(2));
}
