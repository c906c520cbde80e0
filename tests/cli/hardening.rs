//! Issue 15 (hardening): Argon2 caps, `KLUIS_NOW`, planted databases, and the nitpicks.

use crate::forgery::{KeyThief, age_payload, payload_start};
use crate::support::{CHEAP_KDF, TestVault};

/// The vault's bytes with the passphrase stanza's `M T P` arguments replaced.
fn with_kdf_arguments(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    let stanza = text
        .lines()
        .find(|line| line.starts_with("-> kluis-passphrase argon2id "))
        .expect("passphrase stanza");
    let args: Vec<&str> = stanza.split(' ').collect();
    assert_eq!(args[4..7].join(" "), from, "{stanza}");
    let forged_line = [&args[..4], &[to], &args[7..]].concat().join(" ");
    let at = bytes
        .windows(stanza.len())
        .position(|window| window == stanza.as_bytes())
        .unwrap();
    [
        &bytes[..at],
        forged_line.as_bytes(),
        &bytes[at + stanza.len()..],
    ]
    .concat()
}

/// Regression (L1): a header asking for 4 GiB or t=64 was within the limits, so opening it
/// ran (or aborted in) Argon2 before anything was checked.
#[test]
fn a_header_beyond_the_argon2_caps_is_damage_before_any_work() {
    let test = TestVault::new();
    let genuine = test.vault_bytes();
    for beyond in [
        "4194304 1 1",
        "2097153 1 1",
        "1024 17 1",
        "1024 64 1",
        "1024 1 17",
    ] {
        std::fs::write(
            &test.vault,
            with_kdf_arguments(&genuine, "1024 1 1", beyond),
        )
        .unwrap();
        let stderr = test.fails(&["verify"], 4);
        assert!(stderr.contains("passphrase stanza"), "{beyond}: {stderr}");
    }
}

/// Regression (L1): `init` and `passwd` accepted parameters up to 4 GiB and t=64.
#[test]
fn init_and_passwd_beyond_the_argon2_caps_are_usage_errors() {
    let fresh = TestVault::empty();
    for flags in [
        ["--kdf-memory-mib", "2049"],
        ["--kdf-iterations", "17"],
        ["--kdf-parallelism", "17"],
    ] {
        let stderr = fresh.fails(&[&["init"][..], &flags[..]].concat(), 2);
        assert!(stderr.contains("key-derivation"), "{stderr}");
        assert!(!fresh.vault.exists());
    }
    let test = TestVault::new();
    let before = test.vault_bytes();
    test.fails(&["passwd", "--kdf-iterations", "17"], 2);
    assert_eq!(test.vault_bytes(), before);
    // At the caps is fine (cheap memory, so the test stays quick).
    let mut at_caps = CHEAP_KDF.to_vec();
    at_caps[3] = "16";
    test.kluis()
        .env("KLUIS_NEW_PASSPHRASE", "another passphrase")
        .arg("passwd")
        .args(&at_caps)
        .assert()
        .success();
}

const SET_PROFILE: &[&str] = &[
    "profile",
    "set",
    "--name",
    "Winkel",
    "--email",
    "privacy@winkel.example",
    "--address",
    "Straat 1, 1234 AB Dorp",
];

/// Regression (L9): a `KLUIS_NOW` that is not a time was ignored, so a typo meant the real
/// clock without a word.
#[test]
fn a_kluis_now_that_is_not_a_time_is_a_usage_error() {
    let test = TestVault::new();
    let before = test.vault_bytes();
    for garbage in ["tomorrow", "2031-13-01T00:00:00Z", "2031-01-01"] {
        let out = test
            .kluis()
            .env("KLUIS_NOW", garbage)
            .args(SET_PROFILE)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{garbage}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("KLUIS_NOW"), "{stderr}");
    }
    assert_eq!(test.vault_bytes(), before);
}

/// Regression (L9): `KLUIS_NOW` silently stamped real writes with its time.
#[test]
fn every_command_warns_while_kluis_now_is_set() {
    let test = TestVault::new();
    let warning = "warning: KLUIS_NOW is set: kluis takes 2031-01-01T00:00:00Z as the current time";
    for args in [&["verify"][..], SET_PROFILE, &["log"]] {
        let out = test
            .kluis()
            .env("KLUIS_NOW", "2031-01-01T00:00:00Z")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(warning), "{args:?}: {stderr}");
    }
    let out = test.kluis().arg("verify").output().unwrap();
    assert!(!String::from_utf8(out.stderr).unwrap().contains("KLUIS_NOW"));
}

