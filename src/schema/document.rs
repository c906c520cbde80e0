//! The schema as one small TOML document (`kluis schema export` / `kluis schema apply`), so a
//! schema can be reviewed, versioned and declared in one step.
//!
//! Applying goes through the same functions as `purpose add`, `field edit`, `recipient add`
//! and the rest, so every rule is checked in one place. It adds what is missing and changes
//! what differs; it never removes, and says what it would have removed. The document holds
//! declarations only, never a person's value.

use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

use super::Error;
use super::cookie::{self, CookieChanges};
use super::field::{add_field, fields, find_field, validate_field};
use super::field_edit::{FieldChanges, edit_field};
use super::model::{
    Cookie, CookieKind, DataSource, Field, FieldType, LegalBasis, OutsideCategory, Profile,
    Profiling, ProfilingKind, Purpose, Recipient, RecipientRole, Retention, RetentionStart,
    Safeguard, SpecialCategory,
};
use super::profile::{ProfileUpdate, profile, set_profile};
use super::purpose::{
    PurposeChanges, add_purpose, find_purpose, purposes, update_purpose,
    validate as validate_purpose,
};
use super::recipient::{
    add_recipient, find_recipient, recipients, replace_recipient, validate as validate_recipient,
};
use crate::exit::HasExitCode;

/// Why a schema document was refused. Names the table, the item's place in the file and its
/// name; never a value from customer data (the document holds none).
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the schema file is not valid: {message}")]
    Parse { message: String },

    #[error("[[{table}]] #{index} \"{name}\": {source}")]
    Item {
        table: &'static str,
        /// The item's place among its table's items, counting from 1.
        index: usize,
        name: String,
        source: Box<Error>,
    },

    /// Reading the vault failed, outside any one item.
    #[error(transparent)]
    Vault(Box<Error>),

    #[error("[[purpose]] #{index} \"{name}\": the basis cannot change from {from} to {to}")]
    BasisChanged {
        index: usize,
        name: String,
        from: LegalBasis,
        to: LegalBasis,
    },
}

impl HasExitCode for DocumentError {
    fn exit_code(&self) -> u8 {
        match self {
            DocumentError::Item { source, .. } | DocumentError::Vault(source) => source.exit_code(),
            _ => crate::exit::ERROR,
        }
    }
}

/// The whole document: each table is optional, so a file may declare only fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<ProfileItem>,
    #[serde(default, rename = "purpose", skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<PurposeItem>,
    #[serde(default, rename = "field", skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldItem>,
    #[serde(default, rename = "recipient", skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<RecipientItem>,
    #[serde(default, rename = "cookie", skip_serializing_if = "Vec::is_empty")]
    pub cookies: Vec<CookieItem>,
}

/// The controller profile, as `profile set` takes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileItem {
    pub name: String,
    pub email: String,
    pub address: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kvk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpo_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpo_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement_url: Option<String>,
}

/// A purpose, with its retention written as `purpose add --retention` takes it (`2y`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurposeItem {
    pub name: String,
    /// Read like `--basis`, so the Dutch words (`overeenkomst`) are accepted too.
    #[serde(deserialize_with = "by_name")]
    pub basis: LegalBasis,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interest: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interest_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub law: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub law_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<String>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub retention_from: RetentionStart,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_note_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subjects: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subjects_en: Option<String>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub minors: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profiling: Option<ProfilingKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profiling_logic: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profiling_logic_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profiling_effect: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profiling_effect_en: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategoryItem>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub no_recipients: bool,
}

/// Personal data a purpose keeps outside the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryItem {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_en: Option<String>,
}

/// A field, as `field add` takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldItem {
    pub name: String,
    #[serde(rename = "type")]
    pub field_type: FieldType,
    pub purposes: Vec<String>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    #[serde(default = "subject", skip_serializing_if = "is_subject")]
    pub source: DataSource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_note_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special: Option<SpecialCategory>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub art9: Option<String>,
}

/// A recipient, as `recipient add` takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecipientItem {
    pub name: String,
    pub purposes: Vec<String>,
    pub role: RecipientRole,
    pub country: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safeguard: Option<Safeguard>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safeguard_copy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safeguard_copy_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_en: Option<String>,
}

