use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use rusqlite::Connection;

use super::Context;
use super::stream::{JsonArray, Stdout, stdout_error};
use crate::outfile::Pending;
use crate::records::export::{self, Format};
use crate::records::view::SchemaView;
use crate::records::{self, RecordId};
use crate::{Error, clock};

/// Export one person's data (Art. 15/20) or what one purpose may use
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis export --subject 12 --out jan.json         # everything held on one person
  kluis export --purpose newsletter --format csv --out mailing.csv

A purpose export holds only the fields that serve the purpose, and for a consent purpose only
the records with current consent. CSV cells a spreadsheet would run as a formula are
neutralised with a leading '. The output file is NOT encrypted: delete it when done.")]
#[command(group = clap::ArgGroup::new("what").required(true).args(["subject", "purpose"]))]
pub struct ExportArgs {
    /// Everything held on the person with this record id, as JSON
    #[arg(long, value_name = "ID", value_parser = super::record_id::RecordIdParser)]
    pub subject: Option<RecordId>,
    /// The records and fields this purpose may use
    #[arg(short, long, value_name = "PURPOSE")]
    pub purpose: Option<String>,
    /// Output format of a purpose export [default: json]
    #[arg(short, long, value_enum, conflicts_with = "subject")]
    pub format: Option<ExportFormat>,
    /// Write to FILE (mode 0600) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

pub fn run(ctx: &Context, args: ExportArgs) -> Result<(), Error> {
    if let Some(out) = &args.out {
        ctx.check_output_path(out)?;
    }
    let format = match (args.format, ctx.json) {
        (Some(ExportFormat::Csv), true) => {
            return Err(Error::Usage {
                message: "--json and --format csv contradict each other".into(),
                hint: Some("pick one of them".into()),
            });
        }
        (Some(ExportFormat::Csv), false) => Format::Csv,
        _ => Format::Json,
    };
    // Made ready before the audit entry is saved: a path that cannot be written fails before
    // the log says the data left.
    let out = match &args.out {
        Some(path) => Some((path, pending_private(path)?)),
        None => None,
    };
    let mut vault = ctx.open_write()?;
    let now = clock::now();
    if let Some(id) = args.subject {
        let subject = records::in_transaction(vault.conn_mut(), |conn, schema| {
            export::export_subject(conn, schema, id, now)
        })?;
        // The audit entry is saved before the data leaves, so a failed save exports nothing.
        vault.save()?;
        let mut text = crate::text::json_visible(
            serde_json::to_string_pretty(&subject).expect("export types serialise"),
        );
        text.push('\n');
        return match out {
            Some((path, pending)) => finish_private(path, pending, &text),
            None => {
                print!("{text}");
                Ok(())
            }
        };
    }
    let purpose = args.purpose.as_deref().unwrap_or_default();
    records::in_transaction(vault.conn_mut(), |conn, schema| {
        export::log_purpose_export(conn, schema, purpose, format, now)
    })?;
    vault.save()?;
    match out {
        Some((path, pending)) => {
            // From here Ctrl-C stops the export at its next write and removes the part
            // written; not before, so that it still ends a passphrase prompt.
            super::interrupt::catch();
            let failed = write_failed(path);
            let mut outcome = Ok(());
            let written = pending.finish(|out| {
                let out = super::interrupt::StopOnSignal(out);
                outcome = write_purpose(vault.conn(), purpose, format, out, &|source| {
                    records::Error::Write {
                        path: path.display().to_string(),
                        source,
                    }
                    .into()
                });
                // The reason travels in `outcome`; this only stops the rename.
                outcome
                    .as_ref()
                    .map(drop)
                    .map_err(|_| std::io::Error::other("export failed"))
            });
            outcome?;
            written.map_err(failed)?;
        }
        None => write_purpose(vault.conn(), purpose, format, Stdout::lock(), &stdout_error)?,
    }
    Ok(())
}

/// Writes the purpose's records as they are read: CSV rows, or a JSON array.
fn write_purpose(
    conn: &Connection,
    purpose: &str,
    format: Format,
    mut out: impl Write,
    failed: &dyn Fn(std::io::Error) -> Error,
) -> Result<(), Error> {
    let schema = SchemaView::load(conn)?;
    let view = export::View::new(conn, &schema, Some(purpose), None)?;
    match format {
        Format::Csv => {
            out.write_all(export::csv_header(&view.fields).as_bytes())
                .map_err(failed)?;
            view.for_each(conn, &schema, |record| {
                out.write_all(export::csv_row(&view.fields, &record).as_bytes())
                    .map_err(failed)
            })?;
            out.flush().map_err(failed)
        }
        Format::Json => {
            let fields: Vec<&str> = view.fields.iter().map(String::as_str).collect();
            let mut array = JsonArray::start(out).map_err(failed)?;
            view.for_each(conn, &schema, |record| {
                array.push(&record.to_json(&fields)).map_err(failed)
            })?;
            array.finish().map_err(failed)?;
            Ok(())
        }
    }
}

fn write_failed(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| {
        records::Error::Write {
            path: path.display().to_string(),
            source,
        }
        .into()
    }
}

/// The temp file of a document readable by the owner only (see [`crate::outfile`]), made
/// before the work it records is saved.
pub(super) fn pending_private(path: &Path) -> Result<Pending, Error> {
    Pending::create(path, 0o600).map_err(write_failed(path))
}

/// Writes `document` into its pending file and renames it into place.
pub(super) fn finish_private(path: &Path, pending: Pending, document: &str) -> Result<(), Error> {
    pending
        .finish(|out| out.write_all(document.as_bytes()))
        .map_err(write_failed(path))
}
