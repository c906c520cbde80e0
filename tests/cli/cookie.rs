//! `kluis cookie add|edit|list|remove`, and what the statement makes of declared cookies,
//! subjects, minors and data kept outside the vault.

use serde_json::Value;

use crate::support::TestVault;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn add_ga(test: &TestVault) {
    test.ok(&[
        "cookie",
        "add",
        "_ga",
        "--provider",
        "Google",
        "--kind",
        "analytics",
        "--retention",
        "13M",
        "--country",
        "us",
        "--purpose-text",
        "Bezoek aan de website meten",
    ]);
}

#[test]
fn cookie_add_list_edit_and_remove() {
    let test = TestVault::new();
    assert!(test.ok(&["cookie", "list"]).contains("No cookies declared"));
    add_ga(&test);
    let listed = json(&test.ok(&["cookie", "list", "--json"]));
    assert_eq!(listed[0]["name"], "_ga");
    assert_eq!(listed[0]["kind"], "analytics");
    assert_eq!(listed[0]["retention"], "13m");
    assert_eq!(listed[0]["country"], "US");
    assert_eq!(listed[0]["purpose_text_en"], Value::Null);
    assert_eq!(
        test.ok(&["cookie", "list"]),
        "_ga  analytics  Google  13m  US  -  consent not declared\n"
    );
    test.ok(&[
        "cookie",
        "edit",
        "_ga",
        "--purpose-text-en",
        "Measuring visits to the website",
    ]);
    let listed = json(&test.ok(&["cookie", "list", "--json"]));
    assert_eq!(
        listed[0]["purpose_text_en"],
        "Measuring visits to the website"
    );
    let removed = json(&test.ok(&["cookie", "remove", "_ga", "--json"]));
    assert_eq!(removed["action"], "removed");
    assert_eq!(json(&test.ok(&["cookie", "list", "--json"])), json("[]"));
    let gone = test.fails(&["cookie", "remove", "_ga"], 1);
    assert!(gone.contains("there is no cookie `_ga`"));
}

