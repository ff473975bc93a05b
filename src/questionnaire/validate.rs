//! Reading a submitted page: decoding the form strictly, checking every question of the page,
//! and producing the page's answers in canonical form, or every error at once.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::Value;

use super::{
    fields::{Choices, DateRule, Field, Kind},
    options,
    steps::Step,
};
use crate::{
    domain::{answers::Answers, email_address::EmailAddress, person_name::PersonName},
    web::forms::{FormErrors, clean_text},
};

/// The page's values as typed, by field name, to show them again when there are errors.
#[derive(Debug, Default, Clone)]
pub struct Typed(pub HashMap<String, Vec<String>>);

impl Typed {
    pub fn first(&self, name: &str) -> &str {
        self.0
            .get(name)
            .and_then(|v| v.first())
            .map(String::as_str)
            .unwrap_or_default()
    }

    pub fn all(&self, name: &str) -> &[String] {
        self.0.get(name).map(Vec::as_slice).unwrap_or_default()
    }

    /// What the answers hold for the page, shown when it is opened again.
    pub fn from_answers(step: &Step, answers: &Answers) -> Typed {
        let mut typed = HashMap::new();
        for field in step.fields {
            let values: Vec<String> = match answers.0.get(field.name) {
                Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
                Some(Value::String(s)) => vec![s.clone()],
                _ => continue,
            };
            typed.insert(field.name.to_owned(), values);
        }
        Typed(typed)
    }
}

/// A form body decoded strictly: names and values must be valid UTF-8 once percent-decoded.
/// Pairs that are not are kept with `None`, so the page can say so rather than store a mangled value.
pub fn decode_form(body: &[u8]) -> Vec<(String, Option<String>)> {
    body.split(|b| *b == b'&')
        .filter(|pair| !pair.is_empty())
        .take(1000)
        .filter_map(|pair| {
            let (name, value) = match pair.iter().position(|b| *b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &b""[..]),
            };
            let name = decode_component(name)?;
            Some((name, decode_component(value)))
        })
        .collect()
}

fn decode_component(raw: &[u8]) -> Option<String> {
    let plus_as_space: Vec<u8> = raw.iter().map(|b| if *b == b'+' { b' ' } else { *b }).collect();
    percent_encoding::percent_decode(&plus_as_space)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

/// Checks the questions of `step` against the submitted `form`, given the answers so far.
/// On success, the answers with this page's questions replaced; on failure, every error at once.
///
/// `carried` names questions already answered elsewhere (the deciding questions of "not sure"): they are not asked
/// again, and their answers are kept as they are.
pub fn validate_step(
    step: &Step,
    form: &[(String, Option<String>)],
    answers: &Answers,
    today: NaiveDate,
    carried: &[&str],
) -> Result<Answers, (FormErrors, Typed)> {
    let mut typed = Typed::default();
    let mut errors = FormErrors::default();
    let mut undecodable: Vec<&'static str> = Vec::new();
    for (name, value) in form {
        // Unknown fields, and fields carried from an earlier page, are ignored.
        let Some(field) = step.field(name).filter(|f| !carried.contains(&f.name)) else {
            continue;
        };
        match value {
            Some(value) => typed.0.entry(field.name.to_owned()).or_default().push(value.clone()),
            None => undecodable.push(field.name),
        }
    }

    // The answers as they would be with this page's raw values, to decide which questions apply.
    let mut candidate = answers.clone();
    let asked = || step.fields.iter().filter(|f| !carried.contains(&f.name));
    for field in asked() {
        candidate.remove(field.name);
        let values: Vec<&str> = typed
            .all(field.name)
            .iter()
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        if field.is_multi() {
            candidate.set_list(field.name, &values);
        } else if let Some(first) = values.first() {
            candidate.set(field.name, *first);
        }
    }

    let mut result = answers.clone();
    for field in asked() {
        result.remove(field.name);
        if !field.applies(&candidate) {
            continue;
        }
        if undecodable.contains(&field.name) {
            errors.add(field.name, "err-invalid-characters");
            continue;
        }
        let values = typed.all(field.name);
        if !field.is_multi() && values.len() > 1 {
            errors.add(field.name, "err-duplicate");
            continue;
        }
        match check(field, values, &candidate, today) {
            Ok(Some(value)) => {
                result.0.insert(field.name.to_owned(), value);
            }
            Ok(None) if field.required(&candidate) => errors.add(field.name, missing_key(field)),
            Ok(None) => {}
            Err(key) => errors.add(field.name, key),
        }
    }
    if errors.is_empty() {
        Ok(result)
    } else {
        Err((errors, typed))
    }
}

/// The message that states the shortest answer a text field takes ("Enter at least 50 characters").
pub fn too_short(min: usize) -> &'static str {
    match min {
        2 => "err-too-short-2",
        50 => "err-too-short-50",
        100 => "err-too-short-100",
        _ => "err-too-short",
    }
}