fn hkdf(salt: &[u8], ikm: &[u8], info: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    hkdf::Hkdf::<sha2::Sha256>::new(Some(salt), ikm)
        .expand(info, &mut key)
        .unwrap();
    key
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    use hmac::Mac;
    let mut mac = <hmac::Hmac<sha2::Sha256> as Mac>::new_from_slice(key).unwrap();
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().to_vec()
}

/// What the holder of the recovery key can do (docs/FORMAT.md): learn the file key, change the
/// database with `change`, and write it back under the genuine header with a fresh
/// `kluis-auth` proof and header MAC, so the passphrase and the recovery key both accept it.
fn plant(test: &TestVault, change: impl FnOnce(&mut rusqlite::Connection)) {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
    let genuine = test.vault_bytes();
    let secret_text = std::fs::read_to_string(&test.recovery_key).unwrap();
    let secret = secret_text
        .lines()
        .find(|line| line.starts_with("AGE-SECRET-KEY-1"))
        .unwrap();
    let thief = KeyThief {
        inner: secret.parse().unwrap(),
        file_key: std::cell::RefCell::new(None),
    };
    let mut reader = age::Decryptor::new(&genuine[..])
        .unwrap()
        .decrypt(std::iter::once(&thief as &dyn age::Identity))
        .unwrap();
    let mut plaintext = Vec::new();
    std::io::Read::read_to_end(&mut reader, &mut plaintext).unwrap();
    let file_key = thief.file_key.borrow().unwrap();

    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    let length = plaintext.len();
    conn.deserialize_read_exact(
        rusqlite::MAIN_DB,
        std::io::Cursor::new(plaintext),
        length,
        false,
    )
    .unwrap();
    change(&mut conn);
    let database = conn.serialize(rusqlite::MAIN_DB).unwrap().to_vec();

    let auth_key = hkdf(&[], secret.as_bytes(), b"kluis-v1 recovery auth key");
    let digest: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(&database).into();
    let proof = hmac(&auth_key, &[b"kluis-v1 auth", &file_key, &digest]);
    let header_text = String::from_utf8_lossy(&genuine[..payload_start(&genuine)]).into_owned();
    let mut lines: Vec<String> = header_text.lines().map(str::to_owned).collect();
    let auth = lines.iter().position(|l| l == "-> kluis-auth").unwrap();
    lines[auth + 1] = B64.encode(&proof);
    let mac_line = lines.len() - 1;
    let mut header = lines[..mac_line].join("\n");
    header.push_str("\n---");
    let mac = hmac(&hkdf(&[], &file_key, b"header"), &[header.as_bytes()]);
    header.push_str(&format!(" {}\n", B64.encode(&mac)));
    let mut forged = header.into_bytes();
    forged.extend(age_payload(&file_key, &database));
    std::fs::write(&test.vault, forged).unwrap();
}

/// Regression (L10): with the recovery key, a trigger planted in the database made `delete`
/// a no-op while kluis printed that the record was erased.
#[test]
fn a_planted_trigger_is_refused_on_open() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name"]);
    test.ok(&["add", "name=Jan"]);
    // The forgery itself is sound: without a plant it opens.
    plant(&test, |_| {});
    test.ok(&["verify"]);
    plant(&test, |conn| {
        conn.execute_batch(
            "CREATE TRIGGER keep BEFORE DELETE ON records BEGIN SELECT RAISE(IGNORE); END",
        )
        .unwrap();
    });
    let stderr = test.fails(&["delete", "1"], 4);
    assert!(stderr.contains("trigger `keep`"), "{stderr}");
    let key = test.recovery_key.to_str().unwrap();
    test.fails(&["list", "--identity", key], 4);
}

/// Regression (L10): a corrupted page let `add` save while `list` failed with exit 1.
#[test]
fn a_corrupted_page_is_not_saved() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name"]);
    test.ok(&["add", "name=Jan"]);
    plant(&test, |conn| {
        let page_size: i64 = conn
            .query_row("PRAGMA page_size", [], |row| row.get(0))
            .unwrap();
        let page_size = page_size as usize;
        let mut bytes = conn.serialize(rusqlite::MAIN_DB).unwrap().to_vec();
        // An invalid b-tree page type where the last page starts.
        let last = bytes.len() / page_size - 1;
        bytes[last * page_size] = 0x77;
        let length = bytes.len();
        conn.deserialize_read_exact(
            rusqlite::MAIN_DB,
            std::io::Cursor::new(bytes),
            length,
            false,
        )
        .unwrap();
    });
    let before = test.vault_bytes();
    test.fails(&["add", "name=Piet"], 4);
    assert_eq!(test.vault_bytes(), before);
    test.fails(&["verify"], 4);
}

