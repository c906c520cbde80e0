//! First contact: `profile set --statement-url`, `kluis snippet footer|form`, the modes of
//! written documents, and `purpose move`.

use std::os::unix::fs::PermissionsExt;

use crate::support::TestVault;

fn shop() -> TestVault {
    let test = TestVault::new();
    test.ok(&[
        "profile",
        "set",
        "--name",
        "Bakkerij Jansen",
        "--email",
        "privacy@jansen.nl",
        "--address",
        "Dorpsstraat 1",
    ]);
    for args in [
        &[
            "purpose",
            "add",
            "customer-admin",
            "--basis",
            "contract",
            "--description",
            "Bestellingen leveren",
            "--retention",
            "2y",
            "--no-recipients",
            "--profiling",
            "none",
        ][..],
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
            "--no-recipients",
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
            "--label",
            "E-mailadres",
            "--required",
        ],
    ] {
        test.ok(args);
    }
    test
}

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn snippets_need_the_statement_url_then_link_to_it() {
    let test = shop();
    let error = test.fails(&["snippet", "footer"], 1);
    assert!(
        error.contains("kluis profile set --statement-url"),
        "{error}"
    );
    test.fails(
        &["profile", "set", "--statement-url", "jansen.nl/privacy"],
        2,
    );
    test.ok(&[
        "profile",
        "set",
        "--statement-url",
        "https://jansen.nl/privacy",
    ]);
    assert!(
        test.ok(&["profile", "show"])
            .contains("https://jansen.nl/privacy")
    );
    let footer = test.ok(&["snippet", "footer"]);
    assert_eq!(
        footer,
        "Lees hoe we met uw gegevens omgaan: https://jansen.nl/privacy\n"
    );
    let form = test.ok(&["snippet", "form", "--purpose", "customer-admin"]);
    assert!(form.contains("type=\"email\""), "{form}");
    assert!(form.contains("name=\"consent-newsletter\""), "{form}");
    let out = test.dir.path().join("form.html");
    test.ok(&[
        "snippet",
        "form",
        "--purpose",
        "customer-admin",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(mode(&out), 0o644);
    test.ok(&["profile", "set", "--statement-url", ""]);
    test.fails(&["snippet", "footer"], 1);
}

#[test]
fn the_statement_is_written_public_and_the_register_internal() {
    let test = shop();
    let statement = test.dir.path().join("privacy.md");
    let register = test.dir.path().join("register.md");
    test.ok(&["statement", "--draft", "--out", statement.to_str().unwrap()]);
    test.ok(&["register", "--out", register.to_str().unwrap()]);
    assert_eq!(mode(&statement), 0o644);
    assert_eq!(mode(&register), 0o600);
}

#[test]
fn purposes_move_and_the_statement_follows() {
    let test = shop();
    let out = test.ok(&[
        "purpose",
        "move",
        "newsletter",
        "--before",
        "customer-admin",
    ]);
    assert!(out.contains("newsletter, customer-admin"), "{out}");
    let statement = test.ok(&["statement", "--draft"]);
    let newsletter = statement.find("Nieuwsbrief sturen").unwrap();
    let admin = statement.find("Bestellingen leveren").unwrap();
    assert!(newsletter < admin, "{statement}");
    test.ok(&["purpose", "move", "newsletter", "--to", "2"]);
    test.fails(&["purpose", "move", "newsletter", "--to", "3"], 1);
    test.fails(&["purpose", "move", "newsletter"], 2);
}

#[test]
fn a_legal_obligation_without_a_law_and_a_required_consent_field_are_refused() {
    let test = shop();
    let error = test.fails(
        &[
            "purpose",
            "add",
            "bookkeeping",
            "--basis",
            "legal-obligation",
            "--description",
            "Administratie",
            "--retention",
            "7y",
        ],
        1,
    );
    assert!(error.contains("needs --law"), "{error}");
    let error = test.fails(
        &[
            "field",
            "add",
            "hobby",
            "--type",
            "text",
            "--purpose",
            "newsletter",
            "--label",
            "Hobby",
            "--required",
        ],
        1,
    );
    assert!(error.contains("cannot be --required"), "{error}");
}
