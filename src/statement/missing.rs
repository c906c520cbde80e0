//! What a schema lacks before it supports a complete statement, and the command that fills it in.
//!
//! Messages name purposes, fields and rules, which are schema text the user typed; they never
//! hold a stored customer value.

use std::fmt;

use serde::Serialize;

use super::Lang;

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
    /// A purpose with neither a retention period nor criteria.
    Retention { purpose: String },
    /// "As long as necessary" with no criteria that decide it.
    RetentionCriteria { purpose: String },
    /// Legitimate interests without the interest in words.
    Interest { purpose: String },
    /// A recipient that names nobody ("partners", "derden").
    VagueRecipient { purpose: String, recipient: String },
    /// A transfer outside the EEA without `country: safeguard`.
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
    /// A score or profile field while the logic of the decision is not described.
    AutomatedDecisions { fields: Vec<String> },
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

/// The command that changes a field in place; `field edit` keeps the field's values.
fn field_edit(field: &str, flags: &str) -> String {
    format!("kluis field edit {field} {flags}")
}

/// How to fill in the controller profile; shared by every profile item.
const PROFILE_SET: &str = "kluis profile set --name \"Bakkerij Jansen\" --email privacy@example.nl --address \"Dorpsstraat 1, 1234 AB Ergens\"";

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
                format!("purpose {purpose} has no retention period and no criteria")
            }
            Missing::RetentionCriteria { purpose } => format!(
                "purpose {purpose} keeps data \"as long as necessary\" without the criteria that decide it"
            ),
            Missing::Interest { purpose } => format!(
                "purpose {purpose} uses legitimate interests but does not name the interest"
            ),
            Missing::VagueRecipient { purpose, recipient } => format!(
                "purpose {purpose} names the recipient \"{recipient}\", which does not say who receives the data"
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
            Missing::AutomatedDecisions { fields } => format!(
                "field(s) {} look like a score or profile, and the logic of the decisions is not described",
                fields.join(", ")
            ),
        }
    }

    /// The command that fills it in.
    pub fn command(&self) -> String {
        match self {
            Missing::Profile | Missing::ProfileItem { .. } => PROFILE_SET.to_string(),
            Missing::Purposes => "kluis purpose add customer-admin --basis contract --description \"Bestellingen leveren en factureren\" --retention 2y".to_string(),
            Missing::Description { purpose } => {
                format!("kluis purpose edit {purpose} --description \"WHAT YOU DO WITH THE DATA\"")
            }
            Missing::Retention { purpose } => format!(
                "kluis purpose edit {purpose} --retention 2y   (or --retention-note \"THE CRITERIA\")"
            ),
            Missing::RetentionCriteria { purpose } => format!(
                "kluis purpose edit {purpose} --retention 2y   (or --retention-note \"WHAT DECIDES HOW LONG\")"
            ),
            Missing::Interest { purpose } => {
                format!("kluis purpose edit {purpose} --interest \"YOUR INTEREST IN WORDS\"")
            }
            Missing::VagueRecipient { purpose, .. } => format!(
                "kluis purpose edit {purpose} --recipient \"Boekhouder (verwerker)\"   (name each recipient or kind of recipient)"
            ),
            Missing::TransferSafeguard { purpose, .. } => format!(
                "kluis purpose edit {purpose} --transfer \"VS: EU-US Data Privacy Framework\""
            ),
            Missing::FieldPurpose { field } => field_edit(field, "--add-purpose PURPOSE"),
            Missing::Art9 { field } | Missing::Art9Unknown { field, .. } => field_edit(
                field,
                &format!(
                    "--art9 EXCEPTION   (one of: {})",
                    super::texts::ART9_EXCEPTIONS
                        .iter()
                        .map(|(name, ..)| *name)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
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
            Missing::SourceNote { field } => {
                field_edit(field, "--source-note \"WHERE IT COMES FROM\"")
            }
            Missing::AutomatedDecisions { .. } => {
                "kluis statement profiling --describe \"HOW THE SCORE IS MADE AND WHAT IT MEANS FOR PEOPLE\"".to_string()
            }
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
            (Lang::Nl, Missing::Retention { .. } | Missing::RetentionCriteria { .. }) => {
                "bewaartermijn of de criteria daarvoor".into()
            }
            (Lang::En, Missing::Retention { .. } | Missing::RetentionCriteria { .. }) => {
                "retention period or its criteria".into()
            }
            (Lang::Nl, Missing::Interest { .. }) => "het gerechtvaardigd belang".into(),
            (Lang::En, Missing::Interest { .. }) => "the legitimate interest".into(),
            (Lang::Nl, Missing::VagueRecipient { .. }) => "wie de gegevens krijgt".into(),
            (Lang::En, Missing::VagueRecipient { .. }) => "who receives the data".into(),
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
            (Lang::Nl, Missing::AutomatedDecisions { .. }) => {
                "hoe de score of het profiel werkt en wat het voor u betekent".into()
            }
            (Lang::En, Missing::AutomatedDecisions { .. }) => {
                "how the score or profile works and what it means for you".into()
            }
        };
        super::texts::fill(super::texts::texts(lang).missing, &[("what", &what)])
    }
}

/// The schema cannot support a complete statement; each item says what to fill in and how.
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
            write!(f, "  - {}\n      {}", missing.message(), missing.command())?;
        }
        Ok(())
    }
}

impl std::error::Error for Incomplete {}
