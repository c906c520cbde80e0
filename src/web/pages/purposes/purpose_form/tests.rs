//! The categories kept outside the vault and the old free-text recipients, in the purpose
//! form.

use scraper::{Html, Selector};

use crate::schema::{self, model::OutsideCategory};
use crate::web::testing::{TestApp, body, location};

/// What the form `form_id` on `html` sends as it stands: every named input, select and
/// textarea, a checkbox only when ticked.
fn sent(html: &str, form_id: &str) -> Vec<(String, String)> {
    let document = Html::parse_document(html);
    let selector = format!(
        "form#{form_id} input[name], form#{form_id} select[name], form#{form_id} textarea[name]"
    );
    let mut values = Vec::new();
    for element in document.select(&Selector::parse(&selector).unwrap()) {
        let e = element.value();
        let name = e.attr("name").unwrap().to_owned();
        let value = match (e.name(), e.attr("type")) {
            (_, Some("hidden")) => continue,
            ("input", Some("checkbox")) if e.attr("checked").is_none() => continue,
            ("input", _) => e.attr("value").unwrap_or_default().to_owned(),
            ("textarea", _) => element.text().collect(),
            _ => element
                .select(&Selector::parse("option[selected]").unwrap())
                .next()
                .and_then(|o| o.value().attr("value"))
                .unwrap_or_default()
                .to_owned(),
        };
        values.push((name, value));
    }
    values
}

/// The edit form of `purpose` as sent, with `changes` made.
fn edited(test: &mut TestApp, purpose: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let page = test.get(&format!("/purposes/{purpose}"));
    assert_eq!(page.status, 200);
    let mut values = sent(body(&page), "purpose-form");
    for (name, value) in changes {
        match values.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = (*value).to_owned(),
            None => values.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    values
}

fn post(test: &mut TestApp, path: &str, values: &[(String, String)]) -> crate::web::http::Response {
    let pairs: Vec<(&str, &str)> = values
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    test.post(path, &pairs)
}

fn categories(test: &TestApp, purpose: &str) -> Vec<OutsideCategory> {
    schema::purpose_by_name(test.conn(), purpose)
        .unwrap()
        .purpose
        .categories
}

fn category(text: &str, text_en: Option<&str>) -> OutsideCategory {
    OutsideCategory {
        text: text.into(),
        text_en: text_en.map(Into::into),
    }
}

#[test]
fn categories_are_added_changed_and_removed_in_the_purpose_form() {
    let mut test = TestApp::bakery();
    let form = edited(
        &mut test,
        "customer-admin",
        &[
            ("category-0", "Camerabeelden van de winkel"),
            ("category-1", "Websitelogs"),
            ("category_en-1", "Website logs"),
        ],
    );
    let saved = post(&mut test, "/purposes/customer-admin", &form);
    assert_eq!(
        location(&saved),
        Some("/purposes?saved=1"),
        "{}",
        body(&saved)
    );
    assert_eq!(
        categories(&test, "customer-admin"),
        [
            category("Camerabeelden van de winkel", None),
            category("Websitelogs", Some("Website logs")),
        ]
    );
    let list = body(&test.get("/purposes")).to_owned();
    assert!(list.contains("id=\"outside-customer-admin\""), "{list}");

    // The stored rows come back with two empty ones; changing one and emptying the other.
    let form = edited(
        &mut test,
        "customer-admin",
        &[
            ("category_en-0", "Camera images of the shop"),
            ("category-1", ""),
            ("category_en-1", ""),
            ("category-3", "Klantenkaarten"),
        ],
    );
    assert!(form.iter().any(|(n, _)| n == "category_en-3"), "{form:?}");
    let saved = post(&mut test, "/purposes/customer-admin", &form);
    assert_eq!(
        location(&saved),
        Some("/purposes?saved=1"),
        "{}",
        body(&saved)
    );
    assert_eq!(
        categories(&test, "customer-admin"),
        [
            category(
                "Camerabeelden van de winkel",
                Some("Camera images of the shop")
            ),
            category("Klantenkaarten", None),
        ]
    );

    let names: Vec<String> = (0..4)
        .flat_map(|row| [format!("category-{row}"), format!("category_en-{row}")])
        .collect();
    let emptied: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "")).collect();
    let form = edited(&mut test, "customer-admin", &emptied);
    let saved = post(&mut test, "/purposes/customer-admin", &form);
    assert_eq!(
        location(&saved),
        Some("/purposes?saved=1"),
        "{}",
        body(&saved)
    );
    assert!(categories(&test, "customer-admin").is_empty());
}

