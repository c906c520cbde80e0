//! Record ids as the commands read them: digits only, as `kluis find` and `kluis list` print
//! them. What was typed in an id's place is never repeated in the error: it is often the
//! person's name, e-mail address or phone number, and errors name the argument, not a value.

use std::ffi::OsStr;

use clap::builder::TypedValueParser;
use clap::error::ErrorKind;

use crate::records::RecordId;

/// What to do instead, for any argument that was not an id.
pub const HINT: &str = "`kluis find TEXT` shows the id of each matching record";

/// Whether `text` is written as a record id: digits only.
pub fn is_record_id(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The id `text` names, or `None` when it is not written as one or is too large for any.
pub fn parse(text: &str) -> Option<RecordId> {
    is_record_id(text).then(|| text.parse().ok()).flatten()
}

/// clap's parser for an argument that takes one record id. clap's own error for a failed
/// parse quotes the value; this one says which argument, and how to find an id.
#[derive(Debug, Clone, Copy)]
pub struct RecordIdParser;

impl TypedValueParser for RecordIdParser {
    type Value = RecordId;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<RecordId, clap::Error> {
        value.to_str().and_then(parse).ok_or_else(|| {
            let name = arg.map_or_else(|| "ID".to_owned(), |arg| arg.to_string());
            cmd.clone().error(
                ErrorKind::ValueValidation,
                format!(
                    "{name} takes a record id, digits such as 12; what was typed is not \
                     repeated here, as it may be personal data\n\nhint: {HINT}"
                ),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Debug, Parser)]
    struct Show {
        #[arg(value_parser = RecordIdParser)]
        id: RecordId,
    }

    #[test]
    fn an_id_is_digits_only() {
        assert_eq!(parse("12"), Some(12));
        assert_eq!(parse("007"), Some(7));
        for text in [
            "",
            "-1",
            "+1",
            " 1",
            "1.0",
            "jan@example.com",
            "99999999999999999999",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    /// Regression: `kluis show jan@example.com` printed "invalid value 'jan@example.com'".
    #[test]
    fn clap_echoes_an_invalid_id_no_more() {
        assert_eq!(Show::try_parse_from(["show", "12"]).unwrap().id, 12);
        let error = Show::try_parse_from(["show", "jan@example.com"]).unwrap_err();
        let text = error.to_string();
        assert_eq!(error.kind(), ErrorKind::ValueValidation);
        assert!(!text.contains("jan"), "{text}");
        assert!(text.contains("<ID> takes a record id"), "{text}");
        assert!(text.contains("kluis find TEXT"), "{text}");
    }
}
