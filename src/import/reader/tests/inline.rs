//! Small inline files for rules no fixture covers.

use super::*;

#[test]
fn cr_only_line_endings() {
    let t = text(b"a,b\r1,2\r\"x\ry\",3\r\r4,5").unwrap();
    // Row 4 is the blank line; "4,5" starts on line 6 but is row 5.
    assert_eq!(numbers(&t), [2, 3, 5]);
    assert_eq!(cell(&t, 3, "a"), "x\ny");
    assert_eq!(cell(&t, 5, "b"), "5");
}

#[test]
fn blank_and_separator_only_lines_are_skipped() {
    let t = text(b"\n\na;b\n\n;;\n1;2\n  \n\"\";\"\"\n3;4\n;\n").unwrap();
    assert_eq!(t.headers, ["a", "b"]);
    assert_eq!(numbers(&t), [6, 9]);
    assert_eq!(cell(&t, 9, "a"), "3");
}

#[test]
fn empty_header_cells_become_positions_or_are_dropped() {
    let t = text(b"a,b,,\n1,2,,\n3,4,x,\n").unwrap();
    assert_eq!(t.headers, ["a", "b", "#3"]);
    assert_eq!(cell(&t, 3, "#3"), "x");
    assert!(has_note(&t, "column 3 has no header name and is called #3"));
    assert!(has_note(
        &t,
        "1 empty column without a header name left out"
    ));
    assert_rectangular(&t);
}

#[test]
fn headers_lose_padding_but_keep_inner_spaces() {
    let t = text("\u{a0} E-mail  adres \t,\u{feff}Naam\n1,2\n".as_bytes()).unwrap();
    assert_eq!(t.headers, ["E-mail  adres", "Naam"]);
    assert_eq!(normalize_header(&t.headers[0]), "e-mail adres");
}

#[test]
fn normalize_header_rules() {
    assert_eq!(normalize_header("  E-mail\u{a0}Adres "), "e-mail adres");
    assert_eq!(normalize_header("\u{feff}Voornaam"), "voornaam");
    assert_eq!(normalize_header("Phone\t\n 2"), "phone 2");
    assert_eq!(normalize_header("ÉMAIL"), "émail");
    assert_eq!(normalize_header("   "), "");
}

#[test]
fn explicit_delimiter_overrides_detection() {
    let options = ReadOptions {
        delimiter: Some(b'|'),
        ..ReadOptions::default()
    };
    let t = read_bytes(b"a;b|c\n1;2|3\n", None, &options).unwrap();
    assert_eq!(t.headers, ["a;b", "c"]);
    assert!(!has_note(&t, "detected"));

    let options = ReadOptions {
        delimiter: Some(b'"'),
        ..ReadOptions::default()
    };
    let err = read_bytes(b"a\n1\n", None, &options).unwrap_err();
    assert!(matches!(
        err,
        ReadError::InvalidDelimiter { delimiter: b'"' }
    ));
}

#[test]
fn single_column_file() {
    let t = text(b"email\na@example.com\nb@example.com\n").unwrap();
    assert_eq!(t.headers, ["email"]);
    assert_eq!(t.rows.len(), 2);
    assert!(has_note(&t, "no delimiter found"));
}

#[test]
fn utf16_files_with_bom() {
    let mut le = vec![0xFF, 0xFE];
    le.extend(
        "Naam\tStad\r\nZoë\tKöln\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let t = read_bytes(&le, Some("txt"), &ReadOptions::default()).unwrap();
    assert_eq!(t.source.encoding.as_deref(), Some("UTF-16LE"));
    assert_eq!(t.source.delimiter, Some(b'\t'));
    assert_eq!(cell(&t, 2, "Stad"), "Köln");

    let mut be = vec![0xFE, 0xFF];
    be.extend("a;b\n1;ü\n".encode_utf16().flat_map(u16::to_be_bytes));
    let t = text(&be).unwrap();
    assert_eq!(t.source.encoding.as_deref(), Some("UTF-16BE"));
    assert_eq!(cell(&t, 2, "b"), "ü");
}

#[test]
fn a_pure_windows_1252_file_is_reported_as_such() {
    let t = text(b"Naam;Stad\nRen\xE9;Li\xE8ge\nJan;Gent\n").unwrap();
    assert_eq!(t.source.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(cell(&t, 2, "Naam"), "René");
    assert_eq!(cell(&t, 2, "Stad"), "Liège");
    assert!(has_note(&t, "not UTF-8 and was read as Windows-1252"));
}

#[test]
fn many_fallback_lines_are_summarised() {
    let mut bytes = b"Naam,Stad\nZo\xC3\xAB,x\n".to_vec();
    for _ in 0..15 {
        bytes.extend(b"Ren\xE9,y\n");
    }
    let t = text(&bytes).unwrap();
    assert!(has_note(
        &t,
        "lines 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 5 more were not valid UTF-8"
    ));
}

#[test]
fn unclosed_quote_is_an_error() {
    let err = text(b"a,b\n1,2\n3,\"oops\n4,5\n6,7\n").unwrap_err();
    assert!(
        matches!(err, ReadError::UnclosedQuote { line: 3 }),
        "{err:?}"
    );
    // A literal quote inside a one-line unquoted cell is fine.
    let t = text(b"a,b\n1,2 \" inch\n").unwrap();
    assert_eq!(cell(&t, 2, "b"), "2 \" inch");
}

#[test]
fn binary_and_non_table_files_are_refused() {
    let err = text(b"a,b\n\x00\x01\x02").unwrap_err();
    assert!(matches!(err, ReadError::UnsupportedFormat { .. }));
    let err = text(b"%PDF-1.4 ...").unwrap_err();
    assert_eq!(
        err.to_string(),
        "this is a PDF document, not a spreadsheet or CSV file"
    );
}

#[test]
fn sheet_option_on_text_is_noted() {
    let t = read_bytes(b"a,b\n1,2\n", Some("csv"), &sheet("Blad1")).unwrap();
    assert!(has_note(&t, "--sheet does not apply"));
}

#[test]
fn every_error_has_a_hint() {
    let errors = [
        ReadError::Empty {},
        ReadError::HeaderOnly { columns: 2 },
        ReadError::UnknownEncoding {
            label: "x".to_owned(),
        },
        ReadError::NoSheets {},
        ReadError::SheetRequired { sheets: vec![] },
        ReadError::Protected { format: "xlsx" },
        ReadError::Malformed { line: 1 },
        ReadError::TooLarge {},
    ];
    for err in errors {
        assert!(!crate::cli::hint::import::read(&err).is_empty(), "{err}");
    }
}

#[test]
fn hundred_thousand_rows_keep_their_numbers() {
    let mut csv = String::from("c0;c1;c2;c3;c4;c5;c6;c7;c8;c9\n");
    for i in 0..100_000 {
        for c in 0..10 {
            if c > 0 {
                csv.push(';');
            }
            csv.push_str(&format!("v{i}-{c}"));
        }
        csv.push('\n');
    }
    let t = text(csv.as_bytes()).unwrap();
    assert_eq!(t.rows.len(), 100_000);
    assert_eq!(t.rows.get(99_999).unwrap().number, 100_001);
    assert_eq!(cell(&t, 100_001, "c9"), "v99999-9");
}
