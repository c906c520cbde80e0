//! Numbered SQL files in `migrations/`, applied in order through `PRAGMA user_version`.

use rusqlite::{Connection, OptionalExtension};

/// One step of the schema's history: a numbered SQL file, and for the few changes that
/// depend on the data (such as one column per stored field) code run right after it, in the
/// same transaction.
struct Migration {
    name: &'static str,
    sql: &'static str,
    then: Option<fn(&Connection) -> rusqlite::Result<()>>,
    /// The file rebuilds a table that others reference. SQLite's procedure for that runs with
    /// foreign keys off, which can only be switched outside a transaction; every key is
    /// checked before the migration commits.
    rebuilds_tables: bool,
}

const fn sql(name: &'static str, sql: &'static str) -> Migration {
    Migration {
        name,
        sql,
        then: None,
        rebuilds_tables: false,
    }
}

/// Every migration, in order. The position (1-based) is the `user_version` it leads to.
const MIGRATIONS: &[Migration] = &[
    sql(
        "0001_vault.sql",
        include_str!("../../migrations/0001_vault.sql"),
    ),
    sql(
        "0002_records.sql",
        include_str!("../../migrations/0002_records.sql"),
    ),
    sql(
        "0003_statement.sql",
        include_str!("../../migrations/0003_statement.sql"),
    ),
    sql(
        "0004_purpose_english.sql",
        include_str!("../../migrations/0004_purpose_english.sql"),
    ),
    Migration {
        name: "0005_values_per_record.sql",
        sql: include_str!("../../migrations/0005_values_per_record.sql"),
        then: Some(move_values_into_records),
        rebuilds_tables: false,
    },
    Migration {
        name: "0006_declared_facts.sql",
        sql: include_str!("../../migrations/0006_declared_facts.sql"),
        then: None,
        rebuilds_tables: true,
    },
    sql(
        "0007_requests.sql",
        include_str!("../../migrations/0007_requests.sql"),
    ),
    Migration {
        name: "0008_country_type.sql",
        sql: include_str!("../../migrations/0008_country_type.sql"),
        then: None,
        rebuilds_tables: true,
    },
    Migration {
        name: "0009_search_keys.sql",
        sql: include_str!("../../migrations/0009_search_keys.sql"),
        // The file's comment names `records::search`, where the key's code lived until it
        // moved beside the migrations; released migrations are not edited.
        then: Some(super::search_key::rebuild_all),
        rebuilds_tables: false,
    },
    sql(
        "0010_consent_sources.sql",
        include_str!("../../migrations/0010_consent_sources.sql"),
    ),
    sql(
        "0011_retention_start_indexes.sql",
        include_str!("../../migrations/0011_retention_start_indexes.sql"),
    ),
    Migration {
        name: "0012_erasure_without_cascades.sql",
        sql: include_str!("../../migrations/0012_erasure_without_cascades.sql"),
        then: None,
        rebuilds_tables: true,
    },
    sql(
        "0013_cookie_consent_and_transfers.sql",
        include_str!("../../migrations/0013_cookie_consent_and_transfers.sql"),
    ),
    sql(
        "0014_statement_version_date.sql",
        include_str!("../../migrations/0014_statement_version_date.sql"),
    ),
];

/// The column of `records` that holds a field's values. Named by the field's id, which never
/// changes, so renaming a field touches no data; the id is an integer, so the name is safe
/// to put in SQL.
pub fn value_column(field_id: i64) -> String {
    format!("field_{field_id}")
}

/// Gives `records` the column for a new field's values: every field has one from the moment
/// it exists.
pub fn add_value_column(conn: &Connection, field_id: i64) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "ALTER TABLE records ADD COLUMN {} TEXT",
        value_column(field_id)
    ))
}

/// Migration 0005: gives `records` one column per field and moves every value from the old
/// one-row-per-value table into it. Values that belonged to no field cannot exist (the old
/// table's foreign key), so nothing is lost.
fn move_values_into_records(conn: &Connection) -> rusqlite::Result<()> {
    let field_ids: Vec<i64> = conn
        .prepare("SELECT id FROM fields ORDER BY id")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for id in field_ids {
        add_value_column(conn, id)?;
        let column = value_column(id);
        conn.execute_batch(&format!(
            "UPDATE records SET {column} = (SELECT value FROM record_values
                 WHERE record_id = records.id AND field_id = {id});"
        ))?;
    }
    conn.execute_batch("DROP TABLE record_values;")
}

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
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let failed = |source| MigrationError::Failed {
            name: migration.name,
            source,
        };
        let keys_were_on: bool = conn
            .query_row("PRAGMA foreign_keys", [], |row| row.get(0))
            .map_err(failed)?;
        if migration.rebuilds_tables {
            conn.pragma_update(None, "foreign_keys", false)
                .map_err(failed)?;
        }
        let result = run_one(conn, migration, index as u32 + 1);
        if migration.rebuilds_tables && keys_were_on {
            conn.pragma_update(None, "foreign_keys", true)
                .map_err(failed)?;
        }
        result.map_err(failed)?;
        ran += 1;
    }
    Ok(ran)
}

