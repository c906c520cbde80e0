use proptest::prelude::*;

use super::*;

const ALL_TYPES: [FieldType; 9] = [
    FieldType::Text,
    FieldType::Email,
    FieldType::Phone,
    FieldType::Date,
    FieldType::Number,
    FieldType::Bool,
    FieldType::Postcode,
    FieldType::Bsn,
    FieldType::Country,
];

fn ok(field_type: FieldType, raw: &str) -> String {
    normalize(field_type, raw).unwrap_or_else(|e| panic!("{field_type:?} {raw:?}: {e}"))
}

fn rule(field_type: FieldType, raw: &str) -> &'static str {
    match normalize(field_type, raw) {
        Err(ValueError::Invalid { rule, .. }) => rule,
        other => panic!("{field_type:?} {raw:?}: expected a broken rule, got {other:?}"),
    }
}

#[test]
fn empty_and_whitespace_are_their_own_error_for_every_type() {
    for field_type in ALL_TYPES {
        for raw in ["", "   ", "\t\n"] {
            assert_eq!(
                normalize(field_type, raw),
                Err(ValueError::Empty { field_type })
            );
        }
    }
}

#[test]
fn a_leading_apostrophe_is_regression_spreadsheet_apostrophe_dropped_from_typed_values() {
    assert_eq!(ok(FieldType::Phone, "'+31 6 12345678"), "+31612345678");
    assert_eq!(ok(FieldType::Email, "'jan@example.nl"), "jan@example.nl");
    assert_eq!(ok(FieldType::Postcode, " '1234 AB"), "1234 AB");
    assert_eq!(ok(FieldType::Number, "'0012"), "12");
    assert_eq!(ok(FieldType::Text, "'t Hart"), "'t Hart", "text keeps it");
    assert_eq!(
        normalize(FieldType::Email, "'"),
        Err(ValueError::Empty {
            field_type: FieldType::Email
        })
    );
}

#[test]
fn decomposed_unicode_is_regression_nfc_stored_composed() {
    let decomposed = "Zoe\u{308}";
    assert_eq!(ok(FieldType::Text, decomposed), "Zo\u{eb}");
    assert_eq!(
        ok(FieldType::Email, "zoe\u{308}@example.nl"),
        "zo\u{eb}@example.nl"
    );
    assert_eq!(ok(FieldType::Country, "Belgie\u{308}"), "BE");
}

#[test]
fn several_values_in_one_typed_cell_are_regression_google_several_values_named_as_such() {
    for (field_type, raw) in [
        (FieldType::Phone, "06-12345678 ::: 020-1234567"),
        (FieldType::Email, "jan@example.nl ::: j@example.com"),
        (FieldType::Date, "1980-01-01 ::: 1990-01-01"),
    ] {
        let rule = rule(field_type, raw);
        assert!(rule.contains("several values"), "{rule}");
    }
    assert_eq!(
        ok(FieldType::Text, "a ::: b"),
        "a ::: b",
        "text may hold anything"
    );
}

#[test]
fn zero_dates_are_blank_only_in_date_fields() {
    assert!(is_blank(FieldType::Date, " 0/0/00 "));
    assert!(is_blank(FieldType::Date, "0-0-00"));
    assert!(is_blank(FieldType::Text, "  "));
    assert!(!is_blank(FieldType::Text, "0/0/00"));
    assert_eq!(
        normalize(FieldType::Date, "0/0/00"),
        Err(ValueError::Empty {
            field_type: FieldType::Date
        })
    );
}

#[test]
fn countries_are_stored_as_iso_codes() {
    for (raw, code) in [
        ("nl", "NL"),
        ("Nederland", "NL"),
        ("Germany", "DE"),
        ("be", "BE"),
    ] {
        assert_eq!(ok(FieldType::Country, raw), code, "{raw}");
    }
    assert!(rule(FieldType::Country, "Atlantis").starts_with("not a country"));
}

#[test]
fn the_context_country_reads_postcodes_and_national_phone_numbers() {
    let belgian = Context {
        country: "BE",
        ..Context::default()
    };
    let german = Context {
        country: "DE",
        ..Context::default()
    };
    let within = |field_type, raw, context: &Context| {
        normalize_in(field_type, raw, context).map(Cow::into_owned)
    };
    assert_eq!(
        within(FieldType::Postcode, "2000", &belgian).as_deref(),
        Ok("2000")
    );
    assert_eq!(
        within(FieldType::Postcode, "48163", &german).as_deref(),
        Ok("48163")
    );
    assert!(within(FieldType::Postcode, "2000", &Context::default()).is_err());
    assert_eq!(
        within(FieldType::Phone, "0470 12 34 56", &belgian).as_deref(),
        Ok("+32470123456")
    );
    assert_eq!(
        within(FieldType::Phone, "030 1234567", &german).as_deref(),
        Ok("+49301234567")
    );
    assert_eq!(
        within(FieldType::Phone, "+31 6 12345678", &german).as_deref(),
        Ok("+31612345678"),
        "an international number keeps its own country"
    );
}

