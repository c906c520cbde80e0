use clap::Args;
use serde::Serialize;

use super::Context;
use super::values_input::{self, Given, ValueSource};
use crate::records::record::{self, Targets};
use crate::records::view::SchemaView;
use crate::records::{self, RecordId, input};
use crate::{Error, clock};

/// Change or clear values of one or more records
#[derive(Debug, Args)]
#[command(after_help = "\
Values given as arguments show in `ps` to other users and in your shell's history file. In a
terminal, `kluis edit 12` without values asks for each field (an empty answer keeps it). From a
script or a file, give them with --stdin or --from-file: one field=value per line, or one JSON
object; an empty value (or JSON null) clears the field.

Examples:
  kluis edit 12                 # asks for each field
  kluis edit 12 --stdin < changes.txt
  kluis edit 12 phone=+31612345678
  kluis edit 12 phone=          # clears phone (not allowed for a required field)
  kluis edit 12 14 city=Utrecht
  kluis edit --where @oud-domein.nl city=Utrecht   # every record `kluis find` lists
  kluis edit --where - city=Utrecht                # asks what to look for")]
pub struct EditArgs {
    /// Record ids (unless --where), then new values as field=value; an empty value clears
    #[arg(value_name = "ID… FIELD=VALUE")]
    pub args: Vec<String>,
    /// Change every record `kluis find QUERY` lists, instead of ids; `-` reads the query from
    /// standard input, or asks for it on a terminal
    #[arg(long = "where", value_name = "QUERY")]
    pub query: Option<String>,
    #[command(flatten)]
    pub source: ValueSource,
}

/// What `--json` prints: the records changed and the fields set or cleared.
#[derive(Debug, Serialize)]
struct Edited<'a> {
    changed: usize,
    records: &'a [RecordId],
    fields: &'a [&'a str],
}

pub fn run(ctx: &Context, args: EditArgs) -> Result<(), Error> {
    let (ids, values) = ids_and_values(&args.args)?;
    if args.query.as_deref() == Some("-") && args.source.stdin {
        return Err(usage(
            "--where - and --stdin both read standard input; give the values as arguments or with --from-file",
        ));
    }
    let query = args
        .query
        .as_deref()
        .map(|given| values_input::text_or_stdin(given, "Change the records that match: "))
        .transpose()?;
    let targets = match (query.as_deref(), ids.is_empty()) {
        (Some(query), true) => Targets::Matching(query),
        (None, false) => Targets::Ids(&ids),
        (Some(_), false) => return Err(usage("give record ids or --where, not both")),
        (None, true) => return Err(usage("give one or more record ids, or --where QUERY")),
    };
    let given = args
        .source
        .given(!values.is_empty(), "kluis edit 12 --stdin < FILE")?;
    let (input, mut vault) = match given {
        Given::Arguments => (record::parse_assignments(values)?, ctx.open_write()?),
        Given::Text(text) => (input::parse_values(&text)?, ctx.open_write()?),
        Given::Prompt => ctx.ask_then_open_write(|vault| {
            let schema = SchemaView::load(vault.conn())?;
            values_input::ask_fields(&schema.declared(), "keep the value")
        })?,
    };
    if input.is_empty() {
        return Err(usage("give at least one field=value"));
    }
    let changed = records::in_transaction(vault.conn_mut(), |conn, schema| {
        record::edit_each(conn, schema, targets, &input, clock::now())
    })?;
    // A cleared value is erased: like `delete`, leave no copy of it in the backup.
    let saved = if input.iter().any(|(_, value)| value.trim().is_empty()) {
        vault.save_after_erasure()
    } else {
        vault.save()
    };
    let saved_but = super::saved_but(saved)?;
    let mut names: Vec<&str> = input.iter().map(|(name, _)| name.as_str()).collect();
    names.sort_unstable();
    print(ctx, &changed, &names);
    super::after_report(saved_but)
}

fn print(ctx: &Context, changed: &[RecordId], names: &[&str]) {
    if ctx.json {
        ctx.print_json(&Edited {
            changed: changed.len(),
            records: changed,
            fields: names,
        });
    } else if let [id] = changed {
        println!("record {id}: updated {}", names.join(", "));
    } else {
        let ids: Vec<String> = changed.iter().map(RecordId::to_string).collect();
        println!(
            "{} records updated ({}): {}",
            changed.len(),
            ids.join(", "),
            names.join(", ")
        );
    }
}

/// Splits the leading record ids (digits alone; a field name starts with a letter) from the
/// values, dropping repeated ids.
fn ids_and_values(args: &[String]) -> Result<(Vec<RecordId>, &[String]), Error> {
    let count = args
        .iter()
        .take_while(|arg| super::record_id::is_record_id(arg))
        .count();
    let mut ids: Vec<RecordId> = Vec::with_capacity(count);
    for (index, arg) in args[..count].iter().enumerate() {
        let id = super::record_id::parse(arg)
            .ok_or_else(|| usage(&format!("id {} is too large for a record id", index + 1)))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok((ids, &args[count..]))
}

fn usage(message: &str) -> Error {
    Error::Usage {
        message: message.into(),
        hint: Some(
            "e.g. `kluis edit 12 14 city=Utrecht` or `kluis edit --where QUERY city=Utrecht`"
                .into(),
        ),
    }
}
