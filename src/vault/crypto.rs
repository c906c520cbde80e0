//! The key stanzas kluis adds to a standard age header, and the identities that read them.
//!
//! A vault is an ordinary age v1 file. Besides the stock X25519 stanzas (recovery key, added
//! recipients) its header carries two kluis stanzas, which stock age ignores:
//!
//! - `kluis-passphrase`: the file key wrapped under a key derived from the passphrase with
//!   Argon2id (salt and parameters in the stanza's arguments), plus the recovery
//!   authentication key wrapped the same way.
//! - `kluis-auth`: HMAC-SHA256 over the file key, keyed with the recovery authentication key,
//!   which is derived from the recovery secret. It proves that whoever wrote the file knew the
//!   passphrase or held the recovery key, which a mere holder of the public key does not.
//!
//! docs/FORMAT.md describes the bytes and the reasoning.

use std::cell::RefCell;
use std::collections::HashSet;

use age::secrecy::{ExposeSecret, SecretString};
use age_core::format::{FileKey, Stanza};
use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as BASE64;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use zeroize::Zeroizing;

pub const PASSPHRASE_TAG: &str = "kluis-passphrase";
pub const AUTH_TAG: &str = "kluis-auth";
const KDF_NAME: &str = "argon2id";

const FILE_KEY_WRAP_INFO: &[u8] = b"kluis-v1 file key wrap";
const AUTH_KEY_WRAP_INFO: &[u8] = b"kluis-v1 recovery auth key wrap";
const RECOVERY_AUTH_INFO: &[u8] = b"kluis-v1 recovery auth key";
const AUTH_MAC_LABEL: &[u8] = b"kluis-v1 auth";

const SALT_LEN: usize = 16;
const TAG_LEN: usize = 16;
const FILE_KEY_LEN: usize = 16;
const KEY_LEN: usize = 32;
const WRAPPED_FILE_KEY_LEN: usize = FILE_KEY_LEN + TAG_LEN;
const WRAPPED_AUTH_KEY_LEN: usize = KEY_LEN + TAG_LEN;

/// A 32-byte secret that is wiped when dropped.
pub type SecretKey = Zeroizing<[u8; KEY_LEN]>;

/// Argon2id cost parameters. They travel in the `kluis-passphrase` stanza.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfParams {
    /// The defaults: above RFC 9106's second recommendation (64 MiB, t=3, p=4) in memory, tuned
    /// to about 0.6 s on a 2-core laptop-class machine. docs/SECURITY.md has the measurement.
    pub const DEFAULT: KdfParams = KdfParams {
        memory_kib: 256 * 1024,
        iterations: 3,
        parallelism: 4,
    };

    /// Limits for parameters, read from a file or given to `init`/`passwd`. They stop a
    /// damaged or hostile header from asking for absurd memory or time before anything is
    /// authenticated: 2 GiB and t=16 are eight and five times the defaults, and still run on
    /// an ordinary machine. docs/FORMAT.md and docs/SECURITY.md state them.
    pub const MAX_MEMORY_KIB: u32 = 2 * 1024 * 1024;
    pub const MAX_ITERATIONS: u32 = 16;
    pub const MAX_PARALLELISM: u32 = 16;

    /// Whether any parameter is weaker than the defaults.
    pub fn below_default(&self) -> bool {
        self.memory_kib < Self::DEFAULT.memory_kib
            || self.iterations < Self::DEFAULT.iterations
            || self.parallelism < Self::DEFAULT.parallelism
    }

    /// Checks the parameters against Argon2's own rules and kluis's upper limits.
    pub fn validate(&self) -> Result<(), String> {
        if !(1..=Self::MAX_PARALLELISM).contains(&self.parallelism) {
            return Err(format!(
                "parallelism must be 1 to {}",
                Self::MAX_PARALLELISM
            ));
        }
        if !(1..=Self::MAX_ITERATIONS).contains(&self.iterations) {
            return Err(format!("iterations must be 1 to {}", Self::MAX_ITERATIONS));
        }
        let min_memory = 8 * self.parallelism;
        if !(min_memory..=Self::MAX_MEMORY_KIB).contains(&self.memory_kib) {
            return Err(format!(
                "memory must be {min_memory} KiB to {} MiB",
                Self::MAX_MEMORY_KIB / 1024
            ));
        }
        Ok(())
    }
}

