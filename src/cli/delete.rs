use clap::Args;

use std::io::{BufRead, IsTerminal, Write};

use super::Context;
use crate::records::{self, RecordId, erase};
use crate::{Error, clock};

/// Erase a person (Art. 17), keeping only what a running legal obligation requires
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis delete 12                       # asks \"Erase record 12? [y/N]\" on a terminal
  kluis delete 12 --yes                 # no question
  kluis delete 12 --all-fields --yes    # also erase what a legal obligation would keep

On a terminal, delete asks for confirmation unless --yes (-y) is given; piped or in a script
it does not ask.

Values of fields that serve a legal-obligation purpose whose retention has not run out are
kept (Art. 17(3)(b)); the command names them, the purpose and until when.")]
pub struct DeleteArgs {
    /// The record's id
    #[arg(value_parser = super::record_id::RecordIdParser)]
    pub id: RecordId,
    /// Erase every value, including those a legal obligation requires to keep
    #[arg(long, requires = "yes")]
    pub all_fields: bool,
    /// Do not ask for confirmation; required with --all-fields
    #[arg(short, long)]
    pub yes: bool,
}

pub fn run(ctx: &Context, args: DeleteArgs) -> Result<(), Error> {
    run_asking(ctx, args, &mut Terminal)
}

/// [`run`], asking for confirmation through `asker`.
fn run_asking(ctx: &Context, args: DeleteArgs, asker: &mut dyn Ask) -> Result<(), Error> {
    let mut vault = ctx.open_write()?;
    records::record::ensure_exists(vault.conn(), args.id)?;
    if !confirmed(&args, asker) {
        to_stderr!("record {}: not erased", args.id);
        return Ok(());
    }
    let erasure = records::in_transaction(vault.conn_mut(), |conn, schema| {
        erase::delete(conn, schema, args.id, args.all_fields, clock::now())
    })?;
    let saved_but = super::saved_but(vault.save_after_erasure())?;
    report(ctx, &erasure);
    super::after_report(saved_but)
}

/// What was erased and what was kept, and why.
fn report(ctx: &Context, erasure: &erase::Erasure) {
    if ctx.json {
        ctx.print_json(erasure);
        return;
    }
    if erasure.record_erased {
        println!("record {}: erased", erasure.record);
        return;
    }
    if erasure.erased.is_empty() {
        println!("record {}: nothing erased", erasure.record);
    } else {
        println!(
            "record {}: erased {}",
            erasure.record,
            erasure.erased.join(", ")
        );
    }
    for kept in &erasure.kept {
        println!(
            "kept {} (Art. 17(3)(b))",
            super::record_table::kept_text(kept)
        );
    }
}

/// A yes/no question put to whoever runs the command.
pub trait Ask {
    /// `None` when nobody can answer: not on a terminal.
    fn ask(&mut self, question: &str) -> Option<bool>;
}

/// Asks on `output` and reads the answer from `input`, when `interactive`.
pub struct Prompt<R, W> {
    pub input: R,
    pub output: W,
    pub interactive: bool,
}

/// The terminal: the question on stderr, the answer from stdin, only when both are a
/// terminal (a script keeps today's behaviour). Stdin is taken only when asking, after the
/// passphrase prompt.
pub struct Terminal;

impl Ask for Terminal {
    fn ask(&mut self, question: &str) -> Option<bool> {
        Prompt {
            input: std::io::stdin().lock(),
            output: std::io::stderr(),
            interactive: std::io::stdin().is_terminal() && std::io::stderr().is_terminal(),
        }
        .ask(question)
    }
}

impl<R: BufRead, W: Write> Ask for Prompt<R, W> {
    fn ask(&mut self, question: &str) -> Option<bool> {
        if !self.interactive {
            return None;
        }
        write!(self.output, "{question} [y/N] ").ok()?;
        self.output.flush().ok()?;
        let mut line = String::new();
        // End of input or an unreadable answer counts as no.
        if self.input.read_line(&mut line).is_err() {
            return Some(false);
        }
        Some(is_yes(&line))
    }
}

/// `y` or `yes` in any case; everything else, an empty line too, is no.
fn is_yes(answer: &str) -> bool {
    matches!(
        answer.trim().to_lowercase().as_str(),
        "y" | "yes" | "j" | "ja"
    )
}

/// Whether to go ahead: `--yes`, a yes on the terminal, or nobody to ask.
fn confirmed(args: &DeleteArgs, asker: &mut dyn Ask) -> bool {
    args.yes
        || asker
            .ask(&format!("Erase record {}?", args.id))
            .unwrap_or(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(yes: bool) -> DeleteArgs {
        DeleteArgs {
            id: 12,
            all_fields: false,
            yes,
        }
    }

    fn prompt(answer: &str, interactive: bool) -> Prompt<&[u8], Vec<u8>> {
        Prompt {
            input: answer.as_bytes(),
            output: Vec::new(),
            interactive,
        }
    }

    #[test]
    fn a_terminal_is_asked_and_only_yes_erases() {
        for (answer, expected) in [
            ("y\n", true),
            ("YES\n", true),
            ("n\n", false),
            ("\n", false),
            ("", false),
        ] {
            let mut asker = prompt(answer, true);
            assert_eq!(confirmed(&args(false), &mut asker), expected, "{answer:?}");
            assert_eq!(
                String::from_utf8(asker.output).unwrap(),
                "Erase record 12? [y/N] "
            );
        }
    }

    #[test]
    fn yes_or_no_terminal_asks_nothing() {
        let mut asker = prompt("n\n", true);
        assert!(confirmed(&args(true), &mut asker));
        assert!(asker.output.is_empty());
        let mut script = prompt("n\n", false);
        assert!(confirmed(&args(false), &mut script));
        assert!(script.output.is_empty());
    }
}
