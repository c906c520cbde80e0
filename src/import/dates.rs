//! The order of day and month in a file's date columns, decided per column over the whole
//! file before any row is checked.
//!
//! `3/4/1975` is 3 April in the Netherlands and March 4 in the United States; one value cannot
//! say which. A column can: if any of its dates has a first number above 12 (`17/5/1980`) it is
//! day-month, if any has a second number above 12 (`5/17/1980`) it is month-day. A column with
//! both is refused, naming the column. A column where neither shows up but some value reads
//! two ways (`3/4/1975`) needs `--date-order`: kluis never guesses per cell. A column of ISO
//! dates, written months or values like `5/5/1980` needs nothing. `--date-order` is the order
//! of every date column, whatever its values say: a value that does not fit is then invalid.

use serde::Serialize;

use super::Error;
use super::reader::Rows;
use crate::schema::model::FieldType;
use crate::schema::value::{DateOrder, OrderEvidence, first_of_several, order_evidence};

/// What decided a date column's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecidedBy {
    /// A value that fits only this order.
    Values,
    /// `--date-order`.
    Option,
}

/// A date column's order, for one mapped column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnOrder {
    pub order: DateOrder,
    /// `None` when no value reads differently in the other order: then nothing was decided.
    pub decided_by: Option<DecidedBy>,
}

/// What a column's values say, gathered over every row.
#[derive(Debug, Default)]
struct Seen {
    day_first: Option<usize>,
    month_first: Option<usize>,
    either: bool,
}

/// The order of each of `columns` (index in the row, header, type), in their order; for a
/// column that holds no dates the order is irrelevant and left at day-month.
pub(super) fn decide(
    rows: &Rows,
    columns: &[(usize, &str, FieldType)],
    given: Option<DateOrder>,
) -> Result<Vec<ColumnOrder>, Error> {
    let mut ambiguous = Vec::new();
    let mut orders = Vec::with_capacity(columns.len());
    for &(index, name, field_type) in columns {
        let seen = if field_type == FieldType::Date {
            look(rows, index)
        } else {
            Seen::default()
        };
        let matters = seen.day_first.is_some() || seen.month_first.is_some() || seen.either;
        let decided = match (given, seen.day_first, seen.month_first) {
            (Some(order), ..) => ColumnOrder {
                order,
                decided_by: matters.then_some(DecidedBy::Option),
            },
            (None, Some(day_first_row), Some(month_first_row)) => {
                return Err(Error::DateOrderConflict {
                    column: name.to_owned(),
                    day_first_row,
                    month_first_row,
                });
            }
            (None, Some(_), None) => by_values(DateOrder::Dmy),
            (None, None, Some(_)) => by_values(DateOrder::Mdy),
            (None, None, None) => {
                if seen.either {
                    ambiguous.push(name.to_owned());
                }
                ColumnOrder {
                    order: DateOrder::Dmy,
                    decided_by: None,
                }
            }
        };
        orders.push(decided);
    }
    if !ambiguous.is_empty() {
        return Err(Error::DateOrderAmbiguous { columns: ambiguous });
    }
    Ok(orders)
}

fn by_values(order: DateOrder) -> ColumnOrder {
    ColumnOrder {
        order,
        decided_by: Some(DecidedBy::Values),
    }
}

/// What the values of the column at `index` say, with the first row of each kind.
fn look(rows: &Rows, index: usize) -> Seen {
    let mut seen = Seen::default();
    for row in rows.iter() {
        let cell = row.cell(index);
        let mut evidence = order_evidence(cell);
        if evidence == OrderEvidence::Irrelevant && cell.bytes().any(|b| b == b':') {
            // Several values in one cell: the first is the one imported.
            evidence = first_of_several(cell).map_or(evidence, order_evidence);
        }
        match evidence {
            OrderEvidence::DayFirst => {
                seen.day_first.get_or_insert(row.number);
            }
            OrderEvidence::MonthFirst => {
                seen.month_first.get_or_insert(row.number);
            }
            OrderEvidence::Either => seen.either = true,
            OrderEvidence::Irrelevant => {}
        }
        if seen.day_first.is_some() && seen.month_first.is_some() {
            break;
        }
    }
    seen
}

#[cfg(test)]
mod tests;
