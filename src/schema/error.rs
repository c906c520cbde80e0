//! Why a schema change was refused. Messages name purposes, fields, flags and rules; they
//! never hold a value a user typed for a person or the business.

use crate::exit::{self, HasExitCode};

use super::bsn::BsnNaming;
use super::model::{FieldType, LegalBasis, RetentionStart, SpecialCategory};
use super::retention::RetentionError;
use super::value::ValueError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the vault database failed: {source}")]
    Database {
        #[from]
        source: rusqlite::Error,
    },

    #[error("stored {what} is not readable; the vault may be damaged")]
    Corrupt { what: String },

    /// Erasing a field's values changed other rows than it held (a trigger, or a change
    /// nobody foresaw): nothing is saved, so nothing is reported erased that is not.
    #[error(
        "erasing {what} changed {changed} row(s) where {expected} were expected; nothing was erased"
    )]
    ErasureMismatch {
        what: String,
        expected: u64,
        changed: u64,
    },

    /// A declared cookie was refused (`kluis cookie`).
    #[error(transparent)]
    Cookie(#[from] super::cookie::CookieError),

    #[error("{kind} name `{name}` is not allowed: {rule}")]
    InvalidName {
        kind: &'static str,
        name: String,
        rule: &'static str,
    },

    #[error("there is no controller profile yet, so {missing} must be given")]
    ProfileIncomplete { missing: String },

    #[error("{flag} cannot be empty")]
    ProfileEmpty { flag: &'static str },

    #[error("{flag} {source}")]
    ProfileValue {
        flag: &'static str,
        #[source]
        source: ValueError,
    },

    #[error("{flag} {rule}")]
    ProfileRule {
        flag: &'static str,
        rule: &'static str,
    },

    #[error("purpose `{purpose}` already exists")]
    PurposeExists { purpose: String },

    #[error("there is no purpose `{purpose}`")]
    PurposeNotFound { purpose: String },

    #[error("purpose `{purpose}` needs a description")]
    DescriptionMissing { purpose: String },

    #[error("purpose `{purpose}` has basis legitimate-interests, so it needs --interest")]
    InterestMissing { purpose: String },

    #[error("purpose `{purpose}` has basis {basis}: {flag} is only for legitimate-interests")]
    InterestNotApplicable {
        purpose: String,
        basis: LegalBasis,
        flag: &'static str,
    },

    #[error("purpose `{purpose}` has basis legal-obligation, so it needs --law")]
    LawMissing { purpose: String },

    #[error("purpose `{purpose}` cannot move there: {rule}")]
    MoveTarget { purpose: String, rule: String },

    #[error("purpose `{purpose}`: {source}")]
    Retention {
        purpose: String,
        #[source]
        source: RetentionError,
    },

    #[error(
        "purpose `{purpose}`: the retention cannot end at {} alone on the basis {}",
        start.as_str(),
        basis.as_str()
    )]
    RetentionEvent {
        purpose: String,
        start: RetentionStart,
        basis: LegalBasis,
    },

    #[error(
        "category {}: --category-en has no --category text to translate",
        row + 1
    )]
    CategoryWithoutText { row: usize },

    #[error("purpose `{purpose}`: {flag} cannot be empty")]
    EmptyText { purpose: String, flag: &'static str },

    #[error(
        "purpose `{purpose}` has not answered --profiling yet, so it takes no profiling logic or effect"
    )]
    ProfilingTextWithoutAnswer { purpose: String },

    #[error(
        "purpose `{purpose}` cannot declare --no-recipients: recipients {} receive its data",
        recipients.join(", ")
    )]
    RecipientsAttached {
        purpose: String,
        recipients: Vec<String>,
    },

    #[error("purpose `{purpose}` is still used by fields {}", fields.join(", "))]
    PurposeInUse {
        purpose: String,
        fields: Vec<String>,
    },

    #[error("field `{field}` already exists")]
    FieldExists { field: String },

    #[error("there is no field `{field}`")]
    FieldNotFound { field: String },

    #[error("field `{field}` needs at least one purpose")]
    NoPurpose { field: String },

    #[error("field `{field}` names purpose `{purpose}`, which does not exist")]
    UnknownPurpose { field: String, purpose: String },

    #[error(
        "field `{field}` holds special-category data ({special}), so it needs an Art. 9(2) exception"
    )]
    Art9Missing {
        field: String,
        special: SpecialCategory,
    },

    #[error("field `{field}` has an Art. 9(2) exception but no special category")]
    Art9WithoutSpecial { field: String },

    #[error("field `{field}`: unknown Art. 9(2) exception")]
    UnknownArt9 { field: String },

    #[error(
        "field `{field}` holds citizen service numbers (BSN), but purpose `{purpose}` has basis {basis}{}",
        if *has_law { "" } else { " and no --law" }
    )]
    BsnNotLawful {
        field: String,
        purpose: String,
        basis: LegalBasis,
        has_law: bool,
    },

    #[error(
        "field `{field}` is named as a citizen service number (BSN) by its {naming}, but its type is {field_type}, not bsn"
    )]
    BsnNotTyped {
        field: String,
        naming: BsnNaming,
        field_type: FieldType,
    },
    #[error(
        "field `{field}` rests on consent (its purposes, or explicit consent for special data), so it cannot be --required"
    )]
    RequiredOnConsent { field: String },

    #[error("removing field `{field}` erases its {values} stored value(s); add --yes to confirm")]
    RemoveNeedsYes { field: String, values: u64 },

    #[error("nothing to change for field `{field}`")]
    NothingToEdit { field: String },

    #[error("the type of field `{field}` cannot change from {from} to {to}")]
    TypeNotEditable {
        field: String,
        from: FieldType,
        to: FieldType,
    },

    #[error("field `{field}`: --no-special cannot go with --special or --art9")]
    SpecialConflict { field: String },

    #[error("field `{field}`: purpose `{purpose}` is both added and removed")]
    PurposeAddedAndRemoved { field: String, purpose: String },

    #[error("field `{field}` does not serve purpose `{purpose}`, so it cannot be removed from it")]
    NotAPurposeOfField { field: String, purpose: String },

    #[error(transparent)]
    Recipient(#[from] super::recipient::RecipientError),

    /// Schema text with a control character (the one rule of [`crate::text::check_plain`]).
    #[error(transparent)]
    Control(#[from] crate::text::ControlCharacter),

    #[error("a starter is for a new vault, and this one already declares {purposes} purpose(s)")]
    StarterNotEmpty { purposes: usize },
}

impl HasExitCode for Error {
    fn exit_code(&self) -> u8 {
        match self {
            Error::Corrupt { .. } | Error::ErasureMismatch { .. } => exit::DAMAGED,
            Error::Cookie(error) => error.exit_code(),
            Error::Recipient(error) => error.exit_code(),
            Error::ProfileIncomplete { .. }
            | Error::ProfileEmpty { .. }
            | Error::ProfileValue { .. }
            | Error::ProfileRule { .. }
            | Error::RemoveNeedsYes { .. }
            | Error::NothingToEdit { .. }
            | Error::TypeNotEditable { .. }
            | Error::SpecialConflict { .. }
            | Error::PurposeAddedAndRemoved { .. }
            | Error::CategoryWithoutText { .. }
            | Error::Control(_) => exit::USAGE,
            _ => exit::ERROR,
        }
    }
}
