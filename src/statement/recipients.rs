//! The recipients and transfers rows of a purpose, from the declared recipients only.
//!
//! "We give this data to nobody outside our business" appears only when the user declared it
//! (`--no-recipients`), and "not outside the EEA" only when every recipient of the purpose is
//! in the EEA. Free-text recipients of older vaults are never shown: each blocks the statement
//! with the command that restates it.

use crate::schema::country::{self, AdequacyScope};
use crate::schema::model::{Purpose, Recipient, RecipientRole, Safeguard};

use super::Lang;
use super::missing::Missing;
use super::texts::{self, fill};

/// Between entries of a list of recipients or transfers. Names hold no ';' (the schema refuses
/// it), while they may hold commas and "en", so the list cannot be read two ways.
const SEPARATOR: &str = "; ";

/// The two rows' values for one purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientRows {
    /// Who receives the data.
    pub recipients: String,
    /// Which of them are outside the EEA, with the safeguard for each.
    pub transfers: String,
}

/// Sentences about recipients in one language.
struct Words {
    processor: &'static str,
    controller: &'static str,
    authority: &'static str,
    /// "{recipient} ({country}): {safeguard}".
    transfer: &'static str,
    /// A Commission decision: the adequacy decisions and the Data Privacy Framework.
    decision: &'static str,
    scc: &'static str,
    bcr: &'static str,
    derogation: &'static str,
}

const NL: Words = Words {
    processor: "verwerker",
    controller: "zelfstandig verantwoordelijke",
    authority: "overheidsinstantie",
    transfer: "{recipient} ({country}): op grond van {safeguard}",
    decision: "het {name} van de Europese Commissie (besluit {number})",
    scc: "standaardcontractbepalingen van de Europese Commissie (een kopie: {copy})",
    bcr: "bindende bedrijfsvoorschriften (een kopie: {copy})",
    derogation: "een uitzondering van artikel 49 AVG: {note}",
};

const EN: Words = Words {
    processor: "processor",
    controller: "independent controller",
    authority: "public authority",
    transfer: "{recipient} ({country}): under {safeguard}",
    decision: "the {name} of the European Commission (decision {number})",
    scc: "standard contractual clauses of the European Commission (a copy: {copy})",
    bcr: "binding corporate rules (a copy: {copy})",
    derogation: "an exception under Article 49 GDPR: {note}",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// The role in words: "verwerker" / "processor".
pub fn role_words(lang: Lang, role: RecipientRole) -> &'static str {
    let w = words(lang);
    match role {
        RecipientRole::Processor => w.processor,
        RecipientRole::Controller => w.controller,
        RecipientRole::Authority => w.authority,
    }
}

/// The country's name in the language; the code only if kluis does not know it, which the
/// schema never stores.
pub fn country_name(lang: Lang, code: &str) -> &str {
    match (country::country(code), lang) {
        (Some(country), Lang::Nl) => country.name_nl,
        (Some(country), Lang::En) => country.name_en,
        (None, _) => code,
    }
}

/// The recipients and transfers rows for `purpose`. `mark` records a gap and returns its
/// marker text.
pub fn rows(
    lang: Lang,
    purpose: &Purpose,
    all: &[Recipient],
    mark: &mut dyn FnMut(Missing) -> String,
) -> RecipientRows {
    let t = texts::texts(lang);
    let attached: Vec<&Recipient> = all
        .iter()
        .filter(|r| r.purposes.contains(&purpose.name))
        .collect();
    let legacy = |texts: &[String], mark: &mut dyn FnMut(Missing) -> String| -> Vec<String> {
        texts
            .iter()
            .map(|text| {
                mark(Missing::LegacyRecipient {
                    purpose: purpose.name.clone(),
                    text: text.clone(),
                })
            })
            .collect()
    };
    let legacy_recipients = legacy(&purpose.legacy_recipients, mark);
    let legacy_transfers = legacy(&purpose.legacy_transfers, mark);
    let undeclared = attached.is_empty()
        && !purpose.no_recipients
        && legacy_recipients.is_empty()
        && legacy_transfers.is_empty();
    if undeclared {
        let marker = mark(Missing::RecipientsUndeclared {
            purpose: purpose.name.clone(),
        });
        return RecipientRows {
            recipients: marker.clone(),
            transfers: marker,
        };
    }
    let mut recipients: Vec<String> = attached
        .iter()
        .map(|r| {
            format!(
                "{} ({}, {})",
                r.name,
                role_words(lang, r.role),
                country_name(lang, &r.country)
            )
        })
        .collect();
    recipients.extend(legacy_recipients);
    let mut transfers: Vec<String> = attached
        .iter()
        .filter(|r| !country::is_eea(&r.country))
        .map(|r| transfer(lang, r, mark))
        .collect();
    transfers.extend(legacy_transfers);
    RecipientRows {
        recipients: if recipients.is_empty() {
            t.no_recipients.to_string()
        } else {
            recipients.join(SEPARATOR)
        },
        transfers: if transfers.is_empty() {
            t.no_transfers.to_string()
        } else {
            transfers.join(SEPARATOR)
        },
    }
}

