//! Add, edit, move and remove a purpose, with the options of `kluis purpose add/edit` that
//! matter most to a small business. The library checks every rule.

use std::str::FromStr;

use minijinja::context;

use super::super::super::app::App;
use super::super::super::form::Form;
use super::super::super::http::Response;
use super::super::{failure, not_found};
use super::change;
use super::inputs::{FormPage, Inputs, Typed, render};
use super::problem::{Why, choice, explain};
use crate::schema::model::{
    LegalBasis, OutsideCategory, Profiling, ProfilingKind, Purpose, Retention, RetentionPeriod,
    RetentionStart,
};
use crate::schema::{self, Place, PurposeChanges};

/// The optional texts, each one a `PurposeChanges` text of the same name.
const TEXTS: &[&str] = &[
    "description",
    "description_en",
    "interest",
    "interest_en",
    "law",
    "law_en",
    "retention",
    "retention_note",
    "retention_note_en",
    "subjects",
    "subjects_en",
    "profiling_logic",
    "profiling_logic_en",
    "profiling_effect",
    "profiling_effect_en",
];

/// Every input of the form.
fn input_names() -> impl Iterator<Item = &'static str> {
    [
        "name",
        "basis",
        "retention_from",
        "profiling",
        "minors",
        "no_recipients",
    ]
    .into_iter()
    .chain(TEXTS.iter().copied())
}

/// Empty rows of categories the form shows after the stored ones, to add more.
const NEW_CATEGORY_ROWS: usize = 2;

/// The most rows of categories read from a form; the page shows far fewer.
const MAX_CATEGORY_ROWS: usize = 100;

fn category_input(row: usize) -> String {
    format!("category-{row}")
}

fn category_en_input(row: usize) -> String {
    format!("category_en-{row}")
}

/// The input that shows an old free-text recipient or transfer.
fn legacy_input(row: usize) -> String {
    format!("legacy-{row}")
}

/// The names of the category inputs of `rows` rows.
fn category_names(rows: usize) -> Vec<String> {
    (0..rows)
        .flat_map(|row| [category_input(row), category_en_input(row)])
        .collect()
}

/// What a posted purpose form holds: its inputs and every row of categories it sent.
fn typed_from(form: &Form) -> Typed {
    let rows = (0..MAX_CATEGORY_ROWS)
        .take_while(|row| form.get(&category_input(*row)).is_some())
        .count();
    let categories = category_names(rows);
    let mut names: Vec<&str> = input_names().collect();
    names.push("drop_legacy_recipients");
    names.extend(categories.iter().map(String::as_str));
    Typed::from_form(form, names)
}

/// The categories the form's rows declare, paired by the library; a row left empty is none.
fn categories(typed: &Typed) -> Result<Vec<OutsideCategory>, Why> {
    let rows = (0..typed.rows("category")).map(|row| {
        (
            typed.text(&category_input(row)),
            typed.text(&category_en_input(row)),
        )
    });
    Ok(schema::purpose::outside_categories(rows)?)
}

/// The form's values for a stored purpose.
fn stored_values(purpose: &Purpose) -> Typed {
    let mut typed = Typed::default();
    let stored = purpose.categories.len();
    for row in 0..stored + NEW_CATEGORY_ROWS {
        let category = purpose.categories.get(row);
        typed.set(&category_input(row), category.map_or("", |c| &c.text));
        typed.set_text(
            &category_en_input(row),
            &category.and_then(|c| c.text_en.clone()),
        );
    }
    let legacy = purpose
        .legacy_recipients
        .iter()
        .chain(&purpose.legacy_transfers);
    for (row, text) in legacy.enumerate() {
        typed.set(&legacy_input(row), text);
    }
    typed.set("name", &purpose.name);
    typed.set("basis", purpose.basis.as_str());
    typed.set("description", &purpose.description);
    typed.set_text("description_en", &purpose.description_en);
    typed.set_text("interest", &purpose.interest);
    typed.set_text("interest_en", &purpose.interest_en);
    typed.set_text("law", &purpose.law);
    typed.set_text("law_en", &purpose.law_en);
    let retention = &purpose.retention;
    typed.set_text("retention", &retention.period.map(|p| p.to_string()));
    typed.set("retention_from", retention.start.as_str());
    typed.set_text("retention_note", &retention.note);
    typed.set_text("retention_note_en", &retention.note_en);
    typed.set_text("subjects", &purpose.subjects);
    typed.set_text("subjects_en", &purpose.subjects_en);
    typed.check("minors", purpose.minors);
    let profiling = purpose.profiling.as_ref();
    typed.set("profiling", profiling.map_or("", |p| p.kind.as_str()));
    let text = |pick: fn(&Profiling) -> &Option<String>| profiling.and_then(|p| pick(p).clone());
    typed.set_text("profiling_logic", &text(|p| &p.logic));
    typed.set_text("profiling_logic_en", &text(|p| &p.logic_en));
    typed.set_text("profiling_effect", &text(|p| &p.effect));
    typed.set_text("profiling_effect_en", &text(|p| &p.effect_en));
    typed.check("no_recipients", purpose.no_recipients);
    typed
}

