//! Reference lists the rules and forms rely on, compiled into the binary from `data/*.csv` and parsed once:
//! the Global Talent Occupations List ([`gts`]) and the CUSMA Appendix 2 professions ([`cusma`]).
//!
//! The CSV files are the firm's copies of the government lists (see `docs/domain/pathways.md`, 1.1 and 2.1);
//! English titles come from them, French titles from tables beside each parser.

pub mod cusma;
pub mod gts;

pub use cusma::{AltCredential, CusmaCategory, CusmaProfession, DegreeRoute, cusma_profession, cusma_professions};
pub use gts::{
    GtsOccupation, NocOption, WageRule, gts_by_noc, gts_noc_codes, gts_noc_options, gts_occupations, gts_wage_rule,
    noc_title,
};

/// `"41.35"` → 4135 cents. Plain decimal notation with at most two decimals; anything else is `None`.
fn parse_cents(raw: &str) -> Option<u32> {
    let (whole, frac) = raw.trim().split_once('.').unwrap_or((raw.trim(), ""));
    if whole.is_empty() || frac.len() > 2 || !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let frac: u32 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    whole.checked_mul(100)?.checked_add(frac)
}

/// A CSV yes/no column.
fn parse_yes_no(raw: &str) -> Result<bool, String> {
    match raw {
        "yes" => Ok(true),
        "no" => Ok(false),
        other => Err(format!("expected yes or no, got {other:?}")),
    }
}

/// An optional text column: empty means absent.
fn non_empty(raw: String) -> Option<String> {
    if raw.trim().is_empty() { None } else { Some(raw) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cents_are_parsed_exactly() {
        assert_eq!(parse_cents("41.03"), Some(4103));
        assert_eq!(parse_cents("38.5"), Some(3850));
        assert_eq!(parse_cents("40"), Some(4000));
        assert_eq!(parse_cents(""), None);
        assert_eq!(parse_cents("4.123"), None);
        assert_eq!(parse_cents("-1"), None);
        assert_eq!(parse_cents("1e3"), None);
    }
}
