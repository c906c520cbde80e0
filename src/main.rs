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
    match std::panic::catch_unwind(|| cli::run(cli)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(error)) => ExitCode::from(cli::report(&error, json)),
        Err(panic) if is_output_failure(panic.as_ref()) => ExitCode::from(output_failed()),
        Err(_) => ExitCode::from(101),
    }
}

/// `println!` panics when stdout is a closed pipe or a full disk. That is an ordinary error,
/// reported after the fact: the save, if any, came before the output.
fn is_output_failure(payload: &(dyn std::any::Any + Send)) -> bool {
    let text = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or_default();
    text.starts_with("failed printing to stdout")
}

fn output_failed() -> u8 {
    let saved = if kluis::vault::saved_in_this_process() {
        "the change was saved; only its report is missing"
    } else {
        "nothing was changed"
    };
    kluis::to_stderr!(
        "error: the output could not be written (a closed pipe or a full disk): {saved}\n\
         hint: run the command again with its output going somewhere with room, or check with `kluis log`"
    );
    kluis::exit::ERROR
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
        if location.contains("calamine") || is_output_failure(info.payload()) {
            return;
        }
        kluis::to_stderr!(
            "error: internal error at {location}: this is a bug in kluis; the vault is as it was before the command or fully saved, never half-written\n\
             hint: please report it with the command you ran (never with customer data)"
        );
    }));
}
