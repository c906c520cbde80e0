use super::*;
use crate::schema::add_purpose;
use crate::schema::bsn::BsnNaming;
use crate::schema::model::{FieldType, SpecialCategory};
use crate::schema::testing::{audit, conn, field, in_tx, purpose};

/// customer-admin (contract), newsletter (consent), bookkeeping and payroll (legal
/// obligations, each under a law).
fn shop() -> Connection {
    let mut conn = conn();
    in_tx(&mut conn, |tx| {
        add_purpose(tx, &purpose("customer-admin", LegalBasis::Contract))?;
        add_purpose(tx, &purpose("newsletter", LegalBasis::Consent))?;
        add_purpose(tx, &purpose("bookkeeping", LegalBasis::LegalObligation))?;
        let mut payroll = purpose("payroll", LegalBasis::LegalObligation);
        payroll.law = Some("Wet LB 1964 art. 28".into());
        add_purpose(tx, &payroll)
    })
    .unwrap();
    conn
}

fn add(conn: &mut Connection, field: &Field) -> Result<i64, Error> {
    in_tx(conn, |tx| add_field(tx, field))
}

#[test]
fn a_field_round_trips_with_sorted_purposes() {
    let mut conn = shop();
    let mut email = field(
        "email",
        FieldType::Email,
        &["newsletter", "customer-admin", "newsletter"],
    );
    email.label = Some(" E-mailadres ".into());
    email.label_en = Some("".into());
    email.required = true;
    email.source = DataSource::ThirdParty;
    email.source_note = Some("Webshop".into());
    let id = add(&mut conn, &email).unwrap();
    let stored = field_by_name(&conn, "email").unwrap();
    assert_eq!(stored.id, id);
    assert_eq!(stored.field.purposes, ["customer-admin", "newsletter"]);
    assert_eq!(stored.field.label.as_deref(), Some("E-mailadres"));
    assert_eq!(stored.field.label_en, None);
    assert!(stored.field.required);
    assert_eq!(stored.field.source, DataSource::ThirdParty);
    let error = add(&mut conn, &email).unwrap_err();
    assert!(matches!(error, Error::FieldExists { .. }), "{error}");
}

#[test]
fn a_field_needs_a_purpose_that_exists() {
    let mut conn = shop();
    let error = add(&mut conn, &field("email", FieldType::Email, &[])).unwrap_err();
    assert!(matches!(error, Error::NoPurpose { .. }), "{error}");
    let error = add(&mut conn, &field("email", FieldType::Email, &["marketing"])).unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `email` names purpose `marketing`, which does not exist"
    );
    assert!(find_field(&conn, "email").unwrap().is_none());
}

#[test]
fn id_is_not_a_field_name() {
    let mut conn = shop();
    let error = add(
        &mut conn,
        &field("id", FieldType::Text, &["customer-admin"]),
    )
    .unwrap_err();
    assert!(matches!(error, Error::InvalidName { .. }), "{error}");
}

#[test]
fn a_special_category_needs_a_known_art9_exception() {
    let mut conn = shop();
    let mut allergies = field("allergies", FieldType::Text, &["customer-admin"]);
    allergies.special = Some(SpecialCategory::Health);
    let error = add(&mut conn, &allergies).unwrap_err();
    assert!(matches!(error, Error::Art9Missing { .. }), "{error}");
    allergies.art9 = Some("because-we-can".into());
    let error = add(&mut conn, &allergies).unwrap_err();
    assert!(matches!(error, Error::UnknownArt9 { .. }), "{error}");
    allergies.art9 = Some("Explicit-Consent".into());
    add(&mut conn, &allergies).unwrap();
    let stored = field_by_name(&conn, "allergies").unwrap().field;
    assert_eq!(stored.art9.as_deref(), Some("explicit-consent"));
    assert_eq!(
        stored.art9_exception(),
        Some(crate::schema::Art9Exception::ExplicitConsent)
    );

    let mut note = field("note", FieldType::Text, &["customer-admin"]);
    note.art9 = Some("explicit-consent".into());
    let error = add(&mut conn, &note).unwrap_err();
    assert!(matches!(error, Error::Art9WithoutSpecial { .. }), "{error}");
}

