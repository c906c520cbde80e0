//! The cookies on the business's website, as `kluis cookie add/edit/remove` declare them: a
//! list, and forms to add, change and remove one. The library checks every rule (a name
//! without spaces, `session` or a period, a known country); a refusal shows at its input.

use minijinja::context;
use serde::Serialize;

use super::super::super::app::App;
use super::super::super::form::Form;
use super::super::super::http::{Method, Request, Response};
use super::super::{failure, not_found};
use super::inputs::{FormPage, Inputs, Typed, country_choices, render};
use super::problem::{Why, choice, explain};
use super::{change, name_text, period_text};
use crate::schema::cookie::{self, CookieChanges};
use crate::schema::model::{Cookie, CookieKind, Safeguard};
use crate::statement::Lang;

/// Every input of the form. `session` ticked stands for the retention `session`.
const INPUTS: &[&str] = &[
    "name",
    "provider",
    "kind",
    "session",
    "retention",
    "purpose_text",
    "purpose_text_en",
    "country",
    "consent_asked",
    "safeguard",
    "safeguard_copy",
    "safeguard_copy_en",
];

/// `/cookies/…`
pub fn route(app: &mut App, request: &Request, rest: &[&str], form: &Form) -> Response {
    match (request.method, rest) {
        (Method::Get, []) => list(app, request.query("saved").is_some()),
        (Method::Get, ["new"]) => new_form(app),
        (Method::Post, ["new"]) => add(app, form),
        (Method::Get, [id]) => edit_form(app, id),
        (Method::Post, [id]) => edit(app, id, form),
        (Method::Get, [id, "remove"]) => remove_page(app, id, None),
        (Method::Post, [id, "remove"]) => remove(app, id),
        _ => not_found(app),
    }
}

/// One declared cookie as the list shows it.
#[derive(Serialize)]
struct CookieRow {
    id: i64,
    name: String,
    provider: String,
    kind: String,
    /// It needs the visitor's consent, and whether the website is declared to ask for it.
    consent: bool,
    consent_asked: bool,
    retention: String,
    purpose_text: String,
    purpose_text_en: Option<String>,
    country: Option<String>,
}

/// A country code as its name in the page's language.
fn country_name(app: &App, code: &str) -> String {
    crate::schema::country::country(code).map_or_else(
        || code.to_owned(),
        |c| match app.lang {
            Lang::Nl => c.name_nl.to_owned(),
            Lang::En => c.name_en.to_owned(),
        },
    )
}

fn retention_words(app: &App, retention: &str) -> String {
    match cookie::retention_period(retention) {
        Some(period) => period_text(app, period),
        None if retention == cookie::SESSION => app.text("cookie-session-short", &[]),
        None => retention.to_owned(),
    }
}

fn cookie_row(app: &App, id: i64, cookie: Cookie) -> CookieRow {
    CookieRow {
        id,
        kind: name_text(app, "cookie-kind-", cookie.kind.as_str()),
        consent: cookie.kind.needs_consent(),
        consent_asked: cookie.consent_asked,
        retention: retention_words(app, &cookie.retention),
        country: cookie.country.as_deref().map(|c| country_name(app, c)),
        name: cookie.name,
        provider: cookie.provider,
        purpose_text: cookie.purpose_text,
        purpose_text_en: cookie.purpose_text_en,
    }
}

/// GET /cookies: every declared cookie by name, each linked to its form.
fn list(app: &App, saved: bool) -> Response {
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let cookies = match cookie::cookies_with_ids(open.vault.conn()) {
        Ok(cookies) => cookies,
        Err(error) => return failure(app, &crate::schema::Error::from(error).into(), "/"),
    };
    let cookies: Vec<CookieRow> = cookies
        .into_iter()
        .map(|(id, c)| cookie_row(app, id, c))
        .collect();
    let flash = saved.then(|| app.text("purposes-saved", &[]));
    app.page(
        "cookies.html",
        context! { nav => "purposes", cookies, flash },
    )
}

/// The form's values for a stored cookie.
fn stored_values(cookie: &Cookie) -> Typed {
    let mut typed = Typed::default();
    typed.set("name", &cookie.name);
    typed.set("provider", &cookie.provider);
    typed.set("kind", cookie.kind.as_str());
    let session = cookie.retention == cookie::SESSION;
    typed.check("session", session);
    typed.set("retention", if session { "" } else { &cookie.retention });
    typed.set("purpose_text", &cookie.purpose_text);
    typed.set_text("purpose_text_en", &cookie.purpose_text_en);
    typed.set_text("country", &cookie.country);
    typed.check("consent_asked", cookie.consent_asked);
    typed.set("safeguard", cookie.safeguard.map_or("", Safeguard::as_str));
    typed.set_text("safeguard_copy", &cookie.safeguard_copy);
    typed.set_text("safeguard_copy_en", &cookie.safeguard_copy_en);
    typed
}