/// A cookie, as `cookie add` takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CookieItem {
    pub name: String,
    pub provider: String,
    pub kind: CookieKind,
    pub retention: String,
    pub purpose_text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose_text_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub consent_asked: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safeguard: Option<Safeguard>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safeguard_copy: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safeguard_copy_en: Option<String>,
}

/// Reads one of the model's names as its `FromStr` does: with its aliases, ignoring case.
fn by_name<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    let text = String::deserialize(deserializer)?;
    text.parse().map_err(serde::de::Error::custom)
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

fn subject() -> DataSource {
    DataSource::Subject
}

fn is_subject(source: &DataSource) -> bool {
    *source == DataSource::Subject
}

/// What applying does to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    Add,
    Change,
    Keep,
    /// In the vault but not in the document: left alone, since apply never removes.
    NotRemoved,
}

/// One line of the plan: which item, and what happens to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub kind: &'static str,
    pub name: String,
    pub action: Action,
}

impl Document {
    /// Reads a document; the error names the line and key, as the toml crate reports them.
    pub fn from_toml(text: &str) -> Result<Document, DocumentError> {
        toml::from_str(text).map_err(|error| DocumentError::Parse {
            message: error.to_string().trim_end().to_owned(),
        })
    }

    /// The document as TOML text: tables in the order profile, purposes, fields, recipients,
    /// cookies.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a schema document serialises")
    }

    /// The schema as declared in the vault now. Purposes keep their order; the rest is by name.
    pub fn load(conn: &Connection) -> Result<Document, Error> {
        Ok(Document {
            profile: profile(conn)?.map(ProfileItem::from),
            purposes: purposes(conn)?
                .into_iter()
                .map(|stored| PurposeItem::from(stored.purpose))
                .collect(),
            fields: fields(conn)?
                .into_iter()
                .map(|stored| FieldItem::from(stored.field))
                .collect(),
            recipients: recipients(conn)?
                .into_iter()
                .map(RecipientItem::from)
                .collect(),
            cookies: cookie::cookies(conn)?
                .into_iter()
                .map(CookieItem::from)
                .collect(),
        })
    }
}

/// Declares `document` in one transaction and returns the plan. With `dry_run` the
/// transaction is rolled back, so every rule is still checked but nothing is kept.
pub fn apply(
    conn: &mut Connection,
    document: &Document,
    dry_run: bool,
) -> Result<Vec<Step>, DocumentError> {
    let database = |source: rusqlite::Error| DocumentError::Vault(Box::new(source.into()));
    let tx = conn.transaction().map_err(database)?;
    let mut plan = Vec::new();
    apply_profile(&tx, document, &mut plan)?;
    apply_purposes(&tx, document, &mut plan)?;
    apply_fields(&tx, document, &mut plan)?;
    apply_recipients(&tx, document, &mut plan)?;
    apply_cookies(&tx, document, &mut plan)?;
    not_removed(&tx, document, &mut plan)?;
    if !dry_run {
        tx.commit().map_err(database)?;
    }
    Ok(plan)
}

fn item_error(table: &'static str, index: usize, name: &str, source: Error) -> DocumentError {
    DocumentError::Item {
        table,
        index,
        name: name.to_owned(),
        source: Box::new(source),
    }
}

/// Runs one item's step, naming the item in its error.
fn step<T>(
    table: &'static str,
    index: usize,
    name: &str,
    result: Result<T, impl Into<Error>>,
) -> Result<T, DocumentError> {
    result.map_err(|source| item_error(table, index + 1, name, source.into()))
}

fn apply_profile(
    tx: &Transaction<'_>,
    document: &Document,
    plan: &mut Vec<Step>,
) -> Result<(), DocumentError> {
    let Some(wanted) = &document.profile else {
        return Ok(());
    };
    let stored = step("profile", 0, &wanted.name, profile(tx))?.map(ProfileItem::from);
    let action = match stored {
        None => Action::Add,
        Some(stored) if stored == *wanted => Action::Keep,
        Some(_) => Action::Change,
    };
    if action != Action::Keep {
        let update = wanted.update();
        step("profile", 0, &wanted.name, set_profile(tx, &update))?;
    }
    plan.push(Step {
        kind: "profile",
        name: wanted.name.clone(),
        action,
    });
    Ok(())
}

