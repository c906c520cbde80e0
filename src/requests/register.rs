//! The request register: what a person asked, when, and how it ended. It keeps the minimum:
//! type, dates, record id, channel and outcome; a note or reason that holds one of the
//! person's stored values is refused, so the register never copies a value.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;
use time::{Date, OffsetDateTime};

use super::deadline::{self, format_date, parse_date};
use super::{Error, Kind, RequestId, Via, action};
use crate::clock;
use crate::records::audit::{self, NewEntry};
use crate::records::record;
use crate::records::view::{SchemaView, basis_name};
use crate::records::{RecordId, consent};
use crate::schema::model::LegalBasis;

/// How long the register keeps a closed request by default: two years after closing
/// (docs/REQUESTS.md); `kluis purge --keep-requests MONTHS` chooses another period.
pub const KEPT_MONTHS_AFTER_CLOSING: u32 = 24;

/// One request, as the register holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Request {
    pub id: RequestId,
    pub kind: Kind,
    pub record: RecordId,
    pub via: Option<Via>,
    pub received_on: String,
    pub due_on: String,
    pub extended_until: Option<String>,
    pub extension_reason: Option<String>,
    pub closed_on: Option<String>,
    /// `answered` or `closed`; `None` while open.
    pub outcome: Option<String>,
    pub reason: Option<String>,
    pub note: Option<String>,
    /// The purposes an objection or a withdrawal of consent names.
    pub purposes: Vec<String>,
}

impl Request {
    /// The date the answer is due: the extended one, if any.
    pub fn deadline(&self) -> Date {
        let date = self.extended_until.as_deref().unwrap_or(&self.due_on);
        parse_date(date, "due").expect("the register stores ISO dates")
    }

    pub fn received(&self) -> Date {
        parse_date(&self.received_on, "received").expect("the register stores ISO dates")
    }

    pub fn is_open(&self) -> bool {
        self.outcome.is_none()
    }

    /// `open`, `overdue`, `answered` or `closed` on `today`.
    pub fn status(&self, today: Date) -> &'static str {
        match self.outcome.as_deref() {
            Some("answered") => "answered",
            Some(_) => "closed",
            None if self.deadline() < today => "overdue",
            None => "open",
        }
    }
}

/// What `request add` records.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub kind: Kind,
    pub record: RecordId,
    pub via: Option<Via>,
    /// `None`: today.
    pub received: Option<Date>,
    pub note: Option<String>,
    /// For an objection or a withdrawal of consent; empty means the default scope.
    pub purposes: Vec<String>,
}

/// The one record whose values contain `email`, found the way `kluis find` finds; refuses
/// none and several. The address itself is never named in an error.
pub fn find_by_email(
    conn: &Connection,
    schema: &SchemaView,
    email: &str,
) -> Result<RecordId, Error> {
    let found = record::find_someone(conn, schema, email.trim())?;
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(Error::NoMatch),
        several => Err(Error::SeveralMatch {
            count: several.len(),
        }),
    }
}

/// Refuses an empty text, and one that holds a value stored on the person: the register keeps
/// no value. Values shorter than four characters are too common to tell apart from words.
pub fn refuse_values(
    conn: &Connection,
    schema: &SchemaView,
    record: RecordId,
    text: &str,
    what: &'static str,
) -> Result<(), Error> {
    if text.trim().is_empty() {
        return Err(Error::EmptyText { what });
    }
    let Ok(held) = record::get(conn, schema, record) else {
        return Ok(());
    };
    let lower = text.to_lowercase();
    let holds = held
        .values
        .iter()
        .map(|(_, value)| value.trim().to_lowercase())
        .any(|value| value.chars().count() >= 4 && lower.contains(&value));
    if holds {
        return Err(Error::ValueInText { what });
    }
    Ok(())
}

