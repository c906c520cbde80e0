//! The Art. 30(1) register.

use super::fixtures::{bakery, date};
use crate::statement::Lang;
use crate::statement::missing::Missing;
use crate::statement::register::{build_register, render_csv, render_markdown};

#[test]
fn register_snapshots() {
    for lang in [Lang::Nl, Lang::En] {
        let register = build_register(&bakery(), lang, date());
        assert!(register.missing.is_empty());
        insta::assert_snapshot!(
            format!("register_{lang}_md"),
            render_markdown(&register).unwrap()
        );
        insta::assert_snapshot!(format!("register_{lang}_csv"), render_csv(&register));
    }
}

#[test]
fn one_row_per_purpose_with_every_art30_column() {
    let register = build_register(&bakery(), Lang::En, date());
    let csv = render_csv(&register);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    for column in [
        "Processing activity",
        "Controller",
        "Data protection officer",
        "Purpose",
        "Legal basis",
        "Categories of data subjects",
        "Categories of personal data",
        "Recipients",
        "Transfers outside the EEA and safeguards",
        "Erasure period",
        "Security",
    ] {
        assert!(header.contains(&column.to_string()), "{column}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let bookkeeping = rows.iter().find(|r| &r[0] == "bookkeeping").unwrap();
    assert_eq!(
        &bookkeeping[column("Erasure period")],
        "7 years after the last change to your data"
    );
    assert_eq!(
        &bookkeeping[column("Categories of personal data")],
        "Address; Name"
    );
    assert!(bookkeeping[column("Legal basis")].starts_with("legal obligation"));
    assert!(bookkeeping[column("Security")].contains("Argon2id"));
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let mut snapshot = bakery();
    snapshot.purposes[0].description = "=HYPERLINK(\"http://x\")".into();
    let csv = render_csv(&build_register(&snapshot, Lang::Nl, date()));
    assert!(csv.contains("'=HYPERLINK"));
    assert!(!csv.contains(",=HYPERLINK") && !csv.contains("\"=HYPERLINK"));
}

/// Regression: the register wrote `x;=…` unquoted, which Excel set to Dutch splits on `;`
/// into a formula cell. It now shares the exports' writer, which quotes `;` and TAB.
#[test]
fn register_csv_quotes_cells_excel_would_split_on_semicolons() {
    let mut snapshot = bakery();
    snapshot.purposes[0].description = "Bestellingen;=1+1".into();
    let csv = render_csv(&build_register(&snapshot, Lang::Nl, date()));
    assert!(csv.contains(",\"Bestellingen;=1+1\","), "{csv}");
}

#[test]
fn gaps_in_the_register_are_marked_and_listed() {
    let mut snapshot = bakery();
    snapshot.profile = None;
    let register = build_register(&snapshot, Lang::Nl, date());
    assert_eq!(register.missing, vec![crate::statement::Missing::Profile]);
    assert!(
        render_markdown(&register)
            .unwrap()
            .contains("\\[ONTBREEKT:")
    );
}

/// A club: members with minors, camera images outside the vault, a health field under
/// explicit consent, a processor in Germany and one in the US under the DPF.
fn club() -> crate::schema::model::Snapshot {
    use crate::schema::model::{
        OutsideCategory, Profiling, ProfilingKind, Recipient, RecipientRole, Safeguard,
        SpecialCategory,
    };
    let mut snapshot = bakery();
    let admin = snapshot
        .purposes
        .iter_mut()
        .find(|p| p.name == "customer-admin")
        .unwrap();
    admin.subjects = Some("leden".into());
    admin.subjects_en = Some("members".into());
    admin.minors = true;
    admin.categories = vec![OutsideCategory {
        text: "camerabeelden".into(),
        text_en: Some("camera images".into()),
    }];
    admin.profiling = Some(Profiling {
        kind: ProfilingKind::None,
        logic: None,
        logic_en: None,
        effect: None,
        effect_en: None,
    });
    let mut health =
        super::fixtures::labelled("allergy", "Allergie", "Allergy", &["customer-admin"]);
    health.special = Some(SpecialCategory::Health);
    health.art9 = Some("explicit-consent".into());
    snapshot.fields.push(health);
    let recipient = |name: &str, role, country: &str, safeguard| Recipient {
        name: name.into(),
        purposes: vec!["customer-admin".into()],
        role,
        country: country.into(),
        safeguard,
        safeguard_copy: None,
        safeguard_copy_en: None,
        note: None,
        note_en: None,
    };
    snapshot.recipients = vec![
        recipient("Hoster GmbH", RecipientRole::Processor, "DE", None),
        recipient(
            "Mail Inc",
            RecipientRole::Processor,
            "US",
            Some(Safeguard::Dpf),
        ),
    ];
    snapshot
}

#[test]
fn the_register_names_subjects_exceptions_sources_recipients_and_transfers() {
    let snapshot = club();
    let register = build_register(&snapshot, Lang::En, date());
    let admin = register
        .rows
        .iter()
        .find(|a| a.purpose == "customer-admin")
        .unwrap();
    let cell = |label: &str| {
        admin
            .cells
            .iter()
            .find(|c| c.label == label)
            .map(|c| c.value.clone())
            .unwrap_or_else(|| panic!("no cell {label}"))
    };
    assert_eq!(
        cell("Categories of data subjects"),
        "members (including children under 16)"
    );
    assert!(
        cell("Categories of personal data")
            .contains("Allergy (special category: health; exception GDPR Art. 9(2)(a))")
    );
    assert_eq!(cell("Data kept outside kluis"), "camera images");
    assert_eq!(cell("Profiling and automated decisions"), "none");
    assert!(cell("Recipients").contains("Hoster GmbH (processor, Germany)"));
    assert!(cell("Recipients").contains("Mail Inc (processor, United States)"));
    let transfers = cell("Transfers outside the EEA and safeguards");
    assert!(
        transfers.contains("Mail Inc, United States: EU-US Data Privacy Framework"),
        "{transfers}"
    );
    // Germany is in the EEA: no transfer.
    assert!(!transfers.contains("Germany"), "{transfers}");
    let fraud = register.rows.iter().find(|a| a.purpose == "fraud").unwrap();
    let sources = fraud
        .cells
        .iter()
        .find(|c| c.label == "Sources (not from the data subject)")
        .unwrap();
    assert!(
        sources.value.contains("Address check: third party"),
        "{}",
        sources.value
    );
    assert!(register.security[0].contains("encrypted file"));
    // English never falls back to Dutch: no declared profiling shows a gap, not "geen".
    let text = render_markdown(&register).unwrap();
    assert!(
        !text.contains("leden") && !text.contains("camerabeelden"),
        "{text}"
    );
    let nl = render_markdown(&build_register(&snapshot, Lang::Nl, date())).unwrap();
    assert!(nl.contains("Hoster GmbH (verwerker, Duitsland)"), "{nl}");
    assert!(
        nl.contains("leden (waaronder kinderen jonger dan 16)"),
        "{nl}"
    );
}

#[test]
fn no_recipients_is_said_only_when_declared() {
    let mut snapshot = bakery();
    let first_two = [
        snapshot.purposes[0].name.clone(),
        snapshot.purposes[1].name.clone(),
    ];
    for recipient in &mut snapshot.recipients {
        recipient.purposes.retain(|p| !first_two.contains(p));
    }
    snapshot.recipients.retain(|r| !r.purposes.is_empty());
    snapshot.purposes[0].no_recipients = true;
    snapshot.purposes[1].no_recipients = false;
    let register = build_register(&snapshot, Lang::Nl, date());
    let recipients = |index: usize| {
        register.rows[index]
            .cells
            .iter()
            .find(|c| c.label == "Ontvangers")
            .unwrap()
            .value
            .clone()
    };
    assert_eq!(recipients(0), "geen");
    assert_eq!(recipients(1), "[ONTBREEKT: wie de gegevens krijgt]");
    assert!(register.missing.contains(&Missing::RecipientsUndeclared {
        purpose: snapshot.purposes[1].name.clone()
    }));
}

#[test]
fn the_register_keeps_the_users_order_of_purposes() {
    let mut snapshot = bakery();
    snapshot.purposes.reverse();
    let register = build_register(&snapshot, Lang::Nl, date());
    let names: Vec<&str> = register.rows.iter().map(|a| a.purpose.as_str()).collect();
    assert_eq!(
        names,
        ["newsletter", "fraud", "customer-admin", "bookkeeping"]
    );
}

/// Regression: the register left the website's cookies out, though cookies for statistics
/// and marketing process visitors' data on consent, with a provider that may be outside the
/// EEA. They are one activity now, from what was declared of each cookie; functional cookies
/// stay out, as their legal basis under the GDPR is not declared.
#[test]
fn cookies_that_need_consent_are_one_activity_with_their_transfers() {
    use crate::schema::model::{Cookie, CookieKind, Safeguard};
    let cookie = |name: &str, kind, country: &str, safeguard| Cookie {
        provider: "Google".into(),
        safeguard,
        ..super::fixtures::cookie(name, kind, Some(country))
    };
    let mut snapshot = bakery();
    snapshot.cookies = vec![
        cookie("PHPSESSID", CookieKind::Functional, "NL", None),
        cookie("_ga", CookieKind::Analytics, "US", Some(Safeguard::Dpf)),
        cookie("_gads", CookieKind::Marketing, "US", None),
    ];
    let register = build_register(&snapshot, Lang::Nl, date());
    let activity = register.rows.last().unwrap();
    assert_eq!(
        activity.purpose,
        "Cookies voor statistiek en marketing op onze website"
    );
    let cell = |label: &str| {
        activity
            .cells
            .iter()
            .find(|c| c.label == label)
            .map(|c| c.value.clone())
            .unwrap()
    };
    assert_eq!(
        cell("Doel"),
        "_ga: Bezoek aan de website meten; _gads: Bezoek aan de website meten"
    );
    assert_eq!(cell("Grondslag"), "toestemming (AVG art. 6 lid 1 sub a)");
    assert_eq!(
        cell("Ontvangers"),
        "de aanbieders van de cookies: Google (Verenigde Staten)"
    );
    assert_eq!(
        cell("Bewaartermijn"),
        "in de browser: _ga 13 maanden, _gads 13 maanden; hoe lang de aanbieders de gegevens bewaren, is niet opgegeven"
    );
    assert!(cell("Beveiliging").starts_with("Deze gegevens staan niet in kluis"));
    let csv = render_csv(&register);
    assert!(!csv.lines().last().unwrap().contains("Argon2id"), "{csv}");
    let transfers = cell("Doorgifte buiten de EER en waarborgen");
    assert!(
        transfers.starts_with("Google, Verenigde Staten: EU-VS Data Privacy Framework ((EU) 2023/1795); Google, Verenigde Staten: [ONTBREEKT"),
        "{transfers}"
    );
    assert!(!cell("Categorieën persoonsgegevens").contains("PHPSESSID"));
    assert_eq!(
        register.missing,
        vec![Missing::CookieSafeguard {
            cookie: "_gads".into(),
            country: "US".into(),
        }]
    );

    snapshot.cookies[1].consent_asked = false;
    let register = build_register(&snapshot, Lang::Nl, date());
    assert!(register.missing.contains(&Missing::CookieConsent {
        cookie: "_ga".into()
    }));
    snapshot.cookies.truncate(1);
    let register = build_register(&snapshot, Lang::Nl, date());
    assert_eq!(
        register.rows.len(),
        4,
        "functional cookies alone add nothing"
    );
}
