//! Consent per record and purpose: one row holds the current state (given, maybe withdrawn,
//! and where it came from); the audit log keeps the history.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use time::OffsetDateTime;

use super::audit::{self, NewEntry, action};
use super::record::ensure_exists;
use super::view::{FieldInfo, PurposeInfo, SchemaView, basis_name};
use super::{Error, RecordId};
use crate::clock;
use crate::schema::model::LegalBasis;

/// Where a consent came from: a closed list, so the log that outlives an erased person holds
/// a word from this list and never free text about them (issue 15 L2). Older vaults' free
/// text became `other` (migration 0010).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsentSource {
    Cli,
    Web,
    Webform,
    Webshop,
    Email,
    Phone,
    InPerson,
    Paper,
    Import,
    Demo,
    Other,
}

crate::schema::names::kebab_names!(ConsentSource, "consent source", {
    Cli => "cli",
    Web => "web" | "website",
    Webform => "webform" | "webformulier",
    Webshop => "webshop" | "webwinkel",
    Email => "email" | "e-mail",
    Phone => "phone" | "telefoon",
    InPerson => "in-person" | "persoonlijk" | "balie",
    Paper => "paper" | "papier",
    Import => "import",
    Demo => "demo",
    Other => "other" | "anders",
});

/// A consent row, as `export --subject` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consent {
    pub purpose: String,
    pub given_at: String,
    pub withdrawn_at: Option<String>,
    pub source: String,
}

/// The purpose consent can be recorded for: one with basis consent, or one that carries a
/// field under explicit consent (Art. 9(2)(a)), whose values need the person's consent on top
/// of the purpose's own basis.
pub fn consentable_purpose<'a>(
    schema: &'a SchemaView,
    purpose: &str,
) -> Result<&'a PurposeInfo, Error> {
    let info = schema.purpose(purpose)?;
    if !takes_consent(schema, info) {
        return Err(Error::NotConsentPurpose {
            purpose: info.name.clone(),
            basis: basis_name(info.basis),
        });
    }
    Ok(info)
}

/// Every purpose consent can be recorded for (see [`consentable_purpose`]), in name order.
pub fn consentable_purposes(schema: &SchemaView) -> Vec<&PurposeInfo> {
    schema
        .purposes
        .iter()
        .filter(|info| takes_consent(schema, info))
        .collect()
}

fn takes_consent(schema: &SchemaView, info: &PurposeInfo) -> bool {
    info.basis == LegalBasis::Consent || schema.carries_explicit_consent(info)
}

/// Refuses a value for a field under explicit consent unless the record has current consent
/// for one of that field's purposes. `fields` are the ids of the fields given a value.
pub fn require_explicit_consent(
    conn: &Connection,
    schema: &SchemaView,
    record: RecordId,
    fields: impl IntoIterator<Item = i64>,
) -> Result<(), Error> {
    for field in fields.into_iter().filter_map(|id| schema.field_by_id(id)) {
        if !field.needs_explicit_consent() {
            continue;
        }
        let mut consented = false;
        for purpose in schema.purposes_of(field) {
            consented |= has_current_consent(conn, record, purpose.id)?;
        }
        if !consented {
            return Err(Error::ExplicitConsentMissing {
                record,
                field: field.name.clone(),
                purpose: first_purpose(schema, field),
            });
        }
    }
    Ok(())
}

/// Refuses a new record's value for a field under explicit consent: consent is recorded per
/// record, so the record must exist (without that value) before its consent can be given.
pub fn refuse_explicit_consent_on_add(
    schema: &SchemaView,
    fields: impl IntoIterator<Item = i64>,
) -> Result<(), Error> {
    let field = fields
        .into_iter()
        .filter_map(|id| schema.field_by_id(id))
        .find(|field| field.needs_explicit_consent());
    match field {
        Some(field) => Err(Error::ExplicitConsentOnAdd {
            field: field.name.clone(),
            purpose: first_purpose(schema, field),
        }),
        None => Ok(()),
    }
}

/// The purpose named in a hint to give consent: the field's first, by name.
fn first_purpose(schema: &SchemaView, field: &FieldInfo) -> String {
    schema
        .purposes_of(field)
        .next()
        .map_or_else(String::new, |p| p.name.clone())
}

