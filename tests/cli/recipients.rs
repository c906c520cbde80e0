//! `kluis recipient add|list|remove`: the round trip, the transfer rules, and the statement.

use serde_json::Value;

use crate::support::TestVault;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// A vault with a profile, a newsletter and bookkeeping purpose, and one field for each.
fn shop() -> TestVault {
    let test = TestVault::new();
    test.ok(&[
        "profile",
        "set",
        "--name",
        "Bakkerij Jansen",
        "--email",
        "privacy@bakkerijjansen.nl",
        "--address",
        "Dorpsstraat 1, 1234 AB Ergens",
    ]);
    test.add_purpose_with_text_fields("newsletter", &["email"]);
    test.add_purpose_with_text_fields("bookkeeping", &["name"]);
    test
}

fn add(test: &TestVault, args: &[&str]) -> String {
    test.ok(&[&["recipient", "add"][..], args].concat())
}

#[test]
fn recipients_round_trip_with_json() {
    let test = shop();
    let added = json(&add(
        &test,
        &[
            "Boekhouder Jansen, Smit en Zn",
            "--purpose",
            "bookkeeping",
            "--purpose",
            "newsletter",
            "--role",
            "processor",
            "--country",
            "nl",
            "--json",
        ],
    ));
    assert_eq!(added["action"], "added");
    assert_eq!(added["recipient"]["country"], "NL");
    add(
        &test,
        &[
            "Mailchimp",
            "--purpose",
            "newsletter",
            "--role",
            "processor",
            "--country",
            "US",
            "--safeguard",
            "dpf",
        ],
    );
    let list = json(&test.ok(&["recipient", "list", "--json"]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["name"], "Boekhouder Jansen, Smit en Zn");
    assert_eq!(list[1]["safeguard"], "dpf");
    assert_eq!(list[1]["role"], "processor");
    let human = test.ok(&["recipient", "list"]);
    assert!(
        human.contains("Mailchimp  processor in United States, safeguard dpf"),
        "{human}"
    );

    let removed = json(&test.ok(&[
        "recipient",
        "remove",
        "Boekhouder Jansen, Smit en Zn",
        "--purpose",
        "newsletter",
        "--json",
    ]));
    assert_eq!(removed["removed"], "purpose");
    let list = json(&test.ok(&["recipient", "list", "--json"]));
    assert_eq!(list[0]["purposes"], serde_json::json!(["bookkeeping"]));
    test.ok(&["recipient", "remove", "Mailchimp"]);
    let list = json(&test.ok(&["recipient", "list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    test.fails(&["recipient", "remove", "Mailchimp"], 1);
}

#[test]
fn transfers_without_an_adequate_safeguard_are_refused_with_a_hint() {
    let test = shop();
    let base = ["X", "--purpose", "newsletter", "--role", "processor"];
    let cases: &[(&[&str], &str)] = &[
        (&["--country", "US"], "needs --safeguard"),
        (
            &["--country", "US", "--safeguard", "adequacy"],
            "no adequacy decision",
        ),
        (&["--country", "DE", "--safeguard", "scc"], "inside the EEA"),
        (&["--country", "UK"], "did you mean --country GB?"),
        (
            &["--country", "IN", "--safeguard", "scc"],
            "--safeguard-copy",
        ),
        (&["--country", "CN", "--safeguard", "derogation"], "--note"),
    ];
    for (args, says) in cases {
        let before = test.vault_bytes();
        let stderr = test.fails(&[&["recipient", "add"][..], &base, args].concat(), 2);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(stderr.contains("hint"), "{args:?}: {stderr}");
        assert_eq!(test.vault_bytes(), before);
    }
    // "VS: geen" cannot even be typed: the safeguard is one of five names.
    test.fails(
        &[
            &["recipient", "add"][..],
            &base,
            &["--country", "US", "--safeguard", "geen"],
        ]
        .concat(),
        2,
    );
}

#[test]
fn the_statement_shows_declared_recipients_and_refuses_undeclared_ones() {
    let test = shop();
    let stderr = test.fails(&["statement"], 1);
    assert!(
        stderr.contains(
            "kluis recipient add NAME --purpose newsletter --role processor --country NL"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("kluis purpose edit bookkeeping --no-recipients"),
        "{stderr}"
    );
    test.ok(&["purpose", "edit", "bookkeeping", "--no-recipients"]);
    add(
        &test,
        &[
            "Mailchimp",
            "--purpose",
            "newsletter",
            "--role",
            "processor",
            "--country",
            "US",
            "--safeguard",
            "dpf",
        ],
    );
    let nl = test.ok(&["statement"]);
    assert!(
        nl.contains("Mailchimp (verwerker, Verenigde Staten)"),
        "{nl}"
    );
    assert!(
        nl.contains("Mailchimp (Verenigde Staten): op grond van het EU-VS Data Privacy Framework")
    );
    assert!(nl.contains("We geven deze gegevens aan niemand buiten ons bedrijf."));
    let en = test.ok(&["statement", "--lang", "en"]);
    assert!(en.contains("Mailchimp (processor, United States)"), "{en}");
    assert!(!en.contains("Verenigde Staten"));

    // A recipient on the bookkeeping purpose clears its "no recipients" declaration.
    add(
        &test,
        &[
            "Belastingdienst",
            "--purpose",
            "bookkeeping",
            "--role",
            "authority",
            "--country",
            "NL",
        ],
    );
    let shown = json(&test.ok(&["purpose", "show", "bookkeeping", "--json"]));
    assert_eq!(shown["no_recipients"], false);
    let nl = test.ok(&["statement"]);
    assert!(nl.contains("Belastingdienst (overheidsinstantie, Nederland)"));
    assert!(!nl.contains("niemand buiten"), "{nl}");
    let refused = test.fails(&["purpose", "edit", "bookkeeping", "--no-recipients"], 1);
    assert!(
        refused.contains("kluis recipient remove \"Belastingdienst\" --purpose bookkeeping"),
        "{refused}"
    );
}

#[test]
fn the_age_keys_are_kluis_key() {
    let test = TestVault::new();
    let list = test.ok(&["key", "list"]);
    assert!(list.contains("No added keys"), "{list}");
}
