use rusqlite::Connection;

use super::*;
use crate::schema::model::LegalBasis;
use crate::schema::testing::{audit, conn, field, in_tx, purpose};
use crate::schema::{add_field, add_purpose, field_by_name, value_count};

/// customer-admin (contract), newsletter (consent), payroll (legal obligation under a law),
/// with an e-mail field for customer-admin that holds one value and a BSN field for payroll.
fn shop() -> Connection {
    let mut conn = conn();
    in_tx(&mut conn, |tx| {
        add_purpose(tx, &purpose("customer-admin", LegalBasis::Contract))?;
        add_purpose(tx, &purpose("newsletter", LegalBasis::Consent))?;
        let mut payroll = purpose("payroll", LegalBasis::LegalObligation);
        payroll.law = Some("Wet LB 1964 art. 28".into());
        add_purpose(tx, &payroll)?;
        let mut email = field("email", FieldType::Email, &["customer-admin"]);
        email.label = Some("E-mailadres".into());
        add_field(tx, &email)?;
        add_field(tx, &field("bsn", FieldType::Bsn, &["payroll"]))
    })
    .unwrap();
    let email: i64 = conn
        .query_row("SELECT id FROM fields WHERE name = 'email'", [], |r| {
            r.get(0)
        })
        .unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO records (id, created_at, updated_at, field_{email})
             VALUES (1, 't', 't', 'marker@example.nl');"
    ))
    .unwrap();
    conn
}

fn apply(conn: &mut Connection, name: &str, changes: FieldChanges) -> Result<FieldEdit, Error> {
    in_tx(conn, |tx| edit_field(tx, name, &changes))
}

/// Everything an edit may write, to show that a refused one wrote nothing.
fn state(conn: &Connection) -> String {
    let fields = crate::schema::fields(conn).unwrap();
    format!("{fields:?} {:?}", audit(conn))
}

fn refused(conn: &mut Connection, name: &str, changes: FieldChanges) -> Error {
    let before = state(conn);
    let error = apply(conn, name, changes).unwrap_err();
    assert_eq!(
        state(conn),
        before,
        "a refused edit wrote something: {error}"
    );
    error
}

#[test]
fn an_edit_changes_the_rules_and_keeps_the_values() {
    let mut conn = shop();
    let id = field_by_name(&conn, "email").unwrap().id;
    let edit = apply(
        &mut conn,
        "email",
        FieldChanges {
            label: Some(" E-mail ".into()),
            label_en: Some("E-mail address".into()),
            required: Some(true),
            source: Some(DataSource::ThirdParty),
            source_note: Some("Webshop".into()),
            add_purposes: vec!["newsletter".into()],
            ..FieldChanges::default()
        },
    )
    .unwrap();
    assert_eq!(
        edit.changed,
        [
            "label",
            "label-en",
            "required",
            "source",
            "source-note",
            "purposes"
        ]
    );
    let stored = field_by_name(&conn, "email").unwrap();
    assert_eq!(stored.id, id);
    assert_eq!(stored.field, edit.field);
    assert_eq!(
        edit.records_without_value, 0,
        "the one record has an e-mail"
    );
    assert_eq!(stored.field.label.as_deref(), Some("E-mail"));
    assert_eq!(stored.field.purposes, ["customer-admin", "newsletter"]);
    assert!(stored.field.required);
    assert_eq!(stored.field.source, DataSource::ThirdParty);
    assert_eq!(value_count(&conn, id).unwrap(), 1);
}

#[test]
fn an_empty_text_clears_it() {
    let mut conn = shop();
    let edit = apply(
        &mut conn,
        "email",
        FieldChanges {
            label: Some(String::new()),
            ..FieldChanges::default()
        },
    )
    .unwrap();
    assert_eq!(edit.changed, ["label"]);
    assert_eq!(field_by_name(&conn, "email").unwrap().field.label, None);
}

