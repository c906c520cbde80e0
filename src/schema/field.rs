//! Fields: what is stored about a person, of which type, and for which purposes.

use rusqlite::{Connection, Row, Transaction, params};
use serde::Serialize;

use super::Error;
use super::art9::Art9Exception;
use super::audit;
use super::bsn::{bsn_naming, is_bsn};
use super::model::{DataSource, Field, LegalBasis};
use super::purpose::{StoredPurpose, find_purpose};
use super::{add_value_column, value_column};
use crate::{clock, text};

/// A field with its row id, for the layers that join on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredField {
    pub id: i64,
    #[serde(flatten)]
    pub field: Field,
}

/// Checks every field rule against the stored purposes and returns the field tidied: texts
/// trimmed (empty ones dropped), purposes sorted and de-duplicated.
pub fn validate_field(conn: &Connection, field: &Field) -> Result<Field, Error> {
    audit::check_name("field", &field.name)?;
    let name = field.name.clone();
    let mut purposes: Vec<String> = field.purposes.iter().map(|p| p.trim().to_owned()).collect();
    purposes.sort();
    purposes.dedup();
    if purposes.is_empty() {
        return Err(Error::NoPurpose { field: name });
    }
    let mut stored: Vec<StoredPurpose> = Vec::new();
    for purpose in &purposes {
        stored.push(
            find_purpose(conn, purpose)?.ok_or_else(|| Error::UnknownPurpose {
                field: name.clone(),
                purpose: purpose.clone(),
            })?,
        );
    }
    let art9 = match (field.special, field.art9.as_deref().map(str::trim)) {
        (None, None) => None,
        (None, Some(_)) => return Err(Error::Art9WithoutSpecial { field: name }),
        (Some(special), None) => {
            return Err(Error::Art9Missing {
                field: name,
                special,
            });
        }
        (Some(_), Some(text)) => Some(
            text.parse::<Art9Exception>()
                .map_err(|_| Error::UnknownArt9 {
                    field: name.clone(),
                })?
                .as_str()
                .to_owned(),
        ),
    };
    let item = format!("field `{name}`");
    let tidy = |flag: &'static str, given: &Option<String>| {
        let given = given.as_deref().map(str::trim).filter(|t| !t.is_empty());
        text::check_optional(&item, flag, given).map(|()| given.map(str::to_owned))
    };
    let field = Field {
        label: tidy("--label", &field.label)?,
        label_en: tidy("--label-en", &field.label_en)?,
        source_note: tidy("--source-note", &field.source_note)?,
        source_note_en: tidy("--source-note-en", &field.source_note_en)?,
        name,
        field_type: field.field_type,
        purposes,
        required: field.required,
        source: field.source,
        special: field.special,
        art9,
    };
    refuse_untyped_bsn(&field)?;
    // Consent is free (Art. 7(4)): data that only consent purposes use cannot be demanded,
    // and neither can data that needs explicit consent (Art. 9(2)(a)), whatever the basis.
    // A required explicit-consent field would also make `add` impossible: the value needs a
    // recorded consent, which a record gets only after it exists.
    if field.required
        && (field.needs_explicit_consent()
            || stored
                .iter()
                .all(|p| p.purpose.basis == LegalBasis::Consent))
    {
        return Err(Error::RequiredOnConsent { field: field.name });
    }
    if is_bsn(&field) {
        // UAVG art. 46: a BSN only where a law prescribes it. Every purpose must be such a
        // law; one lawful purpose does not make the others lawful, and consent never does.
        if let Some(unlawful) = stored
            .iter()
            .find(|p| p.purpose.basis != LegalBasis::LegalObligation || p.purpose.law.is_none())
        {
            return Err(Error::BsnNotLawful {
                field: field.name,
                purpose: unlawful.purpose.name.clone(),
                basis: unlawful.purpose.basis,
                has_law: unlawful.purpose.law.is_some(),
            });
        }
    }
    Ok(field)
}

/// A name or label that says BSN needs the type that checks one: otherwise `burgerservicenummer`
/// or a label "BSN" on a text field would slip past the elfproef and the law rule.
fn refuse_untyped_bsn(field: &Field) -> Result<(), Error> {
    let naming = bsn_naming(
        &field.name,
        field.label.as_deref(),
        field.label_en.as_deref(),
    );
    match naming {
        Some(naming) if !is_bsn(field) => Err(Error::BsnNotTyped {
            field: field.name.clone(),
            naming,
            field_type: field.field_type,
        }),
        _ => Ok(()),
    }
}

/// Adds a field after checking its rules. Returns its row id.
pub fn add_field(tx: &Transaction<'_>, field: &Field) -> Result<i64, Error> {
    let field = validate_field(tx, field)?;
    if find_field(tx, &field.name)?.is_some() {
        return Err(Error::FieldExists { field: field.name });
    }
    tx.execute(
        "INSERT INTO fields (name, type, label, label_en, required, source, source_note,
             special, art9, created_at, updated_at, source_note_en)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)",
        params![
            field.name,
            field.field_type.as_str(),
            field.label,
            field.label_en,
            field.required,
            field.source.as_str(),
            field.source_note,
            field.special.map(|s| s.as_str()),
            field.art9,
            clock::now_string(),
            field.source_note_en
        ],
    )?;
    let id = tx.last_insert_rowid();
    add_value_column(tx, id)?;
    for purpose in &field.purposes {
        tx.execute(
            "INSERT INTO field_purposes (field_id, purpose_id)
             SELECT ?1, id FROM purposes WHERE name = ?2",
            params![id, purpose],
        )?;
    }
    audit::log(
        tx,
        "field.add",
        Some(&field.name),
        Some(&field.purposes.join(",")),
        Some(field.field_type.as_str()),
    )?;
    Ok(id)
}

