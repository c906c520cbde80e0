//! Properties over generated schemas: the model mentions exactly the stored fields, under
//! exactly their purposes; and the text holds no hedging words.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::fixtures::{bakery, date, profile};
use crate::schema::model::{
    DataSource, Field, FieldType, LegalBasis, Purpose, Retention, RetentionPeriod, RetentionUnit,
    Snapshot, SpecialCategory,
};
use crate::statement::model::{Settings, StatementModel, build, build_draft, field_label};
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

prop_compose! {
    fn purpose_at(index: usize)(basis in basis(), days in 1u32..4000) -> Purpose {
        Purpose {
            interest: Some(format!("Belang {index}")),
            law: Some(format!("Wet {index}")),
            retention: Retention::of(RetentionPeriod { amount: days, unit: RetentionUnit::Days }),
            no_recipients: true,
            ..Purpose::new(&format!("p{index}"), basis, &format!("Doel nummer {index}"))
        }
    }
}

prop_compose! {
    fn field_at(index: usize, purposes: usize)(
        chosen in proptest::collection::btree_set(0..purposes, 1..=purposes),
        labelled in any::<bool>(),
        labelled_en in any::<bool>(),
        required in any::<bool>(),
        source in source(),
        special in special(),
        bsn in proptest::bool::weighted(0.1),
    ) -> Field {
        Field {
            name: format!("f{index}"),
            field_type: if bsn { FieldType::Bsn } else { FieldType::Text },
            label: labelled.then(|| format!("Veld {index}")),
            label_en: labelled_en.then(|| format!("Field {index}")),
            purposes: chosen.into_iter().map(|p| format!("p{p}")).collect(),
            required,
            source,
            source_note: Some(format!("Bron {index}")),
            source_note_en: None,
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
        let model = build_draft(&snapshot, &Settings::default(), lang, date());
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
                .map(|name| field_label(lang, snapshot.fields.iter().find(|f| &f.name == name).unwrap()))
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
    let mut f = super::fixtures::field("allergy", &["customer-admin"]);
    f.special = Some(SpecialCategory::Health);
    for (exception, ..) in crate::statement::texts::ART9_EXCEPTIONS {
        f.name = format!("allergy_{exception}");
        f.art9 = Some(exception.to_string());
        bigger.fields.push(f.clone());
    }
    let mut bsn = super::fixtures::field("bsn", &["bookkeeping"]);
    bsn.field_type = FieldType::Bsn;
    bigger.fields.push(bsn);
    let mut task = super::fixtures::purpose("task", LegalBasis::PublicTask, "Taak");
    task.interest = Some("Taak".into());
    bigger.purposes.push(super::fixtures::purpose(
        "vital",
        LegalBasis::VitalInterests,
        "Vitaal",
    ));
    bigger.purposes.push(task);
    let mut required = super::fixtures::field("req", &["vital", "task"]);
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
                    build_draft(&gaps, &Settings::default(), lang, date()),
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
