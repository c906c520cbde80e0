//! Three very different small businesses, declared completely in Dutch and English: a webshop,
//! a beauty salon with health notes, and a sports club with children, camera images and
//! published photos. Their statements are snapshots in both languages, so a change in any
//! sentence shows up in review.

use super::fixtures::{date, no_profiling};
use crate::schema::model::{
    Cookie, CookieKind, DataSource, Field, FieldType, LegalBasis, OutsideCategory, Profile,
    Profiling, ProfilingKind, Purpose, Recipient, RecipientRole, Retention, RetentionPeriod,
    RetentionStart, RetentionUnit, Safeguard, Snapshot, SpecialCategory,
};
use crate::statement::model::build;
use crate::statement::render::render;
use crate::statement::{Format, Lang};

fn period(amount: u32, unit: RetentionUnit) -> Option<RetentionPeriod> {
    Some(RetentionPeriod { amount, unit })
}

fn retention(period: Option<RetentionPeriod>, start: RetentionStart) -> Retention {
    Retention {
        period,
        start,
        ..Retention::default()
    }
}

/// A purpose with both descriptions, a retention and the answer "no profiling".
fn purpose(name: &str, basis: LegalBasis, (nl, en): (&str, &str), retention: Retention) -> Purpose {
    Purpose {
        description_en: Some(en.into()),
        retention,
        profiling: no_profiling(),
        ..Purpose::new(name, basis, nl)
    }
}

fn bookkeeping() -> Purpose {
    Purpose {
        law: Some("AWR art. 52 en BW 2:10".into()),
        law_en: Some("Dutch General Tax Act s. 52 and Civil Code 2:10".into()),
        ..purpose(
            "bookkeeping",
            LegalBasis::LegalObligation,
            (
                "Onze administratie bewaren voor de Belastingdienst",
                "Keeping our records for the tax authorities",
            ),
            retention(period(7, RetentionUnit::Years), RetentionStart::Created),
        )
    }
}

fn field(name: &str, field_type: FieldType, (nl, en): (&str, &str), purposes: &[&str]) -> Field {
    Field {
        label: Some(nl.into()),
        label_en: Some(en.into()),
        ..Field::new(name, field_type, purposes)
    }
}

fn required(field: Field) -> Field {
    Field {
        required: true,
        ..field
    }
}

fn recipient(
    name: &str,
    purposes: &[&str],
    role: RecipientRole,
    country: &str,
    safeguard: Option<Safeguard>,
) -> Recipient {
    Recipient {
        name: name.into(),
        purposes: purposes.iter().map(|p| (*p).to_owned()).collect(),
        role,
        country: country.into(),
        safeguard,
        safeguard_copy: None,
        safeguard_copy_en: None,
        note: None,
        note_en: None,
    }
}

fn profile(name: &str, email: &str, address: &str, website: &str) -> Profile {
    Profile {
        name: name.into(),
        email: email.into(),
        address: address.into(),
        kvk: Some("12345678".into()),
        phone: None,
        website: Some(website.into()),
        dpo_name: None,
        dpo_email: None,
        statement_url: Some(format!("{website}/privacy")),
    }
}

