//! Issue 15 M3: terminal escape sequences. Schema text with a control character is refused,
//! naming the flag, and every text output escapes control, bidi and zero-width characters,
//! values included, from a vault that already holds them (an older kluis let them in).

use std::path::PathBuf;
use std::process::Output;

use crate::support::{TestVault, decrypt_with_identity_file};

/// An OSC sequence that retitles the terminal, a CSI that clears it, a C1 CSI, a bidi
/// override and a zero-width space: none may reach stdout or stderr raw.
const EVIL: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}\u{200b}";

/// The raw characters of [`EVIL`] that must never be printed.
const RAW: [char; 5] = ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{200b}'];

fn assert_no_raw(what: &str, output: &Output) {
    assert!(
        output.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        for c in RAW {
            assert!(
                !text.contains(c),
                "{what}: {stream} holds a raw {c:?}: {text:?}"
            );
        }
    }
}

/// A small shop set up through the CLI, with a record, a consent, a recipient, a cookie, an
/// added key and a request; then its texts and values are given [`EVIL`] directly in the
/// database, as an older vault may hold them, and the file is re-encrypted to the recovery
/// key. Commands read it with `--identity KEY --allow-unverified`.
struct Legacy {
    test: TestVault,
    key: PathBuf,
}

impl Legacy {
    fn new() -> Legacy {
        let test = TestVault::new();
        test.ok(&[
            "profile",
            "set",
            "--name",
            "Bakkerij Jansen",
            "--email",
            "privacy@jansen.nl",
            "--address",
            "Dorpsstraat 1, 1234 AB Ergens",
        ]);
        test.add_purpose_with_text_fields("orders", &["name", "note"]);
        test.ok(&[
            "purpose",
            "add",
            "newsletter",
            "--basis",
            "consent",
            "--profiling",
            "none",
            "--description",
            "Nieuwsbrief",
            "--description-en",
            "Newsletter",
            "--retention-from",
            "consent-withdrawn",
            "--no-recipients",
        ]);
        test.ok(&[
            "recipient",
            "add",
            "Boekhouder",
            "--purpose",
            "orders",
            "--role",
            "processor",
            "--country",
            "NL",
        ]);
        test.ok(&[
            "cookie",
            "add",
            "sid",
            "--provider",
            "Jansen",
            "--kind",
            "functional",
            "--retention",
            "session",
            "--purpose-text",
            "Mandje",
        ]);
        let public = age::x25519::Identity::generate().to_public().to_string();
        test.ok(&["key", "add", &public, "--label", "usb"]);
        test.ok(&["add", "name=Jan", "note=x"]);
        test.ok(&["consent", "give", "newsletter", "1", "--source", "webform"]);
        test.ok(&["request", "add", "access", "--subject", "1"]);
        let key = test.recovery_key.clone();
        let legacy = Legacy { test, key };
        legacy.plant();
        legacy
    }

    fn plant(&self) {
        let database = decrypt_with_identity_file(&self.test.vault, &self.key);
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.deserialize_read_exact(rusqlite::MAIN_DB, &database[..], database.len(), false)
            .unwrap();
        let note_column: i64 = conn
            .query_row("SELECT id FROM fields WHERE name = 'note'", [], |row| {
                row.get(0)
            })
            .unwrap();
        let evil = format!("x{EVIL}y\nforged line");
        for sql in [
            "UPDATE profile SET name = ?1, address = ?1".to_owned(),
            "UPDATE purposes SET description = ?1, description_en = ?1, retention_note = ?1"
                .to_owned(),
            "UPDATE fields SET label = ?1, label_en = ?1, source_note = ?1".to_owned(),
            "UPDATE recipients SET name = ?1, note = ?1".to_owned(),
            "UPDATE cookies SET provider = ?1, purpose_text = ?1".to_owned(),
            "UPDATE vault_recipients SET label = ?1".to_owned(),
            "UPDATE consents SET source = ?1".to_owned(),
            "UPDATE audit_log SET detail = ?1".to_owned(),
            format!("UPDATE records SET field_{note_column} = ?1"),
        ] {
            conn.execute(&sql, [&evil]).unwrap();
        }
        let bytes = conn.serialize(rusqlite::MAIN_DB).unwrap().to_vec();
        std::fs::write(
            &self.test.vault,
            crate::forgery::encrypt_to_recovery_key(&self.key, &bytes),
        )
        .unwrap();
    }

