//! `kluis snippet`: the footer and form that show the statement where data is collected.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Context;
use crate::Error;
use crate::statement::snippet::{self, FooterFormat};
use crate::statement::{Lang, output};

/// Short texts that link to your privacy statement where you collect data
#[derive(Debug, Subcommand)]
#[command(after_help = "\
Examples:
  kluis profile set --statement-url https://jansen.nl/privacy
  kluis snippet footer --format html --out footer.html
  kluis snippet form --purpose customer-admin --lang en --out form.html

Both need the statement's web address (`kluis profile set --statement-url`).
Files are written readable for all (0644): they are public, not personal data.")]
pub enum SnippetCommand {
    /// An e-mail footer line with the link to the statement
    #[command(
        after_help = "Examples:\n  kluis snippet footer\n  kluis snippet footer --lang en --format html --out footer.html"
    )]
    Footer(FooterArgs),
    /// An HTML form with one purpose's fields, unticked consent boxes and the statement link
    #[command(after_help = "Example:\n  kluis snippet form --purpose newsletter --out form.html")]
    Form(FormArgs),
}

#[derive(Debug, Args)]
pub struct FooterArgs {
    /// Language of the footer [default: KLUIS_LANG, the config file, else nl]
    #[arg(short, long, value_name = "LANG", value_parser = super::names::<Lang>(&["nl", "en"]))]
    pub lang: Option<Lang>,
    /// Output format
    #[arg(short, long, default_value = "txt", value_parser = ["html", "txt"])]
    pub format: String,
    /// Write the footer to FILE (atomically) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct FormArgs {
    /// The purpose whose fields the form asks for
    #[arg(short, long, value_name = "PURPOSE")]
    pub purpose: String,
    /// Language of the labels [default: KLUIS_LANG, the config file, else nl]
    #[arg(short, long, value_name = "LANG", value_parser = super::names::<Lang>(&["nl", "en"]))]
    pub lang: Option<Lang>,
    /// Write the form to FILE (atomically) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(ctx: &Context, command: SnippetCommand) -> Result<(), Error> {
    let out = match &command {
        SnippetCommand::Footer(args) => args.out.clone(),
        SnippetCommand::Form(args) => args.out.clone(),
    };
    if let Some(out) = &out {
        ctx.check_output_path(out)?;
    }
    let vault = ctx.open_read()?;
    let snapshot = crate::schema::load_snapshot(vault.conn())?;
    let text = match &command {
        SnippetCommand::Footer(args) => {
            let format = match args.format.as_str() {
                "html" => FooterFormat::Html,
                _ => FooterFormat::Txt,
            };
            snippet::footer(&snapshot, ctx.lang(args.lang)?, format)
        }
        SnippetCommand::Form(args) => snippet::form(&snapshot, &args.purpose, ctx.lang(args.lang)?),
    }
    .map_err(crate::statement::Error::from)?;
    match &out {
        Some(path) => {
            output::write_atomically(path, &text, output::PUBLIC)?;
            if ctx.json {
                ctx.print_json(&serde_json::json!({ "out": path }));
            } else {
                println!("wrote the snippet to {}", path.display());
            }
        }
        None if ctx.json => ctx.print_json(&serde_json::json!({ "text": text })),
        None => print!("{text}"),
    }
    Ok(())
}
