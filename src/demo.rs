//! The built-in demo: a small bakery's schema and a few customers, in memory only.
//!
//! `kluis demo` builds this and prints the privacy statement generated from it, so a new user
//! sees the main job without creating a vault. Nothing is written to disk.

use rusqlite::Connection;

use crate::Error;
use crate::records::{self, consent, record};
use crate::schema::model::{
    DataSource, Field, FieldType, LegalBasis, Profiling, Purpose, Recipient, RecipientRole,
    Retention, Safeguard, SpecialCategory,
};
use crate::schema::{self, ProfileUpdate};
use crate::vault;

/// A migrated in-memory database holding the demo bakery.
pub fn bakery() -> Result<Connection, Error> {
    let mut conn = vault::database::open_scratch()?;
    declare_bakery(&mut conn)?;
    let now = crate::clock::now();
    records::in_transaction(&mut conn, |tx, schema| {
        for (values, newsletter) in customers() {
            let input: Vec<(String, String)> = values
                .iter()
                .map(|(field, value)| ((*field).to_owned(), (*value).to_owned()))
                .collect();
            let values = record::validate_new(schema, &input)?;
            let id = record::insert_record(tx, schema, &values, "demo", now)?;
            if newsletter {
                consent::give_consent(tx, schema, id, "newsletter", "demo", now)?;
            }
        }
        Ok(())
    })?;
    Ok(conn)
}

/// The bakery's profile, purposes, fields and recipients, without customers.
pub fn declare_bakery(conn: &mut Connection) -> Result<(), Error> {
    schema::in_transaction(conn, |tx| {
        schema::set_profile(tx, &profile())?;
        for purpose in purposes() {
            schema::add_purpose(tx, &purpose)?;
        }
        for field in fields() {
            schema::add_field(tx, &field)?;
        }
        for recipient in recipients() {
            schema::add_recipient(tx, &recipient)?;
        }
        Ok(())
    })?;
    Ok(())
}

fn profile() -> ProfileUpdate {
    ProfileUpdate {
        name: Some("Bakkerij Jansen".into()),
        email: Some("privacy@bakkerijjansen.example".into()),
        address: Some("Dorpsstraat 1, 1234 AB Ergens".into()),
        kvk: Some("12345678".into()),
        phone: Some("+31201234567".into()),
        website: Some("https://bakkerijjansen.example".into()),
        ..ProfileUpdate::default()
    }
}

fn retention(period: &str) -> Retention {
    Retention::of(period.parse().expect("demo periods are valid"))
}

/// A purpose with its (Dutch, English) description.
fn purpose(name: &str, basis: LegalBasis, description: (&str, &str), period: &str) -> Purpose {
    Purpose {
        description_en: Some(description.1.into()),
        retention: retention(period),
        profiling: Some(Profiling::none()),
        ..Purpose::new(name, basis, description.0)
    }
}

fn purposes() -> Vec<Purpose> {
    vec![
        Purpose {
            ..purpose(
                "customer-admin",
                LegalBasis::Contract,
                (
                    "Bestellingen aannemen, bezorgen en factureren",
                    "Taking, delivering and invoicing orders",
                ),
                "2y",
            )
        },
        Purpose {
            ..purpose(
                "newsletter",
                LegalBasis::Consent,
                (
                    "Een nieuwsbrief sturen over nieuwe producten",
                    "Sending a newsletter about new products",
                ),
                "2y",
            )
        },
        Purpose {
            law: Some("AWR art. 52, BW 2:10".into()),
            law_en: Some("Dutch General Tax Act s. 52, Civil Code 2:10".into()),
            ..purpose(
                "bookkeeping",
                LegalBasis::LegalObligation,
                (
                    "De fiscale administratie bewaren",
                    "Keeping the tax records",
                ),
                "7y",
            )
        },
        Purpose {
            no_recipients: true,
            interest: Some("Voorkomen dat bestellingen niet betaald worden".into()),
            interest_en: Some("Preventing orders that are never paid for".into()),
            ..purpose(
                "unpaid-orders",
                LegalBasis::LegitimateInterests,
                (
                    "Bijhouden wie een bestelling niet betaalde",
                    "Keeping track of who did not pay for an order",
                ),
                "1y",
            )
        },
        Purpose {
            no_recipients: true,
            ..purpose(
                "allergy-care",
                LegalBasis::Consent,
                (
                    "Rekening houden met allergieën bij bestellingen",
                    "Taking allergies into account in orders",
                ),
                "2y",
            )
        },
    ]
}

