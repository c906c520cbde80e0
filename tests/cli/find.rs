//! `kluis find` forgives the way people remember: case, accents, phone and postcode forms,
//! words across fields; `--field` and `--limit`; no match exits 1, as grep does.

use serde_json::Value;

use super::support::TestVault;

/// A vault with first and last names, a phone and a postcode, and three people.
fn people() -> TestVault {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["first", "last"]);
    for (name, kind) in [("phone", "phone"), ("postcode", "postcode")] {
        test.ok(&[
            "field",
            "add",
            name,
            "--type",
            kind,
            "--purpose",
            "orders",
            "--label-en",
            name,
        ]);
    }
    test.ok(&[
        "add",
        "first=Jan",
        "last=de Vries",
        "phone=06-12345678",
        "postcode=1234ab",
    ]);
    test.ok(&["add", "first=Zoë", "last=Jansen"]);
    test.ok(&["add", "first=Jan", "last=Smit"]);
    test
}

/// The ids `kluis find ARGS --json` prints.
fn ids(test: &TestVault, args: &[&str]) -> Vec<i64> {
    let mut all = vec!["find", "--json"];
    all.extend_from_slice(args);
    let found: Value = serde_json::from_str(&test.ok(&all)).unwrap();
    let found = found.as_array().unwrap();
    found.iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

#[test]
fn find_ignores_case_and_accents() {
    let test = people();
    assert_eq!(ids(&test, &["zoe"]), [2]);
    assert_eq!(ids(&test, &["ZOË"]), [2]);
    assert_eq!(ids(&test, &["Jánsen"]), [2]);
}

#[test]
fn find_reads_a_phone_number_as_phone_values_are_stored() {
    let test = people();
    for forms in [
        &["06-12345678"][..],
        &["0612345678"],
        &["+31 6 1234 5678"],
        &["+31", "6", "1234", "5678"],
        &["+31612345678"],
    ] {
        assert_eq!(ids(&test, forms), [1], "{forms:?}");
    }
    assert!(
        test.fails(&["find", "06-87654321"], 1)
            .contains("no record")
    );
}

#[test]
fn find_reads_a_postcode_as_postcodes_are_stored() {
    let test = people();
    for forms in [&["1234ab"][..], &["1234 AB"], &["1234", "ab"], &["1234-AB"]] {
        assert_eq!(ids(&test, forms), [1], "{forms:?}");
    }
}

#[test]
fn several_words_must_all_match_each_in_any_field() {
    let test = people();
    assert_eq!(ids(&test, &["jan de vries"]), [1]);
    assert_eq!(ids(&test, &["vries", "jan"]), [1]);
    assert_eq!(ids(&test, &["jan", "smit"]), [3]);
    // "jan" is in Jansen too: a word may be part of a value.
    assert_eq!(ids(&test, &["jan"]), [1, 2, 3]);
    test.fails(&["find", "jan", "vries", "smit"], 1);
}

#[test]
fn field_restricts_the_search() {
    let test = people();
    // Zoë's last name holds "jan" too, but not her first name.
    assert_eq!(ids(&test, &["jan", "--field", "first"]), [1, 3]);
    assert_eq!(ids(&test, &["jan", "--field", "last"]), [2]);
    let both = ["jan", "--field", "first", "--field", "last"];
    assert_eq!(ids(&test, &both), [1, 2, 3]);
    test.fails(&["find", "jan vries", "--field", "last"], 1);
}

/// Until the twelfth session an unknown `--field` or a missing vault made `find` exit 1, as
/// "no match" does, so a script read an error as an empty result.
#[test]
fn find_errors_do_not_exit_1_so_a_script_tells_them_from_no_match() {
    let test = people();
    let stderr = test.fails(&["find", "jan", "--field", "shoe"], 2);
    assert!(stderr.contains("no field named `shoe`"), "{stderr}");
    // The hint fits a search: nothing is being stored.
    assert!(stderr.contains("kluis field list"), "{stderr}");
    assert!(!stderr.contains("can be stored"), "{stderr}");
    test.fails(&["find", "jan", "--columns", "shoe"], 2);
    let missing = test.dir.path().join("missing.kluis");
    let output = test
        .kluis()
        .args(["find", "jan", "--json"])
        .env("KLUIS_VAULT", &missing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let error: Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(error["exit_code"], 2);
    assert!(error["hint"].as_str().unwrap().contains("kluis init"));
    // Codes that already say what went wrong keep saying it.
    let wrong = test
        .kluis()
        .args(["find", "jan"])
        .env("KLUIS_PASSPHRASE", "not the passphrase")
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(3));
}

#[test]
fn limit_cuts_the_list_with_a_note_on_stderr() {
    let test = people();
    let output = test
        .kluis()
        .args(["find", "jan", "--limit", "1", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let found: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("showing 1 of 3"), "{stderr}");
    // No note when the limit lets everything through.
    let output = test.kluis().args(["find", "jan", "--limit", "3"]).output();
    assert!(output.unwrap().stderr.is_empty());
}

#[test]
fn no_match_exits_1_as_grep_does_without_naming_the_query() {
    let test = people();
    let output = test.kluis().args(["find", "klaas-5531"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no record matches"), "{stderr}");
    assert!(!stderr.contains("5531"), "{stderr}");
    // Piped, nothing at all, as grep: a header alone read as a table with no rows.
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
    let output = test.kluis().args(["find", "klaas", "--json"]).output();
    let output = output.unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "[]");
}

#[test]
fn edit_where_uses_the_same_forgiving_find() {
    let test = people();
    test.ok(&["edit", "--where", "ZOE", "last=Jansen-Bakker"]);
    assert_eq!(ids(&test, &["bakker"]), [2]);
    test.fails(&["edit", "--where", "nobody", "last=X"], 1);
}
