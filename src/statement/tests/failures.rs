//! One test per "How a generated statement goes wrong" item in
//! ../shared/privacy-statement-requirements.md, each asserting on the generated text.

use super::fixtures::{bakery, date, field, purpose, text};
use crate::schema::model::{
    DataSource, FieldType, LegalBasis, Retention, Snapshot, SpecialCategory,
};
use crate::statement::missing::Missing;
use crate::statement::model::{build, build_draft};
use crate::statement::render::render;
use crate::statement::{Format, Lang};

fn refused(snapshot: &Snapshot) -> Vec<Missing> {
    build(snapshot, Lang::Nl, date())
        .expect_err("the schema is incomplete")
        .missing
}

fn draft(snapshot: &Snapshot, lang: Lang) -> String {
    render(
        &build_draft(
            snapshot,
            &crate::statement::Settings::default(),
            lang,
            date(),
        ),
        Format::Md,
        false,
    )
    .unwrap()
}

/// The text of the purpose section titled `title`, up to the next heading.
fn section(text: &str, title: &str) -> String {
    let start = text
        .find(&format!("{title}\n~"))
        .unwrap_or_else(|| panic!("no section {title}"));
    let lines: Vec<&str> = text[start..].lines().collect();
    let mut out = Vec::new();
    for i in 2..lines.len() {
        let next_is_underline = lines
            .get(i + 1)
            .is_some_and(|n| n.starts_with("~~") || n.starts_with("--"));
        if next_is_underline {
            break;
        }
        out.push(lines[i]);
    }
    out.join("\n")
}

#[test]
fn every_stored_field_is_mentioned_under_each_of_its_purposes() {
    let snapshot = bakery();
    for lang in [Lang::Nl, Lang::En] {
        let model = build(&snapshot, lang, date()).unwrap();
        let out = render(&model, Format::Txt, false).unwrap();
        for field in &snapshot.fields {
            let label = crate::statement::model::field_label(lang, field).unwrap();
            for name in &field.purposes {
                let purpose = snapshot.purposes.iter().find(|p| &p.name == name).unwrap();
                let title = crate::statement::model::purpose_description(lang, purpose).unwrap();
                let body = section(&out, &title);
                let data_line = body
                    .lines()
                    .find(|l| l.starts_with("* Welke gegevens") || l.starts_with("* Which data"))
                    .unwrap();
                assert!(data_line.contains(&label), "{lang}: {label} under {name}");
            }
        }
    }
}

#[test]
fn a_category_that_is_not_stored_is_not_mentioned() {
    let out = text(&bakery(), Lang::Nl);
    for absent in ["Geboortedatum", "BSN", "burgerservicenummer", "gezondheid"] {
        assert!(!out.contains(absent), "{absent}");
    }
}

#[test]
fn each_purpose_shows_its_basis_next_to_its_data() {
    let out = text(&bakery(), Lang::Nl);
    let cases = [
        (
            "Bestellingen leveren en factureren",
            "Uitvoering van een overeenkomst",
        ),
        (
            "Een nieuwsbrief sturen over nieuwe broden en acties",
            "Toestemming.",
        ),
        (
            "Onze administratie bewaren voor de Belastingdienst",
            "Wettelijke verplichting",
        ),
        (
            "Fraude voorkomen bij betalen op rekening",
            "Gerechtvaardigd belang",
        ),
    ];
    for (title, basis) in cases {
        let s = section(&out, title);
        assert!(s.contains("* Welke gegevens: "), "{title}");
        assert!(s.contains(&format!("* Grondslag: {basis}")), "{title}: {s}");
    }
}

#[test]
fn legitimate_interests_without_the_interest_is_refused() {
    let mut snapshot = bakery();
    snapshot
        .purposes
        .iter_mut()
        .find(|p| p.name == "fraud")
        .unwrap()
        .interest = None;
    assert_eq!(
        refused(&snapshot),
        vec![Missing::Interest {
            purpose: "fraud".into()
        }]
    );
    assert!(draft(&snapshot, Lang::Nl).contains("\\[ONTBREEKT: het gerechtvaardigd belang\\]"));
}

