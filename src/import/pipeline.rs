//! Validating rows and writing records, inside the caller's transaction.
//!
//! Every value goes through its field's type rules. Problems are collected as row, column
//! and rule, never the value. Under [`OnInvalid::Reject`] one problem means nothing is
//! written (the caller drops the transaction); under [`OnInvalid::Skip`] the valid rows go in.

use std::borrow::Cow;
use std::ops::ControlFlow;

use rusqlite::Connection;
use serde::Serialize;
use time::OffsetDateTime;

use super::Error;
use super::check::{self, Checked, Column, RowChecker};
use super::dates::{self, DecidedBy};
use super::error::{PROBLEM_LIST_MAX, Problem};
use super::mapping::Mapping;
use super::people::{AddressKeys, KnownPeople};
use super::reader::{RowIter, Table};
use super::row_consent::RowConsent;
use crate::records::audit::{self, NewEntry};
use crate::records::view::{FieldInfo, SchemaView};
use crate::records::{self, RecordId, consent, record};
use crate::schema::model::FieldType;
use crate::schema::value::DateOrder;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum OnInvalid {
    /// Any invalid row means nothing is imported.
    #[default]
    Reject,
    /// Import the valid rows and report the skipped ones.
    Skip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum OnDuplicate {
    /// Keep the record already there; the later row is not imported.
    #[default]
    Skip,
    /// Write the later row's values into the record already there.
    Update,
    /// Import the later row as a record of its own.
    KeepBoth,
}

pub struct Options {
    pub on_invalid: OnInvalid,
    pub on_duplicate: OnDuplicate,
    /// Consent purposes recorded on every imported or updated record.
    pub consents: Vec<String>,
    /// Consent read per row (`--consent-column`).
    pub row_consent: RowConsent,
    /// What was imported, for the import's log entry: [`super::log_source`], the file's
    /// format, never its name. The consents an import records say `import`: a consent's
    /// source is a word from a closed list.
    pub source: String,
    /// The order of day and month in every date column (`--date-order`); `None` lets each
    /// column's values decide, and refuses a column where they cannot.
    pub date_order: Option<DateOrder>,
    pub now: OffsetDateTime,
}

/// What happened to the rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub rows_read: usize,
    pub imported: usize,
    pub updated: usize,
    /// Rows left out for invalid values (`--on-invalid skip`).
    pub skipped_invalid: usize,
    /// Their row numbers, at most [`PROBLEM_LIST_MAX`].
    pub skipped_rows: Vec<usize>,
    /// Rows whose e-mail address was already in the vault or earlier in the file.
    pub duplicates: usize,
    pub duplicates_skipped: usize,
    /// Rows with no value in any mapped column.
    pub empty_rows: usize,
    pub consents_given: usize,
    /// The first problems, at most [`PROBLEM_LIST_MAX`].
    pub problems: Vec<Problem>,
    pub problems_total: usize,
    /// How values were read, per column (never a value): date orders, cells with several
    /// values.
    pub value_notes: Vec<ValueNote>,
}

/// Something the user should know about how a column's values were read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "note", rename_all = "kebab-case")]
pub enum ValueNote {
    /// The column's dates were read in this order, decided by its values or by the option.
    DateOrder {
        column: String,
        order: DateOrder,
        decided_by: DecidedBy,
    },
    /// `rows` imported rows held several values in this column (` ::: `); the first of each
    /// was imported.
    SeveralValues { column: String, rows: usize },
}

impl std::fmt::Display for ValueNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ValueNote::DateOrder {
                column,
                order,
                decided_by,
            } => write!(
                f,
                "column {column:?}: dates read {} ({})",
                match order {
                    DateOrder::Dmy => "day first (31-12-1980)",
                    DateOrder::Mdy => "month first (12/31/1980)",
                },
                match decided_by {
                    DecidedBy::Values => "some of its dates fit no other order",
                    DecidedBy::Option => "--date-order",
                }
            ),
            ValueNote::SeveralValues { column, rows } => write!(
                f,
                "column {column:?}: {rows} row(s) held several values separated by ':::'; \
                 the first of each was imported"
            ),
        }
    }
}

