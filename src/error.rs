//! The crate's error type: one variant per domain module, each with an exit code. How to fix
//! one is each front end's to say (`cli::hint`), so no domain module depends on this hub.

/// The exit codes live in the leaf module `crate::exit`; this path stays for callers.
pub use crate::exit;
use crate::exit::HasExitCode;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Vault(#[from] crate::vault::Error),
    #[error(transparent)]
    Schema(#[from] crate::schema::Error),
    /// A usage error found after argument parsing (a bad combination of flags).
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },
    #[error(transparent)]
    Records(#[from] crate::records::Error),
    /// A schema document (`kluis schema apply`) was refused.
    #[error(transparent)]
    Document(#[from] crate::schema::document::DocumentError),
    #[error(transparent)]
    Import(#[from] crate::import::Error),
    #[error(transparent)]
    Statement(#[from] crate::statement::Error),
    #[error(transparent)]
    Web(#[from] crate::web::Error),
    #[error(transparent)]
    Requests(#[from] crate::requests::Error),
    /// An error in `kluis find`, whose exit code 1 means only that nothing matched, as grep's
    /// does: what exits 1 elsewhere exits 2 here, as grep's errors do, so a script can tell a
    /// search that found nothing from one that could not run.
    #[error(transparent)]
    Find(Box<Error>),
}

impl HasExitCode for Error {
    fn exit_code(&self) -> u8 {
        match self {
            Error::Usage { .. } => exit::USAGE,
            Error::Vault(error) => error.exit_code(),
            Error::Schema(error) => error.exit_code(),
            Error::Records(error) => error.exit_code(),
            Error::Document(error) => error.exit_code(),
            Error::Import(error) => error.exit_code(),
            Error::Statement(e) => e.exit_code(),
            Error::Web(e) => e.exit_code(),
            Error::Requests(e) => e.exit_code(),
            Error::Find(error) => match error.exit_code() {
                exit::ERROR => exit::USAGE,
                code => code,
            },
        }
    }
}
