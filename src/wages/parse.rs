//! Reading the official CSV (domain reference §7.2): the columns we use, found by name; the others,
//! whose set varies by edition, ignored.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::NaiveDate;

use super::{WageFile, WageRow};
use crate::domain::wage::{EconomicRegion, GeoLevel, WageUnit};

const NOC: &str = "NOC_CNP";
const TITLE_EN: &str = "NOC_Title_eng";
const TITLE_FR: &str = "NOC_Title_fra";
const PROV: &str = "prov";
const ER_CODE: &str = "ER_Code_Code_RE";
const ER_NAME_EN: &str = "ER_Name";
const ER_NAME_FR: &str = "Nom_RE";
const MEDIAN: &str = "Median_Wage_Salaire_Median";
const ANNUAL_FLAG: &str = "Annual_Wage_Flag_Salaire_annuel";
const REFERENCE_PERIOD: &str = "Reference_Period";
const REVISION_DATE: &str = "Revision_Date_Date_revision";

/// The columns the importer reads, in the order it reports missing ones.
pub const REQUIRED_COLUMNS: [&str; 11] = [
    NOC,
    TITLE_EN,
    TITLE_FR,
    PROV,
    ER_CODE,
    ER_NAME_EN,
    ER_NAME_FR,
    MEDIAN,
    ANNUAL_FLAG,
    REFERENCE_PERIOD,
    REVISION_DATE,
];

/// Provinces and territories: the project's code, the codes the file may use, and the two digits of
/// their economic region codes (Statistics Canada's province codes).
const PROVINCES: [(&str, &[&str], &str); 13] = [
    ("NL", &["NL"], "10"),
    ("PE", &["PEI", "PE"], "11"),
    ("NS", &["NS"], "12"),
    ("NB", &["NB"], "13"),
    ("QC", &["QC"], "24"),
    ("ON", &["ON"], "35"),
    ("MB", &["MB"], "46"),
    ("SK", &["SK"], "47"),
    ("AB", &["AB"], "48"),
    ("BC", &["BC"], "59"),
    ("YT", &["YK", "YT"], "60"),
    ("NT", &["NWT", "NT"], "61"),
    ("NU", &["NU"], "62"),
];

/// Why a file cannot be imported. `Display` is one line of English (the command line's message);
/// the back office shows [`WageFileError::summary_key`] and [`WageFileError::detail`] translated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WageFileError {
    #[error("missing column{} {}", if .0.len() > 1 { "s" } else { "" }, .0.join(", "))]
    MissingColumns(Vec<&'static str>),
    #[error("line {line}: {problem}")]
    Row { line: u64, problem: RowProblem },
    #[error("one edition per file: line {line} has the revision date {found}, the first row {first}")]
    MixedDates {
        line: u64,
        first: NaiveDate,
        found: NaiveDate,
    },
    #[error("the file has no wage rows")]
    Empty,
}

/// What is wrong with one line. Values are quoted shortened, with control characters escaped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowProblem {
    #[error("not text in UTF-8 (save the file as UTF-8)")]
    NotText,
    #[error("{found} fields where the header has {expected}")]
    FieldCount { expected: u64, found: u64 },
    #[error("not readable as CSV")]
    NotCsv,
    #[error("{NOC} {0} is not NOC_ and 5 digits")]
    Noc(String),
    #[error("{PROV} {0} is not a province or territory code, nor NAT")]
    Province(String),
    #[error("{ER_CODE} {0} is not ER00, nor ER and 2 or 4 digits")]
    RegionCode(String),
    #[error("{ER_CODE} {code} does not belong to {PROV} {province}")]
    RegionProvince { code: String, province: String },
    #[error("the region has no name ({ER_NAME_EN}, {ER_NAME_FR})")]
    RegionName,
    #[error("{MEDIAN} {0} is not an amount like 48.25")]
    Median(String),
    #[error("{ANNUAL_FLAG} {0} is neither 0 nor 1")]
    AnnualFlag(String),
    #[error("{REVISION_DATE} {0} is not a date like 2025-11-19")]
    RevisionDate(String),
    #[error("a second median for NOC {noc} in {place}")]
    Duplicate { noc: String, place: String },
}

