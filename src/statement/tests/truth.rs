//! The statement never says what the schema contradicts (issue 9): over generated, fully
//! declared schemas, each false sentence found in review stays impossible.
//!
//! Every Dutch text the generator types holds the marker `NLTEKST` and every English text
//! `ENTEXT`, so "no Dutch in the English statement" is an exact check, not a guess.

use proptest::prelude::*;

use super::fixtures::{date, profile};
use crate::schema::country;
use crate::schema::model::{
    DataSource, Field, FieldType, LegalBasis, Profiling, ProfilingKind, Purpose, Recipient,
    RecipientRole, Retention, RetentionPeriod, RetentionStart, RetentionUnit, Safeguard, Snapshot,
    SpecialCategory,
};
use crate::statement::model::{StatementModel, build};
use crate::statement::render::render;
use crate::statement::{Format, Lang};

/// The sentences that review found false for some schemas, per language.
struct Claims {
    nobody_receives: &'static str,
    nothing_leaves_the_eea: &'static str,
    no_profiling: &'static str,
    withdrawal_heading: &'static str,
    dutch_marker: &'static str,
}

const NL: Claims = Claims {
    nobody_receives: "niemand",
    nothing_leaves_the_eea: "niet naar landen buiten de EER",
    no_profiling: "geen profiel",
    withdrawal_heading: "Uw toestemming intrekken",
    dutch_marker: "ENTEXT",
};

const EN: Claims = Claims {
    nobody_receives: "nobody",
    nothing_leaves_the_eea: "not send this data to countries outside",
    no_profiling: "not make a profile",
    withdrawal_heading: "Withdrawing your consent",
    dutch_marker: "NLTEKST",
};

fn claims(lang: Lang) -> &'static Claims {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// Countries with the safeguard each needs: inside the EEA none, outside an adequate one.
const COUNTRIES: &[(&str, Option<Safeguard>)] = &[
    ("NL", None),
    ("DE", None),
    ("BE", None),
    ("US", Some(Safeguard::Dpf)),
    ("CH", Some(Safeguard::Adequacy)),
    ("JP", Some(Safeguard::Adequacy)),
    ("IN", Some(Safeguard::Scc)),
];

fn basis() -> impl Strategy<Value = LegalBasis> {
    prop_oneof![
        Just(LegalBasis::Consent),
        Just(LegalBasis::Contract),
        Just(LegalBasis::LegalObligation),
        Just(LegalBasis::LegitimateInterests),
        Just(LegalBasis::PublicTask),
    ]
}

fn profiling_kind() -> impl Strategy<Value = ProfilingKind> {
    prop_oneof![
        4 => Just(ProfilingKind::None),
        1 => Just(ProfilingKind::Profiling),
        1 => Just(ProfilingKind::AutomatedDecision),
    ]
}

fn dutch(what: &str, index: usize) -> Option<String> {
    Some(format!("NLTEKST {what} {index}"))
}

fn english(what: &str, index: usize) -> Option<String> {
    Some(format!("ENTEXT {what} {index}"))
}

prop_compose! {
    fn purpose_at(index: usize)(
        basis in basis(),
        kind in profiling_kind(),
        amount in 1u32..40,
        start in 0usize..2,
        no_recipients in any::<bool>(),
    ) -> Purpose {
        let start = [RetentionStart::LastChange, RetentionStart::Created][start];
        let texts = kind != ProfilingKind::None;
        Purpose {
            description_en: english("doel", index),
            interest: (basis == LegalBasis::LegitimateInterests).then(|| dutch("belang", index)).flatten(),
            interest_en: (basis == LegalBasis::LegitimateInterests).then(|| english("interest", index)).flatten(),
            law: dutch("wet", index),
            law_en: english("law", index),
            retention: Retention {
                period: Some(RetentionPeriod { amount, unit: RetentionUnit::Months }),
                start,
                ..Retention::default()
            },
            profiling: Some(Profiling {
                kind,
                logic: texts.then(|| dutch("logica", index)).flatten(),
                logic_en: texts.then(|| english("logic", index)).flatten(),
                effect: texts.then(|| dutch("gevolg", index)).flatten(),
                effect_en: texts.then(|| english("effect", index)).flatten(),
            }),
            no_recipients,
            ..Purpose::new(&format!("p{index}"), basis, &format!("NLTEKST doel {index}"))
        }
    }
}

prop_compose! {
    fn field_at(index: usize, purposes: usize)(
        chosen in proptest::collection::btree_set(0..purposes, 1..=purposes),
        required in any::<bool>(),
        own in any::<bool>(),
        health in proptest::bool::weighted(0.2),
    ) -> Field {
        Field {
            label: dutch("veld", index),
            label_en: english("field", index),
            required,
            source: if own { DataSource::Own } else { DataSource::Subject },
            source_note: own.then(|| dutch("bron", index)).flatten(),
            source_note_en: own.then(|| english("source", index)).flatten(),
            special: health.then_some(SpecialCategory::Health),
            art9: health.then(|| "explicit-consent".to_owned()),
            ..Field::new(
                &format!("f{index}"),
                FieldType::Text,
                &chosen.iter().map(|p| format!("p{p}")).collect::<Vec<_>>().iter().map(String::as_str).collect::<Vec<_>>(),
            )
        }
    }
}