/// The retention the form says: `session` when ticked, else the period as typed.
fn retention(typed: &Typed) -> String {
    if typed.checked("session") {
        cookie::SESSION.to_owned()
    } else {
        typed.get("retention").to_owned()
    }
}

/// The safeguard chosen; the first choice, none, is an empty value.
fn safeguard(typed: &Typed) -> Result<Option<Safeguard>, Why> {
    match typed.get("safeguard") {
        "" => Ok(None),
        _ => choice(typed, "safeguard").map(Some),
    }
}

/// The cookie the add form describes; the library checks it.
fn new_cookie(typed: &Typed) -> Result<Cookie, Why> {
    Ok(Cookie {
        name: typed.get("name").to_owned(),
        provider: typed.get("provider").to_owned(),
        kind: choice(typed, "kind")?,
        retention: retention(typed),
        purpose_text: typed.get("purpose_text").to_owned(),
        purpose_text_en: typed.text("purpose_text_en"),
        country: typed.text("country"),
        consent_asked: typed.checked("consent_asked"),
        safeguard: safeguard(typed)?,
        safeguard_copy: typed.text("safeguard_copy"),
        safeguard_copy_en: typed.text("safeguard_copy_en"),
    })
}

/// What the edit form changes: only what differs from the stored cookie. An emptied
/// optional text clears it, as `""` does on the CLI.
fn cookie_changes(stored: &Typed, typed: &Typed) -> Result<CookieChanges, Why> {
    let changed = |input| typed.changed(stored, input);
    let moved = changed("provider").is_some() || changed("country").is_some();
    Ok(CookieChanges {
        provider: changed("provider"),
        kind: changed("kind").map(|_| choice(typed, "kind")).transpose()?,
        retention: Some(retention(typed)).filter(|r| *r != retention(stored)),
        purpose_text: changed("purpose_text"),
        purpose_text_en: changed("purpose_text_en"),
        country: changed("country"),
        consent_asked: Some(typed.checked("consent_asked"))
            .filter(|asked| *asked != stored.checked("consent_asked")),
        // The form shows the safeguard beside the provider and country: sent with a new one
        // of those, it is the owner's answer for the new transfer, even when unchanged.
        safeguard: match moved {
            true => Some(safeguard(typed)?),
            false => changed("safeguard").map(|_| safeguard(typed)).transpose()?,
        },
        safeguard_copy: changed("safeguard_copy"),
        safeguard_copy_en: changed("safeguard_copy_en"),
    })
}

fn inputs<'a>(app: &'a App, typed: &'a Typed, editing: bool) -> Inputs<'a> {
    let mut inputs = Inputs::new(app, typed);
    if editing {
        inputs
            .fixed("name", "cookie-name", typed.get("name").to_owned())
            .help("cookie-name-fixed");
    } else {
        inputs
            .text("name", "cookie-name")
            .required()
            .help("cookie-name-help");
    }
    inputs
        .text("provider", "cookie-provider")
        .required()
        .help("cookie-provider-help");
    inputs
        .select(
            "kind",
            "cookie-kind",
            CookieKind::NAMES,
            "cookie-kind-",
            None,
        )
        .required()
        .help("cookie-kind-help");
    inputs
        .checkbox("session", "cookie-session")
        .heading("cookie-retention-heading");
    inputs
        .text("retention", "cookie-retention")
        .help("cookie-retention-help");
    inputs
        .textarea("purpose_text", "cookie-purpose")
        .required()
        .help("cookie-purpose-help");
    inputs.textarea("purpose_text_en", "cookie-purpose-en");
    let mut countries = vec![(String::new(), app.text("cookie-country-none", &[]))];
    countries.extend(country_choices(app));
    inputs
        .select_from("country", "cookie-country", countries)
        .help("cookie-country-help");
    inputs
        .checkbox("consent_asked", "cookie-consent-asked")
        .help("cookie-consent-asked-help");
    // An Art. 49 exception is no safeguard for a cookie: the library refuses it.
    let safeguards: Vec<&str> = Safeguard::NAMES
        .iter()
        .copied()
        .filter(|name| *name != Safeguard::Derogation.as_str())
        .collect();
    inputs
        .select(
            "safeguard",
            "recipients-safeguard",
            &safeguards,
            "recipients-safeguard-",
            Some("recipients-safeguard-none"),
        )
        .heading("recipients-transfer-heading")
        .help("cookie-safeguard-help");
    inputs
        .textarea("safeguard_copy", "recipients-safeguard-copy")
        .help("recipients-safeguard-copy-help");
    inputs.textarea("safeguard_copy_en", "recipients-safeguard-copy-en");
    inputs
}

