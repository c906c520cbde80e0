//! Tests of the statement model, its rendering, the register and publishing.

mod businesses;
mod english;
mod failures;
mod false_sentences;
pub(crate) mod fixtures;
mod hostile;
mod people;
mod profiling;
mod properties;
mod publishing;
mod register;
mod rendering;
mod snippets;
mod starters;
mod truth;
