//! Regression tests for the text fixes of issue 9: each is named after a sentence that was
//! false for the schema it was printed for.

use super::fixtures::{bakery, date, labelled, profile, purpose_en, text};
use crate::schema::model::{LegalBasis, Snapshot};
use crate::statement::Lang;
use crate::statement::missing::Missing;
use crate::statement::model::{Settings, build, build_draft, build_with};
use crate::statement::render::render;
use crate::statement::{Format, texts};

fn one_purpose(basis: LegalBasis) -> Snapshot {
    let mut name = labelled("name", "Naam", "Name", &["p"]);
    name.required = true;
    Snapshot {
        profile: Some(profile()),
        purposes: vec![purpose_en("p", basis, "Iets doen", "Doing something")],
        fields: vec![name],
        ..Snapshot::default()
    }
}

#[test]
fn bookkeeping_data_claims_no_duty_for_the_customer() {
    let snapshot = one_purpose(LegalBasis::LegalObligation);
    let nl = text(&snapshot, Lang::Nl).to_lowercase();
    let en = text(&snapshot, Lang::En).to_lowercase();
    for duty in ["u bent verplicht", "moet u geven", "verplicht ze te geven"] {
        assert!(!nl.contains(duty), "{duty}:\n{nl}");
    }
    for duty in ["you are required to give", "you must give"] {
        assert!(!en.contains(duty), "{duty}:\n{en}");
    }
    // Nor that the person has none: for wage tax an employee must give the data (Wet op de
    // loonbelasting 1964), and kluis is not told whose case it is.
    for claim in ["niet u,", "u bent niet verplicht"] {
        assert!(!nl.contains(claim), "{claim}:\n{nl}");
    }
    assert!(!en.contains("not you,"), "{en}");
    assert!(
        nl.contains("de wet verplicht ons om deze gegevens vast te leggen"),
        "{nl}"
    );
    assert!(
        en.contains("the law requires us to record this data"),
        "{en}"
    );
}

#[test]
fn no_required_sentence_claims_a_duty_of_the_person() {
    use LegalBasis::*;
    for basis in [
        Consent,
        Contract,
        LegalObligation,
        VitalInterests,
        PublicTask,
        LegitimateInterests,
    ] {
        let nl = texts::required_consequence(Lang::Nl, basis).to_lowercase();
        let en = texts::required_consequence(Lang::En, basis).to_lowercase();
        assert!(!nl.contains("u bent verplicht"), "{basis}: {nl}");
        assert!(!en.contains("you are required to give"), "{basis}: {en}");
    }
}

#[test]
fn a_legal_obligation_without_its_law_is_refused() {
    let mut snapshot = one_purpose(LegalBasis::LegalObligation);
    snapshot.purposes[0].law = None;
    let missing = build(&snapshot, Lang::Nl, date()).unwrap_err().missing;
    assert_eq!(
        missing,
        [Missing::Law {
            purpose: "p".into()
        }]
    );
    assert!(
        crate::cli::hint::statement::command(&missing[0]).contains("kluis purpose edit p --law")
    );
    let draft = render(
        &build_draft(&snapshot, &Settings::default(), Lang::Nl, date()),
        Format::Txt,
        false,
    )
    .unwrap();
    assert!(
        draft.contains("[ONTBREEKT: de wet die ons verplicht]"),
        "{draft}"
    );
}

#[test]
fn the_objection_text_names_a_public_task_only_when_one_exists() {
    // The bakery objects only under legitimate interests.
    for (lang, public_task) in [
        (Lang::Nl, "taak van algemeen belang"),
        (Lang::En, "public task"),
    ] {
        let out = text(&bakery(), lang);
        assert!(!out.contains(public_task), "{lang}:\n{out}");
    }
    let mut task = bakery();
    task.purposes.push(purpose_en(
        "registry",
        LegalBasis::PublicTask,
        "Register bijhouden",
        "Keeping a register",
    ));
    task.fields[0].purposes.push("registry".into());
    let out = text(&task, Lang::Nl);
    assert!(
        out.contains("op basis van ons gerechtvaardigd belang of een taak van algemeen belang"),
        "{out}"
    );
    let only_task = one_purpose(LegalBasis::PublicTask);
    let out = text(&only_task, Lang::En);
    assert!(out.contains("on the basis of a public task"), "{out}");
    assert!(!out.contains("legitimate interests"), "{out}");
}

