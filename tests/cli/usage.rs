//! Runs the examples in docs/USAGE.md against the real binary, so the manual cannot drift.
//!
//! Every ```console block is a list of commands (`$ kluis …`, optionally preceded by
//! `NAME=value` assignments) each followed by its expected output (stdout, then stderr). In
//! expected output, `[..]` matches any text within a line and a line `...` any number of lines.
//! A line `? N` says the command exits with code N (default 0). All blocks share one vault,
//! made beforehand with cheap key-derivation settings; `KLUIS_NOW` defaults to [`DOC_NOW`].

use std::path::Path;

use super::support::TestVault;

/// The moment the manual's examples are shown as run.
const DOC_NOW: &str = "2026-03-02T09:00:00Z";

/// The shop's time zone, Europe/Amsterdam, as a POSIX rule that needs no time-zone database.
const DOC_TZ: &str = "CET-1CEST,M3.5.0,M10.5.0/3";

struct Case {
    line: usize,
    command: String,
    expected: Vec<String>,
    code: i32,
}

fn cases(doc: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut in_console = false;
    for (index, line) in doc.lines().enumerate() {
        if !in_console {
            in_console = line.trim_end() == "```console";
            continue;
        }
        if line.trim_end() == "```" {
            in_console = false;
        } else if let Some(command) = line.strip_prefix("$ ") {
            cases.push(Case {
                line: index + 1,
                command: command.to_owned(),
                expected: Vec::new(),
                code: 0,
            });
        } else if let Some(case) = cases.last_mut() {
            match line.strip_prefix("? ") {
                Some(code) => case.code = code.trim().parse().expect("`? N` holds a number"),
                None => case.expected.push(line.to_owned()),
            }
        } else {
            panic!(
                "docs/USAGE.md line {}: output before any command",
                index + 1
            );
        }
    }
    assert!(!in_console, "docs/USAGE.md: an unclosed ```console block");
    cases
}

/// Splits a command line like a POSIX shell would for the simple quoting the manual uses.
fn split(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote = None;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_with(String::new).push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    assert!(quote.is_none(), "unbalanced quotes in `{command}`");
    words.extend(word);
    words
}

/// Whether one line matches a pattern line holding `[..]` wildcards.
fn line_matches(pattern: &str, actual: &str) -> bool {
    let mut parts = pattern.split("[..]");
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = actual.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (index, part) in parts.iter().enumerate() {
        if index + 1 == parts.len() {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether the output lines match the expected lines, `...` matching any run of lines.
fn lines_match(expected: &[String], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skip| lines_match(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(line, more)| line_matches(first, line) && lines_match(rest, more)),
    }
}

fn run_doc(path: &Path) {
    let doc = std::fs::read_to_string(path).expect("the manual exists");
    let cases = cases(&doc);
    assert!(cases.len() > 10, "the manual has examples");
    let test = TestVault::new();
    for case in cases {
        let mut words = split(&case.command).into_iter().peekable();
        let mut command = test.kluis();
        command.env("KLUIS_NOW", DOC_NOW).env("TZ", DOC_TZ);
        while let Some((name, value)) = words
            .peek()
            .and_then(|word| word.split_once('='))
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
        {
            command.env(name, value);
            words.next();
        }
        assert_eq!(
            words.next().as_deref(),
            Some("kluis"),
            "docs/USAGE.md line {}: examples run kluis",
            case.line
        );
        let output = command.args(words).output().expect("runs");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let actual: Vec<&str> = text.lines().collect();
        assert!(
            output.status.code() == Some(case.code) && lines_match(&case.expected, &actual),
            "docs/USAGE.md line {}: `{}`\nexpected (exit {}):\n{}\nactual (exit {:?}):\n{}",
            case.line,
            case.command,
            case.code,
            case.expected.join("\n"),
            output.status.code(),
            text
        );
    }
}

#[test]
fn usage_examples_run() {
    run_doc(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/USAGE.md"));
}

#[test]
fn the_runner_matches_wildcards_and_elisions() {
    let expected: Vec<String> = ["a [..] c", "...", "end"].map(String::from).to_vec();
    assert!(lines_match(&expected, &["a b c", "x", "y", "end"]));
    assert!(lines_match(&expected, &["a  c", "end"]));
    assert!(!lines_match(&expected, &["a b d", "end"]));
    assert!(!lines_match(&expected, &["a b c"]));
    assert!(line_matches("[..]", "anything"));
    assert!(!line_matches("id", "id 2"));
    assert_eq!(
        split(r#"KLUIS_NOW=x kluis add name="Jan de Vries" note='a b'"#),
        [
            "KLUIS_NOW=x",
            "kluis",
            "add",
            "name=Jan de Vries",
            "note=a b"
        ]
    );
}
