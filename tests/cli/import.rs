//! `import`: every fixture that should import does, with the stored values checked; every
//! failure mode ends with a clear message, a non-zero exit and a byte-identical vault.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{TestVault, contains};

fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
        .display()
        .to_string()
}

/// A vault with the fields a small shop keeps about its customers.
fn shop() -> TestVault {
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
    test.ok(&[
        "purpose",
        "add",
        "newsletter",
        "--basis",
        "consent",
        "--description",
        "Nieuwsbrief",
        "--retention",
        "2y",
    ]);
    for (name, kind) in [
        ("name", "text"),
        ("first_name", "text"),
        ("last_name", "text"),
        ("email", "email"),
        ("phone", "phone"),
        ("phones", "text"),
        ("birthdate", "date"),
        ("postcode", "postcode"),
        ("city", "text"),
        ("address", "text"),
        ("notes", "text"),
        ("company", "text"),
        ("member_since", "date"),
        ("amount", "number"),
        ("active", "bool"),
    ] {
        let mut args = vec!["field", "add", name, "--type", kind, "--purpose", "admin"];
        if name == "email" {
            args.extend(["--purpose", "newsletter"]);
        }
        test.ok(&args);
    }
    test
}

fn import(test: &TestVault, file: &str, args: &[&str]) -> String {
    let file = fixture(file);
    let mut all = vec!["import", file.as_str()];
    all.extend(args);
    test.ok(&all)
}

fn records(test: &TestVault) -> Vec<Value> {
    let text = test.ok(&["list", "--json"]);
    match serde_json::from_str(&text) {
        Ok(Value::Array(records)) => records,
        other => panic!("{other:?}: {text}"),
    }
}

/// The one record whose `field` is `value`.
fn record<'a>(records: &'a [Value], field: &str, value: &str) -> &'a Value {
    let found: Vec<&Value> = records.iter().filter(|r| r[field] == value).collect();
    assert_eq!(found.len(), 1, "{field}={value} in {records:#?}");
    found[0]
}

/// Runs a command that must fail with `code`, checks the vault did not change, returns stderr.
fn refused(test: &TestVault, args: &[&str], code: i32) -> String {
    let before = test.vault_bytes();
    let stderr = test.fails(args, code);
    assert_eq!(
        test.vault_bytes(),
        before,
        "kluis {args:?} changed the vault"
    );
    stderr
}

fn refused_import(test: &TestVault, file: &str, args: &[&str]) -> String {
    let file = fixture(file);
    let mut all = vec!["import", file.as_str()];
    all.extend(args);
    refused(test, &all, 1)
}

#[test]
fn text_formats_import_with_their_values_normalised() {
    let test = shop();
    import(&test, "edge/utf8_bom_crlf.csv", &["--map", "Phone=phones"]);
    import(&test, "edge/sep_hint_excel.csv", &[]);
    // testa@example.com is in both files.
    import(
        &test,
        "edge/quoted_newline_comma.csv",
        &["--on-duplicate", "keep-both"],
    );
    import(&test, "edge/invalid_utf8_mixed.csv", &[]);
    let all = records(&test);
    assert_eq!(all.len(), 3 + 1 + 4 + 3);
    // UTF-8 with BOM and CRLF: the BOM is not part of the first header.
    let zoe = record(&all, "email", "zoe@example.com");
    assert_eq!(zoe["first_name"], "Zoë");
    assert_eq!(zoe["last_name"], "Ünal");
    assert_eq!(record(&all, "email", "li@example.net")["first_name"], "李");
    // Excel's sep=; line.
    let testa = record(&all, "first_name", "Testa");
    assert_eq!(testa["first_name"], "Testa");
    assert_eq!(testa["last_name"], "Voorbeeld");
    assert_eq!(testa["name"], Value::Null);
    // Quoted delimiters, doubled quotes and line breaks inside cells.
    let quoted = record(&all, "name", "Voorbeeld, Testa");
    assert_eq!(quoted["address"], "Kerkstraat 1\n1234 AB Voorbeelddorp");
    assert_eq!(quoted["notes"], "Says \"hi\", often");
    let jan = record(&all, "email", "jan@example.org");
    assert_eq!(jan["name"], "Jan \"JP\" Proef");
    assert_eq!(jan["notes"], "multi\n\nblank line inside");
    assert_eq!(
        record(&all, "email", "plain@example.net")["address"],
        Value::Null
    );
    // A Windows-1252 line inside a UTF-8 file is decoded as Windows-1252.
    assert_eq!(record(&all, "name", "René")["city"], "Café-Oord");
    assert_eq!(record(&all, "name", "Zoë")["city"], "Ëlst");
    assert_eq!(record(&all, "name", "Jürgen")["city"], "Köln");
}

