//! A pre-flight check of the sheet sizes an `.xls` workbook implies.
//!
//! calamine 0.38 allocates memory by the area of a sheet, not by its cells: it reserves room
//! for every cell its Dimensions record declares (rows × columns), and then builds a dense
//! grid spanning every cell's position. A damaged record can declare billions of cells, and a
//! single cell with a damaged position can stretch the grid to 65,536 × 65,536: property
//! tests that flip bytes in a fixture made calamine ask for 79 and 101 GB, which aborts the
//! process instead of panicking, so it cannot be contained. Sheets of customer data are far
//! smaller, so a workbook whose sheets imply more than [`MAX_CELLS`] cells is refused before
//! calamine sees it. This mirrors how calamine finds the sheets: the `Workbook` (or `Book`)
//! stream, the BoundSheet8 records of its globals, and each sheet's records up to its end,
//! skipping embedded substreams.

use super::ole;

/// 5 million cells, e.g. 100,000 rows of 50 columns; calamine holds about 40 bytes per
/// declared cell while it reads a sheet.
pub(crate) const MAX_CELLS: u64 = 5_000_000;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BOUND_SHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MUL_RK: u16 = 0x00BD;
/// Records whose data starts with the cell's row and column (u16 each): Number, Label,
/// RString, BoolErr, RK, LabelSst and Formula. A String record takes the Formula's position.
const CELLS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// True when the workbook's sheets imply more than [`MAX_CELLS`] cells in all.
pub(crate) fn declares_too_many_cells(bytes: &[u8]) -> bool {
    let Some(stream) = ole::stream(bytes, "Workbook").or_else(|| ole::stream(bytes, "Book")) else {
        return false;
    };
    let sheets: Vec<usize> = records(&stream, 0)
        .take_while(|&(typ, _)| typ != EOF)
        .filter(|&(typ, data)| typ == BOUND_SHEET && data.len() >= 4)
        .map(|(_, data)| u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize)
        .collect();
    let mut total: u64 = 0;
    for start in sheets {
        total = total.saturating_add(sheet_cells(&stream, start));
        if total > MAX_CELLS {
            return true;
        }
    }
    false
}

/// The cells calamine makes room for while it reads one sheet: what its Dimensions records
/// declare, plus the grid spanning every cell's position.
fn sheet_cells(stream: &[u8], start: usize) -> u64 {
    let mut seen_sheet_bof = false;
    let mut depth = 0_usize;
    let mut declared: u64 = 0;
    let mut span = Span::default();
    for (typ, data) in records(stream, start) {
        if depth > 0 {
            match typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            BOF if seen_sheet_bof => depth += 1,
            BOF => seen_sheet_bof = true,
            DIMENSIONS => declared = declared.saturating_add(declared_cells(data)),
            EOF => break,
            _ if CELLS.contains(&typ) && data.len() >= 4 => {
                span.add(u16_at(data, 0), u16_at(data, 2));
            }
            MUL_RK if data.len() >= 6 => {
                let row = u16_at(data, 0);
                span.add(row, u16_at(data, 2));
                span.add(row, u16_at(data, data.len() - 2));
            }
            _ => {}
        }
    }
    declared.saturating_add(span.cells())
}

/// The smallest grid holding every cell position seen.
#[derive(Default)]
struct Span {
    rows: Option<(u16, u16)>,
    cols: Option<(u16, u16)>,
}

impl Span {
    fn add(&mut self, row: u16, col: u16) {
        let widen = |range: Option<(u16, u16)>, at: u16| match range {
            Some((low, high)) => Some((low.min(at), high.max(at))),
            None => Some((at, at)),
        };
        self.rows = widen(self.rows, row);
        self.cols = widen(self.cols, col);
    }

    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((top, bottom)), Some((left, right))) => {
                (u64::from(bottom) - u64::from(top) + 1) * (u64::from(right) - u64::from(left) + 1)
            }
            _ => 0,
        }
    }
}

fn u16_at(data: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([data[at], data[at + 1]])
}

/// rows × columns as calamine computes them from a Dimensions record (its arithmetic wraps in
/// release builds, so this does too); 0 for a record calamine refuses.
fn declared_cells(data: &[u8]) -> u64 {
    let u16_at = |at: usize| u32::from(u16_at(data, at));
    let u32_at =
        |at: usize| u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]);
    let (first_row, row_end, mut first_col, col_end) = match data.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return 0,
    };
    if first_col > 0xFF || col_end < first_col {
        first_col = 0;
    }
    let (last_row, last_col) = if row_end >= 1 && col_end >= 1 {
        (row_end - 1, col_end - 1)
    } else {
        (first_row, first_col)
    };
    let rows = u64::from(last_row.wrapping_sub(first_row).wrapping_add(1));
    let cols = u64::from(last_col.wrapping_sub(first_col).wrapping_add(1));
    rows.saturating_mul(cols)
}

