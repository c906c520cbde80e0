//! Command-line types: one file per subcommand, no SQL and no crypto here.

mod add;
mod backup;
mod check;
mod completions;
mod config;
mod consent;
mod cookie;
mod delete;
mod demo;
mod edit;
mod export;
mod field;
mod find;
pub mod hint;
mod import;
mod init;
mod interrupt;
mod key;
mod list;
mod local_time;
mod log;
mod open;
mod passwd;
mod profile;
mod purge;
mod purpose;
mod recipient;
mod record_id;
mod record_table;
mod register;
mod request;
mod schema;
mod shell;
mod show;
mod snippet;
mod statement;
mod stream;
mod values_input;
mod verify;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::vault::{Access, SessionKey, UnlockOptions, Vault};
use crate::{Error, HasExitCode};

const ABOUT: &str =
    "An encrypted, purpose-bound customer vault that writes its own privacy statement.";

const EXAMPLES: &str = "\
Examples:
  kluis demo                                      # see the privacy statement of a demo shop
  kluis open                                      # the vault in your browser, for every daily job
  kluis init --recovery-key-out ~/recovery-key.txt
  kluis verify
  KLUIS_VAULT=/path/shop.kluis kluis verify --json

Exit codes: 0 ok, 1 error, 2 usage, 3 cannot unlock, 4 not a vault/damaged/tampered, 5 busy.
Documentation: docs/ in the source tree (USAGE.md, FORMAT.md, SECURITY.md).";

#[derive(Debug, Parser)]
#[command(name = "kluis", version, about = ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every subcommand accepts, before or after its name.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The vault file [env: KLUIS_VAULT] [default: the config file's `vault`, else the platform's
    /// data folder, e.g. ~/.local/share/kluis/vault.kluis]
    #[arg(long, global = true, value_name = "PATH")]
    pub vault: Option<PathBuf>,
    /// Unlock with an age identity file, such as the recovery key
    #[arg(long, global = true, value_name = "FILE")]
    pub identity: Option<PathBuf>,
    /// Read the passphrase from the first line of FILE (else KLUIS_PASSPHRASE, else a prompt)
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// Seconds to wait for another writer to finish before giving up with exit code 5
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 10)]
    pub wait: u64,
    /// Machine-readable output on stdout (errors as JSON on stderr)
    #[arg(long, global = true)]
    pub json: bool,
    /// Open read-only with an added key's identity, whose file kluis cannot authenticate
    #[arg(long, global = true)]
    pub allow_unverified: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Demo(demo::DemoArgs),
    Init(init::InitArgs),
    Verify(verify::VerifyArgs),
    Passwd(passwd::PasswdArgs),
    #[command(subcommand)]
    Key(key::KeyCommand),
    #[command(subcommand)]
    Recipient(recipient::RecipientCommand),
    #[command(subcommand)]
    Profile(profile::ProfileCommand),
    #[command(subcommand)]
    Purpose(Box<purpose::PurposeCommand>),
    #[command(subcommand)]
    Field(field::FieldCommand),
    #[command(subcommand)]
    Schema(schema::SchemaCommand),
    Add(add::AddArgs),
    Show(show::ShowArgs),
    List(list::ListArgs),
    Find(find::FindArgs),
    Edit(edit::EditArgs),
    Delete(delete::DeleteArgs),
    #[command(subcommand)]
    Consent(consent::ConsentCommand),
    #[command(subcommand)]
    Cookie(cookie::CookieCommand),
    Export(export::ExportArgs),
    Purge(purge::PurgeArgs),
    Check(check::CheckArgs),
    Log(log::LogArgs),
    Open(open::OpenArgs),
    Import(import::ImportArgs),
    Statement(statement::StatementArgs),
    Register(register::RegisterArgs),
    #[command(subcommand)]
    Request(request::RequestCommand),
    #[command(subcommand)]
    Snippet(snippet::SnippetCommand),
    Backup(backup::BackupArgs),
    Completions(completions::CompletionsArgs),
    Man(completions::ManArgs),
    Config(config::ConfigArgs),
    Shell(shell::ShellArgs),
}

