//! CSV output that is safe to open in a spreadsheet, shared by every CSV kluis writes
//! (purpose and subject exports, the processing register).

use std::borrow::Cow;

/// Neutralises a cell a spreadsheet would run as a formula (OWASP "CSV injection"): a cell
/// starting with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`. A plain number — which
/// includes a phone number in E.164 such as `+31612345678` — is left alone, because it
/// cannot call anything and the phone must stay usable.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// An optional sign, digits, and at most one decimal point between digits.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "1"));
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

/// Quotes a cell when it needs it (RFC 4180). A `;` or TAB is quoted too: Excel set to Dutch
/// splits on `;`, and an unquoted `x;=…` would hand it a formula cell.
fn quote(cell: &str) -> Cow<'_, str> {
    if cell.contains([',', '"', '\n', '\r', ';', '\t']) {
        Cow::Owned(format!("\"{}\"", cell.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Appends one row, each cell neutralised and quoted, ending in CRLF.
pub fn write_row<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    for (index, cell) in cells.into_iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        out.push_str(&quote(&neutralize(cell)));
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: `x;=cmd` reached Dutch Excel, which splits on `;`, as a formula cell.
    #[test]
    fn a_semicolon_cell_is_quoted_for_excel_that_splits_on_semicolons() {
        let mut out = String::new();
        write_row(&mut out, ["Jan", "x;=HYPERLINK(\"evil\")", "a\tb"]);
        assert_eq!(out, "Jan,\"x;=HYPERLINK(\"\"evil\"\")\",\"a\tb\"\r\n");
    }

    #[test]
    fn formula_cells_get_a_leading_quote() {
        for cell in [
            "=1+1",
            "+A1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=HYPERLINK(\"x\")",
            "+",
            "-",
        ] {
            assert_eq!(neutralize(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn phone_numbers_and_plain_numbers_stay_usable() {
        for cell in [
            "+31612345678",
            "-12",
            "-12.5",
            "+0.5",
            "12",
            "Jan",
            "a=b",
            "",
        ] {
            assert_eq!(neutralize(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn almost_numbers_are_neutralised() {
        for cell in [
            "+316 1234",
            "-1.",
            "+.5",
            "-1.2.3",
            "+31612345678+1",
            "-1e5",
        ] {
            assert_eq!(neutralize(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn rows_are_quoted_where_needed() {
        let mut out = String::new();
        write_row(&mut out, ["1", "de Vries, Jan", "zegt \"hoi\"", "=1"]);
        assert_eq!(out, "1,\"de Vries, Jan\",\"zegt \"\"hoi\"\"\",'=1\r\n");
    }
}
