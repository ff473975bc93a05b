//! Text as applicants and staff type it: the one cleaning every stored field goes through, and
//! the errors a parser answers with (one [`Invalid`], or [`FormErrors`] for a whole form).

use std::collections::BTreeMap;

/// A validation failure: the i18n key of its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid(pub &'static str);

/// Errors by field name, in the order the fields were checked.
#[derive(Debug, Default, Clone)]
pub struct FormErrors {
    order: Vec<&'static str>,
    by_field: BTreeMap<&'static str, Vec<&'static str>>,
}

impl FormErrors {
    /// Keeps the value, or records its error against `field`.
    pub fn check<T>(&mut self, field: &'static str, result: Result<T, Invalid>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(Invalid(key)) => {
                self.add(field, key);
                None
            }
        }
    }

    pub fn add(&mut self, field: &'static str, key: &'static str) {
        if !self.by_field.contains_key(field) {
            self.order.push(field);
        }
        self.by_field.entry(field).or_default().push(key);
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    pub fn has(&self, field: &str) -> bool {
        self.by_field.contains_key(field)
    }

    /// The message keys of one field (empty when it is valid).
    pub fn get(&self, field: &str) -> &[&'static str] {
        self.by_field.get(field).map(Vec::as_slice).unwrap_or_default()
    }

    /// The first message key of each invalid field, in form order, for the error summary.
    pub fn summary(&self) -> Vec<(&'static str, &'static str)> {
        self.order.iter().map(|f| (*f, self.by_field[f][0])).collect()
    }
}

/// Text input as typed, trimmed, with bidirectional overrides and control characters removed (line
/// breaks kept in multi-line fields; in one-line fields they become spaces), so they never reach
/// storage or a mail header.
pub fn clean_text(raw: &str, multiline: bool) -> String {
    let cleaned: String = raw
        .chars()
        .filter(|c| !is_bidi_control(*c))
        .filter_map(|c| match (c.is_control(), multiline) {
            (false, _) => Some(c),
            // Line breaks and tabs stay in multi-line text; elsewhere a control character is a space.
            (true, true) => matches!(c, '\n' | '\t').then_some(c),
            (true, false) => Some(' '),
        })
        .collect();
    let cleaned = if multiline {
        cleaned
    } else {
        cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    cleaned.trim().to_owned()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_strips_controls_and_overrides() {
        assert_eq!(
            clean_text("  Ana\r\nBcc: x@y.z \u{202E}gnp ", false),
            "Ana Bcc: x@y.z gnp"
        );
        assert_eq!(clean_text("line 1\r\nline 2\u{0}", true), "line 1\nline 2");
    }
}
