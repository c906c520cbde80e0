//! The English statement shows only English text the user wrote: a free text without its
//! English twin refuses the statement with the command that adds it, or marks a draft. It
//! never falls back to the Dutch text or to an internal name.

use super::fixtures::{bakery, date, draft, field, text};
use crate::schema::model::{Profiling, ProfilingKind, Snapshot};
use crate::statement::Lang;
use crate::statement::diff::diff;
use crate::statement::missing::Missing;
use crate::statement::model::build;
use crate::statement::register::{build_register, render_markdown};

const FRAUD_NL: &str = "Fraude voorkomen bij betalen op rekening";
const FRAUD_EN: &str = "Preventing fraud when paying by invoice";
const INTEREST_NL: &str = "Voorkomen dat we bestellingen leveren die niet betaald worden";
const INTEREST_EN: &str = "Not delivering orders that are never paid for";

fn purpose_mut<'a>(
    snapshot: &'a mut Snapshot,
    name: &str,
) -> &'a mut crate::schema::model::Purpose {
    snapshot
        .purposes
        .iter_mut()
        .find(|p| p.name == name)
        .unwrap()
}

/// The commands of the English gaps `build` refuses with.
fn english_gaps(snapshot: &Snapshot) -> Vec<String> {
    build(snapshot, Lang::En, date())
        .unwrap_err()
        .missing
        .into_iter()
        .filter(|m| matches!(m, Missing::English(_)))
        .map(|m| crate::cli::hint::statement::command(&m))
        .collect()
}

/// Asserts that without one English text the English statement refuses with `command`, the
/// draft shows the marker instead of `dutch`, and the Dutch statement is unchanged.
fn refuses_without(snapshot: &Snapshot, dutch: &str, command: &str) {
    assert_eq!(english_gaps(snapshot), [command.to_string()]);
    let en = draft(snapshot, Lang::En);
    assert!(!en.contains(dutch), "{en}");
    assert!(en.contains("[MISSING: English text]"), "{en}");
    assert!(text(snapshot, Lang::Nl).contains(dutch));
}

#[test]
fn the_english_statement_shows_the_english_texts() {
    let en = text(&bakery(), Lang::En);
    assert!(en.contains(&format!("{FRAUD_EN}\n~~~")), "{en}");
    assert!(en.contains(INTEREST_EN), "{en}");
    assert!(!en.contains(FRAUD_NL) && !en.contains(INTEREST_NL), "{en}");
    // The objection paragraph names the purpose by its English description too.
    let heading = "Your right to object\n--------------------";
    let objection = &en[en.find(heading).unwrap()..];
    assert!(objection[..600].contains(FRAUD_EN), "{objection}");
}

/// Regression: without an English description the English statement showed the Dutch one.
#[test]
fn english_statement_never_shows_a_dutch_description_or_interest() {
    let mut snapshot = bakery();
    purpose_mut(&mut snapshot, "fraud").description_en = None;
    refuses_without(
        &snapshot,
        FRAUD_NL,
        "kluis purpose edit fraud --description-en \"THE ENGLISH TEXT\"",
    );
    let mut snapshot = bakery();
    purpose_mut(&mut snapshot, "fraud").interest_en = None;
    refuses_without(
        &snapshot,
        INTEREST_NL,
        "kluis purpose edit fraud --interest-en \"THE ENGLISH TEXT\"",
    );
}

#[test]
fn english_statement_never_shows_dutch_retention_note() {
    let mut snapshot = bakery();
    purpose_mut(&mut snapshot, "newsletter").retention.note_en = None;
    refuses_without(
        &snapshot,
        "Onder elke nieuwsbrief staat een link om af te melden.",
        "kluis purpose edit newsletter --retention-note-en \"THE ENGLISH TEXT\"",
    );
}

#[test]
fn english_statement_never_shows_dutch_law() {
    let mut snapshot = bakery();
    purpose_mut(&mut snapshot, "bookkeeping").law_en = None;
    refuses_without(
        &snapshot,
        "AWR art. 52 en BW 2:10",
        "kluis purpose edit bookkeeping --law-en \"THE ENGLISH TEXT\"",
    );
}

