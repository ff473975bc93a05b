//! The firm's consultants as admins and the command line set them up: making a member of staff a
//! consultant (the languages they consult in, the pathways they take), what an admin changes of one
//! (those, the daily cap, how they meet, whether they take consultations), and linking the firm's
//! own calendar to an account. Their hours and time off are the availability's
//! (`db::availability`).
//!
//! A new consultant follows the firm's hours (the rules without a consultant) until they are given
//! hours of their own. Every change is in the audit trail, with what it was and what it became.

#[cfg(test)]
mod tests;

use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::{
    accounts::By,
    db::{self, consultants::Profile},
    domain::text::Invalid,
    error::AppError,
};

/// The languages consultations are held in, in the order they are offered.
pub const LANGUAGES: [&str; 3] = ["en", "fr", "es"];

/// The pathways' codes (`Pathway::code`), in the order they are offered.
pub const PATHWAYS: [&str; 3] = ["gts", "cusma", "ict"];

/// The longest video meeting link and phone number (the table's checks).
pub const MAX_VIDEO_LINK_CHARS: usize = 500;
pub const MAX_PHONE_CHARS: usize = 40;

/// What a consultant takes: at least one language and one pathway, each once, in the order of
/// [`LANGUAGES`] and [`PATHWAYS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultancy {
    pub languages: Vec<String>,
    pub pathways: Vec<String>,
}

impl Default for Consultancy {
    /// English, every pathway: what `intake staff add --consultant` gives without more.
    fn default() -> Self {
        Consultancy {
            languages: vec!["en".to_owned()],
            pathways: PATHWAYS.map(str::to_owned).to_vec(),
        }
    }
}

/// The codes chosen, each once, in `allowed`'s order (any case, blanks around them ignored);
/// `Err` with the first code that is not allowed.
pub fn choose<S: AsRef<str>>(chosen: &[S], allowed: &[&str]) -> Result<Vec<String>, String> {
    let mut codes = Vec::new();
    for raw in chosen {
        let code = raw.as_ref().trim().to_lowercase();
        if !allowed.contains(&code.as_str()) {
            return Err(code);
        }
        codes.push(code);
    }
    Ok(allowed
        .iter()
        .filter(|a| codes.iter().any(|c| c == *a))
        .map(|a| (*a).to_owned())
        .collect())
}

/// A comma-separated list of codes (`en,fr`), as typed on the command line; empty items are
/// skipped.
pub fn choose_listed(list: &str, allowed: &[&str]) -> Result<Vec<String>, String> {
    let items: Vec<&str> = list.split(',').filter(|s| !s.trim().is_empty()).collect();
    choose(&items, allowed)
}

/// The longest name of a regulator ("Law Society of Ontario", "College of Immigration and
/// Citizenship Consultants"), and of a licence number; the table's checks say the same.
pub const MAX_REGULATOR_CHARS: usize = 120;
pub const MAX_LICENCE_CHARS: usize = 40;

/// One line of text (may be empty) of at most `max` characters, without control characters; the
/// message `error` otherwise.
pub fn one_line(raw: &str, max: usize, error: &'static str) -> Result<String, Invalid> {
    let text = raw.trim();
    if text.chars().count() > max || text.chars().any(char::is_control) {
        return Err(Invalid(error));
    }
    Ok(text.to_owned())
}

/// A video meeting link: empty, or an `https://` address of at most [`MAX_VIDEO_LINK_CHARS`]
/// characters with a host name, no credentials and nothing that would end it in an email or an
/// invite (spaces, quotes, angle brackets, control characters).
pub fn video_link(raw: &str) -> Result<String, Invalid> {
    let link = raw.trim();
    if link.is_empty() {
        return Ok(String::new());
    }
    if link.chars().count() > MAX_VIDEO_LINK_CHARS {
        return Err(Invalid("err-consultant-video-link-long"));
    }
    let invalid = Invalid("err-consultant-video-link");
    let scheme = link
        .get(..8)
        .filter(|s| s.eq_ignore_ascii_case("https://"))
        .ok_or(invalid)?;
    let rest = &link[scheme.len()..];
    if rest.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^')
    }) {
        return Err(invalid);
    }
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let name = host.rsplit_once(':').map_or(host, |(name, port)| {
        if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) {
            name
        } else {
            host
        }
    });
    let labels_ok = name.split('.').all(|label| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    });
    if name.contains('.') && labels_ok {
        Ok(format!("https://{rest}"))
    } else {
        Err(invalid)
    }
}

/// The number a consultant calls applicants from: empty, or a valid telephone number (read as
/// Canadian without a `+`), stored in E.164 (`+14165550123`).
pub fn phone(raw: &str) -> Result<String, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(String::new());
    }
    if raw.chars().count() > MAX_PHONE_CHARS {
        return Err(Invalid("err-consultant-phone"));
    }
    let number =
        phonenumber::parse(Some(phonenumber::country::Id::CA), raw).map_err(|_| Invalid("err-consultant-phone"))?;
    if !phonenumber::is_valid(&number) {
        return Err(Invalid("err-consultant-phone"));
    }
    Ok(number.format().mode(phonenumber::Mode::E164).to_string())
}

/// Why a change was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// There is no such consultant.
    Unknown,
    /// The staff account does not exist or is disabled.
    NoSuchMember,
    /// The staff account is a consultant already.
    AlreadyConsultant,
    /// The consultant is linked to an account already.
    AlreadyLinked,
}

