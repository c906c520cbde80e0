//! The words of the browser app, from Fluent catalogues per language (messages/LANG/*.ftl,
//! one file per part of the app), embedded in the binary. Adding a language is adding a
//! folder and a line here.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::statement::Lang;

const NL: &[&str] = &[
    include_str!("messages/nl/core.ftl"),
    include_str!("messages/nl/purposes.ftl"),
    include_str!("messages/nl/import.ftl"),
    include_str!("messages/nl/statement.ftl"),
    include_str!("messages/nl/check.ftl"),
    include_str!("messages/nl/log.ftl"),
    include_str!("messages/nl/cookies.ftl"),
];
const EN: &[&str] = &[
    include_str!("messages/en/core.ftl"),
    include_str!("messages/en/purposes.ftl"),
    include_str!("messages/en/import.ftl"),
    include_str!("messages/en/statement.ftl"),
    include_str!("messages/en/check.ftl"),
    include_str!("messages/en/log.ftl"),
    include_str!("messages/en/cookies.ftl"),
];

pub struct Catalog {
    nl: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

impl Catalog {
    pub fn load() -> Catalog {
        Catalog {
            nl: bundle("nl", NL),
            en: bundle("en", EN),
        }
    }

    /// The message `key` in `lang`, with `args` filled in. A missing key shows itself, so a
    /// gap is visible on the page and caught by the catalogue test.
    pub fn text(&self, lang: Lang, key: &str, args: &[(&str, String)]) -> String {
        let bundle = match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_owned();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            // Numbers go in as numbers, so a message can choose its plural form.
            match value.parse::<i64>() {
                Ok(number) => fluent_args.set(*name, FluentValue::from(number)),
                Err(_) => fluent_args.set(*name, FluentValue::from(value.as_str())),
            }
        }
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }
}

fn bundle(locale: &str, sources: &[&'static str]) -> FluentBundle<FluentResource> {
    let mut bundle = FluentBundle::new_concurrent(vec![locale.parse().expect("a valid locale")]);
    // No Unicode isolation marks: the text goes into HTML, where they would show up in tests
    // and copied text.
    bundle.set_use_isolating(false);
    for source in sources {
        let resource =
            FluentResource::try_new((*source).to_owned()).expect("the embedded catalogues parse");
        bundle
            .add_resource(resource)
            .expect("no message is defined twice");
    }
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(sources: &[&'static str]) -> Vec<&'static str> {
        sources
            .iter()
            .flat_map(|source| source.lines())
            .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|line| line.split_once(" =").map(|(key, _)| key.trim()))
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let (mut nl, mut en) = (keys(NL), keys(EN));
        nl.sort_unstable();
        en.sort_unstable();
        assert_eq!(nl, en);
        assert!(nl.len() > 20);
    }

    #[test]
    fn arguments_are_filled_in_without_isolation_marks() {
        let catalog = Catalog::load();
        let text = catalog.text(Lang::Nl, "records-count", &[("count", "3".into())]);
        assert!(text.contains('3') && !text.contains('\u{2068}'), "{text}");
        let one = catalog.text(Lang::Nl, "records-count", &[("count", "1".into())]);
        assert_eq!(one, "1 klant");
        let one = catalog.text(Lang::En, "records-count", &[("count", "1".into())]);
        assert_eq!(one, "1 customer");
    }

    /// The row read as the header is the first one, or one found or given below it.
    #[test]
    fn a_header_row_of_data_is_named_by_its_row() {
        let catalog = Catalog::load();
        let text = |lang, row: &str| {
            let args = [("column", "2".to_owned()), ("row", row.to_owned())];
            catalog.text(lang, "import-error-header-data", &args)
        };
        assert!(text(Lang::Nl, "1").starts_with("In de eerste rij staan gegevens (kolom 2)"));
        assert!(text(Lang::Nl, "4").starts_with("In rij 4, gelezen als de kolomnamen, staan"));
        assert!(text(Lang::En, "1").starts_with("The first row holds data (column 2)"));
        assert!(text(Lang::En, "4").starts_with("Row 4, read as the column names, holds data"));
    }
}
