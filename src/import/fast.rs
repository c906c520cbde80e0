//! Value normalisation on the import's hot path.
//!
//! Parsing a phone number with the `phonenumber` crate costs microseconds, and a customer
//! list is mostly Dutch mobile numbers. Those are recognised here without it; everything else
//! goes through the full rules in [`crate::schema::normalize`]. The shortcut only accepts what
//! the full rules accept, with the same result: a property test compares the two.

use std::borrow::Cow;

use crate::schema::ValueError;
use crate::schema::model::FieldType;
#[cfg(test)]
use crate::schema::normalize as normalize_full;
use crate::schema::value::{Context, normalize_in};

/// The same result as [`crate::schema::value::normalize_in`], for every input.
pub fn normalize<'r>(
    field_type: FieldType,
    raw: &'r str,
    context: &Context,
) -> Result<Cow<'r, str>, ValueError> {
    // A Dutch number is the same number in any country's context only when written with
    // +31; a national `06…` is Dutch only in a Dutch row.
    if field_type == FieldType::Phone
        && (context.country == "NL" || raw.trim_start().starts_with("+31"))
        && let Some(e164) = dutch_number(raw)
    {
        return Ok(Cow::Owned(e164));
    }
    normalize_in(field_type, raw, context)
}

/// `0612345678`, `06-12345678`, `+31 6 12345678`, `020-1234567` and the like: digits with
/// single spaces or dashes between them, a national `0` or an international `+31`, then a
/// nine-digit Dutch mobile number (`6[1-58]` and seven digits, libphonenumber's NL mobile
/// pattern) or fixed-line number. Anything else returns `None`.
fn dutch_number(raw: &str) -> Option<String> {
    let text = raw.trim().as_bytes();
    // The prefix is written whole: the full parser reads `+3 1…` or `0-6…` in other ways.
    let rest = if let Some(rest) = text.strip_prefix(b"+31") {
        match rest.strip_prefix(b" ").or_else(|| rest.strip_prefix(b"-")) {
            Some(rest) => rest,
            // The full parser takes the digits up to the first separator as the country
            // code, so `+316-12345678` is refused there ("unknown country code").
            None if rest.contains(&b' ') || rest.contains(&b'-') => return None,
            None => rest,
        }
    } else {
        text.strip_prefix(b"0")?
    };
    let mut national = [0u8; 9];
    let mut count = 0;
    let mut previous_was_digit = false;
    for &byte in rest {
        match byte {
            b'0'..=b'9' => {
                *national.get_mut(count)? = byte;
                count += 1;
                previous_was_digit = true;
            }
            b' ' | b'-' if previous_was_digit => previous_was_digit = false,
            _ => return None,
        }
    }
    if !previous_was_digit {
        return None;
    }
    let national = &national[..count];
    let known = match national {
        [b'6', b'1'..=b'5' | b'8', ..] => true,
        [a, b, c, ..] => fixed_line_area(*a, *b, *c),
        _ => false,
    };
    if national.len() != 9 || !known {
        return None;
    }
    let mut e164 = String::with_capacity(12);
    e164.push_str("+31");
    e164.push_str(std::str::from_utf8(national).ok()?);
    Some(e164)
}

