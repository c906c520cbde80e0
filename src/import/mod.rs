//! `kluis import`: getting customer records out of the files small businesses
//! actually have (CSV/TSV exports, Excel and LibreOffice workbooks).
//!
//! This module is layered: [`reader`] turns a file's bytes into a plain
//! [`reader::Table`] of text cells without interpreting them; [`mapping`] decides which
//! column goes into which field; [`pipeline`] validates every value and writes the records
//! inside one transaction; [`summary`] reports what happened. See docs/IMPORT.md.

mod error;
mod fast;
pub mod mapping;
pub mod pipeline;
pub mod reader;
pub mod summary;
mod synonyms;

use rusqlite::Connection;

pub use error::{Error, PROBLEM_LIST_MAX, Problem};
use mapping::{FieldSpec, Mapping};
use pipeline::{Options, Outcome};
use reader::Table;

use crate::records::audit::{self, NewEntry};
use crate::records::view::SchemaView;

/// The vault's fields as mapping needs them.
pub fn field_specs(conn: &Connection) -> Result<Vec<FieldSpec>, Error> {
    Ok(crate::schema::fields(conn)?
        .iter()
        .map(FieldSpec::from)
        .collect())
}

/// Imports the table's rows in one transaction and logs the import. With `dry_run` the
/// transaction is rolled back after everything else has run, so the caller has nothing to
/// save. On an error nothing is committed.
pub fn import(
    conn: &mut Connection,
    table: &Table,
    mapping: &Mapping,
    options: &Options,
    dry_run: bool,
    progress: &mut dyn FnMut(usize),
) -> Result<Outcome, Error> {
    let tx = conn.transaction()?;
    let schema = SchemaView::load(&tx)?;
    let outcome = pipeline::run(&tx, &schema, table, mapping, options, progress)?;
    let fields: Vec<&str> = mapping
        .mapped()
        .filter_map(|c| c.field.as_deref())
        .collect();
    audit::write(
        &tx,
        &NewEntry {
            action: "import",
            fields,
            detail: Some(format!(
                "{}: {} rows read, {} imported, {} updated, {} invalid skipped, {} duplicates",
                options.source,
                outcome.rows_read,
                outcome.imported,
                outcome.updated,
                outcome.skipped_invalid,
                outcome.duplicates
            )),
            ..NewEntry::default()
        },
        options.now,
    )?;
    if dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
    }
    Ok(outcome)
}
