//! The pre-screen v2 through HTTP, with the starter edition of the Job Bank wages imported: the work region asked
//! with the wage file's names, the median on file in the reasons, what the applicant sees (§5.3) and the brief.

use crate::apply::{ABOUT_YOU, ADMISSIBILITY, Answers, CONSENT, EDUCATION, GTS_EMPLOYER, GTS_OFFER, OUTSIDE, ROUTE};
use crate::apply::{DUTIES, answer, choose, outcomes, rules, stored, walk};
use crate::helpers::{SmtpSink, TestApp, assert_redirect, create_staff, login, spawn_app};

/// A GTS applicant to Toronto as software engineer (NOC 21231, listed, prevailing wage), paid `wage` a year.
async fn gts_to_toronto(app: &TestApp, wage: &str) -> String {
    intake::wages::load_starter_if_empty(&app.db.pool)
        .await
        .expect("the starter edition loads");
    let first = choose(app, "en", "gts").await;
    let at = walk(
        app,
        &first,
        &[
            ("/en/apply/gts/about-you", ABOUT_YOU),
            ("/en/apply/gts/location", OUTSIDE),
            ("/en/apply/gts/route", ROUTE),
            ("/en/apply/gts/education", EDUCATION),
            ("/en/apply/gts/job-offer", GTS_OFFER),
            ("/en/apply/gts/employer", GTS_EMPLOYER),
        ],
    )
    .await;
    assert_eq!(at, "/en/apply/gts/work-region");
    let region = app.get(&at).await;
    // The Ontario regions of the wage file, by name; no region of another province.
    assert_eq!(
        region.count("select#work_economic_region option[value=ER3530]"),
        1,
        "{}",
        region.body
    );
    assert!(region.body.contains(">Toronto<"));
    assert_eq!(region.count("select#work_economic_region option[value=ER5920]"), 0);
    // A region of another province is refused.
    let wrong = app.submit(&at, &at, &[("work_economic_region", "ER5920")]).await;
    assert_eq!(wrong.status, 422);
    let job: Answers = &[
        ("job_title", "Senior software engineer"),
        ("job_duties", DUTIES),
        ("noc_2021_code", "21231"),
        ("offered_wage", wage),
        ("wage_unit", "annual"),
        ("hours_per_week", "40"),
        ("years_specialized_experience", "7"),
    ];
    walk(
        app,
        &at,
        &[
            ("/en/apply/gts/work-region", &[("work_economic_region", "ER3530")]),
            ("/en/apply/gts/job", job),
            ("/en/apply/gts/admissibility", ADMISSIBILITY),
            ("/en/apply/gts/consent", CONSENT),
        ],
    )
    .await
}

#[actix_web::test]
async fn pay_above_the_toronto_median_is_likely_eligible_and_the_brief_names_the_median() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    // $145,000 a year at 40 hours = $69.71 an hour; the Toronto median of 21231 is $56.49 (2025-11-19).
    let end = gts_to_toronto(&app, "145000").await;
    let assessment = app.get(&end).await;
    assert_eq!(outcomes(&assessment), ["likely_eligible"]);
    assert_eq!(
        rules(&assessment),
        ["G3"],
        "info rules (X8) are not shown to the applicant"
    );
    assert!(assessment.body.contains("NOC 21231 in Toronto"), "{}", assessment.body);
    assert!(assessment.body.contains("$56.49 an hour"));

    crate::booking::choose_slot(&app, "/en/apply/gts/booking", None, "America/Toronto").await;
    let token = app.get("/en/apply/gts/check").await.csrf_token();
    let submitted = app
        .post_raw("/en/apply/gts/check", &[("csrf_token", token.as_str())])
        .await;
    assert_redirect(&submitted, "/en/apply/confirmation");
    let (_, _, outcome, rule_ids, _) = stored(&app).await;
    assert_eq!(outcome.as_deref(), Some("likely_eligible"));
    assert_eq!(
        rule_ids,
        ["G3", "X8"],
        "every rule that fired is stored, notes included"
    );
    let prescreen: serde_json::Value = sqlx::query_scalar("select prescreen from application")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let median = &prescreen[0]["values"]["wage"]["median"];
    assert_eq!(median["er_code"], "ER3530");
    assert_eq!(median["median"], 56.49);
    assert_eq!(median["effective_date"], "2025-11-19");

    app.drain_outbox().await;
    let brief = smtp
        .messages()
        .iter()
        .map(|m| m.parsed().body_text(0).unwrap().into_owned())
        .find(|text| text.contains("GTS B"))
        .expect("the firm's brief");
    assert!(
        brief.contains("GTS B · NOC 21231 · $145,000/yr = $69.71/h vs Toronto median $56.49 (Job Bank, 2025-11-19)"),
        "{brief}"
    );
    assert!(brief.contains("written offer · English"), "{brief}");
    assert!(
        !brief.contains("refusal"),
        "admissibility answers stay out of emails: {brief}"
    );
    assert!(brief.contains("In place"), "{brief}");
    assert!(brief.contains("Notes"), "{brief}");
    assert!(brief.contains("X8"), "{brief}");
    assert!(
        brief.contains(
            "Median for NOC 21231 in Toronto (economic region): $56.49 an hour. Job Bank wages effective 2025-11-19, \
             reference period 2023-2024."
        ),
        "{brief}"
    );

    // The staff page of the application shows the same brief.
    create_staff(
        &app,
        "lawyer@example.com",
        "Lea Lawyer",
        "staff",
        "correct horse battery staple 42",
    )
    .await;
    login(&app, "lawyer@example.com", "correct horse battery staple 42").await;
    let id: uuid::Uuid = sqlx::query_scalar("select application_id from application")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let staff_page = app.get(&format!("/staff/applications/{id}")).await;
    assert_eq!(staff_page.status, 200);
    let summary = staff_page.text_of("[data-brief-summary]").unwrap();
    assert!(summary.starts_with("GTS B · NOC 21231"), "{summary}");
    assert_eq!(staff_page.count("[data-rule=G3]"), 1);
    assert_eq!(staff_page.count("[data-rule=X8]"), 1, "notes are shown to staff");
    assert!(
        staff_page
            .text_of("[data-wage-line]")
            .unwrap()
            .contains("Toronto (economic region)")
    );
}

