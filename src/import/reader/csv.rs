//! Delimited text: CSV, TSV and `.txt` exports.

use std::borrow::Cow;

use zeroize::Zeroizing;

use super::collect::{RawTable, RowsBuilder};
use super::encoding::{self, Decoded};
use super::error::ReadError;
use super::note::{Note, NumberList};
use super::split::{self, Body};
use super::table::{Format, SourceInfo, Table};
use super::{ReadOptions, Reader, dialect};

/// A NUL byte this early means the file is not text (or UTF-16 without BOM).
const BINARY_PROBE: usize = 8 * 1024;

/// Reads delimited text. The delimiter is taken from the options, else from
/// an Excel `sep=` first line, else detected from the content, else
/// `default_delimiter`.
#[derive(Debug, Clone, Copy)]
pub struct CsvReader {
    /// Used when detection finds no delimiter, i.e. a single-column file:
    /// `,` for `.csv`, TAB for `.tsv`.
    pub default_delimiter: u8,
}

impl Default for CsvReader {
    fn default() -> Self {
        CsvReader {
            default_delimiter: b',',
        }
    }
}

impl Reader for CsvReader {
    fn read(&self, bytes: &[u8], options: &ReadOptions) -> Result<Table, ReadError> {
        self.read_text(Input::Borrowed(bytes), options)
    }

    fn read_owned(&self, bytes: Vec<u8>, options: &ReadOptions) -> Result<Table, ReadError> {
        self.read_text(Input::Owned(Zeroizing::new(bytes)), options)
    }
}

enum Input<'a> {
    Borrowed(&'a [u8]),
    Owned(Zeroizing<Vec<u8>>),
}

impl Input<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            Input::Borrowed(bytes) => bytes,
            Input::Owned(bytes) => bytes,
        }
    }
}

/// What was found out about the text before splitting it.
struct Layout {
    /// Transcoded text, when the file was not UTF-8 already.
    transcoded: Option<Zeroizing<Vec<u8>>>,
    /// Where the records begin: in `transcoded`, or else in the file's
    /// bytes (after a byte order mark and a `sep=` line).
    body_start: usize,
    first_line: usize,
    delimiter: u8,
    encoding: &'static encoding_rs::Encoding,
    /// Some records are not UTF-8 and are read as Windows-1252.
    fallback: bool,
    notes: Vec<Note>,
}

impl CsvReader {
    fn read_text(&self, mut input: Input<'_>, options: &ReadOptions) -> Result<Table, ReadError> {
        if let Some(d) = options.delimiter {
            check_delimiter(d)?;
        }
        let Layout {
            transcoded,
            body_start,
            first_line,
            delimiter,
            encoding,
            fallback,
            mut notes,
        } = self.layout(input.bytes(), options)?;
        if transcoded.is_some() {
            // Only the transcoded copy is needed; the original is zeroized.
            input = Input::Borrowed(&[]);
        }
        let has_header = options.has_header;
        let parsed = match (transcoded, &mut input) {
            (Some(text), _) => {
                let rows = RowsBuilder::in_place(take(text), body_start);
                split::parse(
                    Body::InPlace,
                    rows,
                    first_line,
                    delimiter,
                    false,
                    has_header,
                )?
            }
            (None, Input::Owned(bytes)) if !fallback => {
                // The file's buffer becomes the table's.
                let rows = RowsBuilder::in_place(std::mem::take(&mut **bytes), body_start);
                split::parse(
                    Body::InPlace,
                    rows,
                    first_line,
                    delimiter,
                    false,
                    has_header,
                )?
            }
            (None, Input::Borrowed(bytes)) if !fallback => {
                let rows = RowsBuilder::in_place(bytes.to_vec(), body_start);
                split::parse(
                    Body::InPlace,
                    rows,
                    first_line,
                    delimiter,
                    false,
                    has_header,
                )?
            }
            (None, input) => {
                let body = &input.bytes()[body_start..];
                // Windows-1252 takes two bytes for some characters UTF-8 has
                // in one.
                let rows = RowsBuilder::new(body.len() + body.len() / 8);
                split::parse(
                    Body::Borrowed(body),
                    rows,
                    first_line,
                    delimiter,
                    true,
                    has_header,
                )?
            }
        };
        drop(input);

        let mut encoding_name = encoding.name();
        if parsed.fallback_count > 0 {
            if parsed.saw_utf8 {
                notes.push(Note::LinesReadAsWindows1252 {
                    lines: NumberList {
                        numbers: parsed.fallback_lines,
                        total: parsed.fallback_count,
                    },
                });
            } else {
                encoding_name = encoding::fallback_encoding().name();
                notes.push(Note::FileReadAsWindows1252);
            }
        }

        RawTable {
            header: parsed.header,
            rows: parsed.rows,
            notes,
            source: SourceInfo {
                format: Format::Delimited,
                delimiter: Some(delimiter),
                encoding: Some(encoding_name.to_owned()),
                sheet: None,
            },
        }
        .finish()
    }

    /// Decodes, finds the `sep=` line and the delimiter.
    fn layout(&self, bytes: &[u8], options: &ReadOptions) -> Result<Layout, ReadError> {
        let Decoded {
            text,
            encoding,
            fallback,
            mut notes,
        } = encoding::decode(bytes, options.encoding.as_deref())?;
        if fallback && text[..text.len().min(BINARY_PROBE)].contains(&0) {
            return Err(ReadError::UnsupportedFormat {
                detected: "binary data (or UTF-16 text without a byte order mark)",
            });
        }
        if options.sheet.is_some() {
            notes.push(Note::SheetIgnored);
        }

        let mut start = 0;
        let mut delimiter = options.delimiter;
        if let Some((sep, len)) = dialect::sep_line(&text) {
            start = len;
            if delimiter.is_none() {
                notes.push(Note::DelimiterFromSepLine { delimiter: sep });
                delimiter = Some(sep);
            }
        }
        let body = &text[start..];
        let delimiter = match delimiter {
            Some(d) => d,
            None => match dialect::sniff(body) {
                Some(d) => {
                    notes.push(Note::DelimiterDetected { delimiter: d });
                    d
                }
                None => {
                    notes.push(Note::NoDelimiter);
                    self.default_delimiter
                }
            },
        };
        // Checked once for the whole file, since it nearly always passes; then
        // no record needs checking on its own.
        let fallback = fallback && std::str::from_utf8(body).is_err();
        let first_line = encoding::line_breaks(&text[..start]) + 1;
        let (transcoded, body_start) = match text {
            Cow::Owned(text) => (Some(Zeroizing::new(text)), start),
            // Decoding only strips a byte order mark from borrowed text.
            Cow::Borrowed(text) => (None, bytes.len() - text.len() + start),
        };
        Ok(Layout {
            transcoded,
            body_start,
            first_line,
            delimiter,
            encoding,
            fallback,
            notes,
        })
    }
}

/// The buffer out of its zeroizing wrapper; the builder zeroizes it itself.
fn take(mut bytes: Zeroizing<Vec<u8>>) -> Vec<u8> {
    std::mem::take(&mut *bytes)
}

fn check_delimiter(d: u8) -> Result<(), ReadError> {
    // Non-ASCII bytes would split UTF-8 sequences; quotes and line breaks
    // have their own meaning.
    if !d.is_ascii() || matches!(d, b'"' | b'\r' | b'\n' | 0) {
        return Err(ReadError::InvalidDelimiter { delimiter: d });
    }
    Ok(())
}
