//! What a schema lacks before it supports a complete statement: data naming the purpose,
//! field, recipient or cookie, so each front end can say how to fill it in (`cli::hint` shows
//! the command).
//!
//! Messages name purposes, fields and rules, which are schema text the user typed; they never
//! hold a stored customer value.

use std::fmt;

use serde::Serialize;

use super::Lang;
use super::english::Gap;

/// One thing to fill in before the statement is complete.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Missing {
    /// No controller profile at all.
    Profile,
    /// The profile lacks its name, e-mail or address.
    ProfileItem { item: ProfileItem },
    /// No purposes at all: there is nothing to tell people yet.
    Purposes,
    /// A purpose with an empty description.
    Description { purpose: String },
    /// A purpose with neither a retention period nor an event that ends the keeping.
    Retention { purpose: String },
    /// A retention note alone, from a vault older than the retention start: a note explains a
    /// period or an event, it never replaces them ("zo lang als nodig", "permanent").
    RetentionNoteOnly { purpose: String },
    /// A retention event the purpose's basis does not allow: `end-of-contract` needs the
    /// contract basis, `consent-withdrawn` the consent basis.
    RetentionEvent { purpose: String },
    /// Legitimate interests without the interest in words.
    Interest { purpose: String },
    /// A purpose with neither recipients nor the `--no-recipients` declaration.
    RecipientsUndeclared { purpose: String },
    /// A free-text recipient or transfer of an older vault, to restate as a structured one.
    /// `text` is schema text the user typed, never a customer value.
    LegacyRecipient { purpose: String, text: String },
    /// A transfer whose stored safeguard is not adequate for its country.
    RecipientSafeguard { recipient: String },
    /// The English statement needs a recipient's text in English (`flag`).
    RecipientEnglish { recipient: String, flag: String },
    /// A free-text transfer without `country: safeguard` (the register of older vaults).
    TransferSafeguard { purpose: String, transfer: String },
    /// A field without a purpose, or naming a purpose that does not exist.
    FieldPurpose { field: String },
    /// A special-category field without its Art. 9(2) exception.
    Art9 { field: String },
    /// An Art. 9(2) exception kluis does not know.
    Art9Unknown { field: String, art9: String },
    /// A legal-obligation purpose that does not name the law (vaults from before the rule).
    Law { purpose: String },
    /// A BSN field used for a purpose that names no law.
    BsnLaw { field: String, purpose: String },
    /// A BSN field used for a consent purpose: consent never makes a BSN lawful.
    BsnConsent { field: String, purpose: String },
    /// Data from a third party without saying from whom.
    SourceNote { field: String },
    /// Subjects declared in Dutch only, for the English statement.
    SubjectsEnglish { purpose: String },
    /// A category kept outside the vault without its English text. Holds every category of
    /// the purpose (text, English text), because the fix restates them all in order.
    CategoryEnglish {
        purpose: String,
        categories: Vec<(String, Option<String>)>,
    },
    /// An analytics or marketing cookie for which the user has not declared that the website
    /// asks consent before placing it: the statement would promise that it does.
    CookieConsent { cookie: String },
    /// A cookie whose provider is outside the EEA (`country`) without a safeguard for that
    /// transfer.
    CookieSafeguard { cookie: String, country: String },
    /// A cookie text the English statement needs in English: `flag` gives it.
    CookieEnglish { cookie: String, flag: String },
    /// A purpose that has not declared whether it profiles people or decides automatically.
    Profiling { purpose: String },
    /// A purpose that profiles or decides automatically without describing the logic.
    ProfilingLogic { purpose: String },
    /// An automated decision without its meaning for the person.
    ProfilingEffect { purpose: String },
    /// A free text of a purpose or field the English statement needs without its English twin.
    English(Gap),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProfileItem {
    Name,
    Email,
    Address,
}

impl ProfileItem {
    fn en(self) -> &'static str {
        match self {
            ProfileItem::Name => "name",
            ProfileItem::Email => "e-mail address",
            ProfileItem::Address => "address",
        }
    }
}