/// The purpose the add form describes. The library validates it; only the names of the
/// selects and the period are read here, by the model's own parsers.
fn new_purpose(typed: &Typed) -> Result<Purpose, Why> {
    let name = typed.get("name");
    let basis: LegalBasis = choice(typed, "basis")?;
    let period = typed
        .text("retention")
        .map(|text| RetentionPeriod::from_str(&text))
        .transpose()
        .map_err(|source| schema::Error::Retention {
            purpose: name.to_owned(),
            source,
        })?;
    let profiling = match typed.get("profiling") {
        "" => None,
        _ => Some(Profiling {
            kind: choice(typed, "profiling")?,
            logic: typed.text("profiling_logic"),
            logic_en: typed.text("profiling_logic_en"),
            effect: typed.text("profiling_effect"),
            effect_en: typed.text("profiling_effect_en"),
        }),
    };
    Ok(Purpose {
        description_en: typed.text("description_en"),
        interest: typed.text("interest"),
        interest_en: typed.text("interest_en"),
        law: typed.text("law"),
        law_en: typed.text("law_en"),
        retention: Retention {
            period,
            start: choice(typed, "retention_from")?,
            note: typed.text("retention_note"),
            note_en: typed.text("retention_note_en"),
        },
        subjects: typed.text("subjects"),
        subjects_en: typed.text("subjects_en"),
        minors: typed.checked("minors"),
        profiling,
        categories: categories(typed)?,
        no_recipients: typed.checked("no_recipients"),
        ..Purpose::new(name, basis, typed.get("description"))
    })
}

/// The `PurposeChanges` text an input sets.
fn text_slot<'a>(changes: &'a mut PurposeChanges, input: &str) -> Option<&'a mut Option<String>> {
    Some(match input {
        "description" => &mut changes.description,
        "description_en" => &mut changes.description_en,
        "interest" => &mut changes.interest,
        "interest_en" => &mut changes.interest_en,
        "law" => &mut changes.law,
        "law_en" => &mut changes.law_en,
        "retention" => &mut changes.retention,
        "retention_note" => &mut changes.retention_note,
        "retention_note_en" => &mut changes.retention_note_en,
        "subjects" => &mut changes.subjects,
        "subjects_en" => &mut changes.subjects_en,
        "profiling_logic" => &mut changes.profiling_logic,
        "profiling_logic_en" => &mut changes.profiling_logic_en,
        "profiling_effect" => &mut changes.profiling_effect,
        "profiling_effect_en" => &mut changes.profiling_effect_en,
        _ => return None,
    })
}

/// What the edit form changes: only the inputs that differ from what is stored, so the
/// audit log names what the user changed. An emptied text clears it, as `""` does on the
/// CLI.
fn purpose_changes(stored: &Typed, typed: &Typed) -> Result<PurposeChanges, Why> {
    let mut changes = PurposeChanges::default();
    for input in TEXTS {
        if let (Some(text), Some(slot)) =
            (typed.changed(stored, input), text_slot(&mut changes, input))
        {
            *slot = Some(text);
        }
    }
    if typed.changed(stored, "retention_from").is_some() {
        changes.retention_from = Some(choice(typed, "retention_from")?);
    }
    if typed.changed(stored, "profiling").is_some() && !typed.get("profiling").is_empty() {
        changes.profiling = Some(choice::<ProfilingKind>(typed, "profiling")?);
    }
    if typed.changed(stored, "minors").is_some() {
        changes.minors = Some(typed.checked("minors"));
    }
    if typed.changed(stored, "no_recipients").is_some() {
        changes.no_recipients = Some(typed.checked("no_recipients"));
    }
    // A form without category rows (not one the page sends) leaves the categories alone.
    let declared = categories(typed)?;
    if typed.rows("category") > 0 && declared != categories(stored)? {
        changes.categories = Some(declared);
    }
    changes.drop_legacy_recipients = typed.checked("drop_legacy_recipients");
    Ok(changes)
}

