//! Tests of the statement model, its rendering, the register and publishing.

mod english;
mod failures;
pub(crate) mod fixtures;
mod hostile;
mod properties;
mod publishing;
mod register;
mod rendering;
