//! Reads every fixture in `tests/fixtures/` and checks actual values, plus
//! small inline files for the rules no fixture covers.

use std::path::PathBuf;

use super::*;

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read_with(name: &str, options: &ReadOptions) -> Result<Table, ReadError> {
    read_path(&path(name), options)
}

fn read(name: &str) -> Table {
    read_with(name, &ReadOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn text(bytes: &[u8]) -> Result<Table, ReadError> {
    read_bytes(bytes, Some("csv"), &ReadOptions::default())
}

fn sheet(name: &str) -> ReadOptions {
    ReadOptions {
        sheet: Some(name.to_owned()),
        ..ReadOptions::default()
    }
}

/// The cell under `header` in the row the user sees as `number`.
fn cell<'t>(table: &'t Table, number: usize, header: &str) -> &'t str {
    let col = table
        .headers
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no header {header:?} in {:?}", table.headers));
    let row = table
        .rows
        .iter()
        .find(|r| r.number == number)
        .unwrap_or_else(|| panic!("no row {number}"));
    &row.cells[col]
}

fn numbers(table: &Table) -> Vec<usize> {
    table.rows.iter().map(|r| r.number).collect()
}

fn assert_rectangular(table: &Table) {
    for row in &table.rows {
        assert_eq!(row.cells.len(), table.headers.len(), "row {}", row.number);
    }
}

fn has_note(table: &Table, needle: &str) -> bool {
    table.notes.iter().any(|n| n.contains(needle))
}

// ---- formats/ ------------------------------------------------------------

