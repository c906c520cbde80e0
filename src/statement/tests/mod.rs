//! Tests of the statement model, its rendering, the register and publishing.

mod english;
mod failures;
mod fixtures;
mod hostile;
mod properties;
mod publishing;
mod register;
mod rendering;
mod snippets;
mod truth;
