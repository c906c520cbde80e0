//! Add, change and remove the recipients of a purpose's data, as `kluis recipient add/remove`
//! do (a change is a remove and an add in one step, `schema::replace_recipient`). The
//! library checks every rule: a country code, a safeguard for a transfer outside the EEA and
//! none inside it, a copy for scc and bcr, a note for a derogation.

use minijinja::context;

use super::super::super::app::App;
use super::super::super::form::Form;
use super::super::super::http::Response;
use super::super::{failure, not_found};
use super::change;
use super::inputs::{
    FormPage, Inputs, Typed, country_choices, purpose_input, purpose_names, render,
    typed_with_purposes,
};
use super::problem::{Why, choice, explain};
use crate::schema::model::{Recipient, RecipientRole, Safeguard};
use crate::schema::{self, Removed};

const INPUTS: &[&str] = &[
    "name",
    "role",
    "country",
    "safeguard",
    "safeguard_copy",
    "safeguard_copy_en",
    "note",
    "note_en",
];

/// The recipient as `recipient add` takes it; an empty text is left out.
fn new_recipient(typed: &Typed, purposes: &[String]) -> Result<Recipient, Why> {
    let safeguard = match typed.get("safeguard") {
        "" => None,
        _ => Some(choice::<Safeguard>(typed, "safeguard")?),
    };
    Ok(Recipient {
        name: typed.get("name").to_owned(),
        purposes: purposes
            .iter()
            .filter(|p| typed.checked(&purpose_input(p)))
            .cloned()
            .collect(),
        role: choice(typed, "role")?,
        country: typed.get("country").to_owned(),
        safeguard,
        safeguard_copy: typed.text("safeguard_copy"),
        safeguard_copy_en: typed.text("safeguard_copy_en"),
        note: typed.text("note"),
        note_en: typed.text("note_en"),
    })
}

fn inputs<'a>(app: &'a App, typed: &'a Typed, purposes: &[String], editing: bool) -> Inputs<'a> {
    let mut inputs = Inputs::new(app, typed);
    if editing {
        inputs
            .fixed("name", "recipients-name", typed.get("name").to_owned())
            .help("recipients-name-fixed");
    } else {
        inputs
            .text("name", "recipients-name")
            .required()
            .help("recipients-name-help");
    }
    inputs
        .select(
            "role",
            "recipients-role",
            RecipientRole::NAMES,
            "recipients-role-",
            None,
        )
        .required()
        .help("recipients-role-help");
    inputs
        .checkboxes("purpose", "recipients-purposes", purposes)
        .help("recipients-purposes-help");
    inputs
        .select_from("country", "recipients-country", country_choices(app))
        .required()
        .help("recipients-country-help");
    inputs
        .select(
            "safeguard",
            "recipients-safeguard",
            Safeguard::NAMES,
            "recipients-safeguard-",
            Some("recipients-safeguard-none"),
        )
        .heading("recipients-transfer-heading")
        .help("recipients-safeguard-help");
    inputs
        .textarea("safeguard_copy", "recipients-safeguard-copy")
        .help("recipients-safeguard-copy-help");
    inputs.textarea("safeguard_copy_en", "recipients-safeguard-copy-en");
    inputs
        .textarea("note", "recipients-note")
        .help("recipients-note-help");
    inputs.textarea("note_en", "recipients-note-en");
    inputs
}

/// The add form (`id` is `None`) or the edit form of a recipient.
fn form_page(app: &App, id: Option<i64>, typed: &Typed, why: Option<&Why>) -> Response {
    let purposes = match purpose_names(app) {
        Ok(purposes) => purposes,
        Err(error) => return failure(app, &error, "/purposes"),
    };
    let list = inputs(app, typed, &purposes, id.is_some()).list;
    let page = FormPage {
        form_id: "recipient-form",
        title: match id {
            Some(_) => app.text(
                "recipients-edit-title",
                &[("name", typed.get("name").to_owned())],
            ),
            None => app.text("recipients-add", &[]),
        },
        action: id.map_or("/recipients/new".to_owned(), |id| {
            format!("/recipients/{id}")
        }),
        back: "/purposes",
        back_label: "purposes-title",
        remove: id.map(|id| {
            (
                format!("/recipients/{id}/remove"),
                app.text("recipients-remove-all", &[]),
            )
        }),
        flash: None,
        problem: why.map(|why| explain(app, why)),
    };
    render(app, page, list)
}

