//! Who the firm is, and privacy first (issue 15): the firm's details in every page's footer and on
//! the contact page, the team page built from the consultants, the privacy notice with the real
//! retention settings, and sensitive answers that never leave the database in an email.

use intake::i18n::Lang;

use crate::{
    apply::{OUTSIDE, ROUTE, choose, walk},
    booking::{choose_slot, reach_booking_with, submit},
    helpers::{AppOptions, SmtpSink, TestApp, assert_redirect, spawn_app, spawn_app_with},
};

async fn firm_app(smtp: &SmtpSink, extra: &[(&'static str, &str)]) -> TestApp {
    let mut vars = vec![
        ("INTAKE_RATE_LIMIT", "off".to_owned()),
        (
            "INTAKE_FIRM_ADDRESS",
            "100 King Street West, Suite 5600 | Toronto, Ontario  M5X 1C9".to_owned(),
        ),
        ("INTAKE_FIRM_PHONE", "+1 (416) 555-0100".to_owned()),
        ("INTAKE_PRIVACY_EMAIL", "privacy@firm.example".to_owned()),
    ];
    vars.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
    spawn_app_with(AppOptions {
        vars,
        smtp_port: Some(smtp.port),
    })
    .await
}

#[actix_web::test]
async fn every_public_page_says_who_the_firm_is_and_links_the_privacy_notice() {
    let smtp = SmtpSink::start();
    let app = firm_app(&smtp, &[]).await;
    for lang in ["en", "fr"] {
        for path in ["/", "/apply", "/contact", "/team", "/privacy", "/apply/gts/about-you"] {
            let page = app.get(&format!("/{lang}{path}")).await;
            // The first question page needs a chosen pathway: it redirects; the others are pages.
            if page.status == 303 {
                continue;
            }
            assert_eq!(page.status, 200, "{lang}{path}");
            let footer = page.text_of("footer").unwrap();
            assert!(
                footer.contains("100 King Street West, Suite 5600"),
                "{lang}{path}: {footer}"
            );
            assert!(footer.contains("Toronto, Ontario"), "{lang}{path}");
            assert_eq!(
                page.attr_of("footer a[href^='tel:']", "href").as_deref(),
                Some("tel:+14165550100"),
                "{lang}{path}"
            );
            let links = page.attrs_of("footer a", "href");
            for target in ["/contact", "/team", "/privacy"] {
                assert!(links.contains(&format!("/{lang}{target}")), "{lang}{path}: {links:?}");
            }
            assert!(
                footer.contains("lawyer–client") || footer.contains("avocat-client"),
                "{lang}{path}: the notice that no lawyer–client relationship is created"
            );
        }
    }
    let contact = app.get("/en/contact").await;
    let details = contact.text_of("[data-contact-details]").unwrap();
    assert!(details.contains("100 King Street West") && details.contains("+1 (416) 555-0100"));
    assert!(contact.attrs_of("form a", "href").contains(&"/en/privacy".to_owned()));

    // Without the settings (development), nothing made up is shown.
    let bare = spawn_app(&smtp).await;
    let page = bare.get("/en/").await;
    assert_eq!(page.count("footer address"), 0);
    assert_eq!(page.count("footer a[href^='tel:']"), 0);
    assert_eq!(bare.get("/en/contact").await.count("[data-contact-details]"), 0);
}

#[actix_web::test]
async fn the_privacy_notice_gives_the_retention_the_housekeeping_applies() {
    let smtp = SmtpSink::start();
    let app = firm_app(
        &smtp,
        &[
            ("INTAKE_DRAFT_DAYS", "21"),
            ("INTAKE_LEAD_RETENTION_DAYS", "400"),
            ("INTAKE_OUTBOX_RETENTION_DAYS", "9"),
        ],
    )
    .await;
    let page = app.get("/en/privacy").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text_of("h1").as_deref(), Some("Privacy notice"));
    let keep = |what: &str| page.text_of(&format!("[data-keep='{what}']")).unwrap();
    assert!(keep("draft").contains("21 days"), "{}", keep("draft"));
    assert!(keep("lead").contains("400 days"), "{}", keep("lead"));
    assert!(keep("messages").contains("400 days"));
    assert!(keep("emails").contains("9 days"));
    assert_eq!(
        page.attr_of("[data-privacy-email]", "href").as_deref(),
        Some("mailto:privacy@firm.example")
    );
    assert!(page.body.contains("Office of the Privacy Commissioner of Canada"));
    let fr = app.get("/fr/privacy").await;
    assert!(fr.text_of("[data-keep='draft']").unwrap().contains("21 jours"));
    assert!(
        fr.body
            .contains("Commissariat à la protection de la vie privée du Canada")
    );
}

#[actix_web::test]
async fn the_team_page_lists_active_consultants_with_their_licences_and_no_contact_details() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    for (email, name, active, regulator, licence) in [
        (
            "ines@firm.example",
            "Inès Tremblay",
            true,
            "Law Society of Ontario",
            "LSO 12345P",
        ),
        (
            "old@firm.example",
            "Former Partner",
            false,
            "Law Society of Ontario",
            "LSO 99999X",
        ),
    ] {
        let staff_id: uuid::Uuid = sqlx::query_scalar(
            "insert into staff_user (staff_user_id, email, name, role, password_hash)
             values (gen_random_uuid(), $1, $2, 'staff', 'x') returning staff_user_id",
        )
        .bind(email)
        .bind(name)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        sqlx::query(
            "insert into consultant (staff_user_id, languages, pathways, active, regulator, licence_number, phone)
             values ($1, '{fr,en}', '{gts,ict}', $2, $3, $4, '+1 416 555 0199')",
        )
        .bind(staff_id)
        .bind(active)
        .bind(regulator)
        .bind(licence)
        .execute(&app.db.pool)
        .await
        .unwrap();
    }
    let page = app.get("/en/team").await;
    assert_eq!(page.status, 200);
    let members = page.text_of(".team-list").unwrap();
    assert!(members.contains("Inès Tremblay"), "{members}");
    assert!(members.contains("LSO 12345P") && members.contains("Law Society of Ontario"));
    assert!(members.contains("French, English") && members.contains("Global Talent Stream"));
    assert!(
        !members.contains("Former Partner") && !members.contains("LSO 99999X"),
        "inactive consultants are not listed"
    );
    assert!(
        !page.body.contains("ines@firm.example") && !page.body.contains("555 0199"),
        "no personal contact details"
    );
    // The firm's own calendar (migrated, no account) is listed under the firm's name, without a licence.
    assert_eq!(page.count("[data-team-member]"), 2);
    assert!(page.text_of(".team-list").unwrap().contains("Not given on this site"));
}