impl WageFileError {
    /// The i18n key of the error summary's line.
    pub fn summary_key(&self) -> &'static str {
        match self {
            WageFileError::MissingColumns(_) => "err-wages-file-columns",
            WageFileError::Row {
                problem: RowProblem::NotText | RowProblem::NotCsv | RowProblem::FieldCount { .. },
                ..
            } => "err-wages-file-unreadable",
            WageFileError::Row { .. } => "err-wages-file-row",
            WageFileError::MixedDates { .. } => "err-wages-file-editions",
            WageFileError::Empty => "err-wages-file-empty",
        }
    }

    /// The i18n key and arguments of the details shown under the field.
    pub fn detail(&self) -> (&'static str, Vec<(&'static str, String)>) {
        match self {
            WageFileError::MissingColumns(columns) => ("wages-problem-columns", vec![("columns", columns.join(", "))]),
            WageFileError::MixedDates { line, first, found } => (
                "wages-problem-dates",
                vec![
                    ("line", line.to_string()),
                    ("found", found.to_string()),
                    ("first", first.to_string()),
                ],
            ),
            WageFileError::Empty => ("wages-problem-empty", Vec::new()),
            WageFileError::Row { line, problem } => {
                let line = ("line", line.to_string());
                match problem {
                    RowProblem::NotText => ("wages-problem-not-text", vec![line]),
                    RowProblem::NotCsv => ("wages-problem-not-csv", vec![line]),
                    RowProblem::FieldCount { expected, found } => (
                        "wages-problem-field-count",
                        vec![line, ("expected", expected.to_string()), ("found", found.to_string())],
                    ),
                    RowProblem::Noc(value) => ("wages-problem-noc", vec![line, ("value", value.clone())]),
                    RowProblem::Province(value) => ("wages-problem-province", vec![line, ("value", value.clone())]),
                    RowProblem::RegionCode(value) => {
                        ("wages-problem-region-code", vec![line, ("value", value.clone())])
                    }
                    RowProblem::RegionProvince { code, province } => (
                        "wages-problem-region-province",
                        vec![line, ("value", code.clone()), ("province", province.clone())],
                    ),
                    RowProblem::RegionName => ("wages-problem-region-name", vec![line]),
                    RowProblem::Median(value) => ("wages-problem-median", vec![line, ("value", value.clone())]),
                    RowProblem::AnnualFlag(value) => {
                        ("wages-problem-annual-flag", vec![line, ("value", value.clone())])
                    }
                    RowProblem::RevisionDate(value) => {
                        ("wages-problem-revision-date", vec![line, ("value", value.clone())])
                    }
                    RowProblem::Duplicate { noc, place } => (
                        "wages-problem-duplicate",
                        vec![line, ("value", noc.clone()), ("place", place.clone())],
                    ),
                }
            }
        }
    }
}

/// A value as an error message quotes it: at most 40 characters, control characters escaped.
fn quoted(value: &str) -> String {
    let short: String = value.chars().take(40).collect();
    let more = if value.chars().count() > 40 { "…" } else { "" };
    format!("\"{}{more}\"", short.escape_debug())
}

/// Where each column we read sits in this file.
struct Columns([usize; REQUIRED_COLUMNS.len()]);

impl Columns {
    fn find(headers: &csv::StringRecord) -> Result<Columns, WageFileError> {
        let mut found = [0; REQUIRED_COLUMNS.len()];
        let mut missing = Vec::new();
        for (slot, name) in found.iter_mut().zip(REQUIRED_COLUMNS) {
            match headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name)) {
                Some(i) => *slot = i,
                None => missing.push(name),
            }
        }
        if missing.is_empty() {
            Ok(Columns(found))
        } else {
            Err(WageFileError::MissingColumns(missing))
        }
    }

    fn get<'r>(&self, record: &'r csv::StringRecord, name: &str) -> &'r str {
        let i = REQUIRED_COLUMNS
            .iter()
            .position(|c| *c == name)
            .expect("a required column");
        record.get(self.0[i]).unwrap_or_default().trim()
    }
}

/// The geography of a row, from `prov` and `ER_Code_Code_RE`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    Canada,
    Province(&'static str),
    Region { province: &'static str, code: String },
}

/// A row as read, before single-region provinces are known.
struct Line {
    line: u64,
    noc: String,
    place: Place,
    name_en: String,
    name_fr: String,
    /// `None`: N/A.
    median_cents: Option<i64>,
    unit: WageUnit,
    reference_period: String,
}

/// Physical line numbers from byte offsets (the csv crate's own count is off by one with CRLF
/// line endings), counted once through the file.
struct Lines<'b> {
    bytes: &'b [u8],
    offset: usize,
    line: u64,
}

