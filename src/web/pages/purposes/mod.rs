//! Purposes and fields: the list in the declared order, the forms to add, edit, move and
//! remove them, and the controller profile. Every rule is the library's (`schema::`); a
//! refusal comes back as a message at the input it is about.

mod cookie_form;
mod field_form;
mod inputs;
mod problem;
mod profile;
mod purpose_form;
mod recipient_form;
#[cfg(test)]
mod tests;

use minijinja::context;
use serde::Serialize;

use super::super::app::App;
use super::super::form::Form;
use super::super::http::{Method, Request, Response};
use super::{failure, not_found, with_change};
use crate::Error;
use crate::schema::model::{Purpose, Recipient, Retention, RetentionPeriod, RetentionUnit};
use crate::schema::{self, StoredField, StoredPurpose};
use problem::Why;

pub use cookie_form::route as cookies_route;

/// `/purposes/…`
pub fn route(app: &mut App, request: &Request, rest: &[&str], form: &Form) -> Response {
    match (request.method, rest) {
        (Method::Get, []) => list(app, request.query("saved").is_some(), None),
        (Method::Get, ["new"]) => purpose_form::new_form(app),
        (Method::Post, ["new"]) => purpose_form::add(app, form),
        // `/NAME/edit` reaches a purpose named "new" too; `/NAME` stays for old links.
        (Method::Get, [name] | [name, "edit"]) => purpose_form::edit_form(app, name),
        (Method::Post, [name] | [name, "edit"]) => purpose_form::edit(app, name, form),
        (Method::Get, [name, "remove"]) => purpose_form::remove_page(app, name, None),
        (Method::Post, [name, "remove"]) => purpose_form::remove(app, name),
        (Method::Post, [name, "move"]) => purpose_form::move_to(app, name, form),
        _ => not_found(app),
    }
}

/// `/fields/…`
pub fn fields_route(app: &mut App, request: &Request, rest: &[&str], form: &Form) -> Response {
    match (request.method, rest) {
        (Method::Get, []) => Response::redirect("/purposes#fields"),
        (Method::Get, ["new"]) => field_form::new_form(app),
        (Method::Post, ["new"]) => field_form::add(app, form),
        (Method::Get, [name] | [name, "edit"]) => field_form::edit_form(app, name),
        (Method::Post, [name] | [name, "edit"]) => field_form::edit(app, name, form),
        (Method::Get, [name, "remove"]) => field_form::remove_page(app, name, None),
        (Method::Post, [name, "remove"]) => field_form::remove(app, name),
        _ => not_found(app),
    }
}

/// `/recipients/…`
pub fn recipients_route(app: &mut App, request: &Request, rest: &[&str], form: &Form) -> Response {
    let purpose = request.query("purpose");
    match (request.method, rest) {
        (Method::Get, ["new"]) => recipient_form::new_form(app, purpose),
        (Method::Post, ["new"]) => recipient_form::add(app, form),
        (Method::Get, [id]) => recipient_form::edit_form(app, id),
        (Method::Post, [id]) => recipient_form::edit(app, id, form),
        (Method::Get, [id, "remove"]) => recipient_form::remove_page(app, id, purpose, None),
        (Method::Post, [id, "remove"]) => recipient_form::remove(app, id, purpose),
        _ => not_found(app),
    }
}

/// `/profile`
pub fn profile_route(app: &mut App, request: &Request, form: &Form) -> Response {
    match request.method {
        Method::Get => profile::page(app, request.query("saved").is_some()),
        Method::Post => profile::save(app, form),
        Method::Other => not_found(app),
    }
}

/// Runs one schema change in a transaction and saves, as the CLI's commands do.
fn change<T>(
    app: &mut App,
    erases: bool,
    change: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, schema::Error>,
) -> Result<T, Why> {
    with_change(app, erases, |conn| {
        schema::in_transaction(conn, change).map_err(Error::from)
    })
    .map_err(Why::from)
}

/// Words for one of the model's names, e.g. `purposes-basis-` and `contract`.
fn name_text(app: &App, prefix: &str, name: &str) -> String {
    app.text(&format!("{prefix}{name}"), &[])
}

#[derive(Serialize)]
struct PurposeRow {
    name: String,
    description: String,
    description_en: Option<String>,
    basis: String,
    law: Option<String>,
    interest: Option<String>,
    retention: String,
    retention_note: Option<String>,
    profiling: String,
    recipients: String,
    recipient_list: Vec<RecipientRow>,
    /// The old free-text recipients and transfers, each still to restate.
    legacy: Vec<String>,
    /// What it keeps outside the vault.
    categories: Vec<String>,
    fields: Vec<String>,
}

/// A recipient under a purpose, with the id its remove link needs.
#[derive(Serialize)]
struct RecipientRow {
    id: i64,
    name: String,
    role: String,
    country: String,
    safeguard: Option<String>,
}

#[derive(Serialize)]
struct FieldRow {
    name: String,
    label: String,
    field_type: String,
    required: bool,
    purposes: String,
    special: Option<String>,
}