/// One transfer: who, where, and on which safeguard in words.
fn transfer(lang: Lang, recipient: &Recipient, mark: &mut dyn FnMut(Missing) -> String) -> String {
    let w = words(lang);
    let safeguard = match safeguard_words(lang, recipient) {
        Ok(words) => words,
        Err(missing) => mark(missing),
    };
    let mut text = fill(
        w.transfer,
        &[
            ("recipient", &recipient.name),
            ("country", country_name(lang, &recipient.country)),
            ("safeguard", &safeguard),
        ],
    );
    let shows_note = recipient.safeguard != Some(Safeguard::Derogation);
    if shows_note && recipient.note.is_some() {
        match text_in(
            lang,
            recipient,
            "--note-en",
            &recipient.note,
            &recipient.note_en,
        ) {
            Ok(note) => text.push_str(&format!(" ({note})")),
            Err(missing) => text.push_str(&format!(" ({})", mark(missing))),
        }
    }
    text
}

/// The safeguard in words, or what is missing for it.
fn safeguard_words(lang: Lang, recipient: &Recipient) -> Result<String, Missing> {
    let w = words(lang);
    let unsafeguarded = || Missing::RecipientSafeguard {
        recipient: recipient.name.clone(),
    };
    let copy = |safeguard| {
        text_in(
            lang,
            recipient,
            "--safeguard-copy-en",
            &recipient.safeguard_copy,
            &recipient.safeguard_copy_en,
        )
        .map(|copy| document_words(lang, safeguard, &copy))
    };
    match recipient.safeguard {
        None => Err(unsafeguarded()),
        Some(Safeguard::Adequacy) => {
            decision_words(lang, &recipient.country, false).ok_or_else(unsafeguarded)
        }
        Some(Safeguard::Dpf) => {
            decision_words(lang, &recipient.country, true).ok_or_else(unsafeguarded)
        }
        Some(safeguard @ (Safeguard::Scc | Safeguard::Bcr)) => copy(safeguard),
        Some(Safeguard::Derogation) => text_in(
            lang,
            recipient,
            "--note-en",
            &recipient.note,
            &recipient.note_en,
        )
        .map(|note| fill(w.derogation, &[("note", &note)])),
    }
}

/// The Commission decision a transfer to `code` rests on, in words: the country's adequacy
/// decision, or with `dpf` the Data Privacy Framework's. `None` when there is no such decision
/// (the schema refuses that safeguard then).
pub fn decision_words(lang: Lang, code: &str, dpf: bool) -> Option<String> {
    let decision = country::adequacy(code)
        .filter(|d| (d.scope == AdequacyScope::DpfParticipantsOnly) == dpf)?;
    let name = match lang {
        Lang::Nl => decision.name_nl,
        Lang::En => decision.name_en,
    };
    Some(fill(
        words(lang).decision,
        &[
            ("name", name),
            ("number", &decision_number(lang, decision.decision)),
        ],
    ))
}

/// A decision's number as the language cites it: decisions from before 2009 end in "EC",
/// which Dutch texts write "EG" (Europese Gemeenschap).
pub fn decision_number(lang: Lang, number: &str) -> String {
    match (lang, number.strip_suffix("/EC")) {
        (Lang::Nl, Some(stem)) => format!("{stem}/EG"),
        _ => number.to_owned(),
    }
}

/// Standard contractual clauses (`scc`) or binding corporate rules (`bcr`) in words, with how
/// people get a copy. Callers pass one of the two: the other safeguards are no document.
pub fn document_words(lang: Lang, safeguard: Safeguard, copy: &str) -> String {
    let w = words(lang);
    let template = match safeguard {
        Safeguard::Bcr => w.bcr,
        _ => w.scc,
    };
    fill(template, &[("copy", copy)])
}

/// A recipient's text in the language: the English statement needs the English twin and
/// never shows the Dutch text instead.
fn text_in(
    lang: Lang,
    recipient: &Recipient,
    flag_en: &'static str,
    dutch: &Option<String>,
    english: &Option<String>,
) -> Result<String, Missing> {
    let chosen = match lang {
        Lang::Nl => dutch,
        Lang::En => english,
    };
    match chosen.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => Ok(text.to_string()),
        None if lang == Lang::En && dutch.is_some() => Err(Missing::RecipientEnglish {
            recipient: recipient.name.clone(),
            flag: flag_en.to_string(),
        }),
        None => Err(Missing::RecipientSafeguard {
            recipient: recipient.name.clone(),
        }),
    }
}

#[cfg(test)]
mod tests;
