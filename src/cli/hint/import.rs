//! How to fix a refused import on the command line: the `kluis import` flags that help.

use crate::import::Error;
use crate::import::reader::ReadError;

pub fn hint(error: &Error) -> Option<String> {
    match error {
        Error::Read { source, .. } => Some(read(source)),
        Error::UnmappedColumns {
            command,
            free_fields,
            ..
        } => Some(unmapped_columns(command, free_fields)),
        Error::HeaderLooksLikeData { .. } => Some(
            "if the file has no header row, pass --no-header and map the columns by \
             position, e.g. --map \"#1=name\""
                .into(),
        ),
        Error::HeaderNotRecognised { columns, row } => Some(header_not_recognised(*columns, *row)),
        Error::Interrupted {} => Some(
            "the vault is as it was before the import; run the import again to import the file"
                .into(),
        ),
        Error::NothingMapped {} => Some(
            "map at least one column with --map \"Column=field\"; --dry-run shows what \
             each column does"
                .into(),
        ),
        Error::NothingImported { .. } => Some(
            "run the import with --dry-run and --on-invalid reject to see each row's \
             problem, then fix the file or the mapping"
                .into(),
        ),
        Error::DuplicateHeader { positions, .. } => Some(duplicate_header(positions)),
        Error::UnknownColumn { headers, .. } => Some(format!(
            "the columns are: {}; a column can also be named by position, like \"#3\"",
            quoted_list(headers)
        )),
        Error::AmbiguousColumn { positions, .. } => Some(format!(
            "name each column by position instead: {}",
            positions
                .iter()
                .map(|p| format!("\"#{p}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Error::UnknownField { known, .. } => Some(if known.is_empty() {
            "the vault has no fields yet: add them with `kluis field add`".to_owned()
        } else {
            format!(
                "the fields are: {}; add one with `kluis field add`",
                known.join(", ")
            )
        }),
        Error::BadMap { .. } => {
            Some("write --map \"E-mailadres=email\" or, by position, --map \"#3=phone\"".into())
        }
        Error::BadConsentColumn { .. } => Some(
            "write --consent-column \"Nieuwsbrief=newsletter\": the yes/no column, then the \
             consent purpose"
                .into(),
        ),
        Error::MappedAndSkipped { .. } => Some("leave out the --map or the --skip".into()),
        Error::FieldMappedTwice { .. } => Some(
            "a record holds one value per field: map one of these columns and --skip the others"
                .into(),
        ),
        Error::DateOrderConflict { .. } => Some(
            "a column holds one kind of date: fix those rows in the file so they use the same \
             order, or pass --date-order dmy or mdy to read every date one way"
                .into(),
        ),
        Error::DateOrderAmbiguous { .. } => Some(
            "say which with --date-order dmy (day first, as in 31-12-1980) or --date-order mdy \
             (month first, as in 12/31/1980)"
                .into(),
        ),
        Error::RequiredNotMapped { field } => Some(format!(
            "map the column that holds it with --map \"Column={field}\""
        )),
        Error::Consent { source, .. } => super::records::hint(source),
        Error::InvalidRows { .. } => Some(
            "fix those cells in the file and import again, or import the valid rows only \
             with --on-invalid skip"
                .into(),
        ),
        Error::MappingFile { .. } => Some(
            "pass a file written by --save-mapping, or map the columns with --map and --skip"
                .into(),
        ),
        Error::SaveMapping { .. } => Some("choose a path in a folder you may write to".into()),
        Error::NoThread { .. } => Some(
            "the system is out of threads or memory: close other programs and run the \
             import again; the vault is unchanged"
                .into(),
        ),
        Error::Records(error) => super::records::hint(error),
        Error::Schema(error) => super::schema::hint(error),
    }
}

fn unmapped_columns(command: &Option<String>, free_fields: &[String]) -> String {
    let Some(command) = command else {
        return format!(
            "kluis stores only the columns you choose (data minimisation): choose a field \
             for each of these columns, or drop it (fields not mapped yet: {})",
            free_fields.join(", ")
        );
    };
    let mut hint = format!(
        "kluis stores only the columns you choose (data minimisation). To drop these \
         columns, run:\n  {command}\nTo keep a column instead, replace its --skip \
         'Column' by --map 'Column=FIELD'"
    );
    if !free_fields.is_empty() {
        hint.push_str(&format!(
            " (fields not mapped yet: {})",
            free_fields.join(", ")
        ));
    }
    hint.push_str("; or drop every unmapped column with --skip-unmapped");
    hint
}

fn header_not_recognised(columns: usize, row: usize) -> String {
    let mut hint = format!(
        "if {} is a customer, pass --no-header and map the columns by position, e.g. \
         --map \"#1=name\"; if it is the header, pass --header-row {row}, or map its columns \
         by name with --map \"Column=field\"",
        crate::import::header_row_words(row)
    );
    if columns == 1 {
        hint.push_str(
            "; one column may also mean the columns were not told apart: give the \
             separator with --delimiter",
        );
    }
    hint
}

fn duplicate_header(positions: &[usize]) -> String {
    let first = positions.first().copied().unwrap_or(1);
    format!(
        "map or skip each of these columns by position, e.g. --map \"#{first}=FIELD\" \
         --skip \"#{}\"; or drop them all with --skip and the header name",
        positions.get(1).copied().unwrap_or(first + 1)
    )
}

fn quoted_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("{item:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How to fix a file that could not be read, phrased for the `kluis import` flags.
pub fn read(error: &ReadError) -> String {
    match error {
        ReadError::Io { .. } => "check the file name and that you may read the file".to_owned(),
        ReadError::Empty {} => "export the data again; the file holds no rows to import".to_owned(),
        ReadError::HeaderOnly { .. } => "export the data again including the rows; \
             if the first line is data and not a header, pass --no-header"
            .to_owned(),
        ReadError::UnsupportedFormat { .. } => {
            "export the data as CSV (UTF-8) or as an Excel .xlsx file".to_owned()
        }
        ReadError::UnknownEncoding { .. } => {
            "use --encoding utf-8, --encoding utf-16 or --encoding windows-1252".to_owned()
        }
        ReadError::InvalidEncoding { .. } => "the file was probably saved in another \
             encoding: try --encoding windows-1252, or leave out --encoding to let kluis \
             read such lines as Windows-1252"
            .to_owned(),
        ReadError::InvalidDelimiter { .. } => {
            "use --delimiter with ',', ';', '|' or 'tab'".to_owned()
        }
        ReadError::NoSuchHeaderRow { .. } => "open the file and give --header-row the number \
             of the row with the column names, as the spreadsheet shows it"
            .to_owned(),
        ReadError::TooManyCells { .. } => "a cell probably contains the delimiter \
             without quotes: put that cell in double quotes or remove the extra cells; \
             if the wrong delimiter was detected, pass --delimiter"
            .to_owned(),
        ReadError::UnclosedQuote { .. } => "add the missing closing double quote, or \
             double a quote that is part of the text (\"\")"
            .to_owned(),
        ReadError::Malformed { .. } => {
            "check the quoting around that line, or export the file again".to_owned()
        }
        ReadError::TooLarge {} => {
            "split the file into smaller files and import them one by one".to_owned()
        }
        ReadError::Workbook { .. } => "the file may be damaged: open it in Excel or \
             LibreOffice and save it again as .xlsx, or export it as CSV"
            .to_owned(),
        ReadError::Protected { .. } => "open the workbook, remove the password and save \
             it again, or export it as CSV"
            .to_owned(),
        ReadError::NoSheets {} => "add the data to a worksheet, or export it as CSV".to_owned(),
        ReadError::SheetRequired { sheets } | ReadError::UnknownSheet { sheets, .. } => {
            match sheets.first() {
                Some(first) => format!("choose one with --sheet NAME, e.g. --sheet {first:?}"),
                None => "choose one with --sheet NAME".to_owned(),
            }
        }
        ReadError::CellError { .. } => "fix the formula in that cell or clear it, save \
             the workbook and import again"
            .to_owned(),
    }
}
