use crate::schema;
use crate::schema::model::{FieldType, LegalBasis, ProfilingKind, RetentionStart};
use crate::statement::Lang;
use crate::web::i18n::Catalog;
use crate::web::testing::{TestApp, body, location};

const CUSTOMER_ADMIN: &[(&str, &str)] = &[
    ("name", "customer-admin"),
    ("basis", "contract"),
    ("description", "Orders leveren en factureren"),
    ("description_en", "Delivering and invoicing orders"),
    ("retention", "2y"),
    ("retention_from", "last-change"),
    ("profiling", "none"),
    ("no_recipients", "on"),
];

const NEWSLETTER: &[(&str, &str)] = &[
    ("name", "newsletter"),
    ("basis", "consent"),
    ("description", "Nieuwsbrief sturen"),
    ("retention_from", "consent-withdrawn"),
    ("profiling", "none"),
];

fn with(
    base: &[(&'static str, &'static str)],
    changes: &[(&'static str, &'static str)],
) -> Vec<(&'static str, &'static str)> {
    let mut form: Vec<_> = base
        .iter()
        .filter(|(name, _)| !changes.iter().any(|(changed, _)| changed == name))
        .copied()
        .collect();
    form.extend_from_slice(changes);
    form
}

fn vault_bytes(test: &TestApp) -> Vec<u8> {
    std::fs::read(&test.app.config.vault).unwrap()
}

/// A vault with the purposes `customer-admin` (contract) and `newsletter` (consent).
fn with_purposes() -> TestApp {
    let mut test = TestApp::unlocked();
    for purpose in [CUSTOMER_ADMIN, NEWSLETTER] {
        let added = test.post("/purposes/new", purpose);
        assert_eq!(
            location(&added),
            Some("/purposes?saved=1"),
            "{}",
            body(&added)
        );
    }
    test
}

#[test]
fn a_purpose_added_through_the_form_is_stored_and_listed() {
    let test = &mut TestApp::unlocked();
    let before = vault_bytes(test);
    let added = test.post("/purposes/new", CUSTOMER_ADMIN);
    assert_eq!(added.status, 303, "{}", body(&added));
    assert_ne!(vault_bytes(test), before, "the change is saved");

    let stored = schema::purpose_by_name(test.conn(), "customer-admin")
        .unwrap()
        .purpose;
    assert_eq!(stored.basis, LegalBasis::Contract);
    assert_eq!(
        stored.description_en.as_deref(),
        Some("Delivering and invoicing orders")
    );
    assert_eq!(
        stored.retention.period.map(|p| p.to_string()).as_deref(),
        Some("2y")
    );
    assert_eq!(stored.retention.start, RetentionStart::LastChange);
    assert_eq!(stored.profiling.map(|p| p.kind), Some(ProfilingKind::None));
    assert!(stored.no_recipients);

    let page = test.get("/purposes?saved=1");
    let html = body(&page);
    assert_eq!(page.status, 200);
    assert!(html.contains("id=\"purpose-customer-admin\""), "{html}");
    assert!(html.contains("Orders leveren en factureren"));
    assert!(
        html.contains("2 jaar, vanaf de laatste wijziging"),
        "{html}"
    );
    assert!(html.contains("Overeenkomst"));
    assert!(html.contains("niemand buiten het bedrijf"));
    assert!(html.contains("Opgeslagen."));
}

#[test]
fn a_legal_obligation_without_a_law_is_refused_at_the_law_and_changes_nothing() {
    let test = &mut TestApp::unlocked();
    let before = vault_bytes(test);
    let form = [
        ("name", "bookkeeping"),
        ("basis", "legal-obligation"),
        ("description", "Fiscale bewaarplicht"),
        ("retention", "7y"),
        ("retention_from", "created"),
        ("profiling", "none"),
    ];
    let page = test.post("/purposes/new", &form);
    let html = body(&page);
    assert_eq!(page.status, 422, "{html}");
    assert!(html.contains("id=\"e-law\""), "{html}");
    assert!(
        html.contains("Bij een wettelijke plicht hoort de wet"),
        "{html}"
    );
    // What was typed stays in the form.
    assert!(html.contains("Fiscale bewaarplicht"));
    assert!(schema::purposes(test.conn()).unwrap().is_empty());
    assert_eq!(vault_bytes(test), before, "nothing is saved");

    let with_law = [&form[..], &[("law", "AWR art. 52")]].concat();
    assert_eq!(test.post("/purposes/new", &with_law).status, 303);
}

