//! The in-memory SQLite database behind a vault.

use std::collections::BTreeSet;
use std::io::Read;
use std::ptr::NonNull;
use std::sync::OnceLock;

use rusqlite::serialize::OwnedData;
use rusqlite::{Connection, MAIN_DB};

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

/// Reads `length` bytes from `reader` as the database of `conn` (an in-memory connection).
///
/// The memory comes from SQLite's allocator, since SQLite owns and frees it. On Linux the
/// kernel is asked to back it with huge pages: a 36 MB database then takes a few dozen page
/// faults instead of 9,000, which was about a fifth of opening a large vault. A failed read
/// wipes what it read.
pub(super) fn read_into(
    conn: &mut Connection,
    mut reader: impl Read,
    length: usize,
) -> std::io::Result<()> {
    let mut data = sqlite_buffer(length)?;
    if let Err(error) = reader.read_exact(&mut data) {
        zeroize::Zeroize::zeroize(&mut *data);
        return Err(error);
    }
    conn.deserialize(MAIN_DB, data, false)
        .map_err(std::io::Error::other)
}

/// `length` zeroed bytes from `sqlite3_malloc64`, owned by SQLite once deserialized.
fn sqlite_buffer(length: usize) -> std::io::Result<OwnedData> {
    let size = u64::try_from(length).map_err(std::io::Error::other)?;
    // SAFETY: no preconditions; it returns null or `size` bytes (null also for 0 bytes).
    let start = unsafe { rusqlite::ffi::sqlite3_malloc64(size) }.cast::<u8>();
    let start =
        NonNull::new(start).ok_or_else(|| std::io::Error::from(std::io::ErrorKind::OutOfMemory))?;
    advise_huge_pages(start, length);
    // SAFETY: `start` points to `length` writable bytes; zeroing them first means the slice
    // handed out below never covers uninitialised memory.
    unsafe { std::ptr::write_bytes(start.as_ptr(), 0, length) };
    // SAFETY: the bytes come from SQLite's allocator, which is how `OwnedData` frees them.
    Ok(unsafe { OwnedData::from_raw_nonnull(start, length) })
}

/// Asks Linux to back `length` bytes at `start` with transparent huge pages, where it gives
/// them on request ("madvise", the default of many distributions). Only a hint: a refusal
/// changes nothing but speed.
#[cfg(target_os = "linux")]
fn advise_huge_pages(start: NonNull<u8>, length: usize) {
    const HUGE_PAGE: usize = 2 << 20;
    if length < HUGE_PAGE {
        return;
    }
    // SAFETY: sysconf has no preconditions.
    let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096);
    let first = (start.as_ptr() as usize).next_multiple_of(page);
    let end = (start.as_ptr() as usize + length) / page * page;
    if end > first {
        // SAFETY: the whole page-aligned range lies inside the allocation above;
        // MADV_HUGEPAGE changes how pages are backed, never their content.
        unsafe { libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE) };
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_start: NonNull<u8>, _length: usize) {}

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
/// creates. Built once per process from the migrations themselves, in memory.
fn expected_objects() -> &'static BTreeSet<(String, String)> {
    static EXPECTED: OnceLock<BTreeSet<(String, String)>> = OnceLock::new();
    EXPECTED.get_or_init(|| {
        let conn = open_scratch().expect("the migrations apply to an empty database");
        schema_objects(&conn).expect("a fresh database lists its schema")
    })
}

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
    let expected = expected_objects();
    Ok(schema_objects(conn)?
        .into_iter()
        .find(|object| {
            let sqlite_own = object.0 == "table" && object.1.starts_with("sqlite_");
            !(expected.contains(object) || sqlite_own)
        })
        .map(|(kind, name)| format!("{kind} `{name}`")))
}

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

    #[test]
    fn a_fresh_database_holds_nothing_foreign() {
        let conn = open_in_memory_for_tests();
        assert_eq!(foreign_object(&conn).unwrap(), None);
        assert_eq!(page_problems(&conn, "quick_check"), 0);
    }

    /// A database above the huge-page threshold reads back whole; a short read is an error
    /// and leaves no database behind.
    #[test]
    fn read_into_loads_a_large_image_and_refuses_a_short_one() {
        let mut source = open_in_memory_for_tests();
        source
            .execute_batch(
                "CREATE TABLE filler (x BLOB);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
                 INSERT INTO filler SELECT zeroblob(4000) FROM n;",
            )
            .unwrap();
        let image = source.serialize(MAIN_DB).unwrap().to_vec();
        assert!(image.len() > 2 << 20, "{} bytes", image.len());

        let mut loaded = Connection::open_in_memory().unwrap();
        read_into(&mut loaded, image.as_slice(), image.len()).unwrap();
        let rows: i64 = loaded
            .query_row("SELECT count(*) FROM filler", [], |row| row.get(0))
            .unwrap();
        assert_eq!(rows, 1000);
        assert_eq!(page_problems(&loaded, "quick_check"), 0);

        let mut short = Connection::open_in_memory().unwrap();
        let error = read_into(&mut short, &image[..image.len() / 2], image.len()).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::UnexpectedEof);
        assert!(
            short
                .query_row("SELECT count(*) FROM filler", [], |_| Ok(()))
                .is_err()
        );
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