/// A use case's answer: done or refused; `Err` is a failure (the database is away, say).
pub type Outcome<T> = Result<Result<T, Refusal>, AppError>;

/// Records a change to consultant `subject`. From the command line, `detail` says `"via": "cli"`.
async fn record(
    conn: &mut PgConnection,
    by: By,
    action: &str,
    subject: Uuid,
    changes: (Option<Value>, Option<Value>),
) -> Result<(), AppError> {
    let (staff_user_id, detail) = match by {
        By::Admin { id, .. } => (Some(id), None),
        By::CommandLine => (None, Some(json!({ "via": "cli" }))),
    };
    db::audit::record(
        conn,
        &db::audit::NewAuditEvent {
            staff_user_id,
            action,
            subject_type: Some("consultant"),
            subject_id: Some(&subject.to_string()),
            before: changes.0,
            after: changes.1,
            detail,
            source_address: None,
        },
    )
    .await?;
    Ok(())
}

/// In the caller's transaction: makes staff member `staff_user_id` a consultant taking `what`, with
/// the firm's daily cap and hours, and records it (`consultant.create`). A database error when they
/// are one already (the constraint [`db::consultants::ONE_PER_ACCOUNT`]).
pub async fn create_in(
    conn: &mut PgConnection,
    by: By,
    staff_user_id: Uuid,
    what: &Consultancy,
) -> Result<Uuid, AppError> {
    let id = db::consultants::create(&mut *conn, staff_user_id, &what.languages, &what.pathways).await?;
    let after = json!({
        "staff_user_id": staff_user_id,
        "languages": what.languages,
        "pathways": what.pathways,
        "hours": "firm",
    });
    record(conn, by, "consultant.create", id, (None, Some(after))).await?;
    Ok(id)
}

fn is_one_per_account(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.constraint() == Some(db::consultants::ONE_PER_ACCOUNT))
}

/// Makes an existing, active member of staff a consultant (see [`create_in`]). Refused: no such
/// active member, or one who consults already.
pub async fn make(pool: &PgPool, by: By, staff_user_id: Uuid, what: &Consultancy) -> Outcome<Uuid> {
    match db::staff::find_by_id(pool, staff_user_id).await? {
        Some(member) if member.active => {}
        _ => return Ok(Err(Refusal::NoSuchMember)),
    }
    if db::consultants::of_staff(pool, staff_user_id).await?.is_some() {
        return Ok(Err(Refusal::AlreadyConsultant));
    }
    let mut tx = pool.begin().await?;
    let id = match create_in(&mut tx, by, staff_user_id, what).await {
        Ok(id) => id,
        // Made a consultant meanwhile, by someone else.
        Err(AppError::Db(e)) if is_one_per_account(&e) => return Ok(Err(Refusal::AlreadyConsultant)),
        Err(e) => return Err(e),
    };
    tx.commit().await?;
    Ok(Ok(id))
}

/// Replaces what an admin sets of consultant `id`; `false` when nothing changed (nothing is
/// recorded then). Audited as `consultant.update` with what changed, before and after.
pub async fn update(pool: &PgPool, by: By, id: Uuid, new: &Profile) -> Outcome<bool> {
    let mut tx = pool.begin().await?;
    let Some(before) = db::consultants::update(&mut tx, id, new).await? else {
        return Ok(Err(Refusal::Unknown));
    };
    if before == *new {
        return Ok(Ok(false));
    }
    let (Ok(Value::Object(mut was)), Ok(Value::Object(mut is))) =
        (serde_json::to_value(&before), serde_json::to_value(new))
    else {
        return Err(AppError::Unexpected(anyhow::anyhow!("a profile is not a JSON object")));
    };
    // Only what changed, on both sides.
    let same: Vec<String> = was
        .iter()
        .filter(|(k, v)| is.get(*k) == Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    for key in same {
        was.remove(&key);
        is.remove(&key);
    }
    record(
        &mut tx,
        by,
        "consultant.update",
        id,
        (Some(Value::Object(was)), Some(Value::Object(is))),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(true))
}

/// Links consultant `id` (the firm's own calendar, made before consultants had accounts) to the
/// active member of staff `staff_user_id`, who is no consultant yet. Audited as
/// `consultant.link`.
pub async fn link(pool: &PgPool, by: By, id: Uuid, staff_user_id: Uuid) -> Outcome<()> {
    let Some(consultant) = db::consultants::find(pool, id).await? else {
        return Ok(Err(Refusal::Unknown));
    };
    if consultant.staff_user_id.is_some() {
        return Ok(Err(Refusal::AlreadyLinked));
    }
    match db::staff::find_by_id(pool, staff_user_id).await? {
        Some(member) if member.active => {}
        _ => return Ok(Err(Refusal::NoSuchMember)),
    }
    let mut tx = pool.begin().await?;
    let linked = match db::consultants::link_account(&mut tx, id, staff_user_id).await {
        Ok(linked) => linked,
        Err(e) if is_one_per_account(&e) => return Ok(Err(Refusal::AlreadyConsultant)),
        Err(e) => return Err(e.into()),
    };
    if !linked {
        // Linked meanwhile, by someone else.
        return Ok(Err(Refusal::AlreadyLinked));
    }
    let changes = (
        Some(json!({ "staff_user_id": null })),
        Some(json!({ "staff_user_id": staff_user_id })),
    );
    record(&mut tx, by, "consultant.link", id, changes).await?;
    tx.commit().await?;
    Ok(Ok(()))
}