/// The add form (`id` is `None`) or the edit form of a cookie.
fn form_page(app: &App, id: Option<i64>, typed: &Typed, why: Option<&Why>) -> Response {
    let list = inputs(app, typed, id.is_some()).list;
    let page = FormPage {
        form_id: "cookie-form",
        title: match id {
            Some(_) => app.text(
                "cookie-edit-title",
                &[("name", typed.get("name").to_owned())],
            ),
            None => app.text("cookie-add", &[]),
        },
        action: id.map_or("/cookies/new".to_owned(), |id| format!("/cookies/{id}")),
        back: "/cookies",
        back_label: "cookie-title",
        remove: id.map(|id| {
            (
                format!("/cookies/{id}/remove"),
                app.text("cookie-remove", &[]),
            )
        }),
        flash: None,
        problem: why.map(|why| explain(app, why)),
    };
    render(app, page, list)
}

fn new_form(app: &App) -> Response {
    let mut typed = Typed::default();
    typed.set("kind", CookieKind::Functional.as_str());
    form_page(app, None, &typed, None)
}

fn add(app: &mut App, form: &Form) -> Response {
    let typed = Typed::from_form(form, INPUTS.iter().copied());
    let added = new_cookie(&typed)
        .and_then(|declared| change(app, false, |tx| Ok(cookie::add_cookie(tx, &declared)?)));
    match added {
        Ok(_) => Response::redirect("/cookies?saved=1"),
        Err(Why::Page(page)) => page,
        Err(why) => form_page(app, None, &typed, Some(&why)),
    }
}

/// The cookie with this id, or the page to show instead.
fn stored(app: &App, id: &str) -> Result<(i64, Cookie), Response> {
    let Some(open) = &app.open else {
        return Err(not_found(app));
    };
    let Ok(id) = id.parse() else {
        return Err(not_found(app));
    };
    match cookie::cookie_by_id(open.vault.conn(), id) {
        Ok(Some(cookie)) => Ok((id, cookie)),
        Ok(None) => Err(not_found(app)),
        Err(error) => Err(failure(
            app,
            &crate::schema::Error::from(error).into(),
            "/cookies",
        )),
    }
}

fn edit_form(app: &App, id: &str) -> Response {
    match stored(app, id) {
        Ok((id, cookie)) => form_page(app, Some(id), &stored_values(&cookie), None),
        Err(page) => page,
    }
}

fn edit(app: &mut App, id: &str, form: &Form) -> Response {
    let (id, cookie) = match stored(app, id) {
        Ok(stored) => stored,
        Err(page) => return page,
    };
    let stored = stored_values(&cookie);
    let mut typed = Typed::from_form(form, INPUTS.iter().copied());
    // Shown, not sent: the name, which the library does not rename.
    typed.set("name", &cookie.name);
    let edited = cookie_changes(&stored, &typed).and_then(|changes| {
        change(app, false, |tx| {
            Ok(cookie::edit_cookie(tx, &cookie.name, &changes)?)
        })
    });
    match edited {
        Ok(_) => Response::redirect("/cookies?saved=1"),
        Err(Why::Page(page)) => page,
        Err(why) => form_page(app, Some(id), &typed, Some(&why)),
    }
}

/// Asks before removing, as `cookie remove` is final.
fn remove_page(app: &App, id: &str, why: Option<&Why>) -> Response {
    let (id, cookie) = match stored(app, id) {
        Ok(stored) => stored,
        Err(page) => return page,
    };
    let name = cookie.name;
    let problem = why.map(|why| explain(app, why).text);
    let mut response = app.page(
        "purposes-remove.html",
        context! {
            nav => "purposes",
            title => app.text("cookie-remove-title", &[("name", name.clone())]),
            intro => app.text("cookie-remove-intro", &[("name", name)]),
            action => format!("/cookies/{id}/remove"), back => format!("/cookies/{id}"),
            problem,
        },
    );
    if why.is_some() {
        response.status = 422;
    }
    response
}

fn remove(app: &mut App, id: &str) -> Response {
    let name = match stored(app, id) {
        Ok((_, cookie)) => cookie.name,
        Err(page) => return page,
    };
    match change(app, false, |tx| Ok(cookie::remove_cookie(tx, &name)?)) {
        Ok(()) => Response::redirect("/cookies?saved=1"),
        Err(Why::Page(page)) => page,
        Err(why) => remove_page(app, id, Some(&why)),
    }
}

#[cfg(test)]
mod tests;
