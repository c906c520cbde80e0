//! The schema as plain data: what a business stores, why, on which basis and for how long.
//!
//! These types carry no database handle, so the statement and the register can be pure
//! functions of a [`Snapshot`].

use serde::{Deserialize, Serialize};

/// The Art. 6(1) legal bases. Exactly one per purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LegalBasis {
    Consent,
    Contract,
    LegalObligation,
    VitalInterests,
    PublicTask,
    LegitimateInterests,
}

/// The value types a field can have; each has its own validation and normal form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldType {
    Text,
    Email,
    Phone,
    Date,
    Number,
    Bool,
    Postcode,
    /// Burgerservicenummer: only lawful where a specific law allows it (UAVG art. 46).
    Bsn,
}

/// Where a field's values come from (Art. 13 versus Art. 14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DataSource {
    /// The person gave it.
    Subject,
    /// The business adds it itself (notes, scores, IP addresses).
    Own,
    /// Obtained from someone else.
    ThirdParty,
}

/// Art. 9(1) special categories of personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpecialCategory {
    Health,
    Ethnicity,
    Politics,
    Religion,
    Union,
    Genetic,
    Biometric,
    SexLife,
}

/// How long a purpose keeps data: a period, criteria in words, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// The period as the user wrote it, normalised: `7y`, `18m`, `90d`.
    pub period: Option<RetentionPeriod>,
    /// The criteria that decide it, in the user's words.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionPeriod {
    pub amount: u32,
    pub unit: RetentionUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RetentionUnit {
    Days,
    Months,
    Years,
}

/// The controller: who the business is and how people reach it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub email: String,
    pub address: String,
    pub kvk: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub dpo_name: Option<String>,
    pub dpo_email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Purpose {
    pub name: String,
    pub basis: LegalBasis,
    pub description: String,
    /// The description for the English statement; without it, that shows `description`.
    /// Defaulted so statements published before it existed still read.
    #[serde(default)]
    pub description_en: Option<String>,
    /// The legitimate interest, in words (required for `LegitimateInterests`).
    pub interest: Option<String>,
    /// The interest for the English statement; without it, that shows `interest`.
    #[serde(default)]
    pub interest_en: Option<String>,
    /// The law that requires or allows the processing, e.g. "AWR art. 52".
    pub law: Option<String>,
    pub retention: Retention,
    /// Recipients or categories of recipients, e.g. "Boekhouder (verwerker)".
    pub recipients: Vec<String>,
    /// Transfers outside the EEA with their safeguard, e.g. "VS: EU-US Data Privacy Framework".
    pub transfers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    pub field_type: FieldType,
    pub label: Option<String>,
    pub label_en: Option<String>,
    /// Names of the purposes this field serves; never empty.
    pub purposes: Vec<String>,
    pub required: bool,
    pub source: DataSource,
    /// Where the data comes from when it is not the person, e.g. "Google Analytics".
    pub source_note: Option<String>,
    pub special: Option<SpecialCategory>,
    /// The Art. 9(2) exception, required when `special` is set, e.g. "explicit-consent".
    pub art9: Option<String>,
}

/// Everything the statement and register are built from, in a stable order (by name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub profile: Option<Profile>,
    pub purposes: Vec<Purpose>,
    pub fields: Vec<Field>,
}
