//! `kluis request`: the register of people's requests, and the answers that carry them out.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Context, names, values_input};
use crate::records::RecordId;
use crate::requests::answer::{self, Answered, Options};
use crate::requests::deadline::{format_date, parse_date};
use crate::requests::register::{self, NewRequest, Request};
use crate::requests::{self, Kind, RequestId, Via};
use crate::statement::{Format, Lang};
use crate::vault::{self, Vault};
use crate::{Error, clock};

/// Answer people's requests about their data on time (Art. 12–22)
#[derive(Debug, Subcommand)]
#[command(after_help = "\
Examples:
  kluis request add access --email - --via email     # asks for the address
  kluis request add access --email jan@example.nl --via email
  kluis request add erasure --subject 12 --received 2026-03-02
  kluis request add objection --subject 12 --purpose newsletter
  kluis request list --open
  kluis request extend 3 --reason \"many requests at once\"
  kluis request answer 3 --lang nl --format html --out letter.html
  kluis request answer 4 --set email=jan@example.org
  kluis request answer 4 --stdin < correction.txt    # the same, out of shell history
  kluis request close 5 --reason \"identity not proven\"
  kluis request lift 6 --out lifted.md

The answer is due one calendar month after receipt (31 January gives the end of February);
`kluis check` warns a week ahead and fails once a request is overdue. The register keeps
type, dates, record id and outcome, never a value, and `kluis purge` forgets a request two
years after it was closed. See docs/REQUESTS.md.")]
pub enum RequestCommand {
    /// Record a request and print its number and due date
    #[command(after_help = "\
Examples:
  kluis request add access --email -                               # asks for the address
  kluis request add access --email jan@example.nl
  kluis request add rectification --subject 12 --via letter --received 2026-02-27
  kluis request add objection --subject 12                         # every legitimate-interest and public-task purpose
  kluis request add objection --subject 12 --purpose newsletter    # a direct-marketing purpose
  kluis request add withdraw-consent --subject 12 --purpose newsletter")]
    Add(AddArgs),
    /// List the requests with their due dates
    #[command(after_help = "Examples:\n  kluis request list\n  kluis request list --open --json")]
    List(ListArgs),
    /// Extend the deadline once, by at most two months (Art. 12(3))
    #[command(
        after_help = "Example:\n  kluis request extend 3 --reason \"Veel verzoeken tegelijk\" --months 2"
    )]
    Extend(ExtendArgs),
    /// Carry a request out, write the letter and close the request
    #[command(after_help = "\
Examples:
  kluis request answer 3 --dry-run        # the letter and what it does; changes nothing
  kluis request answer 3 --lang en --format html --out letter.html
  kluis request answer 4 --set name=\"Jan de Vries\" --set phone=
  kluis request answer 4 --stdin < correction.txt   # name=Jan de Vries, one per line

Values given with --set show in `ps` to other users and in your shell's history file;
--stdin keeps them out of both.

An erasure runs `kluis delete` without --yes: the request is the confirmation. The letter
holds the person's data: --out writes it readable by you only; delete it once it is sent.")]
    Answer(AnswerArgs),
    /// Close a request without an answer (withdrawn, identity not proven)
    #[command(
        after_help = "Example:\n  kluis request close 3 --reason \"Identiteit niet vastgesteld\""
    )]
    Close(CloseArgs),
    /// Lift a restriction and write the letter that announces it (Art. 18(3))
    #[command(after_help = "Example:\n  kluis request lift 2 --out lift-2.md")]
    Lift(LiftArgs),
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("person").required(true).args(["subject", "email"]))]
pub struct AddArgs {
    /// What the person asks for
    #[arg(value_parser = names::<Kind>(Kind::NAMES))]
    pub kind: Kind,
    /// The person's record id
    #[arg(long, value_name = "ID", value_parser = super::record_id::RecordIdParser)]
    pub subject: Option<RecordId>,
    /// Find the person as `kluis find` does; refused when none or several match. `-` reads
    /// the address from standard input, or asks for it on a terminal
    #[arg(long, value_name = "ADDRESS")]
    pub email: Option<String>,
    /// The day the request arrived, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    pub received: Option<String>,
    /// How the request came in
    #[arg(long, value_parser = names::<Via>(Via::NAMES))]
    pub via: Option<Via>,
    /// A note for yourself, without the person's details
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// For an objection or a withdrawal of consent: the purpose; repeat for more
    #[arg(short, long, value_name = "PURPOSE")]
    pub purpose: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only the requests that are not answered or closed yet
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Args)]
pub struct ExtendArgs {
    /// The request's number
    pub id: RequestId,
    /// Why: the person must be told within the first month, with this reason
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// One or two months
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub months: u32,
}

