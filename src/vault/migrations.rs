//! Numbered SQL files in `migrations/`, applied in order through `PRAGMA user_version`.

use rusqlite::Connection;

/// Every migration, in order. The position (1-based) is the `user_version` it leads to.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_vault.sql",
        include_str!("../../migrations/0001_vault.sql"),
    ),
    (
        "0002_records.sql",
        include_str!("../../migrations/0002_records.sql"),
    ),
    (
        "0003_statement.sql",
        include_str!("../../migrations/0003_statement.sql"),
    ),
    (
        "0004_purpose_english.sql",
        include_str!("../../migrations/0004_purpose_english.sql"),
    ),
];

/// The schema version this build writes.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

/// Why migrating failed.
#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error(
        "this vault was written by a newer kluis (schema version {found}; this kluis knows up to {known})"
    )]
    TooNew { found: u32, known: u32 },
    #[error("migration {name} failed: {source}")]
    Failed {
        name: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    #[error("cannot read the schema version: {0}")]
    Version(#[source] rusqlite::Error),
}

/// Reads the schema version of an open database.
pub fn version(conn: &Connection) -> Result<u32, MigrationError> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(MigrationError::Version)
}

/// Brings the database up to [`CURRENT_VERSION`], each step in its own transaction.
/// Returns how many migrations ran. A database from a newer kluis is refused untouched.
pub fn apply(conn: &mut Connection) -> Result<usize, MigrationError> {
    let found = version(conn)?;
    if found > CURRENT_VERSION {
        return Err(MigrationError::TooNew {
            found,
            known: CURRENT_VERSION,
        });
    }
    let mut ran = 0;
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let failed = |source| MigrationError::Failed { name, source };
        let tx = conn.transaction().map_err(failed)?;
        tx.execute_batch(sql).map_err(failed)?;
        tx.pragma_update(None, "user_version", index as u32 + 1)
            .map_err(failed)?;
        tx.commit().map_err(failed)?;
        ran += 1;
    }
    Ok(ran)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_every_migration_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(apply(&mut conn).unwrap(), MIGRATIONS.len());
        assert_eq!(version(&conn).unwrap(), CURRENT_VERSION);
        assert_eq!(apply(&mut conn).unwrap(), 0);
    }

    #[test]
    fn file_numbers_match_their_user_version() {
        for (index, (name, _)) in MIGRATIONS.iter().enumerate() {
            assert!(
                name.starts_with(&format!("{:04}_", index + 1)),
                "{name} is migration {}",
                index + 1
            );
        }
        let on_disk = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
            .unwrap()
            .count();
        assert_eq!(
            on_disk,
            MIGRATIONS.len(),
            "every file in migrations/ is applied"
        );
    }

    #[test]
    fn refuses_a_newer_schema() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", CURRENT_VERSION + 1)
            .unwrap();
        assert!(matches!(
            apply(&mut conn),
            Err(MigrationError::TooNew { .. })
        ));
    }
}
