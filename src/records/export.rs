//! Purpose-scoped views (`list --purpose`, `export --purpose`) and the subject export
//! (`export --subject`, Art. 15 and 20).
//!
//! A purpose's view holds only the fields that carry the purpose, for a consent purpose only
//! the records with current consent, and a value under explicit consent (Art. 9(2)(a)) only
//! while its consent holds: purpose limitation enforced where data leaves.

use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

use super::audit::{self, Entry, NewEntry, action};
use super::consent::{Consent, consents_of, has_current_consent};
use super::record::{self, Record};
use super::view::{SchemaView, basis_name};
use super::{Error, RecordId};
use crate::schema::model::LegalBasis;

/// Records restricted to some fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub fields: Vec<String>,
    pub records: Vec<Record>,
}

impl Listing {
    pub fn field_names(&self) -> Vec<&str> {
        self.fields.iter().map(String::as_str).collect()
    }

    /// A JSON array of `{"id": .., "<field>": ..}` objects.
    pub fn to_json(&self) -> Value {
        let fields = self.field_names();
        Value::Array(self.records.iter().map(|r| r.to_json(&fields)).collect())
    }

    /// CSV with a header row of `id` and the field names; cells neutralised for spreadsheets.
    pub fn to_csv(&self) -> String {
        let mut out = csv_header(&self.fields);
        for record in &self.records {
            out.push_str(&csv_row(&self.fields, record));
        }
        out
    }
}

/// The CSV header row: `id` and the field names, ending in CRLF.
pub fn csv_header(fields: &[String]) -> String {
    let mut out = String::new();
    crate::safe_csv::write_row(
        &mut out,
        std::iter::once("id").chain(fields.iter().map(String::as_str)),
    );
    out
}

/// One record as a CSV row under [`csv_header`]; cells neutralised for spreadsheets.
pub fn csv_row(fields: &[String], record: &Record) -> String {
    let mut out = String::new();
    let id = record.id.to_string();
    crate::safe_csv::write_row(
        &mut out,
        std::iter::once(id.as_str()).chain(fields.iter().map(|f| record.value(f).unwrap_or(""))),
    );
    out
}

/// `kluis list [--purpose P] [--fields a,b]`. With a purpose, only its fields (asking for
/// another is refused), only records holding one of them, for a consent purpose only
/// records with current consent, and for any purpose but a legal obligation no record whose
/// subject asked for erasure.
pub fn list(
    conn: &Connection,
    schema: &SchemaView,
    purpose: Option<&str>,
    fields: Option<&[String]>,
) -> Result<Listing, Error> {
    let view = View::new(conn, schema, purpose, fields)?;
    let mut records = Vec::new();
    view.for_each(conn, schema, |record| {
        records.push(record);
        Ok::<(), Error>(())
    })?;
    Ok(Listing {
        fields: view.fields,
        records,
    })
}

/// What [`list`] shows, decided before any record is read: the fields (a table's header)
/// and the records to leave out.
#[derive(Debug, Clone)]
pub struct View<'a> {
    pub fields: Vec<String>,
    purpose: Option<&'a super::view::PurposeInfo>,
    left_out: std::collections::HashSet<RecordId>,
    /// The shown fields under explicit consent (Art. 9(2)(a)) of a purpose on another basis:
    /// their values show only for records with current consent for the purpose.
    explicit: Vec<String>,
}

