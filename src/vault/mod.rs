//! The encrypted vault file: format, keys, locking and atomic saves.

pub mod database;
pub mod migrations;