fn apply_purposes(
    tx: &Transaction<'_>,
    document: &Document,
    plan: &mut Vec<Step>,
) -> Result<(), DocumentError> {
    for (index, wanted) in document.purposes.iter().enumerate() {
        let name = wanted.name.as_str();
        let purpose = step("purpose", index, name, wanted.to_purpose())?;
        // Compared as `purpose add` would store it, so a stray space is no change.
        let tidied = PurposeItem::from(step("purpose", index, name, validate_purpose(&purpose))?);
        let action = match step("purpose", index, name, find_purpose(tx, name))? {
            None => {
                step("purpose", index, name, add_purpose(tx, &purpose))?;
                Action::Add
            }
            Some(stored) if PurposeItem::from(stored.purpose.clone()) == tidied => Action::Keep,
            Some(stored) if stored.purpose.basis != wanted.basis => {
                return Err(DocumentError::BasisChanged {
                    index: index + 1,
                    name: name.to_owned(),
                    from: stored.purpose.basis,
                    to: wanted.basis,
                });
            }
            Some(_) => {
                step(
                    "purpose",
                    index,
                    name,
                    update_purpose(tx, name, &wanted.changes()),
                )?;
                Action::Change
            }
        };
        plan.push(Step {
            kind: "purpose",
            name: name.to_owned(),
            action,
        });
    }
    Ok(())
}

fn apply_fields(
    tx: &Transaction<'_>,
    document: &Document,
    plan: &mut Vec<Step>,
) -> Result<(), DocumentError> {
    for (index, wanted) in document.fields.iter().enumerate() {
        let name = wanted.name.as_str();
        let action = match step("field", index, name, find_field(tx, name))? {
            None => {
                step("field", index, name, add_field(tx, &wanted.to_field()))?;
                Action::Add
            }
            Some(stored) => {
                let stored = FieldItem::from(stored.field);
                let tidied = step("field", index, name, validate_field(tx, &wanted.to_field()))?;
                if stored.same_as(&FieldItem::from(tidied)) {
                    Action::Keep
                } else {
                    let changes = wanted.changes_from(&stored);
                    step("field", index, name, edit_field(tx, name, &changes))?;
                    Action::Change
                }
            }
        };
        plan.push(Step {
            kind: "field",
            name: name.to_owned(),
            action,
        });
    }
    Ok(())
}

fn apply_recipients(
    tx: &Transaction<'_>,
    document: &Document,
    plan: &mut Vec<Step>,
) -> Result<(), DocumentError> {
    for (index, wanted) in document.recipients.iter().enumerate() {
        let name = wanted.name.as_str();
        let recipient = wanted.to_recipient();
        let tidied = RecipientItem::from(step(
            "recipient",
            index,
            name,
            validate_recipient(&recipient),
        )?);
        let action = match step("recipient", index, name, find_recipient(tx, name))? {
            None => {
                step("recipient", index, name, add_recipient(tx, &recipient))?;
                Action::Add
            }
            Some(stored) if RecipientItem::from(stored.clone()).same_as(&tidied) => Action::Keep,
            Some(_) => {
                step(
                    "recipient",
                    index,
                    name,
                    replace_recipient(tx, name, &recipient),
                )?;
                Action::Change
            }
        };
        plan.push(Step {
            kind: "recipient",
            name: name.to_owned(),
            action,
        });
    }
    Ok(())
}

fn apply_cookies(
    tx: &Transaction<'_>,
    document: &Document,
    plan: &mut Vec<Step>,
) -> Result<(), DocumentError> {
    for (index, wanted) in document.cookies.iter().enumerate() {
        let name = wanted.name.as_str();
        let tidied = step("cookie", index, name, cookie::validate(&wanted.to_cookie()))?;
        let action = match step("cookie", index, name, cookie::find_cookie(tx, name))? {
            None => {
                step(
                    "cookie",
                    index,
                    name,
                    cookie::add_cookie(tx, &wanted.to_cookie()),
                )?;
                Action::Add
            }
            Some(stored) if stored == tidied => Action::Keep,
            Some(_) => {
                step(
                    "cookie",
                    index,
                    name,
                    cookie::edit_cookie(tx, name, &wanted.changes()),
                )?;
                Action::Change
            }
        };
        plan.push(Step {
            kind: "cookie",
            name: name.to_owned(),
            action,
        });
    }
    Ok(())
}

