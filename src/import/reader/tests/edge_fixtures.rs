//! Hand-made edge cases from `tests/fixtures/edge/`.

use super::*;

#[test]
fn duplicate_headers_are_kept() {
    let t = read("edge/duplicate_headers.csv");
    assert_eq!(
        t.headers,
        ["Name", "Email", "Phone", "Email", "Phone", "email", "Email"]
    );
    let emails = t
        .headers
        .iter()
        .filter(|h| normalize_header(h) == "email")
        .count();
    assert_eq!(emails, 4);
    let row = |i| t.rows.get(i).unwrap();
    assert_eq!(row(0).cell(3), "testa.work@example.com");
    assert_eq!(row(0).cell(6), "t@example.net");
    assert_eq!(row(1).cell(1), "");
}

#[test]
fn empty_and_header_only_files_are_distinct_errors() {
    let empty = read_with("edge/empty.csv", &ReadOptions::default()).unwrap_err();
    assert!(matches!(empty, ReadError::Empty {}));
    assert_eq!(empty.to_string(), "the file is empty");
    let header_only = read_with("edge/header_only.csv", &ReadOptions::default()).unwrap_err();
    assert!(matches!(header_only, ReadError::HeaderOnly { columns: 4 }));
    assert!(header_only.to_string().contains("has a header"));
    assert!(header_only.to_string().contains("but no rows"));
    // Only blank and separator-only lines count as empty too.
    assert!(matches!(text(b"\r\n;;;\n  \n"), Err(ReadError::Empty {})));
    assert!(matches!(text(b"\xEF\xBB\xBF"), Err(ReadError::Empty {})));
}

