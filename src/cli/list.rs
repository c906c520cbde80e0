use clap::Args;

use super::{Context, record_table};
use crate::Error;
use crate::records::export;
use crate::records::view::SchemaView;

/// List records, optionally only what one purpose may use
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis list
  kluis list --purpose newsletter          # only newsletter fields, only records with consent
  kluis list --fields name,email --json")]
pub struct ListArgs {
    /// Show only the fields that serve this purpose (and, for a consent purpose, only the
    /// records with current consent)
    #[arg(long, value_name = "PURPOSE")]
    pub purpose: Option<String>,
    /// Show only these fields, comma-separated
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub fields: Option<Vec<String>>,
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<(), Error> {
    let vault = ctx.open_read()?;
    let schema = SchemaView::load(vault.conn())?;
    let listing = export::list(
        vault.conn(),
        &schema,
        args.purpose.as_deref(),
        args.fields.as_deref(),
    )?;
    if ctx.json {
        ctx.print_json(&listing.to_json());
    } else {
        record_table::print(&listing.field_names(), &listing.records);
    }
    Ok(())
}