#[test]
fn contact_exports_import_with_mapping_as_a_user_would() {
    let test = shop();
    let out = import(
        &test,
        "formats/google_contacts_legacy.csv",
        &["--skip-unmapped"],
    );
    assert!(out.contains("\"E-mail 1 - Value\""), "{out}");
    assert!(out.contains("→ email (known header)"), "{out}");
    assert!(out.contains("Columns dropped:"), "{out}");
    // Norwegian numbers and postcodes without a country column: a Dutch vault cannot check
    // them, so the user leaves them out (the mobile column is mapped by itself now).
    import(
        &test,
        "formats/google_contacts_as_outlook_csv.csv",
        &[
            "--skip",
            "Mobile Phone",
            "--skip",
            "Home Postal Code",
            "--skip-unmapped",
            "--on-duplicate",
            "keep-both",
        ],
    );
    import(
        &test,
        "formats/outlook_com_export.csv",
        &[
            "--skip",
            "Mobile Phone",
            "--skip-unmapped",
            "--on-duplicate",
            "keep-both",
        ],
    );
    import(
        &test,
        "formats/google_contacts_legacy_fullheader_synthetic.csv",
        &[
            "--skip-unmapped",
            "--on-invalid",
            "skip",
            "--on-duplicate",
            "keep-both",
        ],
    );
    import(
        &test,
        "formats/google_shared_contacts_outlook_style_ragged.csv",
        &[
            "--skip-unmapped",
            "--map",
            "Mobile Phone=phones",
            "--on-duplicate",
            "keep-both",
        ],
    );
    import(
        &test,
        "formats/vcard2csv_contacts_tab_delimited.csv",
        &["--map", "Telephone=phones", "--on-duplicate", "keep-both"],
    );
    import(
        &test,
        "formats/dutch_member_list_semicolon_bom_synthetic.csv",
        &[
            "--map",
            "Naam=last_name",
            "--map",
            "PC=postcode",
            "--map",
            "Telefoon=phones",
            "--skip-unmapped",
            "--on-invalid",
            "skip",
            "--on-duplicate",
            "keep-both",
        ],
    );
    let all = records(&test);
    let adam = record(&all, "name", "Adam Glacius");
    assert_eq!(adam["email"], "adam.glacius@anycom.com");
    assert_eq!(adam["phones"], "+1 555 3227 8544");
    assert_eq!(adam["company"], "Acme Inc.");
    // A TAB-delimited file named .csv, with a multi-line quoted note.
    let weather = record(&all, "name", "Weather By Text Message");
    assert_eq!(weather["notes"], "Examples:\nw 11111\nw Nowhere");
    assert_eq!(weather["phones"], "44636");
    // A Dutch member list: BOM, ';', padded header names, postcodes normalised.
    let anna = record(&all, "email", "anna.voorbeeld@example.com");
    assert_eq!(anna["first_name"], "Anna");
    assert_eq!(anna["last_name"], "Voorbeeld");
    assert_eq!(anna["postcode"], "1213 BR");
    assert_eq!(anna["city"], "Voorbeeldstad");
    assert_eq!(anna["address"], "Teststraat 43");
    assert_eq!(
        record(&all, "email", "a.vandenberg@example.com")["postcode"],
        "1212 GB"
    );
}

