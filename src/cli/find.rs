use clap::Args;

use super::{Context, record_table};
use crate::Error;
use crate::records::record;
use crate::records::view::SchemaView;

/// Find records with a value containing TEXT (ignoring case)
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis find \"de vries\"
  kluis find @example.nl --json")]
pub struct FindArgs {
    /// The text to look for in every value
    pub text: String,
}

pub fn run(ctx: &Context, args: FindArgs) -> Result<(), Error> {
    let vault = ctx.open_read()?;
    let schema = SchemaView::load(vault.conn())?;
    let found = record::find(vault.conn(), &schema, &args.text)?;
    let fields: Vec<&str> = schema.fields.iter().map(|f| f.name.as_str()).collect();
    let restricted = crate::records::limits::restricted_records(vault.conn())?;
    if ctx.json {
        let records: Vec<serde_json::Value> = found
            .iter()
            .map(|r| super::list::marked(r.to_json(&fields), r.id, &restricted))
            .collect();
        ctx.print_json(&records);
    } else if found.is_empty() {
        eprintln!("no record matches");
    } else {
        record_table::print(&fields, &found, &restricted);
    }
    Ok(())
}
