//! The check: the findings of `kluis check` (the same report, from the library), each with
//! what it means in the page's language and a link to the page that fixes it.

use minijinja::{Value, context};
use serde::Serialize;

use super::super::app::App;
use super::super::http::Response;
use super::{failure, not_found};
use crate::clock;
use crate::records::check::{Finding, Severity};

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
    ("looks-like-profiling", "/purposes"),
    ("statement-stale", "/statement"),
];

#[derive(Serialize)]
struct Shown {
    error: bool,
    code: &'static str,
    title: String,
    /// The library's own sentence, which names the purpose, field or records.
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
        detail: finding.message.clone(),
        link,
    }
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
    use super::FIXED_AT;
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
