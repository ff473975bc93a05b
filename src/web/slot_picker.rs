//! The slot picker's view (`templates/macros/slots.html`): free times grouped by day in the
//! applicant's zone, each with the firm's time beside it. The booking page and the manage page
//! show it alike.

use chrono_tz::Tz;

use crate::{
    i18n::{Lang, when},
    slots::{self, Slot},
};

/// One free time.
pub struct SlotView {
    pub id: String,
    /// The first time of the picker: its radio gets the field's id, for the error summary's link.
    pub first: bool,
    /// "10:00–10:30" in the applicant's zone.
    pub local: String,
    /// "16:00 firm time".
    pub firm: String,
    pub checked: bool,
}

/// A day's free times, under the day written out.
pub struct DayView {
    pub heading: String,
    pub slots: Vec<SlotView>,
}

/// The picker's days for `free` times, in `zone`, with slot `chosen` (an id, or empty) checked.
pub fn days(lang: Lang, free: &[Slot], zone: Tz, firm: Tz, chosen: &str) -> Vec<DayView> {
    let mut days: Vec<DayView> = slots::by_day(free, zone)
        .into_iter()
        .map(|(date, day)| DayView {
            heading: when::date(lang, date),
            slots: day
                .iter()
                .map(|s| {
                    let id = s.id();
                    SlotView {
                        first: false,
                        local: when::time_range(lang, s.start, s.end, zone),
                        firm: lang.t_args(
                            "booking-firm-time",
                            &[("time", when::time(lang, s.start.with_timezone(&firm).time()))],
                        ),
                        checked: id == chosen,
                        id,
                    }
                })
                .collect(),
        })
        .collect();
    if let Some(first) = days.first_mut().and_then(|d| d.slots.first_mut()) {
        first.first = true;
    }
    days
}
