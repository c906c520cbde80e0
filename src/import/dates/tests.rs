use proptest::prelude::*;
use time::{Date, Month};

use super::*;
use crate::import::reader::Table;
use crate::schema::value::{Context, normalize_in};

fn rows(cells: &[&str]) -> Table {
    Table::from_rows(
        vec!["birthday".into()],
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| (i + 2, vec![(*c).to_owned()]))
            .collect(),
    )
}

fn decide_one(cells: &[&str], given: Option<DateOrder>) -> Result<ColumnOrder, Error> {
    let table = rows(cells);
    decide(&table.rows, &[(0, "birthday", FieldType::Date)], given).map(|orders| orders[0])
}

#[test]
fn one_decisive_value_decides_the_column() {
    let order = decide_one(&["3/4/1975", "17/5/1980"], None).unwrap();
    assert_eq!(order.order, DateOrder::Dmy);
    assert_eq!(order.decided_by, Some(DecidedBy::Values));
    let order = decide_one(&["3/4/1975", "5/17/1980 ::: 1/1/1990"], None).unwrap();
    assert_eq!(order.order, DateOrder::Mdy);
}

#[test]
fn a_column_needing_no_order_needs_no_option() {
    let order = decide_one(
        &["1980-01-02", "1 mei 1980", "5/5/1980", "", "0/0/00"],
        None,
    )
    .unwrap();
    assert_eq!(order.decided_by, None);
}

#[test]
fn the_option_decides_every_column_it_matters_for() {
    let order = decide_one(&["3/4/1975"], Some(DateOrder::Mdy)).unwrap();
    assert_eq!(order.order, DateOrder::Mdy);
    assert_eq!(order.decided_by, Some(DecidedBy::Option));
    let order = decide_one(&["1980-01-02"], Some(DateOrder::Mdy)).unwrap();
    assert_eq!(order.decided_by, None, "nothing to decide: no note");
}

#[test]
fn text_columns_are_not_looked_at() {
    let table = rows(&["3/4/1975"]);
    let orders = decide(&table.rows, &[(0, "note", FieldType::Text)], None).unwrap();
    assert_eq!(orders[0].decided_by, None);
}

fn dates() -> impl Strategy<Value = Date> {
    (1927i32..=2029, 1u8..=12, 1u8..=28)
        .prop_map(|(y, m, d)| Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap())
}

fn write(date: Date, order: DateOrder, iso: bool) -> String {
    let (d, m, y) = (date.day(), u8::from(date.month()), date.year());
    match (iso, order) {
        (true, _) => format!("{y}-{m:02}-{d:02}"),
        (false, DateOrder::Dmy) => format!("{d}-{m}-{y}"),
        (false, DateOrder::Mdy) => format!("{m}/{d}/{y}"),
    }
}

proptest! {
    /// A column written in one order is never decided the other way, and read in the order
    /// chosen every row is the date that was written; when the values cannot tell, the column
    /// is refused rather than guessed.
    #[test]
    fn a_columns_chosen_order_holds_for_every_row(
        column in prop::collection::vec((dates(), any::<bool>()), 1..30),
        mdy in any::<bool>(),
    ) {
        let written_in = if mdy { DateOrder::Mdy } else { DateOrder::Dmy };
        let cells: Vec<String> = column
            .iter()
            .map(|(date, iso)| write(*date, written_in, *iso))
            .collect();
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        match decide_one(&refs, None) {
            Err(Error::DateOrderAmbiguous { .. }) => {}
            Err(other) => prop_assert!(false, "{other}"),
            Ok(order) => {
                if order.decided_by.is_some() {
                    prop_assert_eq!(order.order, written_in);
                }
                let context = Context { date_order: order.order, ..Context::default() };
                for ((date, _), cell) in column.iter().zip(&cells) {
                    let stored = normalize_in(FieldType::Date, cell, &context).unwrap();
                    prop_assert_eq!(stored, date.to_string());
                }
            }
        }
    }
}