#[test]
fn google_contacts_legacy() {
    let t = read("formats/google_contacts_legacy.csv");
    assert_eq!(t.headers.len(), 56);
    assert_eq!(t.headers[0], "Name");
    assert_eq!(t.headers[55], "Organization 1 - Job Description");
    assert_eq!(t.source.delimiter, Some(b','));
    assert_eq!(t.source.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(t.source.format, Format::Delimited);
    assert!(has_note(&t, "delimiter ',' detected"));
    assert_eq!(numbers(&t), [2, 3, 4]);
    assert_eq!(cell(&t, 2, "Name"), "Richard Feynman");
    // The row with only an e-mail address.
    assert_eq!(cell(&t, 3, "Name"), "");
    assert_eq!(
        cell(&t, 3, "E-mail 1 - Value"),
        "iforgotthisguysnamebutihavehisemail@gmail.com"
    );
    // Values are not trimmed at this layer.
    assert_eq!(cell(&t, 3, "E-mail 1 - Type"), "* ");
    assert_rectangular(&t);
}

#[test]
fn google_contacts_as_outlook_csv() {
    let t = read("formats/google_contacts_as_outlook_csv.csv");
    assert_eq!(t.headers.len(), 67);
    assert_eq!(t.source.delimiter, Some(b','));
    // Line 5 starts a record with a three-line quoted address, so the next
    // record starts on line 8.
    assert_eq!(numbers(&t), [2, 3, 4, 5, 8]);
    assert_eq!(
        cell(&t, 5, "Home Address"),
        "Industrigata 50B\nOslo, 0357\nNorway"
    );
    assert_eq!(cell(&t, 5, "Home Postal Code"), "0357");
    assert_eq!(cell(&t, 8, "Home Street"), "10 Vardåslia");
    // A `;` inside a `,` file is just text.
    assert_eq!(cell(&t, 2, "Categories"), "myContacts;starred");
    assert_eq!(cell(&t, 3, "Mobile Phone"), "+4741644000");
    assert_eq!(cell(&t, 4, "E-mail Address"), "mail@mail.com");
    assert_rectangular(&t);
}

#[test]
fn outlook_com_export_with_bom() {
    let t = read("formats/outlook_com_export.csv");
    assert_eq!(t.headers.len(), 61);
    assert_eq!(
        t.headers[0], "First Name",
        "BOM must not stick to the header"
    );
    assert_eq!(t.headers[60], "Notes");
    assert_eq!(numbers(&t), [2, 3]);
    assert_eq!(cell(&t, 2, "First Name"), "Larsen");
    assert_eq!(cell(&t, 2, "Mobile Phone"), "+47 466 88 000");
    assert_eq!(cell(&t, 3, "Last Name"), "Heimdal");
    assert_eq!(cell(&t, 3, "Mobile Phone"), "901 06 000");
    assert_rectangular(&t);
}

#[test]
fn vcard2csv_tab_delimited_named_csv() {
    let t = read("formats/vcard2csv_contacts_tab_delimited.csv");
    assert_eq!(t.source.delimiter, Some(b'\t'));
    assert!(has_note(&t, "delimiter TAB detected"));
    assert_eq!(t.headers, ["Name", "Telephone", "Email", "Note"]);
    assert_eq!(numbers(&t), [2, 3, 6, 7, 8]);
    // CRLF inside the quoted note becomes LF.
    assert_eq!(cell(&t, 3, "Note"), "Examples:\nw 11111\nw Nowhere");
    assert_eq!(cell(&t, 3, "Telephone"), "44636");
    assert_eq!(cell(&t, 2, "Name"), "Abraham  Lincoln");
    assert_eq!(cell(&t, 8, "Telephone"), "(111) 555-1212");
    assert!(cell(&t, 6, "Note").contains(", being documented"));
}

#[test]
fn google_shared_contacts_short_rows_are_padded() {
    let t = read("formats/google_shared_contacts_outlook_style_ragged.csv");
    assert_eq!(t.headers.len(), 22);
    assert_eq!(numbers(&t), [2, 3, 4]);
    assert_rectangular(&t);
    assert_eq!(
        cell(&t, 2, "Home Address"),
        "999 Super Way, Super, CA, 94043"
    );
    assert_eq!(cell(&t, 3, "Job Title"), "Receptionist");
    assert_eq!(cell(&t, 3, "Other Address"), "");
    assert_eq!(cell(&t, 4, "Action"), "update");
    assert!(has_note(
        &t,
        "rows 3, 4 had fewer cells than the header and were padded"
    ));
}

#[test]
fn dutch_business_addresses_without_header() {
    let options = ReadOptions {
        has_header: false,
        ..ReadOptions::default()
    };
    let t = read_with("formats/dutch_business_addresses_no_header.csv", &options).unwrap();
    // Width is the longest row: one row has a fifth field.
    assert_eq!(t.headers, ["#1", "#2", "#3", "#4", "#5"]);
    assert_eq!(t.rows.len(), 14);
    assert_eq!(numbers(&t), (1..=14).collect::<Vec<_>>());
    assert_eq!(cell(&t, 1, "#1"), "Jack's Casino Roosendaal");
    assert_eq!(cell(&t, 1, "#4"), "4701 HV  Roosendaal");
    assert_eq!(cell(&t, 1, "#5"), "");
    assert_eq!(cell(&t, 11, "#3"), "Bestuurscentrum");
    assert_eq!(cell(&t, 11, "#5"), "4870 AR  Etten-Leur");
    // The last line has no line break.
    assert_eq!(cell(&t, 14, "#4"), "4611 EG  Bergen op Zoom");
    assert_rectangular(&t);

    // Read with the default header row, the 5-field row is too long.
    match read_with(
        "formats/dutch_business_addresses_no_header.csv",
        &ReadOptions::default(),
    ) {
        Err(ReadError::TooManyCells {
            row: 11,
            expected: 4,
            found: 5,
            also,
        }) => assert!(also.is_empty()),
        other => panic!("expected TooManyCells, got {other:?}"),
    }
}

#[test]
fn dutch_member_list_semicolon_bom() {
    let t = read("formats/dutch_member_list_semicolon_bom_synthetic.csv");
    assert_eq!(t.source.delimiter, Some(b';'));
    assert!(has_note(&t, "delimiter ';' detected"));
    assert_eq!(t.headers.len(), 21);
    assert_eq!(t.headers[0], "Voornaam");
    // Padded header names come back trimmed.
    assert_eq!(t.headers[8], "E-mail");
    assert_eq!(t.headers[9], "bestuur");
    assert_eq!(t.headers[13], "archief foto's");
    // Eduard's phone cell holds a bare LF inside a CRLF file.
    assert_eq!(cell(&t, 8, "Voornaam"), "Eduard");
    assert_eq!(cell(&t, 8, "Telefoon"), "06-00000007\n035-0000007");
    assert_eq!(cell(&t, 10, "Voornaam"), "Frank");
    assert_eq!(cell(&t, 5, "Naam"), "Brink, ten");
    assert_eq!(cell(&t, 11, "Voornaam"), "Hélène");
    assert_eq!(
        cell(&t, 13, "E-mail"),
        "m.proef@example.com; secretaris@example.org"
    );
    assert_eq!(cell(&t, 16, "Bar*"), "…");
    assert_eq!(cell(&t, 17, "Naam"), "Test\u{a0}Dirkse");
    assert_eq!(cell(&t, 17, "laptop bedienen"), "/");
    assert_eq!(t.rows.len(), 15);
    assert_eq!(t.rows.last().map(|r| r.number), Some(17));
}

#[test]
fn google_full_header_multi_line_cells() {
    let t = read("formats/google_contacts_legacy_fullheader_synthetic.csv");
    assert_eq!(t.headers.len(), 77);
    assert_eq!(t.headers[76], "Website 1 - Value");
    assert_eq!(numbers(&t), [2, 3, 4, 5, 8, 9, 10, 11]);
    assert_eq!(
        cell(&t, 4, "E-mail 1 - Value"),
        "pim@example.org ::: p.fictief@example.net"
    );
    assert_eq!(cell(&t, 5, "Notes").lines().count(), 3);
    assert_eq!(cell(&t, 5, "Phone 1 - Value"), "1234");
    assert_eq!(cell(&t, 8, "Name"), "Jan Proef, Testbedrijf B.V.");
    assert_eq!(cell(&t, 9, "Name"), "info@example.invalid");
    assert_eq!(cell(&t, 11, "Name"), "Zoë Ünal-Müller");
    assert_eq!(cell(&t, 11, "Birthday"), "1980-12-31");
    assert_eq!(
        cell(&t, 11, "Address 1 - Formatted"),
        "Teststraat 1 A\n1234 AB Voorbeelddorp\nNL"
    );
    assert_eq!(cell(&t, 11, "Address 1 - Postal Code"), "1234 AB");
    assert_rectangular(&t);
}

// ---- edge/ ---------------------------------------------------------------

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
    assert_eq!(t.rows[0].cells[3], "testa.work@example.com");
    assert_eq!(t.rows[0].cells[6], "t@example.net");
    assert_eq!(t.rows[1].cells[1], "");
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
    assert!(err.hint().contains("--encoding windows-1252"));

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
    assert_eq!(numbers(&t), [2, 4, 8, 9]);
    assert_eq!(cell(&t, 2, "Name"), "Voorbeeld, Testa");
    assert_eq!(
        cell(&t, 2, "Address"),
        "Kerkstraat 1\n1234 AB Voorbeelddorp"
    );
    assert_eq!(cell(&t, 2, "Notes"), "Says \"hi\", often");
    assert_eq!(cell(&t, 4, "Name"), "Jan \"JP\" Proef");
    assert_eq!(cell(&t, 4, "Address"), "Line one\nLine two, with comma");
    assert_eq!(cell(&t, 4, "Notes"), "multi\n\nblank line inside");
    assert_eq!(cell(&t, 8, "Address"), "");
    assert_eq!(cell(&t, 9, "Address"), "Street 1\n");
    assert_eq!(cell(&t, 9, "Notes"), "ends with newline\n");
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
        assert!(!err.hint().contains(value));
    }
    assert!(err.hint().contains("quotes"));
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

