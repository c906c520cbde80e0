//! The profiling section says what each purpose declared, never what field names suggest.

use super::fixtures::{bakery, date, draft, field, text};
use crate::schema::model::{Profiling, ProfilingKind, Snapshot};
use crate::statement::Lang;
use crate::statement::missing::Missing;
use crate::statement::model::build;

const NONE_NL: &str = "We maken geen profiel van u.";
const NONE_EN: &str = "We do not make a profile of you.";

fn declare(snapshot: &mut Snapshot, purpose: &str, profiling: Option<Profiling>) {
    snapshot
        .purposes
        .iter_mut()
        .find(|p| p.name == purpose)
        .unwrap()
        .profiling = profiling;
}

fn answer(
    kind: ProfilingKind,
    logic: Option<(&str, &str)>,
    effect: Option<(&str, &str)>,
) -> Option<Profiling> {
    Some(Profiling {
        kind,
        logic: logic.map(|(nl, _)| nl.into()),
        logic_en: logic.map(|(_, en)| en.into()),
        effect: effect.map(|(nl, _)| nl.into()),
        effect_en: effect.map(|(_, en)| en.into()),
    })
}

const LOGIC: (&str, &str) = (
    "Wie twee facturen te laat betaalde, krijgt klasse C.",
    "Whoever paid two invoices late gets class C.",
);
const EFFECT: (&str, &str) = ("Klasse C betaalt vooraf.", "Class C pays in advance.");

#[test]
fn no_profiling_only_when_every_purpose_declared_none() {
    assert!(text(&bakery(), Lang::Nl).contains(NONE_NL));
    assert!(text(&bakery(), Lang::En).contains(NONE_EN));
}

/// Regression: "We maken geen profiel van u" was printed for a purpose that never answered.
#[test]
fn a_purpose_without_an_answer_is_refused() {
    let mut snapshot = bakery();
    declare(&mut snapshot, "fraud", None);
    let missing = build(&snapshot, Lang::Nl, date()).unwrap_err().missing;
    assert_eq!(
        missing,
        [Missing::Profiling {
            purpose: "fraud".into()
        }]
    );
    assert!(
        crate::cli::hint::statement::command(&missing[0])
            .starts_with("kluis purpose edit fraud --profiling none")
    );
    let out = draft(&snapshot, Lang::Nl);
    assert!(!out.contains(NONE_NL), "{out}");
    assert!(out.contains("[ONTBREEKT: of we een profiel maken of automatisch besluiten]"));
}

/// Regression: a credit rating, a blacklist, a churn estimate or a customer class next to
/// "no profiling". The statement now follows the declaration; a field name decides nothing.
#[test]
fn field_names_never_decide_the_section() {
    let mut snapshot = bakery();
    for name in ["credit_rating", "zwarte_lijst", "churn", "klantklasse"] {
        snapshot.fields.push(field(name, &["fraud"]));
    }
    for f in &mut snapshot.fields {
        f.label_en.get_or_insert_with(|| "Label".into());
    }
    // All declared none: the sentence is the user's declaration (check warns about the names).
    assert!(text(&snapshot, Lang::Nl).contains(NONE_NL));
    declare(
        &mut snapshot,
        "fraud",
        answer(ProfilingKind::Profiling, Some(LOGIC), None),
    );
    let nl = text(&snapshot, Lang::Nl);
    assert!(!nl.contains(NONE_NL), "{nl}");
    assert!(nl.contains(
        "We maken een profiel of score voor: Fraude voorkomen bij betalen op rekening. De besluiten daarbij neemt een medewerker, niet de computer alleen."
    ), "{nl}");
    assert!(nl.contains(&format!("Zo werkt het: {}", LOGIC.0)));
    let en = text(&snapshot, Lang::En);
    assert!(
        en.contains(&format!("This is how it works: {}", LOGIC.1)),
        "{en}"
    );
    assert!(!en.contains(LOGIC.0));
}

#[test]
fn profiling_needs_its_logic() {
    let mut snapshot = bakery();
    declare(
        &mut snapshot,
        "fraud",
        answer(ProfilingKind::Profiling, None, None),
    );
    assert_eq!(
        build(&snapshot, Lang::Nl, date()).unwrap_err().missing,
        [Missing::ProfilingLogic {
            purpose: "fraud".into()
        }]
    );
}

#[test]
fn an_automated_decision_needs_logic_and_effect_and_renders_art_22_3() {
    let mut snapshot = bakery();
    declare(
        &mut snapshot,
        "fraud",
        answer(ProfilingKind::AutomatedDecision, Some(LOGIC), None),
    );
    assert_eq!(
        build(&snapshot, Lang::Nl, date()).unwrap_err().missing,
        [Missing::ProfilingEffect {
            purpose: "fraud".into()
        }]
    );
    declare(
        &mut snapshot,
        "fraud",
        answer(ProfilingKind::AutomatedDecision, Some(LOGIC), Some(EFFECT)),
    );
    let nl = text(&snapshot, Lang::Nl);
    assert!(!nl.contains(NONE_NL));
    for line in [
        "Een computer neemt zonder tussenkomst van een mens een besluit over u voor: Fraude voorkomen bij betalen op rekening.",
        &format!("Dit betekent het voor u: {}", EFFECT.0),
        "U hebt recht op een beoordeling door een mens. U mag uw standpunt geven, en u mag het besluit aanvechten. Mail ons daarvoor op privacy@bakkerijjansen.nl.",
    ] {
        assert!(nl.contains(line), "{line}\n{nl}");
    }
    let en = text(&snapshot, Lang::En);
    for line in [
        &format!("This is what it means for you: {}", EFFECT.1),
        "You have the right to have a person review the decision. You can give your point of view, and you can contest the decision.",
    ] {
        assert!(en.contains(line), "{line}\n{en}");
    }
}

/// Until the twelfth session a profiling purpose said "Een medewerker neemt elk besluit" (staff
/// take every decision) beside another purpose's automated decision, in the same section.
#[test]
fn a_person_decides_only_for_the_purposes_that_declared_it() {
    let mut snapshot = bakery();
    declare(
        &mut snapshot,
        "fraud",
        answer(ProfilingKind::AutomatedDecision, Some(LOGIC), Some(EFFECT)),
    );
    declare(
        &mut snapshot,
        "customer-admin",
        answer(ProfilingKind::Profiling, Some(LOGIC), None),
    );
    let nl = text(&snapshot, Lang::Nl);
    assert!(!nl.contains("elk besluit"), "{nl}");
    assert!(
        nl.contains("De besluiten daarbij neemt een medewerker, niet de computer alleen."),
        "{nl}"
    );
    let en = text(&snapshot, Lang::En);
    assert!(!en.contains("every decision"), "{en}");
}