#[actix_web::test]
async fn refusals_and_criminal_history_never_leave_the_database_in_an_email() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let admissibility: &[(&str, &str)] = &[
        ("prior_refusal_or_removal", "yes"),
        ("criminal_history", "prefer_to_discuss"),
    ];
    let booking = reach_booking_with(&app, "en", "Ana López", "ana@example.com", admissibility).await;
    let assessment = app.get("/en/apply/gts/assessment").await;
    assert!(
        assessment.body.contains("data-rule=\"X1\""),
        "the applicant's own page explains the review"
    );
    choose_slot(&app, &booking, None, "America/Mexico_City").await;
    assert_redirect(&submit(&app, "en").await, "/en/apply/confirmation");
    app.drain_outbox().await;

    let mail = smtp.messages();
    assert!(mail.len() >= 2, "the brief and the confirmation");
    let forbidden = [
        Lang::En.t("q-prior_refusal_or_removal"),
        Lang::En.t("q-criminal_history"),
        Lang::En.t("rule-X1"),
        Lang::En.t("brief-admissibility-to-discuss"),
        "criminal".to_owned(),
    ];
    for message in &mail {
        // The whole message as sent: every part, text, HTML and calendar attachments alike.
        let parsed = message.parsed();
        let mut parts: Vec<String> = (0..parsed.text_body_count())
            .filter_map(|i| parsed.body_text(i).map(|t| t.into_owned()))
            .collect();
        parts.extend((0..parsed.html_body_count()).filter_map(|i| parsed.body_html(i).map(|t| t.into_owned())));
        parts.extend(
            parsed
                .attachments()
                .map(|a| String::from_utf8_lossy(a.contents()).into_owned()),
        );
        for part in &parts {
            for text in &forbidden {
                assert!(
                    !part.to_lowercase().contains(&text.to_lowercase()),
                    "{text:?} in an email to {:?}",
                    message.to
                );
            }
        }
    }
    let brief = mail
        .iter()
        .find(|m| m.to == ["consultations@firm.example"])
        .expect("the brief");
    let text = brief.parsed().body_text(0).unwrap().into_owned();
    assert!(text.contains(&Lang::En.t("email-needs-a-look")), "{text}");
    assert!(text.contains("/staff/applications/"));
    // The answers are kept for the lawyer, in the database.
    let stored: serde_json::Value = sqlx::query_scalar("select answers from application where status <> 'draft'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(stored["criminal_history"], "prefer_to_discuss");
}