/// Validates and writes every row. `progress` is called now and then with the rows done;
/// when it breaks, the import stops with [`Error::Interrupted`] (the caller rolls back).
pub fn run(
    conn: &Connection,
    schema: &SchemaView,
    table: &Table,
    mapping: &Mapping,
    options: &Options,
    progress: &mut dyn FnMut(usize) -> ControlFlow<()>,
) -> Result<Outcome, Error> {
    let per_row = options.row_consent.columns.iter().map(|c| &c.purpose);
    for purpose in options.consents.iter().chain(per_row) {
        check_consent_purpose(schema, purpose)?;
    }
    let orders = date_orders(schema, table, mapping, options.date_order)?;
    let columns: Vec<Column<'_>> = mapping
        .mapped()
        .zip(&orders)
        .map(|(plan, order)| {
            let field = schema
                .field(plan.field.as_deref().unwrap_or_default())
                .ok_or_else(|| records::Error::UnknownField {
                    field: plan.field.clone().unwrap_or_default(),
                })?;
            Ok(Column {
                index: plan.index,
                name: &plan.column,
                field: &field.name,
                field_id: field.id,
                field_type: field.field_type,
                needs_consent: uncovered_explicit_consent(schema, field, options),
                date_order: order.order,
            })
        })
        .collect::<Result<_, Error>>()?;
    let keys = AddressKeys::default();
    let checker = RowChecker::new(schema, &columns, keys.clone(), options.now.date());
    // Without an e-mail column no row can match anyone: the vault's addresses are not read.
    let known = if checker.email_field().is_some() {
        KnownPeople::load(conn, schema, &keys)?
    } else {
        KnownPeople::empty()
    };
    let mut writer = RowWriter {
        conn,
        schema,
        options,
        email_field: checker.email_field(),
        known,
        inserter: record::Inserter::new(conn, schema, options.now)?,
        raw_rows: table.rows.iter(),
        added: AddedRecords::default(),
        several: vec![0; columns.len()],
        outcome: Outcome {
            rows_read: table.rows.len(),
            ..Outcome::default()
        },
    };
    std::thread::scope(|scope| -> Result<(), Error> {
        let checked = check::check_in_background(scope, &checker, &table.rows)?;
        let mut done = 0;
        while let Some(mut batch) = checked.next_batch() {
            if progress(done).is_break() {
                return Err(Error::Interrupted {});
            }
            done += batch.len();
            for row in &mut batch {
                writer.write(row)?;
            }
            checked.recycle(batch);
        }
        Ok(())
    })?;
    if progress(table.rows.len()).is_break() {
        return Err(Error::Interrupted {});
    }
    let RowWriter {
        inserter,
        added,
        mut outcome,
        several,
        ..
    } = writer;
    outcome.value_notes = value_notes(&columns, &orders, &several);
    drop(inserter);
    added.log(conn, &columns, options)?;
    if options.on_invalid == OnInvalid::Reject && outcome.problems_total > 0 {
        return Err(Error::InvalidRows {
            problems: std::mem::take(&mut outcome.problems),
            total: outcome.problems_total,
            rows: outcome.skipped_invalid,
        });
    }
    Ok(outcome)
}

/// Takes checked rows in file order and writes them: duplicates by e-mail address per the
/// policy, new records through one prepared insert, consents as asked.
struct RowWriter<'a> {
    conn: &'a Connection,
    schema: &'a SchemaView,
    options: &'a Options,
    email_field: Option<i64>,
    known: KnownPeople,
    inserter: record::Inserter<'a>,
    /// The file's rows, in step with the checked ones: per-row consent reads its cells.
    raw_rows: RowIter<'a>,
    added: AddedRecords,
    /// Per column: the rows written that held several values in it.
    several: Vec<usize>,
    outcome: Outcome,
}

