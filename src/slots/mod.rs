//! Free consultation slots, worked out from the firm's opening hours, its closures and the bookings already made.
//!
//! Pure: no clock reads and no I/O. The caller passes `now` and every list; the same inputs always give the
//! same slots, so a slot offered on one page is checked again with [`free_slot_at`] when the form comes back.
//!
//! Opening hours ([`WeeklyRule`]) and closures ([`Exception`]) are firm-local wall-clock times in
//! [`Policy::firm_tz`]. Slot starts are laid out on that wall clock, from each rule's start, every
//! `length + buffer`, while `start + length <= end`. Each wall-clock start is then turned into one instant:
//!
//! - a start that does not exist (the hour skipped when clocks spring forward) gives no slot;
//! - a start that occurs twice (the hour repeated when clocks fall back) is taken at its *earlier* occurrence,
//!   the one still on daylight time, so the repeated hour on standard time gets no slots of its own;
//! - every slot lasts exactly `length` of real time, from that instant, whatever the wall clock does meanwhile.
//!
//! The firm-local limits (a rule's end, a blocked range) are checked against the slot as laid out on the wall
//! clock, `wall start .. wall start + length`; the limits in real time (notice, bookings and their buffer) against
//! its instants. The two differ only for a slot that crosses a clock change in the night.
//!
//! For example, with hours 01:00–04:00 in America/Toronto: on 2027-03-14 (spring forward) the slots start at
//! 01:00 and 01:30 EST and 03:00 and 03:30 EDT, and the 01:30 slot ends at 03:00 EDT, thirty minutes later; on
//! 2026-11-01 (fall back) they start at 01:00 and 01:30 EDT, then 02:00, 02:30, 03:00 and 03:30 EST, leaving
//! the second 01:00–02:00 without slots.

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

/// How consultations are offered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Length of one consultation.
    pub length: Duration,
    /// Time kept free after each consultation, before the next one may start. Negative counts as zero.
    pub buffer: Duration,
    /// How long before its start a slot stops being offered.
    pub min_notice: Duration,
    /// The last bookable firm-local date is today + `horizon_days`.
    pub horizon_days: u32,
    /// The most consultations booked on one firm-local day; a day that has them all offers no more slots.
    pub daily_cap: u32,
    /// The firm's time zone: the one its opening hours and closures are written in.
    pub firm_tz: Tz,
}

impl Policy {
    /// The usual policy: 30-minute consultations, no buffer, 24 hours' notice, 30 days ahead.
    pub fn new(firm_tz: Tz, daily_cap: u32) -> Policy {
        Policy {
            length: Duration::minutes(30),
            buffer: Duration::zero(),
            min_notice: Duration::hours(24),
            horizon_days: 30,
            daily_cap,
            firm_tz,
        }
    }

    fn buffer(&self) -> Duration {
        self.buffer.max(Duration::zero())
    }
}

/// Firm-local opening hours on one weekday, `start` to `end` on the wall clock. A day may have several
/// (9:00–12:00 and 13:00–17:00). A rule whose end is not after its start is empty: hours never run past midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeeklyRule {
    pub weekday: Weekday,
    pub start: NaiveTime,
    pub end: NaiveTime,
}

/// A firm-local closure on one date.
///
/// Both times `None`: the whole day is closed (a holiday). Otherwise the wall-clock range `start..end` is blocked,
/// an open side running to the start or the end of the day. A range whose end is not after its start blocks nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exception {
    pub date: NaiveDate,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
}

impl Exception {
    /// The whole of `date` is closed.
    pub fn closed(date: NaiveDate) -> Exception {
        Exception {
            date,
            start: None,
            end: None,
        }
    }

    /// Wall-clock `start..end` on `date` is blocked.
    pub fn blocked(date: NaiveDate, start: NaiveTime, end: NaiveTime) -> Exception {
        Exception {
            date,
            start: Some(start),
            end: Some(end),
        }
    }

    fn is_whole_day(&self) -> bool {
        self.start.is_none() && self.end.is_none()
    }

    /// Whether the wall-clock range `from..to` meets the blocked range.
    fn blocks(&self, from: NaiveDateTime, to: NaiveDateTime) -> bool {
        let start = self.date.and_time(self.start.unwrap_or(NaiveTime::MIN));
        let end = match self.end {
            Some(end) => self.date.and_time(end),
            None => self.date.and_time(NaiveTime::MIN) + Days::new(1),
        };
        start < end && from < end && start < to
    }
}

/// An active booking, from its start to its own end; the policy's buffer is added here, not by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// A consultation slot.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
pub struct Slot {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

const ID_FORMAT: &str = "%Y%m%dT%H%M%SZ";

impl Slot {
    /// Stable form value for the radio button: start in UTC as `20270315T140000Z`.
    pub fn id(&self) -> String {
        self.start.format(ID_FORMAT).to_string()
    }

    /// The start named by [`Slot::id`]; `None` unless `id` is exactly that form (16 characters, a real date and time).
    pub fn parse_id(id: &str) -> Option<DateTime<Utc>> {
        let b = id.as_bytes();
        let shape_ok =
            b.len() == 16 && b[8] == b'T' && b[15] == b'Z' && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit);
        if !shape_ok {
            return None;
        }
        NaiveDateTime::parse_from_str(id, ID_FORMAT).ok().map(|t| t.and_utc())
    }
}

