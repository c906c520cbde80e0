//! kluis: a purpose-bound, encrypted customer vault for small businesses.
//!
//! Dependencies point one way: `cli → import / statement → records → schema → vault`
//! (the statement reads records only for the full `check` report).
//! Only `vault` touches key material.

/// `eprintln!` that never panics. When stderr itself cannot be written (a full disk under a
/// redirect, a closed pipe), nobody is left to tell, and what the command did still stands:
/// a warning that cannot be shown must not turn a saved change into an internal error.
#[macro_export]
macro_rules! to_stderr {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

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
