//! Countries: ISO 3166-1 alpha-2 codes with English and French names.
//!
//! Codes and names come from the `keshvar` crate (its English and French translations), with a
//! few names replaced where the crate gives the inverted ISO form ("Iran, République islamique
//! d'"), an old spelling ("Groënland") or a form other than the one used in Canada.

use std::sync::OnceLock;

use super::collate;
use crate::i18n::Lang;

/// Names that replace the crate's: `(code, English, French)`; `None` keeps the crate's name.
/// Plain reading order throughout ("Îles Salomon", not "Salomon, Îles"); the two Congos both
/// read "Congo (…)" so that they sit together under C.
const OVERRIDES: &[(&str, Option<&str>, Option<&str>)] = &[
    ("AX", None, Some("Îles Åland")),
    ("BN", Some("Brunei"), Some("Brunéi")),
    ("BV", None, Some("Île Bouvet")),
    ("CC", None, Some("Îles Cocos (Keeling)")),
    (
        "CD",
        Some("Congo (Democratic Republic of the)"),
        Some("Congo (République démocratique du)"),
    ),
    ("CG", Some("Congo (Republic of the)"), Some("Congo (République du)")),
    ("CX", None, Some("Île Christmas")),
    ("FK", Some("Falkland Islands"), Some("Îles Falkland")),
    ("FM", Some("Micronesia"), Some("Micronésie")),
    ("GL", None, Some("Groenland")),
    ("GQ", None, Some("Guinée équatoriale")),
    ("IR", None, Some("Iran")),
    ("LA", Some("Laos"), Some("Laos")),
    ("MM", None, Some("Myanmar (Birmanie)")),
    ("MO", None, Some("Macao")),
    ("PN", Some("Pitcairn Islands"), None),
    ("PS", Some("Palestine"), Some("Palestine")),
    ("RE", None, Some("La Réunion")),
    ("RU", Some("Russia"), Some("Russie")),
    ("SB", None, Some("Îles Salomon")),
    ("SJ", None, Some("Svalbard et Jan Mayen")),
    ("SR", None, Some("Suriname")),
    ("SV", None, Some("El Salvador")),
    ("SY", Some("Syria"), Some("Syrie")),
    ("TF", None, Some("Terres australes et antarctiques françaises")),
    ("TL", None, Some("Timor-Leste")),
    ("VA", Some("Vatican City (Holy See)"), Some("Vatican (Saint-Siège)")),
    ("VE", None, Some("Venezuela")),
    ("VG", Some("British Virgin Islands"), Some("Îles Vierges britanniques")),
    ("VI", Some("U.S. Virgin Islands"), Some("Îles Vierges des États-Unis")),
    ("VN", None, Some("Vietnam")),
    ("WF", None, Some("Wallis-et-Futuna")),
];

struct Country {
    code: String,
    en: &'static str,
    /// `None` only if neither the crate nor [`OVERRIDES`] has a French name (a test forbids it).
    fr: Option<&'static str>,
}

impl Country {
    fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Fr => self.fr.unwrap_or(self.en),
        }
    }
}

/// Every country, sorted by code.
fn by_code() -> &'static [Country] {
    static BY_CODE: OnceLock<Vec<Country>> = OnceLock::new();
    BY_CODE.get_or_init(|| {
        let mut all: Vec<Country> = keshvar::CountryIterator::new()
            .map(|country| {
                let code = country.alpha2().to_string();
                let translations = country.translations();
                let fixed = OVERRIDES.iter().find(|(c, _, _)| *c == code);
                let en = fixed
                    .and_then(|(_, en, _)| *en)
                    .or_else(|| translations.get("en").copied())
                    .unwrap_or_else(|| country.iso_short_name());
                let fr = fixed
                    .and_then(|(_, _, fr)| *fr)
                    .or_else(|| translations.get("fr").copied());
                Country { code, en, fr }
            })
            .collect();
        all.sort_by(|a, b| a.code.cmp(&b.code));
        all
    })
}

fn find(code: &str) -> Option<&'static Country> {
    let all = by_code();
    all.binary_search_by(|c| c.code.as_str().cmp(code))
        .ok()
        .map(|i| &all[i])
}

/// Every country as `(code, name)`, sorted by name in `lang` (accents ignored).
pub fn countries(lang: Lang) -> &'static [(&'static str, &'static str)] {
    static EN: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    static FR: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    };
    cell.get_or_init(|| {
        let mut list: Vec<_> = by_code().iter().map(|c| (c.code.as_str(), c.name(lang))).collect();
        collate::sort_by_name(&mut list);
        list
    })
}

/// The name of the country with ISO 3166-1 alpha-2 `code` (upper case, e.g. "MX") in `lang`.
pub fn country_name(code: &str, lang: Lang) -> Option<&'static str> {
    find(code).map(|c| c.name(lang))
}

