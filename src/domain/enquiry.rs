//! A message sent through the contact form.

use serde::Deserialize;

use crate::{
    domain::text::{FormErrors, clean_text},
    domain::{email_address::EmailAddress, person_name::PersonName},
    i18n::Lang,
};

/// The contact form as typed: strings only, so parsing (not the extractor) judges every field.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ContactInput {
    pub full_name: String,
    pub email: String,
    pub message: String,
    pub consent_privacy: String,
}

#[derive(Debug)]
pub struct Enquiry {
    pub lang: Lang,
    pub name: PersonName,
    pub email: EmailAddress,
    pub message: String,
}

impl ContactInput {
    pub fn parse(&self, lang: Lang) -> Result<Enquiry, FormErrors> {
        let mut errs = FormErrors::default();
        let name = errs.check("full_name", PersonName::parse(&self.full_name));
        let email = errs.check("email", EmailAddress::parse(&self.email));
        let message = clean_text(&self.message, true);
        match message.chars().count() {
            0 => errs.add("message", "err-message-required"),
            1..10 => errs.add("message", "err-message-short"),
            4001.. => errs.add("message", "err-message-long"),
            _ => {}
        }
        if self.consent_privacy != "yes" {
            errs.add("consent_privacy", "err-consent-required");
        }
        match (name, email) {
            (Some(name), Some(email)) if errs.is_empty() => Ok(Enquiry {
                lang,
                name,
                email,
                message,
            }),
            _ => Err(errs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_error_at_once() {
        let errs = ContactInput::default().parse(Lang::En).unwrap_err();
        let fields: Vec<_> = errs.summary().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["full_name", "email", "message", "consent_privacy"]);
    }

    #[test]
    fn accepts_a_complete_message() {
        let input = ContactInput {
            full_name: "Ana López".into(),
            email: "ana@example.com".into(),
            message: "I have a job offer in Toronto.".into(),
            consent_privacy: "yes".into(),
        };
        let enquiry = input.parse(Lang::Fr).unwrap();
        assert_eq!(enquiry.name.as_ref(), "Ana López");
        assert_eq!(enquiry.lang, Lang::Fr);
    }
}
