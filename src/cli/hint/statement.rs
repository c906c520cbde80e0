//! How to fix a statement error on the command line.

use crate::statement::snippet::SnippetError;
use crate::statement::{Error, Lang};

pub fn hint(error: &Error) -> Option<String> {
    match error {
        Error::Incomplete { .. } => Some(
            "fill in each item with the command shown, or add --draft to render the statement \
             with visible markers where text is missing"
                .to_string(),
        ),
        Error::Schema { source } => super::schema::hint(source),
        Error::Records(source) => super::records::hint(source),
        Error::Snippet(error) => Some(snippet(error)),
        _ => None,
    }
}

/// The command that makes a snippet possible.
pub fn snippet(error: &SnippetError) -> String {
    match error {
        SnippetError::NoStatementUrl => {
            "publish the statement on your website, then: kluis profile set --statement-url https://example.nl/privacy".into()
        }
        SnippetError::PurposeNotFound { .. } => "see `kluis purpose list`".into(),
        SnippetError::LabelMissing { field, lang } => match lang {
            Lang::Nl => format!("kluis field edit {field} --label \"LABEL\""),
            Lang::En => format!("kluis field edit {field} --label-en \"LABEL\""),
        },
        SnippetError::DescriptionMissing { purpose, lang } => match lang {
            Lang::Nl => format!("kluis purpose edit {purpose} --description \"TEXT\""),
            Lang::En => format!("kluis purpose edit {purpose} --description-en \"TEXT\""),
        },
        SnippetError::NothingToAsk { purpose } => format!(
            "add a field the person gives: kluis field add NAME --type text --purpose {purpose} --label \"LABEL\""
        ),
    }
}