/// What every subcommand gets: the global flags and ways to open the vault.
pub struct Context {
    pub global: GlobalArgs,
    pub json: bool,
    /// The environment and config file, read once; an error waits for [`Context::settings`].
    settings: Result<config::Settings, config::ConfigError>,
    /// Inside `kluis shell`: the key it unlocked with, so no command asks again.
    session: Option<Arc<SessionKey>>,
}

impl Context {
    pub fn new(global: GlobalArgs) -> Self {
        let json = global.json;
        let settings = config::Settings::load();
        Context {
            global,
            json,
            settings,
            session: None,
        }
    }

    /// A context whose commands open the vault with the shell's key instead of asking.
    fn in_session(global: GlobalArgs, session: Arc<SessionKey>) -> Self {
        Context {
            session: Some(session),
            ..Context::new(global)
        }
    }

    /// The settings from the environment and the config file, or the error reading them.
    pub fn settings(&self) -> Result<&config::Settings, Error> {
        self.settings.as_ref().map_err(|error| error.clone().into())
    }

    /// The language: the flag, else `KLUIS_LANG`, else the config file, else Dutch.
    pub fn lang(
        &self,
        flag: Option<crate::statement::Lang>,
    ) -> Result<crate::statement::Lang, Error> {
        Ok(match flag {
            Some(lang) => lang,
            None => self.settings()?.lang().unwrap_or_default(),
        })
    }

    /// The KDF cost flags, with what the environment or the config file sets filling the gaps.
    pub fn kdf(&self, flags: &init::KdfArgs) -> Result<init::KdfArgs, Error> {
        let settings = self.settings()?;
        let args = init::KdfArgs {
            kdf_memory_mib: flags.kdf_memory_mib.or(settings.kdf("kdf_memory_mib")),
            kdf_iterations: flags.kdf_iterations.or(settings.kdf("kdf_iterations")),
            kdf_parallelism: flags.kdf_parallelism.or(settings.kdf("kdf_parallelism")),
        };
        args.check()?;
        Ok(args)
    }

    /// The vault path: `--vault`, `KLUIS_VAULT`, the config file, or the platform's data folder.
    pub fn vault_path(&self) -> Result<PathBuf, Error> {
        if let Some(path) = &self.global.vault {
            return Ok(path.clone());
        }
        if let Some(path) = self.settings()?.vault() {
            return Ok(path);
        }
        self.default_vault_path().ok_or_else(|| Error::Usage {
            message: "cannot find the platform's data folder".into(),
            hint: Some("pass --vault PATH or set KLUIS_VAULT".into()),
        })
    }

    /// The platform's default vault path, when the platform has a data folder.
    pub fn default_vault_path(&self) -> Option<PathBuf> {
        dirs::data_dir().map(|dir| dir.join("kluis").join("vault.kluis"))
    }

    pub fn unlock_options(&self) -> UnlockOptions {
        UnlockOptions {
            identity: self.global.identity.clone(),
            passphrase_file: self.global.passphrase_file.clone(),
            allow_unverified: self.global.allow_unverified,
        }
    }

    pub fn wait(&self) -> Duration {
        Duration::from_secs(self.global.wait)
    }

    /// Opens the vault for reading; no lock is taken and nothing is written.
    pub fn open_read(&self) -> Result<Vault, Error> {
        self.open(Access::Read)
    }

    /// Opens the vault for a change, holding the writer lock until the vault is dropped.
    pub fn open_write(&self) -> Result<Vault, Error> {
        self.open(Access::Write { wait: self.wait() })
    }

