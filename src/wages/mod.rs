//! Job Bank prevailing wages (domain reference §7): one edition of the official "Wages" open data read
//! from its CSV ([`parse`]), and stored whole in the caller's transaction ([`import`]). The starter
//! edition (`data/wages/`) is compiled in and loaded when no wage data exists at all
//! ([`load_starter_if_empty`]).
//!
//! The pre-screen reads what is stored through `db::wages::medians_for` and `db::wages::regions`.

mod parse;
#[cfg(test)]
mod tests;

use std::{collections::BTreeSet, fmt};

use anyhow::Context as _;
use chrono::NaiveDate;
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

pub use parse::{RowProblem, WageFileError, parse};

use crate::{
    db,
    domain::wage::{EconomicRegion, GeoLevel, WageUnit},
};

/// The starter edition's file name (its rows carry it as `source_file`).
pub const STARTER_FILE_NAME: &str = "job_bank_wages_2025_starter.csv";

/// The starter edition: the 2025 rows of the 23 NOCs the pre-screen reads (see `data/wages/README.md`).
pub static STARTER_CSV: &[u8] = include_bytes!("../../data/wages/job_bank_wages_2025_starter.csv");

/// One median of the file, checked (a row whose median is N/A is not one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WageRow {
    /// Five digits.
    pub noc: String,
    pub level: GeoLevel,
    /// The project's code (`PE`, `YT`); `None` for Canada.
    pub province: Option<&'static str>,
    /// `ER3530`; only for an economic region.
    pub er_code: Option<String>,
    /// The geography's names (the region's, the province's, or Canada).
    pub name_en: String,
    pub name_fr: String,
    /// The median in cents, exactly as written in the file.
    pub median_cents: i64,
    pub unit: WageUnit,
    /// `2023-2024`
    pub reference_period: String,
}

/// One edition of the official file, read and checked, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WageFile {
    /// `Revision_Date_Date_revision`, the same on every row.
    pub effective_date: NaiveDate,
    /// The file's name, without its folder.
    pub source_file: String,
    /// The rows with a median, in file order.
    pub medians: Vec<WageRow>,
    /// The economic regions applicants choose from: those of provinces and territories with two or
    /// more, by province, each in file order (a province's only region is its province-level row).
    pub regions: Vec<EconomicRegion>,
    /// Distinct economic region codes in the file.
    pub economic_regions: usize,
    /// Rows whose median is N/A.
    pub skipped: usize,
}

impl WageFile {
    /// Distinct NOCs with at least one median.
    pub fn nocs(&self) -> usize {
        self.medians
            .iter()
            .map(|r| r.noc.as_str())
            .collect::<BTreeSet<_>>()
            .len()
    }

    /// The reference periods of the medians, sorted: `2021, 2023-2024, 2024`.
    pub fn reference_periods(&self) -> String {
        let periods: BTreeSet<&str> = self
            .medians
            .iter()
            .map(|r| r.reference_period.as_str())
            .filter(|p| !p.is_empty())
            .collect();
        periods.into_iter().collect::<Vec<_>>().join(", ")
    }

    pub fn summary(&self) -> ImportSummary {
        ImportSummary {
            effective_date: self.effective_date,
            source_file: self.source_file.clone(),
            medians: self.medians.len(),
            nocs: self.nocs(),
            regions: self.economic_regions,
            skipped: self.skipped,
        }
    }
}

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub effective_date: NaiveDate,
    pub source_file: String,
    /// Medians stored.
    pub medians: usize,
    pub nocs: usize,
    /// Economic regions named in the file.
    pub regions: usize,
    /// Rows whose median is N/A, not stored.
    pub skipped: usize,
}

impl fmt::Display for ImportSummary {
    /// `Job Bank wages edition 2025-11-19: 1155 medians, 23 NOCs, 76 economic regions (823 N/A cells
    /// skipped) from job_bank_wages_2025_starter.csv`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Job Bank wages edition {}: {} medians, {} NOCs, {} economic regions ({} N/A cells skipped) from {}",
            self.effective_date, self.medians, self.nocs, self.regions, self.skipped, self.source_file
        )
    }
}

/// Who imports an edition (recorded on the edition and in the audit trail).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Importer {
    /// An admin, through the back office.
    Staff(Uuid),
    /// `intake wages import`.
    Cli,
    /// The starter edition, loaded at start-up into an empty database.
    Starter,
}

impl Importer {
    fn staff_user_id(self) -> Option<Uuid> {
        match self {
            Importer::Staff(id) => Some(id),
            Importer::Cli | Importer::Starter => None,
        }
    }

    fn via(self) -> &'static str {
        match self {
            Importer::Staff(_) => "back_office",
            Importer::Cli => "cli",
            Importer::Starter => "starter",
        }
    }
}

/// Stores the edition in the caller's transaction, replacing the one of the same effective date if
/// there is one, and records it in the audit trail.
#[tracing::instrument(skip_all, fields(edition = %file.effective_date))]
pub async fn import(conn: &mut PgConnection, file: &WageFile, by: Importer) -> sqlx::Result<ImportSummary> {
    let summary = file.summary();
    db::wages::store_edition(&mut *conn, file, by.staff_user_id()).await?;
    db::audit::record(
        conn,
        &db::audit::NewAuditEvent {
            staff_user_id: by.staff_user_id(),
            action: "wages.import",
            subject_type: Some("wage_edition"),
            subject_id: Some(&file.effective_date.to_string()),
            after: Some(json!({
                "source_file": summary.source_file,
                "medians": summary.medians,
                "nocs": summary.nocs,
                "regions": summary.regions,
                "skipped": summary.skipped,
            })),
            detail: Some(json!({ "via": by.via() })),
            ..Default::default()
        },
    )
    .await?;
    Ok(summary)
}

/// Loads the starter edition when no wage edition exists at all (`intake serve` and `intake migrate`
/// call this; the app itself never does, so tests start with no wage data). `None`: there was some.
pub async fn load_starter_if_empty(pool: &PgPool) -> anyhow::Result<Option<ImportSummary>> {
    let mut tx = pool.begin().await?;
    // Two processes starting at once: the second waits, then finds the first's edition.
    db::wages::lock_editions(&mut tx).await?;
    if db::wages::any_edition(&mut *tx).await? {
        return Ok(None);
    }
    let file = parse(STARTER_CSV, STARTER_FILE_NAME).context("reading the starter wage edition")?;
    let summary = import(&mut tx, &file, Importer::Starter)
        .await
        .context("storing the starter wage edition")?;
    tx.commit().await?;
    Ok(Some(summary))
}
