//! Where the header is, and which rows are not people.
//!
//! Real exports do not always start with their header. LinkedIn writes note lines above it;
//! Excel lists start with a title, a "Bijgewerkt op" line or a merged group heading, and end
//! with a totals row. The reader reads the first row as the header, as before; when that
//! row cannot be one (a single cell over a wider table, or a row narrower than the data), the
//! file is read again without a header and the header is looked for in its first rows.
//! `--header-row N` names it outright. Rows that look like notes or totals, next to the
//! header or at the end, are left out with a note, never imported as people.

use super::collect::RowsBuilder;
use super::error::ReadError;
use super::note::{Note, NumberList};
use super::table::{Table, is_blank, trim_header};
use super::{ReadOptions, Row};
use crate::import::synonyms::concept_of;
use crate::schema::model::FieldType;

/// How many rows at the top are searched for the header.
const SEARCH_ROWS: usize = 30;
/// How many rows next to the header and at the end are looked at for notes and totals.
const EDGE_ROWS: usize = 3;

/// Words a notes or totals row starts with, lower-cased, in Dutch and English.
const NOTE_WORDS: &[&str] = &[
    "totaal",
    "totalen",
    "subtotaal",
    "total",
    "totals",
    "subtotal",
    "som",
    "sum",
    "aantal",
    "count",
    "bijgewerkt",
    "laatst bijgewerkt",
    "updated",
    "last updated",
    "gegenereerd",
    "generated",
    "geëxporteerd",
    "exported",
    "export",
    "notes",
    "note",
    "notities",
    "opmerking",
    "opmerkingen",
    "stand per",
    "peildatum",
    "datum export",
];

/// Reads with `read` as `options` ask, then settles the header: outright with
/// `--header-row`, found in the first rows when the first row cannot be it, and with notes
/// and totals rows left out in every case.
pub fn settle(
    read: impl Fn(&ReadOptions) -> Result<Table, ReadError>,
    options: &ReadOptions,
) -> Result<Table, ReadError> {
    let without_header = || {
        read(&ReadOptions {
            has_header: false,
            header_row: None,
            ..options.clone()
        })
    };
    if let Some(number) = options.header_row {
        let raw = without_header()?;
        let index = (0..raw.rows.len())
            .find(|&i| raw.rows.get(i).is_some_and(|r| r.number == number))
            .ok_or(ReadError::NoSuchHeaderRow { row: number })?;
        return without_notes(promote(raw, index, false));
    }
    if !options.has_header {
        return without_notes(without_header()?);
    }
    let first = match read(options) {
        Ok(table) if !cannot_be_header(&table.headers) => return without_notes(table),
        Err(error @ ReadError::TooManyCells { .. }) => Err(error),
        Ok(table) => Ok(table),
        Err(error) => return Err(error),
    };
    // The first row is not the header, or data rows are wider than it: look further down.
    let raw = without_header()?;
    match find_header(&raw) {
        Some(index) if index > 0 => without_notes(promote(raw, index, true)),
        // The first row is the best there is: its table, or its error, stands.
        _ => first.and_then(without_notes),
    }
}

/// A first row that names at most one column of several cannot be the header: it is a
/// title, a note or a merged group heading.
fn cannot_be_header(headers: &[String]) -> bool {
    let named = headers
        .iter()
        .enumerate()
        .filter(|(i, h)| **h != unnamed(*i))
        .count();
    headers.len() >= 2 && (named <= 1 || (headers.len() >= 4 && named * 3 < headers.len()))
}

/// The reader's name for a column without a header name.
fn unnamed(index: usize) -> String {
    format!("#{}", index + 1)
}

/// The header among the first rows of a table read without one: the first row that names
/// enough columns, holds nothing that looks like a value, and names a known column
/// (Naam, E-mail, First Name, …); failing that, the first row that names as many columns as
/// the widest of those rows.
fn find_header(raw: &Table) -> Option<usize> {
    let top: Vec<Row<'_>> = raw.rows.iter().take(SEARCH_ROWS).collect();
    let widest = top.iter().map(filled).max()?;
    let candidate = |row: &&Row<'_>| {
        filled(row) >= 2.max(widest.div_ceil(2)) && !row.cells().any(looks_like_data)
    };
    let known = |row: &Row<'_>| {
        row.cells()
            .any(|cell| concept_of(&super::normalize_header(cell)).is_some())
    };
    let index = top
        .iter()
        .position(|row| candidate(&row) && known(row))
        .or_else(|| {
            top.iter()
                .position(|row| candidate(&row) && filled(row) == widest)
        })?;
    Some(index)
}

