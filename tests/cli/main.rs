//! The one integration-test binary: drives the real `kluis` binary in temp folders.

mod schema;
mod support;
mod vault;
