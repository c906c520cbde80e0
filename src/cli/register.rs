use std::path::PathBuf;

use clap::Args;

use super::Context;
use super::statement::{parse_date, warn_missing};
use crate::Error;
use crate::statement::register::{build_register, render_csv, render_markdown};
use crate::statement::{Lang, output};

/// Print the Art. 30(1) register of processing activities, one row per purpose
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis register
  kluis register --format csv --lang en --out register.csv

Gaps (such as a missing controller profile) are shown as markers and listed on stderr.")]
pub struct RegisterArgs {
    /// Output format; csv neutralises cells a spreadsheet would run as a formula
    #[arg(short, long, default_value = "md", value_parser = ["md", "csv"])]
    pub format: String,
    /// Language of the register [default: KLUIS_LANG, the config file, else nl]
    #[arg(short, long, value_name = "LANG", value_parser = super::names::<Lang>(&["nl", "en"]))]
    pub lang: Option<Lang>,
    /// Write the register to FILE (atomically) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The date shown as "updated on" [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<time::Date>,
}

pub fn run(ctx: &Context, args: RegisterArgs) -> Result<(), Error> {
    if let Some(out) = &args.out {
        ctx.check_output_path(out)?;
    }
    let lang = ctx.lang(args.lang)?;
    let vault = ctx.open_read()?;
    let snapshot = crate::schema::load_snapshot(vault.conn())?;
    let date = args.date.unwrap_or_else(|| crate::clock::now().date());
    let register = build_register(&snapshot, lang, date);
    let text = if args.format == "csv" {
        render_csv(&register)
    } else {
        render_markdown(&register)?
    };
    warn_missing(&register.missing);
    match &args.out {
        Some(path) => {
            output::write_atomically(path, &text, output::INTERNAL)?;
            if ctx.json {
                ctx.print_json(&serde_json::json!({
                    "out": path, "format": args.format, "lang": lang, "missing": register.missing,
                }));
            } else {
                println!(
                    "wrote the {lang} {} register to {}",
                    args.format,
                    path.display()
                );
            }
        }
        None if ctx.json => ctx.print_json(&register),
        None => print!("{text}"),
    }
    Ok(())
}
