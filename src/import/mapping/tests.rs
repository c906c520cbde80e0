use super::*;
use crate::import::reader::{Note, NumberList};

fn spec(name: &str, field_type: FieldType, required: bool) -> FieldSpec {
    FieldSpec {
        name: name.to_owned(),
        field_type,
        label: None,
        label_en: None,
        required,
    }
}

fn shop() -> Vec<FieldSpec> {
    let mut email = spec("email", FieldType::Email, false);
    email.label = Some("E-mailadres".to_owned());
    vec![
        email,
        spec("name", FieldType::Text, true),
        spec("phone", FieldType::Phone, false),
        spec("city", FieldType::Text, false),
    ]
}

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|h| (*h).to_owned()).collect()
}

fn targets(mapping: &Mapping) -> Vec<(String, Option<String>, How)> {
    mapping
        .columns
        .iter()
        .map(|c| (c.column.clone(), c.field.clone(), c.how))
        .collect()
}

#[test]
fn headers_map_by_name_label_and_synonym() {
    let mapping = resolve(
        &headers(&["NAAM", " E-mailadres\u{a0}", "Mobiel", "Woonplaats"]),
        &shop(),
        &MappingSpec::default(),
        &[],
    )
    .unwrap();
    let t = targets(&mapping);
    assert_eq!(t[0].1.as_deref(), Some("name"));
    assert_eq!(t[0].2, How::Synonym);
    assert_eq!(t[1].1.as_deref(), Some("email"));
    assert_eq!(t[1].2, How::FieldName);
    assert_eq!(t[2].1.as_deref(), Some("phone"));
    assert_eq!(t[3].1.as_deref(), Some("city"));
}

#[test]
fn a_field_name_beats_a_synonym_and_a_tie_maps_neither() {
    let fields = shop();
    let error = resolve(
        &headers(&["name", "email", "E-mail", "Telefoon", "Tel"]),
        &fields,
        &MappingSpec::default(),
        &["import".to_owned(), "f.csv".to_owned()],
    )
    .unwrap_err();
    let Error::UnmappedColumns {
        columns,
        positions,
        command,
        free_fields,
    } = error
    else {
        panic!("{error}")
    };
    assert_eq!(columns, ["E-mail", "Telefoon", "Tel"]);
    assert_eq!(positions, [3, 4, 5]);
    assert_eq!(
        command.as_deref(),
        Some("kluis import f.csv --skip E-mail --skip Telefoon --skip Tel")
    );
    assert_eq!(free_fields, ["phone", "city"]);
}

/// Regression: Outlook's "Mobile Phone" and "Primary Phone" tied, so the phone field got
/// neither; a mobile column is the one that reaches the person.
#[test]
fn a_mobile_column_is_preferred_over_a_landline_and_says_so() {
    let fields = shop();
    let spec = MappingSpec {
        skip_unmapped: true,
        ..MappingSpec::default()
    };
    let mapping = resolve(
        &headers(&["name", "Home Phone", "Primary Phone", "Mobile Phone"]),
        &fields,
        &spec,
        &[],
    )
    .unwrap();
    let phone: Vec<(&str, How)> = mapping
        .columns
        .iter()
        .filter(|c| c.field.as_deref() == Some("phone"))
        .map(|c| (c.column.as_str(), c.how))
        .collect();
    assert_eq!(phone, [("Mobile Phone", How::MobileFirst)]);
}

#[test]
fn the_suggested_command_quotes_for_a_posix_shell() {
    let error = resolve(
        &headers(&["name", "Klant's notitie", "#7", "-x"]),
        &shop(),
        &MappingSpec::default(),
        &["import".to_owned(), "mijn klanten.csv".to_owned()],
    )
    .unwrap_err();
    let Error::UnmappedColumns { command, .. } = error else {
        panic!("{error}")
    };
    assert_eq!(
        command.as_deref(),
        Some("kluis import 'mijn klanten.csv' --skip 'Klant'\\''s notitie' --skip '#7' --skip=-x")
    );
}

