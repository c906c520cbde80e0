//! `kluis import`: getting customer records out of the files small businesses
//! actually have (CSV/TSV exports, Excel and LibreOffice workbooks).
//!
//! This module is layered: [`reader`] turns a file's bytes into a plain
//! [`reader::Table`] of text cells without interpreting them; [`mapping`] decides which
//! column goes into which field; [`pipeline`] validates every value and writes the records
//! inside one transaction; [`summary`] reports what happened. [`Pending`] holds an uploaded
//! file in memory for a front end that imports in steps. See docs/IMPORT.md.

mod check;
mod dates;
mod error;
mod fast;
pub mod joins;
pub mod mapping;
mod pending;
mod people;
pub mod pipeline;
pub mod reader;
pub mod row_consent;
pub mod summary;
mod synonyms;

use rusqlite::Connection;

pub use error::{Error, PROBLEM_LIST_MAX, Problem, Rule, header_row_words};
use mapping::{FieldSpec, Mapping};
pub use pending::{Pending, Plan};
use pipeline::{Options, Outcome};
use reader::Table;

use crate::records::audit::{self, NewEntry};
use crate::records::view::SchemaView;

/// How the log names an import: by the file's format (`import:CSV`, `import:vCard`), never by
/// its name. The log keeps its entries after the people in them are erased, and a file is
/// often named after a person (a phone exports one contact as `Jan de Vries.vcf`).
pub fn log_source(table: &reader::Table) -> String {
    format!("import:{}", table.source.format.name())
}

/// The vault's fields as mapping needs them.
pub fn field_specs(conn: &Connection) -> Result<Vec<FieldSpec>, Error> {
    Ok(crate::schema::fields(conn)?
        .iter()
        .map(FieldSpec::from)
        .collect())
}