#[test]
fn legitimate_interests_names_the_interest_and_a_separate_objection_paragraph() {
    for lang in [Lang::Nl, Lang::En] {
        let out = text(&bakery(), lang);
        let (interest, title) = match lang {
            Lang::Nl => (
                "Voorkomen dat we bestellingen leveren die niet betaald worden",
                "Fraude voorkomen bij betalen op rekening",
            ),
            Lang::En => (
                "Not delivering orders that are never paid for",
                "Preventing fraud when paying by invoice",
            ),
        };
        assert!(out.contains(interest));
        let heading = match lang {
            Lang::Nl => "Uw recht van bezwaar\n--------------------",
            Lang::En => "Your right to object\n--------------------",
        };
        let at = out.find(heading).expect("objection has its own heading");
        let paragraph = &out[at..at + 600];
        assert!(paragraph.contains(title));
        assert!(paragraph.contains("privacy@bakkerijjansen.nl"));
    }
}

#[test]
fn public_task_also_gets_the_objection_paragraph() {
    let snapshot = Snapshot {
        profile: Some(super::fixtures::profile()),
        purposes: vec![purpose(
            "permits",
            LegalBasis::PublicTask,
            "Vergunningen behandelen",
        )],
        fields: vec![field("name", &["permits"])],
        ..Snapshot::default()
    };
    let out = text(&snapshot, Lang::Nl);
    assert!(out.contains("Uw recht van bezwaar\n---"));
    assert!(!out.contains("Uw toestemming intrekken\n---"));
}

#[test]
fn no_objection_paragraph_without_legitimate_interests_or_public_task() {
    let mut snapshot = bakery();
    snapshot.purposes.retain(|p| p.name != "fraud");
    for f in &mut snapshot.fields {
        f.purposes.retain(|p| p != "fraud");
    }
    snapshot.fields.retain(|f| !f.purposes.is_empty());
    let out = text(&snapshot, Lang::Nl);
    assert!(!out.contains("Uw recht van bezwaar\n---"));
    assert!(out.contains("Wij gebruiken geen gegevens op die basis."));
}

#[test]
fn consent_comes_with_the_withdrawal_text() {
    for (lang, heading, how, earlier) in [
        (
            Lang::Nl,
            "Uw toestemming intrekken\n---",
            "Stuur daarvoor een e-mail naar privacy@bakkerijjansen.nl",
            "blijft wel rechtmatig",
        ),
        (
            Lang::En,
            "Withdrawing your consent\n---",
            "send an e-mail to privacy@bakkerijjansen.nl",
            "stays lawful",
        ),
    ] {
        let out = text(&bakery(), lang);
        assert!(out.contains(heading), "{lang}");
        assert!(out.contains(how), "{lang}");
        assert!(out.contains(earlier), "{lang}");
    }
}

#[test]
fn portability_only_where_consent_or_contract_is_a_basis() {
    let only_law = Snapshot {
        profile: Some(super::fixtures::profile()),
        purposes: vec![purpose("tax", LegalBasis::LegalObligation, "Belasting")],
        fields: vec![field("name", &["tax"])],
        ..Snapshot::default()
    };
    assert!(!text(&only_law, Lang::Nl).contains("overdraagbaarheid"));
    assert!(text(&bakery(), Lang::Nl).contains("Recht op overdraagbaarheid"));
}

#[test]
fn a_special_category_field_without_its_exception_is_refused() {
    let mut snapshot = bakery();
    let mut allergy = field("allergy", &["customer-admin"]);
    allergy.label = Some("Allergie".into());
    allergy.label_en = Some("Allergy".into());
    allergy.special = Some(SpecialCategory::Health);
    snapshot.fields.push(allergy.clone());
    assert_eq!(
        refused(&snapshot),
        vec![Missing::Art9 {
            field: "allergy".into()
        }]
    );
    snapshot.fields.pop();
    allergy.art9 = Some("explicit-consent".into());
    snapshot.fields.push(allergy);
    let out = text(&snapshot, Lang::Nl);
    assert!(out.contains(
        "Allergie (gezondheid). Reden: u hebt daar uitdrukkelijk toestemming voor gegeven (AVG artikel 9 lid 2 onder a)."
    ));
    assert!(text(&snapshot, Lang::En).contains("(GDPR Art. 9(2)(a))"));
}

