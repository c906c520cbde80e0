//! Tests of the statement model, its rendering, the register and publishing.

mod fixtures;
mod rendering;
