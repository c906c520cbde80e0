//! Refusals in the page's words, at the input they are about. The library's errors carry the
//! data (which purpose, which flag, which rule); the words here are the web's own, as the
//! CLI has its own hints.

use super::super::super::app::App;
use super::super::super::http::Response;
use super::super::Outcome;
use std::str::FromStr;

use super::inputs::{Input, Typed};
use crate::Error;
use crate::schema::transfer::Broken;
use crate::schema::{self, model::FieldType};

/// Why a form was not saved: the library refused it, or a select sent a name the model does
/// not know (only a hand-made request does that), or the save failed and this page says so.
pub enum Why {
    Refused(Error),
    UnknownChoice { input: &'static str },
    Page(Response),
}

impl From<Outcome> for Why {
    fn from(outcome: Outcome) -> Why {
        match outcome {
            Outcome::Refused(error) => Why::Refused(error),
            Outcome::Page(page) => Why::Page(page),
        }
    }
}

impl From<Error> for Why {
    fn from(error: Error) -> Why {
        Why::Refused(error)
    }
}

impl From<schema::Error> for Why {
    fn from(error: schema::Error) -> Why {
        Why::Refused(error.into())
    }
}

/// A message and the inputs it may belong to, the first one the form has.
#[derive(Debug)]
pub struct Problem {
    at: Vec<String>,
    pub text: String,
}

impl Problem {
    /// Puts the message at its input; returns it when the form has none of its inputs, to be
    /// shown above the form.
    pub fn attach(self, inputs: &mut [Input]) -> Option<String> {
        let input = self
            .at
            .iter()
            .find_map(|at| inputs.iter().position(|input| &input.name == at));
        match input {
            Some(index) => {
                inputs[index].error = Some(self.text);
                None
            }
            None => Some(self.text),
        }
    }
}

/// The input a CLI flag of the library's messages fills in: `--law-en` is `law_en`.
fn input_of(flag: &str) -> String {
    flag.trim_start_matches("--").replace('-', "_")
}

pub fn explain(app: &App, why: &Why) -> Problem {
    let error = match why {
        Why::UnknownChoice { input } => {
            return Problem {
                at: vec![(*input).to_owned()],
                text: app.text("purposes-error-choice", &[]),
            };
        }
        Why::Refused(error) => error,
        Why::Page(_) => {
            return Problem {
                at: Vec::new(),
                text: app.text("error-title", &[]),
            };
        }
    };
    let Error::Schema(error) = error else {
        return Problem {
            at: Vec::new(),
            text: super::super::technical(app, error),
        };
    };
    match words(error) {
        Some((at, key, args)) => Problem {
            at,
            text: app.text(key, &args),
        },
        None => Problem {
            at: Vec::new(),
            text: super::super::technical(app, error),
        },
    }
}

type Words = (Vec<String>, &'static str, Vec<(&'static str, String)>);

