//! Purposes: why data is kept, on which legal basis, and for how long.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::Serialize;

use super::Error;
use super::audit;
use super::bsn::is_bsn_field;
use super::field::fields_of_purpose;
use super::model::{LegalBasis, Purpose, Retention, RetentionPeriod};
use crate::clock;

/// A purpose with its row id, for the layers that join on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredPurpose {
    pub id: i64,
    #[serde(flatten)]
    pub purpose: Purpose,
}

/// What `purpose edit` changes. `None` keeps the stored value; `Some("")` clears an optional
/// one. The basis is not editable: data collected on one basis does not move to another.
#[derive(Debug, Clone, Default)]
pub struct PurposeChanges {
    pub description: Option<String>,
    pub description_en: Option<String>,
    pub interest: Option<String>,
    pub interest_en: Option<String>,
    pub law: Option<String>,
    pub retention: Option<String>,
    pub retention_note: Option<String>,
    pub recipients: Option<Vec<String>>,
    pub transfers: Option<Vec<String>>,
}

/// Checks every purpose rule and returns the purpose with its texts trimmed.
pub fn validate(purpose: &Purpose) -> Result<Purpose, Error> {
    audit::check_name("purpose", &purpose.name)?;
    let name = purpose.name.clone();
    let description = purpose.description.trim().to_owned();
    if description.is_empty() {
        return Err(Error::DescriptionMissing { purpose: name });
    }
    let optional = |flag: &'static str, text: &Option<String>| match text.as_deref().map(str::trim)
    {
        Some("") => Err(Error::EmptyText {
            purpose: name.clone(),
            flag,
        }),
        other => Ok(other.map(str::to_owned)),
    };
    let description_en = optional("--description-en", &purpose.description_en)?;
    let interest = optional("--interest", &purpose.interest)?;
    let interest_en = optional("--interest-en", &purpose.interest_en)?;
    let law = optional("--law", &purpose.law)?;
    if purpose.basis == LegalBasis::LegitimateInterests && interest.is_none() {
        return Err(Error::InterestMissing { purpose: name });
    }
    for (flag, text) in [("--interest", &interest), ("--interest-en", &interest_en)] {
        if purpose.basis != LegalBasis::LegitimateInterests && text.is_some() {
            return Err(Error::InterestNotApplicable {
                purpose: name,
                basis: purpose.basis,
                flag,
            });
        }
    }
    let note = optional("--retention-note", &purpose.retention.note)?;
    let retention = Retention::parse(
        purpose.retention.period.map(|p| p.to_string()).as_deref(),
        note.as_deref(),
    )
    .map_err(|source| Error::Retention {
        purpose: name.clone(),
        source,
    })?;
    let list = |flag, items: &[String]| -> Result<Vec<String>, Error> {
        items
            .iter()
            .map(|item| optional(flag, &Some(item.clone())).map(Option::unwrap_or_default))
            .collect()
    };
    Ok(Purpose {
        name: name.clone(),
        basis: purpose.basis,
        description,
        description_en,
        interest,
        interest_en,
        law,
        retention,
        recipients: list("--recipient", &purpose.recipients)?,
        transfers: list("--transfer", &purpose.transfers)?,
    })
}

/// Adds a purpose after checking its rules. Returns its row id.
pub fn add_purpose(tx: &Transaction<'_>, purpose: &Purpose) -> Result<i64, Error> {
    let purpose = validate(purpose)?;
    if find_purpose(tx, &purpose.name)?.is_some() {
        return Err(Error::PurposeExists {
            purpose: purpose.name,
        });
    }
    let now = clock::now_string();
    let period = purpose.retention.period;
    tx.execute(
        "INSERT INTO purposes (name, basis, description, interest, law, retention_days,
             retention_spec, retention_note, created_at, updated_at, description_en, interest_en)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11)",
        params![
            purpose.name,
            purpose.basis.as_str(),
            purpose.description,
            purpose.interest,
            purpose.law,
            period.map(RetentionPeriod::nominal_days),
            period.map(|p| p.to_string()),
            purpose.retention.note,
            now,
            purpose.description_en,
            purpose.interest_en
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_lists(tx, id, &purpose)?;
    audit::log(
        tx,
        "purpose.add",
        None,
        Some(&purpose.name),
        Some(purpose.basis.as_str()),
    )?;
    Ok(id)
}

