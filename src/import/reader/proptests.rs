//! Property tests: the readers return `Ok` or `Err` on any input (never
//! panic), every `Ok` table keeps its invariants, and what the csv crate
//! writes reads back cell for cell with the right row numbers.

use proptest::prelude::*;

use super::*;

/// What every successful read promises the mapping layer.
fn check_invariants(table: &Table) -> Result<(), TestCaseError> {
    let mut previous = 0;
    for row in &table.rows {
        prop_assert_eq!(row.len(), table.headers.len());
        prop_assert!(row.number > previous, "row numbers must increase");
        previous = row.number;
    }
    prop_assert!(!table.rows.is_empty());
    Ok(())
}

fn options() -> impl Strategy<Value = ReadOptions> {
    (
        prop::option::of(prop::sample::select(vec![b',', b';', b'\t', b'|', b':'])),
        prop::option::of(prop::sample::select(vec![
            "utf-8",
            "windows-1252",
            "utf-16",
            "utf-16be",
            "shift_jis",
        ])),
        any::<bool>(),
    )
        .prop_map(|(delimiter, encoding, has_header)| ReadOptions {
            delimiter,
            encoding: encoding.map(str::to_owned),
            has_header,
            sheet: None,
            header_row: None,
        })
}

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(path).expect("fixture")
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), opts in options()) {
        if let Ok(table) = CsvReader::default().read(&bytes, &opts) {
            check_invariants(&table)?;
        }
        if let Ok(table) = read_bytes(&bytes, None, &opts) {
            check_invariants(&table)?;
        }
        let borrowed = read_once(&bytes, None, &opts);
        if let Ok(table) = &borrowed {
            check_invariants(table)?;
        }
        // The owned path writes cells over the file's own bytes.
        let owned = read_owned(bytes.clone(), None, &opts);
        prop_assert_eq!(format!("{borrowed:?}"), format!("{owned:?}"));
        for format in [Format::Xlsx, Format::Xls, Format::Xlsb, Format::Ods] {
            let _ = ExcelReader { format }.read(&bytes, &opts);
        }
    }

    #[test]
    fn csv_like_text_never_panics(
        sep in prop::option::of("\"?sep=[,;|\t]\"?(\r\n|\n|\r)?"),
        body in "[a-zé ,;\t|\"\r\n\u{a0}\u{feff}]{0,400}",
        bom in prop::sample::select(vec![&b""[..], b"\xEF\xBB\xBF"]),
        opts in options(),
    ) {
        let mut bytes = bom.to_vec();
        bytes.extend(sep.unwrap_or_default().as_bytes());
        bytes.extend(body.as_bytes());
        if let Ok(table) = read_bytes(&bytes, Some("csv"), &opts) {
            check_invariants(&table)?;
        }
        let borrowed = read_once(&bytes, Some("csv"), &opts);
        if let Ok(table) = &borrowed {
            check_invariants(table)?;
        }
        let owned = read_owned(bytes, Some("csv"), &opts);
        prop_assert_eq!(format!("{borrowed:?}"), format!("{owned:?}"));
    }

    #[test]
    fn damaged_workbooks_never_panic(
        which in 0..4_usize,
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..12),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let (name, format) = [
            ("xlsx/excel_types_synthetic.xlsx", Format::Xlsx),
            ("xlsx/bitrix24_sample_contacts_portuguese.xlsx", Format::Xlsx),
            ("generated/types.xls", Format::Xls),
            ("generated/types.ods", Format::Ods),
        ][which];
        let mut bytes = fixture(name);
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        for sheet in [None, Some("Klanten".to_owned())] {
            let opts = ReadOptions { sheet, ..ReadOptions::default() };
            if let Ok(table) = (ExcelReader { format }).read(&bytes, &opts) {
                check_invariants(&table)?;
            }
        }
    }

    #[test]
    fn written_csv_reads_back(
        headers in prop::collection::vec("[A-Z][a-z0-9]{0,6}", 1..6),
        cells in prop::collection::vec(
            prop::collection::vec("[a-z0-9 ,;|\t\"\né']{0,10}", 6),
            1..20,
        ),
        delimiter in prop::sample::select(dialect::CANDIDATES.to_vec()),
        crlf in any::<bool>(),
    ) {
        let width = headers.len();
        // A leading letter keeps every row non-blank, which blank-skipping
        // would otherwise (rightly) drop.
        let rows: Vec<Vec<String>> = cells
            .into_iter()
            .map(|r| {
                let mut r: Vec<String> = r.into_iter().take(width).collect();
                r[0].insert(0, 'x');
                r
            })
            .collect();
        let terminator = if crlf { ::csv::Terminator::CRLF } else { ::csv::Terminator::Any(b'\n') };
        let mut writer = ::csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(terminator)
            .from_writer(Vec::new());
        writer.write_record(&headers).unwrap();
        for row in &rows {
            writer.write_record(row).unwrap();
        }
        let bytes = writer.into_inner().unwrap();

        let opts = ReadOptions { delimiter: Some(delimiter), ..ReadOptions::default() };
        let table = read_bytes(&bytes, Some("csv"), &opts).unwrap();
        prop_assert_eq!(&table.headers, &headers);
        prop_assert_eq!(table.rows.len(), rows.len());
        // A spreadsheet row per record, whatever its cells' line breaks.
        for (row, (got, want)) in (2..).zip(table.rows.iter().zip(&rows)) {
            prop_assert_eq!(got.number, row);
            prop_assert_eq!(&got.cells().collect::<Vec<_>>(), want);
        }
    }

    #[test]
    fn delimiter_is_sniffed_when_only_it_separates(
        headers in prop::collection::vec("[A-Z][a-z]{0,6}", 2..8),
        cells in prop::collection::vec(prop::collection::vec("[a-z0-9 \"\n]{0,10}", 8), 1..10),
        delimiter in prop::sample::select(dialect::CANDIDATES.to_vec()),
    ) {
        let width = headers.len();
        let mut writer = ::csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
        writer.write_record(&headers).unwrap();
        for row in cells {
            let mut row: Vec<String> = row.into_iter().take(width).collect();
            row[0].insert(0, 'x');
            // The chosen delimiter inside a cell gets quoted by the writer.
            row[width - 1].push(delimiter as char);
            writer.write_record(&row).unwrap();
        }
        let bytes = writer.into_inner().unwrap();
        let table = read_bytes(&bytes, Some("csv"), &ReadOptions::default()).unwrap();
        prop_assert_eq!(table.source.delimiter, Some(delimiter));
        prop_assert_eq!(table.headers.len(), width);
    }
}

proptest! {
    #[test]
    fn cells_written_in_place_equal_cells_copied(
        body in "[a-zé ,;\"\r\n\u{a0}]{0,400}",
        delimiter in prop::sample::select(dialect::CANDIDATES.to_vec()),
        has_header in any::<bool>(),
    ) {
        use super::collect::RowsBuilder;
        use super::split::{Body, parse};

        let bytes = body.as_bytes();
        let copied = parse(Body::Borrowed(bytes), RowsBuilder::new(0), 1, delimiter, true, has_header);
        let in_place = parse(
            Body::InPlace,
            RowsBuilder::in_place(bytes.to_vec(), 0),
            1,
            delimiter,
            false,
            has_header,
        );
        match (copied, in_place) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(&a.header, &b.header);
                let width = a.header.as_ref().map_or(bytes.len() + 1, Vec::len);
                let a = a.rows.into_rows(width).map(|r| format!("{r:?}"));
                let b = b.rows.into_rows(width).map(|r| format!("{r:?}"));
                prop_assert_eq!(a.ok(), b.ok());
            }
            (a, b) => prop_assert_eq!(a.err().map(|e| e.to_string()), b.err().map(|e| e.to_string())),
        }
    }
}
