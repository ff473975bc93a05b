//! The questionnaire end to end through HTTP.

use crate::helpers::{Page, SmtpSink, TestApp, assert_redirect, spawn_app};

pub(crate) type Answers<'a> = &'a [(&'a str, &'a str)];

pub(crate) const ABOUT_YOU: Answers = &[
    ("full_name", "Ana López"),
    ("email", "ana.lopez+canada@example.com"),
    ("phone", "+1 (416) 923-4567"),
    ("citizenships", "MX"),
    ("citizenships", ""),
    ("country_of_residence", "MX"),
];
pub(crate) const OUTSIDE: Answers = &[("current_location", "outside_canada")];
/// The route page (§8.1): online from abroad; questions that do not apply to the applicant are ignored.
pub(crate) const ROUTE: Answers = &[
    ("entry_plan", "online_from_abroad"),
    ("us_lawful_permanent_resident", "no"),
    ("mx_travel_document", "canadian_visa"),
    ("visa_requirement", "visa_exempt"),
];
/// The work-region page: no wage data in a fresh test database, so "I don't know".
pub(crate) const WORK_REGION: Answers = &[("work_economic_region", "unknown")];
pub(crate) const EDUCATION: Answers = &[
    ("highest_education", "master"),
    ("field_of_study", "Computer science"),
    ("years_it_experience", "6.5"),
];
pub(crate) const ADMISSIBILITY: Answers = &[("prior_refusal_or_removal", "no"), ("criminal_history", "no")];
pub(crate) const CONSENT: Answers = &[("ack_not_legal_advice", "yes")];
pub(crate) const DUTIES: &str =
    "Design and build distributed payment services, review code and mentor two junior engineers.";

/// Chooses `target` on /{lang}/apply and returns where it leads.
pub(crate) async fn choose(app: &TestApp, lang: &str, target: &str) -> String {
    let page = app
        .submit(
            &format!("/{lang}/apply"),
            &format!("/{lang}/apply"),
            &[("target_pathway", target), ("consent_privacy", "yes")],
        )
        .await;
    assert_eq!(page.status, 303, "{}", page.body);
    page.header("location").unwrap().to_owned()
}

/// Answers the page at `path` (GET then POST) and returns where it leads.
pub(crate) async fn answer(app: &TestApp, path: &str, fields: Answers<'_>) -> String {
    let form = app.get(path).await;
    assert_eq!(form.status, 200, "GET {path}: {}", form.body);
    let page = app.submit(path, path, fields).await;
    assert_eq!(page.status, 303, "POST {path}: {}", page.body);
    page.header("location").unwrap().to_owned()
}

