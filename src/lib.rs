//! kluis: a purpose-bound, encrypted customer vault for small businesses.

pub mod import;
