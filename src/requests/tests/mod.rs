//! Library tests of the request register, the deadlines and the letters, over the demo
//! bakery with a third-party source and a profiling purpose added.

use rusqlite::Connection;
use time::OffsetDateTime;
use time::macros::date;

use super::answer::{self, Options};
use super::register::{self, NewRequest};
use super::{Error, Kind, Via};
use crate::records::view::SchemaView;
use crate::records::{RecordId, audit, consent, limits, record};
use crate::schema::model::{
    DataSource, Field, FieldType, LegalBasis, Profiling, ProfilingKind, Purpose, Retention,
};
use crate::statement::{Format, Lang};

mod access;
mod letters;
mod properties;

pub const NOW: &str = "2026-03-02T09:00:00Z";

pub fn at(text: &str) -> OffsetDateTime {
    crate::clock::parse(text).expect("a test time parses")
}

/// The demo bakery's schema, plus a credit check that profiles people with a score bought
/// from a third party, and no customers.
pub fn bakery() -> Connection {
    let mut conn = crate::vault::database::open_in_memory_for_tests();
    crate::demo::declare_bakery(&mut conn).unwrap();
    crate::schema::in_transaction(&mut conn, |tx| {
        crate::schema::add_purpose(
            tx,
            &Purpose {
                description_en: Some("Checking creditworthiness".into()),
                interest: Some("Voorkomen dat we leveren aan wie niet betaalt".into()),
                interest_en: Some("Not delivering to people who do not pay".into()),
                retention: Retention::of("1y".parse().unwrap()),
                no_recipients: true,
                profiling: Some(Profiling {
                    kind: ProfilingKind::Profiling,
                    logic: Some("Een score van 1 tot 10 op basis van betaalgedrag".into()),
                    logic_en: Some("A score from 1 to 10 based on payment history".into()),
                    effect: Some("Bij een lage score vragen we vooruitbetaling".into()),
                    effect_en: Some("With a low score we ask for payment in advance".into()),
                }),
                ..Purpose::new(
                    "credit-check",
                    LegalBasis::LegitimateInterests,
                    "Kredietwaardigheid controleren",
                )
            },
        )?;
        crate::schema::add_field(
            tx,
            &Field {
                label: Some("Kredietscore".into()),
                label_en: Some("Credit score".into()),
                source: DataSource::ThirdParty,
                source_note: Some("Graydon".into()),
                source_note_en: Some("Graydon".into()),
                ..Field::new("credit_score", FieldType::Number, &["credit-check"])
            },
        )?;
        Ok(())
    })
    .unwrap();
    conn
}

/// Adds `diet` ("Dieetwensen", health) under explicit consent to customer-admin, a contract.
pub fn add_diet_under_explicit_consent(conn: &mut Connection) {
    crate::schema::in_transaction(conn, |tx| {
        crate::schema::add_field(
            tx,
            &Field {
                label: Some("Dieetwensen".into()),
                label_en: Some("Dietary needs".into()),
                special: Some(crate::schema::model::SpecialCategory::Health),
                art9: Some("explicit-consent".into()),
                ..Field::new("diet", FieldType::Text, &["customer-admin"])
            },
        )
    })
    .unwrap();
}

pub fn person(conn: &Connection, values: &[(&str, &str)]) -> RecordId {
    let schema = SchemaView::load(conn).unwrap();
    let pairs: Vec<(String, String)> = values
        .iter()
        .map(|(f, v)| (f.to_string(), v.to_string()))
        .collect();
    record::add(conn, &schema, &pairs, at("2026-01-10T10:00:00Z")).unwrap()
}

/// Jan, with a credit score and newsletter consent; Piet, who must never show up in Jan's letters.
pub fn jan_and_piet(conn: &Connection) -> (RecordId, RecordId) {
    let jan = person(
        conn,
        &[
            ("name", "Jan de Vries"),
            ("email", "jan@example.nl"),
            ("phone", "0612345678"),
            ("credit_score", "7"),
        ],
    );
    let piet = person(
        conn,
        &[
            ("name", "Piet Bakker"),
            ("email", "piet@example.be"),
            ("postcode", "9999ZZ"),
        ],
    );
    let schema = SchemaView::load(conn).unwrap();
    consent::give_consent(
        conn,
        &schema,
        jan,
        "newsletter",
        "cli",
        at("2026-01-10T10:00:00Z"),
    )
    .unwrap();
    (jan, piet)
}

