use clap::{Args, Subcommand};

use super::Context;
use crate::Error;
use crate::text::visible;

/// Extra age keys that can also open the vault (a colleague's, a backup key)
#[derive(Debug, Subcommand)]
#[command(after_help = "\
Examples:
  kluis key add age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p --label backup-usb
  kluis key list --json
  kluis key remove age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p

An added key opens the vault read-only, with --identity FILE --allow-unverified: see docs/FORMAT.md.")]
pub enum KeyCommand {
    /// Add an age X25519 public key (age1…)
    #[command(
        after_help = "Example:\n  kluis key add age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p --label backup-usb"
    )]
    Add(AddArgs),
    /// List the added keys
    #[command(after_help = "Examples:\n  kluis key list\n  kluis key list --json")]
    List,
    /// Remove an added key; the next save no longer encrypts to it
    #[command(
        after_help = "Example:\n  kluis key remove age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
    )]
    Remove(RemoveArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The public key, starting with age1
    pub public_key: String,
    /// A name to recognise it by
    #[arg(long)]
    pub label: Option<String>,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The public key to remove
    pub public_key: String,
}

pub fn run(ctx: &Context, command: KeyCommand) -> Result<(), Error> {
    match command {
        KeyCommand::Add(args) => {
            crate::vault::parse_recipient(&args.public_key)?;
            let mut vault = ctx.open_write()?;
            vault.add_recipient(&args.public_key, args.label.as_deref())?;
            vault.save()?;
            report(ctx, "added", &args.public_key);
        }
        KeyCommand::Remove(args) => {
            let mut vault = ctx.open_write()?;
            vault.remove_recipient(&args.public_key)?;
            // The backup is re-encrypted without the key too.
            let saved_but = super::saved_but(vault.save())?;
            report(ctx, "removed", &args.public_key);
            return super::after_report(saved_but);
        }
        KeyCommand::List => {
            let vault = ctx.open_read()?;
            let keys = vault.recipients()?;
            if ctx.json {
                ctx.print_json(&keys);
            } else if keys.is_empty() {
                println!("No added keys. The passphrase and the recovery key open the vault.");
            } else {
                for key in keys {
                    println!(
                        "{}  {}  added {}",
                        key.public_key,
                        visible(key.label.as_deref().unwrap_or("-")),
                        super::local_time::show(&key.added_at)
                    );
                }
            }
        }
    }
    Ok(())
}

fn report(ctx: &Context, action: &str, public_key: &str) {
    if ctx.json {
        ctx.print_json(&serde_json::json!({ "key": public_key.trim(), "action": action }));
    } else {
        println!("Key {action}: {}", visible(public_key.trim()));
    }
}
