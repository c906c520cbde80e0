use clap::Args;

use super::Context;
use crate::records::{self, record};
use crate::{Error, clock};

/// Add a record; prints its id alone on stdout
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis add email=jan@example.nl name=\"Jan de Vries\" phone=06-12345678
  ID=$(kluis add name=\"Piet Bakker\") && kluis consent give \"$ID\" newsletter

Only fields in the schema are accepted (see `kluis field list`); each value is checked and
normalised by its field's type, and every required field must be given. A field with
--art9 explicit-consent is filled afterwards: give consent for its purpose, then `kluis edit`.")]
pub struct AddArgs {
    /// Values as field=value
    #[arg(required = true, value_name = "FIELD=VALUE")]
    pub values: Vec<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<(), Error> {
    let input = record::parse_assignments(&args.values)?;
    let mut vault = ctx.open_write()?;
    let id = records::in_transaction(vault.conn_mut(), |conn, schema| {
        record::add(conn, schema, &input, clock::now())
    })?;
    vault.save()?;
    println!("{id}");
    Ok(())
}