pub fn new(kind: Kind, record: RecordId) -> NewRequest {
    NewRequest {
        kind,
        record,
        via: Some(Via::Email),
        received: Some(date!(2026 - 02 - 20)),
        note: None,
        purposes: Vec::new(),
    }
}

pub fn add(conn: &Connection, request: &NewRequest) -> Result<register::Request, Error> {
    let schema = SchemaView::load(conn).unwrap();
    register::add(conn, &schema, request, at(NOW))
}

pub fn answer(conn: &mut Connection, id: i64, lang: Lang) -> answer::Answered {
    answer::answer(
        conn,
        id,
        &Options {
            lang,
            ..Options::default()
        },
        at(NOW),
    )
    .unwrap()
}

fn audit_lines(conn: &Connection) -> String {
    audit::entries(conn, None)
        .unwrap()
        .iter()
        .map(|e| e.line())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn add_records_the_due_date_and_logs_no_value() {
    let conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let request = add(
        &conn,
        &NewRequest {
            note: Some("per brief, handtekening gecontroleerd".into()),
            ..new(Kind::Access, jan)
        },
    )
    .unwrap();
    assert_eq!(
        (request.received_on.as_str(), request.due_on.as_str()),
        ("2026-02-20", "2026-03-20")
    );
    assert_eq!(request.status(date!(2026 - 03 - 02)), "open");
    let log = audit_lines(&conn);
    assert!(log.contains("request-add"), "{log}");
    assert!(log.contains("due 2026-03-20"), "{log}");
    assert!(
        !log.contains("Jan") && !log.contains("jan@") && !log.contains("handtekening"),
        "{log}"
    );
}

#[test]
fn a_received_date_in_the_future_is_refused_and_nothing_is_stored() {
    let conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let error = add(
        &conn,
        &NewRequest {
            received: Some(date!(2026 - 03 - 03)),
            ..new(Kind::Access, jan)
        },
    )
    .unwrap_err();
    assert!(matches!(error, Error::ReceivedInFuture { .. }), "{error}");
    assert!(register::list(&conn, false).unwrap().is_empty());
}

#[test]
fn a_note_holding_a_stored_value_is_refused() {
    let conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let error = add(
        &conn,
        &NewRequest {
            note: Some("mail van JAN@example.nl".into()),
            ..new(Kind::Access, jan)
        },
    )
    .unwrap_err();
    assert!(
        matches!(error, Error::ValueInText { what: "note" }),
        "{error}"
    );
    assert!(!error.to_string().contains("jan@"));
}

#[test]
fn email_finds_one_person_or_refuses_without_naming_the_address() {
    let conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let schema = SchemaView::load(&conn).unwrap();
    assert_eq!(
        register::find_by_email(&conn, &schema, "jan@example.nl").unwrap(),
        jan
    );
    let none = register::find_by_email(&conn, &schema, "klaas@example.nl").unwrap_err();
    assert!(matches!(none, Error::NoMatch));
    let several = register::find_by_email(&conn, &schema, "example").unwrap_err();
    assert!(
        matches!(several, Error::SeveralMatch { count: 2 }),
        "{several}"
    );
    assert!(!several.to_string().contains("example"));
}

#[test]
fn an_extension_is_allowed_once_and_for_at_most_two_months() {
    let conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let schema = SchemaView::load(&conn).unwrap();
    let id = add(
        &conn,
        &NewRequest {
            received: Some(date!(2026 - 01 - 31)),
            ..new(Kind::Access, jan)
        },
    )
    .unwrap()
    .id;
    assert_eq!(register::get(&conn, id).unwrap().due_on, "2026-02-28");
    let error = register::extend(&conn, &schema, id, 3, "veel verzoeken", at(NOW)).unwrap_err();
    assert!(matches!(error, Error::ExtensionLength { months: 3 }));
    let extended = register::extend(&conn, &schema, id, 2, "veel verzoeken", at(NOW)).unwrap();
    assert_eq!(extended.extended_until.as_deref(), Some("2026-04-30"));
    assert_eq!(extended.deadline(), date!(2026 - 04 - 30));
    let again = register::extend(&conn, &schema, id, 1, "nog meer", at(NOW)).unwrap_err();
    assert!(matches!(again, Error::AlreadyExtended { .. }), "{again}");
}

#[test]
fn close_ends_a_request_without_an_answer() {
    let conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let schema = SchemaView::load(&conn).unwrap();
    let id = add(&conn, &new(Kind::Erasure, jan)).unwrap().id;
    let closed = register::close(
        &conn,
        &schema,
        id,
        "identiteit niet aangetoond",
        None,
        at(NOW),
    )
    .unwrap();
    assert_eq!(
        (closed.outcome.as_deref(), closed.closed_on.as_deref()),
        (Some("closed"), Some("2026-03-02"))
    );
    assert!(
        record::get(&conn, &schema, jan).is_ok(),
        "closing erases nothing"
    );
    let error = register::close(&conn, &schema, id, "weer", None, at(NOW)).unwrap_err();
    assert!(matches!(error, Error::Finished { .. }));
    assert!(register::list(&conn, true).unwrap().is_empty());
}

#[test]
fn check_warns_seven_days_ahead_and_errs_once_overdue() {
    let conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    add(&conn, &new(Kind::Access, jan)).unwrap(); // due 2026-03-20
    let codes = |now: &str| -> Vec<&'static str> {
        super::check::deadline_facts(&conn, at(now))
            .unwrap()
            .iter()
            .map(|f| f.code())
            .collect()
    };
    assert!(codes("2026-03-12T09:00:00Z").is_empty());
    assert_eq!(codes("2026-03-13T09:00:00Z"), ["request-due-soon"]);
    assert_eq!(codes("2026-03-20T23:00:00Z"), ["request-due-soon"]);
    assert_eq!(codes("2026-03-21T00:00:00Z"), ["request-overdue"]);
    let report = crate::statement::check::check(&conn, at("2026-03-21T00:00:00Z")).unwrap();
    assert!(report.must_fix());
    assert!(report.findings.iter().any(|f| f.code == "request-overdue"));
}