#[test]
fn text_is_trimmed_and_keeps_newlines_and_tabs() {
    assert_eq!(ok(FieldType::Text, "  Jan de Vries "), "Jan de Vries");
    assert_eq!(
        ok(FieldType::Text, "regel 1\r\nregel\t2"),
        "regel 1\nregel\t2"
    );
    assert_eq!(ok(FieldType::Text, "=SUM(A1)"), "=SUM(A1)");
}

#[test]
fn text_refuses_control_characters() {
    assert!(rule(FieldType::Text, "a\u{7}b").contains("control character"));
    assert!(rule(FieldType::Text, "a\rb").contains("control character"));
}

#[test]
fn email_lowercases_the_domain_only() {
    assert_eq!(
        ok(FieldType::Email, " Jan.Vries@Example.NL "),
        "Jan.Vries@example.nl"
    );
    assert_eq!(
        ok(FieldType::Email, "a+tag@sub.example.co.uk"),
        "a+tag@sub.example.co.uk"
    );
}

#[test]
fn email_rules() {
    assert_eq!(rule(FieldType::Email, "jan.example.nl"), "missing '@'");
    assert_eq!(
        rule(FieldType::Email, "jan @example.nl"),
        "contains a space"
    );
    assert_eq!(
        rule(FieldType::Email, "a@b@example.nl"),
        "more than one '@'"
    );
    assert_eq!(
        rule(FieldType::Email, "@example.nl"),
        "nothing before the '@'"
    );
    assert_eq!(rule(FieldType::Email, "jan@"), "nothing after the '@'");
    assert!(rule(FieldType::Email, "jan@localhost").contains("no '.'"));
    assert!(rule(FieldType::Email, "jan@example..nl").contains("misplaced '.'"));
    assert!(rule(FieldType::Email, "jan.@example.nl").contains("misplaced '.'"));
    assert!(rule(FieldType::Email, "jan@-example.nl").contains("'-'"));
    assert!(rule(FieldType::Email, "jan@example.n1").contains("top-level"));
    assert!(rule(FieldType::Email, "jan@exa_mple.nl").contains("not allowed in the domain"));
    assert!(rule(FieldType::Email, "ja(n)@example.nl").contains("not allowed before"));
    let long = format!("jan@{}.nl", vec!["a".repeat(60); 5].join("."));
    assert_eq!(rule(FieldType::Email, &long), "longer than 254 characters");
}

#[test]
fn the_error_message_names_type_and_rule() {
    let error = normalize(FieldType::Email, "jan.example.nl").unwrap_err();
    assert_eq!(
        error.to_string(),
        "is not a valid e-mail address: missing '@'"
    );
    let error = normalize(FieldType::Bool, " ").unwrap_err();
    assert_eq!(error.to_string(), "is empty");
}

#[test]
fn phone_defaults_to_the_netherlands() {
    assert_eq!(ok(FieldType::Phone, "06-12345678"), "+31612345678");
    assert_eq!(ok(FieldType::Phone, "06 1234 5678"), "+31612345678");
    assert_eq!(ok(FieldType::Phone, "020-1234567"), "+31201234567");
    assert_eq!(ok(FieldType::Phone, "(020) 123 45 67"), "+31201234567");
}

#[test]
fn phone_keeps_foreign_numbers_and_reads_international_prefixes() {
    assert_eq!(ok(FieldType::Phone, "+32 470 12 34 56"), "+32470123456");
    assert_eq!(ok(FieldType::Phone, "0031 6 12345678"), "+31612345678");
    assert_eq!(ok(FieldType::Phone, "+31 (0)6 12345678"), "+31612345678");
    assert_eq!(ok(FieldType::Phone, "0049 30 1234567"), "+49301234567");
}

