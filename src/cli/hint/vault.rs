//! How to fix a vault error on the command line.

use std::path::{Path, PathBuf};

use crate::vault::Error;

pub fn hint(error: &Error) -> Option<String> {
    Some(match error {
        Error::NotFound { .. } => {
            "create one with `kluis init`, or point to yours with --vault PATH or KLUIS_VAULT".into()
        }
        Error::BackupFolder { .. } => {
            "create the folder first (mkdir -p DIR), or give another one with --to".into()
        }
        Error::AlreadyExists { .. } => {
            "kluis never overwrites a vault; choose another path with --vault".into()
        }
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
        Error::WrongIdentity { .. } => {
            "use the recovery key file or a key added with `kluis key add`".into()
        }
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
        Error::NoPassphrase { variable } => format!(
            "run in a terminal, or set {variable}, or pass --passphrase-file FILE (never on the command line)"
        ),
        Error::EmptyPassphrase | Error::PassphraseMismatch => "enter it again".into(),
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
        Error::Io { .. } | Error::Database { .. } | Error::NotOpenedForWriting => return None,
    })
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
}
