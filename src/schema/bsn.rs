//! The one BSN rule: which fields hold citizen service numbers (burgerservicenummers).
//!
//! A field holds BSNs when its type is `bsn`, or when its name or either label says so. A
//! field that says so must also have type `bsn` ([`super::field::validate_field`] refuses it
//! otherwise), so its values pass the elfproef and its purposes the law rule (UAVG art. 46).
//! Every layer asks here: the schema, the statement, `check` and the CLI never decide it
//! themselves.

use serde::Serialize;

use super::model::{Field, FieldType};

/// Which text of a field names a BSN, for an error that says where to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BsnNaming {
    Name,
    Label,
    LabelEn,
}

impl BsnNaming {
    /// The flag or argument that holds the text: `name`, `--label`, `--label-en`.
    pub fn as_str(self) -> &'static str {
        match self {
            BsnNaming::Name => "name",
            BsnNaming::Label => "--label",
            BsnNaming::LabelEn => "--label-en",
        }
    }
}

impl std::fmt::Display for BsnNaming {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Phrases of several words that name a BSN, matched on whole words in a row, so
/// `sofi-nummer`, `Sofi nummer` and `citizen_service_number` all count.
const BSN_PHRASES: [&[&str]; 3] = [
    &["citizen", "service", "number"],
    &["burger", "service", "nummer"],
    &["sofi", "nummer"],
];

/// Words that name a BSN wherever they stand in a compound (`klantburgerservicenummer`,
/// `sofinummers`): they are long and specific enough that no other word contains them.
const BSN_STEMS: [&str; 3] = ["burgerservicenummer", "sofinummer", "citizenservicenumber"];

/// Whether one word (lowercase, letters and digits only) names a BSN.
///
/// `bsn` itself counts at the start or the end of a compound (`bsnnummer`, `klantbsn`,
/// `bsn2`), as Dutch glues words together. It does not count in the middle: `clubsnaam` is
/// a club's name, and no Dutch or English word starts or ends in `bsn` otherwise. Words that
/// merely share letters (`absent`, `sofie`) do not count either.
fn word_names_a_bsn(word: &str) -> bool {
    word.starts_with("bsn")
        || word.ends_with("bsn")
        || BSN_STEMS.iter().any(|stem| word.contains(stem))
}

/// Whether a text names a BSN. Case is ignored and any character that is not a letter or a
/// digit separates words: `bsn_nummer`, `klant-bsn` and "Burgerservicenummer (BSN)" all do.
pub fn text_names_a_bsn(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|word| word_names_a_bsn(word))
        || BSN_PHRASES
            .iter()
            .any(|phrase| words.windows(phrase.len()).any(|window| window == *phrase))
}

/// Which of a field's name and labels names a BSN first, if any.
pub fn bsn_naming(name: &str, label: Option<&str>, label_en: Option<&str>) -> Option<BsnNaming> {
    [
        (Some(name), BsnNaming::Name),
        (label, BsnNaming::Label),
        (label_en, BsnNaming::LabelEn),
    ]
    .into_iter()
    .find_map(|(text, naming)| text.filter(|t| text_names_a_bsn(t)).map(|_| naming))
}

/// Whether a field's name or either label names a BSN.
pub fn names_a_bsn(name: &str, label: Option<&str>, label_en: Option<&str>) -> bool {
    bsn_naming(name, label, label_en).is_some()
}

/// Whether a field's values are BSNs by type (checked with the elfproef).
pub fn is_bsn(field: &Field) -> bool {
    field.field_type == FieldType::Bsn
}

/// Whether a field must be treated as holding BSNs: by type, or by a name or label that
/// says so. A vault made before the naming rule may hold a text field called `bsn`; the
/// statement still lists it under BSN and `check` reports its type.
pub fn holds_bsn(
    field_type: FieldType,
    name: &str,
    label: Option<&str>,
    label_en: Option<&str>,
) -> bool {
    field_type == FieldType::Bsn || names_a_bsn(name, label, label_en)
}

/// [`holds_bsn`] for a whole field.
pub fn is_bsn_field(field: &Field) -> bool {
    holds_bsn(
        field.field_type,
        &field.name,
        field.label.as_deref(),
        field.label_en.as_deref(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bsn_rule_cannot_be_bypassed_by_burgerservicenummer_bsn_nummer_or_sofinummer() {
        for name in [
            "bsn",
            "BSN",
            "burgerservicenummer",
            "bsn_nummer",
            "bsn-nummer",
            "sofinummer",
            "sofi-nummer",
            "klant-bsn",
            "klant_bsn",
            "bsnnummer",
            "klantbsn",
            "bsn2",
            "klantburgerservicenummer",
            "burger_service_nummer",
            "citizen-service-number",
            "citizen_service_number",
        ] {
            assert!(text_names_a_bsn(name), "{name}");
        }
    }

    #[test]
    fn bsn_rule_applies_to_a_label_burgerservicenummer() {
        for label in [
            "Burgerservicenummer (BSN)",
            "Burgerservicenummer",
            "BSN",
            "Uw BSN",
            "Sofi nummer",
            "SoFi-nummer",
            "Citizen service number",
            "Citizen Service Number (BSN)",
        ] {
            assert!(text_names_a_bsn(label), "{label}");
        }
        assert_eq!(
            bsn_naming("klant", Some("Burgerservicenummer (BSN)"), None),
            Some(BsnNaming::Label)
        );
        assert_eq!(
            bsn_naming("klant", None, Some("Citizen service number")),
            Some(BsnNaming::LabelEn)
        );
        assert_eq!(bsn_naming("bsn", Some("BSN"), None), Some(BsnNaming::Name));
    }

    #[test]
    fn words_that_merely_contain_the_letters_do_not_name_a_bsn() {
        for text in [
            "absent",
            "absnt",
            "clubsnaam",
            "sofie",
            "sofi",
            "Sofie de Vries",
            "nummer",
            "service",
            "customer service number",
            "burger",
            "klantnummer",
            "email",
        ] {
            assert!(!text_names_a_bsn(text), "{text}");
        }
        assert!(!names_a_bsn("clubsnaam", Some("Naam van de club"), None));
    }

    #[test]
    fn a_field_holds_bsns_by_type_or_by_naming() {
        assert!(holds_bsn(FieldType::Bsn, "citizen", None, None));
        assert!(holds_bsn(FieldType::Text, "bsn", None, None));
        assert!(holds_bsn(FieldType::Text, "x", None, Some("BSN")));
        assert!(!holds_bsn(FieldType::Text, "klantnummer", None, None));
    }
}