impl Lines<'_> {
    /// The line of the record or error at byte `offset` (offsets only grow). After a CRLF the csv
    /// crate's offset points at the LF: the record starts after the line break.
    fn at(&mut self, offset: u64) -> u64 {
        let mut offset = usize::try_from(offset).unwrap_or(usize::MAX).min(self.bytes.len());
        while matches!(self.bytes.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        if offset > self.offset {
            self.line += self.bytes[self.offset..offset].iter().filter(|b| **b == b'\n').count() as u64;
            self.offset = offset;
        }
        self.line
    }
}

fn csv_problem(error: &csv::Error, lines: &mut Lines<'_>) -> WageFileError {
    let line = error.position().map_or(1, |p| lines.at(p.byte()));
    let problem = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => RowProblem::NotText,
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => RowProblem::FieldCount {
            expected: *expected_len,
            found: *len,
        },
        _ => RowProblem::NotCsv,
    };
    WageFileError::Row { line, problem }
}

/// Reads one edition of the official "Wages" CSV (an optional UTF-8 byte-order mark first).
/// `source_file` is the file's name, kept with the edition.
pub fn parse(bytes: &[u8], source_file: &str) -> Result<WageFile, WageFileError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut line_of = Lines {
        bytes,
        offset: 0,
        line: 1,
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes);
    let headers = reader.headers().map_err(|e| csv_problem(&e, &mut line_of))?.clone();
    let columns = Columns::find(&headers)?;

    let mut lines = Vec::new();
    let mut edition: Option<NaiveDate> = None;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_problem(&e, &mut line_of)),
        }
        let line = line_of.at(record.position().map_or(0, csv::Position::byte));
        let row = read_line(&columns, &record, line).map_err(|problem| WageFileError::Row { line, problem })?;
        let date = revision_date(columns.get(&record, REVISION_DATE))
            .map_err(|problem| WageFileError::Row { line, problem })?;
        match edition {
            None => edition = Some(date),
            Some(first) if first != date => {
                return Err(WageFileError::MixedDates {
                    line,
                    first,
                    found: date,
                });
            }
            Some(_) => {}
        }
        lines.push(row);
    }
    let effective_date = edition.ok_or(WageFileError::Empty)?;
    assemble(lines, effective_date, source_file)
}

fn read_line(columns: &Columns, record: &csv::StringRecord, line: u64) -> Result<Line, RowProblem> {
    let noc = noc(columns.get(record, NOC))?;
    let place = place(columns.get(record, PROV), columns.get(record, ER_CODE))?;
    let (en, fr) = (columns.get(record, ER_NAME_EN), columns.get(record, ER_NAME_FR));
    let (name_en, name_fr) = match (en.is_empty(), fr.is_empty()) {
        (true, true) => return Err(RowProblem::RegionName),
        (false, true) => (en, en),
        (true, false) => (fr, fr),
        (false, false) => (en, fr),
    };
    let median_cents = median(columns.get(record, MEDIAN))?;
    let unit = match (columns.get(record, ANNUAL_FLAG), median_cents) {
        ("1", _) => WageUnit::Annual,
        ("0", _) => WageUnit::Hourly,
        // The flag of an N/A row is not used.
        (_, None) => WageUnit::Hourly,
        (other, Some(_)) => return Err(RowProblem::AnnualFlag(quoted(other))),
    };
    Ok(Line {
        line,
        noc,
        place,
        name_en: name_en.to_owned(),
        name_fr: name_fr.to_owned(),
        median_cents,
        unit,
        reference_period: columns.get(record, REFERENCE_PERIOD).to_owned(),
    })
}

/// `NOC_21232` → `21232`.
fn noc(raw: &str) -> Result<String, RowProblem> {
    let digits = raw
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("NOC_"))
        .map_or(raw, |_| &raw[4..]);
    if digits.len() == 5 && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits.to_owned())
    } else {
        Err(RowProblem::Noc(quoted(raw)))
    }
}

/// The geography of a row: `NAT` with `ER00`, a province with `ER` and its two digits, or one of its
/// economic regions, `ER` and four digits starting with those two.
fn place(prov: &str, er_code: &str) -> Result<Place, RowProblem> {
    let prov_upper = prov.to_ascii_uppercase();
    let code = er_code.to_ascii_uppercase();
    let digits = code
        .strip_prefix("ER")
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()));
    let Some(digits) = digits.filter(|d| d.len() == 2 || d.len() == 4) else {
        return Err(RowProblem::RegionCode(quoted(er_code)));
    };
    let mismatch = || RowProblem::RegionProvince {
        code: quoted(er_code),
        province: quoted(prov),
    };
    if prov_upper == "NAT" {
        return if digits == "00" {
            Ok(Place::Canada)
        } else {
            Err(mismatch())
        };
    }
    let Some((province, _, sgc)) = PROVINCES
        .iter()
        .find(|(_, codes, _)| codes.contains(&prov_upper.as_str()))
    else {
        return Err(RowProblem::Province(quoted(prov)));
    };
    if !digits.starts_with(sgc) {
        return Err(mismatch());
    }
    Ok(if digits.len() == 2 {
        Place::Province(province)
    } else {
        Place::Region { province, code }
    })
}