#[test]
fn a_bsn_needs_every_purpose_to_be_a_legal_obligation_with_a_law() {
    let mut conn = shop();
    for purposes in [
        &["newsletter"][..],
        &["customer-admin"],
        &["payroll", "newsletter"],
    ] {
        for (name, field_type) in [("bsn", FieldType::Bsn), ("citizen", FieldType::Bsn)] {
            let error = add(&mut conn, &field(name, field_type, purposes)).unwrap_err();
            assert!(
                matches!(error, Error::BsnNotLawful { .. }),
                "{name} for {purposes:?}: {error}"
            );
        }
    }
    let error = add(&mut conn, &field("bsn", FieldType::Bsn, &["newsletter"])).unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `bsn` holds citizen service numbers (BSN), but purpose `newsletter` has basis \
         consent and no --law"
    );
    add(&mut conn, &field("bsn", FieldType::Bsn, &["payroll"])).unwrap();
}

#[test]
fn bsn_rule_cannot_be_bypassed_by_burgerservicenummer_bsn_nummer_or_sofinummer() {
    let mut conn = shop();
    for name in [
        "bsn",
        "burgerservicenummer",
        "bsn_nummer",
        "sofinummer",
        "sofi-nummer",
        "klant-bsn",
    ] {
        for purposes in [&["newsletter"][..], &["payroll"]] {
            let error = add(&mut conn, &field(name, FieldType::Text, purposes)).unwrap_err();
            assert!(
                matches!(
                    error,
                    Error::BsnNotTyped { ref field, naming: BsnNaming::Name, .. } if field == name
                ),
                "{name} for {purposes:?}: {error}"
            );
        }
        // With the type that checks the elfproef, the law rule decides.
        let error = add(&mut conn, &field(name, FieldType::Bsn, &["newsletter"])).unwrap_err();
        assert!(
            matches!(error, Error::BsnNotLawful { .. }),
            "{name}: {error}"
        );
    }
    add(
        &mut conn,
        &field("bsn_nummer", FieldType::Bsn, &["payroll"]),
    )
    .unwrap();
    add(
        &mut conn,
        &field("absent", FieldType::Text, &["newsletter"]),
    )
    .unwrap();
}

#[test]
fn bsn_rule_applies_to_a_label_burgerservicenummer() {
    let mut conn = shop();
    let mut klant = field("klant", FieldType::Text, &["customer-admin"]);
    klant.label = Some("Burgerservicenummer (BSN)".into());
    let error = add(&mut conn, &klant).unwrap_err();
    assert!(
        matches!(
            error,
            Error::BsnNotTyped {
                naming: BsnNaming::Label,
                ..
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("by its --label"), "{error}");
    let hint = crate::cli::hint::schema::hint(&error).unwrap();
    assert!(hint.contains("--type bsn"), "{hint}");

    klant.label = None;
    klant.label_en = Some("Citizen service number".into());
    let error = add(&mut conn, &klant).unwrap_err();
    assert!(
        matches!(
            error,
            Error::BsnNotTyped {
                naming: BsnNaming::LabelEn,
                ..
            }
        ),
        "{error}"
    );

    klant.field_type = FieldType::Bsn;
    let error = add(&mut conn, &klant).unwrap_err();
    assert!(matches!(error, Error::BsnNotLawful { .. }), "{error}");
    klant.purposes = vec!["payroll".into()];
    add(&mut conn, &klant).unwrap();
}

#[test]
fn removing_a_field_needs_yes_and_erases_its_values() {
    let mut conn = shop();
    let id = add(
        &mut conn,
        &field("email", FieldType::Email, &["customer-admin"]),
    )
    .unwrap();
    let name_id = add(
        &mut conn,
        &field("name", FieldType::Text, &["customer-admin"]),
    )
    .unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO records (id, created_at, updated_at, field_{id}, field_{name_id})
             VALUES (1, 't', 't', 'a@example.nl', 'Jan'), (2, 't', 't', 'b@example.nl', NULL);"
    ))
    .unwrap();
    let error = in_tx(&mut conn, |tx| remove_field(tx, "email", false)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "removing field `email` erases its 2 stored value(s); add --yes to confirm"
    );
    assert_eq!(value_count(&conn, id).unwrap(), 2);
    let erased = in_tx(&mut conn, |tx| remove_field(tx, "email", true)).unwrap();
    assert_eq!(erased, 2);
    assert!(find_field(&conn, "email").unwrap().is_none());
    assert_eq!(value_count(&conn, name_id).unwrap(), 1);
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('records')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!columns.contains(&format!("field_{id}")), "{columns:?}");
    let error = in_tx(&mut conn, |tx| remove_field(tx, "email", true)).unwrap_err();
    assert!(matches!(error, Error::FieldNotFound { .. }), "{error}");
}

