//! Every page of a whole journey (a pathway's questions, the assessment, booking, check,
//! confirmation, "not sure", the status, contact, privacy and team pages), in every language of
//! the site, with and without errors: no message id may be shown as text (a message missing in one
//! language, or looked up without its arguments, shows its id).

use std::collections::BTreeSet;

use intake::i18n::Lang;

use crate::{
    apply::{ADMISSIBILITY, CONSENT, EDUCATION, GTS_EMPLOYER, GTS_JOB, GTS_OFFER, OUTSIDE, ROUTE, WORK_REGION, choose},
    booking::choose_slot,
    helpers::{Page, SmtpSink, TestApp, spawn_app},
};

/// The ids of every message (with a hyphen: one-word ids such as `back` are also plain words).
fn message_ids() -> BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/locales/en");
    let mut ids = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some((id, _)) = line.split_once(" =")
                && id.contains('-')
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                ids.insert(id.to_owned());
            }
        }
    }
    assert!(ids.len() > 500, "the message files were read: {}", ids.len());
    // And every id the templates ask for (a message missing in every language is shown as its id).
    let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for quoted in text.split('"').skip(1).step_by(2) {
                if quoted.contains('-')
                    && quoted.len() < 60
                    && quoted
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                {
                    ids.insert(quoted.to_owned());
                }
            }
        }
    }
    ids
}

/// The words a person reads on the page: its text and the attributes read aloud or shown.
fn shown_words(page: &Page) -> BTreeSet<String> {
    let html = page.html();
    let mut text = String::new();
    let body = scraper::Selector::parse("body").unwrap();
    for node in html.select(&body) {
        for piece in node.text() {
            text.push_str(piece);
            text.push(' ');
        }
    }
    let attributes = scraper::Selector::parse("[aria-label], [title], [placeholder], [alt], [value]").unwrap();
    for element in html.select(&attributes) {
        for name in ["aria-label", "title", "placeholder", "alt"] {
            if let Some(v) = element.value().attr(name) {
                text.push_str(v);
                text.push(' ');
            }
        }
        if element.value().name() == "button" {
            text.push_str(element.value().attr("value").unwrap_or_default());
        }
    }
    let title = scraper::Selector::parse("title").unwrap();
    if let Some(t) = html.select(&title).next() {
        text.extend(t.text());
    }
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .filter(|w| w.contains('-'))
        .map(str::to_owned)
        .collect()
}

struct Checker {
    ids: BTreeSet<String>,
    pages: usize,
}

impl Checker {
    fn check(&mut self, what: &str, page: &Page) {
        assert!(page.status < 500, "{what}: {}", page.status);
        let shown: Vec<String> = shown_words(page).into_iter().filter(|w| self.ids.contains(w)).collect();
        assert!(shown.is_empty(), "{what} shows message ids as text: {shown:?}");
        self.pages += 1;
    }

    /// The page at `path`, then the same form sent empty (its errors).
    async fn page_and_errors(&mut self, app: &TestApp, path: &str) {
        let page = app.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        self.check(path, &page);
        let token = page.csrf_token();
        let errors = app.post_raw(path, &[("csrf_token", token.as_str())]).await;
        // A page whose questions are all optional takes an empty form.
        if errors.status == 303 {
            return;
        }
        assert_eq!(errors.status, 422, "{path} sent empty: {}", errors.body);
        self.check(&format!("{path} (errors)"), &errors);
    }
}

async fn every_page_in(lang: Lang, checker: &mut Checker) {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let l = lang.code();
    for path in ["/", "/privacy", "/team"] {
        let page = app.get(&format!("/{l}{path}")).await;
        checker.check(path, &page);
    }
    for path in ["/apply", "/contact", "/status"] {
        checker.page_and_errors(&app, &format!("/{l}{path}")).await;
    }

    // "Not sure": its deciding questions.
    let unsure = app.with_new_browser();
    let at = choose(&unsure, l, "not_sure").await;
    checker.page_and_errors(&unsure, &at).await;

    // A whole GTS journey, each page shown, then sent empty, then answered.
    let mut at = choose(&app, l, "gts").await;
    let about: &[(&str, &str)] = &[
        ("full_name", "Ana López"),
        ("email", "ana@example.com"),
        ("citizenships", "MX"),
        ("country_of_residence", "MX"),
    ];
    for answers in [
        about,
        OUTSIDE,
        ROUTE,
        EDUCATION,
        GTS_OFFER,
        GTS_EMPLOYER,
        WORK_REGION,
        GTS_JOB,
        ADMISSIBILITY,
        CONSENT,
    ] {
        checker.page_and_errors(&app, &at).await;
        // Progress is by part, and the number of parts never changes with the answers.
        let page = app.get(&at).await;
        assert_eq!(page.attr_of("progress", "max").as_deref(), Some("4"), "{at}");
        let label = page.text_of("#progress-label").unwrap();
        assert!(label.contains('4') && label.contains(':'), "{at}: {label}");
        let next = app.submit(&at, &at, answers).await;
        assert_eq!(next.status, 303, "{at}: {}", next.body);
        at = next.header("location").unwrap().to_owned();
    }
    assert!(at.ends_with("/assessment"), "{at}");
    checker.check(&at, &app.get(&at).await);
    let booking = format!("/{l}/apply/gts/booking");
    checker.page_and_errors(&app, &booking).await;
    choose_slot(&app, &booking, None, "Asia/Kolkata").await;
    let check = format!("/{l}/apply/gts/check");
    checker.check(&check, &app.get(&check).await);
    let token = app.get(&check).await.csrf_token();
    let done = app.post_raw(&check, &[("csrf_token", token.as_str())]).await;
    assert_eq!(done.status, 303);
    let confirmation = format!("/{l}/apply/confirmation");
    checker.check(&confirmation, &app.get(&confirmation).await);
}

#[actix_web::test]
async fn no_page_of_any_flow_in_any_language_shows_a_message_id() {
    let mut checker = Checker {
        ids: message_ids(),
        pages: 0,
    };
    for lang in Lang::ALL {
        every_page_in(lang, &mut checker).await;
    }
    assert!(checker.pages >= 30 * Lang::ALL.len(), "{} pages checked", checker.pages);
}
