use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Subcommand};
use rusqlite::Transaction;
use serde::Serialize;

use super::Context;
use crate::Error;
use crate::schema::model::{LegalBasis, Purpose, Retention, RetentionPeriod};
use crate::schema::{self, PurposeChanges, StoredPurpose};
use crate::vault::Vault;

/// Why you keep data: each purpose has one legal basis and a retention
#[derive(Debug, Subcommand)]
#[command(after_help = "\
Examples:
  kluis purpose add customer-admin --basis contract --description \"Orders leveren en factureren\" --retention 2y
  kluis purpose add newsletter --basis consent --description \"Nieuwsbrief sturen\" --retention 2y
  kluis purpose add bookkeeping --basis legal-obligation --law \"AWR art. 52\" --description \"Fiscale bewaarplicht\" --retention 7y --recipient \"Boekhouder (verwerker)\"
  kluis purpose add fraud --basis legitimate-interests --interest \"Fraude voorkomen\" --description \"Fraudecontrole bij bestellingen\" --retention 1y
  kluis purpose edit newsletter --retention 18m
  kluis purpose edit newsletter --description-en \"Sending a newsletter\"
  kluis purpose list --json
  kluis purpose show bookkeeping
  kluis purpose remove fraud")]
pub enum PurposeCommand {
    /// Add a purpose
    #[command(after_help = "\
Examples:
  kluis purpose add customer-admin --basis contract --description \"Orders leveren en factureren\" --description-en \"Delivering and invoicing orders\" --retention 2y
  kluis purpose add fraud --basis legitimate-interests --interest \"Fraude voorkomen\" --interest-en \"Preventing fraud\" --description \"Fraudecontrole\" --retention 1y
  kluis purpose add payroll --basis legal-obligation --law \"Wet LB 1964 art. 28\" --description \"Loonadministratie\" --retention 7y")]
    Add(AddArgs),
    /// Change a purpose's description, interest, law, retention, recipients or transfers
    #[command(after_help = "\
Examples:
  kluis purpose edit newsletter --retention 18m
  kluis purpose edit newsletter --description-en \"Sending a newsletter\"
  kluis purpose edit fraud --interest-en \"Preventing fraud\"
  kluis purpose edit bookkeeping --law \"\"")]
    Edit(EditArgs),
    /// List the purposes
    List,
    /// Show one purpose and the fields that serve it
    Show(NameArg),
    /// Remove a purpose that no field uses
    Remove(NameArg),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The purpose's name: lowercase letters, digits, '-' and '_'
    pub name: String,
    /// The Art. 6(1) legal basis
    #[arg(long, value_parser = basis_parser())]
    pub basis: LegalBasis,
    /// What the data is used for, in the words the privacy statement will show
    #[arg(long)]
    pub description: String,
    /// The description for the English statement (else it shows the Dutch one)
    #[arg(long, value_name = "TEXT")]
    pub description_en: Option<String>,
    /// How long data is kept for this purpose: 7y, 18m or 90d
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    pub retention: Option<RetentionPeriod>,
    /// The criteria that decide how long, in words (instead of or besides --retention)
    #[arg(long, value_name = "TEXT")]
    pub retention_note: Option<String>,
    /// The legitimate interest (required with --basis legitimate-interests)
    #[arg(long, value_name = "TEXT")]
    pub interest: Option<String>,
    /// The interest for the English statement (else it shows the Dutch one)
    #[arg(long, value_name = "TEXT")]
    pub interest_en: Option<String>,
    /// The statutory reference, e.g. "AWR art. 52" (needed for a BSN field)
    #[arg(long, value_name = "TEXT")]
    pub law: Option<String>,
    /// A recipient or category of recipients; repeat for more
    #[arg(long, value_name = "TEXT")]
    pub recipient: Vec<String>,
    /// A transfer outside the EEA with its safeguard; repeat for more
    #[arg(long, value_name = "TEXT")]
    pub transfer: Vec<String>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    pub name: String,
    #[arg(long)]
    pub description: Option<String>,
    /// The new English description; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub description_en: Option<String>,
    /// The new period (7y, 18m, 90d); "" removes it when a --retention-note remains
    #[arg(long, value_name = "PERIOD")]
    pub retention: Option<String>,
    /// The new criteria; "" removes them when a period remains
    #[arg(long, value_name = "TEXT")]
    pub retention_note: Option<String>,
    /// The new legitimate interest
    #[arg(long, value_name = "TEXT")]
    pub interest: Option<String>,
    /// The new English interest; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub interest_en: Option<String>,
    /// The new statutory reference; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub law: Option<String>,
    /// Replaces the recipients; repeat for more
    #[arg(long, value_name = "TEXT", conflicts_with = "no_recipients")]
    pub recipient: Vec<String>,
    /// Removes every recipient
    #[arg(long)]
    pub no_recipients: bool,
    /// Replaces the transfers outside the EEA; repeat for more
    #[arg(long, value_name = "TEXT", conflicts_with = "no_transfers")]
    pub transfer: Vec<String>,
    /// Removes every transfer
    #[arg(long)]
    pub no_transfers: bool,
}

