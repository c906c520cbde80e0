use proptest::prelude::*;
use time::macros::date;

use super::*;

const TODAY: Date = date!(2026 - 11 - 29);

fn context(order: DateOrder) -> Context {
    Context {
        date_order: order,
        today: Some(TODAY),
        spreadsheet: true,
        ..Context::default()
    }
}

fn read(raw: &str, order: DateOrder) -> Rule<String> {
    date(raw, &context(order)).map(Cow::into_owned)
}

fn dmy(raw: &str) -> Rule<String> {
    read(raw, DateOrder::Dmy)
}

#[test]
fn outlooks_zero_dates_are_regression_empty_markers() {
    for raw in [
        "0/0/00",
        "0-0-00",
        "00-00-0000",
        "0000-00-00",
        "0.0.00",
        "00/00/00",
    ] {
        assert!(is_zero_date(raw), "{raw}");
    }
    for raw in ["0", "000", "1/0/00", "0/0/01", "0-0-0a", ""] {
        assert!(!is_zero_date(raw), "{raw}");
    }
}

#[test]
fn dutch_written_dates_are_regression_written_dates() {
    for (raw, stored) in [
        ("1 januari 1980", "1980-01-01"),
        ("29 februari 1984", "1984-02-29"),
        ("12 mrt. 1975", "1975-03-12"),
        ("1 jan 1980", "1980-01-01"),
        ("1 Jan. 1980", "1980-01-01"),
        ("31 DECEMBER 1999", "1999-12-31"),
        ("3 okt 2001", "2001-10-03"),
        ("17 mei 1960", "1960-05-17"),
    ] {
        assert_eq!(dmy(raw).as_deref(), Ok(stored), "{raw}");
    }
}

#[test]
fn english_written_dates_are_read_day_or_month_first() {
    for (raw, stored) in [
        ("1 January 1980", "1980-01-01"),
        ("January 1, 1980", "1980-01-01"),
        ("Mar 12 1975", "1975-03-12"),
        ("12 Oct 2001", "2001-10-12"),
    ] {
        assert_eq!(dmy(raw).as_deref(), Ok(stored), "{raw}");
        assert_eq!(read(raw, DateOrder::Mdy).as_deref(), Ok(stored), "{raw}");
    }
}

#[test]
fn written_dates_that_do_not_exist_or_are_not_dates_are_refused() {
    assert_eq!(
        dmy("29 februari 1983"),
        Err("that day does not exist in that month")
    );
    for raw in [
        "1 jan",
        "januari 1980",
        "1 foo 1980",
        "1 jan 19800",
        "jan feb 1980",
        "x 1 jan 1980",
    ] {
        assert!(dmy(raw).is_err(), "{raw}");
    }
}

#[test]
fn two_digit_years_are_regression_two_digit_years_never_in_the_future() {
    assert_eq!(dmy("01-01-80").as_deref(), Ok("1980-01-01"));
    assert_eq!(dmy("29-11-26").as_deref(), Ok("2026-11-29"));
    assert_eq!(dmy("30-11-26").as_deref(), Ok("1926-11-30"));
    assert_eq!(dmy("1-1-00").as_deref(), Ok("2000-01-01"));
    assert_eq!(dmy("1 jan 80").as_deref(), Ok("1980-01-01"));
    let without_today = Context::default();
    assert_eq!(
        date("01-01-80", &without_today),
        Err("the year must have four digits")
    );
}

#[test]
fn an_excel_serial_number_from_a_spreadsheet_is_regression_excel_serial() {
    assert_eq!(dmy("29221").as_deref(), Ok("1980-01-01"));
    assert_eq!(dmy("45000").as_deref(), Ok("2023-03-15"));
    assert!(dmy("1980").is_err(), "four digits are more likely a year");
    let typed = Context::default();
    assert!(
        date("29221", &typed).is_err(),
        "typed by hand it is no date"
    );
}

#[test]
fn us_order_is_regression_us_dates() {
    assert_eq!(
        read("5/17/1980", DateOrder::Mdy).as_deref(),
        Ok("1980-05-17")
    );
    assert_eq!(
        read("3/4/1975", DateOrder::Mdy).as_deref(),
        Ok("1975-03-04")
    );
    assert_eq!(dmy("3/4/1975").as_deref(), Ok("1975-04-03"));
    assert_eq!(dmy("5/17/1980"), Err("the month must be 1 to 12"));
    assert_eq!(
        read("1980-05-17", DateOrder::Mdy).as_deref(),
        Ok("1980-05-17")
    );
}

#[test]
fn evidence_comes_only_from_numeric_dates_with_the_year_last() {
    use OrderEvidence::*;
    for (raw, evidence) in [
        ("17/5/1980", DayFirst),
        ("5/17/1980", MonthFirst),
        ("3/4/1975", Either),
        ("5/5/1980", Irrelevant),
        ("1980-05-17", Irrelevant),
        ("1 mei 1980", Irrelevant),
        ("31/31/1980", Irrelevant),
        ("0/0/00", Irrelevant),
        ("17-5-80", DayFirst),
        ("Jan", Irrelevant),
    ] {
        assert_eq!(order_evidence(raw), evidence, "{raw}");
    }
}

fn dates() -> impl Strategy<Value = Date> {
    (1927i32..=2026, 1u8..=12, 1u8..=31).prop_filter_map("a real day", |(y, m, d)| {
        let date = Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()?;
        (date <= TODAY).then_some(date)
    })
}

const DUTCH_MONTHS: [&str; 12] = [
    "januari", "februari", "mrt.", "apr", "mei", "juni", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// A valid date written day first, as a Dutch file may write it.
fn day_month(date: Date, form: usize) -> String {
    let (d, m, y) = (date.day(), u8::from(date.month()), date.year());
    match form {
        0 => format!("{d}-{m}-{y}"),
        1 => format!("{d:02}/{m:02}/{y}"),
        2 => format!("{d}.{m}.{:02}", y % 100),
        3 => format!("{d} {} {y}", DUTCH_MONTHS[usize::from(m) - 1]),
        _ => format!("{y}-{m:02}-{d:02}"),
    }
}

proptest! {
    /// The parser never turns a valid day-month date into another valid date: read day
    /// first it is that date, and read month first it is that date or refused, except
    /// when both numbers are 12 or less, which is exactly when the column's order is asked.
    #[test]
    fn a_valid_day_month_date_never_becomes_another_date(date in dates(), form in 0..5usize) {
        let raw = day_month(date, form);
        let stored = iso_text(date);
        prop_assert_eq!(dmy(&raw), Ok(stored.clone()));
        let as_mdy = read(&raw, DateOrder::Mdy);
        if as_mdy.is_ok() && as_mdy != Ok(stored) {
            prop_assert_eq!(order_evidence(&raw), OrderEvidence::Either);
        }
    }

    #[test]
    fn evidence_never_contradicts_how_the_date_was_written(date in dates(), form in 0..5usize) {
        let raw = day_month(date, form);
        prop_assert_ne!(order_evidence(&raw), OrderEvidence::MonthFirst);
        let (d, m, y) = (date.day(), u8::from(date.month()), date.year());
        let american = format!("{m}/{d}/{y}");
        prop_assert_ne!(order_evidence(&american), OrderEvidence::DayFirst);
        prop_assert_eq!(read(&american, DateOrder::Mdy), Ok(iso_text(date)));
    }

    #[test]
    fn a_stored_date_reads_back_as_itself(date in dates()) {
        let stored = iso_text(date);
        for order in [DateOrder::Dmy, DateOrder::Mdy] {
            prop_assert_eq!(read(&stored, order), Ok(stored.clone()));
        }
    }
}
