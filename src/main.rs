//! The `kluis` binary: parse, run, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;
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
/// been parsed).
fn usage_error(error: clap::Error) -> ExitCode {
    let json = std::env::args_os().skip(1).any(|arg| arg == "--json");
    ExitCode::from(cli::report_usage(&error, json))
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
