//! `kluis statement`, `statement publish|diff|profiling` and `kluis register`.

use crate::support::TestVault;

/// A vault with the small-shop schema of issue 3, set up through the CLI.
fn bakery() -> TestVault {
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
        "--kvk",
        "12345678",
    ]);
    test.ok(&[
        "purpose",
        "add",
        "customer-admin",
        "--basis",
        "contract",
        "--profiling",
        "none",
        "--description",
        "Bestellingen leveren en factureren",
        "--description-en",
        "Delivering and invoicing orders",
        "--retention",
        "2y",
    ]);
    test.ok(&[
        "purpose",
        "add",
        "newsletter",
        "--basis",
        "consent",
        "--profiling",
        "none",
        "--description",
        "Nieuwsbrief sturen",
        "--description-en",
        "Sending a newsletter",
        "--retention-from",
        "consent-withdrawn",
        "--retention-note",
        "Onder elke nieuwsbrief staat een link om af te melden",
        "--retention-note-en",
        "Every newsletter has a link to unsubscribe",
    ]);
    test.ok(&[
        "purpose",
        "add",
        "bookkeeping",
        "--basis",
        "legal-obligation",
        "--profiling",
        "none",
        "--law",
        "AWR art. 52",
        "--law-en",
        "General Tax Act s. 52",
        "--description",
        "Fiscale bewaarplicht",
        "--description-en",
        "Keeping the tax records",
        "--retention",
        "7y",
        "--no-recipients",
    ]);
    test.ok(&[
        "purpose",
        "add",
        "fraud",
        "--basis",
        "legitimate-interests",
        "--profiling",
        "none",
        "--interest",
        "Fraude voorkomen",
        "--interest-en",
        "Preventing fraud",
        "--description",
        "Fraudecontrole bij betalen op rekening",
        "--description-en",
        "Checking for fraud when paying by invoice",
        "--retention",
        "1y",
        "--no-recipients",
    ]);
    for recipient in [
        &[
            "Bezorgdienst",
            "--purpose",
            "customer-admin",
            "--country",
            "NL",
        ][..],
        &[
            "Mailchimp",
            "--purpose",
            "newsletter",
            "--country",
            "US",
            "--safeguard",
            "dpf",
        ],
    ] {
        test.ok(&[&["recipient", "add", "--role", "processor"][..], recipient].concat());
    }
    test.ok(&[
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
        "--label-en",
        "E-mail address",
        "--required",
    ]);
    test.ok(&[
        "field",
        "add",
        "name",
        "--type",
        "text",
        "--purpose",
        "customer-admin",
        "--purpose",
        "bookkeeping",
        "--label",
        "Naam",
        "--label-en",
        "Name",
    ]);
    test.ok(&[
        "field",
        "add",
        "address_check",
        "--type",
        "bool",
        "--purpose",
        "fraud",
        "--label",
        "Adrescontrole",
        "--label-en",
        "Address check",
        "--source",
        "third-party",
        "--source-note",
        "PostNL Adrescheck",
        "--source-note-en",
        "PostNL address check",
    ]);
    test
}

#[test]
fn statement_renders_every_format_and_language_deterministically() {
    let test = bakery();
    for lang in ["nl", "en"] {
        for format in ["md", "html", "txt"] {
            let args = [
                "statement",
                "--lang",
                lang,
                "--format",
                format,
                "--date",
                "2026-11-29",
            ];
            let first = test.ok(&args);
            assert_eq!(first, test.ok(&args), "{lang} {format}");
            assert!(
                first.contains("Autoriteit Persoonsgegevens"),
                "{lang} {format}"
            );
            assert!(first.contains("Bakkerij Jansen"));
        }
    }
    let nl = test.ok(&["statement", "--date", "2026-11-29"]);
    assert!(nl.starts_with("# Privacyverklaring\n"));
    assert!(nl.contains("- **Welke gegevens:** E-mailadres, Naam"));
    assert!(nl.contains("- **Wet:** AWR art. 52"));
    assert!(nl.contains("## Uw recht van bezwaar"));
    assert!(nl.contains("## Uw toestemming intrekken"));
    assert!(nl.contains("- Adrescontrole: we krijgen dit van PostNL Adrescheck"));
    assert!(nl.contains("Deze verklaring is van 29 november 2026."));
    let html = test.ok(&["statement", "--format", "html", "--date", "2026-11-29"]);
    assert!(html.starts_with("<section class=\"kluis-privacy\" lang=\"nl\">"));
    assert!(html.trim_end().ends_with("</section>"));
    let page = test.ok(&["statement", "--format", "html", "--standalone"]);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<style>"));
}