/// Who receives the bakery's data: a Dutch bookkeeper, the tax authority, and Mailchimp in
/// the United States on the Data Privacy Framework.
fn recipients() -> Vec<Recipient> {
    let recipient = |name: &str, purposes: &[&str], role, country: &str| Recipient {
        name: name.into(),
        purposes: purposes.iter().map(|p| (*p).to_owned()).collect(),
        role,
        country: country.into(),
        safeguard: None,
        safeguard_copy: None,
        safeguard_copy_en: None,
        note: None,
        note_en: None,
    };
    vec![
        recipient(
            "Boekhouder Van Dijk",
            &["customer-admin", "bookkeeping"],
            RecipientRole::Processor,
            "NL",
        ),
        recipient(
            "Belastingdienst",
            &["bookkeeping"],
            RecipientRole::Authority,
            "NL",
        ),
        Recipient {
            safeguard: Some(Safeguard::Dpf),
            ..recipient("Mailchimp", &["newsletter"], RecipientRole::Processor, "US")
        },
    ]
}

fn field(name: &str, field_type: FieldType, purposes: &[&str], labels: (&str, &str)) -> Field {
    Field {
        label: Some(labels.0.into()),
        label_en: Some(labels.1.into()),
        ..Field::new(name, field_type, purposes)
    }
}

fn fields() -> Vec<Field> {
    vec![
        Field {
            required: true,
            ..field(
                "name",
                FieldType::Text,
                &["customer-admin", "bookkeeping"],
                ("Naam", "Name"),
            )
        },
        Field {
            required: true,
            ..field(
                "email",
                FieldType::Email,
                &["customer-admin", "newsletter", "bookkeeping"],
                ("E-mailadres", "E-mail address"),
            )
        },
        field(
            "phone",
            FieldType::Phone,
            &["customer-admin"],
            ("Telefoonnummer", "Phone number"),
        ),
        field(
            "postcode",
            FieldType::Postcode,
            &["customer-admin", "bookkeeping"],
            ("Postcode", "Postcode"),
        ),
        Field {
            source: DataSource::Own,
            source_note: Some("eigen aantekening bij een onbetaalde bestelling".into()),
            source_note_en: Some("our own note on an unpaid order".into()),
            ..field(
                "unpaid_note",
                FieldType::Text,
                &["unpaid-orders"],
                (
                    "Notitie over onbetaalde bestelling",
                    "Note on an unpaid order",
                ),
            )
        },
        Field {
            special: Some(SpecialCategory::Health),
            art9: Some("explicit-consent".into()),
            ..field(
                "allergies",
                FieldType::Text,
                &["allergy-care"],
                ("Allergieën", "Allergies"),
            )
        },
    ]
}

fn customers() -> Vec<(Vec<(&'static str, &'static str)>, bool)> {
    vec![
        (
            vec![
                ("name", "Jan de Vries"),
                ("email", "jan@example.nl"),
                ("phone", "06-12345678"),
                ("postcode", "1234ab"),
            ],
            true,
        ),
        (
            vec![
                ("name", "Fatima El Amrani"),
                ("email", "fatima@example.nl"),
                ("postcode", "3511 AA"),
            ],
            false,
        ),
        (
            vec![
                ("name", "Piet Bakker"),
                ("email", "piet@example.be"),
                ("phone", "+32 470 12 34 56"),
            ],
            true,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_bakery_builds_and_passes_its_own_rules() {
        let conn = bakery().unwrap();
        let snapshot = schema::load_snapshot(&conn).unwrap();
        assert_eq!(snapshot.purposes.len(), 5);
        assert_eq!(snapshot.fields.len(), 6);
        let records: i64 = conn
            .query_row("SELECT count(*) FROM records", [], |row| row.get(0))
            .unwrap();
        assert_eq!(records, 3);
    }
}