prop_compose! {
    fn recipient_at(index: usize, purposes: usize)(
        chosen in proptest::collection::btree_set(0..purposes, 1..=purposes),
        country in 0..COUNTRIES.len(),
        role in 0usize..3,
    ) -> Recipient {
        let (code, safeguard) = COUNTRIES[country];
        let copy = matches!(safeguard, Some(Safeguard::Scc));
        Recipient {
            name: format!("Ontvanger{index}"),
            purposes: chosen.into_iter().map(|p| format!("p{p}")).collect(),
            role: [RecipientRole::Processor, RecipientRole::Controller, RecipientRole::Authority][role],
            country: code.to_owned(),
            safeguard,
            safeguard_copy: copy.then(|| dutch("kopie", index)).flatten(),
            safeguard_copy_en: copy.then(|| english("copy", index)).flatten(),
            note: None,
            note_en: None,
        }
    }
}

/// A complete schema: every purpose answers every question, in both languages. A purpose
/// that declared "no recipients" gets none.
fn declared_snapshot() -> impl Strategy<Value = Snapshot> {
    (1usize..5, 1usize..7, 0usize..5).prop_flat_map(|(purposes, fields, recipients)| {
        let purpose_list: Vec<_> = (0..purposes).map(purpose_at).collect();
        let field_list: Vec<_> = (0..fields).map(|i| field_at(i, purposes)).collect();
        let recipient_list: Vec<_> = (0..recipients).map(|i| recipient_at(i, purposes)).collect();
        (purpose_list, field_list, recipient_list).prop_map(
            |(mut purposes, fields, mut recipients)| {
                for recipient in &mut recipients {
                    recipient.purposes.retain(|name| {
                        !purposes.iter().any(|p| &p.name == name && p.no_recipients)
                    });
                }
                recipients.retain(|r| !r.purposes.is_empty());
                for purpose in &mut purposes {
                    let served = recipients
                        .iter()
                        .any(|r| r.purposes.contains(&purpose.name));
                    purpose.no_recipients = !served;
                }
                Snapshot {
                    profile: Some(profile()),
                    purposes,
                    fields,
                    recipients,
                    cookies: Vec::new(),
                }
            },
        )
    })
}

/// All the text the model shows about one purpose.
fn section_text(model: &StatementModel, purpose: &str) -> String {
    let section = model
        .purposes
        .iter()
        .find(|s| s.name == purpose)
        .expect("every purpose has a section");
    section
        .rows
        .iter()
        .map(|row| format!("{}: {}", row.label, row.value))
        .chain(section.notes.iter().cloned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn uses_consent(snapshot: &Snapshot) -> bool {
    snapshot
        .purposes
        .iter()
        .any(|p| p.basis == LegalBasis::Consent)
        || snapshot
            .fields
            .iter()
            .any(|f| f.art9.as_deref() == Some("explicit-consent"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn the_statement_never_contradicts_the_declared_schema(snapshot in declared_snapshot()) {
        for lang in [Lang::Nl, Lang::En] {
            let claims = claims(lang);
            let model = match build(&snapshot, lang, date()) {
                Ok(model) => model,
                Err(incomplete) => panic!("a fully declared schema is complete ({lang}):\n{incomplete}"),
            };
            let text = render(&model, Format::Txt, false).unwrap();
            for purpose in &snapshot.purposes {
                let section = section_text(&model, &purpose.name);
                let receivers: Vec<&Recipient> = snapshot
                    .recipients
                    .iter()
                    .filter(|r| r.purposes.contains(&purpose.name))
                    .collect();
                for recipient in &receivers {
                    prop_assert!(section.contains(&recipient.name), "{lang}: {section}");
                }
                if !receivers.is_empty() {
                    prop_assert!(!section.contains(claims.nobody_receives), "{lang}: {section}");
                }
                if receivers.iter().any(|r| !country::is_eea(&r.country)) {
                    prop_assert!(
                        !section.contains(claims.nothing_leaves_the_eea),
                        "{lang}: {section}"
                    );
                }
                for recipient in receivers.iter().filter(|r| !country::is_eea(&r.country)) {
                    let place = country::country(&recipient.country).unwrap();
                    let name = match lang {
                        Lang::Nl => place.name_nl,
                        Lang::En => place.name_en,
                    };
                    prop_assert!(section.contains(name), "{lang}: {name} in {section}");
                }
            }
            let all_none = snapshot.purposes.iter().all(|p| {
                p.profiling.as_ref().map(|d| d.kind) == Some(ProfilingKind::None)
            });
            prop_assert_eq!(text.contains(claims.no_profiling), all_none, "{}", lang);
            if uses_consent(&snapshot) {
                prop_assert!(text.contains(claims.withdrawal_heading), "{lang}");
            }
            prop_assert!(!text.contains(claims.dutch_marker), "{lang}: {text}");
            if lang == Lang::En {
                for dutch_country in ["Duitsland", "Verenigde Staten", "Zwitserland", "Nederland"] {
                    prop_assert!(!text.contains(dutch_country), "{dutch_country} in English");
                }
            }
        }
    }
}
