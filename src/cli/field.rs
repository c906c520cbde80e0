use super::names;
use crate::text::visible;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use super::purpose::{change, erasing_change};
use crate::Error;
use crate::schema::model::{DataSource, Field, FieldType, SpecialCategory};
use crate::schema::{self, Art9Exception, FieldChanges, StoredField};

/// What you store about a person: each field has a type and at least one purpose
#[derive(Debug, Subcommand)]
#[command(after_help = "\
Examples:
  kluis field add name --type text --purpose customer-admin --purpose bookkeeping --required
  kluis field add email --type email --purpose customer-admin --purpose newsletter --label \"E-mailadres\" --label-en \"E-mail address\"
  kluis field add allergies --type text --purpose customer-admin --special health --art9 explicit-consent
  kluis field add bsn --type bsn --purpose payroll
  kluis field list --json
  kluis field show email
  kluis field edit email --label \"E-mail\" --add-purpose newsletter --required
  kluis field remove allergies --yes

A field whose name or label names a BSN (bsn, burgerservicenummer, sofinummer, citizen service
number) needs --type bsn, and every purpose then needs --basis legal-obligation and a --law.")]
pub enum FieldCommand {
    /// Add a field
    #[command(after_help = "\
Examples:
  kluis field add email --type email --purpose customer-admin --purpose newsletter --label \"E-mailadres\"
  kluis field add allergies --type text --purpose customer-admin --special health --art9 explicit-consent
  kluis field add bsn --type bsn --purpose payroll")]
    Add(AddArgs),
    /// List the fields
    #[command(after_help = "Examples:\n  kluis field list\n  kluis field list --json")]
    List,
    /// Show one field
    #[command(after_help = "Examples:\n  kluis field show email\n  kluis field show email --json")]
    Show(ShowArgs),
    /// Change a field's labels, source, required flag, purposes or special category; its values stay
    #[command(after_help = "\
Examples:
  kluis field edit email --label \"E-mailadres\" --label-en \"E-mail address\"
  kluis field edit email --add-purpose newsletter --remove-purpose marketing
  kluis field edit phone --optional --label-en \"\"
  kluis field edit visits --source third-party --source-note \"Google Analytics\"
  kluis field edit allergies --special health --art9 explicit-consent
  kluis field edit notes --no-special

An empty text (--label \"\") clears it. The type cannot change: the stored values were checked
and normalised for it.")]
    Edit(EditArgs),
    /// Remove a field and erase every value it holds
    #[command(after_help = "Example:\n  kluis field remove allergies --yes")]
    Remove(RemoveArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The field's name, as `kluis add NAME=value` takes it
    pub name: String,
    /// The value type; values are validated and normalised by it
    #[arg(long = "type", value_name = "TYPE", value_parser = names::<FieldType>(FieldType::NAMES))]
    pub field_type: FieldType,
    /// A purpose the field serves; repeat for more (at least one)
    #[arg(short, long = "purpose", value_name = "PURPOSE")]
    pub purposes: Vec<String>,
    /// The Dutch label in the privacy statement
    #[arg(long)]
    pub label: Option<String>,
    /// The English label in the privacy statement
    #[arg(long)]
    pub label_en: Option<String>,
    /// Every record must have a value
    #[arg(long)]
    pub required: bool,
    /// Where the values come from
    #[arg(long, default_value = "subject", value_parser = names::<DataSource>(DataSource::NAMES))]
    pub source: DataSource,
    /// Who or what the source is, e.g. "Google Analytics"
    #[arg(long, value_name = "TEXT")]
    pub source_note: Option<String>,
    /// The source note for the English statement
    #[arg(long, value_name = "TEXT")]
    pub source_note_en: Option<String>,
    /// The Art. 9 special category the values belong to
    #[arg(long, value_name = "CATEGORY", value_parser = names::<SpecialCategory>(SpecialCategory::NAMES))]
    pub special: Option<SpecialCategory>,
    /// The Art. 9(2) exception that allows it (required with --special)
    #[arg(long, value_name = "EXCEPTION", value_parser = names::<Art9Exception>(Art9Exception::NAMES))]
    pub art9: Option<Art9Exception>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The field to change
    pub name: String,
    /// Accepted only to refuse it with the way round: the type cannot change
    #[arg(long = "type", hide = true, value_name = "TYPE", value_parser = names::<FieldType>(FieldType::NAMES))]
    pub field_type: Option<FieldType>,
    /// The new Dutch label; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub label: Option<String>,
    /// The new English label; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub label_en: Option<String>,
    /// Every record must have a value from now on
    #[arg(long, conflicts_with = "optional")]
    pub required: bool,
    /// Records may leave the field empty
    #[arg(long)]
    pub optional: bool,
    /// Where the values come from
    #[arg(long, value_parser = names::<DataSource>(DataSource::NAMES))]
    pub source: Option<DataSource>,
    /// Who or what the source is; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub source_note: Option<String>,
    /// The source note for the English statement; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub source_note_en: Option<String>,
    /// A purpose the field serves from now on; repeat for more
    #[arg(long = "add-purpose", value_name = "PURPOSE")]
    pub add_purposes: Vec<String>,
    /// A purpose the field no longer serves; repeat for more
    #[arg(long = "remove-purpose", value_name = "PURPOSE")]
    pub remove_purposes: Vec<String>,
    /// The Art. 9 special category (another category needs --art9 too)
    #[arg(long, value_name = "CATEGORY", value_parser = names::<SpecialCategory>(SpecialCategory::NAMES))]
    pub special: Option<SpecialCategory>,
    /// The Art. 9(2) exception that allows it
    #[arg(long, value_name = "EXCEPTION", value_parser = names::<Art9Exception>(Art9Exception::NAMES))]
    pub art9: Option<Art9Exception>,
    /// The values are not special-category data after all
    #[arg(long, conflicts_with_all = ["special", "art9"])]
    pub no_special: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    pub name: String,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    pub name: String,
    /// Confirm that every value of the field is erased
    #[arg(short, long)]
    pub yes: bool,
}

/// A field as `--json` shows it, with how many records hold a value.
#[derive(Debug, Serialize)]
struct FieldView {
    name: String,
    #[serde(rename = "type")]
    field_type: FieldType,
    label: Option<String>,
    label_en: Option<String>,
    purposes: Vec<String>,
    required: bool,
    source: DataSource,
    source_note: Option<String>,
    source_note_en: Option<String>,
    special: Option<SpecialCategory>,
    art9: Option<String>,
    values: u64,
}

fn view(conn: &rusqlite::Connection, stored: StoredField) -> Result<FieldView, Error> {
    let values = schema::value_count(conn, stored.id)?;
    let field = stored.field;
    Ok(FieldView {
        name: field.name,
        field_type: field.field_type,
        label: field.label,
        label_en: field.label_en,
        purposes: field.purposes,
        required: field.required,
        source: field.source,
        source_note: field.source_note,
        source_note_en: field.source_note_en,
        special: field.special,
        art9: field.art9,
        values,
    })
}

pub fn run(ctx: &Context, command: FieldCommand) -> Result<(), Error> {
    match command {
        FieldCommand::Add(args) => {
            // Before the unlock: a bad name costs no passphrase.
            schema::check_name("field", &args.name)?;
            let name = args.name.clone();
            let field = Field {
                name: args.name,
                field_type: args.field_type,
                label: args.label,
                label_en: args.label_en,
                purposes: args.purposes,
                required: args.required,
                source: args.source,
                source_note: args.source_note,
                source_note_en: args.source_note_en,
                special: args.special,
                art9: args.art9.map(|e| e.as_str().to_owned()),
            };
            change(ctx, |tx| schema::add_field(tx, &field))?;
            if ctx.json {
                ctx.print_json(&serde_json::json!({ "field": name, "action": "added" }));
            } else {
                println!("Field `{name}` added.");
            }
        }
        FieldCommand::Edit(args) => {
            let changes = FieldChanges {
                field_type: args.field_type,
                label: args.label,
                label_en: args.label_en,
                required: match (args.required, args.optional) {
                    (true, _) => Some(true),
                    (_, true) => Some(false),
                    _ => None,
                },
                source: args.source,
                source_note: args.source_note,
                source_note_en: args.source_note_en,
                add_purposes: args.add_purposes,
                remove_purposes: args.remove_purposes,
                special: args.special,
                art9: args.art9.map(|e| e.as_str().to_owned()),
                no_special: args.no_special,
            };
            let edit = change(ctx, |tx| schema::edit_field(tx, &args.name, &changes))?;
            if edit.records_without_value > 0 {
                to_stderr!(
                    "note: {} record(s) have no value for `{}`; they stay as they are, new records need one",
                    edit.records_without_value,
                    args.name
                );
            }
            if ctx.json {
                ctx.print_json(&serde_json::json!({
                    "field": args.name, "action": "changed", "changed": edit.changed,
                    "records_without_value": edit.records_without_value,
                }));
            } else if edit.changed.is_empty() {
                println!("Field `{}` unchanged.", args.name);
            } else {
                println!(
                    "Field `{}` changed: {}. Its values are kept.",
                    args.name,
                    edit.changed.join(", ")
                );
            }
        }
        FieldCommand::Remove(args) => {
            let (erased, saved_but) =
                erasing_change(ctx, |tx| schema::remove_field(tx, &args.name, args.yes))?;
            if ctx.json {
                ctx.print_json(&serde_json::json!({
                    "field": args.name, "action": "removed", "erased_values": erased
                }));
            } else {
                println!("Field `{}` removed; {erased} value(s) erased.", args.name);
            }
            return super::after_report(saved_but);
        }
        FieldCommand::List => {
            let vault = ctx.open_read()?;
            let mut views = Vec::new();
            for stored in schema::fields(vault.conn())? {
                views.push(view(vault.conn(), stored)?);
            }
            if ctx.json {
                ctx.print_json(&views);
            } else if views.is_empty() {
                println!("No fields yet. Add one with `kluis field add`.");
            } else {
                print_table(&views);
            }
        }
        FieldCommand::Show(args) => {
            let vault = ctx.open_read()?;
            let view = view(
                vault.conn(),
                schema::field_by_name(vault.conn(), &args.name)?,
            )?;
            if ctx.json {
                ctx.print_json(&view);
            } else {
                print_details(&view);
            }
        }
    }
    Ok(())
}

fn marks(view: &FieldView) -> String {
    let mut marks = Vec::new();
    if view.required {
        marks.push("required".to_owned());
    }
    if let Some(special) = view.special {
        marks.push(format!("special: {special}"));
    }
    if schema::holds_bsn(
        view.field_type,
        &view.name,
        view.label.as_deref(),
        view.label_en.as_deref(),
    ) {
        marks.push("BSN".to_owned());
    }
    marks.join(", ")
}

fn print_table(views: &[FieldView]) {
    let name_width = views.iter().map(|v| v.name.len()).max().unwrap_or(0);
    let purposes: Vec<String> = views.iter().map(|v| v.purposes.join(", ")).collect();
    let purpose_width = purposes.iter().map(String::len).max().unwrap_or(0);
    for (view, purposes) in views.iter().zip(&purposes) {
        let line = format!(
            "{:name_width$}  {:8}  {purposes:purpose_width$}  {}",
            view.name,
            view.field_type.as_str(),
            marks(view)
        );
        println!("{}", line.trim_end());
    }
}

fn print_details(view: &FieldView) {
    println!("field:       {}", view.name);
    println!("type:        {}", view.field_type);
    println!("purposes:    {}", view.purposes.join(", "));
    if let Some(label) = &view.label {
        println!("label:       {}", visible(label));
    }
    if let Some(label) = &view.label_en {
        println!("label (en):  {}", visible(label));
    }
    println!("required:    {}", if view.required { "yes" } else { "no" });
    println!("source:      {}", view.source);
    if let Some(note) = &view.source_note {
        println!("source note: {}", visible(note));
    }
    if let Some(note) = &view.source_note_en {
        println!("source (en): {}", visible(note));
    }
    if let Some(special) = view.special {
        let exception = view
            .art9
            .as_deref()
            .and_then(|name| name.parse::<Art9Exception>().ok())
            .map(|e| format!("{e}, Art. {}", e.article()))
            .unwrap_or_else(|| "-".to_owned());
        println!("special:     {special} (exception: {exception})");
    }
    println!("values:      {} record(s)", view.values);
}
