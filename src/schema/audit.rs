//! Audit rows for schema changes. Only names and counts go in: never a value.

use rusqlite::{Connection, params};

use crate::clock;

/// Appends one row for a schema change, e.g. `purpose.add` with the purpose's name.
pub(crate) fn log(
    conn: &Connection,
    action: &str,
    fields: Option<&str>,
    purpose: Option<&str>,
    detail: Option<&str>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, action, record_id, fields, purpose, detail)
         VALUES (?1, ?2, NULL, ?3, ?4, ?5)",
        params![clock::now_string(), action, fields, purpose, detail],
    )?;
    Ok(())
}

/// Checks the name of a purpose or field: it is typed in commands (`email=…`), used as a JSON
/// key and printed in messages, so it is kept to a plain, unambiguous alphabet.
pub(crate) fn check_name(kind: &'static str, name: &str) -> Result<(), super::Error> {
    let rule = if name.is_empty() {
        Some("it is empty")
    } else if name.len() > 64 {
        Some("it is longer than 64 characters")
    } else if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        Some("it must start with a lowercase letter")
    } else if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        Some("only lowercase letters, digits, '-' and '_' are allowed")
    } else if kind == "field" && name == "id" {
        Some("`id` is reserved for the record id")
    } else {
        None
    };
    match rule {
        Some(rule) => Err(super::Error::InvalidName {
            kind,
            name: name.to_owned(),
            rule,
        }),
        None => Ok(()),
    }
}
