use clap::Args;

use super::{Context, record_table};
use crate::records::view::SchemaView;
use crate::records::{export, record};
use crate::{Error, clock};

/// Find records with a value containing TEXT (ignoring case)
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis find \"de vries\"
  kluis find @example.nl --columns name,email
  kluis find @example.nl --json")]
pub struct FindArgs {
    /// The text to look for in every value
    pub text: String,
    /// Show only these fields, in this order, comma-separated [alias: --fields]
    #[arg(long, alias = "fields", value_name = "A,B", value_delimiter = ',')]
    pub columns: Option<Vec<String>>,
}

pub fn run(ctx: &Context, args: FindArgs) -> Result<(), Error> {
    let vault = ctx.open_read()?;
    let conn = vault.conn();
    let schema = SchemaView::load(conn)?;
    let view = export::View::new(conn, &schema, None, args.columns.as_deref())?;
    let fields: Vec<&str> = view.fields.iter().map(String::as_str).collect();
    let found = record::find(conn, &schema, &args.text)?;
    let count = record_table::print_records(
        ctx.json,
        record_table::Mode::detect(),
        (conn, &schema),
        &fields,
        clock::now(),
        |each| found.into_iter().try_for_each(each),
    )?;
    if count == 0 && !ctx.json {
        eprintln!("no record matches");
    }
    Ok(())
}
