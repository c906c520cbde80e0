//! What can go wrong with records. Messages name the record, field, purpose and rule, never a
//! stored or typed value.

use crate::exit::{self, HasExitCode};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A consent source with a control character (the one rule of
    /// [`crate::text::check_plain`]).
    #[error(transparent)]
    Control(#[from] crate::text::ControlCharacter),

    /// A consent source outside the closed list.
    #[error(transparent)]
    UnknownName(#[from] crate::schema::names::UnknownName),

    #[error("argument {position} is not of the form field=value")]
    NotAnAssignment { position: usize },

    #[error("argument {position} does not start with a field name")]
    BadFieldName { position: usize },

    /// A line of `--stdin` or `--from-file`, named by number: it may hold a value.
    #[error("line {line} {problem}")]
    BadValueLine { line: usize, problem: &'static str },

    /// Values read as JSON that do not parse; serde's own message may quote the text.
    #[error("the values are not a valid JSON object (line {line}, column {column})")]
    BadValueJson { line: usize, column: usize },

    /// A JSON member whose name is not a field name, counted from 1.
    #[error("JSON member {position} does not start with a field name")]
    BadJsonFieldName { position: usize },

    #[error("the JSON value of `{field}` is not text, a number or null")]
    JsonValueNotText { field: String },

    #[error("there is no field named `{field}`")]
    UnknownField { field: String },

    #[error("field `{field}` is given more than once")]
    DuplicateField { field: String },

    #[error("field `{field}` is required")]
    MissingRequired { field: String },

    #[error("field `{field}` is required and cannot be cleared")]
    ClearRequired { field: String },

    #[error("field `{field}` {rule}")]
    InvalidValue {
        field: String,
        rule: String,
        hint: Option<String>,
    },

    #[error("a record needs at least one value")]
    NoValues,

    #[error("there is no record {record}")]
    NoRecord { record: i64 },

    /// `edit --where`: the query is not repeated, since people search for names.
    #[error("no record matches the --where query")]
    NoMatch,

    /// A search that must name someone (`edit --where`, a request's `--email`) was blank,
    /// which would match every record.
    #[error("nothing to look for: the text is empty")]
    EmptyQuery,

    /// `kluis find` found nothing: exit 1, as grep does. The query is not repeated.
    #[error("no record matches")]
    NothingFound,

    #[error("there is no purpose named `{purpose}`")]
    UnknownPurpose { purpose: String },

    #[error(
        "purpose `{purpose}` has legal basis {basis}, not consent, and carries no field under explicit consent"
    )]
    NotConsentPurpose { purpose: String, basis: String },

    /// A value in a field under explicit consent (Art. 9(2)(a)) for a person without current
    /// consent for any purpose of that field. `purpose` is the first of them, for the hint.
    #[error(
        "record {record}: field `{field}` holds special-category data under explicit consent, and there is no current consent for `{purpose}`"
    )]
    ExplicitConsentMissing {
        record: i64,
        field: String,
        purpose: String,
    },

    /// `add` cannot hold a value under explicit consent: consent is recorded per record, and
    /// the record has no id yet.
    #[error(
        "field `{field}` holds special-category data under explicit consent, which a new record cannot have yet"
    )]
    ExplicitConsentOnAdd { field: String, purpose: String },

    /// Art. 18: a restricted record keeps its values unchanged until the mark is lifted.
    #[error("record {record} is restricted: its data cannot be changed")]
    Restricted { record: i64 },

    #[error("record {record} has no current consent for `{purpose}`")]
    NoConsent { record: i64, purpose: String },

    #[error("field `{field}` does not serve purpose `{purpose}`")]
    FieldOutsidePurpose { field: String, purpose: String },

    #[error("check found {errors} problem(s) that must be fixed")]
    CheckFailed { errors: usize },

    /// An erasing statement changed other rows than it was meant to (a trigger, or a change
    /// nobody foresaw): nothing is saved, so nothing is reported erased that is not.
    #[error(
        "erasing {what} changed {changed} row(s) where {expected} were expected; nothing was erased"
    )]
    ErasureMismatch {
        what: String,
        expected: usize,
        changed: usize,
    },

    #[error("the vault holds a value it cannot read: {what}")]
    Corrupt { what: String },

    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },

    #[error("database error: {source}")]
    Database {
        #[from]
        source: rusqlite::Error,
    },
}

impl HasExitCode for Error {
    fn exit_code(&self) -> u8 {
        match self {
            // A stored value that does not parse means the database is damaged (exit 4), as
            // for schema::Error::Corrupt.
            Error::Corrupt { .. } | Error::ErasureMismatch { .. } => exit::DAMAGED,
            Error::Control(_) | Error::UnknownName(_) | Error::EmptyQuery => exit::USAGE,
            // So is a page SQLite cannot read.
            Error::Database { source }
                if source.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) =>
            {
                exit::DAMAGED
            }
            _ => exit::ERROR,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_stored_value_exits_as_damaged_not_as_a_plain_error() {
        let error = Error::Corrupt {
            what: "record 1's last change".into(),
        };
        assert_eq!(error.exit_code(), exit::DAMAGED);
        assert_eq!(Error::NoRecord { record: 1 }.exit_code(), exit::ERROR);
    }
}
