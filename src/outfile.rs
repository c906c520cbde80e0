//! Writing a document to a file the user named (`--out`, `--save-mapping`).
//!
//! The document goes into a temp file beside the target, `TARGET.kluis-tmp`, created
//! exclusively and never through a link (`O_EXCL | O_NOFOLLOW`), flushed, then renamed over
//! the target: a reader never sees half a document, a link planted under the temp name
//! redirects nothing, and a hard link to another file (the vault's, say) is replaced as a
//! name, never written through.

use std::fs::{self, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The temp file a document is written to before it is renamed over `path`.
pub fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".kluis-tmp");
    path.with_file_name(name)
}

/// Writes what `write` produces to `path` with the given mode: temp file, fsync, rename.
/// Nothing is left behind on failure.
pub fn write_atomically(
    path: &Path,
    mode: u32,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    Pending::create(path, mode)?.finish(write)
}

/// A document's temp file, created before the work the document records is saved: a path
/// that cannot be written (no such folder, no permission, a folder under that name) then
/// fails before the vault changed, not after (an erasure carried out whose letter is lost).
/// Dropped unfinished, it removes its temp file.
pub struct Pending {
    path: PathBuf,
    temp: PathBuf,
    file: Option<fs::File>,
}

impl Pending {
    /// Creates `path`'s temp file with the given mode, empty.
    pub fn create(path: &Path, mode: u32) -> io::Result<Pending> {
        if fs::metadata(path).is_ok_and(|target| target.is_dir()) {
            return Err(io::Error::other("it is a folder"));
        }
        let temp = temp_path(path);
        // A temp file of a crashed run, or anything planted under its name: removing a link
        // removes the link, never what it points to.
        match fs::remove_file(&temp) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
            _ => {}
        }
        let file = create_exclusive(&temp, mode)?;
        let pending = Pending {
            path: path.to_owned(),
            temp,
            file: Some(file),
        };
        // The umask may have narrowed the mode at creation.
        let file = pending.file.as_ref().expect("just created");
        file.set_permissions(fs::Permissions::from_mode(mode))?;
        Ok(pending)
    }

    /// Writes what `write` produces into the temp file, flushes it and renames it over the
    /// target. On failure the temp file is removed and the target is as it was.
    pub fn finish(
        mut self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let file = self.file.take().expect("a pending file is finished once");
        let mut buffered = BufWriter::new(file);
        let written = write(&mut buffered)
            .and_then(|()| buffered.into_inner().map_err(|error| error.into_error()))
            .and_then(|file| file.sync_all())
            .and_then(|()| fs::rename(&self.temp, &self.path));
        if written.is_err() {
            let _ = fs::remove_file(&self.temp);
        }
        written
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// A new file, created exclusively and never through a symbolic link.
pub fn create_exclusive(path: &Path, mode: u32) -> io::Result<fs::File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .custom_flags(libc::O_NOFOLLOW)
        .mode(mode)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 15 (L4): a `*.kluis-tmp` symlink planted beside the output was followed, so the
    /// document landed in the file it pointed to.
    #[test]
    fn a_planted_temp_symlink_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("statement.md");
        let victim = dir.path().join("victim");
        std::os::unix::fs::symlink(&victim, temp_path(&out)).unwrap();
        write_atomically(&out, 0o600, |w| w.write_all(b"document")).unwrap();
        assert!(!victim.exists(), "the link's target was created");
        assert_eq!(fs::read(&out).unwrap(), b"document");
        assert!(!temp_path(&out).exists());
    }

    #[test]
    fn a_failed_write_leaves_the_target_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("export.csv");
        fs::write(&out, "before").unwrap();
        let error = write_atomically(&out, 0o600, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "disk full");
        assert_eq!(fs::read(&out).unwrap(), b"before");
        assert!(!temp_path(&out).exists());
    }

    #[test]
    fn a_pending_file_fails_early_and_leaves_nothing_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Pending::create(&dir.path().join("no/such/folder/x"), 0o600).is_err());
        assert!(Pending::create(dir.path(), 0o600).is_err(), "a folder");
        let out = dir.path().join("letter.md");
        let pending = Pending::create(&out, 0o600).unwrap();
        assert!(temp_path(&out).exists());
        drop(pending);
        assert!(!temp_path(&out).exists());
        assert!(!out.exists());
        let pending = Pending::create(&out, 0o600).unwrap();
        pending.finish(|w| w.write_all(b"letter")).unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"letter");
        assert!(!temp_path(&out).exists());
    }
}