/// The purposes a request names: checked when given, the default scope when not.
fn scope(conn: &Connection, schema: &SchemaView, new: &NewRequest) -> Result<Vec<i64>, Error> {
    if !new.kind.takes_purposes() {
        if !new.purposes.is_empty() {
            return Err(Error::PurposesNotTaken {
                kind: new.kind.as_str(),
            });
        }
        return Ok(Vec::new());
    }
    let marketing = crate::schema::direct_marketing_purposes(conn)?;
    let mut ids = Vec::new();
    if new.kind == Kind::Objection {
        for name in &new.purposes {
            let purpose = schema.purpose(name)?;
            if !crate::schema::objectable(purpose.basis, marketing.contains(&purpose.name)) {
                return Err(Error::NotObjectable {
                    purpose: purpose.name.clone(),
                    basis: basis_name(purpose.basis),
                });
            }
            ids.push(purpose.id);
        }
        if new.purposes.is_empty() {
            ids.extend(
                schema
                    .purposes
                    .iter()
                    .filter(|p| {
                        matches!(
                            p.basis,
                            LegalBasis::LegitimateInterests | LegalBasis::PublicTask
                        )
                    })
                    .map(|p| p.id),
            );
        }
        if ids.is_empty() {
            return Err(Error::NothingToObject { record: new.record });
        }
    } else {
        for name in &new.purposes {
            ids.push(consent::consentable_purpose(schema, name)?.id);
        }
        if new.purposes.is_empty() {
            for purpose in consent::consentable_purposes(schema) {
                if consent::has_current_consent(conn, new.record, purpose.id)? {
                    ids.push(purpose.id);
                }
            }
        }
        if ids.is_empty() {
            return Err(Error::NothingToWithdraw { record: new.record });
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// `request add`: records the request and its deadline, and logs it.
pub fn add(
    conn: &Connection,
    schema: &SchemaView,
    new: &NewRequest,
    now: OffsetDateTime,
) -> Result<Request, Error> {
    let today = now.date();
    let received = new.received.unwrap_or(today);
    deadline::refuse_future(received, today)?;
    record::ensure_exists(conn, new.record)?;
    if let Some(note) = &new.note {
        refuse_values(conn, schema, new.record, note, "note")?;
    }
    let purposes = scope(conn, schema, new)?;
    let due = deadline::due(received);
    conn.prepare_cached(
        "INSERT INTO requests (kind, record_id, via, received_on, due_on, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        new.kind.as_str(),
        new.record,
        new.via.map(Via::as_str),
        format_date(received),
        format_date(due),
        new.note,
        clock::format(now)
    ])?;
    let id = conn.last_insert_rowid();
    for purpose in &purposes {
        conn.prepare_cached(
            "INSERT INTO request_purposes (request_id, purpose_id) VALUES (?1, ?2)",
        )?
        .execute(params![id, purpose])?;
    }
    let via = new
        .via
        .map(|v| format!(", via {}", v.as_str()))
        .unwrap_or_default();
    log(
        conn,
        action::ADD,
        new.record,
        format!(
            "request {id}: {}, received {}, due {}{via}",
            new.kind,
            format_date(received),
            format_date(due)
        ),
        now,
    )?;
    get(conn, id)
}

/// Writes an audit entry about a request: names, ids and dates only.
pub(crate) fn log(
    conn: &Connection,
    action: &str,
    record: RecordId,
    detail: String,
    now: OffsetDateTime,
) -> Result<(), Error> {
    audit::write(
        conn,
        &NewEntry {
            action,
            record: Some(record),
            detail: Some(detail),
            ..NewEntry::default()
        },
        now,
    )?;
    Ok(())
}

const COLUMNS: &str = "id, kind, record_id, via, received_on, due_on, extended_until,
    extension_reason, closed_on, outcome, reason, note";

/// A name the register stores, read back with its own parser.
fn stored<T: std::str::FromStr>(index: usize, text: String) -> rusqlite::Result<T> {
    text.parse().map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            "not a name kluis stores".into(),
        )
    })
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Request> {
    let via: Option<String> = row.get(3)?;
    Ok(Request {
        id: row.get(0)?,
        kind: stored(1, row.get(1)?)?,
        record: row.get(2)?,
        via: via.map(|v| stored(3, v)).transpose()?,
        received_on: row.get(4)?,
        due_on: row.get(5)?,
        extended_until: row.get(6)?,
        extension_reason: row.get(7)?,
        closed_on: row.get(8)?,
        outcome: row.get(9)?,
        reason: row.get(10)?,
        note: row.get(11)?,
        purposes: Vec::new(),
    })
}

fn with_purposes(conn: &Connection, mut request: Request) -> Result<Request, Error> {
    request.purposes = conn
        .prepare_cached(
            "SELECT p.name FROM request_purposes r JOIN purposes p ON p.id = r.purpose_id
             WHERE r.request_id = ?1 ORDER BY p.position, p.name",
        )?
        .query_map([request.id], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(request)
}

/// One request.
pub fn get(conn: &Connection, id: RequestId) -> Result<Request, Error> {
    let found = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM requests WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NoRequest { id })?;
    with_purposes(conn, found)
}