#[test]
fn a_file_without_a_header_is_mapped_by_position() {
    let test = shop();
    let file = "formats/dutch_business_addresses_no_header.csv";
    // Without --no-header the first row would be taken as column names (here the reader
    // already refuses the one 5-cell row); no name from it is echoed.
    let stderr = refused_import(&test, file, &[]);
    assert!(!stderr.contains("Casino"), "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let first_rows: String = std::fs::read_to_string(fixture(file))
        .unwrap()
        .lines()
        .take(3)
        .map(|line| format!("{line}\n"))
        .collect();
    let short = write_csv(dir.path(), "klanten.csv", &first_rows);
    let stderr = refused(&test, &["import", &short.display().to_string()], 1);
    assert!(stderr.contains("looks like data, not a header"), "{stderr}");
    assert!(!stderr.contains("Casino"), "{stderr}");
    import(
        &test,
        file,
        &[
            "--no-header",
            "--map",
            "#1=company",
            "--skip",
            "#2",
            "--map",
            "#3=address",
            "--map",
            "#4=city",
            "--skip-unmapped",
        ],
    );
    let all = records(&test);
    let casino = record(&all, "company", "Jack's Casino Roosendaal");
    assert_eq!(casino["address"], "Tongerloplein 8");
    assert_eq!(casino["city"], "4701 HV  Roosendaal");
}

/// Regression: a file whose first row is a customer with no e-mail address, phone number,
/// postcode or date in it (`Anna de Vries,Kerkstraat 1,Utrecht`) was taken as the header.
/// The refusal then listed her name and address, and suggested a `--skip` command holding
/// them, to be copied into the shell's history; and with every column mapped by position
/// she was left out of the import as "column names".
#[test]
fn a_first_row_that_names_no_known_column_is_neither_taken_as_header_nor_repeated() {
    let test = shop();
    let dir = tempfile::tempdir().unwrap();
    let rows = "Anna de Vries,Kerkstraat 1,Utrecht\nPiet Jansen,Dorpsweg 2,Ede\n";
    let file = write_csv(dir.path(), "klanten.csv", rows)
        .display()
        .to_string();
    let by_position = [
        "--map",
        "#1=name",
        "--map",
        "#2=address",
        "--map",
        "#3=city",
    ];
    for extra in [&[][..], &["--dry-run"], &by_position] {
        let mut args = vec!["import", file.as_str()];
        args.extend(extra);
        let stderr = refused(&test, &args, 1);
        assert!(
            stderr.contains("cannot tell whether the first row"),
            "{stderr}"
        );
        assert!(stderr.contains("--no-header"), "{stderr}");
        for value in ["Anna", "Kerkstraat", "Utrecht"] {
            assert!(!stderr.contains(value), "{value} in {stderr}");
        }
    }
    let mut args = vec!["import", file.as_str(), "--no-header"];
    args.extend(by_position);
    test.ok(&args);
    assert_eq!(records(&test).len(), 2);

    // Regression: one cell that reads as a column name ("Email", a contact preference) was
    // enough, and an import mapped by position lost the customer in that row, with exit 0.
    let rows = "Jan Jansen;Kerkstraat 5;Utrecht;Email\nPiet Pietersen;Laan 3;Ede;Post\n\
                Klaas de Vries;Dorpsweg 8;Gouda;Email\n";
    let preference = write_csv(dir.path(), "voorkeur.csv", rows)
        .display()
        .to_string();
    let mut args = vec!["import", preference.as_str()];
    args.extend(by_position);
    args.extend(["--skip", "#4"]);
    let stderr = refused(&test, &args, 1);
    assert!(
        stderr.contains("cannot tell whether the first row"),
        "{stderr}"
    );
    assert!(!stderr.contains("Jan"), "{stderr}");

    // Saying which row is the header, or naming a column by it, is the user's decision.
    let test = shop();
    let mut args = vec!["import", file.as_str(), "--header-row", "1"];
    args.extend(by_position);
    test.ok(&args);
    assert_eq!(records(&test).len(), 1);
}

#[test]
fn workbooks_import_with_iso_dates_and_numeric_phones_keeping_their_digits() {
    let test = shop();
    let out = import(
        &test,
        "xlsx/excel_types_synthetic.xlsx",
        &[
            "--sheet",
            "Klanten",
            "--skip-unmapped",
            "--on-invalid",
            "skip",
        ],
    );
    assert!(out.contains("invalid row(s) skipped: 4"), "{out}");
    let all = records(&test);
    let zoe = record(&all, "email", "zoe.devries@example.com");
    assert_eq!(zoe["birthdate"], "1980-12-31");
    // Stored in Excel as the number 612345678: the leading 0 was lost, the digits are not.
    assert_eq!(zoe["phone"], "+31612345678");
    assert_eq!(zoe["first_name"], "Zoë");
    import(
        &test,
        "xlsx/bitrix24_sample_contacts_portuguese.xlsx",
        &["--map", "comments=notes", "--on-invalid", "skip"],
    );
    import(
        &test,
        "generated/types.ods",
        &[
            "--map",
            "Lid sinds=member_since",
            "--map",
            "Bijdrage=amount",
            "--map",
            "Actief=active",
            "--skip",
            "Totaal",
            "--skip",
            "#7",
            "--skip",
            "Tijd",
            "--on-invalid",
            "skip",
        ],
    );
    import(
        &test,
        "generated/types.xls",
        &[
            "--sheet",
            "Klanten",
            "--skip-unmapped",
            "--on-invalid",
            "skip",
            "--on-duplicate",
            "keep-both",
        ],
    );
    let all = records(&test);
    let testa = record(&all, "name", "Testa Voorbeeld");
    assert_eq!(testa["member_since"], "1980-12-31");
    assert_eq!(testa["amount"], "12.5");
    assert_eq!(testa["active"], "true");
    assert_eq!(testa["phone"], "+31612345678");
    let from_xls = all
        .iter()
        .filter(|r| r["email"] == "zoe.devries@example.com")
        .count();
    assert_eq!(from_xls, 2, "{all:#?}");
    assert!(
        all.iter()
            .any(|r| r["phone"].as_str().is_some_and(|p| p.starts_with("+55")))
    );
}

#[test]
fn an_unmapped_column_stops_the_import_and_names_the_command_that_skips_it() {
    let test = shop();
    let file = fixture("edge/quoted_newline_comma.csv");
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("klanten 'export'.csv");
    std::fs::copy(&file, &odd).unwrap();
    std::fs::write(
        &odd,
        std::fs::read_to_string(&file)
            .unwrap()
            .replacen("Notes", "Klant's notitie", 1),
    )
    .unwrap();
    let odd = odd.display().to_string();
    let stderr = refused(&test, &["import", &odd, "--on-invalid", "skip"], 1);
    assert!(
        stderr.contains("1 column is neither mapped to a field nor skipped: \"Klant's notitie\""),
        "{stderr}"
    );
    let command = stderr
        .lines()
        .find(|l| l.trim_start().starts_with("kluis import"))
        .expect("the command is printed")
        .trim();
    assert!(
        command.ends_with("--skip 'Klant'\\''s notitie'"),
        "{command}"
    );
    // The printed command works as it stands in a POSIX shell.
    let binary = assert_cmd::cargo::cargo_bin("kluis");
    let line = command.replacen("kluis", &format!("'{}'", binary.display()), 1);
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(&line)
        .env("KLUIS_VAULT", &test.vault)
        .env("KLUIS_PASSPHRASE", crate::support::PASSPHRASE)
        .env("TMPDIR", &test.tmp)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{line}");
    assert_eq!(records(&test).len(), 4);
}

#[test]
fn every_read_failure_leaves_the_vault_byte_identical() {
    let test = shop();
    for (file, args, message) in [
        (
            "edge/ragged_rows.csv",
            vec![],
            "row 4 has 7 cells but the header has 4",
        ),
        (
            "edge/invalid_utf8_mixed.csv",
            vec!["--encoding", "utf-8"],
            "is not valid UTF-8",
        ),
        ("edge/empty.csv", vec![], "the file is empty"),
        ("edge/header_only.csv", vec![], "has a header"),
        (
            "xlsx/excel_types_synthetic.xlsx",
            vec![],
            "several sheets: Klanten, Blad2",
        ),
        ("edge/duplicate_headers.csv", vec![], "occurs in columns"),
    ] {
        let stderr = refused_import(&test, file, &args);
        assert!(stderr.contains(message), "{file}: {stderr}");
        assert!(stderr.contains("hint: "), "{file}: {stderr}");
    }
    assert!(records(&test).is_empty());
}

#[test]
fn duplicate_headers_import_when_each_is_mapped_by_position() {
    let test = shop();
    import(
        &test,
        "edge/duplicate_headers.csv",
        &[
            "--map", "#2=email", "--map", "#3=phone", "--skip", "#4", "--skip", "#5", "--skip",
            "#6", "--skip", "#7",
        ],
    );
    let all = records(&test);
    assert_eq!(
        record(&all, "name", "Testa Voorbeeld")["email"],
        "testa@example.com"
    );
    assert_eq!(record(&all, "name", "Jan Proef")["phone"], "+31612345679");
}

#[test]
fn wrong_map_and_consent_arguments_are_refused_before_anything_is_read() {
    let test = shop();
    let stderr = refused_import(
        &test,
        "edge/sep_hint_excel.csv",
        &["--map", "Voornaam=shoe_size"],
    );
    assert!(
        stderr.contains("there is no field named `shoe_size`"),
        "{stderr}"
    );
    assert!(stderr.contains("the fields are: "), "{stderr}");
    let stderr = refused_import(&test, "edge/sep_hint_excel.csv", &["--consent", "nope"]);
    assert!(stderr.contains("--consent nope"), "{stderr}");
    let stderr = refused_import(&test, "edge/sep_hint_excel.csv", &["--consent", "admin"]);
    assert!(stderr.contains("not consent"), "{stderr}");
    let stderr = refused(
        &test,
        &[
            "import",
            &fixture("edge/sep_hint_excel.csv"),
            "--map",
            "nothing",
        ],
        2,
    );
    assert!(stderr.contains("--map argument 1"), "{stderr}");
}

/// A CSV written into its own folder, outside the test vault's folder.
fn write_csv(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn invalid_values_reject_everything_with_row_column_and_rule_but_no_value() {
    let test = shop();
    let dir = tempfile::tempdir().unwrap();
    let file = write_csv(
        dir.path(),
        "klanten.csv",
        "Naam,E-mailadres,Telefoon\nJan,jan@example.nl,06-12345678\nPiet,GEHEIM-zonder-apenstaart,06-12345679\nKim,kim@example.nl,12\n",
    );
    let file = file.display().to_string();
    let stderr = refused(&test, &["import", &file], 1);
    assert!(
        stderr.contains("2 rows are invalid, so nothing was imported"),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("row 3, column \"E-mailadres\": is not a valid e-mail address: missing '@'"),
        "{stderr}"
    );
    assert!(stderr.contains("row 4, column \"Telefoon\""), "{stderr}");
    assert!(!stderr.contains("GEHEIM"), "{stderr}");
    let out = test.ok(&["import", &file, "--on-invalid", "skip"]);
    assert!(out.contains("2 invalid row(s) skipped: 3, 4"), "{out}");
    let all = records(&test);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["phone"], "+31612345678");
}

#[test]
fn duplicates_by_email_follow_on_duplicate_and_consent_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let first = write_csv(
        dir.path(),
        "eerste.csv",
        "Naam,E-mail\nJan,jan@example.nl\nPiet,piet@example.nl\n",
    );
    let second = write_csv(
        dir.path(),
        "tweede.csv",
        "Naam,E-mail\nJan Nieuw,JAN@example.nl\nKim,kim@example.nl\nKim Dubbel,kim@example.nl\n",
    );
    let (first, second) = (first.display().to_string(), second.display().to_string());
    for (policy, names, imported, updated, consented) in [
        ("skip", vec!["Jan", "Piet", "Kim"], 1, 0, 1),
        ("update", vec!["Jan Nieuw", "Piet", "Kim Dubbel"], 1, 2, 2),
        (
            "keep-both",
            vec!["Jan", "Piet", "Jan Nieuw", "Kim", "Kim Dubbel"],
            3,
            0,
            3,
        ),
    ] {
        let test = shop();
        test.ok(&["import", &first]);
        let out = test.ok(&[
            "import",
            &second,
            "--on-duplicate",
            policy,
            "--consent",
            "newsletter",
            "--json",
        ]);
        let summary: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(summary["duplicates"], 2, "{policy}: {out}");
        assert_eq!(summary["imported"], imported, "{policy}: {out}");
        assert_eq!(summary["updated"], updated, "{policy}: {out}");
        let stored: Vec<Value> = records(&test).iter().map(|r| r["name"].clone()).collect();
        assert_eq!(stored, names, "{policy}");
        let listed = test.ok(&["list", "--purpose", "newsletter", "--json"]);
        let listed: Vec<Value> = serde_json::from_str(&listed).unwrap();
        assert_eq!(listed.len(), consented, "{policy}");
        let subject = test.ok(&["export", "--subject", "3"]);
        assert!(
            subject.contains("\"source\": \"import\""),
            "{policy}: {subject}"
        );
    }
}

