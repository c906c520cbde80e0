//! Purposes, fields, legal bases and retention: the rules of what may be stored.

pub mod model;
