//! A freelancer (zzp'er) working for clients: contact, assignments and invoices.

use super::{
    Bilingual, Explained, Starter, StarterPreview, explained, field, kept, purpose, subjects,
    tax_authority, words,
};
use crate::schema::model::{Field, FieldType, LegalBasis, Purpose, Recipient, RetentionStart};

const CLIENTS: Bilingual = words(
    "opdrachtgevers en hun contactpersonen",
    "clients and their contact persons",
);

pub(super) fn preview() -> StarterPreview {
    StarterPreview {
        starter: Starter::Zzp,
        title: words("Zzp'er", "Freelancer"),
        summary: words(
            "Je werkt als zelfstandige voor opdrachtgevers: contact, opdrachten en facturen.",
            "You work on your own for clients: contact, assignments and invoices.",
        ),
        purposes: purposes(),
        fields: fields(),
        recipients: recipients(),
    }
}

fn purposes() -> Vec<Explained<Purpose>> {
    vec![
        explained(
            Purpose {
                no_recipients: true,
                ..subjects(
                    purpose(
                        "assignments",
                        LegalBasis::Contract,
                        words(
                            "Opdrachten uitvoeren en contact houden met opdrachtgevers",
                            "Carrying out assignments and keeping in touch with clients",
                        ),
                        kept("2y", RetentionStart::LastChange),
                    ),
                    CLIENTS,
                )
            },
            words(
                "Je hebt deze gegevens nodig om je werk te doen en te overleggen. Daarom is de \
                 grondslag 'overeenkomst'. Je bewaart ze 2 jaar na de laatste wijziging. Geef je \
                 gegevens door aan iemand anders, zoals een onderaannemer? Voeg die dan toe als \
                 ontvanger: nu staat er dat niemand buiten je bedrijf ze krijgt.",
                "You need this data to do your work and to talk things over. So the legal basis \
                 is 'contract'. You keep it for 2 years after the last change. Do you pass data \
                 on to someone else, such as a subcontractor? Then add them as a recipient: for \
                 now the statement says nobody outside your business receives it.",
            ),
        ),
        explained(
            Purpose {
                law: Some("AWR art. 52".into()),
                law_en: Some("General State Taxes Act (AWR), section 52".into()),
                ..subjects(
                    purpose(
                        "invoicing",
                        LegalBasis::LegalObligation,
                        words(
                            "Facturen maken en de administratie bewaren",
                            "Making invoices and keeping the accounts",
                        ),
                        kept("7y", RetentionStart::LastChange),
                    ),
                    CLIENTS,
                )
            },
            words(
                "Op een factuur staan naam en adres van je opdrachtgever, en de wet verplicht je \
                 om je administratie 7 jaar te bewaren. Een opdrachtgever kan deze gegevens dus \
                 niet eerder laten wissen. Heb je een boekhouder? Voeg die dan toe als ontvanger \
                 (verwerker).",
                "An invoice shows your client's name and address, and the law makes you keep \
                 your accounts for 7 years, so a client cannot have this data erased sooner. Do \
                 you have a bookkeeper? Then add them as a recipient (processor).",
            ),
        ),
    ]
}

fn fields() -> Vec<Explained<Field>> {
    vec![
        explained(
            Field {
                required: true,
                ..field(
                    "name",
                    FieldType::Text,
                    &["assignments", "invoicing"],
                    words("Naam", "Name"),
                )
            },
            words(
                "De naam van je opdrachtgever of van je contactpersoon daar.",
                "The name of your client, or of your contact person there.",
            ),
        ),
        explained(
            field(
                "company",
                FieldType::Text,
                &["assignments", "invoicing"],
                words("Bedrijfsnaam", "Company name"),
            ),
            words(
                "Als je opdrachtgever een bedrijf is. Bij een eenmanszaak zegt de bedrijfsnaam \
                 vaak wie de eigenaar is; daarom hoort hij erbij.",
                "When your client is a company. For a sole trader the company name often says \
                 who the owner is, which is why it is included.",
            ),
        ),
        explained(
            field(
                "email",
                FieldType::Email,
                &["assignments", "invoicing"],
                words("E-mailadres", "E-mail address"),
            ),
            words(
                "Om te overleggen en om facturen te sturen.",
                "To talk things over and to send invoices.",
            ),
        ),
        explained(
            field(
                "phone",
                FieldType::Phone,
                &["assignments"],
                words("Telefoonnummer", "Phone number"),
            ),
            words(
                "Niet verplicht. Om snel te kunnen overleggen.",
                "Optional. To talk things over quickly.",
            ),
        ),
        explained(
            field(
                "address",
                FieldType::Text,
                &["invoicing"],
                words(
                    "Factuuradres (straat, huisnummer, plaats)",
                    "Billing address (street, number, town)",
                ),
            ),
            words(
                "Het adres dat op de factuur moet staan.",
                "The address the invoice must show.",
            ),
        ),
        explained(
            field(
                "postcode",
                FieldType::Postcode,
                &["invoicing"],
                words("Postcode", "Postcode"),
            ),
            words(
                "Hoort bij het factuuradres. kluis neemt alleen Nederlandse postcodes aan \
                 (1234 AB). Heb je opdrachtgevers in het buitenland? Vervang het veld dan door \
                 een tekstveld.",
                "Part of the billing address. kluis accepts Dutch postcodes only (1234 AB). Do \
                 you have clients abroad? Then replace the field with a text field.",
            ),
        ),
    ]
}

fn recipients() -> Vec<Explained<Recipient>> {
    vec![tax_authority("invoicing")]
}