#[actix_web::test]
async fn consent_is_given_before_the_first_answer_is_stored() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    // The landing page's permit links choose the permit beforehand.
    let landing = app.get("/en/").await;
    assert!(
        landing
            .attrs_of("a", "href")
            .contains(&"/en/apply?pathway=gts".to_owned())
    );
    let choose = app.get("/en/apply?pathway=gts").await;
    assert_eq!(choose.attr_of("input[value='gts']", "checked").as_deref(), Some(""));
    assert_eq!(
        choose.count("input[name='consent_privacy'][checked]"),
        0,
        "consent is never ticked for them"
    );
    assert!(choose.attrs_of("form a", "href").contains(&"/en/privacy".to_owned()));
    assert!(choose.body.contains("lawyer–client relationship"));

    // Without the box ticked: the form comes back, and nothing is stored.
    for lang in ["en", "fr"] {
        let page = app
            .submit(
                &format!("/{lang}/apply"),
                &format!("/{lang}/apply"),
                &[("target_pathway", "gts")],
            )
            .await;
        assert_eq!(page.status, 422, "{}", page.body);
        assert_eq!(
            page.attr_of(".error-summary a", "href").as_deref(),
            Some("#consent_privacy")
        );
        assert!(
            !page.text_of(".error-summary").unwrap().contains("consent_privacy"),
            "no message id shown"
        );
        assert_eq!(
            page.attr_of("input[value='gts']", "checked").as_deref(),
            Some(""),
            "the choice is kept"
        );
    }
    assert_eq!(app.count("application").await, 0, "no draft before consent");

    // With it: the draft starts with the consent, and the questions follow.
    let first = crate::apply::choose(&app, "en", "gts").await;
    assert_eq!(first, "/en/apply/gts/about-you");
    let consent: Option<String> = sqlx::query_scalar("select answers->>'consent_privacy' from application")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(consent.as_deref(), Some("yes"));
    assert_eq!(
        app.get("/en/apply")
            .await
            .count("input[name='consent_privacy'][checked]"),
        1
    );

    // A draft started before consent came first is asked for it before anything more is stored.
    sqlx::query("update application set answers = answers - 'consent_privacy'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_redirect(&app.get("/en/apply/gts/about-you").await, "/en/apply");
}

#[actix_web::test]
async fn years_written_with_their_unit_are_read_and_errors_state_the_rule() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let first = choose(&app, "fr", "gts").await;
    let at = |page: &str| format!("/fr/apply/gts/{page}");
    let about: &[(&str, &str)] = &[
        ("full_name", "Ana López"),
        ("email", "ana@example.com"),
        ("citizenships", "MX"),
        ("country_of_residence", "MX"),
    ];
    let pages = [
        (at("about-you"), about),
        (at("location"), OUTSIDE),
        (at("route"), ROUTE),
    ];
    let pages: Vec<(&str, &[(&str, &str)])> = pages.iter().map(|(p, a)| (p.as_str(), *a)).collect();
    let education = walk(&app, &first, &pages).await;
    assert_eq!(education, at("education"));
    // A bachelor's degree reads as a university degree to a Mexican reader, not as high school.
    let page = app.get(&education).await;
    assert!(
        page.body.contains("Baccalauréat universitaire"),
        "the French label of a bachelor's degree"
    );
    assert!(!page.body.contains(">Baccalauréat<"));

    // A field of study of one letter, and years written in words: each message states its rule.
    let page = app
        .submit(
            &education,
            &education,
            &[
                ("highest_education", "master"),
                ("field_of_study", "X"),
                ("years_it_experience", "six ans"),
            ],
        )
        .await;
    assert_eq!(page.status, 422);
    let summary = page.text_of(".error-summary").unwrap();
    assert!(summary.contains("Entrez au moins 2 caractères"), "{summary}");
    assert!(summary.contains("en chiffres seulement"), "{summary}");
    assert!(!summary.contains("85000") || summary.contains("6,5"), "{summary}");

    // "6 ans" is 6 years.
    let next = app
        .submit(
            &education,
            &education,
            &[
                ("highest_education", "master"),
                ("field_of_study", "Informatique"),
                ("years_it_experience", "6 ans"),
            ],
        )
        .await;
    assert_eq!(next.status, 303, "{}", next.body);
    let years: Option<String> = sqlx::query_scalar("select answers->>'years_it_experience' from application")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(years.as_deref(), Some("6"));
}
