//! `kluis schema export|apply`: the whole schema as one TOML file, to review, version and
//! declare in one step.

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};

use super::Context;
use crate::Error;
use crate::schema::document::{self, Action, Document, Step};
use crate::statement::output;

/// The schema as one TOML file: export it, or declare one in a single step
#[derive(Debug, Subcommand)]
#[command(after_help = "\
Examples:
  kluis schema export --out schema.toml
  kluis schema apply schema.toml --dry-run
  kluis schema apply schema.toml

The format is in docs/SCHEMA.md.")]
pub enum SchemaCommand {
    /// Write the declared profile, purposes, fields, recipients and cookies as TOML
    #[command(after_help = "\
Examples:
  kluis schema export
  kluis schema export --out schema.toml")]
    Export(ExportArgs),
    /// Declare a TOML schema: add what is missing, change what differs, never remove
    #[command(after_help = "\
Examples:
  kluis schema apply schema.toml --dry-run   # the plan, nothing saved
  kluis schema apply schema.toml
  kluis schema export | kluis schema apply - --vault other.kluis")]
    Apply(ApplyArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write the schema to FILE (atomically, owner-only) instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The TOML schema file, or - for stdin
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Check everything and print the plan, but save nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Context, command: SchemaCommand) -> Result<(), Error> {
    match command {
        SchemaCommand::Export(args) => export(ctx, args),
        SchemaCommand::Apply(args) => apply(ctx, args),
    }
}

fn export(ctx: &Context, args: ExportArgs) -> Result<(), Error> {
    if let Some(out) = &args.out {
        ctx.check_output_path(out)?;
    }
    let vault = ctx.open_read()?;
    let document = Document::load(vault.conn())?;
    let text = document.to_toml();
    match &args.out {
        Some(path) => {
            output::write_atomically(path, &text, output::INTERNAL)?;
            if ctx.json {
                ctx.print_json(&serde_json::json!({ "out": path }));
            } else {
                println!("wrote the schema to {}", path.display());
            }
        }
        None if ctx.json => ctx.print_json(&document),
        None => print!("{text}"),
    }
    Ok(())
}

fn apply(ctx: &Context, args: ApplyArgs) -> Result<(), Error> {
    let document = Document::from_toml(&read(&args.file)?)?;
    let mut vault = ctx.open_write()?;
    let plan = document::apply(vault.conn_mut(), &document, args.dry_run)?;
    let changed = plan
        .iter()
        .any(|step| matches!(step.action, Action::Add | Action::Change));
    if changed && !args.dry_run {
        vault.save()?;
    }
    if ctx.json {
        ctx.print_json(&serde_json::json!({ "dry_run": args.dry_run, "plan": plan }));
    } else {
        print_plan(&plan, args.dry_run);
    }
    Ok(())
}

fn print_plan(plan: &[Step], dry_run: bool) {
    for step in plan {
        let what = match (step.action, dry_run) {
            (Action::Add, false) => "added",
            (Action::Add, true) => "would add",
            (Action::Change, false) => "changed",
            (Action::Change, true) => "would change",
            (Action::Keep, _) => "unchanged",
            (Action::NotRemoved, _) => "not in the file; kept (apply never removes)",
        };
        println!("{} {}: {what}", step.kind, step.name);
    }
    if dry_run {
        println!("dry run: nothing was saved");
    }
}

fn read(path: &Path) -> Result<String, Error> {
    let mut text = String::new();
    let result = if path == Path::new("-") {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut file| file.read_to_string(&mut text).map(|_| ()))
    };
    result.map_err(|error| Error::Usage {
        message: format!("cannot read {}: {error}", path.display()),
        hint: Some("give the path of a TOML schema file, e.g. from `kluis schema export`".into()),
    })?;
    Ok(text)
}
