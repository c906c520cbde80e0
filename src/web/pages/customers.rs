//! The customer table, the add and edit form, consent switches and erasure.

use std::collections::HashSet;

use minijinja::context;
use serde::Serialize;

use super::super::app::App;
use super::super::form::Form;
use super::super::http::{Method, Response};
use super::{Outcome, failure, not_found, with_change};
use crate::records::browse::{self, Query};
use crate::records::view::{FieldInfo, SchemaView};
use crate::records::{self, RecordId, consent, erase, record, retention};
use crate::schema::model::FieldType;
use crate::statement::Lang;
use crate::{Error, clock};

/// Rows on one page of the table.
const PER_PAGE: usize = 50;
/// Names the web app in the audit log.
const ORIGIN: &str = "web";

/// The table's search, sort and page, sent by the search form (a POST: no personal data in
/// an address).
#[derive(Debug, Default)]
pub struct Listing {
    q: String,
    sort: Option<String>,
    desc: bool,
    page: usize,
}

impl Listing {
    pub fn from_form(form: &Form) -> Listing {
        Listing {
            q: form.get("q").unwrap_or_default().to_owned(),
            sort: form.text("sort").map(str::to_owned),
            desc: form.get("desc") == Some("1"),
            page: form.get("page").and_then(|p| p.parse().ok()).unwrap_or(0),
        }
    }
}

#[derive(Serialize)]
struct Column {
    name: String,
    label: String,
}

#[derive(Serialize)]
struct Row {
    id: RecordId,
    cells: Vec<String>,
    held: bool,
    /// Restricted on request (Art. 18): kept, but not used or changed.
    restricted: bool,
}

/// The customer table: one page, in schema order, with erased-but-held and restricted
/// people marked.
pub fn list(app: &App, listing: &Listing) -> Response {
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let conn = open.vault.conn();
    let shown = (|| -> Result<_, Error> {
        let schema = SchemaView::load(conn)?;
        let query = Query {
            text: Some(listing.q.as_str()),
            sort: listing.sort.as_deref(),
            descending: listing.desc,
            page: listing.page,
            per_page: PER_PAGE,
        };
        let page = browse::browse(conn, &schema, &query)?;
        let held = retention::erased_on_request(conn)?;
        let restricted = crate::records::limits::restricted_records(conn)?;
        Ok((schema, page, held, restricted))
    })();
    let (schema, page, held, restricted) = match shown {
        Ok(shown) => shown,
        Err(error) => return failure(app, &error, "/customers"),
    };
    let columns: Vec<Column> = schema
        .fields
        .iter()
        .map(|f| Column {
            name: f.name.clone(),
            label: label(f, app.lang),
        })
        .collect();
    let rows: Vec<Row> = page
        .records
        .iter()
        .map(|r| Row {
            id: r.id,
            cells: schema
                .fields
                .iter()
                .map(|f| r.value(&f.name).unwrap_or_default().to_owned())
                .collect(),
            held: held.contains(&r.id),
            restricted: restricted.contains(&r.id),
        })
        .collect();
    let pages = page.total.div_ceil(PER_PAGE).max(1);
    // A click on the sorted column turns the order around.
    let desc = listing.desc;
    app.page(
        "customers.html",
        context! {
            nav => "customers", fields => columns, rows, total => page.total,
            q => listing.q, sort => listing.sort.clone().unwrap_or_default(), desc,
            page => listing.page, pages,
        },
    )
}

/// The field's label in the page's language, else its name.
fn label(field: &FieldInfo, lang: Lang) -> String {
    let label = match lang {
        Lang::En => field.label_en.as_ref().or(field.label.as_ref()),
        Lang::Nl => field.label.as_ref(),
    };
    label.cloned().unwrap_or_else(|| field.name.clone())
}

#[derive(Serialize)]
struct Input {
    name: String,
    label: String,
    input: &'static str,
    value: String,
    required: bool,
    purposes: String,
    error: Option<String>,
}

