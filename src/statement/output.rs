//! Writing a rendered statement to a file.
//!
//! The statement is public text, never personal data, so a sibling temp file is fine; it is
//! renamed over the target so a reader never sees half a statement.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::Error;

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".kluis-tmp");
    path.with_file_name(name)
}

/// Writes `text` to `path` atomically: temp file, fsync, rename.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), Error> {
    let temp = temp_path(path);
    let failed = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(failed)
}
