//! Shared helpers: a temp folder with a vault made with cheap KDF parameters.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub const PASSPHRASE: &str = "correct horse battery staple";

/// Central European time as a POSIX `TZ` rule, so a test needs no time-zone database.
pub const AMSTERDAM: &str = "CET-1CEST,M3.5.0,M10.5.0/3";

/// Argon2id made cheap for tests through explicit init flags; the defaults stay strong.
pub const CHEAP_KDF: [&str; 6] = [
    "--kdf-memory-mib",
    "1",
    "--kdf-iterations",
    "1",
    "--kdf-parallelism",
    "1",
];

/// A temp folder holding `vault/` (only the vault's own files), `tmp/` (TMPDIR for the
/// binary) and `keys/` (the recovery key).
pub struct TestVault {
    pub dir: TempDir,
    pub vault: PathBuf,
    pub tmp: PathBuf,
    pub recovery_key: PathBuf,
}

impl TestVault {
    /// A folder without a vault yet.
    pub fn empty() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let tmp = dir.path().join("tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        std::fs::create_dir_all(dir.path().join("keys")).unwrap();
        TestVault {
            vault: dir.path().join("vault").join("shop.kluis"),
            recovery_key: dir.path().join("keys").join("recovery.txt"),
            tmp,
            dir,
        }
    }

    /// A new vault, initialised with cheap KDF parameters and its recovery key in keys/.
    pub fn new() -> Self {
        let test = Self::empty();
        test.kluis()
            .arg("init")
            .args(CHEAP_KDF)
            .arg("--recovery-key-out")
            .arg(&test.recovery_key)
            .assert()
            .success();
        test
    }

    /// A contract purpose with a one-year retention, and text fields that serve it.
    pub fn add_purpose_with_text_fields(&self, purpose: &str, fields: &[&str]) {
        self.ok(&[
            "purpose",
            "add",
            purpose,
            "--basis",
            "contract",
            "--description",
            "Bestellingen",
            "--description-en",
            "Orders",
            "--retention",
            "1y",
            "--profiling",
            "none",
        ]);
        for field in fields {
            self.ok(&[
                "field",
                "add",
                field,
                "--type",
                "text",
                "--purpose",
                purpose,
                "--label-en",
                field,
            ]);
        }
    }

    /// The binary with this vault, the passphrase and a private TMPDIR in its environment.
    pub fn kluis(&self) -> Command {
        Command::from_std(self.std_kluis())
    }

    /// [`TestVault::kluis`] as a plain `std` command, for a test that spawns and signals it.
    pub fn std_kluis(&self) -> std::process::Command {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_kluis"));
        command
            .env("KLUIS_VAULT", &self.vault)
            .env("KLUIS_PASSPHRASE", PASSPHRASE)
            .env("TMPDIR", &self.tmp)
            .env_remove("KLUIS_NEW_PASSPHRASE")
            .env_remove("KLUIS_NOW")
            // No config file and no settings from the caller's environment.
            // Times shown to people are local: pin the zone so expected output is stable.
            .env("TZ", "UTC")
            .env("KLUIS_CONFIG", self.dir.path().join("no-config.toml"))
            .env_remove("KLUIS_LANG")
            .env_remove("KLUIS_KDF_MEMORY_MIB")
            .env_remove("KLUIS_KDF_ITERATIONS")
            .env_remove("KLUIS_KDF_PARALLELISM")
            .current_dir(self.dir.path());
        command
    }

    /// Runs `kluis ARGS`, asserts success and returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        succeeded(self.kluis(), args)
    }

    /// Runs `kluis ARGS`, asserts the exit code and returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let output = self.kluis().args(args).output().expect("runs");
        assert_eq!(
            output.status.code(),
            Some(code),
            "kluis {args:?}: stdout {} stderr {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stderr).expect("UTF-8 stderr")
    }

    pub fn vault_bytes(&self) -> Vec<u8> {
        std::fs::read(&self.vault).expect("vault exists")
    }

    /// Every file under the temp folder, recursively.
    pub fn all_files(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        collect_files(self.dir.path(), &mut files);
        files.sort();
        files
    }

    /// The names in the vault's folder.
    pub fn vault_folder_names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.vault.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    /// Decrypts the vault with the recovery key through the age crate alone.
    pub fn decrypt_with_recovery_key(&self) -> Vec<u8> {
        decrypt_with_identity_file(&self.vault, &self.recovery_key)
    }
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_files(&path, files);
        } else {
            files.push(path);
        }
    }
}

/// Plain age decryption, as someone without kluis would do it.
pub fn decrypt_with_identity_file(file: &Path, identity_file: &Path) -> Vec<u8> {
    use std::io::Read;
    let identities = age::IdentityFile::from_file(identity_file.to_string_lossy().into_owned())
        .expect("identity file parses")
        .into_identities()
        .expect("identities");
    let bytes = std::fs::read(file).unwrap();
    let decryptor = age::Decryptor::new(&bytes[..]).expect("age header");
    let mut reader = decryptor
        .decrypt(identities.iter().map(|identity| identity.as_ref()))
        .expect("decrypts with the recovery key");
    let mut plaintext = Vec::new();
    reader.read_to_end(&mut plaintext).unwrap();
    plaintext
}

/// Whether `needle` occurs anywhere in `haystack`.
/// Runs `command` (a [`TestVault::kluis`] with more settings) with `args`, asserts success
/// and returns stdout.
pub fn succeeded(mut command: Command, args: &[&str]) -> String {
    let output = command.args(args).output().expect("runs");
    assert!(
        output.status.success(),
        "kluis {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 stdout")
}

/// The string `key` of each element of the JSON array `array`: the names in a `--json` list.
/// Panics, failing the test, when `array` is not an array or an element lacks the string.
pub fn strings<'a>(array: &'a serde_json::Value, key: &str) -> Vec<&'a str> {
    array
        .as_array()
        .unwrap()
        .iter()
        .map(|element| element[key].as_str().unwrap())
        .collect()
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}
