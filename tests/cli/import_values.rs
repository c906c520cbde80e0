//! `import` of the values real exports hold (issue 12, part A): Outlook's empty dates, written
//! and American dates, the date order per column, foreign postcodes and phones by the row's
//! country, several values in one cell and spreadsheet artefacts.

use std::path::Path;

use serde_json::Value;

use crate::support::TestVault;

/// A vault with the fields of a webshop that also sells abroad.
pub fn webshop() -> TestVault {
    let test = TestVault::new();
    test.ok(&[
        "purpose",
        "add",
        "admin",
        "--basis",
        "contract",
        "--description",
        "Klantadministratie",
        "--retention",
        "2y",
    ]);
    for (name, kind) in [
        ("name", "text"),
        ("email", "email"),
        ("phone", "phone"),
        ("birthdate", "date"),
        ("postcode", "postcode"),
        ("country", "country"),
    ] {
        test.ok(&["field", "add", name, "--type", kind, "--purpose", "admin"]);
    }
    test
}

fn write(dir: &Path, text: &str) -> String {
    let path = dir.join("export.csv");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

pub fn records(test: &TestVault) -> Vec<Value> {
    let text = test.ok(&["list", "--json"]);
    serde_json::from_str::<Vec<Value>>(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn column(records: &[Value], field: &str) -> Vec<Value> {
    records.iter().map(|r| r[field].clone()).collect()
}

#[test]
fn outlook_zero_dates_written_dates_and_us_dates_import_by_column() {
    let test = webshop();
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "Name,E-mail Address,Birthday\n\
         Jan,jan@example.nl,0/0/00\n\
         Piet,piet@example.nl,5/17/1980\n\
         Kees,kees@example.nl,3/4/1975\n\
         Els,els@example.nl,0-0-00\n",
    );
    let out = test.ok(&["import", &file, "--map", "Birthday=birthdate"]);
    assert!(
        out.contains("column \"Birthday\": dates read month first"),
        "{out}"
    );
    let all = records(&test);
    assert_eq!(
        column(&all, "birthdate"),
        [
            Value::Null,
            "1980-05-17".into(),
            "1975-03-04".into(),
            Value::Null
        ]
    );
}

#[test]
fn an_ambiguous_date_column_is_refused_with_the_date_order_hint_and_imports_with_it() {
    let test = webshop();
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "Naam,Geboortedatum\nJan,03-04-1976\nPiet,1 januari 1980\nKees,01-02-80\n",
    );
    let before = test.vault_bytes();
    let stderr = test.fails(&["import", &file, "--map", "Geboortedatum=birthdate"], 1);
    assert_eq!(test.vault_bytes(), before);
    assert!(stderr.contains("column \"Geboortedatum\""), "{stderr}");
    assert!(stderr.contains("--date-order dmy"), "{stderr}");
    assert!(!stderr.contains("1976"), "{stderr}");
    test.ok(&[
        "import",
        &file,
        "--map",
        "Geboortedatum=birthdate",
        "--date-order",
        "dmy",
    ]);
    assert_eq!(
        column(&records(&test), "birthdate"),
        ["1976-04-03", "1980-01-01", "1980-02-01"]
    );
}

#[test]
fn a_date_column_with_both_orders_is_refused_naming_column_and_rows() {
    let test = webshop();
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "Naam,Birthday\nJan,17/5/1980\nPiet,5/17/1980\n");
    let stderr = test.fails(&["import", &file, "--map", "Birthday=birthdate"], 1);
    assert!(
        stderr.contains("column \"Birthday\" has dates with the day first (row 2)"),
        "{stderr}"
    );
    assert!(stderr.contains("month first (row 3)"), "{stderr}");
}

#[test]
fn foreign_postcodes_and_phones_follow_the_country_column() {
    let test = webshop();
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "Naam,Postcode,Telefoon,Land\n\
         Jan,1234-AB,06-12345678,\n\
         Lien,2000,0470 12 34 56,België\n\
         Uwe,48163,030 1234567,Germany\n\
         Ann,1234ab,'+31 6 12345679,nl\n",
    );
    test.ok(&["import", &file, "--map", "Telefoon=phone"]);
    let all = records(&test);
    assert_eq!(
        column(&all, "postcode"),
        ["1234 AB", "2000", "48163", "1234 AB"]
    );
    assert_eq!(
        column(&all, "phone"),
        [
            "+31612345678",
            "+32470123456",
            "+49301234567",
            "+31612345679"
        ]
    );
    assert_eq!(
        column(&all, "country"),
        [Value::Null, "BE".into(), "DE".into(), "NL".into()]
    );
}

#[test]
fn several_values_in_a_cell_import_the_first_with_a_note() {
    let test = webshop();
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "Name,Phone 1 - Value\nJan,+31 6 12345678 ::: +31 20 1234567\nPiet,06-12345679\n",
    );
    let out = test.ok(&["import", &file, "--map", "Phone 1 - Value=phone"]);
    assert!(
        out.contains("column \"Phone 1 - Value\": 1 row(s) held several values"),
        "{out}"
    );
    assert_eq!(
        column(&records(&test), "phone"),
        ["+31612345678", "+31612345679"]
    );
}

#[test]
fn a_country_field_is_added_and_edited_by_name_or_code() {
    let test = webshop();
    let out = test.ok(&[
        "add",
        "name=Lien",
        "country=Belgium",
        "postcode=2000",
        "phone=0470 12 34 56",
    ]);
    let id = out
        .split(|c: char| !c.is_ascii_digit())
        .find(|part| !part.is_empty())
        .unwrap_or_else(|| panic!("{out}"))
        .to_owned();
    test.ok(&["edit", &id, "postcode=9000"]);
    let all = records(&test);
    assert_eq!(all[0]["country"], "BE");
    assert_eq!(all[0]["postcode"], "9000");
    assert_eq!(all[0]["phone"], "+32470123456");
    let stderr = test.fails(&["add", "name=X", "country=Atlantis"], 1);
    assert!(stderr.contains("not a country"), "{stderr}");
    assert!(!stderr.contains("Atlantis"), "{stderr}");
}
