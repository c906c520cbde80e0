//! The pages, one module per part of the app. Each handler calls the library and renders a
//! template; none holds SQL or a rule of its own.

mod access;
mod check;
mod customers;
mod import;
mod log;
mod purge;
mod purposes;
mod setup;
mod statement;

use super::app::App;
use super::form::Form;
use super::http::{Method, Request, Response};
use crate::exit::HasExitCode;

/// Sends a request to its page.
pub fn route(app: &mut App, request: &Request, form: &Form) -> Response {
    let segments: Vec<&str> = request.path.trim_matches('/').split('/').collect();
    match (request.method, segments.as_slice()) {
        (Method::Get, [""]) => access::index(app),
        (Method::Get, ["unlock"]) => access::unlock_page(app, None),
        (Method::Post, ["unlock"]) => access::unlock(app, form),
        (Method::Get, ["create"]) => access::create_page(app, None),
        (Method::Post, ["create"]) => access::create(app, form),
        (Method::Get, ["create", "key"]) => access::key_page(app),
        (Method::Get, ["create", "recovery-key.txt"]) => access::key_download(app),
        (Method::Post, ["create", "confirm"]) => access::confirm_key(app, form),
        (Method::Post, ["lock"]) => access::lock(app),
        (Method::Post, ["lang"]) => access::switch_lang(app, request, form),
        _ => match access::must_unlock_first(app) {
            Some(redirect) => redirect,
            None => unlocked(app, request, form, &segments),
        },
    }
}

/// Pages that need the open vault.
fn unlocked(app: &mut App, request: &Request, form: &Form, segments: &[&str]) -> Response {
    match (request.method, segments) {
        (Method::Get, ["setup"]) => setup::page(app),
        (Method::Post, ["setup", "starter"]) => setup::choose_starter(app, form),
        (Method::Get, ["setup", "profile"]) => setup::profile_page(app, form, None),
        (Method::Post, ["setup", "profile"]) => setup::save_profile(app, form),
        (Method::Get, ["customers"]) => customers::list(app, &customers::Listing::default()),
        (Method::Post, ["customers", "search"]) => {
            customers::list(app, &customers::Listing::from_form(form))
        }
        // Where the language switch sends a search back to: the search itself was a POST.
        (Method::Get, ["customers", "search"]) => {
            customers::list(app, &customers::Listing::default())
        }
        (Method::Get, ["customers", "new"]) => customers::new_form(app),
        (Method::Post, ["customers", "new"]) => customers::add(app, form),
        (method, ["customers", id, rest @ ..]) => match id.parse() {
            Ok(id) => customers::record_route(app, method, id, rest, form),
            Err(_) => not_found(app),
        },
        (_, ["purposes", rest @ ..]) => purposes::route(app, request, rest, form),
        (_, ["fields", rest @ ..]) => purposes::fields_route(app, request, rest, form),
        (_, ["cookies", rest @ ..]) => purposes::cookies_route(app, request, rest, form),
        (Method::Get, ["purge"]) => purge::page(app),
        (Method::Post, ["purge"]) => purge::run(app),
        (_, ["recipients", rest @ ..]) => purposes::recipients_route(app, request, rest, form),
        (_, ["profile"]) => purposes::profile_route(app, request, form),
        (method, ["import", rest @ ..]) => import::route(app, method, rest, form),
        (Method::Get, ["statement"]) => {
            statement::page(app, statement::lang_of(app, request.query("lang")))
        }
        (Method::Post, ["statement", "publish"]) => statement::publish(app, form),
        (Method::Get, ["statement", "download"]) => {
            statement::download(app, statement::lang_of(app, request.query("lang")))
        }
        (Method::Get, ["check"]) => check::page(app),
        (Method::Get, ["log"]) => log::page(app, log::page_of(request.query("page"))),
        _ => not_found(app),
    }
}

/// Why a value does not fit its field's type, in the page's language. The customer form and
/// the import's row problems say it alike.
pub fn invalid_value(app: &App, kind: crate::schema::model::FieldType) -> String {
    app.text(&format!("value-invalid-{}", kind.as_str()), &[])
}

/// An error the app has no words of its own for, in the page's language: a plain sentence,
/// then the library's message marked as technical and English. It names fields and rows,
/// never values.
pub fn technical(app: &App, error: &dyn std::fmt::Display) -> String {
    app.text("error-technical", &[("detail", error.to_string())])
}

pub fn not_found(app: &App) -> Response {
    let mut response = failure_page(app, app.text("not-found", &[]), None, "/");
    response.status = 404;
    response
}