#[test]
fn a_dry_run_shows_the_mapping_and_saves_nothing() {
    let test = shop();
    let before = test.vault_bytes();
    let out = import(&test, "edge/sep_hint_excel.csv", &["--dry-run"]);
    assert!(
        out.contains("\"E-mailadres\"  → email (known header)"),
        "{out}"
    );
    assert!(out.contains("would be imported: 1"), "{out}");
    assert!(out.contains("Dry run: nothing was saved."), "{out}");
    assert_eq!(test.vault_bytes(), before);
    assert!(records(&test).is_empty());
}

#[test]
fn a_saved_mapping_is_reused_and_holds_no_values() {
    let test = shop();
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("mapping.json");
    let mapping_arg = mapping.display().to_string();
    import(
        &test,
        "formats/google_contacts_legacy.csv",
        &[
            "--skip-unmapped",
            "--dry-run",
            "--save-mapping",
            &mapping_arg,
        ],
    );
    let saved = std::fs::read_to_string(&mapping).unwrap();
    assert!(saved.contains("\"E-mail 1 - Value\": \"email\""), "{saved}");
    assert!(!saved.contains("@"), "{saved}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&mapping).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let out = import(
        &test,
        "formats/google_contacts_legacy.csv",
        &["--mapping", &mapping_arg, "--json"],
    );
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(summary["imported"], 3);
    assert_eq!(summary["rows_read"], 3);
    assert!(summary["columns_dropped"].as_array().unwrap().len() > 40);
    assert_eq!(summary["mapping"][0]["how"], "mapped");
    // Scripts read the reader's notes as the same English sentences the text report prints.
    let notes = summary["notes"].as_array().unwrap();
    assert!(
        notes.contains(&Value::from("delimiter ',' detected")),
        "{out}"
    );
    assert!(summary["seconds"].as_f64().is_some());
    assert!(
        summary["hint"].as_str().unwrap().contains("shred -u"),
        "{out}"
    );
}

