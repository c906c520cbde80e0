use super::*;
use crate::schema::model::LegalBasis;
use crate::schema::purpose::{PurposeChanges, add_purpose, update_purpose};
use crate::schema::testing::{audit, conn, in_tx, purpose};
use crate::schema::{Error, load_snapshot};

/// A Dutch processor for `purposes`.
fn processor(name: &str, purposes: &[&str]) -> Recipient {
    Recipient {
        name: name.to_owned(),
        purposes: purposes.iter().map(|p| (*p).to_owned()).collect(),
        role: RecipientRole::Processor,
        country: "NL".into(),
        safeguard: None,
        safeguard_copy: None,
        safeguard_copy_en: None,
        note: None,
        note_en: None,
    }
}

/// `processor` in another country with a safeguard.
fn abroad(country: &str, safeguard: Option<Safeguard>) -> Recipient {
    Recipient {
        country: country.into(),
        safeguard,
        ..processor("Mailchimp", &["newsletter"])
    }
}

fn vault_with(purposes: &[&str]) -> Connection {
    let mut conn = conn();
    for name in purposes {
        in_tx(&mut conn, |tx| {
            add_purpose(tx, &purpose(name, LegalBasis::Contract))
        })
        .unwrap();
    }
    conn
}

fn refused(recipient: &Recipient) -> RecipientError {
    validate(recipient).unwrap_err()
}

#[test]
fn a_recipient_round_trips_into_the_snapshot_with_purposes_in_purpose_order() {
    let mut conn = vault_with(&["sales", "bookkeeping"]);
    let jansen = processor(" Boekhouder Jansen, Smit en Zn ", &["bookkeeping", "sales"]);
    in_tx(&mut conn, |tx| add_recipient(tx, &jansen)).unwrap();
    let snapshot = load_snapshot(&conn).unwrap();
    assert_eq!(
        snapshot.recipients,
        vec![Recipient {
            name: "Boekhouder Jansen, Smit en Zn".into(),
            purposes: vec!["sales".into(), "bookkeeping".into()],
            ..jansen
        }]
    );
}

#[test]
fn recipients_list_by_name() {
    let mut conn = vault_with(&["sales"]);
    for name in ["Zeeman", "Albert"] {
        in_tx(&mut conn, |tx| {
            add_recipient(tx, &processor(name, &["sales"]))
        })
        .unwrap();
    }
    let names: Vec<String> = recipients(&conn)
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["Albert", "Zeeman"]);
}

#[test]
fn a_name_is_needed_and_keeps_lists_unambiguous() {
    assert!(matches!(
        refused(&processor("  ", &["sales"])),
        RecipientError::NameEmpty
    ));
    for name in ["Jansen; Smit", &"x".repeat(101)] {
        assert!(
            matches!(
                refused(&processor(name, &["sales"])),
                RecipientError::NameInvalid { .. }
            ),
            "{name}"
        );
    }
    // A control character is refused by the one rule for schema text, without the name.
    for name in ["Jansen\nSmit", "Jansen\u{1b}[2J"] {
        let error = refused(&processor(name, &["sales"]));
        assert!(matches!(error, RecipientError::Control(_)), "{name:?}");
        assert!(!error.to_string().contains("Jansen"), "{error}");
    }
}

#[test]
fn at_least_one_purpose_is_needed_and_each_must_exist() {
    assert!(matches!(
        refused(&processor("Jansen", &[])),
        RecipientError::NoPurpose { .. }
    ));
    let mut conn = vault_with(&["sales"]);
    let error = in_tx(&mut conn, |tx| {
        add_recipient(tx, &processor("Jansen", &["sales", "nope"]))
    })
    .unwrap_err();
    assert!(matches!(error, Error::PurposeNotFound { .. }), "{error}");
    assert!(
        recipients(&conn).unwrap().is_empty(),
        "nothing half-written"
    );
}

