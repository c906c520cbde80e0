//! The names the model's enums have on the command line, in the database and in JSON.
//!
//! One kebab-case name per variant (`legal-obligation`, `third-party`, `sex-life`). The same
//! names are the serde names, so a name read back from the database or typed by a user
//! means the same thing everywhere.

use super::art9::Art9Exception;
use super::model::{
    CookieKind, DataSource, FieldType, LegalBasis, ProfilingKind, RecipientRole, RetentionStart,
    Safeguard, SpecialCategory,
};
use super::starter::Starter;

/// A name that is not one of a closed list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind}; expected one of: {}", expected.join(", "))]
pub struct UnknownName {
    /// What was being named ("legal basis", "field type").
    pub kind: &'static str,
    pub expected: &'static [&'static str],
}

macro_rules! kebab_names {
    ($ty:ident, $kind:literal, { $($variant:ident => $name:literal $(| $alias:literal)*),+ $(,)? }) => {
        impl $ty {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            /// Every name, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($name),+];
            /// The Dutch words read as each name, in declaration order.
            pub const ALIASES: &'static [&'static [&'static str]] = &[$(&[$($alias),*]),+];

            /// The kebab-case name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::schema::names::UnknownName;

            /// Reads a name or one of its Dutch aliases, ignoring surrounding whitespace and
            /// ASCII case. Only the name is ever written back.
            fn from_str(text: &str) -> Result<Self, $crate::schema::names::UnknownName> {
                let text = text.trim().to_ascii_lowercase();
                match text.as_str() {
                    $($name $(| $alias)* => Ok($ty::$variant),)+
                    _ => Err($crate::schema::names::UnknownName {
                        kind: $kind,
                        expected: $ty::NAMES,
                    }),
                }
            }
        }
    };
}

/// The one way the crate's closed lists get their names: other modules (requests) use it too.
pub(crate) use kebab_names;

kebab_names!(LegalBasis, "legal basis", {
    Consent => "consent" | "toestemming",
    Contract => "contract" | "overeenkomst",
    LegalObligation => "legal-obligation" | "wettelijke-verplichting",
    VitalInterests => "vital-interests" | "vitaal-belang",
    PublicTask => "public-task" | "algemeen-belang",
    LegitimateInterests => "legitimate-interests" | "gerechtvaardigd-belang",
});

kebab_names!(FieldType, "field type", {
    Text => "text",
    Email => "email",
    Phone => "phone",
    Date => "date",
    Number => "number",
    Bool => "bool",
    Postcode => "postcode",
    Bsn => "bsn",
    Country => "country",
});

kebab_names!(DataSource, "data source", {
    Subject => "subject",
    Own => "own",
    ThirdParty => "third-party",
});

kebab_names!(SpecialCategory, "special category", {
    Health => "health",
    Ethnicity => "ethnicity",
    Politics => "politics",
    Religion => "religion",
    Union => "union",
    Genetic => "genetic",
    Biometric => "biometric",
    SexLife => "sex-life",
});

kebab_names!(Art9Exception, "Art. 9(2) exception", {
    ExplicitConsent => "explicit-consent",
    Employment => "employment",
    VitalInterests => "vital-interests",
    NotForProfit => "not-for-profit",
    MadePublic => "made-public",
    LegalClaims => "legal-claims",
    SubstantialPublicInterest => "substantial-public-interest",
    HealthCare => "health-care",
    PublicHealth => "public-health",
    ArchivingResearch => "archiving-research",
});

kebab_names!(RetentionStart, "retention start", {
    LastChange => "last-change",
    Created => "created",
    EndOfContract => "end-of-contract",
    ConsentWithdrawn => "consent-withdrawn",
});

kebab_names!(ProfilingKind, "profiling answer", {
    None => "none",
    Profiling => "profiling",
    AutomatedDecision => "automated-decision",
});

kebab_names!(RecipientRole, "recipient role", {
    Processor => "processor",
    Controller => "controller",
    Authority => "authority",
});

kebab_names!(Safeguard, "transfer safeguard", {
    Adequacy => "adequacy",
    Dpf => "dpf",
    Scc => "scc",
    Bcr => "bcr",
    Derogation => "derogation",
});

kebab_names!(CookieKind, "cookie kind", {
    Functional => "functional",
    Analytics => "analytics",
    Marketing => "marketing",
});

kebab_names!(Starter, "starter", {
    Webshop => "webshop",
    Zzp => "zzp",
    Salon => "salon",
    Club => "club",
    None => "none",
});

#[cfg(test)]
mod alias_tests {
    use super::*;

    /// Issue 13: Dutch words for the legal bases, as owners say them.
    #[test]
    fn dutch_words_name_the_legal_bases() {
        for (dutch, basis) in [
            ("overeenkomst", LegalBasis::Contract),
            ("Toestemming", LegalBasis::Consent),
            ("wettelijke-verplichting", LegalBasis::LegalObligation),
            ("gerechtvaardigd-belang", LegalBasis::LegitimateInterests),
            ("vitaal-belang", LegalBasis::VitalInterests),
            ("algemeen-belang", LegalBasis::PublicTask),
        ] {
            assert_eq!(dutch.parse::<LegalBasis>(), Ok(basis), "{dutch}");
            assert_ne!(basis.as_str(), dutch.to_ascii_lowercase());
        }
        assert_eq!(LegalBasis::ALIASES.len(), LegalBasis::NAMES.len());
    }
}

#[cfg(test)]
mod tests {
    use std::fmt;
    use std::str::FromStr;

    use super::*;

    /// The serde names and the command-line names must be the same strings.
    fn names_match_serde<T>(all: &[T], names: &[&str])
    where
        T: serde::Serialize + FromStr<Err = UnknownName> + fmt::Display + PartialEq + fmt::Debug,
    {
        assert_eq!(all.len(), names.len());
        for (value, name) in all.iter().zip(names) {
            assert_eq!(serde_json::to_string(value).unwrap(), format!("\"{name}\""));
            assert_eq!(value.to_string(), *name);
            assert_eq!(&name.parse::<T>().unwrap(), value);
            assert_eq!(&name.to_uppercase().parse::<T>().unwrap(), value);
        }
    }

    #[test]
    fn every_enum_round_trips_through_its_name() {
        names_match_serde(LegalBasis::ALL, LegalBasis::NAMES);
        names_match_serde(FieldType::ALL, FieldType::NAMES);
        names_match_serde(DataSource::ALL, DataSource::NAMES);
        names_match_serde(SpecialCategory::ALL, SpecialCategory::NAMES);
        names_match_serde(Art9Exception::ALL, Art9Exception::NAMES);
        names_match_serde(RetentionStart::ALL, RetentionStart::NAMES);
        names_match_serde(ProfilingKind::ALL, ProfilingKind::NAMES);
        names_match_serde(RecipientRole::ALL, RecipientRole::NAMES);
        names_match_serde(Safeguard::ALL, Safeguard::NAMES);
        names_match_serde(CookieKind::ALL, CookieKind::NAMES);
        names_match_serde(Starter::ALL, Starter::NAMES);
        use crate::requests::{Kind, Via};
        names_match_serde(Kind::ALL, Kind::NAMES);
        names_match_serde(Via::ALL, Via::NAMES);
    }

    #[test]
    fn names_from_the_issue_parse() {
        assert_eq!("legal-obligation".parse(), Ok(LegalBasis::LegalObligation));
        assert_eq!(
            "legitimate-interests".parse(),
            Ok(LegalBasis::LegitimateInterests)
        );
        assert_eq!("third-party".parse(), Ok(DataSource::ThirdParty));
        assert_eq!("sex-life".parse(), Ok(SpecialCategory::SexLife));
        assert_eq!(
            "explicit-consent".parse(),
            Ok(Art9Exception::ExplicitConsent)
        );
    }

    #[test]
    fn an_unknown_name_lists_the_known_ones() {
        let error = "legitimate-interest".parse::<LegalBasis>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown legal basis; expected one of: consent, contract, legal-obligation, \
             vital-interests, public-task, legitimate-interests"
        );
    }
}
