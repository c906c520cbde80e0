//! Writing a rendered statement, snippet or register to a file.
//!
//! None of them holds personal data, so a sibling temp file is fine; it is renamed over the
//! target so a reader never sees half a document. The statement and the snippets are public
//! (they go on a website), so they are written readable for all ([`PUBLIC`]); the register is
//! an internal document, readable for the owner only ([`INTERNAL`]).

use std::path::Path;

/// The mode of public documents: the statement and the snippets.
pub const PUBLIC: u32 = 0o644;
/// The mode of internal documents: the register.
pub const INTERNAL: u32 = 0o600;

use super::Error;

/// Writes `text` to `path` atomically with the given mode (see [`crate::outfile`]).
pub fn write_atomically(path: &Path, text: &str, mode: u32) -> Result<(), Error> {
    crate::outfile::write_atomically(path, mode, |out| out.write_all(text.as_bytes())).map_err(
        |source| Error::Write {
            path: path.to_path_buf(),
            source,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::PermissionsExt;

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
