use std::io::Write;
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use clap::Args;
use zeroize::Zeroizing;

use super::{Context, names};
use crate::Error;
use crate::schema::{self, Starter, starter};
use crate::vault::{self, KdfParams, Vault};

/// Create a new vault and its recovery key, empty or from a starter
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis init                                      # asks a passphrase twice, shows the recovery key
  kluis init --starter webshop                    # a web shop's purposes, to review
  kluis init --recovery-key-out /media/usb/kluis-recovery.txt
  KLUIS_PASSPHRASE=… kluis init --vault shop.kluis --kdf-memory-mib 64   # for a weak machine

Starters declare purposes, fields and recipients for a kind of business: webshop, zzp
(freelancer), salon (or therapist with health notes) or club. Review them with
`kluis purpose list` and `kluis field list`; only the profile is left to set.

The recovery key opens the vault without kluis: age -d -i recovery.txt vault.kluis > customers.db
Keep it offline. Whoever holds it can read every record.")]
pub struct InitArgs {
    /// Declare the purposes, fields and recipients of a kind of business
    #[arg(long, value_name = "STARTER", default_value = "none", value_parser = names::<Starter>(Starter::NAMES))]
    pub starter: Starter,
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
    #[arg(long, value_name = "N", env = "KLUIS_KDF_MEMORY_MIB")]
    pub kdf_memory_mib: Option<u32>,
    /// Argon2id iterations [default: 3]
    #[arg(long, value_name = "N", env = "KLUIS_KDF_ITERATIONS")]
    pub kdf_iterations: Option<u32>,
    /// Argon2id lanes [default: 4]
    #[arg(long, value_name = "N", env = "KLUIS_KDF_PARALLELISM")]
    pub kdf_parallelism: Option<u32>,
}

impl KdfArgs {
    /// Refuses values beyond kluis's caps (a usage error) before a vault is opened or a
    /// passphrase asked; what is not given is taken as the default for the check.
    pub fn check(&self) -> Result<(), crate::vault::Error> {
        let params = KdfParams {
            memory_kib: self
                .kdf_memory_mib
                .map_or(KdfParams::DEFAULT.memory_kib, |mib| {
                    mib.saturating_mul(1024)
                }),
            iterations: self.kdf_iterations.unwrap_or(KdfParams::DEFAULT.iterations),
            parallelism: self
                .kdf_parallelism
                .unwrap_or(KdfParams::DEFAULT.parallelism),
        };
        params
            .validate()
            .map_err(|reason| crate::vault::Error::KdfParams { reason })
    }

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
            to_stderr!(
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
    let params = ctx.kdf(&args.kdf)?.resolve(KdfParams::DEFAULT);
    // Before the prompt: an existing vault or bad parameters cost no typing.
    vault::check_new(&path, params)?;
    let passphrase = vault::new_passphrase(ctx.global.passphrase_file.as_deref())?;
    let (mut vault, recovery) = Vault::create(&path, &passphrase, params, ctx.wait())?;
    // Shown below in any case: the vault exists now, and its recovery key is never lost to a
    // starter that fails.
    let started = apply_starter(&mut vault, args.starter);
    let written = match &args.recovery_key_out {
        Some(out) => match recovery.write_to(out) {
            Ok(()) => true,
            Err(error) => {
                // The vault exists now: never lose its only recovery key to a write error.
                to_stderr!("error: {error}; printing the recovery key instead");
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
            starter: args.starter,
        });
        return started;
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
    started?;
    if args.starter == Starter::None {
        println!(
            "Next: kluis profile set --name … --email … --address …, then kluis purpose add and kluis field add (see docs/USAGE.md)."
        );
    } else {
        let preview = starter::preview(args.starter);
        println!(
            "Declared the {} starter: {} purpose(s), {} field(s) and {} recipient(s); review them with kluis purpose list and kluis field list.",
            args.starter,
            preview.purposes.len(),
            preview.fields.len(),
            preview.recipients.len()
        );
        println!("Next: kluis profile set --name … --email … --address …, then kluis statement.");
    }
    Ok(())
}

/// Declares the starter in one transaction and saves the vault.
fn apply_starter(vault: &mut Vault, chosen: Starter) -> Result<(), Error> {
    if chosen == Starter::None {
        return Ok(());
    }
    schema::in_transaction(vault.conn_mut(), |tx| starter::apply(tx, chosen))?;
    vault.save()?;
    Ok(())
}

/// `init --json` output. The recovery key is borrowed, never copied into a plain `String`.
#[derive(serde::Serialize)]
struct Created<'a> {
    vault: &'a Path,
    recovery_key_file: Option<&'a Path>,
    recovery_key: Option<&'a str>,
    kdf: KdfParams,
    starter: Starter,
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
        to_stderr!("error: cannot write to stdout; printing the output on stderr instead");
        let _ = std::io::stderr().write_all(&out);
    }
}
