//! Validation and normal forms of field values, by [`FieldType`].
//!
//! Every accepted value has exactly one stored form, and normalising a stored form returns it
//! unchanged, so comparing, finding and de-duplicating values can compare strings.
//!
//! Decisions worth knowing:
//! - **Numbers** never carry thousands separators. One `.` or one `,` is the decimal point, so
//!   `1,5` and `1.5` are both one and a half, and `1.234` is one point two three four. A value
//!   with both `.` and `,` (`1.234,5`) is refused rather than guessed at.
//! - **Dates** need a four-digit year: `31-12-80` is refused because the century is a guess.
//! - **Phone numbers** without a country code are read as Dutch (`06-12345678` is
//!   `+31612345678`); numbers must be valid for their country, not merely the right length.
//! - **Text** turns Windows line ends into `\n`; other control characters are refused.
//! - Values starting with `=`, `+`, `-` or `@` are stored as plain text: nothing ever evaluates
//!   them. Spreadsheet exports are the place to guard against formula injection.
//!
//! A [`ValueError`] names the type and the rule broken, never the value itself, so it is safe
//! to show, log and put in an error message.

use std::borrow::Cow;

use phonenumber::{Mode, country};
use time::{Date, Month};

use super::model::FieldType;

/// Why a raw value is not acceptable for its type. Carries no part of the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// Nothing but whitespace.
    #[error("is empty")]
    Empty { field_type: FieldType },
    /// Present but breaking a rule of its type.
    #[error("is not a valid {}: {rule}", noun(*field_type))]
    Invalid {
        field_type: FieldType,
        rule: &'static str,
    },
}

impl ValueError {
    /// The type whose rules were applied.
    pub fn field_type(&self) -> FieldType {
        match self {
            ValueError::Empty { field_type } | ValueError::Invalid { field_type, .. } => {
                *field_type
            }
        }
    }

    /// The rule broken, in words; `None` for an empty value.
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            ValueError::Empty { .. } => None,
            ValueError::Invalid { rule, .. } => Some(rule),
        }
    }

    /// What the user should write instead, for the type as a whole.
    pub fn hint(&self) -> &'static str {
        match self.field_type() {
            FieldType::Text => "write some text without control characters",
            FieldType::Email => "write an address like name@example.nl",
            FieldType::Phone => "write a number like 06-12345678 or +32 470 12 34 56",
            FieldType::Date => "write a date like 31-12-1980 or 1980-12-31",
            FieldType::Number => "write a number like 12,50 or 12.50, without thousands separators",
            FieldType::Bool => "write ja/nee, yes/no, true/false or 1/0",
            FieldType::Postcode => "write a Dutch postcode like 1234 AB",
            FieldType::Bsn => "write the nine digits of the BSN",
        }
    }
}

/// The type as a noun, for messages ("is not a valid …").
fn noun(field_type: FieldType) -> &'static str {
    match field_type {
        FieldType::Text => "text",
        FieldType::Email => "e-mail address",
        FieldType::Phone => "phone number",
        FieldType::Date => "date",
        FieldType::Number => "number",
        FieldType::Bool => "yes/no value",
        FieldType::Postcode => "Dutch postcode",
        FieldType::Bsn => "citizen service number (BSN)",
    }
}

/// Validates `raw` as a value of `field_type` and returns its stored form.
pub fn normalize(field_type: FieldType, raw: &str) -> Result<String, ValueError> {
    normalize_borrowed(field_type, raw).map(Cow::into_owned)
}

/// [`normalize`], borrowing from `raw` when the stored form is a part of it (most text,
/// e-mail addresses already in lower case, ISO dates): a bulk import then copies a value
/// only once, into the database.
pub fn normalize_borrowed(field_type: FieldType, raw: &str) -> Result<Cow<'_, str>, ValueError> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(ValueError::Empty { field_type });
    }
    let invalid = |rule| ValueError::Invalid { field_type, rule };
    match field_type {
        FieldType::Text => text(trimmed),
        FieldType::Email => email(trimmed),
        FieldType::Phone => phone(trimmed).map(Cow::Owned),
        FieldType::Date => date(trimmed),
        FieldType::Number => number(trimmed).map(Cow::Owned),
        FieldType::Bool => boolean(trimmed).map(Cow::Owned),
        FieldType::Postcode => postcode(trimmed).map(Cow::Owned),
        FieldType::Bsn => bsn(trimmed).map(Cow::Owned),
    }
    .map_err(invalid)
}

