//! The one integration-test binary: drives the real `kluis` binary in temp folders.

mod backup;
mod cookie;
mod demo;
mod exports;
mod first_contact;
mod import;
mod import_values;
mod recipients;
mod records;
mod repl;
mod requests;
mod schema;
mod shell;
mod starters;
mod statement;
mod support;
mod usage;
mod vault;
mod web;
