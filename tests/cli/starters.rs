//! `kluis init --starter`: each starter, with only the profile answered, gives an accepted
//! statement and a clean check.

use crate::support::{CHEAP_KDF, TestVault};

fn init(test: &TestVault, starter: &str) -> String {
    let recovery_key = test.recovery_key.to_str().unwrap();
    test.ok(&[
        &[
            "init",
            "--starter",
            starter,
            "--recovery-key-out",
            recovery_key,
        ][..],
        &CHEAP_KDF[..],
    ]
    .concat())
}

#[test]
fn each_starter_needs_only_the_profile_for_a_statement_and_a_clean_check() {
    for starter in ["webshop", "zzp", "salon", "club"] {
        let test = TestVault::empty();
        let out = init(&test, starter);
        assert!(
            out.contains(&format!("Declared the {starter} starter"))
                && out.contains("Next: kluis profile set"),
            "{starter}: {out}"
        );
        assert!(!out.contains("kluis purpose add"), "{starter}: {out}");
        test.fails(&["statement"], 1);
        test.ok(&[
            "profile",
            "set",
            "--name",
            "Studio Noor",
            "--email",
            "privacy@studionoor.example",
            "--address",
            "Kerkstraat 5, 1234 AB Ergens",
        ]);
        let statement = test.ok(&["statement"]);
        assert!(statement.contains("Studio Noor"), "{starter}");
        test.ok(&["statement", "--lang", "en"]);
        let check = test.ok(&["check"]);
        assert!(check.contains("\n0 error(s)"), "{starter}: {check}");
    }
}

#[test]
fn without_a_starter_the_vault_is_empty_and_json_names_the_starter() {
    let test = TestVault::empty();
    let out = init(&test, "none");
    assert!(out.contains("then kluis purpose add"), "{out}");
    assert_eq!(test.ok(&["purpose", "list", "--json"]).trim(), "[]");

    let test = TestVault::empty();
    let out = test
        .kluis()
        .args(["--json", "init", "--starter", "salon"])
        .args(CHEAP_KDF)
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["starter"], "salon");
    let purposes: serde_json::Value =
        serde_json::from_str(&test.ok(&["purpose", "list", "--json"])).unwrap();
    assert_eq!(purposes.as_array().unwrap().len(), 3);
}

#[test]
fn an_unknown_starter_is_a_usage_error_and_creates_nothing() {
    let test = TestVault::empty();
    let stderr = test.fails(&["init", "--starter", "bakery"], 2);
    assert!(stderr.contains("webshop"), "{stderr}");
    assert!(!test.vault.exists());
}