#[derive(Serialize)]
struct ConsentSwitch {
    purpose: String,
    label: String,
    given: bool,
    date: Option<String>,
}

fn inputs(
    schema: &SchemaView,
    lang: Lang,
    value: impl Fn(&str) -> String,
    error: Option<(&str, String)>,
) -> Vec<Input> {
    schema
        .fields
        .iter()
        .map(|f| Input {
            name: f.name.clone(),
            label: label(f, lang),
            input: crate::statement::snippet::input_type(f.field_type),
            value: value(&f.name),
            required: f.required,
            purposes: schema
                .purposes_of(f)
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            error: error
                .as_ref()
                .filter(|(name, _)| *name == f.name)
                .map(|(_, text)| text.clone()),
        })
        .collect()
}

pub fn new_form(app: &App) -> Response {
    form_page(app, None, &Form::default(), None)
}

/// The add or edit form. `values` are what the user typed (after a refusal) or, for an edit
/// shown fresh, what is stored.
fn form_page(app: &App, id: Option<RecordId>, typed: &Form, problem: Option<&Error>) -> Response {
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let conn = open.vault.conn();
    let loaded = (|| -> Result<_, Error> {
        let schema = SchemaView::load(conn)?;
        let stored = match id {
            Some(id) => Some(record::get(conn, &schema, id)?),
            None => None,
        };
        let consents = match id {
            Some(id) => consent_switches(conn, &schema, id, app.lang)?,
            None => Vec::new(),
        };
        let held = id.is_some_and(|id| {
            retention::erased_on_request(conn).is_ok_and(|set: HashSet<_>| set.contains(&id))
        });
        Ok((schema, stored, consents, held))
    })();
    let (schema, stored, consents, held) = match loaded {
        Ok(loaded) => loaded,
        Err(error) => return failure(app, &error, "/customers"),
    };
    let at_field = problem.and_then(field_of);
    let value = |name: &str| match (problem, &stored) {
        (None, Some(stored)) => stored.value(name).unwrap_or_default().to_owned(),
        _ => typed.get(name).unwrap_or_default().to_owned(),
    };
    let fields = inputs(
        &schema,
        app.lang,
        value,
        at_field.map(|f| (f, field_message(app, &schema, problem))),
    );
    let title = match id {
        Some(id) => app.text("record-title", &[("id", id.to_string())]),
        None => app.text("add-record", &[]),
    };
    let action = id.map_or("/customers/new".to_owned(), |id| format!("/customers/{id}"));
    let problem = problem
        .filter(|_| at_field.is_none())
        .map(|error| form_problem(app, error));
    let mut response = app.page(
        "record.html",
        context! { nav => "customers", title, fields, consents, id, action, held, problem },
    );
    if problem.is_some() || at_field.is_some() {
        response.status = 422;
    }
    response
}

/// A refusal of the whole form, in the page's language where the app has words for it.
fn form_problem(app: &App, error: &Error) -> String {
    match error {
        Error::Records(records::Error::Restricted { .. }) => app.text("restricted-explained", &[]),
        other => super::technical(app, other),
    }
}

/// A refusal at a field, in the page's language: the library's error carries the field and
/// the kind of refusal; the words are the web's.
fn field_message(app: &App, schema: &SchemaView, problem: Option<&Error>) -> String {
    let Some(Error::Records(error)) = problem else {
        return String::new();
    };
    match error {
        records::Error::InvalidValue { field, .. } => {
            let kind = schema
                .field(field)
                .map_or(FieldType::Text, |f| f.field_type);
            super::invalid_value(app, kind)
        }
        records::Error::MissingRequired { .. } => app.text("value-required", &[]),
        records::Error::ClearRequired { .. } => app.text("value-cannot-clear", &[]),
        records::Error::ExplicitConsentOnAdd { purpose, .. } => {
            app.text("value-consent-first", &[("purpose", purpose.clone())])
        }
        records::Error::ExplicitConsentMissing { purpose, .. } => {
            app.text("value-needs-consent", &[("purpose", purpose.clone())])
        }
        other => super::technical(app, other),
    }
}

