use super::*;
use crate::import::mapping::{ColumnPlan, How};
use crate::records::testing::{T0, at, shop};

fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
    Table::from_rows(
        headers.iter().map(|h| (*h).to_owned()).collect(),
        rows.iter()
            .enumerate()
            .map(|(i, cells)| (i + 2, cells.iter().map(|c| (*c).to_owned()).collect()))
            .collect(),
    )
}

/// Maps each header to the field of the same name.
fn identity(table: &Table) -> Mapping {
    Mapping {
        columns: table
            .headers
            .iter()
            .enumerate()
            .map(|(index, h)| ColumnPlan {
                index,
                column: h.clone(),
                field: Some(h.clone()),
                how: How::FieldName,
            })
            .collect(),
    }
}

fn options(on_invalid: OnInvalid, on_duplicate: OnDuplicate) -> Options {
    Options {
        on_invalid,
        on_duplicate,
        consents: Vec::new(),
        row_consent: Default::default(),
        source: "import:CSV".into(),
        date_order: None,
        now: at(T0),
    }
}

fn values(conn: &Connection, field: &str) -> Vec<String> {
    let id: i64 = conn
        .query_row("SELECT id FROM fields WHERE name = ?1", [field], |row| {
            row.get(0)
        })
        .unwrap();
    let column = crate::schema::value_column(id);
    conn.prepare(&format!(
        "SELECT {column} FROM records WHERE {column} IS NOT NULL ORDER BY id"
    ))
    .unwrap()
    .query_map([], |row| row.get(0))
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

#[test]
fn valid_rows_are_normalised_and_stored_as_text() {
    let (conn, schema) = shop();
    let t = table(
        &["name", "email", "phone"],
        &[
            &["=1+1", "Jan@Example.NL", "06-12345678"],
            &["Piet", "", "+31612345679"],
            &["", "", ""],
        ],
    );
    let outcome = run(
        &conn,
        &schema,
        &t,
        &identity(&t),
        &options(OnInvalid::Reject, OnDuplicate::Skip),
        &mut |_| std::ops::ControlFlow::Continue(()),
    )
    .unwrap();
    assert_eq!(outcome.imported, 2);
    assert_eq!(outcome.empty_rows, 1);
    assert_eq!(values(&conn, "name"), ["=1+1", "Piet"]);
    assert_eq!(values(&conn, "email"), ["Jan@example.nl"]);
    assert_eq!(values(&conn, "phone"), ["+31612345678", "+31612345679"]);
}

/// The checking thread builds each record's search key: an imported record is found by its
/// values as `find` reads them (accents, case, a phone as typed), in the field they are in.
#[test]
fn imported_records_are_found_by_their_values() {
    use crate::records::search::{Query, search};
    let (conn, schema) = shop();
    let t = table(
        &["name", "email", "phone"],
        &[
            &["Zoë de Vries", "zoe@example.nl", "06-12345678"],
            &["Piet", "piet@example.nl", ""],
        ],
    );
    run_with(&conn, &schema, &t, None).unwrap();
    let found = |text: &str, fields: &[String]| -> Vec<i64> {
        let query = Query {
            text,
            fields,
            limit: None,
        };
        let found = search(&conn, &schema, &query).unwrap();
        found.records.iter().map(|record| record.id).collect()
    };
    assert_eq!(found("ZOE VRIES", &[]), [1]);
    assert_eq!(found("0612345678", &[]), [1]);
    assert_eq!(found("piet", &["email".to_owned()]), [2]);
    assert_eq!(found("piet", &["phone".to_owned()]), Vec::<i64>::new());
}

#[test]
fn reject_reports_row_column_and_rule_but_never_the_value() {
    let (conn, schema) = shop();
    let t = table(
        &["name", "email"],
        &[
            &["Jan", "jan@example.nl"],
            &["Piet", "geheim-adres-zonder-apenstaart"],
            &["", "kim@example.nl"],
        ],
    );
    let error = run(
        &conn,
        &schema,
        &t,
        &identity(&t),
        &options(OnInvalid::Reject, OnDuplicate::Skip),
        &mut |_| std::ops::ControlFlow::Continue(()),
    )
    .unwrap_err();
    let Error::InvalidRows {
        ref problems,
        total,
        rows,
    } = error
    else {
        panic!("{error}")
    };
    assert_eq!((total, rows), (2, 2));
    assert_eq!(problems[0].row, 3);
    assert_eq!(problems[0].column, "email");
    assert!(problems[0].rule.to_string().contains("missing '@'"));
    assert_eq!(problems[1].row, 4);
    assert!(problems[1].rule.to_string().contains("required"));
    let text = error.to_string();
    assert!(!text.contains("geheim"), "{text}");
    assert!(text.contains("row 3, column \"email\""), "{text}");
}

#[test]
fn problems_are_listed_up_to_fifty_and_counted() {
    let (conn, schema) = shop();
    let rows: Vec<[&str; 2]> = (0..120).map(|_| ["Jan", "fout"]).collect();
    let rows: Vec<&[&str]> = rows.iter().map(|r| &r[..]).collect();
    let t = table(&["name", "email"], &rows);
    let error = run(
        &conn,
        &schema,
        &t,
        &identity(&t),
        &options(OnInvalid::Reject, OnDuplicate::Skip),
        &mut |_| std::ops::ControlFlow::Continue(()),
    )
    .unwrap_err();
    let text = error.to_string();
    assert_eq!(text.matches("\n  row ").count(), 50, "{text}");
    assert!(text.ends_with("… and 70 more"), "{text}");
}

#[test]
fn skip_imports_the_valid_rows_and_names_the_others() {
    let (conn, schema) = shop();
    let t = table(
        &["name", "phone"],
        &[&["Jan", "06-12345678"], &["Piet", "12"], &["Kim", ""]],
    );
    let outcome = run(
        &conn,
        &schema,
        &t,
        &identity(&t),
        &options(OnInvalid::Skip, OnDuplicate::Skip),
        &mut |_| std::ops::ControlFlow::Continue(()),
    )
    .unwrap();
    assert_eq!(outcome.imported, 2);
    assert_eq!(outcome.skipped_invalid, 1);
    assert_eq!(outcome.skipped_rows, [3]);
    assert_eq!(values(&conn, "name"), ["Jan", "Kim"]);
}

#[test]
fn duplicates_by_email_ignore_case_and_follow_the_policy() {
    for (policy, imported, updated, names) in [
        (OnDuplicate::Skip, 1, 0, vec!["Bestaand", "Jan"]),
        (OnDuplicate::Update, 1, 2, vec!["Jan Nieuw", "Jan"]),
        (
            OnDuplicate::KeepBoth,
            3,
            0,
            vec!["Bestaand", "Jan", "Jan Nieuw", "Jan Dubbel"],
        ),
    ] {
        let (conn, schema) = shop();
        record::add(
            &conn,
            &schema,
            &[
                ("name".to_owned(), "Bestaand".to_owned()),
                ("email".to_owned(), "oud@example.nl".to_owned()),
            ],
            at(T0),
        )
        .unwrap();
        let t = table(
            &["name", "email"],
            &[
                &["Jan", "jan@example.nl"],
                &["Jan Nieuw", "OUD@example.nl"],
                &["Jan Dubbel", "JAN@EXAMPLE.NL"],
            ],
        );
        let outcome = run(
            &conn,
            &schema,
            &t,
            &identity(&t),
            &options(OnInvalid::Reject, policy),
            &mut |_| std::ops::ControlFlow::Continue(()),
        )
        .unwrap();
        assert_eq!(outcome.duplicates, 2, "{policy:?}");
        assert_eq!(outcome.imported, imported, "{policy:?}");
        assert_eq!(outcome.updated, updated, "{policy:?}");
        let mut stored = values(&conn, "name");
        if policy == OnDuplicate::Update {
            // The second duplicate updated the first imported record.
            assert_eq!(stored, ["Jan Nieuw", "Jan Dubbel"]);
            stored = names.iter().map(|s| (*s).to_owned()).collect();
        }
        assert_eq!(stored, names, "{policy:?}");
    }
}

#[test]
fn consent_is_recorded_with_the_import_as_source() {
    let (conn, schema) = shop();
    let t = table(&["name"], &[&["Jan"], &["Piet"]]);
    let mut opts = options(OnInvalid::Reject, OnDuplicate::Skip);
    opts.consents = vec!["newsletter".into()];
    let outcome = run(&conn, &schema, &t, &identity(&t), &opts, &mut |_| {
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(outcome.consents_given, 2);
    let sources: Vec<String> = conn
        .prepare("SELECT source FROM consents ORDER BY record_id")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(sources, ["import", "import"]);
    opts.consents = vec!["customer-admin".into()];
    let error = run(&conn, &schema, &t, &identity(&t), &opts, &mut |_| {
        std::ops::ControlFlow::Continue(())
    })
    .unwrap_err();
    assert!(matches!(error, Error::Consent { .. }), "{error}");
    opts.consents = vec!["nope".into()];
    let error = run(&conn, &schema, &t, &identity(&t), &opts, &mut |_| {
        std::ops::ControlFlow::Continue(())
    })
    .unwrap_err();
    assert!(matches!(error, Error::Consent { .. }), "{error}");
}

#[test]
fn an_update_by_import_is_logged_as_coming_from_the_import() {
    let (conn, schema) = shop();
    let t = table(
        &["name", "email"],
        &[
            &["Jan", "jan@example.nl"],
            &["Jan de Vries", "JAN@example.nl"],
        ],
    );
    let opts = options(OnInvalid::Reject, OnDuplicate::Update);
    run(&conn, &schema, &t, &identity(&t), &opts, &mut |_| {
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    let edits = crate::records::audit::entries(&conn, None)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "edit")
        .collect::<Vec<_>>();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].detail.as_deref(), Some("via import"));
}

#[test]
fn an_import_logs_one_add_entry_for_the_records_it_created() {
    let (conn, schema) = shop();
    let t = table(
        &["name", "email"],
        &[
            &["Jan", "jan@example.nl"],
            &["Piet", ""],
            &["Kees", "kees@example.nl"],
        ],
    );
    let opts = options(OnInvalid::Reject, OnDuplicate::Skip);
    run(&conn, &schema, &t, &identity(&t), &opts, &mut |_| {
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    let log = audit::entries(&conn, None).unwrap();
    let adds: Vec<_> = log.iter().filter(|e| e.action == "add").collect();
    assert_eq!(adds.len(), 1, "{log:?}");
    assert_eq!((adds[0].record, adds[0].record_last), (Some(1), Some(3)));
    assert_eq!(adds[0].fields, ["email", "name"]);
    assert_eq!(adds[0].detail.as_deref(), Some("via import:CSV"));
    for id in 1..=3 {
        assert_eq!(audit::entries(&conn, Some(id)).unwrap().len(), 1, "{id}");
    }
}

/// An imported record is logged in a range entry; erasing it must still count as the
/// subject's request, so `purge` later erases what `delete` kept for the legal obligation.
#[test]
fn deleting_an_imported_record_counts_as_an_erasure_request() {
    let (conn, schema) = shop();
    let t = table(&["name"], &[&["Jan"], &["Piet"]]);
    let opts = options(OnInvalid::Reject, OnDuplicate::Skip);
    run(&conn, &schema, &t, &identity(&t), &opts, &mut |_| {
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    let erasure = crate::records::erase::delete(&conn, &schema, 2, false, at(T0)).unwrap();
    assert!(!erasure.record_erased, "name is kept for bookkeeping");
    let requested = crate::records::retention::erased_on_request(&conn).unwrap();
    assert_eq!(requested.into_iter().collect::<Vec<_>>(), [2]);
}

#[test]
fn explicit_consent_value_needs_recorded_consent_on_import() {
    let (conn, _) = shop();
    let id = crate::records::testing::field(&conn, "allergies", "text", false, &["customer-admin"]);
    conn.execute(
        "UPDATE fields SET special = 'health', art9 = 'explicit-consent' WHERE id = ?1",
        [id],
    )
    .unwrap();
    let schema = SchemaView::load(&conn).unwrap();
    let marker = "pinda-Zq7";
    let t = table(&["name", "allergies"], &[&["Jan", marker], &["Piet", ""]]);
    let error = run(
        &conn,
        &schema,
        &t,
        &identity(&t),
        &options(OnInvalid::Reject, OnDuplicate::Skip),
        &mut |_| std::ops::ControlFlow::Continue(()),
    )
    .unwrap_err();
    let Error::InvalidRows { problems, .. } = &error else {
        panic!("{error}");
    };
    assert_eq!(
        (problems[0].row, problems[0].column.as_str()),
        (2, "allergies")
    );
    assert!(
        problems[0]
            .rule
            .to_string()
            .contains("--consent customer-admin"),
        "{error}"
    );
    assert!(!error.to_string().contains(marker));

    let skipped = run(
        &conn,
        &schema,
        &t,
        &identity(&t),
        &options(OnInvalid::Skip, OnDuplicate::Skip),
        &mut |_| std::ops::ControlFlow::Continue(()),
    )
    .unwrap();
    assert_eq!(
        (skipped.imported, skipped.skipped_rows.clone()),
        (1, vec![2])
    );

    let mut opts = options(OnInvalid::Reject, OnDuplicate::KeepBoth);
    opts.consents = vec!["customer-admin".into()];
    let outcome = run(&conn, &schema, &t, &identity(&t), &opts, &mut |_| {
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!((outcome.imported, outcome.consents_given), (2, 2));
    assert_eq!(values(&conn, "allergies"), [marker]);
}

/// The shop with a birthday, a postcode and a country field.
fn shop_abroad() -> (Connection, SchemaView) {
    let (conn, _) = shop();
    for (name, kind) in [
        ("birthday", "date"),
        ("postcode", "postcode"),
        ("country", "country"),
    ] {
        crate::records::testing::field(&conn, name, kind, false, &["customer-admin"]);
    }
    let schema = SchemaView::load(&conn).unwrap();
    (conn, schema)
}

fn run_with(
    conn: &Connection,
    schema: &SchemaView,
    t: &Table,
    date_order: Option<DateOrder>,
) -> Result<Outcome, Error> {
    let options = Options {
        date_order,
        ..options(OnInvalid::Reject, OnDuplicate::Skip)
    };
    run(conn, schema, t, &identity(t), &options, &mut |_| {
        std::ops::ControlFlow::Continue(())
    })
}

#[test]
fn outlooks_zero_dates_import_as_empty_regression_empty_markers() {
    let (conn, schema) = shop_abroad();
    let t = table(
        &["name", "birthday"],
        &[
            &["Jan", "0/0/00"],
            &["Piet", "0-0-00"],
            &["Kees", "13-2-1980"],
        ],
    );
    let outcome = run_with(&conn, &schema, &t, None).unwrap();
    assert_eq!(outcome.imported, 3);
    assert_eq!(values(&conn, "birthday"), ["1980-02-13"]);
}

#[test]
fn a_us_date_column_is_read_month_first_for_every_row_regression_us_dates() {
    let (conn, schema) = shop_abroad();
    let t = table(
        &["name", "birthday"],
        &[
            &["Jan", "3/4/1975"],
            &["Piet", "5/17/1980"],
            &["Kees", "12/1/80"],
        ],
    );
    let outcome = run_with(&conn, &schema, &t, None).unwrap();
    assert_eq!(
        values(&conn, "birthday"),
        ["1975-03-04", "1980-05-17", "1980-12-01"]
    );
    assert_eq!(
        outcome.value_notes,
        [ValueNote::DateOrder {
            column: "birthday".into(),
            order: DateOrder::Mdy,
            decided_by: DecidedBy::Values,
        }]
    );
}

#[test]
fn an_ambiguous_date_column_asks_for_the_order_and_is_never_guessed() {
    let (conn, schema) = shop_abroad();
    let t = table(
        &["name", "birthday"],
        &[&["Jan", "3/4/1975"], &["Piet", "1-1-1980"]],
    );
    let error = run_with(&conn, &schema, &t, None).unwrap_err();
    assert!(
        matches!(&error, Error::DateOrderAmbiguous { columns } if columns == &["birthday"]),
        "{error}"
    );
    assert!(values(&conn, "birthday").is_empty());
    run_with(&conn, &schema, &t, Some(DateOrder::Dmy)).unwrap();
    assert_eq!(values(&conn, "birthday"), ["1975-04-03", "1980-01-01"]);
}

#[test]
fn a_column_with_both_orders_is_refused_naming_it_and_the_rows() {
    let (conn, schema) = shop_abroad();
    let t = table(
        &["name", "birthday"],
        &[
            &["Jan", "17/5/1980"],
            &["Piet", "1980-01-01"],
            &["Kees", "5/17/1980"],
        ],
    );
    let error = run_with(&conn, &schema, &t, None).unwrap_err();
    assert!(
        matches!(
            &error,
            Error::DateOrderConflict { column, day_first_row: 2, month_first_row: 4 }
                if column == "birthday"
        ),
        "{error}"
    );
    assert!(!error.to_string().contains("1980"), "{error}");
}

#[test]
fn the_date_order_option_holds_for_every_row_and_a_value_against_it_is_invalid() {
    let (conn, schema) = shop_abroad();
    let t = table(
        &["name", "birthday"],
        &[&["Jan", "3/4/1975"], &["Piet", "17/5/1980"]],
    );
    let error = run_with(&conn, &schema, &t, Some(DateOrder::Mdy)).unwrap_err();
    let Error::InvalidRows { problems, .. } = error else {
        panic!("{error}")
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].row, 3);
}

#[test]
fn written_and_two_digit_dates_import_regression_written_dates() {
    let (conn, schema) = shop_abroad();
    let t = table(
        &["name", "birthday"],
        &[
            &["Jan", "1 januari 1980"],
            &["Piet", "12 mrt. 1975"],
            &["Kees", "29-02-84"],
            &["Els", "29221"],
        ],
    );
    run_with(&conn, &schema, &t, None).unwrap();
    assert_eq!(
        values(&conn, "birthday"),
        ["1980-01-01", "1975-03-12", "1984-02-29", "1980-01-01"]
    );
}

#[test]
fn postcodes_and_phones_follow_the_rows_country_regression_foreign_postcodes() {
    let (conn, schema) = shop_abroad();
    let t = table(
        &["name", "postcode", "phone", "country"],
        &[
            &["Jan", "1234-AB", "06-12345678", ""],
            &["Lien", "2000", "0470 12 34 56", "België"],
            &["Uwe", "48163", "030 1234567", "de"],
            &["Ann", "1234ab", "+31 6 12345679", "Netherlands"],
        ],
    );
    run_with(&conn, &schema, &t, None).unwrap();
    assert_eq!(
        values(&conn, "postcode"),
        ["1234 AB", "2000", "48163", "1234 AB"]
    );
    assert_eq!(
        values(&conn, "phone"),
        [
            "+31612345678",
            "+32470123456",
            "+49301234567",
            "+31612345679"
        ]
    );
    assert_eq!(values(&conn, "country"), ["BE", "DE", "NL"]);
}

#[test]
fn a_belgian_postcode_without_a_country_is_read_as_dutch_and_refused() {
    let (conn, schema) = shop_abroad();
    let t = table(&["name", "postcode"], &[&["Lien", "2000"]]);
    let error = run_with(&conn, &schema, &t, None).unwrap_err();
    assert!(error.to_string().contains("postcode"), "{error}");
}

#[test]
fn several_values_take_the_first_with_a_note_regression_google_several_values() {
    let (conn, schema) = shop_abroad();
    let t = table(
        &["name", "phone", "email"],
        &[
            &[
                "Jan",
                "06-12345678 ::: 020-1234567",
                "jan@example.nl ::: j@example.com",
            ],
            &["Piet", "06-12345679", "piet@example.nl"],
            &["Kees", "'06-12345670 ::: 06-12345671", ""],
        ],
    );
    let outcome = run_with(&conn, &schema, &t, None).unwrap();
    assert_eq!(
        values(&conn, "phone"),
        ["+31612345678", "+31612345679", "+31612345670"]
    );
    assert_eq!(
        values(&conn, "email"),
        ["jan@example.nl", "piet@example.nl"]
    );
    assert_eq!(
        outcome.value_notes,
        [
            ValueNote::SeveralValues {
                column: "phone".into(),
                rows: 2
            },
            ValueNote::SeveralValues {
                column: "email".into(),
                rows: 1
            },
        ]
    );
}

#[test]
fn spreadsheet_apostrophes_and_decomposed_names_are_cleaned_regression_spreadsheet_artefacts() {
    let (conn, schema) = shop_abroad();
    let t = table(
        &["name", "phone", "email"],
        &[&["Zoe\u{308}", "'+31 6 12345678", "'zoe@example.nl"]],
    );
    run_with(&conn, &schema, &t, None).unwrap();
    assert_eq!(values(&conn, "name"), ["Zo\u{eb}"]);
    assert_eq!(values(&conn, "phone"), ["+31612345678"]);
    assert_eq!(values(&conn, "email"), ["zoe@example.nl"]);
}
