//! Issue 13's conventions: short flags, `log --since/--limit`, local times, `import -`, the
//! config file, clap errors as JSON, and arguments checked before the passphrase prompt.

use clap::CommandFactory;

use crate::support::{AMSTERDAM, TestVault};

/// Short flags are unique within each command and never take clap's -h/-V.
#[test]
fn short_flags_do_not_collide() {
    kluis::cli::Cli::command().debug_assert();
}

/// A vault with a `name` field and records added at fixed times.
fn vault_with_records_at(times: &[&str]) -> TestVault {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name"]);
    for (i, at) in times.iter().enumerate() {
        test.kluis()
            .env("KLUIS_NOW", at)
            .args(["add", &format!("name=Klant {i}")])
            .assert()
            .success();
    }
    test
}

fn stdout(command: &mut assert_cmd::Command) -> String {
    let output = command.output().expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn log_shows_local_times_and_filters_by_since_and_limit() {
    let test = vault_with_records_at(&[
        "2026-01-10T09:00:00Z",
        "2026-03-02T09:00:00Z",
        "2026-07-02T09:00:00Z",
    ]);
    let log = |args: &[&str]| stdout(test.kluis().env("TZ", AMSTERDAM).arg("log").args(args));
    let since = log(&["--since", "2026-03-01"]);
    let lines: Vec<&str> = since.lines().filter(|l| l.contains("  add  ")).collect();
    assert_eq!(lines.len(), 2, "{since}");
    assert!(
        lines[0].starts_with("2026-03-02 10:00 +01:00  add"),
        "{since}"
    );
    assert!(
        lines[1].starts_with("2026-07-02 11:00 +02:00  add"),
        "{since}"
    );
    assert!(!since.contains("2026-01-10"), "{since}");

    let newest = log(&["-n", "2"]);
    let lines: Vec<&str> = newest.lines().collect();
    assert_eq!(lines.len(), 2, "{newest}");
    assert!(lines[0].contains("record 2"), "{newest}");
    assert!(lines[1].contains("record 3"), "{newest}");

    let json: serde_json::Value =
        serde_json::from_str(&log(&["--since", "2026-07-02T10:00:00+01:00", "--json"])).unwrap();
    let added: Vec<&serde_json::Value> = json
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["action"] == "add")
        .collect();
    assert_eq!(added.len(), 1, "{json}");
    assert_eq!(added[0]["at"], "2026-07-02T09:00:00Z");
}

#[test]
fn show_gives_local_times() {
    let test = vault_with_records_at(&["2026-07-02T09:00:00Z"]);
    let shown = stdout(test.kluis().env("TZ", AMSTERDAM).args(["show", "1"]));
    assert!(
        shown.starts_with(
            "record 1 (added 2026-07-02 11:00 +02:00, last change 2026-07-02 11:00 +02:00)"
        ),
        "{shown}"
    );
}

#[test]
fn import_dash_reads_the_file_from_stdin() {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name", "city"]);
    let output = test
        .kluis()
        .args(["import", "-", "--format", "csv"])
        .write_stdin("name;city\nAnna;Utrecht\nBram;Delft\n")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("Read stdin (CSV"), "{text}");
    assert!(
        !text.contains("shred"),
        "nothing to shred after a pipe: {text}"
    );
    let list = test.ok(&["list", "--json"]);
    assert!(list.contains("Anna") && list.contains("Delft"), "{list}");
    // In memory only: the temp folder the binary was given stays empty.
    assert_eq!(std::fs::read_dir(&test.tmp).unwrap().count(), 0);
}

#[test]
fn config_file_and_environment_follow_flag_env_file_default() {
    let test = TestVault::new();
    let config = test.dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "vault = \"{}\"\nlang = \"en\"\nkdf_iterations = 2\n",
            test.vault.display()
        ),
    )
    .unwrap();
    let report = |command: &mut assert_cmd::Command| -> serde_json::Value {
        let text = stdout(
            command
                .env("KLUIS_CONFIG", &config)
                .args(["config", "--json"]),
        );
        serde_json::from_str(&text).unwrap()
    };
    let setting = |report: &serde_json::Value, key: &str| -> (String, String) {
        let found = report["settings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .unwrap_or_else(|| panic!("{key} in {report}"));
        (
            found["value"].as_str().unwrap().to_owned(),
            found["source"]["kind"].as_str().unwrap().to_owned(),
        )
    };
    let mut from_file = test.kluis();
    from_file.env_remove("KLUIS_VAULT");
    let from_file = report(&mut from_file);
    assert_eq!(setting(&from_file, "vault").1, "file");
    assert_eq!(setting(&from_file, "lang"), ("en".into(), "file".into()));
    assert_eq!(
        setting(&from_file, "kdf_iterations"),
        ("2".into(), "file".into())
    );
    assert_eq!(
        setting(&from_file, "kdf_parallelism"),
        ("4".into(), "default".into())
    );

    let from_env = report(test.kluis().env("KLUIS_LANG", "nl"));
    assert_eq!(setting(&from_env, "lang"), ("nl".into(), "env".into()));
    assert_eq!(setting(&from_env, "vault").1, "env");
    let from_flag = report(test.kluis().args(["--vault", "other.kluis"]));
    assert_eq!(
        setting(&from_flag, "vault"),
        ("other.kluis".into(), "flag".into())
    );

    // The file's vault and language are used: an English statement draft from the file's vault.
    let mut command = test.kluis();
    command
        .env_remove("KLUIS_VAULT")
        .env("KLUIS_CONFIG", &config)
        .args(["snippet", "footer"]);
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The vault opened (its profile has no statement URL yet): not a missing vault.
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("there is no statement URL"), "{stderr}");
    assert!(!stderr.contains("no vault"), "{stderr}");
}

