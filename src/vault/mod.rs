//! The encrypted vault file: format, keys, locking and atomic saves.
//!
//! The SQLite database lives only in memory. On disk it exists as one age-encrypted file;
//! see docs/FORMAT.md.

pub mod backup;
mod crypto;
pub mod database;
mod durable;
mod error;
mod file;
mod memory;
pub mod migrations;
mod open;
mod process;
pub mod search_key;
mod unlock;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use age::secrecy::SecretString;
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

pub use crypto::KdfParams;
use crypto::{PassphraseKey, SecretKey};
pub use error::Error;
pub use file::{is_own_file, real_path, restorable_backup, siblings};
pub use process::harden;
pub use unlock::{
    NEW_PASSPHRASE_ENV, PASSPHRASE_ENV, Secret, UnlockOptions, identity_from_text, new_passphrase,
    replacement_passphrase,
};

/// `PRAGMA application_id` of every kluis database ("kluI"), to tell it from other SQLite files.
pub const APPLICATION_ID: i32 = 0x6B6C_7549;
/// The version of the file format in docs/FORMAT.md.
pub const FORMAT_VERSION: u32 = 1;

const RECOVERY_META_KEY: &str = "recovery_recipient";

/// Whether this process has saved a vault, so that a failure after the save (such as a closed
/// stdout while printing the result) can be reported truthfully as "the change was saved".
static SAVED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn note_saved() {
    SAVED.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Whether a save put the new vault file in place, even when it then failed to replace the
/// backup ([`Error::saved_all_the_same`]).
fn replaced(saved: &Result<(), Error>) -> bool {
    match saved {
        Ok(()) => true,
        Err(error) => error.saved_all_the_same(),
    }
}

/// Whether a save of a vault completed in this process.
pub fn saved_in_this_process() -> bool {
    SAVED.load(std::sync::atomic::Ordering::SeqCst)
}

/// Whether a command may change the vault.
#[derive(Debug, Clone, Copy)]
pub enum Access {
    Read,
    /// Take the writer lock, waiting up to this long for another writer.
    Write {
        wait: Duration,
    },
    /// For a long-lived process beside the CLI (`kluis open`): no lock is held while open.
    /// Each save takes the writer lock, waiting up to `wait`, and refuses with
    /// [`Error::ChangedOnDisk`] when another writer replaced the file since it was loaded.
    PerSave {
        wait: Duration,
    },
}

/// How this process relates to the writer lock.
enum Locking {
    /// Opened for reading: saves are refused.
    None,
    /// The lock is held until the vault is dropped.
    Held(
        #[allow(dead_code, reason = "held for its Drop, which releases the lock")] file::WriterLock,
    ),
    /// Taken for each save; `loaded` is the digest of the file as this process last saw it.
    PerSave { wait: Duration, loaded: [u8; 32] },
}

/// How the vault was unlocked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnlockedBy {
    Passphrase,
    /// An identity whose proof in the header checked out: the recovery key.
    RecoveryKey,
    /// An added recipient's identity, opened with `--allow-unverified`: read-only.
    UnverifiedIdentity,
}

/// The secret a new vault's recovery key is, shown once.
pub struct RecoveryKey {
    identity: age::x25519::Identity,
}

impl RecoveryKey {
    /// Writes the key as a standard age identity file (mode 0600).
    pub fn write_to(&self, path: &Path) -> Result<(), Error> {
        unlock::write_identity_file(path, &self.identity, "kluis recovery key: keep it offline")
    }

    /// The key in age's text form, for printing once.
    pub fn expose(&self) -> SecretString {
        self.identity.to_string()
    }
}

/// What `kluis shell` keeps between commands so it unlocks once: the key derived from the
/// passphrase (so no command runs Argon2 again), or the identity that opened the vault. Both
/// are wiped from memory when dropped, as on the shell's idle lock. Only `vault/` can look
/// inside.
pub struct SessionKey(SessionSecret);

enum SessionSecret {
    Passphrase(PassphraseKey),
    Identity {
        identity: Box<age::x25519::Identity>,
        allow_unverified: bool,
    },
}

/// An unlocked vault: the database in memory and the keys to save it again.
pub struct Vault {
    path: PathBuf,
    conn: Connection,
    passphrase: Option<PassphraseKey>,
    recovery_auth: Option<SecretKey>,
    unlocked_by: UnlockedBy,
    /// Set when a key that opened earlier versions lost its access (a new passphrase, a removed
    /// recipient): the next save re-encrypts `.bak` too, or the old key would still open it.
    keys_revoked: bool,
    locking: Locking,
}

/// The decrypted database made ready: checked to be kluis's, configured, migrated, and
/// holding no schema object kluis did not create.
fn prepare_database(path: &Path, decrypted: Connection) -> Result<Connection, Error> {
    let mut conn = open::load_database(path, decrypted)?;
    database::configure(&conn)?;
    apply_migrations(path, &mut conn)?;
    if let Some(object) = database::foreign_object(&conn)? {
        return Err(Error::Damaged {
            path: path.to_path_buf(),
            reason: format!("the database holds a {object} kluis did not create"),
        });
    }
    Ok(conn)
}

