//! Issue 12: files shaped exactly like real exports (tests/fixtures/exports, made by
//! make_exports.py from each program's published columns, with invented people) import with
//! the command docs/IMPORT.md gives for them, and store these values.

use serde_json::Value;

use super::import_values::records;
use crate::support::TestVault;

/// The webshop of the value tests, with the fields the exports fill besides.
fn shop() -> TestVault {
    let test = super::import_values::webshop();
    for (name, kind) in [
        ("address", "text"),
        ("city", "text"),
        ("notes", "text"),
        ("company", "text"),
    ] {
        test.ok(&["field", "add", name, "--type", kind, "--purpose", "admin"]);
    }
    test
}

fn import(test: &TestVault, file: &str, args: &[&str]) -> String {
    let path = format!(
        "{}/tests/fixtures/exports/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut all = vec!["import", path.as_str()];
    all.extend(args);
    test.ok(&all)
}

/// The one record whose e-mail address is `email`.
fn person<'a>(records: &'a [Value], email: &str) -> &'a Value {
    records
        .iter()
        .find(|r| r["email"] == email)
        .unwrap_or_else(|| panic!("{email} in {records:#?}"))
}

fn assert_fields(record: &Value, expected: &[(&str, &str)]) {
    for (field, value) in expected {
        assert_eq!(record[*field], *value, "{field} of {record}");
    }
}

#[test]
fn outlook_english_with_name_parts_zero_birthdays_and_us_dates() {
    let test = shop();
    let out = import(
        &test,
        "outlook_en.csv",
        &[
            "--map",
            "First Name+Middle Name+Last Name=name",
            "--skip-unmapped",
        ],
    );
    assert!(out.contains("mobile preferred"), "{out}");
    let all = records(&test);
    assert_eq!(all.len(), 3);
    assert_fields(
        person(&all, "anna@example.nl"),
        &[
            ("name", "Anna van Dijk"),
            ("phone", "+31612345678"),
            ("birthdate", "1980-05-17"),
            ("postcode", "3511 AB"),
            ("city", "Utrecht"),
        ],
    );
    let bram = person(&all, "bram@example.be");
    assert_fields(bram, &[("postcode", "2000"), ("country", "BE")]);
    assert!(bram["birthdate"].is_null(), "0/0/00 is no birthday: {bram}");
    // 3/4/1975 in a column decided as month-day by 5/17/1980: 4 March.
    assert_fields(
        person(&all, "carla@example.com"),
        &[("birthdate", "1975-03-04")],
    );
}

#[test]
fn outlook_dutch_in_windows_1252_with_day_month_dates() {
    let test = shop();
    import(
        &test,
        "outlook_nl.csv",
        &[
            "--map",
            "Voornaam+Middelste naam+Achternaam=name",
            "--skip-unmapped",
        ],
    );
    let all = records(&test);
    assert_eq!(all.len(), 2);
    assert_fields(
        person(&all, "anna@example.nl"),
        &[
            ("name", "Anna van Dijk"),
            ("phone", "+31612345678"),
            ("birthdate", "1980-05-17"),
            ("postcode", "3511 AB"),
        ],
    );
    assert!(person(&all, "dirk@example.nl")["birthdate"].is_null());
}

#[test]
fn linkedin_connections_below_their_notes() {
    let test = shop();
    let out = import(
        &test,
        "linkedin_connections.csv",
        &["--map", "First Name+Last Name=name", "--skip-unmapped"],
    );
    assert!(out.contains("header found on row 4"), "{out}");
    let all = records(&test);
    assert_eq!(all.len(), 2, "the notes are not people: {all:#?}");
    assert_fields(
        person(&all, "anna@example.nl"),
        &[("name", "Anna van Dijk"), ("company", "Bakkerij Test")],
    );
    let names: Vec<&Value> = all.iter().map(|r| &r["name"]).collect();
    assert!(names.contains(&&Value::from("Eva Smit")), "{names:?}");
}

#[test]
fn woocommerce_customers_with_belgian_and_german_postcodes() {
    let test = shop();
    import(&test, "woocommerce_customers.csv", &["--skip-unmapped"]);
    let all = records(&test);
    assert_eq!(all.len(), 3);
    assert_fields(
        person(&all, "bram@example.be"),
        &[
            ("postcode", "2000"),
            ("country", "BE"),
            ("city", "Antwerpen"),
        ],
    );
    assert_fields(
        person(&all, "greta@example.de"),
        &[
            ("postcode", "48163"),
            ("country", "DE"),
            ("name", "Greta Müller"),
        ],
    );
}

#[test]
fn numbers_in_dutch_with_a_written_date_an_apostrophe_and_a_decomposed_name() {
    let test = shop();
    import(&test, "numbers_nl.csv", &["--skip-unmapped"]);
    let all = records(&test);
    let zoe = person(&all, "zoe@example.nl");
    assert_fields(
        zoe,
        &[
            ("name", "Zo\u{eb} Jansen"),
            ("phone", "+31623456789"),
            ("birthdate", "1990-01-01"),
        ],
    );
    assert_fields(
        person(&all, "anna@example.nl"),
        &[("birthdate", "1980-05-17")],
    );
}

#[test]
fn an_invoicing_tools_trailing_delimiter_and_dutch_postcode_forms() {
    let test = shop();
    import(
        &test,
        "invoicing_trailing_delimiter.csv",
        &["--skip", "Klantnummer", "--map", "Plaats=city"],
    );
    let all = records(&test);
    assert_fields(person(&all, "anna@example.nl"), &[("postcode", "3511 AB")]);
    assert_fields(person(&all, "dirk@example.nl"), &[("postcode", "8011 AA")]);
}

#[test]
fn apple_contacts_vcard_3_needs_no_map() {
    let test = shop();
    let out = import(&test, "apple_contacts_v3.vcf", &[]);
    assert!(out.contains("birthday without a year"), "{out}");
    let all = records(&test);
    assert_fields(
        person(&all, "anna@example.nl"),
        &[
            ("name", "Anna van Dijk"),
            ("phone", "+31612345678"),
            ("address", "Dorpsstraat 1"),
            ("postcode", "3511 AB"),
            ("city", "Utrecht"),
            ("country", "NL"),
            ("birthdate", "1980-05-17"),
            ("company", "Bakkerij Test"),
        ],
    );
    assert!(person(&all, "bram@example.be")["birthdate"].is_null());
}

#[test]
fn vcard_4_reads_tel_uris_and_compact_birthdays() {
    let test = shop();
    import(&test, "contacts_v4.vcf", &[]);
    let all = records(&test);
    assert_fields(
        person(&all, "carla@example.com"),
        &[("phone", "+31634567890"), ("birthdate", "1975-03-04")],
    );
    assert!(person(&all, "dirk@example.nl")["birthdate"].is_null());
}

#[test]
fn an_excel_members_list_with_a_title_a_merged_heading_a_hidden_column_and_totals() {
    let test = shop();
    let out = import(&test, "members_title_totals.xlsx", &["--skip-unmapped"]);
    assert!(out.contains("header found on row 5"), "{out}");
    assert!(out.contains("row(s) 10 left out"), "{out}");
    let all = records(&test);
    assert_eq!(all.len(), 3, "the totals row is not a person: {all:#?}");
    assert_fields(
        person(&all, "dirk@example.nl"),
        &[("name", "Dirk de Boer"), ("phone", "+31612345679")],
    );
}
