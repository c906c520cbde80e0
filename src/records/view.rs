//! The part of the schema records need, read with ids: which fields exist, their types, and
//! the purposes (basis, retention) each one serves.

use rusqlite::Connection;
use serde::de::DeserializeOwned;

use super::Error;
use crate::schema::model::{FieldType, LegalBasis, RetentionStart};

#[derive(Debug, Clone)]
pub struct PurposeInfo {
    pub id: i64,
    pub name: String,
    pub basis: LegalBasis,
    pub law: Option<String>,
    /// `None` when only a retention note decides: such a purpose never expires automatically.
    pub retention_days: Option<i64>,
    pub retention_spec: Option<String>,
    /// The moment the period counts from, or alone the event that ends the keeping.
    pub retention_from: RetentionStart,
    pub retention_note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct FieldInfo {
    pub id: i64,
    pub name: String,
    pub field_type: FieldType,
    pub label: Option<String>,
    pub label_en: Option<String>,
    pub required: bool,
    pub special: Option<String>,
    pub art9: Option<String>,
    /// Indexes into [`SchemaView::purposes`].
    pub purposes: Vec<usize>,
}

impl FieldInfo {
    /// Whether each value needs the person's current consent for one of the field's purposes
    /// (Art. 9(2)(a)); see [`crate::schema::art9::is_explicit_consent`].
    pub fn needs_explicit_consent(&self) -> bool {
        crate::schema::art9::is_explicit_consent(self.art9.as_deref())
    }
}

/// Fields and purposes by name order, loaded once per command.
#[derive(Debug, Clone, Default)]
pub struct SchemaView {
    pub purposes: Vec<PurposeInfo>,
    pub fields: Vec<FieldInfo>,
}

/// Reads a kebab-case enum stored as text, using the model's own serde names.
fn parse_stored<T: DeserializeOwned>(text: String, what: &str) -> Result<T, Error> {
    serde_json::from_value(serde_json::Value::String(text)).map_err(|_| Error::Corrupt {
        what: what.to_owned(),
    })
}

/// The stored (kebab-case) name of a legal basis.
pub fn basis_name(basis: LegalBasis) -> String {
    match serde_json::to_value(basis) {
        Ok(serde_json::Value::String(name)) => name,
        _ => format!("{basis:?}"),
    }
}

impl SchemaView {
    pub fn load(conn: &Connection) -> Result<Self, Error> {
        let mut purposes = Vec::new();
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, basis, law, retention_days, retention_spec, retention_note,
                 retention_from
             FROM purposes ORDER BY name",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, Option<i64>>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, Option<String>>(6)?,
                row.get::<_, String>(7)?,
            ))
        })?;
        for row in rows {
            let (id, name, basis, law, retention_days, retention_spec, retention_note, from) = row?;
            let basis = parse_stored(basis, &format!("legal basis of purpose `{name}`"))?;
            let retention_from =
                parse_stored(from, &format!("retention start of purpose `{name}`"))?;
            purposes.push(PurposeInfo {
                id,
                name,
                basis,
                law,
                retention_days,
                retention_spec,
                retention_from,
                retention_note,
            });
        }

        let mut fields = Vec::new();
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, type, label, label_en, required, special, art9 FROM fields
             ORDER BY name",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, bool>(5)?,
                row.get::<_, Option<String>>(6)?,
                row.get::<_, Option<String>>(7)?,
            ))
        })?;
        for row in rows {
            let (id, name, field_type, label, label_en, required, special, art9) = row?;
            let field_type = parse_stored(field_type, &format!("type of field `{name}`"))?;
            fields.push(FieldInfo {
                id,
                name,
                field_type,
                label,
                label_en,
                required,
                special,
                art9,
                purposes: Vec::new(),
            });
        }

        let mut stmt = conn.prepare_cached("SELECT field_id, purpose_id FROM field_purposes")?;
        let links = stmt
            .query_map([], |row| Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        for (field_id, purpose_id) in links {
            let purpose = purposes.iter().position(|p| p.id == purpose_id);
            let field = fields.iter_mut().find(|f| f.id == field_id);
            if let (Some(purpose), Some(field)) = (purpose, field) {
                field.purposes.push(purpose);
            }
        }
        for field in &mut fields {
            field.purposes.sort_unstable();
        }
        Ok(SchemaView { purposes, fields })
    }

    /// The fields in the order they were declared (by id), the order tables show them in.
    /// [`SchemaView::fields`] stays in name order, which statements and letters rely on.
    pub fn declared(&self) -> Vec<&FieldInfo> {
        let mut fields: Vec<&FieldInfo> = self.fields.iter().collect();
        fields.sort_by_key(|f| f.id);
        fields
    }

    pub fn field(&self, name: &str) -> Option<&FieldInfo> {
        self.fields.iter().find(|f| f.name == name)
    }

    pub fn field_by_id(&self, id: i64) -> Option<&FieldInfo> {
        self.fields.iter().find(|f| f.id == id)
    }

    pub fn purpose(&self, name: &str) -> Result<&PurposeInfo, Error> {
        self.purposes
            .iter()
            .find(|p| p.name == name)
            .ok_or_else(|| Error::UnknownPurpose {
                purpose: name.to_owned(),
            })
    }

    /// The purposes a field serves.
    pub fn purposes_of<'a>(
        &'a self,
        field: &'a FieldInfo,
    ) -> impl Iterator<Item = &'a PurposeInfo> + 'a {
        field.purposes.iter().map(|&index| &self.purposes[index])
    }

    /// Whether a purpose carries a field under explicit consent: consent for it can then be
    /// given and withdrawn per person, whatever the purpose's basis.
    pub fn carries_explicit_consent(&self, purpose: &PurposeInfo) -> bool {
        self.fields_of(purpose)
            .iter()
            .any(|field| field.needs_explicit_consent())
    }

    /// The fields that carry a purpose, by name order.
    pub fn fields_of(&self, purpose: &PurposeInfo) -> Vec<&FieldInfo> {
        self.fields
            .iter()
            .filter(|f| self.purposes_of(f).any(|p| p.id == purpose.id))
            .collect()
    }
}
