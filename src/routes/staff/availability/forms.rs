//! The availability forms: raw input, then parse (every error at once).

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;

use crate::{
    db::{self, availability::Settings},
    web::forms::{FormErrors, Invalid, clean_text},
};

/// Longest exception label (the table's check).
const MAX_LABEL_CHARS: usize = 200;

// ---------------------------------------------------------------------------------------------
// Forms: raw input, then parse.

/// The settings form; its fields are the settings row's columns.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SettingsInput {
    pub consultation_minutes: String,
    pub buffer_minutes: String,
    pub min_notice_hours: String,
    pub horizon_days: String,
    pub daily_cap: String,
    pub cancel_cutoff_hours: String,
    /// `none` or a jurisdiction's code (`crate::holidays`); absent: unchanged.
    pub holidays: Option<String>,
    /// Quebec's Easter holiday (`good_friday`, `easter_monday`, `both`); absent: unchanged.
    pub quebec_easter: Option<String>,
}

/// Each setting: its field, its allowed range (the table's checks) and the message out of range.
const RANGES: [(&str, i32, i32, &str); 6] = [
    ("consultation_minutes", 10, 240, "err-consultation-minutes"),
    ("buffer_minutes", 0, 120, "err-buffer-minutes"),
    ("min_notice_hours", 0, 720, "err-min-notice-hours"),
    ("horizon_days", 1, 365, "err-horizon-days"),
    ("daily_cap", 1, 100, "err-daily-cap"),
    ("cancel_cutoff_hours", 0, 168, "err-cancel-cutoff-hours"),
];

fn in_range(raw: &str, min: i32, max: i32, key: &'static str) -> Result<i32, Invalid> {
    raw.trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or(Invalid(key))
}

impl SettingsInput {
    pub(super) fn from_settings(s: &Settings) -> SettingsInput {
        SettingsInput {
            consultation_minutes: s.consultation_minutes.to_string(),
            buffer_minutes: s.buffer_minutes.to_string(),
            min_notice_hours: s.min_notice_hours.to_string(),
            horizon_days: s.horizon_days.to_string(),
            daily_cap: s.daily_cap.to_string(),
            cancel_cutoff_hours: s.cancel_cutoff_hours.to_string(),
            holidays: Some(s.holidays.clone().unwrap_or_else(|| "none".to_owned())),
            quebec_easter: Some(s.quebec_easter.clone()),
        }
    }

    fn raw(&self, field: &str) -> &str {
        match field {
            "consultation_minutes" => &self.consultation_minutes,
            "buffer_minutes" => &self.buffer_minutes,
            "min_notice_hours" => &self.min_notice_hours,
            "horizon_days" => &self.horizon_days,
            "daily_cap" => &self.daily_cap,
            _ => &self.cancel_cutoff_hours,
        }
    }

    pub fn parse(&self) -> Result<Settings, FormErrors> {
        let mut errs = FormErrors::default();
        let values: Vec<Option<i32>> = RANGES
            .iter()
            .map(|(field, min, max, key)| errs.check(field, in_range(self.raw(field), *min, *max, key)))
            .collect();
        let holidays = match self.holidays.as_deref() {
            None | Some("none") => None,
            Some(code) if crate::holidays::is_jurisdiction(code) => Some(code.to_owned()),
            Some(_) => {
                errs.add("holidays", "err-choose");
                None
            }
        };
        let quebec_easter = match self.quebec_easter.as_deref() {
            None => String::new(),
            Some(v @ ("good_friday" | "easter_monday" | "both")) => v.to_owned(),
            Some(_) => {
                errs.add("quebec_easter", "err-choose");
                String::new()
            }
        };
        match values[..] {
            [Some(c), Some(b), Some(n), Some(h), Some(d), Some(x)] if errs.is_empty() => Ok(Settings {
                consultation_minutes: c,
                buffer_minutes: b,
                min_notice_hours: n,
                horizon_days: h,
                daily_cap: d,
                cancel_cutoff_hours: x,
                holidays,
                quebec_easter,
            }),
            _ => Err(errs),
        }
    }
}

