//! Exit codes, a contract with scripts (see the README), and the trait that gives an error its
//! code. A leaf: it depends on nothing in the crate, so every module's error can use it
//! without depending on the crate's error hub. How to fix an error is each front end's to say
//! (`cli::hint` for the command line).

pub const SUCCESS: u8 = 0;
pub const ERROR: u8 = 1;
pub const USAGE: u8 = 2;
pub const CANNOT_UNLOCK: u8 = 3;
pub const DAMAGED: u8 = 4;
pub const BUSY: u8 = 5;

/// An error with the process exit code it ends `kluis` with.
pub trait HasExitCode: std::error::Error {
    fn exit_code(&self) -> u8 {
        ERROR
    }
}