fn filled(row: &Row<'_>) -> usize {
    row.cells().filter(|cell| !is_blank(cell)).count()
}

/// The table with row `index` as its header and the rows after it as data. Columns past the
/// header's last name that hold nothing are dropped; ones that do keep a `#N` name.
fn promote(raw: Table, index: usize, found: bool) -> Table {
    let header_row = raw.rows.get(index).expect("the index is a row");
    let number = header_row.number;
    let named_width = header_row
        .cells()
        .rposition(|cell| !is_blank(cell))
        .map_or(0, |i| i + 1);
    let rows_after = || raw.rows.iter().skip(index + 1);
    let used_width = rows_after()
        .map(|row| row.cells().rposition(|c| !is_blank(c)).map_or(0, |i| i + 1))
        .max()
        .unwrap_or(0);
    let width = named_width.max(used_width).max(1);
    let headers = (0..width)
        .map(|i| match header_row.cells().nth(i).map(trim_header) {
            Some(name) if !name.is_empty() => name.to_owned(),
            _ => unnamed(i),
        })
        .collect();
    let mut builder = RowsBuilder::new(0);
    for row in rows_after() {
        builder.push_cells(row.number, row.cells().take(width));
    }
    let rows = builder
        .into_rows(width)
        .expect("fewer rows and cells than the table read");
    let mut notes = raw.notes.clone();
    let before: Vec<usize> = raw.rows.iter().take(index).map(|r| r.number).collect();
    let above = NumberList::all(before);
    notes.push(if above.numbers.is_empty() {
        Note::HeaderTaken { row: number }
    } else if found {
        Note::HeaderFound { row: number, above }
    } else {
        Note::HeaderRowGiven { row: number, above }
    });
    Table {
        headers,
        rows,
        notes,
        source: raw.source.clone(),
    }
}

/// The table without the notes and totals rows among the first and last few rows; a table
/// left without rows has only a header.
fn without_notes(table: Table) -> Result<Table, ReadError> {
    let table = drop_notes(table);
    if table.rows.is_empty() {
        return Err(ReadError::HeaderOnly {
            columns: table.headers.len(),
        });
    }
    Ok(table)
}

fn drop_notes(table: Table) -> Table {
    let len = table.rows.len();
    let named = table
        .headers
        .iter()
        .enumerate()
        .filter(|(i, h)| **h != unnamed(*i))
        .count()
        .max(1);
    let edges = (0..len.min(EDGE_ROWS)).chain(len.saturating_sub(EDGE_ROWS)..len);
    let mut notes: Vec<usize> = edges
        .filter(|&i| table.rows.get(i).is_some_and(|row| is_note(&row, named)))
        .collect();
    notes.dedup();
    if notes.is_empty() || notes.len() == len {
        return table;
    }
    let numbers: Vec<usize> = notes
        .iter()
        .filter_map(|&i| table.rows.get(i).map(|r| r.number))
        .collect();
    let width = table.headers.len();
    let mut builder = RowsBuilder::new(0);
    for (i, row) in table.rows.iter().enumerate() {
        if !notes.contains(&i) {
            builder.push_cells(row.number, row.cells());
        }
    }
    let rows = builder
        .into_rows(width)
        .expect("fewer rows than the table read");
    let mut kept = table.notes.clone();
    kept.push(Note::NotesRowsLeftOut {
        rows: NumberList::all(numbers),
    });
    Table {
        headers: table.headers.clone(),
        rows,
        notes: kept,
        source: table.source.clone(),
    }
}

/// A row that fills few of the named columns and starts with a word such as "Totaal",
/// "Aantal", "Bijgewerkt op" or "Notes".
fn is_note(row: &Row<'_>, named: usize) -> bool {
    let filled: Vec<&str> = row.cells().filter(|c| !is_blank(c)).collect();
    let Some(first) = filled.first() else {
        return false;
    };
    // A customer called "Totaal Bouw BV" fills their row; a totals line leaves most empty.
    let sparse = filled.len() < named && filled.len() <= 1.max(named / 3);
    let first = first.trim().to_lowercase();
    let starts_with_word = NOTE_WORDS.iter().any(|word| {
        first
            .strip_prefix(word)
            .is_some_and(|rest| rest.is_empty() || !rest.starts_with(char::is_alphanumeric))
    });
    sparse && starts_with_word
}