#[test]
fn an_unknown_art9_exception_is_refused() {
    let mut snapshot = bakery();
    let mut f = field("belief", &["customer-admin"]);
    f.special = Some(SpecialCategory::Religion);
    f.art9 = Some("because".into());
    snapshot.fields.push(f);
    assert!(matches!(
        refused(&snapshot).as_slice(),
        [Missing::Art9Unknown { .. }]
    ));
}

#[test]
fn a_bsn_without_the_law_that_allows_it_is_refused() {
    let mut snapshot = bakery();
    let mut bsn = field("bsn", &["customer-admin"]);
    bsn.field_type = FieldType::Bsn;
    snapshot.fields.push(bsn);
    assert_eq!(
        refused(&snapshot),
        vec![Missing::BsnLaw {
            field: "bsn".into(),
            purpose: "customer-admin".into()
        }]
    );
}

#[test]
fn a_bsn_under_consent_is_refused_even_with_a_law() {
    let mut snapshot = bakery();
    snapshot
        .purposes
        .iter_mut()
        .find(|p| p.name == "newsletter")
        .unwrap()
        .law = Some("Wet X".into());
    snapshot.fields.push(field("bsn", &["newsletter"]));
    assert!(matches!(
        refused(&snapshot).as_slice(),
        [Missing::BsnConsent { .. }]
    ));
}

#[test]
fn a_text_field_labelled_burgerservicenummer_keeps_the_bsn_section() {
    // A vault made before `field add` refused it may hold one; the statement must not drop
    // the BSN section for it, nor let consent pass.
    let mut snapshot = bakery();
    let mut klant = field("klantnummer", &["newsletter"]);
    klant.label = Some("Burgerservicenummer (BSN)".into());
    snapshot.fields.push(klant);
    assert!(matches!(
        refused(&snapshot).as_slice(),
        [Missing::BsnConsent { .. }]
    ));
}

#[test]
fn a_bsn_names_its_law() {
    let mut snapshot = bakery();
    let mut bsn = field("bsn", &["bookkeeping"]);
    bsn.label = Some("BSN".into());
    snapshot.fields.push(bsn);
    assert!(text(&snapshot, Lang::Nl).contains(
        "BSN. We gebruiken uw burgerservicenummer alleen omdat een wet dat voorschrijft: AWR art. 52 en BW 2:10."
    ));
}

#[test]
fn missing_retention_is_refused() {
    let mut snapshot = bakery();
    snapshot.purposes[0].retention = Retention {
        note: None,
        ..Retention::default()
    };
    let name = snapshot.purposes[0].name.clone();
    assert_eq!(
        refused(&snapshot),
        vec![Missing::Retention { purpose: name }]
    );
}

/// Regression: a note alone stood for the retention, so "zo lang als nodig" or "permanent"
/// answered "how long" in vaults from before the retention start.
#[test]
fn a_retention_note_alone_is_refused() {
    for note in [
        "Zo lang als nodig.",
        "voor onbepaalde tijd",
        "permanent",
        "conform de wet",
        "n.v.t.",
        "-",
        "Tot einde contract, daarna 2 jaar voor klachten.",
    ] {
        let mut snapshot = bakery();
        snapshot.purposes[0].retention = Retention {
            note: Some(note.into()),
            ..Retention::default()
        };
        let name = snapshot.purposes[0].name.clone();
        let missing = refused(&snapshot);
        assert_eq!(
            missing,
            [Missing::RetentionNoteOnly {
                purpose: name.clone()
            }],
            "{note}"
        );
        assert!(
            crate::cli::hint::statement::command(&missing[0]).starts_with(&format!(
                "kluis purpose edit {name} --retention 2y --retention-from last-change"
            )),
            "{}",
            crate::cli::hint::statement::command(&missing[0])
        );
        assert!(
            draft(&snapshot, Lang::Nl)
                .contains("\\[ONTBREEKT: bewaartermijn en vanaf wanneer die telt\\]"),
            "{note}"
        );
    }
}