#[actix_web::test]
async fn pay_below_the_median_says_why_and_never_a_positive_reason_beside_it() {
    let app = spawn_app(&SmtpSink::start()).await;
    // $90,000 a year = $43.27 an hour, below the Toronto median of $56.49.
    let end = gts_to_toronto(&app, "90000").await;
    let assessment = app.get(&end).await;
    assert_eq!(outcomes(&assessment), ["likely_not_eligible"]);
    assert_eq!(rules(&assessment), ["G12"]);
    assert_eq!(assessment.count("[data-box=why] [data-rule=G12]"), 1);
    assert_eq!(assessment.count("[data-box=in-place]"), 0);
    assert!(
        assessment.body.contains("$56.49 an hour"),
        "the median and its date come with the reason"
    );
    assert!(assessment.body.contains("19 November 2025"));
    // Booking is always offered.
    assert_eq!(assessment.count(r#"a.button[href="/en/apply/gts/booking"]"#), 1);
}

#[actix_web::test]
async fn needs_review_keeps_what_is_in_place_apart() {
    let app = spawn_app(&SmtpSink::start()).await;
    intake::wages::load_starter_if_empty(&app.db.pool).await.unwrap();
    let first = choose(&app, "en", "ict").await;
    // A Mexican manager of a German group (R205(a)), in Canada as a worker who plans to leave and re-enter: I8 is
    // in place, X4 is to check.
    let end = walk(
        &app,
        &first,
        &[
            ("/en/apply/ict/about-you", ABOUT_YOU),
            ("/en/apply/ict/location", &[("current_location", "inside_canada")]),
            (
                "/en/apply/ict/canadian-status",
                &[("canadian_status", "worker"), ("status_expiry", "2030-01-01")],
            ),
            (
                "/en/apply/ict/route",
                &[
                    ("entry_plan", "land_border"),
                    ("us_lawful_permanent_resident", "no"),
                    ("mx_travel_document", "canadian_visa"),
                ],
            ),
            ("/en/apply/ict/education", EDUCATION),
            (
                "/en/apply/ict/companies",
                &[
                    ("foreign_employer_name", "Globex GmbH"),
                    ("foreign_employer_country", "DE"),
                    ("countries_with_revenue_operations", "DE"),
                    ("canadian_entity_status", "operating"),
                    ("relationship", "subsidiary"),
                    ("applicant_owns_controlling_interest", "no"),
                    ("canadian_premises", "commercial"),
                ],
            ),
            (
                "/en/apply/ict/employment",
                &[
                    ("currently_employed_by_foreign_entity", "yes"),
                    ("employment_start_date", "2020-01-15"),
                    ("employment_full_time_continuous", "yes"),
                    ("current_role_category", "senior_manager"),
                    ("current_job_title", "Engineering manager"),
                ],
            ),
            (
                "/en/apply/ict/transfer",
                &[
                    ("proposed_role_category", "senior_manager"),
                    ("proposed_job_title", "Engineering manager"),
                    ("proposed_noc_2021_code", "20012"),
                    ("work_province", "ON"),
                    ("work_city", "Toronto"),
                    ("proposed_wage", "180000"),
                    ("wage_unit", "annual"),
                    ("hours_per_week", "40"),
                    ("home_position_held_for_return", "yes"),
                    ("work_location_type", "canadian_office"),
                    ("prior_ict_months_in_canada", "0"),
                    ("assignment_months", "24"),
                ],
            ),
            ("/en/apply/ict/work-region", &[("work_economic_region", "unknown")]),
            (
                "/en/apply/ict/role",
                &[
                    ("direct_reports", "6"),
                    ("reports_are_professionals", "yes"),
                    ("reports_include_managers", "no"),
                    ("canadian_entity_headcount", "40"),
                ],
            ),
            ("/en/apply/ict/admissibility", ADMISSIBILITY),
            ("/en/apply/ict/consent", CONSENT),
        ],
    )
    .await;
    let assessment = app.get(&end).await;
    assert_eq!(outcomes(&assessment), ["needs_review"], "{}", assessment.body);
    assert_eq!(
        assessment.count("[data-box=to-check] [data-rule=X4]"),
        1,
        "{}",
        assessment.body
    );
    assert_eq!(assessment.count("[data-box=in-place] [data-rule=I8]"), 1);
    assert!(assessment.body.contains("What is already in place"));
    let (_, _, _, rule_ids, _) = stored(&app).await;
    for note in ["X7", "X12"] {
        assert!(rule_ids.contains(&note.to_owned()), "{note} stored: {rule_ids:?}");
        assert_eq!(assessment.count(&format!("[data-rule={note}]")), 0, "{note} not shown");
    }
}

#[actix_web::test]
async fn a_short_full_time_run_asks_about_an_earlier_stint() {
    let app = spawn_app(&SmtpSink::start()).await;
    let first = choose(&app, "fr", "ict").await;
    walk(
        &app,
        &first,
        &[
            ("/fr/apply/ict/about-you", ABOUT_YOU),
            ("/fr/apply/ict/location", OUTSIDE),
            ("/fr/apply/ict/route", ROUTE),
            ("/fr/apply/ict/education", EDUCATION),
            (
                "/fr/apply/ict/companies",
                &[
                    ("foreign_employer_name", "Globex GmbH"),
                    ("foreign_employer_country", "DE"),
                    ("countries_with_revenue_operations", "DE"),
                    ("canadian_entity_status", "operating"),
                    ("relationship", "subsidiary"),
                    ("applicant_owns_controlling_interest", "no"),
                    ("canadian_premises", "commercial"),
                ],
            ),
        ],
    )
    .await;
    let recent = (chrono::Utc::now().date_naive() - chrono::Duration::days(60)).to_string();
    let earlier = (chrono::Utc::now().date_naive() - chrono::Duration::days(90)).to_string();
    // The full-time date must not come before the start.
    let refused = app
        .submit(
            "/fr/apply/ict/employment",
            "/fr/apply/ict/employment",
            &[
                ("currently_employed_by_foreign_entity", "yes"),
                ("employment_start_date", recent.as_str()),
                ("employment_full_time_continuous", "no"),
                ("full_time_since_date", earlier.as_str()),
                ("current_role_category", "specialized_knowledge"),
                ("current_job_title", "Ingénieure paiements"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("postérieure à la date de début"),
        "{}",
        refused.body
    );
    let next = answer(
        &app,
        "/fr/apply/ict/employment",
        &[
            ("currently_employed_by_foreign_entity", "yes"),
            ("employment_start_date", recent.as_str()),
            ("employment_full_time_continuous", "yes"),
            ("current_role_category", "specialized_knowledge"),
            ("current_job_title", "Ingénieure paiements"),
        ],
    )
    .await;
    assert_eq!(
        next, "/fr/apply/ict/earlier-work",
        "under 12 months: the earlier stint is asked"
    );
    let page = app.get(&next).await;
    assert_eq!(page.count("input[name=had_earlier_stint]"), 3);
    let next = answer(&app, "/fr/apply/ict/earlier-work", &[("had_earlier_stint", "no")]).await;
    assert_eq!(next, "/fr/apply/ict/transfer");
}
