//! Application references people can read over the phone: `K7QM-4XTP`.

/// Digits and capitals without look-alikes (no 0/O, 1/I/L, U/V confusion with U left out).
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A random reference: 8 characters in two groups of four (30^8 ≈ 6.6 × 10^11 possibilities).
pub fn new_reference() -> String {
    let mut bytes = [0u8; 8];
    rand::fill(&mut bytes);
    let chars: String = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// A reference as someone typed or read it (`k7qm 4xtp`, `K7QM4XTP`, ` K7QM-4XTP `) in its stored
/// form, `K7QM-4XTP`; `None` when it cannot be one (wrong length, a letter the alphabet leaves out).
pub fn parse_reference(raw: &str) -> Option<String> {
    let chars: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid = chars.len() == 8 && chars.bytes().all(|b| ALPHABET.contains(&b));
    valid.then(|| format!("{}-{}", &chars[..4], &chars[4..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_unambiguous_and_well_formed() {
        for _ in 0..1000 {
            let r = new_reference();
            assert_eq!(r.len(), 9);
            assert_eq!(&r[4..5], "-");
            assert!(r.chars().filter(|c| *c != '-').all(|c| ALPHABET.contains(&(c as u8))));
            assert!(!r.contains(['0', 'O', '1', 'I', 'L', 'U']));
            assert_eq!(parse_reference(&r).as_deref(), Some(r.as_str()));
        }
    }

    #[test]
    fn references_are_read_with_or_without_hyphen_space_or_capitals() {
        for typed in [
            "K7QM-4XTP",
            "k7qm-4xtp",
            "K7QM4XTP",
            "k7qm 4xtp",
            " K7QM - 4XTP\n",
            "k7QM4xTp",
        ] {
            assert_eq!(parse_reference(typed).as_deref(), Some("K7QM-4XTP"), "{typed:?}");
        }
        for typed in [
            "",
            "K7QM-4XT",
            "K7QM-4XTPP",
            "K7QM-4XT0",
            "K7QM_4XTP",
            "K7QM-4XTÉ",
            "ABCD-EFGI",
        ] {
            assert_eq!(parse_reference(typed), None, "{typed:?}");
        }
    }
}