#[test]
fn cookie_add_refuses_a_bad_country_retention_or_kind() {
    let test = TestVault::new();
    let base = [
        "cookie",
        "add",
        "_ga",
        "--provider",
        "Google",
        "--kind",
        "analytics",
        "--purpose-text",
        "Meten",
    ];
    let with = |extra: &[&'static str]| -> Vec<&'static str> { [&base[..], extra].concat() };
    let uk = test.fails(&with(&["--retention", "13m", "--country", "UK"]), 1);
    assert!(uk.contains("not an ISO 3166-1 alpha-2 code"), "{uk}");
    assert!(uk.contains("GB"), "{uk}");
    let nowhere = test.fails(&with(&["--retention", "13m", "--country", "XX"]), 1);
    assert!(nowhere.contains("--country"), "{nowhere}");
    let forever = test.fails(&with(&["--retention", "forever"]), 1);
    assert!(forever.contains("session"), "{forever}");
    test.fails(
        &[
            "cookie",
            "add",
            "x",
            "--provider",
            "P",
            "--kind",
            "tracking",
            "--retention",
            "1y",
            "--purpose-text",
            "T",
        ],
        2,
    );
    assert_eq!(json(&test.ok(&["cookie", "list", "--json"])), json("[]"));
}

#[test]
fn statement_lists_declared_cookies_people_and_data_elsewhere() {
    let test = TestVault::new();
    test.ok(&[
        "profile",
        "set",
        "--name",
        "Sportclub",
        "--email",
        "privacy@club.nl",
        "--address",
        "Veldweg 1, 1234 AB Ergens",
    ]);
    test.ok(&[
        "purpose",
        "add",
        "photos",
        "--basis",
        "consent",
        "--description",
        "Foto's van wedstrijden publiceren",
        "--retention",
        "2y",
        "--subjects",
        "leden",
        "--minors",
        "--category",
        "Foto's op onze website",
        "--no-recipients",
    ]);
    let before = test.ok(&["statement", "--draft"]);
    assert!(!before.contains("## Cookies"));
    add_ga(&test);
    let nl = test.ok(&["statement", "--draft"]);
    assert!(nl.contains("Deze verklaring is voor onze leden."));
    assert!(nl.contains("## Cookies"));
    assert!(nl.contains("We plaatsen deze cookies alleen als u daar toestemming voor geeft."));
    assert!(nl.contains("## Kinderen"));
    assert!(nl.contains("Foto's op onze website"));
    // The promise of the consent group is the user's declaration, cookie by cookie.
    let gap = "ONTBREEKT: of de website eerst om toestemming vraagt";
    assert!(nl.contains(gap), "{nl}");
    let refused = test.fails(&["statement"], 1);
    assert!(
        refused.contains("kluis cookie edit _ga --consent-asked"),
        "{refused}"
    );
    test.ok(&["cookie", "edit", "_ga", "--consent-asked"]);
    assert_eq!(
        json(&test.ok(&["cookie", "list", "--json"]))[0]["consent_asked"],
        true
    );
    let nl = test.ok(&["statement", "--draft"]);
    assert!(!nl.contains(gap), "{nl}");
    let refused = test.fails(&["statement"], 1);
    assert!(!refused.contains("--consent-asked"), "{refused}");

    // Google in the United States receives the visitor's data: a transfer, whose safeguard the
    // statement names once it is declared.
    assert!(
        refused.contains("`kluis cookie edit _ga --safeguard dpf`"),
        "{refused}"
    );
    let wrong = test.fails(&["cookie", "edit", "_ga", "--safeguard", "derogation"], 1);
    assert!(wrong.contains("not for cookies"), "{wrong}");
    test.ok(&["cookie", "edit", "_ga", "--safeguard", "dpf"]);
    assert_eq!(
        json(&test.ok(&["cookie", "list", "--json"]))[0]["safeguard"],
        "dpf"
    );
    let nl = test.ok(&["statement", "--draft"]);
    assert!(
        nl.contains("buiten de EER. De aanbieder krijgt daar gegevens van uw bezoek, op grond van het EU-VS Data Privacy Framework"),
        "{nl}"
    );
    assert!(!test.fails(&["statement"], 1).contains("--safeguard"));
    test.ok(&["cookie", "edit", "_ga", "--no-safeguard"]);
    assert_eq!(
        json(&test.ok(&["cookie", "list", "--json"]))[0]["safeguard"],
        Value::Null
    );
    let en = test.ok(&["statement", "--draft", "--lang", "en"]);
    for dutch in ["leden", "Bezoek aan de website", "Foto's op onze website"] {
        assert!(!en.contains(dutch), "{dutch} in {en}");
    }
    let refused = test.fails(&["statement", "--lang", "en"], 1);
    assert!(
        refused.contains("kluis cookie edit _ga --purpose-text-en"),
        "{refused}"
    );
    assert!(
        refused.contains("kluis purpose edit photos --subjects-en"),
        "{refused}"
    );
    assert!(refused.contains("--category-en"), "{refused}");
}

#[test]
fn an_english_category_without_its_dutch_text_is_refused_and_pairs_are_kept() {
    let test = TestVault::new();
    let add = |extra: &[&str]| {
        let mut args = vec![
            "purpose",
            "add",
            "camera",
            "--basis",
            "contract",
            "--description",
            "Winkel beveiligen",
            "--retention",
            "28d",
            "--category",
            "Camerabeelden",
            "--category-en",
            "Camera images",
        ];
        args.extend_from_slice(extra);
        args.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let refused_args = add(&["--category-en", "Logs"]);
    let refused_args: Vec<&str> = refused_args.iter().map(String::as_str).collect();
    let refused = test.fails(&refused_args, 2);
    assert!(refused.contains("category 2"), "{refused}");
    assert!(
        refused.contains("give each --category-en after"),
        "{refused}"
    );
    let ok_args = add(&[]);
    let ok_args: Vec<&str> = ok_args.iter().map(String::as_str).collect();
    test.ok(&ok_args);
    let shown = test.ok(&["purpose", "show", "camera"]);
    assert!(shown.contains("Camerabeelden"), "{shown}");
    assert!(shown.contains("Camera images"), "{shown}");
}
