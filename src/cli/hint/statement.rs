//! How to fix a statement error on the command line, and the command that fills in each
//! missing item of an incomplete statement.

use crate::statement::english::{FreeText, Gap, Owner};
use crate::statement::snippet::SnippetError;
use crate::statement::texts::ART9_EXCEPTIONS;
use crate::statement::{Error, Incomplete, Lang, Missing};

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

/// The refusal of an incomplete statement, each item with the command that fills it in.
pub fn incomplete(incomplete: &Incomplete) -> String {
    let items: Vec<String> = incomplete.missing.iter().map(item).collect();
    format!(
        "the schema cannot support a complete privacy statement yet; fill in:\n{}",
        items.join("\n")
    )
}

/// One missing item as the error and the draft warning list it.
pub fn item(missing: &Missing) -> String {
    format!("  - {}\n      {}", missing.message(), command(missing))
}

/// How to fill in the controller profile; shared by every profile item.
const PROFILE_SET: &str = "kluis profile set --name \"Bakkerij Jansen\" --email privacy@example.nl --address \"Dorpsstraat 1, 1234 AB Ergens\"";

/// The command that fills in a missing item.
pub fn command(missing: &Missing) -> String {
    match missing {
        Missing::Profile | Missing::ProfileItem { .. } => PROFILE_SET.to_string(),
        Missing::Purposes => "kluis purpose add customer-admin --basis contract --description \"Bestellingen leveren en factureren\" --retention 2y".to_string(),
        Missing::Description { purpose } => {
            format!("kluis purpose edit {purpose} --description \"WHAT YOU DO WITH THE DATA\"")
        }
        Missing::Retention { purpose }
        | Missing::RetentionNoteOnly { purpose }
        | Missing::RetentionEvent { purpose } => format!(
            "kluis purpose edit {purpose} --retention 2y --retention-from last-change   (or the event alone: --retention-from end-of-contract for a contract, consent-withdrawn for consent)"
        ),
        Missing::Interest { purpose } => {
            format!("kluis purpose edit {purpose} --interest \"YOUR INTEREST IN WORDS\"")
        }
        Missing::RecipientsUndeclared { purpose } => format!(
            "kluis recipient add NAME --purpose {purpose} --role processor --country NL   (or: kluis purpose edit {purpose} --no-recipients)"
        ),
        Missing::LegacyRecipient { purpose, .. } => format!(
            "kluis recipient add NAME --purpose {purpose} --role processor|controller|authority --country CC [--safeguard adequacy|dpf|scc|bcr|derogation]   (then: kluis purpose edit {purpose} --drop-legacy-recipients)"
        ),
        Missing::RecipientSafeguard { recipient } => format!(
            "kluis recipient remove \"{recipient}\", then add it again with --safeguard adequacy|dpf|scc|bcr|derogation"
        ),
        Missing::RecipientEnglish { recipient, flag } => format!(
            "kluis recipient add \"{recipient}\" --purpose PURPOSE --role ROLE --country CC --safeguard SAFEGUARD {flag} \"ENGLISH TEXT\"   (role, country and safeguard as `kluis recipient list` shows them)"
        ),
        Missing::TransferSafeguard { purpose, .. } => format!(
            "kluis recipient add NAME --purpose {purpose} --role processor --country CC --safeguard adequacy|dpf|scc|bcr|derogation   (then: kluis purpose edit {purpose} --drop-legacy-recipients)"
        ),
        Missing::FieldPurpose { field } => field_edit(field, "--add-purpose PURPOSE"),
        Missing::Art9 { field } | Missing::Art9Unknown { field, .. } => art9(field),
        Missing::Law { purpose } => format!(
            "kluis purpose edit {purpose} --law \"THE LAW THAT OBLIGES YOU\" --law-en \"THE LAW IN ENGLISH\""
        ),
        Missing::BsnLaw { purpose, .. } => {
            format!("kluis purpose edit {purpose} --law \"THE LAW THAT REQUIRES THE BSN\"")
        }
        Missing::BsnConsent { field, purpose } => field_edit(
            field,
            &format!(
                "--remove-purpose {purpose} --add-purpose PURPOSE   (a legal-obligation purpose with --law)"
            ),
        ),
        Missing::SourceNote { field } => field_edit(field, "--source-note \"WHERE IT COMES FROM\""),
        Missing::SubjectsEnglish { purpose } => {
            format!("kluis purpose edit {purpose} --subjects-en \"WHO THE PEOPLE ARE\"")
        }
        Missing::CategoryEnglish {
            purpose,
            categories,
        } => category_english(purpose, categories),
        Missing::CookieEnglish { cookie, flag } => {
            format!("kluis cookie edit {cookie} {flag} \"THE TEXT IN ENGLISH\"")
        }
        Missing::CookieSafeguard { cookie, country } => {
            super::schema::safeguard_command(cookie, Some(country))
        }
        Missing::CookieConsent { cookie } => format!(
            "kluis cookie edit {cookie} --consent-asked   (only once the website asks before it places the cookie, as the Telecommunicatiewet requires; or remove the cookie from the website and run kluis cookie remove {cookie})"
        ),
        Missing::Profiling { purpose } => format!(
            "kluis purpose edit {purpose} --profiling none   (or --profiling profiling / automated-decision with --profiling-logic and --profiling-effect)"
        ),
        Missing::ProfilingLogic { purpose } => format!(
            "kluis purpose edit {purpose} --profiling-logic \"HOW THE PROFILE OR DECISION IS MADE\""
        ),
        Missing::ProfilingEffect { purpose } => format!(
            "kluis purpose edit {purpose} --profiling-effect \"WHAT IT MEANS FOR THE PERSON\""
        ),
        Missing::English(gap) => english(gap),
    }
}

/// The command that changes a field in place; `field edit` keeps the field's values.
fn field_edit(field: &str, flags: &str) -> String {
    format!("kluis field edit {field} {flags}")
}

fn art9(field: &str) -> String {
    let names: Vec<&str> = ART9_EXCEPTIONS.iter().map(|(name, ..)| *name).collect();
    field_edit(
        field,
        &format!("--art9 EXCEPTION   (one of: {})", names.join(", ")),
    )
}

/// Restates every category of the purpose, in order, each with its English text.
fn category_english(purpose: &str, categories: &[(String, Option<String>)]) -> String {
    let restated: Vec<String> = categories
        .iter()
        .map(|(text, english)| {
            format!(
                "--category \"{text}\" --category-en \"{}\"",
                english.as_deref().unwrap_or("ENGLISH TEXT")
            )
        })
        .collect();
    format!("kluis purpose edit {purpose} {}", restated.join(" "))
}

/// Adds the English twin with `purpose edit` or `field edit`.
fn english(gap: &Gap) -> String {
    let command = match gap.text.owner() {
        Owner::Purpose => "purpose",
        Owner::Field => "field",
    };
    format!(
        "kluis {command} edit {} {} \"THE ENGLISH TEXT\"",
        gap.of,
        english_flag(gap.text)
    )
}

fn english_flag(text: FreeText) -> &'static str {
    match text {
        FreeText::Description => "--description-en",
        FreeText::Interest => "--interest-en",
        FreeText::Law => "--law-en",
        FreeText::RetentionNote => "--retention-note-en",
        FreeText::ProfilingLogic => "--profiling-logic-en",
        FreeText::ProfilingEffect => "--profiling-effect-en",
        FreeText::Label => "--label-en",
        FreeText::SourceNote => "--source-note-en",
    }
}