#[test]
fn a_bad_config_file_names_the_key_and_the_file() {
    let test = TestVault::new();
    let config = test.dir.path().join("config.toml");
    for (text, key) in [
        ("colour = \"red\"\n", "colour"),
        ("lang = \"de\"\n", "lang"),
    ] {
        std::fs::write(&config, text).unwrap();
        let output = test
            .kluis()
            .env("KLUIS_CONFIG", &config)
            .args(["list"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(&format!("`{key}`")), "{stderr}");
        assert!(stderr.contains(&config.display().to_string()), "{stderr}");
    }
}

#[test]
fn kdf_cost_comes_from_the_environment() {
    let test = TestVault::empty();
    let mut init = test.kluis();
    init.env("KLUIS_KDF_MEMORY_MIB", "8")
        .env("KLUIS_KDF_ITERATIONS", "1")
        .env("KLUIS_KDF_PARALLELISM", "1")
        .arg("init")
        .arg("--recovery-key-out")
        .arg(&test.recovery_key)
        .assert()
        .success();
    let report: serde_json::Value = serde_json::from_str(&test.ok(&["verify", "--json"])).unwrap();
    assert_eq!(report["kdf"]["memory_kib"], 8 * 1024, "{report}");
    assert_eq!(report["kdf"]["iterations"], 1, "{report}");
}

#[test]
fn usage_errors_are_json_under_json() {
    let test = TestVault::new();
    let output = test.kluis().args(["--json", "lst"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let error: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(error["exit_code"], 2);
    assert!(error["error"].as_str().unwrap().contains("lst"), "{error}");
    assert!(error["hint"].as_str().unwrap().contains("list"), "{error}");

    let output = test
        .kluis()
        .args(["list", "--bogus", "--json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let error: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap();
    assert!(
        error["error"].as_str().unwrap().contains("--bogus"),
        "{error}"
    );

    // A missing subcommand is a usage error too, not a help page on stderr.
    let output = test.kluis().arg("--json").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let error: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap();
    assert!(
        error["error"].as_str().unwrap().contains("subcommand"),
        "{error}"
    );

    // Help is no error: it stays text on stdout.
    let help = stdout(test.kluis().args(["--json", "log", "--help"]));
    assert!(help.contains("--since"), "{help}");
}

/// No passphrase anywhere and no terminal to ask one on: only an argument error can come out.
fn refused_before_unlock(test: &TestVault, args: &[&str], code: i32) -> String {
    let output = test
        .kluis()
        .env_remove("KLUIS_PASSPHRASE")
        .write_stdin("")
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(code), "kluis {args:?}: {stderr}");
    assert!(!stderr.contains("passphrase"), "kluis {args:?}: {stderr}");
    stderr
}

#[test]
fn arguments_are_checked_before_the_passphrase_prompt() {
    let test = TestVault::new();
    let kvk = refused_before_unlock(&test, &["profile", "set", "--kvk", "12"], 2);
    assert!(kvk.contains("--kvk"), "{kvk}");
    let email = refused_before_unlock(&test, &["profile", "set", "--email", "nope"], 2);
    assert!(email.contains("--email"), "{email}");
    let since = refused_before_unlock(&test, &["log", "--since", "gisteren"], 2);
    assert!(since.contains("date"), "{since}");
    refused_before_unlock(&test, &["add", "no-equals-sign"], 1);
    refused_before_unlock(&test, &["key", "add", "not-a-key"], 2);
    let missing = test.dir.path().join("missing");
    let backup = refused_before_unlock(&test, &["backup", "--to", missing.to_str().unwrap()], 1);
    assert!(backup.contains("missing"), "{backup}");
    refused_before_unlock(
        &test,
        &["field", "add", "Bad Name!", "--type", "text", "-p", "x"],
        1,
    );
    refused_before_unlock(
        &test,
        &["request", "answer", "1", "--set", "no-equals-sign"],
        1,
    );
}

#[test]
fn short_flags_work_like_the_long_ones() {
    let test = vault_with_records_at(&["2026-07-02T09:00:00Z"]);
    let log = test.ok(&["log", "-r", "1", "-n", "5", "-s", "2020-01-01"]);
    assert!(log.contains("add  record 1"), "{log}");
    let list = test.ok(&["list", "-p", "orders", "--json"]);
    assert!(list.contains("Klant 0"), "{list}");
}