/// Runs one migration in its own transaction, ending at `version`.
fn run_one(conn: &mut Connection, migration: &Migration, version: u32) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    tx.execute_batch(migration.sql)?;
    if let Some(then) = migration.then {
        then(&tx)?;
    }
    if migration.rebuilds_tables {
        let broken: Option<String> = tx
            .query_row("PRAGMA foreign_key_check", [], |row| row.get(0))
            .optional()?;
        if let Some(table) = broken {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                Some(format!("a foreign key of table {table} points nowhere")),
            ));
        }
    }
    tx.pragma_update(None, "user_version", version)?;
    tx.commit()
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
        for (index, Migration { name, .. }) in MIGRATIONS.iter().enumerate() {
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

    /// A vault from before 0005 keeps every value, each in its field's column, and the
    /// record ids, timestamps and a record without values stay as they were.
    #[test]
    fn values_move_from_one_row_each_into_their_records() {
        let mut conn = Connection::open_in_memory().unwrap();
        for migration in &MIGRATIONS[..4] {
            conn.execute_batch(migration.sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 4;
             INSERT INTO fields (id, name, type, created_at, updated_at)
                 VALUES (3, 'email', 'email', 't', 't'), (7, 'name', 'text', 't', 't');
             INSERT INTO records (id, created_at, updated_at)
                 VALUES (1, 'c1', 'u1'), (5, 'c5', 'u5'), (6, 'c6', 'u6');
             INSERT INTO record_values VALUES (1, 3, 'jan@example.nl'), (1, 7, 'Jan'),
                 (5, 7, 'Piet');",
        )
        .unwrap();
        assert_eq!(apply(&mut conn).unwrap(), MIGRATIONS.len() - 4);
        let rows: Vec<(i64, String, Option<String>, Option<String>)> = conn
            .prepare("SELECT id, updated_at, field_3, field_7 FROM records ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            rows,
            [
                (1, "u1".into(), some("jan@example.nl"), some("Jan")),
                (5, "u5".into(), None, some("Piet")),
                (6, "u6".into(), None, None),
            ]
        );
        let old_table: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'record_values'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(old_table, 0);
    }

    /// Migration 0006 rebuilds `purposes`: ids, the rows that point at them (fields,
    /// consents, free-text recipients) and every text survive, and the order the purposes
    /// were added in becomes their position.
    #[test]
    fn rebuilding_purposes_keeps_ids_links_and_texts() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
        for (index, migration) in MIGRATIONS[..5].iter().enumerate() {
            run_one(&mut conn, migration, index as u32 + 1).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO purposes (id, name, basis, description, retention_note, created_at,
                 updated_at) VALUES (9, 'zz-newsletter', 'consent', 'Nieuwsbrief', 'tot afmelden',
                 't', 't');
             INSERT INTO purposes (id, name, basis, description, law, retention_days,
                 retention_spec, created_at, updated_at, description_en)
                 VALUES (12, 'bookkeeping', 'legal-obligation', 'Administratie', 'AWR art. 52',
                 2555, '7y', 't', 't', 'Records');
             INSERT INTO purpose_recipients VALUES (12, 0, 'Boekhouder');
             INSERT INTO purpose_transfers VALUES (9, 0, 'VS: DPF');
             INSERT INTO fields (id, name, type, created_at, updated_at)
                 VALUES (3, 'email', 'email', 't', 't');
             INSERT INTO field_purposes VALUES (3, 9), (3, 12);
             INSERT INTO records (id, created_at, updated_at) VALUES (1, 't', 't');
             INSERT INTO consents VALUES (1, 9, 'g', NULL, 'web');",
        )
        .unwrap();
        assert_eq!(apply(&mut conn).unwrap(), MIGRATIONS.len() - 5);
        let keys_on: bool = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert!(keys_on, "foreign keys are back on after the rebuild");
        let purposes: Vec<(i64, String, i64, Option<String>, String)> = conn
            .prepare(
                "SELECT id, name, position, description_en, retention_from FROM purposes
                 ORDER BY position",
            )
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            purposes,
            [
                (9, "zz-newsletter".into(), 1, None, "last-change".into()),
                (
                    12,
                    "bookkeeping".into(),
                    2,
                    Some("Records".into()),
                    "last-change".into()
                ),
            ]
        );
        let links: i64 = conn
            .query_row(
                "SELECT (SELECT count(*) FROM field_purposes) + (SELECT count(*) FROM consents)
                     + (SELECT count(*) FROM purpose_recipients)
                     + (SELECT count(*) FROM purpose_transfers)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(links, 5);
        // The references still enforce: a purpose that a field uses cannot go.
        assert!(
            conn.execute("DELETE FROM purposes WHERE id = 9", [])
                .is_err()
        );
    }

    /// Migration 0008 rebuilds `fields` to allow the `country` type: ids, texts, the links
    /// to purposes and the values in `records` stay, and the check still refuses other types.
    #[test]
    fn rebuilding_fields_keeps_ids_links_and_values_and_allows_country() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
        // 0008 is the eighth migration: stop just before it.
        let before = 7;
        apply_first(&mut conn, before);
        conn.execute_batch(
            "INSERT INTO purposes (id, name, position, basis, description, retention_days,
                 created_at, updated_at) VALUES (4, 'orders', 1, 'contract', 'Bestellingen',
                 30, 't', 't');
             INSERT INTO fields (id, name, type, label, required, source_note_en, created_at,
                 updated_at) VALUES (7, 'postcode', 'postcode', 'Postcode', 1, 'from shop',
                 't', 'u');
             INSERT INTO field_purposes VALUES (7, 4);
             ALTER TABLE records ADD COLUMN field_7 TEXT;
             INSERT INTO records (id, created_at, updated_at, field_7) VALUES (1, 't', 't',
                 '1234 AB');",
        )
        .unwrap();
        assert_eq!(apply(&mut conn).unwrap(), MIGRATIONS.len() - before);
        let field: (i64, String, String, i64, Option<String>) = conn
            .query_row(
                "SELECT id, name, label, required, source_note_en FROM fields",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .unwrap();
        assert_eq!(
            field,
            (
                7,
                "postcode".into(),
                "Postcode".into(),
                1,
                Some("from shop".into())
            )
        );
        let value: String = conn
            .query_row("SELECT field_7 FROM records WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(value, "1234 AB");
        conn.execute(
            "INSERT INTO fields (id, name, type, created_at, updated_at)
                 VALUES (8, 'land', 'country', 't', 't')",
            [],
        )
        .unwrap();
        assert!(
            conn.execute(
                "INSERT INTO fields (name, type, created_at, updated_at)
                     VALUES ('x', 'colour', 't', 't')",
                [],
            )
            .is_err()
        );
        // The link to the purpose still enforces: the purpose a field uses cannot go.
        assert!(
            conn.execute("DELETE FROM purposes WHERE id = 4", [])
                .is_err()
        );
    }

    /// Migration 0014 gives each published statement the version date its content hash was
    /// made with: until then the UTC day of its publication, whatever the local day was.
    #[test]
    fn statements_published_before_keep_the_utc_day_as_their_version_date() {
        let mut conn = Connection::open_in_memory().unwrap();
        let before = 13;
        apply_first(&mut conn, before);
        conn.execute_batch(
            "INSERT INTO statements (id, published_at, content_hash, schema_json)
                 VALUES (1, '2026-12-01T23:30:00Z', 'hash', '{}');",
        )
        .unwrap();
        assert_eq!(apply(&mut conn).unwrap(), MIGRATIONS.len() - before);
        let date: String = conn
            .query_row(
                "SELECT version_date FROM statements WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(date, "2026-12-01");
        assert!(
            conn.execute(
                "UPDATE statements SET version_date = '1 december' WHERE id = 1",
                []
            )
            .is_err(),
            "only a date in the stored form"
        );
    }

    /// A consent purpose (id 9) and two bare records (ids 1 and 2), for the tests below that
    /// start from schema version 9 or later.
    const NEWSLETTER_AND_TWO_RECORDS: &str =
        "INSERT INTO purposes (id, name, basis, description, position, retention_from,
             created_at, updated_at)
             VALUES (9, 'newsletter', 'consent', 'Nieuwsbrief', 1, 'consent-withdrawn', 't', 't');
         INSERT INTO records (id, created_at, updated_at) VALUES (1, 't', 't'), (2, 't', 't');";

    /// Runs the first `count` migrations as `apply` would.
    fn apply_first(conn: &mut Connection, count: usize) {
        for (index, migration) in MIGRATIONS[..count].iter().enumerate() {
            if migration.rebuilds_tables {
                conn.pragma_update(None, "foreign_keys", false).unwrap();
            }
            run_one(conn, migration, index as u32 + 1).unwrap();
            conn.pragma_update(None, "foreign_keys", true).unwrap();
        }
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

    /// Migration 0009 gives every record already in the vault its search key, and a record
    /// without values an empty one.
    #[test]
    fn search_keys_are_backfilled() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply_first(&mut conn, 8);
        conn.execute_batch(
            "INSERT INTO fields (id, name, type, created_at, updated_at)
                 VALUES (7, 'name', 'text', 't', 't'), (12, 'city', 'text', 't', 't');
             ALTER TABLE records ADD COLUMN field_7 TEXT;
             ALTER TABLE records ADD COLUMN field_12 TEXT;
             INSERT INTO records (id, created_at, updated_at, field_7, field_12)
                 VALUES (1, 't', 't', 'Zoë', 'Den Haag'), (2, 't', 't', NULL, NULL);",
        )
        .unwrap();
        assert_eq!(apply(&mut conn).unwrap(), MIGRATIONS.len() - 8);
        let keys: Vec<String> = conn
            .prepare("SELECT search_key FROM records ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let zoe = super::super::search_key::key_of([(7, "Zoë"), (12, "Den Haag")]);
        assert_eq!(keys, [zoe, String::new()]);
        assert!(keys[0].contains("zoe") && keys[0].contains("den haag"));
    }

    /// Issue 15 L2: a free-text consent source stayed in the log after the person was
    /// erased. Migration 0010 turns every source outside the closed list into `other`, in the
    /// consents and in the log, and its list is `ConsentSource`'s.
    #[test]
    fn free_text_consent_sources_become_other() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply_first(&mut conn, 9);
        conn.execute_batch(&format!(
            "{NEWSLETTER_AND_TWO_RECORDS}
             INSERT INTO consents VALUES (1, 9, 'g', NULL, 'webshop'),
                 (2, 9, 'g', NULL, 'Jan''s wife at the counter');
             INSERT INTO audit_log (at, action, record_id, purpose, detail) VALUES
                 ('t', 'consent-give', 1, 'newsletter', 'source webshop'),
                 ('t', 'consent-give', 2, 'newsletter', 'source Jan''s wife at the counter'),
                 ('t', 'delete', 2, NULL, 'source of trouble');"
        ))
        .unwrap();
        apply(&mut conn).unwrap();
        let column = |sql: &str| -> Vec<String> {
            conn.prepare(sql)
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        assert_eq!(
            column("SELECT source FROM consents ORDER BY record_id"),
            ["webshop", "other"]
        );
        assert_eq!(
            column("SELECT detail FROM audit_log ORDER BY id"),
            ["source webshop", "source other", "source of trouble"]
        );
        let listed = include_str!("../../migrations/0010_consent_sources.sql");
        for name in crate::records::consent::ConsentSource::NAMES {
            assert!(listed.matches(&format!("'{name}'")).count() >= 2, "{name}");
        }
    }

    /// Migration 0012 rebuilds the tables that hang on a record without their cascades:
    /// their rows survive, and deleting a record that still has one is refused instead of
    /// taking the row along.
    #[test]
    fn dependents_of_a_record_survive_without_their_cascades() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply_first(&mut conn, 11);
        conn.execute_batch(&format!(
            "{NEWSLETTER_AND_TWO_RECORDS}
             INSERT INTO consents VALUES (1, 9, 'g', NULL, 'webshop');
             INSERT INTO restrictions VALUES (1, 's');
             INSERT INTO objections VALUES (1, 9, 'o');"
        ))
        .unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        apply(&mut conn).unwrap();
        let count = |table: &str| -> i64 {
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        for table in ["consents", "restrictions", "objections"] {
            assert_eq!(count(table), 1, "{table}");
        }
        assert!(
            conn.execute("DELETE FROM records WHERE id = 1", [])
                .is_err()
        );
        conn.execute("DELETE FROM records WHERE id = 2", [])
            .unwrap();
        conn.execute("DELETE FROM purposes WHERE id = 9", [])
            .unwrap();
        assert_eq!(count("consents") + count("objections"), 0);
    }
}