#[test]
fn statement_out_writes_the_same_bytes_as_stdout() {
    let test = bakery();
    let out = test.dir.path().join("privacy.html");
    let args = [
        "statement",
        "--format",
        "html",
        "--lang",
        "en",
        "--date",
        "2026-11-29",
    ];
    let stdout = test.ok(&args);
    let mut with_out: Vec<&str> = args.to_vec();
    let out_text = out.to_str().unwrap();
    with_out.extend(["--out", out_text]);
    let said = test.ok(&with_out);
    assert!(said.contains("privacy.html"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), stdout);
    let leftovers: Vec<_> = test
        .all_files()
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("kluis-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_incomplete_schema_is_refused_with_the_commands_to_fix_it() {
    let test = TestVault::new();
    let stderr = test.fails(&["statement"], 1);
    assert!(stderr.contains("kluis profile set --name"), "{stderr}");
    assert!(stderr.contains("kluis purpose add"), "{stderr}");
    assert!(stderr.contains("--draft"), "{stderr}");
    let output = test
        .kluis()
        .args(["statement", "--draft"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("\\[ONTBREEKT: naam, e-mail en adres van de organisatie\\]"));
    assert!(String::from_utf8_lossy(&output.stderr).contains("warning: this is a draft"));
}

/// The suggested fix for a field is `field edit`, which keeps what the field holds.
#[test]
fn a_field_gap_is_fixed_by_the_suggested_command_without_losing_values() {
    let test = bakery();
    test.ok(&["field", "edit", "address_check", "--source-note", ""]);
    let id = test.ok(&["add", "email=jan@example.nl", "address_check=ja"]);
    let stderr = test.fails(&["statement"], 1);
    let command = "kluis field edit address_check --source-note \"WHERE IT COMES FROM\"";
    assert!(stderr.contains(command), "{stderr}");
    test.ok(&[
        "field",
        "edit",
        "address_check",
        "--source-note",
        "PostNL Adrescheck",
    ]);
    let nl = test.ok(&["statement"]);
    assert!(nl.contains("- Adrescontrole: we krijgen dit van PostNL Adrescheck"));
    let record = test.ok(&["show", id.trim(), "--json"]);
    assert!(record.contains("\"address_check\": \"true\""), "{record}");
}

/// Runs a command that must succeed and returns (stdout, stderr).
fn ok_with_stderr(test: &TestVault, args: &[&str]) -> (String, String) {
    let output = test.kluis().args(args).output().unwrap();
    assert!(output.status.success(), "kluis {args:?} failed");
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_english_statement_uses_english_purpose_texts_and_names_the_missing_ones() {
    let test = bakery();
    test.ok(&[
        "purpose",
        "edit",
        "fraud",
        "--description-en",
        "Fraud checks when paying by invoice",
        "--interest-en",
        "Preventing fraud",
    ]);
    // The bakery declares every English text; take some away again.
    test.ok(&[
        "purpose",
        "edit",
        "newsletter",
        "--description-en",
        "",
        "--retention-note-en",
        "",
    ]);
    test.ok(&["purpose", "edit", "bookkeeping", "--law-en", ""]);
    test.ok(&["field", "edit", "name", "--label-en", ""]);
    test.ok(&["field", "edit", "address_check", "--source-note-en", ""]);
    let fraud = test.ok(&["purpose", "show", "fraud", "--json"]);
    assert!(
        fraud.contains("\"description_en\": \"Fraud checks when paying by invoice\""),
        "{fraud}"
    );
    // Without its English texts the English statement refuses and lists each fix command;
    // it never shows the Dutch text instead.
    let stderr = test.fails(&["statement", "--lang", "en"], 1);
    for command in [
        "kluis purpose edit newsletter --description-en",
        "kluis purpose edit newsletter --retention-note-en",
        "kluis purpose edit bookkeeping --law-en",
        "kluis field edit name --label-en",
        "kluis field edit address_check --source-note-en",
    ] {
        assert!(stderr.contains(command), "{command}: {stderr}");
    }
    assert!(!stderr.contains("edit fraud"), "{stderr}");
    let (en, _) = ok_with_stderr(&test, &["statement", "--lang", "en", "--draft"]);
    assert!(
        en.contains("## Fraud checks when paying by invoice"),
        "{en}"
    );
    assert!(en.contains("Preventing fraud"), "{en}");
    assert!(en.contains("MISSING: English text"), "{en}");
    assert!(!en.contains("Bestellingen leveren en factureren"), "{en}");
    assert!(!en.contains("AWR art. 52"), "{en}");
    let (_, stderr) = ok_with_stderr(&test, &["statement"]);
    assert!(!stderr.contains("warning"), "{stderr}");
    let (register, stderr) = ok_with_stderr(&test, &["register", "--lang", "en"]);
    assert!(
        register.contains("Fraud checks when paying by invoice"),
        "{register}"
    );
    assert!(
        !register.contains("Bestellingen leveren en factureren"),
        "{register}"
    );
    assert!(
        stderr.contains("kluis purpose edit newsletter --description-en"),
        "{stderr}"
    );

    let before = test.vault_bytes();
    let stderr = test.fails(
        &["purpose", "edit", "newsletter", "--interest-en", "Selling"],
        1,
    );
    assert!(stderr.contains("--interest-en is only for"), "{stderr}");
    assert_eq!(test.vault_bytes(), before);

    test.ok(&["purpose", "edit", "fraud", "--description-en", ""]);
    let (en, _) = ok_with_stderr(&test, &["statement", "--lang", "en", "--draft"]);
    assert!(
        !en.contains("Fraudecontrole bij betalen op rekening"),
        "{en}"
    );
}

#[test]
fn standalone_only_applies_to_html() {
    let test = bakery();
    let stderr = test.fails(&["statement", "--standalone"], 2);
    assert!(stderr.contains("--format html"), "{stderr}");
    test.fails(&["statement", "--lang", "de"], 2);
    test.fails(&["statement", "--date", "29-11-2026"], 2);
}

#[test]
fn profiling_is_declared_per_purpose_and_the_keyword_guess_only_warns() {
    let test = bakery();
    test.ok(&[
        "field",
        "add",
        "payment_score",
        "--type",
        "number",
        "--purpose",
        "fraud",
        "--source",
        "own",
    ]);
    // Every purpose declared none: the statement says so; check warns about the name.
    let text = test.ok(&["statement", "--format", "txt"]);
    assert!(text.contains("We maken geen profiel van u."), "{text}");
    let check = String::from_utf8(test.kluis().args(["check"]).output().unwrap().stdout).unwrap();
    assert!(
        check.contains("kluis purpose edit fraud --profiling profiling --profiling-logic"),
        "{check}"
    );
    test.ok(&[
        "purpose",
        "edit",
        "fraud",
        "--profiling",
        "automated-decision",
    ]);
    let stderr = test.fails(&["statement"], 1);
    assert!(
        stderr.contains("kluis purpose edit fraud --profiling-logic"),
        "{stderr}"
    );
    assert!(
        stderr.contains("kluis purpose edit fraud --profiling-effect"),
        "{stderr}"
    );
    test.ok(&[
        "purpose",
        "edit",
        "fraud",
        "--profiling-logic",
        "Wie twee facturen te laat betaalde, betaalt voortaan vooraf.",
        "--profiling-effect",
        "U kunt dan niet meer op rekening betalen.",
    ]);
    let text = test.ok(&["statement", "--format", "txt"]);
    assert!(
        text.contains("Zo werkt het: Wie twee facturen te laat betaalde, betaalt voortaan vooraf.")
    );
    assert!(text.contains("U hebt recht op een beoordeling door een mens."));
    assert!(!text.contains("We maken geen profiel van u."));
    // The old command is gone.
    test.fails(&["statement", "profiling", "--describe", "x"], 2);
}

#[test]
fn publish_then_diff_reports_changes_and_flags_new_purposes() {
    let test = bakery();
    let never = test.ok(&["statement", "diff"]);
    assert!(
        never.contains("no statement has been published yet"),
        "{never}"
    );
    let published = test
        .kluis()
        .env("KLUIS_NOW", "2026-11-29T10:00:00Z")
        .args(["statement", "publish"])
        .output()
        .unwrap();
    assert!(published.status.success());
    assert!(String::from_utf8_lossy(&published.stdout).contains("published statement version 1"));
    assert!(test.ok(&["statement", "diff"]).contains("no changes"));
    assert!(test.ok(&["statement", "publish"]).contains("unchanged"));

    // The version date stays the publish date while the schema is unchanged.
    let later = |args: &[&str]| {
        let output = test
            .kluis()
            .env("KLUIS_NOW", "2027-02-01T10:00:00Z")
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(later(&["statement"]).contains("Deze verklaring is van 29 november 2026."));

    test.ok(&[
        "purpose",
        "add",
        "reviews",
        "--basis",
        "consent",
        "--profiling",
        "none",
        "--description",
        "Om een review vragen",
        "--retention",
        "1y",
        "--no-recipients",
    ]);
    test.ok(&["purpose", "edit", "bookkeeping", "--retention", "10y"]);
    let diff = test.ok(&["statement", "diff"]);
    assert!(
        diff.contains(
            "+ purpose reviews  NEW: inform people before this processing starts (Art. 13(3))"
        ),
        "{diff}"
    );
    assert!(
        diff.contains("~ purpose bookkeeping: retention changed from \"7y\" to \"10y\""),
        "{diff}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&test.ok(&["statement", "diff", "--json"])).unwrap();
    assert_eq!(json["added_purposes"][0], "reviews");
    assert_eq!(json["published"]["id"], 1);
    assert!(later(&["statement"]).contains("Deze verklaring is van 1 februari 2027."));
}

#[test]
fn register_has_one_row_per_purpose_and_neutralises_formulas() {
    let test = bakery();
    test.ok(&[
        "purpose",
        "add",
        "sums",
        "--basis",
        "contract",
        "--profiling",
        "none",
        "--description",
        "=HYPERLINK(\"http://example.com\")",
        "--description-en",
        "=HYPERLINK(\"http://example.com\")",
        "--retention",
        "1y",
    ]);
    let csv = test.ok(&[
        "register",
        "--format",
        "csv",
        "--lang",
        "en",
        "--date",
        "2026-11-29",
    ]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "Processing activity");
    assert!(header.iter().any(|h| h == "Legal basis"));
    let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    let sums = rows.iter().find(|r| &r[0] == "sums").unwrap();
    assert!(sums.iter().any(|cell| cell.starts_with("'=HYPERLINK")));
    let md = test.ok(&["register"]);
    assert!(md.starts_with("# Register van verwerkingsactiviteiten"));
    assert!(md.contains("### bookkeeping"));
    assert!(md.contains("Argon2id"));
}

/// The commands behind docs/STATEMENT.md: the small-shop schema of the unit-test fixture.
const DOC_SETUP: &[&[&str]] = &[
    &[
        "profile",
        "set",
        "--name",
        "Bakkerij Jansen",
        "--email",
        "privacy@bakkerijjansen.nl",
        "--address",
        "Dorpsstraat 1, 1234 AB Ergens",
        "--kvk",
        "12345678",
        "--phone",
        "+31201234567",
        "--website",
        "https://bakkerijjansen.nl",
    ],
    &[
        "purpose",
        "add",
        "customer-admin",
        "--basis",
        "contract",
        "--profiling",
        "none",
        "--description",
        "Bestellingen leveren en factureren",
        "--description-en",
        "Delivering and invoicing orders",
        "--retention",
        "2y",
    ],
    &[
        "purpose",
        "add",
        "newsletter",
        "--basis",
        "consent",
        "--profiling",
        "none",
        "--description",
        "Een nieuwsbrief sturen over nieuwe broden en acties",
        "--description-en",
        "Sending a newsletter about new breads and offers",
        "--retention-from",
        "consent-withdrawn",
        "--retention-note",
        "Onder elke nieuwsbrief staat een link om af te melden.",
        "--retention-note-en",
        "Every newsletter has a link to unsubscribe.",
    ],
    &[
        "purpose",
        "add",
        "bookkeeping",
        "--basis",
        "legal-obligation",
        "--profiling",
        "none",
        "--law",
        "AWR art. 52 en BW 2:10",
        "--law-en",
        "General Tax Act art. 52 and Civil Code 2:10",
        "--description",
        "Onze administratie bewaren voor de Belastingdienst",
        "--description-en",
        "Keeping our records for the tax authorities",
        "--retention",
        "7y",
    ],
    &[
        "purpose",
        "add",
        "fraud",
        "--basis",
        "legitimate-interests",
        "--profiling",
        "none",
        "--interest",
        "Voorkomen dat we bestellingen leveren die niet betaald worden",
        "--interest-en",
        "Not delivering orders that are never paid for",
        "--description",
        "Fraude voorkomen bij betalen op rekening",
        "--description-en",
        "Preventing fraud when paying by invoice",
        "--retention",
        "1y",
        "--no-recipients",
    ],
    &[
        "recipient",
        "add",
        "Bezorgdienst",
        "--purpose",
        "customer-admin",
        "--role",
        "processor",
        "--country",
        "NL",
    ],
    &[
        "recipient",
        "add",
        "Webhoster",
        "--purpose",
        "customer-admin",
        "--role",
        "processor",
        "--country",
        "NL",
    ],
    &[
        "recipient",
        "add",
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
    &[
        "recipient",
        "add",
        "Boekhouder",
        "--purpose",
        "bookkeeping",
        "--role",
        "processor",
        "--country",
        "NL",
    ],
    &[
        "recipient",
        "add",
        "Belastingdienst",
        "--purpose",
        "bookkeeping",
        "--role",
        "authority",
        "--country",
        "NL",
    ],
    &[
        "field",
        "add",
        "name",
        "--type",
        "text",
        "--purpose",
        "bookkeeping",
        "--purpose",
        "customer-admin",
        "--label",
        "Naam",
        "--label-en",
        "Name",
        "--required",
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
        "--label-en",
        "E-mail address",
        "--required",
    ],
    &[
        "field",
        "add",
        "address",
        "--type",
        "text",
        "--purpose",
        "bookkeeping",
        "--purpose",
        "customer-admin",
        "--purpose",
        "fraud",
        "--label",
        "Adres",
        "--label-en",
        "Address",
        "--required",
    ],
    &[
        "field",
        "add",
        "phone",
        "--type",
        "phone",
        "--purpose",
        "customer-admin",
        "--label",
        "Telefoonnummer",
        "--label-en",
        "Phone number",
    ],
    &[
        "field",
        "add",
        "address_check",
        "--type",
        "bool",
        "--purpose",
        "fraud",
        "--label",
        "Adrescontrole",
        "--label-en",
        "Address check",
        "--source",
        "third-party",
        "--source-note",
        "PostNL Adrescheck",
        "--source-note-en",
        "PostNL Address Check",
    ],
    &[
        "field",
        "add",
        "unpaid_invoices",
        "--type",
        "number",
        "--purpose",
        "fraud",
        "--label",
        "Openstaande facturen",
        "--label-en",
        "Unpaid invoices",
        "--source",
        "own",
        "--source-note",
        "onze eigen administratie",
        "--source-note-en",
        "our own accounts",
    ],
];

fn shell_words(args: &[&str]) -> String {
    let quoted: Vec<String> = args
        .iter()
        .map(|arg| {
            if arg
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.@/:+".contains(c))
            {
                arg.to_string()
            } else {
                format!("\"{arg}\"")
            }
        })
        .collect();
    format!("kluis {}", quoted.join(" "))
}

/// Nests a statement's headings two levels under the doc's own.
fn demote(markdown: &str) -> String {
    markdown
        .lines()
        .map(|line| {
            if line.starts_with('#') {
                format!("##{line}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

/// docs/STATEMENT.md is the tool's own output. `KLUIS_UPDATE_DOCS=1 cargo test --test cli
/// docs_statement` rewrites it; otherwise this test fails when the doc and the tool disagree.
#[test]
fn docs_statement_md_is_generated_by_the_tool() {
    let test = TestVault::new();
    for args in DOC_SETUP {
        test.ok(args);
    }
    let date = ["--date", "2026-11-29"];
    let nl = test.ok(&[&["statement"][..], &date].concat());
    let en = test.ok(&[&["statement", "--lang", "en"][..], &date].concat());
    let mut doc = String::from(
        "# Example privacy statement\n\n\
         This file is generated by kluis itself: the integration test\n\
         `docs_statement_md_is_generated_by_the_tool` (tests/cli/statement.rs) runs the commands\n\
         below on a new vault, then `kluis statement --date 2026-11-29` and\n\
         `kluis statement --lang en --date 2026-11-29`, and fails when this file differs.\n\
         Regenerate it with `KLUIS_UPDATE_DOCS=1 cargo test --test cli docs_statement`.\n\n\
         The statement only says what the schema holds; the purpose descriptions, interests,\n\
         recipients and retention notes are the shop's own words. The English version shows only\n\
         English text the user wrote: every free text has an `-en` twin (`--description-en`,\n\
         `--interest-en`, `--law-en`, `--retention-note-en`, `--profiling-logic-en`,\n\
         `--profiling-effect-en`, `--label-en`, `--source-note-en`). Without it\n\
         `kluis statement --lang en` refuses and lists the command that adds each one; it never\n\
         falls back to the Dutch text or to a field's internal name. The Dutch statement shows a\n\
         field's name when it has no `--label`: the user chose that name. Recipients are declared\n\
         with `kluis recipient add`: the statement names each with its role and country in the\n\
         statement's language, and each transfer outside the EEA with its safeguard.\n\
         `--format html` gives the same text as a `<section>` fragment, `--format txt` as plain text.\n\n\
         ## What kluis refuses\n\n\
         `kluis statement` refuses a schema that cannot support a complete statement and lists each\n\
         gap with the command that fills it in: no controller profile, no purposes, a purpose\n\
         without a retention period or event (a note alone, such as \"zo lang als nodig\", is\n\
         refused), a purpose that has not answered `--profiling`, legitimate interests without the\n\
         interest, a legal obligation without `--law`, a purpose that declares neither recipients\n\
         nor `--no-recipients`, a transfer outside the EEA without an adequate safeguard, an old\n\
         free-text recipient or transfer (restate it with `kluis recipient add`),\n\
         a special-category field without its Art. 9(2) exception, a BSN whose\n\
         purpose names no law (or rests on consent), third-party data without its source, and\n\
         (for `--lang en`) every free text without its English twin.\n\
         A gap in a field is fixed with `kluis field edit`, which keeps the values the field holds.\n\
         `--draft` renders anyway, with `[ONTBREEKT: ...]` / `[MISSING: ...]` where text is missing.\n\n\
         **Retention.** A period counts from `--retention-from` (last-change, the default;\n\
         created; end-of-contract; consent-withdrawn) and the statement says so: \"2 jaar na de\n\
         laatste wijziging van uw gegevens\", \"7 jaar na het einde van de overeenkomst\". An event\n\
         may stand alone where the basis has it: \"Tot u uw toestemming intrekt\" (consent),\n\
         \"Tot het einde van de overeenkomst\" (contract). `kluis purge` counts from the same\n\
         moment; kluis does not know when a contract ends, so `check` asks for a review by hand.\n\n\
         **Profiling and automated decisions.** Every purpose answers\n\
         `--profiling none|profiling|automated-decision`. \"We maken geen profiel van u\" appears\n\
         only when every purpose declared `none`. Profiling needs `--profiling-logic`; an automated\n\
         decision also `--profiling-effect`, and the statement then names the rights of Art. 22(3):\n\
         a human review, giving one's view and contesting the decision. Field names such as\n\
         score, rating, churn or zwarte lijst only make `kluis check` warn.\n\n\
         **Who, where and cookies.** `--subjects` names the people of a purpose (default: klanten /\n\
         customers); `--minors` adds a section for parents and addresses consent to them (UAVG\n\
         art. 5). `--category` declares data a purpose keeps outside the vault (camera images,\n\
         published photos). `kluis cookie add` declares each cookie; analytics and marketing\n\
         cookies need consent, and the statement promises that the website asks for it only for a\n\
         cookie declared with `--consent-asked`. The security paragraph says only what kluis knows:\n\
         the encrypted vault and who holds keys.\n\n\
         **Where people see it.** `kluis profile set --statement-url URL`, then\n\
         `kluis snippet footer` for e-mails and `kluis snippet form --purpose P` for a web form\n\
         with only that purpose's fields and an unticked box per consent purpose.\n\n\
         **Version date and staleness.** The version date is the date of the last\n\
         `kluis statement publish` while the statement it gives is unchanged since (schema and\n\
         kluis's own texts), else today; `--date` overrides it. Both are days in your local time zone\n\
         (`TZ`, else the system's), so a statement published at 00:30 in Amsterdam carries that day's\n\
         date, although the vault stores the moment in UTC.\n\
         `kluis statement diff` lists what changed since the last publish and flags new purposes:\n\
         people must be told before that processing starts (Art. 13(3)). `kluis check` warns\n\
         when the schema changed since the last publish.\n\n\
         ## The schema\n\n```sh\n",
    );
    for args in DOC_SETUP {
        doc.push_str(&shell_words(args));
        doc.push('\n');
    }
    doc.push_str("```\n\n## Nederlands: `kluis statement`\n\n---\n\n");
    doc.push_str(&demote(&nl));
    doc.push_str("\n---\n\n## English: `kluis statement --lang en`\n\n---\n\n");
    doc.push_str(&demote(&en));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/STATEMENT.md");
    if std::env::var_os("KLUIS_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &doc).unwrap();
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        stored == doc,
        "docs/STATEMENT.md is out of date; regenerate it with KLUIS_UPDATE_DOCS=1"
    );
}

#[test]
fn check_reports_a_schema_changed_since_the_last_publish() {
    let test = bakery();
    assert!(
        !test.ok(&["check"]).contains("statement-stale"),
        "nothing published yet"
    );
    test.ok(&["statement", "publish"]);
    assert!(!test.ok(&["check"]).contains("statement-stale"));
    test.ok(&[
        "purpose",
        "add",
        "reviews",
        "--basis",
        "consent",
        "--profiling",
        "none",
        "--description",
        "Om een review vragen",
        "--retention",
        "1y",
        "--no-recipients",
    ]);
    let report = test.ok(&["check"]);
    assert!(
        report.contains(
            "warning: the schema changed since the last published privacy statement (new purpose(s) reviews: inform people before this processing starts (Art. 13(3))): review `kluis statement diff`, then run `kluis statement publish` [statement-stale]"
        ),
        "{report}"
    );
    test.ok(&["statement", "publish"]);
    assert!(!test.ok(&["check"]).contains("statement-stale"));
}