#[test]
fn english_statement_never_shows_dutch_source_note() {
    let mut snapshot = bakery();
    let unpaid = snapshot
        .fields
        .iter_mut()
        .find(|f| f.name == "unpaid_invoices")
        .unwrap();
    unpaid.source_note_en = None;
    refuses_without(
        &snapshot,
        "onze eigen administratie",
        "kluis field edit unpaid_invoices --source-note-en \"THE ENGLISH TEXT\"",
    );
}

#[test]
fn english_statement_never_shows_internal_field_name() {
    let mut snapshot = bakery();
    snapshot
        .fields
        .push(field("klantnummer_intern", &["customer-admin"]));
    assert_eq!(
        english_gaps(&snapshot),
        ["kluis field edit klantnummer_intern --label-en \"THE ENGLISH TEXT\""]
    );
    let en = draft(&snapshot, Lang::En);
    assert!(!en.contains("klantnummer_intern"), "{en}");
    assert!(en.contains("[MISSING: English text]"), "{en}");
    // The Dutch statement shows the name the user chose when there is no Dutch label.
    assert!(text(&snapshot, Lang::Nl).contains("klantnummer_intern"));
    // A Dutch label never stands in for the English one either.
    snapshot.fields.last_mut().unwrap().label = Some("Intern klantnummer".into());
    assert!(!draft(&snapshot, Lang::En).contains("Intern klantnummer"));
}

#[test]
fn english_statement_never_shows_dutch_profiling_text() {
    let mut snapshot = bakery();
    purpose_mut(&mut snapshot, "fraud").profiling = Some(Profiling {
        kind: ProfilingKind::AutomatedDecision,
        logic: Some("Twee onbetaalde facturen geven een blokkade.".into()),
        logic_en: Some("Two unpaid invoices block paying by invoice.".into()),
        effect: Some("U betaalt dan vooraf.".into()),
        effect_en: None,
    });
    refuses_without(
        &snapshot,
        "U betaalt dan vooraf.",
        "kluis purpose edit fraud --profiling-effect-en \"THE ENGLISH TEXT\"",
    );
    let en = draft(&snapshot, Lang::En);
    assert!(
        en.contains("Two unpaid invoices block paying by invoice."),
        "{en}"
    );
}

#[test]
fn the_dutch_statement_ignores_the_english_texts() {
    let mut without = bakery();
    for purpose in &mut without.purposes {
        purpose.description_en = None;
        purpose.interest_en = None;
    }
    assert_eq!(text(&without, Lang::Nl), text(&bakery(), Lang::Nl));
}

#[test]
fn the_english_register_shows_the_english_texts_and_marks_gaps() {
    let md = render_markdown(&build_register(&bakery(), Lang::En, date())).unwrap();
    assert!(md.contains(FRAUD_EN) && md.contains(INTEREST_EN), "{md}");
    let nl = render_markdown(&build_register(&bakery(), Lang::Nl, date())).unwrap();
    assert!(nl.contains(FRAUD_NL) && !nl.contains(FRAUD_EN), "{nl}");
    let mut snapshot = bakery();
    purpose_mut(&mut snapshot, "fraud").description_en = None;
    let register = build_register(&snapshot, Lang::En, date());
    assert!(
        register
            .missing
            .iter()
            .any(|m| matches!(m, Missing::English { .. }))
    );
    assert!(!render_markdown(&register).unwrap().contains(FRAUD_NL));
}

#[test]
fn diff_lists_changed_english_texts() {
    let mut before = bakery();
    let fraud = purpose_mut(&mut before, "fraud");
    fraud.description_en = None;
    fraud.interest_en = None;
    let changes = diff(&before, &bakery()).changes;
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

/// Statements published before purposes had English texts, retention starts or profiling
/// answers are stored without the keys, and still read.
#[test]
fn a_snapshot_published_before_english_texts_still_reads() {
    let mut json = serde_json::to_value(bakery()).unwrap();
    for purpose in json["purposes"].as_array_mut().unwrap() {
        let purpose = purpose.as_object_mut().unwrap();
        for key in ["description_en", "interest_en", "law_en", "profiling"] {
            assert!(purpose.remove(key).is_some(), "{key}");
        }
        let retention = purpose["retention"].as_object_mut().unwrap();
        retention.remove("start");
        retention.remove("note_en");
    }
    let old: Snapshot = serde_json::from_value(json).unwrap();
    assert!(old.purposes.iter().all(|p| p.profiling.is_none()));
    assert!(old.purposes.iter().all(|p| p.description_en.is_none()));
}