#[test]
fn a_trigger_that_skips_the_erasure_fails_the_removal() {
    let mut conn = shop();
    let id = add(
        &mut conn,
        &field("email", FieldType::Email, &["customer-admin"]),
    )
    .unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO records (id, created_at, updated_at, field_{id})
             VALUES (1, 't', 't', 'a@example.nl');
         CREATE TRIGGER keep BEFORE UPDATE ON records BEGIN SELECT RAISE(IGNORE); END;"
    ))
    .unwrap();
    let error = in_tx(&mut conn, |tx| remove_field(tx, "email", true)).unwrap_err();
    assert!(
        matches!(
            error,
            Error::ErasureMismatch {
                expected: 1,
                changed: 0,
                ..
            }
        ),
        "{error}"
    );
    assert_eq!(value_count(&conn, id).unwrap(), 1, "rolled back");
}

#[test]
fn field_changes_are_audited_without_values() {
    let mut conn = shop();
    let id = add(
        &mut conn,
        &field("email", FieldType::Email, &["customer-admin"]),
    )
    .unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO records (id, created_at, updated_at, field_{id})
             VALUES (1, 't', 't', 'marker@example.nl');"
    ))
    .unwrap();
    in_tx(&mut conn, |tx| remove_field(tx, "email", true)).unwrap();
    let log = audit(&conn);
    let tail: Vec<_> = log.iter().rev().take(2).rev().cloned().collect();
    assert_eq!(tail[0].0, "field.add");
    assert_eq!(tail[1].0, "field.remove");
    assert_eq!(tail[1].1.as_deref(), Some("email"));
    assert_eq!(tail[1].3.as_deref(), Some("erased 1 values"));
    assert!(!format!("{log:?}").contains("marker"));
}

#[test]
fn the_snapshot_has_purposes_in_given_order_and_fields_by_name() {
    let mut conn = shop();
    add(
        &mut conn,
        &field("phone", FieldType::Phone, &["customer-admin"]),
    )
    .unwrap();
    add(
        &mut conn,
        &field("email", FieldType::Email, &["newsletter"]),
    )
    .unwrap();
    let snapshot = crate::schema::load_snapshot(&conn).unwrap();
    assert_eq!(snapshot.profile, None);
    let purposes: Vec<_> = snapshot.purposes.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        purposes,
        ["customer-admin", "newsletter", "bookkeeping", "payroll"]
    );
    let fields: Vec<_> = snapshot.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(fields, ["email", "phone"]);
    let of_admin = fields_of_purpose(
        &conn,
        crate::schema::purpose_by_name(&conn, "customer-admin")
            .unwrap()
            .id,
    )
    .unwrap();
    assert_eq!(of_admin.len(), 1);
    assert_eq!(of_admin[0].field.name, "phone");
}

#[test]
fn a_field_that_serves_only_consent_purposes_cannot_be_required() {
    let mut conn = shop();
    let mut email = field("email", FieldType::Email, &["newsletter"]);
    email.required = true;
    let error = add(&mut conn, &email).unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `email` rests on consent (its purposes, or explicit consent for special data), so it cannot be --required"
    );
    assert!(
        crate::cli::hint::schema::hint(&error)
            .unwrap()
            .contains("--optional")
    );
    // With a contract purpose beside it, the contract makes it required.
    email.purposes = vec!["newsletter".into(), "customer-admin".into()];
    add(&mut conn, &email).unwrap();
}

/// Regression: a required explicit-consent field made `add` impossible, since its value needs
/// a consent that a record gets only after it exists.
#[test]
fn a_required_explicit_consent_field_is_refused() {
    let mut conn = shop();
    let mut allergies = field("allergies", FieldType::Text, &["customer-admin"]);
    allergies.special = Some(SpecialCategory::Health);
    allergies.art9 = Some("explicit-consent".into());
    allergies.required = true;
    let error = add(&mut conn, &allergies).unwrap_err();
    assert!(matches!(error, Error::RequiredOnConsent { .. }), "{error}");
    allergies.required = false;
    add(&mut conn, &allergies).unwrap();
}
