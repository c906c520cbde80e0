//! Add, edit and remove a field, as `kluis field add/edit/remove` do. The library checks
//! every rule: at least one purpose, the Art. 9 exception of special data, BSN only under a
//! law, nothing required that rests on consent.

use minijinja::context;

use super::super::super::app::App;
use super::super::super::form::Form;
use super::super::super::http::Response;
use super::super::{failure, not_found};
use super::change;
use super::inputs::{
    FormPage, Inputs, Typed, purpose_input, purpose_names, render, typed_with_purposes,
};
use super::problem::{Why, choice, explain};
use crate::schema::model::{DataSource, Field, FieldType, SpecialCategory};
use crate::schema::{self, Art9Exception, FieldChanges, StoredField};

const INPUTS: &[&str] = &[
    "name",
    "type",
    "label",
    "label_en",
    "required",
    "source",
    "source_note",
    "source_note_en",
    "special",
    "art9",
];

fn stored_values(field: &Field) -> Typed {
    let mut typed = Typed::default();
    typed.set("name", &field.name);
    typed.set("type", field.field_type.as_str());
    typed.set_text("label", &field.label);
    typed.set_text("label_en", &field.label_en);
    typed.check("required", field.required);
    typed.set("source", field.source.as_str());
    typed.set_text("source_note", &field.source_note);
    typed.set_text("source_note_en", &field.source_note_en);
    typed.set("special", field.special.map_or("", |s| s.as_str()));
    typed.set_text("art9", &field.art9);
    for purpose in &field.purposes {
        typed.check(&purpose_input(purpose), true);
    }
    typed
}

/// The special category, or `None` for "no special data".
fn special(typed: &Typed) -> Result<Option<SpecialCategory>, Why> {
    match typed.get("special") {
        "" => Ok(None),
        _ => choice(typed, "special").map(Some),
    }
}

fn checked_purposes(typed: &Typed, purposes: &[String]) -> Vec<String> {
    purposes
        .iter()
        .filter(|p| typed.checked(&purpose_input(p)))
        .cloned()
        .collect()
}

fn new_field(typed: &Typed, purposes: &[String]) -> Result<Field, Why> {
    Ok(Field {
        name: typed.get("name").to_owned(),
        field_type: choice(typed, "type")?,
        label: typed.text("label"),
        label_en: typed.text("label_en"),
        purposes: checked_purposes(typed, purposes),
        required: typed.checked("required"),
        source: choice(typed, "source")?,
        source_note: typed.text("source_note"),
        source_note_en: typed.text("source_note_en"),
        special: special(typed)?,
        art9: typed.text("art9"),
    })
}

/// The edit as `field edit` takes it. The library compares with what is stored and logs
/// only what differs; an emptied text clears it.
fn field_changes(stored: &Typed, typed: &Typed, purposes: &[String]) -> Result<FieldChanges, Why> {
    let before = checked_purposes(stored, purposes);
    let after = checked_purposes(typed, purposes);
    let special = special(typed)?;
    Ok(FieldChanges {
        label: Some(typed.get("label").to_owned()),
        label_en: Some(typed.get("label_en").to_owned()),
        required: Some(typed.checked("required")),
        source: Some(choice(typed, "source")?),
        source_note: Some(typed.get("source_note").to_owned()),
        source_note_en: Some(typed.get("source_note_en").to_owned()),
        add_purposes: after
            .iter()
            .filter(|p| !before.contains(p))
            .cloned()
            .collect(),
        remove_purposes: before
            .iter()
            .filter(|p| !after.contains(p))
            .cloned()
            .collect(),
        special,
        art9: typed.text("art9"),
        no_special: special.is_none() && !stored.get("special").is_empty(),
        ..FieldChanges::default()
    })
}

/// The form's inputs. On an edit the name and type are shown, not sent: stored values were
/// checked and normalised for the type.
fn inputs<'a>(app: &'a App, typed: &'a Typed, editing: bool, purposes: &[String]) -> Inputs<'a> {
    let mut inputs = Inputs::new(app, typed);
    if editing {
        inputs.fixed("name", "fields-name", typed.get("name").to_owned());
        let shown = app.text(&format!("fields-type-{}", typed.get("type")), &[]);
        inputs
            .fixed("type", "fields-type", shown)
            .help("fields-type-fixed");
    } else {
        inputs
            .text("name", "fields-name")
            .required()
            .help("fields-name-help");
        inputs
            .select(
                "type",
                "fields-type",
                FieldType::NAMES,
                "fields-type-",
                None,
            )
            .required();
    }
    inputs
        .text("label", "fields-label")
        .help("fields-label-help");
    inputs.text("label_en", "fields-label-en");
    inputs
        .checkboxes("purpose", "fields-purposes", purposes)
        .help("fields-purposes-help");
    inputs
        .checkbox("required", "fields-required")
        .help("fields-required-help");
    inputs.select(
        "source",
        "fields-source",
        DataSource::NAMES,
        "fields-source-",
        None,
    );
    inputs
        .text("source_note", "fields-source-note")
        .help("fields-source-note-help");
    inputs.text("source_note_en", "fields-source-note-en");
    inputs
        .select(
            "special",
            "fields-special",
            SpecialCategory::NAMES,
            "fields-special-",
            Some("fields-special-none"),
        )
        .heading("fields-special-heading")
        .help("fields-special-help");
    inputs
        .select(
            "art9",
            "fields-art9",
            Art9Exception::NAMES,
            "fields-art9-",
            Some("fields-art9-none"),
        )
        .help("fields-art9-help");
    inputs
}

