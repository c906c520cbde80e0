//! Ctrl-C (SIGINT) and SIGTERM for a long command that writes: the signal only raises a flag,
//! and the command stops at its next safe point, leaving nothing behind, instead of dying
//! wherever the signal happened to land.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

extern "C" fn note_request(_signal: libc::c_int) {
    REQUESTED.store(true, Ordering::SeqCst);
}

/// From now on SIGINT and SIGTERM raise the flag [`requested`] reads instead of ending the
/// process.
pub fn catch() {
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(
            libc::SIGINT,
            note_request as *const () as libc::sighandler_t,
        );
        libc::signal(
            libc::SIGTERM,
            note_request as *const () as libc::sighandler_t,
        );
    }
}

/// The flag the handler raises, for a loop that watches it (`kluis open`'s server).
pub fn flag() -> &'static AtomicBool {
    &REQUESTED
}

/// Whether SIGINT or SIGTERM arrived since [`catch`].
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// A writer that fails once SIGINT or SIGTERM arrived since [`catch`]: a document written to a
/// file then stops at its next write, and its temp file is removed, where the signal's default
/// would end the process and leave a plaintext part of it on disk.
pub struct StopOnSignal<W>(pub W);

impl<W: std::io::Write> std::io::Write for StopOnSignal<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if requested() {
            // Not `ErrorKind::Interrupted`, which `write_all` retries.
            return Err(std::io::Error::other("stopped by a signal"));
        }
        self.0.write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}
