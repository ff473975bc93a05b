use chrono::NaiveDate;

use super::*;
use crate::i18n::Lang;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wages")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn find<'f>(file: &'f WageFile, noc: &str, province: Option<&str>, er_code: Option<&str>) -> Option<&'f WageRow> {
    file.medians
        .iter()
        .find(|r| r.noc == noc && r.province == province && r.er_code.as_deref() == er_code)
}

/// The official sample's header and its first row (NOC 00010, Canada, annual).
fn official_header_and_row() -> (String, String) {
    let text = String::from_utf8(fixture("official_sample_rows.csv")).unwrap();
    let mut lines = text.lines();
    (lines.next().unwrap().to_owned(), lines.next().unwrap().to_owned())
}

#[test]
fn official_rows_annual_medians_and_na_cells() {
    let file = parse(&fixture("official_sample_rows.csv"), "official_sample_rows.csv").unwrap();
    assert_eq!(file.effective_date, date(2025, 11, 19));
    assert_eq!(file.source_file, "official_sample_rows.csv");
    assert_eq!((file.medians.len(), file.skipped), (3, 2));
    let legislators = find(&file, "00010", None, None).unwrap();
    assert_eq!(legislators.level, GeoLevel::National);
    assert_eq!(
        (legislators.median_cents, legislators.unit),
        (8_400_000, WageUnit::Annual)
    );
    assert_eq!(legislators.reference_period, "2021");
    let conductors = find(&file, "51121", None, None).unwrap();
    assert_eq!(
        (conductors.median_cents, conductors.unit),
        (3_600_000, WageUnit::Annual)
    );
    // The N/A row of NOC 51121 in Newfoundland and Labrador is not stored.
    assert!(find(&file, "51121", Some("NL"), None).is_none());
    let managers = find(&file, "20012", None, None).unwrap();
    assert_eq!((managers.median_cents, managers.unit), (6667, WageUnit::Hourly));
    assert_eq!(
        (managers.name_en.as_str(), managers.name_fr.as_str()),
        ("Canada", "Canada")
    );
    // NL has a province row (N/A) and one region: the region is not offered as a choice.
    assert_eq!(file.economic_regions, 1);
    assert!(file.regions.is_empty());
    assert_eq!(file.reference_periods(), "2021, 2023-2024");
    assert_eq!(file.nocs(), 3);
}

#[test]
fn regions_single_region_provinces_bom_and_columns_in_any_order() {
    let file = parse(&fixture("regions_2025.csv"), "regions_2025.csv").unwrap();
    assert_eq!(file.effective_date, date(2025, 11, 19));
    assert_eq!((file.medians.len(), file.skipped), (8, 3));

    let toronto = find(&file, "21232", Some("ON"), Some("ER3530")).unwrap();
    assert_eq!(toronto.level, GeoLevel::EconomicRegion);
    assert_eq!((toronto.name_en.as_str(), toronto.median_cents), ("Toronto", 4808));
    let ontario = find(&file, "21232", Some("ON"), None).unwrap();
    assert_eq!((ontario.level, ontario.median_cents), (GeoLevel::Province, 4808));
    let montreal = find(&file, "21232", Some("QC"), Some("ER2440")).unwrap();
    assert_eq!(montreal.name_fr, "Montréal");

    // PEI's single region row (ER1110) is the province's figure.
    let pei = find(&file, "21232", Some("PE"), None).unwrap();
    assert_eq!(pei.level, GeoLevel::Province);
    assert_eq!(pei.er_code, None);
    assert_eq!(
        (pei.name_en.as_str(), pei.name_fr.as_str(), pei.median_cents),
        ("Prince Edward Island", "Île-du-Prince-Édouard", 3846)
    );
    assert!(file.medians.iter().all(|r| r.er_code.as_deref() != Some("ER1110")));
    // Yukon's single region is N/A: nothing stored for it.
    assert!(file.medians.iter().all(|r| r.province != Some("YT")));

    // Choices: every region of Ontario and Quebec (N/A ones too), none for PEI or Yukon.
    let codes: Vec<&str> = file.regions.iter().map(|r| r.er_code.as_str()).collect();
    assert_eq!(codes, ["ER3510", "ER3530", "ER3595", "ER2410", "ER2440"]);
    assert_eq!(file.economic_regions, 7);
    let northwest = file.regions.iter().find(|r| r.er_code == "ER3595").unwrap();
    assert_eq!(
        (northwest.province.as_str(), northwest.name_fr.as_str()),
        ("ON", "Nord-ouest")
    );
}

