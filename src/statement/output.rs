//! Writing a rendered statement, snippet or register to a file.
//!
//! None of them holds personal data, so a sibling temp file is fine; it is renamed over the
//! target so a reader never sees half a document. The statement and the snippets are public
//! (they go on a website), so they are written readable for all ([`PUBLIC`]); the register is
//! an internal document, readable for the owner only ([`INTERNAL`]).

use std::fs;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The mode of public documents: the statement and the snippets.
pub const PUBLIC: u32 = 0o644;
/// The mode of internal documents: the register.
pub const INTERNAL: u32 = 0o600;

use super::Error;

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".kluis-tmp");
    path.with_file_name(name)
}

/// Writes `text` to `path` atomically with the given mode: temp file, fsync, rename.
pub fn write_atomically(path: &Path, text: &str, mode: u32) -> Result<(), Error> {
    let temp = temp_path(path);
    let failed = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let result = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(mode)
            .open(&temp)?;
        // The umask may have narrowed the mode at creation, and an old temp file keeps its own.
        file.set_permissions(fs::Permissions::from_mode(mode))?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_and_internal_documents_get_their_modes() {
        let dir = tempfile::tempdir().unwrap();
        for mode in [PUBLIC, INTERNAL] {
            let path = dir.path().join(format!("{mode:o}.txt"));
            write_atomically(&path, "text", mode).unwrap();
            let got = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(got, mode);
            assert_eq!(fs::read_to_string(&path).unwrap(), "text");
        }
    }
}
