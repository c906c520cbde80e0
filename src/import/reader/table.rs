//! The reader's output and the finishing steps every format shares: padding
//! short rows, naming header-less columns and dropping phantom columns.

use super::error::{ReadError, number_list};

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
    /// Data rows in file order; blank rows are not included.
    pub rows: Vec<Row>,
    /// Things the user should know about how the file was read, e.g.
    /// `delimiter ';' detected` or which lines were decoded as Windows-1252.
    /// Notes never contain cell values.
    pub notes: Vec<String>,
    /// How the file was read.
    pub source: SourceInfo,
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The number the user sees for this row: for a text file the 1-based
    /// physical line on which the record starts (multi-line cells and
    /// skipped lines counted); for a workbook the spreadsheet row number.
    pub number: usize,
    /// Exactly `headers.len()` cells. Line breaks inside cells are `\n`.
    pub cells: Vec<String>,
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
        }
    }

    /// Whether this is a workbook read through calamine.
    pub fn is_workbook(self) -> bool {
        !matches!(self, Format::Delimited)
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
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

/// Rows collected by a reader, before the shared finishing steps.
pub(crate) struct RawTable {
    /// The header cells (already trimmed), or `None` without a header row.
    pub header: Option<Vec<String>>,
    /// Data rows; cells may be fewer than the header (never more).
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
    pub source: SourceInfo,
}

/// How many row numbers a note lists before saying "and N more".
const NOTE_LIST_MAX: usize = 10;

impl RawTable {
    /// Turns collected rows into a [`Table`]: pads rows to the header
    /// width, names header-less columns `#N` and drops phantom columns
    /// (no header name and no data).
    pub fn finish(self) -> Result<Table, ReadError> {
        let RawTable {
            header,
            mut rows,
            mut notes,
            source,
        } = self;
        let Some(mut headers) = header else {
            if rows.is_empty() {
                return Err(ReadError::Empty {});
            }
            let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
            pad_rows(&mut rows, width, &mut notes, false);
            let headers = (1..=width).map(|n| format!("#{n}")).collect();
            return Ok(Table {
                headers,
                rows,
                notes,
                source,
            });
        };
        if rows.is_empty() {
            return Err(ReadError::HeaderOnly {
                columns: headers.iter().filter(|h| !h.is_empty()).count(),
            });
        }
        let width = headers.len();
        pad_rows(&mut rows, width, &mut notes, true);

        let mut keep = vec![true; width];
        let mut named = Vec::new();
        for (i, header) in headers.iter_mut().enumerate() {
            if !header.is_empty() {
                continue;
            }
            if rows.iter().any(|r| !is_blank(&r.cells[i])) {
                *header = format!("#{}", i + 1);
                named.push(i + 1);
            } else {
                keep[i] = false;
            }
        }
        if !named.is_empty() {
            let names: Vec<String> = named.iter().map(|n| format!("#{n}")).collect();
            notes.push(if named.len() == 1 {
                format!(
                    "column {} has no header name and is called {}",
                    named[0], names[0]
                )
            } else {
                format!(
                    "columns {} have no header name and are called {}",
                    number_list(&named, named.len()),
                    names.join(", ")
                )
            });
        }
        let dropped = keep.iter().filter(|k| !**k).count();
        if dropped > 0 {
            retain_columns(&mut headers, &keep);
            for row in &mut rows {
                retain_columns(&mut row.cells, &keep);
            }
            notes.push(format!(
                "{dropped} empty column{} without a header name left out",
                if dropped == 1 { "" } else { "s" }
            ));
        }
        Ok(Table {
            headers,
            rows,
            notes,
            source,
        })
    }
}

fn pad_rows(rows: &mut [Row], width: usize, notes: &mut Vec<String>, note: bool) {
    let mut short = Vec::new();
    let mut count = 0;
    for row in rows.iter_mut() {
        if row.cells.len() < width {
            count += 1;
            if short.len() < NOTE_LIST_MAX {
                short.push(row.number);
            }
            row.cells.resize(width, String::new());
        }
    }
    if note && count > 0 {
        notes.push(format!(
            "row{} {} had fewer cells than the header and {} padded with empty cells",
            if count == 1 { "" } else { "s" },
            number_list(&short, count),
            if count == 1 { "was" } else { "were" }
        ));
    }
}

fn retain_columns(cells: &mut Vec<String>, keep: &[bool]) {
    let mut i = 0;
    cells.retain(|_| {
        let k = keep.get(i).copied().unwrap_or(true);
        i += 1;
        k
    });
}