#[test]
fn a_missing_column_is_named() {
    let error = parse(&fixture("missing_median_column.csv"), "x.csv").unwrap_err();
    assert_eq!(error, WageFileError::MissingColumns(vec!["Median_Wage_Salaire_Median"]));
    assert_eq!(error.to_string(), "missing column Median_Wage_Salaire_Median");

    let error = parse(b"NOC_CNP,prov\nNOC_21232,ON\n", "x.csv").unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("missing columns NOC_Title_eng, NOC_Title_fra, ER_Code_Code_RE"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1);
}

#[test]
fn one_edition_per_file() {
    let error = parse(&fixture("two_revision_dates.csv"), "x.csv").unwrap_err();
    assert_eq!(
        error,
        WageFileError::MixedDates {
            line: 3,
            first: date(2025, 11, 19),
            found: date(2024, 11, 20),
        }
    );
    assert!(error.to_string().starts_with("one edition per file: line 3"), "{error}");
}

#[test]
fn a_bad_noc_names_its_line() {
    let (header, row) = official_header_and_row();
    let text = format!("{header}\n{row}\n{}\n", row.replace("NOC_00010", "NOC_0001"));
    let error = parse(text.as_bytes(), "x.csv").unwrap_err();
    assert_eq!(
        error,
        WageFileError::Row {
            line: 3,
            problem: RowProblem::Noc("\"NOC_0001\"".into())
        }
    );
    assert_eq!(
        error.to_string(),
        "line 3: NOC_CNP \"NOC_0001\" is not NOC_ and 5 digits"
    );
    // The same with CRLF line endings, and a quoted field over two lines before it.
    let two_lines = row.replacen("Legislators", "\"Legis\r\nlators\"", 1);
    let text = format!(
        "{header}\r\n{two_lines}\r\n{}\r\n",
        row.replace("NOC_00010", "NOC_0001")
    );
    assert!(matches!(
        parse(text.as_bytes(), "x.csv").unwrap_err(),
        WageFileError::Row { line: 4, .. }
    ));
}

#[test]
fn places_are_checked_against_their_province() {
    let (header, row) = official_header_and_row();
    let with = |prov: &str, er: &str| {
        let row = row.replacen(",NAT,ER00,", &format!(",{prov},{er},"), 1);
        parse(format!("{header}\n{row}\n").as_bytes(), "x.csv")
    };
    let ok = with("NWT", "ER61").unwrap();
    assert_eq!(ok.medians[0].province, Some("NT"));
    assert_eq!(with("YK", "ER6010").unwrap().medians[0].province, Some("YT"));
    assert!(matches!(
        with("ON", "ER2440").unwrap_err(),
        WageFileError::Row {
            line: 2,
            problem: RowProblem::RegionProvince { .. }
        }
    ));
    assert!(matches!(
        with("XX", "ER35").unwrap_err(),
        WageFileError::Row {
            problem: RowProblem::Province(_),
            ..
        }
    ));
    assert!(matches!(
        with("ON", "ER351").unwrap_err(),
        WageFileError::Row {
            problem: RowProblem::RegionCode(_),
            ..
        }
    ));
    assert!(matches!(
        with("NAT", "ER35").unwrap_err(),
        WageFileError::Row {
            problem: RowProblem::RegionProvince { .. },
            ..
        }
    ));
}

#[test]
fn medians_are_read_exactly() {
    let (header, row) = official_header_and_row();
    let with = |median: &str| {
        let row = row.replacen(",32867,84000,", &format!(",32867,{median},"), 1);
        parse(format!("{header}\n{row}\n").as_bytes(), "x.csv").map(|f| f.medians.first().map(|r| r.median_cents))
    };
    assert_eq!(with("84000"), Ok(Some(8_400_000)));
    assert_eq!(with("54.5"), Ok(Some(5450)));
    assert_eq!(with("0.29"), Ok(Some(29)));
    assert_eq!(with("16.15"), Ok(Some(1615)));
    assert_eq!(with(" 48.08 "), Ok(Some(4808)));
    assert_eq!(with(""), Ok(None));
    for bad in ["1.005", "-5", "1,000", "$48", "0", "0.00", "1e3", ".5", "12345678901"] {
        assert!(
            matches!(
                with(&format!("\"{bad}\"")),
                Err(WageFileError::Row {
                    problem: RowProblem::Median(_),
                    ..
                })
            ),
            "{bad}"
        );
    }
}

