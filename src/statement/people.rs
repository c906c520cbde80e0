//! Who the people are: each purpose's declared subjects ("klanten", "leden"), and the section
//! for parents when children under 16 are among them (UAVG art. 5).
//!
//! Subjects default to klanten/customers when a purpose declares none. A purpose that declares
//! Dutch subjects without English ones blocks the English statement: kluis never shows the
//! Dutch word there.

use serde::Serialize;

use crate::schema::model::Purpose;

use super::Lang;
use super::missing::Missing;
use super::texts::{fill, join_items};

/// A titled section of sentences, for the sections that carry their own heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Prose {
    pub heading: &'static str,
    pub lines: Vec<String>,
}

/// Records a missing fact and returns the draft marker for its place.
pub type Mark<'m> = &'m mut dyn FnMut(Missing) -> String;

/// The people of a purpose in the language: the declared subjects, or customers.
pub fn subjects(lang: Lang, purpose: &Purpose, mark: Mark<'_>) -> String {
    let declared = purpose.subjects.as_deref().map(str::trim);
    match (lang, declared) {
        (Lang::Nl, Some(text)) if !text.is_empty() => text.to_string(),
        (Lang::Nl, _) => "klanten".to_string(),
        (Lang::En, Some(text)) if !text.is_empty() => {
            match purpose.subjects_en.as_deref().map(str::trim) {
                Some(english) if !english.is_empty() => english.to_string(),
                _ => mark(Missing::SubjectsEnglish {
                    purpose: purpose.name.clone(),
                }),
            }
        }
        (Lang::En, _) => "customers".to_string(),
    }
}

/// Every group of people, once each (ignoring case), in the purposes' order.
pub fn all_subjects(lang: Lang, purposes: &[&Purpose], mark: Mark<'_>) -> Vec<String> {
    let mut groups: Vec<String> = Vec::new();
    for purpose in purposes {
        let group = subjects(lang, purpose, mark);
        if !groups
            .iter()
            .any(|g| g.to_lowercase() == group.to_lowercase())
        {
            groups.push(group);
        }
    }
    groups
}

/// The sentence after the intro that says whom the statement is for: "Deze verklaring is voor
/// onze klanten en leden."
pub fn audience(lang: Lang, purposes: &[&Purpose], mark: Mark<'_>) -> String {
    let groups = all_subjects(lang, purposes, mark);
    let groups = if groups.is_empty() {
        vec![match lang {
            Lang::Nl => "klanten".to_string(),
            Lang::En => "customers".to_string(),
        }]
    } else {
        groups
    };
    let sentence = match lang {
        Lang::Nl => "Deze verklaring is voor onze {subjects}.",
        Lang::En => "This statement is for our {subjects}.",
    };
    fill(sentence, &[("subjects", &join_items(lang, &groups))])
}

/// The purpose's "about whom" row, shown when the purposes serve more than one group of
/// people or children are among them: the label and the value.
pub fn subjects_row(
    lang: Lang,
    purpose: &Purpose,
    all: &[&Purpose],
    mark: Mark<'_>,
) -> Option<(&'static str, String)> {
    let mut ignore = |_: Missing| String::new();
    let several = all_subjects(lang, all, &mut ignore).len() > 1;
    if !several && !all.iter().any(|p| p.minors) {
        return None;
    }
    let mut value = subjects(lang, purpose, mark);
    if purpose.minors {
        value.push_str(match lang {
            Lang::Nl => ", ook kinderen jonger dan 16 jaar",
            Lang::En => ", including children under 16",
        });
    }
    let label = match lang {
        Lang::Nl => "Over wie",
        Lang::En => "About whom",
    };
    Some((label, value))
}

/// The sentence the consent section adds when children under 16 are among the people of a
/// purpose that asks for consent: a parent or guardian gives and withdraws it (UAVG art. 5).
pub fn consent_parents_line(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => {
            "Is de persoon jonger dan 16 jaar? Dan vragen we de toestemming aan een ouder of voogd. De ouder of voogd mag die toestemming ook altijd intrekken, op dezelfde manier."
        }
        Lang::En => {
            "Is the person under 16? Then we ask a parent or guardian for consent. The parent or guardian also has the right to withdraw that consent at any time, in the same way."
        }
    }
}

