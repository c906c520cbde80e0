use super::*;
use crate::schema::model::{LegalBasis, Snapshot};
use crate::statement::model::build_draft;
use crate::statement::tests::fixtures::{bakery, date, purpose, recipient};

fn newsletter(no_recipients: bool) -> Purpose {
    Purpose {
        no_recipients,
        ..purpose("newsletter", LegalBasis::Consent, "Nieuwsbrief")
    }
}

/// The rows for `purpose` with `all` recipients, and what they marked as missing.
fn rows_for(lang: Lang, purpose: &Purpose, all: &[Recipient]) -> (RecipientRows, Vec<Missing>) {
    let mut missing = Vec::new();
    let rows = rows(lang, purpose, all, &mut |m| {
        missing.push(m.clone());
        m.marker(lang)
    });
    (rows, missing)
}

fn mailchimp(safeguard: Option<Safeguard>) -> Recipient {
    Recipient {
        safeguard,
        ..recipient("Mailchimp", &["newsletter"], RecipientRole::Processor, "US")
    }
}

#[test]
fn no_met_niemand_when_a_recipient_exists() {
    let jansen = recipient("Jansen", &["newsletter"], RecipientRole::Processor, "NL");
    for no_recipients in [false, true] {
        let (rows, missing) = rows_for(
            Lang::Nl,
            &newsletter(no_recipients),
            std::slice::from_ref(&jansen),
        );
        assert!(missing.is_empty(), "{missing:?}");
        assert_eq!(rows.recipients, "Jansen (verwerker, Nederland)");
        assert!(!rows.recipients.contains("niemand"));
    }
}

#[test]
fn the_no_recipients_declaration_says_nobody_outside_the_business() {
    let (rows, missing) = rows_for(Lang::Nl, &newsletter(true), &[]);
    assert!(missing.is_empty());
    assert_eq!(
        rows.recipients,
        "We geven deze gegevens aan niemand buiten ons bedrijf."
    );
    assert_eq!(rows.transfers, texts::texts(Lang::Nl).no_transfers);
    let (rows, _) = rows_for(Lang::En, &newsletter(true), &[]);
    assert_eq!(
        rows.recipients,
        "We do not give this data to anyone outside our business."
    );
}

#[test]
fn undeclared_recipients_block_the_statement() {
    let (rows, missing) = rows_for(Lang::Nl, &newsletter(false), &[]);
    assert_eq!(
        missing,
        [Missing::RecipientsUndeclared {
            purpose: "newsletter".into()
        }]
    );
    assert!(!rows.recipients.contains("niemand"), "{}", rows.recipients);
    assert!(
        !rows.transfers.contains("niet buiten"),
        "{}",
        rows.transfers
    );
    let command = crate::cli::hint::statement::command(&missing[0]);
    assert!(
        command.contains(
            "kluis recipient add NAME --purpose newsletter --role processor --country NL"
        ) && command.contains("kluis purpose edit newsletter --no-recipients"),
        "{command}"
    );
    let mut snapshot = bakery();
    snapshot.recipients.clear();
    let model = build_draft(&snapshot, &Default::default(), Lang::Nl, date());
    assert!(model.missing.iter().any(
        |m| matches!(m, Missing::RecipientsUndeclared { purpose } if purpose == "newsletter")
    ));
}

#[test]
fn no_niet_buiten_de_eer_for_a_us_recipient() {
    let (rows, missing) = rows_for(
        Lang::Nl,
        &newsletter(false),
        &[mailchimp(Some(Safeguard::Dpf))],
    );
    assert!(missing.is_empty(), "{missing:?}");
    assert!(
        !rows.transfers.contains("niet naar landen buiten"),
        "{}",
        rows.transfers
    );
    assert_eq!(
        rows.transfers,
        "Mailchimp (Verenigde Staten): op grond van het EU-VS Data Privacy Framework van de \
         Europese Commissie (besluit (EU) 2023/1795)"
    );
    assert_eq!(rows.recipients, "Mailchimp (verwerker, Verenigde Staten)");
}

#[test]
fn germany_is_not_outside_the_eea() {
    let druckerei = recipient("Druckerei", &["newsletter"], RecipientRole::Processor, "DE");
    let (rows, _) = rows_for(
        Lang::Nl,
        &newsletter(false),
        std::slice::from_ref(&druckerei),
    );
    assert_eq!(rows.transfers, texts::texts(Lang::Nl).no_transfers);
    assert_eq!(rows.recipients, "Druckerei (verwerker, Duitsland)");
    let (rows, _) = rows_for(Lang::En, &newsletter(false), &[druckerei]);
    assert_eq!(rows.recipients, "Druckerei (processor, Germany)");
    assert!(!rows.recipients.contains("Duitsland"));
}

#[test]
fn one_recipient_outside_the_eea_among_others_is_listed_as_a_transfer() {
    let all = [
        recipient("Jansen", &["newsletter"], RecipientRole::Processor, "NL"),
        mailchimp(Some(Safeguard::Dpf)),
    ];
    let (rows, _) = rows_for(Lang::En, &newsletter(false), &all);
    assert_eq!(
        rows.recipients,
        "Jansen (processor, Netherlands); Mailchimp (processor, United States)"
    );
    assert!(
        rows.transfers
            .starts_with("Mailchimp (United States): under the EU-US"),
        "{}",
        rows.transfers
    );
    assert!(!rows.transfers.contains("Jansen"));
}

