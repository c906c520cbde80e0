//! How to fix a refused request command on the command line.

use crate::requests::Error;

pub fn hint(error: &Error) -> Option<String> {
    Some(match error {
        Error::NoRequest { .. } => "see `kluis request list` for request numbers".into(),
        Error::Finished { .. } => "see `kluis request list`; add a new request with `kluis request add`".into(),
        Error::ReceivedInFuture { .. } => {
            "give the date the request arrived with --received YYYY-MM-DD, or leave it out for today".into()
        }
        Error::BadDate { .. } => "write dates as YYYY-MM-DD, e.g. 2026-03-02".into(),
        Error::DateBeforeReceived { .. } => "give a date on or after the received date".into(),
        Error::AlreadyExtended { .. } => {
            "Art. 12(3) allows one extension of at most two months; answer the request with `kluis request answer N`".into()
        }
        Error::ExtensionLength { .. } => "pass --months 1 or --months 2".into(),
        Error::NoMatch => "look the person up with `kluis find TEXT` and pass --subject ID".into(),
        Error::SeveralMatch { .. } => {
            "several people match: look them up with `kluis find TEXT` and pass --subject ID".into()
        }
        Error::ValueInText { .. } => {
            "the register keeps no personal data: describe the request without the person's details".into()
        }
        Error::EmptyText { .. } => "say in a few words why, e.g. --reason \"identity not proven\"".into(),
        Error::NotObjectable { .. } => {
            "an objection applies to legitimate-interest and public-task purposes, and to purposes marked with `kluis purpose edit P --direct-marketing`; see `kluis purpose list`".into()
        }
        Error::NothingToObject { .. } => {
            "no purpose rests on legitimate interests or a public task; name a direct-marketing purpose with --purpose P".into()
        }
        Error::NothingToWithdraw { .. } => {
            "the person has no current consent; see `kluis show ID`".into()
        }
        Error::PurposesNotTaken { .. } => "leave --purpose out".into(),
        Error::EditsNotTaken { .. } => "leave --set out".into(),
        Error::EditsMissing { id } => {
            format!("give the corrected values: kluis request answer {id} --set field=value")
        }
        Error::NotRestriction { .. } | Error::NotYetRestricted { .. } | Error::NotRestricted { .. } => {
            "see `kluis request list`: only an answered restriction request is lifted".into()
        }
        Error::NoController => {
            "fill in the business's details first: kluis profile set --name … --email … --address …".into()
        }
        Error::Statement(error) => return super::statement::hint(error),
        Error::Records(error) => return super::records::hint(error),
        Error::Schema(error) => return super::schema::hint(error),
        Error::Database { .. } => return None,
    })
}
