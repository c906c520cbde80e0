//! People's requests about their data (Art. 12–22): a register with the deadline of
//! Art. 12(3), and answers that carry a request out and write the letter.
//!
//! Dependencies: front ends → `requests` → `records`, `schema`, `statement` (for the texts and
//! the model the letters share with the privacy statement). Time arrives as a parameter.
//!
//! - [`register`]: add, list, extend and close requests; the register's own retention.
//! - [`check`]: what `kluis check` says about deadlines and objections.
//! - [`deadline`]: the date arithmetic (one calendar month, clamped to the month's end).
//! - [`answer`]: carries a request out and builds its [`letter::Letter`].

pub mod access;
pub mod answer;
pub mod check;
pub mod deadline;
mod error;
pub mod letter;
pub mod register;
pub mod texts;

use serde::Serialize;

pub use error::Error;

/// Runs `change` in one transaction with the records' schema loaded; commits only if it
/// succeeds, so a refused command leaves the vault untouched.
pub fn in_transaction<T>(
    conn: &mut rusqlite::Connection,
    change: impl FnOnce(&rusqlite::Connection, &crate::records::view::SchemaView) -> Result<T, Error>,
) -> Result<T, Error> {
    let tx = conn.transaction()?;
    let schema = crate::records::view::SchemaView::load(&tx)?;
    let result = change(&tx, &schema)?;
    tx.commit()?;
    Ok(result)
}

/// The number `request add` prints.
pub type RequestId = i64;

/// What the person asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Art. 15.
    Access,
    /// Art. 16.
    Rectification,
    /// Art. 17.
    Erasure,
    /// Art. 18.
    Restriction,
    /// Art. 20.
    Portability,
    /// Art. 21.
    Objection,
    /// Art. 7(3).
    WithdrawConsent,
}

crate::schema::names::kebab_names!(Kind, "request type", {
    Access => "access",
    Rectification => "rectification",
    Erasure => "erasure",
    Restriction => "restriction",
    Portability => "portability",
    Objection => "objection",
    WithdrawConsent => "withdraw-consent",
});

impl Kind {
    /// Whether the request names purposes (`--purpose`).
    pub fn takes_purposes(self) -> bool {
        matches!(self, Kind::Objection | Kind::WithdrawConsent)
    }
}

/// How the request came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Via {
    Email,
    Letter,
    Phone,
    InPerson,
}

crate::schema::names::kebab_names!(Via, "channel", {
    Email => "email",
    Letter => "letter",
    Phone => "phone",
    InPerson => "in-person",
});

/// Audit actions written by this module. Details hold names, ids and dates, never a value.
pub mod action {
    pub const ADD: &str = "request-add";
    pub const EXTEND: &str = "request-extend";
    pub const ANSWER: &str = "request-answer";
    pub const CLOSE: &str = "request-close";
    pub const LIFT: &str = "request-lift";
    pub const RESTRICT: &str = "restrict";
    pub const OBJECT: &str = "object";
    pub const REGISTER_PURGE: &str = "request-purge";
}

#[cfg(test)]
mod tests;
