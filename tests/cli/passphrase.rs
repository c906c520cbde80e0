//! Issue 15's passphrase nitpicks, each named after its bug: a non-UTF-8 passphrase was
//! called an identity file, a passphrase of spaces was accepted, and Ctrl-C at the prompt left
//! the terminal's echo off.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::process::Command;

use nix::sys::wait::WaitStatus;
use rexpect::session::spawn_with_options;

use super::support::{CHEAP_KDF, TestVault};

#[test]
fn a_non_utf8_passphrase_in_the_environment_is_called_a_passphrase_not_an_identity_file() {
    let test = TestVault::new();
    let output = test
        .kluis()
        .arg("verify")
        .env("KLUIS_PASSPHRASE", OsStr::from_bytes(b"geheim\xff"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the passphrase in KLUIS_PASSPHRASE is not UTF-8"),
        "{stderr}"
    );
    assert!(!stderr.contains("identity"), "{stderr}");
}

#[test]
fn a_passphrase_of_only_spaces_is_refused_at_init_and_passwd() {
    let test = TestVault::empty();
    let output = test
        .kluis()
        .args(["init", "--recovery-key-out"])
        .arg(&test.recovery_key)
        .args(CHEAP_KDF)
        .env("KLUIS_PASSPHRASE", "   ")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("only whitespace"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    assert!(
        !test.vault.exists(),
        "no vault is made with a blank passphrase"
    );

    let test = TestVault::new();
    let before = test.vault_bytes();
    let output = test
        .kluis()
        .arg("passwd")
        .args(CHEAP_KDF)
        .env("KLUIS_NEW_PASSPHRASE", " \t ")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("only whitespace"), "{stderr}");
    assert_eq!(test.vault_bytes(), before, "the passphrase is unchanged");
}

#[test]
fn ctrl_c_at_the_passphrase_prompt_leaves_echo_on() {
    let test = TestVault::new();
    // rexpect starts the terminal without echo; a real one has it. The shell survives the Ctrl-C (its trap runs instead of exiting) and shows the terminal's
    // settings after kluis has died of it.
    let script = "stty echo; trap 'echo interrupted' INT; kluis verify; echo \"exit=$?\"; stty -a";
    let mut command = Command::new("bash");
    let path = format!(
        "{}:{}",
        std::path::Path::new(env!("CARGO_BIN_EXE_kluis"))
            .parent()
            .unwrap()
            .display(),
        std::env::var("PATH").unwrap_or_default()
    );
    command
        .args(["-c", script])
        .env("PATH", path)
        .env("KLUIS_VAULT", &test.vault)
        .env("KLUIS_CONFIG", test.dir.path().join("no-config.toml"))
        .env_remove("KLUIS_PASSPHRASE")
        .env("TMPDIR", &test.tmp)
        .env("TERM", "xterm")
        .current_dir(test.dir.path());
    let options = rexpect::reader::Options::new()
        .timeout_ms(Some(60_000))
        .strip_ansi_escape_codes(true);
    let mut session = spawn_with_options(command, options).expect("bash starts");
    session.exp_string("Passphrase:").expect("kluis asks");
    session.send_control('c').unwrap();
    session
        .exp_string("exit=130")
        .expect("kluis ends by the signal");
    let settings = session.exp_eof().expect("stty prints and bash ends");
    match session.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 0, "{settings}"),
        other => panic!("{other:?}"),
    }
    let words: Vec<&str> = settings.split_whitespace().collect();
    assert!(
        words.contains(&"echo"),
        "echo is off after Ctrl-C: {settings}"
    );
    assert!(!words.contains(&"-echo"), "{settings}");
}
