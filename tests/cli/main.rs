//! The one integration-test binary: drives the real `kluis` binary in temp folders.

mod demo;
mod first_contact;
mod import;
mod records;
mod schema;
mod statement;
mod support;
mod usage;
mod vault;