#[test]
fn an_english_category_without_its_dutch_text_is_refused_at_its_row() {
    let mut test = TestApp::bakery();
    let before = std::fs::read(&test.app.config.vault).unwrap();
    let form = edited(
        &mut test,
        "newsletter",
        &[("category-0", "Camerabeelden"), ("category_en-1", "Logs")],
    );
    let refused = post(&mut test, "/purposes/newsletter", &form);
    assert_eq!(refused.status, 422);
    let html = body(&refused);
    assert!(html.contains(r#"id="e-category-1""#), "{html}");
    assert!(html.contains("Vul ook de Nederlandse tekst in"), "{html}");
    assert!(html.contains(r#"value="Logs""#), "what was typed stays");
    assert_eq!(std::fs::read(&test.app.config.vault).unwrap(), before);
    assert!(categories(&test, "newsletter").is_empty());
}

#[test]
fn a_new_purpose_takes_its_categories_from_the_form() {
    let mut test = TestApp::bakery();
    let page = test.get("/purposes/new");
    let html = body(&page);
    assert!(html.contains(r#"name="category-1""#), "{html}");
    let added = test.post(
        "/purposes/new",
        &[
            ("name", "camera"),
            ("basis", "legitimate-interests"),
            ("description", "Diefstal voorkomen"),
            ("interest", "Veiligheid in de winkel"),
            ("retention", "28d"),
            ("retention_from", "created"),
            ("profiling", "none"),
            ("category-0", "Camerabeelden"),
            ("category_en-0", "Camera images"),
            ("category-1", ""),
            ("category_en-1", ""),
        ],
    );
    assert_eq!(
        location(&added),
        Some("/purposes?saved=1"),
        "{}",
        body(&added)
    );
    assert_eq!(
        categories(&test, "camera"),
        [category("Camerabeelden", Some("Camera images"))]
    );
}

#[test]
fn old_free_text_recipients_are_shown_linked_from_the_statement_and_forgotten_on_request() {
    let mut test = TestApp::bakery();
    schema::testing::add_legacy_recipients(test.conn(), "newsletter", "partners", "VS: geen");
    let statement = body(&test.get("/statement")).to_owned();
    assert!(
        statement.contains("href=\"/purposes/newsletter/edit#i-legacy-0\""),
        "{statement}"
    );
    let list = body(&test.get("/purposes")).to_owned();
    assert!(list.contains("id=\"legacy-newsletter\""), "{list}");
    assert!(list.contains("VS: geen"), "{list}");

    let page = test.get("/purposes/newsletter");
    let html = body(&page).to_owned();
    let document = Html::parse_document(&html);
    let shown: Vec<&str> = document
        .select(&Selector::parse("#i-legacy-0, #i-legacy-1").unwrap())
        .filter_map(|e| e.value().attr("value"))
        .collect();
    assert_eq!(shown, ["partners", "VS: geen"]);
    let restate: Vec<&str> = document
        .select(&Selector::parse("a#link-drop_legacy_recipients").unwrap())
        .filter_map(|e| e.value().attr("href"))
        .collect();
    assert_eq!(restate, ["/recipients/new?purpose=newsletter"]);

    // Saving without the switch keeps them.
    let form = edited(&mut test, "newsletter", &[]);
    post(&mut test, "/purposes/newsletter", &form);
    let kept = schema::purpose_by_name(test.conn(), "newsletter")
        .unwrap()
        .purpose;
    assert_eq!(kept.legacy_recipients, ["partners"]);

    let form = edited(&mut test, "newsletter", &[("drop_legacy_recipients", "on")]);
    let saved = post(&mut test, "/purposes/newsletter", &form);
    assert_eq!(
        location(&saved),
        Some("/purposes?saved=1"),
        "{}",
        body(&saved)
    );
    let purpose = schema::purpose_by_name(test.conn(), "newsletter")
        .unwrap()
        .purpose;
    assert!(purpose.legacy_recipients.is_empty() && purpose.legacy_transfers.is_empty());
    let statement = body(&test.get("/statement")).to_owned();
    assert!(!statement.contains("#i-legacy-0"), "{statement}");
}
