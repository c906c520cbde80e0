use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::Context;
use crate::records::export::{self, Format};
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
    #[arg(long, value_name = "ID")]
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
    let mut vault = ctx.open_write()?;
    let now = clock::now();
    let document = records::in_transaction(vault.conn_mut(), |conn, schema| {
        if let Some(id) = args.subject {
            let subject = export::export_subject(conn, schema, id, now)?;
            let mut text = serde_json::to_string_pretty(&subject).expect("export types serialise");
            text.push('\n');
            return Ok(text);
        }
        let purpose = args.purpose.as_deref().unwrap_or_default();
        export::export_purpose(conn, schema, purpose, format, now)
    })?;
    // The audit entry is saved before the data leaves, so a failed save exports nothing.
    vault.save()?;
    match &args.out {
        Some(path) => write_private(path, &document)?,
        None => print!("{document}"),
    }
    Ok(())
}

/// Writes the export readable by the owner only.
pub(super) fn write_private(path: &Path, document: &str) -> Result<(), Error> {
    let failed = |source| records::Error::Write {
        path: path.display().to_string(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(failed)?;
    // The mode above applies only to a new file; an existing one keeps its own, maybe
    // world-readable, permissions unless narrowed before the data goes in.
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .map_err(failed)?;
    file.write_all(document.as_bytes()).map_err(failed)?;
    file.sync_all().map_err(failed)?;
    Ok(())
}
