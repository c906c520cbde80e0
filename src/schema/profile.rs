//! The controller profile: one row, merged field by field on every `profile set`.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::Error;
use super::audit;
use super::model::{FieldType, Profile};
use super::value::{ValueError, normalize};
use crate::clock;

/// The changes of one `profile set`. `None` keeps the stored detail; for the optional details,
/// `Some("")` clears it.
#[derive(Debug, Clone, Default)]
pub struct ProfileUpdate {
    pub name: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub kvk: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub dpo_name: Option<String>,
    pub dpo_email: Option<String>,
    /// Where the published privacy statement lives (http or https), for the snippets.
    pub statement_url: Option<String>,
}

impl ProfileUpdate {
    /// Every detail by name, in the order forms ask them: the first three a first profile
    /// needs.
    pub const DETAILS: [&'static str; 9] = [
        "name",
        "email",
        "address",
        "kvk",
        "phone",
        "website",
        "dpo_name",
        "dpo_email",
        "statement_url",
    ];

    /// Every given detail validated and in its normal form, as `set_profile` stores it; an
    /// optional detail given as "" stays "" (it clears the detail). Needs no vault, so front
    /// ends check their arguments before asking for the passphrase.
    pub fn checked(&self) -> Result<ProfileUpdate, Error> {
        let required =
            |flag: &'static str, value: &Option<String>| match value.as_deref().map(str::trim) {
                None => Ok(None),
                Some("") => Err(Error::ProfileEmpty { flag }),
                Some(text) if flag == "--email" => typed(flag, FieldType::Email, text).map(Some),
                Some(value) => text(flag, value).map(Some),
            };
        let optional =
            |flag: &'static str, value: &Option<String>| -> Result<Option<String>, Error> {
                let Some(value) = value.as_deref().map(str::trim) else {
                    return Ok(None);
                };
                if value.is_empty() {
                    return Ok(Some(String::new()));
                }
                Ok(Some(match flag {
                    "--kvk" => kvk(value)?,
                    "--phone" => typed(flag, FieldType::Phone, value)?,
                    "--dpo-email" => typed(flag, FieldType::Email, value)?,
                    "--statement-url" => web_address(flag, value)?,
                    _ => text(flag, value)?,
                }))
            };
        Ok(ProfileUpdate {
            name: required("--name", &self.name)?,
            email: required("--email", &self.email)?,
            address: required("--address", &self.address)?,
            kvk: optional("--kvk", &self.kvk)?,
            phone: optional("--phone", &self.phone)?,
            website: optional("--website", &self.website)?,
            dpo_name: optional("--dpo-name", &self.dpo_name)?,
            dpo_email: optional("--dpo-email", &self.dpo_email)?,
            statement_url: optional("--statement-url", &self.statement_url)?,
        })
    }

    /// The change to the detail `name` (one of [`ProfileUpdate::DETAILS`]).
    pub fn detail_mut(&mut self, name: &str) -> Option<&mut Option<String>> {
        Some(match name {
            "name" => &mut self.name,
            "email" => &mut self.email,
            "address" => &mut self.address,
            "kvk" => &mut self.kvk,
            "phone" => &mut self.phone,
            "website" => &mut self.website,
            "dpo_name" => &mut self.dpo_name,
            "dpo_email" => &mut self.dpo_email,
            "statement_url" => &mut self.statement_url,
            _ => return None,
        })
    }
}

/// The stored profile, if one was set.
pub fn profile(conn: &Connection) -> Result<Option<Profile>, Error> {
    let profile = conn
        .query_row(
            "SELECT name, email, address, kvk, phone, website, dpo_name, dpo_email,
                 statement_url
             FROM profile WHERE id = 1",
            [],
            |row| {
                Ok(Profile {
                    name: row.get(0)?,
                    email: row.get(1)?,
                    address: row.get(2)?,
                    kvk: row.get(3)?,
                    phone: row.get(4)?,
                    website: row.get(5)?,
                    dpo_name: row.get(6)?,
                    dpo_email: row.get(7)?,
                    statement_url: row.get(8)?,
                })
            },
        )
        .optional()?;
    Ok(profile)
}