/// The key derived from the passphrase, with the salt and parameters that produced it.
#[derive(Clone)]
pub struct PassphraseKey {
    pub params: KdfParams,
    salt: [u8; SALT_LEN],
    master: SecretKey,
}

impl PassphraseKey {
    /// Derives a key under a fresh random salt (at init and on `passwd`).
    pub fn derive_new(passphrase: &SecretString, params: KdfParams) -> Result<Self, String> {
        let mut salt = [0u8; SALT_LEN];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        Self::derive(passphrase, params, salt)
    }

    fn derive(
        passphrase: &SecretString,
        params: KdfParams,
        salt: [u8; SALT_LEN],
    ) -> Result<Self, String> {
        params.validate()?;
        let argon_params = argon2::Params::new(
            params.memory_kib,
            params.iterations,
            params.parallelism,
            Some(KEY_LEN),
        )
        .map_err(|error| error.to_string())?;
        let mut memory = argon_memory(argon_params.block_count())?;
        let argon = argon2::Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon_params,
        );
        let mut master = Zeroizing::new([0u8; KEY_LEN]);
        argon
            .hash_password_into_with_memory(
                passphrase.expose_secret().as_bytes(),
                &salt,
                master.as_mut(),
                memory.as_mut_slice(),
            )
            .map_err(|error| error.to_string())?;
        Ok(PassphraseKey {
            params,
            salt,
            master,
        })
    }

    /// A key for one purpose and one save: HKDF-SHA256 with a per-save salt, so the zero nonce
    /// below is never reused under the same key.
    fn subkey(&self, wrap_salt: &[u8; SALT_LEN], info: &[u8]) -> SecretKey {
        hkdf_key(Some(wrap_salt), self.master.as_ref(), info)
    }
}

/// Argon2's working memory, allocated here so that a machine (or a memory limit) that cannot
/// give it is an error, not an abort. Wiped when dropped: it holds what the passphrase became.
fn argon_memory(blocks: usize) -> Result<Zeroizing<Vec<argon2::Block>>, String> {
    let mut memory = Vec::new();
    memory.try_reserve_exact(blocks).map_err(|_| {
        format!(
            "cannot allocate the {} MiB the key derivation needs",
            blocks / 1024
        )
    })?;
    memory.resize(blocks, argon2::Block::default());
    Ok(Zeroizing::new(memory))
}

fn hkdf_key(salt: Option<&[u8]>, ikm: &[u8], info: &[u8]) -> SecretKey {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    Hkdf::<Sha256>::new(salt, ikm)
        .expand(info, key.as_mut())
        .expect("32 bytes is a valid HKDF-SHA256 output length");
    key
}

fn seal(key: &SecretKey, plaintext: &[u8]) -> Vec<u8> {
    ChaCha20Poly1305::new(Key::from_slice(key.as_ref()))
        .encrypt(&Nonce::default(), plaintext)
        .expect("ChaCha20-Poly1305 encrypts any short input")
}

fn open(key: &SecretKey, ciphertext: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    ChaCha20Poly1305::new(Key::from_slice(key.as_ref()))
        .decrypt(&Nonce::default(), ciphertext)
        .ok()
        .map(Zeroizing::new)
}

/// The recovery authentication key, derived from the recovery identity's secret.
pub fn recovery_auth_key(identity: &age::x25519::Identity) -> SecretKey {
    let secret = identity.to_string();
    hkdf_key(None, secret.expose_secret().as_bytes(), RECOVERY_AUTH_INFO)
}

/// SHA-256 of the plaintext database, which the `kluis-auth` proof covers.
pub fn content_digest(plaintext: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    Sha256::digest(plaintext).into()
}

/// The proof: HMAC-SHA256(A, label ‖ file key ‖ SHA-256(plaintext)). Binding the content and
/// not only the file key matters: an added recipient learns the file key and could otherwise
/// put new content under a genuine header.
fn auth_mac(auth_key: &SecretKey, file_key: &[u8], digest: &[u8; 32]) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(auth_key.as_ref())
        .expect("HMAC takes keys of any length");
    mac.update(AUTH_MAC_LABEL);
    mac.update(file_key);
    mac.update(digest);
    mac
}

