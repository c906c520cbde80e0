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
use super::problem::{Why, explain};
use crate::schema::model::{
    LegalBasis, Profiling, ProfilingKind, Purpose, Retention, RetentionPeriod, RetentionStart,
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

/// The form's values for a stored purpose.
fn stored_values(purpose: &Purpose) -> Typed {
    let mut typed = Typed::default();
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

/// A name from one of the form's selects.
fn choice<T: FromStr>(typed: &Typed, input: &'static str) -> Result<T, Why> {
    typed
        .get(input)
        .parse()
        .map_err(|_| Why::UnknownChoice { input })
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
    english_inputs(&mut inputs);
    inputs
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
        action: name.map_or("/purposes/new".to_owned(), |n| format!("/purposes/{n}")),
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
    form_page(app, None, &typed, None)
}

pub fn add(app: &mut App, form: &Form) -> Response {
    let typed = Typed::from_form(form, input_names());
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
    let mut typed = Typed::from_form(form, input_names());
    // Shown, not sent: the stored name and basis.
    typed.set("name", stored.get("name"));
    typed.set("basis", stored.get("basis"));
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
            action => format!("/purposes/{name}/remove"), back => format!("/purposes/{name}"),
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
