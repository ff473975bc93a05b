use crate::web::forms::Invalid;

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

    /// The address with its local part hidden, for logs: `a***@example.com`.
    pub fn masked(&self) -> String {
        let (user, domain) = self.0.split_once('@').unwrap_or((&self.0, ""));
        let first: String = user.chars().take(1).collect();
        format!("{first}***@{domain}")
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
    fn masks_for_logs() {
        assert_eq!(
            EmailAddress::parse("ana@example.com").unwrap().masked(),
            "a***@example.com"
        );
    }
}
