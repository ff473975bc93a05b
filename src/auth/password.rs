//! Staff passwords: argon2id PHC hashes computed off the async threads, verification that takes the
//! same time whether or not the account exists, and the password policy.

use anyhow::Context as _;
use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};
use secrecy::{ExposeSecret, SecretString};

use crate::web::forms::Invalid;

/// Fewest characters of a password.
pub const MIN_CHARS: usize = 12;
/// Most characters of a password (argon2 would take more, but nobody types more).
pub const MAX_CHARS: usize = 128;

/// A hash that no known password matches, with the same parameters as real hashes: verified
/// against when the account does not exist, so that an unknown email costs the same time.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$7bJrGwPZtK3Q7L8b0CfQ8A$q3T3o0BjL2DZ7v2rWk5xvYUBNf0mNQ0bVX0e4yWJ0vQ";

/// The argon2id PHC string (`$argon2id$v=19$...`) of `password`, with a fresh random salt.
pub async fn hash(password: SecretString) -> anyhow::Result<String> {
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || {
        let _entered = span.enter();
        Argon2::default()
            .hash_password(password.expose_secret().as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing a password failed: {e}"))
    })
    .await
    .context("the password hashing task failed")?
}

/// True when `password` matches `expected`. With no `expected` (no such account) a dummy hash is
/// checked instead, so the answer (false) takes the same time.
pub async fn verify(password: SecretString, expected: Option<String>) -> anyhow::Result<bool> {
    let span = tracing::Span::current();
    tokio::task::spawn_blocking(move || {
        let _entered = span.enter();
        let real = expected.is_some();
        let phc = expected.as_deref().unwrap_or(DUMMY_HASH);
        let parsed = PasswordHash::new(phc).map_err(|e| anyhow::anyhow!("a stored password hash is not valid: {e}"))?;
        let matches = Argon2::default()
            .verify_password(password.expose_secret().as_bytes(), &parsed)
            .is_ok();
        Ok(real && matches)
    })
    .await
    .context("the password verification task failed")?
}

/// The password policy: 12 to 128 characters, not containing the person's email or name, not on the
/// list of common and breached passwords shipped with the binary, and not guessable (zxcvbn score 3
/// or more, with the email and name as known inputs). The error is an i18n key
/// (`src/i18n/locales/*/staff_auth.ftl`).
pub fn check_policy(password: &str, email: &str, name: &str) -> Result<(), Invalid> {
    let chars = password.chars().count();
    if chars == 0 {
        return Err(Invalid("err-password-required"));
    }
    if chars < MIN_CHARS {
        return Err(Invalid("err-password-short"));
    }
    if chars > MAX_CHARS {
        return Err(Invalid("err-password-long"));
    }
    let inputs = personal_inputs(email, name);
    let lowered = password.to_lowercase();
    if inputs.iter().any(|input| lowered.contains(input.as_str())) {
        return Err(Invalid("err-password-personal"));
    }
    if super::common_passwords::is_common(password) {
        return Err(Invalid("err-password-common"));
    }
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    if (zxcvbn::zxcvbn(password, &inputs).score() as u8) < 3 {
        return Err(Invalid("err-password-weak"));
    }
    Ok(())
}

/// The pieces of a person's email and name that a password must not contain, lower-cased: the
/// whole email, its local part, the whole name, and each word of four letters or more of them.
fn personal_inputs(email: &str, name: &str) -> Vec<String> {
    let email = email.trim().to_lowercase();
    let name = name.trim().to_lowercase();
    let local = email.split('@').next().unwrap_or_default().to_owned();
    let mut inputs = vec![email.clone(), local.clone(), name.clone()];
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    inputs.extend(words(&name));
    inputs.extend(words(&local));
    inputs.retain(|s| s.chars().count() >= 3);
    inputs.sort();
    inputs.dedup();
    inputs
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMAIL: &str = "marie.tremblay@firm.example";
    const NAME: &str = "Marie Tremblay";

    #[test]
    fn length_bounds() {
        assert_eq!(check_policy("", EMAIL, NAME), Err(Invalid("err-password-required")));
        assert_eq!(
            check_policy("Xq7#pL2!vR9", EMAIL, NAME),
            Err(Invalid("err-password-short"))
        );
        assert_eq!(
            check_policy(&"Zq8!kT3#".repeat(17), EMAIL, NAME),
            Err(Invalid("err-password-long"))
        );
        // 12 characters, counted as characters rather than bytes.
        assert_eq!(check_policy("épée-fjord-9Ω", EMAIL, NAME), Ok(()));
    }

    #[test]
    fn guessable_passwords_are_refused() {
        for weak in [
            "password1234",
            "123456789012",
            "qwertyuiopasdf",
            "aaaaaaaaaaaaaaaa",
            "Password2024!",
        ] {
            let refused = check_policy(weak, EMAIL, NAME);
            assert!(
                refused == Err(Invalid("err-password-weak")) || refused == Err(Invalid("err-password-common")),
                "{weak}: {refused:?}"
            );
        }
    }

    #[test]
    fn common_and_breached_passwords_are_refused_even_when_they_look_strong() {
        // On the shipped list; some would pass the guessability estimate on their own.
        for listed in ["PolniyPizdec0211", "Sojdlg123aljg", "1qaz2wsx3edc", "Mailcreated5240"] {
            assert_eq!(
                check_policy(listed, EMAIL, NAME),
                Err(Invalid("err-password-common")),
                "{listed}"
            );
        }
    }

    #[test]
    fn personal_details_are_refused() {
        for personal in [
            "marie.tremblay@firm.example!",
            "Tremblay-horse-battery-88",
            "xx-MARIE-correct-staple-77",
        ] {
            assert_eq!(
                check_policy(personal, EMAIL, NAME),
                Err(Invalid("err-password-personal")),
                "{personal}"
            );
        }
    }

    #[test]
    fn good_passphrases_pass() {
        for good in [
            "correct horse battery staple",
            "Gl4cier-Otter-Lantern",
            "vX9$kq2!Lm#4Tz",
        ] {
            assert_eq!(check_policy(good, EMAIL, NAME), Ok(()), "{good}");
        }
    }

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let hash = hash(SecretString::from("correct horse battery staple")).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$"), "{hash}");
        assert!(
            verify(SecretString::from("correct horse battery staple"), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify(SecretString::from("correct horse battery stapler"), Some(hash))
                .await
                .unwrap()
        );
        assert!(!verify(SecretString::from("anything"), None).await.unwrap());
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        let dummy = PasswordHash::new(DUMMY_HASH).unwrap();
        let real_params = argon2::Params::default();
        let dummy_params = argon2::Params::try_from(&dummy).unwrap();
        assert_eq!(dummy.algorithm, argon2::Algorithm::Argon2id.ident());
        assert_eq!(dummy_params.m_cost(), real_params.m_cost());
        assert_eq!(dummy_params.t_cost(), real_params.t_cost());
        assert_eq!(dummy_params.p_cost(), real_params.p_cost());
    }
}
