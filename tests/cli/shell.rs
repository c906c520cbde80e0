//! `kluis completions` and `kluis man` (issue 13): generated from the commands, so they load
//! in the shells and render as a manual page.

use std::io::Write;
use std::process::{Command, Stdio};

fn kluis(args: &[&str]) -> String {
    let output = assert_cmd::Command::cargo_bin("kluis")
        .expect("binary builds")
        .args(args)
        .env_remove("KLUIS_VAULT")
        .output()
        .expect("kluis runs");
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn tool_present(name: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn run_with_input(program: &str, args: &[&str], input: &str) -> std::process::Output {
    let mut child = Command::new(program)
        .args(args)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tool starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn bash_completions_load_in_bash() {
    let script = kluis(&["completions", "bash"]);
    assert!(script.contains("complete"), "{script}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kluis.bash");
    std::fs::write(&path, &script).unwrap();
    let checked = Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(checked.status.success(), "{checked:?}");
    // Every command is offered.
    for command in ["import", "statement", "open", "completions", "man"] {
        assert!(script.contains(command), "{command}");
    }
}

#[test]
fn every_shell_gets_completions() {
    for shell in ["zsh", "fish", "powershell"] {
        let script = kluis(&["completions", shell]);
        assert!(
            script.contains("kluis") && script.contains("import"),
            "{shell}"
        );
    }
}

/// The manual page renders with `man -l -`. CI installs man-db and sets KLUIS_REQUIRE_MAN, so
/// a missing `man` fails there instead of skipping.
#[test]
fn the_manual_page_renders() {
    let page = kluis(&["man"]);
    assert!(
        page.starts_with(".TH kluis 1") || page.contains(".TH kluis"),
        "{page}"
    );
    if !tool_present("man") {
        assert!(
            std::env::var_os("KLUIS_REQUIRE_MAN").is_none(),
            "man is required but missing"
        );
        eprintln!("note: `man` is missing; the manual page was not rendered");
        return;
    }
    let rendered = run_with_input("man", &["-l", "-"], &page);
    assert!(rendered.status.success(), "{rendered:?}");
    let text = String::from_utf8_lossy(&rendered.stdout);
    assert!(text.contains("NAME") && text.contains("kluis"), "{text}");
}
