//! Records end to end: add/show/list/find/edit, consent, purpose views and exports, erasure,
//! retention, the audit log and `check`, through the real binary.

use std::process::Output;

use serde_json::Value;

use super::support::{TestVault, contains, strings};

const T0: &str = "2030-01-01T00:00:00Z";

/// The binary at a fixed time, so retention can be tested by moving the clock.
fn at(test: &TestVault, now: &str, args: &[&str]) -> Output {
    test.kluis()
        .env("KLUIS_NOW", now)
        .args(args)
        .output()
        .expect("runs")
}

fn ok_at(test: &TestVault, now: &str, args: &[&str]) -> String {
    let output = at(test, now, args);
    assert!(
        output.status.success(),
        "kluis {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn fails_at(test: &TestVault, now: &str, args: &[&str], code: i32) -> String {
    let output = at(test, now, args);
    assert_eq!(
        output.status.code(),
        Some(code),
        "kluis {args:?}: stdout {} stderr {}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stderr).unwrap()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON on stdout")
}

/// A small shop: a profile, three purposes (contract, consent, legal obligation) and five
/// fields, at T0.
fn shop() -> TestVault {
    let test = TestVault::new();
    let setup: &[&[&str]] = &[
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
        &[
            "purpose",
            "add",
            "customer-admin",
            "--basis",
            "contract",
            "--description",
            "Orders leveren en factureren",
            "--retention",
            "2y",
            "--profiling",
            "none",
        ],
        &[
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
        ],
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
        &[
            "field",
            "add",
            "email",
            "--type",
            "email",
            "--purpose",
            "customer-admin",
            "--purpose",
            "newsletter",
        ],
        &[
            "field",
            "add",
            "name",
            "--type",
            "text",
            "--required",
            "--purpose",
            "customer-admin",
            "--purpose",
            "bookkeeping",
        ],
        &[
            "field",
            "add",
            "phone",
            "--type",
            "phone",
            "--purpose",
            "customer-admin",
        ],
        &[
            "field",
            "add",
            "iban",
            "--type",
            "text",
            "--purpose",
            "bookkeeping",
        ],
        &[
            "field",
            "add",
            "interests",
            "--type",
            "text",
            "--purpose",
            "newsletter",
        ],
        // No one outside the shop receives data, so its privacy statement can be made.
        &["purpose", "edit", "customer-admin", "--no-recipients"],
        &["purpose", "edit", "newsletter", "--no-recipients"],
        &["purpose", "edit", "bookkeeping", "--no-recipients"],
    ];
    for args in setup {
        ok_at(&test, T0, args);
    }
    test
}

fn add(test: &TestVault, values: &[&str]) -> String {
    let mut args = vec!["add"];
    args.extend_from_slice(values);
    ok_at(test, T0, &args).trim().to_owned()
}

#[test]
fn add_prints_the_new_id_alone_and_stores_normalised_values() {
    let test = shop();
    let stdout = ok_at(
        &test,
        T0,
        &[
            "add",
            "email=Jan@Example.NL",
            "name=Jan de Vries",
            "phone=06-12345678",
        ],
    );
    assert_eq!(stdout, "1\n");
    let record = json(&ok_at(&test, T0, &["show", "1", "--json"]));
    assert_eq!(record["id"], 1);
    assert_eq!(record["name"], "Jan de Vries");
    assert_eq!(record["phone"], "+31612345678");
    assert_eq!(record["iban"], Value::Null);
    let human = ok_at(&test, T0, &["show", "1"]);
    assert!(human.contains("name   Jan de Vries"), "{human}");
}

#[test]
fn add_refuses_unknown_fields_missing_required_fields_and_invalid_values() {
    let test = shop();
    let before = test.vault_bytes();
    let stderr = fails_at(&test, T0, &["add", "name=Jan", "shoe_size=44"], 1);
    assert!(stderr.contains("no field named `shoe_size`"), "{stderr}");
    assert!(stderr.contains("data minimisation"), "{stderr}");
    let stderr = fails_at(&test, T0, &["add", "email=jan@example.nl"], 1);
    assert!(stderr.contains("field `name` is required"), "{stderr}");
    let stderr = fails_at(&test, T0, &["add", "name=Jan", "phone=not-a-phone-4417"], 1);
    assert!(stderr.contains("field `phone`"), "{stderr}");
    assert!(!stderr.contains("4417"), "{stderr}");
    let stderr = fails_at(&test, T0, &["add", "name=Jan", "secret-word-8812"], 1);
    assert!(
        stderr.contains("argument 2 is not of the form field=value"),
        "{stderr}"
    );
    assert!(!stderr.contains("8812"), "{stderr}");
    fails_at(&test, T0, &["add", "name=Jan", "name=Piet"], 1);
    fails_at(&test, T0, &["add"], 2);
    assert_eq!(
        test.vault_bytes(),
        before,
        "a refused add leaves the vault untouched"
    );
}

#[test]
fn edit_changes_and_clears_values_but_not_required_ones() {
    let test = shop();
    let id = add(&test, &["name=Jan", "phone=0612345678"]);
    let stdout = ok_at(
        &test,
        "2030-02-01T00:00:00Z",
        &["edit", &id, "phone=", "iban=NL91ABNA0417164300"],
    );
    assert_eq!(stdout, "record 1: updated iban, phone\n");
    let record = json(&ok_at(&test, T0, &["show", &id, "--json"]));
    assert_eq!(record["phone"], Value::Null);
    assert_eq!(record["iban"], "NL91ABNA0417164300");
    let stderr = fails_at(&test, T0, &["edit", &id, "name="], 1);
    assert!(
        stderr.contains("required and cannot be cleared"),
        "{stderr}"
    );
    fails_at(&test, T0, &["edit", &id, "favourite=blue"], 1);
    let stderr = fails_at(&test, T0, &["edit", "99", "name=Piet"], 1);
    assert!(stderr.contains("there is no record 99"), "{stderr}");
    fails_at(&test, T0, &["show", "99"], 1);
}

#[test]
fn find_searches_values_ignoring_case() {
    let test = shop();
    add(&test, &["name=Jan de Vries", "email=jan@example.nl"]);
    add(&test, &["name=Piet Bakker"]);
    let found = json(&ok_at(&test, T0, &["find", "DE VRIES", "--json"]));
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["id"], 1);
    let human = ok_at(&test, T0, &["find", "bakker"]);
    assert!(human.starts_with("id"), "{human}");
    assert!(human.contains("Piet Bakker"), "{human}");
    let none = at(&test, T0, &["find", "klaas-5531"]);
    assert_eq!(
        none.status.code(),
        Some(1),
        "no match exits 1, as grep does"
    );
    // Piped, nothing: no row matched, and stderr says so.
    assert_eq!(String::from_utf8_lossy(&none.stdout), "", "{none:?}");
    assert!(!String::from_utf8_lossy(&none.stderr).contains("5531"));
}

