//! Values read as text instead of arguments (`--stdin`, `--from-file`, the web's forms aside):
//! arguments show in `ps` and land in shell history, a pipe or a file does not. The text is one
//! JSON object of field names to values, or one `field=value` per line. Errors name a line,
//! a column or a member's position, never its text: it may be a value.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use super::Error;
use super::record::is_field_name;

/// Parses values given as text: a JSON object when the first non-space character is `{`,
/// else one `field=value` per line, where blank lines and lines starting with `#` are
/// skipped and a line's `\r` ending is dropped. The order is kept, and a repeated field is
/// left for the record's own check to refuse.
pub fn parse_values(text: &str) -> Result<Vec<(String, String)>, Error> {
    if text.trim_start().starts_with('{') {
        parse_json(text)
    } else {
        parse_lines(text)
    }
}

/// The words to search for, one per line (blank lines skipped), as one search text.
pub fn search_words(text: &str) -> String {
    let words: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    words.join(" ")
}

fn parse_lines(text: &str) -> Result<Vec<(String, String)>, Error> {
    let mut values = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |problem| Error::BadValueLine {
            line: index + 1,
            problem,
        };
        let (name, value) = line
            .split_once('=')
            .ok_or_else(|| bad("is not of the form field=value"))?;
        if !is_field_name(name) {
            return Err(bad("does not start with a field name"));
        }
        values.push((name.to_owned(), value.to_owned()));
    }
    Ok(values)
}

fn parse_json(text: &str) -> Result<Vec<(String, String)>, Error> {
    let Members(members) = serde_json::from_str(text).map_err(|error| Error::BadValueJson {
        line: error.line(),
        column: error.column(),
    })?;
    members
        .into_iter()
        .enumerate()
        .map(|(index, (name, value))| {
            if !is_field_name(&name) {
                return Err(Error::BadJsonFieldName {
                    position: index + 1,
                });
            }
            let value = match value {
                Value::String(text) => text,
                Value::Number(number) => number.to_string(),
                // null clears a field, as `field=` does.
                Value::Null => String::new(),
                _ => return Err(Error::JsonValueNotText { field: name }),
            };
            Ok((name, value))
        })
        .collect()
}

/// A JSON object's members in their order, repeats kept (a map would keep the last silently).
struct Members(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MembersVisitor)
    }
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Members;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an object of field names to values")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry::<String, Value>()? {
            members.push(member);
        }
        Ok(Members(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect()
    }

    #[test]
    fn lines_give_field_value_pairs_skipping_blanks_and_comments() {
        let text = "# a customer\r\nname=Jan = de Vries\r\n\n  \nphone=\nemail=jan@example.nl";
        assert_eq!(
            parse_values(text).unwrap(),
            pairs(&[
                ("name", "Jan = de Vries"),
                ("phone", ""),
                ("email", "jan@example.nl")
            ])
        );
    }

    #[test]
    fn a_malformed_line_is_named_by_number_not_content() {
        let err = parse_values("name=Jan\n\nsecret-marker-value\n").unwrap_err();
        assert!(
            matches!(err, Error::BadValueLine { line: 3, .. }),
            "{err:?}"
        );
        assert!(!err.to_string().contains("secret"), "{err}");
        let err = parse_values("name=Jan\njan@example.nl=x").unwrap_err();
        assert_eq!(err.to_string(), "line 2 does not start with a field name");
    }

    #[test]
    fn a_json_object_gives_its_members_in_order_with_null_as_empty() {
        let text = "  {\"name\": \"Jan\\nde Vries\", \"huisnummer\": 12, \"phone\": null}";
        assert_eq!(
            parse_values(text).unwrap(),
            pairs(&[
                ("name", "Jan\nde Vries"),
                ("huisnummer", "12"),
                ("phone", "")
            ])
        );
        let repeated = parse_values("{\"name\": \"a\", \"name\": \"b\"}").unwrap();
        assert_eq!(
            repeated.len(),
            2,
            "a repeat is kept for the record to refuse"
        );
    }

    #[test]
    fn bad_json_is_named_by_place_never_by_content() {
        let err = parse_values("{\"name\": \"secret-marker\"\n \"x\" }").unwrap_err();
        assert!(
            matches!(err, Error::BadValueJson { line: 2, .. }),
            "{err:?}"
        );
        assert!(!err.to_string().contains("secret"), "{err}");
        let err = parse_values("{\"name\": [\"secret-marker\"]}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the JSON value of `name` is not text, a number or null"
        );
        let err = parse_values("{\"secret-marker@x\": \"y\"}").unwrap_err();
        assert!(matches!(err, Error::BadJsonFieldName { position: 1 }));
        assert!(!err.to_string().contains("secret"), "{err}");
    }

    #[test]
    fn search_words_come_one_per_line() {
        assert_eq!(search_words("jan\r\n\n de vries \n"), "jan de vries");
    }
}