#[test]
fn retention_periods_say_from_when_then_the_note() {
    let nl = text(&bakery(), Lang::Nl);
    assert!(
        nl.contains("* Hoe lang we ze bewaren: 7 jaar na de laatste wijziging van uw gegevens")
    );
    assert!(
        nl.contains("* Hoe lang we ze bewaren: 1 jaar na de laatste wijziging van uw gegevens")
    );
    assert!(nl.contains(
        "* Hoe lang we ze bewaren: Tot u uw toestemming intrekt. Onder elke nieuwsbrief staat een link om af te melden."
    ));
    let en = text(&bakery(), Lang::En);
    assert!(en.contains("* How long we keep it: 7 years after the last change to your data"));
    assert!(en.contains("* How long we keep it: 1 year after the last change to your data"));
    assert!(en.contains(
        "* How long we keep it: Until you withdraw your consent. Every newsletter has a link to unsubscribe."
    ));
}

#[test]
fn no_recipients_says_we_do_not_share() {
    let out = text(&bakery(), Lang::Nl);
    assert!(
        section(&out, "Fraude voorkomen bij betalen op rekening").contains(
            "* Wie de gegevens krijgt: We geven deze gegevens aan niemand buiten ons bedrijf."
        )
    );
}

#[test]
fn an_old_free_text_recipient_is_refused() {
    for old in ["partners", "Boekhouder (verwerker)"] {
        let mut snapshot = bakery();
        snapshot.purposes[0].legacy_recipients = vec![old.into()];
        assert!(
            matches!(
                refused(&snapshot).as_slice(),
                [Missing::LegacyRecipient { .. }]
            ),
            "{old}"
        );
    }
}

#[test]
fn an_old_free_text_transfer_is_refused() {
    for transfer in ["VS", "VS: geen", "VS: EU-US Data Privacy Framework"] {
        let mut snapshot = bakery();
        snapshot.purposes[0].legacy_transfers = vec![transfer.into()];
        assert!(
            matches!(
                refused(&snapshot).as_slice(),
                [Missing::LegacyRecipient { .. }]
            ),
            "{transfer}"
        );
    }
    assert!(
        text(&bakery(), Lang::Nl).contains(
            "Mailchimp (Verenigde Staten): op grond van het EU-VS Data Privacy Framework"
        )
    );
}

#[test]
fn data_the_business_adds_itself_names_its_source() {
    let mut snapshot = bakery();
    let mut ip = field("ip_address", &["fraud"]);
    ip.label = Some("IP-adres".into());
    ip.source = DataSource::Own;
    snapshot.fields.push(ip);
    let out = text(&snapshot, Lang::Nl);
    assert!(out.contains("* IP-adres: we voegen dit zelf toe; gebruikt voor: Fraude voorkomen"));
    assert!(out.contains(
        "* Openstaande facturen: we voegen dit zelf toe (bron: onze eigen administratie)"
    ));
    assert!(out.contains("* Adrescontrole: we krijgen dit van PostNL Adrescheck"));
}

#[test]
fn data_from_a_third_party_without_its_source_is_refused() {
    let mut snapshot = bakery();
    snapshot
        .fields
        .iter_mut()
        .find(|f| f.name == "address_check")
        .unwrap()
        .source_note = None;
    assert_eq!(
        refused(&snapshot),
        vec![Missing::SourceNote {
            field: "address_check".into()
        }]
    );
}

#[test]
fn the_complaint_goes_to_the_autoriteit_persoonsgegevens() {
    for lang in [Lang::Nl, Lang::En] {
        let model = build(&bakery(), lang, date()).unwrap();
        for format in [Format::Md, Format::Html, Format::Txt] {
            let out = render(&model, format, false).unwrap();
            for needle in [
                "Autoriteit Persoonsgegevens",
                "autoriteitpersoonsgegevens.nl",
                "Postbus 93374, 2509 AJ Den Haag",
            ] {
                assert!(out.contains(needle), "{lang} {format}: {needle}");
            }
        }
    }
}