/// Every number the two tests above store, written as a person would search for it, has the
/// stored form as its search form; a start of a number gives the start of the stored form.
#[test]
fn the_search_form_of_a_phone_is_its_stored_form() {
    for typed in [
        "06-12345678",
        "06 1234 5678",
        "020-1234567",
        "(020) 123 45 67",
        "+32 470 12 34 56",
        "0031 6 12345678",
        "+31 (0)6 12345678",
        "0049 30 1234567",
    ] {
        assert_eq!(
            phone_search_form(typed, &Context::default()).as_deref(),
            Some(ok(FieldType::Phone, typed).as_str()),
            "{typed}"
        );
    }
    let dutch = Context::default();
    assert_eq!(
        phone_search_form("06-1234", &dutch).as_deref(),
        Some("+3161234")
    );
    for not_a_phone in [
        "12345678",
        "06-CALLME",
        "06+1234",
        "anna",
        "",
        "0",
        "+",
        "00",
    ] {
        assert_eq!(
            phone_search_form(not_a_phone, &dutch),
            None,
            "{not_a_phone}"
        );
    }
}

/// A national number is stored with the calling code of the record's country, so its search
/// form is too: `0470 12 34 56` in a Belgian record is `+32470123456`, not `+31…`.
#[test]
fn a_national_number_is_searched_as_its_records_country_stores_it() {
    for (country, typed) in [
        ("BE", "0470 12 34 56"),
        ("DE", "030 1234567"),
        ("NL", "06-12345678"),
        ("FR", "06 12 34 56 78"),
    ] {
        let context = Context {
            country,
            ..Context::default()
        };
        let stored = normalize_in(FieldType::Phone, typed, &context).unwrap();
        assert_eq!(
            phone_search_form(typed, &context).as_deref(),
            Some(stored.as_ref()),
            "{country} {typed}"
        );
    }
    // The shortcut that keeps the numbering plan unloaded for Dutch records agrees with it.
    let plan = phonenumber::metadata::DATABASE.by_id("NL").unwrap();
    assert_eq!(plan.country_code(), DUTCH_CALLING_CODE);
}

#[test]
fn phone_rules() {
    assert!(rule(FieldType::Phone, "06-CALLME").contains("only digits"));
    assert_eq!(rule(FieldType::Phone, "123"), "too few digits");
    let not_in_plan = "not a number that exists in its country's numbering plan";
    assert_eq!(rule(FieldType::Phone, "06-1234"), not_in_plan);
    assert_eq!(rule(FieldType::Phone, "06-123456789"), not_in_plan);
    assert_eq!(
        rule(FieldType::Phone, "+999 1234567"),
        "unknown country code"
    );
    assert_eq!(
        rule(FieldType::Phone, "0612345678901234567890"),
        "too many digits"
    );
    assert_eq!(
        rule(FieldType::Phone, "06+12345678"),
        "'+' may only come first"
    );
}

#[test]
fn date_accepts_dutch_and_iso_forms() {
    assert_eq!(ok(FieldType::Date, "31-12-1980"), "1980-12-31");
    assert_eq!(ok(FieldType::Date, "31/12/1980"), "1980-12-31");
    assert_eq!(ok(FieldType::Date, "31.12.1980"), "1980-12-31");
    assert_eq!(ok(FieldType::Date, "1980-12-31"), "1980-12-31");
    assert_eq!(ok(FieldType::Date, "1-2-1980"), "1980-02-01");
    assert_eq!(ok(FieldType::Date, "29-02-2000"), "2000-02-29");
}

#[test]
fn date_rules() {
    assert_eq!(
        rule(FieldType::Date, "29-02-1900"),
        "that day does not exist in that month"
    );
    assert_eq!(
        rule(FieldType::Date, "31-04-2020"),
        "that day does not exist in that month"
    );
    assert_eq!(
        rule(FieldType::Date, "1980-13-01"),
        "the month must be 1 to 12"
    );
    assert_eq!(
        rule(FieldType::Date, "31-12-80"),
        "the year must have four digits"
    );
    assert!(rule(FieldType::Date, "31-12/1980").starts_with("not in the form"));
    assert!(rule(FieldType::Date, "1980/12/31").starts_with("not in the form"));
    assert!(rule(FieldType::Date, "december 1980").starts_with("not in the form"));
    assert!(rule(FieldType::Date, "1980-12-31T10:00").starts_with("not in the form"));
}

#[test]
fn number_accepts_the_dutch_decimal_comma() {
    assert_eq!(ok(FieldType::Number, "12,50"), "12.5");
    assert_eq!(ok(FieldType::Number, "12.50"), "12.5");
    assert_eq!(ok(FieldType::Number, "1.234"), "1.234");
    assert_eq!(ok(FieldType::Number, "-007"), "-7");
    assert_eq!(ok(FieldType::Number, "+3"), "3");
    assert_eq!(ok(FieldType::Number, "-0,0"), "0");
    assert_eq!(ok(FieldType::Number, ",5"), "0.5");
    assert_eq!(ok(FieldType::Number, "5."), "5");
}