/// Records that consent was given (again) for a purpose (see [`consentable_purpose`]), with where it came from
/// (one of [`ConsentSource`]'s names; anything else is refused). Giving it again restarts it and clears a withdrawal.
pub fn give_consent(
    conn: &Connection,
    schema: &SchemaView,
    record: RecordId,
    purpose: &str,
    source: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    crate::text::check_plain("consent", "--source", source)?;
    let source: ConsentSource = source.parse()?;
    let info = consentable_purpose(schema, purpose)?;
    ensure_exists(conn, record)?;
    conn.prepare_cached(
        "INSERT INTO consents (record_id, purpose_id, given_at, withdrawn_at, source)
         VALUES (?1, ?2, ?3, NULL, ?4)
         ON CONFLICT (record_id, purpose_id) DO UPDATE SET given_at = excluded.given_at,
             withdrawn_at = NULL, source = excluded.source",
    )?
    .execute(params![
        record,
        info.id,
        clock::format(now),
        source.as_str()
    ])?;
    audit::write(
        conn,
        &NewEntry {
            action: action::CONSENT_GIVE,
            record: Some(record),
            purpose: Some(&info.name),
            detail: Some(format!("source {source}")),
            ..NewEntry::default()
        },
        now,
    )
}

/// Records a withdrawal. Only current consent can be withdrawn. Values stay until `purge` or
/// `edit` clears them, as for every consent: `check` reports them (`consent-missing`) from now.
pub fn withdraw_consent(
    conn: &Connection,
    schema: &SchemaView,
    record: RecordId,
    purpose: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let info = consentable_purpose(schema, purpose)?;
    ensure_exists(conn, record)?;
    let changed = conn
        .prepare_cached(
            "UPDATE consents SET withdrawn_at = ?1
             WHERE record_id = ?2 AND purpose_id = ?3 AND withdrawn_at IS NULL",
        )?
        .execute(params![clock::format(now), record, info.id])?;
    if changed == 0 {
        return Err(Error::NoConsent {
            record,
            purpose: info.name.clone(),
        });
    }
    audit::write(
        conn,
        &NewEntry {
            action: action::CONSENT_WITHDRAW,
            record: Some(record),
            purpose: Some(&info.name),
            ..NewEntry::default()
        },
        now,
    )
}

