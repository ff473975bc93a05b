//! The list of common and breached passwords shipped with the binary (`data/passwords/`: the
//! passwords of 12 characters or more among the top million of SecLists' leaked-password list).

use std::{collections::HashSet, sync::LazyLock};

static LIST: &str = include_str!("../../data/passwords/common.txt");

static SET: LazyLock<HashSet<String>> = LazyLock::new(|| {
    LIST.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_lowercase)
        .collect()
});

/// True when `password` is on the list, whatever its case.
pub fn is_common(password: &str) -> bool {
    SET.contains(&password.to_lowercase())
}

/// How many passwords the list holds.
pub fn len() -> usize {
    SET.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_loaded_and_compared_without_case() {
        assert!(len() > 40_000, "{}", len());
        assert!(is_common("1qaz2wsx3edc"));
        assert!(is_common("QWERTY123456"));
        assert!(is_common("leavemealone"));
        assert!(!is_common("lantern otter glacier 42"));
    }
}
