//! First contact: the short texts that make the statement visible where data is collected
//! (Art. 13: "at the time when personal data are obtained"). An e-mail footer with the link,
//! and an HTML form with only one purpose's fields and the statement link.
//!
//! Pure functions of the [`Snapshot`]: no clock, no file. Every piece of user text is
//! HTML-escaped.

use crate::schema::model::{DataSource, Field, FieldType, LegalBasis, Purpose, Snapshot};

use super::Lang;
use super::render::escape_html;

/// Why a snippet cannot be made. Messages name purposes and fields, never a stored value.
#[derive(Debug, thiserror::Error)]
pub enum SnippetError {
    #[error("there is no statement URL to link to")]
    NoStatementUrl,
    #[error("there is no purpose `{purpose}`")]
    PurposeNotFound { purpose: String },
    #[error("field `{field}` has no {} label for the form", lang_name(*lang))]
    LabelMissing { field: String, lang: Lang },
    #[error("purpose `{purpose}` has no {} description for its consent box", lang_name(*lang))]
    DescriptionMissing { purpose: String, lang: Lang },
    #[error("purpose `{purpose}` has no fields the person fills in, and needs no consent")]
    NothingToAsk { purpose: String },
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "Dutch",
        Lang::En => "English",
    }
}

/// The footer's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FooterFormat {
    Html,
    Txt,
}

/// The fixed words of the snippets, Dutch and English.
struct Words {
    read: &'static str,
    required: &'static str,
    send: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Nl => Words {
            read: "Lees hoe we met uw gegevens omgaan:",
            required: "Velden met * zijn verplicht.",
            send: "Versturen",
        },
        Lang::En => Words {
            read: "Read how we handle your data:",
            required: "Fields marked * are required.",
            send: "Send",
        },
    }
}

fn statement_url(snapshot: &Snapshot) -> Result<&str, SnippetError> {
    snapshot
        .profile
        .as_ref()
        .and_then(|p| p.statement_url.as_deref())
        .map(str::trim)
        .filter(|url| !url.is_empty())
        .ok_or(SnippetError::NoStatementUrl)
}

fn link(url: &str) -> String {
    let url = escape_html(url);
    format!("<a href=\"{url}\">{url}</a>")
}

/// An e-mail footer line that links to the statement.
pub fn footer(
    snapshot: &Snapshot,
    lang: Lang,
    format: FooterFormat,
) -> Result<String, SnippetError> {
    let url = statement_url(snapshot)?;
    let read = words(lang).read;
    Ok(match format {
        FooterFormat::Txt => format!("{read} {url}\n"),
        FooterFormat::Html => format!("<p>{} {}</p>\n", escape_html(read), link(url)),
    })
}

fn non_empty(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// The field's label in the language; a form never falls back to the internal name.
fn label(field: &Field, lang: Lang) -> Result<&str, SnippetError> {
    let label = match lang {
        Lang::Nl => non_empty(&field.label),
        Lang::En => non_empty(&field.label_en),
    };
    label.ok_or_else(|| SnippetError::LabelMissing {
        field: field.name.clone(),
        lang,
    })
}

fn description(purpose: &Purpose, lang: Lang) -> Result<&str, SnippetError> {
    let text = match lang {
        Lang::Nl => Some(purpose.description.trim()).filter(|t| !t.is_empty()),
        Lang::En => non_empty(&purpose.description_en),
    };
    text.ok_or_else(|| SnippetError::DescriptionMissing {
        purpose: purpose.name.clone(),
        lang,
    })
}

/// The input type of a field, so browsers offer the right keyboard and checks. The website
/// snippet and `kluis open`'s customer form both use it.
pub fn input_type(field_type: FieldType) -> &'static str {
    match field_type {
        FieldType::Email => "email",
        FieldType::Phone => "tel",
        FieldType::Date => "date",
        FieldType::Number => "number",
        FieldType::Bool => "checkbox",
        FieldType::Text | FieldType::Postcode | FieldType::Bsn | FieldType::Country => "text",
    }
}

/// One form line per field.
fn field_line(field: &Field, label: &str, required: bool) -> String {
    let name = escape_html(&field.name);
    let label = escape_html(label);
    let kind = input_type(field.field_type);
    if kind == "checkbox" {
        return format!(
            "  <p><label><input type=\"checkbox\" name=\"{name}\" value=\"yes\"> {label}</label></p>\n"
        );
    }
    let (mark, attribute) = if required {
        (" *", " required")
    } else {
        ("", "")
    };
    format!(
        "  <p><label for=\"kluis-{name}\">{label}{mark}</label><br>\n  <input type=\"{kind}\" id=\"kluis-{name}\" name=\"{name}\"{attribute}></p>\n"
    )
}

/// An HTML form for one purpose: the fields the person fills in for it, with their labels
/// and required marks; one unticked checkbox per consent purpose among this purpose and
/// the purposes those fields also serve; and the statement link.
pub fn form(snapshot: &Snapshot, purpose: &str, lang: Lang) -> Result<String, SnippetError> {
    let url = statement_url(snapshot)?;
    let find = |name: &str| snapshot.purposes.iter().find(|p| p.name == name);
    let chosen = find(purpose).ok_or_else(|| SnippetError::PurposeNotFound {
        purpose: purpose.to_owned(),
    })?;
    let mut fields: Vec<&Field> = snapshot
        .fields
        .iter()
        .filter(|f| f.source == DataSource::Subject && f.purposes.iter().any(|p| p == purpose))
        .collect();
    fields.sort_by(|a, b| a.name.cmp(&b.name));
    // Consent is never a duty (Art. 7(4)): on a form for a consent purpose nothing is marked
    // required, even a field another purpose needs.
    let may_require = chosen.basis != LegalBasis::Consent;
    let mut consent: Vec<&Purpose> = Vec::new();
    for candidate in &snapshot.purposes {
        let offered = candidate.name == purpose
            || fields.iter().any(|f| f.purposes.contains(&candidate.name));
        if offered && candidate.basis == LegalBasis::Consent {
            consent.push(candidate);
        }
    }
    if fields.is_empty() && consent.is_empty() {
        return Err(SnippetError::NothingToAsk {
            purpose: purpose.to_owned(),
        });
    }
    let words = words(lang);
    let mut out = String::from("<form method=\"post\">\n");
    let mut any_required = false;
    for field in &fields {
        let required = may_require && field.required && field.field_type != FieldType::Bool;
        any_required |= required;
        out.push_str(&field_line(field, label(field, lang)?, required));
    }
    for purpose in consent {
        // Unticked: consent is an active choice (Art. 4(11), Planet49).
        out.push_str(&format!(
            "  <p><label><input type=\"checkbox\" name=\"consent-{}\" value=\"yes\"> {}</label></p>\n",
            escape_html(&purpose.name),
            escape_html(description(purpose, lang)?)
        ));
    }
    if any_required {
        out.push_str(&format!("  <p>{}</p>\n", escape_html(words.required)));
    }
    out.push_str(&format!(
        "  <p>{} {}</p>\n  <p><button type=\"submit\">{}</button></p>\n</form>\n",
        escape_html(words.read),
        link(url),
        escape_html(words.send)
    ));
    Ok(out)
}
