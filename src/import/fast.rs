//! Value normalisation on the import's hot path.
//!
//! Parsing a phone number with the `phonenumber` crate costs microseconds, and a customer
//! list is mostly Dutch mobile numbers. Those are recognised here without it; everything else
//! goes through the full rules in [`crate::schema::normalize`]. The shortcut only accepts what
//! the full rules accept, with the same result: a property test compares the two.

use crate::schema::model::FieldType;
use crate::schema::{ValueError, normalize as normalize_full};

/// The same result as [`crate::schema::normalize`], for every input.
pub fn normalize(field_type: FieldType, raw: &str) -> Result<String, ValueError> {
    if field_type == FieldType::Phone
        && let Some(e164) = dutch_mobile(raw)
    {
        return Ok(e164);
    }
    normalize_full(field_type, raw)
}

/// `0612345678`, `06-12345678`, `+31 6 12345678` and the like: digits with single spaces or
/// dashes between them, a national `0` or an international `+31`, then a Dutch mobile
/// number, which the numbering plan (libphonenumber's NL metadata, type mobile) defines as
/// `6[1-58]` followed by seven digits. Anything else returns `None`.
fn dutch_mobile(raw: &str) -> Option<String> {
    let text = raw.trim().as_bytes();
    let (rest, international) = match text.strip_prefix(b"+") {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let mut digits = [0u8; 11];
    let mut count = 0;
    let mut previous_was_digit = false;
    for &byte in rest {
        match byte {
            b'0'..=b'9' => {
                *digits.get_mut(count)? = byte;
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
    let digits = &digits[..count];
    let national = if international {
        digits.strip_prefix(b"31")?
    } else {
        digits.strip_prefix(b"0")?
    };
    match national {
        [b'6', b'1'..=b'5' | b'8', rest @ ..] if rest.len() == 7 => {
            let mut e164 = String::with_capacity(12);
            e164.push_str("+31");
            e164.push_str(std::str::from_utf8(national).ok()?);
            Some(e164)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn common_dutch_mobile_forms_take_the_shortcut() {
        for raw in [
            "0612345678",
            "06-12345678",
            " 06 1234 5678 ",
            "+31612345678",
            "+31 6 12345678",
            "+31-6-1234-5678",
            "0681234567",
        ] {
            assert_eq!(
                dutch_mobile(raw).as_deref(),
                Some(&*normalize_full(FieldType::Phone, raw).unwrap()),
                "{raw}"
            );
        }
        for raw in [
            "0612345",
            "06123456789",
            "0691234567",
            "0201234567",
            "+32612345678",
            "06--12345678",
            "-0612345678",
            "0612345678-",
            "(06)12345678",
            "+316123456789",
            "",
        ] {
            assert_eq!(dutch_mobile(raw), None, "{raw}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// The shortcut never disagrees with the full rules.
        #[test]
        fn the_shortcut_agrees_with_the_full_rules(
            raw in r"[ ]?(\+31|\+3|\+|0|00|0031|)[ -]?[0-9]{0,2}[ -]?[0-9]{0,4}[ -]{0,2}[0-9]{0,5}[ ]?"
        ) {
            if let Some(fast) = dutch_mobile(&raw) {
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
            prop_assert_eq!(dutch_mobile(&raw), normalize_full(FieldType::Phone, &raw).ok());
        }
    }
}
