//! Delimited text: CSV, TSV and `.txt` exports.

use super::encoding::{self, Decoded};
use super::error::{ReadError, describe_byte, number_list};
use super::table::{Format, RawTable, Row, SourceInfo, is_blank, trim_header};
use super::{ReadOptions, Reader, dialect};

/// How many further too-long rows a [`ReadError::TooManyCells`] lists.
const ALSO_MAX: usize = 5;
/// How many line numbers a note lists.
const NOTE_LIST_MAX: usize = 10;
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
    fn read(&self, bytes: &[u8], options: &ReadOptions) -> Result<super::Table, ReadError> {
        if let Some(d) = options.delimiter {
            check_delimiter(d)?;
        }
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
            notes.push("--sheet does not apply to a text file and was ignored".to_owned());
        }

        let mut start = 0;
        let mut delimiter = options.delimiter;
        if let Some((sep, len)) = dialect::sep_line(&text) {
            start = len;
            if delimiter.is_none() {
                notes.push(format!(
                    "delimiter {} taken from the first line (sep=), which was skipped",
                    describe_byte(sep)
                ));
                delimiter = Some(sep);
            }
        }
        let body = &text[start..];
        let delimiter = match delimiter {
            Some(d) => d,
            None => match dialect::sniff(body) {
                Some(d) => {
                    notes.push(format!("delimiter {} detected", describe_byte(d)));
                    d
                }
                None => {
                    notes.push(
                        "no delimiter found: every line is read as a single column".to_owned(),
                    );
                    self.default_delimiter
                }
            },
        };

        let first_line = encoding::line_breaks(&text[..start]) + 1;
        let parsed = parse(body, first_line, delimiter, fallback, options.has_header)?;

        let mut encoding_name = encoding.name();
        if parsed.fallback_count > 0 {
            if parsed.saw_utf8 {
                let (s, verb) = match parsed.fallback_count {
                    1 => ("", "was"),
                    _ => ("s", "were"),
                };
                notes.push(format!(
                    "line{s} {} {verb} not valid UTF-8 and {verb} read as Windows-1252",
                    number_list(&parsed.fallback_lines, parsed.fallback_count),
                ));
            } else {
                encoding_name = encoding::fallback_encoding().name();
                notes.push("the file is not UTF-8 and was read as Windows-1252".to_owned());
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
}

fn check_delimiter(d: u8) -> Result<(), ReadError> {
    // Non-ASCII bytes would split UTF-8 sequences; quotes and line breaks
    // have their own meaning.
    if !d.is_ascii() || matches!(d, b'"' | b'\r' | b'\n' | 0) {
        return Err(ReadError::InvalidDelimiter { delimiter: d });
    }
    Ok(())
}

struct Parsed {
    header: Option<Vec<String>>,
    rows: Vec<Row>,
    /// Lines (first few) of records decoded as Windows-1252.
    fallback_lines: Vec<usize>,
    fallback_count: usize,
    /// Some record held valid non-ASCII UTF-8, so the file really is UTF-8.
    saw_utf8: bool,
}

/// Splits `body` into records. `first_line` is the line number of the
/// first byte of `body` in the file.
fn parse(
    body: &[u8],
    first_line: usize,
    delimiter: u8,
    fallback: bool,
    has_header: bool,
) -> Result<Parsed, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut record = csv::ByteRecord::new();
    let mut lines = LineCounter {
        text: body,
        pos: 0,
        line: first_line,
    };
    let mut out = Parsed {
        header: None,
        rows: Vec::new(),
        fallback_lines: Vec::new(),
        fallback_count: 0,
        saw_utf8: false,
    };
    let mut too_long: Option<ReadError> = None;
    let mut last_start = 0;
    let mut width = 0;

    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(lines.line, |p| lines.line_at(record_start(body, p.byte())));
                return Err(ReadError::Malformed { line });
            }
        }
        // The reported position is where the previous record ended; blank
        // lines skipped by the parser come before the record itself.
        let start = record
            .position()
            .map_or(last_start, |p| record_start(body, p.byte()));
        last_start = start;
        let line = lines.line_at(start);

        let raw = record.as_slice();
        let as_1252 = fallback && std::str::from_utf8(raw).is_err();
        if as_1252 {
            out.fallback_count += 1;
            if out.fallback_lines.len() < NOTE_LIST_MAX {
                out.fallback_lines.push(line);
            }
        } else if fallback && !out.saw_utf8 && !raw.is_ascii() {
            out.saw_utf8 = true;
        }
        let has_cr = raw.contains(&b'\r');
        let mut cells: Vec<String> = Vec::with_capacity(record.len().max(width));
        cells.extend(record.iter().map(|field| cell(field, as_1252, has_cr)));
        if cells.iter().all(|c| is_filler(c)) {
            continue;
        }

        if has_header && out.header.is_none() {
            width = cells.len();
            out.header = Some(cells.iter().map(|c| trim_header(c).to_owned()).collect());
            continue;
        }
        if has_header && cells.len() > width {
            let used = cells
                .iter()
                .rposition(|c| !is_blank(c))
                .map_or(0, |i| i + 1);
            if used > width {
                match &mut too_long {
                    None => {
                        too_long = Some(ReadError::TooManyCells {
                            row: line,
                            expected: width,
                            found: used,
                            also: Vec::new(),
                        });
                    }
                    Some(ReadError::TooManyCells { also, .. }) if also.len() < ALSO_MAX => {
                        also.push(line);
                    }
                    Some(_) => {}
                }
                continue;
            }
            cells.truncate(width);
        }
        if too_long.is_none() {
            out.rows.push(Row {
                number: line,
                cells,
            });
        }
    }
    if let Some(line) = unclosed_quote(body, last_start, &mut lines) {
        return Err(ReadError::UnclosedQuote { line });
    }
    if let Some(err) = too_long {
        return Err(err);
    }
    Ok(out)
}

