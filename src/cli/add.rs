use clap::Args;

use super::Context;
use super::values_input::{self, Given, ValueSource};
use crate::records::view::SchemaView;
use crate::records::{self, input, record};
use crate::{Error, clock};

/// Add a record; prints its id alone on stdout
#[derive(Debug, Args)]
#[command(after_help = "\
Values given as arguments show in `ps` to other users and in your shell's history file. In a
terminal, `kluis add` without values asks for each field instead. From a script or a file, give
them on standard input or with --from-file: one field=value per line (blank lines and lines
starting with # are skipped), or one JSON object such as {\"name\": \"Jan\", \"phone\": null}.

Examples:
  kluis add                                      # asks for each field
  kluis add --stdin < new-customer.txt
  kluis add --from-file new-customer.json
  kluis add email=jan@example.nl name=\"Jan de Vries\" phone=06-12345678
  ID=$(kluis add name=\"Piet Bakker\") && kluis consent give \"$ID\" newsletter

Only fields in the schema are accepted (see `kluis field list`); each value is checked and
normalised by its field's type, and every required field must be given. A field with
--art9 explicit-consent is filled afterwards: give consent for its purpose, then `kluis edit`.")]
pub struct AddArgs {
    /// Values as field=value (visible to other users in `ps`; see --stdin)
    #[arg(value_name = "FIELD=VALUE")]
    pub values: Vec<String>,
    #[command(flatten)]
    pub source: ValueSource,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<(), Error> {
    let given = args
        .source
        .given(!args.values.is_empty(), "kluis add --stdin < FILE")?;
    let (input, mut vault) = match given {
        Given::Arguments => (record::parse_assignments(&args.values)?, ctx.open_write()?),
        Given::Text(text) => (input::parse_values(&text)?, ctx.open_write()?),
        Given::Prompt => ctx.ask_then_open_write(|vault| {
            let schema = SchemaView::load(vault.conn())?;
            // A field that needs explicit consent is filled after the consent (see the help).
            let fields: Vec<_> = schema
                .declared()
                .into_iter()
                .filter(|field| !field.needs_explicit_consent())
                .collect();
            values_input::ask_fields(&fields, "no value")
        })?,
    };
    let id = records::in_transaction(vault.conn_mut(), |conn, schema| {
        record::add(conn, schema, &input, clock::now())
    })?;
    vault.save()?;
    println!("{id}");
    Ok(())
}
