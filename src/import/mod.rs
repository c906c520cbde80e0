//! `kluis import`: getting customer records out of the files small businesses
//! actually have (CSV/TSV exports, Excel and LibreOffice workbooks).
//!
//! This module is layered: [`reader`] turns a file's bytes into a plain
//! [`reader::Table`] of text cells without interpreting them; mapping columns
//! to vault fields and validating values happen on top of that table.

pub mod reader;
