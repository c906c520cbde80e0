//! Purging: what `kluis purge` would erase today, as a count per field and of whole records,
//! then a button that erases it. The plan and the erasing are the library's
//! (`records::retention`); this page only shows them.

use minijinja::context;
use serde::Serialize;

use super::super::app::App;
use super::super::http::Response;
use super::{Outcome, failure, not_found, with_change};
use crate::records::retention::{self, PurgePlan};
use crate::records::{self, view::SchemaView};
use crate::{Error, clock};

/// One field whose values go, with how many.
#[derive(Serialize)]
struct FieldCount {
    field: String,
    count: usize,
}

/// The page for `plan`: the counts, and the button while there is something to erase.
/// `done` says the plan was just carried out.
fn show(app: &App, plan: &PurgePlan, done: bool, problem: Option<String>) -> Response {
    let fields: Vec<FieldCount> = plan
        .by_field()
        .into_iter()
        .map(|(field, count)| FieldCount { field, count })
        .collect();
    let flash = done.then(|| {
        app.text(
            "purge-done",
            &[
                ("values", plan.value_count().to_string()),
                ("records", plan.records.len().to_string()),
            ],
        )
    });
    let refused = problem.is_some();
    let mut response = app.page(
        "purge.html",
        context! {
            nav => "check", fields, done, flash, problem,
            values => plan.value_count(), records => plan.records.len(),
            empty => plan.is_empty(),
        },
    );
    if refused {
        response.status = 422;
    }
    response
}

/// GET /purge: what would be erased now.
pub fn page(app: &App) -> Response {
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let conn = open.vault.conn();
    let plan =
        SchemaView::load(conn).and_then(|schema| retention::plan(conn, &schema, clock::now()));
    match plan {
        Ok(plan) => show(app, &plan, false, None),
        Err(error) => failure(app, &error.into(), "/check"),
    }
}

/// POST /purge: erases what has run out now, as `kluis purge` does, and saves after the
/// erasure (the backup goes too).
pub fn run(app: &mut App) -> Response {
    let now = clock::now();
    let purged = with_change(app, true, |conn| {
        records::in_transaction(conn, |conn, schema| retention::purge(conn, schema, now))
            .map_err(Error::from)
    });
    match purged {
        Ok(plan) => show(app, &plan, true, None),
        Err(Outcome::Page(page)) => page,
        Err(Outcome::Refused(error)) => {
            let problem = super::technical(app, &error);
            show(app, &PurgePlan::default(), false, Some(problem))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::records::record::add;
    use crate::records::view::SchemaView;
    use crate::web::testing::{TestApp, body};

    /// The bakery with Jan, added on 1 January 2020 for an order (kept 2 years) and the tax
    /// records (7 years). The pages read the real clock: his phone number has run out, and
    /// from 2027 on his name too, so there is always something to purge.
    fn with_old_customer() -> TestApp {
        let test = TestApp::bakery();
        let conn = test.conn();
        let schema = SchemaView::load(conn).unwrap();
        let values: Vec<(String, String)> = [
            ("name", "Jan"),
            ("email", "jan@example.nl"),
            ("phone", "0612345678"),
        ]
        .iter()
        .map(|(f, v)| ((*f).to_owned(), (*v).to_owned()))
        .collect();
        add(
            conn,
            &schema,
            &values,
            crate::clock::parse("2020-01-01T00:00:00Z").unwrap(),
        )
        .unwrap();
        test
    }

    #[test]
    fn the_page_counts_what_would_go_and_the_button_erases_it() {
        let mut test = with_old_customer();
        let before = crate::records::retention::plan(
            test.conn(),
            &SchemaView::load(test.conn()).unwrap(),
            crate::clock::now(),
        )
        .unwrap();
        assert!(!before.is_empty(), "the test needs something to purge");
        let page = test.get("/purge");
        assert_eq!(page.status, 200);
        let html = body(&page).to_owned();
        assert!(html.contains("id=\"purge-fields\""), "{html}");
        assert!(html.contains("id=\"confirm-purge\""), "{html}");
        assert!(!html.contains("0612345678"), "no values on the page");
        for (field, count) in before.by_field() {
            assert!(
                html.contains(&format!("data-field=\"{field}\" data-count=\"{count}\"")),
                "{field}: {html}"
            );
        }
        let file_before = std::fs::read(&test.app.config.vault).unwrap();

        let done = test.post("/purge", &[]);
        assert_eq!(done.status, 200, "{}", body(&done));
        assert!(body(&done).contains("id=\"purge-done\""), "{}", body(&done));
        assert_ne!(std::fs::read(&test.app.config.vault).unwrap(), file_before);
        let after = crate::records::retention::plan(
            test.conn(),
            &SchemaView::load(test.conn()).unwrap(),
            crate::clock::now(),
        )
        .unwrap();
        assert!(after.is_empty());
        let html = body(&test.get("/purge")).to_owned();
        assert!(!html.contains("id=\"confirm-purge\""), "{html}");
        assert!(html.contains("id=\"purge-nothing\""), "{html}");
    }

    #[test]
    fn the_check_links_past_retention_to_this_page() {
        let mut test = with_old_customer();
        let html = body(&test.get("/check")).to_owned();
        assert!(html.contains("data-code=\"past-retention\""), "{html}");
        assert!(html.contains("href=\"/purge\""), "{html}");
    }
}
