//! Properties over generated schemas: the model mentions exactly the stored fields, under
//! exactly their purposes; the English text holds no Dutch; and the text holds no hedging
//! words.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::fixtures::{bakery, date, profile};
use crate::schema::model::{
    DataSource, Field, FieldType, LegalBasis, Profiling, ProfilingKind, Purpose, Retention,
    RetentionPeriod, RetentionUnit, Snapshot, SpecialCategory,
};
use crate::statement::Missing;
use crate::statement::model::{StatementModel, build, build_draft, field_label};
use crate::statement::render::render;
use crate::statement::{Format, Lang};

fn basis() -> impl Strategy<Value = LegalBasis> {
    prop_oneof![
        Just(LegalBasis::Consent),
        Just(LegalBasis::Contract),
        Just(LegalBasis::LegalObligation),
        Just(LegalBasis::VitalInterests),
        Just(LegalBasis::PublicTask),
        Just(LegalBasis::LegitimateInterests),
    ]
}

fn source() -> impl Strategy<Value = DataSource> {
    prop_oneof![
        Just(DataSource::Subject),
        Just(DataSource::Own),
        Just(DataSource::ThirdParty)
    ]
}

fn special() -> impl Strategy<Value = Option<SpecialCategory>> {
    prop_oneof![
        3 => Just(None),
        1 => Just(Some(SpecialCategory::Health)),
        1 => Just(Some(SpecialCategory::Religion)),
    ]
}

fn profiling_kind() -> impl Strategy<Value = ProfilingKind> {
    prop_oneof![
        2 => Just(ProfilingKind::None),
        1 => Just(ProfilingKind::Profiling),
        1 => Just(ProfilingKind::AutomatedDecision),
    ]
}

// Every Dutch text holds Dutch words ("de", "het", "een"), so a leak into the English text is
// caught by the word scan as well as by the exact text.
prop_compose! {
    fn purpose_at(index: usize)(
        basis in basis(),
        days in 1u32..4000,
        kind in profiling_kind(),
    ) -> Purpose {
        let profiled = kind != ProfilingKind::None;
        Purpose {
            description_en: Some(format!("Purpose number {index} for the customer")),
            interest: Some(format!("Belang {index} van de winkel")),
            interest_en: Some(format!("Interest {index} of the shop")),
            law: Some(format!("Wet {index} op het handelsregister")),
            law_en: Some(format!("Act {index} on the trade register")),
            retention: Retention {
                note: Some(format!("Uitleg {index} over een termijn")),
                note_en: Some(format!("Explanation {index} of a period")),
                ..Retention::of(RetentionPeriod { amount: days, unit: RetentionUnit::Days })
            },
            profiling: Some(Profiling {
                kind,
                logic: profiled.then(|| format!("Logica {index} met de score")),
                logic_en: profiled.then(|| format!("Logic {index} with the score")),
                effect: profiled.then(|| format!("Gevolg {index} voor een klant")),
                effect_en: profiled.then(|| format!("Effect {index} for a customer")),
            }),
            no_recipients: true,
            ..Purpose::new(&format!("p{index}"), basis, &format!("Doel nummer {index} voor de klant"))
        }
    }
}

prop_compose! {
    fn field_at(index: usize, purposes: usize)(
        chosen in proptest::collection::btree_set(0..purposes, 1..=purposes),
        labelled in any::<bool>(),
        required in any::<bool>(),
        source in source(),
        special in special(),
        bsn in proptest::bool::weighted(0.1),
    ) -> Field {
        Field {
            name: format!("f{index}"),
            field_type: if bsn { FieldType::Bsn } else { FieldType::Text },
            label: labelled.then(|| format!("Veld {index} van het formulier")),
            label_en: Some(format!("Field {index} of the form")),
            purposes: chosen.into_iter().map(|p| format!("p{p}")).collect(),
            required,
            source,
            source_note: Some(format!("Bron {index} uit een lijst")),
            source_note_en: Some(format!("Source {index} from a list")),
            special,
            art9: special.map(|_| "explicit-consent".to_string()),
        }
    }
}

fn snapshot() -> impl Strategy<Value = Snapshot> {
    (1usize..5, 0usize..8).prop_flat_map(|(purposes, fields)| {
        let purposes_strategy: Vec<_> = (0..purposes).map(purpose_at).collect();
        let fields_strategy: Vec<_> = (0..fields).map(|i| field_at(i, purposes)).collect();
        (purposes_strategy, fields_strategy).prop_map(|(purposes, fields)| Snapshot {
            profile: Some(profile()),
            purposes,
            fields,
            ..Snapshot::default()
        })
    })
}

