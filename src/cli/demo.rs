use clap::Args;

use super::Context;
use super::statement::parse;
use crate::Error;
use crate::statement::model::build;
use crate::statement::{Format, Lang, render};

/// Print the privacy statement of a built-in demo bakery; nothing is written to disk
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis demo                         # the Dutch statement, as Markdown
  kluis demo --lang en --format txt

The demo builds a small bakery's schema and three customers in memory, then generates the
statement from that schema, exactly as `kluis statement` does for your own vault. To start your
own: kluis init, then docs/USAGE.md.")]
pub struct DemoArgs {
    /// Language of the statement [default: KLUIS_LANG, the config file, else nl]
    #[arg(short, long, value_name = "LANG", value_parser = super::names::<Lang>(&["nl", "en"]))]
    pub lang: Option<Lang>,
    /// Output format
    #[arg(short, long, default_value = "md", value_parser = ["md", "html", "txt"])]
    pub format: String,
}

pub fn run(ctx: &Context, args: DemoArgs) -> Result<(), Error> {
    let lang = ctx.lang(args.lang)?;
    let format: Format = parse(&args.format);
    let conn = crate::demo::bakery()?;
    let snapshot = crate::schema::load_snapshot(&conn)?;
    let model = build(&snapshot, lang, crate::clock::now().date())
        .map_err(crate::statement::Error::from)?;
    let text = render::render(&model, format, false)?;
    if ctx.json {
        ctx.print_json(&serde_json::json!({
            "lang": lang,
            "format": format.to_string(),
            "purposes": snapshot.purposes.len(),
            "fields": snapshot.fields.len(),
            "text": text,
        }));
    } else {
        to_stderr!(
            "Demo: Bakkerij Jansen, {} purposes and {} fields, in memory only. Generated statement:\n",
            snapshot.purposes.len(),
            snapshot.fields.len()
        );
        print!("{text}");
    }
    Ok(())
}
