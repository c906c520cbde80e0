//! Runs the ```console examples of the documents against the real binary, so the manuals cannot
//! drift: docs/USAGE.md, README.md, docs/RETENTION.md, docs/SECURITY.md and docs/FORMAT.md.
//!
//! Every ```console block is a list of commands (`$ …`, continued on the next line after a
//! trailing `\`), each followed by its expected output (stdout, then stderr). In expected output,
//! `[..]` matches any text within a line and a line `...` any number of lines. A line `? N` says
//! the command exits with code N (default 0). A command with a here-document (`<<'EOF'`) takes
//! the lines up to its end marker as bash does.
//!
//! Each document runs as written, in order, from a clean HOME: bash runs every command in an
//! empty working folder, with the built `kluis` first on PATH and no `KLUIS_VAULT`, so `kluis init`
//! makes the default vault under HOME as it would for a new user. Variables a command exports
//! carry over to the next commands, as in one terminal. Only these things differ from a real
//! terminal: the passphrase comes from `KLUIS_PASSPHRASE` instead of a prompt, `KLUIS_NOW` fixes
//! the date to [`DOC_NOW`] and the zone to Amsterdam's, and, where a document does not measure key derivation, its cost is
//! made cheap through `KLUIS_KDF_*` (explicit low parameters; the defaults stay strong), and the
//! warning `init` prints about those cheap parameters is left out of the comparison, as is the
//! warning every command prints while `KLUIS_NOW` is set to [`DOC_NOW`].

use std::path::{Path, PathBuf};
use std::process::Command;

use super::support::PASSPHRASE;

/// The moment the manuals' examples are shown as run.
const DOC_NOW: &str = "2026-03-02T09:00:00Z";

/// The shop's time zone, Europe/Amsterdam, as a POSIX rule that needs no time-zone database.
const DOC_TZ: &str = "CET-1CEST,M3.5.0,M10.5.0/3";

/// Key derivation made cheap for documents that do not show its cost.
const CHEAP_KDF_ENV: [(&str, &str); 3] = [
    ("KLUIS_KDF_MEMORY_MIB", "8"),
    ("KLUIS_KDF_ITERATIONS", "1"),
    ("KLUIS_KDF_PARALLELISM", "1"),
];

/// The warning `init` gives for the cheap parameters, which a reader's `init` does not show.
const CHEAP_KDF_WARNING: &str = "warning: key-derivation parameters below the defaults";

/// The warning every command gives while `KLUIS_NOW` is set, here for [`DOC_NOW`], which the
/// runner sets and a reader does not. Examples that set `KLUIS_NOW` themselves show theirs.
const DOC_NOW_WARNING: &str = "warning: KLUIS_NOW is set: kluis takes 2026-03-02T09:00:00Z as the current time, also for what it saves";

#[derive(Debug)]
struct Case {
    line: usize,
    command: String,
    expected: Vec<String>,
    code: i32,
}

fn cases(name: &str, doc: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut in_console = false;
    let mut continued = false;
    let mut heredoc: Option<String> = None;
    for (index, line) in doc.lines().enumerate() {
        if !in_console {
            in_console = line.trim_end() == "```console";
            continue;
        }
        if let Some(end) = &heredoc {
            let case = cases.last_mut().expect("a here-document's command");
            case.command.push('\n');
            case.command.push_str(line);
            if line == end {
                heredoc = None;
            }
        } else if line.trim_end() == "```" {
            in_console = false;
        } else if continued {
            let case = cases.last_mut().expect("a continued command");
            case.command.push('\n');
            case.command.push_str(line);
            continued = line.ends_with('\\');
        } else if let Some(command) = line.strip_prefix("$ ") {
            cases.push(Case {
                line: index + 1,
                command: command.to_owned(),
                expected: Vec::new(),
                code: 0,
            });
            continued = command.ends_with('\\');
            heredoc = heredoc_end(command);
        } else if let Some(case) = cases.last_mut() {
            match line.strip_prefix("? ") {
                Some(code) => case.code = code.trim().parse().expect("`? N` holds a number"),
                None => case.expected.push(line.to_owned()),
            }
        } else {
            panic!("{name} line {}: output before any command", index + 1);
        }
    }
    assert!(!in_console, "{name}: an unclosed ```console block");
    cases
}