/// Whether the record has consent for the purpose now (given and not withdrawn).
pub fn has_current_consent(
    conn: &Connection,
    record: RecordId,
    purpose_id: i64,
) -> Result<bool, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM consents WHERE record_id = ?1 AND purpose_id = ?2
             AND withdrawn_at IS NULL",
        )?
        .query_row(params![record, purpose_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The consent rows of one record, by purpose name.
pub fn consents_of(conn: &Connection, record: RecordId) -> Result<Vec<Consent>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.name, c.given_at, c.withdrawn_at, c.source FROM consents c
         JOIN purposes p ON p.id = c.purpose_id WHERE c.record_id = ?1 ORDER BY p.name",
    )?;
    let rows = stmt.query_map([record], |row| {
        Ok(Consent {
            purpose: row.get(0)?,
            given_at: row.get(1)?,
            withdrawn_at: row.get(2)?,
            source: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The consent state of a record for a purpose: `None` when never given, else the withdrawal
/// time (itself `None` while consent stands).
pub fn consent_state(
    conn: &Connection,
    record: RecordId,
    purpose_id: i64,
) -> Result<Option<Option<String>>, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT withdrawn_at FROM consents WHERE record_id = ?1 AND purpose_id = ?2",
        )?
        .query_row(params![record, purpose_id], |row| row.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::record::{add, edit};
    use crate::records::testing::{T0, at, pairs, shop};

    #[test]
    fn consent_is_given_withdrawn_and_given_again() {
        let (conn, schema) = shop();
        let id = add(&conn, &schema, &pairs(&[("name", "Jan")]), at(T0)).unwrap();
        let newsletter = schema.purpose("newsletter").unwrap().id;
        assert!(!has_current_consent(&conn, id, newsletter).unwrap());
        give_consent(&conn, &schema, id, "newsletter", "cli", at(T0)).unwrap();
        assert!(has_current_consent(&conn, id, newsletter).unwrap());
        withdraw_consent(&conn, &schema, id, "newsletter", at("2030-02-01T00:00:00Z")).unwrap();
        assert!(!has_current_consent(&conn, id, newsletter).unwrap());
        let rows = consents_of(&conn, id).unwrap();
        assert_eq!(
            rows[0].withdrawn_at.as_deref(),
            Some("2030-02-01T00:00:00Z")
        );
        give_consent(
            &conn,
            &schema,
            id,
            "newsletter",
            "import",
            at("2030-03-01T00:00:00Z"),
        )
        .unwrap();
        let rows = consents_of(&conn, id).unwrap();
        assert_eq!(
            (rows[0].withdrawn_at.as_deref(), rows[0].source.as_str()),
            (None, "import")
        );
        let actions: Vec<String> = audit::entries(&conn, Some(id))
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(
            actions,
            ["add", "consent-give", "consent-withdraw", "consent-give"]
        );
    }

    #[test]
    fn consent_is_refused_for_other_bases_unknown_purposes_and_records() {
        let (conn, schema) = shop();
        let id = add(&conn, &schema, &pairs(&[("name", "Jan")]), at(T0)).unwrap();
        let err = give_consent(&conn, &schema, id, "customer-admin", "cli", at(T0)).unwrap_err();
        assert!(
            matches!(err, Error::NotConsentPurpose { ref basis, .. } if basis == "contract"),
            "{err}"
        );
        let err = give_consent(&conn, &schema, id, "marketing", "cli", at(T0)).unwrap_err();
        assert!(matches!(err, Error::UnknownPurpose { .. }), "{err}");
        let err = give_consent(&conn, &schema, id + 1, "newsletter", "cli", at(T0)).unwrap_err();
        assert!(matches!(err, Error::NoRecord { .. }), "{err}");
        let err = withdraw_consent(&conn, &schema, id, "newsletter", at(T0)).unwrap_err();
        assert!(matches!(err, Error::NoConsent { .. }), "{err}");
    }

    #[test]
    fn explicit_consent_can_be_given_and_withdrawn_for_a_contract_purpose() {
        let (conn, schema) = crate::records::testing::shop_with_allergies();
        let id = add(&conn, &schema, &pairs(&[("name", "Jan")]), at(T0)).unwrap();
        let admin = schema.purpose("customer-admin").unwrap().id;
        give_consent(&conn, &schema, id, "customer-admin", "cli", at(T0)).unwrap();
        assert!(has_current_consent(&conn, id, admin).unwrap());
        withdraw_consent(&conn, &schema, id, "customer-admin", at(T0)).unwrap();
        assert!(!has_current_consent(&conn, id, admin).unwrap());
        // A contract purpose without such a field still takes no consent.
        let err = give_consent(&conn, &schema, id, "bookkeeping", "cli", at(T0)).unwrap_err();
        assert!(matches!(err, Error::NotConsentPurpose { .. }), "{err}");
    }

    #[test]
    fn explicit_consent_value_needs_recorded_consent() {
        let (conn, schema) = crate::records::testing::shop_with_allergies();
        let marker = "pinda-Zq7";
        let with_allergies = pairs(&[("name", "Jan"), ("allergies", marker)]);
        let err = add(&conn, &schema, &with_allergies, at(T0)).unwrap_err();
        assert!(
            matches!(err, Error::ExplicitConsentOnAdd { ref field, ref purpose }
                if field == "allergies" && purpose == "customer-admin"),
            "{err}"
        );
        let id = add(&conn, &schema, &pairs(&[("name", "Jan")]), at(T0)).unwrap();
        let allergies = pairs(&[("allergies", marker)]);
        let err = edit(&conn, &schema, id, &allergies, at(T0)).unwrap_err();
        assert!(
            matches!(err, Error::ExplicitConsentMissing { record, ref field, ref purpose }
                if record == id && field == "allergies" && purpose == "customer-admin"),
            "{err}"
        );
        let hint = crate::cli::hint::records::hint(&err).unwrap();
        assert_eq!(
            hint,
            format!(
                "record the person's explicit consent first: kluis consent give {id} customer-admin"
            )
        );
        assert!(!err.to_string().contains(marker) && !hint.contains(marker));

        give_consent(&conn, &schema, id, "customer-admin", "cli", at(T0)).unwrap();
        edit(&conn, &schema, id, &allergies, at(T0)).unwrap();
        // Clearing needs no consent; a new value after withdrawal does.
        withdraw_consent(&conn, &schema, id, "customer-admin", at(T0)).unwrap();
        let report = crate::records::check::check(&conn, &schema, at(T0)).unwrap();
        assert!(
            report.findings.iter().any(|f| matches!(&f.facts,
                crate::records::check::Facts::ConsentMissing { field, explicit: true, .. }
                    if field == "allergies")),
            "{report:?}"
        );
        let err = edit(&conn, &schema, id, &allergies, at(T0)).unwrap_err();
        assert!(matches!(err, Error::ExplicitConsentMissing { .. }), "{err}");
        edit(&conn, &schema, id, &pairs(&[("allergies", "")]), at(T0)).unwrap();
    }
}