impl<'a> View<'a> {
    /// Checks the purpose and the requested fields; see [`list`].
    pub fn new(
        conn: &Connection,
        schema: &'a SchemaView,
        purpose: Option<&str>,
        fields: Option<&[String]>,
    ) -> Result<Self, Error> {
        let purpose = purpose.map(|name| schema.purpose(name)).transpose()?;
        let fields = shown_fields(schema, purpose, fields)?;
        // What `delete` kept after an erasure request may serve its legal obligation only.
        let mut left_out = match purpose {
            Some(purpose) if purpose.basis != LegalBasis::LegalObligation => {
                super::retention::erased_on_request(conn)?
            }
            _ => Default::default(),
        };
        // Restricted records and objections to this purpose (Art. 18 and 21) leave every view.
        if let Some(purpose) = purpose {
            left_out.extend(super::limits::kept_out_of(conn, purpose.id)?);
        }
        let explicit = match purpose {
            Some(purpose) if purpose.basis != LegalBasis::Consent => fields
                .iter()
                .filter(|name| {
                    schema
                        .field(name)
                        .is_some_and(|f| f.needs_explicit_consent())
                })
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        Ok(View {
            fields,
            purpose,
            left_out,
            explicit,
        })
    }

    /// Calls `each` with every record the view shows, holding only its fields, as it is read.
    pub fn for_each<E: From<Error>>(
        &self,
        conn: &Connection,
        schema: &SchemaView,
        mut each: impl FnMut(Record) -> Result<(), E>,
    ) -> Result<(), E> {
        record::for_each(conn, schema, |mut record: Record| {
            record.values.retain(|(name, _)| self.fields.contains(name));
            self.keep_out_unconsented(conn, &mut record)?;
            if self.shows(conn, &record)? {
                each(record)?;
            }
            Ok(())
        })
    }

    /// Drops the values under explicit consent when the record has no current consent for the
    /// purpose: a withdrawn consent stops their use at once, before they are erased.
    fn keep_out_unconsented(&self, conn: &Connection, record: &mut Record) -> Result<(), Error> {
        let (Some(purpose), false) = (self.purpose, self.explicit.is_empty()) else {
            return Ok(());
        };
        let holds_one = record
            .values
            .iter()
            .any(|(name, _)| self.explicit.contains(name));
        if holds_one && !has_current_consent(conn, record.id, purpose.id)? {
            record
                .values
                .retain(|(name, _)| !self.explicit.contains(name));
        }
        Ok(())
    }

    fn shows(&self, conn: &Connection, record: &Record) -> Result<bool, Error> {
        let Some(purpose) = self.purpose else {
            return Ok(true);
        };
        if record.values.is_empty() || self.left_out.contains(&record.id) {
            return Ok(false);
        }
        Ok(purpose.basis != LegalBasis::Consent
            || has_current_consent(conn, record.id, purpose.id)?)
    }
}

/// The fields a listing shows, in declared order unless the caller named them.
fn shown_fields(
    schema: &SchemaView,
    purpose: Option<&super::view::PurposeInfo>,
    requested: Option<&[String]>,
) -> Result<Vec<String>, Error> {
    // In declared order: the order the business thought of its fields in.
    let allowed: Vec<&str> = schema
        .declared()
        .into_iter()
        .filter(|f| purpose.is_none_or(|p| schema.purposes_of(f).any(|fp| fp.id == p.id)))
        .map(|f| f.name.as_str())
        .collect();
    let Some(requested) = requested else {
        return Ok(allowed.iter().map(|&f| f.to_owned()).collect());
    };
    let mut shown = Vec::new();
    for name in requested {
        if schema.field(name).is_none() {
            return Err(Error::UnknownField {
                field: name.clone(),
            });
        }
        if !allowed.contains(&name.as_str()) {
            return Err(Error::FieldOutsidePurpose {
                field: name.clone(),
                purpose: purpose.map(|p| p.name.clone()).unwrap_or_default(),
            });
        }
        if !shown.contains(name) {
            shown.push(name.clone());
        }
    }
    Ok(shown)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// `kluis export --purpose P`, before any record leaves: logs the export with the purpose's
/// fields and record count, and returns that count. The caller saves the log, then writes
/// the records as [`View::for_each`] hands them over (with [`csv_row`] or
/// [`Record::to_json`]), so the export is never held in memory whole.
pub fn log_purpose_export(
    conn: &Connection,
    schema: &SchemaView,
    purpose: &str,
    format: Format,
    now: OffsetDateTime,
) -> Result<usize, Error> {
    let view = View::new(conn, schema, Some(purpose), None)?;
    let mut count = 0;
    view.for_each(conn, schema, |_| {
        count += 1;
        Ok::<(), Error>(())
    })?;
    audit::write(
        conn,
        &NewEntry {
            action: action::EXPORT,
            fields: view.fields.iter().map(String::as_str).collect(),
            purpose: Some(purpose),
            detail: Some(format!("{count} records as {}", format.name())),
            ..NewEntry::default()
        },
        now,
    )?;
    Ok(count)
}

/// The whole document a purpose export writes, for tests: the front end streams it.
#[cfg(test)]
fn export_purpose(
    conn: &Connection,
    schema: &SchemaView,
    purpose: &str,
    format: Format,
    now: OffsetDateTime,
) -> Result<String, Error> {
    log_purpose_export(conn, schema, purpose, format, now)?;
    let listing = list(conn, schema, Some(purpose), None)?;
    Ok(match format {
        Format::Csv => listing.to_csv(),
        Format::Json => serde_json::to_string_pretty(&listing.to_json()).unwrap() + "\n",
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct SubjectPurpose {
    pub name: String,
    pub basis: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SubjectValue {
    pub field: String,
    pub label: Option<String>,
    pub value: String,
    pub purposes: Vec<SubjectPurpose>,
}

/// Everything held on one person.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectExport {
    pub id: RecordId,
    pub created_at: String,
    pub updated_at: String,
    pub values: Vec<SubjectValue>,
    pub consents: Vec<Consent>,
    pub audit: Vec<Entry>,
}

/// `kluis export --subject ID`: values with labels and purposes, consents with their times,
/// and the audit entries about the record (the export itself included).
pub fn export_subject(
    conn: &Connection,
    schema: &SchemaView,
    record: RecordId,
    now: OffsetDateTime,
) -> Result<SubjectExport, Error> {
    let current = record::get(conn, schema, record)?;
    audit::write(
        conn,
        &NewEntry {
            action: action::EXPORT,
            record: Some(record),
            fields: current.values.iter().map(|(f, _)| f.as_str()).collect(),
            detail: Some("subject access".into()),
            ..NewEntry::default()
        },
        now,
    )?;
    let values = current
        .values
        .iter()
        .filter_map(|(name, value)| {
            let field = schema.field(name)?;
            Some(SubjectValue {
                field: field.name.clone(),
                label: field.label.clone(),
                value: value.clone(),
                purposes: schema
                    .purposes_of(field)
                    .map(|p| SubjectPurpose {
                        name: p.name.clone(),
                        basis: basis_name(p.basis),
                    })
                    .collect(),
            })
        })
        .collect();
    Ok(SubjectExport {
        id: current.id,
        created_at: current.created_at,
        updated_at: current.updated_at,
        values,
        consents: consents_of(conn, record)?,
        audit: own_entries(audit::entries(conn, Some(record))?),
    })
}

/// The entries from the record's own `add` on. Record ids are never reused (AUTOINCREMENT);
/// this guard keeps a subject export to one person even if a vault's ids ever were.
fn own_entries(mut entries: Vec<Entry>) -> Vec<Entry> {
    if let Some(added) = entries.iter().rposition(|e| e.action == action::ADD) {
        entries.drain(..added);
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::consent::{give_consent, withdraw_consent};
    use crate::records::record::add;
    use crate::records::testing::{T0, at, pairs, shop};

    #[test]
    fn a_consent_purpose_view_holds_only_its_fields_and_consenting_records() {
        let (conn, schema) = shop();
        let jan = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("email", "jan@example.nl")]),
            at(T0),
        )
        .unwrap();
        let piet = add(
            &conn,
            &schema,
            &pairs(&[("name", "Piet"), ("email", "piet@example.nl")]),
            at(T0),
        )
        .unwrap();
        let klaas = add(
            &conn,
            &schema,
            &pairs(&[("name", "Klaas"), ("email", "k@example.nl")]),
            at(T0),
        )
        .unwrap();
        give_consent(&conn, &schema, jan, "newsletter", "cli", at(T0)).unwrap();
        give_consent(&conn, &schema, klaas, "newsletter", "cli", at(T0)).unwrap();
        withdraw_consent(&conn, &schema, klaas, "newsletter", at(T0)).unwrap();

        let view = list(&conn, &schema, Some("newsletter"), None).unwrap();
        assert_eq!(view.fields, ["email", "interests"]);
        assert_eq!(view.records.iter().map(|r| r.id).collect::<Vec<_>>(), [jan]);
        assert_eq!(
            view.to_json(),
            serde_json::json!([{"id": jan, "email": "jan@example.nl", "interests": null}])
        );

        let admin = list(&conn, &schema, Some("customer-admin"), None).unwrap();
        assert_eq!(admin.records.len(), 3);
        assert!(admin.records.iter().any(|r| r.id == piet));
        assert!(!admin.fields.contains(&"iban".to_string()));
    }

    #[test]
    fn values_kept_after_an_erasure_request_leave_only_through_their_legal_obligation() {
        let (conn, schema) = shop();
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("iban", "NL01"), ("phone", "0612345678")]),
            at(T0),
        )
        .unwrap();
        let other = add(&conn, &schema, &pairs(&[("name", "Piet")]), at(T0)).unwrap();
        crate::records::erase::delete(&conn, &schema, id, false, at(T0)).unwrap();
        // `name` is kept for bookkeeping but also serves customer-admin.
        let admin = list(&conn, &schema, Some("customer-admin"), None).unwrap();
        assert_eq!(
            admin.records.iter().map(|r| r.id).collect::<Vec<_>>(),
            [other]
        );
        let books = list(&conn, &schema, Some("bookkeeping"), None).unwrap();
        assert_eq!(
            books.records.iter().map(|r| r.id).collect::<Vec<_>>(),
            [id, other]
        );
    }