/// The section for parents, when a purpose declares that children under 16 are among its
/// people. Each purpose comes with its title in the statement and whether it asks for
/// consent, as its basis or for a field under explicit consent (Art. 9(2)(a)).
pub fn children(
    lang: Lang,
    purposes: &[(&Purpose, String, bool)],
    exercise_heading: &str,
) -> Option<Prose> {
    let with_children: Vec<&(&Purpose, String, bool)> =
        purposes.iter().filter(|(p, ..)| p.minors).collect();
    if with_children.is_empty() {
        return None;
    }
    let titles: Vec<String> = with_children.iter().map(|(_, t, _)| t.clone()).collect();
    let consent: Vec<String> = with_children
        .iter()
        .filter(|(_, _, asks_consent)| *asks_consent)
        .map(|(_, t, _)| t.clone())
        .collect();
    let (heading, among, consent_line, rights) = match lang {
        Lang::Nl => (
            "Kinderen",
            "Bij deze doelen horen ook kinderen jonger dan 16 jaar: {purposes}.",
            "Voor een kind jonger dan 16 jaar geeft een ouder of voogd de toestemming (UAVG artikel 5). Dat geldt voor: {purposes}. De ouder of voogd mag die toestemming altijd intrekken. Daarna gebruiken we de gegevens van het kind niet meer voor dat doel.",
            "Een ouder of voogd gebruikt de rechten van een kind jonger dan 16 jaar namens het kind, zoals inzage of verwijdering. Dat gaat zoals in \"{exercise}\" staat. We controleren dan ook of u de ouder of voogd van het kind bent.",
        ),
        Lang::En => (
            "Children",
            "Children under 16 are among the people for these purposes: {purposes}.",
            "For a child under 16, a parent or guardian gives consent (Dutch GDPR Implementation Act, article 5). This applies to: {purposes}. The parent or guardian has the right to withdraw that consent at any time. After that we stop using the child's data for that purpose.",
            "A parent or guardian uses the rights of a child under 16 on the child's behalf, such as access or erasure. This works as described in \"{exercise}\". We then also check that you are the child's parent or guardian.",
        ),
    };
    let mut lines = vec![fill(among, &[("purposes", &join_items(lang, &titles))])];
    if !consent.is_empty() {
        lines.push(fill(
            consent_line,
            &[("purposes", &join_items(lang, &consent))],
        ));
    }
    lines.push(fill(rights, &[("exercise", exercise_heading)]));
    Some(Prose { heading, lines })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::model::LegalBasis;

    fn purpose(name: &str, subjects: Option<&str>, subjects_en: Option<&str>) -> Purpose {
        Purpose {
            subjects: subjects.map(str::to_owned),
            subjects_en: subjects_en.map(str::to_owned),
            ..Purpose::new(name, LegalBasis::Contract, "Iets doen")
        }
    }

    #[test]
    fn undeclared_subjects_are_customers() {
        let p = purpose("a", None, None);
        let mut mark = |_: Missing| panic!("nothing is missing");
        assert_eq!(subjects(Lang::Nl, &p, &mut mark), "klanten");
        assert_eq!(subjects(Lang::En, &p, &mut mark), "customers");
    }

    #[test]
    fn the_audience_names_every_group_once() {
        let a = purpose("a", None, None);
        let b = purpose("b", Some("leden"), Some("members"));
        let c = purpose("c", Some("Leden"), Some("Members"));
        let mut mark = |_: Missing| panic!("nothing is missing");
        assert_eq!(
            audience(Lang::Nl, &[&a, &b, &c], &mut mark),
            "Deze verklaring is voor onze klanten en leden."
        );
        assert_eq!(
            audience(Lang::En, &[&a, &b, &c], &mut mark),
            "This statement is for our customers and members."
        );
    }

    #[test]
    fn dutch_subjects_without_english_are_missing_in_english() {
        let b = purpose("b", Some("leden"), None);
        let mut missing = Vec::new();
        let mut mark = |m: Missing| {
            missing.push(m);
            "[MISSING]".to_string()
        };
        assert_eq!(subjects(Lang::En, &b, &mut mark), "[MISSING]");
        assert_eq!(
            missing,
            vec![Missing::SubjectsEnglish {
                purpose: "b".into()
            }]
        );
    }

    #[test]
    fn the_children_section_appears_only_with_minors() {
        let a = purpose("a", None, None);
        assert_eq!(children(Lang::Nl, &[(&a, "A".into(), false)], "Zo"), None);
        let club = Purpose {
            minors: true,
            basis: LegalBasis::Consent,
            ..purpose("photos", Some("leden"), Some("members"))
        };
        let asks_consent = true;
        let section = children(Lang::Nl, &[(&club, "Foto's".into(), asks_consent)], "Zo").unwrap();
        assert_eq!(section.heading, "Kinderen");
        assert!(section.lines[1].contains("geeft een ouder of voogd de toestemming"));
        assert!(section.lines[2].contains("namens het kind"));
    }

    #[test]
    fn no_consent_line_for_children_without_consent() {
        let contract = Purpose {
            minors: true,
            ..purpose("members", Some("leden"), Some("members"))
        };
        let section = children(Lang::En, &[(&contract, "Members".into(), false)], "X").unwrap();
        assert_eq!(section.lines.len(), 2);
        assert!(!section.lines.join(" ").contains("consent"));
        let explicit = children(Lang::En, &[(&contract, "Members".into(), true)], "X").unwrap();
        assert!(explicit.lines[1].contains("parent or guardian gives consent"));
    }
}
