//! Checking rows against their fields' type rules, apart from writing them: the checks run on
//! a second thread while the first one inserts (SQLite's connection stays on one thread).

use std::borrow::Cow;
use std::sync::mpsc::{Receiver, Sender, channel, sync_channel};
use std::thread::Scope;

use super::Error;
use super::error::{Problem, Rule};
use super::fast;
use super::people::AddressKeys;
use super::reader::{Row, Rows};
use crate::records::view::SchemaView;
use crate::schema::country;
use crate::schema::model::FieldType;
use crate::schema::value::{Context, DateOrder, first_of_several, is_blank};
use crate::vault::search_key;

/// A mapped column, ready for the hot loop.
pub(super) struct Column<'a> {
    pub index: usize,
    pub name: &'a str,
    pub field: &'a str,
    pub field_id: i64,
    pub field_type: FieldType,
    /// For a field under explicit consent that the import's `--consent` does not cover: the
    /// purpose to name. A value in this column is then a problem of its row.
    pub needs_consent: Option<&'a str>,
    /// How the column writes its dates, decided over the whole file (`super::dates`).
    pub date_order: DateOrder,
}

/// What a row holds once checked.
pub(super) enum Checked<'t> {
    /// Every mapped cell is blank: the row holds nothing this import keeps.
    Empty,
    /// It broke at least one rule, so none of it is written.
    Invalid(Vec<Problem>),
    Valid {
        /// (field id, stored form), borrowing from the row where the value needed no change.
        values: Vec<(i64, Cow<'t, str>)>,
        /// The key of the row's e-mail address, which identifies the person.
        email_key: Option<u64>,
        /// The record's search key, built here so the inserting thread, which the import
        /// waits for, does not fold every value.
        search_key: String,
        /// Positions (in the columns) of cells that held several values, of which the first
        /// was taken. Empty, and so not allocated, for nearly every row.
        several: Vec<usize>,
    },
}

/// The rules every row of one import is checked against.
pub(super) struct RowChecker<'a> {
    columns: &'a [Column<'a>],
    /// (position in `columns`, field name) of the mapped required fields.
    required: Vec<(usize, &'a str)>,
    email_column: Option<usize>,
    /// The first country column: its value is the country of the row's postcodes and phones.
    country_column: Option<usize>,
    /// The import's day, which gives two-digit years their century.
    today: time::Date,
    keys: AddressKeys,
}

