//! A web shop that sells to consumers: orders, invoices and a newsletter.

use super::{
    Explained, Starter, StarterPreview, explained, field, kept, purpose, recipient, subjects,
    tax_authority, until, words,
};
use crate::schema::model::{
    Field, FieldType, LegalBasis, Purpose, Recipient, RecipientRole, RetentionStart,
};

pub(super) fn preview() -> StarterPreview {
    StarterPreview {
        starter: Starter::Webshop,
        title: words("Webwinkel", "Web shop"),
        summary: words(
            "Je verkoopt online aan consumenten: bestellingen, verzending, facturen en een nieuwsbrief.",
            "You sell online to consumers: orders, shipping, invoices and a newsletter.",
        ),
        purposes: purposes(),
        fields: fields(),
        recipients: recipients(),
    }
}

fn purposes() -> Vec<Explained<Purpose>> {
    vec![
        explained(
            purpose(
                "orders",
                LegalBasis::Contract,
                words(
                    "Bestellingen afhandelen: betalen, verzenden en vragen beantwoorden",
                    "Handling orders: payment, shipping and answering questions",
                ),
                kept("2y", RetentionStart::LastChange),
            ),
            words(
                "Zonder deze gegevens kun je een bestelling niet leveren. Daarom is de grondslag \
                 'overeenkomst': de klant hoeft geen toestemming te geven. Je bewaart de gegevens \
                 2 jaar na de laatste wijziging, voor vragen, retouren en garantie.",
                "Without this data you cannot deliver an order. So the legal basis is 'contract': \
                 the customer does not have to give consent. You keep the data for 2 years after \
                 the last change, for questions, returns and warranty.",
            ),
        ),
        explained(
            Purpose {
                law: Some("AWR art. 52".into()),
                law_en: Some("General State Taxes Act (AWR), section 52".into()),
                ..purpose(
                    "bookkeeping",
                    LegalBasis::LegalObligation,
                    words(
                        "Facturen en de administratie bewaren",
                        "Keeping invoices and the accounts",
                    ),
                    kept("7y", RetentionStart::LastChange),
                )
            },
            words(
                "De wet verplicht je om je administratie 7 jaar te bewaren. Een klant kan deze \
                 gegevens dus niet eerder laten wissen. Heb je een boekhouder? Voeg die dan toe \
                 als ontvanger (verwerker).",
                "The law makes you keep your accounts for 7 years, so a customer cannot have \
                 this data erased sooner. Do you have a bookkeeper? Then add them as a recipient \
                 (processor).",
            ),
        ),
        explained(
            Purpose {
                no_recipients: true,
                ..subjects(
                    purpose(
                        "newsletter",
                        LegalBasis::Consent,
                        words("Een nieuwsbrief sturen", "Sending a newsletter"),
                        until(RetentionStart::ConsentWithdrawn),
                    ),
                    words("abonnees op de nieuwsbrief", "newsletter subscribers"),
                )
            },
            words(
                "Alleen voor wie zich zelf aanmeldt. Wie zich afmeldt, trekt de toestemming in; \
                 dan gebruik je het e-mailadres niet meer voor de nieuwsbrief. Verstuur je de \
                 nieuwsbrief met een dienst zoals Mailchimp of Laposta? Voeg die dan toe als \
                 ontvanger: nu staat er dat niemand buiten je bedrijf deze gegevens krijgt.",
                "Only for people who sign up themselves. Unsubscribing withdraws the consent; \
                 then you no longer use the e-mail address for the newsletter. Do you send it \
                 with a service such as Mailchimp or Laposta? Then add it as a recipient: for \
                 now the statement says nobody outside your business receives this data.",
            ),
        ),
    ]
}

fn fields() -> Vec<Explained<Field>> {
    vec![
        explained(
            field(
                "name",
                FieldType::Text,
                &["orders", "bookkeeping"],
                words("Naam", "Name"),
            ),
            words(
                "Nodig om de bestelling te versturen en voor de factuur. Niet verplicht, zodat \
                 iemand zich ook alleen voor de nieuwsbrief kan aanmelden.",
                "Needed to ship the order and for the invoice. Not required, so someone can \
                 also sign up for the newsletter alone.",
            ),
        ),
        explained(
            Field {
                required: true,
                ..field(
                    "email",
                    FieldType::Email,
                    &["orders", "newsletter"],
                    words("E-mailadres", "E-mail address"),
                )
            },
            words(
                "Voor de orderbevestiging en het volgen van het pakket, en voor de nieuwsbrief als \
                 de klant zich daarvoor aanmeldde.",
                "For the order confirmation and parcel tracking, and for the newsletter if the \
                 customer signed up for it.",
            ),
        ),
        explained(
            field(
                "address",
                FieldType::Text,
                &["orders", "bookkeeping"],
                words(
                    "Adres (straat, huisnummer, plaats)",
                    "Address (street, number, town)",
                ),
            ),
            words(
                "Het bezorgadres, en het adres op de factuur in je administratie.",
                "The delivery address, and the address on the invoice in your accounts.",
            ),
        ),
        explained(
            field(
                "postcode",
                FieldType::Postcode,
                &["orders", "bookkeeping"],
                words("Postcode", "Postcode"),
            ),
            words(
                "Hoort bij het adres. kluis neemt alleen Nederlandse postcodes aan (1234 AB). \
                 Bezorg je ook in het buitenland? Vervang het veld dan door een tekstveld.",
                "Part of the address. kluis accepts Dutch postcodes only (1234 AB). Do you also \
                 deliver abroad? Then replace the field with a text field.",
            ),
        ),
        explained(
            field(
                "phone",
                FieldType::Phone,
                &["orders"],
                words("Telefoonnummer", "Phone number"),
            ),
            words(
                "Niet verplicht. Voor vragen over een bestelling, en sommige pakketdiensten sturen \
                 er een bericht over de bezorging naar.",
                "Optional. For questions about an order; some carriers also send a delivery \
                 message to it.",
            ),
        ),
    ]
}

fn recipients() -> Vec<Explained<Recipient>> {
    vec![
        explained(
            recipient("Pakketdienst", &["orders"], RecipientRole::Controller),
            words(
                "Bezorgt de bestellingen en krijgt daarvoor naam, adres en soms het \
                 telefoonnummer. Een pakketdienst bepaalt zelf hoe hij bezorgt; daarom is hij \
                 zelfstandig verantwoordelijk en geen verwerker. Werkt je pakketdienst vanuit een \
                 ander land? Pas het land dan aan.",
                "Delivers the orders and receives the name, the address and sometimes the phone \
                 number for it. A carrier decides for itself how it delivers, so it is an \
                 independent controller, not a processor. Does your carrier work from another \
                 country? Then change the country.",
            ),
        ),
        explained(
            recipient("Betaaldienst", &["orders"], RecipientRole::Controller),
            words(
                "Verwerkt de betaling, zoals iDEAL via een betaalprovider. Een betaaldienst heeft \
                 eigen plichten uit de wet; daarom is hij zelfstandig verantwoordelijk.",
                "Handles the payment, such as iDEAL through a payment provider. A payment service \
                 has its own duties under the law, so it is an independent controller.",
            ),
        ),
        tax_authority("bookkeeping"),
    ]
}
