//! The one integration-test binary: drives the real `kluis` binary in temp folders.

mod support;
mod vault;
