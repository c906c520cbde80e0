//! What `kluis check` says about requests: deadlines, and values kept only for purposes the
//! person objected to.

use rusqlite::Connection;
use time::OffsetDateTime;

use super::deadline::format_date;
use super::register::rows;
use crate::records::check::{Finding, Severity};
use crate::records::view::SchemaView;
use crate::records::{Error, limits, record};

/// An open request due within this many days is a warning.
pub const DUE_SOON_DAYS: i64 = 7;

/// Every finding about requests at `now`.
pub fn findings(conn: &Connection, now: OffsetDateTime) -> Result<Vec<Finding>, Error> {
    let mut found = deadline_findings(conn, now)?;
    found.extend(objection_findings(conn)?);
    Ok(found)
}

/// A warning for an open request due within seven days, an error for an overdue one.
pub fn deadline_findings(conn: &Connection, now: OffsetDateTime) -> Result<Vec<Finding>, Error> {
    let today = now.date();
    let mut findings = Vec::new();
    for request in rows(conn, true)? {
        let due = request.deadline();
        let days = (due - today).whole_days();
        let what = format!(
            "request {} ({}, record {})",
            request.id, request.kind, request.record
        );
        let (severity, code, message) = if due < today {
            (
                Severity::Error,
                "request-overdue",
                format!(
                    "{what} was due on {}: answer it with `kluis request answer {}`",
                    format_date(due),
                    request.id
                ),
            )
        } else if days <= DUE_SOON_DAYS {
            (
                Severity::Warning,
                "request-due-soon",
                format!("{what} is due on {}, in {days} day(s)", format_date(due)),
            )
        } else {
            continue;
        };
        findings.push(Finding {
            severity,
            code,
            message,
        });
    }
    Ok(findings)
}

/// A warning for each record holding values whose every purpose it objected to: nothing uses
/// them any more, so they are kept without a purpose until erased.
pub fn objection_findings(conn: &Connection) -> Result<Vec<Finding>, Error> {
    let schema = SchemaView::load(conn)?;
    let mut findings = Vec::new();
    for held in record::load(conn, &schema, None)? {
        let objected = limits::objections_of(conn, held.id)?;
        if objected.is_empty() {
            continue;
        }
        let idle: Vec<&str> = held
            .values
            .iter()
            .filter_map(|(name, _)| schema.field(name))
            .filter(|field| {
                schema
                    .purposes_of(field)
                    .all(|p| objected.iter().any(|(name, _)| *name == p.name))
            })
            .map(|field| field.name.as_str())
            .collect();
        if idle.is_empty() {
            continue;
        }
        findings.push(Finding {
            severity: Severity::Warning,
            code: "objected-values",
            message: format!(
                "record {} objected to every purpose of {}: nothing uses these values; erase them with `kluis edit {} FIELD=`",
                held.id,
                idle.join(", "),
                held.id
            ),
        });
    }
    Ok(findings)
}
