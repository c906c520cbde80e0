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
    } else if name.bytes().all(|b| b.is_ascii_digit()) {
        // `consent give 12 newsletter` and `consent give newsletter 12` must never clash.
        Some("a name of digits alone reads as a record id")
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

#[cfg(test)]
mod tests {
    use super::check_name;
    use crate::schema::Error;

    #[test]
    fn a_name_of_digits_alone_is_refused_so_it_never_reads_as_a_record_id() {
        for kind in ["purpose", "field"] {
            let error = check_name(kind, "2024").unwrap_err();
            assert!(
                matches!(error, Error::InvalidName { rule, .. } if rule.contains("record id")),
                "{error:?}"
            );
        }
        assert!(check_name("purpose", "actie-2024").is_ok());
    }
}
