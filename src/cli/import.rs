use std::io::{IsTerminal, Read};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::{Context, interrupt};
use crate::import::mapping::{self, MappingFile, MappingSpec};
use crate::import::pipeline::{OnDuplicate, OnInvalid, Options};
use crate::import::reader::{self, ReadError, ReadOptions};
use crate::import::row_consent::RowConsent;
use crate::import::summary::Summary;
use crate::schema::value::DateOrder;
use crate::{Error, clock, import};
use zeroize::Zeroizing;

/// Import customer records from a CSV, TSV, Excel (.xlsx/.xls) or LibreOffice (.ods) file
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis import klanten.csv --dry-run
  kluis import klanten.csv --map \"Mobiel nr=phone\" --skip Opmerkingen
  kluis import contacts.csv --skip-unmapped --on-duplicate update --consent newsletter
  kluis import klanten.csv --consent-column \"Nieuwsbrief (ja/nee)=newsletter\"
  kluis import leden.xlsx --sheet Leden --save-mapping leden-mapping.json
  kluis import ledenlijst.xlsx --header-row 3     # a title and a blank line above the header
  kluis import Connections.csv --map \"First Name+Last Name=name\" --skip-unmapped
  kluis import leden-2025.xlsx --sheet Leden --mapping leden-mapping.json
  some-export-tool | kluis import - --dry-run    # the file from stdin, kept in memory only
  kluis import - --format xlsx < leden.xlsx
  kluis import export.txt --delimiter tab --encoding windows-1252 --no-header \\
      --map \"#1=name\" --map \"#3=email\" --skip \"#2\"

Columns whose header is a field's name or label, or a known Dutch or English header
(E-mailadres, Telefoonnummer, Woonplaats, First Name, ...), are mapped automatically. Every
other column must be mapped with --map or dropped with --skip (or all at once with
--skip-unmapped): kluis stores nothing you did not choose. Nothing is written unless every
row is valid (see --on-invalid), and the import is one change: it is saved completely or
not at all.")]
pub struct ImportArgs {
    /// The file to import; - reads it from stdin (into memory only)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The file's format, a hint for `-` [default: detected from the content]
    #[arg(short, long, value_name = "FORMAT", value_parser = ["csv", "tsv", "xlsx", "xls", "ods", "vcf"])]
    pub format: Option<String>,
    /// The sheet to read from a workbook with several sheets
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Record consent per row from a yes/no column (ja/nee, yes/no, 1/0; blank is no):
    /// "Nieuwsbrief=newsletter"; repeatable
    #[arg(long = "consent-column", value_name = "COLUMN=PURPOSE")]
    pub consent_columns: Vec<String>,
    /// The column with the date each person gave that consent [default: the import's time]
    #[arg(long, value_name = "COLUMN", requires = "consent_columns")]
    pub consent_date_column: Option<String>,
    /// Put a column into a field: "Column=field", by position "#3=field", or name parts
    /// joined with one space: "First Name+Last Name=name"; repeatable
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub maps: Vec<String>,
    /// Drop a column (by header or "#N"); repeatable
    #[arg(long = "skip", value_name = "COLUMN", allow_hyphen_values = true)]
    pub skips: Vec<String>,
    /// Drop every column that is not mapped (the summary names them)
    #[arg(long)]
    pub skip_unmapped: bool,
    /// Use a mapping saved with --save-mapping (flags given here override it)
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Save the mapping used (header and field names only, mode 0600) for next time
    #[arg(long, value_name = "FILE")]
    pub save_mapping: Option<PathBuf>,
    /// Field delimiter of a text file: ',' ';' '|' or tab [default: detected]
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Encoding of a text file, e.g. utf-8, utf-16, windows-1252 [default: detected]
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// The first row is data: columns are called #1, #2, ...
    #[arg(long, conflicts_with = "header_row")]
    pub no_header: bool,
    /// The row that holds the column names, as the spreadsheet numbers it; rows above it are
    /// left out [default: the first row, or the header found below notes and titles]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub header_row: Option<u32>,
    /// What to do when a row has an invalid value
    #[arg(long, value_enum, default_value_t = OnInvalid::Reject, value_name = "reject|skip")]
    pub on_invalid: OnInvalid,
    /// What to do with a row whose e-mail address is already in the vault or the file
    #[arg(long, value_enum, default_value_t = OnDuplicate::Skip, value_name = "skip|update|keep-both")]
    pub on_duplicate: OnDuplicate,
    /// Record consent for this consent purpose on every imported record; repeatable
    #[arg(long = "consent", value_name = "PURPOSE")]
    pub consents: Vec<String>,
    /// The order of day and month in the file's dates, for columns where values like
    /// 3/4/1975 could be either: dmy (31-12-1980) or mdy (12/31/1980)
    #[arg(long, value_enum, value_name = "dmy|mdy")]
    pub date_order: Option<DateOrder>,
    /// Do everything except saving; shows the mapping and what would be imported
    #[arg(long)]
    pub dry_run: bool,
}

fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "tab" | "TAB" | "\\t" | "\t" => Ok(b'\t'),
        "comma" => Ok(b','),
        "semicolon" => Ok(b';'),
        "pipe" => Ok(b'|'),
        _ if text.len() == 1 && text.is_ascii() => Ok(text.as_bytes()[0]),
        _ => Err("give one character, like ';' or '|', or the word tab".to_owned()),
    }
}

