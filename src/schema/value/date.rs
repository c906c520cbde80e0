//! Dates as people and spreadsheets write them, stored as `YYYY-MM-DD`.
//!
//! Accepted forms:
//! - `1980-12-31` (ISO);
//! - `31-12-1980`, `31/12/1980`, `31.12.1980`, or month first (`12/31/1980`) when the
//!   [`Context`] says [`DateOrder::Mdy`]; which order a file uses is decided per column over
//!   the whole file by the import (see [`order_evidence`]), never per value;
//! - written months, in Dutch or English, in full or abbreviated, with or without a dot:
//!   `1 januari 1980`, `12 mrt. 1975`, `1 Jan 1980`, `January 1, 1980`;
//! - a two-digit year (`31-12-80`, `1 jan 80`) when the context knows today: it is the most
//!   recent such date that is not after today, so no birthday lands in the future. On
//!   2026-11-29, `80` is 1980, `29-11-26` is 2026-11-29 and `30-11-26` is 1926-11-30;
//! - from a spreadsheet, a five-digit number: Excel's count of days since 1899-12-30
//!   (`29221` is 1980-01-01). Four digits are refused: they are more likely a year.
//!
//! A date of zeros only (`0/0/00`, `0-0-00`, `0000-00-00`) is how Outlook writes "no
//! birthday": it counts as empty ([`is_zero_date`]).

use std::borrow::Cow;

use serde::Serialize;
use time::{Date, Duration, Month};

use super::{Context, Rule};

/// Which number comes first in a date like `3/4/1975`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrder {
    /// Day, month, year: 3 April 1975. The Dutch order.
    #[default]
    Dmy,
    /// Month, day, year: March 4, 1975. The American order.
    Mdy,
}

impl DateOrder {
    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
        }
    }
}

/// What one value says about the order of its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderEvidence {
    /// The order does not change what it means (ISO, a written month, `5/5/1980`, or not a
    /// date at all).
    Irrelevant,
    /// Only day-month fits: the first number is above 12 (`17/5/1980`).
    DayFirst,
    /// Only month-day fits: the second number is above 12 (`5/17/1980`).
    MonthFirst,
    /// Both orders give a valid but different date (`3/4/1975`).
    Either,
}

/// What `raw` says about the order of its column. Only numeric dates with the year last can
/// say anything.
pub fn order_evidence(raw: &str) -> OrderEvidence {
    let value = raw.trim();
    let value = value.strip_prefix('\'').unwrap_or(value).trim_start();
    let Some((first, second, _)) = numeric_parts(value) else {
        return OrderEvidence::Irrelevant;
    };
    let (Ok(a), Ok(b)) = (first.parse::<u8>(), second.parse::<u8>()) else {
        return OrderEvidence::Irrelevant;
    };
    match (a > 12, b > 12) {
        (true, false) => OrderEvidence::DayFirst,
        (false, true) => OrderEvidence::MonthFirst,
        (false, false) if a != b && a > 0 && b > 0 => OrderEvidence::Either,
        _ => OrderEvidence::Irrelevant,
    }
}

/// Whether this is a date of zeros only, such as Outlook's `0/0/00`: digits `0` and at least
/// one separator, nothing else.
#[inline]
pub fn is_zero_date(value: &str) -> bool {
    value.contains(['-', '/', '.'])
        && value.contains('0')
        && value
            .bytes()
            .all(|b| matches!(b, b'0' | b'-' | b'/' | b'.'))
}

const SHAPE: &str =
    "not in the form DD-MM-YYYY, DD/MM/YYYY, YYYY-MM-DD or 1 januari 1980 (a written month)";

pub(super) fn date<'a>(value: &'a str, context: &Context) -> Rule<Cow<'a, str>> {
    let date = if let Some(parts) = three_parts(value) {
        digits(value, parts, context)?
    } else if context.spreadsheet && value.len() == 5 && value.bytes().all(|b| b.is_ascii_digit()) {
        excel_serial(value)?
    } else {
        written(value, context)?
    };
    let stored = iso_text(date);
    Ok(if stored == value {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(stored)
    })
}

/// A date of three digit groups: ISO with the year first, else day and month first.
fn digits(value: &str, (first, middle, last): (&str, &str, &str), context: &Context) -> Rule<Date> {
    let dashed = value.as_bytes()[first.len()] == b'-';
    match (first.len(), middle.len(), last.len()) {
        (4, 1..=2, 1..=2) if dashed => {
            calendar_date(first.parse().map_err(|_| SHAPE)?, middle, last)
        }
        (1..=2, 1..=2, 2 | 4) => numeric((first, middle, last), context),
        _ => Err(SHAPE),
    }
}

/// `(first, second, year)` of a date of three digit groups with the year last, split by one
/// kind of separator: `31-12-1980`, `5/17/80`.
fn numeric_parts(value: &str) -> Option<(&str, &str, &str)> {
    let (first, middle, last) = three_parts(value)?;
    (first.len() <= 2 && middle.len() <= 2 && matches!(last.len(), 2 | 4))
        .then_some((first, middle, last))
}

