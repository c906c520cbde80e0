//! Any bytes as a vault, two ways, chosen by the first byte:
//! - even: the bytes are the vault file, opened with an X25519 identity. This reaches the age
//!   header, kluis's stanzas and MAC and the chunk framing; a mutated payload fails age's
//!   authentication, so this half never reaches SQLite.
//! - odd: the rest is a decrypted database image, encrypted to the identity as age does and
//!   opened with `--allow-unverified` (read-only, no kluis proof). This reaches what decryption
//!   protects: SQLite loading a hostile image, the application id, the migrations of an older
//!   version, and the check for planted schema objects.
//!
//! Either way `Vault::open` must give `Ok` or `Err`, never a panic or a crash. (A passphrase
//! would run Argon2 with whatever cost the fuzzed header names, so only the identity path is
//! fuzzed; the header's KDF caps have their own tests.) See docs/FUZZING.md.
#![no_main]

use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

use age::secrecy::ExposeSecret;
use kluis::vault::{Access, UnlockOptions, Vault};
use libfuzzer_sys::fuzz_target;

struct Scratch {
    vault: PathBuf,
    identity_file: PathBuf,
    recipient: age::x25519::Recipient,
}

/// One identity per process, written as an identity file next to the fuzzed vault.
fn scratch() -> &'static Scratch {
    static SCRATCH: OnceLock<Scratch> = OnceLock::new();
    SCRATCH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("kluis-fuzz-vault-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        let identity = age::x25519::Identity::generate();
        let identity_file = dir.join("identity.txt");
        let text = format!("{}\n", identity.to_string().expose_secret());
        std::fs::write(&identity_file, text).expect("identity file");
        Scratch {
            vault: dir.join("fuzzed.kluis"),
            identity_file,
            recipient: identity.to_public(),
        }
    })
}

/// `image` encrypted to `recipient` as a plain age file, as `age -e -r` writes it.
fn encrypted(image: &[u8], recipient: &age::x25519::Recipient) -> Vec<u8> {
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
            .expect("one recipient");
    let mut file = Vec::new();
    let mut writer = encryptor.wrap_output(&mut file).expect("in memory");
    writer.write_all(image).expect("in memory");
    writer.finish().expect("in memory");
    file
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let scratch = scratch();
    let file = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        encrypted(rest, &scratch.recipient)
    };
    std::fs::write(&scratch.vault, file).expect("scratch file");
    let options = UnlockOptions {
        identity: Some(scratch.identity_file.clone()),
        passphrase_file: None,
        allow_unverified: true,
    };
    let _ = Vault::open(&scratch.vault, &options, Access::Read);
});
