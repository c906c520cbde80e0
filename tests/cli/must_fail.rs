//! Tests written to fail when a protection goes: every "it is gone" is preceded by a check
//! that it was there, and every waiting or interrupted writer is driven to the point that
//! matters instead of left to chance.

use std::fs::File;
use std::path::PathBuf;
use std::process::{Child, Stdio};

use super::support::{TestVault, contains, decrypt_with_identity_file, strings, succeeded};

const T0: &str = "2030-01-01T00:00:00Z";
/// Long after the one-year retention of the purpose below ran out.
const LATER: &str = "2033-01-01T00:00:00Z";

/// Lower case, so it is found in the stored search key too.
const MARKER: &str = "zqxjmarkerwaarde";

fn ok_at(test: &TestVault, now: &str, args: &[&str]) -> String {
    let mut command = test.kluis();
    command.env("KLUIS_NOW", now);
    succeeded(command, args)
}

fn backup_path(test: &TestVault) -> PathBuf {
    let mut name = test.vault.clone().into_os_string();
    name.push(".bak");
    PathBuf::from(name)
}

/// Which of the vault's encrypted copies hold `needle` anywhere in their plaintext: the whole
/// SQLite database, free pages included, decrypted with the recovery key alone.
fn copies_holding(test: &TestVault, needle: &str) -> Vec<&'static str> {
    let copies = [("vault", test.vault.clone()), (".bak", backup_path(test))];
    copies
        .into_iter()
        .filter(|(_, path)| {
            contains(
                &decrypt_with_identity_file(path, &test.recovery_key),
                needle.as_bytes(),
            )
        })
        .map(|(name, _)| name)
        .collect()
}

/// A vault whose record 1 holds the marker in `note`, in the vault and in `.bak` alike:
/// a second save after the marker's makes the backup hold it too.
fn marker_in_both_copies() -> TestVault {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name", "note"]);
    let note = format!("note={MARKER}");
    assert_eq!(ok_at(&test, T0, &["add", "name=Jan", &note]), "1\n");
    assert_eq!(ok_at(&test, T0, &["add", "name=Piet"]), "2\n");
    assert!(
        copies_holding(&test, "neverstoredxyz").is_empty(),
        "the search finds only what is there"
    );
    assert_eq!(
        copies_holding(&test, MARKER),
        ["vault", ".bak"],
        "before the erasure the marker is in both copies"
    );
    test
}

fn assert_erased_everywhere(test: &TestVault) {
    assert_eq!(
        copies_holding(test, MARKER),
        Vec::<&str>::new(),
        "after the erasure no copy holds the marker"
    );
}

#[test]
fn purge_erases_the_marker_from_the_vault_and_the_backup() {
    let test = marker_in_both_copies();
    let out = ok_at(&test, LATER, &["purge"]);
    assert!(
        out.contains("records 1-2: erased each whole record"),
        "{out}"
    );
    assert_erased_everywhere(&test);
}

#[test]
fn delete_erases_the_marker_from_the_vault_and_the_backup() {
    let test = marker_in_both_copies();
    assert_eq!(ok_at(&test, T0, &["delete", "1"]), "record 1: erased\n");
    assert_erased_everywhere(&test);
}

#[test]
fn edit_to_an_empty_value_erases_the_marker_from_the_vault_and_the_backup() {
    let test = marker_in_both_copies();
    ok_at(&test, T0, &["edit", "1", "note="]);
    assert_erased_everywhere(&test);
    let record: serde_json::Value =
        serde_json::from_str(&ok_at(&test, T0, &["show", "1", "--json"])).unwrap();
    assert_eq!(record["name"], "Jan", "only the emptied value went");
}

#[test]
fn field_remove_erases_the_marker_from_the_vault_and_the_backup() {
    let test = marker_in_both_copies();
    let out = ok_at(&test, T0, &["field", "remove", "note", "--yes"]);
    assert!(out.contains("1 value(s) erased"), "{out}");
    assert_erased_everywhere(&test);
}

/// The vault's writer lock, taken the way kluis takes it: `flock` on `VAULT.lock`.
fn hold_the_lock(test: &TestVault) -> File {
    let mut name = test.vault.clone().into_os_string();
    name.push(".lock");
    let file = File::options()
        .write(true)
        .create(true)
        .truncate(false)
        .open(PathBuf::from(name))
        .unwrap();
    file.lock().expect("the lock is free");
    file
}

