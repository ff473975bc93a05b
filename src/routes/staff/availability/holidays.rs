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
    holidays,
    i18n::Lang,
    places::province_name,
};

/// The name of a jurisdiction of `crate::holidays`, or of `none`.
pub(super) fn jurisdiction_name(lang: Lang, code: &str) -> String {
    match code {
        "none" => lang.t("availability-holidays-none"),
        "CA" => lang.t("availability-holidays-federal"),
        _ => province_name(code, lang).unwrap_or(code).to_owned(),
    }
}

/// The jurisdictions to choose from: none, the federal list, then each province and territory by
/// name.
pub(super) fn options(lang: Lang) -> Vec<(String, String)> {
    let mut places: Vec<(String, String)> = holidays::JURISDICTIONS
        .iter()
        .filter(|code| **code != "CA")
        .map(|code| ((*code).to_owned(), jurisdiction_name(lang, code)))
        .collect();
    places.sort_by_cached_key(|(_, name)| deunicode::deunicode(name).to_lowercase());
    ["none", "CA"]
        .into_iter()
        .map(|code| (code.to_owned(), jurisdiction_name(lang, code)))
        .chain(places)
        .collect()
}

/// The name of Quebec's Easter holiday as stored (`good_friday`, `easter_monday`, `both`).
pub(super) fn easter_name(lang: Lang, value: &str) -> String {
    match value {
        "easter_monday" => holidays::name(lang, "easter-monday"),
        "both" => lang.t("availability-quebec-easter-both"),
        _ => holidays::name(lang, "good-friday"),
    }
}

/// Quebec's Easter holiday, the choices.
pub(super) fn easter_options(lang: Lang) -> Vec<(String, String)> {
    ["good_friday", "easter_monday", "both"]
        .into_iter()
        .map(|value| (value.to_owned(), easter_name(lang, value)))
        .collect()
}

/// Whose holidays close the firm, as the page says it: the jurisdiction, with Quebec's Easter
/// holiday for Quebec; empty when none.
pub(super) fn place(lang: Lang, settings: &Settings) -> String {
    match settings.holidays.as_deref() {
        None => String::new(),
        Some("QC") => lang.t_args(
            "availability-holidays-quebec",
            &[
                ("place", jurisdiction_name(lang, "QC")),
                ("easter", easter_name(lang, &settings.quebec_easter)),
            ],
        ),
        Some(code) => jurisdiction_name(lang, code),
    }
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
    fn the_choices_are_named_in_both_languages() {
        let english = options(Lang::En);
        assert_eq!(english.len(), 15, "none, federal, 13 provinces and territories");
        assert_eq!((english[0].0.as_str(), english[1].0.as_str()), ("none", "CA"));
        assert!(english.iter().all(|(code, name)| code != name), "{english:?}");
        let french = options(Lang::Fr);
        assert!(french.iter().any(|(code, name)| code == "QC" && name == "Québec"));
        assert_eq!(easter_options(Lang::En).len(), 3);
        let mut settings = Settings {
            consultation_minutes: 30,
            buffer_minutes: 15,
            min_notice_hours: 24,
            horizon_days: 30,
            daily_cap: 8,
            cancel_cutoff_hours: 12,
            holidays: Some("QC".to_owned()),
            quebec_easter: "both".to_owned(),
        };
        assert_eq!(place(Lang::En, &settings), "Quebec (Good Friday and Easter Monday)");
        settings.quebec_easter = "easter_monday".to_owned();
        assert_eq!(place(Lang::Fr, &settings), "Québec (Lundi de Pâques)");
        settings.holidays = Some("ON".to_owned());
        assert_eq!(place(Lang::En, &settings), "Ontario");
        settings.holidays = None;
        assert_eq!(place(Lang::En, &settings), "");
    }
}