/// The file key and the `kluis-auth` proofs of a header, kept until the content is read.
pub struct Unwrapped {
    file_key: Zeroizing<[u8; FILE_KEY_LEN]>,
    proofs: Vec<Vec<u8>>,
}

impl Unwrapped {
    fn capture(file_key: &FileKey, stanzas: &[Stanza]) -> Self {
        Unwrapped {
            file_key: Zeroizing::new(*file_key.expose_secret()),
            proofs: stanzas
                .iter()
                .filter(|stanza| stanza.tag == AUTH_TAG && stanza.args.is_empty())
                .map(|stanza| stanza.body.clone())
                .collect(),
        }
    }

    /// Whether a proof in the header matches the content with this digest
    /// ([`content_digest`]) under `auth_key`.
    pub fn proves(&self, auth_key: &SecretKey, digest: &[u8; 32]) -> bool {
        self.proofs.iter().any(|proof| {
            auth_mac(auth_key, self.file_key.as_ref(), digest)
                .verify_slice(proof)
                .is_ok()
        })
    }
}

/// Writes the `kluis-passphrase` stanza.
pub struct PassphraseRecipient<'a> {
    pub key: &'a PassphraseKey,
    pub recovery_auth: &'a SecretKey,
}

impl age::Recipient for PassphraseRecipient<'_> {
    fn wrap_file_key(
        &self,
        file_key: &FileKey,
    ) -> Result<(Vec<Stanza>, HashSet<String>), age::EncryptError> {
        let mut wrap_salt = [0u8; SALT_LEN];
        rand::rngs::OsRng.fill_bytes(&mut wrap_salt);
        let mut body = seal(
            &self.key.subkey(&wrap_salt, FILE_KEY_WRAP_INFO),
            file_key.expose_secret(),
        );
        body.extend(seal(
            &self.key.subkey(&wrap_salt, AUTH_KEY_WRAP_INFO),
            self.recovery_auth.as_ref(),
        ));
        let params = self.key.params;
        let stanza = Stanza {
            tag: PASSPHRASE_TAG.to_owned(),
            args: vec![
                KDF_NAME.to_owned(),
                BASE64.encode(self.key.salt),
                params.memory_kib.to_string(),
                params.iterations.to_string(),
                params.parallelism.to_string(),
                BASE64.encode(wrap_salt),
            ],
            body,
        };
        Ok((vec![stanza], HashSet::new()))
    }
}

/// Writes the `kluis-auth` stanza for content with this digest.
pub struct AuthRecipient<'a> {
    pub recovery_auth: &'a SecretKey,
    pub content_digest: [u8; 32],
}

impl age::Recipient for AuthRecipient<'_> {
    fn wrap_file_key(
        &self,
        file_key: &FileKey,
    ) -> Result<(Vec<Stanza>, HashSet<String>), age::EncryptError> {
        let tag = auth_mac(
            self.recovery_auth,
            file_key.expose_secret(),
            &self.content_digest,
        )
        .finalize()
        .into_bytes()
        .to_vec();
        let stanza = Stanza {
            tag: AUTH_TAG.to_owned(),
            args: Vec::new(),
            body: tag,
        };
        Ok((vec![stanza], HashSet::new()))
    }
}

/// What unwrapping with a passphrase found out, beyond the file key age gets.
pub enum PassphraseOutcome {
    Unlocked {
        key: PassphraseKey,
        recovery_auth: SecretKey,
        unwrapped: Box<Unwrapped>,
    },
    /// The stanza did not open: a wrong passphrase, or a damaged stanza. The two look the same.
    WrongPassphrase,
    /// The stanza's arguments are not what kluis writes.
    Malformed(String),
}

/// Opens the `kluis-passphrase` stanza.
pub struct PassphraseIdentity {
    source: KeySource,
    pub outcome: RefCell<Option<PassphraseOutcome>>,
}

/// Where the stanza's key comes from: the passphrase, or a key derived from it before (to
/// reload a file saved since with the same passphrase, without asking for it again).
enum KeySource {
    Passphrase(SecretString),
    Derived(PassphraseKey),
}

impl PassphraseIdentity {
    pub fn new(passphrase: SecretString) -> Self {
        PassphraseIdentity {
            source: KeySource::Passphrase(passphrase),
            outcome: RefCell::new(None),
        }
    }

