//! What `kluis check` says about requests: deadlines, and values kept only for purposes the
//! person objected to.
//!
//! [`facts`] gives each finding as data (ids, names, dates, never a value); [`findings`] turns
//! them into the report's findings, whose facts each front end writes in its own words.

use rusqlite::Connection;
use serde::Serialize;
use time::OffsetDateTime;

use super::deadline::format_date;
use super::register::rows;
use crate::records::check::{Facts, Finding, Severity};
use crate::records::view::SchemaView;
use crate::records::{Error, RecordId, limits, record};

/// An open request due within this many days is a warning.
pub const DUE_SOON_DAYS: i64 = 7;

/// The facts behind one finding about requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RequestFacts {
    /// An open request due within [`DUE_SOON_DAYS`] days.
    DueSoon {
        request: i64,
        kind: String,
        record: RecordId,
        due: String,
        days: i64,
    },
    /// An open request past its (extended) due date.
    Overdue {
        request: i64,
        kind: String,
        record: RecordId,
        due: String,
    },
    /// Values of fields whose every purpose the person objected to: nothing uses them.
    ObjectedValues {
        record: RecordId,
        fields: Vec<String>,
    },
}

impl RequestFacts {
    /// The stable name scripts and the web app key on.
    pub fn code(&self) -> &'static str {
        match self {
            RequestFacts::DueSoon { .. } => "request-due-soon",
            RequestFacts::Overdue { .. } => "request-overdue",
            RequestFacts::ObjectedValues { .. } => "objected-values",
        }
    }

    /// An overdue request breaks Art. 12(3); the rest ask for a look.
    pub fn severity(&self) -> Severity {
        match self {
            RequestFacts::Overdue { .. } => Severity::Error,
            RequestFacts::DueSoon { .. } | RequestFacts::ObjectedValues { .. } => Severity::Warning,
        }
    }
}

impl From<RequestFacts> for Facts {
    fn from(facts: RequestFacts) -> Facts {
        match facts {
            RequestFacts::DueSoon {
                request,
                kind,
                record,
                due,
                days,
            } => Facts::RequestDueSoon {
                request,
                kind,
                record,
                due,
                days,
            },
            RequestFacts::Overdue {
                request,
                kind,
                record,
                due,
            } => Facts::RequestOverdue {
                request,
                kind,
                record,
                due,
            },
            RequestFacts::ObjectedValues { record, fields } => {
                Facts::ObjectedValues { record, fields }
            }
        }
    }
}

/// Every finding about requests at `now`, for the check report.
pub fn findings(conn: &Connection, now: OffsetDateTime) -> Result<Vec<Finding>, Error> {
    Ok(facts(conn, now)?
        .into_iter()
        .map(|facts| Finding::from(Facts::from(facts)))
        .collect())
}

/// The facts of every finding about requests at `now`.
pub fn facts(conn: &Connection, now: OffsetDateTime) -> Result<Vec<RequestFacts>, Error> {
    let mut found = deadline_facts(conn, now)?;
    found.extend(objection_facts(conn)?);
    Ok(found)
}

/// A warning for an open request due within seven days, an error for an overdue one.
pub fn deadline_facts(conn: &Connection, now: OffsetDateTime) -> Result<Vec<RequestFacts>, Error> {
    let today = now.date();
    let mut found = Vec::new();
    for request in rows(conn, true)? {
        let due = request.deadline();
        let days = (due - today).whole_days();
        let (id, kind, record) = (request.id, request.kind.to_string(), request.record);
        if due < today {
            found.push(RequestFacts::Overdue {
                request: id,
                kind,
                record,
                due: format_date(due),
            });
        } else if days <= DUE_SOON_DAYS {
            found.push(RequestFacts::DueSoon {
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
pub fn objection_facts(conn: &Connection) -> Result<Vec<RequestFacts>, Error> {
    let schema = SchemaView::load(conn)?;
    let mut found = Vec::new();
    for held in record::load(conn, &schema, None)? {
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
            found.push(RequestFacts::ObjectedValues {
                record: held.id,
                fields: idle,
            });
        }
    }
    Ok(found)
}
