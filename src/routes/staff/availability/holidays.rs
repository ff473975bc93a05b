//! Statutory holidays: the settings' choice of whose holidays close the firm (a jurisdiction, and for
//! Quebec its Easter holiday), and opening a holiday for consultations or closing it again (admins).
//! The holidays themselves are computed (`crate::holidays`); only the days reopened are stored.

use actix_web::{HttpResponse, web};
use chrono::{Datelike as _, NaiveDate};
use serde_json::json;

use super::back;
use crate::{
    auth::CurrentStaff,
    context::App,
    db::{self, availability::Settings},
    error::AppError,
    holidays::{self, QuebecEaster},
    i18n::Lang,
    places::province_name,
};

/// The settings' choice as the form sends it: `none`, a jurisdiction's code, or Quebec's with an
/// Easter holiday other than Good Friday (`QC-easter-monday`, `QC-both`).
pub(super) fn choice(settings: &Settings) -> String {
    match (settings.holidays.as_deref(), settings.quebec_easter()) {
        (None, _) => "none".to_owned(),
        (Some("QC"), QuebecEaster::GoodFriday) => "QC".to_owned(),
        (Some("QC"), easter) => format!("QC-{}", easter.code()),
        (Some(code), _) => code.to_owned(),
    }
}

/// The jurisdiction (`None`: none) and Quebec's Easter holiday of a choice; `None` when it is none
/// of the choices.
pub(super) fn parse_choice(value: &str) -> Option<(Option<String>, QuebecEaster)> {
    match value.split_once('-') {
        _ if value == "none" => Some((None, QuebecEaster::default())),
        Some(("QC", easter)) => Some((Some("QC".to_owned()), QuebecEaster::from_code(easter)?)),
        Some(_) => None,
        None => holidays::is_jurisdiction(value).then(|| (Some(value.to_owned()), QuebecEaster::default())),
    }
}

/// The name of a choice (see [`choice`]).
pub(super) fn choice_name(lang: Lang, value: &str) -> String {
    match parse_choice(value) {
        None | Some((None, _)) => lang.t("availability-holidays-none"),
        Some((Some(code), easter)) => {
            let place = match code.as_str() {
                "CA" => lang.t("availability-holidays-federal"),
                _ => province_name(&code, lang).unwrap_or(&code).to_owned(),
            };
            match (code.as_str(), easter) {
                ("QC", QuebecEaster::Both) => lang.t_args("availability-holidays-quebec-both", &[("place", place)]),
                ("QC", easter) => lang.t_args(
                    "availability-holidays-quebec",
                    &[("place", place), ("easter", holidays::name(lang, easter.code()))],
                ),
                _ => place,
            }
        }
    }
}

/// The choices: none, the federal list, then each province and territory by name (Quebec once for
/// each Easter holiday).
pub(super) fn options(lang: Lang) -> Vec<(String, String)> {
    let mut places: Vec<String> = holidays::JURISDICTIONS
        .iter()
        .filter(|code| **code != "CA")
        .flat_map(|code| match *code {
            "QC" => vec!["QC".to_owned(), "QC-easter-monday".to_owned(), "QC-both".to_owned()],
            _ => vec![(*code).to_owned()],
        })
        .collect();
    places.sort_by_cached_key(|value| deunicode::deunicode(&choice_name(lang, value)).to_lowercase());
    ["none", "CA"]
        .into_iter()
        .map(str::to_owned)
        .chain(places)
        .map(|value| {
            let name = choice_name(lang, &value);
            (value, name)
        })
        .collect()
}

pub async fn reopen(staff: CurrentStaff, app: App, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    set(staff, app, &path, true).await
}

pub async fn close(staff: CurrentStaff, app: App, path: web::Path<String>) -> Result<HttpResponse, AppError> {
    set(staff, app, &path, false).await
}

/// Opens (`open`) or closes again the statutory holiday on the date in the path, `YYYY-MM-DD`; a
/// date that is no statutory holiday of the firm's jurisdiction is a page that does not exist.
/// Audited when it changes something.
async fn set(staff: CurrentStaff, app: App, raw_date: &str, open: bool) -> Result<HttpResponse, AppError> {
    staff.require_admin()?;
    let well_formed = raw_date.len() == 10 && raw_date.is_ascii();
    let day = well_formed
        .then(|| NaiveDate::parse_from_str(raw_date, "%Y-%m-%d").ok())
        .flatten()
        .ok_or(AppError::NotFound)?;
    let mut tx = app.pool.begin().await?;
    let settings = db::availability::settings(&mut *tx).await?;
    let jurisdiction = settings.holidays.clone().ok_or(AppError::NotFound)?;
    let holiday = holidays::statutory_with(&jurisdiction, day.year(), settings.quebec_easter())
        .into_iter()
        .find(|h| h.date == day)
        .ok_or(AppError::NotFound)?;
    let changed = if open {
        db::availability::reopen_holiday(&mut tx, day, staff.id).await?
    } else {
        db::availability::close_holiday(&mut tx, day).await?
    };
    if changed {
        let action = if open {
            "availability.holiday_reopen"
        } else {
            "availability.holiday_close"
        };
        let day_text = day.to_string();
        let state = |reopened: bool| json!({ "day": day_text, "holiday": holiday.key, "jurisdiction": jurisdiction, "reopened": reopened });
        db::audit::record(
            &mut tx,
            &db::audit::NewAuditEvent {
                staff_user_id: Some(staff.id),
                action,
                subject_type: Some("holiday"),
                subject_id: Some(&day_text),
                before: Some(state(!open)),
                after: Some(state(open)),
                detail: None,
                source_address: None,
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(back(None, "holidays"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_reads_back_as_itself() {
        let options = options(Lang::En);
        assert_eq!(options.len(), 2 + 12 + 3, "none, federal, 12 places, Quebec thrice");
        assert_eq!(options[0].0, "none");
        assert_eq!(options[1].0, "CA");
        for (value, name) in &options {
            let (holidays, easter) = parse_choice(value).expect(value);
            let settings = Settings {
                consultation_minutes: 30,
                buffer_minutes: 15,
                min_notice_hours: 24,
                horizon_days: 30,
                daily_cap: 8,
                cancel_cutoff_hours: 12,
                holidays,
                quebec_easter: easter.code().to_owned(),
            };
            assert_eq!(&choice(&settings), value);
            assert!(!name.is_empty() && name != value, "{value}: {name}");
        }
        assert_eq!(
            choice_name(Lang::En, "QC-both"),
            "Quebec (Good Friday and Easter Monday)"
        );
        assert_eq!(choice_name(Lang::Fr, "QC-easter-monday"), "Québec (Lundi de Pâques)");
        for bad in ["", "XX", "qc", "QC-", "QC-christmas", "ON-both", "none-"] {
            assert_eq!(parse_choice(bad), None, "{bad:?}");
        }
    }
}
