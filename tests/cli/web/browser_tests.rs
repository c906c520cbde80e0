//! `kluis open` in a real browser: headless Chromium over WebDriver, with a screenshot of every
//! page under target/web-screenshots/ for review. Skipped with a note when chromedriver is
//! missing, unless KLUIS_REQUIRE_BROWSER=1.

use serde_json::Value;

use super::server::OpenServer;
use super::webdriver::{Browser, browser_or_skip};
use super::{
    ANNA, FormField, IMPORTED, PROFILE, assert_only_vault_files, consent_purposes, csv_for,
    record_form_fields, record_ids, shop, value_for,
};
use crate::support::{PASSPHRASE, TestVault};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| panic!("not JSON: {text}"))
}

fn type_into(browser: &Browser, css: &str, text: &str) {
    let input = browser.find(css);
    browser.clear(&input);
    browser.send_keys(&input, text);
}

/// One owner's first hour: create, set up, add and find a customer, consent, import, publish,
/// lock. Afterwards the CLI sees all of it and only the vault's files exist.
#[test]
fn web_browser_journey_from_create_to_lock() {
    let Some(browser) = browser_or_skip("web_browser_journey_from_create_to_lock") else {
        return;
    };
    let test = TestVault::empty();
    let mut server = OpenServer::start(&test, &[]);
    browser.goto(&server.token_url);
    browser.wait_for_path("/create");
    assert!(
        !browser.current_url().contains("token="),
        "the token left the address bar"
    );

    create_in_the_page(&browser);
    set_up_with_the_webshop_starter(&browser);
    let fields = add_anna(&browser, &server);
    let id = search_anna(&browser, &server);
    let purpose = toggle_consent(&browser, &server, &id);
    import_csv(&browser, &server, &fields);
    publish(&browser, &server);
    other_pages(&browser, &server);

    browser.click(&browser.find("#lock"));
    browser.find("form#unlock");
    browser.screenshot("journey-23-locked");
    assert!(
        server.stop_with_ctrl_c().success(),
        "{}",
        server.stderr_text()
    );

    assert_only_vault_files(&test);
    assert_eq!(
        json(&test.ok(&["list", "--json"]))
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let shown = test.ok(&["show", &id]);
    assert!(
        shown.contains(&format!("consent for {purpose}: given")),
        "{shown}"
    );
    let diff = json(&test.ok(&["statement", "diff", "--json"]));
    assert_eq!(diff["published"]["id"], 1, "{diff}");
}

fn create_in_the_page(browser: &Browser) {
    browser.screenshot("journey-01-create");
    type_into(browser, r#"#create input[name="passphrase"]"#, PASSPHRASE);
    type_into(browser, r#"#create input[name="passphrase2"]"#, PASSPHRASE);
    browser.submit("#create");
    let key = browser.text(&browser.find("pre#recovery-key"));
    assert!(key.contains("AGE-SECRET-KEY-"), "{key}");
    browser.screenshot("journey-02-recovery-key");
    browser.click(&browser.find(r#"#confirm-key input[name="stored"]"#));
    browser.submit("#confirm-key");
    browser.wait_for_path("/setup");
}

fn set_up_with_the_webshop_starter(browser: &Browser) {
    browser.screenshot("journey-03-setup-starter");
    browser.click(&browser.find(r#"#starter input[name="starter"][value="webshop"]"#));
    browser.submit("#starter");
    browser.find("form#profile");
    browser.screenshot("journey-04-setup-profile");
    for (name, value) in PROFILE {
        let css = format!(r#"#profile [name="{name}"]"#);
        if browser.exists(&css) {
            type_into(browser, &css, value);
        }
    }
    browser.submit("#profile");
    browser.find("#setup-done");
    browser.screenshot("journey-05-setup-review");
    browser.click(&browser.find("#setup-done"));
    browser.wait_for_path("/customers");
    browser.find("table#records");
    browser.screenshot("journey-06-customers-empty");
}

/// Fills every typed field of the record form for Anna; returns those fields.
fn add_anna(browser: &Browser, server: &OpenServer) -> Vec<FormField> {
    browser.goto(&format!("{}/customers", server.base));
    browser.click(&browser.find("#add-record"));
    browser.wait_for_path("/customers/new");
    let fields = record_form_fields(&browser.page_source());
    assert!(!fields.is_empty(), "{}", browser.page_source());
    for field in &fields {
        let input = browser.find(&format!(r#"#record-form [name="{}"]"#, field.name));
        let value = value_for(field, &ANNA);
        if field.kind == "date" {
            browser.set_value(&input, &value);
        } else {
            browser.clear(&input);
            browser.send_keys(&input, &value);
        }
    }
    browser.screenshot("journey-07-record-new");
    browser.click(&browser.find("#save"));
    browser.wait_to_leave("/customers/new");
    browser.screenshot("journey-08-record-saved");
    fields
}

/// Finds Anna with the search box; returns her record id.
fn search_anna(browser: &Browser, server: &OpenServer) -> String {
    browser.goto(&format!("{}/customers", server.base));
    type_into(browser, r#"#search input[name="q"]"#, "devries");
    browser.submit("#search");
    let table = browser.text(&browser.find("table#records"));
    assert!(table.contains(ANNA.name), "{table}");
    assert!(
        !browser.current_url().contains("devries"),
        "the search is not in the URL"
    );
    browser.screenshot("journey-09-search");
    let ids = record_ids(&browser.page_source());
    assert_eq!(ids.len(), 1, "{ids:?}");
    ids[0].clone()
}

/// Switches the first consent on Anna's page; returns its purpose.
fn toggle_consent(browser: &Browser, server: &OpenServer, id: &str) -> String {
    browser.goto(&format!("{}/customers/{id}", server.base));
    browser.find("form#record-form");
    browser.screenshot("journey-10-record");
    let purposes = consent_purposes(&browser.page_source());
    let purpose = purposes.first().expect("a consent switch").clone();
    browser.submit(&format!("#consent-{purpose}"));
    browser.find(&format!("#consent-{purpose}"));
    browser.screenshot("journey-11-consent-given");
    purpose
}

/// Uploads a CSV written outside the vault's folder, maps each column to its field, imports.
fn import_csv(browser: &Browser, server: &OpenServer, fields: &[FormField]) {
    let elsewhere = tempfile::tempdir().expect("temp folder");
    let csv = elsewhere.path().join("klanten.csv");
    std::fs::write(&csv, csv_for(fields, &IMPORTED)).unwrap();
    browser.goto(&format!("{}/import", server.base));
    browser.screenshot("journey-12-import-upload");
    browser.upload(&browser.find(r#"#upload input[type="file"]"#), &csv);
    browser.submit("#upload");
    let selects = browser.find_all(r#"#mapping select[name^="map-"]"#);
    assert_eq!(selects.len(), fields.len(), "{}", browser.page_source());
    for (select, field) in selects.iter().zip(fields) {
        browser.select(select, &field.name);
    }
    browser.screenshot("journey-13-import-mapping");
    browser.click(&browser.find("#dry-run"));
    browser.find("form#run-import");
    browser.screenshot("journey-14-import-summary");
    browser.submit("#run-import");
    browser.find("#import-done");
    browser.screenshot("journey-15-import-done");
}

fn publish(browser: &Browser, server: &OpenServer) {
    browser.goto(&format!("{}/statement", server.base));
    browser.screenshot("journey-16-statement");
    browser.submit("#publish");
    browser.find("#download");
    browser.screenshot("journey-17-statement-published");
    browser.goto(&format!("{}/statement?lang=en", server.base));
    browser.find("#download");
    browser.screenshot("journey-18-statement-en");
}

/// The remaining pages, the language switch and the phone-width layout.
fn other_pages(browser: &Browser, server: &OpenServer) {
    browser.goto(&format!("{}/check", server.base));
    browser.find("#lock");
    browser.screenshot("journey-19-check");
    browser.goto(&format!("{}/log", server.base));
    browser.find("#lock");
    browser.screenshot("journey-20-log");
    browser.goto(&format!("{}/customers", server.base));
    browser.click(&browser.find(r#"#lang button[value="en"]"#));
    browser.find("table#records");
    browser.screenshot("journey-21-customers-en");
    browser.click(&browser.find(r#"#lang button[value="nl"]"#));
    browser.find("table#records");
    browser.set_window_size(390, 844);
    browser.screenshot("journey-22-customers-phone");
    browser.set_window_size(1280, 800);
}

#[test]
fn web_browser_unlocks_a_vault_made_with_the_cli() {
    let Some(browser) = browser_or_skip("web_browser_unlocks_a_vault_made_with_the_cli") else {
        return;
    };
    let test = shop();
    test.ok(&["add", "name=Anna Devries", "email=anna.devries@example.nl"]);
    let server = OpenServer::start(&test, &[]);
    browser.goto(&server.token_url);
    browser.wait_for_path("/unlock");
    browser.screenshot("unlock-01-form");

    type_into(
        &browser,
        r#"#unlock input[name="passphrase"]"#,
        "wrong horse",
    );
    browser.submit("#unlock");
    browser.find("form#unlock");
    assert!(!browser.exists("table#records"));
    browser.screenshot("unlock-02-refused");

    type_into(&browser, r#"#unlock input[name="passphrase"]"#, PASSPHRASE);
    browser.submit("#unlock");
    browser.wait_for_path("/customers");
    let table = browser.text(&browser.find("table#records"));
    assert!(table.contains("Anna Devries"), "{table}");
    browser.find("#lock");
    browser.screenshot("unlock-03-customers");
}