/// A period in words: `7y` is "7 jaar".
fn period_text(app: &App, period: RetentionPeriod) -> String {
    let key = match (period.unit, period.amount) {
        (RetentionUnit::Years, 1) => "purposes-period-year",
        (RetentionUnit::Years, _) => "purposes-period-years",
        (RetentionUnit::Months, 1) => "purposes-period-month",
        (RetentionUnit::Months, _) => "purposes-period-months",
        (RetentionUnit::Days, 1) => "purposes-period-day",
        (RetentionUnit::Days, _) => "purposes-period-days",
    };
    app.text(key, &[("amount", period.amount.to_string())])
}

/// How long a purpose keeps data: a period from its start, the event alone, or nothing yet.
fn retention_text(app: &App, retention: &Retention) -> String {
    let start = name_text(app, "purposes-start-", retention.start.as_str());
    match retention.period {
        Some(period) => app.text(
            "purposes-kept-for",
            &[("period", period_text(app, period)), ("start", start)],
        ),
        None if retention.start.is_event() => app.text("purposes-kept-until", &[("start", start)]),
        None => app.text("purposes-kept-undeclared", &[]),
    }
}

fn recipients_text(app: &App, purpose: &Purpose, names: &[RecipientRow]) -> String {
    if !names.is_empty() {
        String::new()
    } else if purpose.no_recipients {
        app.text("purposes-recipients-none", &[])
    } else {
        app.text("purposes-recipients-undeclared", &[])
    }
}

fn recipient_row(app: &App, id: i64, recipient: &Recipient) -> RecipientRow {
    let country = schema::country::country(&recipient.country).map_or_else(
        || recipient.country.clone(),
        |c| match app.lang {
            crate::statement::Lang::Nl => c.name_nl.to_owned(),
            crate::statement::Lang::En => c.name_en.to_owned(),
        },
    );
    RecipientRow {
        id,
        name: recipient.name.clone(),
        role: name_text(app, "recipients-role-", recipient.role.as_str()),
        country,
        safeguard: recipient
            .safeguard
            .map(|s| name_text(app, "recipients-safeguard-", s.as_str())),
    }
}

fn purpose_row(
    app: &App,
    conn: &rusqlite::Connection,
    stored: StoredPurpose,
    recipients: &[(i64, Recipient)],
) -> Result<PurposeRow, Error> {
    let fields = schema::fields_of_purpose(conn, stored.id)?
        .into_iter()
        .map(|f| f.field.name)
        .collect();
    let purpose = stored.purpose;
    let recipient_list: Vec<RecipientRow> = recipients
        .iter()
        .filter(|(_, r)| r.purposes.contains(&purpose.name))
        .map(|(id, r)| recipient_row(app, *id, r))
        .collect();
    let profiling = match &purpose.profiling {
        Some(profiling) => name_text(app, "purposes-profiling-", profiling.kind.as_str()),
        None => app.text("purposes-not-answered", &[]),
    };
    Ok(PurposeRow {
        basis: name_text(app, "purposes-basis-", purpose.basis.as_str()),
        retention: retention_text(app, &purpose.retention),
        recipients: recipients_text(app, &purpose, &recipient_list),
        recipient_list,
        profiling,
        fields,
        legacy: purpose
            .legacy_recipients
            .iter()
            .chain(&purpose.legacy_transfers)
            .cloned()
            .collect(),
        categories: purpose.categories.iter().map(|c| c.text.clone()).collect(),
        name: purpose.name,
        description: purpose.description,
        description_en: purpose.description_en,
        law: purpose.law,
        interest: purpose.interest,
        retention_note: purpose.retention.note,
    })
}

fn field_row(app: &App, stored: StoredField) -> FieldRow {
    let field = stored.field;
    FieldRow {
        label: field.label.clone().unwrap_or_default(),
        field_type: name_text(app, "fields-type-", field.field_type.as_str()),
        required: field.required,
        purposes: field.purposes.join(", "),
        special: field
            .special
            .map(|s| name_text(app, "fields-special-", s.as_str())),
        name: field.name,
    }
}

/// The purposes in their declared order, then the fields, each with a link to edit it.
/// `problem` is a refused move.
fn list(app: &App, saved: bool, problem: Option<String>) -> Response {
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let conn = open.vault.conn();
    let loaded = (|| -> Result<_, Error> {
        let recipients = schema::recipients_with_ids(conn)?;
        let mut purposes = Vec::new();
        for stored in schema::purposes(conn)? {
            purposes.push(purpose_row(app, conn, stored, &recipients)?);
        }
        let fields: Vec<FieldRow> = schema::fields(conn)?
            .into_iter()
            .map(|f| field_row(app, f))
            .collect();
        Ok((purposes, fields))
    })();
    let (purposes, fields) = match loaded {
        Ok(loaded) => loaded,
        Err(error) => return failure(app, &error, "/"),
    };
    let flash = saved.then(|| app.text("purposes-saved", &[]));
    let refused = problem.is_some();
    let mut response = app.page(
        "purposes.html",
        context! { nav => "purposes", purposes, fields, flash, problem },
    );
    if refused {
        response.status = 422;
    }
    response
}
