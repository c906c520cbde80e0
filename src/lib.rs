//! kluis: a purpose-bound, encrypted customer vault for small businesses.
//!
//! Dependencies point one way: `cli → import / statement → records → schema → vault`
//! (the statement reads records only for the full `check` report).
//! Only `vault` touches key material.

pub mod cli;
pub mod clock;
pub mod demo;
pub mod error;
pub mod exit;
pub mod import;
pub mod outfile;
pub mod records;
pub mod requests;
pub mod safe_csv;
pub mod schema;
pub mod statement;
pub mod text;
pub mod vault;
pub mod web;

pub use error::Error;
pub use exit::HasExitCode;
