//! Times are written as the firm or the applicant reads them; `toronto("2027-04-12 09:00")` is that wall time as
//! an instant. The ordinary week is Monday 12 April 2027, well away from any clock change.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::America::Toronto;
use chrono_tz::Asia::Kolkata;
use chrono_tz::Europe::Paris;
use chrono_tz::Tz;

use super::*;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn time(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

/// An unambiguous wall time in `tz`, as an instant.
fn wall(tz: Tz, s: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    tz.from_local_datetime(&naive)
        .single()
        .expect("an unambiguous wall time")
        .to_utc()
}

fn toronto(s: &str) -> DateTime<Utc> {
    wall(Toronto, s)
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

fn rule(weekday: Weekday, start: &str, end: &str) -> WeeklyRule {
    WeeklyRule {
        weekday,
        start: time(start),
        end: time(end),
    }
}

fn weekdays(start: &str, end: &str) -> Vec<WeeklyRule> {
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]
        .into_iter()
        .map(|d| rule(d, start, end))
        .collect()
}

fn every_day(start: &str, end: &str) -> Vec<WeeklyRule> {
    let mut rules = weekdays(start, end);
    rules.extend([Weekday::Sat, Weekday::Sun].into_iter().map(|d| rule(d, start, end)));
    rules
}

fn booking(start: &str, end: &str) -> Busy {
    Busy {
        start: toronto(start),
        end: toronto(end),
    }
}

/// The usual policy (30 minutes, no buffer, 24 hours' notice, 30 days) for a Toronto firm, at most 10 a day.
fn policy() -> Policy {
    Policy::new(Toronto, 10)
}

/// The Friday before the ordinary week: far enough for the notice, near enough for the horizon.
fn friday_noon() -> DateTime<Utc> {
    toronto("2027-04-09 12:00")
}

/// Starts of the slots on one firm-local date, as "HH:MM" on the firm's wall clock.
fn starts_on(slots: &[Slot], day: &str) -> Vec<String> {
    slots
        .iter()
        .map(|s| s.start.with_timezone(&Toronto))
        .filter(|t| t.date_naive() == date(day))
        .map(|t| t.format("%H:%M").to_string())
        .collect()
}

/// Starts with their UTC offset, as "HH:MM -04:00" in `tz`.
fn with_offsets(slots: &[Slot], tz: Tz) -> Vec<String> {
    slots
        .iter()
        .map(|s| s.start.with_timezone(&tz).format("%H:%M %:z").to_string())
        .collect()
}

fn on_date(slots: &[Slot], day: &str) -> Vec<Slot> {
    slots
        .iter()
        .copied()
        .filter(|s| s.start.with_timezone(&Toronto).date_naive() == date(day))
        .collect()
}

fn utc_starts(slots: &[Slot]) -> Vec<String> {
    slots
        .iter()
        .map(|s| s.start.format("%Y-%m-%dT%H:%MZ").to_string())
        .collect()
}

fn hm(list: &[&str]) -> Vec<String> {
    list.iter().map(ToString::to_string).collect()
}

// Layout

#[test]
fn two_ranges_on_a_weekday_give_half_hours_around_lunch() {
    let rules = [
        rule(Weekday::Mon, "09:00", "12:00"),
        rule(Weekday::Mon, "13:00", "17:00"),
    ];
    let slots = free_slots(&policy(), &rules, &[], &[], friday_noon());

    assert_eq!(
        starts_on(&slots, "2027-04-12"),
        hm(&[
            "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", // morning
            "13:00", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", // afternoon
        ])
    );
    assert!(
        slots
            .iter()
            .all(|s| s.start.with_timezone(&Toronto).weekday() == Weekday::Mon)
    );
    assert!(slots.iter().all(|s| s.end - s.start == Duration::minutes(30)));
    // Mondays 12 April, 19 April, 26 April and 3 May fall within the 30 days after Friday 9 April.
    assert_eq!(slots.len(), 4 * 14);
}

#[test]
fn slots_step_by_length_plus_buffer_and_end_by_closing_time() {
    let policy = Policy {
        length: Duration::minutes(45),
        buffer: Duration::minutes(15),
        ..policy()
    };
    let rules = [rule(Weekday::Mon, "09:00", "11:30")];
    let slots = free_slots(&policy, &rules, &[], &[], friday_noon());

    // 11:00 would end at 11:45, after closing.
    assert_eq!(starts_on(&slots, "2027-04-12"), hm(&["09:00", "10:00"]));
    // The buffer is kept free between consultations, not added to them.
    assert_eq!(slots[0].end, toronto("2027-04-12 09:45"));
}

#[test]
fn a_consultation_that_would_end_exactly_at_closing_fits() {
    let rules = [rule(Weekday::Mon, "09:00", "10:15")];
    let slots = free_slots(&policy(), &rules, &[], &[], friday_noon());
    assert_eq!(starts_on(&slots, "2027-04-12"), hm(&["09:00", "09:30"]));

    let rules = [rule(Weekday::Mon, "09:00", "10:00")];
    let slots = free_slots(&policy(), &rules, &[], &[], friday_noon());
    assert_eq!(starts_on(&slots, "2027-04-12"), hm(&["09:00", "09:30"]));
}

#[test]
fn overlapping_rules_give_each_slot_once_and_in_order() {
    let rules = [
        rule(Weekday::Mon, "10:00", "12:00"),
        rule(Weekday::Mon, "09:00", "11:00"),
    ];
    let slots = free_slots(&policy(), &rules, &[], &[], friday_noon());

    assert_eq!(
        starts_on(&slots, "2027-04-12"),
        hm(&["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"])
    );
    assert!(slots.windows(2).all(|pair| pair[0] < pair[1]));
}

#[test]
fn nothing_is_offered_for_an_empty_rule_or_a_zero_length() {
    let backwards = [
        rule(Weekday::Mon, "17:00", "09:00"),
        rule(Weekday::Mon, "09:00", "09:00"),
    ];
    assert!(free_slots(&policy(), &backwards, &[], &[], friday_noon()).is_empty());

    let instant = Policy {
        length: Duration::zero(),
        ..policy()
    };
    assert!(free_slots(&instant, &weekdays("09:00", "17:00"), &[], &[], friday_noon()).is_empty());
}

#[test]
fn a_negative_buffer_counts_as_none() {
    let policy = Policy {
        buffer: Duration::minutes(-10),
        ..policy()
    };
    let slots = free_slots(
        &policy,
        &[rule(Weekday::Mon, "09:00", "10:30")],
        &[],
        &[],
        friday_noon(),
    );
    assert_eq!(starts_on(&slots, "2027-04-12"), hm(&["09:00", "09:30", "10:00"]));
}

// Notice and horizon

#[test]
fn slots_inside_the_notice_are_not_offered() {
    let now = toronto("2027-04-12 10:00");
    let slots = free_slots(&policy(), &weekdays("09:00", "12:00"), &[], &[], now);

    assert_eq!(starts_on(&slots, "2027-04-12"), Vec::<String>::new());
    // Exactly 24 hours ahead is enough.
    assert_eq!(
        starts_on(&slots, "2027-04-13"),
        hm(&["10:00", "10:30", "11:00", "11:30"])
    );
    assert_eq!(starts_on(&slots, "2027-04-14").len(), 6);
}

#[test]
fn notice_is_counted_in_real_hours_across_a_clock_change() {
    // Saturday 10:00 EST; the clocks go forward that night, so 24 hours later is Sunday 11:00 EDT.
    let now = toronto("2027-03-13 10:00");
    let slots = free_slots(&policy(), &[rule(Weekday::Sun, "09:00", "12:00")], &[], &[], now);

    assert_eq!(starts_on(&slots, "2027-03-14"), hm(&["11:00", "11:30"]));
}

#[test]
fn the_horizon_counts_firm_local_dates_from_today() {
    let policy = Policy {
        min_notice: Duration::zero(),
        horizon_days: 2,
        ..policy()
    };
    let now = toronto("2027-04-12 08:00");
    let slots = free_slots(&policy, &every_day("09:00", "10:00"), &[], &[], now);

    assert_eq!(
        utc_starts(&slots),
        hm(&[
            "2027-04-12T13:00Z",
            "2027-04-12T13:30Z", // today
            "2027-04-13T13:00Z",
            "2027-04-13T13:30Z", // today + 1
            "2027-04-14T13:00Z",
            "2027-04-14T13:30Z", // today + 2, the last date
        ])
    );

    let same_day_only = Policy {
        horizon_days: 0,
        ..policy
    };
    assert_eq!(
        free_slots(&same_day_only, &every_day("09:00", "10:00"), &[], &[], now).len(),
        2
    );
}

#[test]
fn today_is_the_firms_date_not_the_utc_date() {
    // Monday 23:30 in Toronto is already Tuesday in UTC; the firm's today is still Monday.
    let now = toronto("2027-04-12 23:30");
    assert_eq!(now, utc("2027-04-13T03:30:00Z"));
    let policy = Policy {
        min_notice: Duration::zero(),
        horizon_days: 1,
        ..policy()
    };
    let slots = free_slots(&policy, &every_day("09:00", "10:00"), &[], &[], now);

    assert_eq!(starts_on(&slots, "2027-04-13"), hm(&["09:00", "09:30"]));
    assert_eq!(slots.len(), 2, "Wednesday is beyond the horizon");
}

// Closures

#[test]
fn a_holiday_closes_the_whole_day() {
    let holiday = [Exception::closed(date("2027-04-12"))];
    let slots = free_slots(&policy(), &weekdays("09:00", "12:00"), &holiday, &[], friday_noon());

    assert!(starts_on(&slots, "2027-04-12").is_empty());
    assert_eq!(starts_on(&slots, "2027-04-13").len(), 6);
    assert_eq!(
        holiday[0],
        Exception {
            date: date("2027-04-12"),
            start: None,
            end: None
        }
    );
}

#[test]
fn blocked_hours_remove_only_the_slots_they_overlap() {
    let meeting = [Exception::blocked(date("2027-04-12"), time("10:15"), time("11:00"))];
    let slots = free_slots(&policy(), &weekdays("09:00", "12:00"), &meeting, &[], friday_noon());

    // 09:30–10:00 ends before the meeting, 11:00 starts as it ends.
    assert_eq!(
        starts_on(&slots, "2027-04-12"),
        hm(&["09:00", "09:30", "11:00", "11:30"])
    );
    assert_eq!(starts_on(&slots, "2027-04-13").len(), 6, "other dates are untouched");
}

#[test]
fn a_blocked_range_with_an_open_side_runs_to_the_edge_of_the_day() {
    let monday = date("2027-04-12");
    let rules = weekdays("09:00", "12:00");

    let from_eleven = [Exception {
        date: monday,
        start: Some(time("11:00")),
        end: None,
    }];
    let slots = free_slots(&policy(), &rules, &from_eleven, &[], friday_noon());
    assert_eq!(
        starts_on(&slots, "2027-04-12"),
        hm(&["09:00", "09:30", "10:00", "10:30"])
    );

    let until_ten = [Exception {
        date: monday,
        start: None,
        end: Some(time("10:00")),
    }];
    let slots = free_slots(&policy(), &rules, &until_ten, &[], friday_noon());
    assert_eq!(
        starts_on(&slots, "2027-04-12"),
        hm(&["10:00", "10:30", "11:00", "11:30"])
    );

    let backwards = [Exception::blocked(monday, time("11:00"), time("10:00"))];
    let slots = free_slots(&policy(), &rules, &backwards, &[], friday_noon());
    assert_eq!(
        starts_on(&slots, "2027-04-12").len(),
        6,
        "a backwards range blocks nothing"
    );

    let morning = Policy {
        length: Duration::hours(3),
        ..policy()
    };
    let slots = free_slots(&morning, &rules, &backwards, &[], friday_noon());
    assert_eq!(
        starts_on(&slots, "2027-04-12"),
        hm(&["09:00"]),
        "not even a slot that spans it"
    );
}

// Bookings

#[test]
fn a_booking_blocks_the_slot_it_overlaps_but_not_its_neighbours() {
    let busy = [booking("2027-04-12 10:00", "2027-04-12 10:30")];
    let slots = free_slots(&policy(), &weekdays("09:00", "12:00"), &[], &busy, friday_noon());

    assert_eq!(
        starts_on(&slots, "2027-04-12"),
        hm(&["09:00", "09:30", "10:30", "11:00", "11:30"])
    );
}

#[test]
fn the_buffer_keeps_time_free_after_the_booking_and_after_the_slot() {
    // Steps of 45 minutes: 09:00, 09:45, 10:30, 11:15.
    let policy = Policy {
        buffer: Duration::minutes(15),
        ..policy()
    };
    let rules = weekdays("09:00", "12:00");

    // Monday: 10:30 would start inside the booking's buffer (10:00–10:30, then 15 minutes).
    // Tuesday: 09:00–09:30 would leave only 10 minutes before the 09:40 booking.
    let busy = [
        booking("2027-04-12 10:00", "2027-04-12 10:30"),
        booking("2027-04-13 09:40", "2027-04-13 10:10"),
    ];
    let slots = free_slots(&policy, &rules, &[], &busy, friday_noon());
    assert_eq!(starts_on(&slots, "2027-04-12"), hm(&["09:00", "11:15"]));
    assert_eq!(starts_on(&slots, "2027-04-13"), hm(&["10:30", "11:15"]));
    assert_eq!(
        starts_on(&slots, "2027-04-14"),
        hm(&["09:00", "09:45", "10:30", "11:15"])
    );

    // Without a buffer, both neighbours are free.
    let slots = free_slots(
        &Policy {
            buffer: Duration::zero(),
            ..policy
        },
        &rules,
        &[],
        &busy,
        friday_noon(),
    );
    assert_eq!(
        starts_on(&slots, "2027-04-12"),
        hm(&["09:00", "09:30", "10:30", "11:00", "11:30"])
    );
    assert_eq!(
        starts_on(&slots, "2027-04-13"),
        hm(&["09:00", "10:30", "11:00", "11:30"])
    );
}

#[test]
fn a_full_day_offers_no_more_slots() {
    let policy = Policy {
        daily_cap: 2,
        ..policy()
    };
    let rules = weekdays("09:00", "17:00");

    let one = [booking("2027-04-12 09:00", "2027-04-12 09:30")];
    let slots = free_slots(&policy, &rules, &[], &one, friday_noon());
    assert_eq!(starts_on(&slots, "2027-04-12").len(), 15);

    let two = [
        booking("2027-04-12 09:00", "2027-04-12 09:30"),
        booking("2027-04-12 14:00", "2027-04-12 14:30"),
    ];
    let slots = free_slots(&policy, &rules, &[], &two, friday_noon());
    assert!(starts_on(&slots, "2027-04-12").is_empty());
    assert_eq!(starts_on(&slots, "2027-04-13").len(), 16);
}

#[test]
fn the_cap_counts_bookings_by_firm_local_date() {
    // 21:00 on Monday in Toronto is 01:00 on Tuesday in UTC: it fills Monday.
    let policy = Policy {
        daily_cap: 1,
        ..policy()
    };
    let evening = [booking("2027-04-12 21:00", "2027-04-12 21:30")];
    assert_eq!(evening[0].start, utc("2027-04-13T01:00:00Z"));
    let slots = free_slots(&policy, &weekdays("09:00", "17:00"), &[], &evening, friday_noon());

    assert!(starts_on(&slots, "2027-04-12").is_empty());
    assert_eq!(starts_on(&slots, "2027-04-13").len(), 16);
}

#[test]
fn a_cap_of_zero_offers_nothing() {
    let policy = Policy {
        daily_cap: 0,
        ..policy()
    };
    assert!(free_slots(&policy, &weekdays("09:00", "17:00"), &[], &[], friday_noon()).is_empty());
}

// Daylight saving time in Toronto

#[test]
fn spring_forward_skips_the_missing_hour() {
    // Sunday 14 March 2027: at 02:00 EST the clocks jump to 03:00 EDT.
    let now = utc("2027-03-10T12:00:00Z");
    let slots = on_date(
        &free_slots(&policy(), &[rule(Weekday::Sun, "01:00", "04:00")], &[], &[], now),
        "2027-03-14",
    );

    assert_eq!(
        with_offsets(&slots, Toronto),
        hm(&["01:00 -05:00", "01:30 -05:00", "03:00 -04:00", "03:30 -04:00"])
    );
    assert_eq!(
        utc_starts(&slots),
        hm(&[
            "2027-03-14T06:00Z",
            "2027-03-14T06:30Z",
            "2027-03-14T07:00Z",
            "2027-03-14T07:30Z"
        ])
    );
    assert!(slots.iter().all(|s| s.end - s.start == Duration::minutes(30)));
    // The 01:30 slot ends as the clocks jump: at 03:00 EDT, thirty real minutes later.
    assert_eq!(
        slots[1].end.with_timezone(&Toronto).format("%H:%M %:z").to_string(),
        "03:00 -04:00"
    );
}

#[test]
fn fall_back_offers_the_repeated_hour_once_at_its_first_occurrence() {
    // Sunday 1 November 2026: at 02:00 EDT the clocks go back to 01:00 EST, so 01:00–02:00 happens twice.
    // An ambiguous wall time is taken at its earlier instant (still EDT); the second 01:00–02:00 (EST) has no slots.
    let now = utc("2026-10-28T12:00:00Z");
    let slots = on_date(
        &free_slots(&policy(), &[rule(Weekday::Sun, "01:00", "04:00")], &[], &[], now),
        "2026-11-01",
    );

    assert_eq!(
        with_offsets(&slots, Toronto),
        hm(&[
            "01:00 -04:00",
            "01:30 -04:00",
            "02:00 -05:00",
            "02:30 -05:00",
            "03:00 -05:00",
            "03:30 -05:00"
        ])
    );
    assert_eq!(
        utc_starts(&slots),
        hm(&[
            "2026-11-01T05:00Z",
            "2026-11-01T05:30Z", // first 01:00 and 01:30 (EDT)
            "2026-11-01T07:00Z",
            "2026-11-01T07:30Z",
            "2026-11-01T08:00Z",
            "2026-11-01T08:30Z",
        ])
    );
    assert!(slots.iter().all(|s| s.end - s.start == Duration::minutes(30)));
    // The second 01:00 (EST) is not a slot.
    let second_one_oclock = utc("2026-11-01T06:00:00Z");
    assert_eq!(
        free_slot_at(
            &policy(),
            &[rule(Weekday::Sun, "01:00", "04:00")],
            &[],
            &[],
            now,
            second_one_oclock
        ),
        None
    );
}

#[test]
fn office_hours_keep_their_wall_clock_across_both_changes() {
    let rules = every_day("09:00", "17:00");

    let spring = free_slots(&policy(), &rules, &[], &[], utc("2027-03-10T12:00:00Z"));
    let saturday = on_date(&spring, "2027-03-13");
    let sunday = on_date(&spring, "2027-03-14");
    assert_eq!(utc_starts(&saturday[..1]), hm(&["2027-03-13T14:00Z"]));
    assert_eq!(utc_starts(&sunday[..1]), hm(&["2027-03-14T13:00Z"]));
    assert_eq!(
        with_offsets(&[saturday[0], sunday[0]], Toronto),
        hm(&["09:00 -05:00", "09:00 -04:00"])
    );
    assert_eq!((saturday.len(), sunday.len()), (16, 16));
    assert_eq!(with_offsets(&sunday[15..], Toronto), hm(&["16:30 -04:00"]));

    let fall = free_slots(&policy(), &rules, &[], &[], utc("2026-10-28T12:00:00Z"));
    let saturday = on_date(&fall, "2026-10-31");
    let sunday = on_date(&fall, "2026-11-01");
    assert_eq!(utc_starts(&saturday[..1]), hm(&["2026-10-31T13:00Z"]));
    assert_eq!(utc_starts(&sunday[..1]), hm(&["2026-11-01T14:00Z"]));
    assert_eq!(
        with_offsets(&[saturday[0], sunday[0]], Toronto),
        hm(&["09:00 -04:00", "09:00 -05:00"])
    );
    assert_eq!((saturday.len(), sunday.len()), (16, 16));
    assert_eq!(with_offsets(&sunday[15..], Toronto), hm(&["16:30 -05:00"]));
}

// by_day in the applicant's zone

/// Each day as "YYYY-MM-DD: HH:MM HH:MM …" in `tz`.
fn days_in(slots: &[Slot], tz: Tz) -> Vec<String> {
    by_day(slots, tz)
        .into_iter()
        .map(|(day, slots)| {
            let times: Vec<String> = slots
                .iter()
                .map(|s| s.start.with_timezone(&tz).format("%H:%M").to_string())
                .collect();
            format!("{day}: {}", times.join(" "))
        })
        .collect()
}

#[test]
fn in_kolkata_a_firm_afternoon_falls_on_the_next_date() {
    // Toronto is on EDT (UTC−4), Kolkata on IST (UTC+5:30): 14:30 in Toronto is midnight in Kolkata.
    let slots = on_date(
        &free_slots(&policy(), &weekdays("09:00", "17:00"), &[], &[], friday_noon()),
        "2027-04-12",
    );

    assert_eq!(
        days_in(&slots, Kolkata),
        hm(&[
            "2027-04-12: 18:30 19:00 19:30 20:00 20:30 21:00 21:30 22:00 22:30 23:00 23:30",
            "2027-04-13: 00:00 00:30 01:00 01:30 02:00",
        ])
    );
    assert_eq!(days_in(&slots, Toronto).len(), 1);
}

#[test]
fn in_paris_the_grouping_follows_its_own_clock_change() {
    // Saturday evening hours in Toronto (EDT since 14 March) on 27 March 2027; that night Paris goes from
    // CET (UTC+1) to CEST (UTC+2) at 01:00 UTC, so its 02:00–03:00 does not exist.
    let rules = [rule(Weekday::Sat, "18:00", "21:30")];
    let slots = free_slots(&policy(), &rules, &[], &[], utc("2027-03-20T12:00:00Z"));
    let slots = on_date(&slots, "2027-03-27");

    assert_eq!(
        days_in(&slots, Paris),
        hm(&["2027-03-27: 23:00 23:30", "2027-03-28: 00:00 00:30 01:00 01:30 03:00"])
    );
    assert_eq!(with_offsets(&slots[5..], Paris), hm(&["01:30 +01:00", "03:00 +02:00"]));
}

#[test]
fn by_day_sorts_its_input_and_keeps_nothing_for_nothing() {
    let a = Slot {
        start: toronto("2027-04-13 09:00"),
        end: toronto("2027-04-13 09:30"),
    };
    let b = Slot {
        start: toronto("2027-04-12 10:00"),
        end: toronto("2027-04-12 10:30"),
    };
    let c = Slot {
        start: toronto("2027-04-12 09:00"),
        end: toronto("2027-04-12 09:30"),
    };

    assert_eq!(
        by_day(&[a, b, c], Toronto),
        vec![(date("2027-04-12"), vec![c, b]), (date("2027-04-13"), vec![a])]
    );
    assert!(by_day(&[], Kolkata).is_empty());
}

// Slot ids

#[test]
fn a_slot_id_is_its_utc_start_and_parses_back() {
    let slot = Slot {
        start: toronto("2027-03-15 10:00"),
        end: toronto("2027-03-15 10:30"),
    };

    assert_eq!(slot.id(), "20270315T140000Z");
    assert_eq!(Slot::parse_id(&slot.id()), Some(slot.start));
    assert_eq!(Slot::parse_id("20261101T053000Z"), Some(utc("2026-11-01T05:30:00Z")));
}

#[test]
fn a_slot_id_must_be_exactly_that_form() {
    for bad in [
        "",
        "20270315T140000",
        "20270315T140000z",
        "20270315 140000Z",
        "2027-03-15T14:00:00Z",
        "20271315T140000Z",
        "20270230T140000Z",
        "20270315T250000Z",
        "+0270315T140000Z",
        " 20270315T140000Z",
        "20270315T140000Z ",
        "20270315T14000٠Z",
        "٢٠٢٧0315T140000Z",
    ] {
        assert_eq!(Slot::parse_id(bad), None, "{bad:?}");
    }
}

// free_slot_at

#[test]
fn free_slot_at_agrees_with_free_slots_every_five_minutes() {
    // Two weeks around the spring change, with a buffer, a holiday, a meeting and bookings.
    let policy = Policy {
        buffer: Duration::minutes(10),
        horizon_days: 10,
        ..policy()
    };
    let rules = [
        every_day("09:00", "12:00"),
        every_day("13:00", "17:00"),
        vec![rule(Weekday::Sun, "01:00", "04:00")],
    ]
    .concat();
    let exceptions = [
        Exception::closed(date("2027-03-15")),
        Exception::blocked(date("2027-03-16"), time("10:00"), time("11:00")),
    ];
    let busy = [
        booking("2027-03-17 09:40", "2027-03-17 10:10"),
        booking("2027-03-14 03:00", "2027-03-14 03:30"),
    ];
    let now = toronto("2027-03-10 08:20");
    let slots = free_slots(&policy, &rules, &exceptions, &busy, now);
    assert!(!slots.is_empty());

    let mut t = utc("2027-03-09T00:00:00Z");
    while t < utc("2027-03-23T00:00:00Z") {
        let expected = slots.iter().copied().find(|s| s.start == t);
        assert_eq!(
            free_slot_at(&policy, &rules, &exceptions, &busy, now, t),
            expected,
            "at {t}"
        );
        t += Duration::minutes(5);
    }
    for slot in &slots {
        assert_eq!(
            free_slot_at(&policy, &rules, &exceptions, &busy, now, slot.start),
            Some(*slot)
        );
    }
}

#[test]
fn free_slot_at_refuses_taken_early_distant_and_off_grid_starts() {
    let rules = weekdays("09:00", "12:00");
    let busy = [booking("2027-04-12 10:00", "2027-04-12 10:30")];
    let at = |start: &str| free_slot_at(&policy(), &rules, &[], &busy, friday_noon(), toronto(start));

    assert_eq!(
        at("2027-04-12 09:30"),
        Some(Slot {
            start: toronto("2027-04-12 09:30"),
            end: toronto("2027-04-12 10:00")
        })
    );
    assert_eq!(at("2027-04-12 10:00"), None, "taken");
    assert_eq!(at("2027-04-12 09:15"), None, "not on the grid");
    assert_eq!(at("2027-04-12 12:00"), None, "after hours");
    assert_eq!(at("2027-04-10 10:00"), None, "a Saturday");
    let monday_morning = toronto("2027-04-12 08:00");
    let inside_notice = free_slot_at(
        &policy(),
        &rules,
        &[],
        &busy,
        monday_morning,
        toronto("2027-04-12 09:30"),
    );
    assert_eq!(inside_notice, None, "inside the notice");
    assert_eq!(at("2027-05-10 09:00"), None, "beyond the horizon");
    assert!(at("2027-05-07 09:00").is_some(), "the last date of the horizon");
}