/// A page that says what went wrong, in the page's language: the app's own words for the
/// errors a page can run into, with the page that helps. The library's sentence follows as a
/// technical detail, for whoever helps the owner: it names fields and rows, never values.
pub fn failure(app: &App, error: &crate::Error, back: &str) -> Response {
    let (key, back) = web_hint(error).unwrap_or(("error-unexpected", back));
    let mut response = failure_page(app, app.text(key, &[]), Some(error.to_string()), back);
    response.status = if error.exit_code() == crate::exit::USAGE {
        400
    } else {
        409
    };
    response
}

/// The app's hint for the errors a page can run into, as a message and the page that helps.
fn web_hint(error: &crate::Error) -> Option<(&'static str, &'static str)> {
    use crate::{records, statement, vault};
    Some(match error {
        crate::Error::Vault(vault::Error::Busy { .. }) => ("hint-busy", "/"),
        crate::Error::Vault(vault::Error::ReadOnly) => ("hint-read-only", "/"),
        crate::Error::Vault(vault::Error::NotFound { .. }) => ("hint-no-vault", "/"),
        crate::Error::Records(records::Error::NoRecord { .. }) => ("hint-no-record", "/customers"),
        crate::Error::Records(records::Error::UnknownPurpose { .. })
        | crate::Error::Records(records::Error::NotConsentPurpose { .. }) => {
            ("hint-purposes", "/purposes")
        }
        crate::Error::Schema(_) => ("hint-purposes", "/purposes"),
        crate::Error::Statement(statement::Error::Incomplete { .. }) => {
            ("hint-statement", "/statement")
        }
        _ => return None,
    })
}

fn failure_page(app: &App, message: String, details: Option<String>, back: &str) -> Response {
    app.page(
        "error.html",
        minijinja::context! { message, details, back, nav => "" },
    )
}

/// Why a change did not land.
pub enum Outcome {
    /// The library said no: nothing changed; show the form again with the reason.
    Refused(crate::Error),
    /// The change could not be saved: the page to show instead.
    Page(Response),
}

/// Loads the other writer's save in place of the unsaved change, and asks to repeat the step.
/// When even that fails (the passphrase was changed meanwhile), the vault locks: unlocking
/// loads the file as it is now.
fn reload(app: &mut App) -> Response {
    let reloaded = app.open.as_mut().map(|open| open.vault.reload());
    if let Some(Ok(())) = reloaded {
        let text = app.text("changed-on-disk-reloaded", &[]);
        return failure_page(app, text, None, "/");
    }
    app.lock();
    let text = app.text("changed-on-disk", &[]);
    access::unlock_page(app, Some(text))
}

/// Runs one change and saves. A refused change leaves the database as it was. When another
/// kluis wrote the file meanwhile, nothing is overwritten: the other change is loaded instead
/// (see [`reload`]), and the user repeats the step.
pub fn with_change<T>(
    app: &mut App,
    erases: bool,
    change: impl FnOnce(&mut rusqlite::Connection) -> Result<T, crate::Error>,
) -> Result<T, Outcome> {
    let Some(open) = &mut app.open else {
        return Err(Outcome::Page(Response::redirect("/")));
    };
    if !open.vault.can_save() {
        return Err(Outcome::Refused(crate::vault::Error::ReadOnly.into()));
    }
    let value = change(open.vault.conn_mut()).map_err(Outcome::Refused)?;
    let saved = if erases {
        open.vault.save_after_erasure()
    } else {
        open.vault.save()
    };
    match saved {
        Ok(()) => Ok(value),
        Err(crate::vault::Error::ChangedOnDisk { .. }) => Err(Outcome::Page(reload(app))),
        // The vault on disk has the change; only its backup lags. The page says so, and
        // what it shows stays true of the file.
        Err(error) if error.saved_all_the_same() => {
            Err(Outcome::Page(failure(app, &crate::Error::from(error), "/")))
        }
        Err(error) => {
            // The change is in memory but not on disk: drop it by locking, so what the page
            // shows is never ahead of the file.
            app.lock();
            Err(Outcome::Page(failure(app, &crate::Error::from(error), "/")))
        }
    }
}

#[cfg(test)]
mod tests {
    use scraper::{Html, Selector};

    use crate::web::testing::{TestApp, body};

