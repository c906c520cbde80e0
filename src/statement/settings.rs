//! Statement settings stored in the vault (`statement_settings`, migration 0003).

use rusqlite::{Connection, OptionalExtension, params};

use super::Error;
use super::model::Settings;

/// Reads the settings; absent ones are `None`.
pub fn load_settings(conn: &Connection) -> Result<Settings, Error> {
    let profiling = conn
        .query_row(
            "SELECT value FROM statement_settings WHERE key = 'profiling'",
            [],
            |row| row.get::<_, String>(0),
        )
        .optional()
        .map_err(|source| Error::Database {
            action: "read the settings of",
            source,
        })?;
    Ok(Settings {
        profiling,
        ..Settings::default()
    })
}

/// Stores how scores or profiles are made, or clears it with `None`. Blank text clears too.
pub fn set_profiling(conn: &Connection, text: Option<&str>) -> Result<(), Error> {
    let failed = |source| Error::Database {
        action: "store the settings of",
        source,
    };
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => conn
            .execute(
                "INSERT INTO statement_settings (key, value) VALUES ('profiling', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![text],
            )
            .map_err(failed)?,
        None => conn
            .execute("DELETE FROM statement_settings WHERE key = 'profiling'", [])
            .map_err(failed)?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::database::open_in_memory_for_tests;

    #[test]
    fn profiling_text_round_trips_and_clears() {
        let conn = open_in_memory_for_tests();
        assert_eq!(load_settings(&conn).unwrap(), Settings::default());
        set_profiling(&conn, Some(" Een score uit betaalgedrag. ")).unwrap();
        set_profiling(&conn, Some("Een score uit betaalgedrag.")).unwrap();
        assert_eq!(
            load_settings(&conn).unwrap().profiling.as_deref(),
            Some("Een score uit betaalgedrag.")
        );
        set_profiling(&conn, Some("  ")).unwrap();
        assert_eq!(load_settings(&conn).unwrap(), Settings::default());
    }
}
