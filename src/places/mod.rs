//! Reference lists for the questionnaire's select fields, each labelled in English and French:
//! countries (ISO 3166-1 alpha-2), Canadian provinces and territories, and IANA time zones.
//!
//! Every list is built once, on first use, and kept sorted in a `OnceLock`: the country and
//! province lists by name in the reader's language (accents ignored, so "Émirats arabes unis"
//! sorts under E), the time zones region by region and place by place.

mod collate;
mod countries;
mod provinces;
mod time_zones;

pub use countries::{countries, country_name, is_country};
pub use provinces::{is_province, province_name, provinces};
pub use time_zones::{is_time_zone, time_zone_label, time_zone_label_at, time_zone_region, time_zones};
