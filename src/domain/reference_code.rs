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
        }
    }
}
