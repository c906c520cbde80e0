//! The `kluis` binary: parse, run, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;
use kluis::cli::{self, Cli};

fn main() -> ExitCode {
    kluis::vault::harden();
    quiet_panics();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(error),
    };
    let json = cli.global.json;
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => ExitCode::from(cli::report(&error, json)),
    }
}

/// Clap's usage errors, as JSON on stderr when `--json` is among the arguments (it may not have
/// been parsed). `--help` and `--version` are not errors and print as clap prints them.
fn usage_error(error: clap::Error) -> ExitCode {
    let is_output = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    let json = std::env::args_os().skip(1).any(|arg| arg == "--json");
    if is_output || !json {
        error.exit();
    }
    let (message, hint) = cli::hint::clap_error(&error);
    let report = serde_json::json!({
        "error": message,
        "hint": hint,
        "exit_code": kluis::exit::USAGE,
    });
    eprintln!("{report}");
    ExitCode::from(kluis::exit::USAGE)
}

/// A panic message can quote whatever was being handled, which may be personal data, so only
/// the location is printed. Panics inside calamine are contained by the Excel reader and
/// reported as an ordinary error about the workbook, so they print nothing here.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|at| format!("{}:{}", at.file(), at.line()))
            .unwrap_or_else(|| "an unknown place".into());
        if location.contains("calamine") {
            return;
        }
        eprintln!(
            "error: internal error at {location}: this is a bug in kluis; nothing was saved\n\
             hint: please report it with the command you ran (never with customer data)"
        );
    }));
}