#[test]
fn a_second_row_for_the_same_place_is_refused() {
    let (header, row) = official_header_and_row();
    let error = parse(format!("{header}\n{row}\n{row}\n").as_bytes(), "x.csv").unwrap_err();
    assert!(matches!(
        error,
        WageFileError::Row {
            line: 3,
            problem: RowProblem::Duplicate { .. }
        }
    ));
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    assert_eq!(
        parse(b"", "x.csv").unwrap_err(),
        WageFileError::MissingColumns(parse::REQUIRED_COLUMNS.to_vec())
    );
    let (header, row) = official_header_and_row();
    assert_eq!(parse(header.as_bytes(), "x.csv").unwrap_err(), WageFileError::Empty);
    assert!(matches!(
        parse(format!("{header}\n{row},extra\n").as_bytes(), "x.csv").unwrap_err(),
        WageFileError::Row {
            line: 2,
            problem: RowProblem::FieldCount { .. }
        }
    ));
    let mut latin1 = format!("{header}\n").into_bytes();
    latin1.extend(row.replace("Membres des corps législatifs", "Membres").as_bytes());
    latin1.extend(b",\xe9\n");
    assert!(parse(&latin1, "x.csv").is_err());
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    assert!(parse(&binary, "x.png").is_err());
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    assert!(matches!(
        parse(pdf, "x.pdf").unwrap_err(),
        WageFileError::MissingColumns(_)
    ));
}

#[test]
fn the_starter_edition() {
    let file = parse(STARTER_CSV, STARTER_FILE_NAME).unwrap();
    assert_eq!(
        format!("imported {}", file.summary()),
        "imported Job Bank wages edition 2025-11-19: 1155 medians, 23 NOCs, 76 economic regions \
         (823 N/A cells skipped) from job_bank_wages_2025_starter.csv"
    );
    // 76 regions less PEI's and the three territories' single ones.
    assert_eq!(file.regions.len(), 72);
    let provinces: BTreeSet<&str> = file.medians.iter().filter_map(|r| r.province).collect();
    assert_eq!(provinces.len(), 13, "{provinces:?}");
    assert!(
        file.regions
            .iter()
            .any(|r| r.er_code == "ER3530" && r.name_en == "Toronto")
    );
    assert_eq!(file.reference_periods(), "2021, 2023-2024, 2024");
}

#[test]
fn every_error_message_is_translated() {
    let line = |problem| WageFileError::Row { line: 2, problem };
    let errors = [
        WageFileError::MissingColumns(vec!["prov"]),
        WageFileError::MixedDates {
            line: 3,
            first: date(2025, 11, 19),
            found: date(2024, 11, 20),
        },
        WageFileError::Empty,
        line(RowProblem::NotText),
        line(RowProblem::FieldCount { expected: 22, found: 3 }),
        line(RowProblem::NotCsv),
        line(RowProblem::Noc("x".into())),
        line(RowProblem::Province("x".into())),
        line(RowProblem::RegionCode("x".into())),
        line(RowProblem::RegionProvince {
            code: "x".into(),
            province: "y".into(),
        }),
        line(RowProblem::RegionName),
        line(RowProblem::Median("x".into())),
        line(RowProblem::AnnualFlag("x".into())),
        line(RowProblem::RevisionDate("x".into())),
        line(RowProblem::Duplicate {
            noc: "x".into(),
            place: "y".into(),
        }),
    ];
    for error in errors {
        let (detail, args) = error.detail();
        for lang in Lang::ALL {
            assert!(lang.has(error.summary_key()), "{lang}: {}", error.summary_key());
            let text = lang.t_args(detail, &args);
            assert_ne!(text, detail, "{lang}: {detail} is missing");
            assert!(!text.contains('{'), "{lang}: {detail} = {text}");
            for (_, value) in &args {
                assert!(text.contains(value.as_str()), "{lang}: {detail} = {text} lacks {value}");
            }
        }
    }
}