/// What the vault declares and the document does not: listed, never removed.
fn not_removed(
    tx: &Transaction<'_>,
    document: &Document,
    plan: &mut Vec<Step>,
) -> Result<(), DocumentError> {
    let stored = Document::load(tx).map_err(|source| DocumentError::Vault(Box::new(source)))?;
    let kinds: [(&'static str, Vec<&str>, Vec<&str>); 4] = [
        (
            "purpose",
            stored.purposes.iter().map(|p| p.name.as_str()).collect(),
            document.purposes.iter().map(|p| p.name.as_str()).collect(),
        ),
        (
            "field",
            stored.fields.iter().map(|f| f.name.as_str()).collect(),
            document.fields.iter().map(|f| f.name.as_str()).collect(),
        ),
        (
            "recipient",
            stored.recipients.iter().map(|r| r.name.as_str()).collect(),
            document
                .recipients
                .iter()
                .map(|r| r.name.as_str())
                .collect(),
        ),
        (
            "cookie",
            stored.cookies.iter().map(|c| c.name.as_str()).collect(),
            document.cookies.iter().map(|c| c.name.as_str()).collect(),
        ),
    ];
    for (kind, in_vault, in_document) in kinds {
        for name in in_vault.into_iter().filter(|n| !in_document.contains(n)) {
            plan.push(Step {
                kind,
                name: name.to_owned(),
                action: Action::NotRemoved,
            });
        }
    }
    Ok(())
}

/// `Some("")` for an absent optional text: the change functions read it as "clear".
fn cleared(text: &Option<String>) -> Option<String> {
    Some(text.clone().unwrap_or_default())
}

impl From<Profile> for ProfileItem {
    fn from(p: Profile) -> Self {
        ProfileItem {
            name: p.name,
            email: p.email,
            address: p.address,
            kvk: p.kvk,
            phone: p.phone,
            website: p.website,
            dpo_name: p.dpo_name,
            dpo_email: p.dpo_email,
            statement_url: p.statement_url,
        }
    }
}

impl ProfileItem {
    fn update(&self) -> ProfileUpdate {
        ProfileUpdate {
            name: Some(self.name.clone()),
            email: Some(self.email.clone()),
            address: Some(self.address.clone()),
            kvk: cleared(&self.kvk),
            phone: cleared(&self.phone),
            website: cleared(&self.website),
            dpo_name: cleared(&self.dpo_name),
            dpo_email: cleared(&self.dpo_email),
            statement_url: cleared(&self.statement_url),
        }
    }
}

impl From<Purpose> for PurposeItem {
    fn from(p: Purpose) -> Self {
        let declared = p.profiling.is_some();
        let profiling = p.profiling.unwrap_or_else(Profiling::none);
        PurposeItem {
            name: p.name,
            basis: p.basis,
            description: p.description,
            description_en: p.description_en,
            interest: p.interest,
            interest_en: p.interest_en,
            law: p.law,
            law_en: p.law_en,
            retention: p.retention.period.map(|period| period.to_string()),
            retention_from: p.retention.start,
            retention_note: p.retention.note,
            retention_note_en: p.retention.note_en,
            subjects: p.subjects,
            subjects_en: p.subjects_en,
            minors: p.minors,
            profiling: declared.then_some(profiling.kind),
            profiling_logic: profiling.logic,
            profiling_logic_en: profiling.logic_en,
            profiling_effect: profiling.effect,
            profiling_effect_en: profiling.effect_en,
            categories: p
                .categories
                .into_iter()
                .map(|c| CategoryItem {
                    text: c.text,
                    text_en: c.text_en,
                })
                .collect(),
            no_recipients: p.no_recipients,
        }
    }
}

impl PurposeItem {
    /// The purpose `purpose add` would store; its rules are checked by `add_purpose`.
    fn to_purpose(&self) -> Result<Purpose, Error> {
        let period = match self.retention.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => Some(text.parse().map_err(|source| Error::Retention {
                purpose: self.name.clone(),
                source,
            })?),
        };
        let profiling = self.profiling.map(|kind| Profiling {
            kind,
            logic: self.profiling_logic.clone(),
            logic_en: self.profiling_logic_en.clone(),
            effect: self.profiling_effect.clone(),
            effect_en: self.profiling_effect_en.clone(),
        });
        Ok(Purpose {
            description_en: self.description_en.clone(),
            interest: self.interest.clone(),
            interest_en: self.interest_en.clone(),
            law: self.law.clone(),
            law_en: self.law_en.clone(),
            retention: Retention {
                period,
                start: self.retention_from,
                note: self.retention_note.clone(),
                note_en: self.retention_note_en.clone(),
            },
            subjects: self.subjects.clone(),
            subjects_en: self.subjects_en.clone(),
            minors: self.minors,
            profiling,
            categories: self.categories(),
            no_recipients: self.no_recipients,
            ..Purpose::new(&self.name, self.basis, &self.description)
        })
    }

    fn categories(&self) -> Vec<OutsideCategory> {
        self.categories
            .iter()
            .map(|c| OutsideCategory {
                text: c.text.clone(),
                text_en: c.text_en.clone(),
            })
            .collect()
    }

    /// Every declaration as `purpose edit` takes it; absent optional texts clear.
    fn changes(&self) -> PurposeChanges {
        PurposeChanges {
            description: Some(self.description.clone()),
            description_en: cleared(&self.description_en),
            interest: cleared(&self.interest),
            interest_en: cleared(&self.interest_en),
            law: cleared(&self.law),
            law_en: cleared(&self.law_en),
            retention: cleared(&self.retention),
            retention_from: Some(self.retention_from),
            retention_note: cleared(&self.retention_note),
            retention_note_en: cleared(&self.retention_note_en),
            subjects: cleared(&self.subjects),
            subjects_en: cleared(&self.subjects_en),
            minors: Some(self.minors),
            profiling: self.profiling,
            profiling_logic: self.profiling.and(cleared(&self.profiling_logic)),
            profiling_logic_en: self.profiling.and(cleared(&self.profiling_logic_en)),
            profiling_effect: self.profiling.and(cleared(&self.profiling_effect)),
            profiling_effect_en: self.profiling.and(cleared(&self.profiling_effect_en)),
            categories: Some(self.categories()),
            no_recipients: Some(self.no_recipients),
            drop_legacy_recipients: false,
        }
    }
}

