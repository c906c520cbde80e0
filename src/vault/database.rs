//! The in-memory SQLite database behind a vault.

use rusqlite::Connection;

/// Settings every vault connection runs with.
///
/// - `temp_store = MEMORY`: sorts and temp tables never spill to a file.
/// - `secure_delete = ON`: erased values are overwritten inside the database pages, so an
///   erased person does not linger in free pages of later saves.
/// - `foreign_keys = ON`: the data model's rules (no field without a purpose) are constraints.
pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;
         PRAGMA foreign_keys = ON;
         PRAGMA journal_mode = MEMORY;",
    )
}

/// A fresh, migrated database that never touches the disk and is never saved: for the demo.
pub fn open_scratch() -> Result<Connection, super::Error> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    super::migrations::apply(&mut conn).map_err(|error| super::Error::Damaged {
        path: ":memory:".into(),
        reason: error.to_string(),
    })?;
    Ok(conn)
}

/// A fresh, migrated in-memory database, for tests of the layers above the vault.
pub fn open_in_memory_for_tests() -> Connection {
    open_scratch().expect("an in-memory database opens and migrates")
}