/// The inputs, message key and arguments for a schema refusal; `None` shows the library's
/// own message.
fn words(error: &schema::Error) -> Option<Words> {
    use schema::Error as E;
    let at = |inputs: &[&str]| inputs.iter().map(|i| (*i).to_owned()).collect::<Vec<_>>();
    let words: Words = match error {
        E::InvalidName { .. } => (at(&["name"]), "purposes-error-name", vec![]),
        E::PurposeExists { purpose } => (
            at(&["name"]),
            "purposes-error-exists",
            vec![("name", purpose.clone())],
        ),
        E::DescriptionMissing { .. } => {
            (at(&["description"]), "purposes-error-description", vec![])
        }
        E::InterestMissing { .. } => (at(&["interest"]), "purposes-error-interest", vec![]),
        E::InterestNotApplicable { flag, .. } => (
            vec![input_of(flag)],
            "purposes-error-interest-not-applicable",
            vec![],
        ),
        E::LawMissing { .. } => (at(&["law"]), "purposes-error-law", vec![]),
        E::Retention { .. } => (at(&["retention"]), "purposes-error-retention", vec![]),
        E::RetentionEvent { .. } => (
            at(&["retention", "retention_from"]),
            "purposes-error-retention-event",
            vec![],
        ),
        E::EmptyText { flag, .. } => (vec![input_of(flag)], "purposes-error-empty", vec![]),
        E::CategoryWithoutText { row } => (
            vec![format!("category-{row}")],
            "outside-error-without-text",
            vec![],
        ),
        E::ProfilingTextWithoutAnswer { .. } => {
            (at(&["profiling"]), "purposes-error-profiling", vec![])
        }
        E::RecipientsAttached { recipients, .. } => (
            at(&["no_recipients"]),
            "purposes-error-recipients",
            vec![("recipients", recipients.join(", "))],
        ),
        E::PurposeInUse { fields, .. } => (
            Vec::new(),
            "purposes-error-in-use",
            vec![("fields", fields.join(", "))],
        ),
        E::FieldExists { field } => (
            at(&["name"]),
            "fields-error-exists",
            vec![("name", field.clone())],
        ),
        E::NoPurpose { .. } => (at(&["purpose"]), "fields-error-no-purpose", vec![]),
        E::UnknownPurpose { purpose, .. } => (
            at(&["purpose"]),
            "fields-error-unknown-purpose",
            vec![("purpose", purpose.clone())],
        ),
        E::Art9Missing { .. } | E::UnknownArt9 { .. } => {
            (at(&["art9"]), "fields-error-art9-missing", vec![])
        }
        E::Art9WithoutSpecial { .. } => (at(&["art9"]), "fields-error-art9-alone", vec![]),
        E::SpecialConflict { .. } => (at(&["art9"]), "fields-error-art9-alone", vec![]),
        E::BsnNotLawful { field, purpose, .. } => (
            at(&["law", "purpose"]),
            "fields-error-bsn-law",
            vec![("field", field.clone()), ("purpose", purpose.clone())],
        ),
        E::BsnNotTyped { .. } => (at(&["type"]), "fields-error-bsn-type", vec![]),
        E::RequiredOnConsent { .. } => (at(&["required"]), "fields-error-required-consent", vec![]),
        E::TypeNotEditable { .. } => (at(&["type"]), "fields-error-type-fixed", vec![]),
        E::ProfileIncomplete { .. } => (at(&["name"]), "profile-error-incomplete", vec![]),
        E::ProfileEmpty { flag } => (vec![input_of(flag)], "profile-error-empty", vec![]),
        E::ProfileValue { flag, source } => (
            vec![input_of(flag)],
            match source.field_type() {
                FieldType::Email => "profile-error-email",
                FieldType::Phone => "profile-error-phone",
                _ => "profile-error-text",
            },
            vec![],
        ),
        E::ProfileRule { flag, .. } => match *flag {
            "--kvk" => (at(&["kvk"]), "profile-error-kvk", vec![]),
            "--statement-url" => (at(&["statement_url"]), "profile-error-url", vec![]),
            _ => (at(&["dpo_name", "dpo_email"]), "profile-error-dpo", vec![]),
        },
        E::Recipient(error) => return recipient_words(error),
        E::Cookie(error) => return cookie_words(error),
        E::Control(control) => control_words(control),
        _ => return None,
    };
    Some(words)
}

/// The same for a refused recipient; not finding one is the library's own message.
fn recipient_words(error: &schema::RecipientError) -> Option<Words> {
    use schema::RecipientError as R;
    let at = |input: &str| vec![input.to_owned()];
    let country = |code: &str| vec![("country", code.to_owned())];
    let words: Words = match error {
        R::NameEmpty | R::NameInvalid { .. } => (at("name"), "recipients-error-name", vec![]),
        R::NoPurpose { .. } => (at("purpose"), "recipients-error-no-purpose", vec![]),
        R::UnknownCountry { .. } => (at("country"), "recipients-error-country", vec![]),
        R::SafeguardInsideEea { country: code, .. } => (
            at("safeguard"),
            "recipients-error-safeguard-inside",
            country(code),
        ),
        R::SafeguardMissing { country: code, .. } => (
            at("safeguard"),
            "recipients-error-safeguard-missing",
            country(code),
        ),
        R::NoAdequacy { country: code, .. } => (
            at("safeguard"),
            "recipients-error-no-adequacy",
            country(code),
        ),
        R::DpfOutsideUs { .. } => (at("safeguard"), "recipients-error-dpf", vec![]),
        R::SafeguardCopyMissing { .. } => (
            at("safeguard_copy"),
            "recipients-error-copy-missing",
            vec![],
        ),
        R::SafeguardCopyNotApplicable { flag, .. } => (
            vec![input_of(flag)],
            "recipients-error-copy-not-applicable",
            vec![],
        ),
        R::DerogationNoteMissing { .. } => (at("note"), "recipients-error-derogation-note", vec![]),
        R::NoteInsideEea { .. } => (at("note"), "recipients-error-note-inside", vec![]),
        R::EnglishWithoutDutch { flag, .. } => (
            vec![input_of(flag.trim_end_matches("-en"))],
            "recipients-error-english-without-dutch",
            vec![],
        ),
        R::EmptyText { flag, .. } => (vec![input_of(flag)], "purposes-error-empty", vec![]),
        R::Control(control) => control_words(control),
        R::Differs { what, .. } => (vec![input_of(what)], "recipients-error-differs", vec![]),
        R::NotFound { .. } | R::NotAPurpose { .. } => return None,
    };
    Some(words)
}