#[test]
fn the_country_is_an_iso_code_stored_in_capitals() {
    let recipient = validate(&Recipient {
        country: " de ".into(),
        ..processor("Druckerei", &["sales"])
    })
    .unwrap();
    assert_eq!(recipient.country, "DE");
    for (code, suggestion) in [("UK", Some("GB")), ("EL", Some("GR")), ("XX", None)] {
        match refused(&abroad(code, None)) {
            RecipientError::UnknownCountry {
                suggestion: given, ..
            } => assert_eq!(given, suggestion, "{code}"),
            other => panic!("{code}: {other}"),
        }
    }
    let hint = crate::cli::hint::schema::recipient(&refused(&abroad("UK", None)));
    assert!(hint.contains("--country GB"), "{hint}");
}

#[test]
fn germany_is_not_outside_the_eea() {
    validate(&abroad("DE", None)).expect("no safeguard needed inside the EEA");
    assert!(matches!(
        refused(&abroad("DE", Some(Safeguard::Scc))),
        RecipientError::SafeguardInsideEea { .. }
    ));
}

#[test]
fn a_note_or_copy_inside_the_eea_is_refused_because_nothing_would_show_it() {
    let note = Recipient {
        note: Some("uitleg".into()),
        ..abroad("DE", None)
    };
    assert!(matches!(
        refused(&note),
        RecipientError::NoteInsideEea { .. }
    ));
    let copy = Recipient {
        safeguard_copy: Some("mail ons".into()),
        ..abroad("DE", None)
    };
    assert!(matches!(
        refused(&copy),
        RecipientError::SafeguardCopyNotApplicable { .. }
    ));
}

#[test]
fn a_transfer_without_a_safeguard_is_refused() {
    for code in ["US", "JP", "CN"] {
        assert!(
            matches!(
                refused(&abroad(code, None)),
                RecipientError::SafeguardMissing { .. }
            ),
            "{code}"
        );
    }
}

#[test]
fn vs_geen_is_not_a_safeguard() {
    // The old free text "VS: geen" is now a US recipient with no safeguard, and "n.v.t." has no
    // flag to go in: the safeguard is one of five names.
    assert!(matches!(
        refused(&abroad("US", None)),
        RecipientError::SafeguardMissing { .. }
    ));
    assert!("geen".parse::<Safeguard>().is_err());
    assert!("n.v.t.".parse::<Safeguard>().is_err());
}

#[test]
fn adequacy_needs_a_decision_that_covers_all_recipients() {
    validate(&abroad("JP", Some(Safeguard::Adequacy))).unwrap();
    validate(&abroad("CA", Some(Safeguard::Adequacy))).unwrap();
    for code in ["US", "CN"] {
        assert!(
            matches!(
                refused(&abroad(code, Some(Safeguard::Adequacy))),
                RecipientError::NoAdequacy { .. }
            ),
            "{code}"
        );
    }
}

#[test]
fn dpf_is_only_for_the_united_states() {
    validate(&abroad("US", Some(Safeguard::Dpf))).unwrap();
    assert!(matches!(
        refused(&abroad("GB", Some(Safeguard::Dpf))),
        RecipientError::DpfOutsideUs { .. }
    ));
}

#[test]
fn scc_and_bcr_need_the_way_to_a_copy() {
    for safeguard in [Safeguard::Scc, Safeguard::Bcr] {
        assert!(matches!(
            refused(&abroad("US", Some(safeguard))),
            RecipientError::SafeguardCopyMissing { .. }
        ));
        validate(&Recipient {
            safeguard_copy: Some("Vraag een kopie via privacy@example.nl".into()),
            ..abroad("US", Some(safeguard))
        })
        .unwrap();
    }
    let copy_for_dpf = Recipient {
        safeguard_copy: Some("kopie".into()),
        ..abroad("US", Some(Safeguard::Dpf))
    };
    assert!(matches!(
        refused(&copy_for_dpf),
        RecipientError::SafeguardCopyNotApplicable { .. }
    ));
}

#[test]
fn a_derogation_needs_a_note() {
    assert!(matches!(
        refused(&abroad("CN", Some(Safeguard::Derogation))),
        RecipientError::DerogationNoteMissing { .. }
    ));
    validate(&Recipient {
        note: Some("Nodig voor uw boeking (art. 49 lid 1 sub b)".into()),
        ..abroad("CN", Some(Safeguard::Derogation))
    })
    .unwrap();
}