#[test]
fn formulas_are_stored_as_text_and_neutralised_in_csv_exports() {
    let test = shop();
    let dir = tempfile::tempdir().unwrap();
    let file = write_csv(
        dir.path(),
        "formules.csv",
        "Naam,E-mail,Telefoon,Notes\n=1+1,f@example.nl,+31612345678,@SUM(A1)\n",
    );
    test.ok(&["import", &file.display().to_string()]);
    let all = records(&test);
    assert_eq!(all[0]["name"], "=1+1");
    assert_eq!(all[0]["notes"], "@SUM(A1)");
    assert_eq!(all[0]["phone"], "+31612345678");
    let csv = test.ok(&["export", "--purpose", "admin", "--format", "csv"]);
    assert!(csv.contains("'=1+1"), "{csv}");
    assert!(csv.contains("'@SUM(A1)"), "{csv}");
    assert!(csv.contains(",+31612345678,"), "{csv}");
}

#[test]
fn an_imported_marker_never_reaches_the_disk_or_an_error() {
    const MARKER: &str = "Zq8Xw3Marker";
    let test = shop();
    let dir = tempfile::tempdir().unwrap();
    let good = write_csv(
        dir.path(),
        "goed.csv",
        &format!("Naam,E-mail,Notes\n{MARKER} Jansen,{MARKER}@example.nl,{MARKER}\n"),
    );
    let bad = write_csv(
        dir.path(),
        "fout.csv",
        &format!("Naam,E-mail,Telefoon\nJan,{MARKER},{MARKER}\n"),
    );
    let mapping = test.dir.path().join("mapping.json").display().to_string();
    let out = test.ok(&[
        "import",
        &good.display().to_string(),
        "--save-mapping",
        &mapping,
    ]);
    assert!(!out.contains(MARKER), "{out}");
    let stderr = refused(&test, &["import", &bad.display().to_string()], 1);
    assert!(!stderr.contains(MARKER), "{stderr}");
    let stderr = refused(&test, &["import", &bad.display().to_string(), "--json"], 1);
    assert!(!stderr.contains(MARKER), "{stderr}");
    assert!(test.ok(&["find", MARKER]).contains(MARKER));
    for file in test.all_files() {
        let bytes = std::fs::read(&file).unwrap();
        assert!(!contains(&bytes, MARKER.as_bytes()), "{}", file.display());
        assert!(
            !contains(&bytes, MARKER.to_lowercase().as_bytes()),
            "{}",
            file.display()
        );
    }
}

