//! The access letter (Art. 15): a copy of every value held on the person, and per purpose the
//! items of Art. 15(1)(a)–(h), taken from the privacy statement's model so the two agree.
//! Only this person's values appear; everything else is the schema's own words.

use std::collections::BTreeSet;

use rusqlite::Connection;

use super::Error;
use super::letter::{Section, prose, row};
use super::texts::letter_texts;
use crate::clock;
use crate::records::consent::{consent_state, consents_of};
use crate::records::record::{self, Record};
use crate::records::retention::{ConsentState, Expiry, RecordMoments, purpose_expiry};
use crate::records::view::SchemaView;
use crate::records::{RecordId, limits};
use crate::schema::model::LegalBasis;
use crate::schema::model::Snapshot;
use crate::statement::Lang;
use crate::statement::model::{PurposeSection, StatementModel, field_label};
use crate::statement::profiling::{self, Titled};
use crate::statement::texts::{date_words, fill, texts};

/// A stored timestamp as a date in words, the day it was locally.
pub fn day_words(lang: Lang, stored: &str) -> String {
    clock::local_date(stored)
        .map(|day| date_words(lang, day))
        .unwrap_or_else(|| stored.to_owned())
}

/// The label of a field in the letter's language (the statement's rule).
pub fn label(snapshot: &Snapshot, lang: Lang, name: &str) -> String {
    snapshot
        .fields
        .iter()
        .find(|f| f.name == name)
        .and_then(|f| field_label(lang, f).ok())
        .unwrap_or_else(|| name.to_owned())
}

/// Everything the access letter says after its opening.
pub fn sections(
    conn: &Connection,
    schema: &SchemaView,
    snapshot: &Snapshot,
    model: &StatementModel,
    record: RecordId,
) -> Result<Vec<Section>, Error> {
    let lang = model.lang;
    let lt = letter_texts(lang);
    let held = record::get(conn, schema, record)?;
    let mut sections = vec![copy(snapshot, lang, &held)];
    if let Some(since) = limits::restricted_since(conn, record)? {
        sections[0]
            .paragraphs
            .push(fill(lt.restricted, &[("date", &day_words(lang, &since))]));
    }
    let own: BTreeSet<&str> = held.values.iter().map(|(f, _)| f.as_str()).collect();
    let consents = consents_of(conn, record)?;
    let objections = limits::objections_of(conn, record)?;
    let concerned: Vec<&PurposeSection> = model
        .purposes
        .iter()
        .filter(|section| {
            let consented = consents.iter().any(|c| c.purpose == section.name);
            // A consent purpose uses someone's data only once they gave consent: holding an
            // e-mail address for an order does not put them on the newsletter.
            let holds = section.fields.iter().any(|f| own.contains(f.as_str()))
                && (section.basis != LegalBasis::Consent || consented);
            holds || consented || objections.iter().any(|(p, _)| *p == section.name)
        })
        .collect();
    for section in &concerned {
        sections.push(purpose(conn, schema, snapshot, lang, &held, &own, section)?);
    }
    sections.extend(consent_and_objection(
        model,
        lang,
        &consents,
        &objections,
        &concerned,
    ));
    sections.extend(rights(model));
    sections.push(prose(model.headings.complaint, model.complaint.clone()));
    sections.extend(sources(model, &own));
    sections.push(automated(snapshot, model, &concerned));
    Ok(sections)
}

/// Art. 15(3): a copy of every value.
fn copy(snapshot: &Snapshot, lang: Lang, held: &Record) -> Section {
    let lt = letter_texts(lang);
    let rows: Vec<_> = held
        .values
        .iter()
        .map(|(name, value)| row(label(snapshot, lang, name), value.clone()))
        .collect();
    let intro = if rows.is_empty() {
        lt.copy_none
    } else {
        lt.copy_intro
    };
    Section {
        heading: lt.h_copy.to_string(),
        paragraphs: vec![intro.to_string()],
        rows,
        ..Section::default()
    }
}