/// The field a refusal is about, so the message shows next to it.
fn field_of(error: &Error) -> Option<&str> {
    match error {
        Error::Records(
            records::Error::InvalidValue { field, .. }
            | records::Error::MissingRequired { field }
            | records::Error::ClearRequired { field }
            | records::Error::ExplicitConsentOnAdd { field, .. }
            | records::Error::ExplicitConsentMissing { field, .. },
        ) => Some(field),
        _ => None,
    }
}

fn consent_switches(
    conn: &rusqlite::Connection,
    schema: &SchemaView,
    id: RecordId,
    lang: Lang,
) -> Result<Vec<ConsentSwitch>, Error> {
    let stored = consent::consents_of(conn, id)?;
    let declared = crate::schema::purposes(conn)?;
    // The purpose's own description tells the customer's consent apart better than its name.
    let label = |name: &str| {
        declared
            .iter()
            .find(|p| p.purpose.name == name)
            .map(|p| {
                match lang {
                    Lang::En => p.purpose.description_en.as_ref(),
                    Lang::Nl => None,
                }
                .unwrap_or(&p.purpose.description)
                .clone()
            })
            .unwrap_or_else(|| name.to_owned())
    };
    Ok(consent::consentable_purposes(schema)
        .into_iter()
        .map(|purpose| {
            let found = stored.iter().find(|c| c.purpose == purpose.name);
            let given = found.is_some_and(|c| c.withdrawn_at.is_none());
            let date = found.map(|c| {
                let when = c.withdrawn_at.as_deref().unwrap_or(&c.given_at);
                clock::stored_day_for_people(when)
            });
            ConsentSwitch {
                purpose: purpose.name.clone(),
                label: label(&purpose.name),
                given,
                date,
            }
        })
        .collect())
}

/// The values a form sends for the schema's fields, as `field=value` pairs.
fn typed_values(schema: &SchemaView, form: &Form) -> Vec<(String, String)> {
    schema
        .fields
        .iter()
        .filter_map(|f| {
            form.get(&f.name)
                .map(|v| (f.name.clone(), v.trim().to_owned()))
        })
        .collect()
}

pub fn add(app: &mut App, form: &Form) -> Response {
    let now = clock::now();
    let added = with_change(app, false, |conn| {
        records::in_transaction(conn, |tx, schema| {
            let given: Vec<(String, String)> = typed_values(schema, form)
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .collect();
            record::add_from(tx, schema, &given, ORIGIN, now)
        })
        .map_err(Error::from)
    });
    match added {
        Ok(id) => Response::redirect(&format!("/customers/{id}")),
        Err(Outcome::Refused(error)) => form_page(app, None, form, Some(&error)),
        Err(Outcome::Page(response)) => response,
    }
}

pub fn record_route(
    app: &mut App,
    method: Method,
    id: RecordId,
    rest: &[&str],
    form: &Form,
) -> Response {
    match (method, rest) {
        (Method::Get, []) => form_page(app, Some(id), &Form::default(), None),
        (Method::Post, []) => edit(app, id, form),
        (Method::Post, ["consent"]) => toggle_consent(app, id, form),
        (Method::Get, ["delete"]) => delete_page(app, id),
        (Method::Post, ["delete"]) => delete(app, id),
        _ => not_found(app),
    }
}

/// Saves the fields whose value changed; an emptied field is erased, and then the backup
/// gets the new content too.
fn edit(app: &mut App, id: RecordId, form: &Form) -> Response {
    let now = clock::now();
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let changes = match changed_values(open.vault.conn(), id, form) {
        Ok(changes) => changes,
        Err(error) => return failure(app, &error, "/customers"),
    };
    if changes.is_empty() {
        return Response::redirect(&format!("/customers/{id}"));
    }
    let erases = changes.iter().any(|(_, v)| v.is_empty());
    let edited = with_change(app, erases, |conn| {
        records::in_transaction(conn, |tx, schema| {
            record::edit_from(tx, schema, id, &changes, ORIGIN, now)
        })
        .map_err(Error::from)
    });
    match edited {
        Ok(()) => Response::redirect(&format!("/customers/{id}")),
        Err(Outcome::Refused(error)) => form_page(app, Some(id), form, Some(&error)),
        Err(Outcome::Page(response)) => response,
    }
}

