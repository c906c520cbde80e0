//! `kluis check` in full: the records' compliance lint, whether the privacy statement can be
//! made from what is declared, and whether the last published statement still matches the
//! data model. Both front ends show this one report.

use rusqlite::Connection;
use time::OffsetDateTime;

use super::{Error, publish};
use crate::records::check::{Facts, Finding, Report};
use crate::records::view::SchemaView;
use crate::schema::model::Snapshot;

/// The whole check report at `now`: [`crate::records::check::check`] plus
/// [`stale_finding`], [`incomplete_finding`] and the requests' findings.
pub fn check(conn: &Connection, now: OffsetDateTime) -> Result<Report, Error> {
    let schema = SchemaView::load(conn)?;
    let mut report = crate::records::check::check(conn, &schema, now)?;
    let snapshot = crate::schema::load_snapshot(conn).map_err(|source| Error::Schema { source })?;
    report.findings.extend(stale_finding(conn, &snapshot)?);
    report
        .findings
        .extend(incomplete_finding(conn, &snapshot, now.date())?);
    report
        .findings
        .extend(crate::requests::check::findings(conn, now)?);
    Ok(report)
}

/// A warning when the data model changed since the last `statement publish`. Only once a
/// statement was published: before that there is no promise to go stale.
pub fn stale_finding(conn: &Connection, current: &Snapshot) -> Result<Option<Finding>, Error> {
    if publish::last_published(conn)?.is_none() {
        return Ok(None);
    }
    Ok(publish::staleness_of(conn, current)?
        .map(|diff| Facts::StatementStale(diff.staleness()).into()))
}

/// A warning when the Dutch privacy statement cannot be made from what is declared: how
/// many facts it still needs. The statement itself names them, with the commands.
pub fn incomplete_finding(
    conn: &Connection,
    snapshot: &Snapshot,
    today: time::Date,
) -> Result<Option<Finding>, Error> {
    // The vault's extra keys change the security paragraph's words, never what is missing.
    let settings = super::Settings::of(super::security::SecurityFacts::default(), conn)?;
    Ok(
        super::build_with(snapshot, &settings, super::Lang::Nl, today)
            .err()
            .map(|incomplete| {
                Facts::StatementIncomplete {
                    missing: incomplete.missing.len(),
                }
                .into()
            }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::model::{LegalBasis, Purpose, Retention};
    use crate::statement::Settings;

    fn at(text: &str) -> OffsetDateTime {
        crate::clock::parse(text).unwrap()
    }

    fn codes(report: &Report) -> Vec<&'static str> {
        report.findings.iter().map(|f| f.code).collect()
    }

    /// Until the fourteenth session `check` said nothing of a statement that could not be made
    /// (a cookie's consent undeclared, a missing profile): the owner learnt it only when she
    /// asked for the statement.
    #[test]
    fn check_warns_when_the_statement_cannot_be_made_yet() {
        let now = at("2026-12-01T10:00:00Z");
        let complete = crate::demo::bakery().unwrap();
        assert!(!codes(&check(&complete, now).unwrap()).contains(&"statement-incomplete"));

        let empty = crate::vault::database::open_in_memory_for_tests();
        let report = check(&empty, now).unwrap();
        let incomplete = report
            .findings
            .iter()
            .find(|f| f.code == "statement-incomplete")
            .expect("a vault without a profile cannot have a statement");
        assert_eq!(
            incomplete.severity,
            crate::records::check::Severity::Warning
        );
        assert!(
            matches!(incomplete.facts, Facts::StatementIncomplete { missing } if missing >= 1),
            "{incomplete:?}"
        );
    }

    #[test]
    fn a_statement_goes_stale_only_after_it_was_published() {
        let mut conn = crate::demo::bakery().unwrap();
        let now = at("2026-12-01T10:00:00Z");
        let stale = |conn: &Connection| {
            stale_finding(conn, &crate::schema::load_snapshot(conn).unwrap()).unwrap()
        };
        assert_eq!(stale(&conn), None);
        let snapshot = crate::schema::load_snapshot(&conn).unwrap();
        publish::publish(&conn, &snapshot, &Settings::default(), now).unwrap();
        assert_eq!(stale(&conn), None);
        assert!(!codes(&check(&conn, now).unwrap()).contains(&"statement-stale"));

        crate::schema::in_transaction(&mut conn, |tx| {
            let reviews = Purpose {
                retention: Retention::of("1y".parse().unwrap()),
                ..Purpose::new("reviews", LegalBasis::Consent, "Reviews vragen")
            };
            crate::schema::add_purpose(tx, &reviews)
        })
        .unwrap();
        let stale = stale(&conn).expect("a new purpose makes it stale");
        assert_eq!(stale.severity, crate::records::check::Severity::Warning);
        assert!(
            matches!(&stale.facts, Facts::StatementStale(s) if s.added_purposes == ["reviews"]),
            "{stale:?}"
        );
        assert!(codes(&check(&conn, now).unwrap()).contains(&"statement-stale"));
    }
}
