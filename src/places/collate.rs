//! Sorting of place names as a reader expects: letters compared without their accents or case,
//! punctuation ("-", "'", "(") read as a space, ties broken by the exact text.

/// The key a name sorts by: ASCII, lower case, accents dropped ("Émirats" → "emirats",
/// "Œ" → "oe"), hyphens, apostrophes and brackets read as spaces, runs of spaces collapsed.
pub(crate) fn sort_key(name: &str) -> String {
    let ascii = deunicode::deunicode(name).to_ascii_lowercase();
    let spaced: String = ascii
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Orders two names by [`sort_key`], then by their exact text so the order is total.
#[cfg(test)]
pub(crate) fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    sort_key(a).cmp(&sort_key(b)).then_with(|| a.cmp(b))
}

/// Sorts `(code, name)` pairs by name.
pub(crate) fn sort_by_name(pairs: &mut [(&'static str, &'static str)]) {
    pairs.sort_by_cached_key(|&(code, name)| (sort_key(name), name, code));
}

#[cfg(test)]
mod tests {
    use std::cmp::Ordering;

    use super::*;

    #[test]
    fn accents_case_and_punctuation_are_ignored() {
        assert_eq!(sort_key("Émirats arabes unis"), "emirats arabes unis");
        assert_eq!(sort_key("Île-du-Prince-Édouard"), "ile du prince edouard");
        assert_eq!(sort_key("Côte d'Ivoire"), "cote d ivoire");
        assert_eq!(sort_key("Åland Islands"), "aland islands");
        assert_eq!(sort_key("Congo (République du)"), "congo republique du");
        assert_eq!(compare("Émirats arabes unis", "Équateur"), Ordering::Less);
        assert_eq!(compare("Égypte", "Émirats arabes unis"), Ordering::Less);
        assert_eq!(compare("Espagne", "Émirats arabes unis"), Ordering::Greater);
        assert_eq!(compare("Guinée", "Guinée-Bissau"), Ordering::Less);
    }
}
