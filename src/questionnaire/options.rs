//! The allowed values of choice questions and their labels in each language.

use super::fields::Choices;
use crate::{i18n::Lang, places, reference};

/// True when `value` is one of the choices.
pub fn allowed(choices: Choices, value: &str) -> bool {
    match choices {
        Choices::Fixed(values) => values.contains(&value),
        Choices::Country => places::is_country(value),
        Choices::Province => places::is_province(value),
        Choices::GtsNoc => {
            matches!(value, "other" | "unknown") || reference::gts_noc_options().iter().any(|o| o.code == value)
        }
        Choices::CusmaProfession => value == "other_not_listed" || reference::cusma_profession(value).is_some(),
        // The code's shape only: the page checks it against the regions of the province on file.
        Choices::EconomicRegion => value == "unknown" || is_region_code(value),
    }
}

/// `ER` and four digits: an economic region's code in the wage file.
pub fn is_region_code(value: &str) -> bool {
    value.len() == 6 && value.starts_with("ER") && value[2..].bytes().all(|b| b.is_ascii_digit())
}

/// The label of a fixed value: `opt-{field}-{value}` when the field words it its own way, else `opt-{value}`.
pub fn fixed_label(lang: Lang, field: &str, value: &str) -> String {
    let own = format!("opt-{field}-{value}");
    if lang.has(&own) {
        lang.t(&own)
    } else {
        lang.t(&format!("opt-{value}"))
    }
}

/// (value, label) pairs in display order.
pub fn options(lang: Lang, field: &str, choices: Choices) -> Vec<(String, String)> {
    match choices {
        Choices::Fixed(values) => values
            .iter()
            .map(|v| ((*v).to_owned(), fixed_label(lang, field, v)))
            .collect(),
        Choices::Country => places::countries(lang)
            .iter()
            .map(|(c, n)| ((*c).to_owned(), (*n).to_owned()))
            .collect(),
        Choices::Province => places::provinces(lang)
            .iter()
            .map(|(c, n)| ((*c).to_owned(), (*n).to_owned()))
            .collect(),
        Choices::GtsNoc => {
            let mut list: Vec<(String, String)> = reference::gts_noc_options()
                .iter()
                .map(|o| (o.code.clone(), o.label(lang)))
                .collect();
            list.push(("other".into(), lang.t("opt-noc-other")));
            list.push(("unknown".into(), lang.t("opt-noc-unknown")));
            list
        }
        Choices::CusmaProfession => {
            let mut list: Vec<(String, String)> = reference::cusma_professions()
                .iter()
                .map(|p| (p.id.to_owned(), p.title(lang).to_owned()))
                .collect();
            list.sort_by(|a, b| a.1.cmp(&b.1));
            list.push(("other_not_listed".into(), lang.t("opt-other_not_listed")));
            list
        }
        Choices::EconomicRegion => vec![("unknown".into(), lang.t("opt-work_economic_region-unknown"))],
    }
}

/// The label of a stored value, for the check page and the staff brief.
pub fn label(lang: Lang, field: &str, choices: Choices, value: &str) -> String {
    match choices {
        Choices::Fixed(_) => fixed_label(lang, field, value),
        _ => options(lang, field, choices)
            .into_iter()
            .find(|(v, _)| v == value)
            .map(|(_, l)| l)
            .unwrap_or_else(|| value.to_owned()),
    }
}
