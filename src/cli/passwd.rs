use std::path::PathBuf;

use clap::Args;

use super::Context;
use super::init::KdfArgs;
use crate::Error;
use crate::vault::{self, KdfParams};

/// Set a new passphrase; the data stays
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis passwd                                   # asks the old one, then the new one twice
  kluis passwd --identity recovery.txt           # after a lost passphrase
  KLUIS_NEW_PASSPHRASE=… kluis passwd --passphrase-file old.txt

The new passphrase comes from KLUIS_NEW_PASSPHRASE, --new-passphrase-file, or a prompt; never argv.")]
pub struct PasswdArgs {
    /// Read the new passphrase from the first line of FILE
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
    #[command(flatten)]
    pub kdf: KdfArgs,
}

pub fn run(ctx: &Context, args: PasswdArgs) -> Result<(), Error> {
    let kdf = ctx.kdf(&args.kdf)?;
    let mut vault = ctx.open_write()?;
    let params = kdf.resolve(vault.kdf_params().unwrap_or(KdfParams::DEFAULT));
    let passphrase = vault::replacement_passphrase(args.new_passphrase_file.as_deref())?;
    vault.change_passphrase(&passphrase, params)?;
    // The backup is re-encrypted too, so the old passphrase opens nothing beside the vault.
    let saved_but = super::saved_but(vault.save())?;
    if ctx.json {
        ctx.print_json(&serde_json::json!({ "vault": vault.path(), "changed": true }));
    } else {
        println!("Passphrase changed for {}", vault.path().display());
    }
    super::after_report(saved_but)
}
