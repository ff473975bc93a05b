use unicode_normalization::UnicodeNormalization as _;

use crate::domain::text::{Invalid, clean_text};

/// A person's name as they write it: one line, 2 to 120 characters, with at least one visible
/// letter. It is normalised to NFKC (compatibility forms such as fullwidth or ligature letters
/// become the ordinary ones) and stripped of invisible characters (zero-width spaces and joiners,
/// Hangul fillers, soft hyphens, bidi controls, variation selectors...), which could otherwise
/// make a name that shows as nothing or as someone else's. Markup is kept as typed (it is escaped
/// wherever it is shown); control characters are removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let typed = !raw.trim().is_empty();
        let visible: String = raw.nfkc().filter(|c| !is_default_ignorable(*c)).collect();
        let s = clean_text(&visible, false);
        match s.chars().count() {
            // Only invisible characters: not a name.
            0 if typed => Err(Invalid("err-name-format")),
            0 => Err(Invalid("err-name-required")),
            1 => Err(Invalid("err-name-short")),
            n if n > 120 => Err(Invalid("err-name-long")),
            _ if !s.chars().any(char::is_alphabetic) => Err(Invalid("err-name-format")),
            _ => Ok(Self(s)),
        }
    }

    /// Whether the name's letters come from more than one script (Latin and Cyrillic, say): often
    /// a look-alike of another name. Shown to staff; not refused (real names can mix scripts).
    pub fn mixed_scripts(&self) -> bool {
        mixed_scripts(&self.0)
    }
}

/// Whether the letters of `s` come from more than one script (Han, Kana and Hangul count as one:
/// Japanese names mix them).
pub fn mixed_scripts(s: &str) -> bool {
    let mut seen: Option<Script> = None;
    for script in s.chars().filter(|c| c.is_alphabetic()).filter_map(script) {
        match seen {
            None => seen = Some(script),
            Some(first) if first != script => return true,
            Some(_) => {}
        }
    }
    false
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Georgian,
    Cjk,
    Other(u32),
}

/// The script of a letter; `None` for marks that take their base letter's.
fn script(c: char) -> Option<Script> {
    let u = c as u32;
    Some(match u {
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F => return None,
        0x41..=0x5A
        | 0x61..=0x7A
        | 0xAA
        | 0xBA
        | 0xC0..=0x24F
        | 0x1E00..=0x1EFF
        | 0x2C60..=0x2C7F
        | 0xA720..=0xA7FF => Script::Latin,
        0x250..=0x2AF | 0x1D00..=0x1D7F => Script::Latin,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x530..=0x58F => Script::Armenian,
        0x590..=0x5FF => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x10A0..=0x10FF | 0x2D00..=0x2D2F | 0x1C90..=0x1CBF => Script::Georgian,
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3005..=0x3007
        | 0x3040..=0x30FF
        | 0x3130..=0x318F
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3FFFF => Script::Cjk,
        // Elsewhere, one script per 128-code-point block: close enough to tell scripts apart.
        _ => Script::Other(u >> 7),
    })
}

/// Unicode's Default_Ignorable_Code_Point: characters that show as nothing.
fn is_default_ignorable(c: char) -> bool {
    matches!(c as u32,
        0x00AD
        | 0x034F
        | 0x061C
        | 0x115F..=0x1160
        | 0x17B4..=0x17B5
        | 0x180B..=0x180F
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x206F
        | 0x3164
        | 0xFE00..=0xFE0F
        | 0xFEFF
        | 0xFFA0
        | 0xFFF0..=0xFFF8
        | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
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
        for ok in [
            "Ana López",
            "Zoë O'Brien-Nguyen",
            "李小龍",
            "Jean-François d'Anjou",
            "山田 たろう",
            "Анна Петрова",
        ] {
            assert_eq!(PersonName::parse(ok).unwrap().as_ref(), ok);
            assert!(!PersonName::parse(ok).unwrap().mixed_scripts(), "{ok}");
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

    #[test]
    fn invisible_characters_are_removed_and_a_visible_letter_is_required() {
        // Zero-width space, joiner and non-joiner, word joiner, soft hyphen, BOM, bidi controls,
        // variation selectors: gone.
        assert_eq!(
            PersonName::parse("A\u{200B}na\u{200D} Ló\u{00AD}pez\u{2060}\u{FEFF}\u{202E}\u{FE0F}")
                .unwrap()
                .as_ref(),
            "Ana López"
        );
        // Names made of fillers and zero-width characters only (they count as letters to
        // `char::is_alphabetic`) are refused with the form's message.
        for invisible in [
            "\u{3164}\u{3164}",
            "\u{115F}\u{1160}\u{115F}",
            "\u{FFA0}\u{FFA0}",
            "\u{200B}\u{200B}\u{200B}",
            "\u{00AD}\u{00AD}",
            "\u{3164} \u{200B} \u{3164}",
        ] {
            assert_eq!(
                PersonName::parse(invisible),
                Err(Invalid("err-name-format")),
                "{invisible:?}"
            );
        }
        // A filler hidden in a real name is dropped.
        assert_eq!(PersonName::parse("Ana\u{3164}").unwrap().as_ref(), "Ana");
    }

    #[test]
    fn compatibility_forms_are_normalised() {
        // Fullwidth letters, a ligature, a composed and a decomposed accent.
        assert_eq!(PersonName::parse("Ａｎａ").unwrap().as_ref(), "Ana");
        assert_eq!(PersonName::parse("ﬁona").unwrap().as_ref(), "fiona");
        assert_eq!(
            PersonName::parse("Le\u{0301}a").unwrap(),
            PersonName::parse("L\u{00E9}a").unwrap()
        );
    }

    #[test]
    fn mixed_scripts_are_flagged() {
        // "Аnа" with a Cyrillic А and а: looks like "Ana".
        assert!(PersonName::parse("\u{0410}n\u{0430} López").unwrap().mixed_scripts());
        assert!(PersonName::parse("Ana Πetrova").unwrap().mixed_scripts());
        assert!(!PersonName::parse("Ana López-Ñúñez").unwrap().mixed_scripts());
    }
}