#[test]
fn explicit_maps_and_skips_win_and_unknown_names_are_refused() {
    let mut spec_ = MappingSpec::default();
    spec_.add_maps(&["Klant=name", "#3=phone"]).unwrap();
    spec_.add_skips(&["mobiel"]);
    let mapping = resolve(
        &headers(&["Klant", "Mobiel", "Tel (werk)"]),
        &shop(),
        &spec_,
        &[],
    )
    .unwrap();
    let t = targets(&mapping);
    assert_eq!(t[0], ("Klant".into(), Some("name".into()), How::Mapped));
    assert_eq!(t[1], ("Mobiel".into(), None, How::Skipped));
    assert_eq!(
        t[2],
        ("Tel (werk)".into(), Some("phone".into()), How::ByPosition)
    );

    let mut bad = MappingSpec::default();
    bad.add_maps(&["Klant=shoe_size"]).unwrap();
    let error = resolve(&headers(&["Klant"]), &shop(), &bad, &[]).unwrap_err();
    assert!(matches!(error, Error::UnknownField { .. }), "{error}");
    let mut bad = MappingSpec::default();
    bad.add_maps(&["Nope=name"]).unwrap();
    let error = resolve(&headers(&["Klant"]), &shop(), &bad, &[]).unwrap_err();
    assert!(matches!(error, Error::UnknownColumn { .. }), "{error}");
    assert!(matches!(
        MappingSpec::default().add_maps(&["no equals sign"]),
        Err(Error::BadMap { position: 1 })
    ));
}

#[test]
fn duplicate_headers_need_positions() {
    let names = headers(&["Name", "Email", "email ", "Phone"]);
    let error = resolve(&names, &shop(), &MappingSpec::default(), &[]).unwrap_err();
    assert!(
        matches!(error, Error::DuplicateHeader { ref positions, .. } if positions == &[2, 3]),
        "{error}"
    );
    let mut by_name = MappingSpec::default();
    by_name.add_maps(&["Email=email"]).unwrap();
    let error = resolve(&names, &shop(), &by_name, &[]).unwrap_err();
    assert!(matches!(error, Error::AmbiguousColumn { .. }), "{error}");
    let mut by_position = MappingSpec::default();
    by_position.add_maps(&["#2=email"]).unwrap();
    by_position.add_skips(&["#3"]);
    let mapping = resolve(&names, &shop(), &by_position, &[]).unwrap();
    assert_eq!(mapping.columns[1].field.as_deref(), Some("email"));
    assert_eq!(mapping.columns[2].field, None);
    // Saved by position, so reuse is unambiguous.
    let file = mapping.to_file();
    assert_eq!(file.map["#2"], "email");
    assert_eq!(file.skip, ["#3"]);
}

#[test]
fn two_columns_into_one_field_and_missing_required_fields_are_refused() {
    let mut twice = MappingSpec::default();
    twice.add_maps(&["A=phone", "B=phone"]).unwrap();
    let error = resolve(&headers(&["Name", "A", "B"]), &shop(), &twice, &[]).unwrap_err();
    assert!(matches!(error, Error::FieldMappedTwice { .. }), "{error}");
    let error = resolve(&headers(&["Email"]), &shop(), &MappingSpec::default(), &[]).unwrap_err();
    assert!(
        matches!(error, Error::RequiredNotMapped { ref field } if field == "name"),
        "{error}"
    );
}

#[test]
fn skip_unmapped_drops_the_rest_and_a_saved_mapping_round_trips() {
    let names = headers(&["Name", "Shoe size", "Email"]);
    let mapping = resolve(
        &names,
        &shop(),
        &MappingSpec {
            skip_unmapped: true,
            ..MappingSpec::default()
        },
        &[],
    )
    .unwrap();
    assert_eq!(mapping.columns[1].how, How::SkippedUnmapped);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mapping.json");
    mapping.to_file().save(&path).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let mut reused = MappingSpec::default();
    reused.add_file(&MappingFile::load(&path).unwrap());
    let again = resolve(&names, &shop(), &reused, &[]).unwrap();
    assert_eq!(
        again.columns.iter().map(|c| &c.field).collect::<Vec<_>>(),
        mapping.columns.iter().map(|c| &c.field).collect::<Vec<_>>()
    );
}

