//! Issue 11, item 7: data that really goes away. Erasure by data subject across every table (with a
//! calendar cancellation first), emails emptied after the outbox retention period, a resend that
//! renders afresh, and the applicant's old cookie after erasure. The proofs scan every text,
//! jsonb, array and bytea column of every table for the person and their secrets.

use crate::{
    apply::{ADMISSIBILITY, CONSENT, EDUCATION, GTS_OFFER, OUTSIDE, ROUTE, WORK_REGION, choose, walk},
    booking::{choose_slot, submit},
    helpers::{ReceivedMail, SmtpSink, TestApp, assert_redirect, create_staff, login, spawn_app},
};

const PASSWORD: &str = "correct horse battery staple 42";

/// Everything about one person that must go, and the secrets they were sent.
struct Person {
    name: &'static str,
    email: &'static str,
    /// As typed, and as stored (E.164).
    phone: &'static str,
    phone_e164: &'static str,
    employer: &'static str,
    job_title: &'static str,
    duties: &'static str,
    field_of_study: &'static str,
    enquiry: &'static str,
    note: &'static str,
}

const ZELDA: Person = Person {
    name: "Zelda Quixotova",
    email: "zelda.quixotova@example.org",
    phone: "+1 (416) 923-4567",
    phone_e164: "+14169234567",
    employer: "Windmill Tilting Holdings",
    job_title: "Principal lance engineer",
    duties: "Tilt at windmills across La Mancha, mentor squires and review lance designs weekly.",
    field_of_study: "Chivalric informatics",
    enquiry: "Can my sister Dulcinea Quixotova come with me to Toronto?",
    note: "Called Zelda Quixotova about the Windmill offer",
};

const BOB: Person = Person {
    name: "Bob Martinsson",
    email: "bob.martinsson@example.com",
    phone: "+1 (416) 923-4568",
    phone_e164: "+14169234568",
    employer: "Maple Ledger Partners",
    job_title: "Staff data engineer",
    duties: "Build the ledger pipelines, run the on-call rotation and coach two analysts every week.",
    field_of_study: "Applied statistics",
    enquiry: "Does a job offer from Ottawa change which permit I need?",
    note: "Bob Martinsson's note",
};

impl Person {
    /// What no column may hold once the person is erased.
    fn traces(&self) -> Vec<&'static str> {
        vec![
            self.name,
            "Quixotova",
            self.email,
            "zelda.quixotova@",
            self.phone_e164,
            "4169234567",
            self.employer,
            self.job_title,
            self.duties,
            self.field_of_study,
            self.enquiry,
            "Dulcinea",
            self.note,
        ]
    }
}

/// The secrets the person received by email.
struct Secrets {
    resume_token: String,
    manage_token: String,
}

impl Secrets {
    fn all(&self) -> Vec<&str> {
        vec![&self.resume_token, &self.manage_token]
    }
}

/// The token that follows `marker` in a link of `mail`'s text.
fn token_after(mail: &ReceivedMail, marker: &str) -> String {
    let text = mail.parsed().body_text(0).unwrap().into_owned();
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} link in {text}"))
        + marker.len();
    text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

fn subject(mail: &ReceivedMail) -> String {
    mail.parsed().subject().unwrap_or_default().to_owned()
}

