//! Issue 15, the vault's files: links, pipes, hard links and temp files planted beside the
//! vault or an output file (M2, M4, L3, L4, L5, L6, L8).

use std::os::unix::fs::symlink;
use std::path::PathBuf;

use crate::support::{CHEAP_KDF, TestVault};

fn sibling(test: &TestVault, suffix: &str) -> PathBuf {
    let mut name = test.vault.clone().into_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Issue 15 (L4): `statement --out` followed a pre-created `*.kluis-tmp` symlink and wrote
/// through it. The temp file is created exclusively, never through a link.
#[test]
fn a_planted_kluis_tmp_symlink_beside_an_output_is_not_followed() {
    let test = TestVault::new();
    let out = test.dir.path().join("privacy.md");
    let victim = test.dir.path().join("victim.txt");
    symlink(&victim, test.dir.path().join("privacy.md.kluis-tmp")).unwrap();
    test.ok(&["statement", "--draft", "--out", out.to_str().unwrap()]);
    assert!(!victim.exists(), "the link's target was written");
    assert!(std::fs::read_to_string(&out).unwrap().contains('#'));
    assert!(!test.dir.path().join("privacy.md.kluis-tmp").exists());
}

/// Issue 15 (L5): a dangling `.lock` symlink made kluis create the file it points to.
#[test]
fn a_dangling_lock_symlink_is_refused_and_its_target_not_created() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("admin", &["name"]);
    let target = test.dir.path().join("created-by-kluis");
    std::fs::remove_file(sibling(&test, ".lock")).unwrap();
    symlink(&target, sibling(&test, ".lock")).unwrap();
    let before = test.vault_bytes();
    let stderr = test.fails(&["add", "name=Anna"], 4);
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert!(!target.exists(), "the link's target was created");
    assert_eq!(test.vault_bytes(), before);
}

/// Issue 15 (L3): `export --out` to a hard link of the vault overwrote `.bak` with plaintext
/// CSV: output paths were compared by name. They are compared by device and inode.
#[test]
fn export_to_a_hard_link_of_the_vaults_backup_is_refused() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("admin", &["name"]);
    test.ok(&["add", "name=Anna"]);
    let backup = sibling(&test, ".bak");
    for (name, target) in [("a.csv", &test.vault), ("b.csv", &backup)] {
        let link = test.dir.path().join(name);
        std::fs::hard_link(target, &link).unwrap();
        let before = std::fs::read(target).unwrap();
        let args = ["export", "--purpose", "admin", "--format", "csv", "--out"];
        let stderr = test.fails(&[&args[..], &[link.to_str().unwrap()]].concat(), 2);
        assert!(stderr.contains("one of its files"), "{stderr}");
        assert_eq!(std::fs::read(target).unwrap(), before, "{name}");
    }
}

/// Issue 15 (L6): a FIFO as the vault hung kluis; `/dev/zero` or a 50 GiB sparse file ran it
/// out of memory. Each exits 4 before anything is read (a hang would never finish).
#[test]
fn a_fifo_dev_zero_or_a_huge_sparse_vault_exits_4_unread() {
    let test = TestVault::new();
    let fifo = test.dir.path().join("fifo.kluis");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let sparse = test.dir.path().join("sparse.kluis");
    std::fs::write(&sparse, "age-encryption.org/v1\n").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&sparse)
        .unwrap()
        .set_len(50 << 30)
        .unwrap();
    for (vault, says) in [
        (fifo.to_str().unwrap(), "not a regular file"),
        ("/dev/zero", "not a regular file"),
        (sparse.to_str().unwrap(), "larger"),
    ] {
        let stderr = test.fails(&["--vault", vault, "list"], 4);
        assert!(stderr.contains(says), "{vault}: {stderr}");
    }
}

/// Issue 15 (L8): a kill between the renames of an erasure left the person in `.bak` until
/// the next save. The files such a kill leaves (the new vault, the old `.bak`, a `.bak.tmp`
/// with the vault's bytes) are rolled forward by the next open, a read included.
#[test]
fn an_erasure_killed_between_its_renames_is_finished_by_the_next_open() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("admin", &["name"]);
    test.ok(&["add", "name=Anna"]);
    test.ok(&["add", "name=Bob"]);
    let backup = sibling(&test, ".bak");
    assert_ne!(std::fs::read(&backup).unwrap(), test.vault_bytes());
    std::fs::copy(&test.vault, sibling(&test, ".bak.tmp")).unwrap();
    test.ok(&["list"]);
    assert_eq!(std::fs::read(&backup).unwrap(), test.vault_bytes());
    assert_eq!(
        test.vault_folder_names(),
        ["shop.kluis", "shop.kluis.bak", "shop.kluis.lock"]
    );
}