fn changed_values(
    conn: &rusqlite::Connection,
    id: RecordId,
    form: &Form,
) -> Result<Vec<(String, String)>, Error> {
    let schema = SchemaView::load(conn)?;
    let stored = record::get(conn, &schema, id)?;
    Ok(typed_values(&schema, form)
        .into_iter()
        .filter(|(name, value)| stored.value(name).unwrap_or_default() != value)
        .collect())
}

fn toggle_consent(app: &mut App, id: RecordId, form: &Form) -> Response {
    let now = clock::now();
    let purpose = form.get("purpose").unwrap_or_default().to_owned();
    let toggled = with_change(app, false, |conn| {
        records::in_transaction(conn, |tx, schema| {
            let info = consent::consentable_purpose(schema, &purpose)?;
            if consent::has_current_consent(tx, id, info.id)? {
                consent::withdraw_consent(tx, schema, id, &purpose, now)
            } else {
                consent::give_consent(tx, schema, id, &purpose, ORIGIN, now)
            }
        })
        .map_err(Error::from)
    });
    match toggled {
        Ok(()) => Response::redirect(&format!("/customers/{id}")),
        Err(Outcome::Refused(error)) => failure(app, &error, &format!("/customers/{id}")),
        Err(Outcome::Page(response)) => response,
    }
}

#[derive(Serialize)]
struct KeptItem {
    field: String,
    purpose: String,
    law: Option<String>,
    until: Option<String>,
    note: Option<String>,
}

fn kept_items(erasure: &erase::Erasure) -> Vec<KeptItem> {
    erasure
        .kept
        .iter()
        .map(|k| KeptItem {
            field: k.field.clone(),
            purpose: k.purpose.clone(),
            law: k.law.clone(),
            until: k.until.as_deref().map(clock::stored_day_for_people),
            note: k.retention_note.clone(),
        })
        .collect()
}

/// Asks for confirmation, showing what a legal obligation keeps and until when.
fn delete_page(app: &App, id: RecordId) -> Response {
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let conn = open.vault.conn();
    let preview = SchemaView::load(conn)
        .and_then(|schema| erase::preview(conn, &schema, id, clock::now()))
        .map_err(Error::from);
    match preview {
        Ok(erasure) => app.page(
            "delete.html",
            context! { nav => "customers", id, kept => kept_items(&erasure), done => false },
        ),
        Err(error) => failure(app, &error, "/customers"),
    }
}

fn delete(app: &mut App, id: RecordId) -> Response {
    let now = clock::now();
    let erased = with_change(app, true, |conn| {
        records::in_transaction(conn, |tx, schema| erase::delete(tx, schema, id, false, now))
            .map_err(Error::from)
    });
    match erased {
        Ok(erasure) => app.page(
            "delete.html",
            context! { nav => "customers", id, kept => kept_items(&erasure), done => true },
        ),
        Err(Outcome::Refused(error)) => failure(app, &error, "/customers"),
        Err(Outcome::Page(response)) => response,
    }
}

#[cfg(test)]
mod tests {
    use crate::records::consent::consents_of;
    use crate::records::record::load;
    use crate::records::view::SchemaView;
    use crate::web::testing::{TestApp, body, location};

    fn names(test: &TestApp) -> Vec<String> {
        let schema = SchemaView::load(test.conn()).unwrap();
        load(test.conn(), &schema, None)
            .unwrap()
            .iter()
            .map(|r| r.value("name").unwrap_or_default().to_owned())
            .collect()
    }

