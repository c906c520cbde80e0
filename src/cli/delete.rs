use clap::Args;

use super::Context;
use crate::records::{self, RecordId, erase};
use crate::{Error, clock};

/// Erase a person (Art. 17), keeping only what a running legal obligation requires
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis delete 12
  kluis delete 12 --all-fields --yes    # also erase what a legal obligation would keep

Values of fields that serve a legal-obligation purpose whose retention has not run out are
kept (Art. 17(3)(b)); the command names them, the purpose and until when.")]
pub struct DeleteArgs {
    /// The record's id
    pub id: RecordId,
    /// Erase every value, including those a legal obligation requires to keep
    #[arg(long, requires = "yes")]
    pub all_fields: bool,
    /// Confirm --all-fields
    #[arg(short, long)]
    pub yes: bool,
}

pub fn run(ctx: &Context, args: DeleteArgs) -> Result<(), Error> {
    let mut vault = ctx.open_write()?;
    let erasure = records::in_transaction(vault.conn_mut(), |conn, schema| {
        erase::delete(conn, schema, args.id, args.all_fields, clock::now())
    })?;
    vault.save_after_erasure()?;
    if ctx.json {
        ctx.print_json(&erasure);
        return Ok(());
    }
    if erasure.record_erased {
        println!("record {}: erased", erasure.record);
        return Ok(());
    }
    if erasure.erased.is_empty() {
        println!("record {}: nothing erased", erasure.record);
    } else {
        println!(
            "record {}: erased {}",
            erasure.record,
            erasure.erased.join(", ")
        );
    }
    for kept in &erasure.kept {
        let law = kept
            .law
            .as_deref()
            .map(|law| format!(", {law}"))
            .unwrap_or_default();
        let until = match (&kept.until, &kept.retention_note) {
            (Some(until), _) => format!("until {}", super::local_time::show(until)),
            (None, Some(note)) => format!("while: {note}"),
            (None, None) => "for now".to_owned(),
        };
        println!(
            "kept {}: legal obligation `{}`{law}, {until} (Art. 17(3)(b))",
            kept.field, kept.purpose
        );
    }
    Ok(())
}
