use super::*;
use crate::schema::add_field;
use crate::schema::model::{FieldType, RetentionUnit};
use crate::schema::testing::{audit, conn, field, in_tx, purpose};

#[test]
fn a_purpose_round_trips_with_every_declaration() {
    let mut conn = conn();
    let mut bookkeeping = purpose("bookkeeping", LegalBasis::LegalObligation);
    bookkeeping.law = Some(" AWR art. 52 ".into());
    bookkeeping.law_en = Some("General Tax Act, s. 52".into());
    bookkeeping.retention = Retention {
        note_en: Some("after the financial year".into()),
        ..Retention::parse(
            Some("7y"),
            RetentionStart::EndOfContract,
            Some("na het boekjaar"),
        )
        .unwrap()
    };
    bookkeeping.subjects = Some("leden".into());
    bookkeeping.subjects_en = Some("members".into());
    bookkeeping.minors = true;
    bookkeeping.profiling = Some(Profiling {
        kind: ProfilingKind::Profiling,
        logic: Some("Betaalgedrag".into()),
        logic_en: Some("Payment history".into()),
        effect: Some("Vooruitbetalen".into()),
        effect_en: Some("Paying in advance".into()),
    });
    bookkeeping.categories = vec![
        OutsideCategory {
            text: "Camerabeelden".into(),
            text_en: Some("Camera images".into()),
        },
        OutsideCategory {
            text: "Websitelogs".into(),
            text_en: None,
        },
    ];
    bookkeeping.no_recipients = true;
    let id = in_tx(&mut conn, |tx| add_purpose(tx, &bookkeeping)).unwrap();
    let stored = purpose_by_name(&conn, "bookkeeping").unwrap();
    assert_eq!(stored.id, id);
    bookkeeping.law = Some("AWR art. 52".into());
    assert_eq!(stored.purpose, bookkeeping);
    let days: i64 = conn
        .query_row("SELECT retention_days FROM purposes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(days, 7 * 365);
}

#[test]
fn purposes_list_in_the_order_they_were_added() {
    let mut conn = conn();
    for name in ["newsletter", "bookkeeping", "customer-admin"] {
        in_tx(&mut conn, |tx| {
            add_purpose(tx, &purpose(name, LegalBasis::Contract))
        })
        .unwrap();
    }
    let names: Vec<_> = purposes(&conn)
        .unwrap()
        .into_iter()
        .map(|p| p.purpose.name)
        .collect();
    assert_eq!(names, ["newsletter", "bookkeeping", "customer-admin"]);
}

#[test]
fn a_name_is_taken_once() {
    let mut conn = conn();
    let admin = purpose("customer-admin", LegalBasis::Contract);
    in_tx(&mut conn, |tx| add_purpose(tx, &admin)).unwrap();
    let error = in_tx(&mut conn, |tx| add_purpose(tx, &admin)).unwrap_err();
    assert!(matches!(error, Error::PurposeExists { .. }), "{error}");
}

#[test]
fn names_are_plain() {
    let mut conn = conn();
    for name in ["", "Customer", "klant admin", "1st", "a=b"] {
        let error = in_tx(&mut conn, |tx| {
            add_purpose(tx, &purpose(name, LegalBasis::Contract))
        })
        .unwrap_err();
        assert!(
            matches!(error, Error::InvalidName { .. }),
            "{name}: {error}"
        );
    }
}

#[test]
fn a_description_is_required() {
    let mut conn = conn();
    let mut admin = purpose("customer-admin", LegalBasis::Contract);
    admin.description = "   ".into();
    let error = in_tx(&mut conn, |tx| add_purpose(tx, &admin)).unwrap_err();
    assert!(matches!(error, Error::DescriptionMissing { .. }), "{error}");
}

#[test]
fn legitimate_interests_need_an_interest_and_only_they_take_one() {
    let mut conn = conn();
    let mut fraud = purpose("fraud", LegalBasis::LegitimateInterests);
    fraud.interest = None;
    let error = in_tx(&mut conn, |tx| add_purpose(tx, &fraud)).unwrap_err();
    assert!(matches!(error, Error::InterestMissing { .. }), "{error}");
    fraud.interest = Some(" ".into());
    let error = in_tx(&mut conn, |tx| add_purpose(tx, &fraud)).unwrap_err();
    assert!(
        matches!(
            error,
            Error::EmptyText {
                flag: "--interest",
                ..
            }
        ),
        "{error}"
    );

    let mut admin = purpose("customer-admin", LegalBasis::Contract);
    admin.interest = Some("Fraude voorkomen".into());
    let error = in_tx(&mut conn, |tx| add_purpose(tx, &admin)).unwrap_err();
    assert!(
        matches!(error, Error::InterestNotApplicable { .. }),
        "{error}"
    );
}

#[test]
fn retention_needs_a_period_or_an_event() {
    let mut conn = conn();
    let mut admin = purpose("customer-admin", LegalBasis::Contract);
    admin.retention = Retention {
        note: Some("  ".into()),
        ..Retention::default()
    };
    let error = in_tx(&mut conn, |tx| add_purpose(tx, &admin)).unwrap_err();
    assert!(matches!(error, Error::EmptyText { .. }), "{error}");
    admin.retention.note = None;
    let error = in_tx(&mut conn, |tx| add_purpose(tx, &admin)).unwrap_err();
    assert!(matches!(error, Error::Retention { .. }), "{error}");
    admin.retention.start = RetentionStart::EndOfContract;
    admin.retention.note = Some("daarna wissen we binnen een maand".into());
    in_tx(&mut conn, |tx| add_purpose(tx, &admin)).unwrap();
    let stored = purpose_by_name(&conn, "customer-admin").unwrap();
    assert_eq!(stored.purpose.retention.period, None);
    assert_eq!(
        stored.purpose.retention.start,
        RetentionStart::EndOfContract
    );
}

/// Regression: "zo lang als nodig", "permanent" and the like stood alone as the retention.
#[test]
fn a_retention_note_alone_is_refused_with_a_hint() {
    let mut conn = conn();
    for note in [
        "zo lang als nodig",
        "voor onbepaalde tijd",
        "permanent",
        "conform de wet",
        "n.v.t.",
        "-",
    ] {
        let mut admin = purpose("customer-admin", LegalBasis::Contract);
        admin.retention = Retention {
            note: Some(note.into()),
            ..Retention::default()
        };
        let error = in_tx(&mut conn, |tx| add_purpose(tx, &admin)).unwrap_err();
        assert!(matches!(error, Error::Retention { .. }), "{note}: {error}");
        let hint = crate::cli::hint::schema::hint(&error).unwrap();
        assert!(
            hint.contains("--retention 2y --retention-from last-change"),
            "{hint}"
        );
    }
}

#[test]
fn an_event_alone_only_where_the_basis_has_it() {
    let mut conn = conn();
    for (basis, start) in [
        (LegalBasis::Consent, RetentionStart::EndOfContract),
        (LegalBasis::LegalObligation, RetentionStart::EndOfContract),
        (LegalBasis::Contract, RetentionStart::ConsentWithdrawn),
        (
            LegalBasis::LegitimateInterests,
            RetentionStart::ConsentWithdrawn,
        ),
    ] {
        let mut p = purpose("p", basis);
        p.interest = (basis == LegalBasis::LegitimateInterests).then(|| "Belang".into());
        p.retention = Retention {
            start,
            ..Retention::default()
        };
        let error = in_tx(&mut conn, |tx| add_purpose(tx, &p)).unwrap_err();
        assert!(matches!(error, Error::RetentionEvent { .. }), "{error}");
        // Counted as the start of a period, the event is fine.
        p.retention.period = Some("7y".parse().unwrap());
        in_tx(&mut conn, |tx| add_purpose(tx, &p)).unwrap();
        in_tx(&mut conn, |tx| remove_purpose(tx, "p")).unwrap();
    }
    let mut newsletter = purpose("newsletter", LegalBasis::Consent);
    newsletter.retention = Retention {
        start: RetentionStart::ConsentWithdrawn,
        ..Retention::default()
    };
    in_tx(&mut conn, |tx| add_purpose(tx, &newsletter)).unwrap();
}

#[test]
fn a_purpose_in_use_is_not_removed() {
    let mut conn = conn();
    in_tx(&mut conn, |tx| {
        add_purpose(tx, &purpose("customer-admin", LegalBasis::Contract))?;
        add_purpose(tx, &purpose("newsletter", LegalBasis::Consent))?;
        add_field(tx, &field("email", FieldType::Email, &["customer-admin"]))
    })
    .unwrap();
    let error = in_tx(&mut conn, |tx| remove_purpose(tx, "customer-admin")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "purpose `customer-admin` is still used by fields email"
    );
    in_tx(&mut conn, |tx| remove_purpose(tx, "newsletter")).unwrap();
    assert!(find_purpose(&conn, "newsletter").unwrap().is_none());
    let error = in_tx(&mut conn, |tx| remove_purpose(tx, "newsletter")).unwrap_err();
    assert!(matches!(error, Error::PurposeNotFound { .. }), "{error}");
}

#[test]
fn edit_changes_what_it_is_given_and_keeps_the_rest() {
    let mut conn = conn();
    let mut admin = purpose("customer-admin", LegalBasis::Contract);
    admin.subjects = Some("leden".into());
    in_tx(&mut conn, |tx| add_purpose(tx, &admin)).unwrap();
    let changes = PurposeChanges {
        retention: Some("18m".into()),
        minors: Some(true),
        ..Default::default()
    };
    let edited = in_tx(&mut conn, |tx| {
        update_purpose(tx, "customer-admin", &changes)
    })
    .unwrap();
    assert_eq!(edited.retention.period.unwrap().unit, RetentionUnit::Months);
    assert_eq!(edited.subjects.as_deref(), Some("leden"));
    assert!(edited.minors);
    assert_eq!(
        purpose_by_name(&conn, "customer-admin").unwrap().purpose,
        edited
    );

    let clear_period = PurposeChanges {
        retention: Some(String::new()),
        ..Default::default()
    };
    let error = in_tx(&mut conn, |tx| {
        update_purpose(tx, "customer-admin", &clear_period)
    })
    .unwrap_err();
    assert!(matches!(error, Error::Retention { .. }), "{error}");
}

#[test]
fn edit_keeps_the_law_a_bsn_field_needs() {
    let mut conn = conn();
    let mut payroll = purpose("payroll", LegalBasis::LegalObligation);
    payroll.law = Some("Wet LB 1964 art. 28".into());
    in_tx(&mut conn, |tx| {
        add_purpose(tx, &payroll)?;
        add_field(tx, &field("bsn", FieldType::Bsn, &["payroll"]))
    })
    .unwrap();
    let drop_law = PurposeChanges {
        law: Some(String::new()),
        ..Default::default()
    };
    let error = in_tx(&mut conn, |tx| update_purpose(tx, "payroll", &drop_law)).unwrap_err();
    // A legal obligation never drops its law, whether or not a BSN relies on it.
    assert!(matches!(error, Error::LawMissing { .. }), "{error}");
    assert!(
        purpose_by_name(&conn, "payroll")
            .unwrap()
            .purpose
            .law
            .is_some()
    );
}

#[test]
fn changes_are_audited_by_name() {
    let mut conn = conn();
    in_tx(&mut conn, |tx| {
        add_purpose(tx, &purpose("newsletter", LegalBasis::Consent))?;
        update_purpose(
            tx,
            "newsletter",
            &PurposeChanges {
                description: Some("Nieuwsbrief".into()),
                ..Default::default()
            },
        )?;
        remove_purpose(tx, "newsletter")
    })
    .unwrap();
    let log = audit(&conn);
    let actions: Vec<_> = log.iter().map(|row| row.0.as_str()).collect();
    assert_eq!(actions, ["purpose.add", "purpose.edit", "purpose.remove"]);
    assert!(log.iter().all(|row| row.2.as_deref() == Some("newsletter")));
    assert_eq!(log[1].3.as_deref(), Some("description"));
}

#[test]
fn english_texts_round_trip_and_are_edited_and_cleared() {
    let mut conn = conn();
    let mut fraud = purpose("fraud", LegalBasis::LegitimateInterests);
    fraud.description_en = Some(" Fraud checks ".into());
    fraud.interest_en = Some("Preventing fraud".into());
    in_tx(&mut conn, |tx| add_purpose(tx, &fraud)).unwrap();
    let stored = purpose_by_name(&conn, "fraud").unwrap().purpose;
    assert_eq!(stored.description_en.as_deref(), Some("Fraud checks"));
    assert_eq!(stored.interest_en.as_deref(), Some("Preventing fraud"));

    let changes = PurposeChanges {
        description_en: Some("Checking orders for fraud".into()),
        interest_en: Some(String::new()),
        ..PurposeChanges::default()
    };
    let edited = in_tx(&mut conn, |tx| update_purpose(tx, "fraud", &changes)).unwrap();
    assert_eq!(
        edited.description_en.as_deref(),
        Some("Checking orders for fraud")
    );
    assert_eq!(edited.interest_en, None);
    assert_eq!(purpose_by_name(&conn, "fraud").unwrap().purpose, edited);
    let last = audit(&conn).pop().unwrap();
    assert_eq!(last.0, "purpose.edit");
    assert_eq!(last.3.as_deref(), Some("description-en,interest-en"));
}

#[test]
fn an_english_interest_is_only_for_legitimate_interests_and_no_text_is_empty() {
    let mut conn = conn();
    let mut newsletter = purpose("newsletter", LegalBasis::Consent);
    newsletter.interest_en = Some("Selling more bread".into());
    let error = in_tx(&mut conn, |tx| add_purpose(tx, &newsletter)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "purpose `newsletter` has basis consent: --interest-en is only for legitimate-interests"
    );
    newsletter.interest_en = None;
    newsletter.description_en = Some(" ".into());
    let error = in_tx(&mut conn, |tx| add_purpose(tx, &newsletter)).unwrap_err();
    assert!(
        matches!(
            error,
            Error::EmptyText {
                flag: "--description-en",
                ..
            }
        ),
        "{error}"
    );
    newsletter.description_en = None;
    in_tx(&mut conn, |tx| add_purpose(tx, &newsletter)).unwrap();
    let changes = PurposeChanges {
        interest_en: Some("Selling more bread".into()),
        ..PurposeChanges::default()
    };
    let error = in_tx(&mut conn, |tx| update_purpose(tx, "newsletter", &changes)).unwrap_err();
    assert!(
        matches!(error, Error::InterestNotApplicable { .. }),
        "{error}"
    );
    assert_eq!(
        purpose_by_name(&conn, "newsletter")
            .unwrap()
            .purpose
            .interest_en,
        None
    );
}

/// A vault written before migration 0004 keeps its purposes, without English texts.
#[test]
fn purposes_from_before_english_texts_survive_the_migration() {
    let mut conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(concat!(
        include_str!("../../../migrations/0001_vault.sql"),
        include_str!("../../../migrations/0002_records.sql"),
        include_str!("../../../migrations/0003_statement.sql"),
        "PRAGMA user_version = 3;
         INSERT INTO purposes (name, basis, description, retention_days, retention_spec,
             created_at, updated_at)
         VALUES ('newsletter', 'consent', 'Nieuwsbrief sturen', 730, '2y', 't', 't');"
    ))
    .unwrap();
    let migrations = crate::vault::migrations::apply(&mut conn).unwrap();
    assert_eq!(
        migrations as u32,
        crate::vault::migrations::CURRENT_VERSION - 3
    );
    let stored = purpose_by_name(&conn, "newsletter").unwrap().purpose;
    assert_eq!(stored.description, "Nieuwsbrief sturen");
    assert_eq!((stored.description_en, stored.interest_en), (None, None));
}

#[test]
fn a_legal_obligation_needs_its_law() {
    let mut conn = conn();
    let mut bookkeeping = purpose("bookkeeping", LegalBasis::LegalObligation);
    bookkeeping.law = None;
    let error = in_tx(&mut conn, |tx| add_purpose(tx, &bookkeeping)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "purpose `bookkeeping` has basis legal-obligation, so it needs --law"
    );
    assert!(
        crate::cli::hint::schema::hint(&error)
            .unwrap()
            .contains("--law")
    );
    bookkeeping.law = Some("  ".into());
    let error = in_tx(&mut conn, |tx| add_purpose(tx, &bookkeeping)).unwrap_err();
    assert!(matches!(error, Error::EmptyText { .. }), "{error}");
    assert!(find_purpose(&conn, "bookkeeping").unwrap().is_none());
}

#[test]
fn outside_categories_pair_by_row_and_english_needs_its_dutch_text() {
    let row = |text: Option<&str>, en: Option<&str>| (text.map(Into::into), en.map(Into::into));
    let paired = outside_categories([
        row(Some("Camerabeelden"), Some("Camera images")),
        row(None, None),
        row(Some("Websitelogs"), None),
    ])
    .unwrap();
    assert_eq!(
        paired,
        [
            OutsideCategory {
                text: "Camerabeelden".into(),
                text_en: Some("Camera images".into()),
            },
            OutsideCategory {
                text: "Websitelogs".into(),
                text_en: None,
            },
        ]
    );
    let refused = outside_categories([row(Some("Camerabeelden"), None), row(None, Some("Logs"))]);
    assert!(matches!(
        refused,
        Err(Error::CategoryWithoutText { row: 1 })
    ));
}
