use scraper::{Html, Selector};

use crate::schema::cookie;
use crate::schema::model::CookieKind;
use crate::web::testing::{TestApp, body, location};

const GA: &[(&str, &str)] = &[
    ("name", "_ga"),
    ("provider", "Google"),
    ("kind", "analytics"),
    ("retention", "13m"),
    ("purpose_text", "Bezoek aan de website meten"),
    ("purpose_text_en", ""),
    ("country", "US"),
    ("consent_asked", "on"),
    ("safeguard", "dpf"),
];

fn vault_bytes(test: &TestApp) -> Vec<u8> {
    std::fs::read(&test.app.config.vault).unwrap()
}

fn attrs(html: &str, selector: &str, attr: &str) -> Vec<String> {
    Html::parse_document(html)
        .select(&Selector::parse(selector).unwrap())
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// The bakery with `_ga` declared through the form; its id.
fn with_ga(test: &mut TestApp) -> i64 {
    let added = test.post("/cookies/new", GA);
    assert_eq!(
        location(&added),
        Some("/cookies?saved=1"),
        "{}",
        body(&added)
    );
    let [(id, _)] = cookie::cookies_with_ids(test.conn())
        .unwrap()
        .try_into()
        .unwrap();
    id
}

/// `form` with `name` set to `value`.
fn with<'a>(form: &[(&'a str, &'a str)], name: &'a str, value: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut form: Vec<_> = form.iter().filter(|(n, _)| *n != name).copied().collect();
    form.push((name, value));
    form
}

#[test]
fn the_purposes_page_links_to_the_cookies_and_the_list_says_when_there_are_none() {
    let mut test = TestApp::bakery();
    let purposes = test.get("/purposes");
    assert_eq!(
        attrs(body(&purposes), "a#cookies-link", "href"),
        ["/cookies"]
    );
    let list = test.get("/cookies");
    assert_eq!(list.status, 200);
    let html = body(&list);
    assert!(html.contains("nog geen cookies"), "{html}");
    assert_eq!(attrs(html, "a#add-cookie", "href"), ["/cookies/new"]);
}

#[test]
fn a_cookie_added_in_the_form_is_stored_normalised_and_listed() {
    let mut test = TestApp::bakery();
    let before = vault_bytes(&test);
    let id = with_ga(&mut test);
    assert_ne!(vault_bytes(&test), before, "the change is saved");
    let stored = cookie::find_cookie(test.conn(), "_ga").unwrap().unwrap();
    assert_eq!(stored.kind, CookieKind::Analytics);
    assert_eq!(stored.retention, "13m");
    assert_eq!(stored.country.as_deref(), Some("US"));
    assert_eq!(stored.purpose_text_en, None);

    let html = body(&test.get("/cookies")).to_owned();
    assert!(
        html.contains("_ga") && html.contains("13 maanden"),
        "{html}"
    );
    assert!(html.contains("toestemming nodig"), "{html}");
    assert_eq!(
        attrs(&html, &format!("a#edit-cookie-{id}"), "href"),
        [format!("/cookies/{id}")]
    );
}