    /// Opens the vault for reading without the lock, runs `ask` on it (a person typing at a
    /// prompt, which may take minutes), then opens it afresh for writing with the same key: one
    /// passphrase, and no other writer waits while someone types.
    pub fn ask_then_open_write<T>(
        &self,
        ask: impl FnOnce(&Vault) -> Result<T, Error>,
    ) -> Result<(T, Vault), Error> {
        let path = self.vault_path()?;
        let (answer, key) = match &self.session {
            Some(key) => (
                ask(&Vault::open_with_session(&path, key, Access::Read)?)?,
                key.clone(),
            ),
            None => {
                let (vault, key) = Vault::open_for_session(&path, &self.unlock_options())?;
                (ask(&vault)?, Arc::new(key))
            }
        };
        let access = Access::Write { wait: self.wait() };
        Ok((answer, Vault::open_with_session(&path, &key, access)?))
    }

    fn open(&self, access: Access) -> Result<Vault, Error> {
        let path = self.vault_path()?;
        let vault = match &self.session {
            Some(key) => Vault::open_with_session(&path, key, access)?,
            None => Vault::open(&path, &self.unlock_options(), access)?,
        };
        if vault.unlocked_by() == crate::vault::UnlockedBy::UnverifiedIdentity {
            to_stderr!("{UNVERIFIED_WARNING}");
        }
        Ok(vault)
    }

    /// Refuses an output file that is the vault or one of its own files: writing there would
    /// destroy the vault, or put plaintext where only ciphertext belongs.
    pub fn check_output_path(&self, out: &Path) -> Result<(), Error> {
        if crate::vault::is_own_file(&self.vault_path()?, out) {
            return Err(Error::Usage {
                message: format!("{} is the vault or one of its files", out.display()),
                hint: Some("write the output to another file".into()),
            });
        }
        Ok(())
    }

    /// Prints a value as pretty JSON on stdout, with no character in it raw that could
    /// drive a terminal ([`crate::text::json_visible`]).
    pub fn print_json<T: serde::Serialize>(&self, value: &T) {
        let json = serde_json::to_string_pretty(value).expect("output types serialise");
        println!("{}", crate::text::json_visible(json));
    }
}

/// What every command opened with `--allow-unverified` says when the file carries no proof:
/// anyone who knows a public key of the vault can have written what follows.
pub const UNVERIFIED_WARNING: &str = "warning: UNVERIFIED: this vault carries no proof that the passphrase or recovery key wrote it; anyone with one of its public keys could have forged what it shows";

/// Runs the parsed command.
pub fn run(cli: Cli) -> Result<(), Error> {
    let ctx = Context::new(cli.global);
    // A broken config file or environment setting stops every command, not only those using it.
    ctx.settings()?;
    announce_fixed_clock()?;
    dispatch(ctx, cli.command)
}

/// `KLUIS_NOW` stamps real writes with its time, so it is never silent: a value that is not a
/// time stops the command, and a set one is announced on stderr by every command.
fn announce_fixed_clock() -> Result<(), Error> {
    match crate::clock::fixed_now() {
        Ok(Some(at)) => {
            to_stderr!("{}", crate::clock::fixed_now_warning(at));
            Ok(())
        }
        Ok(None) => Ok(()),
        Err(error) => Err(Error::Usage {
            message: error.to_string(),
            hint: Some(format!(
                "unset {} to use the real clock, or give a time such as 2031-01-01T00:00:00Z",
                crate::clock::NOW_ENV
            )),
        }),
    }
}

/// Prints an error as every front-end command does: `error:` and `hint:` lines on stderr, or
/// one JSON object under `--json`. Returns the exit code it calls for.
pub fn report(error: &Error, json: bool) -> u8 {
    let message = hint::message(error);
    let hint = hint::hint(error);
    if json {
        let report = serde_json::json!({
            "error": message,
            "hint": hint,
            "exit_code": error.exit_code(),
        });
        to_stderr!("{}", crate::text::json_visible(report.to_string()));
    } else {
        // A message may quote a name the user typed: escaped, so it cannot drive the terminal.
        to_stderr!("error: {}", crate::text::visible_lines(&message));
        if let Some(hint) = hint {
            to_stderr!("hint: {}", crate::text::visible_lines(&hint));
        }
    }
    error.exit_code()
}

