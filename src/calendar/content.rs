//! Content lines (RFC 5545 section 3.1): the values inside them and the folding of each line.

use std::fmt::Write;

use chrono::{DateTime, Utc};

/// The longest physical line, in octets, without its CRLF.
pub(super) const MAX_OCTETS: usize = 75;

/// Content lines, each folded and ended by CRLF.
#[derive(Default)]
pub(super) struct Lines(String);

impl Lines {
    /// Adds one unfolded content line (which must hold no line break), folding it at [`MAX_OCTETS`] octets between
    /// characters: a continuation line starts with one space, which counts towards its 75 octets.
    pub(super) fn push(&mut self, line: &str) {
        debug_assert!(!line.contains(['\r', '\n']), "an unescaped line break in {line:?}");
        let mut used = 0;
        for c in line.chars() {
            if used + c.len_utf8() > MAX_OCTETS {
                self.0.push_str("\r\n ");
                used = 1;
            }
            self.0.push(c);
            used += c.len_utf8();
        }
        self.0.push_str("\r\n");
    }

    pub(super) fn into_string(self) -> String {
        self.0
    }
}

/// A date-time in UTC: `20270315T140000Z` (seconds kept, fractions dropped).
pub(super) fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value (section 3.3.11): backslash, semicolon and comma escaped; each line break (CRLF, CR or LF)
/// written `\n`; other control characters, which TEXT may not hold, dropped (a tab is kept).
pub(super) fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The inside of a quoted parameter value (section 3.2, `quoted-string`), which may hold neither a double quote
/// nor a control character: quotes are dropped, control characters (line breaks, tabs) become spaces, and runs of
/// whitespace one space, trimmed. `Ana "Nana"\r\nLópez` becomes `Ana Nana López`.
pub(super) fn param_text(value: &str) -> String {
    value
        .split(|c: char| c.is_control() || c.is_whitespace())
        .map(|word| word.replace('"', ""))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A `mailto:` calendar address (section 3.3.3, RFC 6068). Letters, digits and `-._~!$'*+@` are kept; every other
/// octet is percent-encoded, so an address holding a line break, a quote or a colon stays one harmless value.
pub(super) fn cal_address(email: &str) -> String {
    let mut out = String::from("mailto:");
    for &b in email.trim().as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$'*+@".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A URI value (section 3.3.13), which has no escapes of its own: control characters, spaces, double quotes and
/// non-ASCII characters are percent-encoded (as UTF-8), so the value stays on its line and in one piece; everything
/// else, `:;,?&#%` included, is kept as the caller wrote it.
pub(super) fn uri(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.trim().chars() {
        if c.is_ascii_graphic() && c != '"' {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}
