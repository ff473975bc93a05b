//! The applications list with 100,000 applications: seeds them, signs a member of staff in, and
//! times list pages over HTTP (a filtered search, a filter, the first page).
//!
//! `cargo run --release --example staff_list_bench -- [N] [requests]` (defaults 100000 and 200).
//! Uses the PostgreSQL server of `DATABASE_URL` (else 127.0.0.1:5432 as `postgres`), a throwaway database.

use std::{collections::HashMap, sync::Arc, time::Instant};

use intake::{
    auth::{Role, password},
    config::Settings,
    db::{self, MIGRATOR},
    metrics::Metrics,
    startup::Application,
};
use secrecy::SecretString;
use sqlx::{Connection, PgConnection, postgres::PgPoolOptions};

const SEED: &str = r#"
insert into application (application_id, draft_token_hash, status, language, target_pathway, pathway, answers,
                         full_name, email, reference, submitted_at, expires_at, prescreen_outcome, review_status)
select gen_random_uuid(), decode(md5(i::text), 'hex'), 'submitted', case when i % 3 = 0 then 'fr' else 'en' end,
       (array['gts','cusma_professional','ict'])[1 + i % 3], (array['gts','cusma','ict'])[1 + i % 3],
       jsonb_build_object('employer_legal_name', 'Employer ' || (i % 5000), 'job_title', 'Engineer'),
       (array['Ana','Bob','Chen','Dana','Eli','Fatima','Giulia','Hiro'])[1 + i % 8] || ' ' ||
       (array['López','Martin','Nguyen','Okafor','Patel','Quinn','Rossi','Singh','Tremblay'])[1 + i % 9] || ' ' || i,
       'applicant' || i || '@example.com',
       substr(lpad(i::text, 8, '0'), 1, 4) || '-' || substr(lpad(i::text, 8, '0'), 5, 4),
       now() - make_interval(mins => i), now() + interval '30 days',
       (array['likely_eligible','needs_review','likely_not_eligible'])[1 + i % 3],
       (array['new','contacted','consultation_held','retained','declined','no_show','spam'])[1 + i % 7]
from generate_series(1, $1) as i
"#;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn time(client: &reqwest::Client, url: &str, n: usize) -> (f64, f64, usize) {
    let mut ms = Vec::with_capacity(n);
    let mut rows = 0;
    for _ in 0..n {
        let t = Instant::now();
        let response = client.get(url).send().await.unwrap();
        assert_eq!(response.status(), 200, "{url}");
        let body = response.text().await.unwrap();
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        rows = body.matches("data-application").count();
    }
    ms.sort_by(f64::total_cmp);
    (percentile(&ms, 0.5), percentile(&ms, 0.95), rows)
}

#[actix_web::main]
async fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (n, requests) = (
        args.first().copied().unwrap_or(100_000),
        args.get(1).copied().unwrap_or(200),
    );
    let admin = std::env::var("DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let name = format!("intake_bench_{}", uuid::Uuid::new_v4().simple());
    let mut conn = PgConnection::connect(&admin).await.expect("PostgreSQL");
    sqlx::query(sqlx::AssertSqlSafe(format!(r#"create database "{name}""#)))
        .execute(&mut conn)
        .await
        .unwrap();
    let url = format!("{}/{name}", &admin[..admin.rfind('/').unwrap()]);
    let pool = PgPoolOptions::new().max_connections(20).connect(&url).await.unwrap();
    MIGRATOR.run(&pool).await.unwrap();

    let started = Instant::now();
    sqlx::query(SEED).bind(n as i32).execute(&pool).await.unwrap();
    sqlx::query("analyze application").execute(&pool).await.unwrap();
    println!("seeded {n} applications in {:.1} s", started.elapsed().as_secs_f64());

    let secret = "bench password that is long enough 2026";
    let hash = password::hash(SecretString::from(secret)).await.unwrap();
    let mut c = pool.acquire().await.unwrap();
    db::staff::insert(
        &mut c,
        &db::staff::NewStaff {
            email: "bench@firm.example",
            name: "Bench",
            role: Role::Staff,
            password_hash: &hash,
        },
    )
    .await
    .unwrap();
    drop(c);

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let vars: HashMap<&str, String> = HashMap::from([
        ("INTAKE_DATABASE_URL", url.clone()),
        ("INTAKE_LISTEN", format!("127.0.0.1:{port}")),
        ("INTAKE_RATE_LIMIT", "off".into()),
        ("INTAKE_BOOKINGS_PER_BLOCK_PER_DAY", "off".into()),
        ("INTAKE_BOOKING_ALERT_PER_HOUR", "off".into()),
    ]);
    let settings = Arc::new(Settings::from_lookup(|k| vars.get(k).cloned()).unwrap());
    let app = Application::build(settings, pool.clone(), Metrics::new().unwrap()).unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.run_until_stopped());

    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let login = client
        .get(format!("{base}/staff/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let at = login.find(r#"name="csrf_token" value=""#).unwrap() + r#"name="csrf_token" value=""#.len();
    let token = login[at..].split('"').next().unwrap().to_owned();
    let signed_in = client
        .post(format!("{base}/staff/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "bench@firm.example"),
            ("password", secret),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 303);

    println!("{:<58} {:>8} {:>8} {:>6}", "list page", "p50 ms", "p95 ms", "rows");
    for (label, query) in [
        ("first page, no filter", ""),
        (
            "search 'okafor' + pathway gts + status new",
            "q=okafor&pathway=gts&status=new",
        ),
        ("search by employer 'employer 4321'", "q=employer+4321"),
        (
            "outcome + date range, sorted by name",
            "outcome=needs_review&from=2026-01-01&sort=name",
        ),
        ("page 100 of the whole list", "page=100"),
    ] {
        let (p50, p95, rows) = time(&client, &format!("{base}/staff/applications?{query}"), requests).await;
        println!("{label:<58} {p50:>8.1} {p95:>8.1} {rows:>6}");
    }

    pool.close().await;
    sqlx::query(sqlx::AssertSqlSafe(format!(r#"drop database "{name}" with (force)"#)))
        .execute(&mut conn)
        .await
        .unwrap();
}
