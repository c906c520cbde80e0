//! How to fix a vault error on the command line.

use std::path::{Path, PathBuf};

use crate::vault::Error;

pub fn hint(error: &Error) -> Option<String> {
    Some(match error {
        Error::Control(_) => super::schema::CONTROL.into(),
        Error::NotFound { .. } => {
            "create one with `kluis init`, or point to yours with --vault PATH or KLUIS_VAULT".into()
        }
        Error::BackupFolder { .. } => {
            "create the folder first (mkdir -p DIR), or give another one with --to".into()
        }
        Error::AlreadyExists { .. } => {
            "kluis never overwrites a vault; choose another path with --vault".into()
        }
        Error::BackupPending { backup, .. } => format!(
            "make {} a file kluis may replace (a folder there cannot be), then run the command \
             again; do not restore that backup: the new one waits beside it, ending in .tmp",
            backup.display()
        ),
        Error::BackupNotReplaced { backup, .. } => format!(
            "the change is kept; do not repeat it. Make {} a file kluis may replace (a folder \
             there cannot be), then run any kluis command on the vault, such as `kluis check`: \
             it puts the new backup in place",
            backup.display()
        ),
        Error::Busy { .. } => {
            "wait for the other command to finish, or give it longer with --wait SECONDS".into()
        }
        Error::WrongPassphrase { path } => match backup_of(path) {
            Some(backup) => format!(
                "check the passphrase; if it is right, restore {} or open the vault with the recovery key (--identity FILE)",
                backup.display()
            ),
            None => "check the passphrase; if it is right, open the vault with the recovery key (--identity FILE)".into(),
        },
        Error::WrongIdentity { path } => match backup_of(path) {
            Some(backup) => format!(
                "use the recovery key file or a key added with `kluis key add`; if this is the right key, restore {}",
                backup.display()
            ),
            None => "use the recovery key file or a key added with `kluis key add`".into(),
        },
        Error::NotAVault { .. } => {
            "check the --vault path; kluis vaults start with `age-encryption.org/v1`".into()
        }
        Error::TooLarge { .. } => {
            "check the --vault path; a kluis vault holds at most a 2 GiB database".into()
        }
        Error::NotAFile { .. } => {
            "check the path; kluis makes its vault, .bak and .lock as regular files itself (remove a link or pipe planted there)"
                .into()
        }
        Error::Damaged { path, .. } => match backup_of(path) {
            Some(backup) => format!(
                "the file was changed outside kluis; restore the backup {}, or an older copy",
                backup.display()
            ),
            None => "the file was changed outside kluis; restore an older copy (kluis backup --to DIR makes them)".into(),
        },
        Error::Unverified { .. } => {
            "if this identity was added with `kluis key add`, pass --allow-unverified to open it read-only (see docs/FORMAT.md)"
                .into()
        }
        Error::TooNew { .. } => "upgrade kluis to open this vault".into(),
        Error::NoPassphrase { variable } => {
            let flag = if *variable == crate::vault::NEW_PASSPHRASE_ENV {
                "--new-passphrase-file"
            } else {
                "--passphrase-file"
            };
            format!(
                "run in a terminal, or set {variable}, or pass {flag} FILE (never on the command line)"
            )
        }
        Error::EmptyPassphrase | Error::PassphraseMismatch => "enter it again".into(),
        Error::BlankPassphrase => {
            "choose words, not only spaces: several random words make a strong passphrase".into()
        }
        Error::PassphraseNotUtf8 { .. } => {
            "save the passphrase as UTF-8 text (the file's first line, or the variable's value), or type it at the prompt".into()
        }
        Error::BadIdentityFile { .. } => {
            "pass an age identity file holding a line starting with AGE-SECRET-KEY-1".into()
        }
        Error::BadIdentityText { .. } => {
            "paste the whole line starting with AGE-SECRET-KEY-1".into()
        }
        Error::BadRecipient => "copy the whole public key, e.g. age1qyqszqgpqyqszqgp…".into(),
        Error::UnknownRecipient { .. } => "list them with `kluis key list`".into(),
        Error::ReadOnly => {
            "unlock with the passphrase to make changes; after a lost passphrase, set a new one with `kluis passwd --identity RECOVERY-FILE`"
                .into()
        }
        Error::ChangedOnDisk { .. } => {
            "the vault was reloaded with the other change; do the last step again".into()
        }
        Error::KdfParams { .. } => "leave the --kdf-* flags out to use the safe defaults".into(),
        Error::Io { source, path, .. } => io_hint(source, path),
        Error::Database { .. } => {
            "run `kluis verify`; if it reports damage, restore the backup or an older copy".into()
        }
        Error::NotOpenedForWriting => return None,
    })
}