/// The person applies (asking for a "continue later" link on the way), books, and writes through
/// the contact form; every email is delivered. Returns the applicant's browser, the staff page of
/// the application and the secrets they were sent.
async fn apply_and_write(app: &TestApp, smtp: &SmtpSink, p: &Person) -> (TestApp, String, Secrets) {
    let applicant = app.with_new_browser();
    let first = choose(&applicant, "en", "gts").await;
    let at = |page: &str| format!("/en/apply/gts/{page}");
    let about: &[(&str, &str)] = &[
        ("full_name", p.name),
        ("email", p.email),
        ("phone", p.phone),
        ("citizenships", "MX"),
        ("country_of_residence", "MX"),
    ];
    let next = walk(&applicant, &first, &[(at("about-you").as_str(), about)]).await;
    // "Email me a link to continue later".
    let sent = applicant
        .submit("/en/apply/save", "/en/apply/save", &[("email", p.email)])
        .await;
    assert_redirect(&sent, "/en/apply/save/sent");
    let education: Vec<(&str, &str)> = EDUCATION
        .iter()
        .map(|&(k, v)| {
            if k == "field_of_study" {
                (k, p.field_of_study)
            } else {
                (k, v)
            }
        })
        .collect();
    let employer: &[(&str, &str)] = &[
        ("employer_legal_name", p.employer),
        ("employer_city", "Toronto"),
        ("employer_province", "ON"),
    ];
    let job: &[(&str, &str)] = &[
        ("job_title", p.job_title),
        ("job_duties", p.duties),
        ("noc_2021_code", "21231"),
        ("offered_wage", "145,000"),
        ("wage_unit", "annual"),
        ("hours_per_week", "40"),
        ("years_specialized_experience", "7"),
    ];
    let pages = [
        (at("location"), OUTSIDE),
        (at("route"), ROUTE),
        (at("education"), education.as_slice()),
        (at("job-offer"), GTS_OFFER),
        (at("employer"), employer),
        (at("work-region"), WORK_REGION),
        (at("job"), job),
        (at("admissibility"), ADMISSIBILITY),
        (at("consent"), CONSENT),
    ];
    let pages: Vec<(&str, &[(&str, &str)])> = pages.iter().map(|(p, a)| (p.as_str(), *a)).collect();
    let end = walk(&applicant, &next, &pages).await;
    assert_eq!(applicant.get(&end).await.status, 200, "assessment");
    choose_slot(&applicant, &at("booking"), None, "America/Toronto").await;
    assert_redirect(&submit(&applicant, "en").await, "/en/apply/confirmation");

    let contact = applicant
        .submit(
            "/en/contact",
            "/en/contact",
            &[
                ("full_name", p.name),
                ("email", p.email),
                ("message", p.enquiry),
                ("consent_privacy", "yes"),
            ],
        )
        .await;
    assert_redirect(&contact, "/en/contact/sent");

    app.drain_outbox().await;
    let mail = smtp.messages();
    let to_person: Vec<&ReceivedMail> = mail.iter().filter(|m| m.to == [p.email]).collect();
    let resume = to_person
        .iter()
        .find(|m| m.parsed().body_text(0).unwrap().contains("/apply/resume/"))
        .expect("the resume link email");
    let confirmation = to_person
        .iter()
        .find(|m| m.parsed().body_text(0).unwrap().contains("/booking/"))
        .expect("the confirmation email");
    let secrets = Secrets {
        resume_token: token_after(resume, "/apply/resume/"),
        manage_token: token_after(confirmation, "/en/booking/"),
    };
    assert!(secrets.resume_token.len() >= 32 && secrets.manage_token.len() >= 32);
    let id: uuid::Uuid = sqlx::query_scalar("select application_id from application where email = $1")
        .bind(p.email)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    (applicant, format!("/staff/applications/{id}"), secrets)
}

async fn signed_in(app: &TestApp, role: &str) -> TestApp {
    let browser = app.with_new_browser();
    let email = format!("{role}@firm.example");
    create_staff(app, &email, &format!("Pat {role}"), role, PASSWORD).await;
    login(&browser, &email, PASSWORD).await;
    browser
}

