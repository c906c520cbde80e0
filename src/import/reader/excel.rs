//! Workbooks: `.xlsx`, `.xls`, `.xlsb` and `.ods`, read with calamine.

use std::io::Cursor;

use calamine::{Data, Range, Reader as _, SheetType, Sheets, open_workbook_from_rs};

use super::collect::{RawTable, RowsBuilder};
use super::error::ReadError;
use super::note::Note;
use super::table::{Format, SourceInfo, is_blank, trim_header};
use super::{ReadOptions, Reader, Table};
use super::{cell, ole, xls_size};

/// Reads one sheet of a workbook. Cells become text as a CSV export would
/// show them (see the `cell` module); formulas give their cached value.
#[derive(Debug, Clone, Copy)]
pub struct ExcelReader {
    /// Which workbook format to expect; must be one of the workbook formats.
    pub format: Format,
}

type Workbook<'a> = Sheets<Cursor<&'a [u8]>>;

impl Reader for ExcelReader {
    fn read(&self, bytes: &[u8], options: &ReadOptions) -> Result<Table, ReadError> {
        let format = self.format.name();
        let mut workbook = open(bytes, self.format)?;
        let mut notes = Vec::new();
        if options.delimiter.is_some() || options.encoding.is_some() {
            notes.push(Note::DelimiterEncodingIgnored);
        }
        let sheets: Vec<String> = workbook
            .sheets_metadata()
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect();
        let (name, range) = match &options.sheet {
            Some(wanted) => {
                let name = find_sheet(&sheets, wanted).ok_or_else(|| ReadError::UnknownSheet {
                    name: wanted.clone(),
                    sheets: sheets.clone(),
                })?;
                let range = load(&mut workbook, &name, format)?;
                (name, range)
            }
            None => choose_sheet(&mut workbook, &sheets, format, &mut notes)?,
        };
        let (header, rows) = collect(&range, options.has_header)?;
        RawTable {
            header,
            rows,
            notes,
            source: SourceInfo {
                format: self.format,
                delimiter: None,
                encoding: None,
                sheet: Some(name),
            },
        }
        .finish()
    }
}

fn open(bytes: &[u8], format: Format) -> Result<Workbook<'_>, ReadError> {
    let name = format.name();
    // Any format: calamine's xlsx reader also parses OLE input, looking for
    // an encrypted package.
    if ole::has_endless_chain(bytes)
        || (format == Format::Xls && xls_size::declares_too_many_cells(bytes))
    {
        return Err(ReadError::Workbook { format: name });
    }
    let cursor = Cursor::new(bytes);
    // calamine's own error texts may quote pieces of the file, so only the
    // "is it encrypted" distinction is kept.
    let result = contain(name, || match format {
        Format::Xlsx => open_workbook_from_rs(cursor)
            .map(Sheets::Xlsx)
            .map_err(|e| matches!(e, calamine::XlsxError::Password)),
        Format::Xls => open_workbook_from_rs(cursor)
            .map(Sheets::Xls)
            .map_err(|e| matches!(e, calamine::XlsError::Password)),
        Format::Xlsb => open_workbook_from_rs(cursor)
            .map(Sheets::Xlsb)
            .map_err(|e| matches!(e, calamine::XlsbError::Password)),
        Format::Ods => open_workbook_from_rs(cursor)
            .map(Sheets::Ods)
            .map_err(|e| matches!(e, calamine::OdsError::Password)),
        Format::Delimited | Format::Vcard => Err(false),
    })?;
    result.map_err(|protected| {
        if protected {
            ReadError::Protected { format: name }
        } else {
            ReadError::Workbook { format: name }
        }
    })
}

/// Exact name first; then ignoring case and surrounding spaces, if that
/// picks exactly one sheet (`--sheet klanten` for `Klanten `).
fn find_sheet(sheets: &[String], wanted: &str) -> Option<String> {
    if let Some(s) = sheets.iter().find(|s| *s == wanted) {
        return Some(s.clone());
    }
    let wanted = wanted.trim().to_lowercase();
    let mut matches = sheets.iter().filter(|s| s.trim().to_lowercase() == wanted);
    match (matches.next(), matches.next()) {
        (Some(s), None) => Some(s.clone()),
        _ => None,
    }
}

