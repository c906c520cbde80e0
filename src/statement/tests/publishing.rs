//! Publishing, diffing and staleness against a real (in-memory) vault database.

use super::fixtures::{bakery, date, field, purpose};
use crate::schema::model::LegalBasis;
use crate::statement::Settings;
use crate::statement::diff::diff;
use crate::statement::publish::{
    PublishOutcome, canonical_text, content_hash, last_published, publish, staleness_of,
    version_date,
};
use crate::vault::database::open_in_memory_for_tests;

fn at(text: &str) -> time::OffsetDateTime {
    crate::clock::parse(text).unwrap()
}

#[test]
fn publish_records_date_hash_and_schema() {
    let conn = open_in_memory_for_tests();
    assert!(last_published(&conn).unwrap().is_none());
    let outcome = publish(
        &conn,
        &bakery(),
        &Settings::default(),
        at("2026-11-29T10:00:00Z"),
    )
    .unwrap();
    let PublishOutcome::Published { published } = outcome else {
        panic!("first publish records a version")
    };
    let stored = last_published(&conn).unwrap().unwrap();
    assert_eq!(stored, published);
    assert_eq!(stored.published_at, "2026-11-29T10:00:00Z");
    assert_eq!(stored.snapshot, bakery());
    let text = canonical_text(&bakery(), &Settings::default(), date()).unwrap();
    assert_eq!(stored.content_hash, content_hash(&text));
    assert_eq!(stored.content_hash.len(), 64);
}

/// Regression: the version date was the UTC day, so a statement published at 00:30 in
/// Amsterdam was dated the day before.
#[test]
fn a_statement_published_after_midnight_in_amsterdam_is_dated_that_day() {
    let conn = open_in_memory_for_tests();
    let half_past_midnight =
        at("2026-12-01T23:30:00Z").to_offset(time::UtcOffset::from_hms(1, 0, 0).unwrap());
    let outcome = publish(&conn, &bakery(), &Settings::default(), half_past_midnight).unwrap();
    let PublishOutcome::Published { published } = outcome else {
        panic!("first publish records a version")
    };
    assert_eq!(
        published.published_at, "2026-12-01T23:30:00Z",
        "stored in UTC"
    );
    assert_eq!(published.version_date, "2026-12-02");
    let local_day = time::macros::date!(2026 - 12 - 02);
    let text = canonical_text(&bakery(), &Settings::default(), local_day).unwrap();
    assert_eq!(published.content_hash, content_hash(&text));
    // Read back, it is still the current version, dated that day, also at a later UTC time.
    let next_morning = at("2026-12-02T09:00:00Z");
    assert_eq!(
        version_date(&conn, &bakery(), &Settings::default(), next_morning.date()).unwrap(),
        local_day
    );
    assert!(matches!(
        publish(&conn, &bakery(), &Settings::default(), next_morning).unwrap(),
        PublishOutcome::Unchanged { .. }
    ));
}

#[test]
fn publishing_an_unchanged_schema_keeps_the_current_version() {
    let conn = open_in_memory_for_tests();
    publish(
        &conn,
        &bakery(),
        &Settings::default(),
        at("2026-11-29T10:00:00Z"),
    )
    .unwrap();
    let again = publish(
        &conn,
        &bakery(),
        &Settings::default(),
        at("2027-01-05T10:00:00Z"),
    )
    .unwrap();
    assert!(matches!(again, PublishOutcome::Unchanged { .. }));
    let count: i64 = conn
        .query_row("SELECT count(*) FROM statements", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 1);
}

#[test]
fn an_incomplete_schema_is_not_published() {
    let conn = open_in_memory_for_tests();
    let mut snapshot = bakery();
    snapshot.profile = None;
    assert!(
        publish(
            &conn,
            &snapshot,
            &Settings::default(),
            at("2026-11-29T10:00:00Z")
        )
        .is_err()
    );
    assert!(last_published(&conn).unwrap().is_none());
}