/// Every column of every table that can hold text (text, varchar, jsonb, arrays, bytea...), but
/// those `allowed`, searched for each needle (case-insensitively; bytea as bytes) and for each
/// hash (bytea). Returns what was found where.
async fn scan(app: &TestApp, needles: &[&str], hashes: &[Vec<u8>], allowed: &[(&str, &str)]) -> Vec<String> {
    let columns: Vec<(String, String, String)> = sqlx::query_as(
        "select c.table_name::text, c.column_name::text, c.data_type::text
         from information_schema.columns c
         join information_schema.tables t using (table_schema, table_name)
         where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
           and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea',
                               'USER-DEFINED', 'tsvector')
         order by 1, 2",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert!(columns.len() > 40, "the scan reads every table: {columns:?}");
    let mut found = Vec::new();
    for (table, column, kind) in &columns {
        if allowed.contains(&(table.as_str(), column.as_str())) {
            continue;
        }
        for needle in needles {
            let hits: i64 = if kind == "bytea" {
                sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    r#"select count(*) from "{table}" where position($1::bytea in "{column}") > 0"#
                )))
                .bind(needle.as_bytes())
                .fetch_one(&app.db.pool)
                .await
                .unwrap()
            } else {
                sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    r#"select count(*) from "{table}" where position(lower($1) in lower("{column}"::text)) > 0"#
                )))
                .bind(needle)
                .fetch_one(&app.db.pool)
                .await
                .unwrap()
            };
            if hits > 0 {
                found.push(format!("{table}.{column} holds {needle:?} ({hits} rows)"));
            }
        }
        if kind == "bytea" {
            for hash in hashes {
                let hits: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    r#"select count(*) from "{table}" where position($1::bytea in "{column}") > 0"#
                )))
                .bind(hash)
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
                if hits > 0 {
                    found.push(format!("{table}.{column} holds a token's hash ({hits} rows)"));
                }
            }
        }
    }
    found
}

#[actix_web::test]
async fn erasure_removes_the_person_from_every_table_cancels_their_consultation_and_their_cookie() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let (applicant, page, secrets) = apply_and_write(&app, &smtp, &ZELDA).await;
    // Someone else applies too: their file is untouched by Zelda's erasure.
    let (_, other_page, _) = apply_and_write(&app, &smtp, &BOB).await;
    let reference: String = sqlx::query_scalar("select reference from application where email = $1")
        .bind(ZELDA.email)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(applicant.get("/en/apply/confirmation").await.status, 200);
    assert_eq!(
        applicant
            .get(&format!("/en/booking/{}", secrets.manage_token))
            .await
            .status,
        200
    );

    // Staff work on the file: a note naming the person, a CSV export searched by their name.
    let admin = signed_in(&app, "admin").await;
    let token = admin.get(&page).await.csrf_token();
    assert_redirect(
        &admin
            .post_raw(
                &format!("{page}/notes"),
                &[("csrf_token", &token), ("body", ZELDA.note)],
            )
            .await,
        &format!("{page}#notes"),
    );
    let export = admin.get("/staff/applications/export.csv?q=zelda+quixotova").await;
    assert!(export.body.contains(ZELDA.email), "the export found her");

    let before = smtp.messages().len();
    assert_redirect(
        &admin
            .post_raw(&format!("{page}/erase"), &[("csrf_token", &token)])
            .await,
        &format!("{page}#privacy"),
    );
    // Her consultation was still ahead: her calendar is told it is cancelled, before her address goes.
    app.drain_outbox().await;
    let after = smtp.messages();
    let cancellations: Vec<&ReceivedMail> = after[before..].iter().collect();
    assert_eq!(cancellations.len(), 1, "one email: the applicant's cancellation");
    let cancellation = cancellations[0];
    assert_eq!(cancellation.to, [ZELDA.email]);
    assert!(subject(cancellation).contains(&reference), "{}", subject(cancellation));
    let unfolded = cancellation.data.replace("=\r\n", "").replace("\r\n ", "");
    assert!(unfolded.contains("METHOD:CANCEL"), "a calendar cancellation");
    assert!(!unfolded.contains(&secrets.manage_token), "no manage link in it");

    // Nothing of her, nor of her secrets, in any column of any table; the other file is intact.
    let hashes = vec![
        intake::web::session::token_hash(&secrets.manage_token),
        intake::web::session::token_hash(&secrets.resume_token),
    ];
    let mut needles = ZELDA.traces();
    needles.extend(secrets.all());
    let found = scan(&app, &needles, &hashes, &[]).await;
    assert!(found.is_empty(), "{found:#?}");
    // Bob's file, enquiry and emails are all there.
    let bob = scan(&app, &BOB.traces(), &[], &[]).await;
    for table in ["application.", "enquiry.", "email_outbox.", "note."] {
        assert!(
            bob.iter().any(|f| f.starts_with(table)) || table == "note.",
            "{table} {bob:#?}"
        );
    }
    let bob_name: Option<String> = sqlx::query_scalar("select full_name from application where email = $1")
        .bind(BOB.email)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(bob_name.as_deref(), Some(BOB.name));
    assert_eq!(admin.get(&other_page).await.count("[data-erased]"), 0);
    assert_eq!(admin.get(&page).await.count("[data-erased]"), 1);

    // Her old cookie opens nothing: the confirmation answers as if there were no draft.
    let confirmation = applicant.get("/en/apply/confirmation").await;
    assert_redirect(&confirmation, "/en/apply");
    assert_eq!(applicant.get("/en/apply/confirmation/invite.ics").await.status, 404);
    assert_ne!(applicant.get("/en/apply/gts/check").await.status, 200);
    // Her links neither.
    assert_ne!(
        applicant
            .get(&format!("/en/booking/{}", secrets.manage_token))
            .await
            .status,
        200
    );
    assert_eq!(
        app.with_new_browser()
            .get(&format!("/en/apply/resume/{}", secrets.resume_token))
            .await
            .status,
        410
    );
}

