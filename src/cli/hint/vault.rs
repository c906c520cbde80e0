//! How to fix a vault error on the command line.

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
        Error::WrongPassphrase { path } => format!(
            "check the passphrase; if it is right, restore {}.bak or open the vault with the recovery key (--identity FILE)",
            path.display()
        ),
        Error::WrongIdentity { .. } => {
            "use the recovery key file or a key added with `kluis key add`".into()
        }
        Error::NotAVault { .. } => {
            "check the --vault path; kluis vaults start with `age-encryption.org/v1`".into()
        }
        Error::Damaged { path, .. } => format!(
            "the file was changed outside kluis; restore the backup {}.bak, or an older copy",
            path.display()
        ),
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
