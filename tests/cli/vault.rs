//! Issue 2: the vault file, its keys, its lock and its failure modes.

use std::os::unix::fs::PermissionsExt;

use crate::forgery::{KeyThief, age_payload, encrypt_to_recovery_key, payload_start};
use crate::support::{PASSPHRASE, TestVault, contains, decrypt_with_identity_file};

const PANIC_EXIT: i32 = 101;
const CHUNK: usize = 64 * 1024 + 16;

fn flipped(bytes: &[u8], at: usize) -> Vec<u8> {
    let mut copy = bytes.to_vec();
    copy[at] ^= 0x01;
    copy
}

#[test]
fn init_then_verify_works_with_a_private_age_file() {
    let test = TestVault::new();
    let bytes = test.vault_bytes();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
    let mode = std::fs::metadata(&test.vault).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let key_mode = std::fs::metadata(&test.recovery_key)
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(key_mode, 0o600);
    let out = test.ok(&["verify"]);
    assert!(out.contains(": ok"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&test.ok(&["verify", "--json"])).unwrap();
    assert_eq!(json["unlocked_by"], "passphrase");
    assert_eq!(json["rows"]["records"], 0);
    // verify changes nothing: same bytes, and no backup appears.
    assert_eq!(test.vault_bytes(), bytes);
    assert_eq!(test.vault_folder_names(), ["shop.kluis", "shop.kluis.lock"]);
}

#[test]
fn init_without_recovery_key_out_prints_the_key_once() {
    let test = TestVault::empty();
    let out = test
        .kluis()
        .arg("init")
        .args(crate::support::CHEAP_KDF)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let key_line = stdout
        .lines()
        .find(|line| line.starts_with("AGE-SECRET-KEY-1"))
        .expect("recovery key printed");
    std::fs::write(&test.recovery_key, format!("{key_line}\n")).unwrap();
    test.ok(&["verify", "--identity", test.recovery_key.to_str().unwrap()]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("below the defaults"), "{stderr}");
}

#[test]
fn init_json_prints_the_recovery_key_that_opens_the_vault() {
    let test = TestVault::empty();
    let out = test
        .kluis()
        .args(["init", "--json"])
        .args(crate::support::CHEAP_KDF)
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["recovery_key_file"], serde_json::Value::Null);
    assert_eq!(json["kdf"]["iterations"], 1, "{json}");
    let key = json["recovery_key"].as_str().unwrap();
    assert!(key.starts_with("AGE-SECRET-KEY-1"));
    std::fs::write(&test.recovery_key, format!("{key}\n")).unwrap();
    test.ok(&["verify", "--identity", test.recovery_key.to_str().unwrap()]);
}

#[test]
fn init_refuses_an_existing_vault_and_leaves_it_alone() {
    let test = TestVault::new();
    let before = test.vault_bytes();
    test.fails(&["init"], 1);
    assert_eq!(test.vault_bytes(), before);
}

#[test]
fn wrong_passphrase_exits_3_and_leaves_the_vault_byte_identical() {
    let test = TestVault::new();
    let before = test.vault_bytes();
    for args in [&["verify"][..], &["key", "list"], &["passwd"]] {
        let stderr = test
            .kluis()
            .env("KLUIS_PASSPHRASE", "not the passphrase")
            .env("KLUIS_NEW_PASSPHRASE", "whatever")
            .args(args)
            .assert()
            .code(3)
            .get_output()
            .stderr
            .clone();
        assert!(String::from_utf8_lossy(&stderr).contains("wrong passphrase"));
    }
    assert_eq!(test.vault_bytes(), before);
}

#[test]
fn a_missing_passphrase_without_a_terminal_says_how_to_give_one() {
    let test = TestVault::new();
    let stderr = String::from_utf8(
        test.kluis()
            .env_remove("KLUIS_PASSPHRASE")
            .arg("verify")
            .assert()
            .code(1)
            .get_output()
            .stderr
            .clone(),
    )
    .unwrap();
    assert!(stderr.contains("KLUIS_PASSPHRASE"), "{stderr}");
}

