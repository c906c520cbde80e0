//! Record tables (issue 13): declared column order, TSV when piped, `--columns`, erased and
//! restricted people marked in `list`, `find` and `show`; `delete` confirmation off a
//! terminal; hints that name only a backup that exists. The terminal-only parts (fitting,
//! cutting, the question) are unit-tested in src/cli/record_table.rs and src/cli/delete.rs.

use std::process::Output;

use serde_json::Value;

use super::support::TestVault;

const T0: &str = "2030-01-01T00:00:00Z";

fn run(test: &TestVault, args: &[&str]) -> Output {
    test.kluis()
        .env("KLUIS_NOW", T0)
        .args(args)
        .output()
        .expect("runs")
}

fn ok(test: &TestVault, args: &[&str]) -> String {
    let output = run(test, args);
    assert!(
        output.status.success(),
        "kluis {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Fields declared `surname`, `city` (an order that is not alphabetical), then `iban` for a
/// legal obligation of seven years.
fn shop() -> TestVault {
    let test = TestVault::new();
    ok(
        &test,
        &[
            "profile",
            "set",
            "--name",
            "Bakkerij Jansen",
            "--email",
            "privacy@jansen.nl",
            "--address",
            "Dorpsstraat 1, 1234 AB Ergens",
        ],
    );
    test.add_purpose_with_text_fields("orders", &["surname", "city"]);
    ok(
        &test,
        &[
            "purpose",
            "add",
            "bookkeeping",
            "--basis",
            "legal-obligation",
            "--description",
            "Fiscale bewaarplicht",
            "--retention",
            "7y",
            "--law",
            "AWR art. 52",
            "--profiling",
            "none",
        ],
    );
    ok(
        &test,
        &[
            "field",
            "add",
            "iban",
            "--type",
            "text",
            "--purpose",
            "bookkeeping",
        ],
    );
    test
}

#[test]
fn piped_list_is_tsv_in_declared_order_and_a_value_cannot_forge_a_row() {
    let test = shop();
    ok(&test, &["add", "surname=Jansen", "city=Utrecht"]);
    ok(
        &test,
        &["add", "surname=evil\t9\tforged\nrow\\n", "iban=NL01"],
    );
    let listed = ok(&test, &["list"]);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(
        lines,
        [
            "id\tsurname\tcity\tiban\tstatus",
            "1\tJansen\tUtrecht\t\t",
            "2\tevil\\t9\\tforged\\nrow\\\\n\t\tNL01\t",
        ],
        "{listed}"
    );
    let found = ok(&test, &["find", "forged"]);
    assert_eq!(found.lines().nth(1), Some(lines[2]), "{found}");
}

/// Regression: `find` without a match printed the TSV header before its error, as if it
/// had found a table with no rows; `list` of an empty vault keeps its header.
#[test]
fn an_empty_list_is_its_header_and_a_find_without_match_prints_nothing() {
    let test = shop();
    assert_eq!(ok(&test, &["list"]), "id\tsurname\tcity\tiban\tstatus\n");
    let none = run(&test, &["find", "Jansen"]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&none.stdout), "");
}

#[test]
fn columns_picks_fields_in_the_given_order_and_fields_stays_an_alias() {
    let test = shop();
    ok(&test, &["add", "surname=Jansen", "city=Utrecht"]);
    for flag in ["--columns", "--fields"] {
        let listed = ok(&test, &["list", flag, "city,surname"]);
        assert_eq!(
            listed, "id\tcity\tsurname\tstatus\n1\tUtrecht\tJansen\t\n",
            "{flag}"
        );
    }
    let found = ok(&test, &["find", "jans", "--columns", "city"]);
    assert_eq!(found, "id\tcity\tstatus\n1\tUtrecht\t\n");
    let json: Value =
        serde_json::from_str(&ok(&test, &["list", "--columns", "city", "--json"])).unwrap();
    assert_eq!(json, serde_json::json!([{"id": 1, "city": "Utrecht"}]));
    let refused = run(&test, &["list", "--columns", "shoe_size"]);
    assert_eq!(refused.status.code(), Some(1));
}

#[test]
fn an_erased_person_is_marked_with_what_is_kept_until_when() {
    let test = shop();
    ok(
        &test,
        &["add", "surname=Jansen", "city=Utrecht", "iban=NL01"],
    );
    ok(&test, &["add", "surname=Bakker"]);
    // Off a terminal delete does not ask, as before; -y is accepted too.
    let erased = ok(&test, &["delete", "1"]);
    assert!(erased.contains("kept iban"), "{erased}");

    let listed = ok(&test, &["list", "--columns", "surname"]);
    assert_eq!(
        listed,
        "id\tsurname\tstatus\n1\t\terased,held-until=2037-01-01\n2\tBakker\t\n"
    );
    let json: Value = serde_json::from_str(&ok(&test, &["list", "--json"])).unwrap();
    assert_eq!(json[0]["erased"], true);
    assert_eq!(json[0]["held_until"], "2037-01-01T00:00:00Z");
    assert!(json[1].get("erased").is_none(), "{json}");

    let shown = ok(&test, &["show", "1"]);
    assert!(
        shown.contains("erased, kept until 2037-01-01 (Art. 17)"),
        "{shown}"
    );
    assert!(
        shown.contains("kept iban: legal obligation `bookkeeping`, AWR art. 52"),
        "{shown}"
    );
    let shown: Value = serde_json::from_str(&ok(&test, &["show", "1", "--json"])).unwrap();
    assert_eq!(shown["erased"], true);
    assert_eq!(shown["kept"][0]["field"], "iban");
    assert!(!ok(&test, &["show", "2"]).contains("erased"));

    // Once the obligation ran out, the mark says purge removes the rest.
    let later = test
        .kluis()
        .env("KLUIS_NOW", "2038-01-01T00:00:00Z")
        .args(["list", "--columns", "iban"])
        .output()
        .unwrap();
    let later = String::from_utf8(later.stdout).unwrap();
    assert!(later.contains("1\tNL01\terased,hold-ended"), "{later}");
}

#[test]
fn a_restricted_person_is_marked_in_find() {
    let test = shop();
    ok(&test, &["add", "surname=Jansen"]);
    ok(&test, &["request", "add", "restriction", "--subject", "1"]);
    ok(&test, &["request", "answer", "1", "--lang", "en"]);
    let found = ok(&test, &["find", "jansen"]);
    assert_eq!(found.lines().nth(1), Some("1\tJansen\t\t\trestricted"));
}

#[test]
fn delete_takes_yes_short_and_long_and_all_fields_still_needs_it() {
    let test = shop();
    ok(&test, &["add", "surname=Jansen"]);
    ok(&test, &["add", "surname=Bakker"]);
    assert_eq!(ok(&test, &["delete", "1", "-y"]), "record 1: erased\n");
    assert_eq!(ok(&test, &["delete", "2", "--yes"]), "record 2: erased\n");
    let refused = run(&test, &["delete", "2", "--all-fields"]);
    assert_eq!(refused.status.code(), Some(2));
    // A record that does not exist is named before anything is asked.
    let missing = run(&test, &["delete", "9"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no record 9"));
}

#[test]
fn unlock_hints_name_a_backup_only_when_it_exists() {
    let test = shop();
    let backup = test.vault.with_extension("kluis.bak");
    let wrong = |vault: &std::path::Path| {
        let output = test
            .kluis()
            .env("KLUIS_PASSPHRASE", "not the passphrase")
            .env("KLUIS_VAULT", vault)
            .args(["list"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(3));
        String::from_utf8(output.stderr).unwrap()
    };
    // A save keeps the vault as it was in `.bak`, which then differs from the vault: only
    // such a backup is worth restoring (an identical copy is not named, see below).
    ok(&test, &["add", "surname=Extra"]);
    assert!(backup.exists());
    let stderr = wrong(&test.vault);
    assert!(
        stderr.contains("restore ") && stderr.contains("shop.kluis.bak"),
        "{stderr}"
    );

    // Unlocking the backup itself never suggests `shop.kluis.bak.bak`.
    let stderr = wrong(&backup);
    assert!(!stderr.contains(".bak.bak"), "{stderr}");
    assert!(stderr.contains("--identity"), "{stderr}");

    // A backup with the vault's own bytes would restore nothing.
    std::fs::copy(&test.vault, &backup).unwrap();
    let stderr = wrong(&test.vault);
    assert!(!stderr.contains(".bak"), "{stderr}");

    std::fs::remove_file(&backup).unwrap();
    let stderr = wrong(&test.vault);
    assert!(!stderr.contains(".bak"), "{stderr}");
    assert!(stderr.contains("recovery key"), "{stderr}");
}
