//! What the reader tells the user about how it read a file, as data: each front end puts
//! it in its own words ([`Display`](std::fmt::Display) gives the CLI's English). A note
//! carries row and line numbers, delimiters, encoding and sheet names, never a cell value.

use std::fmt;

use serde::{Serialize, Serializer};

use super::error::describe_byte;
use super::table::Format;

/// Line or row numbers: the first few of `total`, so that a note stays short on a file with
/// thousands of affected lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberList {
    pub numbers: Vec<usize>,
    pub total: usize,
}

impl NumberList {
    /// All the numbers, none left out.
    pub fn all(numbers: Vec<usize>) -> NumberList {
        let total = numbers.len();
        NumberList { numbers, total }
    }

    /// How many numbers are not listed.
    pub fn more(&self) -> usize {
        self.total.saturating_sub(self.numbers.len())
    }
}

impl fmt::Display for NumberList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list: Vec<String> = self.numbers.iter().map(usize::to_string).collect();
        f.write_str(&list.join(", "))?;
        if self.more() > 0 {
            write!(f, " and {} more", self.more())?;
        }
        Ok(())
    }
}

/// One thing the user should know about how the file was read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Note {
    /// The file's extension promised another format than its content is.
    FormatMismatch {
        extension: String,
        format: Format,
    },
    /// A byte order mark overruled `--encoding`.
    BomOverridesEncoding {
        bom: &'static str,
        requested: &'static str,
    },
    /// `--sheet` given for a text file.
    SheetIgnored,
    /// The delimiter came from a `sep=` first line.
    DelimiterFromSepLine {
        delimiter: u8,
    },
    DelimiterDetected {
        delimiter: u8,
    },
    NoDelimiter,
    /// Some lines were not UTF-8 and were read as Windows-1252.
    LinesReadAsWindows1252 {
        lines: NumberList,
    },
    /// No line was UTF-8: the whole file was read as Windows-1252.
    FileReadAsWindows1252,
    /// `--delimiter` or `--encoding` given for a workbook.
    DelimiterEncodingIgnored,
    /// The only sheet with data was read; `others` sheets are empty.
    OtherSheetsEmpty {
        sheet: String,
        others: usize,
    },
    /// Rows with fewer cells than the header were padded.
    RowsPadded {
        rows: NumberList,
    },
    /// Columns (1-based positions) without a header name are called `#N`.
    UnnamedColumns {
        columns: Vec<usize>,
    },
    EmptyColumnsDropped {
        count: usize,
    },
    /// The header is this row, with nothing above it.
    HeaderTaken {
        row: usize,
    },
    /// The header was found on `row`; the rows above it were left out.
    HeaderFound {
        row: usize,
        above: NumberList,
    },
    /// `--header-row` named `row`; the rows above it were left out.
    HeaderRowGiven {
        row: usize,
        above: NumberList,
    },
    /// Rows that look like notes or totals were left out.
    NotesRowsLeftOut {
        rows: NumberList,
    },
    VcardContacts {
        count: usize,
    },
    YearlessBirthdays {
        rows: NumberList,
    },
    /// Cards with more than one e-mail address or phone number.
    FirstContactOnly {
        rows: NumberList,
    },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::FormatMismatch { extension, format } => {
                let what = match format {
                    Format::Delimited => "delimited text".to_owned(),
                    other => format!("an {other} workbook"),
                };
                write!(
                    f,
                    "the file is named .{extension} but is {what}, and was read as such"
                )
            }
            Note::BomOverridesEncoding { bom, requested } => write!(
                f,
                "the file starts with a {bom} byte order mark, so it was read as {bom} \
                 and not as {requested}"
            ),
            Note::SheetIgnored => {
                f.write_str("--sheet does not apply to a text file and was ignored")
            }
            Note::DelimiterFromSepLine { delimiter } => write!(
                f,
                "delimiter {} taken from the first line (sep=), which was skipped",
                describe_byte(*delimiter)
            ),
            Note::DelimiterDetected { delimiter } => {
                write!(f, "delimiter {} detected", describe_byte(*delimiter))
            }
            Note::NoDelimiter => {
                f.write_str("no delimiter found: every line is read as a single column")
            }
            Note::LinesReadAsWindows1252 { lines } => {
                let (s, verb) = if lines.total == 1 {
                    ("", "was")
                } else {
                    ("s", "were")
                };
                write!(
                    f,
                    "line{s} {lines} {verb} not valid UTF-8 and {verb} read as Windows-1252"
                )
            }
            Note::FileReadAsWindows1252 => {
                f.write_str("the file is not UTF-8 and was read as Windows-1252")
            }
            Note::DelimiterEncodingIgnored => f.write_str(
                "--delimiter and --encoding do not apply to a workbook and were ignored",
            ),
            Note::OtherSheetsEmpty { sheet, others: 1 } => {
                write!(f, "read sheet {sheet:?}; the other sheet is empty")
            }
            Note::OtherSheetsEmpty { sheet, others } => {
                write!(
                    f,
                    "read sheet {sheet:?}; the other {others} sheets are empty"
                )
            }
            Note::RowsPadded { rows } => {
                let (s, verb) = if rows.total == 1 {
                    ("", "was")
                } else {
                    ("s", "were")
                };
                write!(
                    f,
                    "row{s} {rows} had fewer cells than the header and {verb} padded with empty cells"
                )
            }
            Note::UnnamedColumns { columns } => unnamed_columns(f, columns),
            Note::EmptyColumnsDropped { count } => {
                let s = if *count == 1 { "" } else { "s" };
                write!(f, "{count} empty column{s} without a header name left out")
            }
            Note::HeaderTaken { row } => write!(f, "header taken from row {row}"),
            Note::HeaderFound { row, above } => write!(
                f,
                "header found on row {row}; the rows above it ({above}) were left out as notes"
            ),
            Note::HeaderRowGiven { row, above } => write!(
                f,
                "header taken from row {row} (--header-row); the rows above it ({above}) were left out"
            ),
            Note::NotesRowsLeftOut { rows } => write!(
                f,
                "row(s) {rows} left out: they look like notes or totals, not people"
            ),
            Note::VcardContacts { count } => write!(f, "{count} vCard contact(s) read"),
            Note::YearlessBirthdays { rows } => {
                write!(f, "birthday without a year left empty on row(s) {rows}")
            }
            Note::FirstContactOnly { rows } => write!(
                f,
                "only the first e-mail address and phone number (a mobile one first) taken on row(s) {rows}"
            ),
        }
    }
}