/// Art. 15(1)(a)–(d) and 15(2) for one purpose: the statement's rows, with the data named
/// for this person and the end of the retention for them where kluis can compute it.
fn purpose(
    conn: &Connection,
    schema: &SchemaView,
    snapshot: &Snapshot,
    lang: Lang,
    held: &Record,
    own: &BTreeSet<&str>,
    section: &PurposeSection,
) -> Result<Section, Error> {
    let t = texts(lang);
    let lt = letter_texts(lang);
    let labels: Vec<String> = section
        .fields
        .iter()
        .filter(|f| own.contains(f.as_str()))
        .map(|f| label(snapshot, lang, f))
        .collect();
    let mut rows = section.rows.clone();
    if let Some(data) = rows.iter_mut().find(|r| r.label == t.l_data) {
        data.value = if labels.is_empty() {
            t.no_data_yet.to_string()
        } else {
            labels.join(", ")
        };
    }
    if let Some(until) = personal_end(conn, schema, lang, held, &section.name)? {
        let at = rows
            .iter()
            .position(|r| r.label == t.l_retention)
            .map_or(rows.len(), |i| i + 1);
        rows.insert(at, row(lt.l_for_you, until));
    }
    Ok(Section {
        heading: section.title.clone(),
        rows,
        ..Section::default()
    })
}

/// The end of a purpose's retention for this person, in words, where kluis can compute it.
fn personal_end(
    conn: &Connection,
    schema: &SchemaView,
    lang: Lang,
    held: &Record,
    purpose: &str,
) -> Result<Option<String>, Error> {
    let lt = letter_texts(lang);
    let Ok(info) = schema.purpose(purpose) else {
        return Ok(None);
    };
    let (Some(created), Some(updated)) = (
        clock::parse(&held.created_at),
        clock::parse(&held.updated_at),
    ) else {
        return Ok(None);
    };
    let consent = match consent_state(conn, held.id, info.id)? {
        None => ConsentState::NeverGiven,
        Some(None) => ConsentState::Current,
        Some(Some(at)) => {
            clock::parse(&at).map_or(ConsentState::NeverGiven, ConsentState::WithdrawnAt)
        }
    };
    Ok(
        match purpose_expiry(info, RecordMoments { created, updated }, consent) {
            Expiry::At(end) => Some(fill(
                lt.for_you_until,
                &[("date", &date_words(lang, clock::local(end).date()))],
            )),
            Expiry::WhileConsentStands => Some(lt.for_you_consent.to_string()),
            Expiry::Manual => None,
        },
    )
}

/// The person's consents with their dates, objections, and the statement's paragraphs on
/// withdrawing consent and objecting, which the rights refer to.
fn consent_and_objection(
    model: &StatementModel,
    lang: Lang,
    consents: &[crate::records::consent::Consent],
    objections: &[(String, String)],
    concerned: &[&PurposeSection],
) -> Vec<Section> {
    let lt = letter_texts(lang);
    let title = |name: &str| {
        model
            .purposes
            .iter()
            .find(|p| p.name == name)
            .map_or_else(|| name.to_owned(), |p| p.title.clone())
    };
    let mut sections = Vec::new();
    if !consents.is_empty() {
        let items = consents
            .iter()
            .map(|c| match &c.withdrawn_at {
                None => fill(
                    lt.consent_given,
                    &[
                        ("purpose", &title(&c.purpose)),
                        ("date", &day_words(lang, &c.given_at)),
                    ],
                ),
                Some(withdrawn) => fill(
                    lt.consent_withdrawn,
                    &[
                        ("purpose", &title(&c.purpose)),
                        ("date", &day_words(lang, &c.given_at)),
                        ("withdrawn", &day_words(lang, withdrawn)),
                    ],
                ),
            })
            .collect();
        sections.push(Section {
            heading: lt.h_consents.to_string(),
            items,
            ..Section::default()
        });
    }
    if !model.consent_withdrawing.is_empty() {
        sections.push(prose(
            model.headings.consent,
            model.consent_withdrawing.clone(),
        ));
    }
    if !objections.is_empty() {
        sections.push(Section {
            heading: lt.h_objections.to_string(),
            items: objections
                .iter()
                .map(|(purpose, at)| {
                    fill(
                        lt.objected,
                        &[("purpose", &title(purpose)), ("date", &day_words(lang, at))],
                    )
                })
                .collect(),
            ..Section::default()
        });
    }
    sections.extend(objection_paragraph(model, lang, concerned));
    sections
}