#[test]
fn required_fields_say_what_happens_without_them() {
    let out = text(&bakery(), Lang::Nl);
    assert!(out.contains(
        "* Bestellingen leveren en factureren: Adres, E-mailadres en Naam. We hebben deze gegevens nodig om de overeenkomst met u uit te voeren. Zonder deze gegevens kunnen we de overeenkomst niet uitvoeren"
    ));
    assert!(out.contains(
        "* Onze administratie bewaren voor de Belastingdienst: Adres en Naam. De wet verplicht ons om deze gegevens vast te leggen"
    ));
    assert!(out.contains("De andere gegevens die u aan ons geeft, zijn niet verplicht."));
}

#[test]
fn a_required_consent_field_says_the_person_decides() {
    let snapshot = Snapshot {
        profile: Some(super::fixtures::profile()),
        purposes: vec![super::fixtures::purpose_en(
            "newsletter",
            LegalBasis::Consent,
            "Nieuwsbrief",
            "Newsletter",
        )],
        fields: vec![{
            let mut f = super::fixtures::labelled("email", "E-mail", "Email", &["newsletter"]);
            f.required = true;
            f
        }],
        ..Snapshot::default()
    };
    assert!(text(&snapshot, Lang::En).contains(
        "* Newsletter: Email. You decide whether you give this data. Without it we do not do this for you."
    ));
}

#[test]
fn a_missing_profile_is_refused_with_the_profile_command() {
    let mut snapshot = bakery();
    snapshot.profile = None;
    let missing = refused(&snapshot);
    assert_eq!(missing, vec![Missing::Profile]);
    assert!(
        crate::cli::hint::statement::command(&missing[0]).starts_with("kluis profile set --name")
    );
    let mut empty = bakery();
    empty.profile.as_mut().unwrap().email = " ".into();
    assert!(matches!(
        refused(&empty).as_slice(),
        [Missing::ProfileItem { .. }]
    ));
}

#[test]
fn the_refusal_lists_every_gap_with_its_command() {
    let mut snapshot = bakery();
    snapshot.profile = None;
    snapshot.purposes[0].legacy_recipients = vec!["partners".into()];
    let error = build(&snapshot, Lang::Nl, date()).unwrap_err();
    let message = crate::cli::hint::statement::incomplete(&error);
    assert_eq!(error.missing.len(), 2);
    assert!(message.contains("kluis profile set"), "{message}");
    assert!(
        message.contains("kluis recipient add NAME --purpose bookkeeping"),
        "{message}"
    );
}

#[test]
fn the_dpo_is_named_only_when_appointed() {
    let out = text(&bakery(), Lang::Nl);
    assert!(!out.contains("Functionaris gegevensbescherming"));
    let mut snapshot = bakery();
    let profile = snapshot.profile.as_mut().unwrap();
    profile.dpo_name = Some("M. de Boer".into());
    profile.dpo_email = Some("fg@bakkerijjansen.nl".into());
    let out = text(&snapshot, Lang::Nl);
    assert!(out.contains("Functionaris gegevensbescherming: M. de Boer, fg@bakkerijjansen.nl"));
    assert!(
        out.contains("onze functionaris gegevensbescherming: M. de Boer, fg@bakkerijjansen.nl")
    );
}

#[test]
fn the_version_date_is_shown() {
    assert!(text(&bakery(), Lang::Nl).contains("Deze verklaring is van 29 november 2026."));
    assert!(text(&bakery(), Lang::En).contains("This statement is dated 29 November 2026."));
}

#[test]
fn a_schema_without_purposes_is_refused() {
    let snapshot = Snapshot {
        profile: Some(super::fixtures::profile()),
        ..Snapshot::default()
    };
    assert_eq!(refused(&snapshot), vec![Missing::Purposes]);
    assert!(draft(&snapshot, Lang::En).contains("\\[MISSING: purposes and the data for them\\]"));
}