impl From<Field> for FieldItem {
    fn from(f: Field) -> Self {
        FieldItem {
            name: f.name,
            field_type: f.field_type,
            purposes: f.purposes,
            required: f.required,
            label: f.label,
            label_en: f.label_en,
            source: f.source,
            source_note: f.source_note,
            source_note_en: f.source_note_en,
            special: f.special,
            art9: f.art9,
        }
    }
}

impl FieldItem {
    fn to_field(&self) -> Field {
        Field {
            name: self.name.clone(),
            field_type: self.field_type,
            label: self.label.clone(),
            label_en: self.label_en.clone(),
            purposes: self.purposes.clone(),
            required: self.required,
            source: self.source,
            source_note: self.source_note.clone(),
            source_note_en: self.source_note_en.clone(),
            special: self.special,
            art9: self.art9.clone(),
        }
    }

    /// Equal, whatever the order of the purposes.
    fn same_as(&self, other: &FieldItem) -> bool {
        let sorted = |item: &FieldItem| {
            let mut item = item.clone();
            item.purposes.sort();
            item
        };
        sorted(self) == sorted(other)
    }

    /// The `field edit` that turns `stored` into this field.
    fn changes_from(&self, stored: &FieldItem) -> FieldChanges {
        let missing = |from: &FieldItem, of: &FieldItem| -> Vec<String> {
            from.purposes
                .iter()
                .filter(|p| !of.purposes.contains(p))
                .cloned()
                .collect()
        };
        FieldChanges {
            field_type: (self.field_type != stored.field_type).then_some(self.field_type),
            label: cleared(&self.label),
            label_en: cleared(&self.label_en),
            required: Some(self.required),
            source: Some(self.source),
            source_note: cleared(&self.source_note),
            source_note_en: cleared(&self.source_note_en),
            add_purposes: missing(self, stored),
            remove_purposes: missing(stored, self),
            special: self.special,
            art9: self.special.and(self.art9.clone()),
            no_special: self.special.is_none() && stored.special.is_some(),
        }
    }
}

