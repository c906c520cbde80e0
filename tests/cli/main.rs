//! The one integration-test binary: drives the real `kluis` binary in temp folders.

mod import;
mod schema;
mod support;
mod vault;
