use std::path::PathBuf;

use clap::Args;

use super::Context;
use crate::vault::backup::{Checked, backup_to};
use crate::{Error, clock};

/// Copy the encrypted vault to a folder under a dated name, and check that the copy opens
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis backup --to /media/usb/kluis
  kluis backup --to ~/Nextcloud/backups --json

The copy is the encrypted file, named kluis-YYYY-MM-DD.kluis (-2, -3, … on the same day): it
opens with the same passphrase or recovery key, and never overwrites a file. Keep three
copies on two kinds of storage, one of them away from the shop (3-2-1), and the recovery key
apart from all of them. To restore, check the copy with `kluis verify --vault COPY`, then put
it in the vault's place (see docs/USAGE.md).")]
pub struct BackupArgs {
    /// The folder the copy goes into; it must exist
    #[arg(long, value_name = "DIR")]
    pub to: PathBuf,
}

pub fn run(ctx: &Context, args: BackupArgs) -> Result<(), Error> {
    // Before the unlock: a missing folder costs no passphrase.
    crate::vault::backup::check_folder(&args.to)?;
    // Held for writing, so no other save replaces the file while it is copied.
    let vault = ctx.open_write()?;
    let (copy, checked) = backup_to(&vault, &args.to, clock::now().date())?;
    if ctx.json {
        ctx.print_json(&serde_json::json!({
            "copy": copy,
            "vault": vault.path(),
            "checked": checked,
        }));
        return Ok(());
    }
    println!("Backup written: {}", copy.display());
    println!(
        "  {}",
        match checked {
            Checked::Opened => "checked: the copy decrypts and its database is whole",
            Checked::SameBytes =>
                "checked: the copy is byte for byte the vault that was just decrypted",
        }
    );
    println!(
        "To restore it: kluis verify --vault {copy}, then copy it over {vault}",
        copy = copy.display(),
        vault = vault.path().display()
    );
    Ok(())
}
