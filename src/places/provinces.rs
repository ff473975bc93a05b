//! Canada's provinces and territories: Canada Post's two-letter codes with the official English
//! and French names.

use std::sync::OnceLock;

use super::collate;
use crate::i18n::Lang;

/// `(code, English, French)`, sorted by code.
const PROVINCES: [(&str, &str, &str); 13] = [
    ("AB", "Alberta", "Alberta"),
    ("BC", "British Columbia", "Colombie-Britannique"),
    ("MB", "Manitoba", "Manitoba"),
    ("NB", "New Brunswick", "Nouveau-Brunswick"),
    ("NL", "Newfoundland and Labrador", "Terre-Neuve-et-Labrador"),
    ("NS", "Nova Scotia", "Nouvelle-Écosse"),
    ("NT", "Northwest Territories", "Territoires du Nord-Ouest"),
    ("NU", "Nunavut", "Nunavut"),
    ("ON", "Ontario", "Ontario"),
    ("PE", "Prince Edward Island", "Île-du-Prince-Édouard"),
    ("QC", "Quebec", "Québec"),
    ("SK", "Saskatchewan", "Saskatchewan"),
    ("YT", "Yukon", "Yukon"),
];

fn find(code: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    PROVINCES
        .binary_search_by(|&(c, _, _)| c.cmp(code))
        .ok()
        .map(|i| &PROVINCES[i])
}

/// The 13 provinces and territories as `(code, name)`, sorted by name in `lang` (accents ignored).
pub fn provinces(lang: Lang) -> &'static [(&'static str, &'static str)] {
    static EN: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    static FR: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    };
    cell.get_or_init(|| {
        let mut list: Vec<_> = PROVINCES
            .iter()
            .map(|&(code, en, fr)| (code, if lang == Lang::En { en } else { fr }))
            .collect();
        collate::sort_by_name(&mut list);
        list
    })
}

/// The name of the province or territory with code `code` (upper case, e.g. "QC") in `lang`.
pub fn province_name(code: &str, lang: Lang) -> Option<&'static str> {
    find(code).map(|&(_, en, fr)| match lang {
        Lang::En => en,
        Lang::Fr => fr,
    })
}

/// True when `code` is one of the 13 province and territory codes (upper case).
pub fn is_province(code: &str) -> bool {
    find(code).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirteen_codes() {
        let codes: Vec<&str> = PROVINCES.iter().map(|&(c, _, _)| c).collect();
        assert_eq!(
            codes,
            [
                "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"
            ]
        );
        for lang in Lang::ALL {
            assert_eq!(provinces(lang).len(), 13);
            assert!(codes.iter().all(|c| is_province(c)));
        }
        for bad in ["qc", "PQ", "NF", "YK", "", "QUE", "US"] {
            assert!(!is_province(bad), "{bad:?}");
            assert_eq!(province_name(bad, Lang::Fr), None);
        }
    }

    #[test]
    fn names_in_both_languages() {
        assert_eq!(province_name("QC", Lang::En), Some("Quebec"));
        assert_eq!(province_name("QC", Lang::Fr), Some("Québec"));
        assert_eq!(province_name("NL", Lang::En), Some("Newfoundland and Labrador"));
        assert_eq!(province_name("NL", Lang::Fr), Some("Terre-Neuve-et-Labrador"));
        assert_eq!(province_name("BC", Lang::Fr), Some("Colombie-Britannique"));
        assert_eq!(province_name("PE", Lang::Fr), Some("Île-du-Prince-Édouard"));
        assert_eq!(province_name("NT", Lang::Fr), Some("Territoires du Nord-Ouest"));
        assert!(provinces(Lang::Fr).contains(&("QC", "Québec")));
    }

    #[test]
    fn sorted_by_name_in_each_language() {
        let names = |lang| provinces(lang).iter().map(|&(_, name)| name).collect::<Vec<_>>();
        assert_eq!(
            names(Lang::En),
            [
                "Alberta",
                "British Columbia",
                "Manitoba",
                "New Brunswick",
                "Newfoundland and Labrador",
                "Northwest Territories",
                "Nova Scotia",
                "Nunavut",
                "Ontario",
                "Prince Edward Island",
                "Quebec",
                "Saskatchewan",
                "Yukon",
            ]
        );
        assert_eq!(
            names(Lang::Fr),
            [
                "Alberta",
                "Colombie-Britannique",
                "Île-du-Prince-Édouard",
                "Manitoba",
                "Nouveau-Brunswick",
                "Nouvelle-Écosse",
                "Nunavut",
                "Ontario",
                "Québec",
                "Saskatchewan",
                "Terre-Neuve-et-Labrador",
                "Territoires du Nord-Ouest",
                "Yukon",
            ]
        );
    }
}