    #[test]
    fn a_new_vault_goes_to_setup_and_the_table_says_there_is_no_one() {
        let mut test = TestApp::unlocked();
        assert_eq!(location(&test.get("/")), Some("/setup"));
        let page = test.get("/customers");
        assert_eq!(page.status, 200);
        assert!(body(&page).contains("0 klanten"), "{}", body(&page));
    }

    #[test]
    fn an_unknown_record_is_a_page_not_a_crash() {
        let mut test = TestApp::unlocked();
        let page = test.get("/customers/999");
        assert!(page.status >= 400);
        assert!(body(&page).contains("999"));
        assert!(
            body(&page).contains("Kies een klant in de lijst"),
            "the app's own hint"
        );
        assert!(
            !body(&page).contains("kluis list"),
            "no command in the page"
        );
    }

    #[test]
    fn add_then_find_then_edit_a_customer() {
        let mut test = TestApp::bakery();
        let form = test.get("/customers/new");
        for field in ["name", "email", "phone", "postcode"] {
            assert!(
                body(&form).contains(&format!("name=\"{field}\"")),
                "{field}"
            );
        }
        let added = test.post(
            "/customers/new",
            &[
                ("name", "Jan de Vries"),
                ("email", "jan@example.nl"),
                ("phone", ""),
            ],
        );
        assert_eq!(location(&added), Some("/customers/1"));
        test.post(
            "/customers/new",
            &[("name", "Piet Bakker"), ("email", "piet@example.nl")],
        );
        let found = test.post("/customers/search", &[("q", "VRIES")]);
        let page = body(&found);
        assert!(
            page.contains("Jan de Vries") && !page.contains("Piet"),
            "{page}"
        );
        assert!(page.contains("1 klant<"), "{page}");
        test.post(
            "/customers/1",
            &[("name", "Jan de Vries"), ("email", "jan@vries.nl")],
        );
        assert!(body(&test.get("/customers/1")).contains("jan@vries.nl"));
        assert_eq!(names(&test), ["Jan de Vries", "Piet Bakker"]);
    }

    #[test]
    fn a_refused_value_is_shown_at_its_field_and_nothing_is_stored() {
        let mut test = TestApp::bakery();
        let before = std::fs::read(&test.app.config.vault).unwrap();
        let refused = test.post(
            "/customers/new",
            &[("name", "Jan"), ("email", "not-an-address")],
        );
        assert_eq!(refused.status, 422);
        let page = body(&refused);
        assert!(page.contains("id=\"e-email\""), "{page}");
        assert!(page.contains("geldig e-mailadres"), "{page}");
        assert!(
            page.contains("value=\"Jan\""),
            "what was typed stays in the form"
        );
        assert!(names(&test).is_empty());
        assert_eq!(std::fs::read(&test.app.config.vault).unwrap(), before);
    }

    #[test]
    fn switching_the_language_on_a_search_lands_on_the_table() {
        let mut test = TestApp::bakery();
        assert_eq!(test.get("/customers/search").status, 200);
    }

    #[test]
    fn the_consent_switch_gives_and_withdraws() {
        let mut test = TestApp::bakery();
        test.post(
            "/customers/new",
            &[("name", "Jan"), ("email", "jan@example.nl")],
        );
        test.post("/customers/1/consent", &[("purpose", "newsletter")]);
        let consents = consents_of(test.conn(), 1).unwrap();
        assert!(
            consents
                .iter()
                .any(|c| c.purpose == "newsletter" && c.withdrawn_at.is_none())
        );
        assert!(body(&test.get("/customers/1")).contains("aria-checked=\"true\""));
        test.post("/customers/1/consent", &[("purpose", "newsletter")]);
        let consents = consents_of(test.conn(), 1).unwrap();
        assert!(consents.iter().all(|c| c.withdrawn_at.is_some()));
    }