impl Missing {
    /// What is missing, in English, for the error list.
    pub fn message(&self) -> String {
        match self {
            Missing::Profile => {
                "the controller profile (name, e-mail and address) is not set".into()
            }
            Missing::ProfileItem { item } => format!("the controller's {} is empty", item.en()),
            Missing::Purposes => "the schema has no purposes yet".into(),
            Missing::Description { purpose } => {
                format!("purpose {purpose} has no description")
            }
            Missing::Retention { purpose } => {
                format!("purpose {purpose} has no retention period and no event that ends it")
            }
            Missing::RetentionNoteOnly { purpose } => format!(
                "purpose {purpose} explains its retention in a note but declares no period and no event"
            ),
            Missing::RetentionEvent { purpose } => {
                format!("purpose {purpose} keeps data until an event its legal basis does not have")
            }
            Missing::Interest { purpose } => format!(
                "purpose {purpose} uses legitimate interests but does not name the interest"
            ),
            Missing::RecipientsUndeclared { purpose } => format!(
                "purpose {purpose} does not say who outside the business receives its data, or that nobody does"
            ),
            Missing::LegacyRecipient { purpose, text } => format!(
                "purpose {purpose} has the old free-text recipient or transfer \"{text}\"; restate it as a recipient with a role and a country"
            ),
            Missing::RecipientSafeguard { recipient } => {
                format!("recipient {recipient} is outside the EEA without an adequate safeguard")
            }
            Missing::RecipientEnglish { recipient, flag } => format!(
                "recipient {recipient} has no English text for the English statement ({flag})"
            ),
            Missing::TransferSafeguard { purpose, transfer } => format!(
                "purpose {purpose} has the transfer \"{transfer}\" without a country and safeguard (write \"COUNTRY: SAFEGUARD\")"
            ),
            Missing::FieldPurpose { field } => {
                format!("field {field} has no purpose that exists in the schema")
            }
            Missing::Art9 { field } => {
                format!("field {field} holds special-category data without its Art. 9(2) exception")
            }
            Missing::Art9Unknown { field, art9 } => format!(
                "field {field} names the Art. 9(2) exception \"{art9}\", which kluis does not know"
            ),
            Missing::Law { purpose } => {
                format!("purpose {purpose} has basis legal-obligation but does not name the law")
            }
            Missing::BsnLaw { field, purpose } => format!(
                "BSN field {field} serves purpose {purpose}, which names no law that allows a BSN"
            ),
            Missing::BsnConsent { field, purpose } => format!(
                "BSN field {field} serves consent purpose {purpose}; consent never makes a BSN lawful"
            ),
            Missing::SourceNote { field } => {
                format!("field {field} comes from a third party but does not say which")
            }
            Missing::Profiling { purpose } => format!(
                "purpose {purpose} does not say whether it profiles people or decides automatically"
            ),
            Missing::SubjectsEnglish { purpose } => {
                format!("purpose {purpose} names its people (--subjects) but not in English")
            }
            Missing::CategoryEnglish { purpose, .. } => format!(
                "purpose {purpose} keeps data elsewhere (--category) without the English text of each"
            ),
            Missing::CookieEnglish { cookie, flag } => {
                format!("cookie {cookie} has no English text for {flag}")
            }
            Missing::CookieSafeguard { cookie, .. } => format!(
                "cookie {cookie} comes from a provider outside the EEA without a safeguard for \
                 that transfer"
            ),
            Missing::CookieConsent { cookie } => format!(
                "cookie {cookie} needs the visitor's consent, but it is not declared that the \
                 website asks for it before placing the cookie"
            ),
            Missing::ProfilingLogic { purpose } => format!(
                "purpose {purpose} profiles people or decides automatically without describing how"
            ),
            Missing::ProfilingEffect { purpose } => format!(
                "purpose {purpose} decides automatically without saying what that means for people"
            ),
            Missing::English(gap) => format!("{} has no English text", gap.what()),
        }
    }

