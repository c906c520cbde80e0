//! Durable, atomic replacement of the vault file, its one backup, and the writer lock.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::error::{Error, io};

/// The files that live beside a vault. Nothing else is ever written.
pub struct Siblings {
    pub backup: PathBuf,
    pub lock: PathBuf,
    pub temp: PathBuf,
    pub backup_temp: PathBuf,
}

pub fn siblings(vault: &Path) -> Siblings {
    let with = |suffix: &str| {
        let mut name = vault.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    Siblings {
        backup: with(".bak"),
        lock: with(".lock"),
        temp: with(".tmp"),
        backup_temp: with(".bak.tmp"),
    }
}

/// The file a vault path names, with symbolic links resolved once, at open or create: a save
/// through a link then replaces the file it points to, and `.bak`, `.lock` and `.tmp` sit
/// beside that file, so two names for one vault never diverge. A vault yet to be made gets its
/// folder resolved, after following a link that points to it by hand (canonicalize refuses a
/// dangling one).
pub fn real_path(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    let mut path = path.to_path_buf();
    // The kernel's own limit on links followed in one lookup.
    for _ in 0..40 {
        match fs::read_link(&path) {
            Ok(target) => path = folder_of(&path).join(target),
            Err(_) => break,
        }
    }
    match (fs::canonicalize(folder_of(&path)), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => path,
    }
}

/// Whether writing to `out` would write to the vault or one of its files (`.bak`, `.lock`,
/// `.tmp`, `.bak.tmp`). Files that exist are compared by device and inode, so a hard link or
/// a symbolic link under another name is caught; names that do not exist yet (a temp file)
/// are compared resolved. Every writer of an output file asks this first.
pub fn is_own_file(vault: &Path, out: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let vault = real_path(vault);
    let names = siblings(&vault);
    let own = [
        &vault,
        &names.backup,
        &names.lock,
        &names.temp,
        &names.backup_temp,
    ];
    let out_real = real_path(out);
    if own.iter().any(|file| **file == out_real) {
        return true;
    }
    let Ok(out) = fs::metadata(out) else {
        return false;
    };
    own.iter().any(|file| {
        fs::metadata(file).is_ok_and(|meta| meta.dev() == out.dev() && meta.ino() == out.ino())
    })
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Creates the vault's folder (mode 0700) when it does not exist yet.
pub fn ensure_folder(vault: &Path) -> Result<(), Error> {
    let folder = folder_of(vault);
    if folder.exists() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)
        .map_err(io("create the folder", folder))
}

use std::os::unix::fs::DirBuilderExt;

/// A new private file, created exclusively and never through a symbolic link
/// (`O_EXCL | O_NOFOLLOW`, mode 0600).
pub(super) fn create_private(path: &Path) -> Result<File, Error> {
    crate::outfile::create_exclusive(path, 0o600).map_err(io("create", path))
}

pub(super) fn sync_folder(path: &Path) -> Result<(), Error> {
    let folder = folder_of(path);
    File::open(folder)
        .and_then(|dir| dir.sync_all())
        .map_err(io("flush the folder", folder))
}

/// What happens to the `.bak` file on a save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backup {
    /// The previous vault becomes the backup (every ordinary save).
    KeepPrevious,
    /// The backup gets the new content too, so data just erased survives nowhere beside the
    /// vault (saves after an erasure).
    ReplaceWithNew,
}

