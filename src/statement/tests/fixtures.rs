//! Hand-built snapshots: a small bakery, and builders for the failure modes.

use crate::schema::model::{
    DataSource, Field, FieldType, LegalBasis, Profile, Purpose, Retention, RetentionPeriod,
    RetentionUnit, Snapshot,
};

pub fn date() -> time::Date {
    time::macros::date!(2026 - 11 - 29)
}

pub fn years(amount: u32) -> Retention {
    Retention::of(RetentionPeriod {
        amount,
        unit: RetentionUnit::Years,
    })
}

pub fn purpose(name: &str, basis: LegalBasis, description: &str) -> Purpose {
    Purpose {
        retention: years(2),
        // A legal obligation always names its law.
        law: (basis == LegalBasis::LegalObligation).then(|| "AWR art. 52".into()),
        ..Purpose::new(name, basis, description)
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
    let mut admin = purpose(
        "customer-admin",
        LegalBasis::Contract,
        "Bestellingen leveren en factureren",
    );
    admin.legacy_recipients = vec![
        "Bezorgdienst (verwerker)".into(),
        "Webhoster (verwerker)".into(),
    ];
    let mut newsletter = purpose(
        "newsletter",
        LegalBasis::Consent,
        "Een nieuwsbrief sturen over nieuwe broden en acties",
    );
    newsletter.retention = Retention {
        note: Some("Tot u zich afmeldt. Daarna wissen we uw e-mailadres binnen 30 dagen.".into()),
        ..Retention::default()
    };
    newsletter.legacy_recipients = vec!["Mailchimp (verwerker)".into()];
    newsletter.legacy_transfers = vec!["Verenigde Staten: EU-US Data Privacy Framework".into()];
    let mut bookkeeping = purpose(
        "bookkeeping",
        LegalBasis::LegalObligation,
        "Onze administratie bewaren voor de Belastingdienst",
    );
    bookkeeping.law = Some("AWR art. 52 en BW 2:10".into());
    bookkeeping.retention = years(7);
    bookkeeping.legacy_recipients = vec!["Boekhouder (verwerker)".into(), "Belastingdienst".into()];
    let mut fraud = purpose(
        "fraud",
        LegalBasis::LegitimateInterests,
        "Fraude voorkomen bij betalen op rekening",
    );
    fraud.interest = Some("Voorkomen dat we bestellingen leveren die niet betaald worden".into());
    fraud.retention = years(1);

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
    let mut unpaid = labelled(
        "unpaid_invoices",
        "Openstaande facturen",
        "Unpaid invoices",
        &["fraud"],
    );
    unpaid.field_type = FieldType::Number;
    unpaid.source = DataSource::Own;
    unpaid.source_note = Some("onze eigen administratie".into());

    Snapshot {
        profile: Some(profile()),
        purposes: vec![bookkeeping, admin, fraud, newsletter],
        fields: vec![address, check, email, name, phone, unpaid],
        ..Snapshot::default()
    }
}