/// The form's inputs. On an edit, the name and basis are shown but not sent: the library
/// renames nothing, and data collected on one basis does not move to another.
fn inputs<'a>(app: &'a App, typed: &'a Typed, editing: bool) -> Inputs<'a> {
    let mut inputs = Inputs::new(app, typed);
    if editing {
        inputs.fixed("name", "purposes-name", typed.get("name").to_owned());
        let basis = app.text(&format!("purposes-basis-{}", typed.get("basis")), &[]);
        inputs
            .fixed("basis", "purposes-basis", basis)
            .help("purposes-basis-fixed");
    } else {
        inputs
            .text("name", "purposes-name")
            .required()
            .help("purposes-name-help");
        inputs
            .select(
                "basis",
                "purposes-basis",
                LegalBasis::NAMES,
                "purposes-basis-",
                Some("purposes-choose"),
            )
            .required()
            .help("purposes-basis-help");
    }
    inputs
        .textarea("description", "purposes-description")
        .required()
        .help("purposes-description-help");
    inputs.text("law", "purposes-law").help("purposes-law-help");
    inputs
        .text("interest", "purposes-interest")
        .help("purposes-interest-help");
    retention_inputs(&mut inputs);
    more_inputs(&mut inputs);
    category_inputs(app, &mut inputs, typed);
    if editing {
        legacy_inputs(app, &mut inputs, typed);
    }
    english_inputs(&mut inputs);
    inputs
}

/// A Dutch and an English text per category kept outside the vault: the stored ones, then
/// empty rows to add more. Emptying a row removes its category.
fn category_inputs(app: &App, inputs: &mut Inputs<'_>, typed: &Typed) {
    for row in 0..typed.rows("category") {
        let number = [("number", (row + 1).to_string())];
        inputs.text_labelled(&category_input(row), app.text("outside-category", &number));
        if row == 0 {
            inputs
                .heading("outside-heading")
                .help("outside-category-help");
        }
        inputs.text_labelled(
            &category_en_input(row),
            app.text("outside-category-en", &number),
        );
    }
}

/// The free-text recipients and transfers of an older vault, shown with the way to restate
/// each as a recipient and the switch that forgets them (`--drop-legacy-recipients`).
fn legacy_inputs(app: &App, inputs: &mut Inputs<'_>, typed: &Typed) {
    let rows = typed.rows("legacy");
    if rows == 0 {
        return;
    }
    for row in 0..rows {
        let number = [("number", (row + 1).to_string())];
        inputs.fixed_labelled(&legacy_input(row), app.text("legacy-text", &number));
        if row == 0 {
            inputs.heading("legacy-heading").help("legacy-help");
        }
    }
    inputs
        .checkbox("drop_legacy_recipients", "legacy-drop")
        .help("legacy-drop-help")
        .link(
            format!("/recipients/new?purpose={}", typed.get("name")),
            "legacy-restate",
        );
}

fn retention_inputs(inputs: &mut Inputs<'_>) {
    inputs
        .text("retention", "purposes-retention")
        .help("purposes-retention-help")
        .heading("purposes-retention-heading");
    inputs.select(
        "retention_from",
        "purposes-retention-from",
        RetentionStart::NAMES,
        "purposes-start-",
        None,
    );
    inputs
        .text("retention_note", "purposes-retention-note")
        .help("purposes-retention-note-help");
}

/// Profiling, the people and the recipients: what the statement declares besides the basis.
fn more_inputs(inputs: &mut Inputs<'_>) {
    inputs
        .select(
            "profiling",
            "purposes-profiling",
            ProfilingKind::NAMES,
            "purposes-profiling-",
            Some("purposes-not-answered"),
        )
        .heading("purposes-more-heading");
    inputs
        .textarea("profiling_logic", "purposes-profiling-logic")
        .help("purposes-profiling-logic-help");
    inputs.textarea("profiling_effect", "purposes-profiling-effect");
    inputs
        .text("subjects", "purposes-subjects")
        .help("purposes-subjects-help");
    inputs.checkbox("minors", "purposes-minors");
    inputs
        .checkbox("no_recipients", "purposes-no-recipients")
        .help("purposes-no-recipients-help");
}

/// The English twins of the texts, for the English statement.
fn english_inputs(inputs: &mut Inputs<'_>) {
    inputs
        .textarea("description_en", "purposes-description-en")
        .heading("purposes-english-heading");
    inputs.text("law_en", "purposes-law-en");
    inputs.text("interest_en", "purposes-interest-en");
    inputs.text("retention_note_en", "purposes-retention-note-en");
    inputs.textarea("profiling_logic_en", "purposes-profiling-logic-en");
    inputs.textarea("profiling_effect_en", "purposes-profiling-effect-en");
    inputs.text("subjects_en", "purposes-subjects-en");
}

