//! Why an import stopped. Messages name the file, row, column, field and rule; never a cell's
//! value, because the file holds personal data and errors end up in terminals and mails.

use std::path::PathBuf;

use super::reader::ReadError;
use crate::Diagnostic;

/// One invalid cell or missing required value: where it is and which rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// The row number the user sees in the file (see `reader::Row::number`).
    pub row: usize,
    /// The column's header name (or `#N`).
    pub column: String,
    /// The rule broken, e.g. "is not a valid e-mail address: missing '@'".
    pub rule: String,
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

    #[error("the first row looks like data, not a header (column {column})")]
    HeaderLooksLikeData { column: usize },

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

impl Diagnostic for Error {
    fn exit_code(&self) -> u8 {
        match self {
            Error::Records(error) => error.exit_code(),
            Error::Schema(error) => error.exit_code(),
            Error::BadMap { .. } => crate::error::exit::USAGE,
            _ => crate::error::exit::ERROR,
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            Error::Read { source, .. } => Some(source.hint()),
            Error::UnmappedColumns {
                command: None,
                free_fields,
                ..
            } => Some(format!(
                "kluis stores only the columns you choose (data minimisation): choose a field \
                 for each of these columns, or drop it (fields not mapped yet: {})",
                free_fields.join(", ")
            )),
            Error::UnmappedColumns {
                command: Some(command),
                free_fields,
                ..
            } => {
                let mut hint = format!(
                    "kluis stores only the columns you choose (data minimisation). To drop these \
                     columns, run:\n  {command}\nTo keep a column instead, replace its --skip \
                     'Column' by --map 'Column=FIELD'"
                );
                if !free_fields.is_empty() {
                    hint.push_str(&format!(
                        " (fields not mapped yet: {})",
                        free_fields.join(", ")
                    ));
                }
                hint.push_str("; or drop every unmapped column with --skip-unmapped");
                Some(hint)
            }
            Error::HeaderLooksLikeData { .. } => Some(
                "if the file has no header row, pass --no-header and map the columns by \
                 position, e.g. --map \"#1=name\""
                    .into(),
            ),
            Error::DuplicateHeader { positions, .. } => {
                let first = positions.first().copied().unwrap_or(1);
                Some(format!(
                    "map or skip each of these columns by position, e.g. --map \"#{first}=FIELD\" \
                     --skip \"#{}\"; or drop them all with --skip and the header name",
                    positions.get(1).copied().unwrap_or(first + 1)
                ))
            }
            Error::UnknownColumn { headers, .. } => Some(format!(
                "the columns are: {}; a column can also be named by position, like \"#3\"",
                quoted_list(headers)
            )),
            Error::AmbiguousColumn { positions, .. } => Some(format!(
                "name each column by position instead: {}",
                positions
                    .iter()
                    .map(|p| format!("\"#{p}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Error::UnknownField { known, .. } => Some(if known.is_empty() {
                "the vault has no fields yet: add them with `kluis field add`".to_owned()
            } else {
                format!(
                    "the fields are: {}; add one with `kluis field add`",
                    known.join(", ")
                )
            }),
            Error::BadMap { .. } => {
                Some("write --map \"E-mailadres=email\" or, by position, --map \"#3=phone\"".into())
            }
            Error::MappedAndSkipped { .. } => Some("leave out the --map or the --skip".into()),
            Error::FieldMappedTwice { .. } => Some(
                "a record holds one value per field: map one of these columns and --skip the others"
                    .into(),
            ),
            Error::RequiredNotMapped { field } => Some(format!(
                "map the column that holds it with --map \"Column={field}\""
            )),
            Error::Consent { source, .. } => source.hint(),
            Error::InvalidRows { .. } => Some(
                "fix those cells in the file and import again, or import the valid rows only \
                 with --on-invalid skip"
                    .into(),
            ),
            Error::MappingFile { .. } => Some(
                "pass a file written by --save-mapping, or map the columns with --map and --skip"
                    .into(),
            ),
            Error::SaveMapping { .. } => {
                Some("choose a path in a folder you may write to".into())
            }
            Error::NoThread { .. } => Some(
                "the system is out of threads or memory: close other programs and run the \
                 import again; the vault is unchanged"
                    .into(),
            ),
            Error::Records(error) => error.hint(),
            Error::Schema(error) => error.hint(),
        }
    }
}
