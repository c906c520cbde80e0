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
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests;
