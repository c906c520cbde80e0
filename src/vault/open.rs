//! Decrypting a vault file: which secret opened it, and what the failure was when none did.

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use rusqlite::Connection;
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

/// Where a vault's encrypted bytes are read from, from the start each time: the opened file
/// (streamed, so the ciphertext is never held in memory whole), or bytes already in memory.
pub(super) trait Ciphertext {
    type Reader<'a>: BufRead + Seek
    where
        Self: 'a;

    fn reader(&self) -> std::io::Result<Self::Reader<'_>>;
}

impl Ciphertext for [u8] {
    type Reader<'a> = Cursor<&'a [u8]>;

    fn reader(&self) -> std::io::Result<Self::Reader<'_>> {
        Ok(Cursor::new(self))
    }
}

impl Ciphertext for File {
    type Reader<'a> = BufReader<&'a File>;

    fn reader(&self) -> std::io::Result<Self::Reader<'_>> {
        let mut file = self;
        file.rewind()?;
        // One age chunk (64 KiB and its tag) per read from the kernel.
        Ok(BufReader::with_capacity(CHUNK_WITH_TAG, file))
    }
}

const CHUNK_WITH_TAG: usize = 64 * 1024 + 16;

pub(super) fn decrypt(
    path: &Path,
    ciphertext: &(impl Ciphertext + ?Sized),
    secret: unlock::Secret,
    allow_unverified: bool,
) -> Result<Opened, Error> {
    let decryptor = header(path, ciphertext)?;
    match secret {
        unlock::Secret::Passphrase(passphrase) => {
            with_passphrase(path, decryptor, crypto::PassphraseIdentity::new(passphrase))
        }
        unlock::Secret::Identity(inner) => {
            let identity = (*inner).clone();
            with_identity(path, decryptor, *inner, allow_unverified).map_err(|error| {
                match error {
                    // A stanza kluis never writes is damage, not someone else's key.
                    Error::WrongIdentity { .. } if has_unknown_stanza(ciphertext) => {
                        Error::Damaged {
                            path: path.to_path_buf(),
                            reason: "a key stanza is damaged".into(),
                        }
                    }
                    Error::WrongIdentity { .. } if opens_backup(path, &identity) => {
                        Error::Damaged {
                            path: path.to_path_buf(),
                            reason: "the key stanza for this key is damaged (the same key opens the vault's .bak)".into(),
                        }
                    }
                    other => other,
                }
            })
        }
    }
}

/// Whether the header holds a stanza whose tag neither kluis nor age writes: a damaged tag.
fn has_unknown_stanza(ciphertext: &(impl Ciphertext + ?Sized)) -> bool {
    // A header is a few hundred bytes per key; age's own parser gives up long before 1 MiB.
    let mut start = Vec::new();
    let read = ciphertext
        .reader()
        .and_then(|reader| reader.take(1 << 20).read_to_end(&mut start));
    if read.is_err() {
        return false;
    }
    let header_end = start
        .windows(4)
        .position(|window| window == b"\n---")
        .unwrap_or(start.len());
    String::from_utf8_lossy(&start[..header_end])
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

/// Whether `identity` unwraps the file key of the vault's `.bak`. A flipped byte in an X25519
/// stanza and a key that is not the vault's fail alike (AEAD cannot tell them apart), but a
/// key that opens the backup is one of the vault's keys: `.bak` is written from the same key
/// list, and removing a key re-encrypts `.bak` too. Only the header is read.
fn opens_backup(path: &Path, identity: &age::x25519::Identity) -> bool {
    let backup = super::file::siblings(path).backup;
    let Ok(file) = super::file::open_vault(&backup) else {
        return false;
    };
    let Ok(decryptor) = header(&backup, &file) else {
        return false;
    };
    decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .is_ok()
}

/// The tag of age's X25519 stanzas (the recovery key, added recipients).
const X25519_TAG: &str = "X25519";

/// Decrypts a file saved since this process opened it, with the key already derived from the
/// passphrase: no Argon2 run and no passphrase needed, as long as the passphrase is the same.
pub(super) fn decrypt_with_key(
    path: &Path,
    ciphertext: &(impl Ciphertext + ?Sized),
    key: PassphraseKey,
) -> Result<Opened, Error> {
    let decryptor = header(path, ciphertext)?;
    with_passphrase(path, decryptor, crypto::PassphraseIdentity::with_key(key))
}

/// The age header, read: a file that is not age, or whose header is unreadable, stops here.
fn header<'a, C: Ciphertext + ?Sized>(
    path: &Path,
    ciphertext: &'a C,
) -> Result<age::Decryptor<C::Reader<'a>>, Error> {
    let not_a_vault = |reason: &str| Error::NotAVault {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    };
    let mut reader = ciphertext
        .reader()
        .map_err(super::error::io("read", path))?;
    if !reader
        .fill_buf()
        .map_err(super::error::io("read", path))?
        .starts_with(b"age-encryption.org/")
    {
        return Err(not_a_vault("it is not an age-encrypted file"));
    }
    age::Decryptor::new_buffered(reader).map_err(|error| match error {
        age::DecryptError::UnknownFormat => not_a_vault("unknown age format version"),
        _ => Error::Damaged {
            path: path.to_path_buf(),
            reason: "the header cannot be read".into(),
        },
    })
}

fn with_passphrase(
    path: &Path,
    decryptor: age::Decryptor<impl BufRead + Seek>,
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
    decryptor: age::Decryptor<impl BufRead + Seek>,
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

/// Decrypts the payload straight into the memory SQLite will own, hashing it for the
/// `kluis-auth` proof. Nothing reads the database before the caller has checked the proof.
///
/// The hash runs on a second thread, overlapping decryption (on two cores that takes about a
/// fifth off opening a large vault), over the database's own memory as it fills.
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
    let mut database = Connection::open_in_memory()?;
    let hash = |pieces: super::memory::Pieces<'_>| {
        let mut digest = Sha256::new();
        for piece in pieces {
            digest.update(piece);
        }
        <[u8; 32]>::from(digest.finalize())
    };
    let digest = super::memory::read_into(&mut database, &mut reader, length, hash)
        .ok()
        .filter(|_| matches!(reader.read(&mut [0u8; 1]), Ok(0)))
        .ok_or_else(failed)?;
    Ok((database, digest))
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