#[test]
fn a_session_cookie_is_ticked_and_a_bad_period_is_refused_at_its_input() {
    let mut test = TestApp::bakery();
    let mut session = with(GA, "retention", "");
    session.push(("session", "on"));
    let added = test.post("/cookies/new", &session);
    assert_eq!(location(&added), Some("/cookies?saved=1"));
    let stored = cookie::find_cookie(test.conn(), "_ga").unwrap().unwrap();
    assert_eq!(stored.retention, cookie::SESSION);

    let before = vault_bytes(&test);
    let second = test.post("/cookies/new", &with(GA, "name", "_gid"));
    assert_eq!(second.status, 303, "a second cookie is fine");
    let bad = with(&with(GA, "name", "fbp"), "retention", "altijd");
    let refused = test.post("/cookies/new", &bad);
    assert_eq!(refused.status, 422);
    let html = body(&refused);
    assert!(html.contains(r#"id="e-retention""#), "{html}");
    assert!(html.contains("13m, 1y of 30d"), "in Dutch: {html}");
    assert!(html.contains(r#"value="altijd""#), "what was typed stays");
    assert_ne!(vault_bytes(&test), before);
    assert!(cookie::find_cookie(test.conn(), "fbp").unwrap().is_none());
}

#[test]
fn refusals_are_form_errors_in_the_pages_language() {
    let mut test = TestApp::bakery();
    with_ga(&mut test);
    let again = test.post("/cookies/new", GA);
    assert_eq!(again.status, 422);
    assert!(body(&again).contains(r#"id="e-name""#), "{}", body(&again));
    test.post("/lang", &[("lang", "en")]);
    let spaced = test.post("/cookies/new", &with(GA, "name", "my cookie"));
    assert_eq!(spaced.status, 422);
    let html = body(&spaced);
    assert!(html.contains("without spaces"), "{html}");
    let blank = test.post(
        "/cookies/new",
        &with(&with(GA, "name", "x"), "provider", " "),
    );
    assert!(
        body(&blank).contains(r#"id="e-provider""#),
        "{}",
        body(&blank)
    );
    let country = test.post(
        "/cookies/new",
        &with(&with(GA, "name", "y"), "country", "UK"),
    );
    assert!(
        body(&country).contains(r#"id="e-country""#),
        "{}",
        body(&country)
    );
}

#[test]
fn the_edit_form_changes_only_what_differs_and_clears_an_emptied_country() {
    let mut test = TestApp::bakery();
    let id = with_ga(&mut test);
    let path = format!("/cookies/{id}");
    let form = test.get(&path);
    assert_eq!(form.status, 200);
    let html = body(&form);
    assert_eq!(attrs(html, "form#cookie-form", "action"), [path.as_str()]);
    assert_eq!(
        attrs(html, "select[name=country] option[selected]", "value"),
        ["US"]
    );
    let english = with(
        &with(GA, "purpose_text_en", "Measuring visits"),
        "country",
        "",
    );
    // Without a country there is no transfer: the safeguard must go too, and the form says
    // so at the country.
    let refused = test.post(&path, &english);
    assert_eq!(refused.status, 422);
    assert!(
        body(&refused).contains("Kies eerst het land"),
        "{}",
        body(&refused)
    );
    let english = with(&english, "safeguard", "");
    let saved = test.post(&path, &english);
    assert_eq!(
        location(&saved),
        Some("/cookies?saved=1"),
        "{}",
        body(&saved)
    );
    let stored = cookie::find_cookie(test.conn(), "_ga").unwrap().unwrap();
    assert_eq!(stored.purpose_text_en.as_deref(), Some("Measuring visits"));
    assert_eq!(stored.country, None);
    assert_eq!(stored.provider, "Google");

    let same = test.post(&path, &english);
    assert_eq!(same.status, 422);
    assert!(body(&same).contains("niets veranderd"), "{}", body(&same));
}

#[test]
fn removing_asks_first_then_forgets_the_cookie() {
    let mut test = TestApp::bakery();
    let id = with_ga(&mut test);
    let path = format!("/cookies/{id}/remove");
    let confirm = test.get(&path);
    assert_eq!(confirm.status, 200);
    assert_eq!(
        attrs(body(&confirm), "form#confirm-remove", "action"),
        [path.as_str()]
    );
    let removed = test.post(&path, &[]);
    assert_eq!(location(&removed), Some("/cookies?saved=1"));
    assert!(cookie::cookies(test.conn()).unwrap().is_empty());
    assert_eq!(test.post(&path, &[]).status, 404);
    assert_eq!(test.get("/cookies/x").status, 404);
}

/// Regression: the statement promised that the website asks consent before placing an
/// analytics cookie, though nobody had said so. Now the box on the cookie's form says it, and
/// until it is ticked the statement sends the owner there.
#[test]
fn the_statement_links_a_cookie_whose_consent_is_undeclared_to_its_form() {
    let mut test = TestApp::bakery();
    let id = with_ga(&mut test);
    let path = format!("/cookies/{id}");
    let form = test.get(&path);
    assert_eq!(
        attrs(body(&form), "input#i-consent_asked", "checked").len(),
        1,
        "{}",
        body(&form)
    );
    let unticked: Vec<_> = GA
        .iter()
        .filter(|(n, _)| *n != "consent_asked")
        .copied()
        .collect();
    assert_eq!(
        location(&test.post(&path, &unticked)),
        Some("/cookies?saved=1")
    );
    assert!(
        !cookie::find_cookie(test.conn(), "_ga")
            .unwrap()
            .unwrap()
            .consent_asked
    );
    let list = test.get("/cookies");
    assert!(
        body(&list).contains("consent-undeclared"),
        "{}",
        body(&list)
    );
    let link = format!("href=\"{path}\"");
    let html = body(&test.get("/statement")).to_owned();
    assert!(html.contains(&link), "{html}");
    assert!(html.contains("eerst toestemming vragen"), "{html}");
    test.post(&path, GA);
    let html = body(&test.get("/statement")).to_owned();
    assert!(!html.contains(&link), "fixed: {html}");
}

#[test]
fn the_english_statement_links_a_cookie_without_english_to_its_form() {
    let mut test = TestApp::bakery();
    let id = with_ga(&mut test);
    let english = test.get("/statement?lang=en");
    let html = body(&english);
    let link = format!("href=\"/cookies/{id}\"");
    assert!(html.contains(&link), "{html}");
    test.post(
        &format!("/cookies/{id}"),
        &with(GA, "purpose_text_en", "Measuring visits"),
    );
    let html = body(&test.get("/statement?lang=en")).to_owned();
    assert!(!html.contains(&link), "fixed: {html}");
}
