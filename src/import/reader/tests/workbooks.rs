//! Workbooks: `tests/fixtures/xlsx/` and `tests/fixtures/generated/`.

use super::*;

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
    assert!(crate::cli::hint::import::read(&err).contains("--sheet"));

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
    let cells: Vec<&str> = t.rows.first().unwrap().cells().collect();
    assert_eq!(cells, ["Tweede blad"]);
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
        t.notes[0].to_string(),
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
fn looping_sector_chains_are_refused_before_calamine() {
    // Found by the excel_reader fuzz target: damaged .xls files whose FAT
    // loops, on which calamine 0.38 allocates until the process dies. In the
    // second the loop starts at a sector past the end of the file.
    for name in [
        "generated/looping_chain.xls",
        "generated/looping_chain_past_eof.xls",
    ] {
        let bytes = std::fs::read(path(name)).unwrap();
        for format in [Format::Xls, Format::Xlsx] {
            let result = ExcelReader { format }.read(&bytes, &ReadOptions::default());
            assert!(
                matches!(result, Err(ReadError::Workbook { .. })),
                "{name}: {result:?}"
            );
        }
    }
}