type Rule<T = String> = Result<T, &'static str>;

fn text(value: &str) -> Rule<Cow<'_, str>> {
    let value = if value.contains('\r') {
        Cow::Owned(value.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(value)
    };
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err("contains a control character (only line breaks and tabs are allowed)");
    }
    Ok(value)
}

fn email(value: &str) -> Rule<Cow<'_, str>> {
    if value.chars().any(char::is_whitespace) {
        return Err("contains a space");
    }
    if value.len() > 254 {
        return Err("longer than 254 characters");
    }
    let (local, domain) = value.rsplit_once('@').ok_or("missing '@'")?;
    if local.contains('@') {
        return Err("more than one '@'");
    }
    if local.is_empty() {
        return Err("nothing before the '@'");
    }
    if domain.is_empty() {
        return Err("nothing after the '@'");
    }
    if local.len() > 64 {
        return Err("the part before the '@' is longer than 64 characters");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err("misplaced '.' before the '@'");
    }
    let local_char = |c: char| {
        c.is_alphanumeric()
            || matches!(
                c,
                '.' | '!'
                    | '#'
                    | '$'
                    | '%'
                    | '&'
                    | '\''
                    | '*'
                    | '+'
                    | '/'
                    | '='
                    | '?'
                    | '^'
                    | '_'
                    | '`'
                    | '{'
                    | '|'
                    | '}'
                    | '~'
                    | '-'
            )
    };
    if !local.chars().all(local_char) {
        return Err("a character that is not allowed before the '@'");
    }
    // ASCII without capitals is the only text lowercasing certainly leaves alone.
    let lowercase = domain
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase());
    let domain = if lowercase {
        Cow::Borrowed(domain)
    } else {
        Cow::Owned(domain.to_lowercase())
    };
    if domain.len() > 253 {
        return Err("the domain is longer than 253 characters");
    }
    if !domain.contains('.') {
        return Err("the domain has no '.' (like example.nl)");
    }
    for label in domain.split('.') {
        if label.is_empty() {
            return Err("misplaced '.' in the domain");
        }
        if label.len() > 63 {
            return Err("a part of the domain is longer than 63 characters");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err("a part of the domain starts or ends with '-'");
        }
        if !label.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return Err("a character that is not allowed in the domain");
        }
    }
    let top = domain.rsplit('.').next().unwrap_or_default();
    let top_ok =
        top.starts_with("xn--") || top.chars().count() >= 2 && top.chars().all(char::is_alphabetic);
    if !top_ok {
        return Err("the domain does not end in a valid top-level domain (like .nl)");
    }
    Ok(match domain {
        // The value is `local@domain` exactly: split at its last '@'.
        Cow::Borrowed(_) => Cow::Borrowed(value),
        Cow::Owned(domain) => Cow::Owned(format!("{local}@{domain}")),
    })
}

fn phone(value: &str) -> Rule {
    let allowed = |c: char| c.is_ascii_digit() || c.is_whitespace() || "+-()./".contains(c);
    if !value.chars().all(allowed) {
        return Err("only digits, spaces and + - ( ) . / are allowed");
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if digits < 5 {
        return Err("too few digits");
    }
    if value.chars().skip(1).any(|c| c == '+') {
        return Err("'+' may only come first");
    }
    let number = phonenumber::parse(Some(country::Id::NL), value).map_err(|error| match error {
        phonenumber::ParseError::InvalidCountryCode => "unknown country code",
        phonenumber::ParseError::TooLong => "too many digits",
        phonenumber::ParseError::TooShortAfterIdd | phonenumber::ParseError::TooShortNsn => {
            "too few digits"
        }
        _ => "not a phone number",
    })?;
    if !number.is_valid() {
        return Err("not a number that exists in its country's numbering plan");
    }
    Ok(number.format().mode(Mode::E164).to_string())
}

fn date(value: &str) -> Rule<Cow<'_, str>> {
    let shape = "not in the form DD-MM-YYYY, DD/MM/YYYY or YYYY-MM-DD";
    let mut parts = value.split(['-', '/', '.']);
    let (Some(first), Some(middle), Some(last), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(shape);
    };
    // Both separators are single ASCII bytes right after the first and the middle part.
    let separator = value.as_bytes()[first.len()];
    if value.as_bytes()[first.len() + 1 + middle.len()] != separator {
        return Err(shape);
    }
    if ![first, middle, last]
        .iter()
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(shape);
    }
    let (year, month, day) = match (first.len(), last.len()) {
        (4, 1..=2) if separator == b'-' && middle.len() <= 2 => (first, middle, last),
        (1..=2, 4) if middle.len() <= 2 => (last, middle, first),
        (1..=2, 1..=2) => return Err("the year must have four digits"),
        _ => return Err(shape),
    };
    let year: i32 = year.parse().map_err(|_| shape)?;
    let month: u8 = month.parse().map_err(|_| shape)?;
    let day: u8 = day.parse().map_err(|_| shape)?;
    let month = Month::try_from(month).map_err(|_| "the month must be 1 to 12")?;
    let date = Date::from_calendar_date(year, month, day)
        .map_err(|_| "that day does not exist in that month")?;
    // The year has exactly four digits here, so the stored form is always ten characters.
    let mut stored = String::with_capacity(10);
    for (number, width) in [
        (date.year() as u32, 4),
        (u32::from(u8::from(date.month())), 2),
        (u32::from(date.day()), 2),
    ] {
        if !stored.is_empty() {
            stored.push('-');
        }
        for position in (0..width).rev() {
            let digit = number / 10u32.pow(position) % 10;
            stored.push(char::from(b'0' + digit as u8));
        }
    }
    Ok(if stored == value {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(stored)
    })
}

