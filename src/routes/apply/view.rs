//! What a question page shows: each question ready for the form macros.

use crate::{
    domain::answers::Answers,
    i18n::Lang,
    questionnaire::{
        Field, Kind, Step,
        options::{self},
        validate::Typed,
    },
};

/// One question as the template renders it.
pub struct FieldView {
    pub name: &'static str,
    /// text | textarea | select | radios | check | countries
    pub widget: &'static str,
    /// The `type` of an `<input>`.
    pub input_type: String,
    pub inputmode: String,
    pub autocomplete: String,
    pub width: String,
    pub label: String,
    /// i18n key of the hint, or empty.
    pub hint: String,
    pub optional: bool,
    pub inline: bool,
    pub value: String,
    pub values: Vec<String>,
    pub options: Vec<(String, String)>,
    /// For `countries`: how many drop-downs.
    pub slots: Vec<usize>,
}

impl FieldView {
    pub fn is(&self, widget: &str) -> bool {
        self.widget == widget
    }

    /// The value of the i-th country drop-down.
    pub fn value_at(&self, i: &usize) -> &str {
        self.values.get(*i).map(String::as_str).unwrap_or_default()
    }
}

/// The questions of `step` to show, leaving out those `carried` from an earlier page.
pub fn fields(lang: Lang, step: &Step, answers: &Answers, typed: &Typed, carried: &[&str]) -> Vec<FieldView> {
    step.fields
        .iter()
        .filter(|f| !carried.contains(&f.name))
        .filter(|f| f.same_page || f.applies(answers))
        .map(|field| field_view(lang, field, answers, typed))
        .collect()
}

fn field_view(lang: Lang, field: &Field, answers: &Answers, typed: &Typed) -> FieldView {
    let hint_key = format!("q-{}-hint", field.name);
    let mut view = FieldView {
        name: field.name,
        widget: "text",
        input_type: "text".into(),
        inputmode: String::new(),
        autocomplete: String::new(),
        width: String::new(),
        label: format!("q-{}", field.name),
        hint: if lang.has(&hint_key) { hint_key } else { String::new() },
        optional: !field.required(answers),
        inline: false,
        value: typed.first(field.name).to_owned(),
        values: typed.all(field.name).to_vec(),
        options: Vec::new(),
        slots: Vec::new(),
    };
    match field.kind {
        Kind::Text { max, .. } => {
            view.width = (if max <= 120 { "two-thirds" } else { "" }).into();
            view.autocomplete = (match field.name {
                "full_name" => "name",
                "employer_legal_name" | "foreign_employer_name" => "organization",
                "job_title" | "current_job_title" | "proposed_job_title" => "organization-title",
                _ => "",
            })
            .into();
        }
        Kind::PersonName => {
            view.width = ("two-thirds").into();
            view.autocomplete = ("name").into();
        }
        Kind::Textarea { .. } => view.widget = "textarea",
        Kind::Email => {
            view.input_type = ("email").into();
            view.autocomplete = ("email").into();
            view.width = ("two-thirds").into();
        }
        Kind::Phone => {
            view.input_type = ("tel").into();
            view.autocomplete = ("tel").into();
            view.width = ("10").into();
        }
        Kind::Number { integer, .. } => {
            view.inputmode = (if integer { "numeric" } else { "decimal" }).into();
            view.width = ("10").into();
        }
        Kind::Date(_) => {
            view.input_type = ("date").into();
            view.width = ("10").into();
        }
        Kind::Noc => {
            view.inputmode = ("numeric").into();
            view.width = ("5").into();
        }
        Kind::Select(choices) => {
            view.widget = "select";
            view.options = options::options(lang, field.name, choices);
        }
        Kind::Radios(choices) => {
            view.widget = "radios";
            view.options = options::options(lang, field.name, choices);
        }
        Kind::YesNo => {
            view.widget = "radios";
            view.inline = true;
            view.options = vec![("yes".into(), lang.t("opt-yes")), ("no".into(), lang.t("opt-no"))];
        }
        Kind::Check => {
            view.widget = "check";
        }
        Kind::Countries { max } => {
            view.widget = "countries";
            view.options = options::options(lang, field.name, crate::questionnaire::Choices::Country);
            view.slots = (0..max).collect();
        }
    }
    view
}
