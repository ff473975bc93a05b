//! Absolute links, for emails, calendar invites and anything read away from the site: the one
//! place that joins `INTAKE_BASE_URL` to a path. Pages link with relative paths (`PageCtx::url`).

use uuid::Uuid;

use crate::{config::Settings, i18n::Lang};

/// `path` (starting with `/`) on the site.
pub fn absolute(settings: &Settings, path: &str) -> String {
    format!("{}{path}", settings.base_url)
}

/// The applicant's manage link (see and change their consultation), with its secret token.
pub fn manage(settings: &Settings, lang: Lang, token: &str) -> String {
    absolute(settings, &format!("/{}/booking/{token}", lang.code()))
}

/// Where an applicant starts again (after a cancellation, say).
pub fn apply(settings: &Settings, lang: Lang) -> String {
    absolute(settings, &format!("/{}/apply", lang.code()))
}

/// The applicant's status page.
pub fn status(settings: &Settings, lang: Lang) -> String {
    absolute(settings, &format!("/{}/status", lang.code()))
}

/// A sign-in link to the applicant's status page, with its secret token.
pub fn status_sign_in(settings: &Settings, lang: Lang, token: &str) -> String {
    absolute(settings, &format!("/{}/status/sign-in/{token}", lang.code()))
}

/// The link that resumes a saved draft.
pub fn resume(settings: &Settings, lang: Lang, token: &str) -> String {
    absolute(settings, &format!("/{}/apply/resume/{token}", lang.code()))
}

/// An application's page in the back office.
pub fn staff_application(settings: &Settings, id: Uuid) -> String {
    absolute(settings, &format!("/staff/applications/{id}"))
}

/// The back office's list of applications.
pub fn staff_applications(settings: &Settings) -> String {
    absolute(settings, "/staff/applications")
}

/// The back office's audit trail, showing the entries whose action starts with `action`.
pub fn staff_audit(settings: &Settings, action: &str) -> String {
    absolute(settings, &format!("/staff/audit?action={action}"))
}

/// A consultant's private calendar feed, with its secret token: calendar applications subscribe to it.
pub fn calendar_feed(settings: &Settings, token: &str) -> String {
    absolute(settings, &format!("/calendar/{token}.ics"))
}
