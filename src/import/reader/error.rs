//! Why a file could not be read, and what the user can do about it.
//!
//! Messages never contain a cell's value: the files hold personal data and
//! errors end up in terminals, logs and support mails. They name the row,
//! the column (header name or `#N`) and the rule instead.

use std::path::PathBuf;

/// A file that could not be turned into a [`Table`](super::Table).
///
/// Display gives one line saying what is wrong; each front end says how to
/// fix it (`cli::hint` for the command line). Row and line numbers are the
/// ones the user sees in a text editor or spreadsheet program (1-based).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be read from disk.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Nothing but blank lines, separators or whitespace (or zero bytes).
    #[error("the file is empty")]
    Empty {},

    /// A header row was found, but no data rows under it.
    #[error(
        "the file has a header ({columns} column{}) but no rows",
        if *columns == 1 { "" } else { "s" }
    )]
    HeaderOnly { columns: usize },

    /// The content is recognisably something other than a spreadsheet.
    #[error("this is {detected}, not a spreadsheet or CSV file")]
    UnsupportedFormat { detected: &'static str },

    /// `--encoding` named an encoding that does not exist.
    #[error("unknown encoding {label:?}")]
    UnknownEncoding { label: String },

    /// The bytes are not valid in the encoding the user asked for.
    #[error("line {line} is not valid {encoding}")]
    InvalidEncoding { line: usize, encoding: &'static str },

    /// `--delimiter` named a character that cannot separate fields.
    #[error("{} cannot be used as a delimiter", describe_byte(*delimiter))]
    InvalidDelimiter { delimiter: u8 },

    /// A data row has non-empty cells beyond the last header column. Extra
    /// cells that are empty or only whitespace (trailing delimiters) are
    /// dropped without an error.
    #[error(
        "row {row} has {found} cells but the header has {expected}{}",
        also_rows(also)
    )]
    TooManyCells {
        row: usize,
        expected: usize,
        found: usize,
        /// Further rows with the same problem (at most a few), so the user
        /// can fix them in one go.
        also: Vec<usize>,
    },

    /// A quoted cell is opened but never closed, so the rest of the file
    /// would silently become one cell.
    #[error("the quoted cell starting on line {line} is never closed")]
    UnclosedQuote { line: usize },

    /// The CSV parser gave up (not expected for in-memory input; kept so a
    /// parser change cannot turn into a panic).
    #[error("line {line} could not be read as delimited text")]
    Malformed { line: usize },

    /// The text is too large to hold (over 4 GiB of cells or lines).
    #[error("the file is too large to import (4 GiB at most)")]
    TooLarge {},

    /// The workbook container is damaged or not what its signature claims.
    #[error("the {format} workbook could not be read")]
    Workbook { format: &'static str },

    /// The workbook is encrypted.
    #[error("the {format} workbook is password-protected")]
    Protected { format: &'static str },

    /// The workbook holds no worksheet at all.
    #[error("the workbook has no worksheets")]
    NoSheets {},

    /// Several sheets hold data and none was chosen.
    #[error("the workbook has several sheets: {}", sheets.join(", "))]
    SheetRequired { sheets: Vec<String> },

    /// `--sheet` named a sheet that is not in the workbook.
    #[error("there is no sheet {name:?}; the sheets are: {}", sheets.join(", "))]
    UnknownSheet { name: String, sheets: Vec<String> },

    /// `--header-row` named a row the file does not have (or a blank one).
    #[error("row {row} is not in the file, or holds nothing")]
    NoSuchHeaderRow { row: usize },

    /// A spreadsheet cell holds an error value such as `#DIV/0!`.
    #[error("row {row}, column {column} holds the spreadsheet error {error}")]
    CellError {
        row: usize,
        column: String,
        error: String,
    },
}

fn also_rows(also: &[usize]) -> String {
    if also.is_empty() {
        return String::new();
    }
    let list: Vec<String> = also.iter().map(usize::to_string).collect();
    format!(" (so do rows {})", list.join(", "))
}

/// Names a delimiter byte so that TAB and control bytes stay readable.
pub(crate) fn describe_byte(byte: u8) -> String {
    match byte {
        b'\t' => "TAB".to_owned(),
        b' ' => "a space".to_owned(),
        0x21..=0x7e => format!("'{}'", byte as char),
        _ => format!("byte 0x{byte:02X}"),
    }
}