#[test]
fn a_schema_changed_after_publishing_is_stale() {
    let conn = open_in_memory_for_tests();
    assert!(
        staleness_of(&conn, &bakery()).unwrap().is_some(),
        "never published"
    );
    publish(
        &conn,
        &bakery(),
        &Settings::default(),
        at("2026-11-29T10:00:00Z"),
    )
    .unwrap();
    assert_eq!(staleness_of(&conn, &bakery()).unwrap(), None);
    let mut changed = bakery();
    changed.purposes[0].retention = super::fixtures::years(10);
    let stale = staleness_of(&conn, &changed).unwrap().expect("stale");
    assert!(stale.changes_basis_or_retention());
    assert_eq!(stale.changes[0].name, "bookkeeping");
    assert_eq!(stale.changes[0].before, "7y");
    assert_eq!(stale.changes[0].after, "10y");
}

#[test]
fn the_version_date_is_the_publish_date_until_the_schema_changes() {
    let conn = open_in_memory_for_tests();
    let today = time::macros::date!(2027 - 03 - 01);
    assert_eq!(
        version_date(&conn, &bakery(), &Settings::default(), today).unwrap(),
        today
    );
    publish(
        &conn,
        &bakery(),
        &Settings::default(),
        at("2026-11-29T10:00:00Z"),
    )
    .unwrap();
    assert_eq!(
        version_date(&conn, &bakery(), &Settings::default(), today).unwrap(),
        date()
    );
    let mut changed = bakery();
    changed.fields[0].required = false;
    assert_eq!(
        version_date(&conn, &changed, &Settings::default(), today).unwrap(),
        today
    );
}

#[test]
fn diff_lists_added_and_removed_fields_and_purposes_and_flags_new_purposes() {
    let old = bakery();
    let mut new = bakery();
    new.purposes.retain(|p| p.name != "newsletter");
    for f in &mut new.fields {
        f.purposes.retain(|p| p != "newsletter");
    }
    new.purposes
        .push(purpose("reviews", LegalBasis::Consent, "Reviews vragen"));
    new.fields.retain(|f| f.name != "phone");
    new.fields.push(field("birthday", &["reviews"]));
    new.purposes
        .iter_mut()
        .find(|p| p.name == "fraud")
        .unwrap()
        .basis = LegalBasis::Contract;
    let d = diff(&old, &new);
    assert_eq!(d.added_purposes, vec!["reviews"]);
    assert_eq!(d.removed_purposes, vec!["newsletter"]);
    assert_eq!(d.added_fields, vec!["birthday"]);
    assert_eq!(d.removed_fields, vec!["phone"]);
    assert!(d.changes.iter().any(|c| c.name == "fraud"
        && c.attribute == "basis"
        && c.before == "legitimate-interests"
        && c.after == "contract"));
    assert!(
        d.changes
            .iter()
            .any(|c| c.name == "email" && c.attribute == "purposes")
    );
    let shown = d.to_string();
    assert!(shown.contains(
        "+ purpose reviews  NEW: inform people before this processing starts (Art. 13(3))"
    ));
    assert!(shown.contains("- purpose newsletter"));
    assert!(
        shown.contains(
            "~ purpose fraud: basis changed from \"legitimate-interests\" to \"contract\""
        )
    );
    assert!(diff(&old, &old).is_empty());
}

#[test]
fn diff_shows_a_changed_recipient_country_or_safeguard() {
    let old = bakery();
    let mut new = bakery();
    let mailchimp = new
        .recipients
        .iter_mut()
        .find(|r| r.name == "Mailchimp")
        .unwrap();
    mailchimp.country = "GB".into();
    mailchimp.safeguard = Some(crate::schema::model::Safeguard::Adequacy);
    let d = diff(&old, &new);
    let change = d
        .changes
        .iter()
        .find(|c| c.name == "newsletter" && c.attribute == "recipients")
        .expect("the recipient change shows");
    assert_eq!(change.before, "Mailchimp (processor, US, dpf)");
    assert_eq!(change.after, "Mailchimp (processor, GB, adequacy)");
    new.recipients.retain(|r| r.name != "Mailchimp");
    let d = diff(&old, &new);
    assert!(
        d.changes
            .iter()
            .any(|c| c.name == "newsletter" && c.after == "(not declared)")
    );
}

