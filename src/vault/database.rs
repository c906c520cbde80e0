//! The in-memory SQLite database behind a vault.

use std::collections::BTreeSet;

use rusqlite::Connection;

/// Settings every vault connection runs with.
///
/// - `temp_store = MEMORY`: sorts and temp tables never spill to a file.
/// - `secure_delete = ON`: erased values are overwritten inside the database pages, so an
///   erased person does not linger in free pages of later saves.
/// - `foreign_keys = ON`: the data model's rules (no field without a purpose) are constraints.
pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    super::search_key::register_holds(conn)?;
    conn.execute_batch(
        "PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;
         PRAGMA foreign_keys = ON;
         PRAGMA journal_mode = MEMORY;",
    )
}

pub(crate) use super::memory::with_reader_beside;

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

/// The schema objects (type and name) of a freshly migrated database: everything kluis
/// creates, sorted. Written out rather than built on every open by running each migration
/// on an empty database, which cost a command more SQL parsing than anything else it does
/// on a small vault. The test `the_expected_objects_are_what_the_migrations_create` keeps
/// the list in step with the migrations.
const EXPECTED_OBJECTS: &[(&str, &str)] = &[
    ("index", "records_created"),
    ("index", "records_updated"),
    ("index", "sqlite_autoindex_cookies_1"),
    ("index", "sqlite_autoindex_fields_1"),
    ("index", "sqlite_autoindex_purpose_categories_1"),
    ("index", "sqlite_autoindex_purpose_recipients_1"),
    ("index", "sqlite_autoindex_purpose_transfers_1"),
    ("index", "sqlite_autoindex_purposes_1"),
    ("index", "sqlite_autoindex_recipients_1"),
    ("index", "sqlite_autoindex_statement_settings_1"),
    ("index", "sqlite_autoindex_vault_meta_1"),
    ("index", "sqlite_autoindex_vault_recipients_1"),
    ("table", "audit_log"),
    ("table", "consents"),
    ("table", "cookies"),
    ("table", "field_purposes"),
    ("table", "fields"),
    ("table", "objections"),
    ("table", "profile"),
    ("table", "purpose_categories"),
    ("table", "purpose_recipients"),
    ("table", "purpose_transfers"),
    ("table", "purposes"),
    ("table", "recipient_purposes"),
    ("table", "recipients"),
    ("table", "records"),
    ("table", "request_purposes"),
    ("table", "requests"),
    ("table", "restrictions"),
    ("table", "sqlite_sequence"),
    ("table", "statement_settings"),
    ("table", "statements"),
    ("table", "vault_meta"),
    ("table", "vault_recipients"),
];

fn schema_objects(conn: &Connection) -> rusqlite::Result<BTreeSet<(String, String)>> {
    conn.prepare("SELECT type, name FROM sqlite_schema")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect()
}

/// The first schema object kluis did not create (a trigger, a view, another table or index),
/// as "trigger `name`". A database holding one was planted by whoever held the recovery key,
/// or damaged: a trigger can turn an erasure into a no-op while kluis reports it done.
/// SQLite's own tables (statistics, AUTOINCREMENT counters) are its business, not a plant.
pub fn foreign_object(conn: &Connection) -> rusqlite::Result<Option<String>> {
    Ok(schema_objects(conn)?
        .into_iter()
        .find(|(kind, name)| {
            let sqlite_own = kind == "table" && name.starts_with("sqlite_");
            let expected = EXPECTED_OBJECTS
                .binary_search(&(kind.as_str(), name.as_str()))
                .is_ok();
            !(expected || sqlite_own)
        })
        .map(|(kind, name)| format!("{kind} `{name}`")))
}

/// Rebuilds the database without its free pages (`VACUUM`, in memory: `temp_store` keeps its
/// copy off the disk) when at least a quarter of its pages and 1 MiB are free, as after a
/// purge or a bulk delete. Erased values are zeroes already (`secure_delete`), but SQLite
/// never gives free pages back by itself: a vault whose records were nearly all purged
/// stayed its old size for good, and every open decrypted, and every save encrypted and
/// wrote, the zeroes. Best effort: when the rebuild fails, the save goes on with the
/// database as it is.
pub(super) fn compact_if_mostly_free(conn: &Connection) {
    let pages =
        |pragma: &str| conn.query_row(&format!("PRAGMA {pragma}"), [], |row| row.get::<_, i64>(0));
    let (Ok(free), Ok(total), Ok(page_size)) = (
        pages("freelist_count"),
        pages("page_count"),
        pages("page_size"),
    ) else {
        return;
    };
    if free * 4 >= total && free * page_size >= COMPACT_AT_LEAST {
        // A failed rebuild rolls back and leaves the database as it was.
        let _ = conn.execute_batch("VACUUM");
    }
}

/// The free space below which a save never rebuilds the database: rebuilding a small one
/// gains little, and would make most saves after a deletion rewrite every page.
const COMPACT_AT_LEAST: i64 = 1 << 20;

/// Runs `PRAGMA quick_check` (or `integrity_check`): the problems it finds, none when the
/// database is sound. A page too damaged to read is a problem too, not an error.
pub fn page_problems(conn: &Connection, pragma: &str) -> usize {
    let problems: rusqlite::Result<Vec<String>> = conn
        .prepare(&format!("PRAGMA {pragma}"))
        .and_then(|mut statement| {
            statement
                .query_map([], |row| row.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()
        });
    match problems {
        Ok(lines) if lines == ["ok"] => 0,
        Ok(lines) => lines.len(),
        Err(_) => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A migration that creates or drops a table or an index must change the list too.
    #[test]
    fn the_expected_objects_are_what_the_migrations_create() {
        let created = schema_objects(&open_in_memory_for_tests()).unwrap();
        let listed: BTreeSet<(String, String)> = EXPECTED_OBJECTS
            .iter()
            .map(|(kind, name)| ((*kind).to_owned(), (*name).to_owned()))
            .collect();
        assert_eq!(listed, created, "EXPECTED_OBJECTS");
        assert!(
            EXPECTED_OBJECTS.is_sorted(),
            "EXPECTED_OBJECTS is searched, so it stays sorted"
        );
    }

    #[test]
    fn a_fresh_database_holds_nothing_foreign() {
        let conn = open_in_memory_for_tests();
        assert_eq!(foreign_object(&conn).unwrap(), None);
        assert_eq!(page_problems(&conn, "quick_check"), 0);
    }

    #[test]
    fn triggers_views_and_unknown_tables_are_foreign() {
        for plant in [
            "CREATE TRIGGER keep BEFORE DELETE ON vault_meta BEGIN SELECT RAISE(IGNORE); END",
            "CREATE VIEW v AS SELECT 1",
            "CREATE TABLE extra (x)",
            "CREATE INDEX extra_index ON vault_meta (value)",
        ] {
            let conn = open_in_memory_for_tests();
            conn.execute_batch(plant).unwrap();
            assert!(foreign_object(&conn).unwrap().is_some(), "{plant}");
        }
    }
}
