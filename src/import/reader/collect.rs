//! Collecting rows as a reader finds them, and the finishing steps every
//! format shares: padding short rows, naming header-less columns and
//! dropping phantom columns.

use zeroize::Zeroize;

use super::error::ReadError;
use super::note::{Note, NumberList};
use super::rows::Rows;
use super::table::{SourceInfo, Table, is_blank};

/// How many row numbers a note lists before saying "and N more".
const NOTE_LIST_MAX: usize = 10;

/// Cell text and offsets of the rows read so far.
///
/// For a valid UTF-8 file it owns, the builder writes the cell text over the
/// file's bytes that were already parsed: cells never take more bytes than
/// the quoted, delimited text they came from, so the writing never catches up
/// with the reading, and the file's buffer becomes the table's without a
/// second copy of the data in memory.
pub(crate) struct RowsBuilder {
    text: Vec<u8>,
    written: usize,
    /// In place: where the input began in `text`, and where its unparsed
    /// part begins, which cell text must never reach.
    in_place: Option<(usize, usize)>,
    bounds: Vec<u32>,
    numbers: Vec<u32>,
    /// `bounds.len()` after each row, to find rows of different widths.
    row_ends: Vec<u32>,
    too_large: bool,
    /// Cell text would have overwritten unparsed input (a bug, never data).
    overrun: bool,
}

impl RowsBuilder {
    pub fn new(capacity: usize) -> RowsBuilder {
        RowsBuilder {
            text: Vec::with_capacity(capacity),
            written: 0,
            in_place: None,
            bounds: vec![0],
            numbers: Vec::new(),
            row_ends: Vec::new(),
            too_large: false,
            overrun: false,
        }
    }

    /// A builder that reuses `buffer`, whose bytes from `start` on are the
    /// input still to be parsed; see [`RowsBuilder::input`].
    pub fn in_place(buffer: Vec<u8>, start: usize) -> RowsBuilder {
        let start = start.min(buffer.len());
        let mut builder = RowsBuilder::new(0);
        builder.text = buffer;
        builder.in_place = Some((start, start));
        builder
    }

    /// In place: the input, from the start given to
    /// [`RowsBuilder::in_place`]. Only the part from the last
    /// [`RowsBuilder::parsed`] position on is still intact. Empty otherwise.
    pub fn input(&self) -> &[u8] {
        match self.in_place {
            Some((start, _)) => &self.text[start..],
            None => &[],
        }
    }

    /// In place: the input up to `pos` (relative to [`RowsBuilder::input`])
    /// has been parsed and may be overwritten.
    pub fn parsed(&mut self, pos: usize) {
        if let Some((start, unparsed)) = &mut self.in_place {
            *unparsed = *start + pos;
        }
    }

    /// Adds a row whose cell texts are `text` split at `ends` (offsets
    /// relative to `text`, each cell valid UTF-8 on its own).
    pub fn push_row(&mut self, number: usize, text: &[u8], ends: &[usize]) {
        let base = self.written;
        self.write(text);
        for &end in ends {
            self.bounds.push(offset(base + end, &mut self.too_large));
        }
        self.end_row(number);
    }

    /// Adds a row from separate cell texts.
    pub fn push_cells<'a>(&mut self, number: usize, cells: impl IntoIterator<Item = &'a str>) {
        for cell in cells {
            self.write(cell.as_bytes());
            self.bounds.push(offset(self.written, &mut self.too_large));
        }
        self.end_row(number);
    }

    fn end_row(&mut self, number: usize) {
        self.numbers.push(offset(number, &mut self.too_large));
        let cells = self.bounds.len();
        self.row_ends.push(offset(cells, &mut self.too_large));
    }

    fn write(&mut self, bytes: &[u8]) {
        let end = self.written + bytes.len();
        match self.in_place {
            Some((_, unparsed)) if end <= unparsed => {
                self.text[self.written..end].copy_from_slice(bytes);
            }
            Some(_) => {
                // Unreachable by the reasoning above; checked because a
                // mistake would silently corrupt cells.
                self.overrun = true;
                return;
            }
            None => {
                if self.text.capacity() - self.text.len() < bytes.len() {
                    // Growing by hand so the old buffer is zeroed, not just
                    // freed with customer data in it.
                    let mut bigger = Vec::with_capacity((self.text.capacity() * 2).max(end));
                    bigger.extend_from_slice(&self.text);
                    self.text.zeroize();
                    self.text = bigger;
                }
                self.text.extend_from_slice(bytes);
            }
        }
        self.written = end;
    }

    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }

    fn widest(&self) -> usize {
        let mut previous = 1;
        let mut widest = 0;
        for &end in &self.row_ends {
            widest = widest.max((end - previous) as usize);
            previous = end;
        }
        widest
    }

    /// Pads every row to `width` cells; returns the numbers of the rows
    /// padded (at most `NOTE_LIST_MAX`) and how many there were.
    fn pad(&mut self, width: usize) -> (Vec<usize>, usize) {
        let mut short = Vec::new();
        let mut count = 0;
        let mut previous = 1;
        for (row, &end) in self.row_ends.iter().enumerate() {
            if ((end - previous) as usize) < width {
                count += 1;
                if short.len() < NOTE_LIST_MAX {
                    short.push(self.numbers[row] as usize);
                }
            }
            previous = end;
        }
        if count == 0 {
            return (short, 0);
        }
        let mut bounds = Vec::with_capacity(1 + self.numbers.len() * width);
        bounds.push(0);
        let mut previous = 1;
        for &end in &self.row_ends {
            let cells = &self.bounds[previous as usize..end as usize];
            bounds.extend_from_slice(cells);
            let last = *bounds.last().unwrap_or(&0);
            bounds.resize(bounds.len() + width - cells.len(), last);
            previous = end;
        }
        self.bounds = bounds;
        (short, count)
    }

    /// The rows, padded to `width` cells.
    pub fn into_rows(self, width: usize) -> Result<Rows, ReadError> {
        Ok(self.finish(width)?.0)
    }

    /// The rows, all `width` cells wide.
    fn finish(mut self, width: usize) -> Result<(Rows, (Vec<usize>, usize)), ReadError> {
        if self.too_large {
            return Err(ReadError::TooLarge {});
        }
        // Readers never give a row more cells than the width (a wider row
        // would shift every later one); an error, not a panic, if one did.
        if self.overrun || self.widest() > width {
            return Err(ReadError::Malformed { line: 1 });
        }
        let padded = self.pad(width);
        self.text[self.written..].zeroize();
        self.text.truncate(self.written);
        let text = std::mem::take(&mut self.text);
        let text = String::from_utf8(text).map_err(|e| {
            // Each piece was valid when written; kept as an error rather
            // than a panic in case a reader breaks that promise.
            e.into_bytes().zeroize();
            ReadError::Malformed { line: 1 }
        })?;
        let mut bounds = std::mem::take(&mut self.bounds);
        let mut numbers = std::mem::take(&mut self.numbers);
        bounds.shrink_to_fit();
        numbers.shrink_to_fit();
        Ok((
            Rows {
                text,
                bounds,
                numbers,
                width,
            },
            padded,
        ))
    }
}