    fn run(&self, args: &[&str]) -> Output {
        self.test
            .kluis()
            .args(args)
            .arg("--identity")
            .arg(&self.key)
            .arg("--allow-unverified")
            .output()
            .unwrap()
    }

    fn check(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert_no_raw(&args.join(" "), &output);
        String::from_utf8(output.stdout).unwrap()
    }
}

#[test]
fn field_show_and_list_print_a_stored_escape_sequence_escaped() {
    let legacy = Legacy::new();
    let shown = legacy.check(&["field", "show", "note"]);
    assert!(shown.contains("\\u{1b}]0;pwned"), "{shown}");
    assert!(!shown.contains("\nforged line"), "{shown}");
    legacy.check(&["field", "list"]);
}

#[test]
fn purpose_list_and_show_print_a_stored_escape_sequence_escaped() {
    let legacy = Legacy::new();
    let list = legacy.check(&["purpose", "list"]);
    assert_eq!(list.lines().count(), 2, "{list}");
    let shown = legacy.check(&["purpose", "show", "orders"]);
    assert!(shown.contains("\\u{202e}"), "{shown}");
}

#[test]
fn log_prints_a_stored_escape_sequence_escaped_on_one_line() {
    let legacy = Legacy::new();
    let log = legacy.check(&["log"]);
    assert!(!log.contains("forged line\n") && !log.lines().any(|l| l == "forged line"));
}

#[test]
fn statement_md_and_txt_print_stored_escape_sequences_escaped() {
    let legacy = Legacy::new();
    for format in ["md", "txt"] {
        for lang in ["nl", "en"] {
            // --draft: the English texts of the cookie are missing; a draft still renders.
            let output = legacy.run(&["statement", "--draft", "--format", format, "--lang", lang]);
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(stdout.contains("u{1b}"), "{format} {lang}: {stdout}");
            assert_no_raw(&format!("statement {format} {lang}"), &output);
        }
    }
}

#[test]
fn register_prints_stored_escape_sequences_escaped() {
    let legacy = Legacy::new();
    let register = legacy.check(&["register"]);
    assert!(register.contains("\\u{1b}"), "{register}");
}

#[test]
fn show_and_list_keep_a_value_with_a_newline_on_its_line() {
    let legacy = Legacy::new();
    let shown = legacy.check(&["show", "1"]);
    assert!(
        !shown.lines().any(|line| line.starts_with("forged line")),
        "{shown}"
    );
    assert!(shown.contains("\\nforged line"), "{shown}");
    let list = legacy.check(&["list"]);
    assert_eq!(list.lines().count(), 2, "{list}");
}

#[test]
fn profile_recipient_cookie_and_key_lists_print_stored_escape_sequences_escaped() {
    let legacy = Legacy::new();
    legacy.check(&["profile", "show"]);
    legacy.check(&["recipient", "list"]);
    legacy.check(&["cookie", "list"]);
    legacy.check(&["key", "list"]);
}

#[test]
fn a_request_letter_prints_stored_escape_sequences_escaped() {
    let legacy = Legacy::new();
    for format in ["md", "txt"] {
        let output = legacy.run(&["request", "answer", "1", "--dry-run", "--format", format]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains("u{1b}"),
            "{format}: {stdout} {:?}",
            output.stderr.escape_ascii().to_string()
        );
        assert_no_raw(&format!("request answer {format}"), &output);
    }
}

