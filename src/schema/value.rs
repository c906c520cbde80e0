//! Validation and normal forms of field values, by [`FieldType`].
//!
//! Every accepted value has exactly one stored form, and normalising a stored form returns it
//! unchanged, so comparing, finding and de-duplicating values can compare strings.
//!
//! Decisions worth knowing:
//! - **Numbers** never carry thousands separators. One `.` or one `,` is the decimal point, so
//!   `1,5` and `1.5` are both one and a half, and `1.234` is one point two three four. A value
//!   with both `.` and `,` (`1.234,5`) is refused rather than guessed at.
//! - **Dates** are day-month unless the [`Context`] says month-day, and need a four-digit
//!   year unless the context knows today (see [`date`] for written dates, two-digit years and
//!   the all-zero dates that mean "no date").
//! - **Phone numbers** without a country code are read as numbers of the context's country,
//!   Dutch by default (`06-12345678` is `+31612345678`); numbers must be valid for their
//!   country, not merely the right length.
//! - **Postcodes** follow the context's country (see [`postcode`]); **countries** are stored
//!   as ISO 3166-1 alpha-2 codes, from a code in any case or a Dutch or English name.
//! - **Spreadsheet artefacts**: a leading `'` (which Excel and Shopify use to force text) is
//!   dropped from every typed value, and every value is Unicode NFC, so a Mac's decomposed
//!   `Zoë` is stored as the composed one. A typed value holding several values joined by
//!   ` ::: ` (Google Contacts) is refused with that rule; the import takes the first.
//! - **Text** turns Windows line ends into `\n`; other control characters are refused.
//! - Values starting with `=`, `+`, `-` or `@` are stored as plain text: nothing ever evaluates
//!   them. Spreadsheet exports are the place to guard against formula injection.
//!
//! A [`ValueError`] names the type and the rule broken, never the value itself, so it is safe
//! to show, log and put in an error message.

use std::borrow::Cow;

use phonenumber::{Mode, country};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::model::FieldType;

pub mod date;
pub mod postcode;

pub use date::{DateOrder, OrderEvidence, order_evidence};

/// What a value's meaning depends on besides its own text: where the person lives, how the
/// file writes its dates and what day it is. [`Context::default`] is a Dutch value typed by
/// hand: day-month dates with four-digit years, Dutch postcodes and phone numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The ISO 3166-1 alpha-2 code (capitals) postcodes and national phone numbers belong to.
    pub country: &'static str,
    /// How `3/4/1975` is read.
    pub date_order: DateOrder,
    /// Today, which gives a two-digit year its century; `None` refuses two-digit years.
    pub today: Option<time::Date>,
    /// The value comes from a spreadsheet: a five-digit number in a date column is then
    /// Excel's count of days.
    pub spreadsheet: bool,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            country: "NL",
            date_order: DateOrder::Dmy,
            today: None,
            spreadsheet: false,
        }
    }
}

/// The separator Google Contacts writes between several values of one cell.
pub const SEVERAL_VALUES: &str = " ::: ";

/// The first of several values joined by [`SEVERAL_VALUES`], or `None` when the cell holds
/// one. No typed value contains `:::`, so an import calls this only for a value its type
/// refused.
pub fn first_of_several(cell: &str) -> Option<&str> {
    cell.split_once(SEVERAL_VALUES).map(|(first, _)| first)
}

/// Whether a cell means "no value" for this type: blank, or for a date an all-zero date
/// such as Outlook's `0/0/00`.
pub fn is_blank(field_type: FieldType, raw: &str) -> bool {
    let trimmed = raw.trim();
    trimmed.is_empty() || field_type == FieldType::Date && date::is_zero_date(trimmed)
}

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
            FieldType::Postcode => {
                "write a postcode like 1234 AB, or in the form of the record's country"
            }
            FieldType::Bsn => "write the nine digits of the BSN",
            FieldType::Country => "write a country code like NL or BE, or the country's name",
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
        FieldType::Postcode => "postcode",
        FieldType::Bsn => "citizen service number (BSN)",
        FieldType::Country => "country",
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
    normalize_in(field_type, raw, &Context::default())
}

/// [`normalize_borrowed`] in a [`Context`]: the row's country, the column's date order.
pub fn normalize_in<'r>(
    field_type: FieldType,
    raw: &'r str,
    context: &Context,
) -> Result<Cow<'r, str>, ValueError> {
    // ASCII is always NFC; the quick check settles nearly everything else without copying.
    if raw.is_ascii() || is_nfc_quick(raw.chars()) == IsNormalized::Yes {
        return composed(field_type, raw, context);
    }
    let composed_raw: String = raw.nfc().collect();
    composed(field_type, &composed_raw, context).map(|value| Cow::Owned(value.into_owned()))
}

