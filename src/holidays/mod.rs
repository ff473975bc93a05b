//! Placeholder until the holidays module lands (replaced by the full module on merge).

use chrono::NaiveDate;

pub struct Holiday {
    pub date: NaiveDate,
    pub key: &'static str,
}

pub fn statutory(_jurisdiction: &str, _year: i32) -> Vec<Holiday> {
    Vec::new()
}

pub fn is_jurisdiction(code: &str) -> bool {
    code == "CA" || crate::places::is_province(code)
}
