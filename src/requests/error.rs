//! What can go wrong with a request. Messages name the request, record, purpose and rule, never
//! a stored or typed value (an e-mail address given to `--email` included).

use crate::exit::{self, HasExitCode};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("there is no request {id}")]
    NoRequest { id: i64 },

    #[error("request {id} is already {outcome}")]
    Finished { id: i64, outcome: String },

    #[error("the received date {received} is after today ({today})")]
    ReceivedInFuture { received: String, today: String },

    #[error("the {what} date is not a date of the form YYYY-MM-DD")]
    BadDate { what: &'static str },

    #[error("the {what} date {date} is before the request was received ({received})")]
    DateBeforeReceived {
        what: &'static str,
        date: String,
        received: String,
    },

    #[error("request {id} was already extended, until {until}")]
    AlreadyExtended { id: i64, until: String },

    #[error("an extension is one or two months, not {months}")]
    ExtensionLength { months: u32 },

    #[error("no record matches the e-mail address")]
    NoMatch,

    #[error("{count} records match the e-mail address")]
    SeveralMatch { count: usize },

    #[error("the {what} holds one of the person's stored values")]
    ValueInText { what: &'static str },

    #[error("the {what} is empty")]
    EmptyText { what: &'static str },

    #[error(
        "purpose `{purpose}` has legal basis {basis} and is not direct marketing: an objection (Art. 21) does not apply to it"
    )]
    NotObjectable { purpose: String, basis: String },

    #[error("record {record} has no purpose an objection applies to")]
    NothingToObject { record: i64 },

    #[error("record {record} has no current consent to withdraw")]
    NothingToWithdraw { record: i64 },

    #[error("--purpose is for objection and withdraw-consent requests, not {kind}")]
    PurposesNotTaken { kind: &'static str },

    #[error("--set is for rectification requests, not {kind}")]
    EditsNotTaken { kind: &'static str },

    #[error("request {id} is a rectification: it needs the corrected values")]
    EditsMissing { id: i64 },

    #[error("request {id} is a {kind} request; only a restriction is lifted")]
    NotRestriction { id: i64, kind: &'static str },

    #[error("request {id} is not answered yet, so there is no restriction to lift")]
    NotYetRestricted { id: i64 },

    #[error("record {record} is not restricted")]
    NotRestricted { record: i64 },

    #[error("the letter needs the business's name, e-mail and address")]
    NoController,

    #[error(transparent)]
    Statement(#[from] Box<crate::statement::Error>),

    #[error(transparent)]
    Records(#[from] crate::records::Error),

    #[error(transparent)]
    Schema(#[from] crate::schema::Error),

    #[error("database error: {source}")]
    Database {
        #[from]
        source: rusqlite::Error,
    },
}

impl HasExitCode for Error {
    fn exit_code(&self) -> u8 {
        match self {
            Error::Records(error) => error.exit_code(),
            Error::Schema(error) => error.exit_code(),
            Error::Statement(error) => error.exit_code(),
            _ => exit::ERROR,
        }
    }
}