#[test]
fn an_english_text_needs_its_dutch_text_and_no_text_is_blank() {
    let english_only = Recipient {
        safeguard_copy_en: Some("Ask us".into()),
        ..abroad("US", Some(Safeguard::Dpf))
    };
    assert!(matches!(
        refused(&english_only),
        RecipientError::EnglishWithoutDutch { .. }
    ));
    let blank = Recipient {
        note: Some("  ".into()),
        ..abroad("US", Some(Safeguard::Dpf))
    };
    assert!(matches!(refused(&blank), RecipientError::EmptyText { .. }));
}

#[test]
fn adding_an_existing_name_extends_it_with_purposes_and_texts() {
    let mut conn = vault_with(&["newsletter", "sales"]);
    let scc = Recipient {
        safeguard: Some(Safeguard::Scc),
        safeguard_copy: Some("Mail ons".into()),
        ..abroad("US", None)
    };
    in_tx(&mut conn, |tx| add_recipient(tx, &scc)).unwrap();
    let more = Recipient {
        purposes: vec!["sales".into()],
        safeguard_copy: None,
        safeguard_copy_en: Some("Mail us".into()),
        ..scc.clone()
    };
    let stored = in_tx(&mut conn, |tx| add_recipient(tx, &more)).unwrap();
    assert_eq!(stored.purposes, ["newsletter", "sales"]);
    assert_eq!(stored.safeguard_copy.as_deref(), Some("Mail ons"));
    assert_eq!(stored.safeguard_copy_en.as_deref(), Some("Mail us"));
    let other_country = Recipient {
        country: "GB".into(),
        safeguard: Some(Safeguard::Adequacy),
        safeguard_copy: None,
        ..more
    };
    let error = in_tx(&mut conn, |tx| add_recipient(tx, &other_country)).unwrap_err();
    assert!(
        matches!(
            error,
            Error::Recipient(RecipientError::Differs {
                what: "--country",
                ..
            })
        ),
        "{error}"
    );
}

#[test]
fn adding_a_recipient_clears_the_no_recipients_declaration_with_an_audit_row() {
    let mut conn = conn();
    let mut sales = purpose("sales", LegalBasis::Contract);
    sales.no_recipients = true;
    in_tx(&mut conn, |tx| add_purpose(tx, &sales)).unwrap();
    in_tx(&mut conn, |tx| {
        add_recipient(tx, &processor("Jansen", &["sales"]))
    })
    .unwrap();
    let snapshot = load_snapshot(&conn).unwrap();
    assert!(!snapshot.purposes[0].no_recipients);
    let rows = audit(&conn);
    let actions: Vec<(&str, Option<&str>, Option<&str>)> = rows
        .iter()
        .map(|(action, _, purpose, detail)| {
            (action.as_str(), purpose.as_deref(), detail.as_deref())
        })
        .collect();
    assert_eq!(
        actions[1..],
        [
            ("recipient.add", Some("sales"), Some("Jansen")),
            ("purpose.edit", Some("sales"), Some("no-recipients")),
        ]
    );
}

#[test]
fn no_recipients_is_refused_while_a_recipient_is_attached() {
    let mut conn = vault_with(&["sales"]);
    in_tx(&mut conn, |tx| {
        add_recipient(tx, &processor("Jansen", &["sales"]))
    })
    .unwrap();
    let changes = PurposeChanges {
        no_recipients: Some(true),
        ..PurposeChanges::default()
    };
    let error = in_tx(&mut conn, |tx| update_purpose(tx, "sales", &changes)).unwrap_err();
    assert!(matches!(error, Error::RecipientsAttached { .. }), "{error}");
}

