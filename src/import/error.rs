//! Why an import stopped. Messages name the file, row, column, field and rule; never a cell's
//! value, because the file holds personal data and errors end up in terminals and mails.

use std::path::PathBuf;

use super::reader::ReadError;
use crate::exit::{self, HasExitCode};

/// One invalid cell or missing required value: where it is and which rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The row number the user sees in the file (see `reader::Row::number`).
    pub row: usize,
    /// The column's header name (or `#N`).
    pub column: String,
    /// The rule broken, e.g. "is not a valid e-mail address: missing '@'".
    pub rule: Rule,
}

/// Which rule a cell broke, as data: the command line prints it in English, the web app in
/// the page's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// The value does not fit its field's type.
    Invalid(crate::schema::ValueError),
    /// The cell is blank, but its field is required.
    Required { field: String },
    /// The field is special-category data under explicit consent (Art. 9(2)(a)), and the
    /// import records no consent for `purpose`.
    NeedsConsent { field: String, purpose: String },
    /// A consent date after today (`--consent-date-column`).
    ConsentDateInFuture,
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rule::Invalid(error) => write!(f, "{error}"),
            Rule::Required { field } => write!(f, "is empty, but field `{field}` is required"),
            Rule::NeedsConsent { field, purpose } => write!(
                f,
                "field `{field}` holds special-category data under explicit consent: import it with --consent {purpose}, or leave the column out"
            ),
            Rule::ConsentDateInFuture => write!(f, "is a consent date after today"),
        }
    }
}

/// Scripts read the rule as the sentence the command line prints.
impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "row {}, column {:?}: {}",
            self.row, self.column, self.rule
        )
    }
}

/// How many problems a report lists before it only counts.
pub const PROBLEM_LIST_MAX: usize = 50;

