//! `kluis delete`: the right to erasure (Art. 17), with the legal-obligation exception of
//! Art. 17(3)(b) applied per field and reported.

use rusqlite::Connection;
use serde::Serialize;
use time::OffsetDateTime;

use super::audit::{self, NewEntry, action};
use super::record::{Record, ensure_exists, get};
use super::retention::{RecordMoments, legal_hold};
use super::view::{FieldInfo, SchemaView};
use super::{Error, RecordId};
use crate::clock;

/// A value kept despite the erasure request, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kept {
    pub field: String,
    pub purpose: String,
    pub law: Option<String>,
    /// When the obligation ends; `None` when the purpose's retention note decides.
    pub until: Option<String>,
    pub retention_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Erasure {
    pub record: RecordId,
    pub erased: Vec<String>,
    pub kept: Vec<Kept>,
    /// True when nothing was kept and the record itself is gone.
    pub record_erased: bool,
}

/// Fails unless an erasing statement changed exactly the rows it was meant to: a trigger, or
/// a change the caller did not foresee, must never let an erasure be reported done (issue 15,
/// L10). The caller's transaction then rolls back and nothing is saved.
pub(crate) fn expect_changed(
    changed: usize,
    expected: usize,
    what: impl FnOnce() -> String,
) -> Result<(), Error> {
    if changed == expected {
        Ok(())
    } else {
        Err(Error::ErasureMismatch {
            what: what(),
            expected,
            changed,
        })
    }
}

/// Erases a record. Values of fields that serve a legal-obligation purpose whose period has
/// not run out are kept unless `all_fields`; consents and everything else go.
pub fn delete(
    conn: &Connection,
    schema: &SchemaView,
    record: RecordId,
    all_fields: bool,
    now: OffsetDateTime,
) -> Result<Erasure, Error> {
    ensure_exists(conn, record)?;
    let current = get(conn, schema, record)?;
    let moments = moments_of(&current)?;
    let mut erased = Vec::new();
    let mut kept = Vec::new();
    for (name, _) in &current.values {
        let Some(field) = schema.field(name) else {
            continue;
        };
        match hold(schema, field, moments, now).filter(|_| !all_fields) {
            Some(hold) => kept.push(hold),
            None => erased.push(field),
        }
    }

    let record_erased = kept.is_empty();
    if record_erased {
        let changed = delete_records(conn, &[record])?;
        expect_changed(changed, 1, || format!("record {record}"))?;
    } else {
        for field in &erased {
            super::record::clear_value(conn, record, field.id)?;
        }
        conn.prepare_cached("DELETE FROM consents WHERE record_id = ?1")?
            .execute([record])?;
    }

    let erased: Vec<String> = erased.iter().map(|f| f.name.clone()).collect();
    let detail = if record_erased {
        "record erased".to_owned()
    } else {
        let kept: Vec<String> = kept
            .iter()
            .map(|k| format!("{} for {}", k.field, k.purpose))
            .collect();
        format!("kept {} (Art. 17(3)(b))", kept.join(", "))
    };
    audit::write(
        conn,
        &NewEntry {
            action: action::DELETE,
            record: Some(record),
            fields: erased.iter().map(String::as_str).collect(),
            detail: Some(if all_fields {
                format!("{detail}, --all-fields")
            } else {
                detail
            }),
            ..NewEntry::default()
        },
        now,
    )?;
    Ok(Erasure {
        record,
        erased,
        kept,
        record_erased,
    })
}

/// The tables whose rows hang on a record and go with it.
const DEPENDENTS: [&str; 3] = ["consents", "restrictions", "objections"];