/// The empty form, in the Netherlands, with `purpose` ticked when it is one.
pub fn new_form(app: &App, purpose: Option<&str>) -> Response {
    let mut typed = Typed::default();
    typed.set("role", RecipientRole::Processor.as_str());
    typed.set("country", "NL");
    if let Some(purpose) = purpose {
        typed.check(&purpose_input(purpose), true);
    }
    form_page(app, None, &typed, None)
}

pub fn add(app: &mut App, form: &Form) -> Response {
    let purposes = match purpose_names(app) {
        Ok(purposes) => purposes,
        Err(error) => return failure(app, &error, "/purposes"),
    };
    let typed = typed_with_purposes(form, INPUTS, &purposes);
    let added = new_recipient(&typed, &purposes)
        .and_then(|recipient| change(app, false, |tx| schema::add_recipient(tx, &recipient)));
    match added {
        Ok(_) => Response::redirect("/purposes?saved=1"),
        Err(Why::Page(page)) => page,
        Err(why) => form_page(app, None, &typed, Some(&why)),
    }
}

/// The recipient with this id, or the page to show instead.
fn stored(app: &App, id: &str) -> Result<Recipient, Response> {
    let Some(open) = &app.open else {
        return Err(not_found(app));
    };
    let Ok(id) = id.parse() else {
        return Err(not_found(app));
    };
    match schema::recipient_by_id(open.vault.conn(), id) {
        Ok(Some(recipient)) => Ok(recipient),
        Ok(None) => Err(not_found(app)),
        Err(error) => Err(failure(app, &error.into(), "/purposes")),
    }
}

/// The form's values for a stored recipient.
fn stored_values(recipient: &Recipient) -> Typed {
    let mut typed = Typed::default();
    typed.set("name", &recipient.name);
    typed.set("role", recipient.role.as_str());
    typed.set("country", &recipient.country);
    typed.set(
        "safeguard",
        recipient.safeguard.map_or("", Safeguard::as_str),
    );
    typed.set_text("safeguard_copy", &recipient.safeguard_copy);
    typed.set_text("safeguard_copy_en", &recipient.safeguard_copy_en);
    typed.set_text("note", &recipient.note);
    typed.set_text("note_en", &recipient.note_en);
    for purpose in &recipient.purposes {
        typed.check(&purpose_input(purpose), true);
    }
    typed
}

/// GET /recipients/ID: the recipient as stored, to change anything but its name.
pub fn edit_form(app: &App, id: &str) -> Response {
    match stored(app, id) {
        Ok(recipient) => form_page(app, id.parse().ok(), &stored_values(&recipient), None),
        Err(page) => page,
    }
}

/// Saves the form in place of the stored recipient. A changed role, country or safeguard
/// is another transfer, so the library checks the whole recipient again, as `recipient
/// remove` then `recipient add` would.
pub fn edit(app: &mut App, id: &str, form: &Form) -> Response {
    let recipient = match stored(app, id) {
        Ok(recipient) => recipient,
        Err(page) => return page,
    };
    let purposes = match purpose_names(app) {
        Ok(purposes) => purposes,
        Err(error) => return failure(app, &error, "/purposes"),
    };
    let mut typed = typed_with_purposes(form, INPUTS, &purposes);
    // Shown, not sent: the name stays.
    typed.set("name", &recipient.name);
    let replaced = new_recipient(&typed, &purposes).and_then(|replacement| {
        change(app, false, |tx| {
            schema::replace_recipient(tx, &recipient.name, &replacement)
        })
    });
    match replaced {
        Ok(_) => Response::redirect("/purposes?saved=1"),
        Err(Why::Page(page)) => page,
        Err(why) => form_page(app, id.parse().ok(), &typed, Some(&why)),
    }
}

