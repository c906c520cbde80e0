//! `profile`, `purpose` and `field`: the happy path, and every rule refused with its exit code.

use serde_json::Value;

use crate::support::{TestVault, strings};

const SET_PROFILE: &str = "profile set --name 'Bakkerij Jansen' --email privacy@Jansen.NL \
    --address 'Dorpsstraat 1, 1234 AB Ergens'";

/// Splits a command line into arguments; single quotes group words, as in a shell.
fn words(line: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut current: Option<String> = None;
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                current.get_or_insert_with(String::new);
            }
            c if c.is_whitespace() && !quoted => args.extend(current.take()),
            c => current.get_or_insert_with(String::new).push(c),
        }
    }
    assert!(!quoted, "unbalanced quote in {line}");
    args.extend(current);
    args
}

fn ok(test: &TestVault, line: &str) -> String {
    let args = words(line);
    test.ok(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// A vault with the four purposes and a payroll purpose under a law.
fn shop() -> TestVault {
    let test = TestVault::new();
    ok(
        &test,
        "purpose add customer-admin --basis contract --description 'Orders leveren en factureren' --retention 2y",
    );
    ok(
        &test,
        "purpose add newsletter --basis consent --description 'Nieuwsbrief sturen' --retention 2y",
    );
    ok(
        &test,
        "purpose add bookkeeping --basis legal-obligation --law 'AWR art. 52' --description 'Fiscale bewaarplicht' --retention 7y",
    );
    ok(
        &test,
        "purpose add payroll --basis legal-obligation --law 'Wet LB 1964 art. 28' --description Loonadministratie --retention 7y",
    );
    ok(
        &test,
        "purpose add fraud --basis legitimate-interests --interest 'Fraude voorkomen' --description Fraudecontrole --retention 1y",
    );
    ok(
        &test,
        "recipient add 'Boekhouder Jansen' --purpose bookkeeping --role processor --country NL",
    );
    ok(
        &test,
        "recipient add Riskified --purpose fraud --role processor --country US --safeguard dpf",
    );
    test
}

/// Runs a command that must be refused with `code`, checks the vault file did not change,
/// and returns stderr.
fn refused(test: &TestVault, line: &str, code: i32) -> String {
    let args = words(line);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let before = test.vault_bytes();
    let stderr = test.fails(&args, code);
    assert_eq!(
        test.vault_bytes(),
        before,
        "kluis {args:?} changed the vault"
    );
    stderr
}

#[test]
fn a_small_shop_sets_up_its_schema() {
    let test = shop();
    ok(&test, SET_PROFILE);
    ok(&test, "profile set --kvk 12345678 --phone 020-1234567");
    let profile = json(&ok(&test, "profile show --json"));
    assert_eq!(profile["name"], "Bakkerij Jansen");
    assert_eq!(profile["email"], "privacy@jansen.nl");
    assert_eq!(profile["phone"], "+31201234567");
    assert_eq!(profile["kvk"], "12345678");

    ok(
        &test,
        "field add email --type email --purpose customer-admin --purpose newsletter --label E-mailadres --label-en 'E-mail address'",
    );
    ok(
        &test,
        "field add name --type text --purpose customer-admin --purpose bookkeeping --required",
    );
    ok(
        &test,
        "field add allergies --type text --purpose customer-admin --special health --art9 explicit-consent --source subject",
    );
    ok(&test, "field add bsn --type bsn --purpose payroll");

    let fields = json(&ok(&test, "field list --json"));
    let names = strings(&fields, "name");
    assert_eq!(names, ["allergies", "bsn", "email", "name"]);
    let email = json(&ok(&test, "field show email --json"));
    assert_eq!(email["type"], "email");
    assert_eq!(
        email["purposes"],
        serde_json::json!(["customer-admin", "newsletter"])
    );
    assert_eq!(email["label_en"], "E-mail address");
    assert_eq!(email["values"], 0);
    let allergies = json(&ok(&test, "field show allergies --json"));
    assert_eq!(allergies["special"], "health");
    assert_eq!(allergies["art9"], "explicit-consent");

    let purposes = json(&ok(&test, "purpose list --json"));
    assert_eq!(purposes.as_array().unwrap().len(), 5);
    let bookkeeping = json(&ok(&test, "purpose show bookkeeping --json"));
    assert_eq!(bookkeeping["basis"], "legal-obligation");
    assert_eq!(bookkeeping["retention_period"], "7y");
    assert_eq!(
        bookkeeping["recipients"],
        serde_json::json!(["Boekhouder Jansen"])
    );
    assert_eq!(bookkeeping["fields"], serde_json::json!(["name"]));
    let fraud = json(&ok(&test, "purpose show fraud --json"));
    assert_eq!(fraud["interest"], "Fraude voorkomen");

    let human = ok(&test, "purpose list");
    assert!(
        human.contains("customer-admin") && human.contains("legal-obligation"),
        "{human}"
    );
    let human = ok(&test, "field show allergies");
    assert!(human.contains("explicit-consent, Art. 9(2)(a)"), "{human}");

    ok(&test, "purpose edit newsletter --retention 18m");
    let newsletter = json(&ok(&test, "purpose show newsletter --json"));
    assert_eq!(newsletter["retention_period"], "18m");

    ok(&test, "field remove allergies --yes");
    ok(&test, "purpose remove fraud");
    let purposes = json(&ok(&test, "purpose list --json"));
    assert_eq!(purposes.as_array().unwrap().len(), 4);
}

#[test]
fn help_shows_examples() {
    let test = TestVault::empty();
    for group in ["profile", "purpose", "field"] {
        let help = ok(&test, &format!("{group} --help"));
        assert!(help.contains(&format!("kluis {group} ")), "{help}");
    }
}

#[test]
fn profile_rules() {
    let test = TestVault::new();
    assert!(ok(&test, "profile show").contains("No controller profile"));
    assert_eq!(ok(&test, "profile show --json").trim(), "null");
    let stderr = refused(&test, "profile set --name 'Bakkerij Jansen'", 2);
    assert!(
        stderr.contains("--email, --address must be given"),
        "{stderr}"
    );
    let bad_email = SET_PROFILE.replace("privacy@Jansen.NL", "privacy-at-jansen.nl");
    let stderr = refused(&test, &bad_email, 2);
    assert!(
        stderr.contains("--email is not a valid e-mail address: missing '@'"),
        "{stderr}"
    );
    assert!(!stderr.contains("privacy-at-jansen"), "{stderr}");
    ok(&test, SET_PROFILE);
    refused(&test, "profile set --name ' '", 2);
    refused(&test, "profile set --kvk 123", 2);
    refused(&test, "profile set --dpo-name 'P. de Vries'", 2);
}

#[test]
fn purpose_rules() {
    let test = shop();
    // Usage errors, refused by the argument parser.
    refused(
        &test,
        "purpose add other --basis gut-feeling --description x --retention 1y",
        2,
    );
    refused(&test, "purpose add other --description x --retention 1y", 2);
    refused(
        &test,
        "purpose add other --basis contract --retention 1y",
        2,
    );
    let stderr = refused(
        &test,
        "purpose add other --basis contract --description x --retention 7w",
        2,
    );
    assert!(stderr.contains("7y, 18m or 90d"), "{stderr}");

    // Rules of the data model.
    let stderr = refused(
        &test,
        "purpose add other --basis contract --description ' ' --retention 1y",
        1,
    );
    assert!(stderr.contains("needs a description"), "{stderr}");
    let stderr = refused(
        &test,
        "purpose add other --basis contract --description x",
        1,
    );
    assert!(stderr.contains("--retention-from"), "{stderr}");
    let stderr = refused(
        &test,
        "purpose add other --basis legitimate-interests --description x --retention 1y",
        1,
    );
    assert!(stderr.contains("needs --interest"), "{stderr}");
    refused(
        &test,
        "purpose add other --basis consent --interest x --description x --retention 1y",
        1,
    );
    let stderr = refused(
        &test,
        "purpose add newsletter --basis consent --description x --retention 1y",
        1,
    );
    assert!(stderr.contains("already exists"), "{stderr}");
    let stderr = refused(
        &test,
        "purpose add Nieuwsbrief --basis consent --description x --retention 1y",
        1,
    );
    assert!(stderr.contains("lowercase"), "{stderr}");

    // A note explains a retention, never replaces it (regression: "zo lang als nodig").
    for note in ["zo lang als nodig", "permanent", "n.v.t.", "-"] {
        let stderr = refused(
            &test,
            &format!(
                "purpose add other --basis contract --description x --retention-note '{note}'"
            ),
            1,
        );
        assert!(stderr.contains("does not replace it"), "{stderr}");
        assert!(
            stderr.contains("--retention 2y --retention-from"),
            "{stderr}"
        );
    }
    // An event alone, where the basis has it.
    ok(
        &test,
        "purpose add other --basis contract --description x --retention-from end-of-contract --retention-note 'daarna een maand'",
    );
    let stderr = refused(
        &test,
        "purpose add other2 --basis contract --description x --retention-from consent-withdrawn",
        1,
    );
    assert!(stderr.contains("consent-withdrawn alone"), "{stderr}");

    ok(&test, "field add email --type email --purpose newsletter");
    let stderr = refused(&test, "purpose remove newsletter", 1);
    assert!(stderr.contains("still used by fields email"), "{stderr}");
    refused(&test, "purpose remove nonexistent", 1);
    refused(&test, "purpose show nonexistent", 1);
}

#[test]
fn field_rules() {
    let test = shop();
    let stderr = refused(&test, "field add email --type email", 1);
    assert!(stderr.contains("needs at least one purpose"), "{stderr}");
    let stderr = refused(&test, "field add email --type email --purpose marketing", 1);
    assert!(
        stderr.contains("purpose `marketing`, which does not exist"),
        "{stderr}"
    );
    refused(
        &test,
        "field add email --type e-mail --purpose newsletter",
        2,
    );
    refused(&test, "field add email --purpose newsletter", 2);
    refused(&test, "field add id --type text --purpose newsletter", 1);

    let stderr = refused(
        &test,
        "field add religion --type text --purpose customer-admin --special religion",
        1,
    );
    assert!(stderr.contains("needs an Art. 9(2) exception"), "{stderr}");
    refused(
        &test,
        "field add religion --type text --purpose customer-admin --special religion --art9 because",
        2,
    );
    refused(
        &test,
        "field add note --type text --purpose customer-admin --art9 explicit-consent",
        1,
    );
    refused(
        &test,
        "field add x --type text --purpose customer-admin --special sexual",
        2,
    );
    ok(
        &test,
        "field add religion --type text --purpose customer-admin --special religion --art9 not-for-profit",
    );
    refused(
        &test,
        "field add religion --type text --purpose customer-admin",
        1,
    );
}

#[test]
fn a_bsn_needs_a_legal_obligation_with_a_law() {
    let test = shop();
    // Consent never makes a BSN lawful, nor does a contract, nor one lawful purpose next to
    // another. (A legal obligation without a law can no longer be declared.)
    for purposes in [
        "--purpose newsletter",
        "--purpose customer-admin",
        "--purpose payroll --purpose newsletter",
    ] {
        for (name, field_type) in [("bsn", "bsn"), ("citizen-number", "bsn")] {
            let line = format!("field add {name} --type {field_type} {purposes}");
            let stderr = refused(&test, &line, 1);
            assert!(stderr.contains("citizen service numbers (BSN)"), "{stderr}");
            assert!(
                stderr.contains("consent does not make it lawful"),
                "{stderr}"
            );
        }
    }
    ok(&test, "field add bsn --type bsn --purpose payroll");
    // A legal obligation always names its law, so the law a BSN relies on cannot go.
    let stderr = refused(&test, "purpose edit payroll --law ''", 1);
    assert!(stderr.contains("--law"), "{stderr}");
}

#[test]
fn bsn_rule_cannot_be_bypassed_by_burgerservicenummer_bsn_nummer_or_sofinummer() {
    let test = shop();
    for add in [
        "field add burgerservicenummer --type text --purpose payroll",
        "field add bsn_nummer --type text --purpose customer-admin",
        "field add sofinummer --type number --purpose payroll",
        "field add klant --type text --purpose payroll --label 'Burgerservicenummer (BSN)'",
        "field add klant --type text --purpose payroll --label-en 'Citizen service number'",
    ] {
        let stderr = refused(&test, add, 1);
        assert!(
            stderr.contains("is named as a citizen service number (BSN)"),
            "{add}: {stderr}"
        );
        assert!(stderr.contains("--type bsn"), "{add}: {stderr}");
    }
    // Typed bsn, the law rule applies as for a field named `bsn`.
    let stderr = refused(
        &test,
        "field add bsn_nummer --type bsn --purpose newsletter",
        1,
    );
    assert!(
        stderr.contains("consent does not make it lawful"),
        "{stderr}"
    );
    ok(
        &test,
        "field add bsn_nummer --type bsn --purpose payroll --label 'Burgerservicenummer (BSN)'",
    );
    ok(
        &test,
        "field add email --type email --purpose customer-admin",
    );
    let stderr = refused(&test, "field edit email --label 'Sofi-nummer'", 1);
    assert!(
        stderr.contains("field `email` is named as a citizen service number"),
        "{stderr}"
    );
    let fields = json(&ok(&test, "field list --json"));
    let names = strings(&fields, "name");
    assert!(!names.contains(&"burgerservicenummer"), "{names:?}");
}

#[test]
fn removing_a_field_needs_yes() {
    let test = shop();
    ok(
        &test,
        "field add phone --type phone --purpose customer-admin",
    );
    let stderr = refused(&test, "field remove phone", 2);
    assert!(stderr.contains("add --yes"), "{stderr}");
    assert!(ok(&test, "field show phone").contains("phone"));
    let out = json(&ok(&test, "field remove phone --yes --json"));
    assert_eq!(out["erased_values"], 0);
    refused(&test, "field show phone", 1);
    refused(&test, "field remove phone --yes", 1);
}

#[test]
fn editing_a_field_keeps_its_values() {
    let test = shop();
    ok(
        &test,
        "field add phone --type phone --purpose customer-admin --label Telefoon",
    );
    let id = ok(&test, "add phone=0612345678").trim().to_owned();
    let out = ok(
        &test,
        "field edit phone --label Telefoonnummer --label-en 'Phone number' --required \
         --add-purpose fraud --source third-party --source-note Webshop",
    );
    assert!(out.contains("Its values are kept"), "{out}");
    let phone = json(&ok(&test, "field show phone --json"));
    assert_eq!(phone["label"], "Telefoonnummer");
    assert_eq!(phone["label_en"], "Phone number");
    assert_eq!(phone["required"], true);
    assert_eq!(phone["source"], "third-party");
    assert_eq!(phone["source_note"], "Webshop");
    assert_eq!(
        phone["purposes"],
        serde_json::json!(["customer-admin", "fraud"])
    );
    assert_eq!(phone["values"], 1);
    let record = json(&ok(&test, &format!("show {id} --json")));
    assert_eq!(record["phone"], "+31612345678");

    let out = json(&ok(
        &test,
        "field edit phone --label-en '' --optional --remove-purpose fraud --json",
    ));
    assert_eq!(
        out["changed"],
        serde_json::json!(["label-en", "required", "purposes"])
    );
    let phone = json(&ok(&test, "field show phone --json"));
    assert_eq!(phone["label_en"], serde_json::Value::Null);
    assert_eq!(phone["required"], false);

    let log = json(&ok(&test, "log --json"));
    let edits: Vec<&serde_json::Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "field.edit")
        .collect();
    assert_eq!(edits.len(), 2);
    assert_eq!(edits[1]["detail"], "label-en,required,purposes");
    let text = log.to_string();
    assert!(
        !text.contains("612345678") && !text.contains("Webshop"),
        "{text}"
    );
}

#[test]
fn a_refused_field_edit_leaves_the_vault_untouched() {
    let test = shop();
    ok(
        &test,
        "field add phone --type phone --purpose customer-admin",
    );
    ok(&test, "field add bsn --type bsn --purpose payroll");
    ok(&test, "add phone=0612345678");

    let stderr = refused(&test, "field edit phone --type text", 2);
    assert!(
        stderr.contains("cannot change from phone to text"),
        "{stderr}"
    );
    assert!(stderr.contains("normalised for the old type"), "{stderr}");
    let stderr = refused(&test, "field edit phone", 2);
    assert!(stderr.contains("nothing to change"), "{stderr}");
    let stderr = refused(&test, "field edit phone --remove-purpose customer-admin", 1);
    assert!(stderr.contains("needs at least one purpose"), "{stderr}");
    let stderr = refused(&test, "field edit phone --add-purpose marketing", 1);
    assert!(stderr.contains("does not exist"), "{stderr}");
    let stderr = refused(&test, "field edit phone --remove-purpose newsletter", 1);
    assert!(
        stderr.contains("does not serve purpose `newsletter`"),
        "{stderr}"
    );
    let stderr = refused(&test, "field edit phone --special health", 1);
    assert!(stderr.contains("needs an Art. 9(2) exception"), "{stderr}");
    refused(&test, "field edit phone --art9 explicit-consent", 1);
    refused(
        &test,
        "field edit phone --no-special --art9 explicit-consent",
        2,
    );
    refused(&test, "field edit phone --required --optional", 2);
    let stderr = refused(&test, "field edit bsn --add-purpose newsletter", 1);
    assert!(stderr.contains("citizen service numbers (BSN)"), "{stderr}");
    refused(&test, "field edit missing --required", 1);

    ok(
        &test,
        "field edit phone --special health --art9 explicit-consent",
    );
    let phone = json(&ok(&test, "field show phone --json"));
    assert_eq!(phone["special"], "health");
    assert_eq!(phone["values"], 1);
    ok(&test, "field edit phone --no-special");
    let output = test
        .kluis()
        .args(["field", "edit", "bsn", "--required"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("note: 1 record(s) have no value for `bsn`"),
        "{stderr}"
    );
    assert_eq!(
        json(&ok(&test, "field show phone --json"))["special"],
        serde_json::Value::Null
    );
}

/// Issue 13: an owner types the Dutch words for the basis and the retention unit.
#[test]
fn dutch_words_for_basis_and_retention_are_accepted() {
    let test = TestVault::new();
    test.ok(&[
        "purpose",
        "add",
        "klanten",
        "--basis",
        "overeenkomst",
        "--profiling",
        "none",
        "--description",
        "Klantadministratie",
        "--retention",
        "2jaar",
    ]);
    let shown = test.ok(&["purpose", "show", "klanten", "--json"]);
    assert!(shown.contains("\"contract\""), "{shown}");
    assert!(shown.contains("2y"), "{shown}");
}