/// Prints a usage error clap found, as one JSON object under `--json` (a missing subcommand
/// too); `--help` and `--version` are not errors and print as clap prints them. Returns the exit
/// code it calls for.
pub fn report_usage(error: &clap::Error, json: bool) -> u8 {
    use clap::error::ErrorKind;
    let is_output = matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    );
    if is_output || !json {
        let _ = error.print();
        return u8::try_from(error.exit_code()).unwrap_or(crate::exit::USAGE);
    }
    let (message, hint) = hint::clap_error(error);
    let report = serde_json::json!({
        "error": message,
        "hint": hint,
        "exit_code": crate::exit::USAGE,
    });
    to_stderr!("{report}");
    crate::exit::USAGE
}

fn dispatch(ctx: Context, command: Command) -> Result<(), Error> {
    match command {
        Command::Demo(args) => demo::run(&ctx, args),
        Command::Init(args) => init::run(&ctx, args),
        Command::Verify(args) => verify::run(&ctx, args),
        Command::Passwd(args) => passwd::run(&ctx, args),
        Command::Key(command) => key::run(&ctx, command),
        Command::Recipient(command) => recipient::run(&ctx, command),
        Command::Add(args) => add::run(&ctx, args),
        Command::Show(args) => show::run(&ctx, args),
        Command::List(args) => list::run(&ctx, args),
        Command::Find(args) => find::run(&ctx, args),
        Command::Edit(args) => edit::run(&ctx, args),
        Command::Delete(args) => delete::run(&ctx, args),
        Command::Consent(command) => consent::run(&ctx, command),
        Command::Cookie(command) => cookie::run(&ctx, command),
        Command::Export(args) => export::run(&ctx, args),
        Command::Purge(args) => purge::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, args),
        Command::Log(args) => log::run(&ctx, args),
        Command::Open(args) => open::run(&ctx, args),
        Command::Import(args) => import::run(&ctx, args),
        Command::Profile(command) => profile::run(&ctx, command),
        Command::Purpose(command) => purpose::run(&ctx, *command),
        Command::Field(command) => field::run(&ctx, command),
        Command::Schema(command) => schema::run(&ctx, command),
        Command::Statement(args) => statement::run(&ctx, args),
        Command::Register(args) => register::run(&ctx, args),
        Command::Request(command) => request::run(&ctx, command),
        Command::Snippet(command) => snippet::run(&ctx, command),
        Command::Backup(args) => backup::run(&ctx, args),
        Command::Completions(args) => completions::completions(&ctx, args),
        Command::Man(args) => completions::man(&ctx, args),
        Command::Config(args) => config::run(&ctx, args),
        Command::Shell(args) => shell::run(&ctx, args),
    }
}

/// A save's outcome for a command that still owes a report of what it did when the vault
/// was replaced but its backup was not ([`crate::vault::Error::saved_all_the_same`]): that
/// error is handed back, to be returned after the report; any other stops the command.
pub(crate) fn saved_but(
    saved: Result<(), crate::vault::Error>,
) -> Result<Option<crate::vault::Error>, Error> {
    match saved {
        Ok(()) => Ok(None),
        Err(error) if error.saved_all_the_same() => Ok(Some(error)),
        Err(error) => Err(error.into()),
    }
}

/// The command's result once its report is given: the error [`saved_but`] handed back, if any.
pub(crate) fn after_report(saved_but: Option<crate::vault::Error>) -> Result<(), Error> {
    saved_but.map_or(Ok(()), |error| Err(error.into()))
}

/// A parser for one of the model's closed lists of names (`schema::names`).
pub(crate) fn names<T>(
    names: &'static [&'static str],
) -> impl clap::builder::TypedValueParser<Value = T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
    T::Err: std::fmt::Debug,
{
    names_or_aliases(names, &[])
}