#[test]
fn a_malformed_period_and_a_taken_name_are_shown_at_their_input() {
    let test = &mut with_purposes();
    let page = test.post(
        "/purposes/new",
        &with(
            CUSTOMER_ADMIN,
            &[("name", "orders"), ("retention", "twee jaar")],
        ),
    );
    assert_eq!(page.status, 422);
    assert!(
        body(&page).contains("id=\"e-retention\""),
        "{}",
        body(&page)
    );

    let page = test.post("/purposes/new", CUSTOMER_ADMIN);
    assert_eq!(page.status, 422);
    assert!(body(&page).contains("id=\"e-name\""), "{}", body(&page));
    assert_eq!(schema::purposes(test.conn()).unwrap().len(), 2);
}

#[test]
fn an_unknown_legal_basis_is_refused_at_the_select() {
    let test = &mut TestApp::unlocked();
    let page = test.post(
        "/purposes/new",
        &with(CUSTOMER_ADMIN, &[("basis", "because")]),
    );
    assert_eq!(page.status, 422);
    assert!(body(&page).contains("id=\"e-basis\""), "{}", body(&page));
    assert!(schema::purposes(test.conn()).unwrap().is_empty());
}

#[test]
fn an_edit_changes_what_differs_and_refuses_what_the_library_refuses() {
    let test = &mut with_purposes();
    let form = test.get("/purposes/customer-admin");
    assert!(body(&form).contains("id=\"purpose-form\""));
    assert!(body(&form).contains("Orders leveren en factureren"));

    let edited = test.post(
        "/purposes/customer-admin",
        &with(CUSTOMER_ADMIN, &[("retention", "7y")]),
    );
    assert_eq!(edited.status, 303, "{}", body(&edited));
    let stored = schema::purpose_by_name(test.conn(), "customer-admin")
        .unwrap()
        .purpose;
    assert_eq!(
        stored.retention.period.map(|p| p.to_string()).as_deref(),
        Some("7y")
    );
    assert_eq!(
        stored.basis,
        LegalBasis::Contract,
        "the basis is not editable"
    );

    // Consent may end at the withdrawal; a contract purpose may not end at it alone.
    let refused = test.post(
        "/purposes/customer-admin",
        &with(
            CUSTOMER_ADMIN,
            &[("retention", ""), ("retention_from", "consent-withdrawn")],
        ),
    );
    assert_eq!(refused.status, 422);
    assert!(
        body(&refused).contains("id=\"e-retention\""),
        "{}",
        body(&refused)
    );
    let stored = schema::purpose_by_name(test.conn(), "customer-admin")
        .unwrap()
        .purpose;
    assert_eq!(
        stored.retention.period.map(|p| p.to_string()).as_deref(),
        Some("7y")
    );
}

#[test]
fn a_field_added_through_the_form_is_stored_and_listed() {
    let test = &mut with_purposes();
    let form = test.get("/fields/new");
    assert!(
        body(&form).contains("name=\"purpose-newsletter\""),
        "{}",
        body(&form)
    );
    let added = test.post(
        "/fields/new",
        &[
            ("name", "email"),
            ("type", "email"),
            ("label", "E-mailadres"),
            ("label_en", "E-mail address"),
            ("purpose-customer-admin", "on"),
            ("purpose-newsletter", "on"),
            ("required", "on"),
            ("source", "subject"),
        ],
    );
    assert_eq!(
        location(&added),
        Some("/purposes?saved=1#fields"),
        "{}",
        body(&added)
    );
    let field = schema::field_by_name(test.conn(), "email").unwrap().field;
    assert_eq!(field.field_type, FieldType::Email);
    assert_eq!(field.purposes, ["customer-admin", "newsletter"]);
    assert!(field.required);

    let page = test.get("/purposes");
    let html = body(&page);
    assert!(html.contains("id=\"field-email\""), "{html}");
    assert!(html.contains("E-mailadres"));
    assert!(html.contains("customer-admin, newsletter"));
}

#[test]
fn a_required_field_on_consent_alone_is_refused_at_required() {
    let test = &mut with_purposes();
    let before = vault_bytes(test);
    let page = test.post(
        "/fields/new",
        &[
            ("name", "interests"),
            ("type", "text"),
            ("purpose-newsletter", "on"),
            ("required", "on"),
            ("source", "subject"),
        ],
    );
    assert_eq!(page.status, 422);
    assert!(body(&page).contains("id=\"e-required\""), "{}", body(&page));
    assert!(
        schema::find_field(test.conn(), "interests")
            .unwrap()
            .is_none()
    );
    assert_eq!(vault_bytes(test), before);
}