/// Replaces `vault` with what `write` produces: temp file in the same folder (mode 0600),
/// fsync, keep the previous version as `.bak`, rename, fsync the folder. A failure at any
/// step leaves the previous vault as it was. The caller holds the lock. The content streams
/// to the temp file, so a save never holds a second copy of the vault in memory.
///
/// `meanwhile` runs on the calling thread while `write` runs on another, and the temp file
/// replaces the vault only when both succeed; its error comes first. A save checks the
/// database there, so that check and the encryption, each a pass over the whole database,
/// overlap.
pub fn replace_with(
    vault: &Path,
    backup: Backup,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()> + Send,
    meanwhile: impl FnOnce() -> Result<(), Error>,
) -> Result<(), Error> {
    let names = siblings(vault);
    let result = std::thread::scope(|scope| {
        let writing = scope.spawn(|| match backup {
            Backup::KeepPrevious => write_synced(&names.temp, vault, write),
            // The new backup is written in the same pass as the new vault.
            Backup::ReplaceWithNew => {
                write_synced_both(&names.temp, &names.backup_temp, vault, write)
            }
        });
        let checked = meanwhile();
        let written = writing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        checked.and(written)
    })
    .and_then(|()| rename_into_place(vault, &names, backup));
    match &result {
        // The vault is replaced; the new backup stays for the roll forward at the next open
        // (`finish_interrupted_save`), so the erased data does not stay in `.bak` for good.
        Err(Error::BackupNotReplaced { .. }) | Ok(()) => {}
        Err(_) => {
            // Best effort: the temp files hold only ciphertext, but leave nothing behind.
            let _ = fs::remove_file(&names.temp);
            let _ = fs::remove_file(&names.backup_temp);
        }
    }
    result
}

/// [`replace_with`] for content already in memory.
#[cfg(test)]
pub fn replace(vault: &Path, bytes: &[u8], backup: Backup) -> Result<(), Error> {
    replace_with(vault, backup, |out| out.write_all(bytes), || Ok(()))
}

/// The temp file, written and flushed, becomes the vault (and, after an erasure, `.bak`).
fn rename_into_place(vault: &Path, names: &Siblings, backup: Backup) -> Result<(), Error> {
    match backup {
        Backup::KeepPrevious => {
            if vault.exists() {
                keep_backup(vault, names)?;
            }
            fs::rename(&names.temp, vault).map_err(io("replace", vault))?;
        }
        Backup::ReplaceWithNew => {
            // The new backup, written with the vault (`write_synced_both`), is a file of its
            // own, never a link to the vault: one damaged byte in one file must leave the
            // other whole. Both are on disk before either rename, so the renames follow each
            // other with nothing in between.
            fs::rename(&names.temp, vault).map_err(io("replace", vault))?;
            if let Err(source) = fs::rename(&names.backup_temp, &names.backup) {
                // Make the new vault itself durable before telling the caller.
                sync_folder(vault)?;
                return Err(Error::BackupNotReplaced {
                    backup: names.backup.clone(),
                    source,
                });
            }
        }
    }
    sync_folder(vault)
}

/// Copies `from` into a new private file `to` that belongs to `vault`'s owner, flushed to disk.
fn copy_synced(from: &Path, to: &Path, vault: &Path) -> Result<(), Error> {
    let mut source = File::open(from).map_err(io("read", from))?;
    write_synced(to, vault, |out| std::io::copy(&mut source, out).map(drop))
}

/// Writes a private file from scratch that belongs to `vault`'s owner, and flushes it to disk.
fn write_synced(
    path: &Path,
    vault: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let file = create_fresh(path, vault)?;
    let file = super::durable::write_streaming(file, write).map_err(io("write", path))?;
    file.sync_all().map_err(io("flush", path))
}

/// [`write_synced`] for two files with the same content, from one pass of `write`: an
/// erasure's new vault and new backup. Copying the backup afterwards read and wrote the
/// whole file again and flushed it after the vault: a tenth of a purge of 1 % of 100,000
/// records, a third at 1,000,000 (docs/PERFORMANCE.md).
fn write_synced_both(
    first: &Path,
    second: &Path,
    vault: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let both = super::durable::Both {
        first: create_fresh(first, vault)?,
        second: create_fresh(second, vault)?,
    };
    let both = super::durable::write_streaming(both, write).map_err(|error| {
        match super::durable::Failed::sort(error) {
            super::durable::Failed::First(error) => io("write", first)(error),
            super::durable::Failed::Second(error) => io("write", second)(error),
        }
    })?;
    // Flushed side by side: the disk gets both at once instead of one after the other.
    std::thread::scope(|scope| {
        let second_flushed = scope.spawn(|| both.second.sync_all());
        let first_flushed = both.first.sync_all().map_err(io("flush", first));
        let second_flushed = second_flushed
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            .map_err(io("flush", second));
        first_flushed.and(second_flushed)
    })
}

