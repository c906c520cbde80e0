//! `kluis shell`: unlock once, then run the normal commands line by line. Each command still
//! opens the vault file afresh (other writers' saves are seen, the lock works as for a single
//! command), with the key derived at unlock instead of a prompt and a second key derivation.

mod complete;
mod idle;
mod line;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use clap::Args;
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Config, Editor};

use super::Context;
use crate::Error;
use crate::vault::{SessionKey, Vault};
use complete::{Completion, Names};
use idle::IdleLock;

/// Run kluis commands one after another, unlocked once
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis shell                          # asks the passphrase once
  kluis shell --idle-lock 15
  kluis shell --vault ~/bakkerij.kluis

Inside, type the commands without `kluis`: list, add name=\"Jan de Vries\", consent give ….
Tab completes commands, flags, field names and purposes; `help` lists the commands; `exit`,
`quit` or Ctrl-D leaves; Ctrl-C clears the line. History stays in memory and never reaches a
file. After --idle-lock minutes without input the key is dropped and the next command asks
for the passphrase again. Scripts call kluis directly: the shell needs a terminal.")]
pub struct ShellArgs {
    /// Lock after this many minutes without input (decimals allowed)
    #[arg(long, value_name = "MINUTES", default_value_t = 5.0,
          value_parser = super::open::positive_minutes)]
    pub idle_lock: f64,
}

const PROMPT: &str = "kluis> ";

pub fn run(ctx: &Context, args: ShellArgs) -> Result<(), Error> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::Usage {
            message: "kluis shell needs a terminal on standard input".into(),
            hint: Some("scripts run each command directly, e.g. `kluis list --json`".into()),
        });
    }
    let shell = Shell {
        ctx,
        vault: crate::vault::real_path(&ctx.vault_path()?),
        lock: IdleLock::new(Duration::from_secs_f64(args.idle_lock * 60.0)),
        names: Arc::new(Mutex::new(Names::default())),
    };
    shell.unlock()?;
    let mut editor = editor(Completion::new(shell.names.clone()))?;
    let printer = editor.create_external_printer().map_err(terminal)?;
    let watchdog = idle::watch(shell.lock.clone(), printer, args.idle_lock);
    // On stderr, like the prompts: stdout carries only what the commands print.
    to_stderr!(
        "kluis shell: {} is unlocked. Type `help` for the commands, `exit` to leave.",
        shell.vault.display()
    );
    let result = shell.read_lines(&mut editor);
    shell.lock.stop();
    let _ = watchdog.join();
    result
}

/// The line editor: history in memory only (this crate is built without rustyline's file
/// history, so nothing can save it), completion from the command tree and the vault's names.
fn editor(completion: Completion) -> Result<Editor<Completion, DefaultHistory>, Error> {
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_space(true)
        .completion_type(CompletionType::List)
        .build();
    let mut editor = Editor::with_config(config).map_err(terminal)?;
    editor.set_helper(Some(completion));
    Ok(editor)
}

fn terminal(error: ReadlineError) -> Error {
    Error::Usage {
        message: format!("cannot use the terminal: {error}"),
        hint: Some("run kluis shell in an interactive terminal".into()),
    }
}

/// What to do after a line.
enum Step {
    Next,
    Leave,
}

struct Shell<'a> {
    /// The shell's own global flags: every line's defaults.
    ctx: &'a Context,
    /// The one vault this shell is unlocked for.
    vault: PathBuf,
    lock: Arc<IdleLock>,
    names: Arc<Mutex<Names>>,
}

impl Shell<'_> {
    fn read_lines(&self, editor: &mut Editor<Completion, DefaultHistory>) -> Result<(), Error> {
        loop {
            self.lock.reading();
            let read = editor.readline(PROMPT);
            self.lock.busy();
            match read {
                Ok(text) => {
                    if !text.trim().is_empty() {
                        let _ = editor.add_history_entry(text.as_str());
                    }
                    if let Step::Leave = self.line(&text)? {
                        return Ok(());
                    }
                }
                Err(ReadlineError::Interrupted) => {}
                Err(ReadlineError::Eof) => return Ok(()),
                Err(error) => return Err(terminal(error)),
            }
        }
    }

    /// Runs one line. A command's error is printed and the shell goes on; only a failed
    /// unlock ends it (`Err`).
    fn line(&self, text: &str) -> Result<Step, Error> {
        let words = match shell_words::split(text) {
            Ok(words) => words,
            Err(_) => {
                self.report(&line::unbalanced_quotes());
                return Ok(Step::Next);
            }
        };
        match words.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            [] => return Ok(Step::Next),
            ["exit" | "quit"] => return Ok(Step::Leave),
            _ => {}
        }
        let parsed = match line::parse(&words, &self.ctx.global, &self.vault) {
            Ok(parsed) => parsed,
            Err(line::Refused::Clap(error)) => {
                let json = self.ctx.json || words.iter().any(|word| word == "--json");
                super::report_usage(&error, json);
                line::after_help(&words, &error);
                return Ok(Step::Next);
            }
            Err(line::Refused::Error(error)) => {
                self.report(&error);
                return Ok(Step::Next);
            }
        };
        let key = match self.key() {
            Ok(key) => key,
            // Three wrong passphrases end the shell with exit code 3, as they end a command.
            Err(error) if line::cannot_unlock(&error) => return Err(error),
            Err(error) => {
                self.report(&error);
                return Ok(Step::Next);
            }
        };
        let json = parsed.global.json;
        let ctx = Context::in_session(parsed.global, key);
        if let Err(error) = super::dispatch(ctx, parsed.command) {
            if line::passphrase_changed(&error) {
                // Another terminal ran `kluis passwd`: this key opens nothing any more.
                self.lock.drop_key();
                super::report(&line::unlock_again(), json);
            } else {
                super::report(&error, json);
            }
        }
        self.refresh_names();
        Ok(Step::Next)
    }

    fn report(&self, error: &Error) {
        super::report(error, self.ctx.json);
    }

    /// The session key, asking for the passphrase again after an idle lock.
    fn key(&self) -> Result<Arc<SessionKey>, Error> {
        match self.lock.key() {
            Some(key) => Ok(key),
            None => self.unlock(),
        }
    }

    /// Asks for the passphrase (or takes it from the file, the environment or the identity,
    /// as any command does), and keeps the key until the idle lock drops it.
    fn unlock(&self) -> Result<Arc<SessionKey>, Error> {
        let (vault, key) = Vault::open_for_session(&self.vault, &self.ctx.unlock_options())?;
        *self.names.lock().unwrap_or_else(PoisonError::into_inner) = Names::read(vault.conn());
        let key = Arc::new(key);
        self.lock.set_key(key.clone());
        Ok(key)
    }

    /// Reads the field and purpose names again, which the last command may have changed.
    fn refresh_names(&self) {
        let Some(key) = self.lock.key() else { return };
        let access = crate::vault::Access::Read;
        if let Ok(vault) = Vault::open_with_session(&self.vault, &key, access) {
            *self.names.lock().unwrap_or_else(PoisonError::into_inner) = Names::read(vault.conn());
        }
    }
}