fn load(
    workbook: &mut Workbook<'_>,
    name: &str,
    format: &'static str,
) -> Result<Range<Data>, ReadError> {
    contain(format, || workbook.worksheet_range(name))?.map_err(|_| ReadError::Workbook { format })
}

/// Runs a calamine call, turning a panic into [`ReadError::Workbook`].
///
/// calamine 0.38 panics on some damaged files (a slice index in its OLE
/// reader for a truncated .xls, found by the property tests). A damaged
/// file must be an error, not a crash. Only calamine's own parsing runs
/// inside, so a panic in this crate's code still surfaces in tests and
/// fuzzing; after a panic the error makes the caller drop the workbook,
/// so no half-updated state is used afterwards.
fn contain<T>(format: &'static str, parse: impl FnOnce() -> T) -> Result<T, ReadError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(parse))
        .map_err(|_| ReadError::Workbook { format })
}

/// Without `--sheet`: the only sheet, or the only sheet holding data (old
/// Excel versions add empty `Sheet2`, `Sheet3`). Several sheets with data are
/// ambiguous, and guessing would import the wrong customers.
fn choose_sheet(
    workbook: &mut Workbook<'_>,
    sheets: &[String],
    format: &'static str,
    notes: &mut Vec<Note>,
) -> Result<(String, Range<Data>), ReadError> {
    match sheets {
        [] => return Err(ReadError::NoSheets {}),
        [only] => return Ok((only.clone(), load(workbook, only, format)?)),
        _ => {}
    }
    let mut with_data = Vec::new();
    for name in sheets {
        let range = load(workbook, name, format)?;
        if range.used_cells().any(|(_, _, d)| !is_empty(d)) {
            with_data.push((name.clone(), range));
        }
    }
    if with_data.len() > 1 {
        return Err(ReadError::SheetRequired {
            sheets: sheets.to_vec(),
        });
    }
    match with_data.pop() {
        Some((name, range)) => {
            notes.push(Note::OtherSheetsEmpty {
                sheet: name.clone(),
                others: sheets.len() - 1,
            });
            Ok((name, range))
        }
        None => Err(ReadError::Empty {}),
    }
}

fn is_empty(data: &Data) -> bool {
    match data {
        Data::Empty => true,
        Data::String(s) => is_blank(s),
        _ => false,
    }
}

type Collected = (Option<Vec<String>>, RowsBuilder);

/// Reads the header (first non-empty row) and the data rows of a range,
/// skipping gap rows.
fn collect(range: &Range<Data>, has_header: bool) -> Result<Collected, ReadError> {
    let Some((first_row, _)) = range.start() else {
        return Ok((None, RowsBuilder::new(0)));
    };
    let mut header: Option<Vec<String>> = None;
    let mut rows = RowsBuilder::new(0);
    for (i, cells) in range.rows().enumerate() {
        if cells.iter().all(is_empty) {
            continue;
        }
        let number = first_row as usize + i + 1;
        if has_header && header.is_none() {
            let texts = cells
                .iter()
                .enumerate()
                .map(|(col, d)| {
                    cell::text(d)
                        .map(|t| trim_header(&t).to_owned())
                        .map_err(|error| ReadError::CellError {
                            row: number,
                            column: format!("#{}", col + 1),
                            error,
                        })
                })
                .collect::<Result<Vec<_>, _>>()?;
            header = Some(texts);
            continue;
        }
        let texts = cells
            .iter()
            .enumerate()
            .map(|(col, d)| {
                cell::text(d).map_err(|error| ReadError::CellError {
                    row: number,
                    column: column_name(header.as_deref(), col),
                    error,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        rows.push_cells(number, texts.iter().map(String::as_str));
    }
    Ok((header, rows))
}

fn column_name(header: Option<&[String]>, col: usize) -> String {
    match header.and_then(|h| h.get(col)) {
        Some(name) if !name.is_empty() => name.clone(),
        _ => format!("#{}", col + 1),
    }
}