#[test]
fn special_data_needs_its_exception() {
    let test = &mut with_purposes();
    let allergies = [
        ("name", "allergies"),
        ("type", "text"),
        ("purpose-customer-admin", "on"),
        ("source", "subject"),
        ("special", "health"),
    ];
    let page = test.post("/fields/new", &allergies);
    assert_eq!(page.status, 422);
    assert!(body(&page).contains("id=\"e-art9\""), "{}", body(&page));

    let with_art9 = [&allergies[..], &[("art9", "explicit-consent")]].concat();
    assert_eq!(test.post("/fields/new", &with_art9).status, 303);
    let field = schema::field_by_name(test.conn(), "allergies")
        .unwrap()
        .field;
    assert_eq!(field.art9.as_deref(), Some("explicit-consent"));
}

#[test]
fn a_field_edit_moves_its_purposes() {
    let test = &mut with_purposes();
    let email = [
        ("name", "email"),
        ("type", "email"),
        ("purpose-customer-admin", "on"),
        ("source", "subject"),
    ];
    assert_eq!(test.post("/fields/new", &email).status, 303);
    let edited = test.post(
        "/fields/email",
        &[
            ("label", "E-mail"),
            ("purpose-newsletter", "on"),
            ("source", "subject"),
        ],
    );
    assert_eq!(edited.status, 303, "{}", body(&edited));
    let field = schema::field_by_name(test.conn(), "email").unwrap().field;
    assert_eq!(field.purposes, ["newsletter"]);
    assert_eq!(field.label.as_deref(), Some("E-mail"));
    assert_eq!(field.field_type, FieldType::Email);

    let refused = test.post("/fields/email", &[("source", "subject")]);
    assert_eq!(refused.status, 422);
    assert!(
        body(&refused).contains("id=\"e-purpose\""),
        "{}",
        body(&refused)
    );
}