#[test]
fn json_output_keeps_its_own_escaping() {
    let legacy = Legacy::new();
    let json = legacy.check(&["show", "1", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(value.to_string().contains("\\u001b]0;pwned"), "{json}");
    legacy.check(&["purpose", "list", "--json"]);
    legacy.check(&["log", "--json"]);
    legacy.check(&["list", "--json"]);
}

#[test]
fn the_import_hint_does_not_echo_a_csv_header_raw() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name"]);
    let csv = test.dir.path().join("people.csv");
    std::fs::write(&csv, format!("name,x{EVIL}\nJan,1\n")).unwrap();
    let output = test
        .kluis()
        .args(["import", csv.to_str().unwrap(), "--map", "name=name"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!RAW.iter().any(|&c| stderr.contains(c)), "{stderr:?}");
    assert!(
        stderr.contains("--skip '#2'") || stderr.contains("--skip #2"),
        "{stderr}"
    );
    let dry = test
        .kluis()
        .args(["import", csv.to_str().unwrap(), "--map", "name=name"])
        .arg("--skip-unmapped")
        .arg("--dry-run")
        .output()
        .unwrap();
    assert_no_raw("import --dry-run", &dry);
}

/// Runs `kluis ARGS` on `test` and asserts a refusal that names `flag` and prints nothing raw.
fn refused(test: &TestVault, args: &[&str], flag: &str) {
    let before = test.vault_bytes();
    let output = test.kluis().args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{args:?}: {output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(flag), "{args:?}: {stderr}");
    assert!(stderr.contains("control character"), "{args:?}: {stderr}");
    assert!(!RAW.iter().any(|&c| stderr.contains(c)), "{stderr:?}");
    assert!(
        !stderr.contains("pwned"),
        "the value is never repeated: {stderr}"
    );
    assert_eq!(test.vault_bytes(), before, "{args:?} saved");
}

#[test]
fn schema_text_with_a_control_character_is_refused_naming_its_flag() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name"]);
    test.ok(&[
        "purpose",
        "add",
        "newsletter",
        "--basis",
        "consent",
        "--profiling",
        "none",
        "--description",
        "Nieuwsbrief",
        "--retention-from",
        "consent-withdrawn",
    ]);
    test.ok(&["add", "name=Jan"]);
    let evil = format!("x{EVIL}");
    let tab = "a\tb".to_owned();
    let line = "a\nb".to_owned();
    for text in [&evil, &tab, &line] {
        let t = text.as_str();
        refused(
            &test,
            &[
                "purpose",
                "add",
                "p",
                "--basis",
                "contract",
                "--description",
                t,
            ],
            "--description",
        );
        refused(
            &test,
            &["purpose", "edit", "orders", "--law-en", t],
            "--law-en",
        );
        refused(
            &test,
            &["purpose", "edit", "orders", "--retention-note", t],
            "--retention-note",
        );
        refused(&test, &["field", "edit", "name", "--label", t], "--label");
        refused(
            &test,
            &[
                "field",
                "add",
                "x",
                "--type",
                "text",
                "--purpose",
                "orders",
                "--source-note",
                t,
            ],
            "--source-note",
        );
        refused(
            &test,
            &[
                "recipient",
                "add",
                "R",
                "--purpose",
                "orders",
                "--role",
                "processor",
                "--country",
                "US",
                "--safeguard",
                "derogation",
                "--note",
                t,
            ],
            "--note",
        );
        refused(
            &test,
            &[
                "recipient",
                "add",
                t,
                "--purpose",
                "orders",
                "--role",
                "processor",
                "--country",
                "NL",
            ],
            "name",
        );
        refused(
            &test,
            &[
                "cookie",
                "add",
                "sid",
                "--provider",
                t,
                "--kind",
                "functional",
                "--retention",
                "session",
                "--purpose-text",
                "Mandje",
            ],
            "--provider",
        );
        refused(
            &test,
            &[
                "profile",
                "set",
                "--name",
                t,
                "--email",
                "a@b.nl",
                "--address",
                "Straat 1",
            ],
            "--name",
        );
        refused(
            &test,
            &["consent", "give", "newsletter", "1", "--source", t],
            "--source",
        );
        let public = age::x25519::Identity::generate().to_public().to_string();
        refused(&test, &["key", "add", &public, "--label", t], "--label");
    }
}

#[test]
fn schema_apply_refuses_a_document_with_a_control_character() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name"]);
    let document = test.ok(&["schema", "export"]);
    assert!(document.contains("Bestellingen"), "{document}");
    let evil = document.replace("Bestellingen", "Bestel\\u001b]0;pwned\\u0007lingen");
    let file = test.dir.path().join("schema.toml");
    std::fs::write(&file, evil).unwrap();
    refused(
        &test,
        &["schema", "apply", file.to_str().unwrap()],
        "--description",
    );
}