/// A vault whose payload spans at least three 64 KiB chunks.
fn vault_with_three_chunks() -> TestVault {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("notes", &["note"]);
    for round in 0..3 {
        let note = format!("{round} {}", "afspraak ".repeat(7_000));
        test.ok(&["add", &format!("note={note}")]);
    }
    test
}

#[test]
fn a_flipped_payload_byte_in_any_chunk_exits_4_without_panic() {
    let test = vault_with_three_chunks();
    let bytes = test.vault_bytes();
    let start = payload_start(&bytes);
    let payload_len = bytes.len() - start;
    assert!(
        payload_len > 16 + 2 * CHUNK,
        "the test needs at least three chunks"
    );
    let positions = [
        ("nonce", start),
        ("first chunk", start + 16 + 10),
        ("middle chunk", start + 16 + CHUNK + CHUNK / 2),
        ("middle of the payload", start + payload_len / 2),
        ("last chunk", bytes.len() - 20),
        ("last byte", bytes.len() - 1),
    ];
    for (name, at) in positions {
        std::fs::write(&test.vault, flipped(&bytes, at)).unwrap();
        let stderr = test.fails(&["verify"], 4);
        assert!(stderr.contains("damaged"), "{name}: {stderr}");
    }
}

#[test]
fn truncated_or_extended_files_exit_4() {
    let test = TestVault::new();
    let bytes = test.vault_bytes();
    let start = payload_start(&bytes);
    let mut cases = vec![
        bytes[..bytes.len() - 1].to_vec(),
        bytes[..bytes.len() - 17].to_vec(),
        bytes[..start + 16 + CHUNK].to_vec(),
        bytes[..start].to_vec(),
        bytes[..start / 2].to_vec(),
        Vec::new(),
    ];
    for garbage in [&b"x"[..], &[0u8; 16], &[0xAB; 70_000]] {
        let mut extended = bytes.clone();
        extended.extend_from_slice(garbage);
        cases.push(extended);
    }
    for (index, case) in cases.into_iter().enumerate() {
        std::fs::write(&test.vault, case).unwrap();
        let code = test.kluis().arg("verify").output().unwrap().status.code();
        assert_eq!(code, Some(4), "case {index}");
    }
}

#[test]
fn a_flipped_header_byte_never_opens_the_vault() {
    let test = TestVault::new();
    let bytes = test.vault_bytes();
    let header_end = payload_start(&bytes);
    for at in 0..header_end {
        std::fs::write(&test.vault, flipped(&bytes, at)).unwrap();
        let output = test.kluis().arg("verify").output().unwrap();
        let code = output.status.code();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_ne!(code, Some(0), "header byte {at} opened the vault");
        assert_ne!(code, Some(PANIC_EXIT), "header byte {at}: panic");
        match code {
            Some(4) => {}
            Some(3) => assert!(
                stderr.contains("cannot be told apart"),
                "byte {at}: exit 3 must say both causes are possible: {stderr}"
            ),
            other => panic!("header byte {at}: exit {other:?}: {stderr}"),
        }
    }
}

#[test]
fn the_recovery_key_opens_the_vault_through_kluis_and_through_plain_age() {
    let test = TestVault::new();
    let key = test.recovery_key.to_str().unwrap();
    let out = test
        .kluis()
        .env_remove("KLUIS_PASSPHRASE")
        .args(["verify", "--json", "--identity", key])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["unlocked_by"], "recovery-key");

    let plaintext = test.decrypt_with_recovery_key();
    assert!(plaintext.starts_with(b"SQLite format 3\0"));
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.deserialize_read_exact(rusqlite::MAIN_DB, &plaintext[..], plaintext.len(), true)
        .unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn an_identity_opens_read_only() {
    let test = TestVault::new();
    let key = test.recovery_key.to_str().unwrap();
    let before = test.vault_bytes();
    let stderr = test.fails(&["--identity", key, "key", "add", &new_public_key()], 1);
    assert!(stderr.contains("read-only"), "{stderr}");
    assert_eq!(test.vault_bytes(), before);
}