impl RowWriter<'_> {
    fn write(&mut self, row: &mut Checked<'_>) -> Result<(), Error> {
        let raw = self.raw_rows.next();
        let outcome = &mut self.outcome;
        let (values, (email_key, search_key)) = match row {
            Checked::Empty => {
                outcome.empty_rows += 1;
                return Ok(());
            }
            Checked::Invalid(problems) => {
                outcome.skipped_invalid += 1;
                if outcome.skipped_rows.len() < PROBLEM_LIST_MAX {
                    outcome.skipped_rows.push(problems[0].row);
                }
                for problem in problems.drain(..) {
                    note(outcome, problem);
                }
                return Ok(());
            }
            Checked::Valid {
                values,
                email_key,
                several,
                search_key,
            } => {
                for &position in &*several {
                    self.several[position] += 1;
                }
                (&*values, (*email_key, search_key.as_str()))
            }
        };
        let row_consents =
            match raw.map(|raw| self.options.row_consent.read(&raw, self.options.now)) {
                Some(Err(problems)) => {
                    outcome.skipped_invalid += 1;
                    if outcome.skipped_rows.len() < PROBLEM_LIST_MAX {
                        outcome.skipped_rows.push(problems[0].row);
                    }
                    for problem in problems {
                        note(outcome, problem);
                    }
                    return Ok(());
                }
                Some(Ok(consents)) => consents,
                None => Vec::new(),
            };
        if self.options.on_invalid == OnInvalid::Reject && outcome.problems_total > 0 {
            // Nothing will be written; keep checking to report every problem.
            return Ok(());
        }
        let email = email_key.and_then(|key| {
            let (_, address) = values
                .iter()
                .find(|(id, _)| Some(*id) == self.email_field)?;
            Some((key, address.as_ref()))
        });
        let existing = match email {
            Some((key, address)) => self.known.find(self.conn, key, address)?,
            None => None,
        };
        let id = match (existing, self.options.on_duplicate) {
            (Some(_), OnDuplicate::Skip) => {
                outcome.duplicates += 1;
                outcome.duplicates_skipped += 1;
                return Ok(());
            }
            (Some(id), OnDuplicate::Update) => {
                outcome.duplicates += 1;
                update(self.conn, self.schema, id, values, self.options.now)?;
                outcome.updated += 1;
                id
            }
            (existing, _) => {
                if existing.is_some() {
                    outcome.duplicates += 1;
                }
                let id = self.inserter.insert_keyed(values, search_key)?;
                self.added.push(id);
                outcome.imported += 1;
                id
            }
        };
        if let Some((key, _)) = email {
            self.known.remember(key, id);
        }
        let everyone = self
            .options
            .consents
            .iter()
            .map(|p| (p.as_str(), self.options.now));
        for (purpose, when) in everyone.chain(row_consents) {
            consent::give_consent(
                self.conn,
                self.schema,
                id,
                purpose,
                consent::ConsentSource::Import.as_str(),
                when,
            )
            .map_err(|source| Error::Consent {
                purpose: purpose.to_owned(),
                source,
            })?;
            outcome.consents_given += 1;
        }
        Ok(())
    }
}

/// The records an import created, as runs of consecutive ids. Ids only grow and nothing is
/// deleted during an import, so this is one run; the runs keep the log right regardless.
#[derive(Default)]
struct AddedRecords {
    runs: Vec<(RecordId, RecordId)>,
}

impl AddedRecords {
    fn push(&mut self, id: RecordId) {
        match self.runs.last_mut() {
            Some((_, last)) if *last + 1 == id => *last = id,
            _ => self.runs.push((id, id)),
        }
    }

