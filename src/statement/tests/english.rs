//! A purpose's English texts: used by the English statement and register, with the Dutch
//! text as the fallback, and compared by `statement diff`.

use super::fixtures::{bakery, date};
use crate::schema::model::Snapshot;
use crate::statement::diff::diff;
use crate::statement::model::{build, untranslated_purposes};
use crate::statement::register::{build_register, render_markdown};
use crate::statement::render::render;
use crate::statement::{Format, Lang};

const FRAUD_NL: &str = "Fraude voorkomen bij betalen op rekening";
const FRAUD_EN: &str = "Preventing fraud when paying by invoice";
const INTEREST_NL: &str = "Voorkomen dat we bestellingen leveren die niet betaald worden";
const INTEREST_EN: &str = "Not delivering orders that are never paid for";

/// The bakery with English texts for its fraud purpose only.
fn translated() -> Snapshot {
    let mut snapshot = bakery();
    let fraud = snapshot
        .purposes
        .iter_mut()
        .find(|p| p.name == "fraud")
        .unwrap();
    fraud.description_en = Some(FRAUD_EN.into());
    fraud.interest_en = Some(INTEREST_EN.into());
    snapshot
}

fn text(snapshot: &Snapshot, lang: Lang) -> String {
    render(&build(snapshot, lang, date()).unwrap(), Format::Txt, false).unwrap()
}

#[test]
fn the_english_statement_shows_the_english_texts() {
    let en = text(&translated(), Lang::En);
    assert!(en.contains(&format!("{FRAUD_EN}\n~~~")), "{en}");
    assert!(en.contains(INTEREST_EN), "{en}");
    assert!(!en.contains(FRAUD_NL) && !en.contains(INTEREST_NL), "{en}");
    // The objection paragraph names the purpose by its English description too.
    let heading = "Your right to object\n--------------------";
    let objection = &en[en.find(heading).unwrap()..];
    assert!(objection[..600].contains(FRAUD_EN), "{objection}");
}

#[test]
fn without_english_texts_the_english_statement_shows_the_dutch_ones() {
    let en = text(&translated(), Lang::En);
    assert!(en.contains("Bestellingen leveren en factureren"), "{en}");
    let plain = text(&bakery(), Lang::En);
    assert!(plain.contains(FRAUD_NL) && plain.contains(INTEREST_NL));
}

#[test]
fn the_dutch_statement_ignores_the_english_texts() {
    assert_eq!(text(&translated(), Lang::Nl), text(&bakery(), Lang::Nl));
}

#[test]
fn untranslated_purposes_are_named() {
    let all: Vec<String> = bakery().purposes.iter().map(|p| p.name.clone()).collect();
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(untranslated_purposes(&bakery()), sorted);
    let mut snapshot = translated();
    assert!(!untranslated_purposes(&snapshot).contains(&"fraud".to_string()));
    // An interest without its English version still shows Dutch.
    snapshot
        .purposes
        .iter_mut()
        .find(|p| p.name == "fraud")
        .unwrap()
        .interest_en = None;
    assert!(untranslated_purposes(&snapshot).contains(&"fraud".to_string()));
}

#[test]
fn the_english_register_shows_the_english_texts() {
    let md = render_markdown(&build_register(&translated(), Lang::En, date())).unwrap();
    assert!(md.contains(FRAUD_EN) && md.contains(INTEREST_EN), "{md}");
    let nl = render_markdown(&build_register(&translated(), Lang::Nl, date())).unwrap();
    assert!(nl.contains(FRAUD_NL) && !nl.contains(FRAUD_EN), "{nl}");
}

#[test]
fn diff_lists_changed_english_texts() {
    let changes = diff(&bakery(), &translated()).changes;
    let attributes: Vec<(&str, &str)> = changes
        .iter()
        .map(|c| (c.name.as_str(), c.attribute))
        .collect();
    assert_eq!(
        attributes,
        [("fraud", "description-en"), ("fraud", "interest-en")]
    );
    assert_eq!(changes[0].before, "(none)");
    assert_eq!(changes[0].after, FRAUD_EN);
}

/// Statements published before purposes had English texts are stored without the keys.
#[test]
fn a_snapshot_published_before_english_texts_still_reads() {
    let mut json = serde_json::to_value(bakery()).unwrap();
    for purpose in json["purposes"].as_array_mut().unwrap() {
        let purpose = purpose.as_object_mut().unwrap();
        assert!(purpose.remove("description_en").is_some());
        assert!(purpose.remove("interest_en").is_some());
    }
    let old: Snapshot = serde_json::from_value(json).unwrap();
    assert_eq!(old, bakery());
    assert!(diff(&old, &bakery()).is_empty());
}