#[test]
fn passwd_replaces_the_passphrase_and_keeps_the_data() {
    let test = TestVault::new();
    let before = test.decrypt_with_recovery_key();
    test.kluis()
        .env("KLUIS_NEW_PASSPHRASE", "a brand new passphrase")
        .arg("passwd")
        .assert()
        .success();
    test.fails(&["verify"], 3);
    test.kluis()
        .env("KLUIS_PASSPHRASE", "a brand new passphrase")
        .arg("verify")
        .assert()
        .success();
    assert_eq!(test.decrypt_with_recovery_key(), before);
}

#[test]
fn passwd_with_the_recovery_key_recovers_a_lost_passphrase() {
    let test = TestVault::new();
    let key = test.recovery_key.to_str().unwrap();
    test.kluis()
        .env_remove("KLUIS_PASSPHRASE")
        .env("KLUIS_NEW_PASSPHRASE", "remembered this time")
        .args(["passwd", "--identity", key])
        .assert()
        .success();
    test.kluis()
        .env("KLUIS_PASSPHRASE", "remembered this time")
        .arg("verify")
        .assert()
        .success();
    // The recovery key still works after the passphrase changed.
    test.ok(&["verify", "--identity", key]);
}

#[test]
fn passwd_reads_the_new_passphrase_from_a_file() {
    let test = TestVault::new();
    let file = test.dir.path().join("keys").join("new.txt");
    std::fs::write(&file, "from a file\n").unwrap();
    test.ok(&["passwd", "--new-passphrase-file", file.to_str().unwrap()]);
    test.kluis()
        .env_remove("KLUIS_PASSPHRASE")
        .args(["verify", "--passphrase-file", file.to_str().unwrap()])
        .assert()
        .success();
}

#[test]
fn a_database_forged_for_the_recovery_public_key_does_not_open() {
    let test = TestVault::new();
    // Worst case: the forger copies the real database layout, application id included.
    let real = test.decrypt_with_recovery_key();
    let mut other = rusqlite::Connection::open_in_memory().unwrap();
    other
        .execute_batch(
            "CREATE TABLE customers (email TEXT); INSERT INTO customers VALUES ('x@y.z');",
        )
        .unwrap();
    let other_bytes = other.serialize(rusqlite::MAIN_DB).unwrap().to_vec();
    for database in [real, other_bytes] {
        std::fs::write(
            &test.vault,
            encrypt_to_recovery_key(&test.recovery_key, &database),
        )
        .unwrap();
        // Plain age still decrypts it: the forgery is well-formed age.
        decrypt_with_identity_file(&test.vault, &test.recovery_key);
        let key = test.recovery_key.to_str().unwrap();
        let stderr = test.fails(&["verify", "--identity", key], 4);
        assert!(stderr.contains("cannot verify who wrote it"), "{stderr}");
        test.fails(&["verify"], 4);
    }
}

fn new_public_key() -> String {
    age::x25519::Identity::generate().to_public().to_string()
}

#[test]
fn an_added_recipient_opens_read_only_only_when_allowed() {
    let test = TestVault::new();
    let colleague = age::x25519::Identity::generate();
    let colleague_file = test.dir.path().join("keys").join("colleague.txt");
    {
        use age::secrecy::ExposeSecret;
        std::fs::write(
            &colleague_file,
            format!("{}\n", colleague.to_string().expose_secret()),
        )
        .unwrap();
    }
    let public = colleague.to_public().to_string();
    test.ok(&["key", "add", &public, "--label", "Anna"]);
    let list = test.ok(&["key", "list"]);
    assert!(list.contains(&public) && list.contains("Anna"), "{list}");

    let file = colleague_file.to_str().unwrap();
    test.fails(&["verify", "--identity", file], 4);
    let out = test.ok(&["verify", "--identity", file, "--allow-unverified", "--json"]);
    assert!(out.contains("unverified-identity"), "{out}");
    test.fails(
        &[
            "key",
            "remove",
            &public,
            "--identity",
            file,
            "--allow-unverified",
        ],
        1,
    );

    test.ok(&["key", "remove", &public]);
    test.fails(&["verify", "--identity", file, "--allow-unverified"], 3);
    test.fails(&["key", "remove", &public], 1);
}

