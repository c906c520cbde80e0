//! `kluis backup --to DIR`: a copy of the encrypted vault under a dated name, checked to open.
//!
//! The copy is the file as saved, so it stays encrypted and opens with the same passphrase
//! and recovery key. It is written beside nothing of the vault's own (`.tmp`, `.bak`, `.lock`)
//! and never over an existing file.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use time::Date;

use super::file::{create_private, sync_folder};
use super::{Error, Vault, error::io, open, read_vault};

/// How the copy was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Checked {
    /// Decrypted with the key of this session and found whole by SQLite.
    Opened,
    /// Unlocked with the recovery key, whose session holds no passphrase key: the copy was
    /// read back and is byte for byte the file that was just decrypted.
    SameBytes,
}

/// Refuses a backup folder that does not exist; front ends call it before the unlock too.
pub fn check_folder(dir: &Path) -> Result<(), Error> {
    if dir.is_dir() {
        Ok(())
    } else {
        Err(Error::BackupFolder {
            path: dir.to_path_buf(),
        })
    }
}

/// Copies the vault's file into `dir` as `kluis-YYYY-MM-DD.kluis` (then `-2`, `-3`, … when
/// that exists), flushed to disk, and checks that the copy opens. The vault should be held
/// open for writing, so no other save lands halfway.
pub fn backup_to(vault: &Vault, dir: &Path, today: Date) -> Result<(PathBuf, Checked), Error> {
    check_folder(dir)?;
    let bytes = read_vault(vault.path())?;
    let (path, file) = create_dated(dir, today)?;
    match copy_and_check(vault, &bytes, &path, file) {
        Ok(checked) => Ok((path, checked)),
        Err(error) => {
            // A copy that is cut short (a full disk) or does not open must not stay behind
            // under the day's name, looking like that day's backup.
            let _ = std::fs::remove_file(&path);
            Err(error)
        }
    }
}

/// Writes `bytes` into the new copy, flushes it, and checks that it opens.
fn copy_and_check(
    vault: &Vault,
    bytes: &[u8],
    path: &Path,
    mut file: File,
) -> Result<Checked, Error> {
    file.write_all(bytes).map_err(io("write", path))?;
    file.sync_all().map_err(io("flush", path))?;
    drop(file);
    sync_folder(path)?;
    let copied = std::fs::read(path).map_err(io("read", path))?;
    match vault.passphrase.clone() {
        Some(key) => {
            let opened = open::decrypt_with_key(path, copied.as_slice(), key)?;
            let conn = open::load_database(path, opened.database)?;
            let result: String = conn.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
            if result != "ok" {
                return Err(Error::Damaged {
                    path: path.to_owned(),
                    reason: "the copy's database is not whole".into(),
                });
            }
            Ok(Checked::Opened)
        }
        None if copied == bytes => Ok(Checked::SameBytes),
        None => Err(Error::Damaged {
            path: path.to_owned(),
            reason: "the copy differs from the vault".into(),
        }),
    }
}

/// A new file for the copy, created exclusively, so nothing is ever overwritten.
fn create_dated(dir: &Path, today: Date) -> Result<(PathBuf, File), Error> {
    let stem = format!(
        "kluis-{:04}-{:02}-{:02}",
        today.year(),
        u8::from(today.month()),
        today.day()
    );
    for n in 1..1000 {
        let name = match n {
            1 => format!("{stem}.kluis"),
            n => format!("{stem}-{n}.kluis"),
        };
        let path = dir.join(name);
        match create_private(&path) {
            Ok(file) => return Ok((path, file)),
            Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {
            }
            Err(error) => return Err(error),
        }
    }
    Err(Error::BackupFolder {
        path: dir.to_path_buf(),
    })
}
