use clap::Args;

use super::Context;
use crate::Error;
use crate::records::{RecordId, audit};

/// Show the audit trail: what was done when, to which record and fields (never values)
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis log
  kluis log --record 12 --json")]
pub struct LogArgs {
    /// Only entries about this record
    #[arg(long, value_name = "ID")]
    pub record: Option<RecordId>,
}

pub fn run(ctx: &Context, args: LogArgs) -> Result<(), Error> {
    let vault = ctx.open_read()?;
    let entries = audit::entries(vault.conn(), args.record)?;
    if ctx.json {
        ctx.print_json(&entries);
    } else {
        for entry in &entries {
            println!("{}", entry.line());
        }
    }
    Ok(())
}
