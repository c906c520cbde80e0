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
    #[arg(short, long, value_name = "PURPOSE")]
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
    let restricted = crate::records::limits::restricted_records(vault.conn())?;
    if ctx.json {
        let fields = listing.field_names();
        let records: Vec<serde_json::Value> = listing
            .records
            .iter()
            .map(|r| marked(r.to_json(&fields), r.id, &restricted))
            .collect();
        ctx.print_json(&records);
    } else {
        record_table::print(&listing.field_names(), &listing.records, &restricted);
    }
    Ok(())
}

/// A record's JSON with `"restricted": true` when the person restricted its use (Art. 18).
pub(super) fn marked(
    mut json: serde_json::Value,
    id: crate::records::RecordId,
    restricted: &std::collections::HashSet<crate::records::RecordId>,
) -> serde_json::Value {
    if restricted.contains(&id) {
        json["restricted"] = true.into();
    }
    json
}