#[test]
fn purpose_views_hold_only_the_purposes_fields_and_consenting_records() {
    let test = shop();
    let jan = add(
        &test,
        &["name=Jan", "email=jan@example.nl", "interests=brood"],
    );
    let piet = add(&test, &["name=Piet", "email=piet@example.nl"]);
    ok_at(&test, T0, &["consent", "give", &jan, "newsletter"]);
    let view = json(&ok_at(
        &test,
        T0,
        &["list", "--purpose", "newsletter", "--json"],
    ));
    assert_eq!(
        view,
        serde_json::json!([{"id": 1, "email": "jan@example.nl", "interests": "brood"}])
    );
    let admin = json(&ok_at(
        &test,
        T0,
        &["list", "--purpose", "customer-admin", "--json"],
    ));
    assert_eq!(admin.as_array().unwrap().len(), 2);
    assert!(admin[1].get("iban").is_none() && admin[1].get("interests").is_none());
    assert_eq!(admin[1]["id"].to_string(), piet);
    let stderr = fails_at(
        &test,
        T0,
        &["list", "--purpose", "newsletter", "--fields", "name"],
        1,
    );
    assert!(
        stderr.contains("does not serve purpose `newsletter`"),
        "{stderr}"
    );
    fails_at(&test, T0, &["list", "--purpose", "marketing"], 1);
    let some = ok_at(&test, T0, &["list", "--fields", "name,email"]);
    assert_eq!(
        some.lines().next().unwrap().split('\t').collect::<Vec<_>>(),
        ["id", "name", "email", "status"]
    );
}