/// Removes a field and erases every value it holds. Without `yes` nothing changes and the
/// error says how many values would go. Returns how many values were erased.
pub fn remove_field(tx: &Transaction<'_>, name: &str, yes: bool) -> Result<u64, Error> {
    let stored = field_by_name(tx, name)?;
    let values = value_count(tx, stored.id)?;
    if !yes {
        return Err(Error::RemoveNeedsYes {
            field: stored.field.name,
            values,
        });
    }
    // Cleared before the column goes, so the count is what was really erased and
    // secure_delete overwrites every value in place.
    let column = value_column(stored.id);
    let erased = tx.execute(
        &format!("UPDATE records SET {column} = NULL WHERE {column} IS NOT NULL"),
        [],
    )? as u64;
    if erased != values {
        return Err(Error::ErasureMismatch {
            what: format!("field `{}`'s values", stored.field.name),
            expected: values,
            changed: erased,
        });
    }
    crate::vault::search_key::forget(tx, None, stored.id)?;
    tx.execute_batch(&format!("ALTER TABLE records DROP COLUMN {column}"))?;
    tx.execute("DELETE FROM fields WHERE id = ?1", [stored.id])?;
    audit::log(
        tx,
        "field.remove",
        Some(&stored.field.name),
        Some(&stored.field.purposes.join(",")),
        Some(&format!("erased {erased} values")),
    )?;
    Ok(erased)
}

/// How many records hold a value for the field.
pub fn value_count(conn: &Connection, field_id: i64) -> Result<u64, Error> {
    let count: i64 = conn.query_row(
        &format!("SELECT count({}) FROM records", value_column(field_id)),
        [],
        |row| row.get(0),
    )?;
    Ok(count as u64)
}

/// Every field, by name.
pub fn fields(conn: &Connection) -> Result<Vec<StoredField>, Error> {
    query(conn, "ORDER BY name", [])
}

/// The fields that serve the purpose with row id `purpose_id`, by name.
pub fn fields_of_purpose(conn: &Connection, purpose_id: i64) -> Result<Vec<StoredField>, Error> {
    query(
        conn,
        "WHERE id IN (SELECT field_id FROM field_purposes WHERE purpose_id = ?1) ORDER BY name",
        [purpose_id],
    )
}

/// The field called `name`, if there is one.
pub fn find_field(conn: &Connection, name: &str) -> Result<Option<StoredField>, Error> {
    Ok(query(conn, "WHERE name = ?1", [name])?.into_iter().next())
}

/// The field called `name`, or [`Error::FieldNotFound`].
pub fn field_by_name(conn: &Connection, name: &str) -> Result<StoredField, Error> {
    find_field(conn, name)?.ok_or_else(|| Error::FieldNotFound {
        field: name.to_owned(),
    })
}

struct RawField {
    id: i64,
    name: String,
    field_type: String,
    label: Option<String>,
    label_en: Option<String>,
    required: bool,
    source: String,
    source_note: Option<String>,
    source_note_en: Option<String>,
    special: Option<String>,
    art9: Option<String>,
}

fn read_row(row: &Row<'_>) -> rusqlite::Result<RawField> {
    Ok(RawField {
        id: row.get(0)?,
        name: row.get(1)?,
        field_type: row.get(2)?,
        label: row.get(3)?,
        label_en: row.get(4)?,
        required: row.get(5)?,
        source: row.get(6)?,
        source_note: row.get(7)?,
        special: row.get(8)?,
        art9: row.get(9)?,
        source_note_en: row.get(10)?,
    })
}

fn query<P: rusqlite::Params>(
    conn: &Connection,
    tail: &str,
    params: P,
) -> Result<Vec<StoredField>, Error> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, name, type, label, label_en, required, source, source_note, special, art9,
             source_note_en
         FROM fields {tail}"
    ))?;
    let raws = stmt
        .query_map(params, read_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut purposes = conn.prepare_cached(
        "SELECT p.name FROM field_purposes fp JOIN purposes p ON p.id = fp.purpose_id
         WHERE fp.field_id = ?1 ORDER BY p.name",
    )?;
    let mut out = Vec::with_capacity(raws.len());
    for raw in raws {
        let corrupt = |what: &str| Error::Corrupt {
            what: format!("{what} of field `{}`", raw.name),
        };
        let field_type = raw.field_type.parse().map_err(|_| corrupt("type"))?;
        let source: DataSource = raw.source.parse().map_err(|_| corrupt("source"))?;
        let special = raw
            .special
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|_| corrupt("special category"))?;
        let names = purposes
            .query_map([raw.id], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        out.push(StoredField {
            id: raw.id,
            field: Field {
                name: raw.name,
                field_type,
                label: raw.label,
                label_en: raw.label_en,
                purposes: names,
                required: raw.required,
                source,
                source_note: raw.source_note,
                source_note_en: raw.source_note_en,
                special,
                art9: raw.art9,
            },
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