/// The purpose to take the recipient off: one of its own, or none for all of them.
fn own_purpose<'a>(recipient: &Recipient, purpose: Option<&'a str>) -> Option<&'a str> {
    purpose.filter(|p| recipient.purposes.iter().any(|own| own == p))
}

/// Asks before removing. From a purpose, only that purpose is taken off; the recipient goes
/// entirely when it was its last one, as `recipient remove --purpose` does.
pub fn remove_page(app: &App, id: &str, purpose: Option<&str>, why: Option<&Why>) -> Response {
    let recipient = match stored(app, id) {
        Ok(recipient) => recipient,
        Err(page) => return page,
    };
    let purpose = own_purpose(&recipient, purpose);
    let name = recipient.name.clone();
    let intro = match purpose {
        Some(p) if recipient.purposes.len() > 1 => app.text(
            "recipients-remove-purpose-intro",
            &[("name", name.clone()), ("purpose", p.to_owned())],
        ),
        _ => app.text("recipients-remove-intro", &[("name", name.clone())]),
    };
    let action = match purpose {
        Some(p) => format!("/recipients/{id}/remove?purpose={p}"),
        None => format!("/recipients/{id}/remove"),
    };
    let problem = why.map(|why| explain(app, why).text);
    let mut response = app.page(
        "purposes-remove.html",
        context! {
            nav => "purposes", title => app.text("recipients-remove-title", &[("name", name)]),
            intro, action, back => "/purposes", problem,
        },
    );
    if why.is_some() {
        response.status = 422;
    }
    response
}

pub fn remove(app: &mut App, id: &str, purpose: Option<&str>) -> Response {
    let recipient = match stored(app, id) {
        Ok(recipient) => recipient,
        Err(page) => return page,
    };
    let purpose = own_purpose(&recipient, purpose);
    let removed = change(app, false, |tx| {
        schema::remove_recipient(tx, &recipient.name, purpose)
    });
    match removed {
        Ok(Removed::Recipient | Removed::Purpose) => Response::redirect("/purposes?saved=1"),
        Err(Why::Page(page)) => page,
        Err(why) => remove_page(app, id, purpose, Some(&why)),
    }
}

#[cfg(test)]
mod tests {
    use scraper::{Html, Selector};

    use crate::schema::{self, model::RecipientRole};
    use crate::web::testing::{TestApp, body, location};

    const PRINTER: &[(&str, &str)] = &[
        ("name", "Drukkerij De Vries"),
        ("role", "processor"),
        ("purpose-newsletter", "on"),
        ("country", "NL"),
        ("safeguard", ""),
        ("safeguard_copy", ""),
        ("safeguard_copy_en", ""),
        ("note", ""),
        ("note_en", ""),
    ];

    fn vault_bytes(test: &TestApp) -> Vec<u8> {
        std::fs::read(&test.app.config.vault).unwrap()
    }

    /// The `attr` of each element `selector` finds in `html`.
    fn attrs(html: &str, selector: &str, attr: &str) -> Vec<String> {
        Html::parse_document(html)
            .select(&Selector::parse(selector).unwrap())
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }

    /// The id of the demo bakery's recipient called `name`.
    fn id_of(test: &TestApp, name: &str) -> i64 {
        schema::recipients_with_ids(test.conn())
            .unwrap()
            .into_iter()
            .find(|(_, r)| r.name == name)
            .map(|(id, _)| id)
            .expect("the bakery has it")
    }