/// Regression: the declarations of issue 9 change the statement, so a change to any of them
/// makes the published statement stale; before, `diff` did not compare them.
#[test]
fn diff_shows_changed_declarations_order_and_cookies() {
    let old = bakery();
    let mut new = bakery();
    new.purposes[0].subjects = Some("leden".into());
    new.purposes[1].profiling = None;
    new.purposes[2].retention.start = crate::schema::model::RetentionStart::Created;
    new.purposes.swap(0, 3);
    new.cookies.push(crate::schema::model::Cookie {
        name: "_ga".into(),
        provider: "Google".into(),
        kind: crate::schema::model::CookieKind::Analytics,
        retention: "13m".into(),
        purpose_text: "Bezoeken tellen".into(),
        purpose_text_en: None,
        country: Some("US".into()),
        consent_asked: true,
        safeguard: Some(crate::schema::model::Safeguard::Dpf),
        safeguard_copy: None,
        safeguard_copy_en: None,
    });
    let d = diff(&old, &new);
    let attributes: Vec<&str> = d.changes.iter().map(|c| c.attribute).collect();
    for attribute in ["subjects", "profiling", "retention", "order", "declaration"] {
        assert!(
            attributes.contains(&attribute),
            "{attribute}: {attributes:?}"
        );
    }
}

#[test]
fn staleness_reads_the_stored_schema() {
    use crate::statement::publish::staleness;
    let mut conn = open_in_memory_for_tests();
    assert_eq!(
        staleness(&conn).unwrap(),
        None,
        "an empty schema has nothing to tell"
    );
    let tx = conn.transaction().unwrap();
    crate::schema::set_profile(
        &tx,
        &crate::schema::ProfileUpdate {
            name: Some("Bakkerij Jansen".into()),
            email: Some("privacy@bakkerijjansen.nl".into()),
            address: Some("Dorpsstraat 1".into()),
            ..Default::default()
        },
    )
    .unwrap();
    crate::schema::add_purpose(
        &tx,
        &purpose("orders", LegalBasis::Contract, "Bestellingen"),
    )
    .unwrap();
    tx.commit().unwrap();
    let stale = staleness(&conn).unwrap().expect("never published");
    assert_eq!(stale.added_purposes, vec!["orders"]);
    let snapshot = crate::schema::load_snapshot(&conn).unwrap();
    publish(
        &conn,
        &snapshot,
        &Settings::default(),
        at("2026-11-29T10:00:00Z"),
    )
    .unwrap();
    assert_eq!(staleness(&conn).unwrap(), None);
    let tx = conn.transaction().unwrap();
    crate::schema::add_purpose(
        &tx,
        &purpose("newsletter", LegalBasis::Consent, "Nieuwsbrief"),
    )
    .unwrap();
    tx.commit().unwrap();
    let stale = staleness(&conn)
        .unwrap()
        .expect("a new purpose makes it stale");
    assert_eq!(stale.added_purposes, vec!["newsletter"]);
}

/// Statements published before issue 9 stored each purpose's free-text recipients and
/// transfers under `recipients` and `transfers`, and no retention start: they still read, as
/// legacy lines counted from the last change.
#[test]
fn snapshots_published_before_structured_recipients_still_read() {
    let json = r#"{"profile": null, "fields": [], "purposes": [{"name": "p",
        "basis": "contract", "description": "Bestellingen", "interest": null, "law": null,
        "retention": {"period": null, "note": "tot einde contract"},
        "recipients": ["Boekhouder"], "transfers": ["VS: DPF"]}]}"#;
    let snapshot: crate::schema::model::Snapshot = serde_json::from_str(json).unwrap();
    let purpose = &snapshot.purposes[0];
    assert_eq!(purpose.legacy_recipients, ["Boekhouder"]);
    assert_eq!(purpose.legacy_transfers, ["VS: DPF"]);
    assert_eq!(
        purpose.retention.start,
        crate::schema::model::RetentionStart::LastChange
    );
    assert!(snapshot.recipients.is_empty() && purpose.profiling.is_none());
}