    #[test]
    fn an_erased_id_is_not_reused_and_a_subject_export_holds_only_its_own_history() {
        let (conn, schema) = shop();
        let first = add(&conn, &schema, &pairs(&[("name", "Jan")]), at(T0)).unwrap();
        give_consent(&conn, &schema, first, "newsletter", "cli", at(T0)).unwrap();
        crate::records::erase::delete(&conn, &schema, first, true, at(T0)).unwrap();
        let second = add(&conn, &schema, &pairs(&[("name", "Piet")]), at(T0)).unwrap();
        assert_ne!(
            first, second,
            "AUTOINCREMENT: an erased person's id is never reused"
        );
        let export = export_subject(&conn, &schema, second, at(T0)).unwrap();
        let actions: Vec<&str> = export.audit.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["add", "export"]);
    }

    #[test]
    fn list_refuses_fields_outside_the_purpose_and_unknown_names() {
        let (conn, schema) = shop();
        let err = list(
            &conn,
            &schema,
            Some("newsletter"),
            Some(&["name".to_string()]),
        )
        .unwrap_err();
        assert!(matches!(err, Error::FieldOutsidePurpose { .. }), "{err}");
        let err = list(&conn, &schema, None, Some(&["shoe".to_string()])).unwrap_err();
        assert!(matches!(err, Error::UnknownField { .. }), "{err}");
        let err = list(&conn, &schema, Some("marketing"), None).unwrap_err();
        assert!(matches!(err, Error::UnknownPurpose { .. }), "{err}");
        let some = list(
            &conn,
            &schema,
            None,
            Some(&["phone".to_string(), "name".to_string()]),
        )
        .unwrap();
        assert_eq!(some.fields, ["phone", "name"]);
    }

    #[test]
    fn csv_export_neutralises_formulas_and_is_logged() {
        let (conn, schema) = shop();
        add(
            &conn,
            &schema,
            &pairs(&[("name", "=HYPERLINK(1)"), ("phone", "+31612345678")]),
            at(T0),
        )
        .unwrap();
        let csv = export_purpose(&conn, &schema, "customer-admin", Format::Csv, at(T0)).unwrap();
        assert_eq!(
            csv,
            "id,email,name,phone\r\n1,,'=HYPERLINK(1),+31612345678\r\n"
        );
        let log = audit::entries(&conn, None).unwrap();
        let last = log.last().unwrap();
        assert_eq!(last.action, "export");
        assert_eq!(last.purpose.as_deref(), Some("customer-admin"));
        assert_eq!(last.detail.as_deref(), Some("1 records as csv"));
    }

    /// Until the twelfth session a contract purpose's export held a health value whose
    /// explicit consent had been withdrawn, while the withdrawal letter said it was no longer
    /// used.
    #[test]
    fn a_value_under_explicit_consent_leaves_the_view_with_its_consent() {
        let (conn, schema) = crate::records::testing::shop_with_allergies();
        let id = add(&conn, &schema, &pairs(&[("name", "Jan")]), at(T0)).unwrap();
        give_consent(&conn, &schema, id, "customer-admin", "cli", at(T0)).unwrap();
        let nuts = pairs(&[("allergies", "noten")]);
        crate::records::record::edit(&conn, &schema, id, &nuts, at(T0)).unwrap();
        let shown = |conn: &Connection| {
            let listing = list(conn, &schema, Some("customer-admin"), None).unwrap();
            let record = &listing.records[0];
            (
                record.value("name").is_some(),
                record.value("allergies").is_some(),
            )
        };
        assert_eq!(shown(&conn), (true, true));
        withdraw_consent(&conn, &schema, id, "customer-admin", at(T0)).unwrap();
        // The contract goes on; the health value no longer leaves the vault.
        assert_eq!(shown(&conn), (true, false));
    }

    #[test]
    fn subject_export_holds_values_purposes_consents_and_audit() {
        let (conn, schema) = shop();
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("email", "jan@example.nl")]),
            at(T0),
        )
        .unwrap();
        give_consent(&conn, &schema, id, "newsletter", "cli", at(T0)).unwrap();
        let export = export_subject(&conn, &schema, id, at(T0)).unwrap();
        let json = serde_json::to_value(&export).unwrap();
        assert_eq!(json["values"][0]["field"], "email");
        assert_eq!(json["values"][0]["purposes"][1]["name"], "newsletter");
        assert_eq!(json["values"][0]["purposes"][1]["basis"], "consent");
        assert_eq!(json["consents"][0]["given_at"], T0);
        let actions: Vec<&str> = export.audit.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["add", "consent-give", "export"]);
        assert!(matches!(
            export_subject(&conn, &schema, id + 1, at(T0)),
            Err(Error::NoRecord { .. })
        ));
    }
}

