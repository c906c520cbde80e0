//! `kluis shell` (issue 13) through a pseudo-terminal: unlock once, run commands, leave no
//! history anywhere; three tries at the passphrase prompt; the idle lock; refusals.

use std::path::Path;
use std::process::Command;

use nix::sys::wait::WaitStatus;
use rexpect::session::{PtySession, spawn_with_options};

use super::support::{PASSPHRASE, TestVault};

/// How long one expected output may take before the test fails: a guard against a hang, not
/// a measurement (debug builds on a shared machine are slow).
const PATIENCE_MS: u64 = 60_000;

/// A vault with a contract purpose (`orders`, field `name`) and a consent purpose
/// (`newsletter`, field `email`).
fn shop() -> TestVault {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name"]);
    test.ok(&[
        "purpose",
        "add",
        "newsletter",
        "--basis",
        "consent",
        "--description",
        "Nieuwsbrief",
        "--description-en",
        "Newsletter",
        "--retention",
        "2y",
        "--profiling",
        "none",
    ]);
    test.ok(&[
        "field",
        "add",
        "email",
        "--type",
        "email",
        "--purpose",
        "orders",
        "--purpose",
        "newsletter",
        "--label-en",
        "Email",
    ]);
    test
}

/// `kluis ARGS` on a terminal, with HOME and the XDG folders in `home` and no passphrase in
/// the environment, so it must be typed.
fn on_terminal(test: &TestVault, home: &Path, args: &[&str]) -> PtySession {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kluis"));
    command
        .args(args)
        .env("KLUIS_VAULT", &test.vault)
        .env_remove("KLUIS_PASSPHRASE")
        .env_remove("KLUIS_NEW_PASSPHRASE")
        .env_remove("KLUIS_NOW")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("TMPDIR", &test.tmp)
        .env("TERM", "xterm")
        .current_dir(test.dir.path());
    let options = rexpect::reader::Options::new()
        .timeout_ms(Some(PATIENCE_MS))
        .strip_ansi_escape_codes(true);
    spawn_with_options(command, options).expect("kluis starts on a terminal")
}

/// Waits for `needle` and returns what came before it.
fn expect(session: &mut PtySession, needle: &str) -> String {
    session
        .exp_string(needle)
        .unwrap_or_else(|error| panic!("waiting for {needle:?}: {error}"))
}

fn send(session: &mut PtySession, line: &str) {
    session.send_line(line).expect("the terminal takes input");
}

/// Reads to the end and returns the exit code.
fn exit_code(mut session: PtySession) -> (i32, String) {
    let rest = session.exp_eof().expect("kluis ends");
    match session.process().wait().expect("kluis is waited for") {
        WaitStatus::Exited(_, code) => (code, rest),
        other => panic!("kluis did not exit normally: {other:?}"),
    }
}

fn unlock(session: &mut PtySession) {
    expect(session, "Passphrase:");
    send(session, PASSPHRASE);
    expect(session, "is unlocked");
    expect(session, "kluis> ");
}

/// Every file and folder under `dir`.
fn entries(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(entries(&path));
        }
        found.push(path);
    }
    found
}

#[test]
fn the_shell_unlocks_once_runs_commands_and_leaves_no_history() {
    let test = shop();
    let home = tempfile::tempdir().unwrap();
    assert!(!test.vault.starts_with(home.path()));
    let mut shell = on_terminal(&test, home.path(), &["shell"]);
    unlock(&mut shell);
    let mut seen = String::new();

    send(&mut shell, "add name=\"Jan de Vries\" email=jan@example.nl");
    let (before, id) = shell
        .exp_regex(r"\n(\d+)\r?\n")
        .expect("add prints the new id");
    seen.push_str(&before);
    let id = id.trim().to_owned();
    send(&mut shell, "add name='Piet Bakker'");
    seen.push_str(&shell.exp_regex(r"\n\d+\r?\n").expect("a second id").0);

    send(&mut shell, &format!("consent give {id} newsletter"));
    seen.push_str(&expect(&mut shell, "consent given for newsletter"));
    send(&mut shell, "list");
    seen.push_str(&expect(&mut shell, "Piet Bakker"));
    send(&mut shell, &format!("show {id}"));
    seen.push_str(&expect(&mut shell, "consent for newsletter: given"));
    send(&mut shell, "exit");
    let (code, rest) = exit_code(shell);
    seen.push_str(&rest);
    assert_eq!(code, 0, "{seen}");
    assert!(!seen.contains("Passphrase:"), "asked again: {seen}");
    assert!(!seen.contains("error:"), "{seen}");

    assert_eq!(entries(home.path()), Vec::<std::path::PathBuf>::new());
    let listed = test.ok(&["list", "--json"]);
    assert!(
        listed.contains("Jan de Vries") && listed.contains("Piet Bakker"),
        "{listed}"
    );
    let consenting = test.ok(&["list", "--purpose", "newsletter", "--json"]);
    assert!(consenting.contains("jan@example.nl"), "{consenting}");
}

