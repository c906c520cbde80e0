//! Decrypting a vault file: which secret opened it, and what the failure was when none did.

use std::io::{Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use rusqlite::{Connection, MAIN_DB};
use sha2::{Digest, Sha256};

use super::crypto::{self, PassphraseKey, PassphraseOutcome, SecretKey};
use super::{APPLICATION_ID, Error, UnlockedBy, unlock};

pub(super) struct Opened {
    /// The decrypted database, not yet checked to be a kluis one ([`load_database`]).
    pub database: Connection,
    pub passphrase: Option<PassphraseKey>,
    pub recovery_auth: Option<SecretKey>,
    pub unlocked_by: UnlockedBy,
}

pub(super) fn decrypt(
    path: &Path,
    ciphertext: &[u8],
    secret: unlock::Secret,
    allow_unverified: bool,
) -> Result<Opened, Error> {
    let decryptor = header(path, ciphertext)?;
    match secret {
        unlock::Secret::Passphrase(passphrase) => {
            with_passphrase(path, decryptor, crypto::PassphraseIdentity::new(passphrase))
        }
        unlock::Secret::Identity(inner) => {
            with_identity(path, decryptor, *inner, allow_unverified).map_err(|error| {
                match error {
                    // A stanza kluis never writes is damage, not someone else's key.
                    Error::WrongIdentity { .. } if has_unknown_stanza(ciphertext) => {
                        Error::Damaged {
                            path: path.to_path_buf(),
                            reason: "a key stanza is damaged".into(),
                        }
                    }
                    other => other,
                }
            })
        }
    }
}

/// Whether the header holds a stanza whose tag neither kluis nor age writes: a damaged tag.
fn has_unknown_stanza(ciphertext: &[u8]) -> bool {
    let header_end = ciphertext
        .windows(4)
        .position(|window| window == b"\n---")
        .unwrap_or(ciphertext.len());
    String::from_utf8_lossy(&ciphertext[..header_end])
        .lines()
        .filter_map(|line| line.strip_prefix("-> "))
        .filter_map(|stanza| stanza.split(' ').next())
        // age adds a random `…-grease` stanza to every header, so that readers ignore tags
        // they do not know; any other tag is damage.
        .any(|tag| {
            !([X25519_TAG, crypto::PASSPHRASE_TAG, crypto::AUTH_TAG].contains(&tag)
                || tag.ends_with("-grease"))
        })
}

/// The tag of age's X25519 stanzas (the recovery key, added recipients).
const X25519_TAG: &str = "X25519";

/// Decrypts a file saved since this process opened it, with the key already derived from the
/// passphrase: no Argon2 run and no passphrase needed, as long as the passphrase is the same.
pub(super) fn decrypt_with_key(
    path: &Path,
    ciphertext: &[u8],
    key: PassphraseKey,
) -> Result<Opened, Error> {
    let decryptor = header(path, ciphertext)?;
    with_passphrase(path, decryptor, crypto::PassphraseIdentity::with_key(key))
}

/// The age header, read: a file that is not age, or whose header is unreadable, stops here.
fn header<'a>(
    path: &Path,
    ciphertext: &'a [u8],
) -> Result<age::Decryptor<Cursor<&'a [u8]>>, Error> {
    let not_a_vault = |reason: &str| Error::NotAVault {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    };
    if !ciphertext.starts_with(b"age-encryption.org/") {
        return Err(not_a_vault("it is not an age-encrypted file"));
    }
    age::Decryptor::new_buffered(Cursor::new(ciphertext)).map_err(|error| match error {
        age::DecryptError::UnknownFormat => not_a_vault("unknown age format version"),
        _ => Error::Damaged {
            path: path.to_path_buf(),
            reason: "the header cannot be read".into(),
        },
    })
}