#[test]
fn the_register_forgets_requests_two_years_after_closing() {
    let mut conn = bakery();
    let (jan, piet) = jan_and_piet(&conn);
    let answered = add(&conn, &new(Kind::Access, jan)).unwrap().id;
    answer(&mut conn, answered, Lang::Nl);
    let open = add(&conn, &new(Kind::Access, piet)).unwrap().id;
    let keep = register::KEPT_MONTHS_AFTER_CLOSING;
    let purge = |now: &str| register::purge(&conn, at(now), keep).unwrap();
    assert!(purge("2028-03-01T00:00:00Z").is_empty());
    let a_year = register::expired(&conn, at("2027-03-02T00:00:00Z"), 12).unwrap();
    assert_eq!(a_year, [answered]);
    assert_eq!(purge("2028-03-02T00:00:00Z"), [answered]);
    let left: Vec<i64> = register::list(&conn, false)
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(left, [open]);
    assert!(audit_lines(&conn).contains("request-purge"));
}

#[test]
fn an_erasure_answer_runs_delete_and_keeps_what_the_law_requires() {
    let mut conn = bakery();
    let (jan, piet) = jan_and_piet(&conn);
    let id = add(&conn, &new(Kind::Erasure, jan)).unwrap().id;
    let answered = answer(&mut conn, id, Lang::Nl);
    let schema = SchemaView::load(&conn).unwrap();
    let left = record::get(&conn, &schema, jan).unwrap();
    let kept: Vec<&str> = left.values.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(kept, ["email", "name"], "bookkeeping keeps these");
    let erasure = answered.erasure.unwrap();
    assert_eq!(erasure.erased, ["credit_score", "phone"]);
    assert!(consent::consents_of(&conn, jan).unwrap().is_empty());
    assert_eq!(record::get(&conn, &schema, piet).unwrap().values.len(), 3);
    assert_eq!(answered.request.outcome.as_deref(), Some("answered"));
    let text = answered.letter.render(Format::Txt);
    assert!(text.contains("Kredietscore"), "{text}");
    assert!(text.contains("AWR art. 52, BW 2:10"), "{text}");
    assert!(
        text.contains("10 januari 2033"),
        "seven years after the record was made: {text}"
    );
}

