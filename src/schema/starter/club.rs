//! A club or association: members, dues and a newsletter, with members under 16.

use super::{
    Bilingual, Explained, Starter, StarterPreview, explained, field, kept, purpose, subjects,
    until, words,
};
use crate::schema::model::{Field, FieldType, LegalBasis, Purpose, Recipient, RetentionStart};

const MEMBERS: Bilingual = words("leden", "members");

/// Declared for every purpose: a club with youth members must tell parents, and a club
/// without them turns it off, rather than the other way round.
fn with_minors(purpose: Purpose) -> Purpose {
    Purpose {
        minors: true,
        no_recipients: true,
        ..purpose
    }
}

pub(super) fn preview() -> StarterPreview {
    StarterPreview {
        starter: Starter::Club,
        title: words("Vereniging of club", "Club or association"),
        summary: words(
            "Je houdt een ledenlijst bij, int contributie en stuurt een nieuwsbrief. Er kunnen \
             leden jonger dan 16 zijn.",
            "You keep a list of members, collect dues and send a newsletter. Some members may \
             be under 16.",
        ),
        purposes: purposes(),
        fields: fields(),
        recipients: Vec::<Explained<Recipient>>::new(),
    }
}

fn purposes() -> Vec<Explained<Purpose>> {
    vec![
        explained(
            with_minors(subjects(
                purpose(
                    "membership",
                    LegalBasis::Contract,
                    words(
                        "De ledenadministratie bijhouden en leden uitnodigen voor activiteiten",
                        "Keeping the list of members and inviting members to activities",
                    ),
                    kept("1y", RetentionStart::EndOfContract),
                ),
                MEMBERS,
            )),
            words(
                "Het lidmaatschap is een overeenkomst tussen het lid en de club. Na het opzeggen \
                 bewaar je de gegevens nog 1 jaar, bijvoorbeeld voor de laatste contributie. \
                 kluis weet niet wanneer iemand opzegt: die controle doe je zelf. De starter gaat \
                 ervan uit dat er leden jonger dan 16 zijn; de privacyverklaring legt dan ook \
                 ouders uit wat je doet. Zijn er geen jonge leden? Zet het dan uit. Geef je \
                 ledengegevens door aan een bond, zoals de KNVB? Voeg die dan toe als ontvanger.",
                "Membership is a contract between the member and the club. After a member \
                 leaves, you keep the data for 1 more year, for example for the last dues. kluis \
                 does not know when someone leaves: you check that yourself. The starter assumes \
                 some members are under 16; the privacy statement then also explains to parents \
                 what you do. No young members? Then turn it off. Do you pass member data on to \
                 a federation, such as the KNVB? Then add it as a recipient.",
            ),
        ),
        explained(
            Purpose {
                law: Some("BW 2:10".into()),
                law_en: Some("Dutch Civil Code, article 2:10".into()),
                ..with_minors(subjects(
                    purpose(
                        "bookkeeping",
                        LegalBasis::LegalObligation,
                        words(
                            "De contributie en de financiële administratie bewaren",
                            "Keeping the dues and the financial records",
                        ),
                        kept("7y", RetentionStart::LastChange),
                    ),
                    MEMBERS,
                ))
            },
            words(
                "Een vereniging moet haar administratie 7 jaar bewaren (Burgerlijk Wetboek, \
                 artikel 2:10). Daarom blijven naam en adres in de administratie staan, ook als \
                 iemand opzegt. De kascommissie hoort bij de club en is dus geen ontvanger.",
                "An association must keep its records for 7 years (Dutch Civil Code, article \
                 2:10). So the name and address stay in the records, even after someone leaves. \
                 The audit committee is part of the club, so it is not a recipient.",
            ),
        ),
        explained(
            with_minors(subjects(
                purpose(
                    "newsletter",
                    LegalBasis::Consent,
                    words(
                        "Een nieuwsbrief sturen over de club",
                        "Sending a newsletter about the club",
                    ),
                    until(RetentionStart::ConsentWithdrawn),
                ),
                words("abonnees op de nieuwsbrief", "newsletter subscribers"),
            )),
            words(
                "Alleen met toestemming. Voor een kind jonger dan 16 geeft een ouder de \
                 toestemming. Wie zich afmeldt, trekt de toestemming in; dan gebruik je het \
                 e-mailadres niet meer voor de nieuwsbrief. Verstuur je de nieuwsbrief met een \
                 dienst zoals Mailchimp of Laposta? Voeg die dan toe als ontvanger.",
                "Only with consent. For a child under 16 a parent gives the consent. \
                 Unsubscribing withdraws the consent; then you no longer use the e-mail address \
                 for the newsletter. Do you send it with a service such as Mailchimp or Laposta? \
                 Then add it as a recipient.",
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
                    &["membership", "bookkeeping"],
                    words("Naam", "Name"),
                )
            },
            words(
                "De naam van het lid, voor de ledenlijst en de administratie.",
                "The member's name, for the list of members and the records.",
            ),
        ),
        explained(
            field(
                "email",
                FieldType::Email,
                &["membership", "newsletter"],
                words("E-mailadres", "E-mail address"),
            ),
            words(
                "Om leden te laten weten wat er gebeurt, en voor de nieuwsbrief als iemand zich \
                 daarvoor aanmeldde.",
                "To tell members what is going on, and for the newsletter if someone signed up \
                 for it.",
            ),
        ),
        explained(
            field(
                "phone",
                FieldType::Phone,
                &["membership"],
                words("Telefoonnummer", "Phone number"),
            ),
            words(
                "Niet verplicht. Om een lid snel te bereiken, bijvoorbeeld als een training niet \
                 doorgaat.",
                "Optional. To reach a member quickly, for example when a practice is cancelled.",
            ),
        ),
        explained(
            field(
                "address",
                FieldType::Text,
                &["membership", "bookkeeping"],
                words(
                    "Adres (straat, huisnummer, plaats)",
                    "Address (street, number, town)",
                ),
            ),
            words(
                "Voor de ledenlijst en de administratie van de contributie.",
                "For the list of members and the records of the dues.",
            ),
        ),
        explained(
            field(
                "postcode",
                FieldType::Postcode,
                &["membership", "bookkeeping"],
                words("Postcode", "Postcode"),
            ),
            words(
                "Hoort bij het adres. kluis neemt alleen Nederlandse postcodes aan (1234 AB).",
                "Part of the address. kluis accepts Dutch postcodes only (1234 AB).",
            ),
        ),
        explained(
            field(
                "date_of_birth",
                FieldType::Date,
                &["membership"],
                words("Geboortedatum", "Date of birth"),
            ),
            words(
                "Om leden in de juiste leeftijdsgroep in te delen en om te weten wie jonger is \
                 dan 16. Heb je dat niet nodig? Verwijder het veld dan.",
                "To put members in the right age group and to know who is under 16. Do you not \
                 need that? Then remove the field.",
            ),
        ),
    ]
}