/// A table with `header` and rows of the same width, for [`confirm_header`].
fn table_of(header: &[&str], rows: &[&[&str]]) -> crate::import::reader::Table {
    crate::import::reader::Table::from_rows(
        headers(header),
        rows.iter()
            .enumerate()
            .map(|(index, row)| (index + 2, headers(row)))
            .collect(),
    )
}

#[test]
fn a_header_is_confirmed_by_two_column_names_or_the_users_own_words() {
    let fields = shop();
    let none = MappingSpec::default();
    let unconfirmed = |header: &[&str], rows: &[&[&str]], spec: &MappingSpec| {
        confirm_header(&table_of(header, rows), &fields, spec, &[]).is_err()
    };
    let row: &[&str] = &["x", "y", "z"];
    assert!(unconfirmed(
        &["Anna de Vries", "Kerkstraat 1", "Utrecht"],
        &[row],
        &none
    ));
    assert!(unconfirmed(&["#1", "#2"], &[&["x", "y"]], &none));
    assert!(
        !unconfirmed(&["Klant", "E-mailadres", "city"], &[row], &none),
        "label, name"
    );
    assert!(
        !unconfirmed(&["Naam", "Woonplaats", "Wijk"], &[row], &none),
        "synonyms"
    );
    assert!(
        !unconfirmed(&["Naam", "Klantnummer"], &[&["x", "y"]], &none),
        "one of two"
    );
    // As exports write them: underscores, a colon, a name inside more words.
    assert!(!unconfirmed(
        &["FIRST_NAME", "EMAIL_ADDRESS", "x"],
        &[row],
        &none
    ));
    assert!(!unconfirmed(&["E-mail:", "Naam:", "x"], &[row], &none));
    assert!(!unconfirmed(
        &["Emailadres klant", "Naam klant", "x"],
        &[row],
        &none
    ));

    // Regression: one header-looking value in a customer's row ("Email" as a contact
    // preference, "Mobile" as a city) made the row a header, and the customer was lost.
    let customer = ["Jan Jansen", "Kerkstraat 5", "Utrecht", "Email"];
    assert!(unconfirmed(
        &customer,
        &[&["Piet", "Laan 3", "Ede", "Post"]],
        &none
    ));
    let city = ["Jan Jansen", "Kerkstraat 5", "Mobile", "x"];
    assert!(unconfirmed(
        &city,
        &[&["Piet", "Laan 3", "Ede", "y"]],
        &none
    ));
    // A header cell that is also a value in its own column is a value.
    let both = ["Naam", "Email"];
    assert!(unconfirmed(
        &both,
        &[&["Naam", "Post"], &["Piet", "Email"]],
        &none
    ));

    let mut spec = MappingSpec::default();
    spec.add_maps(&["Klant=name"]).unwrap();
    assert!(
        !unconfirmed(&["Klant", "Wijk"], &[&["x", "y"]], &spec),
        "--map by name"
    );
    let mut spec = MappingSpec::default();
    spec.add_maps(&["Eerste+Tweede=name"]).unwrap();
    assert!(
        !unconfirmed(&["Eerste", "Tweede"], &[&["x", "y"]], &spec),
        "joined"
    );
    let mut spec = MappingSpec::default();
    spec.add_maps(&["Straat+huisnr=address"]).unwrap();
    assert!(
        !unconfirmed(&["Straat+huisnr", "Wijk"], &[&["x", "y"]], &spec),
        "a + header"
    );
    let mut spec = MappingSpec::default();
    spec.add_skips(&["Wijk"]);
    assert!(
        !unconfirmed(&["Klant", "Wijk"], &[&["x", "y"]], &spec),
        "--skip by name"
    );
    let mut spec = MappingSpec::default();
    spec.add_maps(&["#1=name", "Nergens=city"]).unwrap();
    assert!(
        unconfirmed(&["Klant", "Wijk"], &[&["x", "y"]], &spec),
        "by position only"
    );
    let consent = table_of(&["Klant", "Brief"], &[&["x", "ja"]]);
    assert!(
        confirm_header(&consent, &fields, &none, &["Brief"]).is_ok(),
        "consent"
    );
    let error = confirm_header(
        &table_of(&["Anna", "Utrecht"], &[&["x", "y"]]),
        &fields,
        &none,
        &[],
    )
    .unwrap_err();
    assert!(!error.to_string().contains("Anna"), "{error}");
}

