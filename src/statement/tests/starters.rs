//! Each starter with only the controller profile added gives a complete statement in both
//! languages and a check without errors: the starter declares everything else.

use super::fixtures::text;
use crate::records::check::Severity;
use crate::schema::starter::{self, Starter};
use crate::schema::{self, ProfileUpdate};
use crate::statement::Lang;

fn profile() -> ProfileUpdate {
    ProfileUpdate {
        name: Some("Studio Noor".into()),
        email: Some("privacy@studionoor.example".into()),
        address: Some("Kerkstraat 5, 1234 AB Ergens".into()),
        ..ProfileUpdate::default()
    }
}

#[test]
fn each_starter_with_a_profile_is_complete_and_checks_clean() {
    for starter in [
        Starter::Webshop,
        Starter::Zzp,
        Starter::Salon,
        Starter::Club,
    ] {
        let mut conn = crate::vault::database::open_scratch().unwrap();
        schema::in_transaction(&mut conn, |tx| starter::apply(tx, starter)).unwrap();
        schema::in_transaction(&mut conn, |tx| schema::set_profile(tx, &profile())).unwrap();
        let snapshot = schema::load_snapshot(&conn).unwrap();
        let preview = starter::preview(starter);
        for (lang, description) in [
            (Lang::Nl, preview.purposes[0].declared.description.as_str()),
            (
                Lang::En,
                preview.purposes[0]
                    .declared
                    .description_en
                    .as_deref()
                    .unwrap(),
            ),
        ] {
            let statement = text(&snapshot, lang);
            assert!(statement.contains(description), "{starter} {lang}");
        }
        let now = crate::clock::parse("2026-12-01T10:00:00Z").unwrap();
        let report = crate::statement::check::check(&conn, now).unwrap();
        let errors: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{starter}: {errors:?}");
    }
}

#[test]
fn without_a_profile_a_starter_is_not_yet_a_statement() {
    let mut conn = crate::vault::database::open_scratch().unwrap();
    schema::in_transaction(&mut conn, |tx| starter::apply(tx, Starter::Webshop)).unwrap();
    let snapshot = schema::load_snapshot(&conn).unwrap();
    let missing = crate::statement::build(&snapshot, Lang::Nl, super::fixtures::date())
        .unwrap_err()
        .missing;
    assert_eq!(missing, vec![crate::statement::Missing::Profile]);
}
