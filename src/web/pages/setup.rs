//! The guided setup: choose a starter (or start empty), answer the profile questions, review
//! what is declared in plain words.

use minijinja::context;
use serde::Serialize;

use super::super::app::App;
use super::super::form::Form;
use super::super::http::Response;
use super::{Outcome, failure, not_found, with_change};
use crate::schema::starter::{self, Bilingual, Starter};
use crate::schema::{self, ProfileUpdate};
use crate::statement::Lang;

/// One starter as the choice page shows it, with its declarations explained.
#[derive(Serialize)]
struct Choice {
    value: &'static str,
    title: &'static str,
    summary: &'static str,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    name: String,
    meaning: &'static str,
}

fn words(text: Bilingual, lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => text.nl,
        Lang::En => text.en,
    }
}

fn choice(starter: Starter, lang: Lang) -> Choice {
    let preview = starter::preview(starter);
    let purposes = preview.purposes.iter().map(|p| Item {
        name: p.declared.name.clone(),
        meaning: words(p.meaning, lang),
    });
    let fields = preview.fields.iter().map(|f| Item {
        name: f.declared.name.clone(),
        meaning: words(f.meaning, lang),
    });
    let recipients = preview.recipients.iter().map(|r| Item {
        name: r.declared.name.clone(),
        meaning: words(r.meaning, lang),
    });
    Choice {
        value: starter.as_str(),
        title: words(preview.title, lang),
        summary: words(preview.summary, lang),
        items: purposes.chain(fields).chain(recipients).collect(),
    }
}

/// The next step the vault needs: a starter while nothing is declared, then the profile,
/// then the review.
pub fn page(app: &App) -> Response {
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let conn = open.vault.conn();
    let state = schema::purposes(conn).and_then(|p| Ok((p.is_empty(), schema::profile(conn)?)));
    match state {
        Ok((true, _)) => starter_page(app, None),
        Ok((false, None)) => profile_page(app, &Form::default(), None),
        Ok((false, Some(_))) => review_page(app),
        Err(error) => failure(app, &error.into(), "/"),
    }
}

fn starter_page(app: &App, problem: Option<String>) -> Response {
    let choices: Vec<Choice> = Starter::ALL.iter().map(|s| choice(*s, app.lang)).collect();
    app.page(
        "setup.html",
        context! { nav => "", step => "starter", choices, problem },
    )
}

/// Declares the chosen starter; starting empty declares nothing.
pub fn choose_starter(app: &mut App, form: &Form) -> Response {
    let Some(starter) = form.get("starter").and_then(|s| s.parse::<Starter>().ok()) else {
        let text = app.text("setup-choose-one", &[]);
        return starter_page(app, Some(text));
    };
    if starter == Starter::None {
        return Response::redirect("/setup/profile");
    }
    let applied = with_change(app, false, |conn| {
        schema::in_transaction(conn, |tx| starter::apply(tx, starter)).map_err(Into::into)
    });
    match applied {
        Ok(()) => Response::redirect("/setup"),
        Err(Outcome::Refused(error)) => starter_page(app, Some(super::technical(app, &error))),
        Err(Outcome::Page(response)) => response,
    }
}

/// The setup asks the first details only (name to website); the data protection officer
/// and the statement's address are on the profile page.
const SETUP_DETAILS: usize = 6;

/// The profile questions, filled with what is stored or was typed.
pub fn profile_page(app: &App, typed: &Form, problem: Option<String>) -> Response {
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let stored = schema::profile(open.vault.conn()).ok().flatten();
    let value = |name: &str, stored: Option<&String>| -> String {
        typed
            .get(name)
            .map(str::to_owned)
            .or_else(|| stored.cloned())
            .unwrap_or_default()
    };
    let s = stored.as_ref();
    let fields = [
        ("name", true, value("name", s.map(|p| &p.name))),
        ("email", true, value("email", s.map(|p| &p.email))),
        ("address", true, value("address", s.map(|p| &p.address))),
        ("kvk", false, value("kvk", s.and_then(|p| p.kvk.as_ref()))),
        (
            "phone",
            false,
            value("phone", s.and_then(|p| p.phone.as_ref())),
        ),
        (
            "website",
            false,
            value("website", s.and_then(|p| p.website.as_ref())),
        ),
    ];
    let fields: Vec<_> = fields
        .into_iter()
        .map(|(name, required, value)| context! { name, required, value })
        .collect();
    let status = if problem.is_some() { 422 } else { 200 };
    let mut response = app.page(
        "setup.html",
        context! { nav => "", step => "profile", fields, problem },
    );
    response.status = status;
    response
}