/// A text with a control character, at the input its flag names.
fn control_words(control: &crate::text::ControlCharacter) -> Words {
    (
        vec![input_of(control.flag)],
        "purposes-error-control",
        vec![],
    )
}

/// A name from one of a form's selects, read by the model's own parser.
pub fn choice<T: FromStr>(typed: &Typed, input: &'static str) -> Result<T, Why> {
    typed
        .get(input)
        .parse()
        .map_err(|_| Why::UnknownChoice { input })
}

/// A broken transfer rule of a cookie's provider, in the recipient form's words: the inputs
/// are named alike.
fn transfer_words(broken: Broken, code: &str) -> Words {
    let at = |input: &str| vec![input.to_owned()];
    let country = || vec![("country", code.to_owned())];
    match broken {
        Broken::SafeguardInsideEea(_) => (
            at("safeguard"),
            "recipients-error-safeguard-inside",
            country(),
        ),
        Broken::SafeguardMissing => (
            at("safeguard"),
            "recipients-error-safeguard-missing",
            country(),
        ),
        Broken::NoAdequacy => (at("safeguard"), "recipients-error-no-adequacy", country()),
        Broken::DpfOutsideUs => (at("safeguard"), "recipients-error-dpf", vec![]),
        Broken::CopyMissing(_) => (
            at("safeguard_copy"),
            "recipients-error-copy-missing",
            vec![],
        ),
        Broken::CopyNotApplicable => (
            at("safeguard_copy"),
            "recipients-error-copy-not-applicable",
            vec![],
        ),
    }
}

/// The same for a refused cookie; a damaged or missing one is the library's own message.
fn cookie_words(error: &schema::cookie::CookieError) -> Option<Words> {
    use schema::cookie::CookieError as C;
    let at = |input: &str| vec![input.to_owned()];
    let words: Words = match error {
        C::InvalidName { .. } => (at("name"), "cookie-error-name", vec![]),
        C::Exists { cookie } => (
            at("name"),
            "cookie-error-exists",
            vec![("name", cookie.clone())],
        ),
        C::EmptyText { flag, .. } => (vec![input_of(flag)], "cookie-error-empty", vec![]),
        C::Control(control) => control_words(control),
        C::Retention { .. } => (at("retention"), "cookie-error-retention", vec![]),
        C::UnknownCountry { .. } => (at("country"), "cookie-error-country", vec![]),
        C::NothingToEdit { .. } => (Vec::new(), "cookie-error-nothing", vec![]),
        C::SafeguardWithoutCountry { .. } => (at("country"), "cookie-error-no-country", vec![]),
        C::SafeguardOfFormerTransfer { .. } => {
            (at("safeguard"), "cookie-error-former-safeguard", vec![])
        }
        C::EnglishWithoutDutch { flag, .. } => (
            vec![input_of(flag.trim_end_matches("-en"))],
            "recipients-error-english-without-dutch",
            vec![],
        ),
        C::DerogationForCookie { .. } => (at("safeguard"), "cookie-error-derogation", vec![]),
        C::Transfer {
            broken, country, ..
        } => transfer_words(*broken, country),
        C::Database { .. } | C::Corrupt { .. } | C::NotFound { .. } => return None,
    };
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_names_its_input() {
        assert_eq!(input_of("--interest-en"), "interest_en");
        assert_eq!(input_of("--dpo-email"), "dpo_email");
    }

    #[test]
    fn a_refusal_goes_to_the_first_input_the_form_has() {
        let error = schema::Error::BsnNotLawful {
            field: "bsn".into(),
            purpose: "payroll".into(),
            basis: schema::model::LegalBasis::Contract,
            has_law: false,
        };
        let (at, key, _) = words(&error).expect("worded");
        assert_eq!(at, ["law", "purpose"]);
        assert_eq!(key, "fields-error-bsn-law");
    }
}
