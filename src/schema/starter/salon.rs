//! A salon or therapist who makes appointments and keeps notes about health.

use super::{Explained, Starter, StarterPreview, explained, field, kept, purpose, until, words};
use crate::schema::Art9Exception;
use crate::schema::model::{
    Field, FieldType, LegalBasis, Purpose, Recipient, RetentionStart, SpecialCategory,
};

pub(super) fn preview() -> StarterPreview {
    StarterPreview {
        starter: Starter::Salon,
        title: words("Salon of therapeut", "Salon or therapist"),
        summary: words(
            "Je maakt afspraken met klanten en houdt aantekeningen bij over hun gezondheid, zoals \
             allergieën of huidklachten.",
            "You make appointments with clients and keep notes about their health, such as \
             allergies or skin conditions.",
        ),
        purposes: purposes(),
        fields: fields(),
        recipients: Vec::<Explained<Recipient>>::new(),
    }
}

fn purposes() -> Vec<Explained<Purpose>> {
    vec![
        explained(
            Purpose {
                no_recipients: true,
                ..purpose(
                    "appointments",
                    LegalBasis::Contract,
                    words(
                        "Afspraken maken en behandelingen geven",
                        "Making appointments and giving treatments",
                    ),
                    kept("2y", RetentionStart::LastChange),
                )
            },
            words(
                "Zonder naam en contactgegevens kun je geen afspraak maken. Daarom is de \
                 grondslag 'overeenkomst'. Je bewaart de gegevens 2 jaar na de laatste wijziging. \
                 Gebruik je een online agenda of boekingssysteem? Voeg die dan toe als ontvanger \
                 (verwerker): nu staat er dat niemand buiten je bedrijf deze gegevens krijgt.",
                "Without a name and contact details you cannot make an appointment. So the legal \
                 basis is 'contract'. You keep the data for 2 years after the last change. Do you \
                 use an online calendar or booking system? Then add it as a recipient \
                 (processor): for now the statement says nobody outside your business receives \
                 this data.",
            ),
        ),
        explained(
            Purpose {
                no_recipients: true,
                ..purpose(
                    "treatment-notes",
                    LegalBasis::Consent,
                    words(
                        "Aantekeningen over uw gezondheid bijhouden, zodat we u veilig kunnen behandelen",
                        "Keeping notes about your health, so we can treat you safely",
                    ),
                    until(RetentionStart::ConsentWithdrawn),
                )
            },
            words(
                "Gegevens over gezondheid zijn bijzondere persoonsgegevens. Je mag ze alleen \
                 bewaren als de klant daar uitdrukkelijk toestemming voor geeft: vraag die apart \
                 en leg hem vast in kluis. Trekt de klant de toestemming in, dan wis je de \
                 aantekeningen. Ben je zorgverlener volgens de WGBO, zoals een fysiotherapeut? \
                 Dan gelden andere regels, zoals een dossier dat je 20 jaar bewaart: pas dit doel \
                 dan aan.",
                "Data about health is special-category data. You may keep it only when the \
                 client explicitly consents: ask for it separately and record it in kluis. If \
                 the client withdraws consent, you erase the notes. Are you a health care \
                 provider under the Dutch WGBO, such as a physiotherapist? Then other rules \
                 apply, such as a file you keep for 20 years: change this purpose then.",
            ),
        ),
        explained(
            Purpose {
                no_recipients: true,
                interest: Some("Voorkomen dat afspraken worden gemist".into()),
                interest_en: Some("Preventing missed appointments".into()),
                ..purpose(
                    "reminders",
                    LegalBasis::LegitimateInterests,
                    words(
                        "Een herinnering sturen voor uw afspraak",
                        "Sending a reminder of your appointment",
                    ),
                    kept("1y", RetentionStart::LastChange),
                )
            },
            words(
                "Een herinnering per e-mail of sms helpt de klant en jou. Dat is een \
                 gerechtvaardigd belang: de klant hoeft geen toestemming te geven, maar mag wel \
                 bezwaar maken. Dan stuur je geen herinneringen meer. Verstuur je herinneringen \
                 via een dienst? Voeg die dan toe als ontvanger (verwerker).",
                "A reminder by e-mail or text message helps the client and you. That is a \
                 legitimate interest: the client does not have to consent, but may object. Then \
                 you stop sending reminders. Do you send reminders through a service? Then add \
                 it as a recipient (processor).",
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
                    &["appointments", "treatment-notes", "reminders"],
                    words("Naam", "Name"),
                )
            },
            words(
                "Om te weten met wie je een afspraak hebt en bij wie de aantekeningen horen.",
                "To know who an appointment is with and whose notes are whose.",
            ),
        ),
        explained(
            field(
                "phone",
                FieldType::Phone,
                &["appointments", "reminders"],
                words("Telefoonnummer", "Phone number"),
            ),
            words(
                "Om een afspraak te verzetten, en voor een herinnering per sms.",
                "To move an appointment, and for a reminder by text message.",
            ),
        ),
        explained(
            field(
                "email",
                FieldType::Email,
                &["appointments", "reminders"],
                words("E-mailadres", "E-mail address"),
            ),
            words(
                "Voor de bevestiging van een afspraak en een herinnering per e-mail.",
                "For the confirmation of an appointment and a reminder by e-mail.",
            ),
        ),
        explained(
            Field {
                special: Some(SpecialCategory::Health),
                art9: Some(Art9Exception::ExplicitConsent.as_str().into()),
                ..field(
                    "health_notes",
                    FieldType::Text,
                    &["treatment-notes"],
                    words("Aantekeningen over gezondheid", "Notes about health"),
                )
            },
            words(
                "Bijvoorbeeld allergieën, huidklachten of medicijnen die voor de behandeling \
                 belangrijk zijn. Schrijf alleen op wat je nodig hebt om veilig te behandelen. \
                 kluis laat je hier pas iets invullen als je de toestemming van de klant hebt \
                 vastgelegd.",
                "For example allergies, skin conditions or medicines that matter for the \
                 treatment. Write down only what you need to treat safely. kluis lets you fill \
                 this in only after you have recorded the client's consent.",
            ),
        ),
    ]
}
