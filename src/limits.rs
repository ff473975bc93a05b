//! Daily caps shared by every process, counted in the database (`limit_event`) under a hash of
//! their key: an address block or an email address is never stored in clear. Used by the booking
//! limits (`booking::limits`) and the continue-later emails (`routes::apply::save`).

use chrono::{Duration, Utc};
use sha2::{Digest as _, Sha256};
use sqlx::PgConnection;

use crate::db;

/// What is counted: the `kind` of `limit_event` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// A booking made from an address block (IPv4 /24, IPv6 /64).
    BookingFromBlock,
    /// A continue-later email sent to an address.
    ResumeEmail,
}

impl Counted {
    pub fn as_str(self) -> &'static str {
        match self {
            Counted::BookingFromBlock => "booking_block",
            Counted::ResumeEmail => "resume_email",
        }
    }
}

/// The hash under which a key is counted or locked (`kind` keeps kinds apart).
pub fn key_hash(kind: &str, key: &str) -> Vec<u8> {
    let mut hash = Sha256::new();
    hash.update(kind.as_bytes());
    hash.update([0]);
    hash.update(key.as_bytes());
    hash.finalize().to_vec()
}

/// The advisory lock number of a key (the first 8 bytes of its hash).
pub fn lock_number(kind: &str, key: &str) -> i64 {
    let hash = key_hash(kind, key);
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&hash[..8]);
    i64::from_be_bytes(bytes)
}

/// An email address as limits compare it: lower case, without a `+tag` (`Ana.Lopez+canada@Example.com`
/// and `ana.lopez@example.com` reach one mailbox). The same as the SQL of
/// `db::bookings::active_future_for_person`.
pub fn email_key(email: &str) -> String {
    let email = email.trim().to_lowercase();
    match (email.split_once('@'), email.find('+')) {
        (Some((local, domain)), Some(plus)) if plus < local.len() => format!("{}@{domain}", &local[..plus]),
        _ => email,
    }
}

/// Counts one use of `key` against `cap` uses in 24 hours, in the caller's transaction and under an
/// advisory lock on the key (so concurrent requests cannot both take the last one): false, with
/// nothing counted, when the cap is reached. The count goes if the transaction rolls back.
pub async fn take(conn: &mut PgConnection, what: Counted, key: &str, cap: u32) -> sqlx::Result<bool> {
    let kind = what.as_str();
    db::limits::lock(conn, lock_number(kind, key)).await?;
    let hash = key_hash(kind, key);
    let used = db::limits::count_since(conn, kind, &hash, Utc::now() - Duration::days(1)).await?;
    if used >= i64::from(cap) {
        return Ok(false);
    }
    db::limits::record(conn, kind, &hash).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_compare_without_case_or_tag() {
        assert_eq!(email_key("Ana.Lopez+canada@Example.com"), "ana.lopez@example.com");
        assert_eq!(email_key("ana@example.com"), "ana@example.com");
        assert_eq!(email_key(" x+a+b@d.example "), "x@d.example");
    }

    #[test]
    fn keys_are_hashed_apart_by_kind_and_never_in_clear() {
        let (a, b) = (Counted::BookingFromBlock.as_str(), Counted::ResumeEmail.as_str());
        assert_ne!(key_hash(a, "k"), key_hash(b, "k"));
        assert_eq!(key_hash(a, "k").len(), 32);
        assert!(!String::from_utf8_lossy(&key_hash(b, "ana@example.com")).contains("ana"));
        assert_ne!(lock_number(a, "k"), lock_number(b, "k"));
    }
}
