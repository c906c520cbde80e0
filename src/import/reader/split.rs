//! Splitting delimited text into records and cells, numbering each record
//! by the line it starts on.
//!
//! csv-core does the splitting (the same state machine the csv crate wraps,
//! so quoting rules are unchanged); working on it directly lets each
//! record's cells go straight into the [`RowsBuilder`] with one copy and no
//! allocation per cell.

use csv_core::ReadRecordResult;
use zeroize::Zeroizing;

use super::collect::RowsBuilder;
use super::encoding;
use super::error::ReadError;
use super::table::{is_blank, trim_header};

/// How many further too-long rows a [`ReadError::TooManyCells`] lists.
const ALSO_MAX: usize = 5;
/// How many line numbers a note lists.
const NOTE_LIST_MAX: usize = 10;

/// Where the text to split lives.
pub(crate) enum Body<'a> {
    /// Borrowed: cells are copied into a buffer of their own.
    Borrowed(&'a [u8]),
    /// In the builder's buffer (see [`RowsBuilder::in_place`]).
    InPlace,
}

impl<'a> Body<'a> {
    fn text<'s>(&self, rows: &'s RowsBuilder) -> &'s [u8]
    where
        'a: 's,
    {
        match self {
            Body::Borrowed(bytes) => bytes,
            Body::InPlace => rows.input(),
        }
    }
}

pub(crate) struct Parsed {
    pub header: Option<Vec<String>>,
    pub rows: RowsBuilder,
    /// Lines (first few) of records decoded as Windows-1252.
    pub fallback_lines: Vec<usize>,
    pub fallback_count: usize,
    /// Some record held valid non-ASCII UTF-8, so the file really is UTF-8.
    pub saw_utf8: bool,
}

