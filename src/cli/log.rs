use clap::Args;

use std::io::Write;

use super::stream::{JsonArray, Stdout, stdout_error};
use super::{Context, local_time};
use crate::Error;
use crate::records::{RecordId, audit};

/// Show the audit trail: what was done when, to which record and fields (never values)
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis log
  kluis log --since 2026-03-01 -n 20              # the newest 20 entries since 1 March
  kluis log --record 12 --json

Times are shown in local time with the offset; --json gives them in UTC (RFC 3339).")]
pub struct LogArgs {
    /// Only entries about this record
    #[arg(short, long, value_name = "ID", value_parser = super::record_id::RecordIdParser)]
    pub record: Option<RecordId>,
    /// Only entries from this date (the start of that local day) or RFC 3339 time on
    #[arg(short, long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only the newest N of the entries that match (still shown oldest first)
    #[arg(short = 'n', long, value_name = "N")]
    pub limit: Option<usize>,
}

pub fn run(ctx: &Context, args: LogArgs) -> Result<(), Error> {
    // Parsed before the vault opens, so a bad date costs no passphrase.
    let since = args
        .since
        .as_deref()
        .map(local_time::parse_date_or_time)
        .transpose()?;
    let filter = audit::Filter {
        record: args.record,
        since,
        limit: args.limit,
    };
    let vault = ctx.open_read()?;
    if ctx.json {
        let mut array = JsonArray::start(Stdout::lock()).map_err(stdout_error)?;
        audit::for_each(vault.conn(), &filter, |entry| {
            array.push(&entry).map_err(stdout_error)
        })?;
        array.finish().map_err(stdout_error)?;
        return Ok(());
    }
    let mut out = Stdout::lock();
    audit::for_each(vault.conn(), &filter, |entry| {
        let shown = audit::Entry {
            at: local_time::show(&entry.at),
            ..entry
        };
        writeln!(out, "{}", shown.line()).map_err(stdout_error)
    })?;
    out.flush().map_err(stdout_error)
}
