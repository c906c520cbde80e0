use super::*;
use crate::schema::{self, model::Snapshot};
use crate::vault::database::open_scratch;

const STARTERS: [Starter; 4] = [
    Starter::Webshop,
    Starter::Zzp,
    Starter::Salon,
    Starter::Club,
];

/// `starter` applied to a fresh database, as its snapshot.
fn applied(starter: Starter) -> Snapshot {
    let mut conn = open_scratch().unwrap();
    schema::in_transaction(&mut conn, |tx| apply(tx, starter))
        .unwrap_or_else(|error| panic!("{starter} applies: {error}"));
    schema::load_snapshot(&conn).unwrap()
}

#[test]
fn each_starter_applies_to_a_fresh_database_as_previewed() {
    for starter in STARTERS {
        let preview = preview(starter);
        assert_eq!(preview.starter, starter);
        assert!(!preview.purposes.is_empty(), "{starter}");
        let snapshot = applied(starter);
        let names = |items: Vec<&str>| items.join(" ");
        assert_eq!(
            names(snapshot.purposes.iter().map(|p| p.name.as_str()).collect()),
            names(
                preview
                    .purposes
                    .iter()
                    .map(|p| p.declared.name.as_str())
                    .collect()
            ),
            "{starter}: the purposes in the previewed order"
        );
        let mut fields: Vec<&str> = preview
            .fields
            .iter()
            .map(|f| f.declared.name.as_str())
            .collect();
        fields.sort_unstable();
        assert_eq!(
            names(snapshot.fields.iter().map(|f| f.name.as_str()).collect()),
            names(fields),
            "{starter}"
        );
        assert_eq!(
            snapshot.recipients.len(),
            preview.recipients.len(),
            "{starter}"
        );
        assert!(
            snapshot.profile.is_none(),
            "{starter}: the profile is the user's to give"
        );
    }
}

#[test]
fn every_purpose_answers_profiling_and_every_text_has_its_english_twin() {
    for starter in STARTERS {
        for purpose in applied(starter).purposes {
            let name = &purpose.name;
            assert!(purpose.profiling.is_some(), "{starter} {name}");
            assert!(purpose.description_en.is_some(), "{starter} {name}");
            assert_eq!(purpose.subjects.is_some(), purpose.subjects_en.is_some());
            assert_eq!(purpose.interest.is_some(), purpose.interest_en.is_some());
            assert_eq!(purpose.law.is_some(), purpose.law_en.is_some());
        }
        for field in applied(starter).fields {
            assert!(
                field.label.is_some() && field.label_en.is_some(),
                "{starter}"
            );
        }
    }
}

#[test]
fn every_declaration_explains_itself_in_both_languages() {
    for starter in Starter::ALL.iter().copied() {
        let preview = preview(starter);
        let mut meanings = vec![preview.title, preview.summary];
        meanings.extend(preview.purposes.iter().map(|p| p.meaning));
        meanings.extend(preview.fields.iter().map(|f| f.meaning));
        meanings.extend(preview.recipients.iter().map(|r| r.meaning));
        for meaning in meanings {
            assert!(!meaning.nl.trim().is_empty() && !meaning.en.trim().is_empty());
            assert_ne!(meaning.nl, meaning.en, "{starter}: {}", meaning.nl);
            assert!(
                !meaning.nl.contains("  ") && !meaning.en.contains("  "),
                "{meaning:?}"
            );
        }
    }
}

#[test]
fn the_health_notes_rest_on_explicit_consent() {
    let snapshot = applied(Starter::Salon);
    let notes = snapshot
        .fields
        .iter()
        .find(|f| f.special.is_some())
        .expect("the salon keeps health notes");
    assert_eq!(notes.art9.as_deref(), Some("explicit-consent"));
    assert!(!notes.required);
}

#[test]
fn none_declares_nothing() {
    assert_eq!(applied(Starter::None), Snapshot::default());
}

#[test]
fn a_starter_is_refused_on_a_schema_with_purposes() {
    let mut conn = open_scratch().unwrap();
    schema::in_transaction(&mut conn, |tx| apply(tx, Starter::Zzp)).unwrap();
    let error = schema::in_transaction(&mut conn, |tx| apply(tx, Starter::Webshop)).unwrap_err();
    assert!(
        matches!(error, Error::StarterNotEmpty { purposes: 2 }),
        "{error}"
    );
    assert_eq!(schema::load_snapshot(&conn).unwrap(), applied(Starter::Zzp));
}

#[test]
fn starters_are_named_in_kebab_case() {
    assert_eq!("webshop".parse(), Ok(Starter::Webshop));
    assert_eq!(" ZZP ".parse(), Ok(Starter::Zzp));
    assert_eq!(Starter::NAMES, ["webshop", "zzp", "salon", "club", "none"]);
    assert!("shop".parse::<Starter>().is_err());
}