/// A new private file at `path` that belongs to `vault`'s owner.
fn create_fresh(path: &Path, vault: &Path) -> Result<File, Error> {
    // A temp file from a crashed save: we hold the lock, so nobody else owns it.
    remove_if_present(path)?;
    let file = create_private(path)?;
    give_to_owner_of(&file, vault);
    Ok(file)
}

/// Gives a file kluis just made beside the vault (its next version, its backup, its lock) the
/// vault's owner and group, where they differ: after `sudo kluis edit …` the vault must stay
/// the owner's, not become root's, which its owner could no longer open (mode 0600). Only
/// root may give a file away, so for anyone else this changes nothing, and a refusal is not an
/// error. A vault that does not exist yet has no owner to follow.
fn give_to_owner_of(file: &File, vault: &Path) {
    use std::os::unix::fs::MetadataExt;
    let (Ok(wanted), Ok(made)) = (fs::metadata(vault), file.metadata()) else {
        return;
    };
    if (wanted.uid(), wanted.gid()) != (made.uid(), made.gid()) {
        let _ = std::os::unix::fs::fchown(file, Some(wanted.uid()), Some(wanted.gid()));
    }
}

/// Makes the current vault the backup without ever leaving the backup half-written.
fn keep_backup(vault: &Path, names: &Siblings) -> Result<(), Error> {
    remove_if_present(&names.backup_temp)?;
    // Should the backup be a link to the vault (made by hand, or by an older kluis after an
    // erasure), linking again and renaming one link onto the other would succeed without
    // doing anything (POSIX rename) and leave the temp link behind.
    if same_file(vault, &names.backup) {
        return Ok(());
    }
    // A hard link costs nothing; folders that refuse links (some synced or FAT drives) get a copy.
    if fs::hard_link(vault, &names.backup_temp).is_err() {
        copy_synced(vault, &names.backup_temp, vault)?;
    }
    fs::rename(&names.backup_temp, &names.backup).map_err(io("replace", &names.backup))
}

/// The vault's `.bak` when restoring it would change something: it exists, is a file, and
/// holds other bytes than the vault (not the same file, nor an identical copy). `None` when
/// the vault named is itself a `.bak`, so no hint ever names `x.bak.bak`, and while a save's
/// new backup waits as `.bak.tmp`: the old one holds what that save removed.
pub fn restorable_backup(vault: &Path) -> Option<PathBuf> {
    if vault.extension().is_some_and(|ext| ext == "bak") {
        return None;
    }
    let names = siblings(vault);
    // A new backup waiting to replace `.bak` means `.bak` holds what a save removed.
    if fs::symlink_metadata(&names.backup_temp).is_ok() {
        return None;
    }
    let backup = names.backup;
    let differs = match (fs::metadata(vault), fs::metadata(&backup)) {
        (_, Err(_)) => return None,
        (_, Ok(meta)) if !meta.is_file() => return None,
        (Err(_), Ok(_)) => true,
        (Ok(_), Ok(_)) if same_file(vault, &backup) => false,
        (Ok(a), Ok(b)) if a.len() != b.len() => true,
        (Ok(_), Ok(_)) => !same_content(vault, &backup),
    };
    differs.then_some(backup)
}

fn same_content(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Ok(a), Ok(b)) = (File::open(a), File::open(b)) else {
        return false;
    };
    let (mut a, mut b) = (std::io::BufReader::new(a), std::io::BufReader::new(b));
    let (mut left, mut right) = ([0u8; 8192], [0u8; 8192]);
    loop {
        let read = match a.read(&mut left) {
            Ok(read) => read,
            Err(_) => return false,
        };
        if read == 0 {
            return b.read(&mut right[..1]).is_ok_and(|n| n == 0);
        }
        if b.read_exact(&mut right[..read]).is_err() || left[..read] != right[..read] {
            return false;
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

fn remove_if_present(path: &Path) -> Result<(), Error> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(io("remove", path)(error))
        }
        _ => Ok(()),
    }
}