#[test]
fn removing_asks_first_and_a_purpose_in_use_is_refused() {
    let test = &mut with_purposes();
    let email = [
        ("name", "email"),
        ("type", "email"),
        ("purpose-newsletter", "on"),
        ("source", "subject"),
    ];
    assert_eq!(test.post("/fields/new", &email).status, 303);

    let confirm = test.get("/purposes/newsletter/remove");
    assert!(body(&confirm).contains("id=\"confirm-remove\""));
    let refused = test.post("/purposes/newsletter/remove", &[]);
    assert_eq!(refused.status, 422);
    assert!(body(&refused).contains("email"), "{}", body(&refused));
    assert!(
        schema::find_purpose(test.conn(), "newsletter")
            .unwrap()
            .is_some()
    );

    let confirm = test.get("/fields/email/remove");
    assert!(
        body(&confirm).contains("0 ingevulde waarden"),
        "{}",
        body(&confirm)
    );
    assert_eq!(test.post("/fields/email/remove", &[]).status, 303);
    assert!(schema::find_field(test.conn(), "email").unwrap().is_none());
    assert_eq!(test.post("/purposes/newsletter/remove", &[]).status, 303);
    assert!(
        schema::find_purpose(test.conn(), "newsletter")
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_purpose_moves_up_in_the_declared_order() {
    let test = &mut with_purposes();
    let moved = test.post("/purposes/newsletter/move", &[("to", "1")]);
    assert_eq!(moved.status, 303, "{}", body(&moved));
    let order: Vec<String> = schema::purposes(test.conn())
        .unwrap()
        .into_iter()
        .map(|p| p.purpose.name)
        .collect();
    assert_eq!(order, ["newsletter", "customer-admin"]);
    let html = test.get("/purposes");
    let html = body(&html);
    assert!(html.find("purpose-newsletter") < html.find("purpose-customer-admin"));
}

#[test]
fn an_unknown_purpose_or_field_is_not_found() {
    let test = &mut TestApp::unlocked();
    assert_eq!(test.get("/purposes/nothing").status, 404);
    assert_eq!(test.get("/fields/nothing").status, 404);
    assert_eq!(test.post("/fields/nothing", &[]).status, 404);
}

#[test]
fn the_profile_is_set_through_its_form_and_refusals_show_at_the_input() {
    let test = &mut TestApp::unlocked();
    let form = test.get("/profile");
    assert!(
        body(&form).contains("id=\"profile-form\""),
        "{}",
        body(&form)
    );

    let details = [
        ("name", "Bakkerij Jansen"),
        ("email", "Privacy@Jansen.NL"),
        ("address", "Dorpsstraat 1, 1234 AB Ergens"),
        ("kvk", "1234 5678"),
    ];
    let saved = test.post("/profile", &details);
    assert_eq!(
        location(&saved),
        Some("/profile?saved=1"),
        "{}",
        body(&saved)
    );
    let profile = schema::profile(test.conn()).unwrap().expect("a profile");
    assert_eq!(profile.name, "Bakkerij Jansen");
    assert_eq!(profile.email, "Privacy@jansen.nl");
    assert_eq!(profile.kvk.as_deref(), Some("12345678"));
    assert!(body(&test.get("/profile?saved=1")).contains("zijn opgeslagen"));

    let before = vault_bytes(test);
    let refused = test.post("/profile", &with(&details, &[("kvk", "123")]));
    assert_eq!(refused.status, 422);
    assert!(
        body(&refused).contains("id=\"e-kvk\""),
        "{}",
        body(&refused)
    );
    assert_eq!(vault_bytes(test), before);

    // An emptied optional detail is cleared; the others stay.
    let cleared = test.post("/profile", &with(&details, &[("kvk", "")]));
    assert_eq!(cleared.status, 303);
    let profile = schema::profile(test.conn()).unwrap().expect("a profile");
    assert_eq!(profile.kvk, None);
    assert_eq!(profile.address, "Dorpsstraat 1, 1234 AB Ergens");
}

#[test]
fn a_first_profile_without_a_name_is_refused_at_the_name() {
    let test = &mut TestApp::unlocked();
    let page = test.post(
        "/profile",
        &[("email", "privacy@jansen.nl"), ("address", "Dorpsstraat 1")],
    );
    assert_eq!(page.status, 422);
    assert!(body(&page).contains("id=\"e-name\""), "{}", body(&page));
    assert!(schema::profile(test.conn()).unwrap().is_none());
}

#[test]
fn every_name_of_the_model_has_words_in_both_languages() {
    let catalog = Catalog::load();
    let groups: [(&str, &[&str]); 7] = [
        ("purposes-basis-", LegalBasis::NAMES),
        ("purposes-start-", RetentionStart::NAMES),
        ("purposes-profiling-", ProfilingKind::NAMES),
        ("fields-type-", FieldType::NAMES),
        ("fields-source-", schema::model::DataSource::NAMES),
        ("fields-special-", schema::model::SpecialCategory::NAMES),
        ("fields-art9-", schema::Art9Exception::NAMES),
    ];
    for (prefix, names) in groups {
        for name in names {
            let key = format!("{prefix}{name}");
            for lang in [Lang::Nl, Lang::En] {
                assert_ne!(catalog.text(lang, &key, &[]), key, "{lang:?}");
            }
        }
    }
}

#[test]
fn the_pages_speak_english_on_the_switch() {
    let test = &mut with_purposes();
    test.app.lang = Lang::En;
    let html = test.get("/purposes");
    assert!(
        body(&html).contains("2 years, from the last change"),
        "{}",
        body(&html)
    );
}

/// Regression: a purpose named `new` could not be opened, since `/purposes/new` is the form
/// for a new purpose. The list links to `/purposes/NAME/edit`, which reaches every name.
#[test]
fn a_purpose_named_new_can_be_edited() {
    let mut test = TestApp::unlocked();
    let named_new = with(CUSTOMER_ADMIN, &[("name", "new")]);
    assert_eq!(test.post("/purposes/new", &named_new).status, 303);
    let list = body(&test.get("/purposes")).to_owned();
    assert!(list.contains("href=\"/purposes/new/edit\""), "{list}");
    let form = test.get("/purposes/new/edit");
    assert!(
        body(&form).contains("action=\"&#x2f;purposes&#x2f;new&#x2f;edit\""),
        "{}",
        body(&form)
    );
    let changed = with(&named_new, &[("description", "Bestellingen")]);
    assert_eq!(test.post("/purposes/new/edit", &changed).status, 303);
    let stored = schema::purpose_by_name(test.conn(), "new").unwrap().purpose;
    assert_eq!(stored.description, "Bestellingen");
    assert!(body(&test.get("/purposes/new")).contains("action=\"&#x2f;purposes&#x2f;new\""));
}

/// Found at review: once schema text became one line, Enter in a description box (a
/// textarea) made the whole form fail. The line breaks join into one line instead.
#[test]
fn enter_in_a_description_box_joins_its_lines_instead_of_failing_the_form() {
    let mut test = TestApp::unlocked();
    let typed = with(
        CUSTOMER_ADMIN,
        &[("description", "Orders leveren\r\nen factureren")],
    );
    assert_eq!(test.post("/purposes/new", &typed).status, 303);
    let stored = schema::purpose_by_name(test.conn(), "customer-admin")
        .unwrap()
        .purpose;
    assert_eq!(stored.description, "Orders leveren en factureren");
}