/// The first byte of a record whose parse began at `pos`: the parser skips
/// empty lines without reporting them.
fn record_start(body: &[u8], pos: u64) -> usize {
    let mut start = usize::try_from(pos).unwrap_or(body.len()).min(body.len());
    while matches!(body.get(start), Some(b'\r' | b'\n')) {
        start += 1;
    }
    start
}

/// Blank, or only separators: a `;;;` line read with another delimiter
/// (or in a single-column file) is still an empty line to the user.
fn is_filler(cell: &str) -> bool {
    is_blank(cell)
        || cell
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, ',' | ';' | '|'))
}

/// A quote opened in the last record and never closed makes the parser
/// swallow everything up to the end of the file into one cell. Legitimate
/// quoting always pairs up; a lone quote inside a one-line cell is literal
/// text and harmless.
fn unclosed_quote(body: &[u8], last_start: usize, lines: &mut LineCounter) -> Option<usize> {
    let tail = body.get(last_start..)?;
    let end = tail
        .iter()
        .rposition(|b| !matches!(b, b'\r' | b'\n'))
        .map_or(0, |i| i + 1);
    let tail = &tail[..end];
    let quotes = tail.iter().filter(|&&b| b == b'"').count();
    let multi_line = tail.iter().any(|b| matches!(b, b'\r' | b'\n'));
    (quotes % 2 == 1 && multi_line).then(|| lines.line_at(last_start))
}

/// One cell as text. Line breaks inside quoted cells become `\n` so values
/// compare equal whichever platform wrote the file.
fn cell(field: &[u8], as_1252: bool, record_has_cr: bool) -> String {
    let mut text = if as_1252 {
        encoding::windows_1252(field)
    } else {
        // Valid already (checked per record or up front); lossy only guards
        // against a multi-byte character split across two fields.
        String::from_utf8_lossy(field).into_owned()
    };
    if record_has_cr && text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    text
}

/// Maps byte offsets to line numbers, moving forward only, so that numbering
/// all records costs one pass over the file.
struct LineCounter<'a> {
    text: &'a [u8],
    pos: usize,
    line: usize,
}

impl LineCounter<'_> {
    fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset > self.pos {
            let next = self.text.get(offset).copied();
            self.line += encoding::line_breaks_before(&self.text[self.pos..offset], next);
            self.pos = offset;
        }
        self.line
    }
}
