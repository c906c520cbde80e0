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
    let temp = temp_path(path);
    let result = write_then_rename(path, &temp, mode, write);
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn write_then_rename(
    path: &Path,
    temp: &Path,
    mode: u32,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    // A temp file of a crashed run, or anything planted under its name: removing a link
    // removes the link, never what it points to.
    match fs::remove_file(temp) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
        _ => {}
    }
    let file = create_exclusive(temp, mode)?;
    // The umask may have narrowed the mode at creation.
    file.set_permissions(fs::Permissions::from_mode(mode))?;
    let mut buffered = BufWriter::new(file);
    write(&mut buffered)?;
    let file = buffered.into_inner().map_err(|error| error.into_error())?;
    file.sync_all()?;
    fs::rename(temp, path)
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
}
