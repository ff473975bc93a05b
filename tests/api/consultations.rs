//! Consultations on the staff side (issue 14): each consultant's own list, their private calendar
//! feed (read back with an independent iCalendar parser), the capacity view, and moving or
//! reassigning a consultation through a confirmation page.

use std::io::BufReader;

use chrono::{DateTime, Datelike, Utc};
use uuid::Uuid;

use crate::{
    booking::{choose_slot, reach_booking, slot_ids, submit},
    helpers::{SmtpSink, TestApp, assert_redirect, create_staff, login, spawn_app},
};

const PASSWORD: &str = "correct horse battery staple 42";

/// A staff member signed in with their own browser; returns the browser and their id.
async fn signed_in(app: &TestApp, email: &str, name: &str, role: &str) -> (TestApp, Uuid) {
    let browser = app.with_new_browser();
    let id = create_staff(app, email, name, role, PASSWORD).await;
    assert_eq!(login(&browser, email, PASSWORD).await.status, 303);
    (browser, id)
}

/// Makes staff member `staff_id` the firm's own calendar (the consultant migrated from before).
async fn link_firm_calendar(app: &TestApp, staff_id: Uuid) -> Uuid {
    sqlx::query_scalar("update consultant set staff_user_id = $1 where staff_user_id is null returning consultant_id")
        .bind(staff_id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// Makes staff member `staff_id` a second consultant, in English and French, for every pathway,
/// with the firm's hours.
async fn add_consultant(app: &TestApp, staff_id: Uuid) -> Uuid {
    sqlx::query_scalar(
        "insert into consultant (staff_user_id, languages) values ($1, '{en,fr}') returning consultant_id",
    )
    .bind(staff_id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// An applicant books the first free time (in `zone`) and submits; returns the application's id.
async fn booked(app: &TestApp, name: &str, email: &str, zone: &str) -> Uuid {
    let applicant = app.with_new_browser();
    let booking = reach_booking(&applicant, "en", name, email).await;
    choose_slot(&applicant, &booking, None, zone).await;
    assert_redirect(&submit(&applicant, "en").await, "/en/apply/confirmation");
    sqlx::query_scalar("select application_id from application where email = $1")
        .bind(email)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
}

/// The booking of an application: (booking id, consultant, start, reference).
async fn booking_of(app: &TestApp, application: Uuid) -> (Uuid, Uuid, DateTime<Utc>, String) {
    sqlx::query_as(
        "select b.booking_id, b.consultant_id, b.starts_at, a.reference
         from booking b join application a using (application_id)
         where b.application_id = $1 and b.status = 'active'",
    )
    .bind(application)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

async fn audited(app: &TestApp, action: &str) -> Vec<(Option<serde_json::Value>, Option<serde_json::Value>)> {
    sqlx::query_as("select before, after from audit_event where action = $1 order by at")
        .bind(action)
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
}

/// The references listed on a consultations page, in order.
fn listed(page: &crate::helpers::Page) -> Vec<String> {
    page.attrs_of("tr[data-consultation]", "data-consultation")
}

#[actix_web::test]
async fn each_consultant_sees_their_own_consultations_and_assistants_choose_whose() {
    let app = spawn_app(&SmtpSink::start()).await;
    let (jo, jo_staff) = signed_in(&app, "jo@firm.example", "Jo Lawyer", "staff").await;
    let (sam, sam_staff) = signed_in(&app, "sam@firm.example", "Sam Lawyer", "staff").await;
    let jo_id = link_firm_calendar(&app, jo_staff).await;
    let sam_id = add_consultant(&app, sam_staff).await;
    // Fair assignment gives each consultant one of the two.
    let first = booked(&app, "Ana López", "ana@example.com", "Asia/Kolkata").await;
    let second = booked(&app, "Ben Okafor", "ben@example.com", "America/Toronto").await;
    let (_, first_with, _, first_ref) = booking_of(&app, first).await;
    let (_, second_with, _, second_ref) = booking_of(&app, second).await;
    assert_ne!(first_with, second_with, "one each");
    let (jo_ref, sam_ref) = if first_with == jo_id {
        (&first_ref, &second_ref)
    } else {
        (&second_ref, &first_ref)
    };

    // The nav leads there first after the dashboard.
    let dashboard = jo.get("/staff/").await;
    let nav = dashboard.attrs_of(".staff-nav a", "href");
    assert_eq!(&nav[..2], ["/staff/", "/staff/consultations"]);

    let page = jo.get("/staff/consultations").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(listed(&page), [jo_ref.as_str()], "only Jo's");
    assert_eq!(page.count("[data-choose-consultant]"), 0, "a consultant sees their own");
    assert_eq!(page.count(r#"a[href="/staff/consultations"][aria-current="page"]"#), 1);
    let row = page.text_of(&format!(r#"tr[data-consultation="{jo_ref}"]"#)).unwrap();
    assert!(row.contains("Video call") && row.contains("English"), "{row}");
    let link = page.attr_of(&format!(r#"tr[data-consultation="{jo_ref}"] a"#), "href");
    let jo_application = if jo_ref == &first_ref { first } else { second };
    assert_eq!(link, Some(format!("/staff/applications/{jo_application}")));
    if jo_ref == &first_ref {
        assert!(
            row.contains("India Standard Time"),
            "the applicant's zone beside: {row}"
        );
    }
    let page = sam.get("/staff/consultations").await;
    assert_eq!(listed(&page), [sam_ref.as_str()], "only Sam's");
    // A consultant who is not an admin sees no one else's.
    assert_eq!(
        jo.get(&format!("/staff/consultations?consultant={sam_id}"))
            .await
            .status,
        403
    );

    // An assistant is told they have none, and chooses.
    let (assistant, _) = signed_in(&app, "pat@firm.example", "Pat Assistant", "staff").await;
    let page = assistant.get("/staff/consultations").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.count("[data-not-consultant]"), 1);
    assert_eq!(page.count(r#"form[method="get"] select#consultant option[value]"#), 3);
    assert!(listed(&page).is_empty());
    assert_eq!(page.count("#feed"), 0, "no feed for someone who does not consult");
    let page = assistant
        .get(&format!("/staff/consultations?consultant={sam_id}"))
        .await;
    assert_eq!(listed(&page), [sam_ref.as_str()]);
    assert_eq!(page.count("#feed"), 0, "nor for someone else's list");
    assert_eq!(
        page.attr_of("select#consultant option[selected]", "value"),
        Some(sam_id.to_string())
    );
    // An admin too; the ids of nobody show nobody's.
    let (admin, _) = signed_in(&app, "admin@firm.example", "Ada Admin", "admin").await;
    let page = admin.get(&format!("/staff/consultations?consultant={jo_id}")).await;
    assert_eq!(listed(&page), [jo_ref.as_str()]);
    let page = admin
        .get(&format!("/staff/consultations?consultant={}", Uuid::new_v4()))
        .await;
    assert_eq!((page.status, page.count("[data-not-consultant]")), (200, 1));
}

/// The only calendar of a feed, parsed by the `ical` crate (written by others, independent of ours).
fn parse_feed(body: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut calendars: Vec<_> = ical::IcalParser::new(BufReader::new(body.as_bytes()))
        .map(|c| c.unwrap_or_else(|e| panic!("{e}\n{body}")))
        .collect();
    assert_eq!(calendars.len(), 1, "{body}");
    calendars.remove(0)
}

fn property<'a>(properties: &'a [ical::property::Property], name: &str) -> Option<&'a str> {
    properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

/// Creates (or replaces) the signed-in consultant's feed; returns its path on this site.
async fn create_feed(app: &TestApp, browser: &TestApp) -> String {
    let token = browser.get("/staff/consultations").await.csrf_token();
    let page = browser
        .post_raw("/staff/consultations/feed", &[("csrf_token", token.as_str())])
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    let url = page
        .attr_of("input[data-feed-url]", "value")
        .expect("the address, shown once");
    assert_eq!(page.count(r#"label[for="feed-url"]"#), 1);
    let path = url
        .strip_prefix(&app.address)
        .expect("an absolute link to this site")
        .to_owned();
    assert!(path.starts_with("/calendar/") && path.ends_with(".ics"), "{path}");
    path
}

#[actix_web::test]
async fn the_calendar_feed_holds_the_consultations_without_personal_data_and_can_be_revoked() {
    let app = spawn_app(&SmtpSink::start()).await;
    let (jo, jo_staff) = signed_in(&app, "jo@firm.example", "Jo Lawyer", "staff").await;
    let jo_id = link_firm_calendar(&app, jo_staff).await;
    let application = booked(&app, "Ana López", "ana.lopez@example.com", "Europe/Paris").await;
    let (booking_id, _, starts_at, reference) = booking_of(&app, application).await;

    let page = jo.get("/staff/consultations").await;
    assert_eq!(page.count(r#"[data-feed="off"]"#), 1);
    let feed = create_feed(&app, &jo).await;
    assert_eq!(jo.get("/staff/consultations").await.count(r#"[data-feed="on"]"#), 1);
    let created = audited(&app, "consultant.feed_create").await;
    assert_eq!(created.len(), 1);
    let subject: Option<String> =
        sqlx::query_scalar("select subject_id from audit_event where action = 'consultant.feed_create'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(subject, Some(jo_id.to_string()));

    // Read by a calendar application: no session, no cookie.
    let calendar_app = app.with_new_browser();
    let answer = calendar_app.get(&feed).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.header("content-type"), Some("text/calendar; charset=UTF-8"));
    assert_eq!(answer.header("cache-control"), Some("private, no-store"));
    assert!(answer.header("set-cookie").is_none());
    let calendar = parse_feed(&answer.body);
    assert_eq!(property(&calendar.properties, "METHOD"), Some("PUBLISH"));
    assert_eq!(calendar.events.len(), 1);
    let event = &calendar.events[0].properties;
    let uid = property(event, "UID").unwrap();
    assert!(uid.starts_with(&format!("booking-{booking_id}@")), "{uid}");
    assert_eq!(
        property(event, "DTSTART"),
        Some(starts_at.format("%Y%m%dT%H%M%SZ").to_string().as_str())
    );
    assert!(property(event, "DTEND").is_some_and(|end| end.ends_with('Z')));
    let summary = property(event, "SUMMARY").unwrap();
    assert!(summary.contains(&reference), "{summary}");
    assert_eq!(
        property(event, "URL"),
        Some(format!("{}/staff/applications/{application}", app.address).as_str())
    );
    let description = property(event, "DESCRIPTION").unwrap();
    assert!(
        description.contains(&reference) && description.contains("Video call"),
        "{description}"
    );
    for private in [
        "Ana",
        "López",
        "ana.lopez@example.com",
        "Senior software engineer",
        "Europe/Paris",
    ] {
        assert!(
            !answer.body.contains(private),
            "the feed shows {private}:\n{}",
            answer.body
        );
    }

    // A new address replaces the old one.
    let replaced = create_feed(&app, &jo).await;
    assert_ne!(replaced, feed);
    assert_eq!(calendar_app.get(&feed).await.status, 404);
    assert_eq!(calendar_app.get(&replaced).await.status, 200);

    // Turning it off asks first.
    let confirm = jo.get("/staff/consultations/feed/revoke").await;
    assert_eq!(confirm.status, 200);
    assert_eq!(confirm.count(r#"form[action="/staff/consultations/feed/revoke"]"#), 1);
    assert_eq!(calendar_app.get(&replaced).await.status, 200, "nothing changed yet");
    let revoked = jo
        .post_raw(
            "/staff/consultations/feed/revoke",
            &[("csrf_token", confirm.csrf_token().as_str())],
        )
        .await;
    assert_redirect(&revoked, "/staff/consultations?done=feed-revoked");
    assert_eq!(calendar_app.get(&replaced).await.status, 404);
    let page = jo.get("/staff/consultations?done=feed-revoked").await;
    assert_eq!(page.count("[data-feed-revoked]"), 1);
    assert_eq!(page.count(r#"[data-feed="off"]"#), 1);
    assert_eq!(audited(&app, "consultant.feed_revoke").await.len(), 1);
    assert_eq!(calendar_app.get("/calendar/not-a-token.ics").await.status, 404);

    // Someone who does not consult has no feed to create.
    let (assistant, _) = signed_in(&app, "pat@firm.example", "Pat Assistant", "staff").await;
    let token = assistant.get("/staff/").await.csrf_token();
    let refused = assistant
        .post_raw("/staff/consultations/feed", &[("csrf_token", token.as_str())])
        .await;
    assert_eq!(refused.status, 403);
}

#[actix_web::test]
async fn the_capacity_view_counts_bookings_and_free_times_per_consultant_and_day() {
    let app = spawn_app(&SmtpSink::start()).await;
    let (staff, _) = signed_in(&app, "pat@firm.example", "Pat Assistant", "staff").await;
    let application = booked(&app, "Ana López", "ana@example.com", "America/Toronto").await;
    let (_, consultant, starts_at, _) = booking_of(&app, application).await;
    let day = starts_at.with_timezone(&chrono_tz::America::Toronto).date_naive();
    // The whole firm closed on a weekday a week later.
    let closed = (1..)
        .map(|n| day + chrono::Duration::days(7 + n))
        .find(|d| d.weekday().number_from_monday() <= 5)
        .unwrap();
    sqlx::query("insert into availability_exception (day, label) values ($1, 'Retreat')")
        .bind(closed)
        .execute(&app.db.pool)
        .await
        .unwrap();

    let page = staff.get("/staff/consultations/capacity").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.count("table caption"), 1);
    assert_eq!(page.count("tbody th[scope=row]"), 1, "one consultant");
    assert!(page.count("thead th[scope=col]") >= 2);
    let cell = format!(r#"tr[data-consultant="{consultant}"] td[data-day="{day}"]"#);
    let cap: i32 = sqlx::query_scalar("select daily_cap from consultant")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(page.attr_of(&cell, "data-booked"), Some("1".to_owned()));
    assert_eq!(page.attr_of(&cell, "data-cap"), Some(cap.to_string()));
    assert!(page.text_of(&cell).unwrap().contains(&format!("1 of {cap} booked")));
    // The free times left that day are those an applicant is offered.
    let applicant = app.with_new_browser();
    let booking = reach_booking(&applicant, "en", "Ben Okafor", "ben@example.com").await;
    let offered = applicant
        .get(&format!("{booking}?time_zone=America/Toronto&day={day}&night=1"))
        .await;
    assert_eq!(
        page.attr_of(&cell, "data-free"),
        Some(slot_ids(&offered).len().to_string())
    );
    let closed_cell = format!(r#"tr[data-consultant="{consultant}"] td[data-day="{closed}"]"#);
    if page.count(&closed_cell) == 1 {
        assert_eq!(page.attr_of(&closed_cell, "data-closed"), Some("closed".to_owned()));
        assert_eq!(page.attr_of(&closed_cell, "data-free"), Some("0".to_owned()));
    }
    // Weekends have no hours; statutory holidays within the span are marked.
    let today = Utc::now().with_timezone(&chrono_tz::America::Toronto).date_naive();
    let saturday = (0..7)
        .map(|n| today + chrono::Duration::days(n))
        .find(|d| d.weekday() == chrono::Weekday::Sat)
        .unwrap();
    let saturday_cell = format!(r#"tr[data-consultant="{consultant}"] td[data-day="{saturday}"]"#);
    assert_eq!(page.attr_of(&saturday_cell, "data-closed"), Some("closed".to_owned()));
    for holiday in intake::holidays::statutory("ON", today.year())
        .into_iter()
        .chain(intake::holidays::statutory("ON", today.year() + 1))
        .filter(|h| h.date >= today && h.date < today + chrono::Duration::days(14))
    {
        assert_eq!(page.count(&format!(r#"thead [data-holiday="{}"]"#, holiday.date)), 1);
    }
}

/// The move page's form fields as a browser sends them when `slot` is chosen.
async fn choose(browser: &TestApp, application: Uuid, consultant: &str, slot: &str) -> crate::helpers::Page {
    let page = format!("/staff/applications/{application}/booking/move");
    browser
        .submit(
            &page,
            &format!("{page}/choose"),
            &[("consultant", consultant), ("slot", slot)],
        )
        .await
}

#[actix_web::test]
async fn staff_move_a_consultation_after_a_confirmation_and_the_applicant_is_emailed_the_reason() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let (staff, _) = signed_in(&app, "pat@firm.example", "Pat Assistant", "staff").await;
    let application = booked(&app, "Ana López", "ana@example.com", "America/Toronto").await;
    let (_, consultant, before, _) = booking_of(&app, application).await;
    let detail = format!("/staff/applications/{application}");
    let move_page = format!("{detail}/booking/move");

    let page = staff.get(&detail).await;
    assert_eq!(page.count("select#move-slot"), 0, "no list with a time chosen already");
    assert_eq!(page.attr_of("a[data-move-link]", "href"), Some(move_page.clone()));

    // The picker: nothing chosen.
    let page = staff.get(&format!("{move_page}?night=1")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let offered = slot_ids(&page);
    assert!(!offered.is_empty());
    assert_eq!(page.count(r#"input[name="slot"][checked]"#), 0);
    assert_eq!(page.count(r#"input[name="slot"]"#), offered.len());
    assert_eq!(
        page.attr_of("select#consultant option[selected]", "value"),
        Some("any".to_owned())
    );
    assert_eq!(page.count(r#"label[for="consultant"]"#), 1);
    // A day's button comes back to the picker with that day open.
    let days = crate::booking::day_values(&page);
    let navigated = staff
        .submit(
            &move_page,
            &format!("{move_page}/choose"),
            &[("consultant", "any"), ("day", days.last().unwrap())],
        )
        .await;
    assert_redirect(&navigated, &format!("{move_page}?day={}#picker", days.last().unwrap()));
    // Continuing without a time says so.
    let nothing = staff
        .submit(&move_page, &format!("{move_page}/choose"), &[("consultant", "any")])
        .await;
    assert_eq!(nothing.status, 422);
    assert_eq!(nothing.count(".error-summary"), 1);

    // A time: the confirmation asks, nothing moves yet.
    let before_id = before.format("%Y%m%dT%H%M%SZ").to_string();
    let to = offered.iter().find(|s| **s != before_id).unwrap().clone();
    let confirm = choose(&staff, application, "any", &to).await;
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    let question = confirm.text_of("h1[data-question]").unwrap();
    assert!(
        question.starts_with("Move Ana López's consultation from ") && question.contains(" with Maple & Partners to "),
        "{question}"
    );
    let form = format!(r#"form[action="{move_page}"]"#);
    assert_eq!(
        confirm.attr_of(&format!(r#"{form} input[name="slot"]"#), "value"),
        Some(to.clone())
    );
    assert_eq!(
        confirm.attr_of(&format!(r#"{form} input[name="consultant"]"#), "value"),
        Some(consultant.to_string())
    );
    assert_eq!(confirm.count(&format!("{form} textarea#reason")), 1);
    assert_eq!(booking_of(&app, application).await.2, before, "not moved yet");
    assert!(audited(&app, "booking.move").await.is_empty());

    app.drain_outbox().await;
    let sent_before = smtp.messages().len();
    let moved = staff
        .submit(
            &move_page,
            &move_page,
            &[
                ("slot", to.as_str()),
                ("consultant", consultant.to_string().as_str()),
                ("reason", "The lawyer is in court that morning."),
            ],
        )
        .await;
    assert_redirect(&moved, &format!("{detail}?done=moved#booking"));
    let page = staff.get(&format!("{detail}?done=moved")).await;
    assert_eq!(
        page.text_of("[data-moved]").as_deref(),
        Some("Consultation moved; the applicant was emailed.")
    );
    assert_eq!(staff.get(&detail).await.count("[data-moved]"), 0);
    let (_, after_consultant, after, _) = booking_of(&app, application).await;
    assert_eq!(after.format("%Y%m%dT%H%M%SZ").to_string(), to);
    assert_eq!(after_consultant, consultant);
    let moves = audited(&app, "booking.move").await;
    assert_eq!(moves.len(), 1);
    let (old, new) = (moves[0].0.clone().unwrap(), moves[0].1.clone().unwrap());
    assert_eq!(old["consultant_id"], consultant.to_string());
    assert_eq!(new["consultant_id"], consultant.to_string());
    assert_eq!(new["reason"], "The lawyer is in court that morning.");
    app.drain_outbox().await;
    let mail = smtp.messages();
    let to_applicant: Vec<_> = mail[sent_before..]
        .iter()
        .filter(|m| m.to == ["ana@example.com"])
        .collect();
    assert_eq!(to_applicant.len(), 1);
    let text = to_applicant[0].parsed().body_text(0).unwrap().into_owned();
    assert!(text.contains("The lawyer is in court that morning."), "{text}");

    // A time taken between the confirmation and the click: the picker again, with the refusal.
    let page = staff.get(&format!("{move_page}?night=1")).await;
    let other = slot_ids(&page).into_iter().find(|s| *s != to).unwrap();
    let confirm = choose(&staff, application, "any", &other).await;
    assert_eq!(confirm.status, 200);
    let rival = app.with_new_browser();
    let booking = reach_booking(&rival, "en", "Ben Okafor", "ben@example.com").await;
    choose_slot(&rival, &booking, Some(&other), "America/Toronto").await;
    assert_redirect(&submit(&rival, "en").await, "/en/apply/confirmation");
    let refused = staff
        .submit(
            &move_page,
            &move_page,
            &[
                ("slot", other.as_str()),
                ("consultant", consultant.to_string().as_str()),
            ],
        )
        .await;
    assert!(matches!(refused.status, 409 | 422), "{}", refused.status);
    assert_eq!(refused.count(".error-summary"), 1);
    assert!(refused.body.contains("That time was just taken"));
    assert!(
        !slot_ids(&refused).contains(&other),
        "the time taken is no longer offered"
    );
    assert_eq!(booking_of(&app, application).await.2, after, "not moved");
    // Nonsense is refused the same way, never with a server error.
    let nonsense = staff
        .submit(
            &move_page,
            &move_page,
            &[("slot", "20300101T150000Z"), ("consultant", "any")],
        )
        .await;
    assert_eq!(nonsense.status, 422);
    let nonsense = staff
        .submit(
            &move_page,
            &move_page,
            &[("slot", to.as_str()), ("consultant", "nobody")],
        )
        .await;
    assert_eq!(nonsense.status, 422);
    assert_eq!(audited(&app, "booking.move").await.len(), 1);
}

#[actix_web::test]
async fn staff_reassign_a_consultation_to_another_consultant_and_both_are_emailed() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let (staff, jo_staff) = signed_in(&app, "jo@firm.example", "Jo Lawyer", "staff").await;
    let jo = link_firm_calendar(&app, jo_staff).await;
    let sam_staff = create_staff(&app, "sam@firm.example", "Sam Lawyer", "staff", PASSWORD).await;
    let sam = add_consultant(&app, sam_staff).await;
    let application = booked(&app, "Ana López", "ana@example.com", "America/Toronto").await;
    let (_, from, starts_at, _) = booking_of(&app, application).await;
    let (to, to_name, to_email, from_email) = if from == jo {
        (sam, "Sam Lawyer", "sam@firm.example", "jo@firm.example")
    } else {
        (jo, "Jo Lawyer", "jo@firm.example", "sam@firm.example")
    };
    let move_page = format!("/staff/applications/{application}/booking/move");

    // The other consultant's own free times.
    let page = staff.get(&format!("{move_page}?consultant={to}&night=1")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(
        page.attr_of("select#consultant option[selected]", "value"),
        Some(to.to_string())
    );
    let options = page.attrs_of("select#consultant option", "value");
    assert_eq!(options.len(), 3, "any, then both consultants: {options:?}");
    // The same time, with the other consultant.
    let same_time = starts_at.format("%Y%m%dT%H%M%SZ").to_string();
    assert!(
        slot_ids(&page).contains(&same_time),
        "the other consultant is free then"
    );
    let confirm = choose(&staff, application, &to.to_string(), &same_time).await;
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    let question = confirm.text_of("h1[data-question]").unwrap();
    assert!(question.ends_with(&format!(" with {to_name}?")), "{question}");
    assert_eq!(
        confirm.attr_of(r#"input[name="consultant"]"#, "value"),
        Some(to.to_string())
    );

    app.drain_outbox().await;
    let sent_before = smtp.messages().len();
    let moved = staff
        .submit(
            &move_page,
            &move_page,
            &[
                ("slot", same_time.as_str()),
                ("consultant", to.to_string().as_str()),
                ("reason", ""),
            ],
        )
        .await;
    assert_redirect(&moved, &format!("/staff/applications/{application}?done=moved#booking"));
    let (_, now_with, now_at, _) = booking_of(&app, application).await;
    assert_eq!((now_with, now_at), (to, starts_at), "another consultant, the same time");
    let moves = audited(&app, "booking.move").await;
    assert_eq!(moves[0].0.as_ref().unwrap()["consultant_id"], from.to_string());
    assert_eq!(moves[0].1.as_ref().unwrap()["consultant_id"], to.to_string());
    app.drain_outbox().await;
    let mail = smtp.messages();
    let recipients: Vec<&str> = mail[sent_before..]
        .iter()
        .flat_map(|m| m.to.iter().map(String::as_str))
        .collect();
    for expected in [to_email, from_email, "ana@example.com"] {
        assert!(recipients.contains(&expected), "{expected} not emailed: {recipients:?}");
    }
    // The application's page names the new consultant.
    let page = staff.get(&format!("/staff/applications/{application}")).await;
    assert_eq!(page.text_of("[data-host]"), Some(format!("With {to_name}")));
}