#[test]
fn a_bad_recipient_is_a_usage_error() {
    let test = TestVault::new();
    let before = test.vault_bytes();
    test.fails(&["key", "add", "age1notakey"], 2);
    assert_eq!(test.vault_bytes(), before);
}

#[test]
fn a_writer_waits_for_the_lock_then_exits_5() {
    let test = TestVault::new();
    let before = test.vault_bytes();
    let lock_path = test.vault.with_file_name("shop.kluis.lock");
    let holder = std::fs::OpenOptions::new()
        .write(true)
        .open(&lock_path)
        .unwrap();
    holder.try_lock().unwrap();
    let stderr = test.fails(&["key", "add", &new_public_key(), "--wait", "0"], 5);
    assert!(stderr.contains("busy"), "{stderr}");
    // Readers are not blocked by a writer.
    test.ok(&["verify"]);
    drop(holder);
    assert_eq!(test.vault_bytes(), before);
    test.ok(&["key", "add", &new_public_key(), "--wait", "0"]);
}

#[test]
fn only_the_vault_its_backup_and_its_lock_ever_reach_the_disk() {
    let test = TestVault::new();
    test.ok(&["verify"]);
    test.ok(&["key", "add", &new_public_key()]);
    test.kluis()
        .env("KLUIS_NEW_PASSPHRASE", PASSPHRASE)
        .arg("passwd")
        .assert()
        .success();
    test.fails(&["verify", "--passphrase-file", "/nonexistent"], 1);
    assert_eq!(
        test.vault_folder_names(),
        ["shop.kluis", "shop.kluis.bak", "shop.kluis.lock"]
    );
    assert!(std::fs::read_dir(&test.tmp).unwrap().next().is_none());
    for file in test.all_files() {
        let bytes = std::fs::read(&file).unwrap();
        assert!(!contains(&bytes, b"SQLite format 3"), "{}", file.display());
    }
}

#[test]
fn global_flags_work_after_the_subcommand_and_errors_come_as_json() {
    let test = TestVault::new();
    let vault = test.vault.to_str().unwrap();
    test.kluis()
        .env_remove("KLUIS_VAULT")
        .args(["verify", "--vault", vault, "--json"])
        .assert()
        .success();
    let output = test
        .kluis()
        .env("KLUIS_PASSPHRASE", "wrong")
        .args(["verify", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let error: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(error["exit_code"], 3);
    assert!(error["hint"].is_string());
}

#[test]
fn a_missing_vault_says_how_to_create_one() {
    let test = TestVault::empty();
    let stderr = test.fails(&["verify"], 1);
    assert!(stderr.contains("kluis init"), "{stderr}");
    test.fails(&["no-such-command"], 2);
}

#[test]
fn a_file_that_is_not_age_exits_4() {
    let test = TestVault::new();
    std::fs::write(&test.vault, b"SQLite format 3\0 not really").unwrap();
    test.fails(&["verify"], 4);
}

#[test]
fn a_save_that_hits_a_full_disk_leaves_the_vault_byte_identical() {
    use std::os::unix::process::CommandExt;
    let test = TestVault::new();
    let before = test.vault_bytes();
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("kluis"));
    command
        .env("KLUIS_VAULT", &test.vault)
        .env("KLUIS_PASSPHRASE", PASSPHRASE)
        .env("TMPDIR", &test.tmp)
        .args(["key", "add", &new_public_key()]);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(|| {
            // A file-size limit makes writes past 16 KiB fail the way a full disk does.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 16 * 1024,
                rlim_max: 16 * 1024,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
            Ok(())
        });
    }
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(test.vault_bytes(), before);
    assert_eq!(test.vault_folder_names(), ["shop.kluis", "shop.kluis.lock"]);
    test.ok(&["verify"]);
}