fn unnamed_columns(f: &mut fmt::Formatter<'_>, columns: &[usize]) -> fmt::Result {
    let names: Vec<String> = columns.iter().map(|n| format!("#{n}")).collect();
    match columns {
        [one] => write!(
            f,
            "column {one} has no header name and is called {}",
            names[0]
        ),
        _ => write!(
            f,
            "columns {} have no header name and are called {}",
            NumberList::all(columns.to_vec()),
            names.join(", ")
        ),
    }
}

/// Scripts reading `--json` see the same English sentence as the CLI prints.
impl Serialize for Note {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_cut_short() {
        let lines = NumberList {
            numbers: vec![2, 5, 9],
            total: 40,
        };
        let note = Note::LinesReadAsWindows1252 { lines };
        assert_eq!(
            note.to_string(),
            "lines 2, 5, 9 and 37 more were not valid UTF-8 and were read as Windows-1252"
        );
        let one = Note::RowsPadded {
            rows: NumberList::all(vec![3]),
        };
        assert_eq!(
            one.to_string(),
            "row 3 had fewer cells than the header and was padded with empty cells"
        );
    }

    #[test]
    fn json_holds_the_english_sentence() {
        let note = Note::DelimiterDetected { delimiter: b';' };
        let json = serde_json::to_string(&[note]).unwrap();
        assert_eq!(json, r#"["delimiter ';' detected"]"#);
    }
}