/// How a letter is written.
#[derive(Debug, Args)]
pub struct LetterArgs {
    /// The letter's language [default: KLUIS_LANG, the config file, else nl]
    #[arg(short, long, value_name = "LANG", value_parser = super::names::<Lang>(&["nl", "en"]))]
    pub lang: Option<Lang>,
    /// The letter's format
    #[arg(short, long, default_value = "md", value_parser = ["md", "html", "txt"])]
    pub format: String,
    /// Write the letter to FILE (mode 0600) instead of stdout
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Show the letter and what would change; change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// The request's number
    pub id: RequestId,
    /// For a rectification: the corrected value, as field=value; repeat for more
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub set: Vec<String>,
    /// For a rectification: read the corrected values from standard input instead, one
    /// field=value per line or one JSON object, out of `ps` and shell history
    #[arg(long, conflicts_with = "set")]
    pub stdin: bool,
    #[command(flatten)]
    pub letter: LetterArgs,
}

#[derive(Debug, Args)]
pub struct CloseArgs {
    /// The request's number
    pub id: RequestId,
    /// Why it closes without an answer, without the person's details
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// The day it closed, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct LiftArgs {
    /// The number of the restriction request
    pub id: RequestId,
    #[command(flatten)]
    pub letter: LetterArgs,
}

pub fn run(ctx: &Context, command: RequestCommand) -> Result<(), Error> {
    match command {
        RequestCommand::Add(args) => add(ctx, args),
        RequestCommand::List(args) => list(ctx, args),
        RequestCommand::Extend(args) => {
            let now = clock::now();
            let request = change(ctx, |conn, schema| {
                register::extend(conn, schema, args.id, args.months, &args.reason, now)
            })?;
            let until = request.extended_until.clone().unwrap_or_default();
            print(ctx, &request, || {
                format!(
                    "request {}: extended until {until}; tell the person before {}, with the reason",
                    request.id, request.due_on
                )
            });
            Ok(())
        }
        RequestCommand::Close(args) => {
            let now = clock::now();
            let date = args
                .date
                .as_deref()
                .map(|d| parse_date(d, "closing"))
                .transpose()?;
            let request = change(ctx, |conn, schema| {
                register::close(conn, schema, args.id, &args.reason, date, now)
            })?;
            print(ctx, &request, || {
                format!(
                    "request {}: closed without an answer on {}",
                    request.id,
                    request.closed_on.clone().unwrap_or_default()
                )
            });
            Ok(())
        }
        RequestCommand::Answer(args) => {
            let edits = match args.stdin {
                true => corrections_from_stdin()?,
                false => args.set,
            };
            let options = options(ctx, &args.letter, edits)?;
            letter(ctx, &args.letter, |conn| {
                answer::answer(conn, args.id, &options, clock::now())
            })
        }
        RequestCommand::Lift(args) => {
            let options = options(ctx, &args.letter, Vec::new())?;
            letter(ctx, &args.letter, |conn| {
                answer::lift(conn, args.id, &options, clock::now())
            })
        }
    }
}

/// Runs a register change in one transaction and saves.
fn change<T>(
    ctx: &Context,
    change: impl FnOnce(
        &rusqlite::Connection,
        &crate::records::view::SchemaView,
    ) -> Result<T, requests::Error>,
) -> Result<T, Error> {
    let mut vault = ctx.open_write()?;
    let result = requests::in_transaction(vault.conn_mut(), change)?;
    vault.save()?;
    Ok(result)
}

fn print(ctx: &Context, request: &Request, human: impl FnOnce() -> String) {
    if ctx.json {
        ctx.print_json(request);
    } else {
        println!("{}", human());
    }
}

fn add(ctx: &Context, args: AddArgs) -> Result<(), Error> {
    let now = clock::now();
    let received = args
        .received
        .as_deref()
        .map(|d| parse_date(d, "received"))
        .transpose()?;
    let email = args
        .email
        .as_deref()
        .map(|given| values_input::text_or_stdin(given, "E-mail address of the person: "))
        .transpose()?;
    let request = change(ctx, |conn, schema| {
        let record = match (&args.subject, &email) {
            (Some(id), _) => *id,
            (None, Some(email)) => register::find_by_email(conn, schema, email)?,
            (None, None) => unreachable!("clap requires --subject or --email"),
        };
        let new = NewRequest {
            kind: args.kind,
            record,
            via: args.via,
            received,
            note: args.note.clone(),
            purposes: args.purpose.clone(),
        };
        register::add(conn, schema, &new, now)
    })?;
    print(ctx, &request, || {
        let purposes = if request.purposes.is_empty() {
            String::new()
        } else {
            format!(" ({})", request.purposes.join(", "))
        };
        format!(
            "request {}: {}{purposes} for record {}, received {}, due {}",
            request.id, request.kind, request.record, request.received_on, request.due_on
        )
    });
    Ok(())
}