/// Whether a vault can be created at `path` with `params`: the parameters are valid and no
/// file is there. Front ends check this before they ask for a passphrase, so nobody types one
/// for nothing; [`Vault::create`] checks it again.
pub fn check_new(path: &Path, params: KdfParams) -> Result<(), Error> {
    params
        .validate()
        .map_err(|reason| Error::KdfParams { reason })?;
    if path.exists() {
        return Err(Error::AlreadyExists {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

impl Vault {
    /// Creates a new vault at `path`, refusing to touch an existing file.
    pub fn create(
        path: &Path,
        passphrase: &SecretString,
        params: KdfParams,
        wait: Duration,
    ) -> Result<(Vault, RecoveryKey), Error> {
        let path = &real_path(path);
        check_new(path, params)?;
        file::ensure_folder(path)?;
        let lock = file::lock(path, wait)?;
        // Another init may have won the race while we waited for the lock.
        if path.exists() {
            return Err(Error::AlreadyExists {
                path: path.to_path_buf(),
            });
        }
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        database::configure(&conn)?;
        apply_migrations(path, &mut conn)?;
        let identity = age::x25519::Identity::generate();
        conn.execute(
            "INSERT INTO vault_meta (key, value) VALUES (?1, ?2)",
            (RECOVERY_META_KEY, identity.to_public().to_string()),
        )?;
        let key = PassphraseKey::derive_new(passphrase, params)
            .map_err(|reason| Error::KdfParams { reason })?;
        let mut vault = Vault {
            path: path.to_path_buf(),
            conn,
            passphrase: Some(key),
            recovery_auth: Some(crypto::recovery_auth_key(&identity)),
            unlocked_by: UnlockedBy::Passphrase,
            keys_revoked: false,
            locking: Locking::Held(lock),
        };
        vault.save()?;
        Ok((vault, RecoveryKey { identity }))
    }

    /// Opens and decrypts the vault at `path` with the secret the unlock options name
    /// (identity file, passphrase file, `KLUIS_PASSPHRASE`, or a prompt). A passphrase typed
    /// at the prompt gets [`unlock::PROMPT_TRIES`] tries; the lock, when taken, is held across
    /// them, so no other writer slips in between.
    pub fn open(path: &Path, options: &UnlockOptions, access: Access) -> Result<Vault, Error> {
        Self::open_asking(path, options, access).map(|(vault, _)| vault)
    }

    /// Opens the vault for reading as [`Vault::open`] does, and hands out what opens it again
    /// without a passphrase or a second key derivation: for `kluis shell`, which unlocks once.
    pub fn open_for_session(
        path: &Path,
        options: &UnlockOptions,
    ) -> Result<(Vault, SessionKey), Error> {
        let (vault, identity) = Self::open_asking(path, options, Access::Read)?;
        let key = match (identity, &vault.passphrase) {
            (Some(identity), _) => SessionSecret::Identity {
                identity,
                allow_unverified: options.allow_unverified,
            },
            (None, Some(key)) => SessionSecret::Passphrase(key.clone()),
            (None, None) => return Err(Error::ReadOnly),
        };
        Ok((vault, SessionKey(key)))
    }

    /// Opens the vault at `path` with a key handed out by [`Vault::open_for_session`]: the file
    /// is read afresh (so other writers' saves are seen, and the lock works as for
    /// [`Vault::open`]), but nothing is asked and no key is derived. A passphrase changed since
    /// is [`Error::WrongPassphrase`].
    pub fn open_with_session(
        path: &Path,
        key: &SessionKey,
        access: Access,
    ) -> Result<Vault, Error> {
        let path = &real_path(path);
        let held = lock_for(path, access)?;
        let ciphertext = open_vault(path)?;
        let opened = match &key.0 {
            SessionSecret::Passphrase(key) => {
                open::decrypt_with_key(path, &ciphertext, key.clone())?
            }
            SessionSecret::Identity {
                identity,
                allow_unverified,
            } => open::decrypt(
                path,
                &ciphertext,
                Secret::Identity(identity.clone()),
                *allow_unverified,
            )?,
        };
        Self::loaded(path, &ciphertext, opened, access, held)
    }

    /// [`Vault::open`], also giving back the identity that opened it, if one did.
    fn open_asking(
        path: &Path,
        options: &UnlockOptions,
        access: Access,
    ) -> Result<(Vault, Option<Box<age::x25519::Identity>>), Error> {
        let path = &real_path(path);
        // The lock comes before the secret, so a busy vault fails before a prompt.
        let held = lock_for(path, access)?;
        let ciphertext = open_vault(path)?;
        let (opened, identity) = decrypt_asking(path, &ciphertext, options)?;
        let vault = Self::loaded(path, &ciphertext, opened, access, held)?;
        Ok((vault, identity))
    }

    /// Opens and decrypts the vault at `path` with a secret the caller already holds, such
    /// as a passphrase typed into `kluis open`'s page.
    pub fn open_with(path: &Path, secret: Secret, access: Access) -> Result<Vault, Error> {
        let path = &real_path(path);
        let held = lock_for(path, access)?;
        let ciphertext = open_vault(path)?;
        let opened = open::decrypt(path, &ciphertext, secret, false)?;
        Self::loaded(path, &ciphertext, opened, access, held)
    }

    /// The vault from a decrypted file: the database loaded and migrated, the lock kept.
    fn loaded(
        path: &Path,
        ciphertext: &File,
        opened: open::Opened,
        access: Access,
        held: Option<file::WriterLock>,
    ) -> Result<Vault, Error> {
        let conn = prepare_database(path, opened.database)?;
        let locking = match (access, held) {
            (_, Some(lock)) => Locking::Held(lock),
            // Only a per-save writer compares the file with what it loaded: hashing the
            // whole file is not paid by other opens.
            (Access::PerSave { wait }, None) => Locking::PerSave {
                wait,
                loaded: file_digest(path, ciphertext)?,
            },
            _ => Locking::None,
        };
        Ok(Vault {
            path: path.to_path_buf(),
            conn,
            passphrase: opened.passphrase,
            recovery_auth: opened.recovery_auth,
            unlocked_by: opened.unlocked_by,
            keys_revoked: false,
            locking,
        })
    }

    /// Loads the file again as another writer saved it, with the key derived at unlock: no
    /// passphrase is asked. Fails with [`Error::WrongPassphrase`] when the passphrase was
    /// changed since. Anything not saved here is dropped.
    pub fn reload(&mut self) -> Result<(), Error> {
        let Some(key) = self.passphrase.clone() else {
            return Err(Error::ReadOnly);
        };
        let ciphertext = open_vault(&self.path)?;
        let opened = open::decrypt_with_key(&self.path, &ciphertext, key)?;
        self.conn = prepare_database(&self.path, opened.database)?;
        self.passphrase = opened.passphrase;
        self.recovery_auth = opened.recovery_auth;
        if let Locking::PerSave { wait, .. } = self.locking {
            self.locking = Locking::PerSave {
                wait,
                loaded: file_digest(&self.path, &ciphertext)?,
            };
        }
        Ok(())
    }

    /// Gives up the writer lock a new or write-opened vault holds, and from now on takes it
    /// for each save instead (see [`Access::PerSave`]).
    pub fn lock_per_save(&mut self, wait: Duration) -> Result<(), Error> {
        let loaded = file_digest(&self.path, &open_vault(&self.path)?)?;
        self.locking = Locking::PerSave { wait, loaded };
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn unlocked_by(&self) -> UnlockedBy {
        self.unlocked_by
    }

    /// Whether [`Vault::save`] can work: opened for writing, and with the passphrase (an
    /// identity alone gives read-only access).
    pub fn can_save(&self) -> bool {
        !matches!(self.locking, Locking::None)
            && self.passphrase.is_some()
            && self.recovery_auth.is_some()
    }

    /// The Argon2id parameters of the current passphrase, when it unlocked the vault.
    pub fn kdf_params(&self) -> Option<KdfParams> {
        self.passphrase.as_ref().map(|key| key.params)
    }

    /// Encrypts the database and replaces the file atomically, keeping one backup.
    pub fn save(&mut self) -> Result<(), Error> {
        self.save_with(file::Backup::KeepPrevious)
    }

    /// Saves after an erasure: like [`Vault::save`], but the backup gets the new content too,
    /// so what was just erased is not left beside the vault in `.bak`.
    pub fn save_after_erasure(&mut self) -> Result<(), Error> {
        self.save_with(file::Backup::ReplaceWithNew)
    }

    fn save_with(&mut self, backup: file::Backup) -> Result<(), Error> {
        let wait = match &self.locking {
            Locking::None => return Err(Error::NotOpenedForWriting),
            Locking::Held(_) => None,
            Locking::PerSave { wait, .. } => Some(*wait),
        };
        if self.recovery_auth.is_none() {
            return Err(Error::ReadOnly);
        }
        let Some(wait) = wait else {
            let saved = self.encrypt_and_replace(backup, None);
            if replaced(&saved) {
                note_saved();
            }
            return saved;
        };
        let _lock = file::lock(&self.path, wait)?;
        if let Locking::PerSave { loaded, .. } = &self.locking
            && file_digest(&self.path, &open_vault(&self.path)?)? != *loaded
        {
            return Err(Error::ChangedOnDisk {
                path: self.path.clone(),
            });
        }
        let mut written = Sha256::new();
        let saved = self.encrypt_and_replace(backup, Some(&mut written));
        if !replaced(&saved) {
            return saved;
        }
        note_saved();
        self.locking = Locking::PerSave {
            wait,
            loaded: written.finalize().into(),
        };
        saved
    }

    /// Encrypts the database to every key and replaces the file, hashing what is written
    /// into `file_digest` when given (only a per-save writer needs it). The caller holds the
    /// lock.
    fn encrypt_and_replace(
        &mut self,
        backup: file::Backup,
        file_digest: Option<&mut Sha256>,
    ) -> Result<(), Error> {
        let (Some(key), Some(recovery_auth)) = (&self.passphrase, &self.recovery_auth) else {
            return Err(Error::ReadOnly);
        };
        // The quick check runs beside the encryption below; a page too damaged for these
        // reads is the same refusal.
        let keys = self
            .recovery_recipient()
            .and_then(|recovery| Ok((recovery, self.recipient_keys()?)));
        let (recovery, extra) = match keys {
            Ok(keys) => keys,
            Err(_) if database::page_problems(&self.conn, "quick_check") > 0 => {
                return Err(self.damaged_inside(FAILS_QUICK_CHECK));
            }
            Err(error) => return Err(error),
        };
        database::compact_if_mostly_free(&self.conn);
        let (image, checking) = memory::image_for_saving(&mut self.conn)?;
        let content: &[u8] = &image;
        let backup = if self.keys_revoked {
            file::Backup::ReplaceWithNew
        } else {
            backup
        };
        let keys = SavingKeys {
            key,
            recovery_auth,
            recovery: &recovery,
            extra: &extra,
        };
        let encrypt = |out: &mut dyn std::io::Write| {
            let mut hashing = Hashing {
                out,
                digest: file_digest,
            };
            keys.encrypt(content, &mut hashing)
        };
        // A damaged page is refused before it is written over the last good file (and
        // .bak). The check runs while the content is encrypted, on another thread.
        let path = &self.path;
        let check = || match checking.quick_check_problems() {
            0 => Ok(()),
            _ => Err(Error::Damaged {
                path: path.clone(),
                reason: FAILS_QUICK_CHECK.into(),
            }),
        };
        let saved = file::replace_with(path, backup, encrypt, check);
        drop(image);
        saved?;
        self.keys_revoked = false;
        Ok(())
    }

    /// Replaces the passphrase; the data stays. Takes effect with the next [`Vault::save`],
    /// which also re-encrypts `.bak`, so the old passphrase opens no file beside the vault.
    pub fn change_passphrase(
        &mut self,
        passphrase: &SecretString,
        params: KdfParams,
    ) -> Result<(), Error> {
        if self.recovery_auth.is_none() {
            return Err(Error::ReadOnly);
        }
        self.passphrase = Some(
            PassphraseKey::derive_new(passphrase, params)
                .map_err(|reason| Error::KdfParams { reason })?,
        );
        self.keys_revoked = true;
        Ok(())
    }

    /// Adds an age X25519 recipient (`age1…`) that can open the vault from the next save on.
    pub fn add_recipient(&mut self, public_key: &str, label: Option<&str>) -> Result<(), Error> {
        let recipient = parse_recipient(public_key)?;
        crate::text::check_optional("key", "--label", label)?;
        self.conn.execute(
            "INSERT OR REPLACE INTO vault_recipients (public_key, label, added_at) VALUES (?1, ?2, ?3)",
            (recipient.to_string(), label, crate::clock::now_string()),
        )?;
        Ok(())
    }

    /// Removes an added recipient; the next save no longer encrypts to it, neither the vault
    /// nor `.bak`.
    pub fn remove_recipient(&mut self, public_key: &str) -> Result<(), Error> {
        let removed = self.conn.execute(
            "DELETE FROM vault_recipients WHERE public_key = ?1",
            [public_key.trim()],
        )?;
        if removed == 0 {
            return Err(Error::UnknownRecipient {
                public_key: public_key.trim().to_owned(),
            });
        }
        self.keys_revoked = true;
        Ok(())
    }

    /// The added recipients: public key, label, when added.
    pub fn recipients(&self) -> Result<Vec<RecipientInfo>, Error> {
        let mut statement = self.conn.prepare(
            "SELECT public_key, label, added_at FROM vault_recipients ORDER BY added_at, public_key",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(RecipientInfo {
                public_key: row.get(0)?,
                label: row.get(1)?,
                added_at: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Runs SQLite's integrity check; `Ok(())` when it says "ok".
    pub fn integrity_check(&self) -> Result<(), Error> {
        match database::page_problems(&self.conn, "integrity_check") {
            0 => Ok(()),
            problems => Err(self.damaged_inside(&format!(
                "{problems} integrity problem(s) inside the database"
            ))),
        }
    }

    fn damaged_inside(&self, reason: &str) -> Error {
        Error::Damaged {
            path: self.path.clone(),
            reason: reason.to_owned(),
        }
    }

    /// What `verify` prints: versions, how it was unlocked, and rows per table.
    pub fn report(&self) -> Result<VaultReport, Error> {
        let tables: Vec<String> = self
            .conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        let mut rows = std::collections::BTreeMap::new();
        for table in tables {
            // Table names come from sqlite_schema itself; quoting keeps odd names harmless.
            let sql = format!("SELECT count(*) FROM \"{}\"", table.replace('"', "\"\""));
            rows.insert(table, self.conn.query_row(&sql, [], |row| row.get(0))?);
        }
        Ok(VaultReport {
            format_version: FORMAT_VERSION,
            schema_version: migrations::version(&self.conn)
                .map_err(|error| self.damaged(&error.to_string()))?,
            unlocked_by: self.unlocked_by,
            kdf: self.kdf_params(),
            rows,
        })
    }

    fn recovery_recipient(&self) -> Result<age::x25519::Recipient, Error> {
        let text: String = self
            .conn
            .query_row(
                "SELECT value FROM vault_meta WHERE key = ?1",
                [RECOVERY_META_KEY],
                |row| row.get(0),
            )
            .optional()?
            .ok_or_else(|| self.damaged("the recovery recipient is missing"))?;
        age::x25519::Recipient::from_str(&text)
            .map_err(|_| self.damaged("the recovery recipient is not a valid key"))
    }

    fn recipient_keys(&self) -> Result<Vec<age::x25519::Recipient>, Error> {
        self.recipients()?
            .into_iter()
            .map(|info| {
                age::x25519::Recipient::from_str(&info.public_key)
                    .map_err(|_| self.damaged("a stored recipient is not a valid key"))
            })
            .collect()
    }

    fn damaged(&self, reason: &str) -> Error {
        Error::Damaged {
            path: self.path.clone(),
            reason: reason.to_owned(),
        }
    }
}

/// The outcome of `verify`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VaultReport {
    pub format_version: u32,
    pub schema_version: u32,
    pub unlocked_by: UnlockedBy,
    pub kdf: Option<KdfParams>,
    pub rows: std::collections::BTreeMap<String, i64>,
}

/// An added recipient as `recipient list` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RecipientInfo {
    pub public_key: String,
    pub label: Option<String>,
    pub added_at: String,
}

use file::{open_vault, read_vault};

/// The writer lock, for a write to a file that exists; waits as `access` allows.
fn lock_for(path: &Path, access: Access) -> Result<Option<file::WriterLock>, Error> {
    match access {
        Access::Write { wait } if path.exists() => Ok(Some(file::lock(path, wait)?)),
        _ => {
            file::finish_interrupted_save_if_idle(path);
            Ok(None)
        }
    }
}

/// Decrypts with the secret the options name. A passphrase typed at the prompt that does not
/// open the file is asked again, up to [`unlock::PROMPT_TRIES`] times in all (each try costs
/// one key derivation); a passphrase from a file or the environment fails at once. Gives back
/// the identity that opened the file, if one did.
fn decrypt_asking(
    path: &Path,
    ciphertext: &File,
    options: &UnlockOptions,
) -> Result<(open::Opened, Option<Box<age::x25519::Identity>>), Error> {
    let mut tries = 1;
    loop {
        let (secret, source) = unlock::unlock_secret(options)?;
        let identity = match &secret {
            Secret::Identity(identity) => Some(identity.clone()),
            Secret::Passphrase(_) => None,
        };
        match open::decrypt(path, ciphertext, secret, options.allow_unverified) {
            Err(Error::WrongPassphrase { .. })
                if source == unlock::Source::Typed && tries < unlock::PROMPT_TRIES =>
            {
                unlock::say_try_again();
                tries += 1;
            }
            result => return result.map(|opened| (opened, identity)),
        }
    }
}

const FAILS_QUICK_CHECK: &str = "the database fails its quick check; nothing was saved";

/// Every key a save encrypts to.
struct SavingKeys<'a> {
    key: &'a PassphraseKey,
    recovery_auth: &'a SecretKey,
    recovery: &'a age::x25519::Recipient,
    extra: &'a [age::x25519::Recipient],
}

impl SavingKeys<'_> {
    /// Encrypts `content` with a new file key into `out`, with the `kluis-auth` proof.
    fn encrypt(&self, content: &[u8], out: &mut dyn std::io::Write) -> std::io::Result<()> {
        // The proof covers the content, so it is hashed before the header is written.
        let auth_recipient = crypto::AuthRecipient {
            recovery_auth: self.recovery_auth,
            content_digest: crypto::content_digest(content),
        };
        let passphrase_recipient = crypto::PassphraseRecipient {
            key: self.key,
            recovery_auth: self.recovery_auth,
        };
        let mut recipients: Vec<&dyn age::Recipient> =
            vec![&passphrase_recipient, self.recovery, &auth_recipient];
        recipients.extend(self.extra.iter().map(|r| r as &dyn age::Recipient));
        let encryptor = age::Encryptor::with_recipients(recipients.into_iter())
            .map_err(|error| std::io::Error::other(format!("cannot encrypt: {error}")))?;
        let mut writer = encryptor.wrap_output(out)?;
        std::io::Write::write_all(&mut writer, content)?;
        writer.finish().map(drop)
    }
}

/// What tells one version of the (encrypted) file from another, read from the open file.
fn file_digest(path: &Path, ciphertext: &File) -> Result<[u8; 32], Error> {
    use open::Ciphertext;
    let mut digest = Sha256::new();
    ciphertext
        .reader()
        .and_then(|mut reader| std::io::copy(&mut reader, &mut digest))
        .map_err(error::io("read", path))?;
    Ok(digest.finalize().into())
}

/// A writer that hashes what passes through, so a save knows the digest of the file it wrote
/// without reading it back.
struct Hashing<'a> {
    out: &'a mut dyn std::io::Write,
    digest: Option<&'a mut Sha256>,
}

impl std::io::Write for Hashing<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.out.write(bytes)?;
        if let Some(digest) = &mut self.digest {
            digest.update(&bytes[..written]);
        }
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

fn apply_migrations(path: &Path, conn: &mut Connection) -> Result<(), Error> {
    match migrations::apply(conn) {
        Ok(_) => Ok(()),
        Err(migrations::MigrationError::TooNew { found, known }) => Err(Error::TooNew {
            path: path.to_path_buf(),
            found,
            known,
        }),
        Err(other) => Err(Error::Damaged {
            path: path.to_path_buf(),
            reason: other.to_string(),
        }),
    }
}

/// An added key's public key (`age1…`), checked; front ends call it before the unlock too.
pub fn parse_recipient(public_key: &str) -> Result<age::x25519::Recipient, Error> {
    age::x25519::Recipient::from_str(public_key.trim()).map_err(|_| Error::BadRecipient)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHEAP: KdfParams = KdfParams {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };

    /// A new vault with the passphrase that [`options`] gives, and cheap key derivation.
    fn create(path: &Path) -> Vault {
        let passphrase = SecretString::from("test passphrase".to_owned());
        Vault::create(path, &passphrase, CHEAP, Duration::ZERO)
            .unwrap()
            .0
    }

    fn options(dir: &Path) -> UnlockOptions {
        let file = dir.join("passphrase.txt");
        std::fs::write(&file, "test passphrase\n").unwrap();
        UnlockOptions {
            passphrase_file: Some(file),
            ..UnlockOptions::default()
        }
    }

    /// Issue 15 (M2): `init` through a link to a vault yet to be made, then a save through
    /// the link: the link stays a link, and `.bak` and `.lock` sit beside the real file only.
    #[test]
    fn a_vault_created_and_saved_through_a_link_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        let link = dir.path().join("link.kluis");
        std::os::unix::fs::symlink("real/x.kluis", &link).unwrap();
        drop(create(&link));
        let mut vault = Vault::open(
            &link,
            &options(dir.path()),
            Access::Write {
                wait: Duration::ZERO,
            },
        )
        .unwrap();
        vault.save().unwrap();
        drop(vault);
        let is_link = std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink();
        assert!(is_link, "the link was replaced by a file");
        assert!(dir.path().join("real/x.kluis.bak").is_file());
        assert!(dir.path().join("real/x.kluis.lock").is_file());
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["link.kluis", "passphrase.txt", "real"]);
    }

    /// Issue 15 (M4): after an erasure one damaged byte in the vault made `.bak` fail too,
    /// being the same file. The backup opens on its own.
    #[test]
    fn after_an_erasure_a_damaged_vault_leaves_the_backup_openable() {
        use std::os::unix::fs::FileExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        let mut vault = create(&path);
        vault.save().unwrap();
        vault.save_after_erasure().unwrap();
        drop(vault);
        let length = std::fs::metadata(&path).unwrap().len();
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .unwrap();
        let mut byte = [0u8];
        file.read_exact_at(&mut byte, length - 20).unwrap();
        file.write_all_at(&[byte[0] ^ 0xff], length - 20).unwrap();
        let options = options(dir.path());
        let damaged = Vault::open(&path, &options, Access::Read)
            .err()
            .expect("damaged");
        assert!(matches!(damaged, Error::Damaged { .. }), "{damaged}");
        Vault::open(&siblings(&path).backup, &options, Access::Read).unwrap();
    }

    #[test]
    fn a_vault_from_a_newer_kluis_is_refused_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        let mut vault = create(&path);
        vault
            .conn_mut()
            .pragma_update(None, "user_version", migrations::CURRENT_VERSION + 1)
            .unwrap();
        vault.save().unwrap();
        drop(vault);
        let before = std::fs::read(&path).unwrap();
        let error = Vault::open(&path, &options(dir.path()), Access::Read)
            .err()
            .expect("refused");
        assert!(matches!(error, Error::TooNew { .. }), "{error}");
        assert!(error.to_string().contains("newer kluis"));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_read_only_open_cannot_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        create(&path);
        let mut vault = Vault::open(&path, &options(dir.path()), Access::Read).unwrap();
        assert!(matches!(vault.save(), Err(Error::NotOpenedForWriting)));
    }

    fn passphrase() -> Secret {
        Secret::Passphrase(SecretString::from("test passphrase".to_owned()))
    }

    /// A new vault opened as `kluis open` opens it: no lock held between saves.
    fn beside_the_cli() -> (tempfile::TempDir, PathBuf, Vault) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        create(&path);
        let wait = Access::PerSave {
            wait: Duration::ZERO,
        };
        let web = Vault::open_with(&path, passphrase(), wait).unwrap();
        (dir, path, web)
    }

    /// The same vault opened by a CLI command that changes it.
    fn cli_writer(dir: &tempfile::TempDir, path: &Path) -> Result<Vault, Error> {
        let write = Access::Write {
            wait: Duration::ZERO,
        };
        Vault::open(path, &options(dir.path()), write)
    }

    #[test]
    fn a_per_save_vault_holds_no_lock_between_saves() {
        let (dir, path, mut web) = beside_the_cli();
        // A CLI writer can take the lock while the long-lived process has the vault open.
        drop(cli_writer(&dir, &path).expect("the lock is free"));
        web.save().unwrap();
        web.save()
            .expect("its own save does not count as another writer's");
    }

    #[test]
    fn a_per_save_vault_never_overwrites_another_writers_save() {
        let (dir, path, mut web) = beside_the_cli();
        let mut cli = cli_writer(&dir, &path).unwrap();
        cli.save().unwrap();
        drop(cli);
        let theirs = std::fs::read(&path).unwrap();
        let error = web.save().expect_err("refused");
        assert!(matches!(error, Error::ChangedOnDisk { .. }), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), theirs);
    }

    const MARK_THEIRS: &str = "INSERT INTO vault_meta (key, value) VALUES ('theirs', 'x')";
    const MARK_MINE: &str = "INSERT INTO vault_meta (key, value) VALUES ('mine', 'x')";

    /// Regression (L10): a planted trigger made `delete` a no-op while it reported "erased".
    #[test]
    fn a_planted_trigger_is_refused_on_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        let mut vault = create(&path);
        vault
            .conn()
            .execute_batch(
                "CREATE TRIGGER keep BEFORE DELETE ON records BEGIN SELECT RAISE(IGNORE); END",
            )
            .unwrap();
        vault.save().unwrap();
        drop(vault);
        let error = Vault::open(&path, &options(dir.path()), Access::Read)
            .err()
            .expect("refused");
        assert!(
            matches!(&error, Error::Damaged { reason, .. } if reason.contains("trigger `keep`")),
            "{error}"
        );
        assert_eq!(
            crate::exit::HasExitCode::exit_code(&error),
            crate::exit::DAMAGED
        );
    }

    /// Regression (L10): a corrupted page let `add` save while `list` failed.
    #[test]
    fn a_damaged_page_is_not_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        let mut vault = create(&path);
        let before = std::fs::read(&path).unwrap();
        damage_the_last_page(&mut vault);
        let error = vault.save().expect_err("refused");
        assert!(matches!(error, Error::Damaged { .. }), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    /// Writes an invalid b-tree page type where the database's last page starts.
    fn damage_the_last_page(vault: &mut Vault) {
        let mut bytes = vault
            .conn_mut()
            .serialize(rusqlite::MAIN_DB)
            .unwrap()
            .to_vec();
        let last_page = bytes.len() / 4096 - 1;
        bytes[last_page * 4096] = 0x77;
        let length = bytes.len();
        vault
            .conn_mut()
            .deserialize_read_exact(rusqlite::MAIN_DB, bytes.as_slice(), length, false)
            .unwrap();
    }

    /// The quick check runs beside the encryption: damage in a page the save reads nothing
    /// from (the audit log's last page) is refused all the same, in a vault read back from
    /// its file, whose bytes SQLite lends to the encryption rather than copying them.
    #[test]
    fn damage_the_save_does_not_read_is_refused_beside_the_encryption() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        let mut vault = create(&path);
        vault
            .conn()
            .execute_batch(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                 INSERT INTO audit_log (at, action, detail) SELECT 'now', 'test', hex(randomblob(40)) FROM n;",
            )
            .unwrap();
        vault.save().unwrap();
        drop(vault);
        let write = Access::Write {
            wait: Duration::ZERO,
        };
        let mut vault = Vault::open(&path, &options(dir.path()), write).unwrap();
        let before = std::fs::read(&path).unwrap();
        damage_the_last_page(&mut vault);
        assert!(vault.recipient_keys().is_ok(), "the keys still read");
        let error = vault.save().expect_err("refused");
        assert!(matches!(error, Error::Damaged { .. }), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert!(!file::siblings(&path).temp.exists());
    }

    #[test]
    fn a_reload_takes_another_writers_save_without_the_passphrase() {
        let (dir, path, mut web) = beside_the_cli();
        let mut cli = cli_writer(&dir, &path).unwrap();
        cli.conn().execute_batch(MARK_THEIRS).unwrap();
        cli.save().unwrap();
        drop(cli);
        web.conn().execute_batch(MARK_MINE).unwrap();
        assert!(matches!(web.save(), Err(Error::ChangedOnDisk { .. })));
        web.reload().unwrap();
        let has = |name: &str| {
            web.conn()
                .query_row(
                    "SELECT count(*) FROM vault_meta WHERE key = ?1",
                    [name],
                    |r| r.get::<_, i64>(0),
                )
                .unwrap()
        };
        assert_eq!((has("theirs"), has("mine")), (1, 0));
        web.save()
            .expect("after a reload the file is the one loaded");
    }

    #[test]
    fn a_reload_after_a_new_passphrase_is_refused() {
        let (dir, path, mut web) = beside_the_cli();
        let mut cli = cli_writer(&dir, &path).unwrap();
        let new = SecretString::from("another passphrase".to_owned());
        cli.change_passphrase(&new, CHEAP).unwrap();
        cli.save().unwrap();
        drop(cli);
        assert!(matches!(web.reload(), Err(Error::WrongPassphrase { .. })));
    }

    #[test]
    fn a_per_save_vault_waits_for_a_writer_holding_the_lock() {
        let (dir, path, mut web) = beside_the_cli();
        let _cli = cli_writer(&dir, &path).unwrap();
        assert!(matches!(web.save(), Err(Error::Busy { .. })));
    }

    #[test]
    fn a_session_key_opens_later_saves_without_the_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        create(&path);
        let options = options(dir.path());
        let (_, key) = Vault::open_for_session(&path, &options).unwrap();
        std::fs::remove_file(options.passphrase_file.unwrap()).unwrap();
        let write = Access::Write {
            wait: Duration::ZERO,
        };
        let mut vault = Vault::open_with_session(&path, &key, write).unwrap();
        vault
            .conn()
            .execute_batch("INSERT INTO vault_meta (key, value) VALUES ('later', 'x')")
            .unwrap();
        vault.save().unwrap();
        drop(vault);
        let again = Vault::open_with_session(&path, &key, Access::Read).unwrap();
        let tables: i64 = again
            .conn()
            .query_row(
                "SELECT count(*) FROM vault_meta WHERE key = 'later'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 1);
        assert_eq!(again.unlocked_by(), UnlockedBy::Passphrase);
    }

    #[test]
    fn a_session_key_holds_the_lock_like_any_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        create(&path);
        let (_, key) = Vault::open_for_session(&path, &options(dir.path())).unwrap();
        let write = Access::Write {
            wait: Duration::ZERO,
        };
        let _writer = cli_writer(&dir, &path).unwrap();
        assert!(matches!(
            Vault::open_with_session(&path, &key, write),
            Err(Error::Busy { .. })
        ));
    }

    #[test]
    fn a_session_key_does_not_open_after_a_new_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        create(&path);
        let (_, key) = Vault::open_for_session(&path, &options(dir.path())).unwrap();
        let mut cli = cli_writer(&dir, &path).unwrap();
        cli.change_passphrase(&SecretString::from("another one".to_owned()), CHEAP)
            .unwrap();
        cli.save().unwrap();
        drop(cli);
        assert!(matches!(
            Vault::open_with_session(&path, &key, Access::Read),
            Err(Error::WrongPassphrase { .. })
        ));
    }

    #[test]
    fn a_session_from_the_recovery_key_keeps_the_identity() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        let passphrase = SecretString::from("test passphrase".to_owned());
        let (_, recovery) = Vault::create(&path, &passphrase, CHEAP, Duration::ZERO).unwrap();
        let file = dir.path().join("recovery.txt");
        recovery.write_to(&file).unwrap();
        let as_recovery = UnlockOptions {
            identity: Some(file.clone()),
            ..UnlockOptions::default()
        };
        let (_, key) = Vault::open_for_session(&path, &as_recovery).unwrap();
        std::fs::remove_file(&file).unwrap();
        let vault = Vault::open_with_session(&path, &key, Access::Read).unwrap();
        assert_eq!(vault.unlocked_by(), UnlockedBy::RecoveryKey);
    }

    fn backup_of(path: &Path) -> PathBuf {
        siblings(path).backup
    }

    #[test]
    fn after_passwd_the_old_passphrase_does_not_open_the_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        create(&path);
        let write = Access::Write {
            wait: Duration::ZERO,
        };
        let mut vault = Vault::open(&path, &options(dir.path()), write).unwrap();
        vault
            .change_passphrase(&SecretString::from("new passphrase".to_owned()), CHEAP)
            .unwrap();
        vault.save().unwrap();
        drop(vault);
        let old = Vault::open(&backup_of(&path), &options(dir.path()), Access::Read);
        assert!(
            matches!(old, Err(Error::WrongPassphrase { .. })),
            "the leaked passphrase still opens .bak"
        );
    }

    #[test]
    fn a_removed_recipient_cannot_open_the_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        let mut vault = create(&path);
        let colleague = age::x25519::Identity::generate();
        let public_key = colleague.to_public().to_string();
        vault.add_recipient(&public_key, None).unwrap();
        vault.save().unwrap();
        vault.remove_recipient(&public_key).unwrap();
        vault.save().unwrap();
        drop(vault);
        let identity_file = dir.path().join("colleague.txt");
        unlock::write_identity_file(&identity_file, &colleague, "test").unwrap();
        let as_colleague = UnlockOptions {
            identity: Some(identity_file),
            allow_unverified: true,
            ..UnlockOptions::default()
        };
        assert!(matches!(
            Vault::open(&path, &as_colleague, Access::Read),
            Err(Error::WrongIdentity { .. })
        ));
        assert!(
            matches!(
                Vault::open(&backup_of(&path), &as_colleague, Access::Read),
                Err(Error::WrongIdentity { .. })
            ),
            "the removed recipient still opens .bak"
        );
    }

    /// After a purge of most records the vault used to keep its size for good: SQLite keeps
    /// free pages. A save gives them back once a quarter of the pages are free, and only
    /// then; what stayed opens unchanged, and record ids keep counting from the highest ever.
    #[test]
    fn a_save_after_most_records_went_leaves_their_pages_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        let mut vault = create(&path);
        // One record per page: each deleted record frees a page.
        let filler = "x".repeat(3000);
        for _ in 0..1000 {
            vault
                .conn()
                .execute(
                    "INSERT INTO records (created_at, updated_at, search_key) VALUES ('t', 't', ?1)",
                    [&filler],
                )
                .unwrap();
        }
        vault.save().unwrap();
        let full = std::fs::metadata(&path).unwrap().len();
        let pages = |vault: &Vault, pragma: &str| -> i64 {
            vault
                .conn()
                .query_row(&format!("PRAGMA {pragma}"), [], |row| row.get(0))
                .unwrap()
        };
        let all_pages = pages(&vault, "page_count");
        let write = Access::Write {
            wait: Duration::ZERO,
        };
        let reopen = |vault: Vault| {
            drop(vault);
            Vault::open(&path, &options(dir.path()), write).unwrap()
        };

        vault
            .conn()
            .execute("DELETE FROM records WHERE id <= 100", [])
            .unwrap();
        vault.save().unwrap();
        let vault = reopen(vault);
        assert!(
            pages(&vault, "freelist_count") >= 100,
            "a tenth free is kept"
        );
        assert_eq!(pages(&vault, "page_count"), all_pages);

        vault
            .conn()
            .execute("DELETE FROM records WHERE id <= 900", [])
            .unwrap();
        let mut vault = vault;
        vault.save().unwrap();
        let mut vault = reopen(vault);
        assert_eq!(pages(&vault, "freelist_count"), 0);
        assert!(pages(&vault, "page_count") < all_pages / 4);
        let compacted = std::fs::metadata(&path).unwrap().len();
        assert!(compacted < full / 4, "{compacted} of {full} bytes");
        let kept: (i64, i64, String) = vault
            .conn()
            .query_row(
                "SELECT count(*), min(id), max(search_key) FROM records",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .unwrap();
        assert_eq!(kept, (100, 901, filler));
        vault
            .conn()
            .execute(
                "INSERT INTO records (created_at, updated_at) VALUES ('t', 't')",
                [],
            )
            .unwrap();
        assert_eq!(vault.conn().last_insert_rowid(), 1001);
        vault.save().unwrap();
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(16))]

        #[test]
        fn what_is_saved_opens_unchanged(
            blobs in proptest::collection::vec(proptest::collection::vec(proptest::prelude::any::<u8>(), 0..20_000), 0..8)
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("v.kluis");
            let mut vault = create(&path);
            // vault_meta is STRICT TEXT: the blobs travel as hex, still thousands of pages.
            for (index, blob) in blobs.iter().enumerate() {
                vault.conn().execute("INSERT INTO vault_meta (key, value) VALUES (format('blob %03d', ?1), hex(?2))", (index as i64, blob)).unwrap();
            }
            vault.save().unwrap();
            drop(vault);
            let reopened = Vault::open(&path, &options(dir.path()), Access::Read).unwrap();
            let stored: Vec<Vec<u8>> = reopened
                .conn()
                .prepare("SELECT unhex(value) FROM vault_meta WHERE key LIKE 'blob %' ORDER BY key")
                .unwrap()
                .query_map([], |row| row.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            proptest::prop_assert_eq!(stored, blobs);
        }
    }
}
