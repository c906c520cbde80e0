//! Purposes, fields, legal bases and retention: the rules of what may be stored.
//!
//! The store functions take a [`rusqlite::Transaction`] when they write, so a refused change
//! leaves nothing behind, and a plain [`rusqlite::Connection`] when they only read. Every
//! change writes an audit row with names only.

pub mod art9;
mod audit;
pub mod bsn;
pub mod cookie;
pub mod country;
pub mod document;
pub mod error;
pub mod field;
pub mod field_edit;
pub mod model;
pub mod names;
pub mod profile;
pub mod purpose;
pub mod purpose_order;
pub mod recipient;
pub mod retention;
pub mod snapshot;
pub mod starter;
#[cfg(test)]
pub(crate) mod testing;
pub mod transfer;
pub mod value;

/// Where a field's values live: one column of `records` per field.
pub use crate::vault::migrations::{add_value_column, value_column};
pub use art9::Art9Exception;
/// A purpose or field name's syntax, checked before a front end opens the vault.
pub(crate) use audit::check_name;
pub use bsn::{BsnNaming, holds_bsn, is_bsn, is_bsn_field, names_a_bsn};
pub use error::Error;
pub use field::{
    StoredField, add_field, field_by_name, fields, fields_of_purpose, find_field, remove_field,
    validate_field, value_count,
};
pub use field_edit::{FieldChanges, FieldEdit, edit_field};
pub use names::UnknownName;
pub use profile::{ProfileUpdate, profile, set_profile};
pub use purpose::{
    PurposeChanges, StoredPurpose, add_purpose, direct_marketing_purposes, find_purpose,
    objectable, purpose_by_name, purposes, recipient_names, remove_purpose, set_direct_marketing,
    update_purpose,
};
pub use purpose_order::{Place, move_purpose};
pub use recipient::{
    RecipientError, Removed, add_recipient, find_recipient, recipient_by_id, recipients,
    recipients_with_ids, remove_recipient, replace_recipient,
};
pub use retention::RetentionError;
pub use snapshot::load_snapshot;
pub use starter::Starter;
pub use value::{ValueError, normalize};

/// Whether the guided setup still has work: no controller profile, or no purpose yet.
pub fn needs_setup(conn: &rusqlite::Connection) -> Result<bool, Error> {
    if profile(conn)?.is_none() {
        return Ok(true);
    }
    let purposes: i64 = conn
        .query_row("SELECT count(*) FROM purposes", [], |row| row.get(0))
        .map_err(Error::from)?;
    Ok(purposes == 0)
}

/// Runs `change` in one transaction and commits only if it succeeds, so a refused change
/// leaves the database, and so the saved file, untouched. Every front end changes the schema
/// through this; saving the vault afterwards is the caller's step.
pub fn in_transaction<T>(
    conn: &mut rusqlite::Connection,
    change: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, Error>,
) -> Result<T, Error> {
    let tx = conn.transaction()?;
    let result = change(&tx)?;
    tx.commit()?;
    Ok(result)
}
