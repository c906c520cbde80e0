//! Why a schema change was refused. Messages name purposes, fields, flags and rules; they
//! never hold a value a user typed for a person or the business.

use crate::error::{Diagnostic, exit};

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

    #[error("a starter is for a new vault, and this one already declares {purposes} purpose(s)")]
    StarterNotEmpty { purposes: usize },
}

impl Diagnostic for Error {
    fn exit_code(&self) -> u8 {
        match self {
            Error::Corrupt { .. } => exit::DAMAGED,
            Error::Cookie(error) => error.exit_code(),
            Error::Recipient(error) => error.exit_code(),
            Error::ProfileIncomplete { .. }
            | Error::RemoveNeedsYes { .. }
            | Error::NothingToEdit { .. }
            | Error::TypeNotEditable { .. }
            | Error::SpecialConflict { .. }
            | Error::PurposeAddedAndRemoved { .. } => exit::USAGE,
            _ => exit::ERROR,
        }
    }

    fn hint(&self) -> Option<String> {
        let hint = match self {
            Error::Database { .. } | Error::Corrupt { .. } | Error::StarterNotEmpty { .. } => {
                return None;
            }
            Error::Cookie(error) => return error.hint(),
            Error::Recipient(error) => return error.hint(),
            Error::InvalidName { .. } => {
                "use lowercase letters, digits, '-' and '_', starting with a letter".to_owned()
            }
            Error::ProfileIncomplete { .. } => {
                "kluis profile set --name \"Bakkerij Jansen\" --email privacy@jansen.nl --address \"Dorpsstraat 1, 1234 AB Ergens\"".to_owned()
            }
            Error::ProfileEmpty { .. } => "only optional details can be cleared with \"\"".to_owned(),
            Error::ProfileValue { source, .. } => source.hint().to_owned(),
            Error::ProfileRule { .. } => return None,
            Error::PurposeExists { .. } => {
                "change it with `kluis purpose edit`, or choose another name".to_owned()
            }
            Error::PurposeNotFound { .. } => "see `kluis purpose list`".to_owned(),
            Error::DescriptionMissing { .. } => {
                "say what the data is used for: --description \"Orders leveren en factureren\"".to_owned()
            }
            Error::InterestMissing { .. } => {
                "name the interest you weigh against the person's: --interest \"Fraude voorkomen\"".to_owned()
            }
            Error::InterestNotApplicable { flag, .. } => format!("leave out {flag}"),
            Error::Retention { .. } => "give a period and its start: --retention 2y --retention-from last-change|created|end-of-contract|consent-withdrawn, or the event alone (--retention-from end-of-contract for a contract, consent-withdrawn for consent); --retention-note only explains it".to_owned(),
            Error::RetentionEvent { start, .. } => format!(
                "count a period from it: --retention 2y --retention-from {}",
                start.as_str()
            ),
            Error::MoveTarget { .. } => {
                "see the order with `kluis purpose list`; --to counts from 1".to_owned()
            }
            Error::LawMissing { purpose } => format!(
                "name the law that obliges you, e.g. --law \"Algemene wet inzake rijksbelastingen, art. 52\" (for purpose `{purpose}`)"
            ),
            Error::RequiredOnConsent { .. } => "consent is free: a person may always say no; leave out --required \
                 (`field edit` takes --optional), or let the field serve a purpose on another basis"
                .to_owned(),
            Error::EmptyText { .. } => "leave the flag out instead".to_owned(),
            Error::ProfilingTextWithoutAnswer { purpose } => format!(
                "answer first: kluis purpose edit {purpose} --profiling none|profiling|automated-decision"
            ),
            Error::RecipientsAttached { purpose, recipients } => format!(
                "take the purpose off them first: {}",
                recipients
                    .iter()
                    .map(|r| format!("kluis recipient remove \"{r}\" --purpose {purpose}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Error::PurposeInUse { purpose, .. } => format!(
                "remove those fields, or take `{purpose}` off them first"
            ),
            Error::FieldExists { .. } => "choose another name, or remove the field first".to_owned(),
            Error::FieldNotFound { .. } => "see `kluis field list`".to_owned(),
            Error::NoPurpose { .. } => {
                "data minimisation: say why you keep it, e.g. --purpose customer-admin".to_owned()
            }
            Error::UnknownPurpose { purpose, .. } => format!(
                "add it first: kluis purpose add {purpose} --basis … --description … --retention …"
            ),
            Error::Art9Missing { .. } | Error::UnknownArt9 { .. } => format!(
                "give --art9 with one of: {}",
                super::Art9Exception::NAMES.join(", ")
            ),
            Error::Art9WithoutSpecial { .. } => {
                "give --special with the category, or leave out --art9".to_owned()
            }
            Error::BsnNotLawful { .. } => "a BSN may only be processed where a law requires it (UAVG art. 46): \
                 every purpose of the field needs --basis legal-obligation and --law, e.g. \
                 kluis purpose add payroll --basis legal-obligation --law \"Wet LB 1964 art. 28\" …; \
                 consent does not make it lawful"
                .to_owned(),
            Error::BsnNotTyped { field, naming, .. } => {
                let label = match naming {
                    BsnNaming::Name => String::new(),
                    _ => format!("; if it holds none, leave BSN out of its {naming}"),
                };
                format!(
                    "give it --type bsn, so its values pass the elfproef: kluis field add {field} \
                     --type bsn --purpose … (every purpose a legal obligation with --law). An \
                     existing field's type cannot change: add a new one, fill it with `kluis \
                     edit`, then remove the old one{label}"
                )
            }
            Error::RemoveNeedsYes { .. } => {
                "export what you must keep first; the values cannot be recovered".to_owned()
            }
            Error::NothingToEdit { .. } => "give at least one of --label, --label-en, --required, \
                 --optional, --source, --source-note, --add-purpose, --remove-purpose, --special, \
                 --art9, --no-special"
                .to_owned(),
            Error::TypeNotEditable { field, to, .. } => format!(
                "its stored values were checked and normalised for the old type; add a new field \
                 (kluis field add {field}-new --type {to} --purpose …), fill it with `kluis edit`, \
                 then `kluis field remove {field} --yes`"
            ),
            Error::SpecialConflict { .. } => {
                "give either --special CATEGORY --art9 EXCEPTION, or --no-special".to_owned()
            }
            Error::PurposeAddedAndRemoved { .. } => {
                "give the purpose to either --add-purpose or --remove-purpose".to_owned()
            }
            Error::NotAPurposeOfField { field, .. } => {
                format!("see its purposes with `kluis field show {field}`")
            }
        };
        Some(hint)
    }
}
