//! Stored answers as people read them.

use serde_json::Value;

use super::{Field, Kind, options};
use crate::{i18n::Lang, places};

/// How a stored answer reads for people (the check page, the brief, the staff view).
pub fn answer(lang: Lang, field: &Field, value: &Value) -> String {
    let text = value.as_str().unwrap_or_default();
    match field.kind {
        Kind::Select(choices) | Kind::Radios(choices) => options::label(lang, field.name, choices, text),
        Kind::YesNo | Kind::Check => lang.t(if text == "yes" { "opt-yes" } else { "opt-no" }),
        Kind::Countries { .. } => value
            .as_array()
            .map(|codes| {
                codes
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|c| places::country_name(c, lang).unwrap_or(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default(),
        _ => text.to_owned(),
    }
}
