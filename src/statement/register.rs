//! The Art. 30(1) register of processing activities (verwerkingsregister), one row per
//! purpose, plus the legal basis the Autoriteit Persoonsgegevens keeps in its own register.
//!
//! The register is an internal document: gaps are shown as markers and listed in `missing`
//! instead of refusing, so a business sees its whole register while it fills them in.

use serde::Serialize;

use crate::safe_csv;
use crate::schema::model::{LegalBasis, Snapshot};

use super::english;
use super::missing::{Missing, ProfileItem};
use super::model::{
    Row, field_label, purpose_description, purpose_interest, purpose_law, split_transfer,
};
use super::render::render_template;
use super::texts::{self, fill, join_words};
use super::{Error, Lang};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Activity {
    /// The purpose's stored name.
    pub purpose: String,
    pub cells: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Register {
    pub lang: Lang,
    pub title: &'static str,
    pub intro: &'static str,
    pub h_controller: &'static str,
    pub h_security: &'static str,
    pub h_activities: &'static str,
    /// Controller and DPO contact.
    pub controller: Vec<Row>,
    pub security: Vec<&'static str>,
    pub rows: Vec<Activity>,
    pub updated: String,
    pub missing: Vec<Missing>,
}

struct Words {
    title: &'static str,
    intro: &'static str,
    h_controller: &'static str,
    h_security: &'static str,
    h_activities: &'static str,
    controller: &'static str,
    dpo: &'static str,
    dpo_none: &'static str,
    purpose: &'static str,
    description: &'static str,
    basis: &'static str,
    interest: &'static str,
    law: &'static str,
    subjects: &'static str,
    subjects_value: &'static str,
    data: &'static str,
    data_none: &'static str,
    special: &'static str,
    recipients: &'static str,
    transfers: &'static str,
    none: &'static str,
    retention: &'static str,
    security: &'static str,
    updated: &'static str,
    measures: [&'static str; 6],
}

const NL: Words = Words {
    title: "Register van verwerkingsactiviteiten",
    intro: "Dit register volgt artikel 30 lid 1 AVG. Elke verwerking is één doel in kluis, met de grondslag erbij.",
    h_controller: "Verwerkingsverantwoordelijke",
    h_security: "Beveiligingsmaatregelen",
    h_activities: "Verwerkingen",
    controller: "Verwerkingsverantwoordelijke",
    dpo: "Functionaris gegevensbescherming",
    dpo_none: "niet aangesteld",
    purpose: "Verwerking",
    description: "Doel",
    basis: "Grondslag",
    interest: "Gerechtvaardigd belang",
    law: "Wet",
    subjects: "Categorieën betrokkenen",
    subjects_value: "klanten",
    data: "Categorieën persoonsgegevens",
    data_none: "nog geen",
    special: "bijzonder",
    recipients: "Ontvangers",
    transfers: "Doorgifte buiten de EER en waarborgen",
    none: "geen",
    retention: "Bewaartermijn",
    security: "Beveiliging",
    updated: "Bijgewerkt op {date}.",
    measures: [
        "Alle gegevens staan in één versleuteld bestand (age). De sleutel komt van een wachtwoord via Argon2id, of van een age-sleutel.",
        "Onversleutelde gegevens staan alleen in het werkgeheugen, nooit als bestand op schijf.",
        "Elk veld hoort bij een doel met een grondslag; een export per doel toont alleen de velden en personen van dat doel.",
        "Gegevens waarvan de bewaartermijn voorbij is, worden gewist met kluis purge. Gewiste waarden worden in het bestand overschreven.",
        "Elke wijziging, export en verwijdering komt in een auditlog in de kluis, zonder de waarden zelf.",
        "Een slot voorkomt dat twee mensen tegelijk schrijven; elke opslag is atomair.",
    ],
};

const EN: Words = Words {
    title: "Register of processing activities",
    intro: "This register follows GDPR Article 30(1). Each processing activity is one purpose in kluis, with its legal basis.",
    h_controller: "Controller",
    h_security: "Security measures",
    h_activities: "Processing activities",
    controller: "Controller",
    dpo: "Data protection officer",
    dpo_none: "not appointed",
    purpose: "Processing activity",
    description: "Purpose",
    basis: "Legal basis",
    interest: "Legitimate interest",
    law: "Law",
    subjects: "Categories of data subjects",
    subjects_value: "customers",
    data: "Categories of personal data",
    data_none: "none yet",
    special: "special category",
    recipients: "Recipients",
    transfers: "Transfers outside the EEA and safeguards",
    none: "none",
    retention: "Erasure period",
    security: "Security",
    updated: "Updated on {date}.",
    measures: [
        "All data is in one encrypted file (age). The key comes from a passphrase through Argon2id, or from an age key.",
        "Unencrypted data exists only in working memory, never as a file on disk.",
        "Every field belongs to a purpose with a legal basis; an export per purpose shows only that purpose's fields and people.",
        "Data past its retention period is erased with kluis purge. Erased values are overwritten inside the file.",
        "Every change, export and erasure is written to an audit log inside the vault, without the values themselves.",
        "A lock stops two people writing at once; every save is atomic.",
    ],
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// Builds the register; never fails, but lists what is missing.
pub fn build_register(snapshot: &Snapshot, lang: Lang, date: time::Date) -> Register {
    let w = words(lang);
    let mut missing = Vec::new();
    let mark = |m: Missing, missing: &mut Vec<Missing>| {
        let marker = m.marker(lang);
        if !missing.contains(&m) {
            missing.push(m);
        }
        marker
    };
    let controller_text = match &snapshot.profile {
        None => mark(Missing::Profile, &mut missing),
        Some(p) => {
            let mut parts = Vec::new();
            for (item, value) in [
                (ProfileItem::Name, &p.name),
                (ProfileItem::Address, &p.address),
                (ProfileItem::Email, &p.email),
            ] {
                parts.push(match value.trim() {
                    "" => mark(Missing::ProfileItem { item }, &mut missing),
                    text => text.to_string(),
                });
            }
            for extra in [&p.phone, &p.kvk].into_iter().flatten() {
                if !extra.trim().is_empty() {
                    parts.push(extra.trim().to_string());
                }
            }
            parts.join(", ")
        }
    };
    let dpo_text = snapshot
        .profile
        .as_ref()
        .map(|p| {
            [&p.dpo_name, &p.dpo_email]
                .into_iter()
                .flatten()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| w.dpo_none.to_string());
    let row = |label: &str, value: String| Row {
        label: label.to_string(),
        value,
    };
    let mut purposes: Vec<_> = snapshot.purposes.iter().collect();
    purposes.sort_by(|a, b| a.name.cmp(&b.name));
    let mut fields: Vec<_> = snapshot.fields.iter().collect();
    fields.sort_by(|a, b| a.name.cmp(&b.name));
    let mut rows = Vec::new();
    for purpose in purposes {
        let mut data: Vec<String> = Vec::new();
        for f in fields.iter().filter(|f| f.purposes.contains(&purpose.name)) {
            let label = field_label(lang, f).unwrap_or_else(|gap| mark(gap, &mut missing));
            data.push(match f.special {
                Some(special) => format!(
                    "{label} ({}: {})",
                    w.special,
                    texts::special_words(lang, special)
                ),
                None => label,
            });
        }
        let description =
            purpose_description(lang, purpose).unwrap_or_else(|gap| mark(gap, &mut missing));
        let mut cells = vec![
            row(w.description, description),
            row(w.basis, texts::basis_name(lang, purpose.basis).to_string()),
        ];
        if let Some(interest) = purpose_interest(lang, purpose) {
            let interest = interest.unwrap_or_else(|gap| mark(gap, &mut missing));
            cells.push(row(w.interest, interest));
        } else if purpose.basis == LegalBasis::LegitimateInterests {
            let marker = mark(
                Missing::Interest {
                    purpose: purpose.name.clone(),
                },
                &mut missing,
            );
            cells.push(row(w.interest, marker));
        }
        if let Some(law) = purpose_law(lang, purpose) {
            let law = law.unwrap_or_else(|gap| mark(gap, &mut missing));
            cells.push(row(w.law, law));
        }
        cells.push(row(w.subjects, w.subjects_value.to_string()));
        cells.push(row(
            w.data,
            if data.is_empty() {
                w.data_none.to_string()
            } else {
                data.join(", ")
            },
        ));
        let recipients: Vec<String> = purpose
            .legacy_recipients
            .iter()
            .map(|r| r.trim().to_string())
            .collect();
        cells.push(row(
            w.recipients,
            if recipients.is_empty() {
                w.none.to_string()
            } else {
                join_words(lang, &recipients)
            },
        ));
        let mut transfers = Vec::new();
        for transfer in &purpose.legacy_transfers {
            transfers.push(match split_transfer(transfer) {
                Some((country, safeguard)) => format!("{country}: {safeguard}"),
                None => mark(
                    Missing::TransferSafeguard {
                        purpose: purpose.name.clone(),
                        transfer: transfer.clone(),
                    },
                    &mut missing,
                ),
            });
        }
        cells.push(row(
            w.transfers,
            if transfers.is_empty() {
                w.none.to_string()
            } else {
                transfers.join("; ")
            },
        ));
        let mut retention =
            super::retention::words(lang, purpose).unwrap_or_else(|gap| mark(gap, &mut missing));
        if let Some(note) = english::pick(
            lang,
            purpose.retention.note.as_deref(),
            purpose.retention.note_en.as_deref(),
            || english::purpose_gap(&purpose.name, "the retention note", "--retention-note-en"),
        ) {
            let note = note.unwrap_or_else(|gap| mark(gap, &mut missing));
            retention = format!("{retention}. {note}");
        }
        cells.push(row(w.retention, retention));
        rows.push(Activity {
            purpose: purpose.name.clone(),
            cells,
        });
    }
    Register {
        lang,
        title: w.title,
        intro: w.intro,
        h_controller: w.h_controller,
        h_security: w.h_security,
        h_activities: w.h_activities,
        controller: vec![row(w.controller, controller_text), row(w.dpo, dpo_text)],
        security: w.measures.to_vec(),
        rows,
        updated: fill(w.updated, &[("date", &texts::date_words(lang, date))]),
        missing,
    }
}

/// The register as Markdown.
pub fn render_markdown(register: &Register) -> Result<String, Error> {
    render_template(
        "register.md",
        minijinja::value::Value::from_serialize(register),
    )
}

/// The register as CSV: a header row, then one row per purpose. Controller, DPO and the
/// security measures repeat in every row so that each row stands on its own.
pub fn render_csv(register: &Register) -> String {
    let w = words(register.lang);
    let mut out = String::new();
    let mut header = vec![w.purpose.to_string()];
    header.extend(register.controller.iter().map(|r| r.label.clone()));
    // Every activity has the same labels except the optional interest and law columns,
    // so the header is the union in a fixed order.
    let all = [
        w.description,
        w.basis,
        w.interest,
        w.law,
        w.subjects,
        w.data,
        w.recipients,
        w.transfers,
        w.retention,
    ];
    header.extend(all.iter().map(|s| s.to_string()));
    header.push(w.security.to_string());
    safe_csv::write_row(&mut out, header.iter().map(String::as_str));
    let security = register.security.join(" ");
    for activity in &register.rows {
        let mut record = vec![activity.purpose.as_str()];
        record.extend(register.controller.iter().map(|r| r.value.as_str()));
        for label in all {
            record.push(
                activity
                    .cells
                    .iter()
                    .find(|c| c.label == label)
                    .map_or("", |c| c.value.as_str()),
            );
        }
        record.push(&security);
        safe_csv::write_row(&mut out, record);
    }
    out
}