/// Like [`names`], also accepting each name's aliases (`T::ALIASES`, the Dutch words), which
/// help does not list.
pub(crate) fn names_or_aliases<T>(
    names: &'static [&'static str],
    aliases: &'static [&'static [&'static str]],
) -> impl clap::builder::TypedValueParser<Value = T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
    T::Err: std::fmt::Debug,
{
    use clap::builder::{PossibleValue, TypedValueParser};
    let values = names.iter().enumerate().map(|(i, name)| {
        PossibleValue::new(*name)
            .aliases(aliases.get(i).copied().unwrap_or_default().iter().copied())
    });
    clap::builder::PossibleValuesParser::new(values)
        .map(|name| name.parse::<T>().expect("a listed name or alias parses"))
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::Cli;

    /// Every command a user can reach, with its path (`kluis consent give`).
    fn commands(command: &clap::Command, path: String, out: &mut Vec<(String, clap::Command)>) {
        for sub in command.get_subcommands() {
            let path = format!("{path} {}", sub.get_name());
            out.push((path.clone(), sub.clone()));
            commands(sub, path, out);
        }
    }

    #[test]
    fn every_command_shows_an_example_in_its_help() {
        let mut all = vec![("kluis".to_owned(), Cli::command())];
        commands(&Cli::command(), "kluis".into(), &mut all);
        let without: Vec<&str> = all
            .iter()
            .filter(|(_, command)| {
                let after = command
                    .get_after_help()
                    .or(command.get_after_long_help())
                    .map(|text| text.to_string())
                    .unwrap_or_default();
                !(after.contains("Example") && after.contains("kluis "))
            })
            .map(|(path, _)| path.as_str())
            .collect();
        assert!(without.is_empty(), "help without an example: {without:?}");
    }

    /// Each kluis command of an example line, as the words a shell passes: quotes joined, a
    /// `# comment` dropped, and the line cut at pipes, redirections, `&&` and `$(…)`.
    fn example_commands(line: &str) -> Vec<Vec<String>> {
        let mut commands = vec![Vec::new()];
        let mut word: Option<String> = None;
        let mut quote = None;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), '$') if chars.peek() == Some(&'(') => {
                    word = None;
                    commands.push(Vec::new());
                }
                (Some(_), c) => word.get_or_insert_with(String::new).push(c),
                (None, '"' | '\'') => {
                    quote = Some(c);
                    word.get_or_insert_with(String::new);
                }
                (None, '#') if word.is_none() => break,
                (None, '|' | '>' | '<' | '&' | '(' | ')' | '$') => {
                    let current = commands.last_mut().expect("one command at least");
                    current.extend(word.take());
                    commands.push(Vec::new());
                }
                (None, c) if c.is_whitespace() => {
                    commands.last_mut().expect("one").extend(word.take());
                }
                (None, c) => word.get_or_insert_with(String::new).push(c),
            }
        }
        commands.last_mut().expect("one").extend(word);
        commands
            .into_iter()
            .filter_map(|mut words| {
                let program = words.iter().position(|w| w == "kluis")?;
                let words = words.split_off(program);
                // A shell variable such as "$ID" stands for a record id in the examples.
                Some(
                    words
                        .into_iter()
                        .map(|w| if w.starts_with('$') { "1".into() } else { w })
                        .collect(),
                )
            })
            .collect()
    }

    /// An example that no longer parses teaches a command that fails; `…` marks a placeholder.
    #[test]
    fn every_example_in_help_parses() {
        let mut all = vec![("kluis".to_owned(), Cli::command())];
        commands(&Cli::command(), "kluis".into(), &mut all);
        let mut failures = Vec::new();
        for (path, command) in &all {
            let after = command
                .get_after_help()
                .map(|text| text.to_string())
                .unwrap_or_default();
            let text = after.replace(" \\\n", " ");
            let examples = text.lines().map(str::trim).filter(|line| {
                let first = line.split_whitespace().next().unwrap_or_default();
                (first == "kluis" || first.contains('=')) && !line.contains('…')
            });
            for line in examples {
                for words in example_commands(line) {
                    if let Err(error) = Cli::try_parse_from(&words) {
                        failures.push(format!("{path}: `{line}`: {}", error.kind()));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