#[actix_web::test]
async fn lead_retention_erases_by_data_subject_too() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let (_, _, secrets) = apply_and_write(&app, &smtp, &ZELDA).await;
    // A spam lead of long ago, whose consultation was already held.
    sqlx::query(
        "update application set review_status = 'spam', submitted_at = now() - interval '400 days' where email = $1",
    )
    .bind(ZELDA.email)
    .execute(&app.db.pool)
    .await
    .unwrap();
    sqlx::query("update booking set starts_at = now() - interval '399 days', ends_at = now() - interval '399 days' + interval '30 minutes'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let before = smtp.messages().len();
    intake::maintenance::sweep(&app.db.pool, &app.settings).await;
    app.drain_outbox().await;
    assert_eq!(
        smtp.messages().len(),
        before,
        "a past consultation is not cancelled by email"
    );
    let mut needles = ZELDA.traces();
    needles.extend(secrets.all());
    let found = scan(&app, &needles, &[], &[]).await;
    assert!(found.is_empty(), "{found:#?}");
}

#[actix_web::test]
async fn emails_are_emptied_after_the_retention_period_and_links_kept_nowhere() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let (applicant, _, secrets) = apply_and_write(&app, &smtp, &ZELDA).await;
    // The reminder goes out too; one email died.
    sqlx::query("update email_outbox set next_attempt_at = now() where kind = 'booking_reminder'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    app.drain_outbox().await;
    sqlx::query("update email_outbox set status = 'dead', last_error = $1 where kind = 'resume_link'")
        .bind(format!("550 5.1.1 <{}>: no such user", ZELDA.email))
        .execute(&app.db.pool)
        .await
        .unwrap();
    let kinds = |app: &TestApp| {
        let pool = app.db.pool.clone();
        async move {
            sqlx::query_as::<_, (String, String)>("select kind, status from email_outbox order by email_outbox_id")
                .fetch_all(&pool)
                .await
                .unwrap()
        }
    };
    let before = kinds(&app).await;
    assert!(before.len() >= 5, "{before:?}");
    assert!(before.iter().all(|(_, s)| s != "pending"), "{before:?}");

    // 31 days on, but for the brief (sent yesterday, as it were): only the old ones are emptied.
    sqlx::query(
        "update email_outbox set updated_at = now() - interval '31 days', sent_at = now() - interval '31 days'
         where kind <> 'firm_brief'",
    )
    .execute(&app.db.pool)
    .await
    .unwrap();
    intake::maintenance::sweep(&app.db.pool, &app.settings).await;
    let brief: (String, Option<chrono::DateTime<chrono::Utc>>) =
        sqlx::query_as("select body_text, scrubbed_at from email_outbox where kind = 'firm_brief'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(
        brief.0.contains(ZELDA.name) && brief.1.is_none(),
        "within the period: kept"
    );
    sqlx::query("update email_outbox set updated_at = now() - interval '31 days' where kind = 'firm_brief'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    intake::maintenance::sweep(&app.db.pool, &app.settings).await;

    // What counting needs stays: every row, its kind, status and dates.
    assert_eq!(kinds(&app).await, before);
    let unscrubbed: i64 = sqlx::query_scalar("select count(*) from email_outbox where scrubbed_at is null")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(unscrubbed, 0);
    // No secret link anywhere; the person only where their live file and enquiry keep them.
    let mut needles = ZELDA.traces();
    needles.extend(secrets.all());
    let allowed = [
        ("application", "full_name"),
        ("application", "email"),
        ("application", "answers"),
        ("application", "search"),
        ("enquiry", "full_name"),
        ("enquiry", "email"),
        ("enquiry", "message"),
    ];
    let found = scan(&app, &needles, &[], &allowed).await;
    assert!(found.is_empty(), "{found:#?}");
    // The link in the applicant's mailbox still works: only the stored copy went.
    assert_eq!(
        applicant
            .get(&format!("/en/booking/{}", secrets.manage_token))
            .await
            .status,
        200
    );
}

#[actix_web::test]
async fn a_resend_renders_the_email_afresh_with_a_new_link_never_the_stored_body() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let (_, page, secrets) = apply_and_write(&app, &smtp, &ZELDA).await;
    // The confirmation died long ago, and retention emptied it.
    let dead: uuid::Uuid = sqlx::query_scalar(
        "update email_outbox set status = 'dead', attempts = 8, last_error = '550 no', updated_at = now() - interval '40 days'
         where kind = 'booking_confirmation' returning email_outbox_id",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    intake::maintenance::sweep(&app.db.pool, &app.settings).await;
    let body: String = sqlx::query_scalar("select body_text from email_outbox where email_outbox_id = $1")
        .bind(dead)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(body, "");

    let staff = signed_in(&app, "staff").await;
    let view = staff.get(&page).await;
    let token = view.csrf_token();
    let before = smtp.messages().len();
    assert_redirect(
        &staff
            .post_raw(&format!("{page}/emails/{dead}/resend"), &[("csrf_token", &token)])
            .await,
        &format!("{page}#emails"),
    );
    app.drain_outbox().await;
    let mail = smtp.messages();
    let fresh: Vec<&ReceivedMail> = mail[before..].iter().collect();
    assert_eq!(fresh.len(), 1);
    assert_eq!(fresh[0].to, [ZELDA.email]);
    let text = fresh[0].parsed().body_text(0).unwrap().into_owned();
    assert!(text.contains(ZELDA.name), "rendered from the application: {text}");
    let new_token = token_after(fresh[0], "/en/booking/");
    assert_ne!(new_token, secrets.manage_token, "a new link");
    let browser = app.with_new_browser();
    assert_eq!(browser.get(&format!("/en/booking/{new_token}")).await.status, 200);
    assert_ne!(
        browser
            .get(&format!("/en/booking/{}", secrets.manage_token))
            .await
            .status,
        200,
        "the old link is revoked"
    );
    assert!(fresh[0].data.contains("METHOD:REQUEST"), "with its invite");
    // The dead row is withdrawn, empty; the resend is audited with what it sent.
    let status: String = sqlx::query_scalar("select status from email_outbox where email_outbox_id = $1")
        .bind(dead)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "withdrawn");
    let detail: serde_json::Value = sqlx::query_scalar("select after from audit_event where action = 'email.resend'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(detail["sent"], "booking_confirmation");
    // A second click has nothing left to resend.
    let again = staff
        .post_raw(&format!("{page}/emails/{dead}/resend"), &[("csrf_token", &token)])
        .await;
    assert_redirect(&again, &format!("{page}#emails"));
    app.drain_outbox().await;
    assert_eq!(smtp.messages().len(), before + 1);
}