/// The statement's objection paragraph for this person: its first line names only their
/// purposes on legitimate interests or a public task, since the next line's "daartegen"
/// points back to them; none, when they are in no such purpose.
fn objection_paragraph(
    model: &StatementModel,
    lang: Lang,
    concerned: &[&PurposeSection],
) -> Option<Section> {
    let theirs: Vec<&&PurposeSection> = concerned
        .iter()
        .filter(|p| {
            matches!(
                p.basis,
                LegalBasis::LegitimateInterests | LegalBasis::PublicTask
            )
        })
        .collect();
    if model.objection.is_empty() || theirs.is_empty() {
        return None;
    }
    let uses = |basis| theirs.iter().any(|p| p.basis == basis);
    let basis = crate::statement::texts::objection_basis(
        lang,
        uses(LegalBasis::LegitimateInterests),
        uses(LegalBasis::PublicTask),
    );
    let titles: Vec<String> = theirs.iter().map(|p| p.title.clone()).collect();
    let purposes = crate::statement::texts::join_items(lang, &titles);
    let first = fill(
        crate::statement::texts::texts(lang).objection_section[0],
        &[("purposes", &purposes), ("basis", basis)],
    );
    let lines = std::iter::once(first).chain(model.objection[1..].iter().cloned());
    Some(prose(model.headings.objection, lines.collect()))
}

/// Art. 15(1)(e): the statement's rights, then how to use them.
fn rights(model: &StatementModel) -> [Section; 2] {
    let rights = Section {
        heading: model.headings.rights.to_string(),
        rows: model
            .rights
            .iter()
            .map(|r| row(r.title.clone(), r.text.clone()))
            .collect(),
        ..Section::default()
    };
    [
        rights,
        prose(model.headings.exercise, model.exercise.clone()),
    ]
}

/// Art. 15(1)(g): where the person's data that did not come from them came from.
fn sources(model: &StatementModel, own: &BTreeSet<&str>) -> Option<Section> {
    let listing = model.not_from_you.as_ref()?;
    let items: Vec<String> = listing
        .items
        .iter()
        .filter(|item| item.fields.iter().any(|f| own.contains(f.as_str())))
        .map(|item| item.text.clone())
        .collect();
    (!items.is_empty()).then(|| Section {
        heading: model.headings.not_from_you.to_string(),
        paragraphs: vec![listing.intro.clone()],
        items,
        ..Section::default()
    })
}

/// Art. 15(1)(h): profiling and automated decisions, for the purposes that concern the person.
fn automated(
    snapshot: &Snapshot,
    model: &StatementModel,
    concerned: &[&PurposeSection],
) -> Section {
    let titled: Vec<Titled<'_>> = concerned
        .iter()
        .filter_map(|section| {
            let purpose = snapshot.purposes.iter().find(|p| p.name == section.name)?;
            Some(Titled {
                purpose,
                title: section.title.clone(),
            })
        })
        .collect();
    let email = snapshot.profile.as_ref().map_or("", |p| p.email.as_str());
    let mut gaps = Vec::new();
    let lines = profiling::lines(model.lang, &titled, email, &mut |missing| {
        let marker = missing.marker(model.lang);
        gaps.push(missing);
        marker
    });
    let lines = if lines.is_empty() {
        vec![texts(model.lang).automated_none.to_string()]
    } else {
        lines
    };
    prose(model.headings.automated, lines)
}