/// Splits the body into records. `first_line` is the line number of the
/// body's first byte in the file; `fallback` means records that are not
/// valid UTF-8 are read as Windows-1252 (in-place bodies must be valid
/// UTF-8 throughout).
pub(crate) fn parse(
    body: Body<'_>,
    mut rows: RowsBuilder,
    first_line: usize,
    delimiter: u8,
    fallback: bool,
    has_header: bool,
) -> Result<Parsed, ReadError> {
    let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut out = Zeroizing::new(vec![0_u8; 4096]);
    let mut ends = vec![0_usize; 64];
    let mut decoded = Decoded::default();
    let content_end = {
        let text = body.text(&rows);
        text.iter()
            .rposition(|b| !matches!(b, b'\r' | b'\n'))
            .map_or(0, |i| i + 1)
    };
    let mut breaks_inside = 0;
    let mut lines = LineCounter {
        pos: 0,
        line: first_line,
    };
    let mut header: Option<Vec<String>> = None;
    let (mut fallback_lines, mut fallback_count, mut saw_utf8) = (Vec::new(), 0, false);
    let mut too_long: Option<ReadError> = None;
    let mut unclosed = None;
    let mut width = 0;
    let mut pos = 0;

    loop {
        let begin = pos;
        let (mut out_len, mut ends_len) = (0, 0);
        let found = loop {
            let text = &body.text(&rows)[pos..];
            let (result, read, wrote, ended) =
                core.read_record(text, &mut out[out_len..], &mut ends[ends_len..]);
            pos += read;
            out_len += wrote;
            ends_len += ended;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    // A fresh buffer so the old one is zeroed, not just freed.
                    let mut bigger = Zeroizing::new(vec![0; out.len() * 2]);
                    bigger[..out_len].copy_from_slice(&out[..out_len]);
                    out = bigger;
                }
                ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
                ReadRecordResult::Record => break true,
                ReadRecordResult::End => break false,
            }
        };
        if !found {
            break;
        }
        let text = body.text(&rows);
        // The parser skips empty lines before a record without reporting them.
        let start = record_start(text, begin);
        let line = lines.line_at(text, start);
        if pos >= content_end && unclosed_quote(&text[start.min(content_end)..content_end]) {
            unclosed = Some(line);
        }
        // A spreadsheet shows a record with line breaks in a cell as one row:
        // its number is the line less the breaks inside earlier records.
        let row = line - breaks_inside;
        let last_line = lines.line_at(text, record_end(text, start, pos));
        breaks_inside += last_line - line;
        // In place, the record's own bytes are overwritten next; the counter
        // must have passed them.
        lines.line_at(text, pos);
        rows.parsed(pos);

        let raw = &out[..out_len];
        let raw_ends = &ends[..ends_len];
        let mut recode = Recode::None;
        if fallback {
            match std::str::from_utf8(raw) {
                Err(_) => {
                    recode = Recode::Windows1252;
                    fallback_count += 1;
                    if fallback_lines.len() < NOTE_LIST_MAX {
                        fallback_lines.push(line);
                    }
                }
                Ok(valid) => {
                    saw_utf8 |= !raw.is_ascii();
                    // Valid as a whole yet a delimiter may split a character.
                    if !raw_ends.iter().all(|&e| valid.is_char_boundary(e)) {
                        recode = Recode::Lossy;
                    }
                }
            }
        }
        let (cells, cell_ends) = if recode != Recode::None || memchr::memchr(b'\r', raw).is_some() {
            decoded.fill(raw, raw_ends, recode);
            (decoded.text.as_bytes(), &decoded.ends[..])
        } else {
            (raw, raw_ends)
        };
        let cell = |i: usize| -> &[u8] {
            let start = if i == 0 { 0 } else { cell_ends[i - 1] };
            &cells[start..cell_ends[i]]
        };
        if (0..cell_ends.len()).all(|i| is_filler(cell(i))) {
            continue;
        }

        if has_header && header.is_none() {
            width = cell_ends.len();
            let names = (0..width).map(|i| trim_header(as_str(cell(i))).to_owned());
            header = Some(names.collect());
            continue;
        }
        let mut keep = cell_ends.len();
        if has_header && keep > width {
            let used = (0..keep)
                .rposition(|i| !is_blank(as_str(cell(i))))
                .map_or(0, |i| i + 1);
            if used > width {
                match &mut too_long {
                    None => {
                        too_long = Some(ReadError::TooManyCells {
                            row,
                            expected: width,
                            found: used,
                            also: Vec::new(),
                        });
                    }
                    Some(ReadError::TooManyCells { also, .. }) if also.len() < ALSO_MAX => {
                        also.push(row);
                    }
                    Some(_) => {}
                }
                continue;
            }
            keep = width;
        }
        if too_long.is_none() {
            let text_end = if keep == 0 { 0 } else { cell_ends[keep - 1] };
            rows.push_row(row, &cells[..text_end], &cell_ends[..keep]);
        }
    }
    if let Some(line) = unclosed {
        return Err(ReadError::UnclosedQuote { line });
    }
    if let Some(err) = too_long {
        return Err(err);
    }
    Ok(Parsed {
        header,
        rows,
        fallback_lines,
        fallback_count,
        saw_utf8,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Recode {
    None,
    /// The record is not UTF-8: every cell is read as Windows-1252.
    Windows1252,
    /// Cells that are not UTF-8 on their own get U+FFFD.
    Lossy,
}

/// Cells that needed converting, for one record at a time.
#[derive(Default)]
struct Decoded {
    text: Zeroizing<String>,
    ends: Vec<usize>,
}

impl Decoded {
    /// Converts each cell and turns line breaks inside cells into `\n`, so
    /// values compare equal whichever platform wrote the file.
    fn fill(&mut self, raw: &[u8], ends: &[usize], recode: Recode) {
        self.text.clear();
        self.ends.clear();
        let mut start = 0;
        for &end in ends {
            let field = &raw[start..end];
            start = end;
            let cell = match recode {
                Recode::Windows1252 => encoding::windows_1252(field).into(),
                _ => String::from_utf8_lossy(field),
            };
            if cell.contains('\r') {
                self.text
                    .push_str(&cell.replace("\r\n", "\n").replace('\r', "\n"));
            } else {
                self.text.push_str(&cell);
            }
            self.ends.push(self.text.len());
        }
    }
}

/// A cell already known to be valid UTF-8.
fn as_str(cell: &[u8]) -> &str {
    std::str::from_utf8(cell).unwrap_or_default()
}

/// The first byte of a record whose parse began at `pos`: the parser skips
/// empty lines without reporting them.
fn record_start(body: &[u8], pos: usize) -> usize {
    let mut start = pos.min(body.len());
    while matches!(body.get(start), Some(b'\r' | b'\n')) {
        start += 1;
    }
    start
}

/// Blank, or only separators: a `;;;` line read with another delimiter
/// (or in a single-column file) is still an empty line to the user.
fn is_filler(cell: &[u8]) -> bool {
    match cell.first() {
        None => true,
        // Most cells start with a character that settles it.
        Some(&b) if b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ' | b',' | b';' | b'|') => {
            false
        }
        Some(_) => {
            let cell = as_str(cell);
            is_blank(cell)
                || cell
                    .chars()
                    .all(|c| c.is_whitespace() || matches!(c, ',' | ';' | '|'))
        }
    }
}

/// A quote opened in the last record and never closed makes the parser
/// swallow everything up to the end of the file into one cell. Legitimate
/// quoting always pairs up; a lone quote inside a one-line cell is literal
/// text and harmless. `tail` is the last record without trailing line breaks.
fn unclosed_quote(tail: &[u8]) -> bool {
    let quotes = tail.iter().filter(|&&b| b == b'"').count();
    let multi_line = tail.iter().any(|b| matches!(b, b'\r' | b'\n'));
    quotes % 2 == 1 && multi_line
}

/// Where the record that starts at `start` ends, before the line break that
/// ends it at `pos` (none at the end of the file).
fn record_end(text: &[u8], start: usize, pos: usize) -> usize {
    let mut end = pos.min(text.len());
    if end > start && text[end - 1] == b'\n' {
        end -= 1;
    }
    if end > start && text[end - 1] == b'\r' {
        end -= 1;
    }
    end
}

/// Maps byte offsets to line numbers, moving forward only, so that numbering
/// all records costs one pass over the file. It is handed the text on each
/// call because in place, the text behind it is being overwritten.
struct LineCounter {
    pos: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, text: &[u8], offset: usize) -> usize {
        let offset = offset.min(text.len());
        if offset > self.pos {
            let next = text.get(offset).copied();
            self.line += encoding::line_breaks_before(&text[self.pos..offset], next);
            self.pos = offset;
        }
        self.line
    }
}