fn number(value: &str) -> Rule {
    let (negative, unsigned) = match value.as_bytes()[0] {
        b'-' => (true, &value[1..]),
        b'+' => (false, &value[1..]),
        _ => (false, value),
    };
    if unsigned.contains('.') && unsigned.contains(',') {
        return Err("has both '.' and ',' (write it without thousands separators)");
    }
    let (whole, fraction) = match unsigned.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (unsigned, ""),
    };
    if fraction.contains(['.', ',']) {
        return Err("more than one decimal separator (write it without thousands separators)");
    }
    if whole.is_empty() && fraction.is_empty() {
        return Err("no digits");
    }
    if !whole
        .chars()
        .chain(fraction.chars())
        .all(|c| c.is_ascii_digit())
    {
        return Err("only digits, one decimal separator and a leading sign are allowed");
    }
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    let mut out = String::new();
    if negative && !(whole.is_empty() && fraction.is_empty()) {
        out.push('-');
    }
    out.push_str(if whole.is_empty() { "0" } else { whole });
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    Ok(out)
}

fn boolean(value: &str) -> Rule {
    match value.to_lowercase().as_str() {
        "true" | "ja" | "j" | "yes" | "y" | "1" | "waar" => Ok("true".into()),
        "false" | "nee" | "n" | "no" | "0" | "onwaar" => Ok("false".into()),
        _ => Err("not one of ja/nee, yes/no, true/false, j/n, 1/0"),
    }
}

fn postcode(value: &str) -> Rule {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let (digits, letters) = compact
        .char_indices()
        .nth(4)
        .map(|(at, _)| compact.split_at(at))
        .ok_or("not four digits followed by two letters")?;
    let letters = letters.to_ascii_uppercase();
    if digits.len() != 4
        || !digits.chars().all(|c| c.is_ascii_digit())
        || letters.len() != 2
        || !letters.chars().all(|c| c.is_ascii_uppercase())
    {
        return Err("not four digits followed by two letters");
    }
    if digits.starts_with('0') {
        return Err("Dutch postcodes do not start with 0");
    }
    if matches!(letters.as_str(), "SA" | "SD" | "SS") {
        return Err("the letters SA, SD and SS are not used in Dutch postcodes");
    }
    Ok(format!("{digits} {letters}"))
}

fn bsn(value: &str) -> Rule {
    let digits: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
        .collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err("only digits are allowed");
    }
    let digits = match digits.len() {
        9 => digits,
        8 => format!("0{digits}"),
        _ => return Err("must have nine digits"),
    };
    let d: Vec<i64> = digits.bytes().map(|b| i64::from(b - b'0')).collect();
    if d.iter().all(|&x| x == 0) {
        return Err("cannot be all zeros");
    }
    let sum: i64 = d[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(digit, weight)| digit * weight)
        .sum::<i64>()
        - d[8];
    if sum % 11 != 0 {
        return Err("fails the eleven test (elfproef)");
    }
    Ok(digits)
}

#[cfg(test)]
mod tests;