#[test]
fn the_delimiter_can_be_given_as_tab_or_backslash_t() {
    for delimiter in ["tab", "\\t"] {
        let test = shop();
        let out = import(
            &test,
            "formats/vcard2csv_contacts_tab_delimited.csv",
            &["--delimiter", delimiter, "--map", "Telephone=phones"],
        );
        assert!(out.contains("TAB-separated"), "{out}");
        assert_eq!(records(&test).len(), 5);
    }
    let test = shop();
    // Read with the wrong delimiter, the file is one column whose header kluis does not know.
    let stderr = refused_import(
        &test,
        "formats/vcard2csv_contacts_tab_delimited.csv",
        &["--delimiter", ";"],
    );
    assert!(
        stderr.contains("cannot tell whether the first row"),
        "{stderr}"
    );
    assert!(stderr.contains("--delimiter"), "{stderr}");
}

#[test]
fn an_import_logs_one_add_entry_that_every_record_it_created_shows() {
    let dir = tempfile::tempdir().unwrap();
    // Named after a person, as a phone names one exported contact: until the twelfth session
    // the log kept the name, after the person's erasure too.
    let file = write_csv(
        dir.path(),
        "Jan Jansen.csv",
        "Naam,E-mail\nJan,jan@example.nl\nPiet,piet@example.nl\nKim,kim@example.nl\n",
    );
    let test = shop();
    test.ok(&["import", &file.display().to_string()]);
    let log: Value = serde_json::from_str(&test.ok(&["log", "--json"])).unwrap();
    let adds: Vec<&Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "add")
        .collect();
    assert_eq!(adds.len(), 1, "{log:#}");
    assert_eq!(
        (&adds[0]["record"], &adds[0]["record_last"]),
        (&1.into(), &3.into())
    );
    for record in ["1", "2", "3"] {
        let lines = test.ok(&["log", "--record", record]);
        assert!(
            lines.contains("add  records 1-3") && lines.contains("via import:CSV"),
            "{record}: {lines}"
        );
    }
    assert!(!test.ok(&["log", "--record", "4"]).contains("records 1-3"));
    assert!(!test.ok(&["log"]).contains("Jansen"));
}

