//! Starters: ready declarations for a common kind of business (a web shop, a freelancer, a
//! salon or therapist, a club), so a new vault has purposes, fields and recipients to review
//! instead of an empty schema.
//!
//! A starter is a declaration the user chooses, never a guess about their business: every
//! default is the conservative one, and each purpose, field and recipient carries what it
//! means in plain Dutch and English, with what to change when the business differs. Everything
//! the statement needs is declared except the controller profile, which only the user knows.

mod club;
mod salon;
mod webshop;
mod zzp;

use rusqlite::Transaction;
use serde::Serialize;

use super::Error;
use super::model::{
    Field, FieldType, LegalBasis, Profiling, Purpose, Recipient, RecipientRole, Retention,
    RetentionPeriod, RetentionStart,
};

/// The starters `kluis init --starter` and the guided setup offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Starter {
    Webshop,
    /// A freelancer (zelfstandige zonder personeel).
    Zzp,
    /// A salon or therapist who keeps notes about health.
    Salon,
    Club,
    /// An empty schema.
    None,
}

/// A text in Dutch and in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Bilingual {
    pub nl: &'static str,
    pub en: &'static str,
}

/// A declaration with what it means for the user, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explained<T> {
    #[serde(flatten)]
    pub declared: T,
    pub meaning: Bilingual,
}

/// Everything a starter declares, for review before it is applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StarterPreview {
    pub starter: Starter,
    pub title: Bilingual,
    /// Who the starter is for, in one sentence.
    pub summary: Bilingual,
    /// In the order the statement shows them.
    pub purposes: Vec<Explained<Purpose>>,
    pub fields: Vec<Explained<Field>>,
    pub recipients: Vec<Explained<Recipient>>,
}

/// What `starter` declares, with its explanations. Pure data: nothing is stored.
pub fn preview(starter: Starter) -> StarterPreview {
    match starter {
        Starter::Webshop => webshop::preview(),
        Starter::Zzp => zzp::preview(),
        Starter::Salon => salon::preview(),
        Starter::Club => club::preview(),
        Starter::None => StarterPreview {
            starter,
            title: words("Leeg beginnen", "Start empty"),
            summary: words(
                "Je legt zelf elk doel en elk veld vast.",
                "You declare every purpose and field yourself.",
            ),
            purposes: Vec::new(),
            fields: Vec::new(),
            recipients: Vec::new(),
        },
    }
}

/// Declares `starter`'s purposes, fields and recipients in `tx`. Refused when the schema
/// already declares purposes: a starter is for a new vault, not a merge.
pub fn apply(tx: &Transaction<'_>, starter: Starter) -> Result<(), Error> {
    let declared = super::purposes(tx)?.len();
    if declared > 0 && starter != Starter::None {
        return Err(Error::StarterNotEmpty { purposes: declared });
    }
    let preview = preview(starter);
    for purpose in &preview.purposes {
        super::add_purpose(tx, &purpose.declared)?;
    }
    for field in &preview.fields {
        super::add_field(tx, &field.declared)?;
    }
    for recipient in &preview.recipients {
        super::add_recipient(tx, &recipient.declared)?;
    }
    Ok(())
}

const fn words(nl: &'static str, en: &'static str) -> Bilingual {
    Bilingual { nl, en }
}

fn explained<T>(declared: T, meaning: Bilingual) -> Explained<T> {
    Explained { declared, meaning }
}

/// A period counted from `start`.
fn kept(period: &str, start: RetentionStart) -> Retention {
    Retention {
        start,
        ..Retention::of(
            period
                .parse::<RetentionPeriod>()
                .expect("starter periods are valid"),
        )
    }
}

/// Kept until an event alone, such as the withdrawal of consent.
fn until(event: RetentionStart) -> Retention {
    Retention {
        start: event,
        ..Retention::default()
    }
}

/// A purpose with its description in both languages, answering "no profiling".
fn purpose(name: &str, basis: LegalBasis, description: Bilingual, retention: Retention) -> Purpose {
    Purpose {
        description_en: Some(description.en.into()),
        retention,
        profiling: Some(Profiling::none()),
        ..Purpose::new(name, basis, description.nl)
    }
}

/// Who the people of a purpose are, in both languages.
fn subjects(purpose: Purpose, who: Bilingual) -> Purpose {
    Purpose {
        subjects: Some(who.nl.into()),
        subjects_en: Some(who.en.into()),
        ..purpose
    }
}

/// A field the person gives, with its label in both languages.
fn field(name: &str, field_type: FieldType, purposes: &[&str], label: Bilingual) -> Field {
    Field {
        label: Some(label.nl.into()),
        label_en: Some(label.en.into()),
        ..Field::new(name, field_type, purposes)
    }
}

fn recipient(name: &str, purposes: &[&str], role: RecipientRole) -> Recipient {
    Recipient {
        name: name.into(),
        purposes: purposes.iter().map(|p| (*p).to_owned()).collect(),
        role,
        country: "NL".into(),
        safeguard: None,
        safeguard_copy: None,
        safeguard_copy_en: None,
        note: None,
        note_en: None,
    }
}

/// The tax authority, which may inspect the accounts a law makes the business keep.
fn tax_authority(purpose: &str) -> Explained<Recipient> {
    explained(
        recipient("Belastingdienst", &[purpose], RecipientRole::Authority),
        words(
            "De Belastingdienst mag je administratie controleren. Dat is een plicht uit de wet, geen keuze.",
            "The tax authority may inspect your accounts. That is a duty under the law, not a choice.",
        ),
    )
}

#[cfg(test)]
mod tests;
