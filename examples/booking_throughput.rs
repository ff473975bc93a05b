//! Booking throughput: N applicants answer every question, then submit (which books their slot,
//! writes the submission and queues its emails in one transaction) with C at a time.
//!
//! `cargo run --release --example booking_throughput -- [N] [C]` (defaults 300 and 16). Uses the
//! PostgreSQL server of `DATABASE_URL` (else 127.0.0.1:5432 as `postgres`) and a throwaway database.

use std::{collections::HashMap, sync::Arc, time::Instant};

use futures_util::StreamExt as _;
use intake::{config::Settings, db::MIGRATOR, metrics::Metrics, startup::Application};
use sqlx::{Connection, PgConnection, postgres::PgPoolOptions};

const DUTIES: &str = "Design and build distributed payment services, review code and mentor two junior engineers.";

struct Browser {
    base: String,
    client: reqwest::Client,
    token: String,
}

impl Browser {
    async fn get(&self, path: &str) -> String {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let mut all = vec![("csrf_token", self.token.as_str())];
        all.extend_from_slice(fields);
        let r = self
            .client
            .post(format!("{}{path}", self.base))
            .form(&all)
            .send()
            .await
            .unwrap();
        let location = r
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (r.status().as_u16(), location)
    }
}

fn token_of(html: &str) -> String {
    let at = html.find(r#"name="csrf_token" value=""#).expect("a form") + r#"name="csrf_token" value=""#.len();
    html[at..].split('"').next().unwrap().to_owned()
}

fn slots_of(html: &str) -> Vec<String> {
    html.match_indices(r#"name="slot" value=""#)
        .map(|(i, m)| html[i + m.len()..].split('"').next().unwrap().to_owned())
        .collect()
}

/// One applicant answers every GTS question and sees the assessment; returns the slots offered.
async fn prepare(base: &str, i: usize) -> (Browser, Vec<String>) {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut b = Browser {
        base: base.to_owned(),
        client,
        token: String::new(),
    };
    b.token = token_of(&b.get("/en/apply").await);
    let name = format!("Applicant {i}");
    let email = format!("applicant{i}@example.com");
    let pages: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("/en/apply", vec![("target_pathway", "gts"), ("consent_privacy", "yes")]),
        (
            "/en/apply/gts/about-you",
            vec![
                ("full_name", &name),
                ("email", &email),
                ("citizenships", "MX"),
                ("country_of_residence", "MX"),
            ],
        ),
        ("/en/apply/gts/location", vec![("current_location", "outside_canada")]),
        (
            "/en/apply/gts/route",
            vec![
                ("entry_plan", "online_from_abroad"),
                ("us_lawful_permanent_resident", "no"),
                ("mx_travel_document", "canadian_visa"),
            ],
        ),
        (
            "/en/apply/gts/education",
            vec![
                ("highest_education", "master"),
                ("field_of_study", "Computer science"),
                ("years_it_experience", "6"),
            ],
        ),
        (
            "/en/apply/gts/job-offer",
            vec![
                ("job_offer_status", "written"),
                ("employer_will_file_gts_lmia", "yes"),
                ("gts_referral_status", "none"),
            ],
        ),
        (
            "/en/apply/gts/employer",
            vec![
                ("employer_legal_name", "Maple Inc."),
                ("employer_city", "Toronto"),
                ("employer_province", "ON"),
            ],
        ),
        ("/en/apply/gts/work-region", vec![("work_economic_region", "unknown")]),
        (
            "/en/apply/gts/job",
            vec![
                ("job_title", "Software engineer"),
                ("job_duties", DUTIES),
                ("noc_2021_code", "21231"),
                ("offered_wage", "145000"),
                ("wage_unit", "annual"),
                ("hours_per_week", "40"),
                ("years_specialized_experience", "7"),
            ],
        ),
        (
            "/en/apply/gts/admissibility",
            vec![("prior_refusal_or_removal", "no"), ("criminal_history", "no")],
        ),
        ("/en/apply/gts/consent", vec![("ack_not_legal_advice", "yes")]),
    ];
    for (path, fields) in &pages {
        let (status, _) = b.post(path, fields).await;
        assert_eq!(status, 303, "{path}");
    }
    b.get("/en/apply/gts/assessment").await;
    let slots = slots_of(&b.get("/en/apply/gts/booking?time_zone=America/Toronto").await);
    (b, slots)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[actix_web::main]
async fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (n, concurrency) = (args.first().copied().unwrap_or(300), args.get(1).copied().unwrap_or(16));
    let admin = std::env::var("DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let name = format!("intake_bench_{}", uuid::Uuid::new_v4().simple());
    let mut conn = PgConnection::connect(&admin).await.expect("PostgreSQL");
    sqlx::query(sqlx::AssertSqlSafe(format!(r#"create database "{name}""#)))
        .execute(&mut conn)
        .await
        .unwrap();
    let server = &admin[..admin.rfind('/').unwrap()];
    let url = format!("{server}/{name}");
    let pool = PgPoolOptions::new().max_connections(20).connect(&url).await.unwrap();
    MIGRATOR.run(&pool).await.unwrap();
    // Enough slots for everyone: every half hour, no daily cap to speak of, 60 days ahead.
    sqlx::query("update availability_setting set buffer_minutes = 0, daily_cap = 100, horizon_days = 90")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("update consultant set daily_cap = 100")
        .execute(&pool)
        .await
        .unwrap();

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let data_dir = std::env::temp_dir().join(&name);
    let vars: HashMap<&str, String> = HashMap::from([
        ("INTAKE_DATABASE_URL", url.clone()),
        ("INTAKE_LISTEN", format!("127.0.0.1:{port}")),
        ("INTAKE_DATA_DIR", data_dir.display().to_string()),
        ("INTAKE_RATE_LIMIT", "off".into()),
        ("INTAKE_BOOKINGS_PER_BLOCK_PER_DAY", "off".into()),
        ("INTAKE_BOOKING_ALERT_PER_HOUR", "off".into()),
    ]);
    let settings = Arc::new(Settings::from_lookup(|k| vars.get(k).cloned()).unwrap());
    let app = Application::build(settings, pool.clone(), Metrics::new().unwrap()).unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.run_until_stopped());

    let started = Instant::now();
    let prepared: Vec<(Browser, Vec<String>)> = futures_util::stream::iter(0..n)
        .map(|i| prepare(&base, i))
        .buffered(concurrency)
        .collect()
        .await;
    println!("prepared {n} applicants in {:.1} s", started.elapsed().as_secs_f64());
    let slots = &prepared[0].1;
    assert!(slots.len() >= n, "only {} free slots for {n} applicants", slots.len());
    for (i, (b, _)) in prepared.iter().enumerate() {
        let (status, _) = b
            .post(
                "/en/apply/gts/booking",
                &[
                    ("slot", &slots[i]),
                    ("consultation_mode", "video"),
                    ("time_zone", "America/Toronto"),
                ],
            )
            .await;
        assert_eq!(status, 303);
    }

    let started = Instant::now();
    let mut latencies: Vec<f64> = futures_util::stream::iter(prepared.iter())
        .map(|(b, _)| async move {
            let t = Instant::now();
            let (status, location) = b.post("/en/apply/gts/check", &[]).await;
            assert_eq!((status, location.as_str()), (303, "/en/apply/confirmation"));
            t.elapsed().as_secs_f64() * 1000.0
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let bookings: i64 = sqlx::query_scalar("select count(*) from booking")
        .fetch_one(&pool)
        .await
        .unwrap();
    let emails: i64 = sqlx::query_scalar("select count(*) from email_outbox")
        .fetch_one(&pool)
        .await
        .unwrap();
    println!(
        "bookings: {bookings} in {elapsed:.2} s with {concurrency} at a time = {:.0} bookings/s",
        n as f64 / elapsed
    );
    println!(
        "latency ms: p50 {:.1}  p99 {:.1}  max {:.1}",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        latencies[latencies.len() - 1]
    );
    println!("outbox rows written with them: {emails} (brief, confirmation, reminder each)");

    pool.close().await;
    sqlx::query(sqlx::AssertSqlSafe(format!(r#"drop database "{name}" with (force)"#)))
        .execute(&mut conn)
        .await
        .unwrap();
    let _ = std::fs::remove_dir_all(data_dir);
}