/// An exclusive lock on `VAULT.lock`, held until dropped.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// Takes the writer lock, waiting up to `wait` for another writer to finish.
pub fn lock(vault: &Path, wait: Duration) -> Result<WriterLock, Error> {
    let path = siblings(vault).lock;
    let file = open_lock_file(&path)?;
    give_to_owner_of(&file, vault);
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => {
                let held = WriterLock { _file: file };
                finish_interrupted_save(vault)?;
                return Ok(held);
            }
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(50).min(wait));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(Error::Busy {
                    path: vault.to_path_buf(),
                    waited_secs: wait.as_secs(),
                });
            }
            Err(fs::TryLockError::Error(error)) => return Err(io("lock", &path)(error)),
        }
    }
}

/// Finishes what a save killed between its renames left behind; the caller holds the lock, so
/// no save is running. A `VAULT.bak.tmp` holding the vault's bytes in a file of its own is an
/// erasure's new backup whose rename did not happen: it is renamed over `.bak` now, so the
/// person erased leaves `.bak` at the next open (roll forward). Any other leftover temp file
/// belongs to a save that never replaced the vault, and is removed.
fn finish_interrupted_save(vault: &Path) -> Result<(), Error> {
    let names = siblings(vault);
    let pending = fs::symlink_metadata(&names.backup_temp);
    if let Ok(meta) = pending {
        let new_backup = meta.is_file()
            && !same_file(vault, &names.backup_temp)
            && same_content(vault, &names.backup_temp);
        if new_backup {
            fs::rename(&names.backup_temp, &names.backup).map_err(|source| {
                Error::BackupPending {
                    backup: names.backup.clone(),
                    source,
                }
            })?;
            sync_folder(vault)?;
        } else {
            remove_if_present(&names.backup_temp)?;
        }
    }
    remove_if_present(&names.temp)
}

/// For an open that takes no lock: when a save left a `VAULT.bak.tmp` behind, take the lock
/// if nobody holds it, which finishes that save ([`finish_interrupted_save`]). Best effort:
/// a busy or read-only folder leaves it to the next writer.
pub fn finish_interrupted_save_if_idle(vault: &Path) {
    if fs::symlink_metadata(siblings(vault).backup_temp).is_ok() {
        let _ = lock(vault, Duration::ZERO);
    }
}

/// Opens (or makes) the lock file, never through a symbolic link: a dangling `.lock` link
/// would otherwise have kluis create the file it points to. Non-blocking, so a FIFO planted
/// there cannot hang the open; it is refused as not a regular file.
fn open_lock_file(path: &Path) -> Result<File, Error> {
    let opened = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path);
    let file = match opened {
        Err(error) if error.raw_os_error() == Some(libc::ELOOP) => {
            return Err(Error::NotAFile {
                path: path.to_path_buf(),
                kind: "a symbolic link",
            });
        }
        other => other.map_err(io("open the lock file", path))?,
    };
    let meta = file.metadata().map_err(io("open the lock file", path))?;
    match kind_if_not_regular(&meta) {
        Some(kind) => Err(Error::NotAFile {
            path: path.to_path_buf(),
            kind,
        }),
        None => Ok(file),
    }
}

/// The largest decrypted database kluis can load: SQLite's deserialize reads it into one
/// allocation, and SQLite allocates at most `SQLITE_MAX_ALLOCATION_SIZE` bytes at once.
pub const MAX_DATABASE_BYTES: u64 = 2_147_483_391;
/// The largest vault file kluis reads: the database above, plus age's 16-byte tag per
/// 64 KiB chunk and room for the header (its stanzas, one per key).
pub const MAX_VAULT_BYTES: u64 =
    MAX_DATABASE_BYTES + (MAX_DATABASE_BYTES / 65536 + 1) * 16 + (1 << 20);

