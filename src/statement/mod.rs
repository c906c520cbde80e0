//! The privacy statement and the Art. 30 register, generated from the stored schema.
//!
//! [`model::build`] is a pure function from a [`Snapshot`](crate::schema::model::Snapshot) to a
//! [`StatementModel`](model::StatementModel); [`render`] turns that into md, html or txt through
//! minijinja templates. [`publish`] records a published version in the vault and compares the
//! current schema with it.

pub mod check;
pub mod cookies;
pub mod diff;
pub mod english;
pub mod missing;
pub mod model;
pub mod output;
pub mod outside;
pub mod people;
pub mod profiling;
pub mod publish;
pub mod recipients;
pub mod register;
pub mod render;
pub mod retention;
pub mod security;
pub mod snippet;
pub mod texts;

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::exit::{self, HasExitCode};

pub use diff::SchemaDiff;
pub use missing::{Incomplete, Missing};
pub use model::{Settings, StatementModel, build, build_draft, build_with};
pub use publish::{staleness, staleness_of};

/// The language of a statement or register. Dutch is the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "nl" => Ok(Lang::Nl),
            "en" => Ok(Lang::En),
            _ => Err("expected nl or en".to_string()),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        })
    }
}

/// The output format of a statement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    #[default]
    Md,
    Html,
    Txt,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Md),
            "html" => Ok(Format::Html),
            "txt" | "text" => Ok(Format::Txt),
            _ => Err("expected md, html or txt".to_string()),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Txt => "txt",
        })
    }
}

/// Why generating, publishing or comparing a statement failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{incomplete}")]
    Incomplete { incomplete: Incomplete },
    #[error("cannot render the {template} template: {source}")]
    Template {
        template: &'static str,
        #[source]
        source: minijinja::Error,
    },
    #[error("cannot {action} the published statements: {source}")]
    Database {
        action: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    #[error("the published statement {id} is damaged: {reason}")]
    Damaged { id: i64, reason: String },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Snippet(#[from] snippet::SnippetError),
    #[error("cannot read the schema: {source}")]
    Schema {
        #[source]
        source: crate::schema::Error,
    },
    /// The records' part of `check` failed.
    #[error(transparent)]
    Records(#[from] crate::records::Error),
}

impl From<Incomplete> for Error {
    fn from(incomplete: Incomplete) -> Self {
        Error::Incomplete { incomplete }
    }
}

impl HasExitCode for Error {
    fn exit_code(&self) -> u8 {
        match self {
            Error::Damaged { .. } => exit::DAMAGED,
            Error::Schema { source } => source.exit_code(),
            Error::Records(source) => source.exit_code(),
            _ => exit::ERROR,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests;