    /// Issue 11: a restricted person is marked `beperkt`, and an edit is refused in words.
    #[test]
    fn a_restricted_customer_is_marked_and_cannot_be_changed() {
        let mut test = TestApp::bakery();
        test.post(
            "/customers/new",
            &[("name", "Jan"), ("email", "jan@example.nl")],
        );
        let now = crate::clock::parse("2026-11-29T10:00:00Z").unwrap();
        crate::records::limits::restrict(test.conn(), 1, now).unwrap();
        let table = body(&test.get("/customers")).to_owned();
        assert!(table.contains(">beperkt</span>"), "{table}");
        let refused = test.post(
            "/customers/1",
            &[("name", "Jan Jansen"), ("email", "jan@example.nl")],
        );
        assert!(refused.status >= 400, "{}", body(&refused));
        assert!(
            body(&refused).contains("vroeg om beperking"),
            "{}",
            body(&refused)
        );
    }

    #[test]
    fn delete_shows_what_the_law_keeps_before_and_after() {
        let mut test = TestApp::bakery();
        test.post(
            "/customers/new",
            &[
                ("name", "Jan"),
                ("email", "jan@example.nl"),
                ("phone", "0612345678"),
            ],
        );
        let confirm = test.get("/customers/1/delete");
        assert!(body(&confirm).contains("id=\"confirm-delete\""));
        assert!(body(&confirm).contains("bookkeeping"), "{}", body(&confirm));
        let done = test.post("/customers/1/delete", &[]);
        assert!(body(&done).contains("id=\"deleted\""));
        let table = test.get("/customers");
        assert!(
            body(&table).contains("gewist, deels bewaard"),
            "{}",
            body(&table)
        );
        assert!(!body(&test.get("/customers/1")).contains("0612345678"));
    }

    #[test]
    fn another_writers_save_is_loaded_instead_of_overwritten() {
        use crate::vault::{Access, Secret, Vault};
        let mut test = TestApp::bakery();
        let path = test.app.config.vault.clone();
        let passphrase = Secret::Passphrase("test passphrase".to_owned().into());
        let write = Access::Write {
            wait: std::time::Duration::ZERO,
        };
        let mut cli = Vault::open_with(&path, passphrase, write).unwrap();
        let piet = crate::records::testing::pairs(&[("name", "Piet"), ("email", "p@x.nl")]);
        crate::records::in_transaction(cli.conn_mut(), |tx, schema| {
            crate::records::record::add(tx, schema, &piet, crate::clock::now())
        })
        .unwrap();
        cli.save().unwrap();
        drop(cli);
        let theirs = std::fs::read(&path).unwrap();
        let page = test.post(
            "/customers/new",
            &[("name", "Jan"), ("email", "jan@example.nl")],
        );
        assert_eq!(std::fs::read(&path).unwrap(), theirs, "nothing overwritten");
        assert!(body(&page).contains("nog een keer"), "{}", body(&page));
        assert_eq!(names(&test), ["Piet"], "their change loaded, ours dropped");
        test.post(
            "/customers/new",
            &[("name", "Jan"), ("email", "jan@example.nl")],
        );
        assert_eq!(names(&test), ["Piet", "Jan"], "the repeated step saves");
        assert_ne!(std::fs::read(&path).unwrap(), theirs);
    }

    #[test]
    fn a_damaged_file_from_another_writer_locks_instead() {
        let mut test = TestApp::bakery();
        // Another writer leaves a file that does not open with the key: reloading fails.
        let path = test.app.config.vault.clone();
        let mut theirs = std::fs::read(&path).unwrap();
        theirs.extend_from_slice(b"\n");
        std::fs::write(&path, &theirs).unwrap();
        let page = test.post(
            "/customers/new",
            &[("name", "Jan"), ("email", "jan@example.nl")],
        );
        assert_eq!(std::fs::read(&path).unwrap(), theirs);
        assert!(
            body(&page).contains("id=\"unlock\""),
            "locked, back to unlock: {}",
            body(&page)
        );
        assert!(test.app.open.is_none());
    }
}
