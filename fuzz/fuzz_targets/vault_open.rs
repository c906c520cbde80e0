//! Any bytes as a vault file, opened with a fixed X25519 identity: the age
//! header, the kluis stanzas and MAC, the chunked payload and the SQLite image
//! behind it must give `Ok` or `Err`, never a panic. (A passphrase would run
//! Argon2 with whatever cost the fuzzed header names, so only the identity
//! path is fuzzed.) See docs/FUZZING.md.
#![no_main]

use std::sync::OnceLock;

use kluis::vault::{Access, Secret, Vault};
use libfuzzer_sys::fuzz_target;

fn scratch() -> &'static std::path::Path {
    static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("kluis-fuzz-vault-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let path = scratch().join("fuzzed.kluis");
    std::fs::write(&path, data).expect("scratch file");
    let identity = age::x25519::Identity::generate();
    let _ = Vault::open_with(&path, Secret::Identity(Box::new(identity)), Access::Read);
});
