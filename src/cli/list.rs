use clap::Args;

use super::{Context, record_table};
use crate::records::export;
use crate::records::view::SchemaView;
use crate::{Error, clock};

/// List records, optionally only what one purpose may use
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis list
  kluis list --purpose newsletter          # only newsletter fields, only records with consent
  kluis list --columns name,email
  kluis list --json

On a terminal the table fits its width and marks restricted and erased people; piped, it is
TSV with a header row `id`, the fields, `status` (see docs/USAGE.md).")]
pub struct ListArgs {
    /// Show only the fields that serve this purpose (and, for a consent purpose, only the
    /// records with current consent)
    #[arg(short, long, value_name = "PURPOSE")]
    pub purpose: Option<String>,
    /// Show only these fields, in this order, comma-separated [alias: --fields]
    #[arg(long, alias = "fields", value_name = "A,B", value_delimiter = ',')]
    pub columns: Option<Vec<String>>,
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<(), Error> {
    let vault = ctx.open_read()?;
    let conn = vault.conn();
    let schema = SchemaView::load(conn)?;
    let view = export::View::new(
        conn,
        &schema,
        args.purpose.as_deref(),
        args.columns.as_deref(),
    )?;
    let fields: Vec<&str> = view.fields.iter().map(String::as_str).collect();
    record_table::print_records(
        ctx.json,
        record_table::Mode::detect(),
        record_table::WhenEmpty::Header,
        (conn, &schema),
        &fields,
        clock::now(),
        |each| view.for_each(conn, &schema, each),
    )?;
    Ok(())
}
