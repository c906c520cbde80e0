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
    /// A country, stored as its ISO 3166-1 alpha-2 code. A record's country decides how its
    /// postcode and national phone numbers are read.
    Country,
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

/// How long a purpose keeps data: a period counted from a declared moment, or an event alone
/// where the law allows it ("until you withdraw your consent"). A note may explain either; it
/// never replaces them. Vaults from before the start existed may hold a note alone, which the
/// statement refuses until a period or an event is declared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// The period as the user wrote it, normalised: `7y`, `18m`, `90d`.
    pub period: Option<RetentionPeriod>,
    /// The moment the period counts from; without a period, the event that ends the keeping.
    #[serde(default)]
    pub start: RetentionStart,
    /// An explanation in the user's words.
    pub note: Option<String>,
    /// The explanation for the English statement.
    #[serde(default)]
    pub note_en: Option<String>,
}

/// The moment a retention period counts from (`--retention-from`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum RetentionStart {
    /// The record's last change: a customer who comes back starts the period again.
    #[default]
    LastChange,
    /// The day the record was created.
    Created,
    /// The end of the contract with the person; kluis does not know that date itself.
    EndOfContract,
    /// The day the person withdrew consent for the purpose.
    ConsentWithdrawn,
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
    /// Where the privacy statement is published, for e-mail footers and forms.
    #[serde(default)]
    pub statement_url: Option<String>,
}

/// Whether a purpose profiles people or decides about them automatically (Art. 13(2)(f), 22).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProfilingKind {
    /// Declared: no profiling and no automated decisions.
    None,
    /// Profiles or scores people, but a person takes every decision.
    Profiling,
    /// Decides automatically, with legal or similarly significant effect (Art. 22).
    AutomatedDecision,
}

/// A purpose's declared answer on profiling, with the texts the statement shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profiling {
    pub kind: ProfilingKind,
    /// How the profile or decision is made: the logic involved.
    pub logic: Option<String>,
    pub logic_en: Option<String>,
    /// What it means for the person: the significance and envisaged consequences.
    pub effect: Option<String>,
    pub effect_en: Option<String>,
}

impl Profiling {
    /// The declared answer "no profiling and no automated decisions".
    pub fn none() -> Self {
        Profiling {
            kind: ProfilingKind::None,
            logic: None,
            logic_en: None,
            effect: None,
            effect_en: None,
        }
    }
}

/// A kind of personal data a purpose keeps outside the vault (camera images, website logs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutsideCategory {
    pub text: String,
    pub text_en: Option<String>,
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
    /// The law as the English statement names it.
    #[serde(default)]
    pub law_en: Option<String>,
    pub retention: Retention,
    /// Who the people are ("klanten", "leden"); `None` means customers.
    #[serde(default)]
    pub subjects: Option<String>,
    #[serde(default)]
    pub subjects_en: Option<String>,
    /// Children under 16 are among the people (UAVG art. 5).
    #[serde(default)]
    pub minors: bool,
    /// The declared answer on profiling; `None` until the user gives one.
    #[serde(default)]
    pub profiling: Option<Profiling>,
    /// Personal data this purpose keeps outside the vault, in the order given.
    #[serde(default)]
    pub categories: Vec<OutsideCategory>,
    /// Declared: nobody outside the business receives this purpose's data.
    #[serde(default)]
    pub no_recipients: bool,
    /// Free-text recipients from before recipients were structured. kluis no longer writes
    /// them; each blocks the statement until it is restated with `kluis recipient add`.
    /// Serialised under its own name; `recipients` is how snapshots published before
    /// recipients were structured call it.
    #[serde(alias = "recipients", default)]
    pub legacy_recipients: Vec<String>,
    /// Free-text transfers from before recipients were structured; blocked like
    /// `legacy_recipients`.
    #[serde(alias = "transfers", default)]
    pub legacy_transfers: Vec<String>,
}

/// The role of a data recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecipientRole {
    /// Processes on the business's behalf (Art. 28): a bookkeeper, a mail service.
    Processor,
    /// Decides for itself what it does with the data: a carrier, a bank.
    Controller,
    /// A public authority the law makes the business report to.
    Authority,
}

