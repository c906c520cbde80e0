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

/// A fresh, migrated in-memory database, for tests of the layers above the vault.
pub fn open_in_memory_for_tests() -> Connection {
    let mut conn = Connection::open_in_memory().expect("in-memory SQLite opens");
    configure(&conn).expect("pragmas apply");
    super::migrations::apply(&mut conn).expect("migrations apply");
    conn
}