#[derive(Debug, Args)]
pub struct NameArg {
    pub name: String,
}

fn basis_parser() -> impl TypedValueParser<Value = LegalBasis> {
    PossibleValuesParser::new(LegalBasis::NAMES)
        .map(|name| name.parse::<LegalBasis>().expect("a listed name parses"))
}

fn parse_period(text: &str) -> Result<RetentionPeriod, String> {
    text.parse()
        .map_err(|error: schema::RetentionError| error.to_string())
}

/// Runs `change` in one transaction on a vault opened for writing, then saves once. A refused
/// change rolls back and leaves the file untouched.
pub(super) fn change<T>(
    ctx: &Context,
    change: impl FnOnce(&Transaction<'_>) -> Result<T, schema::Error>,
) -> Result<T, Error> {
    change_then(ctx, change, Vault::save)
}

/// Like [`change`], for changes that erase values: the backup is replaced too.
pub(super) fn erasing_change<T>(
    ctx: &Context,
    change: impl FnOnce(&Transaction<'_>) -> Result<T, schema::Error>,
) -> Result<T, Error> {
    change_then(ctx, change, Vault::save_after_erasure)
}

fn change_then<T>(
    ctx: &Context,
    change: impl FnOnce(&Transaction<'_>) -> Result<T, schema::Error>,
    save: impl FnOnce(&mut Vault) -> Result<(), crate::vault::Error>,
) -> Result<T, Error> {
    let mut vault = ctx.open_write()?;
    let tx = vault
        .conn_mut()
        .transaction()
        .map_err(schema::Error::from)?;
    let result = change(&tx)?;
    tx.commit().map_err(schema::Error::from)?;
    save(&mut vault)?;
    Ok(result)
}

/// A purpose as `--json` shows it: the period as written (`7y`), the fields that serve it.
#[derive(Debug, Serialize)]
struct PurposeView {
    name: String,
    basis: LegalBasis,
    description: String,
    description_en: Option<String>,
    interest: Option<String>,
    interest_en: Option<String>,
    law: Option<String>,
    retention: Option<String>,
    retention_note: Option<String>,
    recipients: Vec<String>,
    transfers: Vec<String>,
    fields: Vec<String>,
}

fn view(conn: &rusqlite::Connection, stored: StoredPurpose) -> Result<PurposeView, Error> {
    let fields = schema::fields_of_purpose(conn, stored.id)?
        .into_iter()
        .map(|f| f.field.name)
        .collect();
    let purpose = stored.purpose;
    Ok(PurposeView {
        name: purpose.name,
        basis: purpose.basis,
        description: purpose.description,
        description_en: purpose.description_en,
        interest: purpose.interest,
        interest_en: purpose.interest_en,
        law: purpose.law,
        retention: purpose.retention.period.map(|p| p.to_string()),
        retention_note: purpose.retention.note,
        recipients: purpose.recipients,
        transfers: purpose.transfers,
        fields,
    })
}

pub fn run(ctx: &Context, command: PurposeCommand) -> Result<(), Error> {
    match command {
        PurposeCommand::Add(args) => {
            let name = args.name.clone();
            let purpose = Purpose {
                name: args.name,
                basis: args.basis,
                description: args.description,
                description_en: args.description_en,
                interest: args.interest,
                interest_en: args.interest_en,
                law: args.law,
                retention: Retention {
                    period: args.retention,
                    note: args.retention_note,
                },
                recipients: args.recipient,
                transfers: args.transfer,
            };
            change(ctx, |tx| schema::add_purpose(tx, &purpose))?;
            done(ctx, "added", &name)
        }
        PurposeCommand::Edit(args) => {
            let list =
                |items: Vec<String>, clear: bool| (clear || !items.is_empty()).then_some(items);
            let changes = PurposeChanges {
                description: args.description,
                description_en: args.description_en,
                interest: args.interest,
                interest_en: args.interest_en,
                law: args.law,
                retention: args.retention,
                retention_note: args.retention_note,
                recipients: list(args.recipient, args.no_recipients),
                transfers: list(args.transfer, args.no_transfers),
            };
            change(ctx, |tx| schema::update_purpose(tx, &args.name, &changes))?;
            done(ctx, "changed", &args.name)
        }
        PurposeCommand::Remove(args) => {
            change(ctx, |tx| schema::remove_purpose(tx, &args.name))?;
            done(ctx, "removed", &args.name)
        }
        PurposeCommand::List => {
            let vault = ctx.open_read()?;
            let mut views = Vec::new();
            for stored in schema::purposes(vault.conn())? {
                views.push(view(vault.conn(), stored)?);
            }
            if ctx.json {
                ctx.print_json(&views);
            } else if views.is_empty() {
                println!("No purposes yet. Add one with `kluis purpose add`.");
            } else {
                print_table(&views);
            }
            Ok(())
        }
        PurposeCommand::Show(args) => {
            let vault = ctx.open_read()?;
            let stored = schema::purpose_by_name(vault.conn(), &args.name)?;
            let view = view(vault.conn(), stored)?;
            if ctx.json {
                ctx.print_json(&view);
            } else {
                print_details(&view);
            }
            Ok(())
        }
    }
}

fn done(ctx: &Context, action: &str, name: &str) -> Result<(), Error> {
    if ctx.json {
        ctx.print_json(&serde_json::json!({ "purpose": name, "action": action }));
    } else {
        println!("Purpose `{name}` {action}.");
    }
    Ok(())
}

fn retention_text(view: &PurposeView) -> String {
    match (&view.retention, &view.retention_note) {
        (Some(period), _) => period.clone(),
        (None, Some(_)) => "see note".to_owned(),
        (None, None) => "-".to_owned(),
    }
}

fn print_table(views: &[PurposeView]) {
    let name_width = views.iter().map(|v| v.name.len()).max().unwrap_or(0);
    let basis_width = views
        .iter()
        .map(|v| v.basis.as_str().len())
        .max()
        .unwrap_or(0);
    for view in views {
        println!(
            "{:name_width$}  {:basis_width$}  {:8}  {}",
            view.name,
            view.basis.as_str(),
            retention_text(view),
            view.description
        );
    }
}

fn print_details(view: &PurposeView) {
    let none = || "-".to_owned();
    println!("purpose:        {}", view.name);
    println!("basis:          {}", view.basis);
    println!("description:    {}", view.description);
    if let Some(description) = &view.description_en {
        println!("description en: {description}");
    }
    if let Some(interest) = &view.interest {
        println!("interest:       {interest}");
    }
    if let Some(interest) = &view.interest_en {
        println!("interest en:    {interest}");
    }
    if let Some(law) = &view.law {
        println!("law:            {law}");
    }
    println!(
        "retention:      {}",
        view.retention.clone().unwrap_or_else(none)
    );
    if let Some(note) = &view.retention_note {
        println!("retention note: {note}");
    }
    for recipient in &view.recipients {
        println!("recipient:      {recipient}");
    }
    for transfer in &view.transfers {
        println!("transfer:       {transfer}");
    }
    let fields = if view.fields.is_empty() {
        "(none)".to_owned()
    } else {
        view.fields.join(", ")
    };
    println!("fields:         {fields}");
}
