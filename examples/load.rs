//! Load generator of `bench/run`, against an intake that is already running (the release binary,
//! so that its memory can be measured on its own). Two jobs:
//!
//! `cargo run --release --example load -- drafts BASE N OUT`
//!   N applicants each start a GTS draft over HTTP and answer its first three pages; OUT gets one line
//!   per draft, `<Cookie header value><TAB><CSRF token>`, for wrk to read (question pages, step POSTs).
//!
//! `cargo run --release --example load -- bookings BASE DATABASE_URL N CONNECTIONS SECONDS [WARM]`
//!   One applicant answers every question over HTTP, sees the assessment and chooses a slot. Its
//!   draft is then copied N times in the database, each copy with its own free slot (worked out by
//!   intake's own availability code, at most the daily cap per day) and its own single-use resume
//!   link. Each copy is opened through its link and its check page read (which gives its session
//!   cookie and CSRF token). The first WARM copies (default 0) are submitted as a warm-up; only then
//!   does the clock start: CONNECTIONS clients submit the other copies (`POST /en/apply/gts/check`,
//!   each draft once) until all are submitted or SECONDS have passed.
//!   The one line starting with `RESULT` has the rate, the latency percentiles and the errors
//!   (anything but `303` to the confirmation, and transport errors).
//!
//! Intake's availability should offer enough slots (`bench/run` sets 10-minute consultations,
//! every day, 100 a day, a year ahead, and 25 hours' notice so that every booking also schedules
//! its reminder: three outbox rows each).

use std::{
    collections::HashMap,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use chrono::Utc;
use futures_util::StreamExt as _;
use intake::{
    booking::{Schedule, Want},
    config::Settings,
    context::AppContext,
    metrics::Metrics,
    slots::Slot,
    web::session::token_hash,
};
use reqwest::{Client, StatusCode, header};
use sqlx::postgres::PgPoolOptions;
use uuid::Uuid;

const COOKIE: &str = "intake_session";
const DUTIES: &str = "Design and build distributed payment services, review code and mentor two junior engineers.";

/// One applicant's browser: its session cookie, kept by hand so that it can be handed to wrk.
struct Browser {
    base: String,
    client: Client,
    cookie: Option<String>,
    csrf: String,
}

impl Browser {
    fn new(base: &str, client: &Client) -> Browser {
        Browser {
            base: base.to_owned(),
            client: client.clone(),
            cookie: None,
            csrf: String::new(),
        }
    }

    fn keep_cookie(&mut self, response: &reqwest::Response) {
        for value in response.headers().get_all(header::SET_COOKIE) {
            let Ok(value) = value.to_str() else { continue };
            let pair = value.split(';').next().unwrap_or_default();
            if pair.starts_with(&format!("{COOKIE}=")) {
                self.cookie = Some(pair.to_owned());
            }
        }
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request
    }

    async fn get(&mut self, path: &str) -> (StatusCode, String) {
        let response = self.request(reqwest::Method::GET, path).send().await.expect(path);
        self.keep_cookie(&response);
        let status = response.status();
        (status, response.text().await.unwrap_or_default())
    }

    /// Reads a page with a form and keeps its CSRF token.
    async fn get_form(&mut self, path: &str) {
        let (status, html) = self.get(path).await;
        assert_eq!(status, StatusCode::OK, "GET {path}");
        self.csrf = token_of(&html);
    }

    async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
        let mut all = vec![("csrf_token", self.csrf.as_str())];
        all.extend_from_slice(fields);
        let response = self
            .request(reqwest::Method::POST, path)
            .header(header::ORIGIN, &self.base)
            .form(&all)
            .send()
            .await
            .expect(path);
        self.keep_cookie(&response);
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (response.status(), location)
    }

    async fn answer(&mut self, path: &str, fields: &[(&str, &str)]) {
        let (status, _) = self.post(path, fields).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "POST {path}");
    }
}

fn token_of(html: &str) -> String {
    const FIELD: &str = r#"name="csrf_token" value=""#;
    let at = html.find(FIELD).expect("a form with a CSRF token") + FIELD.len();
    html[at..].split('"').next().unwrap_or_default().to_owned()
}