/// Merges `update` into the stored profile and returns the result. The first `set` must give
/// name, e-mail and address. E-mail addresses and the phone number are validated and stored
/// in their normal form; a KvK number must have eight digits.
pub fn set_profile(tx: &Transaction<'_>, update: &ProfileUpdate) -> Result<Profile, Error> {
    let existing = profile(tx)?;
    let mut changed: Vec<&'static str> = Vec::new();

    let mut missing = Vec::new();
    if existing.is_none() {
        for (flag, value) in [
            ("--name", &update.name),
            ("--email", &update.email),
            ("--address", &update.address),
        ] {
            if value.is_none() {
                missing.push(flag);
            }
        }
    }
    if !missing.is_empty() {
        return Err(Error::ProfileIncomplete {
            missing: missing.join(", "),
        });
    }
    let mut merged = existing.unwrap_or_default();
    let update = update.checked()?;
    for (column, value) in [
        ("name", update.name),
        ("email", update.email),
        ("address", update.address),
    ] {
        let Some(value) = value else { continue };
        let slot = match column {
            "name" => &mut merged.name,
            "email" => &mut merged.email,
            _ => &mut merged.address,
        };
        *slot = value;
        changed.push(column);
    }
    let optional = [
        ("kvk", update.kvk, &mut merged.kvk),
        ("phone", update.phone, &mut merged.phone),
        ("website", update.website, &mut merged.website),
        ("dpo_name", update.dpo_name, &mut merged.dpo_name),
        ("dpo_email", update.dpo_email, &mut merged.dpo_email),
        (
            "statement_url",
            update.statement_url,
            &mut merged.statement_url,
        ),
    ];
    for (column, value, slot) in optional {
        let Some(value) = value else { continue };
        changed.push(column);
        *slot = Some(value).filter(|value| !value.is_empty());
    }
    if merged.dpo_name.is_some() != merged.dpo_email.is_some() {
        return Err(Error::ProfileRule {
            flag: "--dpo-name and --dpo-email",
            rule: "go together: give both, or clear both",
        });
    }

    tx.execute(
        "INSERT INTO profile (id, name, email, address, kvk, phone, website, dpo_name, dpo_email,
             updated_at, statement_url)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET name = ?1, email = ?2, address = ?3, kvk = ?4,
             phone = ?5, website = ?6, dpo_name = ?7, dpo_email = ?8, updated_at = ?9,
             statement_url = ?10",
        params![
            merged.name,
            merged.email,
            merged.address,
            merged.kvk,
            merged.phone,
            merged.website,
            merged.dpo_name,
            merged.dpo_email,
            clock::now_string(),
            merged.statement_url
        ],
    )?;
    audit::log(tx, "profile.set", None, None, Some(&changed.join(",")))?;
    Ok(merged)
}

fn value_error(flag: &'static str) -> impl Fn(ValueError) -> Error {
    move |source| Error::ProfileValue { flag, source }
}

fn typed(flag: &'static str, field_type: FieldType, value: &str) -> Result<String, Error> {
    normalize(field_type, value).map_err(value_error(flag))
}

/// A one-line text: a value's text rule, and schema text's (no tab or line break either).
fn text(flag: &'static str, value: &str) -> Result<String, Error> {
    crate::text::check_plain("the profile", flag, value)?;
    typed(flag, FieldType::Text, value)
}

/// An absolute http(s) address with a host and no spaces: it goes into e-mails and web
/// forms as a link, so anything else would be a broken or misleading link.
fn web_address(flag: &'static str, value: &str) -> Result<String, Error> {
    let rest = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"));
    let host = rest.map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
    let valid = host.is_some_and(|host| !host.is_empty())
        && !value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    if valid {
        Ok(value.to_owned())
    } else {
        Err(Error::ProfileRule {
            flag,
            rule: "must be a web address starting with https:// or http://",
        })
    }
}

