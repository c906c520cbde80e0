//! The `kluis` binary: parse, run, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;
use kluis::Diagnostic;
use kluis::cli::{self, Cli};

fn main() -> ExitCode {
    kluis::vault::harden();
    let cli = Cli::parse();
    let json = cli.global.json;
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let hint = error.hint();
            if json {
                let report = serde_json::json!({
                    "error": error.to_string(),
                    "hint": hint,
                    "exit_code": error.exit_code(),
                });
                eprintln!("{report}");
            } else {
                eprintln!("error: {error}");
                if let Some(hint) = hint {
                    eprintln!("hint: {hint}");
                }
            }
            ExitCode::from(error.exit_code())
        }
    }
}