/// Three non-empty groups of ASCII digits split by one kind of separator (`-`, `/` or `.`).
/// Byte by byte: an import calls this for every date, and again when it decides the order.
fn three_parts(value: &str) -> Option<(&str, &str, &str)> {
    let bytes = value.as_bytes();
    let digits_from = |start: usize| {
        bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(bytes.len(), |length| start + length)
    };
    let first_end = digits_from(0);
    let separator = *bytes.get(first_end)?;
    if first_end == 0 || !matches!(separator, b'-' | b'/' | b'.') {
        return None;
    }
    let middle_end = digits_from(first_end + 1);
    if middle_end == first_end + 1 || bytes.get(middle_end) != Some(&separator) {
        return None;
    }
    let last_end = digits_from(middle_end + 1);
    if last_end == middle_end + 1 || last_end != bytes.len() {
        return None;
    }
    Some((
        &value[..first_end],
        &value[first_end + 1..middle_end],
        &value[middle_end + 1..],
    ))
}

fn numeric((first, second, year): (&str, &str, &str), context: &Context) -> Rule<Date> {
    let (day, month) = match context.date_order {
        DateOrder::Dmy => (first, second),
        DateOrder::Mdy => (second, first),
    };
    let year = match year.len() {
        4 => year.parse().map_err(|_| SHAPE)?,
        _ => return two_digit_year(year, month, day, context),
    };
    calendar_date(year, month, day)
}

fn calendar_date(year: i32, month: &str, day: &str) -> Rule<Date> {
    let month: u8 = month.parse().map_err(|_| SHAPE)?;
    let day: u8 = day.parse().map_err(|_| SHAPE)?;
    let month = Month::try_from(month).map_err(|_| "the month must be 1 to 12")?;
    Date::from_calendar_date(year, month, day).map_err(|_| "that day does not exist in that month")
}

/// The most recent date with this day, month and two-digit year that is not after today.
fn two_digit_year(year: &str, month: &str, day: &str, context: &Context) -> Rule<Date> {
    let today = context.today.ok_or("the year must have four digits")?;
    let short: i32 = year.parse().map_err(|_| SHAPE)?;
    let month_number: u8 = month.parse().map_err(|_| SHAPE)?;
    let day_number: u8 = day.parse().map_err(|_| SHAPE)?;
    let mut full = today.year() - today.year().rem_euclid(100) + short;
    if (full, month_number, day_number) > (today.year(), u8::from(today.month()), today.day()) {
        full -= 100;
    }
    calendar_date(full, month, day)
}

/// Excel's serial day number: day 1 is 1900-01-01, and Excel counts a 29 February 1900 that
/// never was, so from day 61 on a day is 1899-12-30 plus the number.
fn excel_serial(value: &str) -> Rule<Date> {
    let days: i64 = value.parse().map_err(|_| SHAPE)?;
    let epoch = Date::from_calendar_date(1899, Month::December, 30).map_err(|_| SHAPE)?;
    epoch
        .checked_add(Duration::days(days))
        .ok_or("the date is out of range")
}

/// `1 januari 1980`, `12 mrt. 1975`, `January 1, 1980`: a day, a written month and a year,
/// the day first or (English) the month first.
fn written(value: &str, context: &Context) -> Rule<Date> {
    let spaced = value.replace(',', " ");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let [a, b, year] = words[..] else {
        return Err(SHAPE);
    };
    let (day, month) = match (month_number(a), month_number(b)) {
        (None, Some(month)) => (a, month),
        (Some(month), None) => (b, month),
        _ => return Err(SHAPE),
    };
    let day = day.strip_suffix('.').unwrap_or(day);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(day) || day.len() > 2 || !digits(year) || !matches!(year.len(), 2 | 4) {
        return Err(SHAPE);
    }
    let month = month.to_string();
    match year.len() {
        4 => calendar_date(year.parse().map_err(|_| SHAPE)?, &month, day),
        _ => two_digit_year(year, &month, day, context),
    }
}

/// The month a Dutch or English name or abbreviation stands for, in any case, with or
/// without a closing dot.
fn month_number(word: &str) -> Option<u8> {
    let word = word.strip_suffix('.').unwrap_or(word).to_lowercase();
    const MONTHS: [&[&str]; 12] = [
        &["januari", "january", "jan"],
        &["februari", "february", "feb", "febr"],
        &["maart", "march", "mrt", "mar", "maa"],
        &["april", "apr"],
        &["mei", "may"],
        &["juni", "june", "jun"],
        &["juli", "july", "jul"],
        &["augustus", "august", "aug"],
        &["september", "sep", "sept"],
        &["oktober", "october", "okt", "oct"],
        &["november", "nov"],
        &["december", "dec"],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&word.as_str()))
        .map(|index| index as u8 + 1)
}

/// `YYYY-MM-DD`. Every accepted year has four digits, so the stored form is always ten
/// characters; written out by hand because an import formats a date per row.
fn iso_text(date: Date) -> String {
    let mut stored = String::with_capacity(10);
    for (number, width) in [
        (date.year() as u32, 4),
        (u32::from(u8::from(date.month())), 2),
        (u32::from(date.day()), 2),
    ] {
        if !stored.is_empty() {
            stored.push('-');
        }
        for position in (0..width).rev() {
            let digit = number / 10u32.pow(position) % 10;
            stored.push(char::from(b'0' + digit as u8));
        }
    }
    stored
}

#[cfg(test)]
mod tests;