/// The shop with `allergies`, health data under explicit consent, for the contract purpose.
fn shop_with_allergies() -> TestVault {
    let test = shop();
    ok_at(
        &test,
        T0,
        &[
            "field",
            "add",
            "allergies",
            "--type",
            "text",
            "--purpose",
            "customer-admin",
            "--special",
            "health",
            "--art9",
            "explicit-consent",
        ],
    );
    test
}

#[test]
fn explicit_consent_can_be_given_and_withdrawn_per_person() {
    let test = shop_with_allergies();
    let jan = add(&test, &["name=Jan"]);
    let piet = add(&test, &["name=Piet"]);
    let stdout = ok_at(&test, T0, &["consent", "give", &jan, "customer-admin"]);
    assert_eq!(
        stdout,
        format!("record {jan}: consent given for customer-admin\n")
    );
    ok_at(&test, T0, &["edit", &jan, "allergies=pinda"]);
    // Piet's record has no consent of its own.
    let stderr = fails_at(&test, T0, &["edit", &piet, "allergies=pinda"], 1);
    assert!(
        stderr.contains(&format!("record {piet}: field `allergies`")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("kluis consent give {piet} customer-admin")),
        "{stderr}"
    );
    assert!(!stderr.contains("pinda"), "{stderr}");

    ok_at(&test, T0, &["consent", "withdraw", &jan, "customer-admin"]);
    let stderr = fails_at(
        &test,
        T0,
        &["consent", "withdraw", &jan, "customer-admin"],
        1,
    );
    assert!(stderr.contains("no current consent"), "{stderr}");
    // As for a consent purpose, the value stays until it is cleared, and check says so.
    let output = at(&test, T0, &["check"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("field `allergies` holds special-category data under explicit consent, but records 1 have no consent"),
        "{stdout}"
    );
    ok_at(&test, T0, &["edit", &jan, "allergies="]);
    // A contract purpose without such a field still takes no consent.
    ok_at(&test, T0, &["field", "edit", "allergies", "--no-special"]);
    let stderr = fails_at(&test, T0, &["consent", "give", &piet, "customer-admin"], 1);
    assert!(stderr.contains("basis contract, not consent"), "{stderr}");
}

#[test]
fn explicit_consent_value_needs_recorded_consent() {
    let test = shop_with_allergies();
    let before = test.vault_bytes();
    let stderr = fails_at(&test, T0, &["add", "name=Jan", "allergies=pinda"], 1);
    assert!(stderr.contains("field `allergies`"), "{stderr}");
    assert!(
        stderr.contains("kluis consent give ID customer-admin"),
        "{stderr}"
    );
    assert!(!stderr.contains("pinda"), "{stderr}");
    assert_eq!(test.vault_bytes(), before, "a refused add wrote the vault");
}

#[test]
fn consent_is_recorded_only_for_consent_purposes() {
    let test = shop();
    let id = add(&test, &["name=Jan", "email=jan@example.nl"]);
    let stdout = ok_at(
        &test,
        T0,
        &["consent", "give", &id, "newsletter", "--source", "webform"],
    );
    assert_eq!(stdout, "record 1: consent given for newsletter\n");
    let stderr = fails_at(&test, T0, &["consent", "give", &id, "customer-admin"], 1);
    assert!(stderr.contains("basis contract, not consent"), "{stderr}");
    fails_at(&test, T0, &["consent", "give", "99", "newsletter"], 1);
    ok_at(
        &test,
        "2030-03-01T00:00:00Z",
        &["consent", "withdraw", &id, "newsletter"],
    );
    let stderr = fails_at(&test, T0, &["consent", "withdraw", &id, "newsletter"], 1);
    assert!(stderr.contains("no current consent"), "{stderr}");
    let subject = json(&ok_at(&test, T0, &["export", "--subject", &id]));
    assert_eq!(subject["consents"][0]["source"], "webform");
    assert_eq!(subject["consents"][0]["given_at"], T0);
    assert_eq!(
        subject["consents"][0]["withdrawn_at"],
        "2030-03-01T00:00:00Z"
    );
    let view = json(&ok_at(
        &test,
        T0,
        &["list", "--purpose", "newsletter", "--json"],
    ));
    assert_eq!(view, serde_json::json!([]));
}

#[test]
fn subject_export_holds_everything_on_one_person() {
    let test = shop();
    let id = add(&test, &["name=Jan", "email=jan@example.nl"]);
    ok_at(&test, T0, &["consent", "give", &id, "newsletter"]);
    let subject = json(&ok_at(&test, T0, &["export", "--subject", &id]));
    assert_eq!(subject["id"], 1);
    assert_eq!(subject["values"][0]["field"], "email");
    assert_eq!(subject["values"][0]["value"], "jan@example.nl");
    let purposes = strings(&subject["values"][1]["purposes"], "name");
    assert_eq!(purposes, ["bookkeeping", "customer-admin"]);
    let actions = strings(&subject["audit"], "action");
    assert_eq!(actions, ["add", "consent-give", "export"]);
    fails_at(&test, T0, &["export", "--subject", "99"], 1);
    fails_at(&test, T0, &["export"], 2);
    fails_at(
        &test,
        T0,
        &["export", "--subject", &id, "--purpose", "newsletter"],
        2,
    );
}

#[test]
fn csv_export_neutralises_formulas_but_keeps_phone_numbers() {
    let test = shop();
    add(
        &test,
        &["name==HYPERLINK(\"http://x\")", "phone=+31612345678"],
    );
    let csv = ok_at(
        &test,
        T0,
        &["export", "--purpose", "customer-admin", "--format", "csv"],
    );
    assert_eq!(
        csv,
        "id,email,name,phone\r\n1,,\"'=HYPERLINK(\"\"http://x\"\")\",+31612345678\r\n"
    );
    let out = test.dir.path().join("admin.csv");
    ok_at(
        &test,
        T0,
        &[
            "export",
            "--purpose",
            "customer-admin",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), csv);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    fails_at(
        &test,
        T0,
        &[
            "export",
            "--purpose",
            "customer-admin",
            "--format",
            "csv",
            "--json",
        ],
        2,
    );
    let log = ok_at(&test, T0, &["log"]);
    assert!(
        log.contains("export  fields email,name,phone  purpose customer-admin  (1 records as csv)"),
        "{log}"
    );
}

#[test]
fn consent_purpose_export_never_holds_other_fields_or_unconsented_records() {
    let test = shop();
    for (index, consent) in [true, false, true, false].iter().enumerate() {
        let id = add(
            &test,
            &[
                &format!("name=Klant {index}"),
                &format!("email=k{index}@example.nl"),
                "iban=NL01",
            ],
        );
        if *consent {
            ok_at(&test, T0, &["consent", "give", &id, "newsletter"]);
        }
    }
    ok_at(&test, T0, &["consent", "withdraw", "3", "newsletter"]);
    let export = json(&ok_at(
        &test,
        T0,
        &["export", "--purpose", "newsletter", "--format", "json"],
    ));
    let records = export.as_array().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], 1);
    for record in records {
        let mut keys: Vec<&str> = record
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["email", "id", "interests"]);
    }
}