#[test]
fn number_rules() {
    assert!(rule(FieldType::Number, "1.234,5").contains("both '.' and ','"));
    assert!(rule(FieldType::Number, "1.234.567").contains("more than one decimal separator"));
    assert_eq!(rule(FieldType::Number, "-"), "no digits");
    assert!(rule(FieldType::Number, "1e5").contains("only digits"));
    assert!(rule(FieldType::Number, "12 500").contains("only digits"));
}

#[test]
fn bool_reads_dutch_and_english() {
    for raw in ["ja", "JA", "j", "yes", "Y", "true", "1", "waar"] {
        assert_eq!(ok(FieldType::Bool, raw), "true", "{raw}");
    }
    for raw in ["nee", "N", "no", "false", "0", "onwaar"] {
        assert_eq!(ok(FieldType::Bool, raw), "false", "{raw}");
    }
    assert!(rule(FieldType::Bool, "misschien").starts_with("not one of"));
}

#[test]
fn postcode_has_one_normal_form() {
    assert_eq!(ok(FieldType::Postcode, "1234ab"), "1234 AB");
    assert_eq!(ok(FieldType::Postcode, "1234  ab"), "1234 AB");
    assert_eq!(ok(FieldType::Postcode, " 9999 ZZ "), "9999 ZZ");
}

#[test]
fn postcode_rules() {
    assert_eq!(
        rule(FieldType::Postcode, "0123 AB"),
        "Dutch postcodes do not start with 0"
    );
    for letters in ["SA", "sd", "SS"] {
        assert!(rule(FieldType::Postcode, &format!("1234 {letters}")).contains("SA, SD and SS"));
    }
    for raw in [
        "123 AB", "12345 AB", "1234 A", "1234 ABC", "ABCD 12", "1234 ÄB", "12",
    ] {
        assert!(
            rule(FieldType::Postcode, raw).starts_with("not four digits"),
            "{raw}"
        );
    }
}

#[test]
fn bsn_passes_the_eleven_test() {
    assert_eq!(ok(FieldType::Bsn, "111222333"), "111222333");
    assert_eq!(ok(FieldType::Bsn, "1234.56.782"), "123456782");
    // 8 digits: a leading zero was lost, typically by a spreadsheet.
    assert_eq!(ok(FieldType::Bsn, "12345672"), "012345672");
}

#[test]
fn bsn_rules() {
    assert_eq!(
        rule(FieldType::Bsn, "123456789"),
        "fails the eleven test (elfproef)"
    );
    assert_eq!(rule(FieldType::Bsn, "1234567"), "must have nine digits");
    assert_eq!(rule(FieldType::Bsn, "1234567890"), "must have nine digits");
    assert_eq!(rule(FieldType::Bsn, "12345678a"), "only digits are allowed");
    assert_eq!(rule(FieldType::Bsn, "000000000"), "cannot be all zeros");
}

#[test]
fn bsn_values_are_checked_with_the_elfproef_including_a_restored_leading_zero() {
    // 9×1 + 8×1 + 7×1 + 6×2 + 5×2 + 4×2 + 3×3 + 2×3 − 1×3 = 66, a multiple of 11.
    assert_eq!(ok(FieldType::Bsn, "111 222 333"), "111222333");
    // One digit off in any place breaks the sum.
    for raw in ["111222334", "211222333", "111222433", "999999999"] {
        assert_eq!(
            rule(FieldType::Bsn, raw),
            "fails the eleven test (elfproef)",
            "{raw}"
        );
    }
    // Eight digits are accepted as a spreadsheet's lost leading zero, and only if the nine
    // digits with that zero pass the elfproef: the zero is restored, never assumed valid.
    assert_eq!(ok(FieldType::Bsn, "12345672"), "012345672");
    assert_eq!(
        rule(FieldType::Bsn, "12345678"),
        "fails the eleven test (elfproef)"
    );
    assert_eq!(rule(FieldType::Bsn, "1234567"), "must have nine digits");
}

fn assert_idempotent(field_type: FieldType, raw: &str) -> Result<(), TestCaseError> {
    if let Ok(once) = normalize(field_type, raw) {
        prop_assert_eq!(
            normalize(field_type, &once),
            Ok(once.clone()),
            "{:?}",
            field_type
        );
    }
    Ok(())
}