/// An amount in dollars, exactly, in cents: `48.08`, `54.5`, `84000`. Empty (or `N/A`): none.
fn median(raw: &str) -> Result<Option<i64>, RowProblem> {
    if raw.is_empty() || raw.eq_ignore_ascii_case("N/A") || raw.eq_ignore_ascii_case("NA") {
        return Ok(None);
    }
    let invalid = || RowProblem::Median(quoted(raw));
    let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    // numeric(12, 2): up to ten digits of dollars and two of cents.
    if whole.is_empty() || whole.len() > 10 || !digits(whole) || fraction.len() > 2 || !digits(fraction) {
        return Err(invalid());
    }
    let dollars: i64 = whole.parse().map_err(|_| invalid())?;
    let cents: i64 = format!("{fraction:0<2}").parse().map_err(|_| invalid())?;
    let total = dollars * 100 + cents;
    if total == 0 {
        return Err(invalid());
    }
    Ok(Some(total))
}

fn revision_date(raw: &str) -> Result<NaiveDate, RowProblem> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| RowProblem::RevisionDate(quoted(raw)))
}

/// Provinces without a province-level row and with one economic region (PEI and the territories in
/// the official file) get that region's rows as their province's; regions are offered as choices
/// only in provinces with two or more.
fn assemble(lines: Vec<Line>, effective_date: NaiveDate, source_file: &str) -> Result<WageFile, WageFileError> {
    let mut with_province_row = HashSet::new();
    // Regions by province, in file order of first appearance.
    let mut regions: BTreeMap<&'static str, Vec<EconomicRegion>> = BTreeMap::new();
    for line in &lines {
        match &line.place {
            Place::Province(p) => {
                with_province_row.insert(*p);
            }
            Place::Region { province, code } => {
                let known = regions.entry(province).or_default();
                if !known.iter().any(|r| r.er_code == *code) {
                    known.push(EconomicRegion {
                        er_code: code.clone(),
                        province: (*province).to_owned(),
                        name_en: line.name_en.clone(),
                        name_fr: line.name_fr.clone(),
                    });
                }
            }
            Place::Canada => {}
        }
    }
    let economic_regions = regions.values().map(Vec::len).sum();
    let single_region: HashSet<&str> = regions
        .iter()
        .filter(|(p, rs)| rs.len() == 1 && !with_province_row.contains(*p))
        .map(|(p, _)| *p)
        .collect();

    let mut seen = BTreeSet::new();
    let mut medians = Vec::new();
    let mut skipped = 0;
    for line in lines {
        let (level, province, er_code) = match line.place {
            Place::Canada => (GeoLevel::National, None, None),
            Place::Province(p) => (GeoLevel::Province, Some(p), None),
            Place::Region { province, .. } if single_region.contains(province) => {
                (GeoLevel::Province, Some(province), None)
            }
            Place::Region { province, code } => (GeoLevel::EconomicRegion, Some(province), Some(code)),
        };
        let key = (line.noc.clone(), level, province, er_code.clone());
        if !seen.insert(key) {
            let place = er_code
                .clone()
                .or(province.map(str::to_owned))
                .unwrap_or_else(|| "Canada".into());
            return Err(WageFileError::Row {
                line: line.line,
                problem: RowProblem::Duplicate { noc: line.noc, place },
            });
        }
        let Some(median_cents) = line.median_cents else {
            skipped += 1;
            continue;
        };
        medians.push(WageRow {
            noc: line.noc,
            level,
            province,
            er_code,
            name_en: line.name_en,
            name_fr: line.name_fr,
            median_cents,
            unit: line.unit,
            reference_period: line.reference_period,
        });
    }
    let choices = regions.into_values().filter(|rs| rs.len() >= 2).flatten().collect();
    Ok(WageFile {
        effective_date,
        source_file: source_file.to_owned(),
        medians,
        regions: choices,
        economic_regions,
        skipped,
    })
}
