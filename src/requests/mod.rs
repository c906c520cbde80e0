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

use std::fmt;
use std::str::FromStr;

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

impl Kind {
    /// The stored names, in the order `request add` lists them.
    pub const NAMES: &'static [&'static str] = &[
        "access",
        "rectification",
        "erasure",
        "restriction",
        "portability",
        "objection",
        "withdraw-consent",
    ];
    const ALL: [Kind; 7] = [
        Kind::Access,
        Kind::Rectification,
        Kind::Erasure,
        Kind::Restriction,
        Kind::Portability,
        Kind::Objection,
        Kind::WithdrawConsent,
    ];

    pub fn name(self) -> &'static str {
        Self::NAMES[Self::ALL.iter().position(|k| *k == self).expect("listed")]
    }

    /// Whether the request names purposes (`--purpose`).
    pub fn takes_purposes(self) -> bool {
        matches!(self, Kind::Objection | Kind::WithdrawConsent)
    }
}

impl FromStr for Kind {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::NAMES
            .iter()
            .position(|name| *name == text)
            .map(|index| Self::ALL[index])
            .ok_or_else(|| format!("expected one of {}", Self::NAMES.join(", ")))
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
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

impl Via {
    pub const NAMES: &'static [&'static str] = &["email", "letter", "phone", "in-person"];
    const ALL: [Via; 4] = [Via::Email, Via::Letter, Via::Phone, Via::InPerson];

    pub fn name(self) -> &'static str {
        Self::NAMES[Self::ALL.iter().position(|v| *v == self).expect("listed")]
    }
}

impl FromStr for Via {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::NAMES
            .iter()
            .position(|name| *name == text)
            .map(|index| Self::ALL[index])
            .ok_or_else(|| format!("expected one of {}", Self::NAMES.join(", ")))
    }
}

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