/// The line that ends a command's here-document (`<<'EOF'` or `<<EOF`): the lines up to it
/// belong to the command, as bash reads them.
fn heredoc_end(command: &str) -> Option<String> {
    let (_, after) = command.split_once("<<")?;
    if after.starts_with('<') {
        return None; // a here-string, one line
    }
    let word = after.split_whitespace().next()?;
    Some(word.trim_matches(['\'', '"']).to_owned())
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

/// A clean machine for one document: an empty HOME, an empty working folder, and the file in
/// which one command leaves its exported variables for the next.
struct Terminal {
    _root: tempfile::TempDir,
    home: PathBuf,
    work: PathBuf,
    tmp: PathBuf,
    exports: PathBuf,
    cheap_kdf: bool,
}

impl Terminal {
    fn new(cheap_kdf: bool) -> Self {
        let root = tempfile::tempdir().expect("temp dir");
        let folder = |name: &str| {
            let path = root.path().join(name);
            std::fs::create_dir_all(&path).expect("folder");
            path
        };
        Terminal {
            home: folder("home"),
            work: folder("work"),
            tmp: folder("tmp"),
            exports: root.path().join("exports.sh"),
            _root: root,
            cheap_kdf,
        }
    }

    /// Runs one command line in bash, after the variables earlier lines exported.
    fn run(&self, command: &str) -> std::process::Output {
        let script = format!(
            "[ -f \"$KLUIS_DOC_EXPORTS\" ] && . \"$KLUIS_DOC_EXPORTS\"\n\
             cd \"$KLUIS_DOC_WORK\" || exit 99\n\
             {command}\n\
             kluis_doc_status=$?\n\
             export -p > \"$KLUIS_DOC_EXPORTS\"\n\
             exit $kluis_doc_status\n"
        );
        let mut bash = Command::new("bash");
        bash.arg("-c")
            .arg(script)
            .env_clear()
            .env("PATH", search_path())
            .env("HOME", &self.home)
            .env("TMPDIR", &self.tmp)
            .env("LANG", "C.UTF-8")
            .env("TZ", DOC_TZ)
            .env("KLUIS_PASSPHRASE", PASSPHRASE)
            .env("KLUIS_NOW", DOC_NOW)
            .env("KLUIS_DOC_EXPORTS", &self.exports)
            .env("KLUIS_DOC_WORK", &self.work);
        if self.cheap_kdf {
            bash.envs(CHEAP_KDF_ENV);
        }
        bash.output().expect("bash runs")
    }
}

/// The built kluis first, then the system's tools (bash, age, sqlite3, head).
fn search_path() -> String {
    let kluis = Path::new(env!("CARGO_BIN_EXE_kluis"));
    let system = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into());
    format!("{}:{system}", kluis.parent().expect("a folder").display())
}

/// Runs every console example of the document at `relative` (from the crate root), in order.
fn run_doc(relative: &str, cheap_kdf: bool) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let doc = std::fs::read_to_string(&path).expect("the document exists");
    let cases = cases(relative, &doc);
    let terminal = Terminal::new(cheap_kdf);
    for case in &cases {
        let output = terminal.run(&case.command);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let actual: Vec<&str> = text
            .lines()
            .filter(|line| !(cheap_kdf && line.starts_with(CHEAP_KDF_WARNING)))
            .filter(|line| *line != DOC_NOW_WARNING)
            .collect();
        assert!(
            output.status.code() == Some(case.code) && lines_match(&case.expected, &actual),
            "{relative} line {}: `{}`\nexpected (exit {}):\n{}\nactual (exit {:?}):\n{}",
            case.line,
            case.command,
            case.code,
            case.expected.join("\n"),
            output.status.code(),
            text
        );
    }
    cases.len()
}

/// Whether the tools a document calls besides kluis are here; CI installs them and sets
/// `KLUIS_REQUIRE_DOC_TOOLS=1`, so there a missing tool fails instead of skipping.
fn have_tools(tools: &[&str]) -> bool {
    let missing: Vec<&&str> = tools
        .iter()
        .filter(|tool| {
            !Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .is_ok_and(|output| output.status.success())
        })
        .collect();
    if missing.is_empty() {
        return true;
    }
    assert!(
        std::env::var_os("KLUIS_REQUIRE_DOC_TOOLS").is_none(),
        "the documents' examples need {missing:?}"
    );
    eprintln!("skipped: the examples need {missing:?}");
    false
}

#[test]
fn usage_examples_run() {
    assert!(
        run_doc("docs/USAGE.md", true) > 10,
        "the manual has examples"
    );
}

#[test]
fn readme_examples_run() {
    assert!(run_doc("README.md", true) >= 1);
}

#[test]
fn retention_examples_run() {
    assert!(run_doc("docs/RETENTION.md", true) >= 3);
}

/// Runs with kluis's default key derivation, which this document states and measures.
#[test]
fn security_examples_run() {
    assert!(run_doc("docs/SECURITY.md", false) >= 2);
}

/// Recovery without kluis, with the age and sqlite3 command-line tools.
#[test]
fn format_examples_run() {
    if have_tools(&["age", "sqlite3"]) {
        assert!(run_doc("docs/FORMAT.md", true) >= 3);
    }
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
}

#[test]
fn the_runner_joins_continued_lines_and_reads_exit_codes() {
    let doc = "```console\n$ a \\\n  b\nout\n? 3\n$ c\n```\n";
    let cases = cases("doc", doc);
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0].command, "a \\\n  b");
    assert_eq!(
        (cases[0].expected.as_slice(), cases[0].code),
        (&["out".to_owned()][..], 3)
    );
}

#[test]
fn the_runner_gives_a_here_document_to_its_command() {
    let doc = "```console\n$ cat <<'EOF'\nname=Jan\n$ cat\nEOF\nname=Jan\n```\n";
    let cases = cases("doc", doc);
    assert_eq!(cases.len(), 1, "a `$ ` line inside is text: {cases:?}");
    assert_eq!(cases[0].command, "cat <<'EOF'\nname=Jan\n$ cat\nEOF");
    assert_eq!(cases[0].expected, ["name=Jan"]);
    let output = Terminal::new(true).run(&cases[0].command);
    assert_eq!(output.stdout, b"name=Jan\n$ cat\n");
    assert_eq!(heredoc_end("kluis find --stdin <<< jan"), None);
}

#[test]
fn exports_carry_over_and_home_starts_empty() {
    let terminal = Terminal::new(true);
    assert!(terminal.run("export SHOP=bakkerij").status.success());
    let output = terminal.run("echo \"$SHOP\" && ls -A ~ | wc -l");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "bakkerij\n0\n");
}