/// The profile form's answers as a change to the stored profile. Empty answers leave a
/// stored value as it is.
fn profile_update(form: &Form) -> ProfileUpdate {
    let mut update = ProfileUpdate::default();
    for name in &ProfileUpdate::DETAILS[..SETUP_DETAILS] {
        if let Some(slot) = update.detail_mut(name) {
            *slot = form.text(name).map(str::to_owned);
        }
    }
    update
}

pub fn save_profile(app: &mut App, form: &Form) -> Response {
    let update = profile_update(form);
    let saved = with_change(app, false, |conn| {
        schema::in_transaction(conn, |tx| schema::set_profile(tx, &update)).map_err(Into::into)
    });
    match saved {
        Ok(_) => Response::redirect("/setup"),
        Err(Outcome::Refused(error)) => {
            profile_page(app, form, Some(super::technical(app, &error)))
        }
        Err(Outcome::Page(response)) => response,
    }
}

#[derive(Serialize)]
struct Reviewed {
    name: String,
    description: String,
    fields: Vec<String>,
}

/// What the vault now declares, purpose by purpose, in the page's language.
fn review_page(app: &App) -> Response {
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let conn = open.vault.conn();
    let declared = schema::purposes(conn).and_then(|p| Ok((p, schema::fields(conn)?)));
    let (purposes, fields) = match declared {
        Ok(declared) => declared,
        Err(error) => return failure(app, &error.into(), "/"),
    };
    let reviewed: Vec<Reviewed> = purposes
        .iter()
        .map(|stored| {
            let purpose = &stored.purpose;
            let description = match app.lang {
                Lang::En => purpose.description_en.as_ref(),
                Lang::Nl => None,
            };
            Reviewed {
                name: purpose.name.clone(),
                description: description.unwrap_or(&purpose.description).clone(),
                fields: fields
                    .iter()
                    .filter(|f| f.field.purposes.contains(&purpose.name))
                    .map(|f| f.field.name.clone())
                    .collect(),
            }
        })
        .collect();
    app.page(
        "setup.html",
        context! { nav => "", step => "review", purposes => reviewed },
    )
}

#[cfg(test)]
mod tests {
    use crate::web::testing::{TestApp, body, location};

    #[test]
    fn a_starter_then_the_profile_then_the_review_then_the_customers() {
        let mut test = TestApp::unlocked();
        let choose = test.get("/setup");
        assert!(body(&choose).contains("id=\"starter\""));
        for starter in ["webshop", "zzp", "salon", "club", "none"] {
            assert!(
                body(&choose).contains(&format!("value=\"{starter}\"")),
                "{starter}"
            );
        }
        let chosen = test.post("/setup/starter", &[("starter", "webshop")]);
        assert_eq!(location(&chosen), Some("/setup"));
        let profile = test.get("/setup");
        assert!(
            body(&profile).contains("id=\"profile\""),
            "{}",
            body(&profile)
        );
        let refused = test.post("/setup/profile", &[("name", "Bakkerij Jansen")]);
        assert_eq!(refused.status, 422, "e-mail and address are needed");
        assert!(body(&refused).contains("value=\"Bakkerij Jansen\""));
        let saved = test.post(
            "/setup/profile",
            &[
                ("name", "Bakkerij Jansen"),
                ("email", "privacy@jansen.example"),
                ("address", "Dorpsstraat 1, 1234 AB Ergens"),
            ],
        );
        assert_eq!(location(&saved), Some("/setup"));
        let review = test.get("/setup");
        assert!(
            body(&review).contains("id=\"setup-done\""),
            "{}",
            body(&review)
        );
        assert_eq!(location(&test.get("/")), Some("/customers"));
        let snapshot = crate::schema::load_snapshot(test.conn()).unwrap();
        let date = time::macros::date!(2026 - 11 - 29);
        let settings = crate::statement::Settings::default();
        for lang in [crate::statement::Lang::Nl, crate::statement::Lang::En] {
            let statement = crate::statement::model::build_with(&snapshot, &settings, lang, date);
            assert!(
                statement.is_ok(),
                "the starter and the profile make a whole statement"
            );
        }
    }

    #[test]
    fn a_second_starter_is_refused_on_the_page() {
        let mut test = TestApp::bakery();
        let refused = test.post("/setup/starter", &[("starter", "club")]);
        assert!(
            body(&refused).contains("notice error"),
            "{}",
            body(&refused)
        );
    }
}
