//! Customer records and everything that acts on them: adding and editing values, consent,
//! purpose-scoped views and exports, erasure, retention, the audit log and the compliance check.
//!
//! Every function takes a plain `rusqlite::Connection` (a transaction derefs to one), so the
//! CLI and the importer share one code path and the caller decides when to commit and save.
//!
//! For an importer, inside one transaction ([`in_transaction`]) and with the schema loaded
//! once ([`view::SchemaView::load`]):
//! - [`record::validate_new`] checks one row (known fields, types, required fields) and returns
//!   `(field id, normalised value)` pairs; wrap its error with the row and column;
//! - [`record::insert_record`] stores them (origin `"import"` goes in the audit entry);
//! - [`record::validate_changes`] + [`record::update_record`] merge into an existing person
//!   (the importer finds duplicates by e-mail with one in-memory map of the vault's addresses);
//! - [`consent::give_consent`] records consent with a source such as `"import"`.
//!
//! Every statement is cached on the connection, so a bulk run parses each one once.

pub mod audit;
pub mod browse;
pub mod check;
pub mod consent;
pub mod declared;
mod due;
pub mod erase;
mod error;
pub mod export;
pub mod input;
pub mod limits;
pub mod marks;
pub mod record;
pub mod retention;
pub mod search;
pub mod view;

#[cfg(test)]
pub(crate) mod testing;

pub use error::Error;

/// A record's id, as printed by `kluis add`.
pub type RecordId = i64;

/// Runs of consecutive ids in `ids` (ascending), as (first, last): how the audit log, a
/// purge and a check name many records at once.
pub fn id_runs(ids: &[RecordId]) -> Vec<(RecordId, RecordId)> {
    let mut runs: Vec<(RecordId, RecordId)> = Vec::new();
    for &id in ids {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == id => *last = id,
            _ => runs.push((id, id)),
        }
    }
    runs
}

/// Runs `change` in one transaction with the schema loaded; commits only if it succeeds, so
/// a refused command leaves the database (and so the saved file) untouched.
pub fn in_transaction<T>(
    conn: &mut rusqlite::Connection,
    change: impl FnOnce(&rusqlite::Connection, &view::SchemaView) -> Result<T, Error>,
) -> Result<T, Error> {
    let tx = conn.transaction()?;
    let schema = view::SchemaView::load(&tx)?;
    let result = change(&tx, &schema)?;
    tx.commit()?;
    Ok(result)
}
