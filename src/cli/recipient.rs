use clap::{Args, Subcommand};

use super::Context;
use super::names;
use super::purpose::change;
use crate::Error;
use crate::schema::model::{Recipient, RecipientRole, Safeguard};
use crate::schema::{self, Removed, country};
use crate::text::visible;

/// Who outside your business receives personal data, in which country, and on which safeguard
#[derive(Debug, Subcommand)]
#[command(after_help = "\
Examples:
  kluis recipient add \"Boekhouder Jansen\" --purpose bookkeeping --role processor --country NL
  kluis recipient add Belastingdienst --purpose bookkeeping --role authority --country NL
  kluis recipient add Mailchimp --purpose newsletter --role processor --country US --safeguard dpf
  kluis recipient add \"Hosting Ltd\" --purpose customer-admin --role processor --country IN --safeguard scc --safeguard-copy \"Vraag een kopie via privacy@example.nl\" --safeguard-copy-en \"Ask for a copy at privacy@example.nl\"
  kluis recipient list --json
  kluis recipient remove \"Boekhouder Jansen\" --purpose sales
  kluis recipient remove Mailchimp

A purpose with neither recipients nor `kluis purpose edit P --no-recipients` blocks the statement.
Inside the EEA no --safeguard is needed (or allowed). Outside it, one is: adequacy (a Commission
decision for the country), dpf (a US company on the Data Privacy Framework list), scc or bcr
(with --safeguard-copy: how people get a copy), or derogation (with --note: which Art. 49
situation). The extra age keys that open the vault are `kluis key`.")]
pub enum RecipientCommand {
    /// Add a recipient, or attach an existing one to more purposes
    #[command(
        after_help = "Examples:\n  kluis recipient add \"Boekhouder Jansen\" --purpose bookkeeping --role processor --country NL\n  kluis recipient add Mailchimp --purpose newsletter --role processor --country US --safeguard dpf"
    )]
    Add(AddArgs),
    /// List the recipients with their purposes, role, country and safeguard
    #[command(after_help = "Examples:\n  kluis recipient list\n  kluis recipient list --json")]
    List,
    /// Remove a recipient, or take it off one purpose
    #[command(
        after_help = "Examples:\n  kluis recipient remove \"Boekhouder Jansen\" --purpose sales   # off one purpose\n  kluis recipient remove Mailchimp                            # entirely"
    )]
    Remove(RemoveArgs),
}

/// The safeguard of a transfer outside the EEA, as `recipient add` and `cookie add` take it.
#[derive(Debug, Args)]
pub struct SafeguardArgs {
    /// The safeguard for a country outside the EEA
    #[arg(long, value_name = "SAFEGUARD", value_parser = names::<Safeguard>(Safeguard::NAMES))]
    pub safeguard: Option<Safeguard>,
    /// For scc and bcr: how people get a copy of the safeguard (Art. 13(1)(f))
    #[arg(long, value_name = "TEXT")]
    pub safeguard_copy: Option<String>,
    /// The same for the English statement
    #[arg(long, value_name = "TEXT")]
    pub safeguard_copy_en: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Who receives the data, as people know them: "Boekhouder Jansen", "PostNL"
    pub name: String,
    /// A purpose whose data it receives (repeat for more)
    #[arg(short, long = "purpose", value_name = "PURPOSE", required = true)]
    pub purposes: Vec<String>,
    /// processor: works on your behalf; controller: decides for itself; authority: a public body
    #[arg(long, value_name = "ROLE", value_parser = names::<RecipientRole>(RecipientRole::NAMES))]
    pub role: RecipientRole,
    /// Where it processes the data: ISO 3166-1 alpha-2 code, e.g. NL, DE, US, GB
    #[arg(long, value_name = "CC")]
    pub country: String,
    #[command(flatten)]
    pub transfer: SafeguardArgs,
    /// About the transfer; for derogation: which situation of Art. 49 applies
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The note for the English statement
    #[arg(long, value_name = "TEXT")]
    pub note_en: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The recipient's name
    pub name: String,
    /// Take it off only this purpose; without it, the recipient goes entirely
    #[arg(short, long, value_name = "PURPOSE")]
    pub purpose: Option<String>,
}

pub fn run(ctx: &Context, command: RecipientCommand) -> Result<(), Error> {
    match command {
        RecipientCommand::Add(args) => {
            let recipient = Recipient {
                name: args.name,
                purposes: args.purposes,
                role: args.role,
                country: args.country,
                safeguard: args.transfer.safeguard,
                safeguard_copy: args.transfer.safeguard_copy,
                safeguard_copy_en: args.transfer.safeguard_copy_en,
                note: args.note,
                note_en: args.note_en,
            };
            let stored = change(ctx, |tx| schema::add_recipient(tx, &recipient))?;
            if ctx.json {
                ctx.print_json(&serde_json::json!({ "recipient": stored, "action": "added" }));
            } else {
                println!(
                    "Recipient `{}` added for {}.",
                    visible(&stored.name),
                    stored.purposes.join(", ")
                );
            }
        }
        RecipientCommand::Remove(args) => {
            let removed = change(ctx, |tx| {
                schema::remove_recipient(tx, &args.name, args.purpose.as_deref())
            })?;
            let name = args.name.trim();
            let shown = visible(name);
            if ctx.json {
                ctx.print_json(&serde_json::json!({ "recipient": name, "removed": removed }));
            } else {
                match (removed, &args.purpose) {
                    (Removed::Purpose, Some(purpose)) => {
                        println!(
                            "Recipient `{shown}` no longer receives data for {}.",
                            visible(purpose)
                        )
                    }
                    _ => println!("Recipient `{shown}` removed."),
                }
            }
        }
        RecipientCommand::List => {
            let vault = ctx.open_read()?;
            let recipients = schema::recipients(vault.conn())?;
            if ctx.json {
                ctx.print_json(&recipients);
            } else if recipients.is_empty() {
                println!("No recipients yet. Add one with `kluis recipient add`.");
            } else {
                for recipient in &recipients {
                    print_line(recipient);
                }
            }
        }
    }
    Ok(())
}

fn print_line(recipient: &Recipient) {
    let country =
        country::country(&recipient.country).map_or(recipient.country.as_str(), |c| c.name_en);
    let safeguard = recipient
        .safeguard
        .map_or(String::new(), |s| format!(", safeguard {s}"));
    println!(
        "{}  {} in {country}{safeguard}  for {}",
        visible(&recipient.name),
        recipient.role,
        recipient.purposes.join(", ")
    );
}
