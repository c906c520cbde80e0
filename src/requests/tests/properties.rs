//! Over random vaults: an access letter names exactly the fields that hold a value for that
//! person, and no value of anyone else.

use proptest::prelude::*;

use super::*;

/// The plain text fields of the bakery that any text fits, with their Dutch labels.
const FIELDS: [(&str, &str); 4] = [
    ("name", "Naam"),
    ("email", "E-mailadres"),
    ("allergies", "Allergieën"),
    ("unpaid_note", "Notitie over onbetaalde bestelling"),
];

/// A value nobody else can contain by accident: a tag and a random word.
fn value(tag: usize) -> impl Strategy<Value = String> {
    "[a-z]{6}".prop_map(move |word| format!("v{tag}x{word}"))
}

/// A person: a name and an e-mail address (both required), and maybe allergies and a note.
fn people() -> impl Strategy<Value = Vec<[Option<String>; 4]>> {
    let one = |tag: usize| {
        (
            value(tag * 4),
            value(tag * 4 + 1),
            proptest::option::of(value(tag * 4 + 2)),
            proptest::option::of(value(tag * 4 + 3)),
        )
            .prop_map(|(name, email, allergies, note)| {
                [
                    Some(name),
                    Some(format!("{email}@example.nl")),
                    allergies,
                    note,
                ]
            })
    };
    (1usize..5).prop_flat_map(move |count| (0..count).map(one).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn an_access_letter_names_exactly_the_persons_fields_and_values(people in people(), pick in 0usize..5) {
        let mut conn = bakery();
        let schema = SchemaView::load(&conn).unwrap();
        let mut ids = Vec::new();
        for values in &people {
            let pairs: Vec<(String, String)> = FIELDS
                .iter()
                .zip(values)
                .filter(|((field, _), _)| *field != "allergies")
                .filter_map(|((field, _), value)| Some((field.to_string(), value.clone()?)))
                .collect();
            let id = record::add(&conn, &schema, &pairs, at("2026-01-10T10:00:00Z")).unwrap();
            if let Some(allergies) = &values[2] {
                // Allergies are kept under explicit consent, given once the record exists.
                consent::give_consent(&conn, &schema, id, "allergy-care", "cli", at(NOW)).unwrap();
                let edit = [("allergies".to_string(), allergies.clone())];
                record::edit(&conn, &schema, id, &edit, at(NOW)).unwrap();
            }
            ids.push(id);
        }
        let chosen = pick % people.len();
        let id = add(&conn, &new(Kind::Access, ids[chosen])).unwrap().id;
        let letter = answer(&mut conn, id, Lang::Nl).letter;
        let copy = &letter.sections[0];
        let named: Vec<&str> = copy.rows.iter().map(|r| r.label.as_str()).collect();
        let expected: Vec<&str> = FIELDS
            .iter()
            .zip(&people[chosen])
            .filter(|(_, value)| value.is_some())
            .map(|((_, label), _)| *label)
            .collect();
        let mut named_sorted = named.clone();
        named_sorted.sort_unstable();
        let mut expected_sorted = expected.clone();
        expected_sorted.sort_unstable();
        prop_assert_eq!(named_sorted, expected_sorted);
        let text = letter.render(Format::Txt);
        for (index, values) in people.iter().enumerate() {
            for value in values.iter().flatten() {
                prop_assert_eq!(text.contains(value.as_str()), index == chosen, "{} in the letter", value);
            }
        }
    }
}
