//! The check: the findings of `kluis check` (the same report, from the library), each with
//! what it means in the page's language and a link to the page that fixes it.

use minijinja::{Value, context};
use serde::Serialize;

use super::super::app::App;
use super::super::http::Response;
use super::{failure, not_found};
use crate::clock;
use crate::records::RecordId;
use crate::records::check::{Facts, Finding, Severity, Staleness};

/// The page that fixes each finding, by code. Codes the app does not know yet get no link.
const FIXED_AT: &[(&str, &str)] = &[
    ("no-profile", "/setup/profile"),
    ("law-missing", "/purposes"),
    ("purpose-without-fields", "/purposes"),
    ("manual-retention", "/purposes"),
    ("unused-field", "/purposes"),
    ("past-retention", "/purge"),
    ("required-consent", "/purposes"),
    ("special-category", "/purposes"),
    ("consent-missing", "/customers"),
    ("bsn", "/purposes"),
    ("bsn-type", "/purposes"),
    ("profiling-undeclared", "/purposes"),
    ("retention-note-only", "/purposes"),
    ("kept-after-withdrawal", "/purposes"),
    ("looks-like-profiling", "/purposes"),
    ("statement-stale", "/statement"),
    ("statement-incomplete", "/statement"),
    ("objected-values", "/customers"),
];

#[derive(Serialize)]
struct Shown {
    error: bool,
    code: &'static str,
    title: String,
    /// What it is about, in the page's language, naming the purpose, field or records.
    detail: String,
    link: Option<Value>,
}

fn shown(app: &App, finding: &Finding) -> Shown {
    let link = FIXED_AT
        .iter()
        .find(|(code, _)| *code == finding.code)
        .map(|(_, link)| super::statement::address(link));
    let key = format!("check-code-{}", finding.code);
    let title = app.text(&key, &[]);
    Shown {
        error: finding.severity == Severity::Error,
        code: finding.code,
        // A code without words yet shows itself rather than the key.
        title: if title == key {
            finding.code.to_owned()
        } else {
            title
        },
        detail: detail(app, &finding.facts),
        link,
    }
}

/// The finding's facts as a sentence in the page's language.
fn detail(app: &App, facts: &Facts) -> String {
    let (key, args): (&str, Vec<(&str, String)>) = match facts {
        Facts::NoProfile => ("check-detail-no-profile", vec![]),
        Facts::LawMissing { purpose } => ("check-detail-law-missing", name("purpose", purpose)),
        Facts::PurposeWithoutFields { purpose } => (
            "check-detail-purpose-without-fields",
            name("purpose", purpose),
        ),
        Facts::ManualRetention {
            purpose,
            from_end_of_contract,
        } => (
            if *from_end_of_contract {
                "check-detail-manual-retention-contract"
            } else {
                "check-detail-manual-retention"
            },
            name("purpose", purpose),
        ),
        Facts::UnusedField { field } => ("check-detail-unused-field", name("field", field)),
        Facts::PastRetention { field, records } => (
            "check-detail-past-retention",
            with_records(name("field", field), records),
        ),
        Facts::RequiredConsent { field } => ("check-detail-required-consent", name("field", field)),
        Facts::SpecialCategory {
            field,
            special,
            art9,
        } => {
            let art9 = app.text(
                &format!("fields-art9-{}", art9.as_deref().unwrap_or("none")),
                &[],
            );
            let special = app.text(&format!("fields-special-{special}"), &[]);
            let mut args = name("field", field);
            args.extend([("special", special), ("art9", art9)]);
            ("check-detail-special-category", args)
        }
        Facts::ConsentMissing {
            field,
            explicit,
            records,
        } => (
            if *explicit {
                "check-detail-consent-missing-explicit"
            } else {
                "check-detail-consent-missing"
            },
            with_records(name("field", field), records),
        ),
        Facts::Bsn { field, laws } if laws.is_empty() => {
            ("check-detail-bsn-no-law", name("field", field))
        }
        Facts::Bsn { field, laws } => {
            let mut args = name("field", field);
            args.push(("laws", laws.join(", ")));
            ("check-detail-bsn", args)
        }
        Facts::BsnType { field, .. } => ("check-detail-bsn-type", name("field", field)),
        Facts::ProfilingUndeclared { purpose } => (
            "check-detail-profiling-undeclared",
            name("purpose", purpose),
        ),
        Facts::RetentionNoteOnly { purpose } => {
            ("check-detail-retention-note-only", name("purpose", purpose))
        }
        Facts::KeptAfterWithdrawal { purpose } => (
            "check-detail-kept-after-withdrawal",
            name("purpose", purpose),
        ),
        Facts::LooksLikeProfiling { field, .. } => {
            ("check-detail-looks-like-profiling", name("field", field))
        }
        Facts::RequestDueSoon {
            request,
            kind,
            record,
            due,
            days,
        } => (
            "check-detail-request-due-soon",
            request_args(app, *request, kind, *record, due, Some(*days)),
        ),
        Facts::RequestOverdue {
            request,
            kind,
            record,
            due,
        } => (
            "check-detail-request-overdue",
            request_args(app, *request, kind, *record, due, None),
        ),
        Facts::ObjectedValues { record, fields } => (
            "check-detail-objected-values",
            vec![
                ("record", record.to_string()),
                ("fields", fields.join(", ")),
            ],
        ),
        Facts::StatementIncomplete { missing } => (
            "check-detail-statement-incomplete",
            vec![("count", missing.to_string())],
        ),
        Facts::StatementStale(staleness) => (
            "check-detail-statement-stale",
            vec![("changes", changes(app, staleness))],
        ),
    };
    app.text(key, &args)
}