#[test]
fn windows_1252_line_inside_utf8_file() {
    let t = read("edge/invalid_utf8_mixed.csv");
    assert_eq!(t.source.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(t.headers, ["Name", "City"]);
    assert_eq!(cell(&t, 2, "Name"), "Zoë");
    assert_eq!(cell(&t, 2, "City"), "Ëlst");
    assert_eq!(cell(&t, 3, "Name"), "René");
    assert_eq!(cell(&t, 3, "City"), "Café-Oord");
    assert_eq!(cell(&t, 4, "Name"), "Jürgen");
    assert_eq!(cell(&t, 4, "City"), "Köln");
    assert!(has_note(
        &t,
        "line 3 was not valid UTF-8 and was read as Windows-1252"
    ));
}

#[test]
fn explicit_utf8_has_no_fallback() {
    let options = ReadOptions {
        encoding: Some("utf-8".to_owned()),
        ..ReadOptions::default()
    };
    let err = read_with("edge/invalid_utf8_mixed.csv", &options).unwrap_err();
    assert!(matches!(
        err,
        ReadError::InvalidEncoding {
            line: 3,
            encoding: "UTF-8"
        }
    ));
    assert_eq!(err.to_string(), "line 3 is not valid UTF-8");
    assert!(crate::cli::hint::import::read(&err).contains("--encoding windows-1252"));

    // Asked for Windows-1252, every line is read that way: strict means
    // exactly what was asked.
    let options = ReadOptions {
        encoding: Some("windows-1252".to_owned()),
        ..ReadOptions::default()
    };
    let t = read_with("edge/invalid_utf8_mixed.csv", &options).unwrap();
    assert_eq!(t.source.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(cell(&t, 3, "Name"), "René");
    assert_eq!(cell(&t, 2, "Name"), "ZoÃ«");
}

#[test]
fn quoted_newlines_commas_and_doubled_quotes() {
    let t = read("edge/quoted_newline_comma.csv");
    assert_eq!(t.headers, ["Name", "Email", "Address", "Notes"]);
    assert_eq!(numbers(&t), [2, 3, 4, 5]);
    assert_eq!(cell(&t, 2, "Name"), "Voorbeeld, Testa");
    assert_eq!(
        cell(&t, 2, "Address"),
        "Kerkstraat 1\n1234 AB Voorbeelddorp"
    );
    assert_eq!(cell(&t, 2, "Notes"), "Says \"hi\", often");
    assert_eq!(cell(&t, 3, "Name"), "Jan \"JP\" Proef");
    assert_eq!(cell(&t, 3, "Address"), "Line one\nLine two, with comma");
    assert_eq!(cell(&t, 3, "Notes"), "multi\n\nblank line inside");
    assert_eq!(cell(&t, 4, "Address"), "");
    assert_eq!(cell(&t, 5, "Address"), "Street 1\n");
    assert_eq!(cell(&t, 5, "Notes"), "ends with newline\n");
}

#[test]
fn ragged_rows_too_long_is_an_error_without_values() {
    let err = read_with("edge/ragged_rows.csv", &ReadOptions::default()).unwrap_err();
    match &err {
        ReadError::TooManyCells {
            row,
            expected,
            found,
            also,
        } => {
            assert_eq!((*row, *expected, *found), (4, 4, 7));
            // "Bucuresti, s 6" is an unquoted comma: a fifth cell.
            assert_eq!(also, &[6]);
        }
        other => panic!("expected TooManyCells, got {other:?}"),
    }
    let message = err.to_string();
    assert_eq!(
        message,
        "row 4 has 7 cells but the header has 4 (so do rows 6)"
    );
    for value in ["Amsterdam", "zoe@", "Zoë", "Bucuresti", "here"] {
        assert!(!message.contains(value), "{message}");
        assert!(!crate::cli::hint::import::read(&err).contains(value));
    }
    assert!(crate::cli::hint::import::read(&err).contains("quotes"));
}

#[test]
fn ragged_rows_trailing_empty_cells_and_short_rows() {
    // Without the two bad rows the rest of the file reads fine.
    let bytes = std::fs::read(path("edge/ragged_rows.csv")).unwrap();
    let text_only: Vec<&[u8]> = bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.ends_with(b"here") && !l.ends_with(b" s 6"))
        .collect();
    let t = text(&text_only.join(&b'\n')).unwrap();
    assert_eq!(numbers(&t), [2, 3, 4, 5]);
    assert_eq!(cell(&t, 3, "City"), "");
    assert_eq!(cell(&t, 4, "First Name"), "Only");
    // `Kim,Test,kim@example.com,Utrecht,` has an empty fifth cell.
    assert_eq!(cell(&t, 5, "City"), "Utrecht");
    assert_rectangular(&t);
}

#[test]
fn excel_sep_line_is_honoured_and_removed() {
    let t = read("edge/sep_hint_excel.csv");
    assert_eq!(t.source.delimiter, Some(b';'));
    assert_eq!(t.headers, ["Voornaam", "Achternaam", "E-mailadres"]);
    assert_eq!(numbers(&t), [3]);
    assert_eq!(cell(&t, 3, "E-mailadres"), "testa@example.com");
    assert!(has_note(&t, "sep="));

    // An explicit delimiter still wins, and the sep line is still skipped.
    let options = ReadOptions {
        delimiter: Some(b','),
        ..ReadOptions::default()
    };
    let t = read_with("edge/sep_hint_excel.csv", &options).unwrap();
    assert_eq!(t.headers, ["Voornaam;Achternaam;E-mailadres"]);
}

#[test]
fn utf8_bom_crlf_non_latin() {
    let t = read("edge/utf8_bom_crlf.csv");
    assert_eq!(t.headers, ["First Name", "Last Name", "Email", "Phone"]);
    assert_eq!(numbers(&t), [2, 3, 4]);
    assert_eq!(cell(&t, 2, "Last Name"), "Ünal");
    assert_eq!(cell(&t, 3, "First Name"), "Łukasz");
    assert_eq!(cell(&t, 3, "Last Name"), "Żółć");
    assert_eq!(cell(&t, 4, "First Name"), "李");
    assert_eq!(cell(&t, 4, "Phone"), "+86 10 0000 0000");
}