/// Regression (nitpick): `--allow-unverified` opened a file no proof covers without a word.
#[test]
fn allow_unverified_warns_visibly() {
    let test = TestVault::new();
    let colleague = age::x25519::Identity::generate();
    let file = test.dir.path().join("keys").join("colleague.txt");
    {
        use age::secrecy::ExposeSecret;
        std::fs::write(
            &file,
            format!("{}\n", colleague.to_string().expose_secret()),
        )
        .unwrap();
    }
    test.ok(&["key", "add", &colleague.to_public().to_string()]);
    let file = file.to_str().unwrap();
    let out = test
        .kluis()
        .args(["list", "--identity", file, "--allow-unverified"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("warning: UNVERIFIED"), "{stderr}");
    // The recovery key's proof checks out: no warning, even with the flag.
    let key = test.recovery_key.to_str().unwrap();
    let out = test
        .kluis()
        .args(["list", "--identity", key, "--allow-unverified"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !String::from_utf8(out.stderr)
            .unwrap()
            .contains("UNVERIFIED")
    );
}

/// Regression (nitpick): a damaged X25519 stanza tag looked like someone else's key (exit 3).
#[test]
fn a_damaged_x25519_stanza_is_damage() {
    let test = TestVault::new();
    let genuine = test.vault_bytes();
    let at = genuine.windows(9).position(|w| w == b"-> X25519").unwrap();
    let mut damaged = genuine.clone();
    damaged[at + 8] = b'8';
    std::fs::write(&test.vault, damaged).unwrap();
    let key = test.recovery_key.to_str().unwrap();
    test.fails(&["verify", "--identity", key], 4);
    test.fails(&["verify"], 4);
}

/// Regression (nitpick): a flipped byte in the body of the recovery key's X25519 stanza was
/// exit 3, "not one of the vault's keys". The unwrap alone cannot tell the two apart, but a
/// key that opens `.bak` is one of the vault's keys: then it is damage (exit 4). Without a
/// `.bak` that it opens, a key that fails stays exit 3, the message naming both causes.
#[test]
fn a_flipped_byte_in_the_recovery_stanza_body_is_damage_when_the_key_opens_the_backup() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["note"]);
    let genuine = test.vault_bytes();
    let at = genuine.windows(9).position(|w| w == b"-> X25519").unwrap();
    let body = at + genuine[at..].iter().position(|b| *b == b'\n').unwrap() + 1;
    let mut damaged = genuine.clone();
    damaged[body + 5] = if damaged[body + 5] == b'A' {
        b'B'
    } else {
        b'A'
    };
    std::fs::write(&test.vault, &damaged).unwrap();
    let key = test.recovery_key.to_str().unwrap();
    let mut backup = test.vault.clone().into_os_string();
    backup.push(".bak");
    let backup = std::path::PathBuf::from(backup);
    assert!(backup.is_file(), "the add left a .bak");

    let output = test.fails(&["verify", "--identity", key], 4);
    assert!(output.contains(".bak"), "{output}");

    let other = test.dir.path().join("other.key");
    std::fs::write(
        &other,
        format!(
            "{}\n",
            age::secrecy::ExposeSecret::expose_secret(
                &age::x25519::Identity::generate().to_string()
            )
        ),
    )
    .unwrap();
    test.fails(&["verify", "--identity", other.to_str().unwrap()], 3);

    std::fs::remove_file(&backup).unwrap();
    let output = test.fails(&["verify", "--identity", key], 3);
    assert!(output.contains("cannot be told apart"), "{output}");
}

/// Regression (L2): `consent give --source` took free text, which the log kept after the
/// person was erased. The source is now a word from a closed list; anything else is refused
/// (exit 2) before anything is saved, and the erasure leaves only that word behind.
#[test]
fn a_free_text_consent_source_is_refused_and_the_log_keeps_only_a_listed_word() {
    let test = TestVault::new();
    test.ok(&[
        "purpose",
        "add",
        "newsletter",
        "--basis",
        "consent",
        "--description",
        "Nieuwsbrief",
        "--retention",
        "2y",
        "--profiling",
        "none",
    ]);
    test.ok(&[
        "field",
        "add",
        "name",
        "--type",
        "text",
        "--purpose",
        "newsletter",
    ]);
    test.ok(&["add", "name=Jan"]);
    let before = test.vault_bytes();
    let refused = test
        .kluis()
        .args([
            "consent",
            "give",
            "newsletter",
            "1",
            "--source",
            "Janswifeatthecounter",
        ])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("consent source"), "{stderr}");
    assert!(
        !stderr.contains("Janswife"),
        "the text is never repeated: {stderr}"
    );
    assert_eq!(test.vault_bytes(), before, "nothing was saved");
    test.ok(&["consent", "give", "newsletter", "1", "--source", "balie"]);
    test.ok(&["delete", "1", "--yes"]);
    let log = test.ok(&["log"]);
    assert!(log.contains("(source in-person)"), "{log}");
}
