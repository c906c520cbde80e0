//! The audit trail inside the vault: who-did-what without the what. Entries hold a time, an
//! action, a record id, field names, a purpose and a detail made of names and counts — never a
//! value, so the log can be shown to anyone who may see the schema.

use rusqlite::{Connection, params};
use serde::Serialize;
use time::OffsetDateTime;

use super::{Error, RecordId};
use crate::clock;

/// Actions written by this module; other modules may log their own names.
pub mod action {
    pub const ADD: &str = "add";
    pub const EDIT: &str = "edit";
    pub const DELETE: &str = "delete";
    pub const CONSENT_GIVE: &str = "consent-give";
    pub const CONSENT_WITHDRAW: &str = "consent-withdraw";
    pub const EXPORT: &str = "export";
    pub const PURGE: &str = "purge";
}

/// One entry to write.
#[derive(Debug, Clone, Default)]
pub struct NewEntry<'a> {
    pub action: &'a str,
    pub record: Option<RecordId>,
    /// Set when the entry covers the records from `record` up to and including this one
    /// (an import's `add`).
    pub record_last: Option<RecordId>,
    pub fields: Vec<&'a str>,
    pub purpose: Option<&'a str>,
    pub detail: Option<String>,
}

/// One stored entry, as `kluis log` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub action: String,
    pub record: Option<RecordId>,
    /// The last record of a range that starts at `record`; `None` for one record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_last: Option<RecordId>,
    pub fields: Vec<String>,
    pub purpose: Option<String>,
    pub detail: Option<String>,
}

/// Appends an entry. The statement is cached, so bulk writers pay for parsing once.
pub fn write(conn: &Connection, entry: &NewEntry<'_>, at: OffsetDateTime) -> Result<(), Error> {
    let fields = if entry.fields.is_empty() {
        None
    } else {
        Some(entry.fields.join(","))
    };
    conn.prepare_cached(
        "INSERT INTO audit_log (at, action, record_id, record_last, fields, purpose, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        clock::format(at),
        entry.action,
        entry.record,
        entry.record_last,
        fields,
        entry.purpose,
        entry.detail
    ])?;
    Ok(())
}

/// The SQL condition "entry `alias` is about record `record`", for an entry naming one
/// record or a range of them.
pub(crate) fn covers(alias: &str, record: &str) -> String {
    format!(
        "({alias}.record_id <= {record} AND {record} <= coalesce({alias}.record_last, {alias}.record_id))"
    )
}

/// The columns [`from_row`] reads, in its order.
const COLUMNS: &str = "id, at, action, record_id, fields, purpose, detail, record_last";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Entry> {
    let fields: Option<String> = row.get(4)?;
    Ok(Entry {
        id: row.get(0)?,
        at: row.get(1)?,
        action: row.get(2)?,
        record: row.get(3)?,
        record_last: row.get(7)?,
        fields: fields
            .map(|f| f.split(',').map(str::to_owned).collect())
            .unwrap_or_default(),
        purpose: row.get(5)?,
        detail: row.get(6)?,
    })
}

/// Entries in the order they were written, optionally only those about one record.
pub fn entries(conn: &Connection, record: Option<RecordId>) -> Result<Vec<Entry>, Error> {
    filtered(
        conn,
        &Filter {
            record,
            ..Filter::default()
        },
    )
}

/// Which entries `kluis log` shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filter {
    /// Only entries about this record.
    pub record: Option<RecordId>,
    /// Only entries written at or after this time.
    pub since: Option<OffsetDateTime>,
    /// Only the newest this many of the entries that match.
    pub limit: Option<usize>,
}

/// The entries that match `filter`, in the order they were written.
pub fn filtered(conn: &Connection, filter: &Filter) -> Result<Vec<Entry>, Error> {
    let mut entries = Vec::new();
    for_each(conn, filter, |entry| {
        entries.push(entry);
        Ok::<(), Error>(())
    })?;
    Ok(entries)
}

/// Calls `each` with the entries that match `filter`, in the order they were written, as
/// they are read: a long trail is printed while it is read instead of after.
pub fn for_each<E: From<Error>>(
    conn: &Connection,
    filter: &Filter,
    mut each: impl FnMut(Entry) -> Result<(), E>,
) -> Result<(), E> {
    // Stored times are RFC 3339 in UTC with whole seconds, so text order is time order.
    // Without a limit the newest-first subquery is not needed, and SQLite reads in id order
    // without sorting the result (a sort would hold every entry).
    let condition = format!(
        "(?1 IS NULL OR {}) AND (?2 IS NULL OR a.at >= ?2)",
        covers("a", "?1")
    );
    let sql = if filter.limit.is_some() {
        format!(
            "SELECT * FROM (
                 SELECT {COLUMNS} FROM audit_log a WHERE {condition} ORDER BY id DESC LIMIT ?3
             ) ORDER BY id"
        )
    } else {
        format!("SELECT {COLUMNS} FROM audit_log a WHERE {condition} ORDER BY id LIMIT ?3")
    };
    let mut stmt = conn.prepare_cached(&sql).map_err(Error::from)?;
    let since = filter.since.map(clock::format);
    // A negative LIMIT is no limit in SQLite.
    let limit = filter
        .limit
        .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
    let mut rows = stmt
        .query(params![filter.record, since, limit])
        .map_err(Error::from)?;
    while let Some(row) = rows.next().map_err(Error::from)? {
        each(from_row(row).map_err(Error::from)?)?;
    }
    Ok(())
}