#[test]
fn a_wrong_passphrase_at_the_prompt_gets_three_tries() {
    let test = TestVault::new();
    let home = tempfile::tempdir().unwrap();

    let mut list = on_terminal(&test, home.path(), &["verify"]);
    for _ in 0..2 {
        expect(&mut list, "Passphrase:");
        send(&mut list, "not the passphrase");
        expect(&mut list, "wrong passphrase, try again");
    }
    expect(&mut list, "Passphrase:");
    send(&mut list, PASSPHRASE);
    let (code, output) = exit_code(list);
    assert_eq!(code, 0, "{output}");

    let mut list = on_terminal(&test, home.path(), &["verify"]);
    for _ in 0..3 {
        expect(&mut list, "Passphrase:");
        send(&mut list, "not the passphrase");
    }
    let (code, output) = exit_code(list);
    assert_eq!(code, 3, "{output}");
    assert!(output.contains("cannot unlock"), "{output}");
    assert!(!output.contains("Passphrase:"), "a fourth try: {output}");
}

#[test]
fn a_wrong_passphrase_from_the_environment_fails_at_once() {
    let test = TestVault::new();
    let home = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_kluis"));
    command
        .arg("verify")
        .env("KLUIS_VAULT", &test.vault)
        .env("KLUIS_PASSPHRASE", "not the passphrase")
        .env("HOME", home.path())
        .env("TERM", "xterm");
    let options = rexpect::reader::Options::new().timeout_ms(Some(PATIENCE_MS));
    let session = spawn_with_options(command, options).unwrap();
    let (code, output) = exit_code(session);
    assert_eq!(code, 3, "{output}");
    assert!(!output.contains("try again"), "{output}");
}

#[test]
fn the_shell_locks_when_idle_and_asks_again() {
    let test = shop();
    let home = tempfile::tempdir().unwrap();
    let mut shell = on_terminal(&test, home.path(), &["shell", "--idle-lock", "0.02"]);
    unlock(&mut shell);
    expect(&mut shell, "locked after 0.02 minutes without input");
    send(&mut shell, "add name=Jan");
    expect(&mut shell, "Passphrase:");
    send(&mut shell, PASSPHRASE);
    shell
        .exp_regex(r"\n\d+\r?\n")
        .expect("the line runs after the unlock");
    send(&mut shell, "exit");
    let (code, output) = exit_code(shell);
    assert_eq!(code, 0, "{output}");
    assert!(test.ok(&["list", "--json"]).contains("Jan"));
}

#[test]
fn the_shell_refuses_what_belongs_outside_and_goes_on_after_errors() {
    let test = shop();
    let home = tempfile::tempdir().unwrap();
    let mut shell = on_terminal(&test, home.path(), &["shell"]);
    unlock(&mut shell);
    send(&mut shell, "shell");
    expect(
        &mut shell,
        "error: `kluis shell` does not run inside the shell",
    );
    expect(&mut shell, "hint: leave the shell first (exit)");
    // Each line waits for the output of the one before, as a person would: rustyline drops
    // a second line that reaches it in the same read as the first.
    send(&mut shell, "list --nonsense");
    expect(&mut shell, "unexpected argument '--nonsense'");
    send(&mut shell, "show 999");
    shell
        .exp_regex(r"error: [^\n]*999")
        .expect("the error names the record");
    send(&mut shell, "list --vault /elsewhere/other.kluis");
    expect(&mut shell, "error: this shell is unlocked for");
    send(&mut shell, "help");
    expect(&mut shell, "`exit`, `quit` or Ctrl-D leaves");
    send(&mut shell, "add name=Piet");
    shell.exp_regex(r"\n\d+\r?\n").expect("still running");
    send(&mut shell, "quit");
    let (code, output) = exit_code(shell);
    assert_eq!(code, 0, "{output}");
}

#[test]
fn the_shell_needs_a_terminal() {
    let test = TestVault::new();
    let output = test
        .kluis()
        .arg("shell")
        .write_stdin("list\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error: kluis shell needs a terminal"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: scripts run each command directly"),
        "{stderr}"
    );
}
