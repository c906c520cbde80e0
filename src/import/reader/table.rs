//! The reader's output: a [`Table`] of text cells and how it was read.

use super::collect::RowsBuilder;
use super::note::Note;
use super::rows::Rows;

/// A file read into text cells, before any interpretation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column names as written in the file, minus a byte order mark and
    /// surrounding whitespace (including NBSP). Duplicates are kept; use
    /// [`normalize_header`] to compare them. A column without a header name
    /// is called `#N`, N being its 1-based position in the file (field number
    /// in a text file, position within the used range of a sheet). Without a
    /// header row all columns are named that way: `#1`, `#2`, ...
    pub headers: Vec<String>,
    /// Data rows in file order; blank rows are not included. Each has
    /// exactly `headers.len()` cells.
    pub rows: Rows,
    /// Things the user should know about how the file was read, e.g. the
    /// delimiter detected or which lines were decoded as Windows-1252: data
    /// each front end puts in its own words. Notes never contain cell values.
    pub notes: Vec<Note>,
    /// How the file was read.
    pub source: SourceInfo,
}

/// The container format of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Delimited text: CSV, TSV, `.txt` with any supported delimiter.
    Delimited,
    /// Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// Excel 97-2003 binary workbook (`.xls`).
    Xls,
    /// Excel binary workbook (`.xlsb`).
    Xlsb,
    /// OpenDocument spreadsheet (`.ods`).
    Ods,
    /// vCard contacts (`.vcf`), one row per card.
    Vcard,
}

impl Format {
    /// A short name for messages, e.g. `xlsx`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Delimited => "CSV",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Xlsb => "xlsb",
            Format::Ods => "ods",
            Format::Vcard => "vCard",
        }
    }

    /// Whether this is a workbook read through calamine.
    pub fn is_workbook(self) -> bool {
        matches!(
            self,
            Format::Xlsx | Format::Xls | Format::Xlsb | Format::Ods
        )
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Table {
    /// A table built by hand, e.g. in tests: `rows` are (row number, cells)
    /// pairs. The source says a comma-separated UTF-8 file; there are no
    /// notes.
    ///
    /// # Panics
    /// When a row does not have exactly one cell per header.
    pub fn from_rows(headers: Vec<String>, rows: Vec<(usize, Vec<String>)>) -> Table {
        let width = headers.len();
        let mut builder = RowsBuilder::new(0);
        for (number, cells) in &rows {
            assert_eq!(cells.len(), width, "row {number} has the wrong width");
            builder.push_cells(*number, cells.iter().map(String::as_str));
        }
        let rows = builder
            .into_rows(width)
            .expect("hand-built rows fit the table limits");
        Table {
            headers,
            rows,
            notes: Vec::new(),
            source: SourceInfo {
                format: Format::Delimited,
                delimiter: Some(b','),
                encoding: Some("UTF-8".to_owned()),
                sheet: None,
            },
        }
    }
}

impl Table {
    /// The row of the file its header was read from: where it was found below notes and
    /// titles, or given with `--header-row`; else the first row.
    pub fn header_row(&self) -> usize {
        self.notes
            .iter()
            .find_map(|note| match note {
                Note::HeaderTaken { row }
                | Note::HeaderFound { row, .. }
                | Note::HeaderRowGiven { row, .. } => Some(*row),
                _ => None,
            })
            .unwrap_or(1)
    }

    /// The table with one more column, `name`, whose cell in each row is the text of the
    /// `parts` columns joined with one space, blank parts left out.
    pub fn with_joined_column(self, name: String, parts: &[usize]) -> Table {
        let width = self.headers.len() + 1;
        let mut builder = RowsBuilder::new(0);
        for row in &self.rows {
            let joined = parts
                .iter()
                .map(|&part| row.cell(part).trim())
                .filter(|text| !text.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let joined = zeroize::Zeroizing::new(joined);
            builder.push_cells(
                row.number,
                row.cells().chain(std::iter::once(joined.as_str())),
            );
        }
        let rows = builder
            .into_rows(width)
            .expect("one more cell per row than the table read");
        let mut headers = self.headers.clone();
        headers.push(name);
        Table {
            headers,
            rows,
            notes: self.notes.clone(),
            source: self.source.clone(),
        }
    }
}

/// How a file was read: enough to reproduce the read with explicit options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    pub format: Format,
    /// The field delimiter used (text files only).
    pub delimiter: Option<u8>,
    /// The encoding used, as an encoding_rs name such as `UTF-8`,
    /// `UTF-16LE` or `windows-1252` (text files only). A UTF-8 file with a
    /// few Windows-1252 lines is reported as `UTF-8`; the lines are in the
    /// notes.
    pub encoding: Option<String>,
    /// The sheet read (workbooks only).
    pub sheet: Option<String>,
}

/// The form of a header name used for matching: surrounding whitespace,
/// NBSP and byte order marks removed, inner whitespace runs collapsed to
/// one space, lowercased. `"  E-mail\u{a0}Adres "` becomes `"e-mail adres"`.
pub fn normalize_header(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split(is_header_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// A header name as shown to the user: only the outer padding removed.
pub(crate) fn trim_header(raw: &str) -> &str {
    raw.trim_matches(is_header_space)
}

/// `char::is_whitespace` covers NBSP; a BOM or zero-width space is invisible
/// padding too when it turns up in a header (e.g. after concatenating files).
fn is_header_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}')
}

/// True when a cell holds nothing but whitespace.
pub(crate) fn is_blank(cell: &str) -> bool {
    cell.chars().all(is_header_space)
}