/// One page of the trail, newest first: at most `limit` entries after skipping the `skip`
/// newest, so a long log is read a page at a time.
pub fn newest(conn: &Connection, skip: usize, limit: usize) -> Result<Vec<Entry>, Error> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM audit_log ORDER BY id DESC LIMIT ?1 OFFSET ?2"
    ))?;
    let to_sql = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let rows = stmt.query_map([to_sql(limit), to_sql(skip)], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many entries the trail holds.
pub fn count(conn: &Connection) -> Result<usize, Error> {
    let count: i64 = conn.query_row("SELECT count(*) FROM audit_log", [], |row| row.get(0))?;
    Ok(usize::try_from(count).unwrap_or(0))
}

impl Entry {
    /// One line for the human log: time, action, record, fields, purpose, detail. A detail
    /// may quote text an older vault let through (a consent source, a recipient name), so the
    /// line is escaped as a whole and stays one line.
    pub fn line(&self) -> String {
        let mut line = format!("{}  {}", self.at, self.action);
        match (self.record, self.record_last) {
            (Some(first), Some(last)) => line.push_str(&format!("  records {first}-{last}")),
            (Some(record), None) => line.push_str(&format!("  record {record}")),
            (None, _) => {}
        }
        if !self.fields.is_empty() {
            line.push_str(&format!("  fields {}", self.fields.join(",")));
        }
        if let Some(purpose) = &self.purpose {
            line.push_str(&format!("  purpose {purpose}"));
        }
        if let Some(detail) = &self.detail {
            line.push_str(&format!("  ({detail})"));
        }
        crate::text::visible(&line).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::database::open_in_memory_for_tests;

    #[test]
    fn entries_filter_by_record_and_keep_order() {
        let conn = open_in_memory_for_tests();
        let at = clock::parse("2030-01-01T00:00:00Z").unwrap();
        let entry = |record| NewEntry {
            action: action::EDIT,
            record: Some(record),
            fields: vec!["email", "name"],
            ..NewEntry::default()
        };
        write(&conn, &entry(1), at).unwrap();
        write(&conn, &entry(2), at).unwrap();
        write(&conn, &entry(1), at).unwrap();
        assert_eq!(entries(&conn, None).unwrap().len(), 3);
        let one = entries(&conn, Some(1)).unwrap();
        assert_eq!(one.len(), 2);
        assert_eq!(one[0].fields, ["email", "name"]);
        assert_eq!(
            one[0].line(),
            "2030-01-01T00:00:00Z  edit  record 1  fields email,name"
        );
    }

    #[test]
    fn a_range_entry_is_about_every_record_in_it() {
        let conn = open_in_memory_for_tests();
        let at = clock::parse("2030-01-01T00:00:00Z").unwrap();
        let added = NewEntry {
            action: action::ADD,
            record: Some(3),
            record_last: Some(5),
            fields: vec!["email"],
            ..NewEntry::default()
        };
        write(&conn, &added, at).unwrap();
        for (record, expected) in [(2, 0), (3, 1), (4, 1), (5, 1), (6, 0)] {
            assert_eq!(
                entries(&conn, Some(record)).unwrap().len(),
                expected,
                "{record}"
            );
        }
        assert_eq!(
            entries(&conn, Some(4)).unwrap()[0].line(),
            "2030-01-01T00:00:00Z  add  records 3-5  fields email"
        );
    }

    #[test]
    fn filtered_keeps_the_newest_entries_since_a_time_in_written_order() {
        let conn = open_in_memory_for_tests();
        for (record, at) in [
            (1, "2030-01-01T00:00:00Z"),
            (2, "2030-01-02T00:00:00Z"),
            (1, "2030-01-03T00:00:00Z"),
            (3, "2030-01-04T00:00:00Z"),
        ] {
            let entry = NewEntry {
                action: action::EDIT,
                record: Some(record),
                ..NewEntry::default()
            };
            write(&conn, &entry, clock::parse(at).unwrap()).unwrap();
        }
        let records = |filter: Filter| -> Vec<Option<RecordId>> {
            filtered(&conn, &filter)
                .unwrap()
                .iter()
                .map(|e| e.record)
                .collect()
        };
        let since = clock::parse("2030-01-02T00:00:00Z");
        assert_eq!(
            records(Filter {
                since,
                ..Filter::default()
            }),
            [Some(2), Some(1), Some(3)]
        );
        let limit = Some(2);
        assert_eq!(
            records(Filter {
                limit,
                ..Filter::default()
            }),
            [Some(1), Some(3)]
        );
        let record = Some(1);
        assert_eq!(
            records(Filter {
                record,
                since,
                limit: Some(5)
            }),
            [Some(1)]
        );
        assert!(
            records(Filter {
                limit: Some(0),
                ..Filter::default()
            })
            .is_empty()
        );
    }

    #[test]
    fn newest_pages_through_the_trail_from_the_last_entry() {
        let conn = open_in_memory_for_tests();
        let at = clock::parse("2030-01-01T00:00:00Z").unwrap();
        for record in 1..=5 {
            let entry = NewEntry {
                action: action::EDIT,
                record: Some(record),
                ..NewEntry::default()
            };
            write(&conn, &entry, at).unwrap();
        }
        assert_eq!(count(&conn).unwrap(), 5);
        let records = |skip, limit| -> Vec<Option<RecordId>> {
            newest(&conn, skip, limit)
                .unwrap()
                .iter()
                .map(|e| e.record)
                .collect()
        };
        assert_eq!(records(0, 2), [Some(5), Some(4)]);
        assert_eq!(records(4, 2), [Some(1)]);
        assert!(records(5, 2).is_empty());
    }
}
