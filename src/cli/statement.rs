use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use crate::Error;
use crate::statement::model::{build_draft, build_with};
use crate::statement::publish::{self, PublishOutcome};
use crate::statement::security::SecurityFacts;
use crate::statement::{Format, Lang, Missing, Settings, output, render};

const EXAMPLES: &str = "\
Examples:
  kluis statement                                  # Dutch Markdown on stdout
  kluis statement --lang en --format html --out privacy.html
  kluis statement --format html --standalone --out privacy.html
  kluis statement --draft                          # render with [ONTBREEKT: ...] markers
  kluis statement publish                          # record this version in the vault
  kluis statement diff                             # what changed since the last publish

The version date is the date of the last `statement publish` while the statement is unchanged
since, else today; --date YYYY-MM-DD overrides it for reproducible output.";

/// Generate the privacy statement from the stored schema
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, after_help = EXAMPLES)]
pub struct StatementArgs {
    #[command(subcommand)]
    pub command: Option<StatementCommand>,
    #[command(flatten)]
    pub render: RenderArgs,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Language of the statement [default: KLUIS_LANG, the config file, else nl]
    #[arg(short, long, value_name = "LANG", value_parser = super::names::<Lang>(&["nl", "en"]))]
    pub lang: Option<Lang>,
    /// Output format
    #[arg(short, long, default_value = "md", value_parser = ["md", "html", "txt"])]
    pub format: String,
    /// Write the statement to FILE (atomically) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// With --format html: a full page with minimal inline CSS instead of a <section> fragment
    #[arg(long)]
    pub standalone: bool,
    /// Render even when the schema is incomplete, with visible markers where text is missing
    #[arg(long)]
    pub draft: bool,
    /// The version date, for reproducible output
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<time::Date>,
}

#[derive(Debug, Subcommand)]
pub enum StatementCommand {
    /// Record this version (date, content hash, schema) in the vault
    #[command(
        after_help = "Examples:\n  kluis statement publish\n  kluis statement publish --json"
    )]
    Publish,
    /// List what changed in the data model since the last published statement
    #[command(after_help = "Examples:\n  kluis statement diff\n  kluis statement diff --json")]
    Diff,
}

pub(crate) fn parse_date(text: &str) -> Result<time::Date, String> {
    time::Date::parse(
        text,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .map_err(|_| "expected a date as YYYY-MM-DD".to_string())
}

pub(crate) fn parse<T: std::str::FromStr<Err = String>>(text: &str) -> T {
    text.parse()
        .expect("clap's value_parser only lets known names through")
}

pub fn run(ctx: &Context, args: StatementArgs) -> Result<(), Error> {
    match args.command {
        None => render_statement(ctx, args.render),
        Some(StatementCommand::Publish) => publish(ctx),
        Some(StatementCommand::Diff) => diff(ctx),
    }
}

/// Lists the gaps of a draft on stderr, so a draft never passes for the real thing.
pub(crate) fn warn_missing(missing: &[Missing]) {
    if missing.is_empty() {
        return;
    }
    to_stderr!(
        "warning: this is a draft; {} item(s) missing:",
        missing.len()
    );
    for item in missing {
        to_stderr!(
            "{}",
            crate::text::visible_lines(&super::hint::statement::item(item))
        );
    }
}

#[derive(Serialize)]
struct Rendered<'a> {
    lang: Lang,
    format: String,
    version_date: &'a str,
    draft: bool,
    missing: &'a [Missing],
    out: Option<&'a PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
}

fn render_statement(ctx: &Context, args: RenderArgs) -> Result<(), Error> {
    if let Some(out) = &args.out {
        ctx.check_output_path(out)?;
    }
    let lang = ctx.lang(args.lang)?;
    let format: Format = parse(&args.format);
    if args.standalone && format != Format::Html {
        return Err(Error::Usage {
            message: "--standalone only applies to --format html".into(),
            hint: Some("kluis statement --format html --standalone".into()),
        });
    }
    let vault = ctx.open_read()?;
    let conn = vault.conn();
    let snapshot = crate::schema::load_snapshot(conn)?;
    let settings = Settings::of(SecurityFacts::of(&vault)?, conn)?;
    let date = match args.date {
        Some(date) => date,
        None => publish::version_date(conn, &snapshot, &settings, crate::clock::now().date())?,
    };
    let model = if args.draft {
        build_draft(&snapshot, &settings, lang, date)
    } else {
        build_with(&snapshot, &settings, lang, date).map_err(crate::statement::Error::from)?
    };
    let text = render::render(&model, format, args.standalone)?;
    if let Some(path) = &args.out {
        output::write_atomically(path, &text, output::PUBLIC)?;
    }
    warn_missing(&model.missing);
    if ctx.json {
        ctx.print_json(&Rendered {
            lang,
            format: format.to_string(),
            version_date: &model.version_date,
            draft: args.draft,
            missing: &model.missing,
            out: args.out.as_ref(),
            text: args.out.is_none().then_some(text.as_str()),
        });
    } else if let Some(path) = &args.out {
        println!("wrote the {lang} {format} statement to {}", path.display());
    } else {
        print!("{text}");
    }
    Ok(())
}

fn publish(ctx: &Context) -> Result<(), Error> {
    let mut vault = ctx.open_write()?;
    let snapshot = crate::schema::load_snapshot(vault.conn())?;
    let settings = Settings::of(SecurityFacts::of(&vault)?, vault.conn())?;
    let outcome = publish::publish(vault.conn(), &snapshot, &settings, crate::clock::now())?;
    if let PublishOutcome::Published { .. } = &outcome {
        vault.save()?;
    }
    if ctx.json {
        ctx.print_json(&outcome);
        return Ok(());
    }
    match outcome {
        PublishOutcome::Published { published } => println!(
            "published statement version {} at {} (sha256 {})",
            published.id,
            super::local_time::show(&published.published_at),
            published.content_hash
        ),
        PublishOutcome::Unchanged { published } => println!(
            "unchanged since version {} published at {}; nothing recorded",
            published.id,
            super::local_time::show(&published.published_at)
        ),
    }
    Ok(())
}

#[derive(Serialize)]
struct DiffReport {
    published: Option<publish::Published>,
    #[serde(flatten)]
    diff: crate::statement::SchemaDiff,
}

fn diff(ctx: &Context) -> Result<(), Error> {
    let vault = ctx.open_read()?;
    let conn = vault.conn();
    let snapshot = crate::schema::load_snapshot(conn)?;
    let published = publish::last_published(conn)?;
    let diff = publish::changes_since_publish(conn, &snapshot)?;
    if ctx.json {
        ctx.print_json(&DiffReport { published, diff });
        return Ok(());
    }
    match &published {
        Some(p) => {
            println!(
                "compared with version {} published at {}",
                p.id,
                super::local_time::show(&p.published_at)
            );
            // A change may quote an old or new text: escaped, one change per line.
            print!("{}", crate::text::visible_lines(&diff.to_string()));
        }
        None if diff.is_empty() => {
            println!("no statement has been published yet, and the schema is empty")
        }
        None => {
            println!("no statement has been published yet; everything counts as new");
            print!("{diff}");
        }
    }
    if !diff.is_empty() {
        println!("publish the updated statement with: kluis statement publish");
    }
    Ok(())
}