/// Walks the pages in order, checking each leads to the next one expected.
pub(crate) async fn walk(app: &TestApp, start: &str, pages: &[(&str, Answers<'_>)]) -> String {
    let mut at = start.to_owned();
    for (expected, fields) in pages {
        assert_eq!(at, *expected, "the questionnaire went elsewhere");
        at = answer(app, &at, fields).await;
    }
    at
}

pub(crate) async fn stored(app: &TestApp) -> (String, serde_json::Value, Option<String>, Vec<String>, Option<String>) {
    sqlx::query_as("select status, answers, prescreen_outcome, prescreen_rules, reference from application")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

pub(crate) fn outcomes(page: &Page) -> Vec<String> {
    let sel = scraper::Selector::parse("[data-outcome]").unwrap();
    page.html()
        .select(&sel)
        .map(|e| e.value().attr("data-outcome").unwrap().to_owned())
        .collect()
}

pub(crate) fn rules(page: &Page) -> Vec<String> {
    let sel = scraper::Selector::parse("[data-rule]").unwrap();
    page.html()
        .select(&sel)
        .map(|e| e.value().attr("data-rule").unwrap().to_owned())
        .collect()
}

pub(crate) const GTS_OFFER: Answers = &[
    ("job_offer_status", "written"),
    ("employer_will_file_gts_lmia", "yes"),
    ("gts_referral_status", "none"),
];
pub(crate) const GTS_EMPLOYER: Answers = &[
    ("employer_legal_name", "Maple Payments Inc."),
    ("employer_city", "Toronto"),
    ("employer_province", "ON"),
];
pub(crate) const GTS_JOB: Answers = &[
    ("job_title", "Senior software engineer"),
    ("job_duties", DUTIES),
    ("noc_2021_code", "21231"),
    ("offered_wage", "145,000"),
    ("wage_unit", "annual"),
    ("hours_per_week", "40"),
    ("years_specialized_experience", "7"),
];

#[actix_web::test]
async fn global_talent_stream_from_start_to_reference_in_english() {
    global_talent_stream_from_start_to_reference("en", "not legal advice", "Mexico", "Not provided").await;
}

#[actix_web::test]
async fn global_talent_stream_from_start_to_reference_in_french() {
    global_talent_stream_from_start_to_reference("fr", "avis juridique", "Mexique", "Non indiqué").await;
}

async fn global_talent_stream_from_start_to_reference(lang: &str, not_advice: &str, mexico: &str, not_provided: &str) {
    let app = spawn_app(&SmtpSink::start()).await;
    let first = choose(&app, lang, "gts").await;
    let at = |page: &str| format!("/{lang}/apply/gts/{page}");
    let pages = [
        (at("about-you"), ABOUT_YOU),
        (at("location"), OUTSIDE),
        (at("route"), ROUTE),
        (at("education"), EDUCATION),
        (at("job-offer"), GTS_OFFER),
        (at("employer"), GTS_EMPLOYER),
        (at("work-region"), WORK_REGION),
        (at("job"), GTS_JOB),
        (at("admissibility"), ADMISSIBILITY),
        (at("consent"), CONSENT),
    ];
    let pages: Vec<(&str, Answers)> = pages.iter().map(|(p, a)| (p.as_str(), *a)).collect();
    let end = walk(&app, &first, &pages).await;
    assert_eq!(end, at("assessment"));

    let assessment = app.get(&end).await;
    assert_eq!(assessment.status, 200);
    assert_eq!(assessment.count(&format!(r#"html[lang="{lang}"]"#)), 1);
    // A listed occupation paid at the prevailing wage, with no Job Bank median on file yet: G4.
    assert_eq!(outcomes(&assessment), ["needs_review"]);
    assert_eq!(rules(&assessment), ["G4"]);
    assert!(assessment.body.contains(not_advice), "{}", assessment.body);
    crate::booking::choose_slot(&app, &at("booking"), None, "America/Toronto").await;

    let check = app.get(&at("check")).await;
    assert_eq!(check.status, 200);
    assert!(check.body.contains("Maple Payments Inc."));
    assert!(check.body.contains(mexico), "countries by name");
    assert!(check.body.contains(not_provided), "skipped optional answers say so");

    let token = check.csrf_token();
    let submitted = app.post_raw(&at("check"), &[("csrf_token", token.as_str())]).await;
    let confirmation_path = format!("/{lang}/apply/confirmation");
    assert_redirect(&submitted, &confirmation_path);
    let confirmation = app.get(&confirmation_path).await;
    let reference = confirmation.text_of("#reference").unwrap();
    assert_eq!(reference.len(), 9);

    let (status, answers, outcome, rule_ids, stored_reference) = stored(&app).await;
    assert_eq!(status, "submitted");
    assert_eq!(stored_reference.as_deref(), Some(reference.as_str()));
    // Stored with the notes for the lawyer: X8 (2-week processing may apply).
    assert_eq!(
        (outcome.as_deref(), rule_ids),
        (Some("needs_review"), vec!["G4".to_owned(), "X8".to_owned()])
    );
    assert_eq!(answers["full_name"], "Ana López");
    assert_eq!(answers["phone"], "+14169234567", "normalised to E.164");
    assert_eq!(answers["citizenships"], serde_json::json!(["MX"]));
    assert_eq!(answers["offered_wage"], "145000");
    assert_eq!(answers["years_it_experience"], "6.5");
    assert_eq!(answers["target_pathway"], "gts");
    assert_eq!(answers["language"], lang);
    assert!(answers.get("referral_partner_name").is_none());

    // A second submit (double click, replay) changes nothing.
    let again = app.post_raw(&at("check"), &[("csrf_token", token.as_str())]).await;
    assert_redirect(&again, &confirmation_path);
    assert_eq!(app.count("application").await, 1);
    assert_eq!(stored(&app).await.4.as_deref(), Some(reference.as_str()));
}

#[actix_web::test]
async fn cusma_in_french_asks_the_mexican_travel_question() {
    let app = spawn_app(&SmtpSink::start()).await;
    let first = choose(&app, "fr", "cusma_professional").await;
    let end = walk(
        &app,
        &first,
        &[
            ("/fr/apply/cusma/about-you", ABOUT_YOU),
            ("/fr/apply/cusma/location", OUTSIDE),
            ("/fr/apply/cusma/route", ROUTE),
            ("/fr/apply/cusma/education", EDUCATION),
            (
                "/fr/apply/cusma/profession",
                &[
                    ("job_offer_status", "written"),
                    ("cusma_profession", "computer_systems_analyst"),
                    ("job_title", "Analyste des systèmes"),
                    ("job_duties", DUTIES),
                    ("engagement_type", "employee"),
                    ("controls_canadian_entity", "no"),
                ],
            ),
            (
                "/fr/apply/cusma/credentials",
                &[
                    ("credential_type", "bachelor_or_licenciatura"),
                    ("credential_field_related", "yes"),
                    ("credential_country", "MX"),
                    ("years_experience_in_profession", "5"),
                    ("licence_held", "none"),
                ],
            ),
            ("/fr/apply/cusma/terms", &[("duration_months", "24")]),
            ("/fr/apply/cusma/admissibility", ADMISSIBILITY),
            ("/fr/apply/cusma/consent", CONSENT),
        ],
    )
    .await;
    assert_eq!(end, "/fr/apply/cusma/assessment");
    let assessment = app.get(&end).await;
    assert_eq!(assessment.count(r#"html[lang="fr"]"#), 1);
    assert_eq!(outcomes(&assessment).len(), 1);
    assert!(
        rules(&assessment).contains(&"C11".to_owned()),
        "Mexican citizens: C11 {:?}",
        rules(&assessment)
    );
    let (_, answers, ..) = stored(&app).await;
    assert_eq!(answers["mx_travel_document"], "canadian_visa");
    assert_eq!(
        answers["citizenship_basis"], "mx_citizen",
        "derived from the citizenship, not asked again"
    );
    assert!(
        answers.get("visa_requirement").is_none(),
        "not asked of a Mexican citizen"
    );
    assert_eq!(answers["language"], "fr");
}

#[actix_web::test]
async fn ict_asks_manager_questions_only_for_managers() {
    let app = spawn_app(&SmtpSink::start()).await;
    let first = choose(&app, "en", "ict").await;
    let companies: Answers = &[
        ("foreign_employer_name", "Globex GmbH"),
        ("foreign_employer_country", "DE"),
        ("countries_with_revenue_operations", "DE"),
        ("countries_with_revenue_operations", "FR"),
        ("canadian_entity_status", "operating"),
        ("relationship", "subsidiary"),
        ("applicant_owns_controlling_interest", "no"),
        ("canadian_premises", "commercial"),
    ];
    let employment: Answers = &[
        ("currently_employed_by_foreign_entity", "yes"),
        ("employment_full_time_continuous", "yes"),
        ("employment_start_date", "2020-01-15"),
        ("current_role_category", "senior_manager"),
        ("current_job_title", "Engineering manager"),
    ];
    let transfer: Answers = &[
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
    ];
    let at = walk(
        &app,
        &first,
        &[
            ("/en/apply/ict/about-you", ABOUT_YOU),
            ("/en/apply/ict/location", OUTSIDE),
            ("/en/apply/ict/route", ROUTE),
            ("/en/apply/ict/education", EDUCATION),
            ("/en/apply/ict/companies", companies),
            ("/en/apply/ict/employment", employment),
            ("/en/apply/ict/transfer", transfer),
            ("/en/apply/ict/work-region", WORK_REGION),
        ],
    )
    .await;
    assert_eq!(at, "/en/apply/ict/role");
    let role = app.get(&at).await;
    assert_eq!(role.count("#direct_reports"), 1);
    assert_eq!(
        role.count("#proprietary_knowledge_description"),
        0,
        "no specialist question for a manager"
    );
    let end = walk(
        &app,
        &at,
        &[
            (
                "/en/apply/ict/role",
                &[
                    ("direct_reports", "6"),
                    ("reports_are_professionals", "yes"),
                    ("reports_include_managers", "yes"),
                    ("canadian_entity_headcount", "40"),
                ],
            ),
            ("/en/apply/ict/admissibility", ADMISSIBILITY),
            ("/en/apply/ict/consent", CONSENT),
        ],
    )
    .await;
    let assessment = app.get(&end).await;
    assert_eq!(outcomes(&assessment), ["likely_eligible"]);
    assert_eq!(rules(&assessment), ["I8"]);
    let (_, answers, ..) = stored(&app).await;
    assert_eq!(
        answers["countries_with_revenue_operations"],
        serde_json::json!(["DE", "FR"])
    );
}

#[actix_web::test]
async fn not_sure_suggests_pathways_and_assesses_all_three() {
    let app = spawn_app(&SmtpSink::start()).await;
    assert_eq!(choose(&app, "en", "not_sure").await, "/en/apply/not-sure");
    let result = answer(
        &app,
        "/en/apply/not-sure",
        &[
            ("citizenships", "US"),
            ("job_offer_status", "written"),
            ("noc_2021_code", "21231"),
            ("currently_employed_by_foreign_entity", "no"),
        ],
    )
    .await;
    assert_eq!(result, "/en/apply/not-sure/result");
    let page = app.get(&result).await;
    assert!(
        page.count("[data-suggestion=cusma]") == 1 && page.count("[data-suggestion=gts]") == 1,
        "{}",
        page.body
    );
    let token = page.csrf_token();
    let picked = app
        .post_raw(&result, &[("csrf_token", token.as_str()), ("pathway", "cusma")])
        .await;
    assert_redirect(&picked, "/en/apply/cusma/about-you");
    // The deciding answers carry over: the citizenship is not asked again, and CUSMA's citizenship follows from it.
    let about = app.get("/en/apply/cusma/about-you").await;
    assert_eq!(about.count("#citizenships"), 0, "{}", about.body);
    let next = answer(
        &app,
        "/en/apply/cusma/about-you",
        &[
            ("full_name", "Ana López"),
            ("email", "ana@example.com"),
            ("country_of_residence", "US"),
        ],
    )
    .await;
    assert_eq!(next, "/en/apply/cusma/location");
    let (_, answers, ..) = stored(&app).await;
    assert_eq!(answers["citizenships"], serde_json::json!(["US"]));
    assert_eq!(answers["citizenship_basis"], "us_citizen");
    // A US citizen is not asked about a green card or a visa.
    answer(&app, "/en/apply/cusma/location", OUTSIDE).await;
    let route = app.get("/en/apply/cusma/route").await;
    assert_eq!(route.count("#entry_plan"), 1);
    assert_eq!(route.count("input[name=us_lawful_permanent_resident]"), 0);
    assert_eq!(route.count("input[name=visa_requirement]"), 0);
}

#[actix_web::test]
async fn not_sure_with_nothing_that_fits_says_so_and_still_offers_every_permit() {
    let app = spawn_app(&SmtpSink::start()).await;
    choose(&app, "fr", "not_sure").await;
    let result = answer(
        &app,
        "/fr/apply/not-sure",
        &[
            ("citizenships", "IN"),
            ("job_offer_status", "none"),
            ("noc_2021_code", "21231"),
            ("currently_employed_by_foreign_entity", "no"),
        ],
    )
    .await;
    let page = app.get(&result).await;
    assert_eq!(page.count("[data-suggestion=none]"), 1, "{}", page.body);
    assert_eq!(
        page.count("[data-suggestion=gts]"),
        0,
        "no job offer: GTS is not suggested"
    );
    assert_eq!(page.count("[data-suggestion=cusma]"), 0, "not a US or Mexican citizen");
    assert_eq!(page.count("input[name=pathway]"), 3, "each permit can still be chosen");
    assert!(page.body.contains("consultation gratuite"), "{}", page.body);
}

#[actix_web::test]
async fn errors_come_back_422_with_every_message_and_the_values_kept() {
    let app = spawn_app(&SmtpSink::start()).await;
    choose(&app, "en", "gts").await;
    let page = app
        .submit(
            "/en/apply/gts/about-you",
            "/en/apply/gts/about-you",
            &[
                ("full_name", "<script>alert(1)</script>"),
                ("email", "not-an-email"),
                ("phone", "12"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert!(page.text_of("title").unwrap().starts_with("Error:"));
    for field in ["email", "phone", "citizenships", "country_of_residence"] {
        assert_eq!(
            page.count(&format!(r##".error-summary a[href="#{field}"]"##)),
            1,
            "{field}"
        );
    }
    assert_eq!(page.count(r#"input#full_name[value="<script>alert(1)</script>"]"#), 1);
    assert!(!page.body.contains("<script>alert(1)</script>"));
    assert_eq!(
        page.count(r#"input#email[value="not-an-email"][aria-invalid="true"]"#),
        1
    );
    let (_, answers, ..) = stored(&app).await;
    assert!(answers.get("email").is_none(), "nothing from an invalid page is stored");
}

#[actix_web::test]
async fn changing_an_answer_drops_the_questions_that_no_longer_apply() {
    let app = spawn_app(&SmtpSink::start()).await;
    let first = choose(&app, "en", "gts").await;
    walk(
        &app,
        &first,
        &[
            ("/en/apply/gts/about-you", ABOUT_YOU),
            ("/en/apply/gts/location", OUTSIDE),
            ("/en/apply/gts/route", ROUTE),
            ("/en/apply/gts/education", EDUCATION),
            ("/en/apply/gts/job-offer", GTS_OFFER),
            ("/en/apply/gts/employer", GTS_EMPLOYER),
            ("/en/apply/gts/work-region", WORK_REGION),
        ],
    )
    .await;
    assert_eq!(stored(&app).await.1["employer_city"], "Toronto");
    // No offer after all: the employer page is skipped and its answers dropped.
    let next = answer(
        &app,
        "/en/apply/gts/job-offer",
        &[
            ("job_offer_status", "none"),
            ("employer_will_file_gts_lmia", "unsure"),
            ("gts_referral_status", "referred"),
        ],
    )
    .await;
    assert_eq!(next, "/en/apply/gts/referral", "a referral brings its own question");
    let (_, answers, ..) = stored(&app).await;
    assert!(answers.get("employer_city").is_none());
    assert_eq!(
        app.get("/en/apply/gts/employer").await.status,
        303,
        "the page is no longer asked"
    );
}

#[actix_web::test]
async fn change_links_return_to_the_check_page() {
    let app = spawn_app(&SmtpSink::start()).await;
    let first = choose(&app, "en", "gts").await;
    walk(
        &app,
        &first,
        &[
            ("/en/apply/gts/about-you", ABOUT_YOU),
            ("/en/apply/gts/location", OUTSIDE),
            ("/en/apply/gts/route", ROUTE),
            ("/en/apply/gts/education", EDUCATION),
            ("/en/apply/gts/job-offer", GTS_OFFER),
            ("/en/apply/gts/employer", GTS_EMPLOYER),
            ("/en/apply/gts/work-region", WORK_REGION),
            ("/en/apply/gts/job", GTS_JOB),
            ("/en/apply/gts/admissibility", ADMISSIBILITY),
            ("/en/apply/gts/consent", CONSENT),
        ],
    )
    .await;
    app.get("/en/apply/gts/assessment").await;
    crate::booking::choose_slot(&app, "/en/apply/gts/booking", None, "America/Toronto").await;
    let check = app.get("/en/apply/gts/check").await;
    assert!(
        check
            .body
            .contains(r#"href="/en/apply/gts/education?change=1#field_of_study""#)
    );
    let back = answer(
        &app,
        "/en/apply/gts/education?change=1",
        &[
            ("highest_education", "doctorate"),
            ("field_of_study", "Mathematics"),
            ("years_it_experience", "8"),
        ],
    )
    .await;
    assert_eq!(back, "/en/apply/gts/check");
    assert!(app.get("/en/apply/gts/check").await.body.contains("Mathematics"));
}

#[actix_web::test]
async fn the_draft_is_found_again_from_the_cookie_and_from_an_emailed_link() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let first = choose(&app, "en", "cusma_professional").await;
    let at = walk(
        &app,
        &first,
        &[
            ("/en/apply/cusma/about-you", ABOUT_YOU),
            ("/en/apply/cusma/location", OUTSIDE),
            ("/en/apply/cusma/route", ROUTE),
        ],
    )
    .await;
    // Same browser later: the apply page offers to continue.
    let start = app.get("/en/apply").await;
    assert!(start.body.contains(&format!(r#"href="{at}""#)), "{}", start.body);

    // Email me a link.
    let sent = app
        .submit(
            "/en/apply/save",
            "/en/apply/save",
            &[("email", "ana.lopez+canada@example.com")],
        )
        .await;
    assert_redirect(&sent, "/en/apply/save/sent");
    app.drain_outbox().await;
    let mail = smtp.messages();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, ["ana.lopez+canada@example.com"]);
    let text = mail[0].parsed().body_text(0).unwrap().into_owned();
    let link = text
        .lines()
        .find(|l| l.contains("/apply/resume/"))
        .unwrap()
        .trim()
        .to_owned();
    let path = link
        .strip_prefix(&app.address)
        .expect("an absolute link to this site")
        .to_owned();

    // Another device: no cookie, then the link.
    let other = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let opened = other.get(app.url(&path)).send().await.unwrap();
    assert_eq!(opened.status(), 303);
    assert_eq!(opened.headers()["location"], at.as_str());
    let page = other.get(app.url(&at)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    // The expiry is written with its zone's name (UTC until the applicant's zone is known).
    assert!(text.contains("(Coordinated Universal Time"), "{text}");
    // The newest device takes the draft over: the first browser no longer finds it.
    assert_redirect(&app.get(&at).await, "/en/apply");
    let notice = app.get("/en/apply").await;
    assert_eq!(
        notice.count("[data-moved-on]"),
        1,
        "the first browser is told where its answers went"
    );
    // The link works again for its whole life, on any device (here the first one, taking it back).
    let back = app.get(&path).await;
    assert_redirect(&back, &at);
    assert_eq!(app.get(&at).await.status, 200);
    let after = other.get(app.url(&at)).send().await.unwrap();
    assert_eq!(after.status(), 303, "the other device no longer holds it");
    // Past its life, it is refused.
    sqlx::query("update resume_link set expires_at = now() - interval '1 minute'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let expired = app.get(&path).await;
    assert_eq!(expired.status, 410);
    // The draft is still there: a new link can be sent to its address, which the page does not show.
    assert!(!expired.body.contains("ana.lopez"));
    let renew = format!("{path}/renew");
    assert_eq!(
        expired.attr_of("form[method=post]", "action").as_deref(),
        Some(renew.as_str())
    );
    let sent_again = app.submit(&path, &renew, &[]).await;
    assert_redirect(&sent_again, "/en/apply/save/sent");
    app.drain_outbox().await;
    let mail = smtp.messages();
    assert_eq!(mail.len(), 2, "a second link");
    assert_eq!(mail[1].to, ["ana.lopez+canada@example.com"]);
    // A link nobody sent offers nothing.
    let unknown = app.get("/en/apply/resume/not-a-real-token").await;
    assert_eq!(unknown.status, 410);
    assert_eq!(unknown.count("form[method=post]"), 0);
}

#[actix_web::test]
async fn hostile_input_is_refused_or_stored_safely() {
    let app = spawn_app(&SmtpSink::start()).await;
    choose(&app, "en", "gts").await;
    let token = app.get("/en/apply/gts/about-you").await.csrf_token();
    let path = "/en/apply/gts/about-you";

    // Invalid UTF-8 in a field: a message, not a mangled value.
    let mut body =
        format!("csrf_token={token}&email=ana%40example.com&citizenships=MX&country_of_residence=MX&full_name=")
            .into_bytes();
    body.extend_from_slice(b"Ana%FF%FE");
    let page = app.post_body(path, "application/x-www-form-urlencoded", body).await;
    assert_eq!(page.status, 422);
    assert_eq!(page.count(r##".error-summary a[href="#full_name"]"##), 1);

    // Right-to-left overrides and control characters are removed; duplicate fields are refused.
    let page = app
        .post_raw(
            path,
            &[
                ("csrf_token", token.as_str()),
                ("full_name", "Ana\u{202E} López\u{0007}"),
                ("email", "ana@example.com"),
                ("email", "other@example.com"),
                ("citizenships", "MX"),
                ("country_of_residence", "MX"),
                ("unknown_field", "ignored"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    assert_eq!(page.count(r##".error-summary a[href="#email"]"##), 1);

    // Right-to-left overrides and control characters are removed from what is stored.
    let page = app
        .post_raw(
            path,
            &[
                ("csrf_token", token.as_str()),
                ("full_name", "Ana\u{202E} L\u{0007}ópez"),
                ("email", "ana@example.com"),
                ("citizenships", "MX"),
                ("country_of_residence", "MX"),
            ],
        )
        .await;
    assert_eq!(page.status, 303);
    assert_eq!(stored(&app).await.1["full_name"], "Ana L ópez");

    // A value outside the allowed list.
    let page = app
        .post_raw(
            path,
            &[
                ("csrf_token", token.as_str()),
                ("full_name", "Ana"),
                ("email", "a@example.com"),
                ("citizenships", "XX"),
                ("country_of_residence", "MX"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);

    // 10 MB: refused before any handler.
    let huge = format!("csrf_token={token}&full_name={}", "a".repeat(10 * 1024 * 1024));
    assert_eq!(
        app.post_body(path, "application/x-www-form-urlencoded", huge)
            .await
            .status,
        413
    );

    assert_eq!(
        stored(&app).await.1["email"],
        "ana@example.com",
        "refused pages changed nothing"
    );
}

#[actix_web::test]
async fn pages_cannot_be_skipped_and_drafts_expire() {
    let app = spawn_app(&SmtpSink::start()).await;
    // Without a draft, a question page sends you to the start.
    assert_redirect(&app.get("/en/apply/gts/job").await, "/en/apply");
    choose(&app, "en", "gts").await;
    assert_redirect(&app.get("/en/apply/gts/job").await, "/en/apply/gts/about-you");
    assert_redirect(&app.get("/en/apply/gts/assessment").await, "/en/apply/gts/about-you");
    assert_eq!(app.get("/en/apply/nope/about-you").await.status, 404);

    sqlx::query("update application set expires_at = now() - interval '1 minute'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_redirect(&app.get("/en/apply/gts/about-you").await, "/en/apply");
    assert_eq!(
        intake::db::applications::purge_expired_drafts(&app.db.pool)
            .await
            .unwrap(),
        1
    );
    assert_eq!(app.count("application").await, 0);
}
