//! Fault drills: the release `intake` as a process of its own (`server.rs`), driven over HTTP by
//! applicants while something goes wrong: the process is killed (SIGKILL) in the middle of a stream
//! of bookings, its PostgreSQL restarts under load, its SMTP server is down for a while, a second
//! process shares its database. Each drill prints what it did and what it found.

use std::{
    collections::{HashMap, HashSet},
    path::PathBuf,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use chrono::{NaiveDateTime, Utc};
use futures_util::{StreamExt, stream};
use intake::{
    db::MIGRATOR,
    devdb::{ClusterOptions, LocalCluster},
};
use nix::{sys::signal, unistd::Pid};
use sqlx::{PgPool, postgres::PgPoolOptions};

use crate::{
    apply::{
        ADMISSIBILITY, Answers, CONSENT, EDUCATION, GTS_EMPLOYER, GTS_JOB, GTS_OFFER, OUTSIDE, ROUTE, WORK_REGION,
    },
    booking::slot_ids,
    helpers::{Page, SmtpSink, TestDb},
    server::{Server, ServerOptions},
};

/// No request may take longer: a hang fails the drill instead of stalling it.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);
const CHECK: &str = "/en/apply/gts/check";
const CONFIRMATION: &str = "/en/apply/confirmation";
const TAKEN: &str = "/en/apply/gts/booking?taken=1";
/// The English text of the 503 page (`error-503-title`).
const UNAVAILABLE: &str = "This service is temporarily unavailable";

// ---------------------------------------------------------------------------------------------
// Applicants over HTTP, against a release server.

/// One applicant's browser: keeps cookies, does not follow redirects, gives up after
/// `REQUEST_TIMEOUT`.
#[derive(Clone)]
struct Browser {
    address: String,
    client: reqwest::Client,
}

async fn read(response: reqwest::Response) -> reqwest::Result<Page> {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.text().await?;
    Ok(Page { status, headers, body })
}

impl Browser {
    fn new(address: &str) -> Browser {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(REQUEST_TIMEOUT)
            .build()
            .unwrap();
        Browser {
            address: address.to_owned(),
            client,
        }
    }

    async fn try_get(&self, path: &str) -> reqwest::Result<Page> {
        read(self.client.get(format!("{}{path}", self.address)).send().await?).await
    }

    async fn try_post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Result<Page> {
        let request = self.client.post(format!("{}{path}", self.address)).form(fields);
        read(request.send().await?).await
    }

    async fn get(&self, path: &str) -> Page {
        self.try_get(path).await.unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// Opens the form at `path`, posts `fields` with its CSRF token and expects a 303; returns
    /// where it leads.
    async fn answer(&self, path: &str, fields: Answers<'_>) -> String {
        let form = self.get(path).await;
        assert_eq!(form.status, 200, "GET {path}: {}", form.body);
        let token = csrf_token(&form);
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        let answer = self
            .try_post(path, &all)
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        assert_eq!(answer.status, 303, "POST {path}: {}", answer.body);
        answer.header("location").unwrap().to_owned()
    }
}

/// The form's CSRF token, found without parsing the page as HTML (the drills open hundreds).
fn csrf_token(page: &Page) -> String {
    let marker = r#"name="csrf_token" value=""#;
    let start = page
        .body
        .find(marker)
        .unwrap_or_else(|| panic!("no csrf_token field in:\n{}", page.body))
        + marker.len();
    page.body[start..].split('"').next().unwrap().to_owned()
}

/// An applicant at the check page, a slot chosen, about to submit.
pub(crate) struct Applicant {
    browser: Browser,
    email: String,
    token: String,
}

impl Applicant {
    /// The final submit (application, booking and emails in one transaction).
    pub(crate) async fn submit(&self) -> reqwest::Result<Page> {
        self.browser
            .try_post(CHECK, &[("csrf_token", self.token.as_str())])
            .await
    }
}

/// A new browser answers every GTS question as `email` and sees the assessment; it is then on the
/// booking page.
async fn questionnaire(address: &str, email: &str) -> Browser {
    let browser = Browser::new(address);
    let name = format!("Applicant {}", email.split('@').next().unwrap().replace('-', " "));
    let about: Vec<(&str, &str)> = vec![
        ("full_name", name.as_str()),
        ("email", email),
        ("citizenships", "MX"),
        ("country_of_residence", "MX"),
    ];
    let pages: [(&str, Answers<'_>); 10] = [
        ("about-you", &about),
        ("location", OUTSIDE),
        ("route", ROUTE),
        ("education", EDUCATION),
        ("job-offer", GTS_OFFER),
        ("employer", GTS_EMPLOYER),
        ("work-region", WORK_REGION),
        ("job", GTS_JOB),
        ("admissibility", ADMISSIBILITY),
        ("consent", CONSENT),
    ];
    let mut at = browser
        .answer("/en/apply", &[("target_pathway", "gts"), ("consent_privacy", "yes")])
        .await;
    for (page, fields) in pages {
        assert_eq!(at, format!("/en/apply/gts/{page}"), "the questionnaire went elsewhere");
        at = browser.answer(&at, fields).await;
    }
    assert_eq!(at, "/en/apply/gts/assessment");
    assert_eq!(browser.get(&at).await.status, 200, "assessment");
    browser
}

/// Applicant `email` answers everything, chooses `slot` and opens the check page.
pub(crate) async fn at_check(address: &str, email: String, slot: &str) -> Applicant {
    let browser = questionnaire(address, &email).await;
    let next = browser
        .answer(
            "/en/apply/gts/booking",
            &[
                ("slot", slot),
                ("consultation_mode", "video"),
                ("time_zone", "America/Toronto"),
            ],
        )
        .await;
    assert_eq!(next, CHECK);
    let check = browser.get(CHECK).await;
    assert_eq!(check.status, 200, "{}", check.body);
    let token = csrf_token(&check);
    Applicant { browser, email, token }
}

/// `n` distinct free slots from the booking page, each more than 26 hours away: their reminders
/// (24 hours before) cannot fall due during a drill.
pub(crate) async fn offered_slots(address: &str, n: usize) -> Vec<String> {
    let scout = questionnaire(address, "scout@example.com").await;
    let far = Utc::now() + chrono::Duration::hours(26);
    let mut slots: Vec<String> = Vec::new();
    let mut week = String::new();
    // Day by day, week by week (the picker shows one day's times at a time).
    for _ in 0..6 {
        let page = scout.get(&format!("/en/apply/gts/booking?week={week}")).await;
        assert_eq!(page.status, 200, "{}", page.body);
        for day in crate::booking::day_values(&page) {
            let day_page = scout.get(&format!("/en/apply/gts/booking?day={day}&night=1")).await;
            slots.extend(
                slot_ids(&day_page)
                    .into_iter()
                    .filter(|id| NaiveDateTime::parse_from_str(id, "%Y%m%dT%H%M%SZ").unwrap().and_utc() > far),
            );
        }
        match crate::booking::next_week(&page) {
            Some(next) if slots.len() < n => week = next,
            _ => break,
        }
    }
    slots.truncate(n);
    assert_eq!(slots.len(), n, "enough free slots offered");
    slots
}

/// Applicants `{tag}-{i}@example.com`, the i-th at the check page with `slots[i]`, a few at a time.
async fn prepare(addresses: &[&str], tag: &str, slots: &[String]) -> Vec<Applicant> {
    stream::iter(slots.iter().enumerate())
        .map(|(i, slot)| {
            at_check(
                addresses[(i / 4) % addresses.len()],
                format!("{tag}-{i}@example.com"),
                slot,
            )
        })
        .buffered(6)
        .collect()
        .await
}

// ---------------------------------------------------------------------------------------------
// The database and the mailbox after a drill.

/// Lets one day take every booking a drill makes (the seeded cap is 8 a day, the firm's and its
/// consultant's).
async fn widen_availability(pool: &PgPool) {
    sqlx::raw_sql("update availability_setting set daily_cap = 100; update consultant set daily_cap = 100")
        .execute(pool)
        .await
        .unwrap();
}

async fn count(pool: &PgPool, sql: &'static str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Is `email`'s application submitted with an active booking?
pub(crate) async fn is_booked(pool: &PgPool, email: &str) -> bool {
    sqlx::query_scalar::<_, i64>(
        "select count(*) from application a join booking b using (application_id)
         where a.status = 'submitted' and b.status = 'active' and a.answers->>'email' = $1",
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap()
        == 1
}

/// Checks that nothing is half-written: a submitted application has exactly one active booking
/// and its three emails (firm brief, confirmation, reminder); nothing else has either. Returns the
/// number of submitted applications.
async fn assert_nothing_half_written(pool: &PgPool) -> i64 {
    let checks: [(&str, &'static str); 4] = [
        (
            "submitted applications without exactly one active booking",
            "select count(*) from application a where status = 'submitted'
             and (select count(*) from booking b where b.application_id = a.application_id and b.status = 'active') <> 1",
        ),
        (
            "active bookings of applications not submitted",
            "select count(*) from booking b join application a using (application_id)
             where b.status = 'active' and a.status <> 'submitted'",
        ),
        (
            "submitted applications without their three emails",
            "select count(*) from application a where status = 'submitted'
             and array(select kind from email_outbox o where o.application_id = a.application_id order by kind)
                 <> array['booking_confirmation', 'booking_reminder', 'firm_brief']",
        ),
        (
            "emails about applications not submitted",
            "select count(*) from email_outbox o join application a using (application_id) where a.status <> 'submitted'",
        ),
    ];
    for (what, sql) in checks {
        assert_eq!(count(pool, sql).await, 0, "{what}");
    }
    count(pool, "select count(*) from application where status = 'submitted'").await
}

/// What reached the SMTP server.
struct Delivery {
    /// Emails marked sent in the outbox.
    sent: usize,
    /// Messages the SMTP server received.
    received: usize,
    /// Message-IDs received twice, with the position of their first arrival.
    resent: Vec<(String, usize)>,
    /// From the first look to every email received.
    took: Duration,
}

/// Waits (up to `timeout`) until every due email is marked sent and has reached `smtp`, then checks
/// that each arrived once, matched by Message-ID (the outbox row's id). `may_resend`: emails a fault
/// may have caught between the SMTP server's acceptance and the "sent" mark; delivery is
/// at-least-once, so those are sent again, with the same Message-ID. Reminders must be queued for
/// 24 hours before their consultation, not sent.
async fn assert_each_email_once(pool: &PgPool, smtp: &SmtpSink, timeout: Duration, may_resend: usize) -> Delivery {
    let started = Instant::now();
    let (sent, ids) = loop {
        let waiting = count(
            pool,
            "select count(*) from email_outbox where kind <> 'booking_reminder' and status <> 'sent'",
        )
        .await;
        let sent: Vec<String> =
            sqlx::query_scalar("select email_outbox_id::text from email_outbox where status = 'sent'")
                .fetch_all(pool)
                .await
                .unwrap();
        let ids = received_ids(smtp);
        if waiting == 0 && sent.iter().all(|id| ids.contains(id)) {
            break (sent, ids);
        }
        if started.elapsed() > timeout {
            let states: Vec<(String, String, i32, Option<String>)> = sqlx::query_as(
                "select kind, status, attempts, last_error from email_outbox
                 where kind <> 'booking_reminder' and status <> 'sent'",
            )
            .fetch_all(pool)
            .await
            .unwrap();
            panic!(
                "emails not all delivered within {timeout:?}: {waiting} not sent ({states:?}), {} sent, {} received",
                sent.len(),
                ids.len()
            );
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let took = started.elapsed();
    let sent_set: HashSet<&String> = sent.iter().collect();
    let mut seen: HashMap<&String, (usize, usize)> = HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        assert!(
            sent_set.contains(id),
            "a message that is not a sent outbox row (a reminder sent early?): {id}"
        );
        seen.entry(id).or_insert((0, i)).0 += 1;
    }
    let mut resent: Vec<(String, usize)> = seen
        .iter()
        .filter(|(_, (n, _))| *n > 1)
        .map(|(id, (n, first))| {
            assert_eq!(*n, 2, "{id} received {n} times");
            ((*id).clone(), *first)
        })
        .collect();
    resent.sort_by_key(|(_, first)| *first);
    assert!(
        resent.len() <= may_resend,
        "emails received twice: {resent:?} (at most {may_resend} may be caught in flight by this fault)"
    );
    let bad_reminders = count(
        pool,
        "select count(*) from email_outbox o join booking b using (application_id)
         where o.kind = 'booking_reminder' and b.status = 'active'
           and (o.status <> 'pending' or o.next_attempt_at <> b.starts_at - interval '24 hours')",
    )
    .await;
    assert_eq!(bad_reminders, 0, "every reminder is queued for 24 hours before, unsent");
    Delivery {
        sent: sent.len(),
        received: ids.len(),
        resent,
        took,
    }
}

/// The Message-IDs (outbox ids) of what the SMTP server received, in order of arrival.
fn received_ids(smtp: &SmtpSink) -> Vec<String> {
    smtp.messages()
        .iter()
        .map(|m| {
            let parsed = m.parsed();
            let id = parsed.message_id().expect("a Message-ID");
            id.split('@').next().unwrap().to_owned()
        })
        .collect()
}

/// No applicant's email address or name in the server's log.
fn assert_log_has_no_personal_data(server: &Server) {
    let log = server.log_text();
    for needle in ["@example.com", "Applicant "] {
        assert!(!log.contains(needle), "the log shows {needle:?}:\n{log}");
    }
}

/// Builds the release binary first (once per run; quick when up to date), so that the time a drill
/// reports is its own.
fn clock() -> Instant {
    tokio::task::block_in_place(crate::server::release_binary);
    Instant::now()
}

/// Server options for drills: a failed email is retried after 1 s, then 2, 4…
pub(crate) fn options(database_url: &str, smtp_port: u16) -> ServerOptions {
    ServerOptions {
        database_url: database_url.to_owned(),
        smtp_port,
        vars: vec![("INTAKE_OUTBOX_RETRY_SECONDS".into(), "1".into())],
    }
}

// ---------------------------------------------------------------------------------------------
// Drill 1: SIGKILL in the middle of a stream of bookings.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drill_sigkill_mid_stream_loses_no_answered_booking_and_sends_each_email_once() {
    const N: usize = 32;
    const AT_A_TIME: usize = 8;
    let began = clock();
    let db = TestDb::new().await;
    widen_availability(&db.pool).await;
    let smtp = SmtpSink::start();
    let mut server = Server::start(options(&db.url, smtp.port)).await;
    let slots = offered_slots(&server.address, N).await;
    let applicants = prepare(&[&server.address], "kill", &slots).await;

    // The stream: AT_A_TIME submits in flight; SIGKILL once 2/5 of them are answered.
    let answered = &AtomicUsize::new(0);
    let pid = Pid::from_raw(server.pid() as i32);
    let killer = async {
        while answered.load(Ordering::SeqCst) < N * 2 / 5 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let memory = server.memory_kb();
        signal::kill(pid, signal::Signal::SIGKILL).unwrap();
        (answered.load(Ordering::SeqCst), memory)
    };
    let submits = stream::iter(&applicants)
        .map(|a| async move {
            let result = a.submit().await;
            answered.fetch_add(1, Ordering::SeqCst);
            result
        })
        .buffered(AT_A_TIME)
        .collect::<Vec<_>>();
    let ((answered_at_kill, (rss_kb, peak_kb)), results) = tokio::join!(killer, submits);
    server.kill9();
    let received_before_restart = smtp.messages().len();
    let restart = Instant::now();
    server.restart().await;
    let restart_took = restart.elapsed();

    let mut confirmed = Vec::new();
    let mut unanswered = Vec::new();
    for (applicant, result) in applicants.iter().zip(&results) {
        match result {
            Ok(page) => {
                assert_eq!(page.status, 303, "{}", page.body);
                assert_eq!(page.header("location"), Some(CONFIRMATION));
                confirmed.push(applicant);
            }
            Err(_) => unanswered.push(applicant),
        }
    }
    assert!(!unanswered.is_empty(), "the kill came too late to catch any request");
    for applicant in &confirmed {
        assert!(
            is_booked(&db.pool, &applicant.email).await,
            "{} was told booked but is not",
            applicant.email
        );
    }
    let submitted = assert_nothing_half_written(&db.pool).await;
    let unanswered_but_booked = submitted as usize - confirmed.len();

    // Those who got no answer try again, as people do: each is confirmed once.
    for applicant in &unanswered {
        let again = applicant.submit().await.expect("an answer after the restart");
        assert_eq!(again.header("location"), Some(CONFIRMATION), "{}", again.body);
    }
    assert_eq!(assert_nothing_half_written(&db.pool).await, N as i64);

    let delivery = assert_each_email_once(&db.pool, &smtp, Duration::from_secs(30), 1).await;
    assert_eq!(delivery.sent, 2 * N, "a firm brief and a confirmation per booking");
    for (id, first) in &delivery.resent {
        assert!(
            *first < received_before_restart,
            "{id} was resent, but it first arrived after the restart"
        );
    }
    assert_log_has_no_personal_data(&server);
    println!(
        "drill SIGKILL: {N} submits, {AT_A_TIME} at a time; killed after {answered_at_kill} answers \
         (resident {rss_kb} kB, peak {peak_kb} kB); {} answered 303, {} unanswered ({unanswered_but_booked} of them \
         booked anyway, none half-written); restarted on port {} in {restart_took:?}; after the unanswered retried: {N} bookings; emails: {} sent, {} received, \
         resent {:?}, all in {:?} after the restart; drill took {:?}",
        confirmed.len(),
        unanswered.len(),
        server.port,
        delivery.sent,
        delivery.received,
        delivery.resent,
        delivery.took,
        began.elapsed(),
    );
}

// ---------------------------------------------------------------------------------------------
// Drill 2: PostgreSQL restarts under load.

/// A TCP relay in front of an SMTP server. Armed, it holds the SMTP server's answer to the end of
/// the next message's data until released: the message has arrived, but intake does not know yet.
struct SmtpRelay {
    port: u16,
    state: Arc<RelayState>,
}

struct RelayState {
    armed: AtomicBool,
    holding: AtomicBool,
    released: tokio::sync::watch::Sender<bool>,
}

impl SmtpRelay {
    async fn start(to: u16) -> SmtpRelay {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(RelayState {
            armed: AtomicBool::new(false),
            holding: AtomicBool::new(false),
            released: tokio::sync::watch::channel(false).0,
        });
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                if let Ok(server) = tokio::net::TcpStream::connect(("127.0.0.1", to)).await {
                    tokio::spawn(relay(client, server, shared.clone()));
                }
            }
        });
        SmtpRelay { port, state }
    }

    /// Holds the answer to the next message until `release`; returns once it is held.
    async fn hold_next_answer(&self) {
        self.state.armed.store(true, Ordering::SeqCst);
        wait_until(Duration::from_secs(20), || self.state.holding.load(Ordering::SeqCst)).await;
    }

    fn release(&self) {
        self.state.released.send_replace(true);
    }
}

async fn relay(client: tokio::net::TcpStream, server: tokio::net::TcpStream, state: Arc<RelayState>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut client_read, mut client_write) = client.into_split();
    let (mut server_read, mut server_write) = server.into_split();
    let hold = AtomicBool::new(false);
    let up = async {
        let mut buf = vec![0; 16 * 1024];
        let mut tail = Vec::new();
        while let Ok(n @ 1..) = client_read.read(&mut buf).await {
            // The end of a message's data; dot-stuffing keeps it out of the data itself.
            tail.extend_from_slice(&buf[..n]);
            if tail.windows(5).any(|w| w == b"\r\n.\r\n") && state.armed.swap(false, Ordering::SeqCst) {
                hold.store(true, Ordering::SeqCst);
            }
            tail.drain(..tail.len().saturating_sub(4));
            if server_write.write_all(&buf[..n]).await.is_err() {
                break;
            }
        }
        let _ = server_write.shutdown().await;
    };
    let down = async {
        let mut buf = vec![0; 16 * 1024];
        while let Ok(n @ 1..) = server_read.read(&mut buf).await {
            if hold.swap(false, Ordering::SeqCst) {
                state.holding.store(true, Ordering::SeqCst);
                let _ = state.released.subscribe().wait_for(|released| *released).await;
            }
            if client_write.write_all(&buf[..n]).await.is_err() {
                break;
            }
        }
        let _ = client_write.shutdown().await;
    };
    tokio::join!(up, down);
}

/// A PostgreSQL cluster of this drill's own (never the shared server), removed afterwards.
struct PrivatePg {
    cluster: LocalCluster,
    dirs: Vec<PathBuf>,
}

impl PrivatePg {
    fn start() -> PrivatePg {
        let dir =
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("drill-pg-{}", uuid::Uuid::new_v4().simple()));
        let options = ClusterOptions {
            // Durable commits (a crash must not lose an answered booking); fsync off is safe as
            // long as the machine itself does not crash.
            settings: vec![("fsync".into(), "off".into())],
            ..Default::default()
        };
        let cluster = LocalCluster::start(&dir, &options).expect("start a private PostgreSQL for the drill");
        let dirs = vec![dir, cluster.data_dir().to_owned()];
        PrivatePg { cluster, dirs }
    }
}

impl Drop for PrivatePg {
    fn drop(&mut self) {
        let _ = self.cluster.stop();
        for dir in &self.dirs {
            let _ = std::fs::remove_dir_all(dir).or_else(|_| std::fs::remove_file(dir));
        }
    }
}

/// One request of the load, as it went.
struct Sample {
    /// Since the start of the load.
    at: Duration,
    what: &'static str,
    outcome: Result<Page, String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drill_postgres_restart_answers_503_and_recovers_without_losing_a_booking() {
    const BOOKERS: usize = 10;
    const READERS: usize = 3;
    let began = clock();
    let mut pg = tokio::task::block_in_place(PrivatePg::start);
    let url = pg.cluster.database_url();
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .acquire_timeout(Duration::from_secs(10))
        .connect(&url)
        .await
        .unwrap();
    MIGRATOR.run(&pool).await.unwrap();
    widen_availability(&pool).await;
    let smtp = SmtpSink::start();
    let relay = SmtpRelay::start(smtp.port).await;
    let server = Server::start(options(&url, relay.port)).await;
    let slots = offered_slots(&server.address, BOOKERS + READERS).await;
    let mut applicants = prepare(&[&server.address], "pg", &slots).await;
    // Readers browse their answers and never submit.
    let readers: Vec<Applicant> = applicants.split_off(BOOKERS);

    let samples: Mutex<Vec<Sample>> = Mutex::new(Vec::new());
    let start = Instant::now();
    // Keeps what a request got; returns its status.
    let record = |what: &'static str, outcome: reqwest::Result<Page>| {
        let status = outcome.as_ref().ok().map(|p| p.status);
        samples.lock().unwrap().push(Sample {
            at: start.elapsed(),
            what,
            outcome: outcome.map_err(|e| format!("{e:?}")),
        });
        status
    };
    let (record, stop_reading, confirmed) = (&record, &AtomicBool::new(false), &AtomicUsize::new(0));

    // Readers: the landing page (no database), a question page and the check page (the draft).
    let reading = futures_util::future::join_all(readers.iter().map(|r| async move {
        while !stop_reading.load(Ordering::SeqCst) {
            for (what, path) in [
                ("landing", "/en/"),
                ("question", "/en/apply/gts/education"),
                ("check", CHECK),
            ] {
                record(what, r.browser.try_get(path).await);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }));
    // Bookers submit one after another; on a 503 they wait a moment and try again.
    let booking = async {
        for applicant in &applicants {
            let deadline = Instant::now() + Duration::from_secs(60);
            while record("submit", applicant.submit().await) == Some(503) && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            confirmed.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    };
    let outage = async {
        // A few bookings first. Then an email reaches the SMTP server, and PostgreSQL crashes
        // (immediate shutdown) before intake hears the server's "250 OK" and marks it sent.
        wait_until(Duration::from_secs(60), || confirmed.load(Ordering::SeqCst) >= 3).await;
        relay.hold_next_answer().await;
        let stopping = start.elapsed();
        tokio::task::block_in_place(|| pg.cluster.stop_immediately()).unwrap();
        let stopped = start.elapsed();
        relay.release();
        // Down until a request has been answered 503, and at least 3 s.
        wait_until(Duration::from_secs(30), || {
            start.elapsed() > stopped + Duration::from_secs(3)
                && samples
                    .lock()
                    .unwrap()
                    .iter()
                    .any(|s| s.at > stopped && matches!(&s.outcome, Ok(p) if p.status == 503))
        })
        .await;
        let restarting = start.elapsed();
        tokio::task::block_in_place(|| pg.cluster.start_again()).unwrap();
        let up = start.elapsed();
        // Recovered: a page that reads the database answers 200 again, intake untouched.
        let probe = &readers[0].browser;
        let recovered = loop {
            if let Ok(page) = probe.try_get(CHECK).await
                && page.status == 200
            {
                break start.elapsed();
            }
            assert!(
                start.elapsed() < up + Duration::from_secs(30),
                "no recovery 30 s after PostgreSQL came back"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        (stopping, stopped, restarting, up, recovered)
    };
    let drill = async {
        let (times, ()) = tokio::join!(outage, booking);
        stop_reading.store(true, Ordering::SeqCst);
        times
    };
    let ((stopping, stopped, restarting, up, recovered), _) = tokio::join!(drill, reading);

    let samples = std::mem::take(&mut *samples.lock().unwrap());
    let mut statuses: HashMap<(&str, u16), usize> = HashMap::new();
    for sample in &samples {
        let page = match &sample.outcome {
            Ok(page) => page,
            Err(error) => panic!("{} at {:?}: no answer ({error})", sample.what, sample.at),
        };
        assert!(
            matches!(page.status, 200 | 303 | 503),
            "{} at {:?}: {}\n{}\n{}",
            sample.what,
            sample.at,
            page.status,
            page.body,
            server.log_text()
        );
        if page.status == 503 {
            assert!(page.header("retry-after").is_some(), "a 503 says when to retry");
            assert!(page.body.contains(UNAVAILABLE), "{}", page.body);
            assert!(page.body.contains(r#"<html lang="en""#), "the page is in English");
        }
        *statuses.entry((sample.what, page.status)).or_default() += 1;
    }
    let unavailable: Vec<&Sample> = samples
        .iter()
        .filter(|s| matches!(&s.outcome, Ok(p) if p.status == 503))
        .collect();
    assert!(!unavailable.is_empty(), "no request met the outage");

    for applicant in &applicants {
        assert!(
            is_booked(&pool, &applicant.email).await,
            "{} is not booked",
            applicant.email
        );
    }
    assert_eq!(assert_nothing_half_written(&pool).await, BOOKERS as i64);
    let delivery = assert_each_email_once(&pool, &smtp, Duration::from_secs(30), 0).await;
    assert_eq!(delivery.sent, 2 * BOOKERS);
    let log = server.log_text();
    let marked_late = log
        .matches("email marked sent once the database answered again")
        .count();
    assert_eq!(
        marked_late, 1,
        "the email sent during the crash is marked sent, not sent again:\n{log}"
    );
    assert_log_has_no_personal_data(&server);
    let mut statuses: Vec<_> = statuses.into_iter().collect();
    statuses.sort();
    println!(
        "drill PostgreSQL restart: {} requests ({statuses:?}); PostgreSQL stopped at {stopping:?} (down at {stopped:?}), \
         started again at {restarting:?} (up at {up:?}): outage {:?}; first 503 at {:?}, last at {:?}; \
         intake recovered {:?} after PostgreSQL was up; {BOOKERS} bookings, all kept; emails: {} sent, {} received, resent {:?} \
         ({marked_late} accepted by SMTP during the crash, marked sent afterwards); drill took {:?}",
        samples.len(),
        up - stopping,
        unavailable.first().map(|s| s.at),
        unavailable.last().map(|s| s.at),
        recovered - up,
        delivery.sent,
        delivery.received,
        delivery.resent,
        began.elapsed(),
    );
    pool.close().await;
    drop(server);
    drop(pg);
}

/// Polls `done` every 20 ms; panics after `timeout`.
async fn wait_until(timeout: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !done() {
        assert!(Instant::now() < deadline, "not done within {timeout:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

// ---------------------------------------------------------------------------------------------
// Drill 3: SMTP down for a while.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drill_smtp_down_takes_every_booking_and_delivers_each_email_once_when_back() {
    const N: usize = 6;
    let began = clock();
    let db = TestDb::new().await;
    widen_availability(&db.pool).await;
    let port = SmtpSink::reserve_port();
    let server = Server::start(options(&db.url, port)).await;
    let slots = offered_slots(&server.address, N).await;
    let applicants = prepare(&[&server.address], "smtp", &slots).await;

    let answers = futures_util::future::join_all(applicants.iter().map(Applicant::submit)).await;
    for answer in &answers {
        let page = answer.as_ref().expect("an answer");
        assert_eq!(page.header("location"), Some(CONFIRMATION), "{}", page.body);
    }
    // Every due email has failed at least twice (the first retry included) before SMTP is back.
    let down = Instant::now();
    let deadline = down + Duration::from_secs(30);
    while count(
        &db.pool,
        "select count(*) from email_outbox where kind <> 'booking_reminder' and status = 'pending' and attempts >= 2",
    )
    .await
        < 2 * N as i64
    {
        assert!(Instant::now() < deadline, "the worker did not retry within 30 s");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let down_for = down.elapsed();
    assert_eq!(
        count(&db.pool, "select count(*) from email_outbox where status = 'dead'").await,
        0
    );

    let smtp = SmtpSink::start_on(port);
    let delivery = assert_each_email_once(&db.pool, &smtp, Duration::from_secs(30), 0).await;
    assert_eq!(delivery.sent, 2 * N);
    assert_log_has_no_personal_data(&server);
    println!(
        "drill SMTP down: {N} bookings taken while SMTP was down (all 303); down {down_for:?} until every email \
         had failed twice; {} emails delivered {:?} after SMTP came back, each once; drill took {:?}",
        delivery.received,
        delivery.took,
        began.elapsed(),
    );
}

// ---------------------------------------------------------------------------------------------
// Drill 4: two intake processes on one database.

/// `intake_outbox_deliveries_total{result="sent"}` of one process.
async fn sent_by(server: &Server) -> u64 {
    let text = reqwest::get(format!("{}/metrics", server.metrics_address))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find(|l| l.starts_with(r#"intake_outbox_deliveries_total{result="sent"}"#))
        .and_then(|l| l.rsplit(' ').next())
        .map_or(0, |v| v.parse().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drill_two_processes_on_one_database_book_each_slot_once_and_send_each_email_once() {
    const SLOTS: usize = 4;
    const PER_SLOT: usize = 6;
    let began = clock();
    let db = TestDb::new().await;
    widen_availability(&db.pool).await;
    let smtp = SmtpSink::start();
    let one = Server::start(options(&db.url, smtp.port)).await;
    let two = Server::start(options(&db.url, smtp.port)).await;
    let slots = offered_slots(&one.address, SLOTS).await;
    // Applicant i wants slots[i % SLOTS], through process (i / SLOTS) % 2: half of each slot's
    // applicants on either process.
    let wanted: Vec<String> = (0..SLOTS * PER_SLOT).map(|i| slots[i % SLOTS].clone()).collect();
    let applicants = prepare(&[&one.address, &two.address], "two", &wanted).await;

    let started = Instant::now();
    let answers = futures_util::future::join_all(applicants.iter().map(Applicant::submit)).await;
    let took = started.elapsed();
    let (mut won, mut lost) = (0, 0);
    for (applicant, answer) in applicants.iter().zip(&answers) {
        let page = answer.as_ref().expect("an answer");
        match page.header("location") {
            Some(CONFIRMATION) => won += 1,
            Some(TAKEN) => {
                lost += 1;
                let back = applicant.browser.get(TAKEN).await;
                assert_eq!(back.status, 200);
                assert!(back.body.contains("just taken"), "{}", back.body);
            }
            _ => panic!("{}: {}", page.status, page.body),
        }
    }
    assert_eq!((won, lost), (SLOTS, SLOTS * (PER_SLOT - 1)));
    let twice = count(
        &db.pool,
        "select count(*) from (select starts_at from booking where status = 'active'
         group by starts_at having count(*) > 1) twice",
    )
    .await;
    assert_eq!(twice, 0, "no slot booked twice");
    assert_eq!(
        count(&db.pool, "select count(*) from booking where status = 'active'").await,
        SLOTS as i64
    );
    assert_eq!(assert_nothing_half_written(&db.pool).await, SLOTS as i64);
    let delivery = assert_each_email_once(&db.pool, &smtp, Duration::from_secs(30), 0).await;
    assert_eq!(delivery.sent, 2 * SLOTS);
    let (by_one, by_two) = (sent_by(&one).await, sent_by(&two).await);
    assert_eq!(by_one + by_two, 2 * SLOTS as u64, "each email sent by one process only");
    assert_log_has_no_personal_data(&one);
    assert_log_has_no_personal_data(&two);
    println!(
        "drill two processes: {} applicants ({PER_SLOT} per slot, half on each process) submitted at once in {took:?}: \
         {won} booked, {lost} sent back to choose again, no slot twice; emails: {} received, each once \
         ({by_one} sent by one process, {by_two} by the other); drill took {:?}",
        SLOTS * PER_SLOT,
        delivery.received,
        began.elapsed(),
    );
}
