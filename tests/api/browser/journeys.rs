//! Whole journeys as people make them: an applicant from the landing page to the confirmation
//! and the emailed manage link, for each pathway and "not sure", in English and in French; and a
//! member of staff who signs in, finds the application, changes its status and moves its
//! consultation, then consults: their consultations, their calendar feed, the capacity view.

use std::{io::Write, process::Stdio, time::Duration};

use super::{Browser, Input, Width};
use crate::{
    apply::{DUTIES, GTS_EMPLOYER, GTS_JOB, GTS_OFFER, WORK_REGION},
    helpers::{ReceivedMail, SmtpSink, TestDb},
    server::{Server, ServerOptions, release_binary},
};

type Fields<'a> = &'a [(&'a str, &'a str)];

/// The site, its database and its mail server, for one journey.
struct Site {
    db: TestDb,
    smtp: SmtpSink,
    server: Server,
}

impl Site {
    async fn start() -> Site {
        let db = TestDb::new().await;
        let smtp = SmtpSink::start();
        let server = Server::start(ServerOptions {
            database_url: db.url.clone(),
            smtp_port: smtp.port,
            vars: vec![],
        })
        .await;
        Site { db, smtp, server }
    }

    /// The first message to `to` whose subject contains `subject`, waiting for it.
    async fn mail_to(&self, to: &str, subject: &str) -> ReceivedMail {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(mail) =
                self.smtp.messages().into_iter().find(|m| {
                    m.to.iter().any(|t| t == to) && m.parsed().subject().unwrap_or_default().contains(subject)
                })
            {
                return mail;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no email to {to} about {subject:?}; received: {:?}",
                self.smtp
                    .messages()
                    .iter()
                    .map(|m| (m.to.clone(), m.parsed().subject().unwrap_or_default().to_owned()))
                    .collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Creates an admin account with the binary's own command, password on standard input.
    fn add_staff(&self, email: &str, name: &str, password: &str) {
        let mut child = std::process::Command::new(release_binary())
            .args(["staff", "add", "--email", email, "--name", name, "--role", "admin"])
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("INTAKE_DATABASE_URL", &self.db.url)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "intake staff add: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// What an applicant answers, page by page, for one pathway.
struct Plan<'a> {
    /// `target_pathway` on the choose page.
    choice: &'a str,
    /// The path segment of the pathway's pages.
    segment: &'a str,
    /// The pathway's own pages after education, in order, with their answers.
    pages: Vec<(&'a str, Fields<'a>)>,
}

fn plan(pathway: &str) -> Plan<'static> {
    match pathway {
        "gts" => Plan {
            choice: "gts",
            segment: "gts",
            pages: vec![
                ("job-offer", GTS_OFFER),
                ("employer", GTS_EMPLOYER),
                ("work-region", WORK_REGION),
                ("job", GTS_JOB),
            ],
        },
        "cusma" => Plan {
            choice: "cusma_professional",
            segment: "cusma",
            pages: vec![
                (
                    "profession",
                    &[
                        ("job_offer_status", "written"),
                        ("cusma_profession", "computer_systems_analyst"),
                        ("job_title", "Computer systems analyst"),
                        ("job_duties", DUTIES),
                        ("engagement_type", "employee"),
                        ("controls_canadian_entity", "no"),
                    ],
                ),
                (
                    "credentials",
                    &[
                        ("credential_type", "bachelor_or_licenciatura"),
                        ("credential_field_related", "yes"),
                        ("credential_country", "MX"),
                        ("years_experience_in_profession", "5"),
                        ("licence_held", "none"),
                    ],
                ),
                ("terms", &[("duration_months", "24")]),
            ],
        },
        "ict" => Plan {
            choice: "ict",
            segment: "ict",
            pages: vec![
                (
                    "companies",
                    &[
                        ("foreign_employer_name", "Globex GmbH"),
                        ("foreign_employer_country", "DE"),
                        ("countries_with_revenue_operations", "DE"),
                        ("countries_with_revenue_operations", "FR"),
                        ("canadian_entity_status", "operating"),
                        ("relationship", "subsidiary"),
                        ("applicant_owns_controlling_interest", "no"),
                        ("canadian_premises", "commercial"),
                    ],
                ),
                (
                    "employment",
                    &[
                        ("currently_employed_by_foreign_entity", "yes"),
                        ("employment_full_time_continuous", "yes"),
                        ("employment_start_date", "2020-01-15"),
                        ("current_role_category", "senior_manager"),
                        ("current_job_title", "Engineering manager"),
                    ],
                ),
                (
                    "transfer",
                    &[
                        ("proposed_role_category", "senior_manager"),
                        ("proposed_job_title", "Engineering manager"),
                        ("work_province", "ON"),
                        ("work_city", "Toronto"),
                        ("proposed_wage", "160000"),
                        ("wage_unit", "annual"),
                        ("hours_per_week", "40"),
                        ("home_position_held_for_return", "yes"),
                        ("work_location_type", "canadian_office"),
                        ("prior_ict_months_in_canada", "0"),
                        ("assignment_months", "36"),
                    ],
                ),
                ("work-region", WORK_REGION),
                (
                    "role",
                    &[
                        ("direct_reports", "6"),
                        ("reports_are_professionals", "yes"),
                        ("reports_include_managers", "yes"),
                        ("canadian_entity_headcount", "40"),
                    ],
                ),
            ],
        },
        other => panic!("no plan for {other}"),
    }
}

/// "Not sure" leads to CUSMA for a US citizen with a written offer as a software engineer; the
/// deciding answers (citizenship, the offer) carry over and are not asked again, and the CUSMA pages follow.
fn not_sure_cusma_pages() -> Vec<(&'static str, Fields<'static>)> {
    let mut pages = plan("cusma").pages;
    pages[0] = (
        "profession",
        &[
            ("cusma_profession", "computer_systems_analyst"),
            ("job_title", "Computer systems analyst"),
            ("job_duties", DUTIES),
            ("engagement_type", "employee"),
            ("controls_canadian_entity", "no"),
        ],
    );
    pages
}

/// An applicant's whole journey in `lang`; returns the reference and the applicant's email.
async fn applicant(site: &Site, b: &mut Browser, lang: &str, pathway: &str) -> (String, String) {
    let email = format!("ana.{pathway}.{lang}@example.com");
    let base = &site.server.address;

    b.visit(&format!("{base}/{lang}/"), "landing").await;
    b.activate("main a.button", "choose").await;
    assert_eq!(b.path().await, format!("/{lang}/apply"));
    let choice = if pathway == "not_sure" {
        "not_sure"
    } else {
        plan(pathway).choice
    };
    b.answer(&[("target_pathway", choice), ("consent_privacy", "yes")])
        .await;

    let (segment, pages) = if pathway == "not_sure" {
        b.continue_to("not-sure").await;
        assert_eq!(b.path().await, format!("/{lang}/apply/not-sure"));
        b.answer(&[
            ("citizenships", "US"),
            ("job_offer_status", "written"),
            ("noc_2021_code", "21231"),
            ("currently_employed_by_foreign_entity", "no"),
        ])
        .await;
        b.continue_to("not-sure-result").await;
        assert_eq!(b.count("[data-suggestion=cusma]").await, 1, "CUSMA is suggested");
        b.activate(
            "form:has(input[name=pathway][value=cusma]) button[type=submit]",
            "about-you",
        )
        .await;
        ("cusma", not_sure_cusma_pages())
    } else {
        b.continue_to("about-you").await;
        let plan = plan(pathway);
        (plan.segment, plan.pages)
    };
    let at = |page: &str| format!("/{lang}/apply/{segment}/{page}");
    assert_eq!(b.path().await, at("about-you"));

    // One mistake, shown and corrected.
    let mut about: Vec<(&str, &str)> = vec![
        ("full_name", "Ana López"),
        ("email", "ana.lopez@"),
        ("phone", "+52 55 1234 5678"),
    ];
    if pathway != "not_sure" {
        about.push(("citizenships", if pathway == "ict" { "IN" } else { "MX" }));
    }
    about.push(("country_of_residence", if pathway == "ict" { "DE" } else { "MX" }));
    b.answer(&about).await;
    b.continue_to("about-you-error").await;
    assert_eq!(b.path().await, at("about-you"), "the page comes back with its errors");
    let title = b.title().await;
    assert!(
        title.starts_with("Error: ") || title.starts_with("Erreur : "),
        "the title says there is an error: {title}"
    );
    assert!(b.focused_is(".error-summary").await, "focus moves to the error summary");
    assert_eq!(b.count(".error-summary a[href='#email']").await, 1);
    b.answer(&[("email", email.as_str())]).await;
    b.continue_to("location").await;

    assert_eq!(b.path().await, at("location"));
    b.answer(&[("current_location", "outside_canada")]).await;
    b.continue_to("route").await;
    assert_eq!(b.path().await, at("route"));
    if pathway == "not_sure" {
        // A US citizen flying in: no green-card or visa question.
        assert_eq!(b.count("input[name=visa_requirement]").await, 0);
        b.answer(&[("entry_plan", "airport")]).await;
    } else if pathway == "ict" {
        b.answer(&[
            ("entry_plan", "online_from_abroad"),
            ("us_lawful_permanent_resident", "no"),
            ("visa_requirement", "visa_required"),
        ])
        .await;
    } else {
        b.answer(&[
            ("entry_plan", "online_from_abroad"),
            ("us_lawful_permanent_resident", "no"),
            ("mx_travel_document", "canadian_visa"),
        ])
        .await;
    }
    b.continue_to("education").await;
    b.answer(&[
        ("highest_education", "master"),
        ("field_of_study", "Computer science"),
        ("years_it_experience", "6.5"),
    ])
    .await;
    b.continue_to(pages[0].0).await;
    for (i, (page, fields)) in pages.iter().enumerate() {
        assert_eq!(b.path().await, at(page));
        b.answer(fields).await;
        let next = pages.get(i + 1).map_or("admissibility", |p| p.0);
        b.continue_to(next).await;
    }
    assert_eq!(b.path().await, at("admissibility"));
    b.answer(&[("prior_refusal_or_removal", "no"), ("criminal_history", "no")])
        .await;
    b.continue_to("consent").await;
    b.answer(&[("ack_not_legal_advice", "yes")]).await;
    b.continue_to("assessment").await;

    assert_eq!(b.path().await, at("assessment"));
    assert!(b.count("[data-outcome]").await >= 1, "an outcome per pathway");
    assert!(b.count("[data-rule]").await >= 1, "with its reasons");

    // The booking page, date first: its script switches the times to the browser's zone; how to
    // meet, then a day (a button that comes back with its times), then a time.
    b.activate_only("main a.button").await;
    b.wait_for_path_containing("time_zone=").await;
    b.page("booking").await;
    let zone = b.text_value("#time_zone").await;
    assert_eq!(zone, b.time_zone, "the slots are shown in the browser's time zone");
    b.answer(&[("consultation_mode", "video")]).await;
    b.activate("button[data-day]", "booking-day").await;
    assert_eq!(
        b.count("button[data-day][aria-current=date]").await,
        1,
        "the day chosen"
    );
    assert_eq!(
        b.count("input[name=consultation_mode]:checked").await,
        1,
        "how to meet, kept"
    );
    if b.count("input[name=slot]").await == 0 {
        b.activate("button[data-show-night]", "booking-night").await;
    }
    let first_slot = b.attr_of("input[name=slot]", "value").await;
    b.answer(&[("slot", first_slot.as_str())]).await;
    b.activate("button[data-continue]", "check").await;

    assert_eq!(b.path().await, at("check"));
    assert!(b.text("main").await.contains("Ana López"));
    b.continue_to("confirmation").await;
    assert_eq!(b.path().await, format!("/{lang}/apply/confirmation"));
    let reference = b.text("#reference").await;
    assert_eq!(reference.len(), 9, "a reference like K7QM-4XTP: {reference}");

    // The confirmation email's manage link: move the consultation to another slot.
    let subject = if lang == "fr" { "est réservée" } else { "is booked" };
    let confirmation = site.mail_to(&email, subject).await;
    let text = confirmation.parsed().body_text(0).unwrap().into_owned();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/booking/"))
        .expect("a manage link in the confirmation")
        .to_owned();
    b.visit(&format!("{link}?night=1"), "manage").await;
    assert_eq!(b.count("[data-status=active]").await, 1);
    let other_slot = b
        .attr_nth("form[action$='/reschedule'] input[name=slot]", 1, "value")
        .await;
    b.answer(&[("slot", other_slot.as_str())]).await;
    // The move asks for confirmation first.
    b.activate("form[action$='/reschedule'] button[data-continue]", "manage-confirm")
        .await;
    assert_eq!(b.count("[data-new-time]").await, 1);
    b.activate("button[data-confirm]", "manage-moved").await;
    assert_eq!(b.count("[data-status=active]").await, 1);
    let starts: Vec<String> = sqlx::query_scalar(
        "select to_char(starts_at at time zone 'UTC', 'YYYYMMDD\"T\"HH24MISS\"Z\"') from booking where status = 'active'",
    )
    .fetch_all(&site.db.pool)
    .await
    .unwrap();
    assert_eq!(starts, [other_slot], "one active booking, moved to the slot chosen");
    let moved = if lang == "fr" { "déplacée" } else { "has moved" };
    site.mail_to(&email, moved).await;
    (reference, email)
}

/// Staff sign in, find the application by its reference and mark it contacted.
async fn staff(site: &Site, b: &mut Browser, reference: &str) {
    site.add_staff("jo.staff@firm.example", "Jo Staff", "Lantern-orchid-Fjord-42");
    b.visit(&format!("{}/staff/login", site.server.address), "staff-login")
        .await;
    b.answer(&[
        ("email", "jo.staff@firm.example"),
        ("password", "Lantern-orchid-Fjord-42"),
    ])
    .await;
    b.continue_to("staff-dashboard").await;
    assert_eq!(b.path().await, "/staff/");

    // Two-step verification: set up from the account page (the key typed by hand, as someone
    // without a camera would), recovery codes shown, then signing in again takes a code.
    b.activate(".staff-account-name", "staff-account").await;
    b.activate("#set-up-second-factor", "staff-second-factor-setup").await;
    let key = b.attr_of("[data-totp-secret]", "data-totp-secret").await;
    let now = crate::helpers::unix_now();
    b.answer(&[("code", &crate::helpers::totp_code(&key, now))]).await;
    b.continue_to("staff-recovery-codes").await;
    assert_eq!(b.count("[data-recovery-code]").await, 10);
    b.activate(".staff-signout", "staff-signed-out").await;
    assert_eq!(b.path().await, "/staff/login");
    b.answer(&[
        ("email", "jo.staff@firm.example"),
        ("password", "Lantern-orchid-Fjord-42"),
    ])
    .await;
    b.continue_to("staff-login-code").await;
    assert_eq!(b.path().await, "/staff/login/code");
    // The next step's code: the one used at set-up works only once.
    b.answer(&[("code", &crate::helpers::totp_code(&key, now + 30))]).await;
    b.continue_to("staff-dashboard-2fa").await;
    assert_eq!(b.path().await, "/staff/");
    b.activate("nav a[href='/staff/applications']", "staff-applications")
        .await;
    b.answer(&[("q", reference)]).await;
    b.activate("form.filters button[type=submit]", "staff-search").await;
    assert_eq!(b.text("[data-total]").await, "1");
    b.activate("table tbody a", "staff-application").await;
    assert_eq!(b.text("[data-reference]").await, reference);
    b.answer(&[("review_status", "contacted")]).await;
    b.activate("#status button[type=submit]", "staff-status-changed").await;
    assert_eq!(b.text_value("#review_status").await, "contacted");
    assert!(
        b.count("[data-status-change]").await >= 1,
        "the change is in the history"
    );
    let stored: String = sqlx::query_scalar("select review_status from application where reference = $1")
        .bind(reference)
        .fetch_one(&site.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, "contacted");

    // Moving the consultation: the picker with nothing chosen, a time, the confirmation with a
    // reason, the banner.
    b.activate("a[data-move-link]", "staff-move").await;
    assert_eq!(b.count("input[name=slot]:checked").await, 0, "nothing chosen");
    if b.count("input[name=slot]").await == 0 {
        b.activate("button[data-show-night]", "staff-move-night").await;
    }
    let times = b.count("input[name=slot]").await;
    let slot = b
        .attr_nth("input[name=slot]", usize::try_from(times).unwrap() - 1, "value")
        .await;
    b.answer(&[("slot", slot.as_str())]).await;
    b.activate("button[data-continue]", "staff-move-confirm").await;
    assert_eq!(b.count("h1[data-question]").await, 1);
    b.answer(&[("reason", "The lawyer is in court that morning.")]).await;
    b.activate("button[data-confirm]", "staff-moved").await;
    assert_eq!(b.count("[data-moved]").await, 1);

    // Jo consults (the firm's own calendar is theirs): their consultations, their calendar feed
    // (its address shown once, then turned off), the capacity of every consultant.
    sqlx::query(
        "update consultant set staff_user_id = (select staff_user_id from staff_user where email = $1)
         where staff_user_id is null",
    )
    .bind("jo.staff@firm.example")
    .execute(&site.db.pool)
    .await
    .unwrap();
    b.activate("nav a[href='/staff/consultations']", "staff-consultations")
        .await;
    assert_eq!(b.count("tr[data-consultation]").await, 1);
    b.activate("#feed form button", "staff-feed-created").await;
    assert!(b.attr_of("[data-feed-url]", "value").await.ends_with(".ics"));
    b.activate(
        "main a.button[href='/staff/consultations']",
        "staff-consultations-feed-on",
    )
    .await;
    b.activate("a[data-revoke-link]", "staff-feed-revoke").await;
    b.activate(
        "form[action='/staff/consultations/feed/revoke'] button",
        "staff-feed-revoked",
    )
    .await;
    assert_eq!(b.count("[data-feed-revoked]").await, 1);
    b.activate("a[href='/staff/consultations/capacity']", "staff-capacity")
        .await;
    assert_eq!(b.count("td[data-booked='1']").await, 1);

    // The wage data on file: the starter edition `serve` loaded into the empty database.
    b.visit(&format!("{}/staff/wages", site.server.address), "staff-wages")
        .await;
    assert_eq!(b.count("tr[data-edition='2025-11-19']").await, 1);
}

/// An admin's round of the consultants' pages (issue 14): the list, the firm's own calendar, its
/// hours and time off, the firm's availability with its statutory holidays, a consultant's profile
/// refused then saved, and making a member of staff a consultant.
async fn consultants(site: &Site, b: &mut Browser) {
    site.add_staff("pat.admin@firm.example", "Pat Admin", "Lantern-orchid-Fjord-42");
    b.visit(&format!("{}/staff/login", site.server.address), "staff-login")
        .await;
    b.answer(&[
        ("email", "pat.admin@firm.example"),
        ("password", "Lantern-orchid-Fjord-42"),
    ])
    .await;
    b.continue_to("staff-dashboard").await;
    b.activate("nav a[href='/staff/consultants']", "staff-consultants")
        .await;
    b.activate("[data-consultant] a", "staff-consultant").await;
    assert_eq!(
        b.count("form[action$='/link']").await,
        1,
        "the firm's calendar is unlinked"
    );
    // A link that is not https: the error summary, then the profile saved.
    b.answer(&[("daily_cap", "6"), ("video_link", "http://meet.example.com/firm")])
        .await;
    b.activate("#profile button[type=submit]", "staff-consultant-refused")
        .await;
    assert_eq!(b.count(".error-summary").await, 1);
    b.answer(&[("video_link", "https://meet.example.com/firm")]).await;
    b.activate("#profile button[type=submit]", "staff-consultant-saved")
        .await;
    assert_eq!(b.count("[data-saved]").await, 1);
    b.activate("[data-own-hours] a", "staff-consultant-availability").await;
    assert!(b.path().await.starts_with("/staff/availability?consultant="));
    assert_eq!(b.count("[data-follows-firm]").await, 1);
    b.activate(
        "form[action='/staff/availability/rules/copy'] button",
        "staff-consultant-hours-copied",
    )
    .await;
    assert_eq!(b.count("[data-rule]").await, 10);
    b.activate("nav a[href='/staff/availability']", "staff-availability")
        .await;
    assert_eq!(b.count("select#holidays").await, 1);
    b.visit(
        &format!("{}/staff/consultants/new", site.server.address),
        "staff-consultant-new",
    )
    .await;
}

async fn consultants_journey(name: &str, input: Input, width: Width) {
    let site = Site::start().await;
    let mut b = Browser::open_at(name, input, "America/Toronto", width).await;
    consultants(&site, &mut b).await;
    println!("{name}: {} pages audited, no axe violation", b.audited);
    b.close().await;
}

#[actix_web::test]
async fn an_admin_sets_up_consultants_with_the_keyboard_alone() {
    consultants_journey("consultants-en-keyboard", Input::Keyboard, Width::Desktop).await;
}

#[actix_web::test]
async fn an_admin_sets_up_consultants_on_a_phone() {
    consultants_journey("consultants-en-phone", Input::Mouse, Width::Phone).await;
}

async fn journey(name: &str, lang: &str, pathway: &str, input: Input, tz: &str, with_staff: bool) {
    journey_at(name, lang, pathway, input, tz, with_staff, Width::Desktop).await;
}

async fn journey_at(name: &str, lang: &str, pathway: &str, input: Input, tz: &str, with_staff: bool, width: Width) {
    let site = Site::start().await;
    let mut b = Browser::open_at(name, input, tz, width).await;
    let (reference, _) = applicant(&site, &mut b, lang, pathway).await;
    if pathway == "not_sure" {
        // An error page, audited like the others.
        b.visit(&format!("{}/{lang}/no-such-page", site.server.address), "not-found")
            .await;
    }
    if with_staff {
        staff(&site, &mut b, &reference).await;
    }
    println!("{name}: {} pages audited, no axe violation", b.audited);
    b.close().await;
}

#[actix_web::test]
async fn gts_in_english_with_the_keyboard_alone_then_staff() {
    journey("gts-en-keyboard", "en", "gts", Input::Keyboard, "Asia/Kolkata", true).await;
}

#[actix_web::test]
async fn gts_in_english_on_a_phone_with_the_keyboard_alone() {
    journey_at(
        "gts-en-phone",
        "en",
        "gts",
        Input::Keyboard,
        "Asia/Kolkata",
        false,
        Width::Phone,
    )
    .await;
}

#[actix_web::test]
async fn gts_in_french() {
    journey("gts-fr", "fr", "gts", Input::Mouse, "Europe/Paris", false).await;
}

#[actix_web::test]
async fn cusma_in_english() {
    journey("cusma-en", "en", "cusma", Input::Mouse, "America/Mexico_City", false).await;
}

#[actix_web::test]
async fn cusma_in_french() {
    journey("cusma-fr", "fr", "cusma", Input::Mouse, "Europe/Paris", false).await;
}

#[actix_web::test]
async fn ict_in_english() {
    journey("ict-en", "en", "ict", Input::Mouse, "Europe/Berlin", false).await;
}

#[actix_web::test]
async fn ict_in_french_then_staff() {
    journey("ict-fr", "fr", "ict", Input::Mouse, "Europe/Paris", true).await;
}

#[actix_web::test]
async fn not_sure_in_english() {
    journey("not-sure-en", "en", "not_sure", Input::Mouse, "America/Chicago", false).await;
}

#[actix_web::test]
async fn not_sure_in_french() {
    journey("not-sure-fr", "fr", "not_sure", Input::Mouse, "Europe/Paris", false).await;
}

/// After booking: the privacy notice and the team page, then the status page (sign-in link by
/// email, the request, withdrawal), each page audited.
async fn status_pages(site: &Site, b: &mut Browser, reference: &str, email: &str) {
    let base = &site.server.address;
    b.visit(&format!("{base}/en/privacy"), "privacy").await;
    assert!(b.count("[data-keep]").await >= 4, "the retention periods");
    b.visit(&format!("{base}/en/team"), "team").await;
    assert!(b.count("[data-team-member]").await >= 1);
    b.visit(&format!("{base}/en/status"), "status-ask").await;
    b.answer(&[("reference", reference), ("email", email)]).await;
    b.continue_to("status-sent").await;
    assert_eq!(b.path().await, "/en/status/sent");
    let mail = site.mail_to(email, "Your link to see your request").await;
    let text = mail.parsed().body_text(0).unwrap().into_owned();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/status/sign-in/"))
        .expect("a sign-in link")
        .to_owned();
    b.visit(&link, "status-sign-in").await;
    b.activate("main form button", "status-page").await;
    assert_eq!(b.path().await, "/en/status");
    assert_eq!(b.text("#reference").await, reference);
    assert_eq!(b.count("[data-when]").await, 1, "the consultation");
    b.activate("a[href='/en/status/withdraw']", "status-withdraw").await;
    b.activate("main form button", "status-withdrawn").await;
    assert_eq!(b.path().await, "/en/status/withdrawn");
}

#[actix_web::test]
async fn the_status_page_privacy_notice_and_team_in_english() {
    let site = Site::start().await;
    let mut b = Browser::open_at("status-en", Input::Mouse, "Europe/Berlin", Width::Desktop).await;
    let (reference, email) = applicant(&site, &mut b, "en", "ict").await;
    status_pages(&site, &mut b, &reference, &email).await;
    println!("status-en: {} pages audited, no axe violation", b.audited);
    b.close().await;
}