/// Issue 12: a yes/no column records consent per row, on the date of a date column; "nee"
/// and blank give none.
#[test]
fn a_consent_column_records_consent_per_row_on_its_date() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_csv(
        dir.path(),
        "shop.csv",
        "Naam,E-mail,Nieuwsbrief (ja/nee),Aangemeld op\n\
         Jan,jan@example.nl,ja,2024-03-01\nPiet,piet@example.nl,nee,\nKim,kim@example.nl,,\n",
    );
    let test = shop();
    let out = test.ok(&[
        "import",
        &file.display().to_string(),
        "--consent-column",
        "Nieuwsbrief (ja/nee)=newsletter",
        "--consent-date-column",
        "Aangemeld op",
    ]);
    assert!(out.contains("read as consent per row"), "{out}");
    let listed = test.ok(&["list", "--purpose", "newsletter", "--json"]);
    let listed: Vec<Value> = serde_json::from_str(&listed).unwrap();
    let ids: Vec<&Value> = listed.iter().map(|r| &r["id"]).collect();
    assert_eq!(ids, [1], "{listed:?}");
    let subject = test.ok(&["export", "--subject", "1"]);
    assert!(subject.contains("2024-03-01"), "{subject}");
}

/// Issue 12: name parts join into one field, and a LinkedIn export's note lines above the
/// header are not taken for people.
#[test]
fn linkedin_notes_are_skipped_and_name_parts_join() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_csv(
        dir.path(),
        "Connections.csv",
        "Notes:\n\"When exporting your connection data, you may notice that some of the email \
         addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,\
         Connected On\nAnna,de Vries,https://www.linkedin.com/in/annadevries-example,\
         anna@example.nl,Bakkerij Test,Eigenaar,12 Mar 2024\nJoost,,https://www.linkedin.com/in/\
         joost-example,,Voorbeeld BV,Inkoper,01 Jan 2025\n",
    );
    let test = shop();
    let out = test.ok(&[
        "import",
        &file.display().to_string(),
        "--map",
        "First Name+Last Name=name",
        "--skip-unmapped",
    ]);
    assert!(
        out.contains("header found on row 4; the rows above it (1, 2) were left out"),
        "{out}"
    );
    let names: Vec<Value> = records(&test).iter().map(|r| r["name"].clone()).collect();
    assert_eq!(names, ["Anna de Vries", "Joost"]);
}

/// Issue 12: every row invalid under `--on-invalid skip` imports nothing: exit 1, and the
/// vault is byte-identical.
#[test]
fn an_import_of_nothing_fails_and_leaves_the_vault_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_csv(dir.path(), "bad.csv", "Naam,E-mail\nJan,geen-adres\n");
    let test = shop();
    let file = file.display().to_string();
    let stderr = refused(&test, &["import", &file, "--on-invalid", "skip"], 1);
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
}