    /// One `add` entry per run, naming the mapped fields: the log says what the import did
    /// without a row per record.
    fn log(
        &self,
        conn: &Connection,
        columns: &[Column<'_>],
        options: &Options,
    ) -> Result<(), Error> {
        let mut fields: Vec<&str> = columns.iter().map(|c| c.field).collect();
        fields.sort_unstable();
        fields.dedup();
        let detail = format!("via {}", options.source);
        for &(first, last) in &self.runs {
            audit::write(
                conn,
                &NewEntry {
                    action: audit::action::ADD,
                    record: Some(first),
                    record_last: (last > first).then_some(last),
                    fields: fields.clone(),
                    detail: Some(detail.clone()),
                    ..NewEntry::default()
                },
                options.now,
            )?;
        }
        Ok(())
    }
}

/// The order of day and month of each mapped column, in mapping order (see `super::dates`).
fn date_orders(
    schema: &SchemaView,
    table: &Table,
    mapping: &Mapping,
    given: Option<DateOrder>,
) -> Result<Vec<dates::ColumnOrder>, Error> {
    let columns: Vec<_> = mapping
        .mapped()
        .map(|plan| {
            let field_type = plan
                .field
                .as_deref()
                .and_then(|name| schema.field(name))
                .map_or(FieldType::Text, |field| field.field_type);
            (plan.index, plan.column.as_str(), field_type)
        })
        .collect();
    dates::decide(&table.rows, &columns, given)
}

/// The notes on how columns were read: each date column whose order mattered, then each
/// column where rows held several values.
fn value_notes(
    columns: &[Column<'_>],
    orders: &[dates::ColumnOrder],
    several: &[usize],
) -> Vec<ValueNote> {
    let date_notes = columns.iter().zip(orders).filter_map(|(column, order)| {
        Some(ValueNote::DateOrder {
            column: column.name.to_owned(),
            order: order.order,
            decided_by: order.decided_by?,
        })
    });
    let several_notes = columns
        .iter()
        .zip(several)
        .filter(|(_, rows)| **rows > 0)
        .map(|(column, rows)| ValueNote::SeveralValues {
            column: column.name.to_owned(),
            rows: *rows,
        });
    date_notes.chain(several_notes).collect()
}

fn note(outcome: &mut Outcome, problem: Problem) {
    outcome.problems_total += 1;
    if outcome.problems.len() < PROBLEM_LIST_MAX {
        outcome.problems.push(problem);
    }
}

/// Refuses an unknown purpose, or one consent cannot be recorded for, before any row is read.
pub fn check_consent_purpose(schema: &SchemaView, purpose: &str) -> Result<(), Error> {
    consent::consentable_purpose(schema, purpose).map_err(|source| Error::Consent {
        purpose: purpose.to_owned(),
        source,
    })?;
    Ok(())
}

/// For a field under explicit consent that none of the import's `--consent` purposes covers:
/// the purpose to name in the problem each of its values makes. Consent is recorded per
/// record, so only `--consent` gives the imported people the consent their values need.
fn uncovered_explicit_consent<'a>(
    schema: &'a SchemaView,
    field: &'a FieldInfo,
    options: &Options,
) -> Option<&'a str> {
    if !field.needs_explicit_consent() {
        return None;
    }
    let covered = schema
        .purposes_of(field)
        .any(|p| options.consents.contains(&p.name));
    if covered {
        return None;
    }
    schema.purposes_of(field).next().map(|p| p.name.as_str())
}

/// Writes a duplicate row's values into the record already there, through the same path as
/// `kluis edit`; the values are validated already. The audit entry says the change came
/// from the import, not from someone typing `kluis edit`.
fn update(
    conn: &Connection,
    schema: &SchemaView,
    id: RecordId,
    values: &[(i64, Cow<'_, str>)],
    now: OffsetDateTime,
) -> Result<(), Error> {
    let changes: Vec<(i64, Option<String>)> = values
        .iter()
        .map(|(field_id, value)| (*field_id, Some(value.clone().into_owned())))
        .collect();
    record::update_record(conn, schema, id, &changes, "import", now)?;
    Ok(())
}

#[cfg(test)]
mod tests;