#[test]
fn delete_keeps_what_a_legal_obligation_requires_and_says_why() {
    let test = shop();
    let id = add(
        &test,
        &[
            "name=Jan",
            "email=jan@example.nl",
            "iban=NL01",
            "phone=0612345678",
        ],
    );
    ok_at(&test, T0, &["consent", "give", &id, "newsletter"]);
    let stdout = ok_at(&test, "2031-01-01T00:00:00Z", &["delete", &id]);
    assert_eq!(
        stdout,
        "record 1: erased email, phone\n\
         kept iban: legal obligation `bookkeeping`, AWR art. 52, until 2037-01-01 (Art. 17(3)(b))\n\
         kept name: legal obligation `bookkeeping`, AWR art. 52, until 2037-01-01 (Art. 17(3)(b))\n"
    );
    let record = json(&ok_at(&test, T0, &["show", &id, "--json"]));
    assert_eq!(record["email"], Value::Null);
    assert_eq!(record["name"], "Jan");
    let subject = json(&ok_at(&test, T0, &["export", "--subject", &id]));
    assert_eq!(subject["consents"], serde_json::json!([]));
}

#[test]
fn delete_all_fields_needs_yes_and_then_erases_everything() {
    let test = shop();
    let id = add(&test, &["name=Jan", "iban=NL01"]);
    fails_at(&test, T0, &["delete", &id, "--all-fields"], 2);
    assert_eq!(
        ok_at(&test, T0, &["delete", &id, "--all-fields", "--yes"]),
        "record 1: erased\n"
    );
    fails_at(&test, T0, &["show", &id], 1);
    fails_at(&test, T0, &["delete", &id], 1);
    let log = ok_at(&test, T0, &["log", "--record", &id]);
    assert!(
        log.contains("delete  record 1  fields iban,name  (record erased, --all-fields)"),
        "{log}"
    );
}