impl From<Recipient> for RecipientItem {
    fn from(r: Recipient) -> Self {
        RecipientItem {
            name: r.name,
            purposes: r.purposes,
            role: r.role,
            country: r.country,
            safeguard: r.safeguard,
            safeguard_copy: r.safeguard_copy,
            safeguard_copy_en: r.safeguard_copy_en,
            note: r.note,
            note_en: r.note_en,
        }
    }
}

impl RecipientItem {
    fn to_recipient(&self) -> Recipient {
        Recipient {
            name: self.name.clone(),
            purposes: self.purposes.clone(),
            role: self.role,
            country: self.country.clone(),
            safeguard: self.safeguard,
            safeguard_copy: self.safeguard_copy.clone(),
            safeguard_copy_en: self.safeguard_copy_en.clone(),
            note: self.note.clone(),
            note_en: self.note_en.clone(),
        }
    }

    /// Equal, whatever the order of the purposes.
    fn same_as(&self, other: &RecipientItem) -> bool {
        let sorted = |item: &RecipientItem| {
            let mut item = item.clone();
            item.purposes.sort();
            item
        };
        sorted(self) == sorted(other)
    }
}

impl From<Cookie> for CookieItem {
    fn from(c: Cookie) -> Self {
        CookieItem {
            name: c.name,
            provider: c.provider,
            kind: c.kind,
            retention: c.retention,
            purpose_text: c.purpose_text,
            purpose_text_en: c.purpose_text_en,
            country: c.country,
            consent_asked: c.consent_asked,
            safeguard: c.safeguard,
            safeguard_copy: c.safeguard_copy,
            safeguard_copy_en: c.safeguard_copy_en,
        }
    }
}

impl CookieItem {
    fn to_cookie(&self) -> Cookie {
        Cookie {
            name: self.name.clone(),
            provider: self.provider.clone(),
            kind: self.kind,
            retention: self.retention.clone(),
            purpose_text: self.purpose_text.clone(),
            purpose_text_en: self.purpose_text_en.clone(),
            country: self.country.clone(),
            consent_asked: self.consent_asked,
            safeguard: self.safeguard,
            safeguard_copy: self.safeguard_copy.clone(),
            safeguard_copy_en: self.safeguard_copy_en.clone(),
        }
    }