    #[test]
    fn the_form_ticks_the_purpose_it_came_from() {
        let mut test = TestApp::bakery();
        let page = test.get("/recipients/new?purpose=newsletter");
        assert_eq!(page.status, 200);
        let html = body(&page);
        assert_eq!(
            attrs(html, "form#recipient-form[method=post]", "action"),
            ["/recipients/new"]
        );
        let checked = attrs(
            html,
            "#recipient-form input[type=checkbox][checked]",
            "name",
        );
        assert_eq!(checked, ["purpose-newsletter"]);
        let country = attrs(html, "select[name=country] option[selected]", "value");
        assert_eq!(country, ["NL"]);
    }

    #[test]
    fn a_processor_in_the_netherlands_is_stored_and_listed() {
        let mut test = TestApp::bakery();
        let before = vault_bytes(&test);
        let added = test.post("/recipients/new", PRINTER);
        assert_eq!(
            location(&added),
            Some("/purposes?saved=1"),
            "{}",
            body(&added)
        );
        assert_ne!(vault_bytes(&test), before, "the change is saved");

        let stored = schema::find_recipient(test.conn(), "Drukkerij De Vries")
            .unwrap()
            .expect("stored");
        assert_eq!(stored.purposes, ["newsletter"]);
        assert_eq!(stored.role, RecipientRole::Processor);
        assert_eq!(stored.country, "NL");
        assert_eq!(stored.safeguard, None);

        let list = test.get("/purposes");
        let html = body(&list);
        assert!(html.contains("Drukkerij De Vries"));
        assert!(html.contains(
            r#"id="add-recipient-newsletter" href="/recipients/new?purpose=newsletter""#
        ));
    }

