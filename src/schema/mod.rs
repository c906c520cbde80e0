//! Purposes, fields, legal bases and retention: the rules of what may be stored.

pub mod art9;
pub mod model;
pub mod names;
pub mod retention;
pub mod value;

pub use art9::Art9Exception;
pub use names::UnknownName;
pub use retention::RetentionError;
pub use value::{ValueError, normalize};
