//! Issue 11, item 8: CSV cells split on another separator, caching of applicant pages, invisible
//! and look-alike names, the brief's Reply-To, the metrics listener (see `health.rs`).

use crate::{
    apply::{ABOUT_YOU, choose},
    booking::{choose_slot, reach_booking, submit},
    helpers::{Page, SmtpSink, TestApp, assert_redirect, create_staff, login, spawn_app},
};

const PASSWORD: &str = "correct horse battery staple 42";

async fn signed_in(app: &TestApp, role: &str) -> TestApp {
    let browser = app.with_new_browser();
    let email = format!("{role}@firm.example");
    create_staff(app, &email, &format!("Pat {role}"), role, PASSWORD).await;
    login(&browser, &email, PASSWORD).await;
    browser
}

/// A submitted application by `name`; returns the applicant's browser and the staff page path.
async fn submitted(app: &TestApp, name: &str, email: &str) -> (TestApp, String) {
    let applicant = app.with_new_browser();
    let booking = reach_booking(&applicant, "en", name, email).await;
    choose_slot(&applicant, &booking, None, "America/Toronto").await;
    assert_redirect(&submit(&applicant, "en").await, "/en/apply/confirmation");
    let id: uuid::Uuid = sqlx::query_scalar("select application_id from application where email = $1")
        .bind(email)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    (applicant, format!("/staff/applications/{id}"))
}

fn assert_no_store(page: &Page, what: &str) {
    assert_eq!(
        page.header("cache-control"),
        Some("no-store"),
        "{what}: {:?}",
        page.headers
    );
}

#[actix_web::test]
async fn applicant_pages_with_personal_data_or_a_token_are_never_stored() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let (applicant, _) = submitted(&app, "Ana López", "ana@example.com").await;
    // The pages of the draft, as the applicant saw them (answers and tokens in them).
    for path in [
        "/en/apply/gts/about-you",
        "/en/apply/gts/job",
        "/en/apply/gts/assessment",
    ] {
        // Submitted: they redirect, and even that answer is not stored.
        assert_no_store(&applicant.get(path).await, path);
    }
    let confirmation = applicant.get("/en/apply/confirmation").await;
    assert_eq!(confirmation.status, 200);
    assert_no_store(&confirmation, "confirmation");
    assert_no_store(&applicant.get("/en/apply/confirmation/invite.ics").await, "invite");
    app.drain_outbox().await;
    let mail = smtp.messages();
    let text = mail
        .iter()
        .find(|m| m.to == ["ana@example.com"])
        .unwrap()
        .parsed()
        .body_text(0)
        .unwrap()
        .into_owned();
    let manage = text
        .split_whitespace()
        .find(|w| w.contains("/en/booking/"))
        .unwrap()
        .strip_prefix(&app.address)
        .unwrap()
        .to_owned();
    let page = app.with_new_browser().get(&manage).await;
    assert_eq!(page.status, 200);
    assert_no_store(&page, "manage booking");

    // A draft in progress: question, assessment, booking and check pages; the resume link.
    let draft = app.with_new_browser();
    let booking = reach_booking(&draft, "en", "Bea Draft", "bea@example.com").await;
    for path in [
        "/en/apply/gts/about-you",
        "/en/apply/gts/assessment",
        booking.as_str(),
        "/en/apply/save",
    ] {
        let page = draft.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert_no_store(&page, path);
    }
    choose_slot(&draft, &booking, None, "America/Toronto").await;
    let check = draft.get("/en/apply/gts/check").await;
    assert_eq!(check.status, 200);
    assert_no_store(&check, "check");
    let before = smtp.messages().len();
    let sent = draft
        .submit("/en/apply/save", "/en/apply/save", &[("email", "bea@example.com")])
        .await;
    assert_redirect(&sent, "/en/apply/save/sent");
    app.drain_outbox().await;
    let text = smtp.messages()[before].parsed().body_text(0).unwrap().into_owned();
    let resume = text
        .split_whitespace()
        .find(|w| w.contains("/apply/resume/"))
        .unwrap()
        .strip_prefix(&app.address)
        .unwrap()
        .to_owned();
    let opened = app.with_new_browser().get(&resume).await;
    assert_eq!(opened.status, 303);
    assert_no_store(&opened, "resume link");
}

