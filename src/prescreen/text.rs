//! The pre-screen in words: reasons with their values (§5.6), the wage lines of the brief (§7.5, §7.6) and the
//! brief's one-line summary (what a lawyer reads first).

use chrono::NaiveDate;

use super::{Kind, StoredAssessment, Values, WageCheck, reason_key};
use crate::{
    domain::{
        answers::Answers,
        pathway::Pathway,
        wage::{GeoLevel, WageUnit},
    },
    i18n::{Lang, when},
};

/// Rules whose reason may show the median and its date to the applicant (§5.6).
const MEDIAN_RULES: &[&str] = &["G3", "G5", "G11", "G12", "G13", "I11", "I16"];

/// An amount of Canadian dollars: `$126,000` / `126 000 $`, with cents when `with_cents`.
pub fn money(lang: Lang, dollars: f64, with_cents: bool) -> String {
    let cents = if with_cents {
        (dollars * 100.0).round() as i64
    } else {
        dollars.round() as i64 * 100
    };
    let whole = cents / 100;
    let digits = whole.to_string();
    let sep = match lang {
        Lang::Fr => '\u{202F}',
        _ => ',',
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    let amount = if with_cents {
        let point = if lang == Lang::Fr { ',' } else { '.' };
        format!("{grouped}{point}{:02}", cents % 100)
    } else {
        grouped
    };
    match lang {
        Lang::Fr => format!("{amount}\u{A0}$"),
        _ => format!("${amount}"),
    }
}

/// The reason of a fired rule, with its values: I2's date.
pub fn reason(lang: Lang, rule: &str, values: &Values) -> String {
    let Some(key) = reason_key(rule) else {
        return rule.to_owned();
    };
    match (rule, values.eligible_from) {
        ("I2", Some(date)) => lang.t_args("rule-I2-with-date", &[("eligible_from", when::date(lang, date))]),
        _ => lang.t(key),
    }
}

/// The median and its date as the applicant reads it under a wage reason, when one was on file.
pub fn applicant_median_line(lang: Lang, rule: &str, values: &Values) -> Option<String> {
    if !MEDIAN_RULES.contains(&rule) {
        return None;
    }
    let wage = values.wage.as_ref().filter(|w| !w.reference_only)?;
    let median = wage.median.as_ref()?;
    Some(lang.t_args(
        "assessment-median-line",
        &[
            ("noc", median.noc.clone()),
            ("area", median.area(lang).to_owned()),
            ("median", median_text(lang, median.median, median.unit)),
            ("date", when::date(lang, median.effective_date)),
        ],
    ))
}

fn median_text(lang: Lang, amount: f64, unit: WageUnit) -> String {
    match unit {
        WageUnit::Hourly => lang.t_args("wage-per-hour", &[("amount", money(lang, amount, true))]),
        WageUnit::Annual => lang.t_args("wage-per-year", &[("amount", money(lang, amount, false))]),
    }
}

/// §7.5 / §7.6: the median used, or why there is none, for the brief.
pub fn brief_wage_line(lang: Lang, wage: &WageCheck, today: NaiveDate, stale_months: u32) -> String {
    let mut line = match (&wage.median, wage.edition) {
        (Some(m), _) => {
            let level = match m.level {
                GeoLevel::EconomicRegion => "brief-level-region",
                GeoLevel::Province => "brief-level-province",
                GeoLevel::National => "brief-level-national",
            };
            let key = if wage.reference_only {
                "brief-median-reference"
            } else {
                "brief-median"
            };
            lang.t_args(
                key,
                &[
                    ("noc", m.noc.clone()),
                    ("area", m.area(lang).to_owned()),
                    ("level", lang.t(level)),
                    ("median", median_text(lang, m.median, m.unit)),
                    ("date", m.effective_date.to_string()),
                    ("period", m.reference_period.clone()),
                ],
            )
        }
        (None, Some(edition)) => lang.t_args(
            "brief-no-median",
            &[
                ("noc", wage.noc.clone()),
                (
                    "where",
                    wage.region
                        .clone()
                        .or(wage.province.clone())
                        .map(|w| format!("{w}, "))
                        .unwrap_or_default(),
                ),
                ("date", edition.to_string()),
            ],
        ),
        (None, None) => lang.t("brief-no-wage-data"),
    };
    let edition = wage.median.as_ref().map(|m| m.effective_date).or(wage.edition);
    if let Some(edition) = edition
        && edition
            .checked_add_months(chrono::Months::new(stale_months))
            .is_some_and(|limit| limit < today)
    {
        line.push(' ');
        line.push_str(&lang.t("brief-medians-stale"));
    }
    line
}

/// The pay as the brief shows it: "$126,000/yr = $60.58/h" or "$45.00/h = $93,600/yr".
pub fn pay_text(lang: Lang, wage: &WageCheck) -> Option<String> {
    let pay = wage.pay?;
    let hourly = money(lang, pay.hourly_cents as f64 / 100.0, true);
    let annual = money(lang, pay.annual, false);
    let (h, y) = (lang.t("brief-per-hour"), lang.t("brief-per-year"));
    Some(if pay.given_hourly {
        format!("{hourly}{h} = {annual}{y}")
    } else {
        format!("{annual}{y} = {hourly}{h}")
    })
}

/// The answers about refusals and criminal history: what a lawyer reads on the application page and
/// what never leaves the database in an email.
pub const SENSITIVE_FIELDS: [&str; 2] = ["prior_refusal_or_removal", "criminal_history"];

/// The rules that quote or reveal a sensitive answer (X1: a refusal, removal or criminal history to
/// discuss): left out of emails, which say instead that some answers need a lawyer's look.
pub const SENSITIVE_RULES: [&str; 1] = ["X1"];

/// True when a sensitive answer is anything but "no": the brief email then says that some answers
/// need a lawyer's look, without saying which.
pub fn needs_a_look(answers: &Answers) -> bool {
    SENSITIVE_FIELDS
        .iter()
        .any(|f| answers.str(f).is_some_and(|v| v != "no"))
}

/// The brief's first line: track · NOC · pay vs median · offer · admissibility · language.
pub fn brief_summary(lang: Lang, main: &StoredAssessment, answers: &Answers) -> String {
    summary(lang, main, answers, true)
}

/// The brief's first line for an email: as [`brief_summary`] without the admissibility part.
pub fn email_summary(lang: Lang, main: &StoredAssessment, answers: &Answers) -> String {
    summary(lang, main, answers, false)
}

fn summary(lang: Lang, main: &StoredAssessment, answers: &Answers, admissibility: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    let track_key = match main.values.track.as_deref() {
        Some("gts_b") => "brief-track-gts_b",
        Some("gts_a") => "brief-track-gts_a",
        Some("ict_r205a") => "brief-track-ict_r205a",
        Some("ict_cusma") => "brief-track-ict_cusma",
        _ => match main.pathway {
            Pathway::Gts => "brief-track-gts",
            Pathway::Cusma => "brief-track-cusma",
            Pathway::Ict => "brief-track-ict",
        },
    };
    parts.push(lang.t(track_key));
    if main.pathway == Pathway::Cusma
        && let Some(profession) = answers
            .str("cusma_profession")
            .and_then(crate::reference::cusma_profession)
    {
        parts.push(profession.title(lang).to_owned());
    }
    if let Some(wage) = &main.values.wage {
        parts.push(format!("NOC {}", wage.noc));
        if let Some(pay) = pay_text(lang, wage) {
            match &wage.median {
                Some(m) => parts.push(lang.t_args(
                    "brief-summary-vs-median",
                    &[
                        ("pay", pay),
                        ("area", m.area(lang).to_owned()),
                        ("median", money(lang, m.median, m.unit == WageUnit::Hourly)),
                        ("date", m.effective_date.to_string()),
                    ],
                )),
                None => parts.push(pay),
            }
        }
    } else if let Some(noc) = answers.str("noc_2021_code").filter(|c| c.len() == 5) {
        parts.push(format!("NOC {noc}"));
    }
    if let Some(offer) = answers.str("job_offer_status") {
        parts.push(lang.t(&format!("brief-offer-{offer}")));
    }
    if admissibility {
        if SENSITIVE_FIELDS.iter().all(|f| answers.str(f) == Some("no")) {
            parts.push(lang.t("brief-no-refusals"));
        } else if SENSITIVE_FIELDS.iter().any(|f| answers.has(f)) {
            parts.push(lang.t("brief-admissibility-to-discuss"));
        }
    }
    if let Some(language) = answers.str("language").and_then(Lang::from_code) {
        parts.push(lang.t(&format!("brief-language-{}", language.code())));
    }
    parts.join(" · ")
}

/// The groups of the brief (§5.4), each with its rules' ids and texts; empty groups left out.
pub fn brief_groups(lang: Lang, stored: &StoredAssessment) -> Vec<(String, Vec<(String, String)>)> {
    groups(lang, stored, |_| true)
}

/// The groups of the brief for an email: without [`SENSITIVE_RULES`].
pub fn email_groups(lang: Lang, stored: &StoredAssessment) -> Vec<(String, Vec<(String, String)>)> {
    groups(lang, stored, |id| !SENSITIVE_RULES.contains(&id))
}

fn groups(lang: Lang, stored: &StoredAssessment, keep: impl Fn(&str) -> bool) -> Vec<(String, Vec<(String, String)>)> {
    stored
        .groups()
        .into_iter()
        .map(|(kind, ids)| (kind, ids.into_iter().filter(|id| keep(id)).collect::<Vec<_>>()))
        .filter(|(_, ids)| !ids.is_empty())
        .map(|(kind, ids)| {
            let rules = ids
                .into_iter()
                .map(|id| (id.to_owned(), reason(lang, id, &stored.values)))
                .collect();
            (lang.t(Kind::group_key(kind)), rules)
        })
        .collect()
}
