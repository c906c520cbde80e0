//! Issue 15 (hardening): Argon2 caps, `KLUIS_NOW`, planted databases, and the nitpicks.

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