pub fn run(ctx: &Context, args: ImportArgs) -> Result<(), Error> {
    if let Some(out) = &args.save_mapping {
        ctx.check_output_path(out)?;
    }
    let started = Instant::now();
    let options = ReadOptions {
        delimiter: args.delimiter,
        encoding: args.encoding.clone(),
        has_header: !args.no_header,
        sheet: args.sheet.clone(),
        header_row: args.header_row.map(|n| n as usize),
    };
    let table = read_table(&args, &options).map_err(|source| import::Error::Read {
        file: args.file.display().to_string(),
        source,
    })?;
    if !args.no_header {
        mapping::refuse_data_as_header(&table)?;
    }

    let mut spec = MappingSpec {
        skip_unmapped: args.skip_unmapped,
        ..MappingSpec::default()
    };
    if let Some(path) = &args.mapping {
        spec.add_file(&MappingFile::load(path)?);
    }
    spec.add_maps(&args.maps)?;
    spec.add_skips(&args.skips);

    // A dry run saves nothing, so it need not hold the writer lock.
    let mut vault = if args.dry_run {
        ctx.open_read()?
    } else {
        ctx.open_write()?
    };
    let fields = import::field_specs(vault.conn())?;
    if !args.no_header && args.header_row.is_none() {
        let consent_columns: Vec<&str> = args
            .consent_columns
            .iter()
            .filter_map(|arg| arg.rsplit_once('=').map(|(column, _)| column))
            .chain(args.consent_date_column.as_deref())
            .collect();
        mapping::confirm_header(&table, &fields, &spec, &consent_columns)?;
    }
    let table = import::joins::apply(table, &mut spec)?;
    let row_consent = RowConsent::from_args(
        &table.headers,
        &args.consent_columns,
        args.consent_date_column.as_deref(),
    )?;
    spec.consent_columns = row_consent.used_columns();
    let typed: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mapping = mapping::resolve(&table.headers, &fields, &spec, &typed)?;
    if let Some(path) = &args.save_mapping {
        mapping.to_file().save(path)?;
    }

    let pipeline_options = Options {
        on_invalid: args.on_invalid,
        on_duplicate: args.on_duplicate,
        consents: args.consents.clone(),
        row_consent,
        source: import::log_source(&table),
        date_order: args.date_order,
        now: clock::now(),
    };
    let bar = progress_bar(ctx, table.rows.len());
    // Ctrl-C stops the import at its next batch of rows and rolls it back; once the save has
    // begun it finishes (a save is atomic), so the vault holds the old state or the new one.
    interrupt::catch();
    let outcome = import::import(
        vault.conn_mut(),
        &table,
        &mapping,
        &pipeline_options,
        args.dry_run,
        &mut |done| {
            bar.set_position(done as u64);
            if interrupt::requested() {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        },
    );
    bar.finish_and_clear();
    let outcome = outcome?;
    if interrupt::requested() {
        return Err(import::Error::Interrupted {}.into());
    }
    // The rows are in the database now; freeing them (their buffer is zeroised and, being
    // large, goes straight back to the kernel) leaves the save with the database alone.
    let reader::Table {
        rows,
        notes,
        source,
        ..
    } = table;
    drop(rows);
    if !args.dry_run {
        vault.save()?;
    }
    let summary = Summary::new(
        &args.file,
        &source,
        notes,
        &mapping,
        outcome,
        args.dry_run,
        started.elapsed(),
    );
    if ctx.json {
        ctx.print_json(&summary);
    } else {
        // Column headers come from the file: escaped, so none can drive the terminal.
        print!("{}", crate::text::visible_lines(&summary.text()));
    }
    Ok(())
}

/// The table from the file, or from stdin for `-`: read whole into memory (zeroised after),
/// never into a temporary file. The content decides the format; `--format` or the file's
/// extension is a hint.
fn read_table(args: &ImportArgs, options: &ReadOptions) -> Result<reader::Table, ReadError> {
    if args.file.as_os_str() != "-" {
        return match &args.format {
            Some(format) => {
                let bytes =
                    Zeroizing::new(std::fs::read(&args.file).map_err(|source| ReadError::Io {
                        path: args.file.clone(),
                        source,
                    })?);
                reader::read_bytes(&bytes, Some(format), options)
            }
            None => reader::read_path(&args.file, options),
        };
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(ReadError::Io {
            path: args.file.clone(),
            source: std::io::Error::other(
                "`kluis import -` reads the file from a pipe, not from the terminal",
            ),
        });
    }
    let mut bytes = Zeroizing::new(Vec::new());
    stdin
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io {
            path: args.file.clone(),
            source,
        })?;
    reader::read_bytes(&bytes, args.format.as_deref(), options)
}

/// A bar on stderr for files long enough to wait for, only when a person is watching.
fn progress_bar(ctx: &Context, rows: usize) -> indicatif::ProgressBar {
    if ctx.json || rows < 20_000 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(rows as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} rows ({eta} left)")
    {
        bar.set_style(style);
    }
    bar
}
