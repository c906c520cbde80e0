use clap::{Args, Subcommand};

use super::Context;
use super::purpose::change;
use crate::Error;
use crate::schema::model::Profile;
use crate::schema::{self, ProfileUpdate};
use crate::text::visible;

/// Who the business is: the controller named in the privacy statement
#[derive(Debug, Subcommand)]
#[command(after_help = "\
Examples:
  kluis profile set --name \"Bakkerij Jansen\" --email privacy@jansen.nl --address \"Dorpsstraat 1, 1234 AB Ergens\"
  kluis profile set --kvk 12345678 --phone 020-1234567 --website https://jansen.nl
  kluis profile set --dpo-name \"P. de Vries\" --dpo-email fg@jansen.nl
  kluis profile set --website \"\"
  kluis profile set --statement-url https://jansen.nl/privacy
  kluis profile show --json

The first `set` needs --name, --email and --address; later ones change only what they give.
An empty value (\"\") clears an optional detail.")]
pub enum ProfileCommand {
    /// Set or change the controller's details
    #[command(after_help = "\
Examples:
  kluis profile set --name \"Bakkerij Jansen\" --email privacy@jansen.nl --address \"Dorpsstraat 1, 1234 AB Ergens\"
  kluis profile set --kvk 12345678 --website \"\"")]
    Set(Box<SetArgs>),
    /// Show the controller's details
    #[command(after_help = "Examples:\n  kluis profile show\n  kluis profile show --json")]
    Show,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The business's name
    #[arg(long)]
    pub name: Option<String>,
    /// Where people send privacy requests
    #[arg(long)]
    pub email: Option<String>,
    /// The postal address
    #[arg(long)]
    pub address: Option<String>,
    /// The KvK (Chamber of Commerce) number
    #[arg(long)]
    pub kvk: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub website: Option<String>,
    /// The data protection officer's name (with --dpo-email)
    #[arg(long)]
    pub dpo_name: Option<String>,
    /// The data protection officer's e-mail address (with --dpo-name)
    #[arg(long)]
    pub dpo_email: Option<String>,
    /// Where your published privacy statement lives (https://…); the snippets link to it
    #[arg(long, value_name = "URL")]
    pub statement_url: Option<String>,
}

pub fn run(ctx: &Context, command: ProfileCommand) -> Result<(), Error> {
    match command {
        ProfileCommand::Set(args) => {
            let update = ProfileUpdate {
                name: args.name,
                email: args.email,
                address: args.address,
                kvk: args.kvk,
                phone: args.phone,
                website: args.website,
                dpo_name: args.dpo_name,
                dpo_email: args.dpo_email,
                statement_url: args.statement_url,
            };
            // Checked before the vault opens: a bad --kvk costs no passphrase.
            let update = update.checked()?;
            let profile = change(ctx, |tx| schema::set_profile(tx, &update))?;
            if ctx.json {
                ctx.print_json(&profile);
            } else {
                println!("Profile saved.");
                print(&profile);
            }
        }
        ProfileCommand::Show => {
            let vault = ctx.open_read()?;
            let profile = schema::profile(vault.conn())?;
            if ctx.json {
                ctx.print_json(&profile);
            } else if let Some(profile) = profile {
                print(&profile);
            } else {
                println!("No controller profile yet. Set one with `kluis profile set`.");
            }
        }
    }
    Ok(())
}

fn print(profile: &Profile) {
    println!("name:      {}", visible(&profile.name));
    println!("email:     {}", visible(&profile.email));
    println!("address:   {}", visible(&profile.address));
    let optional = [
        ("kvk:      ", &profile.kvk),
        ("phone:    ", &profile.phone),
        ("website:  ", &profile.website),
        ("dpo name: ", &profile.dpo_name),
        ("dpo email:", &profile.dpo_email),
        ("statement:", &profile.statement_url),
    ];
    for (label, value) in optional {
        if let Some(value) = value {
            println!("{label} {}", visible(value));
        }
    }
}