// ---- workbooks -----------------------------------------------------------

#[test]
fn bitrix24_xlsx() {
    let t = read("xlsx/bitrix24_sample_contacts_portuguese.xlsx");
    assert_eq!(t.source.format, Format::Xlsx);
    assert_eq!(t.source.sheet.as_deref(), Some("Sheet1"));
    assert_eq!(t.source.delimiter, None);
    assert_eq!(
        t.headers,
        ["name", "last_name", "phone", "email", "address", "comments"]
    );
    assert_eq!(numbers(&t), [2, 3]);
    assert_eq!(cell(&t, 2, "name"), "João");
    assert_eq!(cell(&t, 2, "phone"), "+55 11 999999999");
    assert_eq!(cell(&t, 3, "phone"), "+351 912345678");
    assert_eq!(cell(&t, 3, "address"), "Av. Brasil 456");
}

#[test]
fn xlsx_with_two_sheets_needs_a_choice() {
    let err = read_with("xlsx/excel_types_synthetic.xlsx", &ReadOptions::default()).unwrap_err();
    match &err {
        ReadError::SheetRequired { sheets } => assert_eq!(sheets, &["Klanten", "Blad2"]),
        other => panic!("expected SheetRequired, got {other:?}"),
    }
    assert!(err.to_string().contains("Klanten, Blad2"));
    assert!(err.hint().contains("--sheet"));

    let err = read_with("xlsx/excel_types_synthetic.xlsx", &sheet("Blad3")).unwrap_err();
    match &err {
        ReadError::UnknownSheet { name, sheets } => {
            assert_eq!(name, "Blad3");
            assert_eq!(sheets, &["Klanten", "Blad2"]);
        }
        other => panic!("expected UnknownSheet, got {other:?}"),
    }

    let t = read_with("xlsx/excel_types_synthetic.xlsx", &sheet("Blad2")).unwrap();
    assert_eq!(t.headers, ["Tweede blad"]);
    assert_eq!(cell(&t, 2, "Tweede blad"), "alleen tekst");
}