/// Applies `purpose edit`. Refuses to drop the `--law` that a BSN field relies on.
pub fn update_purpose(
    tx: &Transaction<'_>,
    name: &str,
    changes: &PurposeChanges,
) -> Result<Purpose, Error> {
    let stored = purpose_by_name(tx, name)?;
    let mut purpose = stored.purpose.clone();
    let mut changed = Vec::new();
    let clearable = |value: &Option<String>, slot: &mut Option<String>| {
        if let Some(value) = value {
            *slot = Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        }
    };
    if let Some(description) = &changes.description {
        purpose.description = description.clone();
        changed.push("description");
    }
    for (flag, value, slot) in [
        (
            "description-en",
            &changes.description_en,
            &mut purpose.description_en,
        ),
        ("interest", &changes.interest, &mut purpose.interest),
        (
            "interest-en",
            &changes.interest_en,
            &mut purpose.interest_en,
        ),
        ("law", &changes.law, &mut purpose.law),
        (
            "retention-note",
            &changes.retention_note,
            &mut purpose.retention.note,
        ),
    ] {
        if value.is_some() {
            clearable(value, slot);
            changed.push(flag);
        }
    }
    if let Some(period) = &changes.retention {
        purpose.retention.period = match period.trim() {
            "" => None,
            text => Some(text.parse().map_err(|source| Error::Retention {
                purpose: name.to_owned(),
                source,
            })?),
        };
        changed.push("retention");
    }
    if let Some(recipients) = &changes.recipients {
        purpose.recipients = recipients.clone();
        changed.push("recipients");
    }
    if let Some(transfers) = &changes.transfers {
        purpose.transfers = transfers.clone();
        changed.push("transfers");
    }
    let purpose = validate(&purpose)?;
    if purpose.law.is_none() {
        for field in fields_of_purpose(tx, stored.id)? {
            if is_bsn_field(&field.field) {
                return Err(Error::BsnNotLawful {
                    field: field.field.name,
                    purpose: purpose.name,
                    basis: purpose.basis,
                    has_law: false,
                });
            }
        }
    }
    let period = purpose.retention.period;
    tx.execute(
        "UPDATE purposes SET description = ?2, interest = ?3, law = ?4, retention_days = ?5,
             retention_spec = ?6, retention_note = ?7, updated_at = ?8, description_en = ?9,
             interest_en = ?10
         WHERE id = ?1",
        params![
            stored.id,
            purpose.description,
            purpose.interest,
            purpose.law,
            period.map(RetentionPeriod::nominal_days),
            period.map(|p| p.to_string()),
            purpose.retention.note,
            clock::now_string(),
            purpose.description_en,
            purpose.interest_en
        ],
    )?;
    tx.execute(
        "DELETE FROM purpose_recipients WHERE purpose_id = ?1",
        [stored.id],
    )?;
    tx.execute(
        "DELETE FROM purpose_transfers WHERE purpose_id = ?1",
        [stored.id],
    )?;
    write_lists(tx, stored.id, &purpose)?;
    audit::log(
        tx,
        "purpose.edit",
        None,
        Some(&purpose.name),
        Some(&changed.join(",")),
    )?;
    Ok(purpose)
}

