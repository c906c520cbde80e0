use clap::Args;

use super::Context;
use crate::Error;

/// Unlock the vault, check its integrity and print counts; changes nothing
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis verify
  kluis verify --identity recovery.txt --json")]
pub struct VerifyArgs {}

pub fn run(ctx: &Context, _args: VerifyArgs) -> Result<(), Error> {
    let vault = ctx.open_read()?;
    vault.integrity_check()?;
    let report = vault.report()?;
    if ctx.json {
        ctx.print_json(&report);
        return Ok(());
    }
    println!("{}: ok", vault.path().display());
    println!(
        "  format {}, schema version {}, unlocked by {}",
        report.format_version,
        report.schema_version,
        serde_json::to_value(report.unlocked_by)
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .unwrap_or_default()
    );
    if let Some(kdf) = report.kdf {
        println!(
            "  Argon2id {} MiB, t={}, p={}",
            kdf.memory_kib / 1024,
            kdf.iterations,
            kdf.parallelism
        );
    }
    for (table, count) in &report.rows {
        println!("  {table}: {count}");
    }
    Ok(())
}