/// How to get past a failed read or write of a vault file, by what the system said.
fn io_hint(source: &std::io::Error, path: &Path) -> String {
    use std::io::ErrorKind;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.display().to_string(),
        _ => ".".to_owned(),
    };
    match source.kind() {
        ErrorKind::PermissionDenied => {
            format!("check that you may read and write the folder {folder} and its files")
        }
        ErrorKind::NotFound => format!("check that the folder {folder} exists"),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            "free space on the disk, then run the command again; the vault was left as it was"
                .into()
        }
        ErrorKind::ReadOnlyFilesystem => {
            "the disk is mounted read-only; move the vault to a writable disk".into()
        }
        _ => format!(
            "check the disk and the folder {folder} (permissions, free space), then run the command again"
        ),
    }
}

/// The vault's `.bak` when restoring it would change something (see
/// [`crate::vault::restorable_backup`]).
fn backup_of(vault: &Path) -> Option<PathBuf> {
    crate::vault::restorable_backup(vault)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_passwd_hint_names_new_passphrase_file_not_passphrase_file() {
        let new = hint(&Error::NoPassphrase {
            variable: crate::vault::NEW_PASSPHRASE_ENV,
        })
        .unwrap();
        assert!(new.contains("--new-passphrase-file FILE"), "{new}");
        assert!(!new.contains(" --passphrase-file"), "{new}");
        let old = hint(&Error::NoPassphrase {
            variable: crate::vault::PASSPHRASE_ENV,
        })
        .unwrap();
        assert!(old.contains(" --passphrase-file FILE"), "{old}");
    }

    #[test]
    fn a_non_utf8_passphrase_hint_talks_about_the_passphrase_not_identity_files() {
        let error = Error::PassphraseNotUtf8 {
            origin: "KLUIS_PASSPHRASE".into(),
        };
        let text = format!("{error} {}", hint(&error).unwrap());
        assert!(text.contains("passphrase"), "{text}");
        assert!(!text.contains("identity"), "{text}");
        assert!(!text.contains("AGE-SECRET-KEY"), "{text}");
    }

    #[test]
    fn hints_name_a_backup_only_when_it_exists_and_is_not_the_vault() {
        let folder = tempfile::tempdir().unwrap();
        let vault = folder.path().join("shop.kluis");
        let wrong = |path: &Path| {
            hint(&Error::WrongPassphrase {
                path: path.to_path_buf(),
            })
            .unwrap()
        };
        assert!(!wrong(&vault).contains(".bak"), "{}", wrong(&vault));
        std::fs::write(folder.path().join("shop.kluis.bak"), "x").unwrap();
        assert!(wrong(&vault).contains("shop.kluis.bak"));
        let damaged = hint(&Error::Damaged {
            path: vault.clone(),
            reason: "test".into(),
        })
        .unwrap();
        assert!(damaged.contains("shop.kluis.bak"), "{damaged}");
        // A backup with the vault's own bytes (as after an erasure) restores nothing.
        std::fs::write(&vault, "x").unwrap();
        assert!(!wrong(&vault).contains(".bak"), "{}", wrong(&vault));

        // Opening the backup itself: never `shop.kluis.bak.bak`, even if one exists.
        let backup = folder.path().join("shop.kluis.bak");
        std::fs::write(folder.path().join("shop.kluis.bak.bak"), "x").unwrap();
        assert!(!wrong(&backup).contains(".bak.bak"), "{}", wrong(&backup));
    }

    /// Regression (nitpick): I/O errors had no hint.
    #[test]
    fn io_errors_get_a_hint_by_their_kind() {
        let io = |kind: std::io::ErrorKind| {
            hint(&Error::Io {
                action: "write",
                path: PathBuf::from("/srv/shop/shop.kluis"),
                source: std::io::Error::from(kind),
            })
            .expect("a hint")
        };
        assert!(io(std::io::ErrorKind::PermissionDenied).contains("/srv/shop"));
        assert!(io(std::io::ErrorKind::StorageFull).contains("free space"));
        assert!(io(std::io::ErrorKind::Other).contains("/srv/shop"));
    }
}
