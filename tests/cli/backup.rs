//! `kluis backup --to DIR` (issue 13): a dated, encrypted copy that opens, never an overwrite.

use std::path::Path;

use crate::support::TestVault;

fn backup(test: &TestVault, to: &Path, extra: &[&str]) -> std::process::Output {
    test.kluis()
        .args(["backup", "--to"])
        .arg(to)
        .args(extra)
        .env("KLUIS_NOW", "2026-11-29T10:00:00Z")
        .output()
        .expect("kluis runs")
}

#[test]
fn a_backup_is_a_dated_copy_that_opens_and_never_overwrites() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("admin", &["name"]);
    test.ok(&["add", "name=Jan Backup"]);
    let usb = test.dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();

    let first = backup(&test, &usb, &[]);
    assert!(first.status.success(), "{first:?}");
    let copy = usb.join("kluis-2026-11-29.kluis");
    assert_eq!(std::fs::read(&copy).unwrap(), test.vault_bytes());
    let stdout = String::from_utf8_lossy(&first.stdout);
    assert!(stdout.contains("the copy decrypts"), "{stdout}");
    assert!(
        stdout.contains("To restore it: kluis verify --vault"),
        "{stdout}"
    );

    // The copy is a vault of its own, with the same passphrase.
    let listed = test.ok(&["--vault", copy.to_str().unwrap(), "list", "--json"]);
    assert!(listed.contains("Jan Backup"), "{listed}");

    let second = backup(&test, &usb, &["--json"]);
    assert!(second.status.success(), "{second:?}");
    let json: serde_json::Value = serde_json::from_slice(&second.stdout).unwrap();
    assert!(
        json["copy"]
            .as_str()
            .unwrap()
            .ends_with("kluis-2026-11-29-2.kluis"),
        "{json}"
    );
    assert_eq!(json["checked"], "opened");
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        test.vault_bytes(),
        "the first copy stays"
    );
}

#[test]
fn a_backup_with_the_recovery_key_checks_the_bytes() {
    let test = TestVault::new();
    let usb = test.dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let output = test
        .kluis()
        .env_remove("KLUIS_PASSPHRASE")
        .arg("--identity")
        .arg(&test.recovery_key)
        .args(["backup", "--to"])
        .arg(&usb)
        .arg("--json")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["checked"], "same-bytes");
}

#[test]
fn a_missing_folder_is_refused_with_a_hint_and_changes_nothing() {
    let test = TestVault::new();
    let before = test.vault_bytes();
    let missing = test.dir.path().join("nowhere");
    let output = backup(&test, &missing, &[]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("not a folder") && stderr.contains("mkdir -p"),
        "{stderr}"
    );
    assert!(!missing.exists());
    assert_eq!(test.vault_bytes(), before);
}
