use super::*;

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
    let mut bad_holidays = settings_input("45");
    bad_holidays.holidays = Some("XX".into());
    assert_eq!(bad_holidays.parse().unwrap_err().get("holidays"), ["err-choose"]);
    let mut quebec = settings_input("45");
    quebec.holidays = Some("QC".into());
    quebec.quebec_easter = Some("both".into());
    let parsed = quebec.parse().unwrap();
    assert_eq!(
        (parsed.holidays.as_deref(), parsed.quebec_easter.as_str()),
        (Some("QC"), "both")
    );
    quebec.quebec_easter = Some("christmas".into());
    assert_eq!(quebec.parse().unwrap_err().get("quebec_easter"), ["err-choose"]);
}

fn rule(day: &str, start: &str, end: &str) -> RuleInput {
    RuleInput {
        rule_weekday: day.into(),
        rule_start: start.into(),
        rule_end: end.into(),
        consultant: String::new(),
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
    let ok = rule("1", "12:00", "13:00").parse(None, &existing).unwrap();
    assert_eq!((ok.weekday, ok.start, ok.end), (1, t("12:00"), t("13:00")));
    assert!(rule("2", "10:00", "11:00").parse(None, &existing).is_ok());
    assert_eq!(
        rule("0", "10:00", "11:00")
            .parse(None, &[])
            .unwrap_err()
            .get("rule_weekday"),
        ["err-weekday"]
    );
    assert_eq!(
        rule("8", "10:00", "11:00")
            .parse(None, &[])
            .unwrap_err()
            .get("rule_weekday"),
        ["err-weekday"]
    );
    assert_eq!(
        rule("1", "9:00", "11:00")
            .parse(None, &[])
            .unwrap_err()
            .get("rule_start"),
        ["err-time-format"]
    );
    assert_eq!(
        rule("1", "24:00", "11:00")
            .parse(None, &[])
            .unwrap_err()
            .get("rule_start"),
        ["err-time-format"]
    );
    assert_eq!(
        rule("1", "", "11:00").parse(None, &[]).unwrap_err().get("rule_start"),
        ["err-time-required"]
    );
    assert_eq!(
        rule("1", "11:00", "11:00")
            .parse(None, &[])
            .unwrap_err()
            .get("rule_end"),
        ["err-time-order"]
    );
    assert_eq!(
        rule("1", "11:30", "12:30")
            .parse(None, &existing)
            .unwrap_err()
            .get("rule_start"),
        ["err-rule-overlap"]
    );
    // Only rules of the same calendar overlap.
    let consultant = Some(Uuid::now_v7());
    assert!(rule("1", "11:30", "12:30").parse(consultant, &existing).is_ok());
    let theirs = [db::availability::Rule {
        consultant_id: consultant,
        ..existing[0].clone()
    }];
    assert!(rule("1", "11:30", "12:30").parse(None, &theirs).is_ok());
    assert!(rule("1", "11:30", "12:30").parse(consultant, &theirs).is_err());
}

fn exception(day: &str, start: &str, end: &str, label: &str) -> ExceptionInput {
    ExceptionInput {
        exception_day: day.into(),
        exception_start: start.into(),
        exception_end: end.into(),
        exception_label: label.into(),
        consultant: String::new(),
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
