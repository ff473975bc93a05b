//! Job Bank wage data (domain reference §7): editions stored and read back, `intake wages import`,
//! the starter edition, and the admins' page that imports an uploaded file.

use std::{path::PathBuf, process::Command};

use chrono::NaiveDate;
use intake::{
    db,
    domain::wage::GeoLevel,
    wages::{self, ImportSummary, Importer},
};
use sqlx::PgPool;

use crate::helpers::{Page, SmtpSink, TestApp, TestDb, assert_redirect, create_staff, login, spawn_app};

const PASSWORD: &str = "correct horse battery staple 42";
const STARTER_SUMMARY: &str = "imported Job Bank wages edition 2025-11-19: 1155 medians, 23 NOCs, \
                               76 economic regions (823 N/A cells skipped) from job_bank_wages_2025_starter.csv";

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wages")
        .join(name)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_path(name)).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Imports a fixture as the command line does.
async fn import(pool: &PgPool, name: &str) -> ImportSummary {
    let file = wages::parse(&fixture(name), name).unwrap();
    let mut tx = pool.begin().await.unwrap();
    let summary = wages::import(&mut tx, &file, Importer::Cli).await.unwrap();
    tx.commit().await.unwrap();
    summary
}

async fn count(pool: &PgPool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// Rows of job_bank_median, wage_region and wage_edition.
async fn counts(pool: &PgPool) -> (i64, i64, i64) {
    (
        count(pool, "select count(*) from job_bank_median").await,
        count(pool, "select count(*) from wage_region").await,
        count(pool, "select count(*) from wage_edition").await,
    )
}

// ---------------------------------------------------------------------------------------------
// Stored editions.

#[actix_web::test]
async fn wages_importing_an_edition_twice_replaces_it() {
    let db = TestDb::new().await;
    assert!(db::wages::is_empty(&db.pool).await.unwrap());
    let first = import(&db.pool, "regions_2025.csv").await;
    assert_eq!((first.medians, first.nocs, first.regions, first.skipped), (8, 2, 7, 3));
    let stored = counts(&db.pool).await;
    assert_eq!(stored, (8, 5, 1));

    let second = import(&db.pool, "regions_2025.csv").await;
    assert_eq!(second, first);
    assert_eq!(counts(&db.pool).await, stored, "replaced, not doubled");
    let editions = db::wages::editions(&db.pool).await.unwrap();
    assert_eq!(editions.len(), 1);
    let edition = &editions[0];
    assert_eq!(edition.effective_date, date(2025, 11, 19));
    assert_eq!((edition.rows, edition.nocs, edition.regions), (8, 2, 7));
    assert_eq!(edition.source_file, "regions_2025.csv");
    assert_eq!(edition.reference_periods, "2021, 2023-2024");
    assert_eq!(edition.imported_by, None);
    // Medians are stored exactly.
    let toronto: String = sqlx::query_scalar("select median::text from job_bank_median where er_code = 'ER3530'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(toronto, "48.08");
    assert_eq!(
        count(
            &db.pool,
            "select count(*) from audit_event where action = 'wages.import'"
        )
        .await,
        2
    );
}

#[actix_web::test]
async fn wages_medians_for_reads_the_edition_in_force_on_the_date() {
    let db = TestDb::new().await;
    import(&db.pool, "regions_2025.csv").await;
    import(&db.pool, "regions_2024.csv").await;
    let nocs = ["21232".to_owned(), "51121".to_owned()];
    let toronto =
        |table: &intake::domain::wage::MedianTable| table.lookup("21232", Some("ON"), Some("ER3530")).map(|f| f.median);

    let before = db::wages::medians_for(&db.pool, date(2024, 11, 19), &nocs)
        .await
        .unwrap();
    assert_eq!(before.edition, None);
    assert!(before.rows.is_empty());

    let in_2025 = db::wages::medians_for(&db.pool, date(2025, 6, 1), &nocs).await.unwrap();
    assert_eq!(in_2025.edition.as_ref().unwrap().effective_date, date(2024, 11, 20));
    assert_eq!(in_2025.edition.as_ref().unwrap().source_file, "regions_2024.csv");
    assert!(
        in_2025.rows.iter().all(|r| r.effective_date == date(2024, 11, 20)),
        "one edition"
    );
    assert_eq!(toronto(&in_2025), Some(46.08));

    let on_the_day = db::wages::medians_for(&db.pool, date(2025, 11, 19), &nocs)
        .await
        .unwrap();
    assert_eq!(on_the_day.edition.as_ref().unwrap().effective_date, date(2025, 11, 19));
    assert_eq!(on_the_day.rows.len(), 8);
    assert_eq!(toronto(&on_the_day), Some(48.08));
    // PEI's single region is its province's figure; a region with N/A falls back to Ontario.
    let pei = on_the_day.lookup("21232", Some("PE"), Some("ER1110")).unwrap();
    assert_eq!(
        (pei.level, pei.median, pei.area_en.as_str()),
        (GeoLevel::Province, 38.46, "Prince Edward Island")
    );
    let northwest = on_the_day.lookup("21232", Some("ON"), Some("ER3595")).unwrap();
    assert_eq!(
        (northwest.level, northwest.area_en.as_str()),
        (GeoLevel::Province, "Ontario")
    );

    // Only the NOCs asked for; an annual occupation keeps its unit.
    let annual = db::wages::medians_for(&db.pool, date(2026, 1, 1), &["51121".to_owned()])
        .await
        .unwrap();
    assert_eq!(annual.rows.len(), 1);
    let conductors = &annual.rows[0];
    assert_eq!(
        (conductors.median, conductors.unit),
        (36000.0, intake::domain::wage::WageUnit::Annual)
    );
    assert_eq!(conductors.median_cents(), 3_600_000);
}

#[actix_web::test]
async fn wages_regions_of_ontario_list_toronto() {
    let db = TestDb::new().await;
    import(&db.pool, "regions_2025.csv").await;
    let ontario = db::wages::regions(&db.pool, date(2025, 12, 1), "ON").await.unwrap();
    let names: Vec<(&str, &str)> = ontario
        .iter()
        .map(|r| (r.er_code.as_str(), r.name_en.as_str()))
        .collect();
    assert_eq!(
        names,
        [("ER3595", "Northwest"), ("ER3510", "Ottawa"), ("ER3530", "Toronto")]
    );
    assert!(ontario.iter().all(|r| r.province == "ON"));
    assert_eq!(ontario[0].name_fr, "Nord-ouest");
    assert!(
        db::wages::regions(&db.pool, date(2025, 12, 1), "PE")
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        db::wages::regions(&db.pool, date(2025, 11, 18), "ON")
            .await
            .unwrap()
            .is_empty()
    );
}

#[actix_web::test]
async fn wages_starter_edition_is_loaded_only_into_an_empty_database() {
    let db = TestDb::new().await;
    let loaded = wages::load_starter_if_empty(&db.pool).await.unwrap().unwrap();
    assert_eq!(format!("imported {loaded}"), STARTER_SUMMARY);
    assert_eq!(wages::load_starter_if_empty(&db.pool).await.unwrap(), None);
    assert_eq!(counts(&db.pool).await, (1155, 72, 1));
    let toronto = db::wages::regions(&db.pool, date(2026, 1, 1), "ON").await.unwrap();
    assert!(toronto.iter().any(|r| r.er_code == "ER3530" && r.name_en == "Toronto"));
}

// ---------------------------------------------------------------------------------------------
// The command line.

fn intake(db: &TestDb) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_intake"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RUST_LOG", "info")
        .env("INTAKE_DATABASE_URL", &db.url)
        .env("INTAKE_DATA_DIR", std::env::temp_dir().join("intake-wages-cli"));
    command
}

