//! Consent per record and purpose: one row holds the current state (given, maybe withdrawn,
//! and where it came from); the audit log keeps the history.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use time::OffsetDateTime;

use super::audit::{self, NewEntry, action};
use super::record::ensure_exists;
use super::view::{PurposeInfo, SchemaView, basis_name};
use super::{Error, RecordId};
use crate::clock;
use crate::schema::model::LegalBasis;

/// A consent row, as `export --subject` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consent {
    pub purpose: String,
    pub given_at: String,
    pub withdrawn_at: Option<String>,
    pub source: String,
}

fn consent_purpose<'a>(schema: &'a SchemaView, purpose: &str) -> Result<&'a PurposeInfo, Error> {
    let info = schema.purpose(purpose)?;
    if info.basis != LegalBasis::Consent {
        return Err(Error::NotConsentPurpose {
            purpose: info.name.clone(),
            basis: basis_name(info.basis),
        });
    }
    Ok(info)
}

/// Records that consent was given (again) for a consent purpose, with where it came from
/// (`cli`, `import`, a form's name). Giving it again restarts it and clears a withdrawal.
pub fn give_consent(
    conn: &Connection,
    schema: &SchemaView,
    record: RecordId,
    purpose: &str,
    source: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let info = consent_purpose(schema, purpose)?;
    ensure_exists(conn, record)?;
    conn.prepare_cached(
        "INSERT INTO consents (record_id, purpose_id, given_at, withdrawn_at, source)
         VALUES (?1, ?2, ?3, NULL, ?4)
         ON CONFLICT (record_id, purpose_id) DO UPDATE SET given_at = excluded.given_at,
             withdrawn_at = NULL, source = excluded.source",
    )?
    .execute(params![record, info.id, clock::format(now), source])?;
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

/// Records a withdrawal. Only current consent can be withdrawn.
pub fn withdraw_consent(
    conn: &Connection,
    schema: &SchemaView,
    record: RecordId,
    purpose: &str,
    now: OffsetDateTime,
) -> Result<(), Error> {
    let info = consent_purpose(schema, purpose)?;
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
    use crate::records::record::add;
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
}