/// Every (purpose, field) pair the model mentions, from every place it mentions fields.
fn mentioned(model: &StatementModel) -> (BTreeSet<(String, String)>, BTreeSet<String>) {
    let pairs = model
        .purposes
        .iter()
        .flat_map(|p| p.fields.iter().map(|f| (p.name.clone(), f.clone())))
        .collect();
    let listed = [&model.not_from_you, &model.special, &model.bsn]
        .into_iter()
        .flatten()
        .chain(std::iter::once(&model.required))
        .flat_map(|l| l.items.iter().flat_map(|i| i.fields.iter().cloned()))
        .collect();
    (pairs, listed)
}

proptest! {
    #[test]
    fn the_model_mentions_exactly_the_stored_fields(snapshot in snapshot(), en in any::<bool>()) {
        let lang = if en { Lang::En } else { Lang::Nl };
        // A BSN under consent is refused; the draft still has to map every field.
        let model = build_draft(&snapshot, &crate::statement::Settings::default(), lang, date());
        let stored: BTreeSet<(String, String)> = snapshot
            .fields
            .iter()
            .flat_map(|f| f.purposes.iter().map(|p| (p.clone(), f.name.clone())))
            .collect();
        let (pairs, listed) = mentioned(&model);
        prop_assert_eq!(&pairs, &stored);
        let names: BTreeSet<String> = snapshot.fields.iter().map(|f| f.name.clone()).collect();
        prop_assert!(listed.is_subset(&names));
        // Every purpose's data row lists the labels of exactly its fields.
        for section in &model.purposes {
            let expected: Vec<String> = section
                .fields
                .iter()
                .map(|name| field_label(lang, snapshot.fields.iter().find(|f| &f.name == name).unwrap()).unwrap())
                .collect();
            if !expected.is_empty() {
                prop_assert_eq!(&section.rows[0].value, &expected.join(", "));
            }
        }
        // Special, third-party, own and BSN fields are each listed where the law asks.
        for field in &snapshot.fields {
            let in_listing = |listing: &Option<crate::statement::model::Listing>| {
                listing.as_ref().is_some_and(|l| l.items.iter().any(|i| i.fields.contains(&field.name)))
            };
            prop_assert_eq!(in_listing(&model.special), field.special.is_some());
            prop_assert_eq!(in_listing(&model.not_from_you), field.source != DataSource::Subject);
            prop_assert_eq!(in_listing(&model.bsn), field.field_type == FieldType::Bsn);
            let required = model.required.items.iter().any(|i| i.fields.contains(&field.name));
            prop_assert_eq!(required, field.required && field.source == DataSource::Subject);
        }
        let sections: Vec<&str> = model.purposes.iter().map(|p| p.name.as_str()).collect();
        let stored_purposes: Vec<&str> = {
            let mut v: Vec<&str> = snapshot.purposes.iter().map(|p| p.name.as_str()).collect();
            v.sort();
            v
        };
        prop_assert_eq!(sections, stored_purposes);
        // The only gap a generated schema can have is a BSN under consent.
        for missing in &model.missing {
            let is_bsn_consent = matches!(missing, crate::statement::Missing::BsnConsent { .. });
            prop_assert!(is_bsn_consent, "{:?}", missing);
        }
    }
}

/// Every Dutch free text of a snapshot: what the English statement must never show.
fn dutch_texts(snapshot: &Snapshot) -> Vec<String> {
    let mut texts = Vec::new();
    for p in &snapshot.purposes {
        texts.push(p.description.clone());
        texts.extend(p.interest.clone());
        texts.extend(p.law.clone());
        texts.extend(p.retention.note.clone());
        if let Some(profiling) = &p.profiling {
            texts.extend(profiling.logic.clone());
            texts.extend(profiling.effect.clone());
        }
    }
    for f in &snapshot.fields {
        texts.extend(f.label.clone());
        texts.extend(f.source_note.clone());
    }
    texts
}

/// Dutch words that no English sentence holds, as whole words.
const DUTCH_WORDS: &[&str] = &["de", "het", "een", "wij", "uw"];

