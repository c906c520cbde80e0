//! Issue 15 M1: values for `add`, `edit` and `find` from standard input, a file or a prompt,
//! so they never show in `ps` (which any user can read) or in a shell's history file. Each test
//! asserts that the argument vector it runs holds no marker, then that the marker arrived.

use std::process::Command;

use nix::sys::wait::WaitStatus;
use rexpect::session::spawn_with_options;

use super::support::{PASSPHRASE, TestVault};

const MARKER: &str = "Zwartkop-marker-7731";

/// A vault with a contract purpose whose text fields are `name` and `note`.
fn shop() -> TestVault {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name", "note"]);
    test
}

/// Runs `kluis ARGS` with `stdin`, after asserting the marker is not among the arguments;
/// returns the exit code, stdout and stderr.
fn run_with_stdin(test: &TestVault, args: &[&str], stdin: &str) -> (i32, String, String) {
    assert!(
        args.iter().all(|arg| !arg.contains(MARKER)),
        "the test itself put the marker on the command line: {args:?}"
    );
    let output = test
        .kluis()
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("runs");
    (
        output.status.code().expect("exits"),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Runs and asserts success, returning stdout.
fn ok_with_stdin(test: &TestVault, args: &[&str], stdin: &str) -> String {
    let (code, stdout, stderr) = run_with_stdin(test, args, stdin);
    assert_eq!(code, 0, "kluis {args:?}: {stderr}");
    stdout
}

#[test]
fn add_stdin_stores_a_marker_that_never_was_an_argument() {
    let test = shop();
    let stdin = format!("# one customer\nname={MARKER}\n\nnote=bezorgen achterom\n");
    let id = ok_with_stdin(&test, &["add", "--stdin"], &stdin);
    let shown = test.ok(&["show", id.trim()]);
    assert!(shown.contains(MARKER), "{shown}");
    assert!(shown.contains("bezorgen achterom"), "{shown}");
}

#[test]
fn add_takes_a_json_object_from_stdin_and_from_a_file() {
    let test = shop();
    let json = format!("  {{\"name\": \"{MARKER}\", \"note\": null}}");
    let id = ok_with_stdin(&test, &["add", "--stdin"], &json);
    assert!(test.ok(&["show", id.trim()]).contains(MARKER));

    let file = test.tmp.join("customer.json");
    std::fs::write(&file, "{\"name\": \"Piet-uit-bestand\"}\n").unwrap();
    let id = test.ok(&["add", "--from-file", file.to_str().unwrap()]);
    assert!(test.ok(&["show", id.trim()]).contains("Piet-uit-bestand"));
    let lines = test.tmp.join("customer.txt");
    std::fs::write(&lines, "name=Kees-uit-regels\r\n").unwrap();
    let id = test.ok(&["add", "--from-file", lines.to_str().unwrap()]);
    assert!(test.ok(&["show", id.trim()]).contains("Kees-uit-regels"));
}

#[test]
fn edit_stdin_sets_and_clears_without_the_value_as_an_argument() {
    let test = shop();
    let id = test.ok(&["add", "name=Jan", "note=oud"]);
    let id = id.trim();
    let stdin = format!("name={MARKER}\nnote=\n");
    ok_with_stdin(&test, &["edit", id, "--stdin"], &stdin);
    let shown = test.ok(&["show", id]);
    assert!(shown.contains(MARKER), "{shown}");
    assert!(!shown.contains("oud"), "note= clears: {shown}");

    ok_with_stdin(&test, &["edit", id, "--stdin"], "{\"note\": \"nieuw\"}");
    assert!(test.ok(&["show", id]).contains("nieuw"));
}

#[test]
fn find_stdin_reads_the_words_one_per_line() {
    let test = shop();
    test.ok(&["add", "name=Anna Zwartkop-marker-7731"]);
    test.ok(&["add", "name=Bert Anders"]);
    let found = ok_with_stdin(&test, &["find", "--stdin"], &format!("anna\n\n{MARKER}\n"));
    assert!(found.contains("Anna"), "{found}");
    assert!(!found.contains("Bert"), "{found}");
    let (code, _, _) = run_with_stdin(&test, &["find", "--stdin"], "niemand\n");
    assert_eq!(code, 1, "no match exits 1, as with arguments");
}

#[test]
fn a_malformed_line_is_named_by_number_never_by_its_value() {
    let test = shop();
    let stdin = format!("name=Jan\n\n{MARKER}\n");
    let (code, stdout, stderr) = run_with_stdin(&test, &["add", "--stdin"], &stdin);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(!stderr.contains(MARKER), "{stderr}");

    let json = format!("{{\"name\": \"{MARKER}\",\n \"note\" }}");
    let (code, _, stderr) = run_with_stdin(&test, &["add", "--stdin"], &json);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("line 2"), "{stderr}");
    assert!(!stderr.contains(MARKER), "{stderr}");
    assert_eq!(test.ok(&["list", "--json"]).trim(), "[]");
}

#[test]
fn two_sources_of_values_are_a_usage_error_that_echoes_no_value() {
    let test = shop();
    let file = test.tmp.join("values.txt");
    std::fs::write(&file, "name=Jan\n").unwrap();
    let file = file.to_str().unwrap();
    for args in [
        vec!["add", "--stdin", "name=Geheim-waarde"],
        vec!["add", "--from-file", file, "name=Geheim-waarde"],
        vec!["add", "--stdin", "--from-file", file],
        vec!["edit", "1", "--stdin", "name=Geheim-waarde"],
        vec!["find", "--stdin", "Geheim-waarde"],
    ] {
        let output = test
            .kluis()
            .args(&args)
            .write_stdin("name=Jan\n")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(!stderr.contains("Geheim"), "{args:?}: {stderr}");
    }
    // No values at all, and no terminal to ask on.
    for args in [vec!["add"], vec!["edit", "1"], vec!["find"]] {
        test.fails(&args, 2);
    }
    assert_eq!(test.ok(&["list", "--json"]).trim(), "[]");
}

#[test]
fn add_on_a_terminal_without_values_asks_for_each_field() {
    let test = shop();
    let mut command = Command::new(env!("CARGO_BIN_EXE_kluis"));
    command
        .arg("add")
        .env("KLUIS_VAULT", &test.vault)
        .env("KLUIS_PASSPHRASE", PASSPHRASE)
        .env("KLUIS_CONFIG", test.dir.path().join("no-config.toml"))
        .env_remove("KLUIS_NOW")
        .env("TMPDIR", &test.tmp)
        .env("TERM", "xterm")
        .current_dir(test.dir.path());
    let options = rexpect::reader::Options::new()
        .timeout_ms(Some(60_000))
        .strip_ansi_escape_codes(true);
    let mut session = spawn_with_options(command, options).expect("kluis starts");
    session.exp_string("name (name): ").expect("asks for name");
    session.send_line(MARKER).unwrap();
    session.exp_string("note (note): ").expect("asks for note");
    session.send_line("").unwrap();
    let (_, id) = session.exp_regex(r"(\d+)\r?\n").expect("prints the id");
    session.exp_eof().expect("ends");
    match session.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => assert_eq!(code, 0),
        other => panic!("{other:?}"),
    }
    let shown = test.ok(&["show", id.trim()]);
    assert!(shown.contains(MARKER), "{shown}");
    assert!(
        !shown.contains("note"),
        "an empty answer leaves the field out: {shown}"
    );
}

