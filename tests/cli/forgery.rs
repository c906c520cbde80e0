//! What a forger holding a key can do to a vault file, for the tests that prove kluis refuses
//! it: shared by the vault, hardening, control-character and scale tests.

use std::path::Path;

/// Byte offset where the age payload (nonce, then chunks) starts.
pub fn payload_start(bytes: &[u8]) -> usize {
    let mac_line = bytes
        .windows(5)
        .position(|window| window == b"\n--- ")
        .expect("age header ends with a MAC line");
    mac_line
        + 1
        + bytes[mac_line + 1..]
            .iter()
            .position(|&b| b == b'\n')
            .unwrap()
        + 1
}

/// Encrypts a database to the recovery key's public key with plain age, as a forger would.
pub fn encrypt_to_recovery_key(identity_file: &Path, database: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let identity_text = std::fs::read_to_string(identity_file).unwrap();
    let secret = identity_text
        .lines()
        .find(|line| line.starts_with("AGE-SECRET-KEY-1"))
        .unwrap();
    let identity: age::x25519::Identity = secret.parse().unwrap();
    let recipient = identity.to_public();
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .unwrap();
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).unwrap();
    writer.write_all(database).unwrap();
    writer.finish().unwrap();
    out
}

/// An age identity that remembers the file key it unwraps, as a malicious recipient could.
pub struct KeyThief {
    pub inner: age::x25519::Identity,
    pub file_key: std::cell::RefCell<Option<[u8; 16]>>,
}

impl age::Identity for KeyThief {
    fn unwrap_stanza(
        &self,
        stanza: &age_core::format::Stanza,
    ) -> Option<Result<age_core::format::FileKey, age::DecryptError>> {
        use age::secrecy::ExposeSecret;
        let result = self.inner.unwrap_stanza(stanza)?;
        if let Ok(file_key) = &result {
            self.file_key.replace(Some(*file_key.expose_secret()));
        }
        Some(result)
    }
}

/// age's STREAM payload (nonce, then ChaCha20-Poly1305 chunks of 64 KiB), written by hand.
pub fn age_payload(file_key: &[u8; 16], plaintext: &[u8]) -> Vec<u8> {
    use chacha20poly1305::aead::{Aead, KeyInit};
    let nonce = [7u8; 16];
    let mut key = [0u8; 32];
    hkdf::Hkdf::<sha2::Sha256>::new(Some(&nonce), file_key)
        .expand(b"payload", &mut key)
        .unwrap();
    let cipher = chacha20poly1305::ChaCha20Poly1305::new(&key.into());
    let chunks: Vec<&[u8]> = if plaintext.is_empty() {
        vec![&[]]
    } else {
        plaintext.chunks(64 * 1024).collect()
    };
    let mut out = nonce.to_vec();
    for (index, chunk) in chunks.iter().enumerate() {
        let mut chunk_nonce = [0u8; 12];
        chunk_nonce[3..11].copy_from_slice(&(index as u64).to_be_bytes());
        chunk_nonce[11] = u8::from(index == chunks.len() - 1);
        out.extend(cipher.encrypt(&chunk_nonce.into(), *chunk).unwrap());
    }
    out
}
