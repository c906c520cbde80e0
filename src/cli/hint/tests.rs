use std::path::PathBuf;

use clap::CommandFactory;

use super::*;
use crate::cli::Cli;
use crate::statement::english::{FreeText, gap};
use crate::statement::{Incomplete, Missing};

/// The sources (path under src/, text) of the listed files.
macro_rules! sources {
    ($($file:literal),* $(,)?) => {
        &[$(($file, include_str!(concat!("../../", $file)))),*]
    };
}

/// The sources of the crate's errors outside the front ends.
const DOMAIN_ERRORS: &[(&str, &str)] = sources![
    "error.rs",
    "exit.rs",
    "vault/error.rs",
    "schema/error.rs",
    "schema/recipient.rs",
    "schema/cookie.rs",
    "schema/document.rs",
    "records/error.rs",
    "requests/error.rs",
    "requests/texts.rs",
    "import/error.rs",
    "import/reader/error.rs",
    "statement/mod.rs",
    "statement/missing.rs",
    "statement/english.rs",
    "statement/snippet.rs",
    "web/mod.rs",
];

/// Lines of code (not comments) that name a `kluis` command, such as `kluis field add`.
fn command_lines(source: &str, commands: &[String]) -> Vec<String> {
    source
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .filter(|line| {
            line.match_indices("kluis ").any(|(at, found)| {
                let next = line[at + found.len()..].split(|c: char| !c.is_ascii_alphanumeric());
                next.take(1).any(|word| commands.iter().any(|c| c == word))
            })
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn no_domain_error_names_a_kluis_command_the_front_ends_render_their_own_hints() {
    let commands: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    assert!(commands.iter().any(|c| c == "field"), "{commands:?}");
    assert_eq!(
        command_lines("hint: \"see `kluis field list`\"", &commands).len(),
        1,
        "the check finds a command"
    );
    for (file, source) in DOMAIN_ERRORS {
        let found = command_lines(source, &commands);
        assert!(
            found.is_empty(),
            "src/{file} names kluis commands; move the hint to src/cli/hint/: {found:#?}"
        );
    }
}

#[test]
fn a_missing_vault_says_how_to_create_one() {
    let error = Error::from(crate::vault::Error::NotFound {
        path: PathBuf::from("v.kluis"),
    });
    assert!(hint(&error).unwrap().contains("`kluis init`"));
    assert_eq!(message(&error), "no vault at v.kluis");
}

#[test]
fn an_incomplete_statement_lists_each_item_with_its_command() {
    let incomplete = Incomplete {
        missing: vec![
            Missing::Profile,
            Missing::Description {
                purpose: "orders".into(),
            },
        ],
    };
    let error = Error::from(crate::statement::Error::from(incomplete.clone()));
    assert_eq!(
        message(&error),
        "the schema cannot support a complete privacy statement yet; fill in:\n\
         \x20 - the controller profile (name, e-mail and address) is not set\n\
         \x20     kluis profile set --name \"Bakkerij Jansen\" --email privacy@example.nl --address \"Dorpsstraat 1, 1234 AB Ergens\"\n\
         \x20 - purpose orders has no description\n\
         \x20     kluis purpose edit orders --description \"WHAT YOU DO WITH THE DATA\""
    );
    assert!(
        !incomplete.to_string().contains("kluis purpose"),
        "{incomplete}"
    );
    assert!(hint(&error).unwrap().contains("--draft"));
}

#[test]
fn an_english_gap_is_filled_in_with_purpose_edit_or_field_edit() {
    assert_eq!(
        statement::command(&gap(FreeText::Description, "newsletter")),
        "kluis purpose edit newsletter --description-en \"THE ENGLISH TEXT\""
    );
    assert_eq!(
        statement::command(&gap(FreeText::Label, "email")),
        "kluis field edit email --label-en \"THE ENGLISH TEXT\""
    );
}

#[test]
fn an_access_letter_over_an_incomplete_statement_lists_what_to_fill_in() {
    let incomplete = Incomplete {
        missing: vec![Missing::Profile],
    };
    let statement = crate::statement::Error::from(incomplete);
    let error = Error::from(crate::requests::Error::from(Box::new(statement)));
    assert!(
        message(&error).contains("kluis profile set --name"),
        "{}",
        message(&error)
    );
    let overdue = Error::from(crate::requests::Error::AlreadyExtended {
        id: 3,
        until: "2026-06-02".into(),
    });
    assert!(hint(&overdue).unwrap().contains("kluis request answer"));
}