    fn changes(&self) -> CookieChanges {
        CookieChanges {
            provider: Some(self.provider.clone()),
            kind: Some(self.kind),
            retention: Some(self.retention.clone()),
            purpose_text: Some(self.purpose_text.clone()),
            purpose_text_en: cleared(&self.purpose_text_en),
            country: cleared(&self.country),
            consent_asked: Some(self.consent_asked),
            safeguard: Some(self.safeguard),
            safeguard_copy: cleared(&self.safeguard_copy),
            safeguard_copy_en: cleared(&self.safeguard_copy_en),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::testing::conn;

    const SHOP: &str = r#"
[profile]
name = "Bakkerij Jansen"
email = "privacy@jansen.nl"
address = "Dorpsstraat 1, 1234 AB Ergens"

[[purpose]]
name = "customer-admin"
basis = "contract"
description = "Orders leveren en factureren"
retention = "2y"
profiling = "none"

[[purpose]]
name = "newsletter"
basis = "consent"
description = "Nieuwsbrief sturen"
retention = "18m"
retention_note = "of tot afmelding"

[[field]]
name = "email"
type = "email"
purposes = ["customer-admin", "newsletter"]
label = "E-mail"

[[field]]
name = "name"
type = "text"
purposes = ["customer-admin"]
required = true

[[recipient]]
name = "Boekhouder Jansen"
purposes = ["customer-admin"]
role = "processor"
country = "NL"

[[cookie]]
name = "PHPSESSID"
provider = "Bakkerij Jansen"
kind = "functional"
retention = "session"
purpose_text = "Uw winkelmandje onthouden"
"#;

    fn applied(text: &str) -> Connection {
        let mut conn = conn();
        let document = Document::from_toml(text).unwrap();
        apply(&mut conn, &document, false).unwrap();
        conn
    }

    fn actions(plan: &[Step]) -> Vec<(&str, &str, Action)> {
        plan.iter()
            .map(|s| (s.kind, s.name.as_str(), s.action))
            .collect()
    }

    #[test]
    fn export_of_an_applied_document_applies_to_a_fresh_vault_as_the_same_text() {
        let first = Document::load(&applied(SHOP)).unwrap().to_toml();
        let second = Document::load(&applied(&first)).unwrap().to_toml();
        assert_eq!(first, second);
        assert!(first.contains("[[recipient]]") && first.contains("[[cookie]]"));
        assert!(first.contains("retention = \"18m\""), "{first}");
    }

    #[test]
    fn apply_again_keeps_everything_and_a_change_goes_through_the_edit_functions() {
        let mut conn = applied(SHOP);
        let document = Document::from_toml(SHOP).unwrap();
        let plan = apply(&mut conn, &document, false).unwrap();
        assert!(
            plan.iter().all(|step| step.action == Action::Keep),
            "{plan:?}"
        );
        let edited = SHOP.replace("retention = \"2y\"", "retention = \"3y\"");
        let edited = edited.replace("label = \"E-mail\"\n", "");
        let plan = apply(&mut conn, &Document::from_toml(&edited).unwrap(), false).unwrap();
        let changed: Vec<_> = actions(&plan)
            .into_iter()
            .filter(|(_, _, action)| *action == Action::Change)
            .collect();
        assert_eq!(
            changed,
            [
                ("purpose", "customer-admin", Action::Change),
                ("field", "email", Action::Change)
            ]
        );
        let stored = Document::load(&conn).unwrap();
        assert_eq!(stored.purposes[0].retention.as_deref(), Some("3y"));
        assert_eq!(stored.fields[0].label, None);
    }

    #[test]
    fn apply_never_removes_and_says_what_it_leaves() {
        let mut conn = applied(SHOP);
        let only_fields =
            "[[field]]\nname = \"phone\"\ntype = \"phone\"\npurposes = [\"customer-admin\"]\n";
        let plan = apply(&mut conn, &Document::from_toml(only_fields).unwrap(), false).unwrap();
        let plan = actions(&plan);
        assert_eq!(plan[0], ("field", "phone", Action::Add));
        assert!(plan.contains(&("purpose", "newsletter", Action::NotRemoved)));
        assert!(plan.contains(&("field", "email", Action::NotRemoved)));
        assert!(plan.contains(&("cookie", "PHPSESSID", Action::NotRemoved)));
        assert_eq!(Document::load(&conn).unwrap().fields.len(), 3);
    }

    #[test]
    fn a_dry_run_checks_every_rule_and_keeps_nothing() {
        let mut conn = conn();
        let plan = apply(&mut conn, &Document::from_toml(SHOP).unwrap(), true).unwrap();
        assert!(plan.iter().all(|step| step.action == Action::Add));
        assert_eq!(Document::load(&conn).unwrap(), Document::default());
    }

    #[test]
    fn a_refused_item_is_named_by_table_place_and_name_and_nothing_is_kept() {
        let mut conn = conn();
        let bad = SHOP.replace(
            "purposes = [\"customer-admin\"]\nrequired",
            "purposes = [\"x\"]\nrequired",
        );
        let error = apply(&mut conn, &Document::from_toml(&bad).unwrap(), false).unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("[[field]] #2 \"name\": "), "{message}");
        assert!(message.contains("`x`"), "{message}");
        assert_eq!(Document::load(&conn).unwrap(), Document::default());
    }

    #[test]
    fn the_basis_of_a_declared_purpose_does_not_change() {
        let mut conn = applied(SHOP);
        let moved = SHOP.replace("basis = \"consent\"", "basis = \"contract\"");
        let error = apply(&mut conn, &Document::from_toml(&moved).unwrap(), false).unwrap_err();
        assert!(
            matches!(&error, DocumentError::BasisChanged { index: 2, name, .. } if name == "newsletter"),
            "{error}"
        );
    }

    #[test]
    fn the_dutch_words_for_a_basis_and_a_retention_are_read() {
        let dutch = SHOP
            .replace("basis = \"contract\"", "basis = \"overeenkomst\"")
            .replace("retention = \"2y\"", "retention = \"2jaar\"");
        let conn = applied(&dutch);
        let stored = Document::load(&conn).unwrap();
        assert_eq!(stored.purposes[0].basis, LegalBasis::Contract);
        assert_eq!(stored.purposes[0].retention.as_deref(), Some("2y"));
        let error = Document::from_toml(&SHOP.replace("\"contract\"", "\"koop\"")).unwrap_err();
        assert!(error.to_string().contains("unknown legal basis"), "{error}");
    }

    #[test]
    fn an_unknown_key_is_refused_with_its_line() {
        let error = Document::from_toml("[[field]]\nname = \"x\"\ncolour = 1\n").unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("line 3") && message.contains("colour"),
            "{message}"
        );
    }