impl<'a> RowChecker<'a> {
    pub fn new(
        schema: &'a SchemaView,
        columns: &'a [Column<'a>],
        keys: AddressKeys,
        today: time::Date,
    ) -> Self {
        let required = schema
            .fields
            .iter()
            .filter(|f| f.required)
            .filter_map(|f| {
                let position = columns.iter().position(|c| c.field_id == f.id)?;
                Some((position, f.name.as_str()))
            })
            .collect();
        // The first e-mail column identifies a person for duplicate handling.
        let email_column = columns
            .iter()
            .position(|c| c.field_type == FieldType::Email);
        let country_column = columns
            .iter()
            .position(|c| c.field_type == FieldType::Country);
        RowChecker {
            columns,
            required,
            email_column,
            country_column,
            today,
            keys,
        }
    }

    /// The field whose value identifies a person: the first e-mail column's.
    pub fn email_field(&self) -> Option<i64> {
        self.email_column
            .map(|position| self.columns[position].field_id)
    }

    pub fn check<'t>(&self, row: Row<'t>) -> Checked<'t> {
        let mut values = Vec::with_capacity(self.columns.len());
        let mut problems = Vec::new();
        let mut email_key = None;
        let mut several = Vec::new();
        let mut context = Context {
            country: self.country(&row),
            today: Some(self.today),
            spreadsheet: true,
            ..Context::default()
        };
        for (position, column) in self.columns.iter().enumerate() {
            let cell = row.cell(column.index);
            if is_blank(column.field_type, cell) {
                continue;
            }
            if let Some(purpose) = column.needs_consent {
                problems.push(Problem {
                    row: row.number,
                    column: column.name.to_owned(),
                    rule: Rule::NeedsConsent {
                        field: column.field.to_owned(),
                        purpose: purpose.to_owned(),
                    },
                });
                continue;
            }
            context.date_order = column.date_order;
            let mut normalized = fast::normalize(column.field_type, cell, &context);
            // Several values (Google's ` ::: `) never pass a typed rule: look only then.
            if normalized.is_err()
                && column.field_type != FieldType::Text
                && let Some(first) = first_of_several(cell)
            {
                normalized = fast::normalize(column.field_type, first, &context);
                several.push(position);
            }
            match normalized {
                Ok(value) => {
                    if Some(position) == self.email_column {
                        email_key = Some(self.keys.key(&value));
                    }
                    values.push((column.field_id, value));
                }
                Err(error) => problems.push(Problem {
                    row: row.number,
                    column: column.name.to_owned(),
                    rule: Rule::Invalid(error),
                }),
            }
        }
        if values.is_empty() && problems.is_empty() {
            return Checked::Empty;
        }
        for &(position, field) in &self.required {
            let column = &self.columns[position];
            // An invalid value was given, so only a blank cell counts as missing.
            if is_blank(column.field_type, row.cell(column.index)) {
                problems.push(Problem {
                    row: row.number,
                    column: column.name.to_owned(),
                    rule: Rule::Required {
                        field: field.to_owned(),
                    },
                });
            }
        }
        if problems.is_empty() {
            Checked::Valid {
                search_key: search_key::key_of(values.iter().map(|(id, value)| (*id, value))),
                values,
                email_key,
                several,
            }
        } else {
            Checked::Invalid(problems)
        }
    }

    /// The row's country: its country column's, or the Netherlands when none is mapped or
    /// the cell is blank. An unknown country is a problem of that column, and the row's other
    /// values are then read as Dutch.
    fn country(&self, row: &Row<'_>) -> &'static str {
        self.country_column
            .map(|position| row.cell(self.columns[position].index))
            .map(|cell| first_of_several(cell).unwrap_or(cell))
            .and_then(|cell| {
                let cell = cell.trim();
                country::find(cell.strip_prefix('\'').unwrap_or(cell))
            })
            .map_or("NL", |country| country.code)
    }
}

/// Rows per hand-over: large enough that the channel costs nothing, small enough that the
/// inserting thread starts at once and the checked rows waiting stay few.
const BATCH: usize = 512;

/// Checked rows arriving from the checking thread, in file order.
pub(super) struct CheckedRows<'env> {
    batches: Receiver<Vec<Checked<'env>>>,
    spent: Sender<Vec<Checked<'env>>>,
}

impl<'env> CheckedRows<'env> {
    /// The next batch, or `None` when every row has been checked.
    pub fn next_batch(&self) -> Option<Vec<Checked<'env>>> {
        self.batches.recv().ok()
    }

    /// Hands a written batch back, so the checking thread, which has time to spare, frees
    /// its values instead of the inserting thread.
    pub fn recycle(&self, batch: Vec<Checked<'env>>) {
        // The checking thread is gone only if it failed; then the batch is freed here.
        let _ = self.spent.send(batch);
    }
}

/// Checks `rows` in file order on a thread of `scope` and hands them over in batches. The
/// channel holds a few batches at most, so memory stays flat however long the file. The
/// thread stops early when the receiver is dropped, and frees the batches handed back until
/// the [`CheckedRows`] is dropped.
pub(super) fn check_in_background<'scope, 'env: 'scope>(
    scope: &'scope Scope<'scope, 'env>,
    checker: &'env RowChecker<'env>,
    rows: &'env Rows,
) -> Result<CheckedRows<'env>, Error> {
    let (sender, batches) = sync_channel(4);
    let (spent, returned) = channel::<Vec<Checked<'env>>>();
    let check_all = move || {
        let mut rows = rows.iter();
        loop {
            let batch: Vec<_> = rows
                .by_ref()
                .take(BATCH)
                .map(|row| checker.check(row))
                .collect();
            if batch.is_empty() || sender.send(batch).is_err() {
                break;
            }
            returned.try_iter().for_each(drop);
        }
        drop(sender);
        returned.iter().for_each(drop);
    };
    // Named, so a profiler or a panic report says which thread it was.
    std::thread::Builder::new()
        .name("kluis-check".into())
        .spawn_scoped(scope, check_all)
        .map_err(|source| Error::NoThread { source })?;
    Ok(CheckedRows { batches, spent })
}
