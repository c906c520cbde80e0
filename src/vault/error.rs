use std::path::PathBuf;

use crate::exit::{self, HasExitCode};

/// Everything that can go wrong with the vault file, its keys and its lock.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A key label with a control character (the one rule of [`crate::text::check_plain`]).
    #[error(transparent)]
    Control(#[from] crate::text::ControlCharacter),

    #[error("no vault at {path}")]
    NotFound { path: PathBuf },

    #[error("a vault already exists at {path}")]
    AlreadyExists { path: PathBuf },

    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A save that must replace the backup too (after an erasure, or with a key revoked)
    /// replaced the vault but not the backup, which still holds what the save was to remove.
    /// The new backup waits beside it as `VAULT.bak.tmp`, and the next open that takes the
    /// lock puts it in place.
    #[error(
        "the vault is saved, but its backup {backup} could not be replaced ({source}): it still \
         holds what this save was to remove from it (erased data, or a revoked key)"
    )]
    BackupNotReplaced {
        backup: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// An earlier save left its new backup as `VAULT.bak.tmp` ([`Error::BackupNotReplaced`]),
    /// and it still cannot replace `.bak`: nothing is changed until it can.
    #[error(
        "the backup {backup} still holds what an earlier save removed from the vault (erased \
         data, or a revoked key), and the new backup beside it cannot take its place \
         ({source}); nothing was changed"
    )]
    BackupPending {
        backup: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("the vault {path} is busy: another kluis is writing to it (waited {waited_secs} s)")]
    Busy { path: PathBuf, waited_secs: u64 },

    #[error(
        "cannot unlock {path}: wrong passphrase, or the vault's passphrase stanza is damaged (the two cannot be told apart)"
    )]
    WrongPassphrase { path: PathBuf },

    #[error(
        "cannot unlock {path}: this identity is not one of the vault's keys, or its key stanza is damaged (the two cannot be told apart)"
    )]
    WrongIdentity { path: PathBuf },

    #[error("{path} is not a kluis vault: {reason}")]
    NotAVault { path: PathBuf, reason: String },

    #[error("{path} is {kind}, not a regular file; kluis does not use it")]
    NotAFile { path: PathBuf, kind: &'static str },

    #[error("{path} is larger ({size} bytes) than kluis can load ({limit} bytes); it was not read")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },

    #[error("{path} is damaged or has been tampered with: {reason}")]
    Damaged { path: PathBuf, reason: String },

    #[error(
        "{path} opened with this identity, but kluis cannot verify who wrote it: it carries no proof from the passphrase or the recovery key for this identity"
    )]
    Unverified { path: PathBuf },

    #[error(
        "{path} was written by a newer kluis (schema version {found}; this kluis knows up to {known})"
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        known: u32,
    },

    #[error("no passphrase given, and standard input is not a terminal to ask for one")]
    NoPassphrase { variable: &'static str },

    #[error("the passphrase is empty")]
    EmptyPassphrase,

    /// A new passphrase of spaces, tabs or other whitespace alone: it looks set but guards
    /// nothing.
    #[error("the new passphrase is only whitespace")]
    BlankPassphrase,

    /// The passphrase file or variable holds bytes that are not UTF-8; `origin` names which.
    #[error("the passphrase in {origin} is not UTF-8 text")]
    PassphraseNotUtf8 { origin: String },

    #[error("the two passphrases differ")]
    PassphraseMismatch,

    #[error("cannot read the identity file {path}: {reason}")]
    BadIdentityFile { path: PathBuf, reason: String },

    #[error("the recovery key is not readable: {reason}")]
    BadIdentityText { reason: &'static str },

    #[error("not an age X25519 recipient (expected a key starting with age1)")]
    BadRecipient,

    #[error("the key {public_key} is not one of this vault's keys")]
    UnknownRecipient { public_key: String },

    #[error("the vault was opened with an identity, which gives read-only access")]
    ReadOnly,

    #[error("the vault was opened for reading only; this command cannot save it")]
    NotOpenedForWriting,

    #[error("{path} was changed by another kluis since it was opened here; nothing was saved")]
    ChangedOnDisk { path: PathBuf },

    #[error("invalid key-derivation parameters: {reason}")]
    KdfParams { reason: String },

    #[error("{path} is not a folder kluis can put a backup in")]
    BackupFolder { path: PathBuf },

    #[error("database error: {source}")]
    Database {
        #[from]
        source: rusqlite::Error,
    },
}

impl Error {
    /// Whether the vault file was replaced all the same: the change is on disk, and a front
    /// end still gives what it owes for it (a letter, a summary) before it reports the error.
    pub fn saved_all_the_same(&self) -> bool {
        matches!(self, Error::BackupNotReplaced { .. })
    }
}

impl HasExitCode for Error {
    fn exit_code(&self) -> u8 {
        match self {
            Error::Busy { .. } | Error::ChangedOnDisk { .. } => exit::BUSY,
            Error::WrongPassphrase { .. } | Error::WrongIdentity { .. } => exit::CANNOT_UNLOCK,
            Error::NotAVault { .. }
            | Error::NotAFile { .. }
            | Error::TooLarge { .. }
            | Error::Damaged { .. }
            | Error::Unverified { .. } => exit::DAMAGED,
            Error::KdfParams { .. }
            | Error::BadRecipient
            | Error::BlankPassphrase
            | Error::Control(_) => exit::USAGE,
            // A page SQLite cannot read is a damaged vault, whichever command met it.
            Error::Database { source }
                if source.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) =>
            {
                exit::DAMAGED
            }
            _ => exit::ERROR,
        }
    }
}

/// Shorthand for an I/O error with its path.
pub(crate) fn io(
    action: &'static str,
    path: &std::path::Path,
) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io {
        action,
        path,
        source,
    }
}
