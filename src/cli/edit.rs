use clap::Args;

use super::Context;
use crate::records::{self, RecordId, record};
use crate::{Error, clock};

/// Change or clear values of a record
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis edit 12 phone=+31612345678
  kluis edit 12 phone=          # clears phone (not allowed for a required field)")]
pub struct EditArgs {
    /// The record's id
    pub id: RecordId,
    /// New values as field=value; an empty value clears the field
    #[arg(required = true, value_name = "FIELD=VALUE")]
    pub values: Vec<String>,
}

pub fn run(ctx: &Context, args: EditArgs) -> Result<(), Error> {
    let input = record::parse_assignments(&args.values)?;
    let mut vault = ctx.open_write()?;
    records::in_transaction(vault.conn_mut(), |conn, schema| {
        record::edit(conn, schema, args.id, &input, clock::now())
    })?;
    // A cleared value is erased: like `delete`, leave no copy of it in the backup.
    if input.iter().any(|(_, value)| value.trim().is_empty()) {
        vault.save_after_erasure()?;
    } else {
        vault.save()?;
    }
    let mut names: Vec<&str> = input.iter().map(|(name, _)| name.as_str()).collect();
    names.sort_unstable();
    println!("record {}: updated {}", args.id, names.join(", "));
    Ok(())
}