/// Removes a purpose that no field uses. Consent rows for it go with it; the audit log keeps
/// their history.
pub fn remove_purpose(tx: &Transaction<'_>, name: &str) -> Result<(), Error> {
    let stored = purpose_by_name(tx, name)?;
    let fields = fields_of_purpose(tx, stored.id)?;
    if !fields.is_empty() {
        return Err(Error::PurposeInUse {
            purpose: stored.purpose.name,
            fields: fields.into_iter().map(|f| f.field.name).collect(),
        });
    }
    tx.execute("DELETE FROM purposes WHERE id = ?1", [stored.id])?;
    audit::log(tx, "purpose.remove", None, Some(name), None)?;
    Ok(())
}

/// Every purpose, by name.
pub fn purposes(conn: &Connection) -> Result<Vec<StoredPurpose>, Error> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY name"))?;
    let rows = stmt.query_map([], read_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(complete(conn, row?)?);
    }
    Ok(out)
}

/// The purpose called `name`, if there is one.
pub fn find_purpose(conn: &Connection, name: &str) -> Result<Option<StoredPurpose>, Error> {
    let row = conn
        .prepare_cached(&format!("{SELECT} WHERE name = ?1"))?
        .query_row([name], read_row)
        .optional()?;
    row.map(|row| complete(conn, row)).transpose()
}

/// The purpose called `name`, or [`Error::PurposeNotFound`].
pub fn purpose_by_name(conn: &Connection, name: &str) -> Result<StoredPurpose, Error> {
    find_purpose(conn, name)?.ok_or_else(|| Error::PurposeNotFound {
        purpose: name.to_owned(),
    })
}

const SELECT: &str = "SELECT id, name, basis, description, interest, law, retention_spec,
    retention_note, description_en, interest_en FROM purposes";

struct RawPurpose {
    id: i64,
    name: String,
    basis: String,
    description: String,
    interest: Option<String>,
    law: Option<String>,
    retention_spec: Option<String>,
    retention_note: Option<String>,
    description_en: Option<String>,
    interest_en: Option<String>,
}

fn read_row(row: &Row<'_>) -> rusqlite::Result<RawPurpose> {
    Ok(RawPurpose {
        id: row.get(0)?,
        name: row.get(1)?,
        basis: row.get(2)?,
        description: row.get(3)?,
        interest: row.get(4)?,
        law: row.get(5)?,
        retention_spec: row.get(6)?,
        retention_note: row.get(7)?,
        description_en: row.get(8)?,
        interest_en: row.get(9)?,
    })
}

fn complete(conn: &Connection, raw: RawPurpose) -> Result<StoredPurpose, Error> {
    let corrupt = |what: &str| Error::Corrupt {
        what: format!("{what} of purpose `{}`", raw.name),
    };
    let basis = raw.basis.parse().map_err(|_| corrupt("legal basis"))?;
    let period = raw
        .retention_spec
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(|_| corrupt("retention period"))?;
    let list = |table: &str, column: &str| -> Result<Vec<String>, Error> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {column} FROM {table} WHERE purpose_id = ?1 ORDER BY position"
        ))?;
        let items = stmt
            .query_map([raw.id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(items)
    };
    Ok(StoredPurpose {
        id: raw.id,
        purpose: Purpose {
            recipients: list("purpose_recipients", "recipient")?,
            transfers: list("purpose_transfers", "transfer")?,
            name: raw.name,
            basis,
            description: raw.description,
            description_en: raw.description_en,
            interest: raw.interest,
            interest_en: raw.interest_en,
            law: raw.law,
            retention: Retention {
                period,
                note: raw.retention_note,
            },
        },
    })
}

fn write_lists(tx: &Transaction<'_>, id: i64, purpose: &Purpose) -> Result<(), Error> {
    for (position, recipient) in purpose.recipients.iter().enumerate() {
        tx.execute(
            "INSERT INTO purpose_recipients (purpose_id, position, recipient) VALUES (?1, ?2, ?3)",
            params![id, position as i64, recipient],
        )?;
    }
    for (position, transfer) in purpose.transfers.iter().enumerate() {
        tx.execute(
            "INSERT INTO purpose_transfers (purpose_id, position, transfer) VALUES (?1, ?2, ?3)",
            params![id, position as i64, transfer],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