#[test]
fn delete_erases_everything_once_the_obligation_ran_out() {
    let test = shop();
    let id = add(&test, &["name=Jan", "iban=NL01"]);
    assert_eq!(
        ok_at(&test, "2037-01-01T00:00:00Z", &["delete", &id]),
        "record 1: erased\n"
    );
}

#[test]
fn purge_erases_values_whose_purposes_all_ran_out() {
    let test = shop();
    let jan = add(&test, &["name=Jan", "phone=0612345678"]);
    let piet = add(&test, &["name=Piet", "email=piet@example.nl"]);
    ok_at(&test, T0, &["consent", "give", &piet, "newsletter"]);
    let before = test.vault_bytes();
    assert_eq!(
        ok_at(&test, "2031-12-31T00:00:00Z", &["purge"]),
        "erased 0 value(s); 0 record(s) as a whole\n"
    );
    let dry = ok_at(&test, "2032-01-01T00:00:00Z", &["purge", "--dry-run"]);
    assert_eq!(
        dry,
        "record 1: would erase phone\nwould erase 1 value(s); 0 record(s) as a whole\n"
    );
    assert_eq!(
        test.vault_bytes(),
        before,
        "a dry run and an empty purge change nothing"
    );
    ok_at(&test, "2032-01-01T00:00:00Z", &["purge"]);
    let record = json(&ok_at(&test, T0, &["show", &jan, "--json"]));
    assert_eq!(
        (record["phone"].clone(), record["name"].clone()),
        (Value::Null, Value::from("Jan"))
    );
    // Piet's e-mail is held open by standing consent; both names by bookkeeping until 2037.
    let plan = json(&ok_at(
        &test,
        "2037-01-01T00:00:00Z",
        &["purge", "--dry-run", "--json"],
    ));
    assert_eq!(plan["records"], serde_json::json!([1]));
    ok_at(
        &test,
        "2037-01-01T00:00:00Z",
        &["consent", "withdraw", &piet, "newsletter"],
    );
    ok_at(&test, "2039-01-01T00:00:00Z", &["purge"]);
    fails_at(&test, T0, &["show", &jan], 1);
    fails_at(&test, T0, &["show", &piet], 1);
    let log = ok_at(&test, T0, &["log", "--record", &jan]);
    assert!(
        log.contains("purge  record 1  fields phone  (retention ran out)"),
        "{log}"
    );
    assert!(
        log.contains("purge  records 1-2  (record erased: no values left)"),
        "{log}"
    );
}