/// Lists at most [`PROBLEM_LIST_MAX`] problems, one per line, then how many more there are.
pub fn problem_lines(problems: &[Problem], total: usize) -> String {
    let mut out = String::new();
    for problem in problems.iter().take(PROBLEM_LIST_MAX) {
        out.push_str(&format!("\n  {problem}"));
    }
    let shown = problems.len().min(PROBLEM_LIST_MAX);
    if total > shown {
        out.push_str(&format!("\n  … and {} more", total - shown));
    }
    out
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot import {file}: {source}")]
    Read {
        file: String,
        #[source]
        source: ReadError,
    },

    #[error(
        "{} neither mapped to a field nor skipped: {}",
        if columns.len() == 1 { "1 column is".to_owned() } else { format!("{} columns are", columns.len()) },
        quoted_list(columns)
    )]
    UnmappedColumns {
        columns: Vec<String>,
        /// Their 1-based places in the file.
        positions: Vec<usize>,
        /// The whole command line that would skip them, quoted for a POSIX shell; `None`
        /// when the choice was not made on a command line.
        command: Option<String>,
        /// The fields nothing maps to yet, as candidates for `--map`.
        free_fields: Vec<String>,
    },

    #[error("{} looks like data, not a header (column {column})", header_row_words(*row))]
    HeaderLooksLikeData {
        column: usize,
        /// The row of the file read as the header (1 unless it was found or given below).
        row: usize,
    },

    #[error(
        "kluis cannot tell whether {} is a header: too few of its {columns} cells read as \
         column names (the row is not repeated here: it may be a customer)",
        header_row_words(*row)
    )]
    HeaderNotRecognised {
        columns: usize,
        /// The row of the file read as the header.
        row: usize,
    },

    #[error("the header {header:?} occurs in columns {}", join_numbers(positions))]
    DuplicateHeader {
        header: String,
        positions: Vec<usize>,
    },

    #[error("{option} names column {column:?}, which is not in the file")]
    UnknownColumn {
        option: &'static str,
        column: String,
        headers: Vec<String>,
    },

    #[error("{option} {column:?} matches {count} columns with that header")]
    AmbiguousColumn {
        option: &'static str,
        column: String,
        count: usize,
        positions: Vec<usize>,
    },

    #[error("column {column:?} is mapped to `{field}`, but there is no field named `{field}`")]
    UnknownField {
        column: String,
        field: String,
        known: Vec<String>,
    },

    #[error("--map argument {position} is not of the form \"Column=field\"")]
    BadMap { position: usize },

    #[error("column {column:?} is both mapped and skipped")]
    MappedAndSkipped { column: String },

    #[error("columns {} are all mapped to field `{field}`", quoted_list(columns))]
    FieldMappedTwice {
        field: String,
        columns: Vec<String>,
        /// The columns' 1-based places in the file.
        positions: Vec<usize>,
    },

    #[error(
        "column {column:?} has dates with the day first (row {day_first_row}) and dates with the month first (row {month_first_row})"
    )]
    DateOrderConflict {
        column: String,
        day_first_row: usize,
        month_first_row: usize,
    },

    #[error(
        "the dates in {} can be read day-month or month-day (like 3/4/1975), and no value says which",
        if columns.len() == 1 { format!("column {:?}", columns[0]) } else { format!("columns {}", quoted_list(columns)) }
    )]
    DateOrderAmbiguous { columns: Vec<String> },

    #[error("required field `{field}` is not mapped to any column")]
    RequiredNotMapped { field: String },

    #[error("cannot start a second thread to check the rows: {source}")]
    NoThread {
        #[source]
        source: std::io::Error,
    },

    #[error("--consent {purpose}: {source}")]
    Consent {
        purpose: String,
        #[source]
        source: crate::records::Error,
    },

    /// A `--consent-column` argument that is not `COLUMN=PURPOSE`, named by position.
    #[error("--consent-column number {position} is not COLUMN=PURPOSE")]
    BadConsentColumn { position: usize },

    /// Ctrl-C or SIGTERM arrived before the save: the transaction was rolled back.
    #[error("the import was interrupted; nothing was saved")]
    Interrupted {},

    /// Every column was dropped: an import would only add empty records.
    #[error("no column goes into a field, so there is nothing to import")]
    NothingMapped {},

    /// No row added or changed anything: every row was invalid and skipped, a duplicate
    /// that was skipped, or empty in the mapped columns.
    #[error(
        "nothing was imported: of {rows_read} row(s), {skipped_invalid} invalid and skipped, {duplicates_skipped} duplicate(s) skipped, {empty} empty in the mapped columns; the vault is unchanged"
    )]
    NothingImported {
        rows_read: usize,
        skipped_invalid: usize,
        duplicates_skipped: usize,
        empty: usize,
    },

    #[error(
        "{} invalid, so nothing was imported:{}",
        rows_with(*rows),
        problem_lines(problems, *total)
    )]
    InvalidRows {
        /// The first problems, in file order (at most [`PROBLEM_LIST_MAX`] are kept).
        problems: Vec<Problem>,
        total: usize,
        rows: usize,
    },

    #[error("cannot read the mapping file {}: {reason}", path.display())]
    MappingFile { path: PathBuf, reason: String },

    #[error("cannot write the mapping file {}: {source}", path.display())]
    SaveMapping {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(transparent)]
    Records(#[from] crate::records::Error),

    #[error(transparent)]
    Schema(#[from] crate::schema::Error),
}

impl From<rusqlite::Error> for Error {
    fn from(source: rusqlite::Error) -> Self {
        Error::Records(crate::records::Error::from(source))
    }
}

fn rows_with(rows: usize) -> String {
    if rows == 1 {
        "1 row is".to_owned()
    } else {
        format!("{rows} rows are")
    }
}

fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("{item:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn join_numbers(numbers: &[usize]) -> String {
    numbers
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl HasExitCode for Error {
    fn exit_code(&self) -> u8 {
        match self {
            Error::Records(error) => error.exit_code(),
            Error::Schema(error) => error.exit_code(),
            Error::BadMap { .. } | Error::BadConsentColumn { .. } => exit::USAGE,
            _ => exit::ERROR,
        }
    }
}

/// The row read as the header, in a sentence: "the first row", or "row 4" when the header was
/// found below notes and titles or given with `--header-row`.
pub fn header_row_words(row: usize) -> String {
    if row <= 1 {
        "the first row".to_owned()
    } else {
        format!("row {row}")
    }
}
