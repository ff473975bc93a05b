//! Staff authentication: argon2id password hashes and the password policy (`password`, with the
//! shipped list of common passwords in `common_passwords`), sessions kept on the server (`session`),
//! the second factor (`second_factor`), sign-in throttling (`throttle`), the `require_staff`
//! middleware in front of `/staff` (`middleware`), and who is signed in (`CurrentStaff`, `Role`).

pub mod common_passwords;
pub mod middleware;
pub mod password;
pub mod second_factor;
pub mod session;
pub mod throttle;

use std::future::{Ready, ready};

use actix_web::{FromRequest, HttpMessage, HttpRequest, dev::Payload};
use uuid::Uuid;

pub use middleware::require_staff;

pub use crate::domain::role::Role;

use crate::error::AppError;

/// The sign-in page, outside the protected scope.
pub const LOGIN_PATH: &str = "/staff/login";
/// Where a sign-in lands when it has nowhere better to go.
pub const HOME_PATH: &str = "/staff/";
/// The second step of sign-in: the code from the authenticator app (or a recovery code).
pub const CODE_PATH: &str = "/staff/login/code";
/// Where a staff member sets up the second factor (the only page open to them, with sign-out,
/// while the firm requires one they do not have).
pub const SECOND_FACTOR_PATH: &str = "/staff/account/second-factor";

/// The signed-in staff member of this request, put in the request's extensions by
/// [`require_staff`]. As an extractor it answers 403 outside the protected scope.
#[derive(Debug, Clone)]
pub struct CurrentStaff {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// The server-side session of this request (`staff_session`).
    pub session_id: Uuid,
    /// Signing in takes a code from an authenticator app.
    pub has_second_factor: bool,
}

impl CurrentStaff {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// `Err(AppError::Forbidden)` unless this is an admin: `staff.require_admin()?;` at the top of a handler.
    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl FromRequest for CurrentStaff {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.extensions()
                .get::<CurrentStaff>()
                .cloned()
                .ok_or(AppError::Forbidden),
        )
    }
}

/// `next` when it is a path of the back office that a sign-in may return to, else `None`: only
/// `/staff` and paths below it, with no scheme, host, backslash, control character or space, so it
/// can never lead to another site.
pub fn safe_next(next: &str) -> Option<&str> {
    let rest = next.strip_prefix("/staff")?;
    let well_placed = rest.is_empty() || rest.starts_with('/') || rest.starts_with('?');
    let clean = !next.starts_with("//")
        && !rest.starts_with("//")
        && next.len() <= 2048
        && !next.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    let is_login = next == LOGIN_PATH
        || next.starts_with("/staff/login?")
        || next.starts_with("/staff/login/")
        || next.starts_with("/staff/logout");
    (well_placed && clean && !is_login).then_some(next)
}

/// The sign-in page's URL that returns to `next` (when it is safe) afterwards.
pub fn login_url(next: Option<&str>, expired: bool) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if expired {
        query.append_pair("expired", "1");
    }
    if let Some(next) = next.and_then(safe_next) {
        query.append_pair("next", next);
    }
    let query = query.finish();
    if query.is_empty() {
        LOGIN_PATH.to_owned()
    } else {
        format!("{LOGIN_PATH}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_in_the_back_office() {
        for ok in [
            "/staff",
            "/staff/",
            "/staff/applications?q=ana&page=2",
            "/staff/applications/1f2e",
        ] {
            assert_eq!(safe_next(ok), Some(ok), "{ok}");
        }
        for bad in [
            "",
            "/",
            "/en/",
            "//evil.example/staff",
            "https://evil.example/staff/",
            "/staffing",
            "/staff//evil.example",
            "/staff/\\evil",
            "/staff/a b",
            "/staff/\r\nSet-Cookie: x",
            "/staff/login",
            "/staff/login?next=/staff/",
            "/staff/logout",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
        assert_eq!(safe_next(&format!("/staff/{}", "a".repeat(3000))), None);
    }

    #[test]
    fn login_urls_encode_next() {
        assert_eq!(login_url(None, false), "/staff/login");
        assert_eq!(
            login_url(Some("/staff/applications?q=a&b=c"), false),
            "/staff/login?next=%2Fstaff%2Fapplications%3Fq%3Da%26b%3Dc"
        );
        assert_eq!(
            login_url(Some("/staff/"), true),
            "/staff/login?expired=1&next=%2Fstaff%2F"
        );
        assert_eq!(login_url(Some("https://evil.example"), false), "/staff/login");
    }

    #[test]
    fn roles_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
        let me = CurrentStaff {
            id: Uuid::nil(),
            name: "Ana".into(),
            email: "ana@firm.example".into(),
            role: Role::Staff,
            session_id: Uuid::nil(),
            has_second_factor: false,
        };
        assert!(matches!(me.require_admin(), Err(AppError::Forbidden)));
        assert!(
            CurrentStaff {
                role: Role::Admin,
                ..me
            }
            .require_admin()
            .is_ok()
        );
    }
}
