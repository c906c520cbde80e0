//! Customer records and everything that acts on them: adding and editing values, consent,
//! purpose-scoped views and exports, erasure, retention, the audit log and the compliance check.
//!
//! Every function takes a plain `rusqlite::Connection` (a transaction derefs to one), so the
//! CLI and the importer share one code path and the caller decides when to commit and save.

pub mod audit;
pub mod check;
pub mod consent;
pub mod csv;
pub mod erase;
mod error;
pub mod export;
pub mod record;
pub mod retention;
pub mod view;

#[cfg(test)]
pub(crate) mod testing;

pub use error::Error;

/// A record's id, as printed by `kluis add`.
pub type RecordId = i64;