#[actix_web::test]
async fn names_of_invisible_characters_are_refused_in_english_and_french() {
    let app = spawn_app(&SmtpSink::start()).await;
    for (lang, message) in [
        ("en", "Enter your name using letters"),
        ("fr", "Indiquez votre nom en lettres"),
    ] {
        for invisible in ["\u{3164}\u{3164}", "\u{115F}\u{1160}", "\u{200B}\u{200D}\u{2060}"] {
            let browser = app.with_new_browser();
            let first = choose(&browser, lang, "gts").await;
            let fields: Vec<(&str, &str)> = ABOUT_YOU
                .iter()
                .map(|&(k, v)| if k == "full_name" { (k, invisible) } else { (k, v) })
                .collect();
            let page = browser.submit(&first, &first, &fields).await;
            assert_eq!(page.status, 422, "{lang} {invisible:?}");
            assert!(page.body.contains(message), "{lang}: {}", page.body);
        }
    }
    // Invisible characters inside a real name are dropped; compatibility forms normalised.
    let browser = app.with_new_browser();
    let first = choose(&browser, "en", "gts").await;
    let fields: Vec<(&str, &str)> = ABOUT_YOU
        .iter()
        .map(|&(k, v)| {
            if k == "full_name" {
                (k, "Ａna\u{200B} Ló\u{00AD}pez\u{3164}")
            } else {
                (k, v)
            }
        })
        .collect();
    assert_eq!(browser.submit(&first, &first, &fields).await.status, 303);
    let name: String = sqlx::query_scalar("select full_name from application where full_name is not null")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(name, "Ana López");
}

#[actix_web::test]
async fn a_name_mixing_scripts_is_flagged_to_staff_not_refused() {
    let app = spawn_app(&SmtpSink::start()).await;
    // "Аna López" with a Cyrillic А.
    let (_, lookalike) = submitted(&app, "\u{0410}na López", "lookalike@example.com").await;
    let (_, plain) = submitted(&app, "Ana López", "ana@example.com").await;
    let staff = signed_in(&app, "staff").await;
    let page = staff.get(&lookalike).await;
    assert_eq!(page.count("[data-mixed-scripts]"), 1, "{}", page.body);
    assert_eq!(staff.get(&plain).await.count("[data-mixed-scripts]"), 0);
}

#[actix_web::test]
async fn the_brief_replies_to_the_bare_address_not_a_name_the_applicant_typed() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    // A name made to read as someone the firm trusts.
    submitted(&app, "Managing Partner via", "applicant@example.com").await;
    app.drain_outbox().await;
    let mail = smtp.messages();
    let brief = mail
        .iter()
        .find(|m| m.to == ["consultations@firm.example"] && m.data.contains("Reply-To"))
        .expect("the brief");
    let parsed = brief.parsed();
    let reply_to = parsed.reply_to().and_then(|a| a.first()).expect("a Reply-To");
    assert_eq!(reply_to.address(), Some("applicant@example.com"));
    assert_eq!(reply_to.name(), None, "no display name");
    let header = brief.data.lines().find(|l| l.starts_with("Reply-To:")).unwrap();
    assert!(!header.contains("Partner"), "{header}");
}

#[actix_web::test]
async fn csv_cells_cannot_start_a_formula_after_any_separator() {
    let app = spawn_app(&SmtpSink::start()).await;
    submitted(&app, "Zoe;=2+5", "zoe@example.com").await;
    submitted(&app, "Al,=HYPERLINK(\"http://evil.example\")", "al@example.com").await;
    let staff = signed_in(&app, "staff").await;
    let csv = staff.get("/staff/applications/export.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("\"Zoe;'=2+5\""), "{}", csv.body);
    assert!(csv.body.contains("\"Al,'=HYPERLINK("), "{}", csv.body);
    // Every cell quoted, whichever separator a spreadsheet splits on: no part starts a formula.
    for line in csv.body.lines() {
        assert!(line.starts_with('"') && line.ends_with('"'), "{line}");
        for part in line.split([',', ';', '\t']) {
            let part = part.trim_start_matches([' ', '"']);
            assert!(!part.starts_with(['=', '+', '-', '@']), "{part} in {line}");
        }
    }
}