/// Purpose limitation as a property: whatever the schema and the data, a purpose's export
/// holds only that purpose's fields, and for a consent purpose only consenting records.
#[cfg(test)]
mod properties {
    use std::collections::HashSet;

    use proptest::prelude::*;

    use super::*;
    use crate::records::consent::{give_consent, withdraw_consent};
    use crate::records::record::insert_record;
    use crate::records::testing::{T0, at, field, purpose};
    use crate::vault::database::open_in_memory_for_tests;

    const BASES: [&str; 4] = [
        "consent",
        "contract",
        "legal-obligation",
        "legitimate-interests",
    ];

    #[derive(Debug, Clone)]
    struct World {
        /// Basis index per purpose.
        purposes: Vec<usize>,
        /// Purpose bitmask per field (never empty).
        fields: Vec<u8>,
        /// Per record: value bitmask over fields, and consent state per purpose
        /// (0 never, 1 given, 2 withdrawn).
        records: Vec<(u8, Vec<u8>)>,
    }

    fn world() -> impl Strategy<Value = World> {
        (1usize..=4, 1usize..=6).prop_flat_map(|(purposes, fields)| {
            (
                proptest::collection::vec(0..BASES.len(), purposes),
                proptest::collection::vec(1u8..(1 << purposes), fields),
                proptest::collection::vec(
                    (
                        0u8..(1 << fields),
                        proptest::collection::vec(0u8..3, purposes),
                    ),
                    0..8,
                ),
            )
                .prop_map(|(purposes, fields, records)| World {
                    purposes,
                    fields,
                    records,
                })
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn purpose_exports_hold_exactly_the_allowed_fields_of_every_entitled_record(
            world in world()
        ) {
            let conn = open_in_memory_for_tests();
            for (p, &basis) in world.purposes.iter().enumerate() {
                purpose(&conn, &format!("p{p}"), BASES[basis], Some(365));
            }
            for (f, &mask) in world.fields.iter().enumerate() {
                let serves: Vec<String> = (0..world.purposes.len())
                    .filter(|p| mask & (1 << p) != 0)
                    .map(|p| format!("p{p}"))
                    .collect();
                let serves: Vec<&str> = serves.iter().map(String::as_str).collect();
                field(&conn, &format!("f{f}"), "text", false, &serves);
            }
            let schema = SchemaView::load(&conn).unwrap();
            let mut consenting: HashSet<(RecordId, usize)> = HashSet::new();
            let mut stored: Vec<(RecordId, u8)> = Vec::new();
            for (values, consents) in &world.records {
                let mask = *values;
                let values: Vec<(i64, String)> = (0..world.fields.len())
                    .filter(|f| mask & (1 << f) != 0)
                    .map(|f| (schema.field(&format!("f{f}")).unwrap().id, format!("v{f}")))
                    .collect();
                let id = insert_record(&conn, &schema, &values, "test", at(T0)).unwrap();
                stored.push((id, mask));
                for (p, &state) in consents.iter().enumerate() {
                    let name = format!("p{p}");
                    if state == 0 || BASES[world.purposes[p]] != "consent" {
                        continue;
                    }
                    give_consent(&conn, &schema, id, &name, "cli", at(T0)).unwrap();
                    if state == 2 {
                        withdraw_consent(&conn, &schema, id, &name, at(T0)).unwrap();
                    } else {
                        consenting.insert((id, p));
                    }
                }
            }

            for (p, &basis) in world.purposes.iter().enumerate() {
                let expected = entitled_records(&world, &stored, &consenting, p, basis);
                let text = export_purpose(&conn, &schema, &format!("p{p}"), Format::Json, at(T0)).unwrap();
                let exported: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
                let exported: Vec<(RecordId, Vec<(String, String)>)> =
                    exported.iter().map(exported_values).collect();
                // Equality checks both directions: no record or field beyond the purpose's
                // (nothing leaks), and every record the purpose may use is there in full.
                prop_assert_eq!(exported, expected, "purpose p{}", p);
            }
        }
    }

    /// What the export of purpose `p` must hold: every record with a value in one of its
    /// fields (and, for a consent purpose, standing consent), with exactly those values.
    fn entitled_records(
        world: &World,
        stored: &[(RecordId, u8)],
        consenting: &HashSet<(RecordId, usize)>,
        p: usize,
        basis: usize,
    ) -> Vec<(RecordId, Vec<(String, String)>)> {
        stored
            .iter()
            .filter(|(id, _)| BASES[basis] != "consent" || consenting.contains(&(*id, p)))
            .map(|&(id, mask)| {
                let values: Vec<(String, String)> = (0..world.fields.len())
                    .filter(|&f| mask & (1 << f) != 0 && world.fields[f] & (1 << p) != 0)
                    .map(|f| (format!("f{f}"), format!("v{f}")))
                    .collect();
                (id, values)
            })
            .filter(|(_, values)| !values.is_empty())
            .collect()
    }

    /// An exported JSON record as its id and its non-empty values, in field order.
    fn exported_values(record: &serde_json::Value) -> (RecordId, Vec<(String, String)>) {
        let object = record.as_object().unwrap();
        let mut values: Vec<(String, String)> = object
            .iter()
            .filter(|(key, _)| *key != "id")
            .map(|(key, value)| {
                let text = match value {
                    serde_json::Value::Null => String::new(),
                    other => other.as_str().expect("a text value").to_owned(),
                };
                (key.clone(), text)
            })
            .filter(|(_, text)| !text.is_empty())
            .collect();
        values.sort();
        (object["id"].as_i64().unwrap(), values)
    }
}