/// The message that states the longest answer a text field takes.
pub fn too_long(max: usize) -> &'static str {
    match max {
        120 => "err-too-long-120",
        200 => "err-too-long-200",
        4000 => "err-too-long-4000",
        _ => "err-too-long",
    }
}

fn missing_key(field: &Field) -> &'static str {
    match field.kind {
        Kind::Select(_) | Kind::Radios(_) | Kind::YesNo => "err-choose",
        Kind::Countries { .. } => "err-choose-country",
        Kind::Check => "err-check",
        _ => "err-required",
    }
}

/// The canonical value of one answer; `Ok(None)` when it was left empty.
fn check(field: &Field, values: &[String], answers: &Answers, today: NaiveDate) -> Result<Option<Value>, &'static str> {
    if let Kind::Countries { max } = field.kind {
        let mut codes: Vec<String> = Vec::new();
        for value in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            let code = value.to_ascii_uppercase();
            if !options::allowed(Choices::Country, &code) {
                return Err("err-choose-country");
            }
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        if codes.len() > max {
            return Err("err-too-many");
        }
        return Ok((!codes.is_empty()).then(|| Value::Array(codes.into_iter().map(Value::String).collect())));
    }

    let raw = values.first().map(String::as_str).unwrap_or_default();
    let multiline = matches!(field.kind, Kind::Textarea { .. });
    let value = clean_text(raw, multiline);
    if value.is_empty() {
        return Ok(None);
    }
    let text = |s: String| Ok(Some(Value::String(s)));
    match field.kind {
        Kind::Text { min, max } | Kind::Textarea { min, max } => match value.chars().count() {
            n if n < min => Err(too_short(min)),
            n if n > max => Err(too_long(max)),
            _ => text(value),
        },
        Kind::PersonName => PersonName::parse(&value)
            .map(|n| Some(Value::String(n.as_ref().to_owned())))
            .map_err(|e| e.0),
        Kind::Email => EmailAddress::parse(&value)
            .map(|e| Some(Value::String(e.as_ref().to_owned())))
            .map_err(|e| e.0),
        Kind::Phone => phone_e164(&value, answers.str("country_of_residence")).map_or(Err("err-phone"), text),
        Kind::Number {
            min,
            max,
            above_min,
            integer,
            step,
        } => {
            let n = parse_number(&value).ok_or("err-number")?;
            if integer && n.fract() != 0.0 {
                return Err("err-whole-number");
            }
            if let Some(step) = step
                && ((n / step).round() * step - n).abs() > 1e-9
            {
                return Err(if step >= 0.5 {
                    "err-number-half"
                } else {
                    "err-number-cents"
                });
            }
            if n < min || (above_min && n <= min) || n > max {
                return Err("err-number-range");
            }
            text(format_number(n))
        }
        Kind::Date(rule) => {
            let date = NaiveDate::parse_from_str(&value, "%Y-%m-%d").map_err(|_| "err-date")?;
            match rule {
                DateRule::NotPast if date < today => Err("err-date-past"),
                DateRule::NotFuture | DateRule::NotFutureFrom(_) if date > today => Err("err-date-future"),
                DateRule::NotFutureFrom(field) if answers.date(field).is_some_and(|from| date < from) => {
                    Err("err-date-before-start")
                }
                _ if date.year_ce().1 < 1900 || date.year_ce().1 > 2200 => Err("err-date"),
                _ => text(date.format("%Y-%m-%d").to_string()),
            }
        }
        Kind::Select(choices) | Kind::Radios(choices) => {
            if options::allowed(choices, &value) {
                text(value)
            } else {
                Err("err-choose")
            }
        }
        Kind::YesNo => match value.as_str() {
            "yes" | "no" => text(value),
            _ => Err("err-choose"),
        },
        Kind::Check => match value.as_str() {
            "yes" => text(value),
            _ => Err("err-check"),
        },
        Kind::Noc => {
            if value.len() == 5 && value.bytes().all(|b| b.is_ascii_digit()) {
                text(value)
            } else {
                Err("err-noc")
            }
        }
        Kind::Countries { .. } => unreachable!("handled above"),
    }
}

use chrono::Datelike as _;

/// Words people write after a number of years or months ("6 years", "6 ans", "6 años"): read as
/// the number alone.
const UNIT_WORDS: &[&str] = &[
    "years", "year", "yrs", "yr", "y", "ans", "an", "années", "année", "años", "año", "anos", "ano", "months", "month",
    "mois", "meses", "mes",
];

