//! The second factor of staff sign-in: TOTP codes (RFC 6238: HMAC-SHA-1, six digits, 30-second
//! steps, one step of clock skew either way) from an authenticator app, enrolled by QR code, and ten
//! single-use recovery codes. A code works once: the time step it matched is stored and later codes
//! must come from a later step.

use qrcode::{QrCode, render::svg};
use totp_rs::{Builder, Totp};

/// Bytes of a new TOTP secret (160 bits, as RFC 4226 recommends).
pub const SECRET_BYTES: usize = 20;
/// Recovery codes issued at a time.
pub const RECOVERY_CODES: usize = 10;

/// A new random secret.
pub fn new_secret() -> Vec<u8> {
    let mut bytes = vec![0u8; SECRET_BYTES];
    rand::fill(bytes.as_mut_slice());
    bytes
}

/// The TOTP of a secret, labelled for authenticator apps with the firm and the staff member's email.
pub fn totp(secret: &[u8], issuer: &str, account: &str) -> Option<Totp> {
    // Colons separate issuer and account in otpauth labels: neither may contain one.
    let clean = |s: &str| s.replace(':', " ").trim().to_owned();
    Builder::new()
        .with_secret(secret.to_vec())
        .with_issuer(Some(clean(issuer)))
        .with_account_name(clean(account))
        .build()
        .ok()
}

/// The secret as people type it into an app by hand: base32 in groups of four.
pub fn secret_for_typing(totp: &Totp) -> String {
    let encoded = totp.secret().to_base32();
    encoded
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `otpauth://` URL drawn as an SVG QR code (dark on white, with a quiet zone), or `None` if it
/// cannot be encoded.
pub fn qr_svg(totp: &Totp) -> Option<String> {
    let url = totp.to_url().ok()?;
    let code = QrCode::new(url.as_bytes()).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(200, 200)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .quiet_zone(true)
            .build(),
    )
}

/// What a person typed as a code, without spaces or dashes: six digits are a TOTP code, anything
/// else of the right shape a recovery code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    Totp(String),
    Recovery(String),
    Malformed,
}

pub fn classify(input: &str) -> Typed {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_ascii_lowercase();
    if compact.len() == 6 && compact.bytes().all(|b| b.is_ascii_digit()) {
        Typed::Totp(compact)
    } else if compact.len() == 10 && compact.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)) {
        Typed::Recovery(compact)
    } else {
        Typed::Malformed
    }
}

/// The time step a code matches now (this step, the one before or after), if any.
pub fn check(totp: &Totp, code: &str, unix_secs: u64) -> Option<i64> {
    totp.check(code, unix_secs).and_then(|step| i64::try_from(step).ok())
}

/// Lower-case letters and digits people do not confuse (no 0/o, 1/l/i).
const RECOVERY_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";

/// Ten new recovery codes, shown as `xxxxx-xxxxx` (about 49 bits each).
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 10];
            rand::fill(&mut bytes);
            let chars: String = bytes
                .iter()
                .map(|b| RECOVERY_ALPHABET[usize::from(*b) % RECOVERY_ALPHABET.len()] as char)
                .collect();
            format!("{}-{}", &chars[..5], &chars[5..])
        })
        .collect()
}

/// What the database keeps of a recovery code: the SHA-256 of its compact, lower-case form.
pub fn recovery_code_hash(code: &str) -> Vec<u8> {
    let compact = match classify(code) {
        Typed::Recovery(c) => c,
        _ => code.to_owned(),
    };
    crate::web::session::token_hash(&compact)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1, with its 20-byte ASCII secret (codes truncated to six digits).
    #[test]
    fn rfc_6238_test_vectors() {
        let totp = totp(b"12345678901234567890", "Firm: Law", "ana@firm.example").unwrap();
        for (time, eight_digits) in [
            (59_u64, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            let six = &eight_digits[2..];
            assert_eq!(totp.generate(time).to_string(), six, "t={time}");
            assert_eq!(check(&totp, six, time), Some(i64::try_from(time / 30).unwrap()));
        }
    }

    #[test]
    fn codes_of_neighbouring_steps_only() {
        let totp = totp(&new_secret(), "Firm", "ana@firm.example").unwrap();
        let now = 1_800_000_000;
        let code = totp.generate(now).to_string();
        assert!(check(&totp, &code, now + 30).is_some());
        assert!(check(&totp, &code, now - 30).is_some());
        assert_eq!(check(&totp, &code, now + 90), None);
        assert_eq!(check(&totp, "12345", now), None);
    }

    #[test]
    fn typed_codes_are_told_apart() {
        assert_eq!(classify(" 123 456 "), Typed::Totp("123456".into()));
        assert_eq!(classify("ABCDE-FGH23"), Typed::Recovery("abcdefgh23".into()));
        assert_eq!(classify("12345"), Typed::Malformed);
        assert_eq!(classify("abcde-fgh0o"), Typed::Malformed);
    }

    #[test]
    fn recovery_codes_are_ten_distinct_and_hash_whatever_their_spelling() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), RECOVERY_CODES);
        for code in &codes {
            assert!(matches!(classify(code), Typed::Recovery(_)), "{code}");
            assert_eq!(
                recovery_code_hash(code),
                recovery_code_hash(&code.to_uppercase().replace('-', " "))
            );
        }
    }

    #[test]
    fn the_enrolment_qr_code_and_typed_secret() {
        let totp = totp(&[7u8; SECRET_BYTES], "Northbridge: Law", "ana@firm.example").unwrap();
        let svg = qr_svg(&totp).unwrap();
        assert!(svg.starts_with("<?xml") || svg.contains("<svg"), "{svg:.80}");
        let typed = secret_for_typing(&totp);
        assert_eq!(typed.replace(' ', ""), totp.secret().to_base32());
        assert!(totp.to_url().unwrap().starts_with("otpauth://totp/"));
    }
}