/// Deletes `records` with the rows that hang on them, and returns how many records went.
/// The dependent rows go first, one `DELETE` per table (migration 0012 took away their
/// cascades, which SQLite ran once per deleted record: 937 against 268 ms for 100,000).
pub(crate) fn delete_records(
    conn: &Connection,
    records: &[RecordId],
) -> Result<usize, rusqlite::Error> {
    let ids = serde_json::to_string(records).expect("ids serialise");
    let among = "IN (SELECT value FROM json_each(?1))";
    for table in DEPENDENTS {
        // Most shops have no restrictions or objections. SQLite would still look up each id in
        // an empty table: about 20 ms per table when 100,000 records go.
        let empty: bool = conn
            .prepare_cached(&format!("SELECT NOT EXISTS (SELECT 1 FROM {table})"))?
            .query_row([], |row| row.get(0))?;
        if !empty {
            conn.prepare_cached(&format!("DELETE FROM {table} WHERE record_id {among}"))?
                .execute([&ids])?;
        }
    }
    let delete = || {
        conn.prepare_cached(&format!("DELETE FROM records WHERE id {among}"))?
            .execute([&ids])
    };
    // The highest id bounds the number of records (ids are never reused) and costs one
    // look-up, where counting them reads an index.
    let highest: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM records", [], |row| {
        row.get(0)
    })?;
    if records.len() as i64 * 2 >= highest {
        with_indexes_rebuilt(conn, delete)
    } else {
        delete()
    }
}

/// Runs `change` on `records` without its indexes, and creates them again from the same
/// definitions after it. Deleting a row deletes its entry in each index too, which costs
/// more than the row itself; once at least as many rows go as stay, building the indexes
/// again over those that stay is cheaper (`purge` of every record of 100,000, the whole
/// command: a median of 399 ms before, 299 after). Inside the caller's transaction, so a
/// failure leaves the indexes as they were.
fn with_indexes_rebuilt(
    conn: &Connection,
    change: impl FnOnce() -> rusqlite::Result<usize>,
) -> rusqlite::Result<usize> {
    let indexes: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'index' AND tbl_name = 'records' AND sql IS NOT NULL",
        )?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    let changed = change()?;
    for (_, sql) in &indexes {
        conn.execute_batch(sql)?;
    }
    Ok(changed)
}

/// A record's creation and last change, as retention counts from them.
fn moments_of(record: &Record) -> Result<RecordMoments, Error> {
    let parse = |text: &str, what: &str| {
        clock::parse(text).ok_or_else(|| Error::Corrupt {
            what: format!("record {}'s {what}", record.id),
        })
    };
    Ok(RecordMoments {
        created: parse(&record.created_at, "creation")?,
        updated: parse(&record.updated_at, "last change")?,
    })
}

/// Why a field's value must be kept at `now` despite an erasure request, if it must.
fn hold(
    schema: &SchemaView,
    field: &FieldInfo,
    moments: RecordMoments,
    now: OffsetDateTime,
) -> Option<Kept> {
    legal_hold(schema, field, moments, now).map(|(purpose, until)| Kept {
        field: field.name.clone(),
        purpose: purpose.name.clone(),
        law: purpose.law.clone(),
        until: until.map(clock::format),
        retention_note: purpose.retention_note.clone(),
    })
}

/// What a legal obligation still keeps of a record at `now`, value by value: for a person
/// who asked for erasure, what is left and until when. Empty once every obligation ran
/// out (`purge` then erases the rest).
pub fn still_kept(
    schema: &SchemaView,
    record: &Record,
    now: OffsetDateTime,
) -> Result<Vec<Kept>, Error> {
    let moments = moments_of(record)?;
    Ok(record
        .values
        .iter()
        .filter_map(|(name, _)| schema.field(name))
        .filter_map(|field| hold(schema, field, moments, now))
        .collect())
}