#[test]
fn names_with_commas_and_en_stay_unambiguous() {
    let all = [
        recipient(
            "Smit en Zn, Accountants",
            &["newsletter"],
            RecipientRole::Processor,
            "NL",
        ),
        recipient(
            "Belastingdienst",
            &["newsletter"],
            RecipientRole::Authority,
            "NL",
        ),
    ];
    let (rows, _) = rows_for(Lang::Nl, &newsletter(false), &all);
    assert_eq!(
        rows.recipients,
        "Smit en Zn, Accountants (verwerker, Nederland); Belastingdienst (overheidsinstantie, Nederland)"
    );
}

#[test]
fn adequacy_names_the_commission_decision() {
    let tokyo = Recipient {
        country: "JP".into(),
        ..mailchimp(Some(Safeguard::Adequacy))
    };
    let (rows, missing) = rows_for(Lang::En, &newsletter(false), &[tokyo]);
    assert!(missing.is_empty());
    let decision = country::adequacy("JP").unwrap();
    assert!(
        rows.transfers.contains(decision.name_en),
        "{}",
        rows.transfers
    );
    assert!(
        rows.transfers.contains(decision.decision),
        "{}",
        rows.transfers
    );
    assert!(rows.transfers.contains("Japan"));
}

#[test]
fn scc_shows_how_to_get_a_copy_and_english_needs_its_own_text() {
    let scc = Recipient {
        safeguard_copy: Some("Vraag een kopie via privacy@example.nl".into()),
        ..mailchimp(Some(Safeguard::Scc))
    };
    let (rows, missing) = rows_for(Lang::Nl, &newsletter(false), std::slice::from_ref(&scc));
    assert!(missing.is_empty());
    assert!(rows.transfers.contains("standaardcontractbepalingen"));
    assert!(
        rows.transfers
            .contains("Vraag een kopie via privacy@example.nl")
    );
    let (rows, missing) = rows_for(Lang::En, &newsletter(false), std::slice::from_ref(&scc));
    assert_eq!(
        missing,
        [Missing::RecipientEnglish {
            recipient: "Mailchimp".into(),
            flag: "--safeguard-copy-en".into()
        }]
    );
    assert!(
        !rows.transfers.contains("Vraag"),
        "never Dutch: {}",
        rows.transfers
    );
    assert!(crate::cli::hint::statement::command(&missing[0]).contains("--safeguard-copy-en"));
    let english = Recipient {
        safeguard_copy_en: Some("Ask for a copy at privacy@example.nl".into()),
        ..scc
    };
    let (rows, missing) = rows_for(Lang::En, &newsletter(false), &[english]);
    assert!(missing.is_empty());
    assert!(rows.transfers.contains("standard contractual clauses"));
    assert!(rows.transfers.contains("Ask for a copy"));
}

#[test]
fn a_derogation_shows_its_note_in_the_language() {
    let hotel = Recipient {
        country: "CN".into(),
        note: Some("Nodig voor uw boeking".into()),
        note_en: Some("Needed for your booking".into()),
        ..mailchimp(Some(Safeguard::Derogation))
    };
    let (nl, _) = rows_for(Lang::Nl, &newsletter(false), std::slice::from_ref(&hotel));
    assert!(
        nl.transfers
            .contains("artikel 49 AVG: Nodig voor uw boeking"),
        "{}",
        nl.transfers
    );
    assert!(nl.transfers.contains("China"));
    let (en, _) = rows_for(Lang::En, &newsletter(false), &[hotel]);
    assert!(
        en.transfers
            .contains("Article 49 GDPR: Needed for your booking"),
        "{}",
        en.transfers
    );
}

#[test]
fn a_stored_transfer_without_an_adequate_safeguard_is_marked() {
    for safeguard in [None, Some(Safeguard::Adequacy)] {
        let (_, missing) = rows_for(Lang::Nl, &newsletter(false), &[mailchimp(safeguard)]);
        assert_eq!(
            missing,
            [Missing::RecipientSafeguard {
                recipient: "Mailchimp".into()
            }],
            "{safeguard:?}"
        );
    }
}

#[test]
fn legacy_free_text_recipients_are_blocked_with_the_restating_command() {
    let old = Purpose {
        legacy_recipients: vec!["Boekhouder (verwerker)".into()],
        legacy_transfers: vec!["VS: geen".into()],
        ..newsletter(false)
    };
    let (rows, missing) = rows_for(Lang::Nl, &old, &[]);
    assert_eq!(missing.len(), 2, "{missing:?}");
    assert!(
        !rows.recipients.contains("Boekhouder"),
        "never shown: {}",
        rows.recipients
    );
    assert!(
        !rows.transfers.contains("VS: geen"),
        "never shown: {}",
        rows.transfers
    );
    for item in &missing {
        assert!(
            matches!(item, Missing::LegacyRecipient { purpose, .. } if purpose == "newsletter")
        );
        let command = crate::cli::hint::statement::command(item);
        assert!(
            command.starts_with("kluis recipient add NAME --purpose newsletter"),
            "{command}"
        );
        assert!(
            command.contains("kluis purpose edit newsletter --drop-legacy-recipients"),
            "{command}"
        );
    }
    assert!(missing[0].message().contains("Boekhouder (verwerker)"));
}

#[test]
fn a_complete_bakery_lists_its_recipients() {
    let snapshot: Snapshot = bakery();
    let model = build_draft(&snapshot, &Default::default(), Lang::Nl, date());
    assert!(model.missing.is_empty(), "{:?}", model.missing);
}
