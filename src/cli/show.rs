use clap::Args;

use super::{Context, local_time, record_table};
use crate::records::consent::consents_of;
use crate::records::marks::{Marks, Standing};
use crate::records::view::SchemaView;
use crate::records::{RecordId, record};
use crate::{Error, clock};

/// Show one record
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis show 12
  kluis show 12 --json")]
pub struct ShowArgs {
    /// The record's id
    #[arg(value_parser = super::record_id::RecordIdParser)]
    pub id: RecordId,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<(), Error> {
    let vault = ctx.open_read()?;
    let schema = SchemaView::load(vault.conn())?;
    let found = record::get(vault.conn(), &schema, args.id)?;
    let standing = Marks::load(vault.conn())?.of(vault.conn(), &schema, found.id, clock::now())?;
    if ctx.json {
        let fields: Vec<&str> = schema.declared().iter().map(|f| f.name.as_str()).collect();
        let mut json = record_table::json_marks(found.to_json(&fields), &standing);
        if let Some(since) = &standing.restricted_since {
            json["restricted_since"] = since.clone().into();
        }
        if let Some(held) = &standing.erased {
            json["kept"] = serde_json::to_value(&held.kept).expect("kept values serialise");
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
    print_marks(&standing);
    let width = found
        .values
        .iter()
        .map(|(f, _)| f.chars().count())
        .max()
        .unwrap_or(0);
    for field in schema.declared() {
        if let Some(value) = found.value(&field.name) {
            let (field, value) = (&field.name, record_table::escape(value));
            println!("  {field:width$}  {value}");
        }
    }
    for consent in consents_of(vault.conn(), found.id)? {
        match consent.withdrawn_at {
            None => println!(
                "  consent for {}: given {} ({})",
                consent.purpose,
                local_time::show(&consent.given_at),
                record_table::escape(&consent.source)
            ),
            Some(withdrawn) => println!(
                "  consent for {}: given {} ({}), withdrawn {}",
                consent.purpose,
                local_time::show(&consent.given_at),
                record_table::escape(&consent.source),
                local_time::show(&withdrawn)
            ),
        }
    }
    Ok(())
}

/// The restriction and erasure lines under a record's heading.
fn print_marks(standing: &Standing) {
    if let Some(since) = &standing.restricted_since {
        println!(
            "  {} since {} (Art. 18): values are kept, not used",
            record_table::restricted_mark(),
            local_time::show(since)
        );
    }
    let Some(held) = &standing.erased else {
        return;
    };
    println!(
        "  {} (Art. 17): only what a legal obligation requires is kept",
        record_table::erased_text(&held.until())
    );
    for kept in &held.kept {
        println!("    kept {}", record_table::kept_text(kept));
    }
}
