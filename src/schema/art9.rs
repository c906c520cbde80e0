//! The Art. 9(2) GDPR exceptions that lift the ban on processing special categories.

use serde::{Deserialize, Serialize};

/// One of the ten exceptions of Art. 9(2)(a)–(j). Stored in [`super::model::Field::art9`] by
/// its kebab-case name (see `names.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Art9Exception {
    /// (a) The person gave explicit consent.
    ExplicitConsent,
    /// (b) Employment, social security and social protection law.
    Employment,
    /// (c) Vital interests of someone who cannot give consent.
    VitalInterests,
    /// (d) A foundation, association or other not-for-profit body, about its members.
    NotForProfit,
    /// (e) The person has manifestly made the data public.
    MadePublic,
    /// (f) Establishing, exercising or defending legal claims.
    LegalClaims,
    /// (g) Substantial public interest, on the basis of law.
    SubstantialPublicInterest,
    /// (h) Preventive or occupational medicine, health or social care.
    HealthCare,
    /// (i) Public health.
    PublicHealth,
    /// (j) Archiving in the public interest, scientific or historical research, statistics.
    ArchivingResearch,
}

impl Art9Exception {
    /// The letter of its point in Art. 9(2).
    pub fn letter(self) -> char {
        match self {
            Art9Exception::ExplicitConsent => 'a',
            Art9Exception::Employment => 'b',
            Art9Exception::VitalInterests => 'c',
            Art9Exception::NotForProfit => 'd',
            Art9Exception::MadePublic => 'e',
            Art9Exception::LegalClaims => 'f',
            Art9Exception::SubstantialPublicInterest => 'g',
            Art9Exception::HealthCare => 'h',
            Art9Exception::PublicHealth => 'i',
            Art9Exception::ArchivingResearch => 'j',
        }
    }

    /// The point it cites, e.g. `9(2)(a)`.
    pub fn article(self) -> String {
        format!("9(2)({})", self.letter())
    }

    /// A short English description, for the statement.
    pub fn description_en(self) -> &'static str {
        match self {
            Art9Exception::ExplicitConsent => "you gave explicit consent",
            Art9Exception::Employment => "obligations in employment and social security law",
            Art9Exception::VitalInterests => {
                "protecting vital interests when you cannot give consent"
            }
            Art9Exception::NotForProfit => {
                "the activities of a not-for-profit body, about its members"
            }
            Art9Exception::MadePublic => "you made the data public yourself",
            Art9Exception::LegalClaims => "establishing, exercising or defending legal claims",
            Art9Exception::SubstantialPublicInterest => {
                "a substantial public interest, on the basis of law"
            }
            Art9Exception::HealthCare => "health or social care",
            Art9Exception::PublicHealth => "public health",
            Art9Exception::ArchivingResearch => {
                "archiving in the public interest, research or statistics"
            }
        }
    }

    /// A short Dutch description, for the statement.
    pub fn description_nl(self) -> &'static str {
        match self {
            Art9Exception::ExplicitConsent => "u heeft uitdrukkelijk toestemming gegeven",
            Art9Exception::Employment => {
                "verplichtingen uit het arbeids- en socialezekerheidsrecht"
            }
            Art9Exception::VitalInterests => {
                "bescherming van vitale belangen als u geen toestemming kunt geven"
            }
            Art9Exception::NotForProfit => {
                "de activiteiten van een organisatie zonder winstoogmerk, over haar leden"
            }
            Art9Exception::MadePublic => "u heeft de gegevens zelf openbaar gemaakt",
            Art9Exception::LegalClaims => {
                "het instellen, uitoefenen of onderbouwen van een rechtsvordering"
            }
            Art9Exception::SubstantialPublicInterest => {
                "een zwaarwegend algemeen belang, op grond van de wet"
            }
            Art9Exception::HealthCare => "gezondheidszorg of sociale zorg",
            Art9Exception::PublicHealth => "volksgezondheid",
            Art9Exception::ArchivingResearch => {
                "archivering in het algemeen belang, onderzoek of statistiek"
            }
        }
    }
}

/// Whether a stored Art. 9(2) exception is explicit consent (a): then each value needs the
/// person's recorded consent for a purpose of its field, which the person can withdraw, even
/// when the purpose's own basis is not consent.
pub fn is_explicit_consent(art9: Option<&str>) -> bool {
    art9.and_then(|name| name.parse().ok()) == Some(Art9Exception::ExplicitConsent)
}

impl super::model::Field {
    /// The Art. 9(2) exception this field names, when it names a known one.
    pub fn art9_exception(&self) -> Option<Art9Exception> {
        self.art9.as_deref().and_then(|name| name.parse().ok())
    }

    /// See [`is_explicit_consent`].
    pub fn needs_explicit_consent(&self) -> bool {
        is_explicit_consent(self.art9.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_run_a_to_j_in_order() {
        let letters: String = Art9Exception::ALL.iter().map(|e| e.letter()).collect();
        assert_eq!(letters, "abcdefghij");
        assert_eq!(Art9Exception::LegalClaims.article(), "9(2)(f)");
    }
}
