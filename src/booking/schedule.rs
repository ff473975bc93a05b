//! The firm's schedule as it stands now: the availability settings, each consultant's calendar (their
//! weekly hours, or the firm's when they have none of their own; the firm's closures, the statutory
//! holidays and their own time off; their bookings), read in one place for the slot engine
//! (`crate::slots`), the booking pages and the staff pages.
//!
//! A time is free when at least one suitable consultant (active, speaking the consultation's
//! language, taking the pathway, or the one named) is free then; [`Free`] says who.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use uuid::Uuid;

use crate::{
    context::AppContext,
    db::{self, bookings::Held, consultants::Consultant},
    error::AppError,
    holidays,
    slots::{self, Busy, Exception, Policy, Slot, WeeklyRule},
};

/// What the applicant (or staff member) asks of a consultant.
#[derive(Debug, Clone, Copy, Default)]
pub struct Want<'a> {
    /// The consultation's language (`en`, `fr`, `es`); `None`: any.
    pub language: Option<&'a str>,
    /// The pathway's code (`gts`, `cusma`, `ict`); `None`: any.
    pub pathway: Option<&'a str>,
    /// One named consultant; `None`: any suitable one.
    pub consultant: Option<Uuid>,
}

/// One consultant's calendar.
pub struct Calendar {
    pub consultant: Consultant,
    pub policy: Policy,
    pub rules: Vec<WeeklyRule>,
    pub exceptions: Vec<Exception>,
    pub busy: Vec<Held>,
}

impl Calendar {
    fn busy(&self) -> Vec<Busy> {
        self.busy
            .iter()
            .map(|b| Busy {
                start: b.starts_at,
                end: b.ends_at,
            })
            .collect()
    }

    fn suits(&self, want: &Want<'_>) -> bool {
        let c = &self.consultant;
        c.active
            && want.language.is_none_or(|l| c.speaks(l))
            && want.pathway.is_none_or(|p| c.takes(p))
            && want.consultant.is_none_or(|id| id == c.consultant_id)
    }
}

/// A free time and the consultants free then, in the order they were loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Free {
    pub slot: Slot,
    pub consultants: Vec<Uuid>,
}

/// A statutory holiday within the horizon, and whether an admin reopened it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayDay {
    pub date: NaiveDate,
    pub key: &'static str,
    pub reopened: bool,
}

pub struct Schedule {
    /// The settings, hours and exceptions as stored (the staff pages list them).
    pub stored: db::availability::Settings,
    pub rule_rows: Vec<db::availability::Rule>,
    /// Exceptions from yesterday on (firm-local days), soonest first.
    pub exception_rows: Vec<db::availability::Exception>,
    /// The firm's policy; each calendar has it with its own daily cap.
    pub policy: Policy,
    pub calendars: Vec<Calendar>,
    /// Statutory holidays from today to the horizon's end.
    pub holidays: Vec<HolidayDay>,
    pub buffer_minutes: i32,
    /// Applicants may move or cancel up to this long before their consultation.
    pub cancel_cutoff: Duration,
}

impl Schedule {
    pub async fn load(app: &AppContext) -> Result<Schedule, AppError> {
        let busy = db::bookings::busy(&app.pool, Utc::now() - Duration::days(1)).await?;
        Schedule::with_busy(app, busy).await
    }

    /// The same, with only the bookings that bear on a slot starting at `start`: [`Schedule::free_at`]
    /// answers as with [`Schedule::load`] for that start, without reading every booking ahead.
    /// A booking bears on it when it starts on the slot's firm-local day (the daily cap) or overlaps it
    /// with their buffers; both start within two days of `start` (consultations and buffers last hours).
    pub async fn load_for(app: &AppContext, start: DateTime<Utc>) -> Result<Schedule, AppError> {
        let busy = db::bookings::busy_between(&app.pool, start - Duration::days(2), start + Duration::days(2)).await?;
        Schedule::with_busy(app, busy).await
    }

    async fn with_busy(app: &AppContext, busy: Vec<Held>) -> Result<Schedule, AppError> {
        let loaded = db::availability::load(&app.pool).await?;
        Ok(Schedule::from_loaded(
            loaded,
            busy,
            app.settings.firm_time_zone,
            Utc::now(),
        ))
    }

