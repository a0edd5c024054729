//! Tables as CSV, for the SWV to open the collection view's figures in a
//! spreadsheet.
//!
//! Written for Excel and LibreOffice set to Dutch, because that is what an
//! SWV opens the file with: UTF-8 with a byte order mark (without it Excel
//! reads UTF-8 as Windows-1252 and breaks "coördinator"), `;` between cells
//! (Dutch settings use the comma for decimals), CRLF line ends, and decimal
//! numbers with a comma.
//!
//! Cells come from schools' free text, so a cell must never turn into a
//! formula when opened ("CSV injection", OWASP): text that starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, also when
//! the cell is quoted. That is why a cell is a [`Cell`] and not a string:
//! only [`Cell::Text`] is neutralised, so a change of `-3` stays a number.

/// One cell of a table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text, written so that no spreadsheet reads it as a formula.
    Text(String),
    /// A whole number, written as is (`-3` stays a number).
    Number(i64),
    /// A number written with a decimal comma and one decimal: `3,5`. Not a
    /// number at all (NaN, infinite) is an empty cell.
    Decimal(f64),
}

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn push_text(out: &mut String, text: &str) {
    let neutralise = text.starts_with(FORMULA_START);
    let quote = text.contains([';', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if neutralise {
        out.push('\'');
    }
    if quote {
        for c in text.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// A number with one decimal, the Dutch way ("2,5"), rounded half away
/// from zero; -0.04 is "0,0", not "-0,0". Integer arithmetic, not float
/// formatting (which costs kilobytes of wasm). For finite numbers whose
/// tenths fit in an `i64`; the collection view writes its figures with this
/// too, so screen and CSV agree.
pub fn decimal(x: f64) -> String {
    let tenths = (x * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    format!("{sign}{},{}", t / 10, t % 10)
}

/// A table as CSV for Excel and LibreOffice set to Dutch: UTF-8 with a BOM,
/// `;` between cells, CRLF after every row, cells quoted when they hold
/// `;`, `"`, CR or LF (quotes doubled). A text cell that a spreadsheet could
/// read as a formula (first character `=`, `+`, `-`, `@`, tab or carriage
/// return) gets a leading `'`, also when quoted. Numbers are written
/// unescaped.
pub fn write(rows: &[Vec<Cell>]) -> String {
    let mut out = String::from("\u{feff}");
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(';');
            }
            match cell {
                Cell::Text(t) => push_text(&mut out, t),
                Cell::Number(n) => out.push_str(&n.to_string()),
                Cell::Decimal(x) if x.is_finite() => out.push_str(&decimal(*x)),
                Cell::Decimal(_) => {}
            }
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    /// The CSV of one row, without the BOM and the line end.
    fn one(cells: Vec<Cell>) -> String {
        let out = write(&[cells]);
        out.strip_prefix('\u{feff}')
            .and_then(|o| o.strip_suffix("\r\n"))
            .unwrap()
            .to_owned()
    }

    #[test]
    fn every_formula_start_is_neutralised() {
        for c in FORMULA_START {
            let cell = format!("{c}SUM(A1:A9)");
            let want = if c == '\r' {
                format!("\"'{cell}\"")
            } else {
                format!("'{cell}")
            };
            assert_eq!(one(vec![Cell::Text(cell.clone())]), want, "{c:?}");
        }
        assert_eq!(one(vec![text("=1;2")]), "\"'=1;2\"", "also when quoted");
        assert_eq!(one(vec![text("-3")]), "'-3");
        assert_eq!(
            one(vec![text("a=1"), text(" =1"), text("")]),
            "a=1; =1;",
            "only the first character counts"
        );
    }

    #[test]
    fn quotes_semicolons_and_line_breaks_are_quoted() {
        assert_eq!(one(vec![text("zeg \"ja\"")]), "\"zeg \"\"ja\"\"\"");
        assert_eq!(one(vec![text("a;b"), text("c")]), "\"a;b\";c");
        assert_eq!(one(vec![text("regel 1\nregel 2")]), "\"regel 1\nregel 2\"");
        assert_eq!(one(vec![text("a\r\nb")]), "\"a\r\nb\"");
        assert_eq!(one(vec![text("a,b\tc")]), "a,b\tc", "no need to quote");
        assert_eq!(one(vec![text("coördinator")]), "coördinator");
    }

    #[test]
    fn a_file_has_a_bom_and_crlf_after_every_row() {
        let rows = vec![
            vec![text("school"), text("aantal")],
            vec![text("Atheneum"), Cell::Number(3)],
            vec![],
        ];
        assert_eq!(write(&rows), "\u{feff}school;aantal\r\nAtheneum;3\r\n\r\n");
        assert_eq!(write(&[]), "\u{feff}");
    }

    #[test]
    fn numbers_are_written_as_numbers() {
        assert_eq!(
            one(vec![Cell::Number(-3), Cell::Number(0), Cell::Number(12)]),
            "-3;0;12"
        );
        let decimals = [
            (3.5, "3,5"),
            (2.0, "2,0"),
            (-1.5, "-1,5"),
            (2.25, "2,3"),
            (-1.25, "-1,3"),
            (-0.04, "0,0"),
            (1234.56, "1234,6"),
            (f64::NAN, ""),
            (f64::INFINITY, ""),
        ];
        for (x, want) in decimals {
            assert_eq!(one(vec![Cell::Decimal(x)]), want, "{x}");
        }
    }

    /// Reads CSV as `write` makes it: (raw field, value) per cell, per row.
    fn parse(csv: &str) -> Vec<Vec<(String, String)>> {
        let body = csv.strip_prefix('\u{feff}').expect("a BOM");
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut chars = body.chars().peekable();
        while chars.peek().is_some() {
            let (mut raw, mut value) = (String::new(), String::new());
            if chars.peek() == Some(&'"') {
                raw.push(chars.next().unwrap());
                loop {
                    let c = chars.next().expect("a closing quote");
                    raw.push(c);
                    if c == '"' {
                        if chars.peek() == Some(&'"') {
                            raw.push(chars.next().unwrap());
                        } else {
                            break;
                        }
                    }
                    value.push(c);
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c == ';' || c == '\r' {
                        break;
                    }
                    raw.push(c);
                    value.push(c);
                    chars.next();
                }
            }
            row.push((raw, value));
            match chars.next() {
                Some(';') => {}
                Some('\r') => {
                    assert_eq!(chars.next(), Some('\n'), "CRLF");
                    rows.push(std::mem::take(&mut row));
                }
                other => panic!("unexpected {other:?} after a cell"),
            }
        }
        assert!(row.is_empty(), "the last row ends with CRLF");
        rows
    }

    fn cell() -> impl Strategy<Value = Cell> {
        prop_oneof![
            "[=+@;\"\t\r\n a-z0-9-]{0,8}".prop_map(Cell::Text),
            any::<String>().prop_map(Cell::Text),
            any::<i64>().prop_map(Cell::Number),
            (-1e6f64..1e6).prop_map(Cell::Decimal),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn no_text_cell_starts_a_formula(
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 1..5), 0..6)
        ) {
            let out = write(&rows);
            let parsed = parse(&out);
            prop_assert_eq!(parsed.len(), rows.len());
            for (cells, read) in rows.iter().zip(&parsed) {
                prop_assert_eq!(cells.len(), read.len());
                for (cell, (raw, value)) in cells.iter().zip(read) {
                    match cell {
                        Cell::Text(t) => {
                            let unquoted = raw.strip_prefix('"').unwrap_or(raw);
                            prop_assert!(!unquoted.starts_with(FORMULA_START), "{:?}", raw);
                            let want = if t.starts_with(FORMULA_START) {
                                format!("'{t}")
                            } else {
                                t.clone()
                            };
                            prop_assert_eq!(value, &want);
                        }
                        Cell::Number(n) => prop_assert_eq!(raw, &n.to_string()),
                        Cell::Decimal(_) => {
                            let digits = raw.strip_prefix('-').unwrap_or(raw);
                            let (whole, fraction) = digits.split_once(',').unwrap();
                            prop_assert!(whole.bytes().all(|b| b.is_ascii_digit()));
                            prop_assert_eq!(fraction.len(), 1);
                        }
                    }
                }
            }
        }
    }
}