/// Every free slot from `now` on, in order of start.
///
/// A slot is free when it starts at or after `now + min_notice`; its firm-local date is between today (`now` in
/// the firm's zone) and today + `horizon_days`; its date is not closed and it does not overlap a blocked range;
/// `[start, end + buffer)` does not overlap any booking's `[start, end + buffer)`; and fewer than `daily_cap`
/// bookings start on its firm-local date. Rules that overlap each other give each slot once.
pub fn free_slots(
    policy: &Policy,
    rules: &[WeeklyRule],
    exceptions: &[Exception],
    busy: &[Busy],
    now: DateTime<Utc>,
) -> Vec<Slot> {
    let ctx = Context::new(policy, busy, now);
    let mut slots: Vec<Slot> = ctx
        .dates()
        .flat_map(|date| ctx.slots_on(date, rules, exceptions, None))
        .collect();
    slots.sort_unstable();
    slots.dedup();
    slots
}

/// The slot starting at `start` if it is free now (same rules as [`free_slots`]).
pub fn free_slot_at(
    policy: &Policy,
    rules: &[WeeklyRule],
    exceptions: &[Exception],
    busy: &[Busy],
    now: DateTime<Utc>,
    start: DateTime<Utc>,
) -> Option<Slot> {
    let ctx = Context::new(policy, busy, now);
    // A slot's firm-local date is the date its start shows on the firm's wall clock.
    let wall = start.with_timezone(&policy.firm_tz).naive_local();
    let date = wall.date();
    if !ctx.in_horizon(date) {
        return None;
    }
    // A wall-clock start that becomes `start` shows `wall` on the firm's clock: only that one is checked.
    ctx.slots_on(date, rules, exceptions, Some(wall))
        .find(|slot| slot.start == start)
}

/// Slots grouped by local date in `tz` (the applicant's zone), days and slots in order.
pub fn by_day(slots: &[Slot], tz: Tz) -> Vec<(NaiveDate, Vec<Slot>)> {
    let mut days: BTreeMap<NaiveDate, Vec<Slot>> = BTreeMap::new();
    for slot in slots {
        days.entry(slot.start.with_timezone(&tz).date_naive())
            .or_default()
            .push(*slot);
    }
    days.into_iter()
        .map(|(date, mut slots)| {
            slots.sort_unstable();
            (date, slots)
        })
        .collect()
}

/// What every date's layout needs, computed once per call.
struct Context<'a> {
    policy: &'a Policy,
    busy: &'a [Busy],
    earliest: DateTime<Utc>,
    today: NaiveDate,
    last: NaiveDate,
    booked_per_day: HashMap<NaiveDate, u32>,
}

impl<'a> Context<'a> {
    fn new(policy: &'a Policy, busy: &'a [Busy], now: DateTime<Utc>) -> Context<'a> {
        let today = now.with_timezone(&policy.firm_tz).date_naive();
        let mut booked_per_day: HashMap<NaiveDate, u32> = HashMap::new();
        for b in busy {
            *booked_per_day
                .entry(b.start.with_timezone(&policy.firm_tz).date_naive())
                .or_default() += 1;
        }
        Context {
            policy,
            busy,
            earliest: now + policy.min_notice,
            today,
            last: today
                .checked_add_days(Days::new(policy.horizon_days.into()))
                .unwrap_or(NaiveDate::MAX),
            booked_per_day,
        }
    }

    fn dates(&self) -> impl Iterator<Item = NaiveDate> + use<'_> {
        self.today.iter_days().take_while(|date| *date <= self.last)
    }

    fn in_horizon(&self, date: NaiveDate) -> bool {
        (self.today..=self.last).contains(&date)
    }

    /// The free slots on one firm-local date, in the order the rules give them; with `only`, just those laid
    /// out at that wall-clock time.
    fn slots_on<'s>(
        &'s self,
        date: NaiveDate,
        rules: &'s [WeeklyRule],
        exceptions: &'s [Exception],
        only: Option<NaiveDateTime>,
    ) -> impl Iterator<Item = Slot> + 's {
        let exceptions_on_date = move || exceptions.iter().filter(move |e| e.date == date);
        let open = self.booked_per_day.get(&date).copied().unwrap_or(0) < self.policy.daily_cap
            && !exceptions_on_date().any(Exception::is_whole_day);
        rules
            .iter()
            .filter(move |rule| open && rule.weekday == date.weekday())
            .flat_map(move |rule| self.wall_starts(date, rule))
            .filter(move |wall_start| only.is_none_or(|only| *wall_start == only))
            .filter_map(move |wall_start| {
                let start = self
                    .policy
                    .firm_tz
                    .from_local_datetime(&wall_start)
                    .earliest()?
                    .to_utc();
                let slot = Slot {
                    start,
                    end: start + self.policy.length,
                };
                let blocked = exceptions_on_date().any(|e| e.blocks(wall_start, wall_start + self.policy.length));
                (slot.start >= self.earliest && !blocked && !self.overlaps_booking(&slot)).then_some(slot)
            })
    }

    /// Wall-clock starts under one rule on `date`: from the rule's start, every `length + buffer`, while the
    /// consultation still ends by the rule's end.
    fn wall_starts(&self, date: NaiveDate, rule: &WeeklyRule) -> impl Iterator<Item = NaiveDateTime> + use<> {
        let length = self.policy.length;
        let step = length + self.policy.buffer();
        let end = date.and_time(rule.end);
        let first = (length > Duration::zero()).then(|| date.and_time(rule.start));
        std::iter::successors(first, move |t| t.checked_add_signed(step))
            .take_while(move |t| t.checked_add_signed(length).is_some_and(|t_end| t_end <= end))
    }

    fn overlaps_booking(&self, slot: &Slot) -> bool {
        let buffer = self.policy.buffer();
        self.busy
            .iter()
            .any(|b| slot.start < b.end + buffer && b.start < slot.end + buffer)
    }
}
