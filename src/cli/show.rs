use clap::Args;

use super::{Context, local_time};
use crate::Error;
use crate::records::consent::consents_of;
use crate::records::view::SchemaView;
use crate::records::{RecordId, record};

/// Show one record
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis show 12
  kluis show 12 --json")]
pub struct ShowArgs {
    /// The record's id
    pub id: RecordId,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<(), Error> {
    let vault = ctx.open_read()?;
    let schema = SchemaView::load(vault.conn())?;
    let found = record::get(vault.conn(), &schema, args.id)?;
    let restricted = crate::records::limits::restricted_since(vault.conn(), found.id)?;
    if ctx.json {
        let fields: Vec<&str> = schema.fields.iter().map(|f| f.name.as_str()).collect();
        let mut json = found.to_json(&fields);
        if let Some(since) = &restricted {
            json["restricted"] = true.into();
            json["restricted_since"] = since.clone().into();
        }
        ctx.print_json(&json);
        return Ok(());
    }
    println!(
        "record {} (added {}, last change {})",
        found.id,
        local_time::show(&found.created_at),
        local_time::show(&found.updated_at)
    );
    if let Some(since) = restricted {
        println!(
            "  {} since {} (Art. 18): values are kept, not used",
            super::record_table::restricted_mark(),
            local_time::show(&since)
        );
    }
    let width = found
        .values
        .iter()
        .map(|(f, _)| f.chars().count())
        .max()
        .unwrap_or(0);
    for (field, value) in &found.values {
        println!("  {field:width$}  {value}");
    }
    for consent in consents_of(vault.conn(), found.id)? {
        match consent.withdrawn_at {
            None => println!(
                "  consent for {}: given {} ({})",
                consent.purpose,
                local_time::show(&consent.given_at),
                consent.source
            ),
            Some(withdrawn) => println!(
                "  consent for {}: given {} ({}), withdrawn {}",
                consent.purpose,
                local_time::show(&consent.given_at),
                consent.source,
                local_time::show(&withdrawn)
            ),
        }
    }
    Ok(())
}