    /// Regression: the failure page showed a rarer library error as its English sentence,
    /// the only words on a Dutch page.
    #[test]
    fn an_unexpected_error_is_told_in_the_page_language_with_the_detail_apart() {
        let test = TestApp::unlocked();
        let error = crate::Error::Records(crate::records::Error::CheckFailed { errors: 2 });
        let page = super::failure(&test.app, &error, "/check");
        let html = body(&page);
        assert_eq!(page.status, 409);
        assert!(html.contains("Er ging iets mis"), "{html}");
        assert!(html.contains("id=\"error-details\""), "{html}");
        assert!(html.contains("lang=\"en\""), "{html}");
        assert!(html.contains("href=\"/check\""), "{html}");
    }

    /// Regression: forms showed a rarer library error as a bare English sentence.
    #[test]
    fn an_error_without_words_of_its_own_is_introduced_in_the_page_language() {
        let mut test = TestApp::unlocked();
        let error = crate::records::Error::CheckFailed { errors: 2 };
        let text = super::technical(&test.app, &error);
        assert!(text.starts_with("Dat lukte niet. De technische melding, in het Engels:"));
        assert!(text.ends_with(&error.to_string()), "{text}");
        test.app.lang = crate::statement::Lang::En;
        assert!(super::technical(&test.app, &error).starts_with("That did not work."));
    }

    /// Every page a bakery owner can reach, with one customer stored.
    const PAGES: &[&str] = &[
        "/setup",
        "/customers",
        "/customers/new",
        "/customers/1",
        "/customers/1/delete",
        "/import",
        "/purposes",
        "/purposes/new",
        "/purposes/newsletter",
        "/fields/new",
        "/fields/email",
        "/recipients/new",
        "/recipients/new?purpose=customer-admin",
        "/recipients/1",
        "/recipients/1/remove?purpose=bookkeeping",
        "/profile",
        "/cookies",
        "/cookies/new",
        "/cookies/1",
        "/cookies/1/remove",
        "/statement",
        "/statement?lang=en",
        "/check",
        "/purge",
        "/log",
    ];

    /// Inputs whose value a person types: customer data, never a secret or a choice.
    fn is_value_input(kind: &str) -> bool {
        !matches!(
            kind,
            "hidden" | "submit" | "button" | "checkbox" | "radio" | "file" | "password"
        )
    }

    fn problems(page: &str, html: &str) -> Vec<String> {
        let document = Html::parse_document(html);
        let labels: Vec<String> = document
            .select(&Selector::parse("label[for]").unwrap())
            .filter_map(|label| label.value().attr("for").map(str::to_owned))
            .collect();
        let mut found = Vec::new();
        for input in document.select(&Selector::parse("input, select, textarea").unwrap()) {
            let element = input.value();
            let kind = element.attr("type").unwrap_or(element.name());
            if matches!(kind, "hidden" | "submit" | "button") {
                continue;
            }
            let name = element.attr("name").unwrap_or("?");
            let labelled = element
                .attr("id")
                .is_some_and(|id| labels.iter().any(|l| l == id))
                || input
                    .ancestors()
                    .filter_map(scraper::ElementRef::wrap)
                    .any(|a| a.value().name() == "label");
            if !labelled {
                found.push(format!("{page}: `{name}` has no label"));
            }
            let typed = matches!(element.name(), "textarea") || element.name() == "input";
            if typed && is_value_input(kind) && element.attr("autocomplete") != Some("off") {
                found.push(format!("{page}: `{name}` lacks autocomplete=off"));
            }
        }
        found
    }

    #[test]
    fn every_input_has_a_label_and_value_inputs_are_not_remembered() {
        let mut test = TestApp::bakery();
        let added = test.post(
            "/customers/new",
            &[("name", "Jan"), ("email", "jan@example.nl")],
        );
        assert_eq!(added.status, 303);
        let cookie = test.post(
            "/cookies/new",
            &[
                ("name", "_ga"),
                ("provider", "Google"),
                ("kind", "analytics"),
                ("retention", "13m"),
                ("purpose_text", "Bezoek meten"),
            ],
        );
        assert_eq!(cookie.status, 303, "{}", body(&cookie));
        let mut found = Vec::new();
        for page in PAGES {
            let response = test.get(page);
            assert_eq!(response.status, 200, "{page}: {}", body(&response));
            found.extend(problems(page, body(&response)));
        }
        test.post("/lock", &[]);
        found.extend(problems("/unlock", body(&test.get("/unlock"))));
        let mut fresh = TestApp::without_vault();
        found.extend(problems("/create", body(&fresh.get("/create"))));
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn the_label_check_can_fail() {
        let bare = "<form><input name=\"q\"><input type=\"text\" id=\"a\"><label for=\"a\">A</label></form>";
        let found = problems("/x", bare);
        assert_eq!(found.len(), 3, "{found:?}");
    }
}
