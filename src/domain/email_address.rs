use crate::domain::text::Invalid;

/// An email address that can receive mail: RFC 5321 syntax (checked by lettre), a domain with a
/// dot, at most 254 characters. `+` tags and long top-level domains are welcome. Not accepted, as
/// mail to them would never leave the outbox: non-ASCII addresses (they need SMTPUTF8, which
/// servers may not offer; they are also how look-alike addresses are made), and quoted local parts
/// (`"ana@evil.example"@example.com` misleads the reader, and lettre cannot read such an address
/// back from a mailbox header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(Invalid("err-email-required"));
        }
        if s.len() > 254
            || s.chars()
                .any(|c| c.is_whitespace() || c.is_control() || !c.is_ascii() || c == '"' || c == '\\')
        {
            return Err(Invalid("err-email-format"));
        }
        let address: lettre::Address = s.parse().map_err(|_| Invalid("err-email-format"))?;
        let domain = address.domain().to_ascii_lowercase();
        let tld = domain.rsplit('.').next().unwrap_or_default();
        if !domain.contains('.') || tld.len() < 2 || domain.starts_with('[') {
            return Err(Invalid("err-email-format"));
        }
        Ok(Self(format!("{}@{domain}", address.user())))
    }

    /// The address for logs: a short hash, keyed with a secret drawn when the process starts, so
    /// that the lines of one address can be followed in one process's logs while nothing of the
    /// address shows (not even its domain, which for a small firm's client can name the person),
    /// and no dictionary of addresses can be hashed to find it: `email#1a2b3c4d`.
    pub fn masked(&self) -> String {
        use sha2::{Digest, Sha256};
        static KEY: std::sync::OnceLock<[u8; 32]> = std::sync::OnceLock::new();
        let key = KEY.get_or_init(rand::random);
        let digest = Sha256::new()
            .chain_update(key)
            .chain_update(self.0.as_bytes())
            .finalize();
        let short: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
        format!("email#{short}")
    }
}

impl AsRef<str> for EmailAddress {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_addresses() {
        for ok in [
            "ana@example.com",
            "ana.lopez+canada@mail.example.co.uk",
            "x@dev.technology",
            "O'Brien@Example.IE",
        ] {
            assert!(EmailAddress::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            EmailAddress::parse(" Ana@Example.COM ").unwrap().as_ref(),
            "Ana@example.com"
        );
    }

    #[test]
    fn rejects_what_cannot_receive_mail() {
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.com",
            "ana@localhost",
            "a b@example.com",
            "ana@example.com\r\nBcc: x@y.z",
            "\"ana@evil.example\"@example.com",
            "\"Ana\\\"\"@example.com",
            "ana@ex\u{430}mple.com",
            "\u{430}na@example.com",
            "ana@exämple.com",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?}");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert!(EmailAddress::parse(&long).is_err());
    }

    #[test]
    fn masks_for_logs_without_the_domain_or_any_part_of_the_address() {
        let ana = EmailAddress::parse("ana.lopez@small-firm-client.example").unwrap();
        let masked = ana.masked();
        assert!(
            masked.starts_with("email#") && masked.len() == "email#".len() + 8,
            "{masked}"
        );
        for part in ["ana", "lopez", "small", "client", "example", "@", "a***"] {
            assert!(!masked.contains(part), "{masked} shows {part}");
        }
        // The same address gives the same mask in one process (its log lines can be followed);
        // another address another.
        assert_eq!(ana.masked(), masked);
        assert_ne!(
            EmailAddress::parse("bob@small-firm-client.example").unwrap().masked(),
            masked
        );
    }
}
