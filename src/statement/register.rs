//! The Art. 30(1) register of processing activities (verwerkingsregister), one row per
//! purpose, plus the legal basis the Autoriteit Persoonsgegevens keeps in its own register.
//!
//! The register is an internal document: gaps are shown as markers and listed in `missing`
//! instead of refusing, so a business sees its whole register while it fills them in.

use serde::Serialize;

use crate::safe_csv;
use crate::schema::country;
use crate::schema::model::{
    Cookie, DataSource, Field, LegalBasis, ProfilingKind, Purpose, Recipient, Safeguard, Snapshot,
};

use super::cookies;
use super::english::{self, FreeText};
use super::missing::{Missing, ProfileItem};
use super::model::{
    Row, field_label, purpose_description, purpose_interest, purpose_law, split_transfer,
};
use super::recipients::{country_name, decision_number, role_words};
use super::render::render_template;
use super::texts::{self, fill};
use super::{Error, Lang};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Activity {
    /// The purpose's stored name; for the cookies that need consent, the activity's title.
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
    minors: &'static str,
    exception: &'static str,
    outside: &'static str,
    sources: &'static str,
    source_own: &'static str,
    source_third: &'static str,
    profiling: &'static str,
    profiling_kinds: [&'static str; 3],
    safeguards: [&'static str; 5],
    not_declared: &'static str,
    untranslated: &'static str,
    /// The activity of the cookies that need consent.
    cookies_activity: &'static str,
    visitors: &'static str,
    cookie_data: &'static str,
    cookie_providers: &'static str,
    cookie_retention: &'static str,
    cookie_security: &'static str,
    country_not_declared: &'static str,
}

const NL: Words = Words {
    title: "Register van verwerkingsactiviteiten",
    intro: "Dit register volgt artikel 30 lid 1 AVG. Elke verwerking is één doel in kluis, met de grondslag erbij. De cookies die toestemming nodig hebben, vormen samen één verwerking.",
    h_controller: "Verwerkingsverantwoordelijke",
    h_security: "Beveiligingsmaatregelen",
    h_activities: "Verwerkingen",
    controller: "Verwerkingsverantwoordelijke",
    dpo: "Functionaris gegevensbescherming",
    dpo_none: "geen opgegeven",
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
        "De gegevens in kluis staan in één versleuteld bestand (age). De sleutel komt van een wachtwoord via Argon2id, of van een age-sleutel.",
        "kluis schrijft de gegevens nooit onversleuteld naar schijf; alleen een export of brief die een gebruiker zelf opslaat, is onversleuteld.",
        "Elk veld hoort bij een doel met een grondslag; een export per doel toont alleen de velden en personen van dat doel.",
        "Gegevens waarvan de bewaartermijn voorbij is, worden gewist met kluis purge. Gewiste waarden worden in het bestand overschreven.",
        "Elke wijziging, export en verwijdering komt in een auditlog in de kluis, zonder de waarden zelf.",
        "Een slot voorkomt dat twee mensen tegelijk schrijven; elke opslag is atomair.",
    ],
    minors: "waaronder kinderen jonger dan 16",
    exception: "uitzondering AVG art. 9 lid 2 onder {letter}",
    outside: "Gegevens buiten kluis",
    sources: "Bronnen (niet van de betrokkene)",
    source_own: "wij zelf",
    source_third: "derde",
    profiling: "Profilering en geautomatiseerde besluiten",
    profiling_kinds: [
        "geen",
        "profilering, een mens besluit",
        "geautomatiseerd besluit (AVG art. 22)",
    ],
    safeguards: [
        "adequaatheidsbesluit",
        "EU-VS Data Privacy Framework",
        "standaardcontractbepalingen",
        "bindende bedrijfsvoorschriften",
        "uitzondering AVG art. 49",
    ],
    not_declared: "niet opgegeven",
    untranslated: "Engelse tekst ontbreekt",
    cookies_activity: "Cookies voor {kinds} op onze website",
    visitors: "bezoekers van onze website",
    cookie_data: "wat de cookies over het bezoek vastleggen ({names})",
    cookie_providers: "de aanbieders van de cookies: {providers}",
    cookie_retention: "in de browser: {lifetimes}; hoe lang de aanbieders de gegevens bewaren, is niet opgegeven",
    cookie_security: "Deze gegevens staan niet in kluis: de maatregelen hierboven gelden er niet voor.",
    country_not_declared: "land niet opgegeven",
};

const EN: Words = Words {
    title: "Register of processing activities",
    intro: "This register follows GDPR Article 30(1). Each processing activity is one purpose in kluis, with its legal basis. The cookies that need consent together form one activity.",
    h_controller: "Controller",
    h_security: "Security measures",
    h_activities: "Processing activities",
    controller: "Controller",
    dpo: "Data protection officer",
    dpo_none: "none given",
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
        "The data in kluis is in one encrypted file (age). The key comes from a passphrase through Argon2id, or from an age key.",
        "kluis never writes the data to disk unencrypted; only an export or letter that a user saves is unencrypted.",
        "Every field belongs to a purpose with a legal basis; an export per purpose shows only that purpose's fields and people.",
        "Data past its retention period is erased with kluis purge. Erased values are overwritten inside the file.",
        "Every change, export and erasure is written to an audit log inside the vault, without the values themselves.",
        "A lock stops two people writing at once; every save is atomic.",
    ],
    minors: "including children under 16",
    exception: "exception GDPR Art. 9(2)({letter})",
    outside: "Data kept outside kluis",
    sources: "Sources (not from the data subject)",
    source_own: "ourselves",
    source_third: "third party",
    profiling: "Profiling and automated decisions",
    profiling_kinds: [
        "none",
        "profiling, a person decides",
        "automated decision (GDPR Art. 22)",
    ],
    safeguards: [
        "adequacy decision",
        "EU-US Data Privacy Framework",
        "standard contractual clauses",
        "binding corporate rules",
        "derogation GDPR Art. 49",
    ],
    not_declared: "not declared",
    untranslated: "English text missing",
    cookies_activity: "Cookies for {kinds} on our website",
    visitors: "visitors to our website",
    cookie_data: "what the cookies record about the visit ({names})",
    cookie_providers: "the cookies' providers: {providers}",
    cookie_retention: "in the browser: {lifetimes}; how long the providers keep the data is not declared",
    cookie_security: "This data is not in kluis: the measures above do not apply to it.",
    country_not_declared: "country not declared",
};