/// Until the twelfth session `request add --email`, `request answer --set` and
/// `edit --where` took the person's details only as arguments, into `ps` and shell history.
#[test]
fn requests_and_edit_where_take_the_persons_details_on_standard_input() {
    let test = shop();
    test.ok(&[
        "profile",
        "set",
        "--name",
        "Winkel",
        "--email",
        "privacy@example.nl",
        "--address",
        "Straat 1, 1234 AB Plaats",
    ]);
    test.ok(&[
        "add",
        "name=Anna",
        "note=anna.zwartkop-marker-7731@example.nl",
    ]);
    test.ok(&["add", "name=Bert"]);
    let email = format!("anna.{}@example.nl\n", MARKER.to_lowercase());
    let added = ok_with_stdin(
        &test,
        &["request", "add", "rectification", "--email", "-", "--json"],
        &email,
    );
    let request: serde_json::Value = serde_json::from_str(&added).unwrap();
    assert_eq!(request["record"], 1, "{added}");
    ok_with_stdin(
        &test,
        &["request", "answer", "1", "--stdin"],
        &format!("name=Anna {MARKER}\n"),
    );
    assert!(test.ok(&["show", "1"]).contains(MARKER));
    let (code, _, stderr) = run_with_stdin(
        &test,
        &["request", "answer", "1", "--stdin", "--set", "name=X"],
        "",
    );
    assert_eq!(code, 2, "{stderr}");
    ok_with_stdin(&test, &["edit", "--where", "-", "note=gezien"], &email);
    assert!(test.ok(&["show", "1"]).contains("gezien"));
    assert!(!test.ok(&["show", "2"]).contains("gezien"));
    let (code, _, stderr) = run_with_stdin(&test, &["edit", "--where", "-", "--stdin"], "note=x\n");
    assert_eq!(code, 2, "{stderr}");
    // A blank answer names nobody; it never means everybody.
    let before = test.vault_bytes();
    for args in [
        &["edit", "--where", "-", "note=x"][..],
        &["request", "add", "erasure", "--email", "-"][..],
    ] {
        let (code, _, stderr) = run_with_stdin(&test, args, "\n");
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(stderr.contains("nothing to look for"), "{stderr}");
    }
    test.fails(&["edit", "--where", "", "note=x"], 2);
    assert_eq!(test.vault_bytes(), before);
}