    #[test]
    fn a_controller_in_the_us_without_safeguard_is_refused_at_the_safeguard() {
        let mut test = TestApp::bakery();
        let before = vault_bytes(&test);
        let mut form = PRINTER.to_vec();
        form.retain(|(name, _)| !matches!(*name, "role" | "country"));
        form.extend([("role", "controller"), ("country", "US")]);
        let refused = test.post("/recipients/new", &form);
        assert_eq!(refused.status, 422);
        let html = body(&refused);
        assert!(html.contains(r#"id="e-safeguard""#), "{html}");
        assert!(
            html.contains(r#"value="Drukkerij De Vries""#),
            "what was typed stays"
        );
        assert_eq!(vault_bytes(&test), before, "nothing is saved");
        assert!(
            schema::find_recipient(test.conn(), "Drukkerij De Vries")
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn removing_from_a_purpose_keeps_the_others_and_then_removes_it() {
        let mut test = TestApp::bakery();
        let id = id_of(&test, "Boekhouder Van Dijk");
        let path = format!("/recipients/{id}/remove?purpose=bookkeeping");
        let confirm = test.get(&path);
        assert_eq!(confirm.status, 200);
        let action = attrs(body(&confirm), "form#confirm-remove", "action");
        assert_eq!(action, [path.as_str()]);

        let removed = test.post(&path, &[]);
        assert_eq!(location(&removed), Some("/purposes?saved=1"));
        let stored = schema::find_recipient(test.conn(), "Boekhouder Van Dijk").unwrap();
        assert_eq!(stored.expect("still there").purposes, ["customer-admin"]);

        let removed = test.post(
            &format!("/recipients/{id}/remove?purpose=customer-admin"),
            &[],
        );
        assert_eq!(location(&removed), Some("/purposes?saved=1"));
        let stored = schema::find_recipient(test.conn(), "Boekhouder Van Dijk").unwrap();
        assert!(stored.is_none(), "its last purpose took it away");
        assert!(!body(&test.get("/purposes")).contains("Boekhouder Van Dijk"));
    }

    #[test]
    fn a_recipient_without_a_safeguard_is_linked_from_the_statement_and_fixed_in_its_form() {
        let mut test = TestApp::bakery();
        let id = schema::testing::add_unchecked_recipient(
            test.conn(),
            "Webwinkel Hosting",
            "customer-admin",
            "US",
            None,
        );
        let statement = body(&test.get("/statement")).to_owned();
        let link = format!("href=\"/recipients/{id}\"");
        assert!(statement.contains(&link), "{statement}");
        let list = body(&test.get("/purposes")).to_owned();
        assert!(
            list.contains(&format!("id=\"edit-recipient-customer-admin-{id}\"")),
            "{list}"
        );

        let form = test.get(&format!("/recipients/{id}"));
        assert_eq!(form.status, 200);
        let html = body(&form);
        assert_eq!(
            attrs(html, "form#recipient-form", "action"),
            [format!("/recipients/{id}")]
        );
        assert_eq!(
            attrs(
                html,
                "#recipient-form input[type=checkbox][checked]",
                "name"
            ),
            ["purpose-customer-admin"]
        );
        assert_eq!(
            attrs(html, "select[name=country] option[selected]", "value"),
            ["US"]
        );

        let mut fix: Vec<(&str, &str)> = PRINTER
            .iter()
            .filter(|(name, _)| !matches!(*name, "country" | "purpose-newsletter" | "safeguard"))
            .copied()
            .collect();
        fix.extend([("country", "US"), ("purpose-customer-admin", "on")]);
        let refused = test.post(&format!("/recipients/{id}"), &fix);
        assert_eq!(refused.status, 422);
        assert!(
            body(&refused).contains(r#"id="e-safeguard""#),
            "{}",
            body(&refused)
        );

        fix.push(("safeguard", "dpf"));
        let saved = test.post(&format!("/recipients/{id}"), &fix);
        assert_eq!(
            location(&saved),
            Some("/purposes?saved=1"),
            "{}",
            body(&saved)
        );
        let stored = schema::find_recipient(test.conn(), "Webwinkel Hosting")
            .unwrap()
            .expect("the name stays");
        assert_eq!(stored.safeguard, Some(crate::schema::model::Safeguard::Dpf));
        assert_eq!(stored.purposes, ["customer-admin"]);
        let statement = body(&test.get("/statement")).to_owned();
        assert!(!statement.contains("id=\"missing\""), "{statement}");
    }

    #[test]
    fn a_dutch_safeguard_text_without_english_is_linked_and_translated_in_the_form() {
        let mut test = TestApp::bakery();
        let mut form = PRINTER.to_vec();
        form.retain(|(name, _)| !matches!(*name, "country" | "safeguard" | "safeguard_copy"));
        form.extend([
            ("country", "US"),
            ("safeguard", "scc"),
            ("safeguard_copy", "Vraag een kopie via privacy@bakkerij.nl"),
        ]);
        let added = test.post("/recipients/new", &form);
        assert_eq!(
            location(&added),
            Some("/purposes?saved=1"),
            "{}",
            body(&added)
        );
        let id = id_of(&test, "Drukkerij De Vries");
        let english = body(&test.get("/statement?lang=en")).to_owned();
        assert!(
            english.contains(&format!("href=\"/recipients/{id}\"")),
            "{english}"
        );

        let mut translated: Vec<(&str, &str)> = form
            .into_iter()
            .filter(|(n, _)| *n != "safeguard_copy_en")
            .collect();
        translated.push(("safeguard_copy_en", "Ask us for a copy"));
        let saved = test.post(&format!("/recipients/{id}"), &translated);
        assert_eq!(
            location(&saved),
            Some("/purposes?saved=1"),
            "{}",
            body(&saved)
        );
        let english = body(&test.get("/statement?lang=en")).to_owned();
        assert!(!english.contains(&format!("/recipients/{id}")), "{english}");
    }

    #[test]
    fn an_unknown_recipient_is_not_found() {
        let mut test = TestApp::bakery();
        assert_eq!(test.post("/recipients/999/remove", &[]).status, 404);
        assert_eq!(test.get("/recipients/x/remove").status, 404);
        assert_eq!(test.get("/recipients/999").status, 404);
        assert_eq!(test.post("/recipients/999", PRINTER).status, 404);
    }
}
