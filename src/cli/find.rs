use clap::Args;

use super::values_input::{self, Given, ValueSource};
use super::{Context, record_table};
use crate::records::search::{self, Query};
use crate::records::view::SchemaView;
use crate::records::{Error as RecordsError, export, input};
use crate::{Error, clock};

/// Find records holding every word of TEXT, ignoring case and accents
#[derive(Debug, Args)]
#[command(after_help = "\
Every word must be in some value (`jan de vries` finds a first and a last name in two fields).
Case and accents do not count (`zoe` finds Zoë). A phone number or postcode matches however it
is written (`06-12345678` finds +31612345678, `1234ab` finds 1234 AB). No match exits 1, as
grep does; an error exits 2 or higher (3 cannot unlock, 4 damaged, 5 busy). Without --limit
every match is shown.

The words on the command line show in `ps` to other users and in your shell's history file. In
a terminal, `kluis find` without words asks for them; with --stdin or --from-file they are read
one per line.

Examples:
  kluis find                    # asks what to look for
  kluis find --stdin < name.txt
  kluis find \"de vries\"
  kluis find 06-12345678
  kluis find jan --field name --limit 20
  kluis find @example.nl --columns name,email
  kluis find @example.nl --json")]
pub struct FindArgs {
    /// The words to look for; several words must all match, each in any field
    #[arg(num_args = 1..)]
    pub text: Vec<String>,
    /// Look only in this field (repeat for several)
    #[arg(long = "field", value_name = "FIELD")]
    pub fields: Vec<String>,
    /// Show at most N records, with a note on stderr when more matched
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: Option<u64>,
    /// Show only these fields, in this order, comma-separated [alias: --fields]
    #[arg(long, alias = "fields", value_name = "A,B", value_delimiter = ',')]
    pub columns: Option<Vec<String>>,
    #[command(flatten)]
    pub source: ValueSource,
}

/// Runs `kluis find`: exit 1 means nothing matched, and every other error says it is not that.
pub fn run(ctx: &Context, args: FindArgs) -> Result<(), Error> {
    search(ctx, args).map_err(|error| match error {
        Error::Records(RecordsError::NothingFound) => error,
        other => Error::Find(Box::new(other)),
    })
}

fn search(ctx: &Context, args: FindArgs) -> Result<(), Error> {
    let given = args
        .source
        .given(!args.text.is_empty(), "kluis find --stdin < FILE")?;
    let text = match given {
        Given::Arguments => args.text.join(" "),
        Given::Text(text) => input::search_words(&text),
        Given::Prompt => input::search_words(&values_input::ask_search()?),
    };
    if text.trim().is_empty() {
        return Err(Error::Usage {
            message: "no words to look for".into(),
            hint: Some(
                "e.g. `kluis find \"de vries\"`, or the words one per line with --stdin".into(),
            ),
        });
    }
    let vault = ctx.open_read()?;
    let conn = vault.conn();
    let schema = SchemaView::load(conn)?;
    let view = export::View::new(conn, &schema, None, args.columns.as_deref())?;
    let fields: Vec<&str> = view.fields.iter().map(String::as_str).collect();
    let query = Query {
        text: &text,
        fields: &args.fields,
        limit: args.limit.map(|n| n as usize),
    };
    let found = search::search(conn, &schema, &query)?;
    let count = record_table::print_records(
        ctx.json,
        record_table::Mode::detect(),
        record_table::WhenEmpty::Nothing,
        (conn, &schema),
        &fields,
        clock::now(),
        |each| found.records.into_iter().try_for_each(each),
    )?;
    if let Some(total) = found.more {
        to_stderr!("note: showing {count} of {total} matching records; raise --limit to see more");
    }
    if count == 0 {
        return Err(RecordsError::NothingFound.into());
    }
    Ok(())
}
