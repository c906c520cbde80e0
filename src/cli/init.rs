use std::io::Write;
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use clap::Args;
use zeroize::Zeroizing;

use super::Context;
use crate::Error;
use crate::vault::{self, KdfParams, Vault};

/// Create a new, empty vault and its recovery key
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis init                                      # asks the passphrase twice, prints the recovery key once
  kluis init --recovery-key-out /media/usb/kluis-recovery.txt
  KLUIS_PASSPHRASE=… kluis init --vault shop.kluis --kdf-memory-mib 64   # for a weak machine

The recovery key opens the vault without kluis: age -d -i recovery.txt vault.kluis > customers.db
Keep it offline. Whoever holds it can read every record.")]
pub struct InitArgs {
    /// Write the recovery key to FILE (mode 0600) instead of printing it
    #[arg(long, value_name = "FILE")]
    pub recovery_key_out: Option<PathBuf>,
    #[command(flatten)]
    pub kdf: KdfArgs,
}

/// Argon2id cost flags. The defaults are safe; lower values are for weak machines and tests.
#[derive(Debug, Clone, Args)]
pub struct KdfArgs {
    /// Argon2id memory in MiB [default: 256]
    #[arg(long, value_name = "N")]
    pub kdf_memory_mib: Option<u32>,
    /// Argon2id iterations [default: 3]
    #[arg(long, value_name = "N")]
    pub kdf_iterations: Option<u32>,
    /// Argon2id lanes [default: 4]
    #[arg(long, value_name = "N")]
    pub kdf_parallelism: Option<u32>,
}

impl KdfArgs {
    /// The chosen parameters, `base` filling what is not given. Warns below the defaults.
    pub fn resolve(&self, base: KdfParams) -> KdfParams {
        let params = KdfParams {
            memory_kib: self
                .kdf_memory_mib
                .map_or(base.memory_kib, |mib| mib.saturating_mul(1024)),
            iterations: self.kdf_iterations.unwrap_or(base.iterations),
            parallelism: self.kdf_parallelism.unwrap_or(base.parallelism),
        };
        if params.below_default() {
            eprintln!(
                "warning: key-derivation parameters below the defaults ({} MiB, t={}, p={}) make a stolen vault faster to guess",
                KdfParams::DEFAULT.memory_kib / 1024,
                KdfParams::DEFAULT.iterations,
                KdfParams::DEFAULT.parallelism
            );
        }
        params
    }
}

pub fn run(ctx: &Context, args: InitArgs) -> Result<(), Error> {
    let path = ctx.vault_path()?;
    if let Some(out) = &args.recovery_key_out
        && out.exists()
    {
        return Err(Error::Usage {
            message: format!("{} already exists", out.display()),
            hint: Some("choose a new file for the recovery key; kluis never overwrites one".into()),
        });
    }
    let params = args.kdf.resolve(KdfParams::DEFAULT);
    let passphrase = vault::new_passphrase(ctx.global.passphrase_file.as_deref())?;
    let (_vault, recovery) = Vault::create(&path, &passphrase, params, ctx.wait())?;
    let written = match &args.recovery_key_out {
        Some(out) => match recovery.write_to(out) {
            Ok(()) => true,
            Err(error) => {
                // The vault exists now: never lose its only recovery key to a write error.
                eprintln!("error: {error}; printing the recovery key instead");
                false
            }
        },
        None => false,
    };
    let key = recovery.expose();
    if ctx.json {
        print_created_json(&Created {
            vault: &path,
            recovery_key_file: args.recovery_key_out.as_deref().filter(|_| written),
            recovery_key: (!written).then(|| key.expose_secret()),
            kdf: params,
        });
        return Ok(());
    }
    println!("Created the vault {}", path.display());
    match (&args.recovery_key_out, written) {
        (Some(out), true) => println!(
            "Recovery key written to {} (mode 0600). Move it offline, e.g. to a USB stick in a safe.",
            out.display()
        ),
        _ => {
            println!(
                "\nRecovery key (shown once; print it or store it offline, never beside the vault):\n"
            );
            println!("{}\n", key.expose_secret());
        }
    }
    println!(
        "Next: kluis profile set --name … --email … --address …, then kluis purpose add and kluis field add (see docs/USAGE.md)."
    );
    Ok(())
}

/// `init --json` output. The recovery key is borrowed, never copied into a plain `String`.
#[derive(serde::Serialize)]
struct Created<'a> {
    vault: &'a Path,
    recovery_key_file: Option<&'a Path>,
    recovery_key: Option<&'a str>,
    kdf: KdfParams,
}

/// Prints the JSON from one buffer that is large enough from the start (so no reallocation
/// leaves a copy of the recovery key behind) and zeroised afterwards.
fn print_created_json(created: &Created<'_>) {
    let mut out = Zeroizing::new(Vec::with_capacity(16 * 1024));
    serde_json::to_writer_pretty(&mut *out, created).expect("output types serialise");
    out.push(b'\n');
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(&out)
        .and_then(|()| stdout.flush())
        .is_err()
    {
        // The vault exists now: never lose its only recovery key to a closed stdout.
        eprintln!("error: cannot write to stdout; printing the output on stderr instead");
        let _ = std::io::stderr().write_all(&out);
    }
}
