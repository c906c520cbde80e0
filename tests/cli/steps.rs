//! Fewer steps (issue 13): consent and edit for several records at once, and the schema
//! declared from one TOML file.

use serde_json::Value;

use super::support::TestVault;

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON on stdout")
}

/// A contract purpose and a consent purpose, three fields, and three people.
fn shop() -> (TestVault, [String; 3]) {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("customer-admin", &["name", "city"]);
    test.ok(&[
        "purpose",
        "add",
        "newsletter",
        "--basis",
        "consent",
        "--description",
        "Nieuwsbrief sturen",
        "--retention",
        "2y",
        "--profiling",
        "none",
    ]);
    let people = ["name=Jan de Vries", "name=Piet", "name=Kees de Vries"]
        .map(|value| test.ok(&["add", value]).trim().to_owned());
    (test, people)
}

fn consent_lines(test: &TestVault, id: &str) -> Vec<String> {
    test.ok(&["show", id])
        .lines()
        .filter(|line| line.contains("consent for newsletter"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn consent_give_and_withdraw_take_a_purpose_and_several_ids() {
    let (test, [jan, piet, kees]) = shop();
    let out = test.ok(&["consent", "give", "newsletter", &jan, &piet]);
    assert_eq!(
        out,
        format!(
            "record {jan}: consent given for newsletter\nrecord {piet}: consent given for newsletter\n"
        )
    );
    assert_eq!(consent_lines(&test, &jan).len(), 1);
    assert!(consent_lines(&test, &kees).is_empty());
    let out = test.ok(&["consent", "withdraw", "newsletter", &jan, &piet, "--json"]);
    let changed = json(&out);
    assert_eq!(changed.as_array().unwrap().len(), 2, "{out}");
    assert_eq!(changed[1]["record"], piet.parse::<i64>().unwrap());
    assert_eq!(changed[1]["consent"], "withdrawn");
    assert!(consent_lines(&test, &piet)[0].contains("withdrawn"));
}

#[test]
fn consent_give_keeps_the_older_id_then_purpose_order() {
    let (test, [jan, ..]) = shop();
    let out = test.ok(&["consent", "give", &jan, "newsletter"]);
    assert_eq!(out, format!("record {jan}: consent given for newsletter\n"));
    test.ok(&["consent", "withdraw", &jan, "newsletter"]);
    assert!(consent_lines(&test, &jan)[0].contains("withdrawn"));
}

#[test]
fn one_unknown_id_fails_the_whole_consent_command_and_saves_nothing() {
    let (test, [jan, piet, _]) = shop();
    let before = test.vault_bytes();
    let stderr = test.fails(&["consent", "give", "newsletter", &jan, "999", &piet], 1);
    assert!(stderr.contains("no record 999"), "{stderr}");
    assert_eq!(test.vault_bytes(), before);
    assert!(consent_lines(&test, &jan).is_empty());
    let stderr = test.fails(&["consent", "give", "newsletter", &jan, "jan"], 2);
    assert!(
        stderr.contains("id 2 after the purpose is not a record id"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("jan"),
        "what was typed is not repeated: {stderr}"
    );
}

#[test]
fn a_purpose_named_with_digits_alone_is_refused() {
    let test = TestVault::new();
    let stderr = test.fails(
        &[
            "purpose",
            "add",
            "2024",
            "--basis",
            "consent",
            "--description",
            "Actie",
            "--retention",
            "1y",
            "--profiling",
            "none",
        ],
        1,
    );
    assert!(stderr.contains("record id"), "{stderr}");
}

fn city(test: &TestVault, id: &str) -> Value {
    json(&test.ok(&["show", id, "--json"]))["city"].clone()
}

#[test]
fn edit_changes_several_ids_in_one_go() {
    let (test, [jan, piet, kees]) = shop();
    let out = test.ok(&["edit", &jan, &kees, "city=Utrecht"]);
    assert_eq!(out, format!("2 records updated ({jan}, {kees}): city\n"));
    assert_eq!(city(&test, &jan), "Utrecht");
    assert_eq!(city(&test, &kees), "Utrecht");
    assert_eq!(city(&test, &piet), Value::Null);
    let out = test.ok(&["edit", &piet, "city=Zwolle", "--json"]);
    assert_eq!(json(&out)["changed"], 1);
    assert_eq!(json(&out)["fields"][0], "city");
}

#[test]
fn edit_where_changes_every_record_find_lists() {
    let (test, [jan, piet, kees]) = shop();
    let out = test.ok(&["edit", "--where", "DE VRIES", "city=Delft", "--json"]);
    let edited = json(&out);
    assert_eq!(edited["changed"], 2, "{out}");
    assert_eq!(city(&test, &jan), "Delft");
    assert_eq!(city(&test, &kees), "Delft");
    assert_eq!(city(&test, &piet), Value::Null);
}

#[test]
fn edit_where_that_matches_nothing_exits_1_with_a_hint_and_no_value() {
    let (test, _) = shop();
    let before = test.vault_bytes();
    let stderr = test.fails(&["edit", "--where", "klaas", "city=Delft"], 1);
    assert!(stderr.contains("no record matches"), "{stderr}");
    assert!(stderr.contains("kluis find"), "{stderr}");
    assert!(!stderr.contains("klaas"), "{stderr}");
    assert_eq!(test.vault_bytes(), before);
}

#[test]
fn one_bad_id_fails_the_whole_edit_and_saves_nothing() {
    let (test, [jan, ..]) = shop();
    let before = test.vault_bytes();
    let stderr = test.fails(&["edit", &jan, "999", "city=Utrecht"], 1);
    assert!(stderr.contains("no record 999"), "{stderr}");
    assert_eq!(test.vault_bytes(), before);
    test.fails(&["edit", &jan, "--where", "jan", "city=Utrecht"], 2);
    test.fails(&["edit", &jan], 2);
}

/// Nine fields for one purpose, declared in one file: the quick way USAGE.md shows.
const NINE_FIELDS: &str = r#"
[[purpose]]
name = "customer-admin"
basis = "contract"
description = "Orders leveren en factureren"
retention = "2y"
profiling = "none"

[[field]]
name = "name"
type = "text"
purposes = ["customer-admin"]
required = true

[[field]]
name = "email"
type = "email"
purposes = ["customer-admin"]

[[field]]
name = "phone"
type = "phone"
purposes = ["customer-admin"]

[[field]]
name = "street"
type = "text"
purposes = ["customer-admin"]

[[field]]
name = "postcode"
type = "postcode"
purposes = ["customer-admin"]

[[field]]
name = "city"
type = "text"
purposes = ["customer-admin"]

[[field]]
name = "country"
type = "country"
purposes = ["customer-admin"]

[[field]]
name = "birthday"
type = "date"
purposes = ["customer-admin"]

[[field]]
name = "notes"
type = "text"
purposes = ["customer-admin"]
source = "own"
"#;

fn write_file(test: &TestVault, name: &str, text: &str) -> String {
    let path = test.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn schema_apply_declares_nine_fields_and_export_round_trips_to_a_fresh_vault() {
    let test = TestVault::new();
    let file = write_file(&test, "schema.toml", NINE_FIELDS);
    let out = test.ok(&["schema", "apply", &file]);
    assert!(out.contains("purpose customer-admin: added"), "{out}");
    assert_eq!(out.matches("field ").count(), 9, "{out}");
    let listed = json(&test.ok(&["field", "list", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 9);
    let exported = test.ok(&["schema", "export"]);
    let fresh = TestVault::new();
    let copy = write_file(&fresh, "copy.toml", &exported);
    fresh.ok(&["schema", "apply", &copy]);
    assert_eq!(fresh.ok(&["schema", "export"]), exported);
    let again = test.ok(&["schema", "apply", &file, "--json"]);
    let plan = json(&again)["plan"].as_array().unwrap().clone();
    assert!(plan.iter().all(|step| step["action"] == "keep"), "{again}");
}

#[test]
fn schema_apply_dry_run_prints_the_plan_and_saves_nothing() {
    let test = TestVault::new();
    let file = write_file(&test, "schema.toml", NINE_FIELDS);
    let before = test.vault_bytes();
    let out = test.ok(&["schema", "apply", &file, "--dry-run"]);
    assert!(out.contains("field notes: would add"), "{out}");
    assert!(out.contains("nothing was saved"), "{out}");
    assert_eq!(test.vault_bytes(), before);
    assert_eq!(test.ok(&["schema", "export"]), "");
}

#[test]
fn schema_apply_names_the_refused_item_and_saves_nothing() {
    let test = TestVault::new();
    let bad = NINE_FIELDS.replace(
        "name = \"city\"\ntype = \"text\"\npurposes = [\"customer-admin\"]",
        "name = \"city\"\ntype = \"text\"\npurposes = [\"x\"]",
    );
    let file = write_file(&test, "bad.toml", &bad);
    let before = test.vault_bytes();
    let stderr = test.fails(&["schema", "apply", &file], 1);
    assert!(stderr.contains("[[field]] #6 \"city\": "), "{stderr}");
    assert!(stderr.contains("hint: "), "{stderr}");
    assert_eq!(test.vault_bytes(), before);
    let file = write_file(
        &test,
        "typo.toml",
        "[[field]]\nname = \"x\"\ntpye = \"text\"\n",
    );
    let stderr = test.fails(&["schema", "apply", &file], 1);
    assert!(
        stderr.contains("line 3") && stderr.contains("tpye"),
        "{stderr}"
    );
}

#[test]
fn schema_apply_never_removes_and_says_so() {
    let (test, _) = shop();
    let file = write_file(&test, "one.toml", &NINE_FIELDS.replace("[[field]]\nname = \"name\"\ntype = \"text\"\npurposes = [\"customer-admin\"]\nrequired = true\n", ""));
    let out = test.ok(&["schema", "apply", &file]);
    assert!(out.contains("purpose newsletter: not in the file"), "{out}");
    assert!(test.ok(&["purpose", "list"]).contains("newsletter"));
}

#[test]
fn schema_export_out_writes_an_owner_only_file() {
    use std::os::unix::fs::PermissionsExt;
    let (test, _) = shop();
    let out = test.dir.path().join("schema.toml");
    test.ok(&["schema", "export", "--out", out.to_str().unwrap()]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("[[purpose]]\nname = \"customer-admin\""),
        "{text}"
    );
    assert!(
        !text.contains("Jan de Vries"),
        "a schema holds no record's value"
    );
    let mode = std::fs::metadata(&out).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn the_new_commands_show_examples_in_their_help() {
    let test = TestVault::empty();
    for command in [
        &["consent", "give", "--help"][..],
        &["consent", "withdraw", "--help"],
        &["edit", "--help"],
        &["schema", "--help"],
        &["schema", "export", "--help"],
        &["schema", "apply", "--help"],
    ] {
        let help = test.ok(command);
        assert!(help.contains("Examples:\n  kluis "), "{command:?}: {help}");
    }
}