fn kvk(value: &str) -> Result<String, Error> {
    let digits: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 8 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::ProfileRule {
            flag: "--kvk",
            rule: "must be the eight digits of a KvK number",
        });
    }
    Ok(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::database::open_in_memory_for_tests;

    fn update(pairs: &[(&str, &str)]) -> ProfileUpdate {
        let mut update = ProfileUpdate::default();
        for (key, value) in pairs {
            let slot = update
                .detail_mut(key)
                .unwrap_or_else(|| panic!("no profile detail {key}"));
            *slot = Some(value.to_string());
        }
        update
    }

    fn set(conn: &mut Connection, pairs: &[(&str, &str)]) -> Result<Profile, Error> {
        let tx = conn.transaction().unwrap();
        let result = set_profile(&tx, &update(pairs));
        tx.commit().unwrap();
        result
    }

    const FIRST: &[(&str, &str)] = &[
        ("name", "Bakkerij Jansen"),
        ("email", "Privacy@Jansen.NL"),
        ("address", "Dorpsstraat 1, 1234 AB Ergens"),
    ];

    #[test]
    fn the_first_set_needs_name_email_and_address() {
        let mut conn = open_in_memory_for_tests();
        let error = set(&mut conn, &[("name", "Bakkerij Jansen")]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "there is no controller profile yet, so --email, --address must be given"
        );
        assert_eq!(profile(&conn).unwrap(), None);
        let stored = set(&mut conn, FIRST).unwrap();
        assert_eq!(stored.email, "Privacy@jansen.nl");
        assert_eq!(profile(&conn).unwrap(), Some(stored));
    }

    #[test]
    fn later_sets_merge_and_clear_optional_details() {
        let mut conn = open_in_memory_for_tests();
        set(&mut conn, FIRST).unwrap();
        set(&mut conn, &[("kvk", "1234 5678"), ("phone", "020-1234567")]).unwrap();
        let stored = set(&mut conn, &[("website", "https://jansen.nl")]).unwrap();
        assert_eq!(stored.name, "Bakkerij Jansen");
        assert_eq!(stored.kvk.as_deref(), Some("12345678"));
        assert_eq!(stored.phone.as_deref(), Some("+31201234567"));
        let cleared = set(&mut conn, &[("kvk", "")]).unwrap();
        assert_eq!(cleared.kvk, None);
        assert_eq!(cleared.website.as_deref(), Some("https://jansen.nl"));
    }

    #[test]
    fn details_are_validated_without_echoing_them() {
        let mut conn = open_in_memory_for_tests();
        let mut first = FIRST.to_vec();
        first[1] = ("email", "privacy-at-jansen.nl");
        let error = set(&mut conn, &first).unwrap_err();
        assert_eq!(
            error.to_string(),
            "--email is not a valid e-mail address: missing '@'"
        );
        assert!(!error.to_string().contains("privacy-at"));
        set(&mut conn, FIRST).unwrap();
        assert!(matches!(
            set(&mut conn, &[("name", "  ")]),
            Err(Error::ProfileEmpty { flag: "--name" })
        ));
        assert!(matches!(
            set(&mut conn, &[("kvk", "1234")]),
            Err(Error::ProfileRule { flag: "--kvk", .. })
        ));
        assert!(matches!(
            set(&mut conn, &[("dpo_name", "Piet")]),
            Err(Error::ProfileRule { .. })
        ));
        let both = set(
            &mut conn,
            &[("dpo_name", "Piet"), ("dpo_email", "fg@jansen.nl")],
        )
        .unwrap();
        assert_eq!(both.dpo_email.as_deref(), Some("fg@jansen.nl"));
    }

    #[test]
    fn every_set_is_audited_with_names_only() {
        let mut conn = open_in_memory_for_tests();
        set(&mut conn, FIRST).unwrap();
        let (action, detail): (String, String) = conn
            .query_row("SELECT action, detail FROM audit_log", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .unwrap();
        assert_eq!(action, "profile.set");
        assert_eq!(detail, "name,email,address");
    }

    #[test]
    fn the_statement_url_is_an_http_address_and_clears_with_empty() {
        let mut conn = open_in_memory_for_tests();
        set(
            &mut conn,
            &[
                ("name", "Bakkerij Jansen"),
                ("email", "privacy@jansen.nl"),
                ("address", "Dorpsstraat 1"),
            ],
        )
        .unwrap();
        let url = "https://jansen.nl/privacy";
        set(&mut conn, &[("statement_url", url)]).unwrap();
        assert_eq!(
            profile(&conn).unwrap().unwrap().statement_url.as_deref(),
            Some(url)
        );
        for bad in [
            "jansen.nl/privacy",
            "ftp://jansen.nl",
            "https://",
            "https://a b",
        ] {
            let error = set(&mut conn, &[("statement_url", bad)]).unwrap_err();
            assert!(matches!(error, Error::ProfileRule { .. }), "{bad}: {error}");
            assert_eq!(
                error.to_string(),
                "--statement-url must be a web address starting with https:// or http://"
            );
        }
        set(&mut conn, &[("statement_url", "")]).unwrap();
        assert_eq!(profile(&conn).unwrap().unwrap().statement_url, None);
    }
}