#[test]
fn xlsx_cell_types() {
    // Case-insensitive sheet match.
    let t = read_with("xlsx/excel_types_synthetic.xlsx", &sheet("klanten")).unwrap();
    assert_eq!(t.source.sheet.as_deref(), Some("Klanten"));
    // G1 is empty over a column with data: #7. H1 is a phantom: dropped.
    assert_eq!(
        t.headers,
        [
            "Voornaam",
            "Achternaam",
            "E-mailadres",
            "Telefoonnummer",
            "Geboortedatum",
            "Actief",
            "#7"
        ]
    );
    // Row 3 is a gap row.
    assert_eq!(numbers(&t), [2, 4, 5, 6]);
    assert_eq!(cell(&t, 2, "Voornaam"), "Zoë");
    // A phone stored as a number keeps its digits (the leading 0 was lost
    // by Excel, not by us).
    assert_eq!(cell(&t, 2, "Telefoonnummer"), "612345678");
    assert_eq!(cell(&t, 5, "Telefoonnummer"), "31612345680");
    // Serial dates with a dd-mm-yyyy format.
    assert_eq!(cell(&t, 2, "Geboortedatum"), "1980-12-31");
    assert_eq!(cell(&t, 4, "Geboortedatum"), "1990-01-01T12:00:00");
    // A date typed as text stays text.
    assert_eq!(cell(&t, 5, "Geboortedatum"), "31-12-1980");
    assert_eq!(cell(&t, 2, "Actief"), "true");
    assert_eq!(cell(&t, 4, "Actief"), "false");
    assert_eq!(cell(&t, 5, "Actief"), "1");
    // The formula's cached value.
    assert_eq!(cell(&t, 5, "E-mailadres"), "pim@example.net");
    assert_eq!(
        cell(&t, 4, "#7"),
        "=HYPERLINK(\"http://attacker.invalid\",\"x\")"
    );
    assert_eq!(cell(&t, 5, "Voornaam"), " Pim ");
    assert_eq!(cell(&t, 6, "Voornaam"), "regel 1\nregel 2");
    assert!(has_note(&t, "column 7 has no header name and is called #7"));
    assert_rectangular(&t);
}

#[test]
fn xlsx_without_header_row() {
    let options = ReadOptions {
        has_header: false,
        sheet: Some("Blad2".to_owned()),
        ..ReadOptions::default()
    };
    let t = read_with("xlsx/excel_types_synthetic.xlsx", &options).unwrap();
    assert_eq!(t.headers, ["#1"]);
    assert_eq!(numbers(&t), [1, 2]);
    assert_eq!(t.rows[0].cells, ["Tweede blad"]);
}

#[test]
fn xls_cell_types_and_phantom_column() {
    let err = read_with("generated/types.xls", &ReadOptions::default()).unwrap_err();
    assert!(matches!(err, ReadError::SheetRequired { .. }));

    let t = read_with("generated/types.xls", &sheet("Klanten")).unwrap();
    assert_eq!(t.source.format, Format::Xls);
    assert_eq!(t.headers.len(), 7);
    assert_eq!(t.headers[6], "#7");
    assert!(has_note(
        &t,
        "1 empty column without a header name left out"
    ));
    assert_eq!(numbers(&t), [2, 4, 5]);
    assert_eq!(cell(&t, 2, "Telefoonnummer"), "612345678");
    assert_eq!(cell(&t, 2, "Geboortedatum"), "1980-12-31");
    assert_eq!(cell(&t, 2, "Actief"), "true");
    assert_eq!(cell(&t, 4, "Geboortedatum"), "1990-01-01T12:00:00");
    assert_eq!(cell(&t, 4, "Actief"), "false");
    assert_eq!(cell(&t, 4, "#7"), "zonder kop");
    assert_eq!(cell(&t, 5, "Telefoonnummer"), "31612345680");
    assert_eq!(cell(&t, 5, "Geboortedatum"), "12.5");
    assert_rectangular(&t);
}