    /// The marker text a draft shows in its place.
    pub fn marker(&self, lang: Lang) -> String {
        let what = match (lang, self) {
            (Lang::Nl, Missing::Profile | Missing::ProfileItem { .. }) => {
                "naam, e-mail en adres van de organisatie".to_string()
            }
            (Lang::En, Missing::Profile | Missing::ProfileItem { .. }) => {
                "the organisation's name, e-mail and address".to_string()
            }
            (Lang::Nl, Missing::Purposes) => "doelen en de gegevens daarvoor".into(),
            (Lang::En, Missing::Purposes) => "purposes and the data for them".into(),
            (Lang::Nl, Missing::Description { .. }) => "beschrijving van het doel".into(),
            (Lang::En, Missing::Description { .. }) => "description of the purpose".into(),
            (
                Lang::Nl,
                Missing::Retention { .. }
                | Missing::RetentionNoteOnly { .. }
                | Missing::RetentionEvent { .. },
            ) => "bewaartermijn en vanaf wanneer die telt".into(),
            (
                Lang::En,
                Missing::Retention { .. }
                | Missing::RetentionNoteOnly { .. }
                | Missing::RetentionEvent { .. },
            ) => "retention period and when it starts".into(),
            (Lang::Nl, Missing::Interest { .. }) => "het gerechtvaardigd belang".into(),
            (Lang::En, Missing::Interest { .. }) => "the legitimate interest".into(),
            (Lang::Nl, Missing::RecipientsUndeclared { .. } | Missing::LegacyRecipient { .. }) => {
                "wie de gegevens krijgt".into()
            }
            (Lang::En, Missing::RecipientsUndeclared { .. } | Missing::LegacyRecipient { .. }) => {
                "who receives the data".into()
            }
            (Lang::Nl, Missing::RecipientSafeguard { .. }) => "waarborg voor dit land".into(),
            (Lang::En, Missing::RecipientSafeguard { .. }) => "safeguard for this country".into(),
            (Lang::Nl, Missing::RecipientEnglish { .. }) => "Engelse tekst".into(),
            (Lang::En, Missing::RecipientEnglish { .. }) => "English text".into(),
            (Lang::Nl, Missing::TransferSafeguard { .. }) => "land en waarborg".into(),
            (Lang::En, Missing::TransferSafeguard { .. }) => "country and safeguard".into(),
            (Lang::Nl, Missing::FieldPurpose { .. }) => "doel van dit gegeven".into(),
            (Lang::En, Missing::FieldPurpose { .. }) => "purpose of this data".into(),
            (Lang::Nl, Missing::Art9 { .. } | Missing::Art9Unknown { .. }) => {
                "uitzondering van AVG artikel 9 lid 2".into()
            }
            (Lang::En, Missing::Art9 { .. } | Missing::Art9Unknown { .. }) => {
                "GDPR Art. 9(2) exception".into()
            }
            (Lang::Nl, Missing::Law { .. }) => "de wet die ons verplicht".into(),
            (Lang::En, Missing::Law { .. }) => "the law that obliges us".into(),
            (Lang::Nl, Missing::BsnLaw { .. } | Missing::BsnConsent { .. }) => {
                "de wet die het BSN toestaat".into()
            }
            (Lang::En, Missing::BsnLaw { .. } | Missing::BsnConsent { .. }) => {
                "the law that allows the BSN".into()
            }
            (Lang::Nl, Missing::SourceNote { .. }) => "van wie we dit krijgen".into(),
            (Lang::En, Missing::SourceNote { .. }) => "who we get this from".into(),
            (Lang::Nl, Missing::Profiling { .. }) => {
                "of we een profiel maken of automatisch besluiten".into()
            }
            (Lang::En, Missing::Profiling { .. }) => {
                "whether we make a profile or decide automatically".into()
            }
            (Lang::Nl, Missing::SubjectsEnglish { .. }) => "wie de mensen zijn".into(),
            (Lang::En, Missing::SubjectsEnglish { .. }) => "who the people are".into(),
            (Lang::Nl, Missing::CategoryEnglish { .. }) => "gegevens die we elders bewaren".into(),
            (Lang::En, Missing::CategoryEnglish { .. }) => "data we keep elsewhere".into(),
            (Lang::Nl, Missing::CookieEnglish { flag, .. }) if flag == "--safeguard-copy-en" => {
                "hoe u een kopie van de waarborg krijgt".into()
            }
            (Lang::En, Missing::CookieEnglish { flag, .. }) if flag == "--safeguard-copy-en" => {
                "how to get a copy of the safeguard".into()
            }
            (Lang::Nl, Missing::CookieEnglish { .. }) => "waarvoor deze cookie is".into(),
            (Lang::En, Missing::CookieEnglish { .. }) => "what this cookie is for".into(),
            (Lang::Nl, Missing::CookieSafeguard { .. }) => {
                "op welke grond de aanbieder buiten de EER gegevens krijgt".into()
            }
            (Lang::En, Missing::CookieSafeguard { .. }) => {
                "on what ground the provider outside the EEA receives data".into()
            }
            (Lang::Nl, Missing::CookieConsent { .. }) => {
                "of de website eerst om toestemming vraagt".into()
            }
            (Lang::En, Missing::CookieConsent { .. }) => {
                "whether the website asks consent first".into()
            }
            (Lang::Nl, Missing::ProfilingLogic { .. }) => "hoe het profiel of besluit werkt".into(),
            (Lang::En, Missing::ProfilingLogic { .. }) => {
                "how the profile or decision works".into()
            }
            (Lang::Nl, Missing::ProfilingEffect { .. }) => "wat het besluit voor u betekent".into(),
            (Lang::En, Missing::ProfilingEffect { .. }) => "what the decision means for you".into(),
            (Lang::Nl, Missing::English { .. }) => "Engelse tekst".into(),
            (Lang::En, Missing::English { .. }) => "English text".into(),
        };
        super::texts::fill(super::texts::texts(lang).missing, &[("what", &what)])
    }
}

/// The schema cannot support a complete statement; each item says what to fill in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Incomplete {
    pub missing: Vec<Missing>,
}

impl fmt::Display for Incomplete {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "the schema cannot support a complete privacy statement yet; fill in:"
        )?;
        for (index, missing) in self.missing.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "  - {}", missing.message())?;
        }
        Ok(())
    }
}

impl std::error::Error for Incomplete {}
