//! How to fix a refused record change on the command line.

use crate::records::Error;

pub fn hint(error: &Error) -> Option<String> {
    match error {
        Error::NotAnAssignment { .. } | Error::BadFieldName { .. } => {
            Some("write each value as field=value, e.g. name=\"Jan de Vries\"".into())
        }
        Error::BadValueLine { .. } | Error::BadJsonFieldName { .. } => Some(
            "write one field=value per line (blank lines and lines starting with # are skipped), or one JSON object such as {\"name\": \"Jan de Vries\"}".into(),
        ),
        Error::BadValueJson { .. } | Error::JsonValueNotText { .. } => Some(
            "give one JSON object of field names to text, e.g. {\"name\": \"Jan de Vries\", \"phone\": null}".into(),
        ),
        Error::UnknownField { .. } => Some(
            "only fields in the schema can be stored (data minimisation); see `kluis field list` or add one with `kluis field add`".into(),
        ),
        Error::MissingRequired { field } => Some(format!("add {field}=... to the command")),
        Error::ClearRequired { .. } => {
            Some("give a new value instead, or delete the record".into())
        }
        Error::InvalidValue { hint, .. } => hint.clone(),
        Error::NoRecord { .. } => Some("see `kluis list` for record ids".into()),
        Error::Control(_) => Some(super::schema::CONTROL.into()),
        Error::UnknownName(_) => Some(
            "give --source one of the words listed, e.g. `--source webform`; the log keeps it after the person is erased, so it is never free text".into(),
        ),
        Error::NoMatch => Some(
            "try the query with `kluis find QUERY` first; every word must be in some value, ignoring case and accents".into(),
        ),
        Error::EmptyQuery => Some(
            "give the text to look for, e.g. `--where @oud-domein.nl` or `--email jan@example.nl`, or `-` to type it".into(),
        ),
        Error::NothingFound => Some(
            "try fewer words or part of a word; every word must be in some value".into(),
        ),
        Error::UnknownPurpose { .. } => Some("see `kluis purpose list`".into()),
        Error::NotConsentPurpose { .. } => Some(
            "consent is recorded for purposes with basis consent, and for purposes of a field with --art9 explicit-consent; see `kluis purpose list`".into(),
        ),
        Error::ExplicitConsentMissing {
            record, purpose, ..
        } => Some(format!(
            "record the person's explicit consent first: kluis consent give {record} {purpose}"
        )),
        Error::ExplicitConsentOnAdd { field, purpose } => Some(format!(
            "add the record without `{field}`, record the consent with `kluis consent give ID {purpose}`, then `kluis edit ID {field}=…`"
        )),
        Error::FieldOutsidePurpose { field, purpose } => Some(format!(
            "purpose limitation: leave `{field}` out, or add the purpose with `kluis field` if {purpose} really needs it"
        )),
        Error::Restricted { .. } => Some(
            "the person asked to restrict the use of their data (Art. 18); see `kluis request list`, and `kluis request lift N` once the reason is gone".into(),
        ),
        Error::ErasureMismatch { .. } => Some(
            "the vault was left unchanged; run `kluis verify`: a database changed outside kluis (e.g. a trigger) can make an erasure touch other rows than it should".into(),
        ),
        _ => None,
    }
}
