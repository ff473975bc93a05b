//! CSV files meant for spreadsheets, safe from formula injection (OWASP "CSV Injection"): every
//! cell is quoted, and a single quote is put before any formula character (`=`, `+`, `-`, `@`, tab,
//! carriage return) that starts the cell *or any part of it a spreadsheet may split off*: a
//! spreadsheet opening the file with another separator (`;` in much of Europe, `,`, tab, `|`)
//! or splitting a line break makes `Zoe;=2+5` two cells, the second a formula.

/// Characters a spreadsheet may split a cell on.
const SEPARATORS: [char; 6] = [',', ';', '\t', '|', '\n', '\r'];

/// Characters that make a cell a formula when it starts with one.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` with a `'` before every formula character that starts it or starts a part after a
/// separator (spaces and double quotes before it skipped, as spreadsheets may trim them).
pub fn neutralise(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len() + 2);
    // At the start of the cell or of a part, until something else than a space or a quote.
    let mut part_start = true;
    for c in cell.chars() {
        if part_start {
            if FORMULA_START.contains(&c) {
                out.push('\'');
                out.push(c);
                // A tab or carriage return is also a separator: what follows starts a part.
                part_start = SEPARATORS.contains(&c);
                continue;
            }
            if c == ' ' || c == '"' || c == '\u{a0}' {
                out.push(c);
                continue;
            }
        }
        out.push(c);
        part_start = SEPARATORS.contains(&c);
    }
    out
}

/// A CSV writer that quotes every cell; write rows with [`record`].
pub fn writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(Vec::new())
}

/// Writes one row, each cell neutralised.
pub fn record<I, S>(out: &mut csv::Writer<Vec<u8>>, cells: I) -> csv::Result<()>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    out.write_record(cells.into_iter().map(|c| neutralise(c.as_ref())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every part a spreadsheet could split `cell` into, on any separator, trimmed of spaces and quotes.
    fn parts(cell: &str) -> Vec<String> {
        cell.split(|c| SEPARATORS.contains(&c))
            .map(|p| p.trim_start_matches([' ', '"', '\u{a0}']).to_owned())
            .collect()
    }

    fn is_formula(part: &str) -> bool {
        part.starts_with(['=', '+', '-', '@'])
    }

    #[test]
    fn hostile_cells_never_start_a_formula_whatever_the_separator() {
        for hostile in [
            "=2+5",
            "+2+5",
            "-2+5",
            "@SUM(A1:A2)",
            "\t=1+1",
            "\r=1+1",
            "Zoe;=2+5",
            "Zoe; =2+5",
            "a,=HYPERLINK(\"http://evil.example\",\"click\")",
            "a, \"=HYPERLINK(\"\"http://evil.example\"\")",
            "x|=cmd|' /C calc'!A0",
            "Ana\n=1+1",
            "Ana\r\n@SUM(1)",
            "name\t-2+3",
            "a;;=1",
            "=1;=2,+3",
        ] {
            let safe = neutralise(hostile);
            for part in parts(&safe) {
                assert!(!is_formula(&part), "{hostile:?} → {safe:?} leaves the formula {part:?}");
            }
            assert_eq!(
                safe.replace('\'', ""),
                hostile.replace('\'', ""),
                "only quotes are added"
            );
        }
    }

    #[test]
    fn ordinary_cells_are_unchanged() {
        for plain in [
            "Ana López",
            "ana@example.com",
            "GTS-7K3M",
            "2026-12-05 10:00",
            "Jean-Pierre O'Brien",
            "needs_review",
            "",
        ] {
            assert_eq!(neutralise(plain), plain);
        }
        // A phone number in E.164 is kept as text, not added up.
        assert_eq!(neutralise("+14165550100"), "'+14165550100");
    }

    #[test]
    fn every_cell_is_quoted() {
        let mut out = writer();
        record(&mut out, ["GTS-7K3M", "Zoe;=2+5", "plain"]).unwrap();
        let text = String::from_utf8(out.into_inner().unwrap()).unwrap();
        assert_eq!(text, "\"GTS-7K3M\",\"Zoe;'=2+5\",\"plain\"\n");
    }
}