    /// Opens only a stanza made under the same salt and parameters as `key`; any other looks
    /// like a wrong passphrase (the passphrase was changed since).
    pub fn with_key(key: PassphraseKey) -> Self {
        PassphraseIdentity {
            source: KeySource::Derived(key),
            outcome: RefCell::new(None),
        }
    }

    fn try_unwrap(
        &self,
        stanza: &Stanza,
    ) -> Result<(FileKey, PassphraseKey, SecretKey), PassphraseOutcome> {
        let malformed = |what: &str| PassphraseOutcome::Malformed(what.to_owned());
        let [kdf, salt, memory, iterations, parallelism, wrap_salt] = &stanza.args[..] else {
            return Err(malformed("wrong number of arguments"));
        };
        if kdf != KDF_NAME {
            return Err(malformed("unknown key derivation"));
        }
        let salt = decode_salt(salt).ok_or_else(|| malformed("bad salt"))?;
        let wrap_salt = decode_salt(wrap_salt).ok_or_else(|| malformed("bad wrap salt"))?;
        let number = |text: &String| canonical_u32(text).ok_or_else(|| malformed("bad number"));
        let params = KdfParams {
            memory_kib: number(memory)?,
            iterations: number(iterations)?,
            parallelism: number(parallelism)?,
        };
        // Beyond a cap is damage, whichever key is tried, and is refused before any work.
        params.validate().map_err(PassphraseOutcome::Malformed)?;
        if stanza.body.len() != WRAPPED_FILE_KEY_LEN + WRAPPED_AUTH_KEY_LEN {
            return Err(malformed("wrong body length"));
        }
        let key = match &self.source {
            KeySource::Passphrase(passphrase) => PassphraseKey::derive(passphrase, params, salt)
                .map_err(PassphraseOutcome::Malformed)?,
            KeySource::Derived(key) if key.salt == salt && key.params == params => key.clone(),
            KeySource::Derived(_) => return Err(PassphraseOutcome::WrongPassphrase),
        };
        let (wrapped_file_key, wrapped_auth) = stanza.body.split_at(WRAPPED_FILE_KEY_LEN);
        let file_key_bytes = open(
            &key.subkey(&wrap_salt, FILE_KEY_WRAP_INFO),
            wrapped_file_key,
        )
        .ok_or(PassphraseOutcome::WrongPassphrase)?;
        // The same key opened the file key, so a failure here is damage, not a wrong passphrase.
        let auth_bytes = open(&key.subkey(&wrap_salt, AUTH_KEY_WRAP_INFO), wrapped_auth)
            .ok_or_else(|| malformed("recovery authentication key does not open"))?;
        let file_key = FileKey::init_with_mut(|bytes| bytes.copy_from_slice(&file_key_bytes));
        let mut recovery_auth = Zeroizing::new([0u8; KEY_LEN]);
        recovery_auth.copy_from_slice(&auth_bytes);
        Ok((file_key, key, recovery_auth))
    }
}

fn decode_salt(text: &str) -> Option<[u8; SALT_LEN]> {
    let bytes = BASE64.decode(text).ok()?;
    // Canonical encoding only, so that a flipped bit in the encoding cannot go unnoticed.
    if BASE64.encode(&bytes) != text {
        return None;
    }
    bytes.try_into().ok()
}

fn canonical_u32(text: &str) -> Option<u32> {
    let value: u32 = text.parse().ok()?;
    (value.to_string() == text).then_some(value)
}

impl age::Identity for PassphraseIdentity {
    fn unwrap_stanza(&self, stanza: &Stanza) -> Option<Result<FileKey, age::DecryptError>> {
        self.unwrap_stanzas(std::slice::from_ref(stanza))
    }

    fn unwrap_stanzas(&self, stanzas: &[Stanza]) -> Option<Result<FileKey, age::DecryptError>> {
        let stanza = stanzas.iter().find(|stanza| stanza.tag == PASSPHRASE_TAG)?;
        match self.try_unwrap(stanza) {
            Ok((file_key, key, recovery_auth)) => {
                let unwrapped = Box::new(Unwrapped::capture(&file_key, stanzas));
                self.outcome.replace(Some(PassphraseOutcome::Unlocked {
                    key,
                    recovery_auth,
                    unwrapped,
                }));
                Some(Ok(file_key))
            }
            Err(outcome) => {
                let error = match outcome {
                    PassphraseOutcome::WrongPassphrase => age::DecryptError::DecryptionFailed,
                    _ => age::DecryptError::InvalidHeader,
                };
                self.outcome.replace(Some(outcome));
                Some(Err(error))
            }
        }
    }
}

