//! The controller profile: who the business is, as `kluis profile set` sets it.

use super::super::super::app::App;
use super::super::super::form::Form;
use super::super::super::http::Response;
use super::super::{failure, not_found};
use super::change;
use super::inputs::{FormPage, Inputs, Typed, render};
use super::problem::{Why, explain};
use crate::schema::model::Profile;
use crate::schema::{self, ProfileUpdate};

/// The details, in the order the form asks them; the first three are required.
const DETAILS: [&str; 9] = ProfileUpdate::DETAILS;
const REQUIRED: usize = 3;

fn stored_values(profile: Option<&Profile>) -> Typed {
    let mut typed = Typed::default();
    let Some(profile) = profile else {
        return typed;
    };
    typed.set("name", &profile.name);
    typed.set("email", &profile.email);
    typed.set("address", &profile.address);
    typed.set_text("kvk", &profile.kvk);
    typed.set_text("phone", &profile.phone);
    typed.set_text("website", &profile.website);
    typed.set_text("dpo_name", &profile.dpo_name);
    typed.set_text("dpo_email", &profile.dpo_email);
    typed.set_text("statement_url", &profile.statement_url);
    typed
}

/// The details that differ from the stored ones (an emptied one clears it, as `""` does on
/// the CLI). A first profile sends the required details even when empty, so the library
/// names the one that is missing.
fn update(stored: Option<&Typed>, typed: &Typed) -> ProfileUpdate {
    let mut update = ProfileUpdate::default();
    for (index, detail) in DETAILS.iter().enumerate() {
        let value = match stored {
            Some(stored) => typed.changed(stored, detail),
            None if index < REQUIRED => Some(typed.get(detail).to_owned()),
            None => typed.text(detail),
        };
        if let Some(slot) = update.detail_mut(detail) {
            *slot = value;
        }
    }
    update
}

fn stored_profile(app: &App) -> Result<Option<Profile>, Response> {
    let Some(open) = &app.open else {
        return Err(not_found(app));
    };
    schema::profile(open.vault.conn()).map_err(|error| failure(app, &error.into(), "/"))
}

fn form_page(app: &App, typed: &Typed, saved: bool, why: Option<&Why>) -> Response {
    let mut inputs = Inputs::new(app, typed);
    for (index, detail) in DETAILS.iter().enumerate() {
        inputs.text(detail, &format!("profile-{}", detail.replace('_', "-")));
        if index < REQUIRED {
            inputs.required();
        }
        match *detail {
            "email" | "dpo_email" => inputs.html_type("email"),
            "phone" => inputs.html_type("tel"),
            "website" | "statement_url" => inputs.html_type("url"),
            _ => &mut inputs,
        };
    }
    inputs.help("profile-statement-url-help");
    let page = FormPage {
        form_id: "profile-form",
        title: app.text("profile-title", &[]),
        action: "/profile".to_owned(),
        back: "/purposes",
        back_label: "purposes-title",
        remove: None,
        flash: saved.then(|| app.text("profile-saved", &[])),
        problem: why.map(|why| explain(app, why)),
    };
    render(app, page, inputs.list)
}

pub fn page(app: &App, saved: bool) -> Response {
    match stored_profile(app) {
        Ok(profile) => form_page(app, &stored_values(profile.as_ref()), saved, None),
        Err(page) => page,
    }
}

pub fn save(app: &mut App, form: &Form) -> Response {
    let stored = match stored_profile(app) {
        Ok(profile) => profile.map(|p| stored_values(Some(&p))),
        Err(page) => return page,
    };
    let typed = Typed::from_form(form, DETAILS.iter().copied());
    let update = update(stored.as_ref(), &typed);
    match change(app, false, |tx| schema::set_profile(tx, &update)) {
        Ok(_) => Response::redirect("/profile?saved=1"),
        Err(Why::Page(page)) => page,
        Err(why) => form_page(app, &typed, false, Some(&why)),
    }
}
