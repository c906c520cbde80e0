//! One line typed into the shell: split as a POSIX shell would, parsed as `kluis …` would
//! be, with the shell's own global flags as the defaults.

use std::path::Path;

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};

use super::super::{Cli, Command, GlobalArgs};
use crate::Error;

/// A line ready to run.
pub(super) struct Parsed {
    pub global: GlobalArgs,
    pub command: Command,
}

/// Why a line does not run.
pub(super) enum Refused {
    /// Clap's own message: a usage error, or the help that was asked for.
    Clap(clap::Error),
    Error(Error),
}

/// Parses `words` as the arguments of `kluis`. The shell's flags are the defaults; a line
/// may change `--wait` or ask for `--json`, but not unlock another way or name another vault.
pub(super) fn parse(words: &[String], shell: &GlobalArgs, vault: &Path) -> Result<Parsed, Refused> {
    let argv = std::iter::once("kluis").chain(words.iter().map(String::as_str));
    let matches = Cli::command()
        .try_get_matches_from(argv)
        .map_err(Refused::Clap)?;
    let cli = Cli::from_arg_matches(&matches).map_err(Refused::Clap)?;
    refuse_outside(&cli.command).map_err(Refused::Error)?;
    let global = merged(&cli.global, &matches, shell, vault).map_err(Refused::Error)?;
    Ok(Parsed {
        global,
        command: cli.command,
    })
}

/// Commands that make, replace or leave this session's vault, or start another front end:
/// they belong outside the shell.
fn refuse_outside(command: &Command) -> Result<(), Error> {
    let name = match command {
        Command::Shell(_) => "shell",
        Command::Init(_) => "init",
        Command::Open(_) => "open",
        Command::Passwd(_) => "passwd",
        Command::Demo(_) => "demo",
        _ => return Ok(()),
    };
    Err(Error::Usage {
        message: format!("`kluis {name}` does not run inside the shell"),
        hint: Some(format!(
            "leave the shell first (exit), then run `kluis {name}`"
        )),
    })
}

/// Whether the line itself gave the global flag `id`, rather than its default or the
/// environment (which the shell read already).
fn given(matches: &ArgMatches, id: &str) -> bool {
    matches.value_source(id) == Some(ValueSource::CommandLine)
}

fn merged(
    line: &GlobalArgs,
    matches: &ArgMatches,
    shell: &GlobalArgs,
    vault: &Path,
) -> Result<GlobalArgs, Error> {
    for (id, flag) in [
        ("identity", "--identity"),
        ("passphrase_file", "--passphrase-file"),
        ("allow_unverified", "--allow-unverified"),
    ] {
        if given(matches, id) {
            return Err(Error::Usage {
                message: format!("{flag} has no use inside the shell: it is unlocked already"),
                hint: Some(format!(
                    "leave the shell (exit) and start it with {flag} to unlock that way"
                )),
            });
        }
    }
    if let Some(other) = line.vault.as_deref().filter(|_| given(matches, "vault"))
        && crate::vault::real_path(other) != crate::vault::real_path(vault)
    {
        return Err(Error::Usage {
            message: format!(
                "this shell is unlocked for {}, not {}",
                vault.display(),
                other.display()
            ),
            hint: Some(format!(
                "leave the shell (exit) and run `kluis shell --vault {}`",
                other.display()
            )),
        });
    }
    let mut global = shell.clone();
    global.vault = Some(vault.to_path_buf());
    if given(matches, "wait") {
        global.wait = line.wait;
    }
    global.json |= line.json;
    Ok(global)
}

/// After the list of commands that `help` prints, what the shell adds to it.
pub(super) fn after_help(words: &[String], error: &clap::Error) {
    let top = matches!(words, [one] if one == "help" || one == "--help" || one == "-h");
    if top && error.kind() == clap::error::ErrorKind::DisplayHelp {
        println!(
            "In the shell: type the commands without `kluis`; `help COMMAND` shows one; \
             `exit`, `quit` or Ctrl-D leaves."
        );
    }
}

pub(super) fn unbalanced_quotes() -> Error {
    Error::Usage {
        message: "the line has a quote that is not closed".into(),
        hint: Some("close it, or put a backslash before a quote that is part of a value".into()),
    }
}

/// Whether a command failed because the session key no longer opens the vault.
pub(super) fn passphrase_changed(error: &Error) -> bool {
    matches!(
        error,
        Error::Vault(crate::vault::Error::WrongPassphrase { .. })
    )
}

/// Whether an unlock failed on the secret itself (after the tries a prompt allows), rather
/// than on an empty answer or a file that went missing, after which the shell stays locked.
pub(super) fn cannot_unlock(error: &Error) -> bool {
    use crate::HasExitCode;
    error.exit_code() == crate::exit::CANNOT_UNLOCK
}

pub(super) fn unlock_again() -> Error {
    Error::Usage {
        message: "the vault's passphrase was changed since this shell was unlocked".into(),
        hint: Some("type the command again: the shell asks for the new passphrase".into()),
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    fn shell_flags() -> GlobalArgs {
        let cli = Cli::try_parse_from(["kluis", "--vault", "/tmp/a.kluis", "--wait", "7", "list"])
            .unwrap();
        cli.global
    }

    fn parse_line(line: &str) -> Result<Parsed, Refused> {
        let words = shell_words::split(line).unwrap();
        parse(&words, &shell_flags(), Path::new("/tmp/a.kluis"))
    }

    fn refusal(line: &str) -> String {
        match parse_line(line) {
            Err(Refused::Error(error)) => error.to_string(),
            Err(Refused::Clap(error)) => panic!("clap refused {line}: {error}"),
            Ok(_) => panic!("{line} was accepted"),
        }
    }

    #[test]
    fn the_shell_flags_are_the_defaults_and_a_line_may_change_some() {
        let parsed = parse_line("list").ok().unwrap();
        assert_eq!(parsed.global.wait, 7);
        assert!(!parsed.global.json);
        for line in ["list --json --wait 2", "--json --wait 2 list"] {
            let parsed = parse_line(line).ok().unwrap();
            assert_eq!(
                (parsed.global.wait, parsed.global.json),
                (2, true),
                "{line}"
            );
        }
        assert!(parse_line("list --vault /tmp/a.kluis").is_ok());
    }

    #[test]
    fn another_vault_or_another_unlock_is_refused() {
        assert!(refusal("list --vault /tmp/b.kluis").contains("unlocked for /tmp/a.kluis"));
        assert!(refusal("list --identity key.txt").contains("--identity"));
        assert!(refusal("--passphrase-file p list").contains("--passphrase-file"));
    }

    #[test]
    fn commands_that_belong_outside_are_refused() {
        for name in ["shell", "init", "open", "passwd", "demo"] {
            assert!(refusal(name).contains(&format!("`kluis {name}`")), "{name}");
        }
    }

    #[test]
    fn a_usage_error_is_clap_s_own() {
        assert!(matches!(
            parse_line("list --nonsense"),
            Err(Refused::Clap(_))
        ));
        assert!(
            matches!(parse_line("help"), Err(Refused::Clap(e)) if e.kind() == clap::error::ErrorKind::DisplayHelp)
        );
    }
}