/// Regression: an erased person survived in `.bak`, the previous vault, until the next save.
#[test]
fn an_erasure_reaches_the_backup_too() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name", "remark"]);
    let marker = "Zebediah Quaxwell";
    let id = test
        .ok(&["add", &format!("name={marker}")])
        .trim()
        .to_owned();
    test.ok(&["add", "name=Someone Else", "remark=Kwark"]);
    let backup = test.vault.with_file_name("shop.kluis.bak");
    let backup_plaintext = || decrypt_with_identity_file(&backup, &test.recovery_key);
    assert!(contains(&backup_plaintext(), marker.as_bytes()));

    test.ok(&["delete", &id]);
    assert!(!contains(
        &test.decrypt_with_recovery_key(),
        marker.as_bytes()
    ));
    assert!(!contains(&backup_plaintext(), marker.as_bytes()));

    test.ok(&["field", "remove", "remark", "--yes"]);
    assert!(!contains(&backup_plaintext(), b"Kwark"));
    assert_eq!(
        test.vault_folder_names(),
        ["shop.kluis", "shop.kluis.bak", "shop.kluis.lock"]
    );
}

/// Regression: a key added with `key add` learns the file key, so it could keep the
/// genuine header, encrypt new content under it, and the passphrase and recovery key opened
/// the result as genuine. The `kluis-auth` proof now covers the content.
#[test]
fn an_added_recipient_cannot_replace_the_content_under_a_genuine_header() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name"]);
    test.ok(&["add", "name=Original Name"]);
    let colleague = age::x25519::Identity::generate();
    test.ok(&["key", "add", &colleague.to_public().to_string()]);

    let genuine = test.vault_bytes();
    let thief = KeyThief {
        inner: colleague,
        file_key: std::cell::RefCell::new(None),
    };
    let decryptor = age::Decryptor::new(&genuine[..]).unwrap();
    let mut reader = decryptor
        .decrypt(std::iter::once(&thief as &dyn age::Identity))
        .unwrap();
    let mut plaintext = Vec::new();
    std::io::Read::read_to_end(&mut reader, &mut plaintext).unwrap();
    let file_key = thief
        .file_key
        .borrow()
        .expect("the colleague learns the file key");

    // Same length, so the database stays well-formed: only the content changes.
    let at = plaintext
        .windows(13)
        .position(|w| w == b"Original Name")
        .unwrap();
    plaintext[at..at + 13].copy_from_slice(b"Tampered Name");
    let mut forged = genuine[..payload_start(&genuine)].to_vec();
    forged.extend(age_payload(&file_key, &plaintext));
    // The forgery is well-formed age: plain age decrypts it.
    decrypt_with_identity_file(&test.vault, &test.recovery_key);
    std::fs::write(&test.vault, &forged).unwrap();
    assert!(contains(
        &decrypt_with_identity_file(&test.vault, &test.recovery_key),
        b"Tampered Name"
    ));

    let stderr = test.fails(&["verify"], 4);
    assert!(stderr.contains("does not match the proof"), "{stderr}");
    let key = test.recovery_key.to_str().unwrap();
    test.fails(&["verify", "--identity", key], 4);
}

/// Regression: `--out` pointed at the vault replaced it with plaintext output.
#[test]
fn no_output_flag_can_overwrite_the_vault_or_its_files() {
    let test = TestVault::new();
    test.ok(&[
        "profile",
        "set",
        "--name",
        "Winkel",
        "--email",
        "privacy@winkel.example",
        "--address",
        "Straat 1, 1234 AB Dorp",
    ]);
    test.add_purpose_with_text_fields("orders", &["name"]);
    let before = test.vault_bytes();
    let vault = test.vault.to_str().unwrap().to_owned();
    let backup = format!("{vault}.bak");
    let relative = "vault/./shop.kluis";
    let csv = test.dir.path().join("in.csv");
    std::fs::write(&csv, "name\nJan\n").unwrap();
    for args in [
        vec!["statement", "--out", &vault],
        vec!["statement", "--out", relative],
        vec!["register", "--out", &backup],
        vec![
            "export",
            "--purpose",
            "orders",
            "--format",
            "csv",
            "--out",
            &vault,
        ],
        vec!["import", csv.to_str().unwrap(), "--save-mapping", &vault],
    ] {
        let stderr = test.fails(&args, 2);
        assert!(stderr.contains("one of its files"), "{args:?}: {stderr}");
    }
    assert_eq!(test.vault_bytes(), before);
    test.ok(&["verify"]);
}