fn date_input() -> impl Strategy<Value = String> {
    (1u32..=31, 1u32..=13, 1000u32..=9999, 0usize..4).prop_map(|(d, m, y, form)| match form {
        0 => format!("{d:02}-{m:02}-{y}"),
        1 => format!("{d}/{m}/{y}"),
        2 => format!("{d}.{m:02}.{y}"),
        _ => format!("{y}-{m:02}-{d:02}"),
    })
}

proptest! {
    #[test]
    fn normalizing_twice_changes_nothing(raw in any::<String>()) {
        for field_type in ALL_TYPES {
            assert_idempotent(field_type, &raw)?;
        }
    }

    #[test]
    fn errors_never_contain_the_value(raw in "[A-Za-z0-9@.,:/ -]{6,30}") {
        for field_type in ALL_TYPES {
            if let Err(error) = normalize(field_type, &format!("MARKER{raw}")) {
                prop_assert!(!error.to_string().contains(&raw));
                prop_assert!(!error.to_string().contains("MARKER"));
            }
        }
    }

    #[test]
    fn emails_round_trip(raw in "[A-Za-z0-9._+-]{1,12}@[A-Za-z0-9-]{1,10}(\\.[A-Za-z]{2,4}){1,2}") {
        assert_idempotent(FieldType::Email, &raw)?;
    }

    #[test]
    fn phones_round_trip(raw in "(\\+31 ?|0031|0)[1-9][0-9 -]{7,10}") {
        assert_idempotent(FieldType::Phone, &raw)?;
    }

    /// Whenever a typed number is stored, its search form is what is stored.
    #[test]
    fn a_stored_phone_is_found_by_its_search_form(raw in "(\\+31 ?|0031 ?|0)[1-9][0-9 ./()-]{7,10}") {
        if let Ok(stored) = normalize(FieldType::Phone, &raw) {
            prop_assert_eq!(phone_search_form(&raw, &Context::default()), Some(stored), "{}", raw);
        }
    }

    #[test]
    fn dates_round_trip(raw in date_input()) {
        assert_idempotent(FieldType::Date, &raw)?;
    }

    /// Every existing day, in every accepted form, is stored as that day in ISO form; a day
    /// that does not exist is refused.
    #[test]
    fn dates_are_stored_as_the_day_they_name(
        d in 1u8..=31, m in 1u8..=12, y in 1000i32..=9999, form in 0usize..4,
    ) {
        let raw = match form {
            0 => format!("{d:02}-{m:02}-{y}"),
            1 => format!("{d}/{m}/{y}"),
            2 => format!("{d}.{m:02}.{y}"),
            _ => format!("{y}-{m:02}-{d:02}"),
        };
        let exists = time::Month::try_from(m)
            .ok()
            .and_then(|month| time::Date::from_calendar_date(y, month, d).ok())
            .is_some();
        let stored = normalize(FieldType::Date, &raw);
        if exists {
            prop_assert_eq!(stored, Ok(format!("{y:04}-{m:02}-{d:02}")));
        } else {
            prop_assert!(stored.is_err());
        }
    }

    #[test]
    fn numbers_round_trip(raw in "[+-]?[0-9]{0,6}([.,][0-9]{0,4})?") {
        assert_idempotent(FieldType::Number, &raw)?;
    }

    #[test]
    fn bools_round_trip(
        word in prop::sample::select(&["ja", "nee", "j", "n", "yes", "no", "y", "true", "false", "1", "0", "waar", "onwaar"][..]),
        upper in prop::collection::vec(any::<bool>(), 6),
    ) {
        let raw: String = word
            .chars()
            .zip(upper.iter().cycle())
            .map(|(c, &up)| if up { c.to_ascii_uppercase() } else { c })
            .collect();
        prop_assert!(normalize(FieldType::Bool, &raw).is_ok());
        assert_idempotent(FieldType::Bool, &raw)?;
    }

    #[test]
    fn postcodes_round_trip(raw in "[0-9]{4} {0,2}[A-Za-z]{2}") {
        assert_idempotent(FieldType::Postcode, &raw)?;
    }

    #[test]
    fn bsns_round_trip(raw in "[0-9]{8,9}") {
        assert_idempotent(FieldType::Bsn, &raw)?;
    }

    #[test]
    fn texts_round_trip(raw in "\\PC{1,40}(\r\n\\PC{0,10})?") {
        assert_idempotent(FieldType::Text, &raw)?;
    }
}
