//! Postcodes per country.
//!
//! A postcode is checked against its country's form, from a short table of the countries a
//! Dutch business mostly ships to (`FORMS`). In a pattern `9` is a digit, `A` a letter and
//! anything else is written as shown; spaces and dashes in the input are ignored, so
//! `1234AB`, `1234 ab` and `1234-AB` are all the Dutch `1234 AB`. A country's own code in
//! front (`DE-48163`, `LV-1050`) is allowed and dropped. A country not in the table takes
//! letters and digits, 2 to 10 of them, with single spaces or dashes between, in capitals.

use super::Rule;

/// (country, pattern of the stored form).
const FORMS: &[(&str, &str)] = &[
    ("AT", "9999"),
    ("BE", "9999"),
    ("BG", "9999"),
    ("CH", "9999"),
    ("CY", "9999"),
    ("CZ", "999 99"),
    ("DE", "99999"),
    ("DK", "9999"),
    ("EE", "99999"),
    ("ES", "99999"),
    ("FI", "99999"),
    ("FR", "99999"),
    ("GR", "999 99"),
    ("HR", "99999"),
    ("HU", "9999"),
    ("IS", "999"),
    ("IT", "99999"),
    ("LI", "9999"),
    ("LT", "99999"),
    ("LU", "9999"),
    ("LV", "9999"),
    ("MC", "99999"),
    ("MT", "AAA 9999"),
    ("NL", "9999 AA"),
    ("NO", "9999"),
    ("PL", "99-999"),
    ("PT", "9999-999"),
    ("RO", "999999"),
    ("SE", "999 99"),
    ("SI", "9999"),
    ("SK", "999 99"),
    ("SM", "99999"),
    ("US", "99999"),
];

/// The stored form of `value` as a postcode of `country` (an ISO code in capitals).
pub(super) fn postcode(value: &str, country: &str) -> Rule {
    let Some(index) = FORMS.binary_search_by(|(code, _)| code.cmp(&country)).ok() else {
        return other(value);
    };
    let pattern = FORMS[index].1;
    // Every form in the table is ASCII, so bytes will do (an import checks a postcode a row).
    if !value.is_ascii() {
        return Err(rule_for(country, pattern));
    }
    let compact: String = value
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'-')
        .map(|b| char::from(b.to_ascii_uppercase()))
        .collect();
    let compact = compact
        .strip_prefix(country)
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(&compact);
    if country == "NL" {
        return dutch(compact, pattern);
    }
    fill(compact, pattern).ok_or(rule_for(country, pattern))
}

/// Dutch postcodes also never start with 0 and never use SA, SD or SS.
fn dutch(compact: &str, pattern: &str) -> Rule {
    let stored = fill(compact, pattern).ok_or("not four digits followed by two letters")?;
    if stored.starts_with('0') {
        return Err("Dutch postcodes do not start with 0");
    }
    if matches!(&stored[5..], "SA" | "SD" | "SS") {
        return Err("the letters SA, SD and SS are not used in Dutch postcodes");
    }
    Ok(stored)
}

/// `compact` (capitals, no spaces or dashes) written in `pattern`, if it fits.
fn fill(compact: &str, pattern: &str) -> Option<String> {
    let mut chars = compact.chars();
    let mut out = String::with_capacity(pattern.len());
    for slot in pattern.chars() {
        match slot {
            '9' => out.push(chars.next().filter(char::is_ascii_digit)?),
            'A' => out.push(chars.next().filter(char::is_ascii_uppercase)?),
            literal => out.push(literal),
        }
    }
    chars.next().is_none().then_some(out)
}

/// The rule a value broke, by its country's pattern.
fn rule_for(country: &str, pattern: &str) -> &'static str {
    if country == "NL" {
        return "not four digits followed by two letters";
    }
    match pattern {
        "999" => "not the three digits of a postcode of its country",
        "9999" => "not the four digits of a postcode of its country",
        "99999" => "not the five digits of a postcode of its country",
        "999999" => "not the six digits of a postcode of its country",
        _ => "not in the form of a postcode of its country",
    }
}

/// A country without a known form: letters and digits, 2 to 10, single spaces or dashes
/// between them, in capitals.
fn other(value: &str) -> Rule {
    let upper = value.trim().to_uppercase();
    let alnum = upper.chars().filter(char::is_ascii_alphanumeric).count();
    let allowed = upper
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
    let doubled = upper.contains("  ") || upper.contains("--") || upper.contains(" -");
    if !allowed || doubled || !(2..=10).contains(&alnum) {
        return Err("not a postcode: 2 to 10 letters and digits");
    }
    Ok(upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_so_it_can_be_searched() {
        assert!(FORMS.windows(2).all(|pair| pair[0].0 < pair[1].0));
    }

    #[test]
    fn dutch_postcodes_have_one_form_with_or_without_a_dash() {
        for raw in [
            "1234 AB",
            "1234AB",
            "1234ab",
            "1234-AB",
            " 1234 - ab ",
            "NL-1234 AB",
        ] {
            assert_eq!(postcode(raw, "NL").as_deref(), Ok("1234 AB"), "{raw}");
        }
        assert!(postcode("0123 AB", "NL").is_err());
        assert!(postcode("1234 SS", "NL").is_err());
        assert!(postcode("2000", "NL").is_err());
    }

    #[test]
    fn belgian_and_german_postcodes_are_regression_foreign_postcodes() {
        assert_eq!(postcode("2000", "BE").as_deref(), Ok("2000"));
        assert_eq!(postcode("BE-2000", "BE").as_deref(), Ok("2000"));
        assert_eq!(postcode("48163", "DE").as_deref(), Ok("48163"));
        assert_eq!(postcode("D-48163", "DE").ok(), None, "D is not an ISO code");
        assert_eq!(postcode("DE-48163", "DE").as_deref(), Ok("48163"));
        assert_eq!(
            postcode("4816", "DE"),
            Err("not the five digits of a postcode of its country")
        );
        assert_eq!(postcode("1234 AB", "BE").ok(), None);
    }

    #[test]
    fn patterns_with_separators_are_written_out() {
        assert_eq!(postcode("11422", "SE").as_deref(), Ok("114 22"));
        assert_eq!(postcode("00-950", "PL").as_deref(), Ok("00-950"));
        assert_eq!(postcode("00950", "PL").as_deref(), Ok("00-950"));
        assert_eq!(postcode("1000-001", "PT").as_deref(), Ok("1000-001"));
        assert_eq!(postcode("vlt 1117", "MT").as_deref(), Ok("VLT 1117"));
    }

    #[test]
    fn other_countries_take_letters_and_digits_with_a_bound() {
        assert_eq!(postcode("sw1a 1aa", "GB").as_deref(), Ok("SW1A 1AA"));
        assert_eq!(postcode("D02 X285", "IE").as_deref(), Ok("D02 X285"));
        assert!(postcode("1", "GB").is_err());
        assert!(postcode("ABCDEFGHIJK", "GB").is_err());
        assert!(postcode("AB  12", "GB").is_err());
        assert!(postcode("AB_12", "GB").is_err());
    }

    #[test]
    fn a_stored_postcode_stays_as_it_is() {
        for (country, raw) in [
            ("NL", "1234 AB"),
            ("SE", "114 22"),
            ("PL", "00-950"),
            ("PT", "1000-001"),
            ("GB", "SW1A 1AA"),
            ("BE", "2000"),
        ] {
            let stored = postcode(raw, country).unwrap();
            assert_eq!(postcode(&stored, country).unwrap(), stored);
        }
    }
}