/// The safeguard for a transfer outside the EEA (Art. 45–49).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Safeguard {
    /// An adequacy decision of the European Commission (Art. 45).
    Adequacy,
    /// The EU-US Data Privacy Framework, for certified US organisations.
    Dpf,
    /// Standard contractual clauses (Art. 46(2)(c)).
    Scc,
    /// Binding corporate rules (Art. 47).
    Bcr,
    /// A derogation for a specific situation (Art. 49).
    Derogation,
}

/// Someone outside the business who receives personal data for one or more purposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipient {
    pub name: String,
    /// Names of the purposes whose data it receives, in the purposes' order.
    pub purposes: Vec<String>,
    pub role: RecipientRole,
    /// ISO 3166-1 alpha-2, upper case.
    pub country: String,
    pub safeguard: Option<Safeguard>,
    /// How a person gets a copy of the safeguard (Art. 13(1)(f)), for `scc` and `bcr`.
    pub safeguard_copy: Option<String>,
    pub safeguard_copy_en: Option<String>,
    pub note: Option<String>,
    pub note_en: Option<String>,
}

/// What a cookie is for, which decides whether it needs consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CookieKind {
    Functional,
    Analytics,
    Marketing,
}

impl CookieKind {
    /// Analytics and marketing cookies need the visitor's consent (Telecommunicatiewet
    /// art. 11.7a); the website needs functional ones to work, and they need none.
    pub fn needs_consent(self) -> bool {
        self != CookieKind::Functional
    }
}

/// A cookie or similar technique on the business's website.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cookie {
    pub name: String,
    pub provider: String,
    pub kind: CookieKind,
    /// How long it stays: `session`, or a period such as `13m`.
    pub retention: String,
    pub purpose_text: String,
    pub purpose_text_en: Option<String>,
    /// Where the provider processes it, ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// The website asks the visitor's consent before it places this cookie, as the user
    /// declared it. The statement promises "only with your consent" on this alone.
    #[serde(default)]
    pub consent_asked: bool,
    /// For a provider outside the EEA: the safeguard of that transfer ([`super::transfer`]).
    /// Art. 49 exceptions are not accepted: a cookie sends data on every visit.
    #[serde(default)]
    pub safeguard: Option<Safeguard>,
    /// For `scc` and `bcr`: how people get a copy (Art. 13(1)(f)), and in English.
    #[serde(default)]
    pub safeguard_copy: Option<String>,
    #[serde(default)]
    pub safeguard_copy_en: Option<String>,
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
    /// The source note for the English statement.
    #[serde(default)]
    pub source_note_en: Option<String>,
    pub special: Option<SpecialCategory>,
    /// The Art. 9(2) exception, required when `special` is set, e.g. "explicit-consent".
    pub art9: Option<String>,
}

/// Everything the statement and register are built from, in a stable order: purposes in the
/// order the user gave, everything else by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub profile: Option<Profile>,
    pub purposes: Vec<Purpose>,
    pub fields: Vec<Field>,
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    #[serde(default)]
    pub cookies: Vec<Cookie>,
}

impl Purpose {
    /// A purpose with only its name, basis and description; everything else undeclared.
    pub fn new(name: &str, basis: LegalBasis, description: &str) -> Self {
        Purpose {
            name: name.to_owned(),
            basis,
            description: description.to_owned(),
            description_en: None,
            interest: None,
            interest_en: None,
            law: None,
            law_en: None,
            retention: Retention::default(),
            subjects: None,
            subjects_en: None,
            minors: false,
            profiling: None,
            categories: Vec::new(),
            no_recipients: false,
            legacy_recipients: Vec::new(),
            legacy_transfers: Vec::new(),
        }
    }
}

impl Default for Retention {
    /// Nothing declared: neither a period nor an event.
    fn default() -> Self {
        Retention {
            period: None,
            start: RetentionStart::LastChange,
            note: None,
            note_en: None,
        }
    }
}

impl Retention {
    /// A period counted from the record's last change, the default start.
    pub fn of(period: RetentionPeriod) -> Self {
        Retention {
            period: Some(period),
            ..Retention::default()
        }
    }
}

impl Field {
    /// A field the person gives, with no labels and no special category.
    pub fn new(name: &str, field_type: FieldType, purposes: &[&str]) -> Self {
        Field {
            name: name.to_owned(),
            field_type,
            label: None,
            label_en: None,
            purposes: purposes.iter().map(|p| (*p).to_owned()).collect(),
            required: false,
            source: DataSource::Subject,
            source_note: None,
            source_note_en: None,
            special: None,
            art9: None,
        }
    }
}