/// The add form (`name` is `None`) or the edit form of a purpose.
fn form_page(app: &App, name: Option<&str>, typed: &Typed, why: Option<&Why>) -> Response {
    let list = inputs(app, typed, name.is_some()).list;
    let page = FormPage {
        form_id: "purpose-form",
        title: match name {
            Some(name) => app.text("purposes-edit-title", &[("name", name.to_owned())]),
            None => app.text("purposes-add", &[]),
        },
        action: name.map_or("/purposes/new".to_owned(), |n| {
            format!("/purposes/{n}/edit")
        }),
        back: "/purposes",
        back_label: "purposes-title",
        remove: name.map(|n| {
            (
                format!("/purposes/{n}/remove"),
                app.text("purposes-remove", &[]),
            )
        }),
        flash: None,
        problem: why.map(|why| explain(app, why)),
    };
    render(app, page, list)
}

pub fn new_form(app: &App) -> Response {
    let mut typed = Typed::default();
    typed.set("retention_from", RetentionStart::default().as_str());
    typed.set("profiling", ProfilingKind::None.as_str());
    for name in category_names(NEW_CATEGORY_ROWS) {
        typed.set(&name, "");
    }
    form_page(app, None, &typed, None)
}

pub fn add(app: &mut App, form: &Form) -> Response {
    let typed = typed_from(form);
    let added = new_purpose(&typed)
        .and_then(|purpose| change(app, false, |tx| schema::add_purpose(tx, &purpose)));
    match added {
        Ok(_) => Response::redirect("/purposes?saved=1"),
        Err(Why::Page(page)) => page,
        Err(why) => form_page(app, None, &typed, Some(&why)),
    }
}

/// The stored purpose called `name`, or the page to show instead.
fn stored(app: &App, name: &str) -> Result<Purpose, Response> {
    let Some(open) = &app.open else {
        return Err(not_found(app));
    };
    match schema::find_purpose(open.vault.conn(), name) {
        Ok(Some(stored)) => Ok(stored.purpose),
        Ok(None) => Err(not_found(app)),
        Err(error) => Err(failure(app, &error.into(), "/purposes")),
    }
}

pub fn edit_form(app: &App, name: &str) -> Response {
    match stored(app, name) {
        Ok(purpose) => form_page(app, Some(name), &stored_values(&purpose), None),
        Err(page) => page,
    }
}

pub fn edit(app: &mut App, name: &str, form: &Form) -> Response {
    let stored = match stored(app, name) {
        Ok(purpose) => stored_values(&purpose),
        Err(page) => return page,
    };
    let mut typed = typed_from(form);
    // Shown, not sent: the stored name and basis, and the old free-text recipients.
    typed.set("name", stored.get("name"));
    typed.set("basis", stored.get("basis"));
    for row in 0..stored.rows("legacy") {
        typed.set(&legacy_input(row), stored.get(&legacy_input(row)));
    }
    let edited = purpose_changes(&stored, &typed)
        .and_then(|changes| change(app, false, |tx| schema::update_purpose(tx, name, &changes)));
    match edited {
        Ok(_) => Response::redirect("/purposes?saved=1"),
        Err(Why::Page(page)) => page,
        Err(why) => form_page(app, Some(name), &typed, Some(&why)),
    }
}

/// Asks before removing, as the CLI's `purpose remove` is final. A purpose that fields
/// still use is refused by the library, and the page says which fields.
pub fn remove_page(app: &App, name: &str, why: Option<&Why>) -> Response {
    if let Err(page) = stored(app, name) {
        return page;
    }
    let problem = why.map(|why| explain(app, why).text);
    let mut response = app.page(
        "purposes-remove.html",
        context! {
            nav => "purposes", title => app.text("purposes-remove-title", &[("name", name.to_owned())]),
            intro => app.text("purposes-remove-intro", &[]),
            action => format!("/purposes/{name}/remove"), back => format!("/purposes/{name}/edit"),
            problem,
        },
    );
    if why.is_some() {
        response.status = 422;
    }
    response
}

pub fn remove(app: &mut App, name: &str) -> Response {
    match change(app, false, |tx| schema::remove_purpose(tx, name)) {
        Ok(()) => Response::redirect("/purposes?saved=1"),
        Err(Why::Page(page)) => page,
        Err(why) => remove_page(app, name, Some(&why)),
    }
}

/// Moves a purpose to a place in the order (counting from 1), as `purpose move --to` does.
pub fn move_to(app: &mut App, name: &str, form: &Form) -> Response {
    let Some(to) = form.text("to").and_then(|to| to.parse().ok()) else {
        return super::list(
            app,
            false,
            Some(explain(app, &Why::UnknownChoice { input: "to" }).text),
        );
    };
    match change(app, false, |tx| {
        schema::move_purpose(tx, name, &Place::To(to))
    }) {
        Ok(_) => Response::redirect(&format!("/purposes#purpose-{name}")),
        Err(Why::Page(page)) => page,
        Err(why) => super::list(app, false, Some(explain(app, &why).text)),
    }
}

#[cfg(test)]
mod tests;