    /// The schedule of what was read, at `now`.
    pub fn from_loaded(
        loaded: db::availability::Loaded,
        busy: Vec<Held>,
        firm_tz: chrono_tz::Tz,
        now: DateTime<Utc>,
    ) -> Schedule {
        let stored = loaded.settings;
        let policy = Policy {
            length: Duration::minutes(i64::from(stored.consultation_minutes)),
            buffer: Duration::minutes(i64::from(stored.buffer_minutes)),
            min_notice: Duration::hours(i64::from(stored.min_notice_hours)),
            horizon_days: u32::try_from(stored.horizon_days).unwrap_or(30),
            daily_cap: u32::try_from(stored.daily_cap).unwrap_or(8),
            firm_tz,
        };
        let holidays = holidays_within(&stored, &loaded.reopened, &policy, now);
        let closed: Vec<Exception> = holidays
            .iter()
            .filter(|h| !h.reopened)
            .map(|h| Exception::closed(h.date))
            .collect();
        let rule = |r: &db::availability::Rule| {
            let weekday = Weekday::try_from(u8::try_from(r.weekday - 1).ok()?).ok()?;
            Some(WeeklyRule {
                weekday,
                start: r.start_time,
                end: r.end_time,
            })
        };
        let exception = |e: &db::availability::Exception| Exception {
            date: e.day,
            start: e.start_time,
            end: e.end_time,
        };
        let firm_rules: Vec<WeeklyRule> = loaded
            .rules
            .iter()
            .filter(|r| r.consultant_id.is_none())
            .filter_map(rule)
            .collect();
        let calendars = loaded
            .consultants
            .into_iter()
            .map(|consultant| {
                let id = Some(consultant.consultant_id);
                let own: Vec<WeeklyRule> = loaded
                    .rules
                    .iter()
                    .filter(|r| r.consultant_id == id)
                    .filter_map(rule)
                    .collect();
                let mut exceptions: Vec<Exception> = loaded
                    .exceptions
                    .iter()
                    .filter(|e| e.consultant_id.is_none() || e.consultant_id == id)
                    .map(exception)
                    .collect();
                exceptions.extend_from_slice(&closed);
                Calendar {
                    policy: Policy {
                        daily_cap: u32::try_from(consultant.daily_cap).unwrap_or(policy.daily_cap),
                        ..policy.clone()
                    },
                    rules: if own.is_empty() { firm_rules.clone() } else { own },
                    exceptions,
                    busy: busy
                        .iter()
                        .filter(|b| b.consultant_id == consultant.consultant_id)
                        .copied()
                        .collect(),
                    consultant,
                }
            })
            .collect();
        Schedule {
            buffer_minutes: stored.buffer_minutes,
            cancel_cutoff: Duration::hours(i64::from(stored.cancel_cutoff_hours)),
            policy,
            calendars,
            holidays,
            stored,
            rule_rows: loaded.rules,
            exception_rows: loaded.exceptions,
        }
    }

    fn suitable<'s>(&'s self, want: &'s Want<'_>) -> impl Iterator<Item = &'s Calendar> + 's {
        self.calendars.iter().filter(move |c| c.suits(want))
    }

    /// Every free time from `now` on for `want`, in order, with who is free then.
    pub fn free(&self, now: DateTime<Utc>, want: &Want<'_>) -> Vec<Free> {
        let mut times: BTreeMap<Slot, Vec<Uuid>> = BTreeMap::new();
        for calendar in self.suitable(want) {
            let busy = calendar.busy();
            for slot in slots::free_slots(&calendar.policy, &calendar.rules, &calendar.exceptions, &busy, now) {
                times.entry(slot).or_default().push(calendar.consultant.consultant_id);
            }
        }
        times
            .into_iter()
            .map(|(slot, consultants)| Free { slot, consultants })
            .collect()
    }

    /// The time starting at `start` if some suitable consultant is still free then, with who is.
    pub fn free_at(&self, now: DateTime<Utc>, start: DateTime<Utc>, want: &Want<'_>) -> Option<Free> {
        let mut found: Option<Free> = None;
        for calendar in self.suitable(want) {
            let busy = calendar.busy();
            if let Some(slot) = slots::free_slot_at(
                &calendar.policy,
                &calendar.rules,
                &calendar.exceptions,
                &busy,
                now,
                start,
            ) {
                found
                    .get_or_insert_with(|| Free {
                        slot,
                        consultants: Vec::new(),
                    })
                    .consultants
                    .push(calendar.consultant.consultant_id);
            }
        }
        found
    }

    /// The same schedule without booking `booking_id` (the one being moved).
    pub fn without(mut self, booking_id: Uuid) -> Schedule {
        for calendar in &mut self.calendars {
            calendar.busy.retain(|b| b.booking_id != booking_id);
        }
        self
    }

    /// Whether a consultation starting at `start` is past the applicant's cut-off at `now`.
    pub fn past_cutoff(&self, start: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        start - self.cancel_cutoff <= now
    }

    /// The active consultants, as loaded.
    pub fn consultants(&self) -> impl Iterator<Item = &Consultant> {
        self.calendars.iter().map(|c| &c.consultant).filter(|c| c.active)
    }

    /// The consultant with id `id`, active or not.
    pub fn consultant(&self, id: Uuid) -> Option<&Consultant> {
        self.calendars
            .iter()
            .map(|c| &c.consultant)
            .find(|c| c.consultant_id == id)
    }

    /// The languages at least one active consultant taking `pathway` consults in, in the order `en`,
    /// `fr`, `es`.
    pub fn languages(&self, pathway: Option<&str>) -> Vec<&'static str> {
        ["en", "fr", "es"]
            .into_iter()
            .filter(|l| {
                self.consultants()
                    .any(|c| c.speaks(l) && pathway.is_none_or(|p| c.takes(p)))
            })
            .collect()
    }
}

