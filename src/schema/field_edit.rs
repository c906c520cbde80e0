//! `field edit`: change a field's rules in place, keeping every value it holds.
//!
//! The edited field goes through [`validate_field`] like a new one, so an edit can never
//! leave a field that `field add` would refuse.

use rusqlite::{Transaction, params};

use super::Error;
use super::audit;
use super::field::{field_by_name, validate_field};
use super::model::{DataSource, Field, FieldType, SpecialCategory};
use crate::clock;

/// What `field edit` changes. `None` keeps the stored value; `Some("")` clears an optional
/// text. The type is here only to be refused: stored values were normalised for the old one.
#[derive(Debug, Clone, Default)]
pub struct FieldChanges {
    pub field_type: Option<FieldType>,
    pub label: Option<String>,
    pub label_en: Option<String>,
    pub required: Option<bool>,
    pub source: Option<DataSource>,
    pub source_note: Option<String>,
    pub source_note_en: Option<String>,
    pub add_purposes: Vec<String>,
    pub remove_purposes: Vec<String>,
    /// A new special category. A different category needs its own `art9`: the exception
    /// given for the old one need not cover the new one.
    pub special: Option<SpecialCategory>,
    pub art9: Option<String>,
    /// Drops the special category and its exception.
    pub no_special: bool,
}

impl FieldChanges {
    fn is_empty(&self) -> bool {
        self.field_type.is_none()
            && self.label.is_none()
            && self.label_en.is_none()
            && self.required.is_none()
            && self.source.is_none()
            && self.source_note.is_none()
            && self.source_note_en.is_none()
            && self.add_purposes.is_empty()
            && self.remove_purposes.is_empty()
            && self.special.is_none()
            && self.art9.is_none()
            && !self.no_special
    }
}

/// The field as stored after the edit, and the names of the attributes that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldEdit {
    pub field: Field,
    pub changed: Vec<&'static str>,
    /// When the edit made the field required: how many records have no value for it. They
    /// stay as they are; only new records must have one.
    pub records_without_value: u64,
}

/// Applies `field edit` to the field called `name`. Values are never touched.
pub fn edit_field(
    tx: &Transaction<'_>,
    name: &str,
    changes: &FieldChanges,
) -> Result<FieldEdit, Error> {
    let stored = field_by_name(tx, name)?;
    let old = stored.field;
    if changes.is_empty() {
        return Err(Error::NothingToEdit { field: old.name });
    }
    if let Some(to) = changes.field_type {
        return Err(Error::TypeNotEditable {
            field: old.name,
            from: old.field_type,
            to,
        });
    }
    if changes.no_special && (changes.special.is_some() || changes.art9.is_some()) {
        return Err(Error::SpecialConflict { field: old.name });
    }
    let mut purposes = old.purposes.clone();
    for purpose in &changes.remove_purposes {
        let purpose = purpose.trim();
        if changes.add_purposes.iter().any(|p| p.trim() == purpose) {
            return Err(Error::PurposeAddedAndRemoved {
                field: old.name,
                purpose: purpose.to_owned(),
            });
        }
        let Some(at) = purposes.iter().position(|p| p == purpose) else {
            return Err(Error::NotAPurposeOfField {
                field: old.name,
                purpose: purpose.to_owned(),
            });
        };
        purposes.remove(at);
    }
    purposes.extend(changes.add_purposes.iter().cloned());

    let mut edited = old.clone();
    edited.purposes = purposes;
    let text = |change: &Option<String>, slot: &mut Option<String>| {
        if let Some(text) = change {
            *slot = Some(text.clone());
        }
    };
    text(&changes.label, &mut edited.label);
    text(&changes.label_en, &mut edited.label_en);
    text(&changes.source_note, &mut edited.source_note);
    text(&changes.source_note_en, &mut edited.source_note_en);
    if let Some(required) = changes.required {
        edited.required = required;
    }
    if let Some(source) = changes.source {
        edited.source = source;
    }
    if changes.no_special {
        edited.special = None;
        edited.art9 = None;
    }
    if let Some(special) = changes.special
        && old.special != Some(special)
    {
        edited.special = Some(special);
        edited.art9 = None;
    }
    text(&changes.art9, &mut edited.art9);
    let new = validate_field(tx, &edited)?;

    let changed = changed_attributes(&old, &new);
    if changed.is_empty() {
        return Ok(FieldEdit {
            field: new,
            changed,
            records_without_value: 0,
        });
    }
    tx.execute(
        "UPDATE fields SET label = ?2, label_en = ?3, required = ?4, source = ?5,
             source_note = ?6, special = ?7, art9 = ?8, updated_at = ?9, source_note_en = ?10
         WHERE id = ?1",
        params![
            stored.id,
            new.label,
            new.label_en,
            new.required,
            new.source.as_str(),
            new.source_note,
            new.special.map(|s| s.as_str()),
            new.art9,
            clock::now_string(),
            new.source_note_en
        ],
    )?;
    if changed.contains(&"purposes") {
        tx.execute(
            "DELETE FROM field_purposes WHERE field_id = ?1",
            [stored.id],
        )?;
        for purpose in &new.purposes {
            tx.execute(
                "INSERT INTO field_purposes (field_id, purpose_id)
                 SELECT ?1, id FROM purposes WHERE name = ?2",
                params![stored.id, purpose],
            )?;
        }
    }
    audit::log(
        tx,
        "field.edit",
        Some(&new.name),
        Some(&new.purposes.join(",")),
        Some(&changed.join(",")),
    )?;
    let records_without_value = if new.required && !old.required {
        let count: i64 = tx.query_row(
            &format!(
                "SELECT count(*) FROM records WHERE {} IS NULL",
                super::value_column(stored.id)
            ),
            [],
            |row| row.get(0),
        )?;
        count as u64
    } else {
        0
    };
    Ok(FieldEdit {
        field: new,
        changed,
        records_without_value,
    })
}

/// The attributes that differ, by the name of the flag that sets them.
fn changed_attributes(old: &Field, new: &Field) -> Vec<&'static str> {
    [
        ("label", old.label != new.label),
        ("label-en", old.label_en != new.label_en),
        ("required", old.required != new.required),
        ("source", old.source != new.source),
        ("source-note", old.source_note != new.source_note),
        ("source-note-en", old.source_note_en != new.source_note_en),
        ("purposes", old.purposes != new.purposes),
        ("special", old.special != new.special),
        ("art9", old.art9 != new.art9),
    ]
    .into_iter()
    .filter_map(|(name, differs)| differs.then_some(name))
    .collect()
}

#[cfg(test)]
mod tests;
