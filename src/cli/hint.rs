//! The command line's own words for an error: how to fix it with `kluis` commands and flags.
//! Domain errors carry data (paths, names, fields); each front end renders its own hint, so
//! the web app can offer a link where the command line offers a command.

pub mod check;
pub mod import;
pub mod records;
pub mod requests;
pub mod schema;
pub mod statement;
pub mod vault;

use crate::Error;

/// How to fix `error` on the command line, when there is something to say.
pub fn hint(error: &Error) -> Option<String> {
    match error {
        Error::Usage { hint, .. } => hint.clone(),
        Error::Vault(error) => vault::hint(error),
        Error::Schema(error) => schema::hint(error),
        Error::Records(error) => records::hint(error),
        Error::Document(error) => schema::document(error),
        Error::Import(error) => import::hint(error),
        Error::Statement(error) => statement::hint(error),
        Error::Requests(error) => requests::hint(error),
        // `--field` and `--columns` name fields to read; the hint about storing does not fit.
        Error::Find(error) => match error.as_ref() {
            Error::Records(crate::records::Error::UnknownField { .. }) => {
                Some("see `kluis field list` for the fields' names".into())
            }
            other => hint(other),
        },
        Error::Web(crate::web::Error::Bind { .. }) => {
            Some("choose another port with --port N, or leave it out to take a free one".into())
        }
    }
}

/// What went wrong, as the command line says it: an incomplete statement lists the command
/// that fills in each item; every other error is its own message.
pub fn message(error: &Error) -> String {
    match error {
        Error::Statement(crate::statement::Error::Incomplete { incomplete }) => {
            statement::incomplete(incomplete)
        }
        // The access letter repeats the statement, so it names the same gaps.
        Error::Requests(crate::requests::Error::Statement(error)) => match error.as_ref() {
            crate::statement::Error::Incomplete { incomplete } => statement::incomplete(incomplete),
            other => other.to_string(),
        },
        Error::Find(error) => message(error),
        _ => error.to_string(),
    }
}

/// A clap usage error as a message and a hint: its first line, and its tips or else the usage
/// line it prints.
pub fn clap_error(error: &clap::Error) -> (String, String) {
    let text = error.render().to_string();
    let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
    let message = lines
        .next()
        .map(|line| line.trim_start_matches("error:").trim().to_owned())
        .unwrap_or_default();
    let rest: Vec<&str> = lines.collect();
    let tips: Vec<&str> = rest
        .iter()
        .filter_map(|line| line.strip_prefix("tip:").map(str::trim))
        .collect();
    let hint = if tips.is_empty() {
        let usage = rest.iter().find(|line| line.starts_with("Usage:"));
        match usage {
            Some(usage) => format!("{usage}; see --help"),
            None => "see kluis --help".to_owned(),
        }
    } else {
        tips.join("; ")
    };
    (message, hint)
}

#[cfg(test)]
mod tests;
