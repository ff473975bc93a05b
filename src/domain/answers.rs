//! An application's answers as stored (`application.answers`, jsonb): field name → value, where the
//! field names and allowed values are those of `docs/domain/pathways.md`.
//!
//! Canonical representation (what validation stores, what the pre-screen reads):
//! - text, textarea, select, radio: a JSON string, trimmed (`"written"`, `"Acme Inc."`);
//! - boolean questions: the string `"yes"` or `"no"`;
//! - numbers: a JSON string in plain decimal notation (`"38.5"`, `"120000"`), never a float;
//! - dates: a JSON string `YYYY-MM-DD`;
//! - multi-selects (`citizenships`, `countries_with_revenue_operations`): a JSON array of strings;
//! - countries: ISO 3166-1 alpha-2 upper case (`"US"`, `"MX"`); provinces: `AB BC MB NB NL NS NT NU ON PE QC SK YT`;
//! - a question that was not asked, or was skipped when optional, is absent.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub Map<String, Value>);

impl Answers {
    /// A single value (text, select, boolean as "yes"/"no", number or date as text).
    pub fn str(&self, field: &str) -> Option<&str> {
        self.0.get(field).and_then(Value::as_str)
    }

    /// True when the boolean question was answered "yes".
    pub fn yes(&self, field: &str) -> bool {
        self.str(field) == Some("yes")
    }

    /// A number answer.
    pub fn num(&self, field: &str) -> Option<f64> {
        self.str(field).and_then(|s| s.parse::<f64>().ok())
    }

    /// A date answer.
    pub fn date(&self, field: &str) -> Option<chrono::NaiveDate> {
        self.str(field)
            .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    }

    /// The values of a multi-select (empty when absent).
    pub fn list(&self, field: &str) -> Vec<&str> {
        match self.0.get(field) {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            Some(Value::String(s)) => vec![s.as_str()],
            _ => Vec::new(),
        }
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    pub fn set(&mut self, field: &str, value: impl Into<Value>) {
        self.0.insert(field.to_owned(), value.into());
    }

    pub fn set_list(&mut self, field: &str, values: &[&str]) {
        self.0.insert(
            field.to_owned(),
            Value::Array(values.iter().map(|v| Value::String((*v).to_owned())).collect()),
        );
    }

    pub fn remove(&mut self, field: &str) {
        self.0.remove(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_canonical_values() {
        let mut a = Answers::default();
        a.set("job_offer_status", "written");
        a.set("offered_wage", "38.5");
        a.set("role_is_actuarial", "yes");
        a.set("expected_start_date", "2027-01-15");
        a.set_list("citizenships", &["US", "MX"]);
        assert_eq!(a.str("job_offer_status"), Some("written"));
        assert_eq!(a.num("offered_wage"), Some(38.5));
        assert!(a.yes("role_is_actuarial"));
        assert_eq!(a.date("expected_start_date").unwrap().to_string(), "2027-01-15");
        assert_eq!(a.list("citizenships"), ["US", "MX"]);
        assert!(a.list("nothing").is_empty());
    }
}