/// Splits a suggested command into arguments the way a shell would for double quotes, after
/// dropping its trailing `   (explanation)` and filling in the placeholders.
fn suggested_args(command: &str) -> Vec<String> {
    let command = command.split("   (").next().unwrap();
    let command = command
        .replace("PURPOSE", "payroll")
        .replace("EXCEPTION", "explicit-consent");
    let mut args = Vec::new();
    let mut current: Option<String> = None;
    let mut quoted = false;
    for c in command.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.get_or_insert_with(String::new);
            }
            c if c.is_whitespace() && !quoted => args.extend(current.take()),
            c => current.get_or_insert_with(String::new).push(c),
        }
    }
    args.extend(current);
    args
}

#[test]
fn field_gaps_are_fixed_with_field_edit_which_keeps_the_values() {
    use clap::Parser;
    let field = || "address".to_owned();
    let gaps = [
        Missing::FieldPurpose { field: field() },
        Missing::Art9 { field: field() },
        Missing::Art9Unknown {
            field: field(),
            art9: "because".into(),
        },
        Missing::BsnConsent {
            field: field(),
            purpose: "newsletter".into(),
        },
        Missing::SourceNote { field: field() },
    ];
    for gap in gaps {
        let command = crate::cli::hint::statement::command(&gap);
        assert!(
            command.starts_with("kluis field edit address "),
            "{command}"
        );
        assert!(!command.contains("remove address"), "{command}");
        let args = suggested_args(&command);
        let parsed = crate::cli::Cli::try_parse_from(&args)
            .unwrap_or_else(|e| panic!("{command} does not parse: {e}"));
        assert!(
            matches!(parsed.command, crate::cli::Command::Field(_)),
            "{command}"
        );
    }
}

#[test]
fn explicit_consent_health_field_on_contract_purpose_gets_withdrawal_text() {
    // The bakery without its consent purpose: nothing to withdraw yet.
    let mut snapshot = bakery();
    snapshot.purposes.retain(|p| p.basis != LegalBasis::Consent);
    for field in &mut snapshot.fields {
        field.purposes.retain(|p| p != "newsletter");
    }
    snapshot.fields.retain(|f| !f.purposes.is_empty());
    let before = text(&snapshot, Lang::Nl);
    assert!(!before.contains("Uw toestemming intrekken"), "{before}");
    assert!(!before.contains("Toestemming intrekken"), "{before}");

    let mut allergies = field("allergies", &["customer-admin"]);
    allergies.special = Some(SpecialCategory::Health);
    allergies.art9 = Some("explicit-consent".into());
    allergies.label_en = Some("Allergies".into());
    snapshot.fields.push(allergies);
    let statement = text(&snapshot, Lang::Nl);
    // Consent is asked for the health value, not for the contract: withdrawing it stops
    // that value, and the deliveries go on. Until the twelfth session the statement named the
    // whole purpose, and said its data would no longer be used.
    assert!(
        statement.contains(
            "Voor deze doelen vragen we uw toestemming: allergies voor Bestellingen leveren en factureren."
        ),
        "{statement}"
    );
    assert!(
        statement.contains(
            "Trekt u uw toestemming in voor allergies voor Bestellingen leveren en factureren, dan gebruiken we alleen die gegevens niet meer. Het doel zelf gaat door."
        ),
        "{statement}"
    );
    assert!(
        statement.contains("U mag uw toestemming altijd intrekken."),
        "{statement}"
    );
    assert!(
        statement.contains("Gaf u toestemming? Dan mag u die altijd intrekken."),
        "{statement}"
    );
    let english = text(&snapshot, Lang::En);
    assert!(
        english.contains("You have the right to withdraw your consent at any time."),
        "{english}"
    );
    assert!(
        english.contains("We ask for your consent for these purposes: Allergies for Delivering"),
        "{english}"
    );

    // Another Art. 9(2) exception asks no consent, so there is none to withdraw.
    snapshot.fields.last_mut().unwrap().art9 = Some("health-care".into());
    let other = text(&snapshot, Lang::Nl);
    assert!(
        !other.contains("U mag uw toestemming altijd intrekken."),
        "{other}"
    );
}