/// The jurisdiction's statutory holidays from today (firm-local) to the horizon's end.
fn holidays_within(
    stored: &db::availability::Settings,
    reopened: &[NaiveDate],
    policy: &Policy,
    now: DateTime<Utc>,
) -> Vec<HolidayDay> {
    let Some(jurisdiction) = stored.holidays.as_deref() else {
        return Vec::new();
    };
    let today = now.with_timezone(&policy.firm_tz).date_naive();
    let last = today + Duration::days(i64::from(policy.horizon_days));
    let easter = match stored.quebec_easter.as_str() {
        "easter_monday" => holidays::QuebecEaster::EasterMonday,
        "both" => holidays::QuebecEaster::Both,
        _ => holidays::QuebecEaster::GoodFriday,
    };
    (today.year()..=last.year())
        .flat_map(|year| holidays::statutory_with(jurisdiction, year, easter))
        .filter(|h| (today..=last).contains(&h.date))
        .map(|h| HolidayDay {
            date: h.date,
            key: h.key,
            reopened: reopened.contains(&h.date),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveTime, TimeZone};
    use chrono_tz::America::Toronto;

    use super::*;
    use crate::db::availability::{Loaded, Rule, Settings};

    fn consultant(n: u128, languages: &[&str], pathways: &[&str]) -> Consultant {
        Consultant {
            consultant_id: Uuid::from_u128(n),
            staff_user_id: None,
            name: format!("C{n}"),
            email: String::new(),
            languages: languages.iter().map(|s| (*s).to_owned()).collect(),
            pathways: pathways.iter().map(|s| (*s).to_owned()).collect(),
            daily_cap: 8,
            video_link: String::new(),
            phone: String::new(),
            regulator: String::new(),
            licence_number: String::new(),
            active: true,
        }
    }

    fn t(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    fn rule(weekday: i32, start: &str, end: &str, consultant_id: Option<u128>) -> Rule {
        Rule {
            availability_rule_id: Uuid::nil(),
            weekday,
            start_time: t(start),
            end_time: t(end),
            consultant_id: consultant_id.map(Uuid::from_u128),
        }
    }

    fn loaded(consultants: Vec<Consultant>, rules: Vec<Rule>, holidays: Option<&str>) -> Loaded {
        Loaded {
            settings: Settings {
                consultation_minutes: 30,
                buffer_minutes: 0,
                min_notice_hours: 0,
                horizon_days: 30,
                daily_cap: 8,
                cancel_cutoff_hours: 12,
                holidays: holidays.map(str::to_owned),
                quebec_easter: "good_friday".to_owned(),
            },
            rules,
            exceptions: Vec::new(),
            consultants,
            reopened: Vec::new(),
        }
    }

    fn toronto(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Toronto
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .earliest()
            .unwrap()
            .to_utc()
    }

    /// Monday 7 December 2026, 08:00 in Toronto.
    fn now() -> DateTime<Utc> {
        toronto(2026, 12, 7, 8, 0)
    }

    fn ids(free: &Free) -> Vec<u128> {
        free.consultants.iter().map(|c| c.as_u128()).collect()
    }

    #[test]
    fn a_time_is_free_while_one_suitable_consultant_is_and_says_who() {
        // 1 follows the firm's hours (Monday 9–10); 2 has hours of their own (Monday 9:30–11).
        let schedule = Schedule::from_loaded(
            loaded(
                vec![
                    consultant(1, &["en"], &["gts"]),
                    consultant(2, &["en", "fr"], &["gts", "ict"]),
                ],
                vec![rule(1, "09:00", "10:00", None), rule(1, "09:30", "11:00", Some(2))],
                None,
            ),
            Vec::new(),
            Toronto,
            now(),
        );
        let any = Want::default();
        let monday: Vec<(DateTime<Utc>, Vec<u128>)> = schedule
            .free(now(), &any)
            .iter()
            .filter(|f| f.slot.start < toronto(2026, 12, 8, 0, 0))
            .map(|f| (f.slot.start, ids(f)))
            .collect();
        assert_eq!(
            monday,
            [
                (toronto(2026, 12, 7, 9, 0), vec![1]),
                (toronto(2026, 12, 7, 9, 30), vec![1, 2]),
                (toronto(2026, 12, 7, 10, 0), vec![2]),
                (toronto(2026, 12, 7, 10, 30), vec![2]),
            ]
        );
        let french = Want {
            language: Some("fr"),
            ..Want::default()
        };
        assert_eq!(
            ids(&schedule.free_at(now(), toronto(2026, 12, 7, 9, 30), &french).unwrap()),
            [2]
        );
        assert!(schedule.free_at(now(), toronto(2026, 12, 7, 9, 0), &french).is_none());
        let ict = Want {
            pathway: Some("ict"),
            ..Want::default()
        };
        assert!(schedule.free_at(now(), toronto(2026, 12, 7, 9, 0), &ict).is_none());
        let named = Want {
            consultant: Some(Uuid::from_u128(1)),
            ..Want::default()
        };
        assert!(schedule.free_at(now(), toronto(2026, 12, 7, 10, 0), &named).is_none());
        assert_eq!(schedule.languages(Some("gts")), ["en", "fr"]);
        assert_eq!(schedule.languages(Some("ict")), ["en", "fr"]);
        assert_eq!(schedule.languages(Some("cusma")), Vec::<&str>::new());
    }

    #[test]
    fn one_consultants_booking_and_daily_cap_leave_the_others_free() {
        let mut capped = consultant(2, &["en"], &["gts"]);
        capped.daily_cap = 1;
        let busy = vec![Held {
            booking_id: Uuid::from_u128(9),
            consultant_id: Uuid::from_u128(1),
            starts_at: toronto(2026, 12, 7, 9, 0),
            ends_at: toronto(2026, 12, 7, 9, 30),
        }];
        let schedule = Schedule::from_loaded(
            loaded(
                vec![consultant(1, &["en"], &["gts"]), capped],
                vec![rule(1, "09:00", "10:00", None)],
                None,
            ),
            busy.clone(),
            Toronto,
            now(),
        );
        let nine = toronto(2026, 12, 7, 9, 0);
        assert_eq!(ids(&schedule.free_at(now(), nine, &Want::default()).unwrap()), [2]);
        // Moving the booking itself: its own time is free for it again.
        let without = Schedule::from_loaded(
            loaded(
                vec![consultant(1, &["en"], &["gts"]), consultant(2, &["en"], &["gts"])],
                vec![rule(1, "09:00", "10:00", None)],
                None,
            ),
            busy.clone(),
            Toronto,
            now(),
        )
        .without(Uuid::from_u128(9));
        assert_eq!(ids(&without.free_at(now(), nine, &Want::default()).unwrap()), [1, 2]);
        // Consultant 2's cap of one a day, reached: only 1 is free on Monday at 9:30.
        let mut full = busy;
        full.push(Held {
            booking_id: Uuid::from_u128(10),
            consultant_id: Uuid::from_u128(2),
            starts_at: toronto(2026, 12, 7, 9, 0),
            ends_at: toronto(2026, 12, 7, 9, 30),
        });
        let mut capped = consultant(2, &["en"], &["gts"]);
        capped.daily_cap = 1;
        let schedule = Schedule::from_loaded(
            loaded(
                vec![consultant(1, &["en"], &["gts"]), capped],
                vec![rule(1, "09:00", "10:00", None)],
                None,
            ),
            full,
            Toronto,
            now(),
        );
        assert_eq!(
            ids(&schedule
                .free_at(now(), toronto(2026, 12, 7, 9, 30), &Want::default())
                .unwrap()),
            [1]
        );
    }

    #[test]
    fn statutory_holidays_close_every_calendar_until_reopened() {
        // Christmas Day 2026 is a Friday; Boxing Day a Saturday (Ontario keeps it on the Saturday).
        let hours = || vec![rule(5, "09:00", "10:00", None)];
        let christmas = toronto(2026, 12, 25, 9, 0);
        let closed = Schedule::from_loaded(
            loaded(vec![consultant(1, &["en"], &["gts"])], hours(), Some("ON")),
            Vec::new(),
            Toronto,
            now(),
        );
        assert!(closed.free_at(now(), christmas, &Want::default()).is_none());
        assert!(
            closed
                .free_at(now(), toronto(2026, 12, 18, 9, 0), &Want::default())
                .is_some()
        );
        let listed: Vec<(String, &str, bool)> = closed
            .holidays
            .iter()
            .map(|h| (h.date.to_string(), h.key, h.reopened))
            .collect();
        assert!(
            listed.contains(&("2026-12-25".to_owned(), "christmas-day", false)),
            "{listed:?}"
        );
        // Reopened by an admin.
        let mut reopened = loaded(vec![consultant(1, &["en"], &["gts"])], hours(), Some("ON"));
        reopened.reopened = vec![christmas.with_timezone(&Toronto).date_naive()];
        let open = Schedule::from_loaded(reopened, Vec::new(), Toronto, now());
        assert!(open.free_at(now(), christmas, &Want::default()).is_some());
        // No jurisdiction: no holiday closes anything by itself.
        let none = Schedule::from_loaded(
            loaded(vec![consultant(1, &["en"], &["gts"])], hours(), None),
            Vec::new(),
            Toronto,
            now(),
        );
        assert!(none.free_at(now(), christmas, &Want::default()).is_some());
        assert!(none.holidays.is_empty());
    }

    #[test]
    fn easter_monday_closes_where_the_province_observes_it() {
        // Easter 2027: Good Friday 26 March, Easter Monday 29 March.
        let start = toronto(2027, 3, 1, 8, 0);
        let good_friday = toronto(2027, 3, 26, 9, 0);
        let easter_monday = toronto(2027, 3, 29, 9, 0);
        let open = |jurisdiction: &str, easter: &str| {
            let mut data = loaded(
                vec![consultant(1, &["en"], &["gts"])],
                vec![rule(1, "09:00", "10:00", None), rule(5, "09:00", "10:00", None)],
                Some(jurisdiction),
            );
            data.settings.quebec_easter = easter.to_owned();
            let schedule = Schedule::from_loaded(data, Vec::new(), Toronto, start);
            (
                schedule.free_at(start, good_friday, &Want::default()).is_some(),
                schedule.free_at(start, easter_monday, &Want::default()).is_some(),
            )
        };
        assert_eq!(open("ON", "good_friday"), (false, true), "Ontario: Good Friday only");
        assert_eq!(
            open("ON", "easter_monday"),
            (false, true),
            "the Quebec choice is Quebec's"
        );
        assert_eq!(open("QC", "good_friday"), (false, true));
        assert_eq!(
            open("QC", "easter_monday"),
            (true, false),
            "Quebec, the firm observing Easter Monday"
        );
        assert_eq!(open("QC", "both"), (false, false));
    }

    #[test]
    fn consultants_share_the_firms_clock_changes() {
        // Sunday 14 March 2027, clocks spring forward at 02:00 in Toronto: 01:00, 01:30, then 03:00.
        let early = toronto(2027, 3, 8, 8, 0);
        let schedule = Schedule::from_loaded(
            loaded(
                vec![consultant(1, &["en"], &["gts"]), consultant(2, &["en"], &["gts"])],
                vec![rule(7, "01:00", "04:00", None)],
                None,
            ),
            Vec::new(),
            Toronto,
            early,
        );
        let sunday: Vec<(String, usize)> = schedule
            .free(early, &Want::default())
            .iter()
            .filter(|f| f.slot.start.with_timezone(&Toronto).date_naive().to_string() == "2027-03-14")
            .map(|f| {
                (
                    f.slot.start.with_timezone(&Toronto).format("%H:%M %Z").to_string(),
                    f.consultants.len(),
                )
            })
            .collect();
        assert_eq!(
            sunday,
            [
                ("01:00 EST".to_owned(), 2),
                ("01:30 EST".to_owned(), 2),
                ("03:00 EDT".to_owned(), 2),
                ("03:30 EDT".to_owned(), 2)
            ]
        );
    }
}
