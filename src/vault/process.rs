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
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only tunes this process's own allocator.
    unsafe {
        // Large buffers (the decrypted database, a spreadsheet being imported) get mappings of
        // their own. Freed, they go straight back to the kernel, which clears pages before
        // reuse, instead of lingering in the heap with plaintext in them; and the database
        // grows by moving its mapping instead of copying it, so an import holds one copy.
        // glibc would otherwise raise this threshold by itself after the first large free.
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}
