//! A firm of many consultants (issue 14): each consultant's bookings kept apart by the database,
//! two consultants holding the same hour, fair assignment of "any available", and the language and
//! pathway an applicant asks for.

use uuid::Uuid;

use crate::{
    booking::{choose_slot, day_values, reach_booking, slot_ids},
    helpers::{SmtpSink, TestApp, spawn_app},
};

/// A second consultant (a staff account and its consultant row) with `languages` and `pathways`;
/// with `own_hours`, weekly hours of their own (weekday, start, end) instead of the firm's.
async fn add_consultant(
    app: &TestApp,
    email: &str,
    languages: &[&str],
    pathways: &[&str],
    own_hours: &[(i32, &str, &str)],
) -> Uuid {
    let staff_id: Uuid = sqlx::query_scalar(
        "insert into staff_user (staff_user_id, email, name, role, password_hash)
         values (gen_random_uuid(), $1, $2, 'staff', 'x') returning staff_user_id",
    )
    .bind(email)
    .bind(format!("Consultant {email}"))
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let id: Uuid = sqlx::query_scalar(
        "insert into consultant (staff_user_id, languages, pathways) values ($1, $2, $3) returning consultant_id",
    )
    .bind(staff_id)
    .bind(languages)
    .bind(pathways)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    for (weekday, start, end) in own_hours {
        sqlx::query(
            "insert into availability_rule (weekday, start_time, end_time, consultant_id)
             values ($1, $2::time, $3::time, $4)",
        )
        .bind(weekday)
        .bind(start)
        .bind(end)
        .bind(id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    }
    id
}

/// The firm's own calendar, migrated from before consultants existed.
async fn firm_consultant(app: &TestApp) -> Uuid {
    sqlx::query_scalar("select consultant_id from consultant where staff_user_id is null")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// A submitted application with no booking, for bookings inserted by hand.
async fn application(app: &TestApp) -> Uuid {
    sqlx::query_scalar(
        "insert into application (application_id, draft_token_hash, status, language, target_pathway, reference, expires_at)
         values (gen_random_uuid(), gen_random_uuid()::text::bytea, 'submitted', 'en', 'gts',
                 upper(substr(md5(random()::text), 1, 4) || '-' || substr(md5(random()::text), 1, 4)),
                 now() + interval '1 day')
         returning application_id",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

async fn insert_booking(app: &TestApp, consultant: Uuid, start: &str) -> Result<(), sqlx::Error> {
    let application = application(app).await;
    sqlx::query(
        "insert into booking (booking_id, application_id, starts_at, ends_at, blocks, consultation_mode, time_zone,
                              manage_token_hash, consultant_id)
         values (gen_random_uuid(), $1, $2::timestamptz, $2::timestamptz + interval '30 minutes',
                 tstzrange($2::timestamptz, $2::timestamptz + interval '45 minutes'), 'video', 'UTC',
                 gen_random_uuid()::text::bytea, $3)",
    )
    .bind(application)
    .bind(start)
    .bind(consultant)
    .execute(&app.db.pool)
    .await
    .map(|_| ())
}

#[actix_web::test]
async fn the_database_keeps_one_consultants_bookings_apart_and_lets_two_share_an_hour() {
    let app = spawn_app(&SmtpSink::start()).await;
    let firm = firm_consultant(&app).await;
    let other = add_consultant(&app, "b@firm.example", &["en"], &["gts", "cusma", "ict"], &[]).await;

    insert_booking(&app, firm, "2030-01-07 15:00Z").await.unwrap();
    // The same hour with another consultant.
    insert_booking(&app, other, "2030-01-07 15:00Z").await.unwrap();
    // Overlapping the first consultant's booking (its buffer included), whatever the timing.
    for start in [
        "2030-01-07 15:00Z",
        "2030-01-07 15:20Z",
        "2030-01-07 14:40Z",
        "2030-01-07 15:40Z",
    ] {
        let refused = insert_booking(&app, firm, start).await.unwrap_err();
        let constraint = refused
            .as_database_error()
            .and_then(|e| e.constraint())
            .map(str::to_owned);
        assert_eq!(constraint.as_deref(), Some("booking_no_overlap"), "{start}");
    }
    // After the buffer, free again.
    insert_booking(&app, firm, "2030-01-07 15:45Z").await.unwrap();
    assert_eq!(app.count("booking").await, 3);
}

#[actix_web::test]
async fn twelve_applicants_racing_for_one_time_with_two_consultants_free_make_two_bookings() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let firm = firm_consultant(&app).await;
    let other = add_consultant(&app, "b@firm.example", &["en"], &["gts", "cusma", "ict"], &[]).await;
    let mut browsers = Vec::new();
    let mut slot = None;
    for i in 0..12 {
        let browser = app.with_new_browser();
        let booking = reach_booking(&browser, "en", &format!("Applicant {i}"), &format!("r{i}@example.com")).await;
        let chosen = choose_slot(&browser, &booking, slot.as_deref(), "America/Toronto").await;
        slot.get_or_insert(chosen);
        browsers.push(browser);
    }
    let mut tokens = Vec::new();
    for browser in &browsers {
        tokens.push(browser.get("/en/apply/gts/check").await.csrf_token());
    }
    let answers = futures_util::future::join_all(
        browsers
            .iter()
            .zip(&tokens)
            .map(|(b, t)| async move { b.post_raw("/en/apply/gts/check", &[("csrf_token", t.as_str())]).await }),
    )
    .await;
    let confirmed = answers
        .iter()
        .filter(|a| a.header("location") == Some("/en/apply/confirmation"))
        .count();
    let taken = answers
        .iter()
        .filter(|a| a.header("location") == Some("/en/apply/gts/booking?taken=1"))
        .count();
    assert_eq!((confirmed, taken), (2, 10));
    let mut holders: Vec<Uuid> = sqlx::query_scalar("select consultant_id from booking where status = 'active'")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    holders.sort();
    let mut expected = vec![firm, other];
    expected.sort();
    assert_eq!(holders, expected, "one booking each");
    // The ten who lost are told in words, their answers kept.
    let loser = browsers
        .iter()
        .zip(&answers)
        .find(|(_, a)| a.header("location") == Some("/en/apply/gts/booking?taken=1"))
        .unwrap()
        .0;
    let page = loser.get("/en/apply/gts/booking?taken=1").await;
    assert!(page.body.contains("just taken"), "{}", page.body);
    assert!(!slot_ids(&page).contains(slot.as_ref().unwrap()));
}

/// Books each of `slots` for a new applicant choosing "any available"; the consultants they got.
async fn book_each(app: &TestApp, slots: &[String]) -> Vec<Uuid> {
    let mut got = Vec::new();
    for (i, slot) in slots.iter().enumerate() {
        let browser = app.with_new_browser();
        let booking = reach_booking(&browser, "en", &format!("Fair {i}"), &format!("f{i}@example.com")).await;
        choose_slot(&browser, &booking, Some(slot), "America/Toronto").await;
        let check = browser.get("/en/apply/gts/check").await;
        let answer = browser
            .post_raw("/en/apply/gts/check", &[("csrf_token", check.csrf_token().as_str())])
            .await;
        assert_eq!(answer.header("location"), Some("/en/apply/confirmation"));
        let consultant: Uuid = sqlx::query_scalar(
            "select b.consultant_id from booking b join application a using (application_id)
             where a.email = $1 and b.status = 'active'",
        )
        .bind(format!("f{i}@example.com"))
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        got.push(consultant);
    }
    got
}

#[actix_web::test]
async fn any_available_goes_to_the_consultant_with_fewest_that_week_then_the_one_booked_least_recently() {
    let app = spawn_app(&SmtpSink::start()).await;
    let firm = firm_consultant(&app).await;
    let other = add_consultant(&app, "b@firm.example", &["en"], &["gts", "cusma", "ict"], &[]).await;
    // Three times of one day, so of one week.
    let scout = app.with_new_browser();
    let booking = reach_booking(&scout, "en", "Scout", "scout@example.com").await;
    let page = scout.get(&format!("{booking}?night=1")).await;
    let day = slot_ids(&page);
    assert!(day.len() >= 3, "{day:?}");
    let got = book_each(&app, &day[..3]).await;
    assert_ne!(got[0], got[1], "the second goes to the one with none that week");
    assert_eq!(got[2], got[0], "tied at one each: the one booked least recently");
    let mut both = vec![got[0], got[1]];
    both.sort();
    let mut expected = vec![firm, other];
    expected.sort();
    assert_eq!(both, expected);
}

/// The firm-local weekdays (1 = Monday) of every time offered on the booking page for `query`.
async fn offered_weekdays(app: &TestApp, booking: &str, query: &str) -> Vec<u32> {
    use chrono::{Datelike, NaiveDateTime};
    let page = app.get(&format!("{booking}?{query}")).await;
    assert_eq!(page.status, 200);
    let mut weekdays = Vec::new();
    for day in day_values(&page) {
        let day_page = app.get(&format!("{booking}?{query}&day={day}&night=1")).await;
        for id in slot_ids(&day_page) {
            let start = NaiveDateTime::parse_from_str(&id, "%Y%m%dT%H%M%SZ").unwrap().and_utc();
            let firm = start.with_timezone(&chrono_tz::America::Toronto);
            weekdays.push(firm.weekday().number_from_monday());
        }
    }
    weekdays.sort_unstable();
    weekdays.dedup();
    weekdays
}

#[actix_web::test]
async fn a_consultation_in_french_or_for_a_pathway_is_offered_only_with_a_consultant_who_takes_it() {
    let app = spawn_app(&SmtpSink::start()).await;
    // The firm's calendar consults in English on weekdays; a French-speaking consultant only on
    // Saturdays, and only for the Global Talent Stream.
    sqlx::query("update consultant set languages = '{en}'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let french = add_consultant(
        &app,
        "fr@firm.example",
        &["en", "fr"],
        &["gts"],
        &[(6, "10:00", "12:00")],
    )
    .await;
    let booking = reach_booking(&app, "en", "Ana López", "ana@example.com").await;
    let page = app.get(&booking).await;
    // Only the languages someone consults in are offered.
    let languages: Vec<String> = {
        let sel = scraper::Selector::parse(r#"input[name="consultation_language"]"#).unwrap();
        page.html()
            .select(&sel)
            .map(|e| e.value().attr("value").unwrap().to_owned())
            .collect()
    };
    assert_eq!(languages, ["en", "fr"]);
    assert_eq!(
        offered_weekdays(&app, &booking, "consultation_language=fr&consultant=any").await,
        [6],
        "French: Saturdays only"
    );
    let english = offered_weekdays(&app, &booking, "consultation_language=en&consultant=any").await;
    assert!(english.contains(&1) && english.contains(&6), "{english:?}");
    assert_eq!(
        offered_weekdays(&app, &booking, &format!("consultation_language=en&consultant={french}")).await,
        [6],
        "a consultant named: their times only"
    );

    // The French-speaking consultant stops taking the Global Talent Stream: no French times.
    sqlx::query("update consultant set pathways = '{cusma}' where consultant_id = $1")
        .bind(french)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let page = app.get(&format!("{booking}?consultation_language=fr")).await;
    assert_eq!(page.count(r#"input[name="consultation_language"]"#), 1, "English only");
    assert_eq!(
        page.count(r#"input[name="consultation_language"][value="en"][checked]"#),
        1,
        "a language nobody consults in gives way to one somebody does"
    );

    // A French choice is booked with them, and the booking says so.
    sqlx::query("update consultant set pathways = '{gts}' where consultant_id = $1")
        .bind(french)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let page = app.get(&format!("{booking}?consultation_language=fr")).await;
    let day = day_values(&page)[0].clone();
    let page = app
        .get(&format!("{booking}?consultation_language=fr&day={day}&night=1"))
        .await;
    let slot = slot_ids(&page)[0].clone();
    let chosen = app
        .submit(
            &booking,
            &booking,
            &[
                ("slot", slot.as_str()),
                ("consultation_mode", "video"),
                ("consultation_language", "fr"),
                ("consultant", "any"),
                ("time_zone", "America/Toronto"),
            ],
        )
        .await;
    assert_eq!(chosen.header("location"), Some("/en/apply/gts/check"));
    let sent = crate::booking::submit(&app, "en").await;
    assert_eq!(sent.header("location"), Some("/en/apply/confirmation"));
    let (consultant, language): (Uuid, String) =
        sqlx::query_as("select consultant_id, language from booking where status = 'active'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!((consultant, language.as_str()), (french, "fr"));
    let confirmation = app.get("/en/apply/confirmation").await;
    assert!(confirmation.body.contains("Consultant fr@firm.example"), "with whom");
    assert!(confirmation.body.contains("French"), "in which language");
    assert_eq!(confirmation.count("[data-calendar]"), 3, "Google, Outlook, .ics");
}
