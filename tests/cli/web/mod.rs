//! `kluis open`: the HTTP-level tests (raw requests, every header under the test's control)
//! and the real-browser tests (headless Chromium over WebDriver), plus their harness.

#![allow(dead_code)]

mod browser_tests;
pub mod http;
mod http_tests;
pub mod server;
pub mod webdriver;

use scraper::Html;

use crate::support::TestVault;
use http::selector;

/// The security headers every answer carries; a CSP may add directives but must keep these.
pub fn assert_security_headers(response: &http::Response, context: &str) {
    let csp = response
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{context}: no CSP: {}", response.describe()));
    let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
    assert!(
        directives.contains(&"default-src 'self'"),
        "{context}: {csp}"
    );
    assert!(
        directives.contains(&"frame-ancestors 'none'"),
        "{context}: {csp}"
    );
    assert!(!csp.contains("'unsafe-"), "{context}: {csp}");
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "same-origin"),
        ("cache-control", "no-store"),
    ] {
        assert_eq!(
            response.header(name),
            Some(value),
            "{context}: {}",
            response.describe()
        );
    }
}

/// The business's answers to the profile questions (web and CLI alike).
pub const PROFILE: [(&str, &str); 6] = [
    ("name", "Webwinkel De Test"),
    ("email", "privacy@webwinkel.example"),
    ("address", "Dorpsstraat 1, 1234 AB Ergens"),
    ("kvk", "12345678"),
    ("phone", "+31201234567"),
    ("website", "https://webwinkel.example"),
];

/// A CLI-made vault with a profile, one purpose with `name` and `email`, and no records.
pub fn shop() -> TestVault {
    let test = TestVault::new();
    set_profile(&test);
    test.add_purpose_with_text_fields("orders", &["name", "email"]);
    test
}

/// Declares `PROFILE` with `kluis profile set`, so `kluis open` skips its setup page.
pub fn set_profile(test: &TestVault) {
    let mut args = vec!["profile".to_owned(), "set".to_owned()];
    for (name, value) in PROFILE {
        args.extend([format!("--{name}"), value.to_owned()]);
    }
    test.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
}

/// Made-up people whose values fill whatever fields a record form asks for.
pub struct Person {
    pub name: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
}

/// The one the tests add by hand and then search for ("devries" is in her name and e-mail).
pub const ANNA: Person = Person {
    name: "Anna Devries",
    email: "anna.devries@example.nl",
    phone: "+31612345678",
};

/// The people in the uploaded CSV.
pub const IMPORTED: [Person; 2] = [
    Person {
        name: "Bram Jansen",
        email: "bram.jansen@example.nl",
        phone: "+31687654321",
    },
    Person {
        name: "Carla Smit",
        email: "carla.smit@example.nl",
        phone: "+31611223344",
    },
];

/// A value input of the record form: its name and its input type.
#[derive(Debug, Clone)]
pub struct FormField {
    pub name: String,
    pub kind: String,
}

/// The value inputs of `form#record-form` that take typed text (not the csrf, buttons, boxes).
pub fn record_form_fields(html: &str) -> Vec<FormField> {
    let document = Html::parse_document(html);
    let css = r#"form#record-form input[name], form#record-form textarea[name]"#;
    document
        .select(&selector(css))
        .filter_map(|input| {
            let name = input.value().attr("name")?.to_owned();
            let kind = match input.value().name() {
                "textarea" => "text".to_owned(),
                _ => input.value().attr("type").unwrap_or("text").to_owned(),
            };
            let typed = matches!(
                kind.as_str(),
                "text" | "email" | "tel" | "date" | "number" | "search" | "url"
            );
            (typed && name != "csrf").then_some(FormField { name, kind })
        })
        .collect()
}

