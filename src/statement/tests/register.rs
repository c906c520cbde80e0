//! The Art. 30(1) register.

use super::fixtures::{bakery, date};
use crate::statement::Lang;
use crate::statement::register::{build_register, render_csv, render_markdown};

#[test]
fn register_snapshots() {
    for lang in [Lang::Nl, Lang::En] {
        let register = build_register(&bakery(), lang, date());
        assert!(register.missing.is_empty());
        insta::assert_snapshot!(
            format!("register_{lang}_md"),
            render_markdown(&register).unwrap()
        );
        insta::assert_snapshot!(format!("register_{lang}_csv"), render_csv(&register));
    }
}

#[test]
fn one_row_per_purpose_with_every_art30_column() {
    let register = build_register(&bakery(), Lang::En, date());
    let csv = render_csv(&register);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    for column in [
        "Processing activity",
        "Controller",
        "Data protection officer",
        "Purpose",
        "Legal basis",
        "Categories of data subjects",
        "Categories of personal data",
        "Recipients",
        "Transfers outside the EEA and safeguards",
        "Erasure period",
        "Security",
    ] {
        assert!(header.contains(&column.to_string()), "{column}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let bookkeeping = rows.iter().find(|r| &r[0] == "bookkeeping").unwrap();
    assert_eq!(
        &bookkeeping[column("Erasure period")],
        "7 years after the last change to your data"
    );
    assert_eq!(
        &bookkeeping[column("Categories of personal data")],
        "Address, Name"
    );
    assert!(bookkeeping[column("Legal basis")].starts_with("legal obligation"));
    assert!(bookkeeping[column("Security")].contains("Argon2id"));
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let mut snapshot = bakery();
    snapshot.purposes[0].description = "=HYPERLINK(\"http://x\")".into();
    let csv = render_csv(&build_register(&snapshot, Lang::Nl, date()));
    assert!(csv.contains("'=HYPERLINK"));
    assert!(!csv.contains(",=HYPERLINK") && !csv.contains("\"=HYPERLINK"));
}

/// Regression: the register wrote `x;=…` unquoted, which Excel set to Dutch splits on `;`
/// into a formula cell. It now shares the exports' writer, which quotes `;` and TAB.
#[test]
fn register_csv_quotes_cells_excel_would_split_on_semicolons() {
    let mut snapshot = bakery();
    snapshot.purposes[0].description = "Bestellingen;=1+1".into();
    let csv = render_csv(&build_register(&snapshot, Lang::Nl, date()));
    assert!(csv.contains(",\"Bestellingen;=1+1\","), "{csv}");
}

#[test]
fn gaps_in_the_register_are_marked_and_listed() {
    let mut snapshot = bakery();
    snapshot.profile = None;
    let register = build_register(&snapshot, Lang::Nl, date());
    assert_eq!(register.missing, vec![crate::statement::Missing::Profile]);
    assert!(
        render_markdown(&register)
            .unwrap()
            .contains("\\[ONTBREEKT:")
    );
}
