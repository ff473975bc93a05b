//! Migrations as a release step (`docs/operations.md`): the schema is migrated by an owner role
//! with `intake migrate`; the server runs under a role that can only read and write rows, with
//! `INTAKE_AUTO_MIGRATE=off`, and refuses to start on a schema that is behind it.

use std::{
    path::Path,
    process::{Command, Output},
    time::Duration,
};

use intake::db::MIGRATOR;
use sqlx::{Connection, PgConnection, PgPool, migrate::Migrator};

use crate::{
    drills::{at_check, offered_slots, options},
    helpers::{SmtpSink, TestDb},
    server::{Server, release_binary},
};

/// The grants `docs/operations.md` gives for the application role, run by the owner.
const APP_ROLE_GRANTS: &[&str] = &[
    "grant connect on database {db} to {role}",
    "grant usage on schema public to {role}",
    "revoke create on schema public from public",
    "grant select, insert, update, delete on all tables in schema public to {role}",
    "grant usage, select on all sequences in schema public to {role}",
    "alter default privileges in schema public grant select, insert, update, delete on tables to {role}",
    "alter default privileges in schema public grant usage, select on sequences to {role}",
];

/// `url` with another user.
fn as_user(url: &str, user: &str) -> String {
    let mut url = reqwest::Url::parse(url).expect("a database URL");
    url.set_username(user).unwrap();
    url.set_password(None).unwrap();
    url.to_string()
}

/// `intake <args>` (the release binary) on `database_url`, to its end.
fn intake(args: &[&str], database_url: &str, extra: &[(&str, &str)]) -> Output {
    let dir = std::env::temp_dir().join(format!("intake-release-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let output = Command::new(release_binary())
        .args(args)
        .current_dir(&dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("INTAKE_DATABASE_URL", database_url)
        .env("INTAKE_DATA_DIR", &dir)
        .env("INTAKE_METRICS_LISTEN", "off")
        .env("INTAKE_LISTEN", "127.0.0.1:0")
        .env("RUST_LOG", "info")
        .envs(extra.iter().copied())
        .output()
        .expect("run intake");
    let _ = std::fs::remove_dir_all(dir);
    output
}

/// Every migration but the newest, applied by the owner: the database of the previous release.
async fn migrate_all_but_newest(pool: &PgPool) -> i64 {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut files: Vec<_> = std::fs::read_dir(&source)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    let newest = files.pop().expect("migrations");
    let previous = std::env::temp_dir().join(format!("intake-migrations-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&previous).unwrap();
    for file in &files {
        std::fs::copy(file, previous.join(file.file_name().unwrap())).unwrap();
    }
    Migrator::new(previous.as_path())
        .await
        .unwrap()
        .run(pool)
        .await
        .expect("the previous release's migrations");
    let _ = std::fs::remove_dir_all(previous);
    let name = newest.file_name().unwrap().to_string_lossy().into_owned();
    name.split('_').next().unwrap().parse().unwrap()
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_runs_under_a_role_without_ddl_on_a_schema_the_owner_migrated() {
    let db = TestDb::empty().await;
    let role = format!("intake_app_{}", &uuid::Uuid::new_v4().simple().to_string()[..10]);
    let newest = migrate_all_but_newest(&db.pool).await;
    sqlx::query(sqlx::AssertSqlSafe(format!("create role {role} login")))
        .execute(&db.pool)
        .await
        .unwrap();
    for grant in APP_ROLE_GRANTS {
        let sql = grant
            .replace("{db}", &format!("\"{}\"", db.name))
            .replace("{role}", &role);
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&db.pool).await.unwrap();
    }
    let app_url = as_user(&db.url, &role);

    // The application role cannot change the schema.
    let mut conn = PgConnection::connect(&app_url).await.expect("the app role connects");
    let ddl = sqlx::query("create table not_allowed (x int)").execute(&mut conn).await;
    assert!(
        ddl.as_ref().is_err_and(|e| e.to_string().contains("permission denied")),
        "{ddl:?}"
    );
    conn.close().await.unwrap();

    // The previous release's schema: with automatic migration off, serve refuses in one line.
    let refused = intake(&["serve"], &app_url, &[("INTAKE_AUTO_MIGRATE", "off")]);
    let stderr = stderr_of(&refused);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    let last = stderr.trim().lines().last().unwrap_or_default();
    assert!(
        last.contains(&newest.to_string()) && last.contains("intake migrate") && last.contains("INTAKE_AUTO_MIGRATE"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    // The application role cannot run the release step...
    let denied = intake(&["migrate"], &app_url, &[]);
    assert_ne!(denied.status.code(), Some(0));
    assert!(
        stderr_of(&denied).contains("applying migrations failed"),
        "{}",
        stderr_of(&denied)
    );
    // ...the owner can.
    let migrated = intake(&["migrate"], &db.url, &[]);
    assert_eq!(migrated.status.code(), Some(0), "{}", stderr_of(&migrated));
    let applied: i64 = sqlx::query_scalar("select count(*) from _sqlx_migrations where success")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    let known = MIGRATOR.iter().filter(|m| m.migration_type.is_up_migration()).count();
    assert_eq!(applied as usize, known);

    // Now the server starts under the application role and takes a booking end to end: draft,
    // answers, slot, submission, emails (the outbox worker), wage data loaded into the empty tables.
    let smtp = SmtpSink::start();
    let mut server_options = options(&app_url, smtp.port);
    server_options.vars.push(("INTAKE_AUTO_MIGRATE".into(), "off".into()));
    let mut server = Server::start(server_options).await;
    let slot = offered_slots(&server.address, 1).await.remove(0);
    let applicant = at_check(&server.address, "release-step@example.com".into(), &slot).await;
    let answer = applicant.submit().await.expect("submit");
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_eq!(answer.header("location"), Some("/en/apply/confirmation"));
    let mail = smtp.wait_for(2, Duration::from_secs(30)).await;
    assert!(mail.len() >= 2, "the brief and the confirmation are delivered");
    let log = server.log_text();
    assert!(log.contains("schema is current"), "{log}");
    assert!(!log.contains("permission denied"), "{log}");

    // A newer release migrated the database (an expand-only change): this release still runs on
    // it, which is what rolling back the binary relies on; it says so.
    sqlx::query(
        "insert into _sqlx_migrations (version, description, success, checksum, execution_time)
         values (29991231000000, 'a later release', true, '\\x00', 0)",
    )
    .execute(&db.pool)
    .await
    .unwrap();
    server.restart().await;
    assert!(server.log_text().contains("newer release"), "{}", server.log_text());
    drop(server);

    // A migration file that differs from the one applied is refused.
    sqlx::query("update _sqlx_migrations set checksum = '\\x00' where version = $1")
        .bind(newest)
        .execute(&db.pool)
        .await
        .unwrap();
    let changed = intake(&["serve"], &app_url, &[("INTAKE_AUTO_MIGRATE", "off")]);
    assert_eq!(changed.status.code(), Some(1));
    assert!(
        stderr_of(&changed).contains("different file"),
        "{}",
        stderr_of(&changed)
    );

    sqlx::query(sqlx::AssertSqlSafe(format!("drop owned by {role}")))
        .execute(&db.pool)
        .await
        .unwrap();
    let database = db.name.clone();
    let admin_url = db.url.replace(&format!("/{database}"), "/postgres");
    drop(db);
    let mut admin = PgConnection::connect(&admin_url).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("drop role if exists {role}")))
        .execute(&mut admin)
        .await
        .unwrap();
}