/// A webshop: orders, a newsletter through a US mail service, bookkeeping, and a payment
/// risk check that profiles customers.
pub fn webshop() -> Snapshot {
    let orders = purpose(
        "orders",
        LegalBasis::Contract,
        (
            "Bestellingen leveren en factureren",
            "Delivering and invoicing orders",
        ),
        retention(period(2, RetentionUnit::Years), RetentionStart::LastChange),
    );
    let newsletter = purpose(
        "newsletter",
        LegalBasis::Consent,
        (
            "Een nieuwsbrief sturen over nieuwe fietsen en acties",
            "Sending a newsletter about new bikes and offers",
        ),
        retention(None, RetentionStart::ConsentWithdrawn),
    );
    let payment_risk = Purpose {
        interest: Some("Voorkomen dat we leveren zonder betaald te worden".into()),
        interest_en: Some("Not delivering orders that are never paid for".into()),
        profiling: Some(Profiling {
            kind: ProfilingKind::Profiling,
            logic: Some("We tellen hoeveel facturen van u te laat betaald zijn.".into()),
            logic_en: Some("We count how many of your invoices were paid late.".into()),
            effect: Some(
                "Bij drie of meer vragen we u vooraf te betalen. Een medewerker beslist.".into(),
            ),
            effect_en: Some(
                "With three or more we ask you to pay in advance. An employee decides.".into(),
            ),
        }),
        no_recipients: true,
        ..purpose(
            "payment-risk",
            LegalBasis::LegitimateInterests,
            (
                "Betalen op rekening alleen aanbieden bij een goede betaalgeschiedenis",
                "Offering payment by invoice only with a good payment history",
            ),
            retention(period(1, RetentionUnit::Years), RetentionStart::LastChange),
        )
    };
    let mut late = field(
        "late_invoices",
        FieldType::Number,
        ("Te laat betaalde facturen", "Invoices paid late"),
        &["payment-risk"],
    );
    late.source = DataSource::Own;
    late.source_note = Some("onze eigen administratie".into());
    late.source_note_en = Some("our own records".into());
    Snapshot {
        profile: Some(profile(
            "Fietsenwinkel De Spaak",
            "privacy@despaak.example",
            "Stationsweg 4, 3811 AB Amersfoort",
            "https://despaak.example",
        )),
        purposes: vec![orders, newsletter, bookkeeping(), payment_risk],
        fields: vec![
            required(field(
                "name",
                FieldType::Text,
                ("Naam", "Name"),
                &["orders", "bookkeeping"],
            )),
            required(field(
                "email",
                FieldType::Email,
                ("E-mailadres", "E-mail address"),
                &["orders", "newsletter"],
            )),
            required(field(
                "address",
                FieldType::Text,
                ("Adres", "Address"),
                &["orders", "bookkeeping"],
            )),
            field(
                "phone",
                FieldType::Phone,
                ("Telefoonnummer", "Phone number"),
                &["orders"],
            ),
            late,
        ],
        recipients: vec![
            recipient(
                "Boekhoudkantoor Vermeer",
                &["bookkeeping"],
                RecipientRole::Processor,
                "NL",
                None,
            ),
            recipient(
                "Belastingdienst",
                &["bookkeeping"],
                RecipientRole::Authority,
                "NL",
                None,
            ),
            recipient(
                "Mailchimp (Intuit Inc.)",
                &["newsletter"],
                RecipientRole::Processor,
                "US",
                Some(Safeguard::Dpf),
            ),
            recipient("PostNL", &["orders"], RecipientRole::Controller, "NL", None),
            recipient(
                "Webwinkelsoftware GmbH",
                &["orders"],
                RecipientRole::Processor,
                "DE",
                None,
            ),
        ],
        cookies: vec![
            Cookie {
                name: "winkelmand".into(),
                provider: "Fietsenwinkel De Spaak".into(),
                kind: CookieKind::Functional,
                retention: "session".into(),
                purpose_text: "Onthoudt wat in uw winkelmand zit".into(),
                purpose_text_en: Some("Remembers what is in your basket".into()),
                country: None,
                consent_asked: false,
                safeguard: None,
                safeguard_copy: None,
                safeguard_copy_en: None,
            },
            Cookie {
                name: "_pk_id".into(),
                provider: "Matomo (eigen server)".into(),
                kind: CookieKind::Analytics,
                retention: "13m".into(),
                purpose_text: "Telt bezoeken om de website te verbeteren".into(),
                purpose_text_en: Some("Counts visits to improve the website".into()),
                country: Some("NL".into()),
                consent_asked: true,
                safeguard: None,
                safeguard_copy: None,
                safeguard_copy_en: None,
            },
        ],
    }
}

/// A beauty salon: appointments, treatment notes with health data under explicit consent,
/// text-message reminders and bookkeeping.
pub fn salon() -> Snapshot {
    let appointments = purpose(
        "appointments",
        LegalBasis::Contract,
        (
            "Afspraken maken en behandelingen uitvoeren",
            "Making appointments and giving treatments",
        ),
        retention(period(2, RetentionUnit::Years), RetentionStart::LastChange),
    );
    let reminders = purpose(
        "reminders",
        LegalBasis::Consent,
        (
            "Een herinnering sturen een dag voor uw afspraak",
            "Sending a reminder the day before your appointment",
        ),
        retention(None, RetentionStart::ConsentWithdrawn),
    );
    let mut health = field(
        "skin_notes",
        FieldType::Text,
        (
            "Huidaandoeningen en allergieën",
            "Skin conditions and allergies",
        ),
        &["appointments"],
    );
    health.special = Some(SpecialCategory::Health);
    health.art9 = Some("explicit-consent".into());
    Snapshot {
        profile: Some(profile(
            "Schoonheidssalon Lotus",
            "info@salonlotus.example",
            "Kerkstraat 12, 5211 KH 's-Hertogenbosch",
            "https://salonlotus.example",
        )),
        purposes: vec![appointments, reminders, bookkeeping()],
        fields: vec![
            required(field(
                "name",
                FieldType::Text,
                ("Naam", "Name"),
                &["appointments", "bookkeeping"],
            )),
            required(field(
                "phone",
                FieldType::Phone,
                ("Telefoonnummer", "Phone number"),
                &["appointments", "reminders"],
            )),
            health,
        ],
        recipients: vec![
            recipient(
                "Salonized",
                &["appointments", "reminders"],
                RecipientRole::Processor,
                "NL",
                None,
            ),
            recipient(
                "Boekhouder Van Dijk",
                &["bookkeeping"],
                RecipientRole::Processor,
                "NL",
                None,
            ),
        ],
        cookies: Vec::new(),
    }
}