#[test]
fn the_audit_row_names_the_changed_attributes_and_no_value() {
    let mut conn = shop();
    apply(
        &mut conn,
        "email",
        FieldChanges {
            required: Some(true),
            remove_purposes: vec!["customer-admin".into()],
            add_purposes: vec!["payroll".into()],
            ..FieldChanges::default()
        },
    )
    .unwrap();
    let log = audit(&conn);
    let last = log.last().unwrap();
    assert_eq!(
        last,
        &(
            "field.edit".to_owned(),
            Some("email".to_owned()),
            Some("payroll".to_owned()),
            Some("required,purposes".to_owned())
        )
    );
    assert!(!format!("{log:?}").contains("marker"));
}

#[test]
fn an_edit_that_changes_nothing_writes_nothing() {
    let mut conn = shop();
    let before = state(&conn);
    let edit = apply(
        &mut conn,
        "email",
        FieldChanges {
            label: Some("E-mailadres".into()),
            add_purposes: vec!["customer-admin".into()],
            required: Some(false),
            ..FieldChanges::default()
        },
    )
    .unwrap();
    assert!(edit.changed.is_empty());
    assert_eq!(state(&conn), before);
}

#[test]
fn the_type_is_not_editable() {
    let mut conn = shop();
    let error = refused(
        &mut conn,
        "email",
        FieldChanges {
            field_type: Some(FieldType::Text),
            label: Some("x".into()),
            ..FieldChanges::default()
        },
    );
    assert_eq!(
        error.to_string(),
        "the type of field `email` cannot change from email to text"
    );
    assert!(
        crate::cli::hint::schema::hint(&error)
            .unwrap()
            .contains("normalised for the old type")
    );
}

#[test]
fn an_edit_needs_a_change_and_a_field() {
    let mut conn = shop();
    let error = refused(&mut conn, "email", FieldChanges::default());
    assert!(matches!(error, Error::NothingToEdit { .. }), "{error}");
    let error = refused(
        &mut conn,
        "phone",
        FieldChanges {
            required: Some(true),
            ..FieldChanges::default()
        },
    );
    assert!(matches!(error, Error::FieldNotFound { .. }), "{error}");
}

#[test]
fn the_last_purpose_cannot_go() {
    let mut conn = shop();
    let error = refused(
        &mut conn,
        "email",
        FieldChanges {
            remove_purposes: vec!["customer-admin".into()],
            ..FieldChanges::default()
        },
    );
    assert!(matches!(error, Error::NoPurpose { .. }), "{error}");
}

#[test]
fn purposes_must_exist_and_be_served_to_be_removed() {
    let mut conn = shop();
    let error = refused(
        &mut conn,
        "email",
        FieldChanges {
            add_purposes: vec!["marketing".into()],
            ..FieldChanges::default()
        },
    );
    assert!(matches!(error, Error::UnknownPurpose { .. }), "{error}");
    let error = refused(
        &mut conn,
        "email",
        FieldChanges {
            remove_purposes: vec!["newsletter".into()],
            ..FieldChanges::default()
        },
    );
    assert_eq!(
        error.to_string(),
        "field `email` does not serve purpose `newsletter`, so it cannot be removed from it"
    );
    let error = refused(
        &mut conn,
        "email",
        FieldChanges {
            add_purposes: vec!["newsletter".into()],
            remove_purposes: vec!["newsletter".into()],
            ..FieldChanges::default()
        },
    );
    assert!(
        matches!(error, Error::PurposeAddedAndRemoved { .. }),
        "{error}"
    );
}

