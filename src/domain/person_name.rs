use crate::web::forms::{Invalid, clean_text};

/// A person's name as they write it: one line, 2 to 120 characters, with at least one letter.
/// Markup is kept as typed (it is escaped wherever it is shown); control characters are removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let s = clean_text(raw, false);
        match s.chars().count() {
            0 => Err(Invalid("err-name-required")),
            1 => Err(Invalid("err-name-short")),
            n if n > 120 => Err(Invalid("err-name-long")),
            _ if !s.chars().any(char::is_alphabetic) => Err(Invalid("err-name-format")),
            _ => Ok(Self(s)),
        }
    }
}

impl AsRef<str> for PersonName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_real_names() {
        for ok in ["Ana López", "Zoë O'Brien-Nguyen", "李小龍", "Jean-François d'Anjou"] {
            assert_eq!(PersonName::parse(ok).unwrap().as_ref(), ok);
        }
    }

    #[test]
    fn cleans_and_bounds() {
        assert_eq!(
            PersonName::parse("Ana\r\nBcc: x@y.z").unwrap().as_ref(),
            "Ana Bcc: x@y.z"
        );
        assert_eq!(PersonName::parse(""), Err(Invalid("err-name-required")));
        assert_eq!(PersonName::parse("A"), Err(Invalid("err-name-short")));
        assert_eq!(PersonName::parse(&"a".repeat(121)), Err(Invalid("err-name-long")));
        assert_eq!(PersonName::parse("12345"), Err(Invalid("err-name-format")));
    }
}
