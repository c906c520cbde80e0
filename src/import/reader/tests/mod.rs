//! Reads every fixture in `tests/fixtures/` and checks actual values, plus
//! small inline files for the rules no fixture covers.

mod edge_fixtures;
mod format_fixtures;
mod inline;
mod workbooks;

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
    row.cell(col)
}

fn numbers(table: &Table) -> Vec<usize> {
    table.rows.iter().map(|r| r.number).collect()
}

fn assert_rectangular(table: &Table) {
    for row in &table.rows {
        assert_eq!(row.len(), table.headers.len(), "row {}", row.number);
    }
}

fn has_note(table: &Table, needle: &str) -> bool {
    table.notes.iter().any(|n| n.to_string().contains(needle))
}