/// The vault file, opened once it is known to be worth reading: a regular file (a FIFO or a
/// device is refused, and opening does not block on one), starting with the age header line,
/// and no larger than kluis can load. The checks look at the file opened, not at the name, so
/// nothing can be swapped in between; a save replaces the name, never this file's bytes. A
/// missing file is [`Error::NotFound`].
pub(super) fn open_vault(path: &Path) -> Result<File, Error> {
    use std::io::{Read, Seek};
    const MAGIC: &[u8] = b"age-encryption.org/";
    let mut file = match OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
    {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound {
                path: path.to_path_buf(),
            });
        }
        other => other.map_err(io("read", path))?,
    };
    let meta = file.metadata().map_err(io("read", path))?;
    if let Some(kind) = kind_if_not_regular(&meta) {
        return Err(Error::NotAFile {
            path: path.to_path_buf(),
            kind,
        });
    }
    let mut head = [0u8; MAGIC.len()];
    let starts_right = file.read_exact(&mut head).is_ok() && head == MAGIC;
    if !starts_right {
        return Err(Error::NotAVault {
            path: path.to_path_buf(),
            reason: "it is not an age-encrypted file".into(),
        });
    }
    if meta.len() > MAX_VAULT_BYTES {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: MAX_VAULT_BYTES,
        });
    }
    file.rewind().map_err(io("read", path))?;
    Ok(file)
}

/// The vault file's bytes, checked as [`open_vault`] checks them.
pub(super) fn read_vault(path: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let mut file = open_vault(path)?;
    let length = file.metadata().map_err(io("read", path))?.len();
    let mut bytes = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(io("read", path))?;
    Ok(bytes)
}