/// The short security paragraph shared by the register and the statement: facts kluis
/// itself guarantees, never the business's other measures.
pub fn security_summary(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => {
            "We bewaren de gegevens in een versleuteld bestand. Het bestand gaat alleen open met het wachtwoord of een sleutel."
        }
        Lang::En => {
            "We keep the data in an encrypted file. The file opens only with the passphrase or a key."
        }
    }
}

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
    let mark = |m: Missing, missing: &mut Vec<Missing>| gap(lang, m, missing);
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
    // The order the user gave (`position`), never by internal name.
    let purposes: Vec<_> = snapshot.purposes.iter().collect();
    let mut fields: Vec<_> = snapshot.fields.iter().collect();
    fields.sort_by(|a, b| a.name.cmp(&b.name));
    let mut rows = Vec::new();
    for purpose in purposes {
        let mut data: Vec<String> = Vec::new();
        for f in fields.iter().filter(|f| f.purposes.contains(&purpose.name)) {
            let label = field_label(lang, f).unwrap_or_else(|gap| mark(gap, &mut missing));
            data.push(match f.special {
                Some(special) => format!(
                    "{label} ({}: {}; {})",
                    w.special,
                    texts::special_words(lang, special),
                    exception_words(w, lang, f)
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
        cells.push(row(w.subjects, subjects_words(w, lang, purpose)));
        cells.push(row(
            w.data,
            if data.is_empty() {
                w.data_none.to_string()
            } else {
                data.join("; ")
            },
        ));
        if !purpose.categories.is_empty() {
            let outside: Vec<String> = purpose
                .categories
                .iter()
                .map(|c| translated(w, lang, Some(&c.text), &c.text_en))
                .collect();
            cells.push(row(w.outside, outside.join("; ")));
        }
        let sources = source_words(w, lang, purpose, &fields);
        if !sources.is_empty() {
            cells.push(row(w.sources, sources.join("; ")));
        }
        let profiling = match purpose.profiling {
            None => mark(
                Missing::Profiling {
                    purpose: purpose.name.clone(),
                },
                &mut missing,
            ),
            Some(_) => profiling_words(w, lang, purpose),
        };
        cells.push(row(w.profiling, profiling));
        // The register shows an older vault's free text as it is, but lists each line as
        // a gap: the statement refuses it until it is restated.
        for text in &purpose.legacy_recipients {
            mark(
                Missing::LegacyRecipient {
                    purpose: purpose.name.clone(),
                    text: text.clone(),
                },
                &mut missing,
            );
        }
        let declared: Vec<&Recipient> = snapshot
            .recipients
            .iter()
            .filter(|r| r.purposes.contains(&purpose.name))
            .collect();
        let mut recipients: Vec<String> =
            declared.iter().map(|r| recipient_words(lang, r)).collect();
        recipients.extend(
            purpose
                .legacy_recipients
                .iter()
                .map(|r| r.trim().to_string()),
        );
        cells.push(row(
            w.recipients,
            match (recipients.is_empty(), purpose.no_recipients) {
                (false, _) => recipients.join("; "),
                (true, true) => w.none.to_string(),
                // "None" only when declared: an empty list is not a declaration.
                (true, false) => mark(
                    Missing::RecipientsUndeclared {
                        purpose: purpose.name.clone(),
                    },
                    &mut missing,
                ),
            },
        ));
        let mut transfers: Vec<String> = declared
            .iter()
            .filter(|r| !country::is_eea(&r.country))
            .map(|r| transfer_words(w, lang, r))
            .collect();
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
        // "None" only when who receives the data is known: declared recipients, older
        // free-text ones, or the declaration that nobody does.
        let receivers_known =
            !declared.is_empty() || !purpose.legacy_recipients.is_empty() || purpose.no_recipients;
        cells.push(row(
            w.transfers,
            match (transfers.is_empty(), receivers_known) {
                (false, _) => transfers.join("; "),
                (true, true) => w.none.to_string(),
                (true, false) => marker(lang, w.not_declared),
            },
        ));
        let mut retention =
            super::retention::words(lang, purpose).unwrap_or_else(|gap| mark(gap, &mut missing));
        if let Some(note) = english::pick(
            lang,
            purpose.retention.note.as_deref(),
            purpose.retention.note_en.as_deref(),
            || english::gap(FreeText::RetentionNote, &purpose.name),
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
    rows.extend(cookie_activity(w, lang, &snapshot.cookies, &mut missing));
    Register {
        lang,
        title: w.title,
        intro: w.intro,
        h_controller: w.h_controller,
        h_security: w.h_security,
        h_activities: w.h_activities,
        controller: vec![row(w.controller, controller_text), row(w.dpo, dpo_text)],
        security: std::iter::once(security_summary(lang))
            .chain(w.measures.iter().copied())
            .collect(),
        rows,
        updated: fill(w.updated, &[("date", &texts::date_words(lang, date))]),
        missing,
    }
}

/// Lists `missing` once in the register's gaps; its marker is what the register shows.
fn gap(lang: Lang, missing: Missing, gaps: &mut Vec<Missing>) -> String {
    let marker = missing.marker(lang);
    if !gaps.contains(&missing) {
        gaps.push(missing);
    }
    marker
}

/// A visible gap in the register's language, e.g. "[ONTBREEKT: niet opgegeven]".
fn marker(lang: Lang, what: &str) -> String {
    fill(texts::texts(lang).missing, &[("what", what)])
}

fn non_empty(text: Option<&String>) -> Option<&str> {
    text.map(|t| t.trim()).filter(|t| !t.is_empty())
}

/// A declared text in the register's language; English never falls back to Dutch.
fn translated(w: &Words, lang: Lang, nl: Option<&String>, en: &Option<String>) -> String {
    let text = match lang {
        Lang::Nl => non_empty(nl),
        Lang::En => non_empty(en.as_ref()),
    };
    match text {
        Some(text) => text.to_string(),
        None => marker(lang, w.untranslated),
    }
}

/// Who the people are: the declared subjects, or customers by default.
fn subjects_words(w: &Words, lang: Lang, purpose: &Purpose) -> String {
    let subjects = match non_empty(purpose.subjects.as_ref()) {
        None => w.subjects_value.to_string(),
        Some(_) => translated(w, lang, purpose.subjects.as_ref(), &purpose.subjects_en),
    };
    if purpose.minors {
        format!("{subjects} ({})", w.minors)
    } else {
        subjects
    }
}

fn exception_words(w: &Words, lang: Lang, field: &Field) -> String {
    match field
        .art9
        .as_deref()
        .and_then(|a| texts::art9_words(lang, a))
    {
        Some((letter, _)) => fill(w.exception, &[("letter", &letter.to_string())]),
        None => marker(lang, w.not_declared),
    }
}

/// The fields of this purpose that do not come from the person, with where they come from.
fn source_words(w: &Words, lang: Lang, purpose: &Purpose, fields: &[&Field]) -> Vec<String> {
    fields
        .iter()
        .filter(|f| f.purposes.contains(&purpose.name))
        .filter_map(|f| {
            let from = match f.source {
                DataSource::Subject => return None,
                DataSource::Own => w.source_own,
                DataSource::ThirdParty => w.source_third,
            };
            let note = match (non_empty(f.source_note.as_ref()), f.source) {
                (None, DataSource::Own) => None,
                (None, _) => Some(marker(lang, w.not_declared)),
                (Some(_), _) => Some(translated(
                    w,
                    lang,
                    f.source_note.as_ref(),
                    &f.source_note_en,
                )),
            };
            let label = field_label(lang, f).unwrap_or_else(|gap| gap.marker(lang));
            Some(match note {
                Some(note) => format!("{label}: {from}, {note}"),
                None => format!("{label}: {from}"),
            })
        })
        .collect()
}

fn profiling_words(w: &Words, lang: Lang, purpose: &Purpose) -> String {
    let Some(profiling) = &purpose.profiling else {
        return marker(lang, w.not_declared);
    };
    let kind = match profiling.kind {
        ProfilingKind::None => return w.profiling_kinds[0].to_string(),
        ProfilingKind::Profiling => w.profiling_kinds[1],
        ProfilingKind::AutomatedDecision => w.profiling_kinds[2],
    };
    let mut parts = vec![kind.to_string()];
    for (nl, en) in [
        (&profiling.logic, &profiling.logic_en),
        (&profiling.effect, &profiling.effect_en),
    ] {
        if non_empty(nl.as_ref()).is_some() {
            parts.push(translated(w, lang, nl.as_ref(), en));
        }
    }
    parts.join(": ")
}

/// "Name (processor, Germany)", in the statement's words for roles and countries.
fn recipient_words(lang: Lang, recipient: &Recipient) -> String {
    format!(
        "{} ({}, {})",
        recipient.name.trim(),
        role_words(lang, recipient.role),
        country_name(lang, &recipient.country)
    )
}

/// "Name, United States: EU-US Data Privacy Framework ((EU) 2023/1795)".
fn transfer_words(w: &Words, lang: Lang, recipient: &Recipient) -> String {
    let safeguard = match recipient.safeguard {
        None => marker(lang, w.not_declared),
        Some(safeguard) => safeguard_name(w, lang, safeguard, &recipient.country),
    };
    format!(
        "{}, {}: {safeguard}",
        recipient.name.trim(),
        country_name(lang, &recipient.country)
    )
}

/// A safeguard's name, with the number of the Commission's decision where it is one.
fn safeguard_name(w: &Words, lang: Lang, safeguard: Safeguard, code: &str) -> String {
    let name = match safeguard {
        Safeguard::Adequacy => w.safeguards[0],
        Safeguard::Dpf => w.safeguards[1],
        Safeguard::Scc => w.safeguards[2],
        Safeguard::Bcr => w.safeguards[3],
        Safeguard::Derogation => w.safeguards[4],
    };
    match (safeguard, country::adequacy(code)) {
        (Safeguard::Adequacy | Safeguard::Dpf, Some(decision)) => {
            format!("{name} ({})", decision_number(lang, decision.decision))
        }
        _ => name.to_string(),
    }
}

/// The cookies that need consent, as one activity, from what the user declared of each. The
/// functional cookies stay out: their legal basis under the GDPR is not declared (that the
/// Telecommunicatiewet asks no consent for them is another law's rule).
fn cookie_activity(
    w: &Words,
    lang: Lang,
    cookies: &[Cookie],
    missing: &mut Vec<Missing>,
) -> Option<Activity> {
    let consent: Vec<&Cookie> = cookies.iter().filter(|c| c.kind.needs_consent()).collect();
    if consent.is_empty() {
        return None;
    }
    let mut mark = |m: Missing| gap(lang, m, missing);
    let row = |label: &str, value: String| Row {
        label: label.to_string(),
        value,
    };
    let purposes: Vec<String> = consent
        .iter()
        .map(|c| {
            let purpose = cookies::purpose_words(lang, c).unwrap_or_else(&mut mark);
            format!("{}: {purpose}", c.name)
        })
        .collect();
    let mut basis = texts::basis_name(lang, LegalBasis::Consent).to_string();
    for gap in consent.iter().filter_map(|c| cookies::consent_gap(c)) {
        basis.push(' ');
        basis.push_str(&mark(gap));
    }
    let mut providers: Vec<String> = Vec::new();
    for cookie in &consent {
        let provider = match cookie.country.as_deref() {
            Some(code) => format!("{} ({})", cookie.provider.trim(), country_name(lang, code)),
            None => cookie.provider.trim().to_string(),
        };
        if !providers.contains(&provider) {
            providers.push(provider);
        }
    }
    let transfers: Vec<String> = consent
        .iter()
        .filter_map(|c| cookie_transfer(w, lang, c, &mut mark))
        .collect();
    let names: Vec<&str> = consent.iter().map(|c| c.name.as_str()).collect();
    let lifetimes: Vec<String> = consent
        .iter()
        .map(|c| format!("{} {}", c.name, cookies::retention_words(lang, c)))
        .collect();
    // How long a cookie stays in the browser is declared; how long its provider keeps what
    // it collected is not, and the register says so rather than passing one off as the other.
    let retention = fill(w.cookie_retention, &[("lifetimes", &lifetimes.join(", "))]);
    Some(Activity {
        purpose: fill(
            w.cookies_activity,
            &[("kinds", &cookies::kinds_words(lang, &consent))],
        ),
        cells: vec![
            row(w.description, purposes.join("; ")),
            row(w.basis, basis),
            row(w.subjects, w.visitors.to_string()),
            row(w.data, fill(w.cookie_data, &[("names", &names.join(", "))])),
            row(
                w.recipients,
                fill(w.cookie_providers, &[("providers", &providers.join("; "))]),
            ),
            row(
                w.transfers,
                if transfers.is_empty() {
                    w.none.to_string()
                } else {
                    transfers.join("; ")
                },
            ),
            row(w.retention, retention),
            row(w.security, w.cookie_security.to_string()),
        ],
    })
}

/// A cookie's provider outside the EEA with the transfer's safeguard; `None` inside the EEA.
/// Without a country nobody said where the data goes, and the register says so: the
/// statement does not ask for a cookie's country, so it is no gap there.
fn cookie_transfer(
    w: &Words,
    lang: Lang,
    cookie: &Cookie,
    mark: &mut dyn FnMut(Missing) -> String,
) -> Option<String> {
    let provider = cookie.provider.trim();
    let Some(code) = cookie.country.as_deref() else {
        return Some(format!("{provider}: {}", w.country_not_declared));
    };
    if country::is_eea(code) {
        return None;
    }
    let safeguard = match cookie.safeguard {
        Some(safeguard) => safeguard_name(w, lang, safeguard, code),
        None => mark(Missing::CookieSafeguard {
            cookie: cookie.name.clone(),
            country: code.to_owned(),
        }),
    };
    Some(format!(
        "{provider}, {}: {safeguard}",
        country_name(lang, code)
    ))
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
        w.outside,
        w.sources,
        w.profiling,
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
        // An activity whose data is not in kluis says so instead of the vault's measures.
        let own = activity.cells.iter().find(|c| c.label == w.security);
        record.push(own.map_or(security.as_str(), |c| c.value.as_str()));
        safe_csv::write_row(&mut out, record);
    }
    out
}
