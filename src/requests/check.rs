//! What `kluis check` says about requests: deadlines, and values kept only for purposes the
//! person objected to.
//!
//! [`facts`] gives each finding as data (ids, names, dates, never a value); [`findings`] turns
//! them into the report's findings, whose facts each front end writes in its own words.

use rusqlite::Connection;
use time::OffsetDateTime;

use super::deadline::format_date;
use super::register::rows;
use crate::records::check::{Facts, Finding};
use crate::records::view::SchemaView;
use crate::records::{Error, limits, record};

/// An open request due within this many days is a warning.
pub const DUE_SOON_DAYS: i64 = 7;

/// Every finding about requests at `now`, for the check report.
pub fn findings(conn: &Connection, now: OffsetDateTime) -> Result<Vec<Finding>, Error> {
    Ok(facts(conn, now)?.into_iter().map(Finding::from).collect())
}

/// The facts of every finding about requests at `now`.
pub fn facts(conn: &Connection, now: OffsetDateTime) -> Result<Vec<Facts>, Error> {
    let mut found = deadline_facts(conn, now)?;
    found.extend(objection_facts(conn)?);
    Ok(found)
}

/// A warning for an open request due within seven days, an error for an overdue one.
pub fn deadline_facts(conn: &Connection, now: OffsetDateTime) -> Result<Vec<Facts>, Error> {
    let today = now.date();
    let mut found = Vec::new();
    for request in rows(conn, true)? {
        let due = request.deadline();
        let days = (due - today).whole_days();
        let (id, kind, record) = (request.id, request.kind.to_string(), request.record);
        if due < today {
            found.push(Facts::RequestOverdue {
                request: id,
                kind,
                record,
                due: format_date(due),
            });
        } else if days <= DUE_SOON_DAYS {
            found.push(Facts::RequestDueSoon {
                request: id,
                kind,
                record,
                due: format_date(due),
                days,
            });
        }
    }
    Ok(found)
}

/// A warning for each record holding values whose every purpose it objected to: nothing uses
/// them any more, so they are kept without a purpose until erased.
pub fn objection_facts(conn: &Connection) -> Result<Vec<Facts>, Error> {
    let schema = SchemaView::load(conn)?;
    let mut found = Vec::new();
    // Only the records someone objected for, not every record with all its values.
    let objecting: Vec<i64> = conn
        .prepare_cached("SELECT DISTINCT record_id FROM objections ORDER BY record_id")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for id in objecting {
        let held = record::get(conn, &schema, id)?;
        let objected = limits::objections_of(conn, held.id)?;
        if objected.is_empty() {
            continue;
        }
        let idle: Vec<String> = held
            .values
            .iter()
            .filter_map(|(name, _)| schema.field(name))
            .filter(|field| {
                schema
                    .purposes_of(field)
                    .all(|p| objected.iter().any(|(name, _)| *name == p.name))
            })
            .map(|field| field.name.clone())
            .collect();
        if !idle.is_empty() {
            found.push(Facts::ObjectedValues {
                record: held.id,
                fields: idle,
            });
        }
    }
    Ok(found)
}
