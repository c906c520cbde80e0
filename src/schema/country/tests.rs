use super::*;

#[test]
fn codes_are_two_capitals_unique_and_sorted() {
    for country in COUNTRIES {
        let code = country.code.as_bytes();
        assert!(
            code.len() == 2 && code.iter().all(u8::is_ascii_uppercase),
            "{}",
            country.code
        );
    }
    for pair in COUNTRIES.windows(2) {
        assert!(
            pair[0].code < pair[1].code,
            "{} then {}",
            pair[0].code,
            pair[1].code
        );
    }
}

#[test]
fn the_list_is_the_whole_iso_list() {
    assert_eq!(COUNTRIES.len(), 249);
}

#[test]
fn every_name_is_filled_in() {
    for country in COUNTRIES {
        assert!(!country.name_nl.trim().is_empty(), "{}", country.code);
        assert!(!country.name_en.trim().is_empty(), "{}", country.code);
    }
    for (code, adequacy) in ADEQUACY_DECISIONS {
        assert!(!adequacy.decision.is_empty(), "{code}");
        assert!(!adequacy.name_nl.is_empty(), "{code}");
        assert!(!adequacy.name_en.is_empty(), "{code}");
    }
}

#[test]
fn dutch_names_are_the_dutch_ones() {
    let dutch = |code| country(code).unwrap().name_nl;
    assert_eq!(dutch("DE"), "Duitsland");
    assert_eq!(dutch("US"), "Verenigde Staten");
    assert_eq!(dutch("GB"), "Verenigd Koninkrijk");
    assert_eq!(dutch("CH"), "Zwitserland");
    assert_eq!(country("GB").unwrap().name_en, "United Kingdom");
}

#[test]
fn the_thirty_eea_states_are_known_and_in_the_eea() {
    assert_eq!(EEA_STATES.len(), 30);
    for code in EEA_STATES.iter().chain(&EEA_TERRITORIES) {
        assert!(country(code).is_some(), "{code}");
        assert!(is_eea(code), "{code}");
    }
}

#[test]
fn germany_is_in_the_eea_and_needs_no_transfer_ground() {
    assert!(is_eea("DE"));
    assert_eq!(adequacy("DE"), None);
}

#[test]
fn overseas_parts_outside_eu_law_are_not_in_the_eea() {
    for code in ["AW", "BQ", "CW", "SX", "GL", "FO", "PF", "SJ", "GI"] {
        assert!(!is_eea(code), "{code}");
    }
    assert!(is_eea("RE"));
}

#[test]
fn the_united_states_count_only_for_dpf_participants() {
    let adequacy = adequacy("US").unwrap();
    assert_eq!(adequacy.decision, "(EU) 2023/1795");
    assert_eq!(adequacy.scope, AdequacyScope::DpfParticipantsOnly);
    assert!(!is_eea("US"));
}

#[test]
fn the_united_kingdom_switzerland_and_japan_are_adequate() {
    for code in ["GB", "CH", "JP"] {
        assert_eq!(
            adequacy(code).unwrap().scope,
            AdequacyScope::Whole,
            "{code}"
        );
    }
    assert_eq!(adequacy("JP").unwrap().decision, "(EU) 2019/419");
    assert_eq!(
        adequacy("CA").unwrap().scope,
        AdequacyScope::CommercialOrganisations
    );
    assert_eq!(adequacy("CN"), None);
}

#[test]
fn adequacy_codes_are_known_sorted_and_outside_the_eea() {
    for (code, _) in ADEQUACY_DECISIONS {
        assert!(country(code).is_some(), "{code}");
        assert!(!is_eea(code), "{code}");
    }
    for pair in ADEQUACY_DECISIONS.windows(2) {
        assert!(pair[0].0 < pair[1].0, "{} then {}", pair[0].0, pair[1].0);
    }
    assert_eq!(ADEQUACY_DECISIONS.len(), 15);
}

#[test]
fn uk_and_el_are_refused_with_a_suggestion() {
    assert_eq!(country("UK"), None);
    assert_eq!(country("EL"), None);
    assert_eq!(suggestion("uk "), Some("GB"));
    assert_eq!(suggestion("EL"), Some("GR"));
    assert_eq!(suggestion("GB"), None);
    assert_eq!(suggestion("XX"), None);
    assert!(!is_eea("EL"));
    assert_eq!(adequacy("UK"), None);
}

#[test]
fn lookups_ignore_case_and_surrounding_space() {
    assert_eq!(country(" nl ").unwrap().code, "NL");
    assert_eq!(country("Nl").unwrap().name_nl, "Nederland");
    assert!(is_eea("de"));
    assert_eq!(adequacy("jp"), adequacy("JP"));
}

#[test]
fn only_two_ascii_letters_are_a_code() {
    for not_a_code in ["", "N", "NLD", "N1", "1N", "ÑL", "N L", "XX", "ZZ"] {
        assert_eq!(country(not_a_code), None, "{not_a_code:?}");
    }
}

#[test]
fn a_country_is_found_by_code_in_any_case_or_by_its_dutch_or_english_name() {
    for (text, code) in [
        ("nl", "NL"),
        (" NL ", "NL"),
        ("Nederland", "NL"),
        ("Netherlands", "NL"),
        ("the Netherlands", "NL"),
        ("Holland", "NL"),
        ("België", "BE"),
        ("Belgie", "BE"),
        ("BELGIUM", "BE"),
        ("Duitsland", "DE"),
        ("Deutschland", "DE"),
        ("uk", "GB"),
        ("United Kingdom", "GB"),
        ("U.S.A.", "US"),
    ] {
        assert_eq!(find(text).map(|c| c.code), Some(code), "{text}");
    }
    for text in ["", "Atlantis", "N", "XX", "the"] {
        assert_eq!(find(text), None, "{text}");
    }
}