/// A request's number, kind in the page's language, person and due date.
fn request_args(
    app: &App,
    request: i64,
    kind: &str,
    record: RecordId,
    due: &str,
    days: Option<i64>,
) -> Vec<(&'static str, String)> {
    let mut args = vec![
        ("request", request.to_string()),
        ("kind", app.text(&format!("check-request-kind-{kind}"), &[])),
        ("record", record.to_string()),
        ("due", due.to_owned()),
    ];
    args.extend(days.map(|days| ("days", days.to_string())));
    args
}

fn name(key: &'static str, value: &str) -> Vec<(&'static str, String)> {
    vec![(key, value.to_owned())]
}

fn with_records<'a>(
    mut args: Vec<(&'a str, String)>,
    records: &[RecordId],
) -> Vec<(&'a str, String)> {
    let ids: Vec<String> = records.iter().map(RecordId::to_string).collect();
    args.push(("count", records.len().to_string()));
    args.push(("records", ids.join(", ")));
    args
}

/// What changed since the last publish, new purposes first (Art. 13(3)).
fn changes(app: &App, staleness: &Staleness) -> String {
    let mut parts = Vec::new();
    if !staleness.added_purposes.is_empty() {
        parts.push(app.text(
            "check-stale-added-purposes",
            &[("purposes", staleness.added_purposes.join(", "))],
        ));
    }
    let counts = [
        ("check-stale-removed-purposes", staleness.removed_purposes),
        ("check-stale-added-fields", staleness.added_fields),
        ("check-stale-removed-fields", staleness.removed_fields),
        ("check-stale-changed-settings", staleness.changed_settings),
    ];
    for (key, count) in counts.into_iter().filter(|(_, count)| *count > 0) {
        parts.push(app.text(key, &[("count", count.to_string())]));
    }
    parts.join("; ")
}

/// GET /check: errors first, then warnings, with a count of each.
pub fn page(app: &App) -> Response {
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let report = match crate::statement::check::check(open.vault.conn(), clock::now()) {
        Ok(report) => report,
        Err(error) => return failure(app, &error.into(), "/"),
    };
    let mut findings: Vec<Shown> = report.findings.iter().map(|f| shown(app, f)).collect();
    findings.sort_by_key(|f| !f.error);
    let errors = findings.iter().filter(|f| f.error).count();
    let warnings = findings.len() - errors;
    app.page(
        "check.html",
        context! { nav => "check", findings, errors, warnings },
    )
}

#[cfg(test)]
mod tests {
    use super::{FIXED_AT, detail};
    use crate::records::check::{Facts, Staleness};
    use crate::statement::Lang;
    use crate::web::i18n::Catalog;
    use crate::web::testing::{TestApp, body};

    #[test]
    fn every_linked_code_has_words_in_both_languages() {
        let catalog = Catalog::load();
        for (code, _) in FIXED_AT {
            let key = format!("check-code-{code}");
            for lang in [crate::statement::Lang::Nl, crate::statement::Lang::En] {
                assert_ne!(catalog.text(lang, &key, &[]), key, "{lang}");
            }
        }
    }