fn whole_words(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// What removing one English text asks for: purpose 0's texts, or field 0's label.
fn drop_english(snapshot: &mut Snapshot, which: usize) -> String {
    let purpose = &mut snapshot.purposes[0];
    let name = purpose.name.clone();
    let flag = match which {
        0 => {
            purpose.description_en = None;
            "--description-en"
        }
        1 => {
            purpose.interest_en = None;
            "--interest-en"
        }
        2 => {
            purpose.law_en = None;
            "--law-en"
        }
        3 => {
            purpose.retention.note_en = None;
            "--retention-note-en"
        }
        _ => match snapshot.fields.first_mut() {
            Some(field) => {
                field.label_en = None;
                return format!(
                    "kluis field edit {} --label-en \"THE ENGLISH TEXT\"",
                    field.name
                );
            }
            None => {
                purpose.description_en = None;
                "--description-en"
            }
        },
    };
    format!("kluis purpose edit {name} {flag} \"THE ENGLISH TEXT\"")
}

proptest! {
    /// With every English text present, the English statement holds none of the Dutch texts,
    /// no Dutch word and no internal field name; with one removed, it refuses and names it.
    #[test]
    fn the_english_statement_holds_no_dutch(snapshot in snapshot(), which in 0usize..5) {
        let model = build_draft(&snapshot, &crate::statement::Settings::default(), Lang::En, date());
        for missing in &model.missing {
            let is_bsn_consent = matches!(missing, Missing::BsnConsent { .. });
            prop_assert!(is_bsn_consent, "{:?}", missing);
        }
        for format in [Format::Txt, Format::Md, Format::Html] {
            let out = render(&model, format, false).unwrap();
            for dutch in dutch_texts(&snapshot) {
                prop_assert!(!out.contains(&dutch), "{} in {}", dutch, out);
            }
            let words = whole_words(&out);
            for word in DUTCH_WORDS {
                prop_assert!(!words.contains(*word), "{} in {}", word, out);
            }
            for field in &snapshot.fields {
                prop_assert!(!words.contains(&field.name), "{} in {}", field.name, out);
            }
        }
        let mut gap = snapshot.clone();
        let command = drop_english(&mut gap, which);
        let refused = build(&gap, Lang::En, date()).unwrap_err().missing;
        let listed = refused.iter().any(|m| matches!(m, Missing::English { .. }) && crate::cli::hint::statement::command(m) == command);
        prop_assert!(listed, "{} not in {:?}", command, refused);
        let draft = render(&build_draft(&gap, &crate::statement::Settings::default(), Lang::En, date()), Format::Txt, false).unwrap();
        prop_assert!(draft.contains("[MISSING: English text]"));
    }
}

/// Hedging words the statement never uses (Art. 12(1); the AP's "kort en simpel").
const BANNED: &[&str] = &[
    "may",
    "might",
    "possibly",
    "perhaps",
    "potentially",
    "could",
    "kan",
    "mogelijk",
    "mogelijkerwijs",
    "eventueel",
    "eventuele",
    "wellicht",
    "misschien",
    "zo nodig",
    "indien nodig",
    "in principe",
    "where appropriate",
    "if necessary",
];

fn hedges(text: &str) -> Vec<&'static str> {
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let joined = format!(" {} ", words.join(" "));
    BANNED
        .iter()
        .copied()
        .filter(|banned| joined.contains(&format!(" {banned} ")))
        .collect()
}

#[test]
fn the_hedge_scanner_finds_hedges() {
    assert_eq!(hedges("We may share it."), vec!["may"]);
    assert_eq!(hedges("Dit kan eventueel."), vec!["kan", "eventueel"]);
    assert!(hedges("Kanaal en mayonaise").is_empty());
}

#[test]
fn no_rendered_fixture_hedges() {
    let mut bigger = bakery();
    let mut f = super::fixtures::labelled("allergy", "Allergie", "Allergy", &["customer-admin"]);
    f.special = Some(SpecialCategory::Health);
    for (exception, ..) in crate::statement::texts::ART9_EXCEPTIONS {
        f.name = format!("allergy_{exception}");
        f.art9 = Some(exception.to_string());
        bigger.fields.push(f.clone());
    }
    let mut bsn =
        super::fixtures::labelled("bsn", "BSN", "Citizen service number", &["bookkeeping"]);
    bsn.field_type = FieldType::Bsn;
    bigger.fields.push(bsn);
    let mut task = super::fixtures::purpose_en("task", LegalBasis::PublicTask, "Taak", "Task");
    task.interest = Some("Taak".into());
    task.interest_en = Some("Task".into());
    bigger.purposes.push(super::fixtures::purpose_en(
        "vital",
        LegalBasis::VitalInterests,
        "Vitaal",
        "Vital",
    ));
    bigger.purposes.push(task);
    let mut required =
        super::fixtures::labelled("req", "Verplicht", "Required", &["vital", "task"]);
    required.required = true;
    bigger.fields.push(required);
    let mut gaps = bigger.clone();
    gaps.profile = None;
    gaps.fields
        .push(super::fixtures::field("score", &["fraud"]));
    for lang in [Lang::Nl, Lang::En] {
        for format in [Format::Md, Format::Html, Format::Txt] {
            for (name, model) in [
                ("bakery", build(&bakery(), lang, date()).unwrap()),
                ("every section", build(&bigger, lang, date()).unwrap()),
                (
                    "draft",
                    build_draft(&gaps, &crate::statement::Settings::default(), lang, date()),
                ),
            ] {
                let out = render(&model, format, true).unwrap();
                assert_eq!(hedges(&out), Vec::<&str>::new(), "{name} {lang} {format}");
            }
        }
        let register = crate::statement::register::build_register(&bigger, lang, date());
        let md = crate::statement::register::render_markdown(&register).unwrap();
        assert_eq!(hedges(&md), Vec::<&str>::new(), "register {lang}");
    }
}