/// True when `code` is an ISO 3166-1 alpha-2 code (upper case).
pub fn is_country(code: &str) -> bool {
    find(code).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn position(lang: Lang, name: &str) -> usize {
        countries(lang)
            .iter()
            .position(|&(_, n)| n == name)
            .unwrap_or_else(|| panic!("{name} not in the {lang:?} list"))
    }

    #[test]
    fn every_code_is_listed_once_in_each_language() {
        let codes: Vec<&str> = by_code().iter().map(|c| c.code.as_str()).collect();
        assert!(codes.len() >= 240, "only {} countries", codes.len());
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "codes are not unique");
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()))
        );
        for lang in Lang::ALL {
            let mut listed: Vec<&str> = countries(lang).iter().map(|&(code, _)| code).collect();
            listed.sort_unstable();
            assert_eq!(listed, codes, "{lang:?}");
        }
    }

    #[test]
    fn every_country_has_a_french_name() {
        let missing: Vec<&str> = by_code()
            .iter()
            .filter(|c| c.fr.is_none())
            .map(|c| c.code.as_str())
            .collect();
        assert!(missing.is_empty(), "no French name for {missing:?}");
        for c in by_code() {
            assert!(
                !c.en.trim().is_empty() && c.en.trim() == c.en,
                "English name of {}: {:?}",
                c.code,
                c.en
            );
            let fr = c.fr.unwrap_or_default();
            assert!(
                !fr.trim().is_empty() && fr.trim() == fr,
                "French name of {}: {fr:?}",
                c.code
            );
        }
    }

    #[test]
    fn names_in_both_languages() {
        let cases = [
            ("US", "United States", "États-Unis"),
            ("MX", "Mexico", "Mexique"),
            ("CA", "Canada", "Canada"),
            ("GB", "United Kingdom", "Royaume-Uni"),
            ("IN", "India", "Inde"),
            ("CN", "China", "Chine"),
            ("AE", "United Arab Emirates", "Émirats arabes unis"),
            ("DE", "Germany", "Allemagne"),
            ("HT", "Haiti", "Haïti"),
            ("IR", "Iran", "Iran"),
            (
                "CD",
                "Congo (Democratic Republic of the)",
                "Congo (République démocratique du)",
            ),
            ("RE", "Réunion", "La Réunion"),
        ];
        for (code, en, fr) in cases {
            assert_eq!(country_name(code, Lang::En), Some(en), "{code}");
            assert_eq!(country_name(code, Lang::Fr), Some(fr), "{code}");
            assert!(countries(Lang::En).contains(&(code, en)));
            assert!(countries(Lang::Fr).contains(&(code, fr)));
        }
    }

    #[test]
    fn codes_are_exact() {
        assert!(is_country("US") && is_country("FR") && is_country("ZW") && is_country("AX"));
        for bad in ["us", "Us", "USA", "XX", "", " US", "EU", "UK"] {
            assert!(!is_country(bad), "{bad:?}");
            assert_eq!(country_name(bad, Lang::En), None, "{bad:?}");
        }
    }

    #[test]
    fn overrides_name_real_countries() {
        for (code, _, _) in OVERRIDES {
            assert!(is_country(code), "override for unknown code {code}");
        }
        let mut codes: Vec<&str> = OVERRIDES.iter().map(|(c, _, _)| *c).collect();
        codes.dedup();
        assert_eq!(codes.len(), OVERRIDES.len(), "an override is repeated");
    }

    #[test]
    fn names_read_in_plain_order() {
        // "Name, Qualifier" inversions make a list hard to scan; these two are the names themselves.
        let allowed = ["BQ", "SH"];
        for lang in Lang::ALL {
            for &(code, name) in countries(lang) {
                assert!(
                    allowed.contains(&code) || !name.contains(", "),
                    "{lang:?} {code}: {name}"
                );
            }
        }
    }

    #[test]
    fn sorted_by_name_ignoring_accents() {
        for lang in Lang::ALL {
            let list = countries(lang);
            assert!(
                list.windows(2).all(|w| collate::compare(w[0].1, w[1].1).is_lt()),
                "{lang:?} list is not in order"
            );
        }
        let fr = |name| position(Lang::Fr, name);
        assert!(fr("Égypte") < fr("Émirats arabes unis"));
        assert!(fr("Émirats arabes unis") < fr("Équateur"));
        assert!(fr("Équateur") < fr("Espagne"));
        assert!(fr("Danemark") < fr("Égypte") && fr("Espagne") < fr("États-Unis") && fr("États-Unis") < fr("Fidji"));
        assert!(fr("Inde") < fr("Irlande") && fr("Îles Salomon") < fr("Inde"));
        let en = |name| position(Lang::En, name);
        assert!(en("Afghanistan") < en("Åland Islands") && en("Åland Islands") < en("Albania"));
        assert!(en("Mexico") < en("Micronesia") && en("United Kingdom") < en("United States"));
        assert_eq!(countries(Lang::En)[0].1, "Afghanistan");
        assert_eq!(countries(Lang::Fr)[0].1, "Afghanistan");
        assert_eq!(countries(Lang::Fr).last().map(|&(code, _)| code), Some("ZW"));
    }
}