/// Until the twelfth session an English erasure letter showed the Dutch law and note of a
/// purpose declared without their English twins.
#[test]
fn an_english_erasure_letter_never_falls_back_to_dutch() {
    let mut conn = bakery();
    conn.execute(
        "UPDATE purposes SET law_en = NULL, retention_note = 'fiscale bewaarplicht',
                retention_note_en = NULL
         WHERE name = 'bookkeeping'",
        [],
    )
    .unwrap();
    let (jan, _) = jan_and_piet(&conn);
    let id = add(&conn, &new(Kind::Erasure, jan)).unwrap().id;
    let text = answer(&mut conn, id, Lang::En).letter.render(Format::Txt);
    assert!(text.contains("What we still keep"), "{text}");
    for dutch in ["AWR art. 52", "fiscale bewaarplicht"] {
        assert!(!text.contains(dutch), "{dutch}:\n{text}");
    }
}

#[test]
fn a_restriction_keeps_values_out_of_exports_and_edits_until_lifted() {
    let mut conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let id = add(&conn, &new(Kind::Restriction, jan)).unwrap().id;
    let answered = answer(&mut conn, id, Lang::En);
    assert!(
        answered
            .letter
            .render(Format::Txt)
            .contains("We will tell you before we lift")
    );
    let schema = SchemaView::load(&conn).unwrap();
    assert!(limits::restricted_since(&conn, jan).unwrap().is_some());
    let listing =
        crate::records::export::list(&conn, &schema, Some("customer-admin"), None).unwrap();
    assert!(listing.records.iter().all(|r| r.id != jan));
    let edit = record::edit(
        &conn,
        &schema,
        jan,
        &[("phone".into(), "0687654321".into())],
        at(NOW),
    );
    assert!(matches!(
        edit,
        Err(crate::records::Error::Restricted { .. })
    ));
    let lifted = answer::lift(&mut conn, id, &Options::default(), at(NOW)).unwrap();
    assert!(
        lifted
            .letter
            .render(Format::Txt)
            .contains("artikel 18 lid 3")
    );
    assert!(limits::restricted_since(&conn, jan).unwrap().is_none());
    let again = answer::lift(&mut conn, id, &Options::default(), at(NOW)).unwrap_err();
    assert!(matches!(again, Error::NotRestricted { .. }));
}

#[test]
fn an_objection_covers_legitimate_interest_purposes_by_default() {
    let mut conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let request = add(&conn, &new(Kind::Objection, jan)).unwrap();
    assert_eq!(request.purposes, ["unpaid-orders", "credit-check"]);
    answer(&mut conn, request.id, Lang::Nl);
    let objected: Vec<String> = limits::objections_of(&conn, jan)
        .unwrap()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(objected, ["credit-check", "unpaid-orders"]);
    let schema = SchemaView::load(&conn).unwrap();
    let listing = crate::records::export::list(&conn, &schema, Some("credit-check"), None).unwrap();
    assert!(listing.records.is_empty());
    // The credit score serves only the credit check: nothing uses it any more.
    let facts = super::check::objection_facts(&conn).unwrap();
    let expected = crate::records::check::Facts::ObjectedValues {
        record: jan,
        fields: vec!["credit_score".into()],
    };
    assert_eq!(facts, [expected]);
    assert_eq!(facts[0].code(), "objected-values");
}

#[test]
fn an_objection_to_a_contract_purpose_is_refused_unless_it_is_direct_marketing() {
    let conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let objection = |purpose: &str| NewRequest {
        purposes: vec![purpose.into()],
        ..new(Kind::Objection, jan)
    };
    let error = add(&conn, &objection("newsletter")).unwrap_err();
    assert!(matches!(error, Error::NotObjectable { .. }), "{error}");
    assert!(crate::schema::set_direct_marketing(&conn, "newsletter", true).unwrap());
    assert_eq!(
        add(&conn, &objection("newsletter")).unwrap().purposes,
        ["newsletter"]
    );
}