#[test]
fn a_special_category_needs_its_own_art9_exception() {
    let mut conn = shop();
    let special = |special, art9: Option<&str>| FieldChanges {
        special,
        art9: art9.map(str::to_owned),
        ..FieldChanges::default()
    };
    let error = refused(
        &mut conn,
        "email",
        special(Some(SpecialCategory::Health), None),
    );
    assert!(matches!(error, Error::Art9Missing { .. }), "{error}");
    let error = refused(&mut conn, "email", special(None, Some("explicit-consent")));
    assert!(matches!(error, Error::Art9WithoutSpecial { .. }), "{error}");
    let error = refused(
        &mut conn,
        "email",
        special(Some(SpecialCategory::Health), Some("because")),
    );
    assert!(matches!(error, Error::UnknownArt9 { .. }), "{error}");

    let edit = apply(
        &mut conn,
        "email",
        special(Some(SpecialCategory::Health), Some("explicit-consent")),
    )
    .unwrap();
    assert_eq!(edit.changed, ["special", "art9"]);
    // Another category: the old exception does not carry over.
    let error = refused(
        &mut conn,
        "email",
        special(Some(SpecialCategory::Religion), None),
    );
    assert!(matches!(error, Error::Art9Missing { .. }), "{error}");
    // The same category keeps it, and the exception alone can change.
    apply(
        &mut conn,
        "email",
        special(Some(SpecialCategory::Health), None),
    )
    .unwrap();
    let edited = apply(&mut conn, "email", special(None, Some("not-for-profit"))).unwrap();
    assert_eq!(edited.field.art9.as_deref(), Some("not-for-profit"));

    let error = refused(
        &mut conn,
        "email",
        FieldChanges {
            no_special: true,
            art9: Some("explicit-consent".into()),
            ..FieldChanges::default()
        },
    );
    assert!(matches!(error, Error::SpecialConflict { .. }), "{error}");
    let cleared = apply(
        &mut conn,
        "email",
        FieldChanges {
            no_special: true,
            ..FieldChanges::default()
        },
    )
    .unwrap();
    assert_eq!((cleared.field.special, cleared.field.art9), (None, None));
}

#[test]
fn making_a_field_required_counts_the_records_without_a_value() {
    let mut conn = shop();
    conn.execute_batch("INSERT INTO records (id, created_at, updated_at) VALUES (2, 't', 't');")
        .unwrap();
    let required = |required| FieldChanges {
        required: Some(required),
        ..FieldChanges::default()
    };
    let edit = apply(&mut conn, "bsn", required(true)).unwrap();
    assert_eq!(edit.records_without_value, 2);
    let edit = apply(&mut conn, "email", required(true)).unwrap();
    assert_eq!(edit.records_without_value, 1);
    let again = apply(&mut conn, "email", required(true)).unwrap();
    assert_eq!(again.records_without_value, 0, "it was required already");
    assert!(again.changed.is_empty());
}

#[test]
fn a_bsn_field_gets_no_purpose_without_a_law() {
    let mut conn = shop();
    for purpose in ["newsletter", "customer-admin"] {
        let error = refused(
            &mut conn,
            "bsn",
            FieldChanges {
                add_purposes: vec![purpose.into()],
                ..FieldChanges::default()
            },
        );
        assert!(matches!(error, Error::BsnNotLawful { .. }), "{error}");
    }
    apply(
        &mut conn,
        "bsn",
        FieldChanges {
            label: Some("BSN".into()),
            ..FieldChanges::default()
        },
    )
    .unwrap();
}

#[test]
fn bsn_rule_applies_to_a_label_burgerservicenummer_on_edit() {
    let mut conn = shop();
    for (label, label_en) in [
        (Some("Burgerservicenummer (BSN)"), None),
        (None, Some("Citizen service number")),
    ] {
        let error = refused(
            &mut conn,
            "email",
            FieldChanges {
                label: label.map(str::to_owned),
                label_en: label_en.map(str::to_owned),
                ..FieldChanges::default()
            },
        );
        assert!(
            matches!(error, Error::BsnNotTyped { ref field, .. } if field == "email"),
            "{error}"
        );
        assert!(
            crate::cli::hint::schema::hint(&error)
                .unwrap()
                .contains("--type bsn"),
            "{error}"
        );
    }
    assert_eq!(
        field_by_name(&conn, "email")
            .unwrap()
            .field
            .label
            .as_deref(),
        Some("E-mailadres")
    );
}

#[test]
fn an_edit_cannot_require_a_field_that_serves_only_consent() {
    let mut conn = shop();
    let error = apply(
        &mut conn,
        "email",
        FieldChanges {
            required: Some(true),
            remove_purposes: vec!["customer-admin".into()],
            add_purposes: vec!["newsletter".into()],
            ..FieldChanges::default()
        },
    )
    .unwrap_err();
    assert!(matches!(error, Error::RequiredOnConsent { .. }), "{error}");
    assert_eq!(
        field_by_name(&conn, "email").unwrap().field.purposes,
        ["customer-admin"]
    );
}
