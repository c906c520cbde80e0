//! Process-wide protections, set before any secret is read.

/// Sets umask 077 (every file kluis creates is private) and disables core dumps, which would
/// write the decrypted database and keys to disk.
pub fn harden() {
    // SAFETY: umask and setrlimit only change this process's own attributes.
    unsafe {
        libc::umask(0o077);
        let no_core = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::setrlimit(libc::RLIMIT_CORE, &no_core);
    }
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_DUMPABLE with 0 only affects this process.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}