#[actix_web::test]
async fn wages_import_command_refuses_a_file_missing_a_column() {
    let db = TestDb::new().await;
    let output = intake(&db)
        .args(["wages", "import"])
        .arg(fixture_path("missing_median_column.csv"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim(),
        "intake: wages file: missing column Median_Wage_Salaire_Median"
    );
    assert!(output.stdout.is_empty());
    assert_eq!(counts(&db.pool).await, (0, 0, 0));
}

#[actix_web::test]
async fn wages_import_command_stores_the_starter_file() {
    let db = TestDb::new().await;
    let output = intake(&db)
        .args(["wages", "import"])
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/wages/job_bank_wages_2025_starter.csv"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), STARTER_SUMMARY);
    assert_eq!(
        count(&db.pool, "select count(distinct noc) from job_bank_median").await,
        23
    );
    assert_eq!(count(&db.pool, "select nocs::int8 from wage_edition").await, 23);
    let via: String = sqlx::query_scalar("select detail->>'via' from audit_event where action = 'wages.import'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(via, "cli");
}

#[actix_web::test]
async fn wages_migrate_loads_the_starter_edition_once() {
    let db = TestDb::new().await;
    for _ in 0..2 {
        let output = intake(&db).arg("migrate").output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
    }
    assert_eq!(counts(&db.pool).await, (1155, 72, 1));
    assert_eq!(
        count(
            &db.pool,
            "select count(*) from audit_event where action = 'wages.import'"
        )
        .await,
        1
    );
}

// ---------------------------------------------------------------------------------------------
// The admins' page.

/// A browser signed in as a new account with `role`.
async fn signed_in(app: &TestApp, role: &str) -> TestApp {
    let browser = app.with_new_browser();
    let email = format!("{role}@firm.example");
    create_staff(app, &email, &format!("Pat {role}"), role, PASSWORD).await;
    assert_redirect(&login(&browser, &email, PASSWORD).await, "/staff/");
    browser
}

const BOUNDARY: &str = "----intake-test-boundary-7MA4YWxkTrZu0gW";

/// A `multipart/form-data` body as a browser sends the page's form.
fn multipart(token: Option<&str>, file_name: &str, content: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    if let Some(token) = token {
        body.extend(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n")
                .as_bytes(),
        );
    }
    body.extend(format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"website\"\r\n\r\n\r\n").as_bytes());
    body.extend(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn upload(browser: &TestApp, token: Option<&str>, file_name: &str, content: &[u8]) -> Page {
    browser
        .post_body(
            "/staff/wages",
            &format!("multipart/form-data; boundary={BOUNDARY}"),
            multipart(token, file_name, content),
        )
        .await
}

#[actix_web::test]
async fn wages_an_admin_uploads_an_edition_and_sees_it_listed() {
    let app = spawn_app(&SmtpSink::start()).await;
    let admin = signed_in(&app, "admin").await;
    let page = admin.get("/staff/wages").await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.count(r#"[data-editions="none"]"#),
        1,
        "tests start with no wage data"
    );
    assert_eq!(
        page.count(r#".staff-nav a[href="/staff/wages"][aria-current="page"]"#),
        1
    );
    assert_eq!(
        page.count(r#"form[enctype="multipart/form-data"] input[type="file"][name="file"]"#),
        1
    );
    assert_eq!(page.count(r#"label[for="file"]"#), 1);
    let token = page.csrf_token();

    let answer = upload(&admin, Some(&token), "regions_2025.csv", &fixture("regions_2025.csv")).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    assert_redirect(&answer, "/staff/wages?imported=2025-11-19");
    let page = admin.get("/staff/wages?imported=2025-11-19").await;
    assert!(
        page.text_of("[data-imported]").unwrap().contains("2025-11-19"),
        "{:?}",
        page.text_of("[data-imported]")
    );
    assert_eq!(page.count(r#"tr[data-edition="2025-11-19"]"#), 1);
    assert_eq!(page.count(r#"tr[data-edition="2025-11-19"] [data-rows="8"]"#), 1);
    assert_eq!(page.count(r#"th[scope="col"]"#), 8);
    let row = page.text_of(r#"tr[data-edition="2025-11-19"]"#).unwrap();
    assert!(row.contains("regions_2025.csv") && row.contains("Pat admin"), "{row}");
    assert_eq!(counts(&app.db.pool).await, (8, 5, 1));
    let by: Option<uuid::Uuid> = sqlx::query_scalar(
        "select staff_user_id from audit_event where action = 'wages.import' and subject_id = '2025-11-19'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert!(by.is_some());

    // A second, older edition is listed after the newer one.
    let answer = upload(&admin, Some(&token), "regions_2024.csv", &fixture("regions_2024.csv")).await;
    assert_redirect(&answer, "/staff/wages?imported=2024-11-20");
    let page = admin.get("/staff/wages").await;
    let html = page.html();
    let rows = scraper::Selector::parse("tr[data-edition]").unwrap();
    let order: Vec<&str> = html
        .select(&rows)
        .map(|e| e.value().attr("data-edition").unwrap())
        .collect();
    assert_eq!(order, ["2025-11-19", "2024-11-20"]);
}

#[actix_web::test]
async fn wages_a_file_that_cannot_be_imported_is_refused_with_an_error_summary() {
    let app = spawn_app(&SmtpSink::start()).await;
    let admin = signed_in(&app, "admin").await;
    let token = admin.get("/staff/wages").await.csrf_token();

    let garbage: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("photo.png", garbage, "err-wages-file-columns"),
        (
            "missing_median_column.csv",
            fixture("missing_median_column.csv"),
            "Median_Wage_Salaire_Median",
        ),
        ("two.csv", fixture("two_revision_dates.csv"), "2024-11-20"),
        ("empty.csv", Vec::new(), "err-wages-file-required"),
    ];
    for (name, content, shown) in cases {
        let page = upload(&admin, Some(&token), name, &content).await;
        assert_eq!(page.status, 422, "{name}: {}", page.body);
        assert_eq!(page.count(".error-summary a[href=\"#file\"]"), 1, "{name}");
        assert_eq!(page.count(r#"input#file[aria-invalid="true"]"#), 1, "{name}");
        let problem = page.text_of(".field-error").unwrap_or_default();
        let expected = if shown.starts_with("err-") {
            intake::i18n::Lang::En.t(shown)
        } else {
            shown.to_owned()
        };
        assert!(problem.contains(&expected), "{name}: {problem}");
    }
    // A POST that is not a file form at all.
    let page = admin.submit("/staff/wages", "/staff/wages", &[]).await;
    assert_eq!(page.status, 422);
    assert_eq!(counts(&app.db.pool).await, (0, 0, 0));
    assert_eq!(
        count(
            &app.db.pool,
            "select count(*) from audit_event where action = 'wages.import'"
        )
        .await,
        0
    );

    // Without the form's token: refused before any handler.
    let page = upload(&admin, None, "regions_2025.csv", &fixture("regions_2025.csv")).await;
    assert_eq!(page.status, 403);
    let page = upload(
        &admin,
        Some("not-the-token"),
        "regions_2025.csv",
        &fixture("regions_2025.csv"),
    )
    .await;
    assert_eq!(page.status, 403);
    assert_eq!(counts(&app.db.pool).await, (0, 0, 0));
}

#[actix_web::test]
async fn wages_the_page_is_for_admins_only() {
    let app = spawn_app(&SmtpSink::start()).await;
    let staff = signed_in(&app, "staff").await;
    let dashboard = staff.get("/staff/").await;
    assert_eq!(dashboard.count(r#".staff-nav a[href="/staff/wages"]"#), 0);
    assert_eq!(staff.get("/staff/wages").await.status, 403);
    let token = dashboard.csrf_token();
    let page = upload(&staff, Some(&token), "regions_2025.csv", &fixture("regions_2025.csv")).await;
    assert_eq!(page.status, 403);
    assert_eq!(counts(&app.db.pool).await, (0, 0, 0));

    let anonymous = app.with_new_browser();
    let answer = anonymous.get("/staff/wages").await;
    assert_eq!(answer.status, 303);
    assert!(answer.header("location").unwrap().starts_with("/staff/login"));

    let admin = signed_in(&app, "admin").await;
    let dashboard = admin.get("/staff/").await;
    assert_eq!(dashboard.count(r#".staff-nav a[href="/staff/wages"]"#), 1);
}