fn list(ctx: &Context, args: ListArgs) -> Result<(), Error> {
    let vault = ctx.open_read()?;
    let requests = register::list(vault.conn(), args.open)?;
    let today = clock::now().date();
    if ctx.json {
        let rows: Vec<serde_json::Value> = requests
            .iter()
            .map(|r| {
                let mut value = serde_json::to_value(r).expect("requests serialise");
                value["status"] = r.status(today).into();
                value["deadline"] = format_date(r.deadline()).into();
                value
            })
            .collect();
        ctx.print_json(&rows);
        return Ok(());
    }
    if requests.is_empty() {
        println!("No requests. Record one with `kluis request add`.");
        return Ok(());
    }
    let mut rows = vec![["id", "type", "record", "received", "due", "status"].map(String::from)];
    for r in &requests {
        rows.push([
            r.id.to_string(),
            r.kind.to_string(),
            r.record.to_string(),
            r.received_on.clone(),
            format_date(r.deadline()),
            r.status(today).to_string(),
        ]);
    }
    let widths: Vec<usize> = (0..6)
        .map(|c| {
            rows.iter()
                .map(|row| row[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| format!("{cell:w$}"))
            .collect();
        println!("{}", cells.join("  ").trim_end());
    }
    Ok(())
}

/// The corrected values of `request answer --stdin`, as `--set` gives them.
fn corrections_from_stdin() -> Result<Vec<String>, Error> {
    let text = values_input::stdin_text()?;
    let values = crate::records::input::parse_values(&text)?;
    Ok(values
        .into_iter()
        .map(|(field, value)| format!("{field}={value}"))
        .collect())
}

fn options(ctx: &Context, letter: &LetterArgs, edits: Vec<String>) -> Result<Options, Error> {
    // The `field=value` syntax is checked before the unlock; the values once it is open.
    crate::records::record::parse_assignments(&edits)?;
    Ok(Options {
        lang: ctx.lang(letter.lang)?,
        edits,
        dry_run: letter.dry_run,
    })
}

/// Answers (or lifts), saves unless it is a dry run, then writes the letter.
fn letter(
    ctx: &Context,
    args: &LetterArgs,
    work: impl FnOnce(&mut rusqlite::Connection) -> Result<Answered, requests::Error>,
) -> Result<(), Error> {
    if let Some(out) = &args.out {
        ctx.check_output_path(out)?;
    }
    let format: Format = args.format.parse().map_err(|message| Error::Usage {
        message,
        hint: None,
    })?;
    // Made ready before the answer is saved: an erasure or a closed request cannot be undone,
    // so a path that cannot be written must fail first.
    let pending = match &args.out {
        Some(path) => Some((path, super::export::pending_private(path)?)),
        None => None,
    };
    let mut vault = ctx.open_write()?;
    let answered = work(vault.conn_mut())?;
    let saved_but = save_answer(&mut vault, &answered)?;
    let text = answered.letter.render(format);
    if let Some((out, pending)) = pending
        && let Err(error) = super::export::finish_private(out, pending, &text)
    {
        if !answered.dry_run {
            // The answer is saved and will not be given twice: the letter is not lost.
            to_stderr!(
                "the request is answered and saved, but its letter could not be written to {}; here it is on stdout",
                out.display()
            );
            print!("{text}");
        }
        return Err(error);
    }
    let summary = summary(&answered, args.out.as_ref());
    if ctx.json {
        let mut value = serde_json::to_value(&answered).expect("answers serialise");
        if args.out.is_none() {
            value["letter"] = text.into();
        }
        ctx.print_json(&value);
    } else if args.out.is_some() {
        println!("{summary}");
    } else {
        print!("{text}");
        to_stderr!("{summary}");
    }
    super::after_report(saved_but)
}

/// Saves the answer unless it is a dry run, before its letter leaves, so a failed save sends
/// nothing. A save that replaced the vault but not its backup is given back: the answer is
/// on disk, so its letter must still go out before the error is reported.
fn save_answer(vault: &mut Vault, answered: &Answered) -> Result<Option<vault::Error>, Error> {
    if answered.dry_run {
        return Ok(None);
    }
    super::saved_but(match answered.erasure {
        Some(_) => vault.save_after_erasure(),
        None => vault.save(),
    })
}

fn summary(answered: &Answered, out: Option<&PathBuf>) -> String {
    let id = answered.request.id;
    let done = answered.done.join("; ");
    let written = out
        .map(|p| format!("; letter written to {}", p.display()))
        .unwrap_or_default();
    if answered.dry_run {
        format!("dry run, nothing changed: request {id}: {done}")
    } else {
        format!("request {id}: {done}{written}")
    }
}
