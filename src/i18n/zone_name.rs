//! Placeholder until the ICU4X zone names land (replaced on merge).

use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use super::Lang;

pub fn zone_name(_lang: Lang, tz: Tz, at: DateTime<Utc>) -> String {
    let seconds = tz.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc();
    format!("{}, GMT{:+}", tz.name(), seconds / 3600)
}