/// Issue 13: `init` on an existing vault is refused before the passphrase is asked, so nobody
/// types one for nothing.
#[test]
fn init_refuses_an_existing_vault_before_asking_a_passphrase() {
    let test = TestVault::new();
    let before = test.vault_bytes();
    let output = test
        .kluis()
        .env_remove("KLUIS_PASSPHRASE")
        .arg("init")
        .args(crate::support::CHEAP_KDF)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("already exists"), "{stderr}");
    assert!(
        !stderr.contains("passphrase"),
        "asked for a passphrase first: {stderr}"
    );
    assert_eq!(test.vault_bytes(), before);
}

/// Issue 15 (M2): a save through a symlinked vault path replaced the link with a file, so the
/// two names diverged. The link is resolved once: the real file changes, the link stays, and
/// `.bak` and `.lock` sit beside the real file.
#[test]
fn a_symlinked_vault_path_saves_into_the_file_it_points_to() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("admin", &["name"]);
    let link = test.dir.path().join("link.kluis");
    std::os::unix::fs::symlink(&test.vault, &link).unwrap();
    test.ok(&["--vault", link.to_str().unwrap(), "add", "name=Via Link"]);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    let listed = test.ok(&["list", "--json"]);
    assert!(
        listed.contains("Via Link"),
        "the real vault has the change: {listed}"
    );
    let mut bak = test.vault.clone().into_os_string();
    bak.push(".bak");
    assert!(std::path::Path::new(&bak).exists());
    let mut link_bak = link.clone().into_os_string();
    link_bak.push(".bak");
    assert!(!std::path::Path::new(&link_bak).exists());
}

/// The binary as a plain `std::process::Command`, whose stdout can be any file (assert_cmd's
/// cannot be given one).
fn std_command(test: &TestVault, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("kluis"));
    command
        .args(args)
        .env("KLUIS_VAULT", &test.vault)
        .env("KLUIS_PASSPHRASE", PASSPHRASE)
        .env("KLUIS_CONFIG", test.dir.path().join("no-config.toml"));
    command
}

/// `/dev/full` opened for writing: every write to it fails with ENOSPC, as on a full disk.
fn full_disk() -> std::fs::File {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("Linux has /dev/full")
}

/// Issue 15: a full disk under a redirect made `add` panic with exit 101 and say "nothing was
/// saved" although the record was saved. Now it is exit 1 and says the change was saved.
#[test]
fn a_failed_write_to_stdout_after_a_save_says_the_change_was_saved() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name"]);
    let full = full_disk();
    let output = std_command(&test, &["add", "name=Jan"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the change was saved"), "{stderr}");
    assert!(!stderr.contains("internal error"), "{stderr}");
    let listed = test.ok(&["list", "--json"]);
    assert!(listed.contains("\"Jan\""), "{listed}");
}

/// Found at review: `list`, `log` and `export` to a full disk exited 0 with the output lost,
/// because the streamed stdout swallowed every failed write, not only a reader that left.
#[test]
fn listing_to_a_full_disk_fails_but_a_closed_pipe_does_not() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name"]);
    test.ok(&["add", "name=Jan"]);
    for args in [&["list"][..], &["list", "--json"], &["log"]] {
        let full = full_disk();
        let output = std_command(&test, args).stdout(full).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
    }
    let mut child = std_command(&test, &["list"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(
        child.wait().unwrap().code(),
        Some(0),
        "a reader that left is no error"
    );
}

/// Found when the fault-injection loop met the `KLUIS_NOW` warning: a warning written to a
/// stderr that fails (a full disk) panicked in `eprintln!`, and a saved `add` ended as an
/// internal error. A warning that cannot be shown changes nothing.
#[test]
fn a_warning_to_a_full_stderr_does_not_turn_a_saved_change_into_a_panic() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name"]);
    let full = full_disk();
    let output = std_command(&test, &["add", "name=Jan"])
        .env("KLUIS_NOW", "2030-01-01T00:00:00Z")
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let listed = test.ok(&["list", "--json"]);
    assert!(listed.contains("\"Jan\""), "{listed}");
}