/// Whether a nine-digit national number starting with these digits is a Dutch fixed line:
/// libphonenumber's NL `fixedLine` pattern, transcribed. The exhaustive test below checks
/// every three-digit start against the full rules, so a change in the metadata shows up.
fn fixed_line_area(a: u8, b: u8, c: u8) -> bool {
    let in_set = |set: &[u8]| set.contains(&c);
    match (a, b) {
        (b'1', b'0' | b'3' | b'5') => true,
        (b'1', b'1') => in_set(b"134578"),
        (b'1', b'6') => in_set(b"1245678"),
        (b'1', b'7') => in_set(b"24"),
        (b'1', b'8') => in_set(b"0123467"),
        (b'2', b'0' | b'3' | b'4' | b'6') => true,
        (b'2', b'2') => in_set(b"2346789"),
        (b'2', b'5') => in_set(b"125"),
        (b'2', b'9') => in_set(b"479"),
        (b'3', b'0' | b'3' | b'5' | b'6' | b'8') => true,
        (b'3', b'1') => in_set(b"345678"),
        (b'3', b'2') => in_set(b"01"),
        (b'3', b'4') => in_set(b"12345678"),
        (b'4', b'0' | b'3' | b'5' | b'6') => true,
        (b'4', b'1') => in_set(b"12368"),
        (b'4', b'7') => in_set(b"58"),
        (b'4', b'8') => in_set(b"15678"),
        (b'4', b'9') => in_set(b"23579"),
        (b'5', b'0' | b'3' | b'5' | b'8') => true,
        (b'5', b'1' | b'9') => in_set(b"123456789"),
        (b'5', b'2') => in_set(b"12345789"),
        (b'5', b'4') => in_set(b"1345678"),
        (b'5', b'6') => in_set(b"126"),
        (b'5', b'7') => in_set(b"0123578"),
        (b'7', _) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn common_dutch_number_forms_take_the_shortcut() {
        for raw in [
            "0612345678",
            "06-12345678",
            " 06 1234 5678 ",
            "+31612345678",
            "+31 6 12345678",
            "+31-6-1234-5678",
            "0681234567",
            "020-1234567",
            "+31 30 123 45 67",
            "0591-123456",
        ] {
            assert_eq!(
                dutch_number(raw).as_deref(),
                Some(&*normalize_full(FieldType::Phone, raw).unwrap()),
                "{raw}"
            );
        }
        for raw in [
            "0612345",
            "06123456789",
            "0691234567",
            "0901234567",
            "0801234567",
            "+32612345678",
            "06--12345678",
            "-0612345678",
            "0612345678-",
            "(06)12345678",
            "+316123456789",
            "",
        ] {
            assert_eq!(dutch_number(raw), None, "{raw}");
        }
    }

    /// Every three-digit start of a nine-digit national number, as a landline: the shortcut
    /// takes exactly the numbers the full rules call valid fixed lines or mobiles.
    #[test]
    fn every_number_start_agrees_with_the_full_rules() {
        for start in 100..1000 {
            for rest in ["000000", "123456", "987654"] {
                let raw = format!("0{start}{rest}");
                let full = normalize_full(FieldType::Phone, &raw).ok();
                let fast = dutch_number(&raw);
                if fast.is_some() {
                    assert_eq!(fast, full, "{raw}");
                }
                let mobile_or_fixed = {
                    let bytes = start.to_string().into_bytes();
                    matches!(bytes[..], [b'6', b'1'..=b'5' | b'8', _])
                        || fixed_line_area(bytes[0], bytes[1], bytes[2])
                };
                assert_eq!(fast.is_some(), mobile_or_fixed, "{raw}");
            }
        }
    }

    #[test]
    fn plus_31_glued_to_the_number_before_a_separator_is_left_to_the_full_rules() {
        for raw in ["+316-12345678", "+3161-2345678", "+311-50000000"] {
            assert!(normalize_full(FieldType::Phone, raw).is_err(), "{raw}");
            assert_eq!(dutch_number(raw), None, "{raw}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// The shortcut never disagrees with the full rules.
        #[test]
        fn the_shortcut_agrees_with_the_full_rules(
            raw in r"[ ]?(\+31|\+3|\+|0|00|0031|)[ -]?[0-9]{0,2}[ -]?[0-9]{0,4}[ -]{0,2}[0-9]{0,5}[ ]?"
        ) {
            if let Some(fast) = dutch_number(&raw) {
                prop_assert_eq!(Some(fast), normalize_full(FieldType::Phone, &raw).ok());
            }
        }

        #[test]
        fn separators_anywhere_agree_with_the_full_rules(
            raw in r"(\+31|\+3|\+|0|)[ -]?([0-9][ -]?){7,11}"
        ) {
            if let Some(fast) = dutch_number(&raw) {
                prop_assert_eq!(Some(fast), normalize_full(FieldType::Phone, &raw).ok());
            }
        }

        #[test]
        fn every_dutch_mobile_number_agrees(
            second in "[1-58]",
            rest in "[0-9]{7}",
            form in 0..4usize,
        ) {
            let number = format!("6{second}{rest}");
            let raw = match form {
                0 => format!("0{number}"),
                1 => format!("06-{}", &number[1..]),
                2 => format!("+31 {number}"),
                _ => format!("+31{number}"),
            };
            prop_assert_eq!(dutch_number(&raw), normalize_full(FieldType::Phone, &raw).ok());
        }
    }
}