#[test]
fn remove_takes_off_one_purpose_or_the_whole_recipient() {
    let mut conn = vault_with(&["sales", "bookkeeping"]);
    in_tx(&mut conn, |tx| {
        add_recipient(tx, &processor("Jansen", &["sales", "bookkeeping"]))
    })
    .unwrap();
    let removed = in_tx(&mut conn, |tx| {
        remove_recipient(tx, "Jansen", Some("sales"))
    })
    .unwrap();
    assert_eq!(removed, Removed::Purpose);
    assert_eq!(
        find_recipient(&conn, "Jansen").unwrap().unwrap().purposes,
        ["bookkeeping"]
    );
    let error = in_tx(&mut conn, |tx| {
        remove_recipient(tx, "Jansen", Some("sales"))
    })
    .unwrap_err();
    assert!(matches!(
        error,
        Error::Recipient(RecipientError::NotAPurpose { .. })
    ));
    let removed = in_tx(&mut conn, |tx| {
        remove_recipient(tx, "Jansen", Some("bookkeeping"))
    })
    .unwrap();
    assert_eq!(
        removed,
        Removed::Recipient,
        "its last purpose took it along"
    );
    assert!(find_recipient(&conn, "Jansen").unwrap().is_none());

    in_tx(&mut conn, |tx| {
        add_recipient(tx, &processor("Smit", &["sales", "bookkeeping"]))
    })
    .unwrap();
    assert_eq!(
        in_tx(&mut conn, |tx| remove_recipient(tx, "Smit", None)).unwrap(),
        Removed::Recipient
    );
    assert!(recipients(&conn).unwrap().is_empty());
    let error = in_tx(&mut conn, |tx| remove_recipient(tx, "Smit", None)).unwrap_err();
    assert!(matches!(
        error,
        Error::Recipient(RecipientError::NotFound { .. })
    ));
    let removals = audit(&conn)
        .into_iter()
        .filter(|(action, ..)| action == "recipient.remove")
        .count();
    assert_eq!(removals, 4);
}

#[test]
fn every_refusal_has_a_hint() {
    for recipient in [
        processor("", &["sales"]),
        processor("a;b", &["sales"]),
        processor("Jansen", &[]),
        abroad("UK", None),
        abroad("US", None),
        abroad("DE", Some(Safeguard::Dpf)),
        abroad("US", Some(Safeguard::Adequacy)),
        abroad("US", Some(Safeguard::Scc)),
        abroad("CN", Some(Safeguard::Derogation)),
    ] {
        let error = refused(&recipient);
        assert!(
            !crate::cli::hint::schema::recipient(&error).is_empty(),
            "{error}"
        );
    }
}

#[test]
fn replacing_a_recipient_changes_its_transfer_keeps_its_name_and_checks_it_as_new() {
    let mut conn = vault_with(&["newsletter", "sales"]);
    in_tx(&mut conn, |tx| {
        add_recipient(tx, &abroad("US", Some(Safeguard::Dpf)))
    })
    .unwrap();
    let scc = Recipient {
        name: "Another name".into(),
        purposes: vec!["sales".into()],
        safeguard_copy: Some("Vraag een kopie via privacy@example.nl".into()),
        ..abroad("US", Some(Safeguard::Scc))
    };
    let replaced = in_tx(&mut conn, |tx| replace_recipient(tx, "Mailchimp", &scc)).unwrap();
    assert_eq!(replaced.name, "Mailchimp");
    assert_eq!(replaced.safeguard, Some(Safeguard::Scc));
    assert_eq!(replaced.purposes, ["sales"]);
    assert_eq!(recipients(&conn).unwrap(), std::slice::from_ref(&replaced));

    let mut tx_conn = conn;
    let tx = tx_conn.transaction().unwrap();
    let refused = replace_recipient(&tx, "Mailchimp", &abroad("US", None));
    assert!(matches!(
        refused,
        Err(Error::Recipient(RecipientError::SafeguardMissing { .. }))
    ));
    drop(tx);
    assert_eq!(recipients(&tx_conn).unwrap(), [replaced]);
    let tx = tx_conn.transaction().unwrap();
    assert!(matches!(
        replace_recipient(&tx, "Nobody", &abroad("US", None)),
        Err(Error::Recipient(RecipientError::NotFound { .. }))
    ));
}