    #[test]
    fn a_value_the_rules_tidy_is_no_change_on_the_next_apply() {
        let untidy = SHOP
            .replace(
                "\"Orders leveren en factureren\"",
                "\" Orders leveren en factureren \"",
            )
            .replace(
                "purpose_text = \"Uw winkelmandje onthouden\"",
                "purpose_text = \"Uw winkelmandje onthouden\"\ncountry = \"nl\"",
            );
        let mut conn = applied(&untidy);
        let plan = apply(&mut conn, &Document::from_toml(&untidy).unwrap(), false).unwrap();
        assert!(
            plan.iter().all(|step| step.action == Action::Keep),
            "{plan:?}"
        );
    }

    mod generated {
        use proptest::prelude::*;

        use super::*;

        fn text() -> impl Strategy<Value = String> {
            "[A-Za-z\"' ]{0,6}[A-Za-z]{1,6}[\\\n ]?"
        }

        fn purpose() -> impl Strategy<Value = PurposeItem> {
            (
                any::<bool>(),
                text(),
                proptest::option::of(text()),
                1u32..30,
                prop_oneof![Just("y"), Just("m"), Just("d")],
                any::<bool>(),
            )
                .prop_map(|(consent, description, note, amount, unit, minors)| {
                    let basis = if consent {
                        LegalBasis::Consent
                    } else {
                        LegalBasis::Contract
                    };
                    let purpose = Purpose {
                        retention: Retention {
                            period: Some(format!("{amount}{unit}").parse().unwrap()),
                            note,
                            ..Retention::default()
                        },
                        minors,
                        ..Purpose::new("p", basis, &description)
                    };
                    PurposeItem::from(purpose)
                })
        }

        fn field() -> impl Strategy<Value = (FieldType, Option<String>, Vec<bool>)> {
            (
                prop_oneof![
                    Just(FieldType::Text),
                    Just(FieldType::Email),
                    Just(FieldType::Date),
                    Just(FieldType::Postcode)
                ],
                proptest::option::of(text()),
                proptest::collection::vec(any::<bool>(), 4),
            )
        }

        /// Purposes `p0…`, and fields `f0…` each serving at least the first purpose.
        fn document() -> impl Strategy<Value = Document> {
            (
                proptest::collection::vec(purpose(), 1..4),
                proptest::collection::vec(field(), 0..5),
            )
                .prop_map(|(mut purposes, fields)| {
                    for (i, purpose) in purposes.iter_mut().enumerate() {
                        purpose.name = format!("p{i}");
                    }
                    let fields = fields
                        .into_iter()
                        .enumerate()
                        .map(|(i, (field_type, label, serves))| {
                            let names: Vec<&str> = purposes
                                .iter()
                                .zip(serves)
                                .enumerate()
                                .filter(|(at, (_, serves))| *at == 0 || *serves)
                                .map(|(_, (p, _))| p.name.as_str())
                                .collect();
                            let mut field = Field::new(&format!("f{i}"), field_type, &names);
                            field.label = label;
                            FieldItem::from(field)
                        })
                        .collect();
                    Document {
                        purposes,
                        fields,
                        ..Document::default()
                    }
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(48))]

            #[test]
            fn export_apply_export_gives_the_same_text(document in document()) {
                let first = Document::load(&applied(&document.to_toml())).unwrap().to_toml();
                let second = Document::load(&applied(&first)).unwrap().to_toml();
                prop_assert_eq!(&first, &second);
                let mut conn = applied(&first);
                let plan = apply(&mut conn, &Document::from_toml(&first).unwrap(), false).unwrap();
                prop_assert!(plan.iter().all(|step| step.action == Action::Keep), "{:?}", plan);
            }
        }
    }
}
