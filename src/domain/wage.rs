//! Job Bank prevailing wages (domain reference §7): one imported edition of the "Wages" open data, and the
//! lookup the pre-screen uses (§7.4): the economic region, else the province or territory, else Canada, all
//! within one edition.
//!
//! Pure values: the database fills a [`MedianTable`] (`db::wages`), the pre-screen reads it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How Job Bank publishes an occupation's wages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WageUnit {
    Hourly,
    Annual,
}

impl WageUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            WageUnit::Hourly => "hourly",
            WageUnit::Annual => "annual",
        }
    }

    pub fn from_code(code: &str) -> Option<WageUnit> {
        match code {
            "hourly" => Some(WageUnit::Hourly),
            "annual" => Some(WageUnit::Annual),
            _ => None,
        }
    }
}

/// The geography a median was published for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeoLevel {
    EconomicRegion,
    Province,
    National,
}

impl GeoLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            GeoLevel::EconomicRegion => "economic_region",
            GeoLevel::Province => "province",
            GeoLevel::National => "national",
        }
    }

    pub fn from_code(code: &str) -> Option<GeoLevel> {
        match code {
            "economic_region" => Some(GeoLevel::EconomicRegion),
            "province" => Some(GeoLevel::Province),
            "national" => Some(GeoLevel::National),
            _ => None,
        }
    }
}

/// An imported edition: one yearly Job Bank update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edition {
    /// The Job Bank revision date of the edition (`Revision_Date_Date_revision`).
    pub effective_date: NaiveDate,
    pub source_file: String,
}

/// One stored median (a row of `job_bank_median`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MedianFigure {
    /// Five digits.
    pub noc: String,
    pub level: GeoLevel,
    /// The project's province code (`ON`, `PE`, `YT`); `None` for Canada.
    pub province: Option<String>,
    /// `ER3530`; only for an economic region.
    pub er_code: Option<String>,
    /// The geography's name: "Toronto", "Ontario", "Canada".
    pub area_en: String,
    pub area_fr: String,
    /// In dollars (hourly or annual, as `unit` says).
    pub median: f64,
    pub unit: WageUnit,
    /// `2023-2024`
    pub reference_period: String,
    pub effective_date: NaiveDate,
}

impl MedianFigure {
    /// The median in whole cents.
    pub fn median_cents(&self) -> i64 {
        (self.median * 100.0).round() as i64
    }

    pub fn area(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Fr => &self.area_fr,
            _ => &self.area_en,
        }
    }
}

/// An economic region of a province, as the wage file names it (the choices of `work_economic_region`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EconomicRegion {
    pub er_code: String,
    pub province: String,
    pub name_en: String,
    pub name_fr: String,
}

impl EconomicRegion {
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Fr => &self.name_fr,
            _ => &self.name_en,
        }
    }
}

/// The medians of one edition (or of none, when no wage data is imported) for the NOCs an assessment reads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MedianTable {
    /// The edition in force at the assessment date; `None`: no wage data imported (or none that early).
    pub edition: Option<Edition>,
    /// Rows of that edition only.
    pub rows: Vec<MedianFigure>,
}

impl MedianTable {
    /// §7.4: within the edition, the economic region (when given and not `unknown`), else the province, else
    /// Canada; the first median found. With no province, only Canada is looked up.
    pub fn lookup(&self, noc: &str, province: Option<&str>, region: Option<&str>) -> Option<&MedianFigure> {
        let noc = noc.trim();
        let rows = || self.rows.iter().filter(move |r| r.noc == noc);
        let region = region.filter(|r| !r.is_empty() && *r != "unknown");
        let in_region = province
            .and(region)
            .and_then(|er| rows().find(|r| r.level == GeoLevel::EconomicRegion && r.er_code.as_deref() == Some(er)));
        let in_province = || {
            province.and_then(|p| rows().find(|r| r.level == GeoLevel::Province && r.province.as_deref() == Some(p)))
        };
        let national = || rows().find(|r| r.level == GeoLevel::National);
        in_region.or_else(in_province).or_else(national)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(level: GeoLevel, province: Option<&str>, er: Option<&str>, median: f64) -> MedianFigure {
        MedianFigure {
            noc: "21232".into(),
            level,
            province: province.map(Into::into),
            er_code: er.map(Into::into),
            area_en: er.or(province).unwrap_or("Canada").into(),
            area_fr: er.or(province).unwrap_or("Canada").into(),
            median,
            unit: WageUnit::Hourly,
            reference_period: "2023-2024".into(),
            effective_date: NaiveDate::from_ymd_opt(2025, 11, 19).unwrap(),
        }
    }

    #[test]
    fn region_then_province_then_canada() {
        let table = MedianTable {
            edition: None,
            rows: vec![
                row(GeoLevel::National, None, None, 40.0),
                row(GeoLevel::Province, Some("ON"), None, 45.0),
                row(GeoLevel::EconomicRegion, Some("ON"), Some("ER3530"), 48.0),
            ],
        };
        let median = |p, r| table.lookup("21232", p, r).map(|f| f.median);
        assert_eq!(median(Some("ON"), Some("ER3530")), Some(48.0));
        // A region with no figure (N/A is not stored) falls back to the province.
        assert_eq!(median(Some("ON"), Some("ER3510")), Some(45.0));
        assert_eq!(median(Some("ON"), Some("unknown")), Some(45.0));
        assert_eq!(median(Some("ON"), None), Some(45.0));
        assert_eq!(median(Some("BC"), None), Some(40.0));
        assert_eq!(median(None, Some("ER3530")), Some(40.0));
        assert_eq!(table.lookup("21231", Some("ON"), None), None);
    }
}
