//! The crate's error type: one variant per domain module, each with an exit code and a hint.

/// Exit codes, a contract with scripts (see the README).
pub mod exit {
    pub const SUCCESS: u8 = 0;
    pub const ERROR: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const CANNOT_UNLOCK: u8 = 3;
    pub const DAMAGED: u8 = 4;
    pub const BUSY: u8 = 5;
}

/// What every user-facing error offers besides its message.
pub trait Diagnostic: std::error::Error {
    /// The process exit code for this error.
    fn exit_code(&self) -> u8 {
        exit::ERROR
    }
    /// How to fix it, when there is something to say.
    fn hint(&self) -> Option<String> {
        None
    }
}

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
    #[error(transparent)]
    Import(#[from] crate::import::Error),
    #[error(transparent)]
    Statement(#[from] crate::statement::Error),
    #[error(transparent)]
    Web(#[from] crate::web::Error),
}

impl Diagnostic for Error {
    fn exit_code(&self) -> u8 {
        match self {
            Error::Usage { .. } => exit::USAGE,
            Error::Vault(error) => error.exit_code(),
            Error::Schema(error) => error.exit_code(),
            Error::Records(error) => error.exit_code(),
            Error::Import(error) => error.exit_code(),
            Error::Statement(e) => e.exit_code(),
            Error::Web(e) => e.exit_code(),
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            Error::Usage { hint, .. } => hint.clone(),
            Error::Vault(error) => error.hint(),
            Error::Schema(error) => error.hint(),
            Error::Records(error) => error.hint(),
            Error::Import(error) => error.hint(),
            Error::Statement(e) => e.hint(),
            Error::Web(e) => e.hint(),
        }
    }
}