/// What a file is when it is not a regular file, in words.
pub(super) fn kind_if_not_regular(meta: &fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    Some(if kind.is_file() {
        return None;
    } else if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::HasExitCode;
    use std::os::unix::fs::PermissionsExt;

    /// The names in a folder, sorted.
    fn folder_names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replace_keeps_one_backup_and_private_modes() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kluis");
        replace(&vault, b"one", Backup::KeepPrevious).unwrap();
        replace(&vault, b"two", Backup::KeepPrevious).unwrap();
        replace(&vault, b"three", Backup::KeepPrevious).unwrap();
        assert_eq!(fs::read(&vault).unwrap(), b"three");
        assert_eq!(fs::read(siblings(&vault).backup).unwrap(), b"two");
        let mode = fs::metadata(&vault).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(folder_names(dir.path()), ["v.kluis", "v.kluis.bak"]);
    }

    /// Regression: a save under `sudo` made the vault root's, mode 0600, which its owner
    /// could then no longer open. Only root can give files away, so run as anyone else the
    /// test has nothing to check, and says so.
    #[test]
    fn a_save_by_root_leaves_the_vault_and_its_files_to_their_owner() {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            eprintln!("skipped: only root can save a vault that belongs to someone else");
            return;
        }
        let owner = |path: &Path| {
            let meta = fs::metadata(path).unwrap();
            (meta.uid(), meta.gid())
        };
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kluis");
        replace(&vault, b"one", Backup::KeepPrevious).unwrap();
        std::os::unix::fs::chown(&vault, Some(4242), Some(4343)).unwrap();
        let _lock = lock(&vault, Duration::ZERO).unwrap();
        replace(&vault, b"two", Backup::KeepPrevious).unwrap();
        replace(&vault, b"three", Backup::ReplaceWithNew).unwrap();
        let names = siblings(&vault);
        for path in [&vault, &names.backup, &names.lock] {
            assert_eq!(owner(path), (4242, 4343), "{}", path.display());
        }
    }

    #[test]
    fn after_an_erasure_the_backup_holds_the_new_content() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kluis");
        replace(&vault, b"with a person", Backup::KeepPrevious).unwrap();
        replace(&vault, b"still with them", Backup::KeepPrevious).unwrap();
        replace(&vault, b"erased", Backup::ReplaceWithNew).unwrap();
        assert_eq!(fs::read(&vault).unwrap(), b"erased");
        assert_eq!(fs::read(siblings(&vault).backup).unwrap(), b"erased");
        replace(&vault, b"next", Backup::KeepPrevious).unwrap();
        assert_eq!(fs::read(&vault).unwrap(), b"next");
        assert_eq!(fs::read(siblings(&vault).backup).unwrap(), b"erased");
    }

    /// Regression: with the backup a link to the vault after an erasure, the next save
    /// renamed one link onto the other, which does nothing, and left `.bak.tmp` behind.
    #[test]
    fn a_save_after_an_erasure_leaves_no_backup_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kluis");
        replace(&vault, b"with a person", Backup::KeepPrevious).unwrap();
        replace(&vault, b"erased", Backup::ReplaceWithNew).unwrap();
        replace(&vault, b"next", Backup::KeepPrevious).unwrap();
        assert_eq!(folder_names(dir.path()), ["v.kluis", "v.kluis.bak"]);
        assert_eq!(fs::read(siblings(&vault).backup).unwrap(), b"erased");
        replace(&vault, b"after", Backup::KeepPrevious).unwrap();
        assert_eq!(fs::read(siblings(&vault).backup).unwrap(), b"next");
    }

    /// Issue 15 (M4): after an erasure `.bak` was a hard link to the vault, so one damaged
    /// byte damaged both. It is a copy of its own now.
    #[test]
    fn after_an_erasure_the_backup_is_not_a_hard_link_to_the_vault() {
        use std::os::unix::fs::FileExt;
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kluis");
        replace(&vault, b"with a person", Backup::KeepPrevious).unwrap();
        replace(&vault, b"erased", Backup::ReplaceWithNew).unwrap();
        let backup = siblings(&vault).backup;
        assert!(!same_file(&vault, &backup), "the backup is a hard link");
        assert_eq!(
            fs::metadata(&backup).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let damaged = OpenOptions::new().write(true).open(&vault).unwrap();
        damaged.write_all_at(b"X", 0).unwrap();
        assert_eq!(fs::read(&backup).unwrap(), b"erased");
        assert_eq!(folder_names(dir.path()), ["v.kluis", "v.kluis.bak"]);
    }

    /// Issue 15 (M4): a hint says "restore the backup" only when there is one that differs.
    #[test]
    fn a_backup_is_restorable_only_when_it_exists_and_differs() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kluis");
        let backup = siblings(&vault).backup;
        replace(&vault, b"one", Backup::KeepPrevious).unwrap();
        assert_eq!(restorable_backup(&vault), None, "no backup yet");
        replace(&vault, b"two", Backup::KeepPrevious).unwrap();
        assert_eq!(restorable_backup(&vault), Some(backup.clone()));
        replace(&vault, b"six", Backup::ReplaceWithNew).unwrap();
        assert_eq!(restorable_backup(&vault), None, "an identical copy");
        fs::remove_file(&backup).unwrap();
        fs::hard_link(&vault, &backup).unwrap();
        assert_eq!(restorable_backup(&vault), None, "the same file");
        fs::write(siblings(&backup).backup, "x").unwrap();
        assert_eq!(restorable_backup(&backup), None, "never x.bak.bak");
    }

    /// A failed write, or a save's check that fails while the content is written, keeps
    /// the old vault and leaves no temp file; the check's error is the one reported.
    #[test]
    fn a_failed_write_or_check_leaves_the_vault_and_no_temp_file() {
        type Write = fn(&mut dyn std::io::Write) -> std::io::Result<()>;
        let half: Write = |out| {
            out.write_all(b"half")?;
            Err(std::io::Error::other("disk full"))
        };
        let whole: Write = |out| out.write_all(b"after");
        for (write, check_fails) in [(half, false), (whole, true), (half, true)] {
            let dir = tempfile::tempdir().unwrap();
            let vault = dir.path().join("v.kluis");
            replace(&vault, b"before", Backup::KeepPrevious).unwrap();
            let check = || match check_fails {
                true => Err(Error::ReadOnly),
                false => Ok(()),
            };
            let error = replace_with(&vault, Backup::KeepPrevious, write, check).unwrap_err();
            match check_fails {
                true => assert!(matches!(error, Error::ReadOnly), "{error}"),
                false => assert!(matches!(error, Error::Io { .. }), "{error}"),
            }
            assert_eq!(fs::read(&vault).unwrap(), b"before");
            assert!(!siblings(&vault).temp.exists());
        }
    }

    /// Issue 15 (M2): a vault yet to be made behind a link (`init` through `link.kluis` that
    /// points to `real/x.kluis`) resolves to the link's target, so the link stays a link.
    #[test]
    fn a_dangling_vault_link_resolves_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let link = dir.path().join("link.kluis");
        std::os::unix::fs::symlink("real/x.kluis", &link).unwrap();
        let real = fs::canonicalize(dir.path()).unwrap().join("real/x.kluis");
        assert_eq!(real_path(&link), real);
        let relative_folder = dir.path().join("real/../link.kluis");
        assert_eq!(real_path(&relative_folder), real);
        let unmade = dir.path().join("real/new.kluis");
        assert_eq!(real_path(&unmade), real.with_file_name("new.kluis"));
    }

    /// Issue 15 (L5): a dangling `.lock` symlink made kluis create the file it points to.
    #[test]
    fn a_dangling_lock_symlink_is_refused_and_its_target_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kluis");
        let target = dir.path().join("elsewhere");
        std::os::unix::fs::symlink(&target, siblings(&vault).lock).unwrap();
        let error = lock(&vault, Duration::ZERO).unwrap_err();
        assert!(matches!(error, Error::NotAFile { .. }), "{error}");
        assert!(!target.exists(), "the link's target was created");
    }

    /// Issue 15 (L4): temp files are created exclusively and never through a link; a link
    /// planted under a vault temp name is removed under the lock, its target untouched.
    #[test]
    fn a_planted_vault_temp_symlink_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kluis");
        replace(&vault, b"one", Backup::KeepPrevious).unwrap();
        let names = siblings(&vault);
        let target = dir.path().join("elsewhere");
        std::os::unix::fs::symlink(&target, &names.temp).unwrap();
        std::os::unix::fs::symlink(&target, &names.backup_temp).unwrap();
        assert!(create_private(&names.temp).is_err(), "followed a link");
        replace(&vault, b"two", Backup::ReplaceWithNew).unwrap();
        assert!(!target.exists(), "the link's target was created");
        assert_eq!(fs::read(&vault).unwrap(), b"two");
        assert_eq!(folder_names(dir.path()), ["v.kluis", "v.kluis.bak"]);
    }

    /// Issue 15 (L3): `export --out` to a hard link of the vault wrote plaintext into `.bak`:
    /// output paths were compared by name. They are compared by device and inode.
    #[test]
    fn an_output_path_is_the_vaults_own_by_inode_not_name() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kluis");
        replace(&vault, b"one", Backup::KeepPrevious).unwrap();
        replace(&vault, b"two", Backup::KeepPrevious).unwrap();
        drop(lock(&vault, Duration::ZERO).unwrap());
        let names = siblings(&vault);
        let linked = |name: &str, to: &Path| {
            let path = dir.path().join(name);
            fs::hard_link(to, &path).unwrap();
            path
        };
        assert!(is_own_file(&vault, &linked("a.csv", &vault)));
        assert!(is_own_file(&vault, &linked("b.csv", &names.backup)));
        assert!(is_own_file(&vault, &linked("c.csv", &names.lock)));
        let symlinked = dir.path().join("d.csv");
        std::os::unix::fs::symlink(&names.backup, &symlinked).unwrap();
        assert!(is_own_file(&vault, &symlinked));
        assert!(is_own_file(&vault, &dir.path().join("./v.kluis.tmp")));
        assert!(is_own_file(&vault, &names.backup_temp));
        let copy = dir.path().join("e.csv");
        fs::copy(&vault, &copy).unwrap();
        assert!(!is_own_file(&vault, &copy));
        assert!(!is_own_file(&vault, &dir.path().join("new.csv")));
    }

    /// Issue 15 (L6): a FIFO as the vault hung kluis, and `/dev/zero` or a huge sparse file
    /// ran it out of memory. Each is refused from its metadata or first bytes.
    #[test]
    fn a_fifo_a_device_or_a_huge_file_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.kluis");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: mkfifo only reads the NUL-terminated name.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        let error = read_vault(&fifo).unwrap_err();
        assert!(matches!(error, Error::NotAFile { .. }), "{error}");
        let error = read_vault(Path::new("/dev/zero")).unwrap_err();
        assert!(matches!(error, Error::NotAFile { .. }), "{error}");
        let sparse = dir.path().join("sparse.kluis");
        fs::write(&sparse, b"age-encryption.org/v1\n").unwrap();
        File::options()
            .write(true)
            .open(&sparse)
            .unwrap()
            .set_len(50 << 30)
            .unwrap();
        let error = read_vault(&sparse).unwrap_err();
        assert!(matches!(error, Error::TooLarge { .. }), "{error}");
        let zeros = dir.path().join("zeros.kluis");
        File::create(&zeros).unwrap().set_len(50 << 30).unwrap();
        let error = read_vault(&zeros).unwrap_err();
        assert!(matches!(error, Error::NotAVault { .. }), "{error}");
        assert_eq!(error.exit_code(), crate::exit::DAMAGED);
    }

    /// Regression: when an erasure's save replaced the vault but could not rename `.bak.tmp`
    /// over `.bak` (here `.bak` is a folder), the save's cleanup deleted `.bak.tmp`, so the
    /// old `.bak`, which still held the erased person, was never rolled forward; and the
    /// error did not say that the vault was saved.
    #[test]
    fn an_erasure_whose_backup_cannot_be_replaced_keeps_the_new_one_for_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kluis");
        let names = siblings(&vault);
        replace(&vault, b"with a person", Backup::KeepPrevious).unwrap();
        fs::create_dir(&names.backup).unwrap();
        fs::write(names.backup.join("in the way"), b"").unwrap();
        let error = replace(&vault, b"erased", Backup::ReplaceWithNew).unwrap_err();
        assert!(error.saved_all_the_same(), "{error}");
        assert!(error.to_string().contains("the vault is saved"), "{error}");
        assert_eq!(fs::read(&vault).unwrap(), b"erased");
        assert_eq!(fs::read(&names.backup_temp).unwrap(), b"erased");
        assert!(!names.temp.exists());

        fs::remove_dir_all(&names.backup).unwrap();
        finish_interrupted_save_if_idle(&vault);
        assert_eq!(fs::read(&names.backup).unwrap(), b"erased");
        assert_eq!(
            folder_names(dir.path()),
            ["v.kluis", "v.kluis.bak", "v.kluis.lock"]
        );
    }

    /// Issue 15 (L8): a kill between the two renames of an erasure left the person in `.bak`
    /// until the next save. The next open rolls the pending backup forward.
    #[test]
    fn an_erasure_killed_between_its_renames_is_finished_by_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kluis");
        let names = siblings(&vault);
        replace(&vault, b"with a person", Backup::KeepPrevious).unwrap();
        replace(&vault, b"still with them", Backup::KeepPrevious).unwrap();
        // The state a kill leaves after `VAULT.tmp` became the vault, before `.bak.tmp`
        // became `.bak`.
        fs::write(&vault, b"erased").unwrap();
        fs::write(&names.backup_temp, b"erased").unwrap();
        finish_interrupted_save_if_idle(&vault);
        assert_eq!(fs::read(&names.backup).unwrap(), b"erased");
        assert!(!same_file(&vault, &names.backup));
        assert_eq!(
            folder_names(dir.path()),
            ["v.kluis", "v.kluis.bak", "v.kluis.lock"]
        );

        // A kill before the vault's rename: the erasure never happened, the temps go.
        fs::write(&names.temp, b"later").unwrap();
        fs::write(&names.backup_temp, b"later").unwrap();
        drop(lock(&vault, Duration::ZERO).unwrap());
        assert_eq!(fs::read(&vault).unwrap(), b"erased");
        assert_eq!(fs::read(&names.backup).unwrap(), b"erased");
        assert_eq!(
            folder_names(dir.path()),
            ["v.kluis", "v.kluis.bak", "v.kluis.lock"]
        );
    }

    #[test]
    fn a_second_lock_is_busy_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v.kluis");
        let first = lock(&vault, Duration::ZERO).unwrap();
        assert!(matches!(
            lock(&vault, Duration::ZERO),
            Err(Error::Busy { .. })
        ));
        drop(first);
        lock(&vault, Duration::ZERO).unwrap();
    }
}