/// A plausible value for a field, from its input type and name.
pub fn value_for(field: &FormField, person: &Person) -> String {
    let name = field.name.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|word| name.contains(word));
    match field.kind.as_str() {
        "email" => return person.email.to_owned(),
        "tel" => return person.phone.to_owned(),
        "date" => return "1990-05-17".to_owned(),
        "number" => return "3".to_owned(),
        "url" => return "https://example.nl".to_owned(),
        _ => {}
    }
    let value = if has(&["mail"]) {
        person.email
    } else if has(&["phone", "telefoon", "mobiel"]) {
        person.phone
    } else if has(&["postcode", "zip"]) {
        "1234 AB"
    } else if has(&["date", "datum", "birth", "geboorte"]) {
        "1990-05-17"
    } else if has(&["city", "plaats", "woonplaats"]) {
        "Utrecht"
    } else if has(&["address", "adres", "street", "straat"]) {
        "Dorpsstraat 1"
    } else if has(&["country", "land"]) {
        "Nederland"
    } else {
        person.name
    };
    value.to_owned()
}

/// A CSV with one column per field (headed by its name) and one row per person.
pub fn csv_for(fields: &[FormField], people: &[Person]) -> String {
    let header: Vec<&str> = fields.iter().map(|field| field.name.as_str()).collect();
    let mut csv = header.join(",") + "\n";
    for person in people {
        let row: Vec<String> = fields.iter().map(|f| value_for(f, person)).collect();
        csv.push_str(&row.join(","));
        csv.push('\n');
    }
    csv
}

/// The record ids linked from `table#records` (links to `/customers/ID`).
pub fn record_ids(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    document
        .select(&selector("table#records a[href]"))
        .filter_map(|link| {
            let href = http::path_of(link.value().attr("href")?);
            let id = href.strip_prefix("/customers/")?;
            (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then(|| id.to_owned())
        })
        .collect()
}

/// The purposes of the consent switches on a record page (`form#consent-PURPOSE`).
pub fn consent_purposes(html: &str) -> Vec<String> {
    let document = Html::parse_document(html);
    document
        .select(&selector(r#"form[id^="consent-"]"#))
        .filter_map(|form| form.value().attr("id")?.strip_prefix("consent-"))
        .map(str::to_owned)
        .collect()
}

/// Files the vault's own code may leave in the vault folder (src/vault/file.rs `siblings`):
/// the vault, its one backup and the writer lock. Temp files must be gone.
pub fn assert_only_vault_files(test: &TestVault) {
    let allowed: Vec<std::path::PathBuf> = ["shop.kluis", "shop.kluis.bak", "shop.kluis.lock"]
        .iter()
        .map(|name| test.vault.with_file_name(name))
        .collect();
    let files = test.all_files();
    for file in &files {
        assert!(allowed.contains(file), "unexpected file {}", file.display());
    }
    assert!(
        files.contains(&test.vault),
        "the vault is missing: {files:?}"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORM: &str = r#"<form id="record-form" method="post">
        <input type="hidden" name="csrf" value="t">
        <input name="name"><input type="email" name="email"><input type="tel" name="phone">
        <input type="date" name="birthdate"><input name="postcode"><textarea name="notes"></textarea>
        <input type="checkbox" name="active"><button id="save">Opslaan</button></form>
        <table id="records"><tr><td><a href="/customers/12">Anna</a></td>
        <td><a href="/customers/new">nieuw</a></td></tr></table>
        <form id="consent-newsletter" method="post"><button>Aan</button></form>"#;

    #[test]
    fn web_helpers_read_record_forms_and_fill_them_with_plausible_values() {
        let fields = record_form_fields(FORM);
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            ["name", "email", "phone", "birthdate", "postcode", "notes"]
        );
        let values: Vec<String> = fields.iter().map(|f| value_for(f, &ANNA)).collect();
        assert_eq!(
            values,
            [
                "Anna Devries",
                "anna.devries@example.nl",
                "+31612345678",
                "1990-05-17",
                "1234 AB",
                "Anna Devries"
            ]
        );
        let csv = csv_for(&fields[..2], &IMPORTED);
        assert_eq!(
            csv,
            "name,email\nBram Jansen,bram.jansen@example.nl\nCarla Smit,carla.smit@example.nl\n"
        );
        assert_eq!(record_ids(FORM), ["12"]);
        assert_eq!(consent_purposes(FORM), ["newsletter"]);
    }
}