/// A table of `names` as its header and no rows.
fn header_only(names: &[&str]) -> Table {
    Table::from_rows(headers(names), Vec::new())
}

#[test]
fn a_header_row_of_data_is_refused_without_echoing_it() {
    let error = refuse_data_as_header(&header_only(&["Jan", "jan@example.nl"])).unwrap_err();
    assert!(matches!(
        error,
        Error::HeaderLooksLikeData { column: 2, row: 1 }
    ));
    assert!(!error.to_string().contains("jan@"));
    assert!(
        error
            .to_string()
            .starts_with("the first row looks like data")
    );
    for row in [
        &["Jack's Casino", "Tongerloplein 8", "4701 HV  Roosendaal"][..],
        &["Klant", "Woont in 1234AB"],
        &["Naam", "Lidnr 0700001"],
        &["Naam", "mail: jan@example.nl"],
    ] {
        assert!(refuse_data_as_header(&header_only(row)).is_err(), "{row:?}");
    }
    refuse_data_as_header(&header_only(&[
        "Name",
        "E-mail",
        "Phone 1 - Value",
        "Postcode",
        "E-mail 2 Address",
        "Lidnr. Fotobond",
        "Address 1 - PO Box",
        "Telefoon (@werk)",
    ]))
    .unwrap();
}

/// Regression: a header given with `--header-row 3` that held data was called "the first
/// row" in the error.
#[test]
fn a_header_below_the_first_row_is_named_by_its_row() {
    let mut table = header_only(&["Naam", "jan@example.nl"]);
    table.notes.push(Note::HeaderRowGiven {
        row: 3,
        above: NumberList::all(vec![1, 2]),
    });
    let error = refuse_data_as_header(&table).unwrap_err();
    assert!(matches!(
        error,
        Error::HeaderLooksLikeData { column: 2, row: 3 }
    ));
    assert!(
        error.to_string().starts_with("row 3 looks like data"),
        "{error}"
    );
}

#[test]
fn the_guess_is_what_resolve_maps_by_itself() {
    let names = headers(&["NAAM", "E-mailadres", "Schoenmaat", "Mobiel", "Mobiel"]);
    let guessed = guess(&names, &shop());
    assert_eq!(
        guessed,
        [
            Some("name".to_owned()),
            Some("email".to_owned()),
            None,
            None,
            None
        ]
    );
}

#[test]
fn choices_make_a_mapping_by_position_and_an_open_column_is_refused() {
    let names = headers(&["Naam", "Mail", "Mail", "Notitie"]);
    let chosen = |last: Choice| {
        from_choices(
            &names,
            &shop(),
            &[
                Choice::Field("name".into()),
                Choice::Field("email".into()),
                Choice::Drop,
                last,
            ],
        )
    };
    let mapping = chosen(Choice::Drop).unwrap();
    let t = targets(&mapping);
    assert_eq!(t[1].1.as_deref(), Some("email"));
    assert_eq!((t[2].1.as_deref(), t[3].1.as_deref()), (None, None));
    let error = chosen(Choice::Open).unwrap_err();
    let Error::UnmappedColumns {
        positions, command, ..
    } = &error
    else {
        panic!("{error}")
    };
    assert_eq!((positions.as_slice(), command), (&[4][..], &None));
    let error = chosen(Choice::Field("name".into())).unwrap_err();
    assert!(
        matches!(&error, Error::FieldMappedTwice { positions, .. } if positions == &[1, 4]),
        "{error}"
    );
    let error = chosen(Choice::Field("shoe_size".into())).unwrap_err();
    assert!(matches!(error, Error::UnknownField { .. }), "{error}");
}