/// A football club: members including children, match photos on the website, a camera in
/// the canteen, and the federation's registration.
pub fn club() -> Snapshot {
    let members = |purpose: Purpose| Purpose {
        subjects: Some("leden".into()),
        subjects_en: Some("members".into()),
        minors: true,
        ..purpose
    };
    let membership = members(purpose(
        "membership",
        LegalBasis::Contract,
        (
            "De ledenadministratie en de contributie bijhouden",
            "Keeping the membership records and collecting fees",
        ),
        retention(
            period(2, RetentionUnit::Years),
            RetentionStart::EndOfContract,
        ),
    ));
    let photos = Purpose {
        categories: vec![OutsideCategory {
            text: "Foto's van wedstrijden op onze website".into(),
            text_en: Some("Match photos on our website".into()),
        }],
        no_recipients: true,
        ..members(purpose(
            "photos",
            LegalBasis::Consent,
            (
                "Foto's van wedstrijden publiceren",
                "Publishing photos of matches",
            ),
            retention(None, RetentionStart::ConsentWithdrawn),
        ))
    };
    let camera = Purpose {
        interest: Some("Diefstal en vernieling in de kantine voorkomen".into()),
        interest_en: Some("Preventing theft and damage in the canteen".into()),
        categories: vec![OutsideCategory {
            text: "Camerabeelden van de kantine".into(),
            text_en: Some("Camera images of the canteen".into()),
        }],
        no_recipients: true,
        ..members(purpose(
            "camera",
            LegalBasis::LegitimateInterests,
            (
                "Camerabewaking in de kantine",
                "Camera surveillance in the canteen",
            ),
            retention(period(28, RetentionUnit::Days), RetentionStart::Created),
        ))
    };
    Snapshot {
        profile: Some(profile(
            "Voetbalvereniging SV Oranje",
            "secretaris@svoranje.example",
            "Sportlaan 1, 7511 AA Enschede",
            "https://svoranje.example",
        )),
        purposes: vec![
            membership,
            photos,
            camera,
            Purpose {
                subjects: Some("leden".into()),
                subjects_en: Some("members".into()),
                ..bookkeeping()
            },
        ],
        fields: vec![
            required(field(
                "name",
                FieldType::Text,
                ("Naam", "Name"),
                &["membership", "bookkeeping"],
            )),
            required(field(
                "birth_date",
                FieldType::Date,
                ("Geboortedatum", "Date of birth"),
                &["membership"],
            )),
            required(field(
                "email",
                FieldType::Email,
                ("E-mailadres", "E-mail address"),
                &["membership"],
            )),
            field(
                "iban",
                FieldType::Text,
                ("Rekeningnummer", "Bank account number"),
                &["membership", "bookkeeping"],
            ),
        ],
        recipients: vec![
            recipient(
                "KNVB",
                &["membership"],
                RecipientRole::Controller,
                "NL",
                None,
            ),
            recipient(
                "Administratiekantoor De Vries",
                &["bookkeeping"],
                RecipientRole::Processor,
                "NL",
                None,
            ),
        ],
        cookies: Vec::new(),
    }
}

/// Each business, in each language, as a complete statement in Markdown.
#[test]
fn three_businesses_statement_snapshots() {
    let businesses = [("webshop", webshop()), ("salon", salon()), ("club", club())];
    for (name, snapshot) in businesses {
        for lang in [Lang::Nl, Lang::En] {
            let model = match build(&snapshot, lang, date()) {
                Ok(model) => model,
                Err(incomplete) => panic!("{name} {lang} is incomplete:\n{incomplete}"),
            };
            let text = render(&model, Format::Md, false).unwrap();
            insta::assert_snapshot!(format!("{name}_{lang}"), text);
        }
    }
}