/// The rules of `field_type`, for a value already in NFC.
fn composed<'r>(
    field_type: FieldType,
    raw: &'r str,
    context: &Context,
) -> Result<Cow<'r, str>, ValueError> {
    let mut trimmed = raw.trim();
    if field_type != FieldType::Text {
        // Text keeps it: `'t Hart` is a Dutch name.
        trimmed = trimmed.strip_prefix('\'').unwrap_or(trimmed).trim_start();
    }
    if trimmed.is_empty() || field_type == FieldType::Date && date::is_zero_date(trimmed) {
        return Err(ValueError::Empty { field_type });
    }
    let invalid = |rule| {
        // No type but text accepts a `:::`: say what is wrong instead of the type's rule.
        let several = field_type != FieldType::Text && trimmed.contains(":::");
        ValueError::Invalid {
            field_type,
            rule: if several {
                "holds several values separated by ':::'; give one"
            } else {
                rule
            },
        }
    };
    match field_type {
        FieldType::Text => text(trimmed),
        FieldType::Email => email(trimmed),
        FieldType::Phone => phone(trimmed, context.country).map(Cow::Owned),
        FieldType::Date => date::date(trimmed, context),
        FieldType::Number => number(trimmed).map(Cow::Owned),
        FieldType::Bool => boolean(trimmed).map(Cow::Owned),
        FieldType::Postcode => postcode::postcode(trimmed, context.country).map(Cow::Owned),
        FieldType::Bsn => bsn(trimmed).map(Cow::Owned),
        FieldType::Country => country_code(trimmed).map(Cow::Borrowed),
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

/// What a phone number may be written with.
fn phone_character(c: char) -> bool {
    c.is_ascii_digit() || c.is_whitespace() || "+-()./".contains(c)
}

/// How a phone number typed with its country (`+32 470 …`, `0032 470 …`) or in national form
/// (`06-12345678`) is stored in a record of `context`'s country (`+31612345678` in a Dutch
/// one), built from its digits alone: for searching, not storing. The numbering plan is not
/// consulted, because loading it (the `phonenumber` crate checks thousands of patterns first)
/// costs more than searching 100,000 records, and so that part of a number finds the numbers
/// it is the start of. `None` when `text` holds other characters or is not written in one of
/// those forms.
pub fn phone_search_form(text: &str, context: &Context) -> Option<String> {
    let text = text.trim();
    if !text.chars().all(phone_character) || text.chars().skip(1).any(|c| c == '+') {
        return None;
    }
    // `+31 (0)6 …`: the trunk zero some write after the country code is not dialled.
    let digits: String = text
        .replace("(0)", "")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    if text.starts_with('+') {
        return (!digits.is_empty()).then(|| format!("+{digits}"));
    }
    if let Some(international) = digits.strip_prefix("00") {
        return (!international.is_empty()).then(|| format!("+{international}"));
    }
    let national = digits.strip_prefix('0')?;
    let code = calling_code(context.country);
    (!national.is_empty()).then(|| format!("+{code}{national}"))
}

/// The Netherlands' calling code. Most records are Dutch, or have no country and are read as
/// Dutch, and their search must not load the numbering plan (see [`phone_search_form`]); a
/// test checks it against the plan.
const DUTCH_CALLING_CODE: u16 = 31;

/// The calling code a national number is stored with in a record of `country` (an ISO code),
/// from the numbering plan that [`normalize_in`] reads phones with; the Netherlands' for a
/// code the plan does not know, as `phone` reads it.
fn calling_code(country: &str) -> u16 {
    if country == "NL" {
        return DUTCH_CALLING_CODE;
    }
    phonenumber::metadata::DATABASE
        .by_id(country)
        .map_or(DUTCH_CALLING_CODE, |plan| plan.country_code())
}

fn phone(value: &str, region: &str) -> Rule {
    if !value.chars().all(phone_character) {
        return Err("only digits, spaces and + - ( ) . / are allowed");
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if digits < 5 {
        return Err("too few digits");
    }
    if value.chars().skip(1).any(|c| c == '+') {
        return Err("'+' may only come first");
    }
    let region = region.parse::<country::Id>().unwrap_or(country::Id::NL);
    let number = phonenumber::parse(Some(region), value).map_err(|error| match error {
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

/// The ISO code of a country given by code (any case) or by its Dutch or English name.
fn country_code(value: &str) -> Rule<&'static str> {
    super::country::find(value)
        .map(|country| country.code)
        .ok_or("not a country code (like NL or BE) or a country name kluis knows")
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
