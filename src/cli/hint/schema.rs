//! How to fix a refused schema change on the command line.

use crate::schema::cookie::CookieError;
use crate::schema::document::DocumentError;
use crate::schema::model::Safeguard;
use crate::schema::recipient::RecipientError;
use crate::schema::transfer::{self, Broken};
use crate::schema::{Art9Exception, BsnNaming, Error};

/// A refused schema document: the item's own hint, as `purpose add` or `field add` gives it.
pub fn document(error: &DocumentError) -> Option<String> {
    match error {
        DocumentError::Parse { .. } => Some(
            "see docs/SCHEMA.md for the format, or start from `kluis schema export`".into(),
        ),
        DocumentError::Item { source, .. } | DocumentError::Vault(source) => hint(source),
        DocumentError::BasisChanged { .. } => Some(
            "data collected on one basis does not move to another: declare a new purpose with its own name".into(),
        ),
    }
}

/// How to fix text with a control character, wherever it was refused.
pub const CONTROL: &str =
    "write the text on one line, without tabs, line breaks or escape sequences";

pub fn hint(error: &Error) -> Option<String> {
    let hint = match error {
        Error::Database { .. } | Error::Corrupt { .. } | Error::StarterNotEmpty { .. } => {
            return None;
        }
        Error::ErasureMismatch { .. } => {
            "the vault was left unchanged; run `kluis verify`: a database changed outside kluis (e.g. a trigger) can make an erasure touch other rows than it should".into()
        }
        Error::Cookie(error) => return cookie(error),
        Error::Recipient(error) => return Some(recipient(error)),
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
        Error::Control(_) => CONTROL.to_owned(),
        Error::CategoryWithoutText { .. } => {
            "give each --category-en after the --category it translates".to_owned()
        }
        Error::ProfilingTextWithoutAnswer { purpose } => format!(
            "answer first: kluis purpose edit {purpose} --profiling none|profiling|automated-decision"
        ),
        Error::RecipientsAttached {
            purpose,
            recipients,
        } => recipients_attached(purpose, recipients),
        Error::PurposeInUse { purpose, .. } => {
            format!("remove those fields, or take `{purpose}` off them first")
        }
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
            Art9Exception::NAMES.join(", ")
        ),
        Error::Art9WithoutSpecial { .. } => {
            "give --special with the category, or leave out --art9".to_owned()
        }
        Error::BsnNotLawful { .. } => "a BSN may only be processed where a law requires it (UAVG art. 46): \
             every purpose of the field needs --basis legal-obligation and --law, e.g. \
             kluis purpose add payroll --basis legal-obligation --law \"Wet LB 1964 art. 28\" …; \
             consent does not make it lawful"
            .to_owned(),
        Error::BsnNotTyped { field, naming, .. } => bsn_not_typed(field, *naming),
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

fn recipients_attached(purpose: &str, recipients: &[String]) -> String {
    format!(
        "take the purpose off them first: {}",
        recipients
            .iter()
            .map(|r| format!("kluis recipient remove \"{r}\" --purpose {purpose}"))
            .collect::<Vec<_>>()
            .join("; ")
    )
}

fn bsn_not_typed(field: &str, naming: BsnNaming) -> String {
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

pub fn cookie(error: &CookieError) -> Option<String> {
    let hint = match error {
        CookieError::Database { .. } | CookieError::Corrupt { .. } => return None,
        CookieError::InvalidName { .. } => {
            "write the name as the browser shows it, e.g. _ga or PHPSESSID".to_owned()
        }
        CookieError::Exists { cookie } => {
            format!("change it with `kluis cookie edit {cookie}`, or remove it first")
        }
        CookieError::NotFound { .. } => "see `kluis cookie list`".to_owned(),
        CookieError::EmptyText { .. } => "leave the flag out instead".to_owned(),
        CookieError::Control(_) => CONTROL.to_owned(),
        CookieError::Retention { .. } => {
            "give --retention session, or a period such as 13m, 1y or 30d".to_owned()
        }
        CookieError::UnknownCountry { suggestion, .. } => match suggestion {
            Some(code) => format!("did you mean --country {code}?"),
            None => "give the two-letter code, e.g. --country NL, --country US".to_owned(),
        },
        CookieError::NothingToEdit { .. } => "give at least one of --provider, --kind, \
             --retention, --purpose-text, --purpose-text-en, --country, --consent-asked, \
             --no-consent-asked, --safeguard, --no-safeguard, --safeguard-copy, \
             --safeguard-copy-en"
            .to_owned(),
        CookieError::EnglishWithoutDutch { flag, .. } => {
            format!("give {} as well", flag.trim_end_matches("-en"))
        }
        CookieError::SafeguardWithoutCountry { .. } => {
            "give --country, the provider's country, or leave out --safeguard".to_owned()
        }
        CookieError::Transfer {
            cookie,
            broken,
            country,
        } => cookie_transfer(cookie, *broken, country),
        CookieError::SafeguardOfFormerTransfer { cookie } => format!(
            "{}; or --no-safeguard when the new country is inside the EEA",
            safeguard_command(cookie, None)
        ),
        CookieError::DerogationForCookie { .. } => "a provider outside the EEA needs adequacy, \
             dpf (a certified US company) or scc or bcr with --safeguard-copy; without one, \
             use a provider inside the EEA"
            .to_owned(),
    };
    Some(hint)
}

fn cookie_transfer(cookie: &str, broken: Broken, country: &str) -> String {
    match broken {
        Broken::SafeguardInsideEea(_) => format!(
            "leave out --safeguard; a safeguard already stored goes with `kluis cookie edit {cookie} --no-safeguard`"
        ),
        Broken::SafeguardMissing | Broken::NoAdequacy | Broken::DpfOutsideUs => {
            safeguard_command(cookie, Some(country))
        }
        Broken::CopyMissing(_) => format!(
            "kluis cookie edit {cookie} --safeguard-copy \"HOW TO GET A COPY\" --safeguard-copy-en \"THE SAME IN ENGLISH\""
        ),
        Broken::CopyNotApplicable => format!(
            "leave them out; copies already stored go with `kluis cookie edit {cookie} --safeguard-copy \"\" --safeguard-copy-en \"\"`"
        ),
    }
}

/// The commands that declare a safeguard that can hold for a transfer to `country`
/// ([`transfer::fitting`]); every one when the country is not known here.
pub fn safeguard_command(cookie: &str, country: Option<&str>) -> String {
    let fitting = match country {
        Some(code) => transfer::fitting(code),
        None => vec![
            Safeguard::Adequacy,
            Safeguard::Dpf,
            Safeguard::Scc,
            Safeguard::Bcr,
        ],
    };
    let choices: Vec<String> = fitting
        .iter()
        .map(|safeguard| match safeguard {
            Safeguard::Adequacy => format!(
                "`kluis cookie edit {cookie} --safeguard adequacy` (the Commission's adequacy decision for the country)"
            ),
            Safeguard::Dpf => format!(
                "`kluis cookie edit {cookie} --safeguard dpf` (only if the provider is on the Data Privacy Framework list)"
            ),
            other => format!(
                "`kluis cookie edit {cookie} --safeguard {other} --safeguard-copy \"HOW TO GET A COPY\" --safeguard-copy-en \"THE SAME IN ENGLISH\"`"
            ),
        })
        .collect();
    format!(
        "declare the safeguard that holds: {}",
        choices.join(", or ")
    )
}

pub fn recipient(error: &RecipientError) -> String {
    use RecipientError as E;
    match error {
        E::NameEmpty | E::NameInvalid { .. } => {
            "name who receives it as people know them, e.g. \"Boekhouder Jansen\"".to_owned()
        }
        E::NoPurpose { recipient } => format!(
            "say for which purpose it receives data: kluis recipient add \"{recipient}\" --purpose PURPOSE …"
        ),
        E::UnknownCountry {
            suggestion: Some(code),
            ..
        } => format!("did you mean --country {code}?"),
        E::UnknownCountry { .. } => {
            "give the two-letter ISO code, e.g. --country NL, DE, US or GB".to_owned()
        }
        E::SafeguardInsideEea { .. } => "leave out --safeguard".to_owned(),
        E::SafeguardMissing { .. } => format!(
            "give --safeguard {}: adequacy (a Commission decision for the country), dpf (a US \
             company on the Data Privacy Framework list), scc or bcr (with --safeguard-copy), \
             or derogation (with --note)",
            Safeguard::NAMES.join("|")
        ),
        E::NoAdequacy { .. } => "use --safeguard scc or bcr with --safeguard-copy, dpf for a \
             certified US company, or derogation with --note"
            .to_owned(),
        E::DpfOutsideUs { .. } => {
            "for another country use adequacy, scc, bcr or derogation".to_owned()
        }
        E::SafeguardCopyMissing { .. } => {
            "e.g. --safeguard-copy \"Vraag een kopie aan via privacy@example.nl\" and --safeguard-copy-en \"Ask for a copy at privacy@example.nl\"".to_owned()
        }
        E::SafeguardCopyNotApplicable { flag, .. } => format!("leave out {flag}"),
        E::DerogationNoteMissing { .. } => {
            "e.g. --note \"Nodig om uw boeking bij het hotel in het buitenland uit te voeren (art. 49 lid 1 sub b)\"".to_owned()
        }
        E::NoteInsideEea { .. } => "leave out --note and --note-en".to_owned(),
        E::EnglishWithoutDutch { flag, .. } => {
            format!("give {} as well", flag.trim_end_matches("-en"))
        }
        E::EmptyText { .. } => "leave the flag out instead".to_owned(),
        E::Control(_) => CONTROL.to_owned(),
        E::Differs { recipient, .. } => format!(
            "to change it, `kluis recipient remove \"{recipient}\"` and add it again with all its purposes"
        ),
        E::NotFound { .. } => "see `kluis recipient list`".to_owned(),
        E::NotAPurpose { recipient, .. } => {
            format!("see its purposes with `kluis recipient list`; `{recipient}` is listed there")
        }
    }
}