/// Puts a non-empty folder where the vault's `.bak` is, so no save can replace it; its path.
fn backup_in_the_way(test: &TestVault) -> PathBuf {
    let backup = sibling(test, ".bak");
    std::fs::remove_file(&backup).unwrap();
    std::fs::create_dir(&backup).unwrap();
    std::fs::write(backup.join("in the way"), b"").unwrap();
    backup
}

/// Regression: when an erasure's save replaced the vault but could not put the new backup in
/// place (`.bak` a folder here), kluis reported a plain failure, gave no request letter, and
/// deleted the new backup, so `.bak` kept the erased person for good. Now it says the change is
/// saved, gives the letter, and keeps the new backup for the next open.
#[test]
fn an_erasure_whose_backup_cannot_be_replaced_says_it_is_saved_and_finishes_later() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("admin", &["name", "email"]);
    test.ok(&[
        "profile",
        "set",
        "--name",
        "Bakkerij",
        "--email",
        "privacy@bakkerij.nl",
        "--address",
        "Dorpsstraat 1, 1234 AB Ergens",
    ]);
    test.ok(&["add", "name=Anna", "email=anna@example.nl"]);
    test.ok(&["request", "add", "erasure", "--email", "anna@example.nl"]);
    let backup = backup_in_the_way(&test);

    let output = test
        .kluis()
        .args(["request", "answer", "1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the vault is saved"), "{stderr}");
    assert!(stderr.contains("do not repeat it"), "{stderr}");
    let letter = String::from_utf8_lossy(&output.stdout);
    assert!(letter.contains("Uw gegevens zijn gewist"), "{letter}");
    assert_eq!(
        test.ok(&["list", "--json"]).trim(),
        "[]",
        "the record is gone"
    );
    assert_eq!(
        std::fs::read(sibling(&test, ".bak.tmp")).unwrap(),
        test.vault_bytes()
    );

    // Until it can be put in place, nothing changes, and no hint says to restore the backup
    // that still holds Anna.
    let blocked = test.fails(&["add", "name=Bob"], 1);
    assert!(
        blocked.contains("still holds what an earlier save removed"),
        "{blocked}"
    );
    assert!(blocked.contains("do not restore that backup"), "{blocked}");
    let wrong = test
        .kluis()
        .env("KLUIS_PASSPHRASE", "not the passphrase")
        .args(["list"])
        .output()
        .unwrap();
    let wrong = String::from_utf8_lossy(&wrong.stderr);
    assert!(!wrong.contains("restore"), "{wrong}");

    std::fs::remove_dir_all(&backup).unwrap();
    test.ok(&["check"]);
    assert_eq!(std::fs::read(&backup).unwrap(), test.vault_bytes());
}

/// The same for `delete`: until this session it printed nothing of what it erased, though
/// the erasure was saved and the hint said not to repeat it.
#[test]
fn a_delete_whose_backup_cannot_be_replaced_still_reports_what_it_erased() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("admin", &["name"]);
    test.ok(&["add", "name=Anna"]);
    backup_in_the_way(&test);
    let output = test
        .kluis()
        .args(["delete", "1", "--yes"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "record 1: erased\n"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("the vault is saved"));
}

/// Regression: `edit` that cleared a value, `field remove`, `key remove` and `passwd` replace
/// the backup too; when it could not be replaced they printed only the error, not what they
/// had saved. Each now reports what it did, then the error (exit 1).
#[test]
fn every_save_whose_backup_cannot_be_replaced_still_reports_what_it_saved() {
    let public = age::x25519::Identity::generate().to_public().to_string();
    let passwd = [&["passwd"][..], &CHEAP_KDF[..]].concat();
    let steps: [(&[&str], &str); 4] = [
        (&["edit", "1", "note="], "record 1: updated note\n"),
        (
            &["field", "remove", "note", "--yes"],
            "Field `note` removed; 1 value(s) erased.\n",
        ),
        (&["key", "remove", &public], "removed"),
        (&passwd, "Passphrase changed for"),
    ];
    for (args, report) in steps {
        let test = TestVault::new();
        test.add_purpose_with_text_fields("admin", &["name", "note"]);
        test.ok(&["add", "name=Anna", "note=allergisch"]);
        test.ok(&["key", "add", &public]);
        backup_in_the_way(&test);
        let output = test
            .kluis()
            .env("KLUIS_NEW_PASSPHRASE", "another passphrase")
            .args(args)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stdout.contains(report), "{args:?}: {stdout}");
        assert!(stderr.contains("the vault is saved"), "{args:?}: {stderr}");
    }
}