#[test]
fn xls_error_cell_names_row_and_column_only() {
    let err = read_with("generated/types.xls", &sheet("Fouten")).unwrap_err();
    match &err {
        ReadError::CellError { row, column, error } => {
            assert_eq!(
                (*row, column.as_str(), error.as_str()),
                (2, "Bedrag", "#DIV/0!")
            );
        }
        other => panic!("expected CellError, got {other:?}"),
    }
    assert!(!err.to_string().contains("Testa"));
}

#[test]
fn ods_cell_types_and_empty_extra_sheet() {
    let t = read("generated/types.ods");
    assert_eq!(t.source.format, Format::Ods);
    assert_eq!(t.source.sheet.as_deref(), Some("Leden"));
    assert!(has_note(&t, "the other sheet is empty"));
    assert_eq!(
        t.headers,
        [
            "Naam",
            "Telefoon",
            "Lid sinds",
            "Bijdrage",
            "Actief",
            "Totaal",
            "#7",
            "Tijd"
        ]
    );
    // Header on sheet row 2, gap on row 4.
    assert_eq!(numbers(&t), [3, 5]);
    assert_eq!(cell(&t, 3, "Telefoon"), "612345678");
    assert_eq!(cell(&t, 3, "Lid sinds"), "1980-12-31");
    assert_eq!(cell(&t, 3, "Bijdrage"), "12.5");
    assert_eq!(cell(&t, 3, "Actief"), "true");
    assert_eq!(cell(&t, 3, "Totaal"), "25");
    assert_eq!(cell(&t, 3, "#7"), "zonder kop");
    assert_eq!(cell(&t, 3, "Tijd"), "14:30:00");
    assert_eq!(cell(&t, 5, "Lid sinds"), "1990-01-01T12:00:00");
    assert_eq!(cell(&t, 5, "Bijdrage"), "1000000000000000000000");
    assert_eq!(cell(&t, 5, "Actief"), "false");
    assert_eq!(cell(&t, 5, "Tijd"), "");
    assert_rectangular(&t);
}

#[test]
fn workbook_named_csv_is_read_as_workbook() {
    let bytes = std::fs::read(path("xlsx/bitrix24_sample_contacts_portuguese.xlsx")).unwrap();
    let t = read_bytes(&bytes, Some("CSV"), &ReadOptions::default()).unwrap();
    assert_eq!(t.source.format, Format::Xlsx);
    assert_eq!(
        t.notes[0],
        "the file is named .csv but is an xlsx workbook, and was read as such"
    );
}

#[test]
fn damaged_workbook_is_an_error() {
    let bytes = std::fs::read(path("xlsx/bitrix24_sample_contacts_portuguese.xlsx")).unwrap();
    let err = read_bytes(
        &bytes[..bytes.len() / 2],
        Some("xlsx"),
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert!(
        matches!(err, ReadError::Workbook { format: "xlsx" }),
        "{err:?}"
    );
}

// ---- inline text files ---------------------------------------------------

#[test]
fn cr_only_line_endings() {
    let t = text(b"a,b\r1,2\r\"x\ry\",3\r\r4,5").unwrap();
    assert_eq!(numbers(&t), [2, 3, 6]);
    assert_eq!(cell(&t, 3, "a"), "x\ny");
    assert_eq!(cell(&t, 6, "b"), "5");
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
    ];
    for err in errors {
        assert!(!err.hint().is_empty(), "{err}");
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
    assert_eq!(t.rows[99_999].number, 100_001);
    assert_eq!(cell(&t, 100_001, "c9"), "v99999-9");
}

#[test]
fn truncated_xls_is_an_error_not_a_crash() {
    // Some of these cuts make calamine 0.38 panic inside its OLE reader.
    let bytes = std::fs::read(path("generated/types.xls")).unwrap();
    // Beyond 4 KiB the cut only loses padding and the sheet still reads.
    for len in (0..4096).step_by(256) {
        let result = ExcelReader {
            format: Format::Xls,
        }
        .read(&bytes[..len], &sheet("Klanten"));
        assert!(
            matches!(result, Err(ReadError::Workbook { format: "xls" })),
            "cut at {len}: {result:?}"
        );
    }
}

#[test]
fn looping_sector_chain_is_refused_before_calamine() {
    // Found by the excel_reader fuzz target: a damaged .xls whose FAT loops,
    // on which calamine 0.38 allocates until the process dies.
    let bytes = std::fs::read(path("generated/looping_chain.xls")).unwrap();
    for format in [Format::Xls, Format::Xlsx] {
        let result = ExcelReader { format }.read(&bytes, &ReadOptions::default());
        assert!(
            matches!(result, Err(ReadError::Workbook { .. })),
            "{result:?}"
        );
    }
}