    /// One finding of every kind, so a new kind without words fails here.
    fn every_kind() -> Vec<Facts> {
        let field = || "allergies".to_owned();
        let purpose = || "nieuwsbrief".to_owned();
        vec![
            Facts::NoProfile,
            Facts::LawMissing { purpose: purpose() },
            Facts::PurposeWithoutFields { purpose: purpose() },
            Facts::ManualRetention {
                purpose: purpose(),
                from_end_of_contract: false,
            },
            Facts::ManualRetention {
                purpose: purpose(),
                from_end_of_contract: true,
            },
            Facts::UnusedField { field: field() },
            Facts::PastRetention {
                field: field(),
                records: vec![3],
            },
            Facts::PastRetention {
                field: field(),
                records: vec![3, 7],
            },
            Facts::RequiredConsent { field: field() },
            Facts::SpecialCategory {
                field: field(),
                special: "health".into(),
                art9: Some("explicit-consent".into()),
            },
            Facts::SpecialCategory {
                field: field(),
                special: "health".into(),
                art9: None,
            },
            Facts::ConsentMissing {
                field: field(),
                explicit: true,
                records: vec![3],
            },
            Facts::ConsentMissing {
                field: field(),
                explicit: false,
                records: vec![3, 7],
            },
            Facts::Bsn {
                field: field(),
                laws: vec!["AWR art. 52".into()],
            },
            Facts::Bsn {
                field: field(),
                laws: vec![],
            },
            Facts::BsnType {
                field: field(),
                field_type: crate::schema::model::FieldType::Text,
            },
            Facts::ProfilingUndeclared { purpose: purpose() },
            Facts::RetentionNoteOnly { purpose: purpose() },
            Facts::LooksLikeProfiling {
                field: field(),
                purpose: None,
            },
            Facts::RequestDueSoon {
                request: 4,
                kind: "access".into(),
                record: 3,
                due: "2026-12-24".into(),
                days: 5,
            },
            Facts::RequestOverdue {
                request: 4,
                kind: "withdraw-consent".into(),
                record: 3,
                due: "2026-12-24".into(),
            },
            Facts::ObjectedValues {
                record: 3,
                fields: vec![field()],
            },
            Facts::StatementStale(Staleness {
                added_purposes: vec![purpose()],
                removed_purposes: 1,
                added_fields: 2,
                removed_fields: 1,
                changed_settings: 3,
            }),
            Facts::KeptAfterWithdrawal { purpose: purpose() },
            Facts::StatementIncomplete { missing: 1 },
            Facts::StatementIncomplete { missing: 3 },
        ]
    }

    /// Regression: a Dutch check page showed the library's English sentence, with CLI
    /// commands such as `kluis purge` in it.
    #[test]
    fn every_finding_is_told_in_the_page_language_without_commands() {
        let mut test = TestApp::unlocked();
        for lang in [Lang::Nl, Lang::En] {
            test.app.lang = lang;
            for facts in every_kind() {
                let text = detail(&test.app, &facts);
                assert!(
                    !text.contains("check-") && !text.contains('{'),
                    "{lang}: {text}"
                );
                assert!(
                    !text.contains(" --") && !text.contains("kluis purge") && !text.contains('`'),
                    "{lang}: {text}"
                );
                assert!(
                    text.contains("allergies")
                        || text.contains("nieuwsbrief")
                        || text.contains("2026-12-24")
                        || matches!(facts, Facts::NoProfile | Facts::StatementIncomplete { .. }),
                    "{text}"
                );
            }
        }
        test.app.lang = Lang::Nl;
        let one = detail(&test.app, &Facts::StatementIncomplete { missing: 1 });
        let three = detail(&test.app, &Facts::StatementIncomplete { missing: 3 });
        assert!(one.contains("1 gegeven dat"), "{one}");
        assert!(three.contains("3 gegevens die"), "{three}");
        let stale = detail(&test.app, &every_kind()[22]);
        assert!(
            stale.contains("3 instellingen anders") && stale.contains("1 veld weg"),
            "{stale}"
        );
        let special = detail(&test.app, &every_kind()[9]);
        let overdue = detail(&test.app, &every_kind()[20]);
        assert!(overdue.contains("toestemming intrekken"), "{overdue}");
        assert!(
            special.contains("Gezondheid") && special.contains("Uitdrukkelijke toestemming"),
            "{special}"
        );
    }

    #[test]
    fn an_empty_vault_must_set_its_profile_first() {
        let mut test = TestApp::unlocked();
        let page = test.get("/check");
        let html = body(&page);
        assert_eq!(page.status, 200);
        assert!(html.contains("id=\"findings\""), "{html}");
        assert!(html.contains("data-code=\"no-profile\""), "{html}");
        assert!(html.contains("href=\"/setup/profile\""), "{html}");
        assert!(html.contains("id=\"check-summary\""), "{html}");
    }

    #[test]
    fn a_stale_statement_links_to_the_statement_page() {
        let mut test = TestApp::bakery();
        test.post("/statement/publish", &[]);
        let open = test.app.open.as_mut().unwrap();
        crate::schema::in_transaction(open.vault.conn_mut(), |tx| {
            crate::schema::add_field(
                tx,
                &crate::schema::model::Field::new(
                    "city",
                    crate::schema::model::FieldType::Text,
                    &["customer-admin"],
                ),
            )
        })
        .unwrap();
        let html = body(&test.get("/check")).to_owned();
        assert!(html.contains("data-code=\"statement-stale\""), "{html}");
        assert!(html.contains("href=\"/statement\""), "{html}");
        assert!(!html.contains("data-code=\"no-profile\""), "{html}");
    }
}