/// Whether a header cell holds what looks like personal data (an e-mail address, a phone
/// number, a postcode or a date, or an address-like token): then it is a value, not a name.
pub fn looks_like_data(cell: &str) -> bool {
    [
        FieldType::Email,
        FieldType::Phone,
        FieldType::Postcode,
        FieldType::Date,
    ]
    .into_iter()
    .any(|t| crate::schema::normalize(t, cell).is_ok())
        || contains_data_token(cell)
}

/// A word inside a header that no column name has but addresses do: something with an `@`
/// between other characters, a run of six or more digits, or a Dutch postcode (`4701 HV`).
fn contains_data_token(header: &str) -> bool {
    let words: Vec<&str> = header.split_whitespace().collect();
    let postcode = words.windows(2).any(|pair| {
        pair[0].len() == 4
            && pair[0].bytes().all(|b| b.is_ascii_digit())
            && pair[1].len() == 2
            && pair[1].bytes().all(|b| b.is_ascii_uppercase())
    }) || words.iter().any(|w| {
        w.len() == 6
            && w.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && w.as_bytes()[4..].iter().all(u8::is_ascii_uppercase)
    });
    let mut digit_run = 0;
    let mut long_number = false;
    for b in header.bytes() {
        digit_run = if b.is_ascii_digit() { digit_run + 1 } else { 0 };
        long_number |= digit_run >= 6;
    }
    let at_sign = header
        .find('@')
        .is_some_and(|at| at > 0 && header[at + 1..].contains('.'));
    postcode || long_number || at_sign
}

#[cfg(test)]
mod tests {
    use super::super::{ReadOptions, read_bytes};
    use super::*;

    fn read(text: &str, options: &ReadOptions) -> Result<Table, ReadError> {
        read_bytes(text.as_bytes(), Some("csv"), options)
    }

    fn names(table: &Table) -> Vec<&str> {
        table.rows.iter().map(|row| row.cell(0)).collect()
    }

    const MEMBERS: &str = "Ledenlijst Tennisclub De Bal;;;\nBijgewerkt op 1-11-2026;;;\n;;;\n\
        Naam;E-mail;Telefoon;Lid sinds\nAnna;anna@example.nl;0612345678;2019\n\
        Dirk;dirk@example.nl;;2021\nTotaal: 2 leden;;;\n";

    /// Regression: a title row was taken as the header, and `--no-header` imported the title
    /// and the totals row as people.
    #[test]
    fn a_title_above_and_a_totals_row_below_are_not_people() {
        let table = read(MEMBERS, &ReadOptions::default()).unwrap();
        assert_eq!(table.headers, ["Naam", "E-mail", "Telefoon", "Lid sinds"]);
        assert_eq!(names(&table), ["Anna", "Dirk"]);
        assert!(
            table.notes.iter().any(|n| n.to_string()
                == "header found on row 4; the rows above it (1, 2) were left out as notes"),
            "{:?}",
            table.notes
        );
        assert!(
            table
                .notes
                .iter()
                .any(|n| n.to_string().starts_with("row(s) 7 left out"))
        );
    }

    #[test]
    fn header_row_names_the_header_outright() {
        let options = ReadOptions {
            header_row: Some(4),
            ..ReadOptions::default()
        };
        let table = read(MEMBERS, &options).unwrap();
        assert_eq!(table.headers[0], "Naam");
        assert_eq!(table.rows.first().unwrap().number, 5);
        let beyond = ReadOptions {
            header_row: Some(40),
            ..ReadOptions::default()
        };
        let error = read(MEMBERS, &beyond).unwrap_err();
        assert!(
            matches!(error, ReadError::NoSuchHeaderRow { row: 40 }),
            "{error}"
        );
    }

    #[test]
    fn a_plain_file_keeps_its_first_row_and_a_person_named_like_a_note_stays() {
        let table = read(
            "Naam,Plaats\nTotaal Bouw BV,Utrecht\nAnna,Zwolle\nExport Jansen,Delft\n",
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(table.headers, ["Naam", "Plaats"]);
        // "Totaal Bouw BV" fills every column: a customer, not a totals row.
        assert_eq!(names(&table), ["Totaal Bouw BV", "Anna", "Export Jansen"]);
    }
}