/// What [`delete`] would erase and keep, without changing anything: the same decision, made
/// inside a savepoint that is rolled back.
pub fn preview(
    conn: &Connection,
    schema: &SchemaView,
    record: RecordId,
    now: OffsetDateTime,
) -> Result<Erasure, Error> {
    conn.execute_batch("SAVEPOINT erase_preview")?;
    let outcome = delete(conn, schema, record, false, now);
    conn.execute_batch("ROLLBACK TO erase_preview; RELEASE erase_preview")?;
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::consent::{consents_of, give_consent};
    use crate::records::record::{add, load};
    use crate::records::testing::{T0, at, pairs, shop};

    fn customer(conn: &Connection, schema: &SchemaView) -> RecordId {
        let id = add(
            conn,
            schema,
            &pairs(&[
                ("name", "Jan"),
                ("email", "jan@example.nl"),
                ("iban", "NL01"),
            ]),
            at(T0),
        )
        .unwrap();
        give_consent(conn, schema, id, "newsletter", "cli", at(T0)).unwrap();
        id
    }

    /// Deleting a record, by `delete` or by `purge`, takes its consents, restriction and
    /// objections along: migration 0012 left their keys without cascades, so a table
    /// forgotten here makes the deletion fail. (`purge` keeps a restricted record.)
    #[test]
    fn a_deleted_record_takes_its_consents_restriction_and_objections() {
        let (conn, schema) = shop();
        let deleted = customer(&conn, &schema);
        let purged = customer(&conn, &schema);
        crate::records::consent::withdraw_consent(&conn, &schema, purged, "newsletter", at(T0))
            .unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO restrictions VALUES ({deleted}, 't');
             INSERT INTO objections SELECT r.id, p.id, 't' FROM records r, purposes p
                 WHERE p.name = 'newsletter';"
        ))
        .unwrap();
        let count = |table: &str, id: RecordId| -> i64 {
            let sql = format!("SELECT count(*) FROM {table} WHERE record_id = {id}");
            conn.query_row(&sql, [], |row| row.get(0)).unwrap()
        };
        for table in DEPENDENTS {
            assert_eq!(count(table, deleted), 1, "{table}");
        }
        assert!(
            delete(&conn, &schema, deleted, true, at(T0))
                .unwrap()
                .record_erased
        );
        let plan = crate::records::retention::purge(&conn, &schema, at("2099-01-01T00:00:00Z"));
        assert_eq!(plan.unwrap().records, [purged]);
        for (table, id) in DEPENDENTS.iter().flat_map(|t| [(t, deleted), (t, purged)]) {
            assert_eq!(count(table, id), 0, "{table} of {id}");
        }
    }

    #[test]
    fn delete_keeps_only_values_a_running_legal_obligation_needs() {
        let (conn, schema) = shop();
        let id = customer(&conn, &schema);
        let erasure = delete(&conn, &schema, id, false, at("2031-01-01T00:00:00Z")).unwrap();
        assert_eq!(erasure.erased, ["email"]);
        let kept: Vec<&str> = erasure.kept.iter().map(|k| k.field.as_str()).collect();
        assert_eq!(kept, ["iban", "name"]);
        assert_eq!(erasure.kept[0].purpose, "bookkeeping");
        assert_eq!(erasure.kept[0].law.as_deref(), Some("AWR art. 52"));
        assert_eq!(
            erasure.kept[0].until.as_deref(),
            Some("2036-12-30T00:00:00Z")
        );
        assert!(!erasure.record_erased);
        assert!(consents_of(&conn, id).unwrap().is_empty());
        let log = audit::entries(&conn, Some(id)).unwrap();
        let last = log.last().unwrap();
        assert_eq!(
            (last.action.as_str(), last.fields.as_slice()),
            ("delete", &["email".to_string()][..])
        );
        assert!(last.detail.as_deref().unwrap().contains("Art. 17(3)(b)"));
    }

    #[test]
    fn the_preview_tells_what_delete_keeps_and_changes_nothing() {
        let (conn, schema) = shop();
        let id = customer(&conn, &schema);
        let when = at("2031-01-01T00:00:00Z");
        let before = (
            load(&conn, &schema, None).unwrap(),
            audit::entries(&conn, None).unwrap().len(),
        );
        let preview = preview(&conn, &schema, id, when).unwrap();
        let after = (
            load(&conn, &schema, None).unwrap(),
            audit::entries(&conn, None).unwrap().len(),
        );
        assert_eq!(before, after);
        assert_eq!(consents_of(&conn, id).unwrap().len(), 1);
        assert_eq!(preview, delete(&conn, &schema, id, false, when).unwrap());
    }

    #[test]
    fn delete_erases_everything_once_the_obligation_ran_out() {
        let (conn, schema) = shop();
        let id = customer(&conn, &schema);
        let erasure = delete(&conn, &schema, id, false, at("2037-01-01T00:00:00Z")).unwrap();
        assert!(erasure.record_erased && erasure.kept.is_empty());
        assert!(load(&conn, &schema, None).unwrap().is_empty());
    }

    #[test]
    fn delete_all_fields_overrides_the_obligation() {
        let (conn, schema) = shop();
        let id = customer(&conn, &schema);
        let erasure = delete(&conn, &schema, id, true, at(T0)).unwrap();
        assert!(erasure.record_erased);
        assert_eq!(erasure.erased, ["email", "iban", "name"]);
        assert!(matches!(
            delete(&conn, &schema, id, true, at(T0)),
            Err(Error::NoRecord { .. })
        ));
        let count: i64 = conn
            .query_row("SELECT count(*) FROM records", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 0);
    }

    #[test]
    fn a_trigger_that_skips_an_erasure_is_an_error() {
        let (conn, schema) = shop();
        let id = customer(&conn, &schema);
        conn.execute_batch(
            "CREATE TRIGGER keep_rows BEFORE DELETE ON records BEGIN SELECT RAISE(IGNORE); END;
             CREATE TRIGGER keep_values BEFORE UPDATE ON records BEGIN SELECT RAISE(IGNORE); END;",
        )
        .unwrap();
        let whole = delete(&conn, &schema, id, true, at(T0)).unwrap_err();
        assert!(
            matches!(
                whole,
                Error::ErasureMismatch {
                    expected: 1,
                    changed: 0,
                    ..
                }
            ),
            "{whole:?}"
        );
        // The legal obligation keeps some values: the others are cleared one by one.
        let partly = delete(&conn, &schema, id, false, at(T0)).unwrap_err();
        assert!(
            matches!(partly, Error::ErasureMismatch { .. }),
            "{partly:?}"
        );
        let edit =
            crate::records::record::edit(&conn, &schema, id, &pairs(&[("email", "")]), at(T0))
                .unwrap_err();
        assert!(matches!(edit, Error::ErasureMismatch { .. }), "{edit:?}");
    }

    /// Deleting at least half the records drops the retention indexes and builds them
    /// again: they must come back as they were, over the rows that stay, and a failure in
    /// between must leave them in place.
    #[test]
    fn deleting_most_records_leaves_the_indexes_as_they_were() {
        let (mut conn, schema) = shop();
        let ids: Vec<RecordId> = (0..4).map(|_| customer(&conn, &schema)).collect();
        let indexes = |conn: &Connection| -> Vec<(String, String)> {
            conn.prepare(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'records'
                 ORDER BY name",
            )
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
        };
        let before = indexes(&conn);
        assert_eq!(before.len(), 2, "{before:?}");

        let failed = conn.transaction().unwrap();
        let error = with_indexes_rebuilt(&failed, || Err(rusqlite::Error::QueryReturnedNoRows));
        assert!(error.is_err());
        drop(failed);
        assert_eq!(indexes(&conn), before, "rolled back with the transaction");

        assert_eq!(delete_records(&conn, &ids[..3]).unwrap(), 3);
        assert_eq!(indexes(&conn), before);
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let indexed: i64 = conn
            .query_row(
                "SELECT count(*) FROM records INDEXED BY records_created
                 WHERE unixepoch(created_at) > 0",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(indexed, 1, "the index holds the record that stays");
        assert_eq!(load(&conn, &schema, None).unwrap().len(), 1);
    }
}
