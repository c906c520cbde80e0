//! Reading spreadsheet files into a [`Table`] of text cells.
//!
//! One [`Reader`] per container format ([`CsvReader`] for delimited text,
//! [`ExcelReader`] for workbooks); [`read_path`] and [`read_bytes`] pick the
//! right one from the file's content (magic bytes) and name.
//!
//! This layer does not interpret values: it finds the delimiter, encoding,
//! header row and data rows, and reports how it did so in
//! [`Table::notes`]. Nothing it returns in an error or note contains a
//! cell's value, since the cells are personal data.
//!
//! What the layers above can rely on:
//! - every row has exactly `headers.len()` cells (short rows are padded);
//! - [`Row::number`] is what the user sees: the spreadsheet row, also in a
//!   text file with line breaks inside cells;
//! - blank and separator-only rows are left out, and the file has at least
//!   one data row (else [`ReadError::Empty`] or [`ReadError::HeaderOnly`]);
//! - headers keep their spelling and duplicates; compare them with
//!   [`normalize_header`]; a column without a header name is `#N`;
//! - cell values are not trimmed; line breaks inside cells are `\n`;
//! - all cell text sits in one buffer ([`Rows`]), read through
//!   [`Row::cell`] and [`Row::cells`], and zeroized when the table is dropped;
//! - workbook cells read as a CSV export would show them: numbers without
//!   `.0` or exponent, dates as `YYYY-MM-DD[THH:MM:SS]`, booleans as
//!   `true`/`false`, formulas as their cached value.
//!
//! ```no_run
//! use kluis::import::reader::{ReadOptions, read_path};
//!
//! let table = read_path("klanten.csv".as_ref(), &ReadOptions::default())?;
//! for row in &table.rows {
//!     println!("row {}: e-mail {}", row.number, row.cell(2));
//! }
//! # Ok::<(), kluis::import::reader::ReadError>(())
//! ```

mod cell;
mod collect;
mod csv;
mod dialect;
mod encoding;
mod error;
mod excel;
mod header;
mod note;
mod ole;
mod rows;
mod sniff;
mod split;
mod table;
mod vcard;
mod xls_size;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use std::path::Path;

pub use self::csv::CsvReader;
pub use error::ReadError;
pub use excel::ExcelReader;
pub use header::looks_like_data;
pub use note::{Note, NumberList};
pub use rows::{Row, RowIter, Rows};
pub use sniff::detect_format;
pub use table::{Format, SourceInfo, Table, normalize_header};

/// What the user told `kluis import` about the file; everything else is
/// detected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Field delimiter for text files (`--delimiter`); detected when `None`.
    pub delimiter: Option<u8>,
    /// Encoding label for text files (`--encoding`), e.g. `"windows-1252"`,
    /// `"utf-8"`, `"utf-16"` (any WHATWG label). When given, decoding is
    /// strict: invalid bytes are an error instead of a Windows-1252 fallback.
    pub encoding: Option<String>,
    /// Whether the first non-blank row holds column names (default `true`).
    /// Without one, columns are named `#1`, `#2`, ...
    pub has_header: bool,
    /// Which sheet of a workbook to read (`--sheet`). Needed when several
    /// sheets hold data.
    pub sheet: Option<String>,
    /// The row that holds the column names (`--header-row N`), as a
    /// spreadsheet numbers it. Rows above it are left out. Found by itself
    /// when the first row cannot be it.
    pub header_row: Option<usize>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            delimiter: None,
            encoding: None,
            has_header: true,
            sheet: None,
            header_row: None,
        }
    }
}

/// A parser for one container format.
pub trait Reader {
    /// Reads a whole file held in memory. Never panics, whatever the bytes.
    fn read(&self, bytes: &[u8], options: &ReadOptions) -> Result<Table, ReadError>;

    /// Like [`Reader::read`], for a file the caller hands over: a reader
    /// may reuse the buffer for the table (the text reader does), and the
    /// bytes are zeroized once no longer needed.
    fn read_owned(&self, bytes: Vec<u8>, options: &ReadOptions) -> Result<Table, ReadError> {
        let bytes = zeroize::Zeroizing::new(bytes);
        self.read(&bytes, options)
    }
}

/// The reader for `format`; `extension` (lowercase, without dot) tunes it,
/// e.g. TAB as the fallback delimiter for `.tsv`.
pub fn reader_for(format: Format, extension: Option<&str>) -> Box<dyn Reader> {
    match format {
        Format::Delimited => Box::new(CsvReader {
            default_delimiter: match extension {
                Some("tsv" | "tab") => b'\t',
                _ => b',',
            },
        }),
        Format::Vcard => Box::new(vcard::VcardReader),
        format => Box::new(ExcelReader { format }),
    }
}

/// Reads the file at `path`, choosing the reader by content and extension,
/// and settles where its header is (see [`header`]). Should the header have
/// to be looked for, the file is read a second time.
pub fn read_path(path: &Path, options: &ReadOptions) -> Result<Table, ReadError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    header::settle(
        |options| {
            let bytes = std::fs::read(path).map_err(|source| ReadError::Io {
                path: path.to_owned(),
                source,
            })?;
            read_owned(bytes, extension.as_deref(), options)
        },
        options,
    )
}

/// Reads a file already in memory, and settles where its header is (see
/// [`header`]); `extension` is the file name's extension if known (any
/// case, without dot).
pub fn read_bytes(
    bytes: &[u8],
    extension: Option<&str>,
    options: &ReadOptions,
) -> Result<Table, ReadError> {
    header::settle(|options| read_once(bytes, extension, options), options)
}

/// One read of a file in memory, with its first row as the header (unless
/// `has_header` is false), as [`read_owned`] does.
pub fn read_once(
    bytes: &[u8],
    extension: Option<&str>,
    options: &ReadOptions,
) -> Result<Table, ReadError> {
    let extension = extension.map(str::to_ascii_lowercase);
    let extension = extension.as_deref();
    let format = detect_format(bytes, extension)?;
    let table = reader_for(format, extension).read(bytes, options)?;
    Ok(with_mismatch_note(table, format, extension))
}

/// One read, like [`read_once`], of bytes the caller no longer needs: a
/// text file's buffer becomes the table's, and the bytes are zeroized once
/// read. The header is the first row; [`read_path`] settles it.
pub fn read_owned(
    bytes: Vec<u8>,
    extension: Option<&str>,
    options: &ReadOptions,
) -> Result<Table, ReadError> {
    let mut bytes = zeroize::Zeroizing::new(bytes);
    let extension = extension.map(str::to_ascii_lowercase);
    let extension = extension.as_deref();
    let format = detect_format(&bytes, extension)?;
    let table = reader_for(format, extension).read_owned(std::mem::take(&mut *bytes), options)?;
    Ok(with_mismatch_note(table, format, extension))
}

fn with_mismatch_note(mut table: Table, format: Format, extension: Option<&str>) -> Table {
    if let Some(note) = sniff::mismatch_note(format, extension) {
        table.notes.insert(0, note);
    }
    table
}