/// A number as people type it: `80,000`, `80 000`, `38.50`, `38,50`, `$ 95000`, `6 years`.
pub fn parse_number(raw: &str) -> Option<f64> {
    let lowered = raw.trim().to_lowercase();
    let raw = match lowered.rsplit_once(|c: char| c.is_ascii_digit() || c.is_whitespace()) {
        Some((_, word)) if UNIT_WORDS.contains(&word.trim_end_matches('.')) => {
            lowered[..lowered.len() - word.len()].trim_end()
        }
        _ => lowered.as_str(),
    };
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '$' && *c != '\u{202F}')
        .collect();
    let s = match (s.contains(','), s.contains('.')) {
        (true, true) => s.replace(',', ""),
        // A comma alone is a thousands separator before exactly three digits, else a decimal comma.
        (true, false) => match s.rsplit_once(',') {
            Some((_, tail)) if tail.len() == 3 => s.replace(',', ""),
            _ => s.replacen(',', ".", 1),
        },
        _ => s,
    };
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') {
        return None;
    }
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Plain decimal notation, no exponent, no trailing zeros: `38.5`, `80000`.
pub fn format_number(n: f64) -> String {
    let s = format!("{n:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A telephone number in E.164 (`+14165550123`), read in the country of residence when it has no `+`.
fn phone_e164(raw: &str, country: Option<&str>) -> Option<String> {
    if raw.chars().count() > 40 {
        return None;
    }
    let region = country.and_then(|c| c.parse::<phonenumber::country::Id>().ok());
    let number = phonenumber::parse(region, raw).ok()?;
    phonenumber::is_valid(&number).then(|| number.format().mode(phonenumber::Mode::E164).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_length_limit_of_every_flow_has_a_message_that_states_it() {
        use crate::{domain::pathway::Pathway, i18n::Lang, questionnaire::Flow};
        for pathway in [Pathway::Gts, Pathway::Cusma, Pathway::Ict] {
            for (_, field) in Flow::of(pathway).fields() {
                if let Kind::Text { min, max } | Kind::Textarea { min, max } = field.kind {
                    for key in [too_short(min), too_long(max)].into_iter().filter(|_| min > 0) {
                        assert!(
                            key.len() > "err-too-long".len(),
                            "{}: no message states {min}..{max}",
                            field.name
                        );
                        for lang in Lang::ALL {
                            assert!(lang.has(key), "{key} in {lang}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_unit_word_after_the_number_is_read_as_the_number() {
        for (typed, n) in [
            ("6 years", 6.0),
            ("6 ans", 6.0),
            ("6 años", 6.0),
            ("6.5 years", 6.5),
            ("6,5 ans", 6.5),
            ("6years", 6.0),
            ("12 months", 12.0),
            ("3 yrs.", 3.0),
        ] {
            assert_eq!(parse_number(typed), Some(n), "{typed}");
        }
        for typed in ["six years", "6 apples", "years", "6 years 3 months"] {
            assert_eq!(parse_number(typed), None, "{typed}");
        }
    }

    #[test]
    fn numbers_as_people_type_them() {
        assert_eq!(parse_number("80,000"), Some(80000.0));
        assert_eq!(parse_number("80 000 $"), Some(80000.0));
        assert_eq!(parse_number("38,46"), Some(38.46));
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("$95000"), Some(95000.0));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("1e9"), None);
        assert_eq!(format_number(38.5), "38.5");
        assert_eq!(format_number(80000.0), "80000");
        assert_eq!(format_number(0.1 + 0.2), "0.3");
    }

    #[test]
    fn phones_become_e164() {
        assert_eq!(phone_e164("+1 416 555", Some("CA")), None);
        assert_eq!(
            phone_e164("(416) 923-4567", Some("CA")).as_deref(),
            Some("+14169234567")
        );
        assert_eq!(phone_e164("+52 55 1234 5678", None).as_deref(), Some("+525512345678"));
        assert_eq!(
            phone_e164("+44 20 7946 0958", Some("CA")).as_deref(),
            Some("+442079460958")
        );
        assert_eq!(phone_e164("12", Some("CA")), None);
    }

    #[test]
    fn forms_decode_strictly() {
        let form = decode_form(b"a=1&b=%C3%A9t%C3%A9&c=%FF&d=x+y&&e");
        assert_eq!(form[0], ("a".into(), Some("1".into())));
        assert_eq!(form[1], ("b".into(), Some("été".into())));
        assert_eq!(form[2], ("c".into(), None));
        assert_eq!(form[3], ("d".into(), Some("x y".into())));
        assert_eq!(form[4], ("e".into(), Some(String::new())));
    }
}