/// BIFF records from `start`: (type, data), until the stream ends or a record runs past it.
fn records(stream: &[u8], start: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream.get(start..).unwrap_or(&[]);
    std::iter::from_fn(move || {
        let header = rest.get(..4)?;
        let typ = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((typ, data))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::reader::{ExcelReader, Format, ReadError, ReadOptions, Reader};

    fn xls() -> Vec<u8> {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/generated/types.xls"
        );
        std::fs::read(path).unwrap()
    }

    /// The file offsets of the fixture's records with this type and length, checked against
    /// the stream so a chance byte pattern does not count.
    fn record_offsets(bytes: &[u8], typ: u16, len: u16) -> Vec<usize> {
        let stream = ole::stream(bytes, "Workbook").unwrap();
        let mut header = typ.to_le_bytes().to_vec();
        header.extend_from_slice(&len.to_le_bytes());
        let whole = 4 + usize::from(len);
        bytes
            .windows(4)
            .enumerate()
            .filter(|(_, w)| *w == header.as_slice())
            .map(|(at, _)| at)
            .filter(|&at| stream.windows(whole).any(|w| w == &bytes[at..at + whole]))
            .collect()
    }

    /// BIFF8 Dimensions records.
    fn dimensions_offsets(bytes: &[u8]) -> Vec<usize> {
        record_offsets(bytes, DIMENSIONS, 14)
    }

    fn refused(bytes: &[u8]) -> bool {
        let reader = ExcelReader {
            format: Format::Xls,
        };
        matches!(
            reader.read(bytes, &ReadOptions::default()),
            Err(ReadError::Workbook { .. })
        )
    }

    #[test]
    fn a_sound_workbook_passes() {
        let bytes = xls();
        assert!(!dimensions_offsets(&bytes).is_empty());
        assert!(!declares_too_many_cells(&bytes));
        assert!(!declares_too_many_cells(b"not an OLE file"));
    }

    /// Regression: a damaged Dimensions record made calamine reserve 79 GB and abort the
    /// whole process (found by `damaged_workbooks_never_panic`). It is now refused first.
    #[test]
    fn a_sheet_declaring_billions_of_cells_is_refused_before_calamine_reads_it() {
        let mut bytes = xls();
        let at = dimensions_offsets(&bytes)[0];
        // rwMac, the row after the last: 268 million rows, tens of gigabytes to reserve.
        bytes[at + 8..at + 12].copy_from_slice(&0x1000_0000_u32.to_le_bytes());
        assert!(declares_too_many_cells(&bytes));
        assert!(refused(&bytes));
    }

    /// Regression: one cell with a damaged position made calamine build a grid of 101 GB
    /// reaching from the first cell to it (found by `damaged_workbooks_never_panic`).
    #[test]
    fn a_cell_far_from_the_others_is_refused_before_calamine_reads_it() {
        let mut bytes = xls();
        // A LabelSst cell: row and column are the first four bytes of its data.
        let at = record_offsets(&bytes, 0x00FD, 10)[0];
        bytes[at + 4..at + 6].copy_from_slice(&60_000_u16.to_le_bytes());
        bytes[at + 6..at + 8].copy_from_slice(&60_000_u16.to_le_bytes());
        assert!(declares_too_many_cells(&bytes));
        assert!(refused(&bytes));
    }

    #[test]
    fn dimensions_are_read_as_calamine_reads_them() {
        let biff8 = |first_row: u32, row_end: u32, first_col: u16, col_end: u16| {
            let mut data = Vec::new();
            data.extend_from_slice(&first_row.to_le_bytes());
            data.extend_from_slice(&row_end.to_le_bytes());
            data.extend_from_slice(&first_col.to_le_bytes());
            data.extend_from_slice(&col_end.to_le_bytes());
            data.extend_from_slice(&[0, 0]);
            declared_cells(&data)
        };
        assert_eq!(biff8(0, 100, 0, 10), 1000);
        assert_eq!(biff8(0, 0, 0, 0), 1, "an empty sheet is one cell");
        assert_eq!(
            biff8(5, 3, 0, 1),
            (u64::from(u32::MAX) - 1),
            "wraps like calamine"
        );
        assert_eq!(biff8(0, 10, 300, 20), 200, "a column past 255 starts at 0");
        assert_eq!(declared_cells(&[0; 12]), 0, "a length calamine refuses");
    }
}