/// Every request by number, or only the open ones.
pub fn list(conn: &Connection, open_only: bool) -> Result<Vec<Request>, Error> {
    rows(conn, open_only)?
        .into_iter()
        .map(|r| with_purposes(conn, r))
        .collect()
}

/// The requests without their purposes.
pub(crate) fn rows(conn: &Connection, open_only: bool) -> rusqlite::Result<Vec<Request>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM requests WHERE NOT ?1 OR outcome IS NULL ORDER BY id"
    ))?
    .query_map([open_only], from_row)?
    .collect()
}

/// An open request, or the error that says how it ended.
pub fn open(conn: &Connection, id: RequestId) -> Result<Request, Error> {
    let request = get(conn, id)?;
    match &request.outcome {
        Some(outcome) => Err(Error::Finished {
            id,
            outcome: outcome.clone(),
        }),
        None => Ok(request),
    }
}

/// `request extend`: once, by one or two months (Art. 12(3)); the reason goes in the
/// register (the person must be told it within the first month).
pub fn extend(
    conn: &Connection,
    schema: &SchemaView,
    id: RequestId,
    months: u32,
    reason: &str,
    now: OffsetDateTime,
) -> Result<Request, Error> {
    let request = open(conn, id)?;
    if let Some(until) = request.extended_until {
        return Err(Error::AlreadyExtended { id, until });
    }
    refuse_values(conn, schema, request.record, reason, "reason")?;
    let until = format_date(deadline::extended(request.received(), months)?);
    conn.prepare_cached(
        "UPDATE requests SET extended_until = ?1, extension_reason = ?2 WHERE id = ?3",
    )?
    .execute(params![until, reason.trim(), id])?;
    log(
        conn,
        action::EXTEND,
        request.record,
        format!("request {id}: extended by {months} month(s), until {until}"),
        now,
    )?;
    get(conn, id)
}

/// `request close`: ends a request without an answer (withdrawn, identity unproven).
pub fn close(
    conn: &Connection,
    schema: &SchemaView,
    id: RequestId,
    reason: &str,
    date: Option<Date>,
    now: OffsetDateTime,
) -> Result<Request, Error> {
    let request = open(conn, id)?;
    refuse_values(conn, schema, request.record, reason, "reason")?;
    let today = now.date();
    let date = date.unwrap_or(today);
    deadline::refuse_future(date, today)?;
    if date < request.received() {
        return Err(Error::DateBeforeReceived {
            what: "closing",
            date: format_date(date),
            received: request.received_on,
        });
    }
    finish(conn, id, "closed", Some(reason.trim()), date)?;
    log(
        conn,
        action::CLOSE,
        request.record,
        format!(
            "request {id}: closed without an answer on {}",
            format_date(date)
        ),
        now,
    )?;
    get(conn, id)
}

/// Records how a request ended.
pub(crate) fn finish(
    conn: &Connection,
    id: RequestId,
    outcome: &str,
    reason: Option<&str>,
    date: Date,
) -> Result<(), Error> {
    conn.prepare_cached(
        "UPDATE requests SET outcome = ?1, reason = coalesce(?2, reason), closed_on = ?3
         WHERE id = ?4",
    )?
    .execute(params![outcome, reason, format_date(date), id])?;
    Ok(())
}

/// Requests closed `keep_months` or more before `now`, which the register forgets.
pub fn expired(
    conn: &Connection,
    now: OffsetDateTime,
    keep_months: u32,
) -> Result<Vec<RequestId>, Error> {
    let today = now.date();
    Ok(rows(conn, false)?
        .into_iter()
        .filter(|r| {
            r.closed_on
                .as_deref()
                .and_then(|date| parse_date(date, "closing").ok())
                .is_some_and(|closed| deadline::add_months(closed, keep_months) <= today)
        })
        .map(|r| r.id)
        .collect())
}

/// The register's own retention, enforced by `kluis purge`: erases what [`expired`] finds.
/// Returns the numbers erased.
pub fn purge(
    conn: &Connection,
    now: OffsetDateTime,
    keep_months: u32,
) -> Result<Vec<RequestId>, Error> {
    let expired = expired(conn, now, keep_months)?;
    for id in &expired {
        conn.prepare_cached("DELETE FROM requests WHERE id = ?1")?
            .execute([id])?;
    }
    if !expired.is_empty() {
        audit::write(
            conn,
            &NewEntry {
                action: action::REGISTER_PURGE,
                detail: Some(format!(
                    "{} request(s) closed more than {} months ago",
                    expired.len(),
                    keep_months
                )),
                ..NewEntry::default()
            },
            now,
        )?;
    }
    Ok(expired)
}