impl Drop for RowsBuilder {
    fn drop(&mut self) {
        self.text.zeroize();
    }
}

/// An offset or count as stored; beyond `u32` the file is refused (4 GiB of
/// text is far more than fits an in-memory vault).
fn offset(value: usize, too_large: &mut bool) -> u32 {
    u32::try_from(value).unwrap_or_else(|_| {
        *too_large = true;
        0
    })
}

/// Rows collected by a reader, before the shared finishing steps.
pub(crate) struct RawTable {
    /// The header cells (already trimmed), or `None` without a header row.
    pub header: Option<Vec<String>>,
    /// Data rows; cells may be fewer than the header (never more).
    pub rows: RowsBuilder,
    pub notes: Vec<Note>,
    pub source: SourceInfo,
}

impl RawTable {
    /// Turns collected rows into a [`Table`]: pads rows to the header
    /// width, names header-less columns `#N` and drops phantom columns
    /// (no header name and no data).
    pub fn finish(self) -> Result<Table, ReadError> {
        let RawTable {
            header,
            rows,
            mut notes,
            source,
        } = self;
        let Some(mut headers) = header else {
            if rows.is_empty() {
                return Err(ReadError::Empty {});
            }
            let width = rows.widest();
            let (rows, _) = rows.finish(width)?;
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
        let (mut rows, (short, count)) = rows.finish(width)?;
        if count > 0 {
            notes.push(Note::RowsPadded {
                rows: NumberList {
                    numbers: short,
                    total: count,
                },
            });
        }

        let mut keep = vec![true; width];
        let mut named = Vec::new();
        for (i, header) in headers.iter_mut().enumerate() {
            if !header.is_empty() {
                continue;
            }
            if rows.iter().any(|r| !is_blank(r.cell(i))) {
                *header = format!("#{}", i + 1);
                named.push(i + 1);
            } else {
                keep[i] = false;
            }
        }
        if !named.is_empty() {
            notes.push(Note::UnnamedColumns { columns: named });
        }
        let dropped = keep.iter().filter(|k| !**k).count();
        if dropped > 0 {
            let mut i = 0;
            headers.retain(|_| {
                i += 1;
                keep[i - 1]
            });
            rows = retain_columns(&rows, &keep)?;
            notes.push(Note::EmptyColumnsDropped { count: dropped });
        }
        Ok(Table {
            headers,
            rows,
            notes,
            source,
        })
    }
}

/// A copy of `rows` with only the columns marked in `keep`; rare (trailing
/// delimiters after the header), so simplicity wins over copying.
fn retain_columns(rows: &Rows, keep: &[bool]) -> Result<Rows, ReadError> {
    let width = keep.iter().filter(|k| **k).count();
    let mut builder = RowsBuilder::new(rows.text.len());
    for row in rows {
        let cells = row.cells().zip(keep).filter(|(_, k)| **k).map(|(c, _)| c);
        builder.push_cells(row.number, cells);
    }
    builder.into_rows(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_text_never_overwrites_unparsed_input() {
        let mut rows = RowsBuilder::in_place(b"abc,def\n".to_vec(), 0);
        rows.parsed(2);
        rows.push_row(1, b"abc", &[3]);
        assert!(matches!(
            rows.into_rows(1),
            Err(ReadError::Malformed { line: 1 })
        ));
    }

    #[test]
    fn rows_are_padded_to_the_width() {
        let mut rows = RowsBuilder::new(0);
        rows.push_cells(1, ["a", "b"]);
        rows.push_cells(3, ["c"]);
        let (rows, (short, count)) = rows.finish(2).unwrap();
        assert_eq!((short, count), (vec![3], 1));
        let last: Vec<&str> = rows.last().unwrap().cells().collect();
        assert_eq!(last, ["c", ""]);
    }
}