/// An X25519 identity that keeps what the `kluis-auth` check needs once the content is read.
pub struct CheckedIdentity {
    inner: age::x25519::Identity,
    auth_key: SecretKey,
    pub unwrapped: RefCell<Option<Unwrapped>>,
}

impl CheckedIdentity {
    pub fn new(inner: age::x25519::Identity) -> Self {
        let auth_key = recovery_auth_key(&inner);
        CheckedIdentity {
            inner,
            auth_key,
            unwrapped: RefCell::new(None),
        }
    }

    pub fn auth_key(&self) -> &SecretKey {
        &self.auth_key
    }
}

impl age::Identity for CheckedIdentity {
    fn unwrap_stanza(&self, stanza: &Stanza) -> Option<Result<FileKey, age::DecryptError>> {
        self.inner.unwrap_stanza(stanza)
    }

    fn unwrap_stanzas(&self, stanzas: &[Stanza]) -> Option<Result<FileKey, age::DecryptError>> {
        let file_key = match self.inner.unwrap_stanzas(stanzas)? {
            Ok(file_key) => file_key,
            Err(error) => return Some(Err(error)),
        };
        self.unwrapped
            .replace(Some(Unwrapped::capture(&file_key, stanzas)));
        Some(Ok(file_key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHEAP: KdfParams = KdfParams {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };

    #[test]
    fn defaults_are_at_least_rfc_9106_second_recommendation() {
        let d = KdfParams::DEFAULT;
        assert!(d.memory_kib >= 64 * 1024 && d.iterations >= 3 && d.parallelism >= 4);
        assert!(d.validate().is_ok());
        assert!(!d.below_default());
        assert!(CHEAP.below_default());
    }

    #[test]
    fn absurd_parameters_are_refused_before_deriving() {
        for params in [
            KdfParams {
                memory_kib: u32::MAX,
                ..CHEAP
            },
            KdfParams {
                iterations: 0,
                ..CHEAP
            },
            KdfParams {
                parallelism: 0,
                ..CHEAP
            },
            KdfParams {
                memory_kib: 7,
                ..CHEAP
            },
            KdfParams {
                memory_kib: KdfParams::MAX_MEMORY_KIB + 1,
                ..CHEAP
            },
            KdfParams {
                iterations: KdfParams::MAX_ITERATIONS + 1,
                ..CHEAP
            },
            KdfParams {
                parallelism: KdfParams::MAX_PARALLELISM + 1,
                ..CHEAP
            },
        ] {
            assert!(params.validate().is_err(), "{params:?}");
        }
    }

    #[test]
    fn the_caps_are_2_gib_and_16_iterations() {
        let at_caps = KdfParams {
            memory_kib: 2 * 1024 * 1024,
            iterations: 16,
            parallelism: 16,
        };
        assert!(at_caps.validate().is_ok());
    }

    #[test]
    fn memory_that_cannot_be_allocated_is_an_error_not_an_abort() {
        // 1 PiB: more than any address space gives.
        assert!(argon_memory(1 << 40).is_err());
    }

    #[test]
    fn salts_and_numbers_must_be_canonical() {
        assert_eq!(canonical_u32("65536"), Some(65536));
        assert_eq!(canonical_u32("065536"), None);
        assert_eq!(canonical_u32("+1"), None);
        let salt = BASE64.encode([7u8; SALT_LEN]);
        assert!(decode_salt(&salt).is_some());
        assert!(decode_salt(&format!("{salt}A")).is_none());
    }

    #[test]
    fn the_recovery_auth_key_depends_on_the_secret() {
        let a = age::x25519::Identity::generate();
        let b = age::x25519::Identity::generate();
        assert_eq!(*recovery_auth_key(&a), *recovery_auth_key(&a));
        assert_ne!(*recovery_auth_key(&a), *recovery_auth_key(&b));
    }
}