fn spawn_add(test: &TestVault, name: &str) -> Child {
    test.std_kluis()
        .env("KLUIS_NOW", T0)
        .args(["add", "--wait", "10", &format!("name={name}")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts")
}

#[test]
fn two_writers_wait_for_a_held_lock_and_both_save() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name"]);
    let lock = hold_the_lock(&test);
    let mut writers = [spawn_add(&test, "Anna"), spawn_add(&test, "Bram")];
    std::thread::sleep(std::time::Duration::from_secs(1));
    for writer in &mut writers {
        assert!(
            writer.try_wait().unwrap().is_none(),
            "a writer cannot finish while the lock is held"
        );
    }
    drop(lock);
    for writer in writers {
        let output = writer.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let list: serde_json::Value =
        serde_json::from_str(&ok_at(&test, T0, &["list", "--json"])).unwrap();
    let mut names = strings(&list, "name");
    names.sort_unstable();
    assert_eq!(names, ["Anna", "Bram"]);
}

/// How long the progress bar may take to appear: a guard against a hang, not a measurement.
const PATIENCE_MS: u64 = 120_000;

/// Regression: `import` had no SIGINT handler, so Ctrl-C killed it wherever it was. Now the
/// signal is sent at a known point, once the progress bar shows rows being written, and the
/// import must stop cleanly: exit 1, the vault and `.bak` byte for byte as before, and no
/// other file in the vault's folder or the temp folder.
#[test]
fn sigint_during_an_import_was_unhandled_now_it_stops_and_leaves_nothing() {
    use nix::sys::signal::Signal;
    use nix::sys::wait::WaitStatus;

    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name", "note"]);
    ok_at(&test, T0, &["add", "name=Jan"]);
    let outside = tempfile::tempdir().unwrap();
    let csv = outside.path().join("groot.csv");
    let mut text = String::from("name,note\n");
    for n in 0..40_000 {
        text.push_str(&format!("Klant {n},notitie {n}\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let before = (
        test.vault_bytes(),
        std::fs::read(backup_path(&test)).unwrap(),
    );

    // On a terminal, so the bar is drawn: it appears once rows are being written.
    let mut command = test.std_kluis();
    command
        .env("KLUIS_NOW", T0)
        .env("TERM", "xterm")
        .args(["import", csv.to_str().unwrap()]);
    let options = rexpect::reader::Options::new()
        .timeout_ms(Some(PATIENCE_MS))
        .strip_ansi_escape_codes(true);
    let mut session = rexpect::session::spawn_with_options(command, options).unwrap();
    session
        .exp_string("/40000 rows")
        .expect("the progress bar shows");
    session.process_mut().signal(Signal::SIGINT).unwrap();
    let rest = session.exp_eof().expect("kluis ends");
    let status = session.process().wait().unwrap();
    assert!(
        matches!(status, WaitStatus::Exited(_, 1)),
        "{status:?}: {rest}"
    );
    assert!(
        rest.contains("the import was interrupted; nothing was saved"),
        "{rest}"
    );

    assert_eq!(
        test.vault_folder_names(),
        ["shop.kluis", "shop.kluis.bak", "shop.kluis.lock"]
    );
    assert_eq!(
        (
            test.vault_bytes(),
            std::fs::read(backup_path(&test)).unwrap()
        ),
        before,
        "the vault and its backup are as they were"
    );
    assert_eq!(
        std::fs::read_dir(&test.tmp).unwrap().count(),
        0,
        "no temp file"
    );
    let list = ok_at(&test, T0, &["list", "--json"]);
    let records: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(records.as_array().unwrap().len(), 1, "only Jan");
}

/// The KDF parameters `verify --json` reports for the vault, opened with `passphrase`.
fn stored_kdf(test: &TestVault, passphrase: &str) -> serde_json::Value {
    let output = test
        .kluis()
        .env("KLUIS_PASSPHRASE", passphrase)
        .args(["verify", "--json"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "verify: {output:?}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report["kdf"].clone()
}

/// Issue 15: the default key derivation end to end. Every other test passes cheap KDF flags,
/// so a default weakened by mistake would pass them all. `init` without flags must store
/// 256 MiB, t = 3, p = 4, and `passwd` must keep them (this test pays five full derivations).
#[test]
fn init_without_kdf_flags_stores_the_defaults_and_passwd_keeps_them() {
    let test = TestVault::empty();
    test.kluis()
        .arg("init")
        .arg("--recovery-key-out")
        .arg(&test.recovery_key)
        .assert()
        .success();
    let defaults = serde_json::json!({
        "memory_kib": 256 * 1024,
        "iterations": 3,
        "parallelism": 4,
    });
    let kdf = stored_kdf(&test, crate::support::PASSPHRASE);
    for (name, value) in defaults.as_object().unwrap() {
        assert_eq!(&kdf[name], value, "after init, {name}: {kdf}");
    }
    let new_passphrase = "a new and equally long passphrase";
    test.kluis()
        .env("KLUIS_NEW_PASSPHRASE", new_passphrase)
        .arg("passwd")
        .assert()
        .success();
    let kdf = stored_kdf(&test, new_passphrase);
    for (name, value) in defaults.as_object().unwrap() {
        assert_eq!(&kdf[name], value, "after passwd, {name}: {kdf}");
    }
}
