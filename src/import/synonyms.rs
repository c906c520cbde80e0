//! Header names that mean a well-known field, in Dutch and English, as the exports of Excel,
//! Google Contacts, Outlook and Dutch member lists write them.
//!
//! A header matches a concept when its [`normalize_header`](super::reader::normalize_header)
//! form is listed; the concept then maps to the vault field whose name is one of the
//! concept's field names, or else to the only field of the concept's type (e-mail, phone,
//! postcode), never to a guess among several.

use crate::schema::model::FieldType;

pub struct Concept {
    /// Normalised header names (lowercase, single spaces).
    pub headers: &'static [&'static str],
    /// Field names this concept is stored under, most usual first.
    pub fields: &'static [&'static str],
    /// A field type that identifies the concept when exactly one field has it.
    pub field_type: Option<FieldType>,
}

pub const CONCEPTS: &[Concept] = &[
    Concept {
        headers: &[
            "e-mail",
            "email",
            "e-mailadres",
            "emailadres",
            "e-mail adres",
            "email adres",
            "mailadres",
            "mail",
            "e-mail address",
            "email address",
            "e-mail 1 - value",
            "e-mail 1 - waarde",
            "primary email",
            "e-mail (privé)",
        ],
        fields: &["email", "e_mail", "emailadres", "mail"],
        field_type: Some(FieldType::Email),
    },
    Concept {
        headers: &[
            "telefoon",
            "telefoonnummer",
            "telefoon nummer",
            "tel",
            "tel.",
            "tel.nr.",
            "telnr",
            "mobiel",
            "mobiel nummer",
            "mobiele telefoon",
            "mobiel telefoonnummer",
            "gsm",
            "phone",
            "phone number",
            "telephone",
            "mobile",
            "mobile phone",
            "mobile number",
            "cell",
            "cell phone",
            "primary phone",
            "phone 1 - value",
            "telefoon 1 - waarde",
            "home phone",
            "business phone",
            "telefoon thuis",
            "telefoon op werk",
            "hoofdtelefoon",
        ],
        fields: &[
            "phone",
            "telefoon",
            "telefoonnummer",
            "mobile",
            "mobiel",
            "telephone",
        ],
        field_type: Some(FieldType::Phone),
    },
    Concept {
        headers: &[
            "geboortedatum",
            "geboorte datum",
            "verjaardag",
            "birthday",
            "birth date",
            "birthdate",
            "date of birth",
            "dob",
        ],
        fields: &[
            "birthdate",
            "birthday",
            "date_of_birth",
            "birth_date",
            "geboortedatum",
            "dob",
        ],
        field_type: None,
    },
    Concept {
        headers: &[
            "postcode",
            "post code",
            "zip",
            "zip code",
            "zipcode",
            "postal code",
            "postcode/zip",
            "home postal code",
            "huisadres, postcode",
        ],
        fields: &["postcode", "zip", "zipcode", "postal_code"],
        field_type: Some(FieldType::Postcode),
    },
    Concept {
        headers: &[
            "woonplaats",
            "plaats",
            "plaatsnaam",
            "stad",
            "city",
            "town",
            "home city",
            "huisadres, plaats",
        ],
        fields: &["city", "woonplaats", "plaats", "town"],
        field_type: None,
    },
    Concept {
        headers: &[
            "naam",
            "volledige naam",
            "klantnaam",
            "contactpersoon",
            "name",
            "full name",
            "display name",
        ],
        fields: &["name", "naam", "full_name", "fullname"],
        field_type: None,
    },
    Concept {
        headers: &[
            "voornaam",
            "roepnaam",
            "first name",
            "given name",
            "firstname",
        ],
        fields: &["first_name", "firstname", "given_name", "voornaam"],
        field_type: None,
    },
    Concept {
        headers: &[
            "achternaam",
            "familienaam",
            "last name",
            "family name",
            "surname",
            "lastname",
        ],
        fields: &[
            "last_name",
            "lastname",
            "family_name",
            "surname",
            "achternaam",
        ],
        field_type: None,
    },
    Concept {
        headers: &[
            "adres",
            "straat",
            "straatnaam",
            "straat en huisnummer",
            "address",
            "street",
            "street address",
            "address 1 - street",
            "home street",
            "huisadres, straat",
        ],
        fields: &["address", "adres", "street", "straat"],
        field_type: None,
    },
    Concept {
        headers: &["huisnummer", "house number", "huisnr", "huisnr."],
        fields: &["house_number", "huisnummer"],
        field_type: None,
    },
    Concept {
        headers: &[
            "bedrijf",
            "bedrijfsnaam",
            "organisatie",
            "company",
            "organization",
            "organisation",
            "organization 1 - name",
        ],
        fields: &["company", "bedrijf", "organisation", "organization"],
        field_type: None,
    },
    Concept {
        headers: &[
            "notities",
            "notitie",
            "opmerkingen",
            "opmerking",
            "notes",
            "note",
            "remarks",
            "comments",
        ],
        fields: &["notes", "note", "notities", "opmerkingen", "remarks"],
        field_type: None,
    },
    Concept {
        headers: &[
            "land",
            "country",
            "country/region",
            "country / region",
            "home country/region",
            "huisadres, land/regio",
        ],
        fields: &["country", "land"],
        field_type: Some(FieldType::Country),
    },
];

/// Whether a normalised header names a mobile number: preferred when several phone columns
/// could fill one phone field.
pub fn is_mobile(header: &str) -> bool {
    ["mobiel", "mobile", "gsm", "cell"]
        .iter()
        .any(|word| header.contains(word))
}

/// The concept a normalised header names, if any.
pub fn concept_of(header: &str) -> Option<&'static Concept> {
    CONCEPTS.iter().find(|c| c.headers.contains(&header))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::reader::normalize_header;

    #[test]
    fn every_listed_header_is_in_normal_form_and_in_one_concept() {
        for concept in CONCEPTS {
            for header in concept.headers {
                assert_eq!(normalize_header(header), *header);
                let owners = CONCEPTS
                    .iter()
                    .filter(|c| c.headers.contains(header))
                    .count();
                assert_eq!(owners, 1, "{header}");
            }
        }
    }

    #[test]
    fn the_issue_headers_are_known() {
        for (header, field) in [
            ("E-mailadres", "email"),
            ("Email Address", "email"),
            ("E-mail 1 - Value", "email"),
            ("Telefoonnummer", "phone"),
            ("Mobiel", "phone"),
            ("Phone 1 - Value", "phone"),
            ("Geboortedatum", "birthdate"),
            ("Birthday", "birthdate"),
            ("Postcode", "postcode"),
            ("Zip", "postcode"),
            ("Woonplaats", "city"),
            ("Plaats", "city"),
            ("City", "city"),
            ("Naam", "name"),
            ("Voornaam", "first_name"),
            ("Achternaam", "last_name"),
            ("First Name", "first_name"),
            ("Given Name", "first_name"),
            ("Family Name", "last_name"),
            ("Adres", "address"),
            ("Straat", "address"),
        ] {
            let concept = concept_of(&normalize_header(header)).expect(header);
            assert_eq!(concept.fields[0], field, "{header}");
        }
    }
}