fn with_passphrase(
    path: &Path,
    decryptor: age::Decryptor<Cursor<&[u8]>>,
    identity: crypto::PassphraseIdentity,
) -> Result<Opened, Error> {
    let not_a_vault = |reason: &str| Error::NotAVault {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    };
    let damaged = |reason: &str| Error::Damaged {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    };
    let result = decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity));
    match (result, identity.outcome.take()) {
        (
            Ok(reader),
            Some(PassphraseOutcome::Unlocked {
                key,
                recovery_auth,
                unwrapped,
            }),
        ) => {
            let (database, digest) = read_payload(path, reader)?;
            if !unwrapped.proves(&recovery_auth, &digest) {
                return Err(damaged(
                    "the content does not match the proof in its header (it was replaced)",
                ));
            }
            Ok(Opened {
                database,
                passphrase: Some(key),
                recovery_auth: Some(recovery_auth),
                unlocked_by: UnlockedBy::Passphrase,
            })
        }
        (Err(_), Some(PassphraseOutcome::WrongPassphrase)) => Err(Error::WrongPassphrase {
            path: path.to_path_buf(),
        }),
        (Err(_), Some(PassphraseOutcome::Malformed(reason))) => {
            Err(damaged(&format!("passphrase stanza: {reason}")))
        }
        (Err(age::DecryptError::NoMatchingKeys), None) => {
            Err(not_a_vault("it has no kluis passphrase stanza"))
        }
        (Err(error), _) => Err(header_error(path, error)),
        (Ok(_), _) => Err(damaged("the key stanzas are inconsistent")),
    }
}

fn with_identity(
    path: &Path,
    decryptor: age::Decryptor<Cursor<&[u8]>>,
    inner: age::x25519::Identity,
    allow_unverified: bool,
) -> Result<Opened, Error> {
    let identity = crypto::CheckedIdentity::new(inner);
    let reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|error| match error {
            age::DecryptError::NoMatchingKeys => Error::WrongIdentity {
                path: path.to_path_buf(),
            },
            other => header_error(path, other),
        })?;
    let (database, digest) = read_payload(path, reader)?;
    let verified = identity
        .unwrapped
        .borrow()
        .as_ref()
        .is_some_and(|unwrapped| unwrapped.proves(identity.auth_key(), &digest));
    if !verified && !allow_unverified {
        return Err(Error::Unverified {
            path: path.to_path_buf(),
        });
    }
    Ok(Opened {
        database,
        passphrase: None,
        recovery_auth: verified.then(|| identity.auth_key().clone()),
        unlocked_by: if verified {
            UnlockedBy::RecoveryKey
        } else {
            UnlockedBy::UnverifiedIdentity
        },
    })
}

fn header_error(path: &Path, error: age::DecryptError) -> Error {
    let reason = match error {
        age::DecryptError::InvalidMac => "the header's MAC does not match".to_owned(),
        age::DecryptError::InvalidHeader => "a key stanza is malformed".to_owned(),
        other => format!("the header does not decrypt ({other})"),
    };
    Error::Damaged {
        path: path.to_path_buf(),
        reason,
    }
}

/// Decrypts the payload straight into the memory SQLite will own, hashing it on the way
/// for the `kluis-auth` proof: the plaintext exists once, as the database, and is copied
/// nowhere else. Nothing reads the database before the caller has checked the proof.
///
/// age authenticates every chunk as it is read, and the length up front by decrypting the
/// last chunk as the last one; reading on past that length must then find the end, so a
/// changed, truncated or extended payload fails here.
fn read_payload(
    path: &Path,
    mut reader: impl Read + Seek,
) -> Result<(Connection, [u8; 32]), Error> {
    let failed = || Error::Damaged {
        path: path.to_path_buf(),
        reason: "the encrypted payload fails authentication (changed, truncated or extended)"
            .into(),
    };
    let length = reader
        .seek(SeekFrom::End(0))
        .and_then(|length| reader.rewind().map(|()| length))
        .map_err(|_| failed())?;
    let length = usize::try_from(length).map_err(|_| failed())?;
    let mut hashing = HashingReader {
        inner: reader,
        digest: Sha256::new(),
    };
    let mut database = Connection::open_in_memory()?;
    database
        .deserialize_read_exact(MAIN_DB, &mut hashing, length, false)
        .map_err(|_| failed())?;
    match hashing.read(&mut [0u8; 1]) {
        Ok(0) => Ok((database, hashing.digest.finalize().into())),
        _ => Err(failed()),
    }
}

/// A reader that hashes what passes through.
struct HashingReader<R> {
    inner: R,
    digest: Sha256,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.digest.update(&buffer[..read]);
        Ok(read)
    }
}

/// The decrypted database, once it is known to be a kluis database.
pub(super) fn load_database(path: &Path, conn: Connection) -> Result<Connection, Error> {
    let not_a_vault = |reason: &str| Error::NotAVault {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    };
    let application_id: i32 = conn
        .query_row("PRAGMA application_id", [], |row| row.get(0))
        .map_err(|_| not_a_vault("the decrypted content is not a database"))?;
    if application_id != APPLICATION_ID {
        return Err(not_a_vault(
            "the decrypted database is not a kluis database",
        ));
    }
    Ok(conn)
}