/// A time typed as `HH:MM` (what `<input type="time">` sends), `None` when empty.
fn time(raw: &str) -> Result<Option<NaiveTime>, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let well_formed = raw.len() == 5 && raw.as_bytes()[2] == b':';
    well_formed
        .then(|| NaiveTime::parse_from_str(raw, "%H:%M").ok())
        .flatten()
        .map(Some)
        .ok_or(Invalid("err-time-format"))
}

fn required_time(raw: &str) -> Result<NaiveTime, Invalid> {
    time(raw)?.ok_or(Invalid("err-time-required"))
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RuleInput {
    pub rule_weekday: String,
    pub rule_start: String,
    pub rule_end: String,
}

#[derive(Debug)]
pub struct NewRule {
    pub weekday: i32,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl RuleInput {
    /// `existing`: the rules now, which a new rule must not overlap.
    pub fn parse(&self, existing: &[db::availability::Rule]) -> Result<NewRule, FormErrors> {
        let mut errs = FormErrors::default();
        let weekday = errs.check(
            "rule_weekday",
            self.rule_weekday
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|d| (1..=7).contains(d))
                .ok_or(Invalid("err-weekday")),
        );
        let start = errs.check("rule_start", required_time(&self.rule_start));
        let end = errs.check("rule_end", required_time(&self.rule_end));
        let (Some(weekday), Some(start), Some(end)) = (weekday, start, end) else {
            return Err(errs);
        };
        if start >= end {
            errs.add("rule_end", "err-time-order");
        } else if existing
            .iter()
            .any(|r| r.weekday == weekday && r.start_time < end && start < r.end_time)
        {
            errs.add("rule_start", "err-rule-overlap");
        }
        if errs.is_empty() {
            Ok(NewRule { weekday, start, end })
        } else {
            Err(errs)
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ExceptionInput {
    pub exception_day: String,
    pub exception_start: String,
    pub exception_end: String,
    pub exception_label: String,
}

#[derive(Debug)]
pub struct NewException {
    pub day: NaiveDate,
    /// `None`: closed the whole day.
    pub times: Option<(NaiveTime, NaiveTime)>,
    pub label: String,
}

impl ExceptionInput {
    /// `today`: the firm's date now; an exception in the past would change nothing.
    pub fn parse(&self, today: NaiveDate) -> Result<NewException, FormErrors> {
        let mut errs = FormErrors::default();
        let day = errs.check(
            "exception_day",
            match self.exception_day.trim() {
                "" => Err(Invalid("err-exception-day")),
                raw => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                    .map_err(|_| Invalid("err-date"))
                    .and_then(|d| {
                        if d < today {
                            Err(Invalid("err-date-past"))
                        } else {
                            Ok(d)
                        }
                    }),
            },
        );
        let start = errs.check("exception_start", time(&self.exception_start));
        let end = errs.check("exception_end", time(&self.exception_end));
        let label = clean_text(&self.exception_label, false);
        if label.chars().count() > MAX_LABEL_CHARS {
            errs.add("exception_label", "err-exception-label-long");
        }
        let times = match (start, end) {
            (Some(None), Some(None)) => Some(None),
            (Some(Some(s)), Some(Some(e))) if s < e => Some(Some((s, e))),
            (Some(Some(_)), Some(Some(_))) => {
                errs.add("exception_end", "err-time-order");
                None
            }
            (Some(None), Some(Some(_))) => {
                errs.add("exception_start", "err-exception-times");
                None
            }
            (Some(Some(_)), Some(None)) => {
                errs.add("exception_end", "err-exception-times");
                None
            }
            _ => None,
        };
        match (day, times) {
            (Some(day), Some(times)) if errs.is_empty() => Ok(NewException { day, times, label }),
            _ => Err(errs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn settings_input(length: &str) -> SettingsInput {
        SettingsInput {
            consultation_minutes: length.into(),
            buffer_minutes: "15".into(),
            min_notice_hours: "24".into(),
            horizon_days: "30".into(),
            daily_cap: "8".into(),
            cancel_cutoff_hours: "12".into(),
            holidays: None,
            quebec_easter: None,
        }
    }

    #[test]
    fn settings_follow_the_tables_checks() {
        assert_eq!(settings_input("45").parse().unwrap().consultation_minutes, 45);
        for bad in ["9", "241", "", "x", "30.5"] {
            let errors = settings_input(bad).parse().unwrap_err();
            assert_eq!(
                errors.get("consultation_minutes"),
                ["err-consultation-minutes"],
                "{bad:?}"
            );
        }
        let mut all_bad = settings_input("0");
        all_bad.buffer_minutes = "121".into();
        all_bad.min_notice_hours = "-1".into();
        all_bad.horizon_days = "0".into();
        all_bad.daily_cap = "101".into();
        all_bad.cancel_cutoff_hours = "169".into();
        assert_eq!(all_bad.parse().unwrap_err().summary().len(), 6);
    }

    fn rule(day: &str, start: &str, end: &str) -> RuleInput {
        RuleInput {
            rule_weekday: day.into(),
            rule_start: start.into(),
            rule_end: end.into(),
        }
    }

    #[test]
    fn rules_need_a_weekday_and_ordered_times_that_do_not_overlap() {
        let t = |s| NaiveTime::parse_from_str(s, "%H:%M").unwrap();
        let existing = [db::availability::Rule {
            availability_rule_id: Uuid::nil(),
            weekday: 1,
            start_time: t("09:00"),
            end_time: t("12:00"),
            consultant_id: None,
        }];
        let ok = rule("1", "12:00", "13:00").parse(&existing).unwrap();
        assert_eq!((ok.weekday, ok.start, ok.end), (1, t("12:00"), t("13:00")));
        assert!(rule("2", "10:00", "11:00").parse(&existing).is_ok());
        assert_eq!(
            rule("0", "10:00", "11:00").parse(&[]).unwrap_err().get("rule_weekday"),
            ["err-weekday"]
        );
        assert_eq!(
            rule("8", "10:00", "11:00").parse(&[]).unwrap_err().get("rule_weekday"),
            ["err-weekday"]
        );
        assert_eq!(
            rule("1", "9:00", "11:00").parse(&[]).unwrap_err().get("rule_start"),
            ["err-time-format"]
        );
        assert_eq!(
            rule("1", "24:00", "11:00").parse(&[]).unwrap_err().get("rule_start"),
            ["err-time-format"]
        );
        assert_eq!(
            rule("1", "", "11:00").parse(&[]).unwrap_err().get("rule_start"),
            ["err-time-required"]
        );
        assert_eq!(
            rule("1", "11:00", "11:00").parse(&[]).unwrap_err().get("rule_end"),
            ["err-time-order"]
        );
        assert_eq!(
            rule("1", "11:30", "12:30")
                .parse(&existing)
                .unwrap_err()
                .get("rule_start"),
            ["err-rule-overlap"]
        );
    }

    fn exception(day: &str, start: &str, end: &str, label: &str) -> ExceptionInput {
        ExceptionInput {
            exception_day: day.into(),
            exception_start: start.into(),
            exception_end: end.into(),
            exception_label: label.into(),
        }
    }

    #[test]
    fn exceptions_close_a_day_or_block_hours() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let closed = exception("2027-03-02", "", "", " Holiday\n").parse(today).unwrap();
        assert_eq!((closed.times, closed.label.as_str()), (None, "Holiday"));
        let blocked = exception("2027-03-01", "13:00", "15:00", "").parse(today).unwrap();
        assert!(blocked.times.is_some());
        let err = |e: ExceptionInput, field| e.parse(today).unwrap_err().get(field).to_vec();
        assert_eq!(
            err(exception("2027-02-28", "", "", ""), "exception_day"),
            ["err-date-past"]
        );
        assert_eq!(err(exception("2027-02-30", "", "", ""), "exception_day"), ["err-date"]);
        assert_eq!(err(exception("", "", "", ""), "exception_day"), ["err-exception-day"]);
        assert_eq!(
            err(exception("2027-03-02", "13:00", "", ""), "exception_end"),
            ["err-exception-times"]
        );
        assert_eq!(
            err(exception("2027-03-02", "", "13:00", ""), "exception_start"),
            ["err-exception-times"]
        );
        assert_eq!(
            err(exception("2027-03-02", "14:00", "13:00", ""), "exception_end"),
            ["err-time-order"]
        );
        assert_eq!(
            err(exception("2027-03-02", "", "", &"x".repeat(201)), "exception_label"),
            ["err-exception-label-long"]
        );
    }
}
