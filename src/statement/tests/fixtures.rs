//! Hand-built snapshots: a small bakery, and builders for the failure modes.

use crate::schema::model::{
    Cookie, CookieKind, DataSource, Field, FieldType, LegalBasis, Profile, Profiling, Purpose,
    Recipient, RecipientRole, Retention, RetentionPeriod, RetentionStart, RetentionUnit, Safeguard,
    Snapshot,
};
use crate::statement::model::{Settings, build, build_draft};
use crate::statement::render::render;
use crate::statement::{Format, Lang};

/// The complete statement as plain text; a gap fails the test and names itself.
pub fn text(snapshot: &Snapshot, lang: Lang) -> String {
    let model = build(snapshot, lang, date())
        .unwrap_or_else(|incomplete| panic!("the schema is complete ({lang}): {incomplete}"));
    render(&model, Format::Txt, false).unwrap()
}

/// The draft statement as plain text, with a marker in each gap.
pub fn draft(snapshot: &Snapshot, lang: Lang) -> String {
    let model = build_draft(snapshot, &Settings::default(), lang, date());
    render(&model, Format::Txt, false).unwrap()
}

pub fn date() -> time::Date {
    time::macros::date!(2026 - 11 - 29)
}

pub fn years(amount: u32) -> Retention {
    Retention::of(RetentionPeriod {
        amount,
        unit: RetentionUnit::Years,
    })
}

/// The declared answer "no profiling and no automated decisions".
pub fn no_profiling() -> Option<Profiling> {
    Some(Profiling::none())
}

/// A purpose that keeps data 2 years, declared no profiling, and declared nobody outside the
/// business receives its data, so tests about other gaps see only theirs.
pub fn purpose(name: &str, basis: LegalBasis, description: &str) -> Purpose {
    Purpose {
        retention: years(2),
        profiling: no_profiling(),
        no_recipients: true,
        // A legal obligation always names its law.
        law: (basis == LegalBasis::LegalObligation).then(|| "AWR art. 52".into()),
        law_en: (basis == LegalBasis::LegalObligation).then(|| "General Tax Act s. 52".into()),
        ..Purpose::new(name, basis, description)
    }
}

/// [`purpose`] with its English description.
pub fn purpose_en(name: &str, basis: LegalBasis, description: &str, english: &str) -> Purpose {
    Purpose {
        description_en: Some(english.into()),
        ..purpose(name, basis, description)
    }
}

pub fn field(name: &str, purposes: &[&str]) -> Field {
    Field::new(name, FieldType::Text, purposes)
}

pub fn labelled(name: &str, nl: &str, en: &str, purposes: &[&str]) -> Field {
    Field {
        label: Some(nl.into()),
        label_en: Some(en.into()),
        ..field(name, purposes)
    }
}

pub fn profile() -> Profile {
    Profile {
        name: "Bakkerij Jansen".into(),
        email: "privacy@bakkerijjansen.nl".into(),
        address: "Dorpsstraat 1, 1234 AB Ergens".into(),
        kvk: Some("12345678".into()),
        phone: Some("+31201234567".into()),
        website: Some("https://bakkerijjansen.nl".into()),
        dpo_name: None,
        dpo_email: None,
        statement_url: None,
    }
}