fn form_page(app: &App, name: Option<&str>, typed: &Typed, why: Option<&Why>) -> Response {
    let purposes = match purpose_names(app) {
        Ok(purposes) => purposes,
        Err(error) => return failure(app, &error, "/purposes"),
    };
    let list = inputs(app, typed, name.is_some(), &purposes).list;
    let page = FormPage {
        form_id: "field-form",
        title: match name {
            Some(name) => app.text("fields-edit-title", &[("name", name.to_owned())]),
            None => app.text("fields-add", &[]),
        },
        action: name.map_or("/fields/new".to_owned(), |n| format!("/fields/{n}/edit")),
        back: "/purposes#fields",
        back_label: "purposes-title",
        remove: name.map(|n| {
            (
                format!("/fields/{n}/remove"),
                app.text("fields-remove", &[]),
            )
        }),
        flash: None,
        problem: why.map(|why| explain(app, why)),
    };
    render(app, page, list)
}

pub fn new_form(app: &App) -> Response {
    let mut typed = Typed::default();
    typed.set("type", FieldType::Text.as_str());
    typed.set("source", DataSource::Subject.as_str());
    form_page(app, None, &typed, None)
}

pub fn add(app: &mut App, form: &Form) -> Response {
    let purposes = match purpose_names(app) {
        Ok(purposes) => purposes,
        Err(error) => return failure(app, &error, "/purposes"),
    };
    let typed = typed_with_purposes(form, INPUTS, &purposes);
    let added = new_field(&typed, &purposes)
        .and_then(|field| change(app, false, |tx| schema::add_field(tx, &field)));
    match added {
        Ok(_) => Response::redirect("/purposes?saved=1#fields"),
        Err(Why::Page(page)) => page,
        Err(why) => form_page(app, None, &typed, Some(&why)),
    }
}

/// The stored field called `name`, or the page to show instead.
fn stored(app: &App, name: &str) -> Result<StoredField, Response> {
    let Some(open) = &app.open else {
        return Err(not_found(app));
    };
    match schema::find_field(open.vault.conn(), name) {
        Ok(Some(stored)) => Ok(stored),
        Ok(None) => Err(not_found(app)),
        Err(error) => Err(failure(app, &error.into(), "/purposes")),
    }
}

pub fn edit_form(app: &App, name: &str) -> Response {
    match stored(app, name) {
        Ok(stored) => form_page(app, Some(name), &stored_values(&stored.field), None),
        Err(page) => page,
    }
}

pub fn edit(app: &mut App, name: &str, form: &Form) -> Response {
    let stored = match stored(app, name) {
        Ok(stored) => stored_values(&stored.field),
        Err(page) => return page,
    };
    let purposes = match purpose_names(app) {
        Ok(purposes) => purposes,
        Err(error) => return failure(app, &error, "/purposes"),
    };
    let mut typed = typed_with_purposes(form, INPUTS, &purposes);
    // Shown, not sent: the stored name and type.
    typed.set("name", stored.get("name"));
    typed.set("type", stored.get("type"));
    let edited = field_changes(&stored, &typed, &purposes)
        .and_then(|changes| change(app, false, |tx| schema::edit_field(tx, name, &changes)));
    match edited {
        Ok(_) => Response::redirect("/purposes?saved=1#fields"),
        Err(Why::Page(page)) => page,
        Err(why) => form_page(app, Some(name), &typed, Some(&why)),
    }
}

/// Asks before removing, as the CLI wants `--yes`: every value of the field is erased.
pub fn remove_page(app: &App, name: &str, why: Option<&Why>) -> Response {
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let field = match stored(app, name) {
        Ok(field) => field,
        Err(page) => return page,
    };
    let values = match schema::value_count(open.vault.conn(), field.id) {
        Ok(values) => values,
        Err(error) => return failure(app, &error.into(), "/purposes"),
    };
    let problem = why.map(|why| explain(app, why).text);
    let mut response = app.page(
        "purposes-remove.html",
        context! {
            nav => "purposes", title => app.text("fields-remove-title", &[("name", name.to_owned())]),
            intro => app.text("fields-remove-intro", &[("count", values.to_string())]),
            action => format!("/fields/{name}/remove"), back => format!("/fields/{name}/edit"),
            problem,
        },
    );
    if why.is_some() {
        response.status = 422;
    }
    response
}

pub fn remove(app: &mut App, name: &str) -> Response {
    // The user confirmed on the page before, as `--yes` does; erased values leave the
    // backup too.
    match change(app, true, |tx| schema::remove_field(tx, name, true)) {
        Ok(_) => Response::redirect("/purposes?saved=1#fields"),
        Err(Why::Page(page)) => page,
        Err(why) => remove_page(app, name, Some(&why)),
    }
}