#[test]
fn withdrawal_is_not_promised_as_easy_as_giving() {
    for lang in [Lang::Nl, Lang::En] {
        let out = text(&bakery(), lang).to_lowercase();
        assert!(!out.contains("net zo makkelijk"), "{out}");
        assert!(!out.contains("as easy as"), "{out}");
        // The concrete way is named instead.
        assert!(out.contains("privacy@bakkerijjansen.nl"), "{out}");
    }
}

#[test]
fn purposes_appear_in_the_order_the_user_gave() {
    let mut snapshot = bakery();
    snapshot.purposes.reverse();
    let model = build(&snapshot, Lang::Nl, date()).unwrap();
    let names: Vec<&str> = model.purposes.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["newsletter", "fraud", "customer-admin", "bookkeeping"]
    );
}

#[test]
fn the_retention_label_is_plural_in_dutch() {
    let out = text(&bakery(), Lang::Nl);
    assert!(out.contains("Hoe lang we ze bewaren"), "{out}");
    assert!(!out.contains("Hoe lang we het bewaren"), "{out}");
}

#[test]
fn lists_of_items_with_and_in_them_stay_unambiguous() {
    let items = vec![
        "Bestellingen leveren en factureren".to_string(),
        "Nieuwsbrief".to_string(),
    ];
    assert_eq!(
        texts::join_items(Lang::Nl, &items),
        "\"Bestellingen leveren en factureren\"; \"Nieuwsbrief\""
    );
    let plain = vec![
        "Naam".to_string(),
        "Adres".to_string(),
        "E-mail".to_string(),
    ];
    assert_eq!(texts::join_items(Lang::Nl, &plain), "Naam, Adres en E-mail");
    assert_eq!(texts::join_items(Lang::En, &plain[..1]), "Naam");
}

/// Regression: "We maken geen profiel van u" was printed while fields such as a credit rating,
/// a blacklist flag, a churn estimate or a customer class existed, because detection was by
/// keywords. Now no sentence comes from the fields: until the purpose answers `--profiling`
/// the statement refuses, and the keywords only make `kluis check` warn.
#[test]
fn no_geen_profiel_for_credit_rating_blacklist_churn_or_customer_class() {
    for name in [
        "kredietwaardigheid",
        "zwarte_lijst",
        "churn_kans",
        "klantklasse",
    ] {
        let mut snapshot = one_purpose(LegalBasis::Contract);
        snapshot.purposes[0].profiling = None;
        snapshot
            .fields
            .push(labelled(name, "Beoordeling", "Rating", &["p"]));
        assert!(
            crate::records::declared::looks_like_profiling(&snapshot.fields[1]),
            "{name} makes check warn"
        );
        let refused = build(&snapshot, Lang::Nl, date()).unwrap_err();
        assert_eq!(
            refused.missing,
            [Missing::Profiling {
                purpose: "p".into()
            }],
            "{name}"
        );
        let draft = render(
            &build_draft(&snapshot, &Settings::default(), Lang::Nl, date()),
            Format::Txt,
            false,
        )
        .unwrap();
        assert!(!draft.contains("geen profiel"), "{name}: {draft}");
    }
}

/// Until the twelfth session a purpose marked as direct marketing was not named in the
/// statement: a newsletter under consent said nothing of the absolute right to object to
/// direct marketing, which Art. 21(4) requires the statement to state on its own.
#[test]
fn direct_marketing_gets_its_absolute_right_to_object() {
    let marketing = Settings {
        direct_marketing: vec!["newsletter".into()],
        ..Settings::default()
    };
    for (lang, paragraph, always) in [
        (
            Lang::Nl,
            "Voor direct marketing gebruiken we uw gegevens bij deze doelen: Een nieuwsbrief sturen",
            "Daartegen mag u altijd bezwaar maken, zonder een reden te geven.",
        ),
        (
            Lang::En,
            "We use your data for direct marketing for these purposes: Sending a newsletter",
            "You have the right to object to this at any time, without giving a reason.",
        ),
    ] {
        let model = build_with(&bakery(), &marketing, lang, date()).unwrap();
        let marked = render(&model, Format::Txt, false).unwrap();
        assert!(marked.contains(paragraph), "{lang}:\n{marked}");
        assert!(marked.contains(always), "{lang}:\n{marked}");
        let newsletter = model
            .purposes
            .iter()
            .find(|p| p.name == "newsletter")
            .unwrap();
        let inline = texts::texts(lang).objection_inline;
        assert!(newsletter.notes.iter().any(|note| note == inline), "{lang}");
        // Only what was declared: without the mark, no such paragraph.
        let unmarked = text(&bakery(), lang);
        assert!(!unmarked.contains(paragraph), "{lang}:\n{unmarked}");
    }
}