/// A small shop: one purpose per common basis, one field from a third party, one the shop adds.
pub fn bakery() -> Snapshot {
    let mut admin = purpose_en(
        "customer-admin",
        LegalBasis::Contract,
        "Bestellingen leveren en factureren",
        "Delivering and invoicing orders",
    );
    let mut newsletter = purpose_en(
        "newsletter",
        LegalBasis::Consent,
        "Een nieuwsbrief sturen over nieuwe broden en acties",
        "Sending a newsletter about new breads and offers",
    );
    newsletter.retention = Retention {
        start: RetentionStart::ConsentWithdrawn,
        note: Some("Onder elke nieuwsbrief staat een link om af te melden.".into()),
        note_en: Some("Every newsletter has a link to unsubscribe.".into()),
        ..Retention::default()
    };
    let mut bookkeeping = purpose_en(
        "bookkeeping",
        LegalBasis::LegalObligation,
        "Onze administratie bewaren voor de Belastingdienst",
        "Keeping our accounts for the Tax Administration",
    );
    bookkeeping.law = Some("AWR art. 52 en BW 2:10".into());
    bookkeeping.law_en = Some("General Tax Act art. 52 and Civil Code 2:10".into());
    bookkeeping.retention = years(7);
    let mut fraud = purpose_en(
        "fraud",
        LegalBasis::LegitimateInterests,
        "Fraude voorkomen bij betalen op rekening",
        "Preventing fraud when paying by invoice",
    );
    fraud.interest = Some("Voorkomen dat we bestellingen leveren die niet betaald worden".into());
    fraud.interest_en = Some("Not delivering orders that are never paid for".into());
    fraud.retention = years(1);
    for purpose in [&mut admin, &mut newsletter, &mut bookkeeping] {
        purpose.no_recipients = false;
    }

    let mut name = labelled("name", "Naam", "Name", &["bookkeeping", "customer-admin"]);
    name.required = true;
    let mut email = labelled(
        "email",
        "E-mailadres",
        "E-mail address",
        &["customer-admin", "newsletter"],
    );
    email.field_type = FieldType::Email;
    email.required = true;
    let mut address = labelled(
        "address",
        "Adres",
        "Address",
        &["bookkeeping", "customer-admin", "fraud"],
    );
    address.required = true;
    let mut phone = labelled(
        "phone",
        "Telefoonnummer",
        "Phone number",
        &["customer-admin"],
    );
    phone.field_type = FieldType::Phone;
    let mut check = labelled(
        "address_check",
        "Adrescontrole",
        "Address check",
        &["fraud"],
    );
    check.field_type = FieldType::Bool;
    check.source = DataSource::ThirdParty;
    check.source_note = Some("PostNL Adrescheck".into());
    check.source_note_en = Some("PostNL Address Check".into());
    let mut unpaid = labelled(
        "unpaid_invoices",
        "Openstaande facturen",
        "Unpaid invoices",
        &["fraud"],
    );
    unpaid.field_type = FieldType::Number;
    unpaid.source = DataSource::Own;
    unpaid.source_note = Some("onze eigen administratie".into());
    unpaid.source_note_en = Some("our own accounts".into());

    Snapshot {
        profile: Some(profile()),
        purposes: vec![bookkeeping, admin, fraud, newsletter],
        fields: vec![address, check, email, name, phone, unpaid],
        recipients: vec![
            recipient(
                "Belastingdienst",
                &["bookkeeping"],
                RecipientRole::Authority,
                "NL",
            ),
            recipient(
                "Bezorgdienst",
                &["customer-admin"],
                RecipientRole::Processor,
                "NL",
            ),
            recipient(
                "Boekhouder",
                &["bookkeeping"],
                RecipientRole::Processor,
                "NL",
            ),
            Recipient {
                safeguard: Some(Safeguard::Dpf),
                ..recipient("Mailchimp", &["newsletter"], RecipientRole::Processor, "US")
            },
            recipient(
                "Webhoster",
                &["customer-admin"],
                RecipientRole::Processor,
                "NL",
            ),
        ],
        ..Snapshot::default()
    }
}

/// A recipient in `country` with no safeguard.
pub fn recipient(name: &str, purposes: &[&str], role: RecipientRole, country: &str) -> Recipient {
    Recipient {
        name: name.into(),
        purposes: purposes.iter().map(|p| (*p).to_owned()).collect(),
        role,
        country: country.into(),
        safeguard: None,
        safeguard_copy: None,
        safeguard_copy_en: None,
        note: None,
        note_en: None,
    }
}

/// A cookie of Matomo, 13 months, its texts in both languages, consent declared.
pub fn cookie(name: &str, kind: CookieKind, country: Option<&str>) -> Cookie {
    Cookie {
        name: name.into(),
        provider: "Matomo".into(),
        kind,
        retention: "13m".into(),
        purpose_text: "Bezoek aan de website meten".into(),
        purpose_text_en: Some("Measuring visits to the website".into()),
        country: country.map(str::to_owned),
        consent_asked: true,
        safeguard: None,
        safeguard_copy: None,
        safeguard_copy_en: None,
    }
}