#[test]
fn portability_gives_what_the_person_provided_for_consent_and_contract() {
    let mut conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let id = add(&conn, &new(Kind::Portability, jan)).unwrap().id;
    let text = answer(&mut conn, id, Lang::En).letter.render(Format::Txt);
    assert!(
        text.contains("email,name,phone\njan@example.nl,Jan de Vries,+31612345678"),
        "{text}"
    );
    assert!(text.contains("\"email\": \"jan@example.nl\""), "{text}");
    assert!(
        !text.contains("credit_score"),
        "a third party's score is not portable: {text}"
    );
}

#[test]
fn a_rectification_applies_its_edits_and_confirms_them() {
    let mut conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let id = add(&conn, &new(Kind::Rectification, jan)).unwrap().id;
    let none = answer::answer(&mut conn, id, &Options::default(), at(NOW)).unwrap_err();
    assert!(matches!(none, Error::EditsMissing { .. }));
    let options = Options {
        edits: vec!["name=Jan de Vries-Smit".into(), "phone=".into()],
        ..Options::default()
    };
    let answered = answer::answer(&mut conn, id, &options, at(NOW)).unwrap();
    let schema = SchemaView::load(&conn).unwrap();
    let held = record::get(&conn, &schema, jan).unwrap();
    assert_eq!(
        (held.value("name"), held.value("phone")),
        (Some("Jan de Vries-Smit"), None)
    );
    let text = answered.letter.render(Format::Txt);
    assert!(
        text.contains("Naam: Jan de Vries-Smit") && text.contains("Telefoonnummer: gewist"),
        "{text}"
    );
}

#[test]
fn a_withdrawal_withdraws_current_consent() {
    let mut conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let request = add(&conn, &new(Kind::WithdrawConsent, jan)).unwrap();
    assert_eq!(request.purposes, ["newsletter"]);
    let text = answer(&mut conn, request.id, Lang::Nl)
        .letter
        .render(Format::Txt);
    assert!(
        text.contains("Een nieuwsbrief sturen over nieuwe producten"),
        "{text}"
    );
    let consents = consent::consents_of(&conn, jan).unwrap();
    assert!(consents[0].withdrawn_at.is_some());
}

/// Until the twelfth session withdrawing the explicit consent of a contract purpose's health
/// field got a letter saying the whole purpose would no longer use the person's data.
#[test]
fn a_withdrawal_of_explicit_consent_names_the_fields_not_the_whole_purpose() {
    let mut conn = bakery();
    add_diet_under_explicit_consent(&mut conn);
    let (jan, _) = jan_and_piet(&conn);
    let schema = SchemaView::load(&conn).unwrap();
    let given = at("2026-01-11T10:00:00Z");
    consent::give_consent(&conn, &schema, jan, "customer-admin", "cli", given).unwrap();
    let request = NewRequest {
        purposes: vec!["customer-admin".into()],
        ..new(Kind::WithdrawConsent, jan)
    };
    let request = add(&conn, &request).unwrap();
    let text = answer(&mut conn, request.id, Lang::Nl)
        .letter
        .render(Format::Txt);
    assert!(text.contains("Dieetwensen voor Bestellingen"), "{text}");
}

#[test]
fn a_dry_run_shows_the_letter_and_changes_nothing() {
    let mut conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let id = add(&conn, &new(Kind::Erasure, jan)).unwrap().id;
    let before = (
        audit_lines(&conn),
        conn.query_row("SELECT count(*) FROM records", [], |r| r.get::<_, i64>(0))
            .unwrap(),
    );
    let options = Options {
        dry_run: true,
        ..Options::default()
    };
    let shown = answer::answer(&mut conn, id, &options, at(NOW)).unwrap();
    assert!(shown.letter.render(Format::Txt).contains("Kredietscore"));
    let after = (
        audit_lines(&conn),
        conn.query_row("SELECT count(*) FROM records", [], |r| r.get::<_, i64>(0))
            .unwrap(),
    );
    assert_eq!(before, after);
    let schema = SchemaView::load(&conn).unwrap();
    assert_eq!(record::get(&conn, &schema, jan).unwrap().values.len(), 4);
    assert!(register::get(&conn, id).unwrap().is_open());
}