fn client() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(usize::MAX)
        .build()
        .expect("HTTP client")
}

/// A GTS draft with its first three pages answered; the fourth (`education`) is open.
async fn start_draft(base: &str, client: &Client, i: usize) -> Browser {
    let mut b = Browser::new(base, client);
    b.get_form("/en/apply").await;
    b.answer("/en/apply", &[("target_pathway", "gts"), ("consent_privacy", "yes")])
        .await;
    let (name, email) = (format!("Applicant {i}"), format!("applicant{i}@example.com"));
    b.answer(
        "/en/apply/gts/about-you",
        &[
            ("full_name", &name),
            ("email", &email),
            ("citizenships", "MX"),
            ("country_of_residence", "MX"),
        ],
    )
    .await;
    b.answer("/en/apply/gts/location", &[("current_location", "outside_canada")])
        .await;
    b.answer(
        "/en/apply/gts/route",
        &[
            ("entry_plan", "online_from_abroad"),
            ("us_lawful_permanent_resident", "no"),
            ("mx_travel_document", "canadian_visa"),
        ],
    )
    .await;
    b.get_form("/en/apply/gts/education").await;
    b
}

/// The remaining pages of [`start_draft`]'s draft, the assessment and a slot.
async fn complete_draft(b: &mut Browser, slot: &str) {
    let pages: [(&str, &[(&str, &str)]); 7] = [
        (
            "/en/apply/gts/education",
            &[
                ("highest_education", "master"),
                ("field_of_study", "Computer science"),
                ("years_it_experience", "6"),
            ],
        ),
        (
            "/en/apply/gts/job-offer",
            &[
                ("job_offer_status", "written"),
                ("employer_will_file_gts_lmia", "yes"),
                ("gts_referral_status", "none"),
            ],
        ),
        (
            "/en/apply/gts/employer",
            &[
                ("employer_legal_name", "Maple Inc."),
                ("employer_city", "Toronto"),
                ("employer_province", "ON"),
            ],
        ),
        ("/en/apply/gts/work-region", &[("work_economic_region", "unknown")]),
        (
            "/en/apply/gts/job",
            &[
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
            &[("prior_refusal_or_removal", "no"), ("criminal_history", "no")],
        ),
        ("/en/apply/gts/consent", &[("ack_not_legal_advice", "yes")]),
    ];
    for (path, fields) in pages {
        b.answer(path, fields).await;
    }
    let (status, _) = b.get("/en/apply/gts/assessment").await;
    assert_eq!(status, StatusCode::OK, "assessment");
    b.answer(
        "/en/apply/gts/booking",
        &[
            ("slot", slot),
            ("consultation_mode", "video"),
            ("time_zone", "America/Toronto"),
        ],
    )
    .await;
    b.get_form("/en/apply/gts/check").await;
}

async fn drafts(base: &str, n: usize, out: &str) {
    let client = client();
    let browsers: Vec<Browser> = futures_util::stream::iter(0..n)
        .map(|i| start_draft(base, &client, i))
        .buffer_unordered(16)
        .collect()
        .await;
    let lines: String = browsers
        .iter()
        .map(|b| format!("{}\t{}\n", b.cookie.as_deref().expect("a session cookie"), b.csrf))
        .collect();
    std::fs::write(out, lines).expect(out);
    println!("{n} drafts with their third page open, sessions in {out}");
}

/// Free slots to book, soonest first: each consultant's, at most what their daily cap leaves on each
/// firm-local day (a time free with two consultants comes twice: each booking goes to one of them).
fn bookable(availability: &Schedule, n: usize) -> Vec<Slot> {
    let tz = availability.policy.firm_tz;
    let mut slots = Vec::new();
    for calendar in availability.calendars.iter().filter(|c| c.consultant.active) {
        let mut per_day: HashMap<chrono::NaiveDate, u32> = HashMap::new();
        for busy in &calendar.busy {
            *per_day
                .entry(busy.starts_at.with_timezone(&tz).date_naive())
                .or_default() += 1;
        }
        let want = Want {
            consultant: Some(calendar.consultant.consultant_id),
            ..Want::default()
        };
        slots.extend(
            availability
                .free(Utc::now(), &want)
                .into_iter()
                .map(|free| free.slot)
                .filter(|slot| {
                    let day = per_day.entry(slot.start.with_timezone(&tz).date_naive()).or_default();
                    *day += 1;
                    *day <= calendar.policy.daily_cap
                }),
        );
    }
    slots.sort();
    slots.truncate(n);
    slots
}

/// Submits each draft once, `connections` at a time, for at most `seconds`: the latencies (ms),
/// the errors and the time taken.
async fn submit_all(
    client: &Client,
    browsers: Vec<Browser>,
    connections: usize,
    seconds: f64,
) -> (Vec<f64>, usize, f64) {
    let browsers = Arc::new(browsers);
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let (browsers, next, client) = (browsers.clone(), next.clone(), client.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0usize;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= browsers.len() || started.elapsed() >= deadline {
                        break;
                    }
                    let b = &browsers[i];
                    let t = Instant::now();
                    let sent = client
                        .post(format!("{}/en/apply/gts/check", b.base))
                        .header(header::COOKIE, b.cookie.as_deref().unwrap_or_default())
                        .header(header::ORIGIN, &b.base)
                        .form(&[("csrf_token", b.csrf.as_str())])
                        .send()
                        .await;
                    let ok = match sent {
                        Ok(r) => {
                            let to_confirmation = r
                                .headers()
                                .get(header::LOCATION)
                                .is_some_and(|l| l.as_bytes() == b"/en/apply/confirmation");
                            let ok = r.status() == StatusCode::SEE_OTHER && to_confirmation;
                            let _ = r.bytes().await;
                            ok
                        }
                        Err(_) => false,
                    };
                    latencies.push(t.elapsed().as_secs_f64() * 1000.0);
                    errors += usize::from(!ok);
                }
                (latencies, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for worker in workers {
        let (l, e) = worker.await.expect("a submitting task");
        latencies.extend(l);
        errors += e;
    }
    (latencies, errors, started.elapsed().as_secs_f64())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn bookings(base: &str, database_url: &str, n: usize, connections: usize, seconds: f64, warm: usize) {
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .connect(database_url)
        .await
        .expect("PostgreSQL");
    let vars: HashMap<&str, String> = HashMap::from([("INTAKE_DATABASE_URL", database_url.to_owned())]);
    let settings = Settings::from_lookup(|k| vars.get(k).cloned().or_else(|| std::env::var(k).ok())).unwrap();
    let app = AppContext {
        pool: pool.clone(),
        settings: Arc::new(settings),
        metrics: Metrics::new().unwrap(),
    };
    let availability = Schedule::load(&app).await.expect("availability");
    // One more: the template's own choice.
    let slots = bookable(&availability, n + 1);
    assert!(slots.len() > n, "only {} bookable slots for {n} bookings", slots.len());

    let client = client();
    let started = Instant::now();
    let mut template = start_draft(base, &client, 0).await;
    complete_draft(&mut template, &slots[n].id()).await;
    let template_id: Uuid = sqlx::query_scalar(
        "select application_id from application where status = 'draft' and completed_steps @> '{booking}'
         order by updated_at desc limit 1",
    )
    .fetch_one(&pool)
    .await
    .expect("the template draft");

    // Copies of the template, each with its own slot, email and resume link.
    let tokens: Vec<String> = (0..n).map(|_| Uuid::new_v4().simple().to_string()).collect();
    let ids: Vec<Uuid> = (0..n).map(|_| Uuid::now_v7()).collect();
    let draft_hashes: Vec<Vec<u8>> = (0..n).map(|_| token_hash(&Uuid::new_v4().to_string())).collect();
    let link_hashes: Vec<Vec<u8>> = tokens.iter().map(|t| token_hash(t)).collect();
    let slot_ids: Vec<String> = slots[..n].iter().map(Slot::id).collect();
    let emails: Vec<String> = (1..=n).map(|i| format!("applicant{i}@example.com")).collect();
    let mut tx = pool.begin().await.unwrap();
    sqlx::query(
        "insert into application (application_id, draft_token_hash, language, target_pathway, pathway, answers,
                                  completed_steps, prescreen, prescreen_outcome, prescreen_rules, full_name, email,
                                  expires_at)
         select c.id, c.hash, a.language, a.target_pathway, a.pathway,
                a.answers || jsonb_build_object('slot', c.slot, 'email', c.email),
                a.completed_steps, a.prescreen, a.prescreen_outcome, a.prescreen_rules, a.full_name, c.email,
                a.expires_at
         from application a, unnest($2::uuid[], $3::bytea[], $4::text[], $5::text[]) as c(id, hash, slot, email)
         where a.application_id = $1",
    )
    .bind(template_id)
    .bind(&ids)
    .bind(&draft_hashes)
    .bind(&slot_ids)
    .bind(&emails)
    .execute(&mut *tx)
    .await
    .expect("copies of the draft");
    sqlx::query(
        "insert into resume_link (resume_link_id, token_hash, application_id, expires_at)
         select gen_random_uuid(), l.hash, l.id, now() + interval '1 day'
         from unnest($1::bytea[], $2::uuid[]) as l(hash, id)",
    )
    .bind(&link_hashes)
    .bind(&ids)
    .execute(&mut *tx)
    .await
    .expect("resume links");
    tx.commit().await.unwrap();

    // Each copy opened in its own session, its check page read.
    let browsers: Vec<Browser> = futures_util::stream::iter(tokens)
        .map(|token| {
            let client = client.clone();
            async move {
                let mut b = Browser::new(base, &client);
                let (status, _) = b.get(&format!("/en/apply/resume/{token}")).await;
                assert_eq!(status, StatusCode::SEE_OTHER, "resume link");
                b.get_form("/en/apply/gts/check").await;
                b
            }
        })
        .buffer_unordered(connections)
        .collect()
        .await;
    println!(
        "prepared {n} complete drafts with their own slots in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut browsers = browsers;
    let timed = browsers.split_off(warm.min(browsers.len()));
    if !browsers.is_empty() {
        let (_, errors, _) = submit_all(&client, browsers, connections, seconds).await;
        println!("warm-up: {warm} submissions, {errors} errors");
    }
    let (mut latencies, errors, elapsed) = submit_all(&client, timed, connections, seconds).await;
    latencies.sort_by(f64::total_cmp);
    let booked: i64 = sqlx::query_scalar("select count(*) from booking where application_id = any($1)")
        .bind(&ids)
        .fetch_one(&pool)
        .await
        .unwrap();
    let outbox: i64 = sqlx::query_scalar("select count(*) from email_outbox where application_id = any($1)")
        .bind(&ids)
        .fetch_one(&pool)
        .await
        .unwrap();
    println!(
        "{} submissions in {elapsed:.2} s with {connections} connections: {booked} bookings, {outbox} outbox rows",
        latencies.len()
    );
    println!(
        "RESULT requests={} seconds={elapsed:.3} rps={:.1} p50_ms={:.3} p99_ms={:.3} errors={errors}",
        latencies.len(),
        latencies.len() as f64 / elapsed,
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
    );
    pool.close().await;
}

fn usage() -> ! {
    eprintln!(
        "usage: load drafts BASE N OUT\n       load bookings BASE DATABASE_URL N CONNECTIONS SECONDS [WARM]\n(see the top of examples/load.rs)"
    );
    std::process::exit(2);
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize| -> usize { args.get(i).and_then(|a| a.parse().ok()).unwrap_or_else(|| usage()) };
    match args.first().map(String::as_str) {
        Some("drafts") if args.len() == 4 => drafts(&args[1], number(2), &args[3]).await,
        Some("bookings") if args.len() == 6 || args.len() == 7 => {
            let seconds: f64 = args[5].parse().unwrap_or_else(|_| usage());
            let warm = if args.len() == 7 { number(6) } else { 0 };
            bookings(&args[1], &args[2], number(3), number(4), seconds, warm).await;
        }
        _ => usage(),
    }
}