#[test]
fn check_reports_what_must_be_fixed_with_exit_1() {
    let test = TestVault::new();
    let stdout = String::from_utf8(at(&test, T0, &["check"]).stdout).unwrap();
    assert!(
        stdout.contains("error: there is no controller profile"),
        "{stdout}"
    );
    fails_at(&test, T0, &["check"], 1);

    let test = shop();
    let id = add(
        &test,
        &[
            "name=Jan",
            "email=jan@example.nl",
            "interests=brood",
            "phone=0612345678",
            "iban=NL01",
        ],
    );
    ok_at(&test, T0, &["consent", "give", &id, "newsletter"]);
    let report = json(&ok_at(&test, T0, &["check", "--json"]));
    assert_eq!(report["findings"], serde_json::json!([]));

    ok_at(&test, T0, &["consent", "withdraw", &id, "newsletter"]);
    let output = at(&test, T0, &["check", "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let report = json(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(report["findings"][0]["code"], "consent-missing");
    assert!(
        report["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("`interests`")
    );

    ok_at(&test, T0, &["edit", &id, "interests="]);
    ok_at(&test, T0, &["check"]);
    let stdout = String::from_utf8(at(&test, "2033-01-01T00:00:00Z", &["check"]).stdout).unwrap();
    assert!(
        stdout.contains("error: field `phone` is past retention on records 1"),
        "{stdout}"
    );
    fails_at(&test, "2033-01-01T00:00:00Z", &["check"], 1);
}

#[test]
fn check_warnings_alone_exit_0() {
    let test = shop();
    ok_at(
        &test,
        T0,
        &[
            "purpose",
            "add",
            "fraud",
            "--basis",
            "legitimate-interests",
            "--interest",
            "Fraude voorkomen",
            "--description",
            "Fraude opsporen",
            "--retention",
            "1y",
            "--retention-note",
            "na het afhandelen van de zaak",
            "--profiling",
            "none",
        ],
    );
    ok_at(
        &test,
        T0,
        &[
            "field",
            "add",
            "allergies",
            "--type",
            "text",
            "--purpose",
            "customer-admin",
            "--special",
            "health",
            "--art9",
            "explicit-consent",
        ],
    );
    let stdout = ok_at(&test, T0, &["check"]);
    for expected in [
        "warning: no record uses field `email`",
        "warning: purpose `fraud` has no fields",
        "warning: field `allergies` holds special-category data (health, Art. 9)",
        // The new purpose `fraud` does not say who receives its data.
        "warning: the privacy statement cannot be made yet: 1 fact(s) it needs are not declared",
    ] {
        assert!(
            stdout.contains(expected),
            "{expected} missing from {stdout}"
        );
    }
    assert!(stdout.ends_with("0 error(s), 9 warning(s)\n"), "{stdout}");
}

#[test]
fn log_shows_every_change_without_values() {
    let test = shop();
    let id = add(&test, &["name=Jan Logtest", "email=jan@example.nl"]);
    ok_at(&test, T0, &["edit", &id, "phone=0612345678"]);
    ok_at(&test, T0, &["consent", "give", &id, "newsletter"]);
    let log = json(&ok_at(&test, T0, &["log", "--record", &id, "--json"]));
    let actions = strings(&log, "action");
    assert_eq!(actions, ["add", "edit", "consent-give"]);
    assert_eq!(log[0]["fields"], serde_json::json!(["email", "name"]));
    assert_eq!(log[2]["purpose"], "newsletter");
    let human = ok_at(&test, T0, &["log"]);
    assert!(
        !human.contains("Logtest") && !human.contains("jan@example.nl"),
        "{human}"
    );
}

/// The acceptance rule: a value stored in the vault never reaches the disk in plaintext, the
/// audit log, or an error message, whatever commands run on it.
#[test]
fn a_marker_value_never_leaves_the_vault_unasked() {
    let marker = "Zq7MarkerXv";
    let marker_email = "zq7markerxv@example.nl";
    let test = shop();
    let id = add(
        &test,
        &[
            &format!("name={marker}"),
            &format!("email={marker_email}"),
            "iban=NL01",
        ],
    );
    let mut stderr = String::new();
    let mut logs = String::new();
    // Each command's exit code is checked first: a command that failed before it touched
    // the marker would otherwise pass every "holds no marker" check below.
    let mut run = |args: &[&str], code: i32| {
        let output = at(&test, T0, args);
        assert_eq!(
            output.status.code(),
            Some(code),
            "kluis {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        stderr.push_str(&String::from_utf8_lossy(&output.stderr));
        output
    };
    run(&["show", &id], 0);
    run(&["list", "--json"], 0);
    run(&["find", marker], 0);
    run(&["find", &format!("{marker}-nothing")], 1);
    run(&["edit", &id, &format!("phone={marker}")], 1);
    run(&["edit", &id, &format!("email={marker}")], 1);
    run(&["edit", &id, &format!("shoe={marker}")], 1);
    run(&["edit", &id, marker], 1);
    run(&["add", &format!("email={marker_email}")], 1);
    run(
        &[
            "add",
            &format!("name={marker}"),
            &format!("{marker}={marker}"),
        ],
        1,
    );
    run(&["consent", "give", &id, "newsletter"], 0);
    run(&["export", "--purpose", "newsletter", "--format", "csv"], 0);
    run(&["export", "--subject", &id], 0);
    run(&["check"], 0);
    run(&["edit", &id, &format!("name={marker} 2")], 0);
    run(&["delete", &id], 0);
    run(&["purge", "--dry-run"], 0);
    let output = run(&["log"], 0);
    logs.push_str(&String::from_utf8_lossy(&output.stdout));
    let output = run(&["log", "--json"], 0);
    logs.push_str(&String::from_utf8_lossy(&output.stdout));

    assert!(!logs.is_empty());
    for secret in [marker, marker_email, &marker.to_lowercase()] {
        assert!(
            !stderr.contains(secret),
            "error output holds the marker: {stderr}"
        );
        assert!(!logs.contains(secret), "the log holds the marker: {logs}");
        for file in test.all_files() {
            let bytes = std::fs::read(&file).unwrap();
            assert!(
                !contains(&bytes, secret.as_bytes()),
                "{} holds the marker",
                file.display()
            );
        }
    }
    assert!(test.all_files().iter().any(|f| f.starts_with(&test.vault)));
}

#[test]
fn unknown_purposes_and_contradictory_export_flags_are_refused() {
    let test = shop();
    let id = add(&test, &["name=Jan"]);
    let before = test.vault_bytes();
    let stderr = fails_at(&test, T0, &["export", "--purpose", "marketing"], 1);
    assert!(
        stderr.contains("there is no purpose named `marketing`"),
        "{stderr}"
    );
    let stderr = fails_at(&test, T0, &["consent", "give", &id, "marketing"], 1);
    assert!(
        stderr.contains("hint: see `kluis purpose list`"),
        "{stderr}"
    );
    fails_at(
        &test,
        T0,
        &["consent", "withdraw", &id, "customer-admin"],
        1,
    );
    fails_at(
        &test,
        T0,
        &["export", "--subject", &id, "--format", "csv"],
        2,
    );
    fails_at(&test, T0, &["list", "--fields", "shoe_size"], 1);
    fails_at(&test, T0, &["show", "not-a-number"], 2);
    assert_eq!(test.vault_bytes(), before, "refusals change nothing");
    let stderr = fails_at(&test, T0, &["edit", "99", "name=Piet", "--json"], 1);
    // The line before the JSON error is the warning that KLUIS_NOW is set.
    let error = json(stderr.lines().last().unwrap());
    assert_eq!(error["exit_code"], 1);
    assert_eq!(error["error"], "there is no record 99");
}

#[cfg(unix)]
#[test]
fn export_out_over_an_existing_readable_file_makes_it_private() {
    use std::os::unix::fs::PermissionsExt;
    let test = shop();
    add(&test, &["name=Jan"]);
    let out = test.dir.path().join("old.json");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).unwrap();
    ok_at(
        &test,
        T0,
        &["export", "--subject", "1", "--out", out.to_str().unwrap()],
    );
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(std::fs::read_to_string(&out).unwrap().contains("\"Jan\""));
}

/// Until the twelfth session an export to a path that cannot be written saved its audit entry
/// first, so the log said the data had left when it had not, and the backup was rotated.
#[test]
fn an_export_to_a_path_that_cannot_be_written_logs_nothing() {
    let test = shop();
    add(&test, &["name=Jan"]);
    let before = test.vault_bytes();
    let missing = test.dir.path().join("no-such-folder/x.json");
    for args in [
        &["export", "--subject", "1"][..],
        &["export", "--purpose", "customer-admin", "--format", "csv"][..],
    ] {
        for out in [missing.as_path(), test.dir.path()] {
            let all = [args, &["--out", out.to_str().unwrap()][..]].concat();
            let failed = at(&test, T0, &all);
            assert_eq!(failed.status.code(), Some(1), "{all:?}");
            assert!(String::from_utf8_lossy(&failed.stderr).contains("cannot write"));
            assert_eq!(test.vault_bytes(), before, "{all:?}");
        }
    }
}

#[test]
fn edit_clearing_a_value_leaves_no_copy_of_it_in_the_backup() {
    let test = shop();
    add(&test, &["name=Jan", "phone=0612345678"]);
    ok_at(&test, T0, &["edit", "1", "email=jan@example.nl"]);
    ok_at(&test, T0, &["edit", "1", "phone="]);
    let mut backup = test.vault.clone().into_os_string();
    backup.push(".bak");
    let backup = super::support::decrypt_with_identity_file(
        std::path::Path::new(&backup),
        &test.recovery_key,
    );
    assert!(!contains(&backup, b"+31612345678"));
    assert!(!contains(
        &test.decrypt_with_recovery_key(),
        b"+31612345678"
    ));
}