/// Imports the table's rows in one transaction and logs the import. With `dry_run` the
/// transaction is rolled back after everything else has run, so the caller has nothing to
/// save. On an error nothing is committed.
pub fn import(
    conn: &mut Connection,
    table: &Table,
    mapping: &Mapping,
    options: &Options,
    dry_run: bool,
    progress: &mut dyn FnMut(usize) -> std::ops::ControlFlow<()>,
) -> Result<Outcome, Error> {
    if mapping.mapped().next().is_none() {
        return Err(Error::NothingMapped {});
    }
    let tx = conn.transaction()?;
    let schema = SchemaView::load(&tx)?;
    let outcome = pipeline::run(&tx, &schema, table, mapping, options, progress)?;
    if outcome.imported + outcome.updated + outcome.consents_given == 0 {
        // Dropping the transaction rolls it back: the vault is not rewritten.
        return Err(Error::NothingImported {
            rows_read: outcome.rows_read,
            skipped_invalid: outcome.skipped_invalid,
            duplicates_skipped: outcome.duplicates_skipped,
            empty: outcome.empty_rows,
        });
    }
    let fields: Vec<&str> = mapping
        .mapped()
        .filter_map(|c| c.field.as_deref())
        .collect();
    audit::write(
        &tx,
        &NewEntry {
            action: "import",
            fields,
            detail: Some(format!(
                "{}: {} rows read, {} imported, {} updated, {} invalid skipped, {} duplicates",
                options.source,
                outcome.rows_read,
                outcome.imported,
                outcome.updated,
                outcome.skipped_invalid,
                outcome.duplicates
            )),
            ..NewEntry::default()
        },
        options.now,
    )?;
    if dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::mapping::{ColumnPlan, How};
    use crate::import::pipeline::{OnDuplicate, OnInvalid};
    use crate::records::testing::{T0, at, shop};

    fn schema_sql(conn: &Connection) -> Vec<String> {
        conn.prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn a_large_import_keeps_the_schema_and_a_sound_database() {
        let (mut conn, _) = shop();
        let before = schema_sql(&conn);
        let table = Table::from_rows(
            vec!["name".into(), "email".into()],
            (0..6000)
                .map(|n| {
                    (
                        n + 2,
                        vec![format!("Klant {n}"), format!("k{n}@example.nl")],
                    )
                })
                .collect(),
        );
        let mapping = Mapping {
            columns: ["name", "email"]
                .iter()
                .enumerate()
                .map(|(index, name)| ColumnPlan {
                    index,
                    column: (*name).into(),
                    field: Some((*name).into()),
                    how: How::FieldName,
                })
                .collect(),
        };
        let options = Options {
            on_invalid: OnInvalid::Reject,
            on_duplicate: OnDuplicate::Skip,
            consents: Vec::new(),
            row_consent: Default::default(),
            source: "import:CSV".into(),
            date_order: None,
            now: at(T0),
        };
        for dry_run in [true, false] {
            let outcome = import(&mut conn, &table, &mapping, &options, dry_run, &mut |_| {
                std::ops::ControlFlow::Continue(())
            })
            .unwrap();
            assert_eq!(outcome.imported, 6000);
            assert_eq!(schema_sql(&conn), before, "dry run {dry_run}");
        }
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap();
        assert_eq!(check, "ok");
    }

    /// A progress callback that breaks (Ctrl-C in the front end) stops the import with
    /// `Interrupted`, and nothing of it stays: no record, no audit entry.
    #[test]
    fn a_progress_callback_that_breaks_stops_the_import_and_keeps_nothing() {
        let (mut conn, _) = shop();
        let table = Table::from_rows(
            vec!["name".into()],
            (0..3000)
                .map(|n| (n + 2, vec![format!("Klant {n}")]))
                .collect(),
        );
        let mapping = Mapping {
            columns: vec![ColumnPlan {
                index: 0,
                column: "name".into(),
                field: Some("name".into()),
                how: How::FieldName,
            }],
        };
        let options = Options {
            on_invalid: OnInvalid::Reject,
            on_duplicate: OnDuplicate::Skip,
            consents: Vec::new(),
            row_consent: Default::default(),
            source: "import:CSV".into(),
            date_order: None,
            now: at(T0),
        };
        let log = audit::count(&conn).unwrap();
        let mut calls = 0;
        let error = import(&mut conn, &table, &mapping, &options, false, &mut |_| {
            calls += 1;
            if calls > 1 {
                std::ops::ControlFlow::Break(())
            } else {
                std::ops::ControlFlow::Continue(())
            }
        })
        .unwrap_err();
        assert!(matches!(error, Error::Interrupted {}), "{error}");
        assert_eq!(records(&conn), 0);
        assert_eq!(audit::count(&conn).unwrap(), log);
    }

    fn records(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM records", [], |row| row.get(0))
            .unwrap()
    }

    /// Regression: every row invalid under `--on-invalid skip`, or every column dropped,
    /// "succeeded" with exit 0, an audit entry and a rewritten vault.
    #[test]
    fn an_import_that_imports_nothing_is_refused_and_changes_nothing() {
        let (mut conn, _) = shop();
        let table = Table::from_rows(
            vec!["name".into(), "email".into()],
            vec![(2, vec!["Jan".into(), "geen-adres".into()])],
        );
        let plan = |field: Option<&str>| Mapping {
            columns: vec![
                ColumnPlan {
                    index: 0,
                    column: "name".into(),
                    field: field.map(str::to_owned),
                    how: How::FieldName,
                },
                ColumnPlan {
                    index: 1,
                    column: "email".into(),
                    field: Some("email".into()),
                    how: How::FieldName,
                },
            ],
        };
        let options = Options {
            on_invalid: OnInvalid::Skip,
            on_duplicate: OnDuplicate::Skip,
            consents: Vec::new(),
            row_consent: Default::default(),
            source: "import:CSV".into(),
            date_order: None,
            now: at(T0),
        };
        let log = audit::count(&conn).unwrap();
        let error = import(
            &mut conn,
            &table,
            &plan(Some("name")),
            &options,
            false,
            &mut |_| std::ops::ControlFlow::Continue(()),
        )
        .unwrap_err();
        assert!(
            matches!(
                error,
                Error::NothingImported {
                    rows_read: 1,
                    skipped_invalid: 1,
                    ..
                }
            ),
            "{error}"
        );
        let nothing = Mapping {
            columns: vec![ColumnPlan {
                index: 0,
                column: "name".into(),
                field: None,
                how: How::Skipped,
            }],
        };
        let error = import(&mut conn, &table, &nothing, &options, false, &mut |_| {
            std::ops::ControlFlow::Continue(())
        })
        .unwrap_err();
        assert!(matches!(error, Error::NothingMapped {}), "{error}");
        assert_eq!(records(&conn), 0);
        assert_eq!(audit::count(&conn).unwrap(), log);
    }
}
