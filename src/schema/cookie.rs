//! Cookies and similar techniques on the business's website, declared one by one so the
//! statement lists exactly these (table `cookies`, migration 0006).
//!
//! A cookie's retention is `session` or a period (`13m`); its country, when given, is an ISO
//! 3166-1 alpha-2 code that [`super::country`] knows.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::audit;
use super::country;
use super::model::{Cookie, CookieKind, RetentionPeriod, Safeguard};
use super::transfer::{self, Broken};
use crate::exit::{self, HasExitCode};
use crate::{clock, text};

/// The retention of a cookie that is gone when the browser closes.
pub const SESSION: &str = "session";

/// The longest cookie name accepted; real names are far shorter.
const MAX_NAME_LEN: usize = 100;

/// Why a cookie change was refused. Messages name the cookie and the flag, never other text.
#[derive(Debug, thiserror::Error)]
pub enum CookieError {
    #[error("the vault database failed: {source}")]
    Database {
        #[from]
        source: rusqlite::Error,
    },

    #[error("stored cookie `{cookie}` has an unreadable {what}; the vault may be damaged")]
    Corrupt { cookie: String, what: &'static str },

    #[error("cookie name `{name}` is not allowed: {rule}")]
    InvalidName { name: String, rule: &'static str },

    #[error("cookie `{cookie}` already exists")]
    Exists { cookie: String },

    #[error("there is no cookie `{cookie}`")]
    NotFound { cookie: String },

    /// A text with a control character (the one rule of [`crate::text::check_plain`]).
    #[error(transparent)]
    Control(#[from] crate::text::ControlCharacter),

    #[error("cookie `{cookie}`: {flag} cannot be empty")]
    EmptyText { cookie: String, flag: &'static str },

    #[error("cookie `{cookie}`: --retention must be `session` or a period such as 13m ({rule})")]
    Retention { cookie: String, rule: &'static str },

    #[error("cookie `{cookie}`: --country is not an ISO 3166-1 alpha-2 code kluis knows")]
    UnknownCountry {
        cookie: String,
        suggestion: Option<&'static str>,
    },

    #[error("nothing to change for cookie `{cookie}`")]
    NothingToEdit { cookie: String },

    #[error("cookie `{cookie}`: {flag} is the English of a text that is not there")]
    EnglishWithoutDutch { cookie: String, flag: &'static str },

    #[error(
        "cookie `{cookie}`: its safeguard was declared for its former provider or country; say \
         which holds now"
    )]
    SafeguardOfFormerTransfer { cookie: String },

    #[error("cookie `{cookie}`: --safeguard needs --country, the provider's country")]
    SafeguardWithoutCountry { cookie: String },

    #[error("cookie `{cookie}`: {}", transfer_rule(*broken, country))]
    Transfer {
        cookie: String,
        country: &'static str,
        broken: Broken,
    },

    #[error(
        "cookie `{cookie}`: --safeguard derogation is not for cookies: the Art. 49 exceptions are \
         for occasional transfers, and a cookie sends data on every visit"
    )]
    DerogationForCookie { cookie: String },
}

/// A broken transfer rule in the words of the cookie flags.
fn transfer_rule(broken: Broken, country: &str) -> String {
    match broken {
        Broken::SafeguardInsideEea(safeguard) => format!(
            "{country} is inside the EEA: that is no transfer, so --safeguard {safeguard} means nothing"
        ),
        Broken::SafeguardMissing => format!(
            "{country} is outside the EEA: the provider receives the visitor's data there, a \
             transfer that needs --safeguard"
        ),
        Broken::NoAdequacy => format!(
            "the European Commission has no adequacy decision that covers all recipients in {country}"
        ),
        Broken::DpfOutsideUs => {
            format!("--safeguard dpf is only for the United States, not {country}")
        }
        Broken::CopyMissing(safeguard) => format!(
            "--safeguard {safeguard} needs --safeguard-copy, saying how people get a copy (Art. 13(1)(f))"
        ),
        Broken::CopyNotApplicable => "--safeguard-copy and --safeguard-copy-en are only for \
                                      --safeguard scc or bcr; the statement names a decision \
                                      itself"
            .to_owned(),
    }
}

impl HasExitCode for CookieError {
    fn exit_code(&self) -> u8 {
        match self {
            CookieError::Corrupt { .. } => exit::DAMAGED,
            CookieError::NothingToEdit { .. } | CookieError::Control(_) => exit::USAGE,
            _ => exit::ERROR,
        }
    }
}

/// What `cookie edit` changes. `None` keeps the stored value; for the optional texts
/// (`purpose_text_en`, `country`) `Some("")` clears it.
#[derive(Debug, Clone, Default)]
pub struct CookieChanges {
    pub provider: Option<String>,
    pub kind: Option<CookieKind>,
    pub retention: Option<String>,
    pub purpose_text: Option<String>,
    pub purpose_text_en: Option<String>,
    pub country: Option<String>,
    pub consent_asked: Option<bool>,
    /// `Some(None)` removes the safeguard.
    pub safeguard: Option<Option<Safeguard>>,
    /// `Some("")` clears them.
    pub safeguard_copy: Option<String>,
    pub safeguard_copy_en: Option<String>,
}

/// Reads a cookie retention: `session`, or a period in its normal form (`13m`).
pub fn retention(cookie: &str, text: &str) -> Result<String, CookieError> {
    let text = text.trim();
    if text.eq_ignore_ascii_case(SESSION) {
        return Ok(SESSION.to_owned());
    }
    text.parse::<RetentionPeriod>()
        .map(|period| period.to_string())
        .map_err(|error| CookieError::Retention {
            cookie: cookie.to_owned(),
            rule: error.rule,
        })
}

/// The period of a stored retention; `None` for `session`.
pub fn retention_period(retention: &str) -> Option<RetentionPeriod> {
    retention.parse().ok()
}

/// Checks every cookie rule and returns the cookie with its texts trimmed and its country in
/// capitals.
pub fn validate(cookie: &Cookie) -> Result<Cookie, CookieError> {
    let name = cookie.name.trim().to_owned();
    check_name(&name)?;
    let required = |flag: &'static str, given: &str| match given.trim() {
        "" => Err(CookieError::EmptyText {
            cookie: name.clone(),
            flag,
        }),
        given => {
            text::check_plain(&format!("cookie `{name}`"), flag, given)?;
            Ok(given.to_owned())
        }
    };
    let provider = required("--provider", &cookie.provider)?;
    let purpose_text = required("--purpose-text", &cookie.purpose_text)?;
    let purpose_text_en = cookie
        .purpose_text_en
        .as_deref()
        .map(|text| required("--purpose-text-en", text))
        .transpose()?;
    let country = cookie
        .country
        .as_deref()
        .map(|code| match country::country(code) {
            Some(known) => Ok(known.code),
            None => Err(CookieError::UnknownCountry {
                cookie: name.clone(),
                suggestion: country::suggestion(code),
            }),
        })
        .transpose()?;
    let optional = |flag: &'static str, text: &Option<String>| {
        text.as_deref().map(|text| required(flag, text)).transpose()
    };
    let safeguard_copy = optional("--safeguard-copy", &cookie.safeguard_copy)?;
    let safeguard_copy_en = optional("--safeguard-copy-en", &cookie.safeguard_copy_en)?;
    let copy_given = safeguard_copy.is_some() || safeguard_copy_en.is_some();
    check_transfer(&name, country, cookie.safeguard, copy_given)?;
    if safeguard_copy.is_none() && safeguard_copy_en.is_some() {
        return Err(CookieError::EnglishWithoutDutch {
            cookie: name,
            flag: "--safeguard-copy-en",
        });
    }
    Ok(Cookie {
        retention: retention(&name, &cookie.retention)?,
        name,
        provider,
        kind: cookie.kind,
        purpose_text,
        purpose_text_en,
        country: country.map(str::to_owned),
        consent_asked: cookie.consent_asked,
        safeguard: cookie.safeguard,
        safeguard_copy,
        safeguard_copy_en,
    })
}

/// Whether a cookie's transfer may rest on `safeguard`: not on a derogation (Art. 49), which
/// covers occasional transfers in specific situations, not one at every visit.
pub fn fits_cookies(safeguard: Safeguard) -> bool {
    safeguard != Safeguard::Derogation
}

/// The transfer rules for the provider's country. A cookie declared before the rules, or
/// without a country, may have no safeguard; the statement then asks for it.
fn check_transfer(
    name: &str,
    country: Option<&'static str>,
    safeguard: Option<Safeguard>,
    copy_given: bool,
) -> Result<(), CookieError> {
    let Some(country) = country else {
        return match (safeguard, copy_given) {
            (None, false) => Ok(()),
            _ => Err(CookieError::SafeguardWithoutCountry {
                cookie: name.to_owned(),
            }),
        };
    };
    if safeguard.is_some_and(|safeguard| !fits_cookies(safeguard)) {
        return Err(CookieError::DerogationForCookie {
            cookie: name.to_owned(),
        });
    }
    match transfer::check(country, safeguard, copy_given) {
        Ok(()) | Err(Broken::SafeguardMissing) => Ok(()),
        Err(broken) => Err(CookieError::Transfer {
            cookie: name.to_owned(),
            country,
            broken,
        }),
    }
}

fn check_name(name: &str) -> Result<(), CookieError> {
    let rule = if name.is_empty() {
        Some("it is empty")
    } else if name.chars().count() > MAX_NAME_LEN {
        Some("it is longer than 100 characters")
    } else if name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("it contains a space or a control character")
    } else {
        None
    };
    match rule {
        Some(rule) => Err(CookieError::InvalidName {
            name: name.to_owned(),
            rule,
        }),
        None => Ok(()),
    }
}

/// Declares a cookie.
pub fn add_cookie(tx: &Transaction<'_>, cookie: &Cookie) -> Result<Cookie, CookieError> {
    let cookie = validate(cookie)?;
    if find_cookie(tx, &cookie.name)?.is_some() {
        return Err(CookieError::Exists {
            cookie: cookie.name,
        });
    }
    let now = clock::now_string();
    tx.execute(
        "INSERT INTO cookies (name, provider, kind, retention, purpose_text, purpose_text_en,
             country, consent_asked, safeguard, safeguard_copy, safeguard_copy_en, created_at,
             updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            cookie.name,
            cookie.provider,
            cookie.kind.as_str(),
            cookie.retention,
            cookie.purpose_text,
            cookie.purpose_text_en,
            cookie.country,
            cookie.consent_asked,
            cookie.safeguard.map(|s| s.as_str()),
            cookie.safeguard_copy,
            cookie.safeguard_copy_en,
            now
        ],
    )?;
    audit::log(tx, "cookie.add", None, None, Some(&cookie.name))?;
    Ok(cookie)
}

/// Changes a declared cookie.
pub fn edit_cookie(
    tx: &Transaction<'_>,
    name: &str,
    changes: &CookieChanges,
) -> Result<Cookie, CookieError> {
    let stored = find_cookie(tx, name)?.ok_or_else(|| CookieError::NotFound {
        cookie: name.trim().to_owned(),
    })?;
    let clearable = |text: &Option<String>, old: Option<String>| match text.as_deref() {
        None => old,
        Some(text) if text.trim().is_empty() => None,
        Some(text) => Some(text.to_owned()),
    };
    // A safeguard and its copy belong to one safeguard and one provider in one country: a new
    // safeguard without a copy drops the old copy, and a new provider or country needs its
    // safeguard said again.
    let safeguard = changes.safeguard.unwrap_or(stored.safeguard);
    let copy = |given: &Option<String>, old: &Option<String>| {
        let dropped = changes.safeguard.is_some()
            && given.is_none()
            && !safeguard.is_some_and(transfer::needs_copy);
        if dropped {
            None
        } else {
            clearable(given, old.clone())
        }
    };
    let edited = Cookie {
        name: stored.name.clone(),
        provider: changes.provider.clone().unwrap_or(stored.provider.clone()),
        kind: changes.kind.unwrap_or(stored.kind),
        retention: changes
            .retention
            .clone()
            .unwrap_or(stored.retention.clone()),
        purpose_text: changes
            .purpose_text
            .clone()
            .unwrap_or(stored.purpose_text.clone()),
        purpose_text_en: clearable(&changes.purpose_text_en, stored.purpose_text_en.clone()),
        country: clearable(&changes.country, stored.country.clone()),
        consent_asked: changes.consent_asked.unwrap_or(stored.consent_asked),
        safeguard,
        safeguard_copy: copy(&changes.safeguard_copy, &stored.safeguard_copy),
        safeguard_copy_en: copy(&changes.safeguard_copy_en, &stored.safeguard_copy_en),
    };
    let moved = edited.provider.trim() != stored.provider.trim()
        || edited.country.as_deref().map(str::to_ascii_uppercase) != stored.country;
    if moved && stored.safeguard.is_some() && changes.safeguard.is_none() {
        return Err(CookieError::SafeguardOfFormerTransfer {
            cookie: stored.name,
        });
    }
    let edited = validate(&edited)?;
    if edited == stored {
        return Err(CookieError::NothingToEdit {
            cookie: stored.name,
        });
    }
    tx.execute(
        "UPDATE cookies SET provider = ?2, kind = ?3, retention = ?4, purpose_text = ?5,
             purpose_text_en = ?6, country = ?7, consent_asked = ?8, safeguard = ?9,
             safeguard_copy = ?10, safeguard_copy_en = ?11, updated_at = ?12
         WHERE name = ?1",
        params![
            edited.name,
            edited.provider,
            edited.kind.as_str(),
            edited.retention,
            edited.purpose_text,
            edited.purpose_text_en,
            edited.country,
            edited.consent_asked,
            edited.safeguard.map(|s| s.as_str()),
            edited.safeguard_copy,
            edited.safeguard_copy_en,
            clock::now_string()
        ],
    )?;
    audit::log(tx, "cookie.edit", None, None, Some(&edited.name))?;
    Ok(edited)
}

/// Removes a declared cookie.
pub fn remove_cookie(tx: &Transaction<'_>, name: &str) -> Result<(), CookieError> {
    let name = name.trim();
    let removed = tx.execute("DELETE FROM cookies WHERE name = ?1", [name])?;
    if removed == 0 {
        return Err(CookieError::NotFound {
            cookie: name.to_owned(),
        });
    }
    audit::log(tx, "cookie.remove", None, None, Some(name))?;
    Ok(())
}

/// Every declared cookie, by name.
pub fn cookies(conn: &Connection) -> Result<Vec<Cookie>, CookieError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM cookies ORDER BY name"))?;
    let rows = stmt
        .query_map([], raw_cookie)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(cookie_of).collect()
}

/// Every declared cookie by name, each with its row id, for a front end that addresses
/// cookies by id (a name may hold characters an address cannot).
pub fn cookies_with_ids(conn: &Connection) -> Result<Vec<(i64, Cookie)>, CookieError> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS}, id FROM cookies ORDER BY name"))?;
    let rows = stmt
        .query_map([], |row| Ok((row.get::<_, i64>(11)?, raw_cookie(row)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, raw)| Ok((id, cookie_of(raw)?)))
        .collect()
}

/// The cookie with this row id, if declared.
pub fn cookie_by_id(conn: &Connection, id: i64) -> Result<Option<Cookie>, CookieError> {
    let raw = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM cookies WHERE id = ?1"),
            [id],
            raw_cookie,
        )
        .optional()?;
    raw.map(cookie_of).transpose()
}

/// The cookie with this name, if declared.
pub fn find_cookie(conn: &Connection, name: &str) -> Result<Option<Cookie>, CookieError> {
    let raw = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM cookies WHERE name = ?1"),
            [name.trim()],
            raw_cookie,
        )
        .optional()?;
    raw.map(cookie_of).transpose()
}

/// The columns [`raw_cookie`] reads, in its order.
const COLUMNS: &str = "name, provider, kind, retention, purpose_text, purpose_text_en, country,
     consent_asked, safeguard, safeguard_copy, safeguard_copy_en";

/// A row with the kind still as text.
type RawCookie = (Cookie, String, Option<String>);

fn raw_cookie(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawCookie> {
    Ok((
        Cookie {
            name: row.get(0)?,
            provider: row.get(1)?,
            kind: CookieKind::Functional,
            retention: row.get(3)?,
            purpose_text: row.get(4)?,
            purpose_text_en: row.get(5)?,
            country: row.get(6)?,
            consent_asked: row.get(7)?,
            safeguard: None,
            safeguard_copy: row.get(9)?,
            safeguard_copy_en: row.get(10)?,
        },
        row.get(2)?,
        row.get(8)?,
    ))
}

fn cookie_of((mut cookie, kind, safeguard): RawCookie) -> Result<Cookie, CookieError> {
    let corrupt = |what| CookieError::Corrupt {
        cookie: cookie.name.clone(),
        what,
    };
    cookie.kind = kind.parse().map_err(|_| corrupt("kind"))?;
    cookie.safeguard = safeguard
        .map(|text| text.parse().map_err(|_| corrupt("safeguard")))
        .transpose()?;
    Ok(cookie)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::testing::{conn, in_tx};

    fn ga() -> Cookie {
        Cookie {
            name: " _ga ".into(),
            provider: "Google".into(),
            kind: CookieKind::Analytics,
            retention: "13M".into(),
            purpose_text: "Bezoek aan de website meten".into(),
            purpose_text_en: None,
            country: Some("us".into()),
            consent_asked: true,
            safeguard: Some(Safeguard::Dpf),
            safeguard_copy: None,
            safeguard_copy_en: None,
        }
    }

    #[test]
    fn a_cookie_round_trips_normalised() {
        let mut conn = conn();
        in_tx(&mut conn, |tx| add_cookie(tx, &ga())).unwrap();
        let stored = cookies(&conn).unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].name, "_ga");
        assert_eq!(stored[0].retention, "13m");
        assert_eq!(stored[0].country.as_deref(), Some("US"));
        assert_eq!(stored[0].kind, CookieKind::Analytics);
    }

    #[test]
    fn session_is_a_retention_and_nonsense_is_not() {
        assert_eq!(retention("c", " Session ").unwrap(), "session");
        assert_eq!(retention("c", "1y").unwrap(), "1y");
        assert!(matches!(
            retention("c", "forever"),
            Err(CookieError::Retention { .. })
        ));
        assert_eq!(retention_period("session"), None);
    }

    #[test]
    fn an_unknown_country_is_refused_with_a_suggestion() {
        let cookie = Cookie {
            country: Some("UK".into()),
            ..ga()
        };
        let error = validate(&cookie).unwrap_err();
        assert!(matches!(
            error,
            CookieError::UnknownCountry {
                suggestion: Some("GB"),
                ..
            }
        ));
        assert!(
            crate::cli::hint::schema::cookie(&error)
                .unwrap()
                .contains("GB")
        );
    }

    #[test]
    fn duplicates_blank_texts_and_odd_names_are_refused() {
        let mut conn = conn();
        in_tx(&mut conn, |tx| add_cookie(tx, &ga())).unwrap();
        let again = in_tx(&mut conn, |tx| add_cookie(tx, &ga()));
        assert!(matches!(again, Err(CookieError::Exists { .. })));
        let blank = Cookie {
            provider: "  ".into(),
            ..ga()
        };
        assert!(matches!(
            validate(&blank),
            Err(CookieError::EmptyText {
                flag: "--provider",
                ..
            })
        ));
        let spaced = Cookie {
            name: "my cookie".into(),
            ..ga()
        };
        assert!(matches!(
            validate(&spaced),
            Err(CookieError::InvalidName { .. })
        ));
    }

    #[test]
    fn a_providers_transfer_follows_the_recipients_rules_without_art_49() {
        let with = |country: Option<&str>, safeguard, copy: Option<&str>| Cookie {
            country: country.map(str::to_owned),
            safeguard,
            safeguard_copy: copy.map(str::to_owned),
            ..ga()
        };
        // Declared before the rule, or step by step: the statement asks for the safeguard.
        assert!(validate(&with(Some("US"), None, None)).is_ok());
        assert!(validate(&with(Some("US"), Some(Safeguard::Dpf), None)).is_ok());
        assert!(
            validate(&with(
                Some("IN"),
                Some(Safeguard::Scc),
                Some("https://x.example")
            ))
            .is_ok()
        );
        let broken = |cookie: Cookie| match validate(&cookie) {
            Err(CookieError::Transfer { broken, .. }) => broken,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            broken(with(Some("DE"), Some(Safeguard::Dpf), None)),
            Broken::SafeguardInsideEea(Safeguard::Dpf)
        );
        assert_eq!(
            broken(with(Some("GB"), Some(Safeguard::Dpf), None)),
            Broken::DpfOutsideUs
        );
        assert_eq!(
            broken(with(Some("IN"), Some(Safeguard::Scc), None)),
            Broken::CopyMissing(Safeguard::Scc)
        );
        assert!(matches!(
            validate(&with(Some("IN"), Some(Safeguard::Derogation), None)),
            Err(CookieError::DerogationForCookie { .. })
        ));
        assert!(matches!(
            validate(&with(None, Some(Safeguard::Dpf), None)),
            Err(CookieError::SafeguardWithoutCountry { .. })
        ));
        let english_alone = Cookie {
            safeguard_copy_en: Some("https://x.example".into()),
            ..with(Some("IN"), Some(Safeguard::Scc), None)
        };
        assert!(matches!(
            validate(&english_alone),
            Err(CookieError::EnglishWithoutDutch { .. })
        ));
        // A copy in either language is no copy for a decision: both flags are refused alike.
        let dpf_with_copy = Cookie {
            safeguard_copy_en: Some("https://x.example".into()),
            ..with(Some("US"), Some(Safeguard::Dpf), None)
        };
        assert_eq!(broken(dpf_with_copy), Broken::CopyNotApplicable);
    }

    #[test]
    fn edit_changes_and_clears_and_remove_forgets() {
        let mut conn = conn();
        in_tx(&mut conn, |tx| add_cookie(tx, &ga())).unwrap();
        let changes = CookieChanges {
            purpose_text_en: Some("Measuring visits".into()),
            country: Some(String::new()),
            safeguard: Some(None),
            ..CookieChanges::default()
        };
        let edited = in_tx(&mut conn, |tx| edit_cookie(tx, "_ga", &changes)).unwrap();
        assert_eq!(edited.purpose_text_en.as_deref(), Some("Measuring visits"));
        assert_eq!(edited.country, None);
        assert_eq!(find_cookie(&conn, "_ga").unwrap(), Some(edited));
        let same = in_tx(&mut conn, |tx| edit_cookie(tx, "_ga", &changes));
        assert!(matches!(same, Err(CookieError::NothingToEdit { .. })));
        let [(id, listed)] = cookies_with_ids(&conn).unwrap().try_into().unwrap();
        assert_eq!(cookie_by_id(&conn, id).unwrap().as_ref(), Some(&listed));
        assert_eq!(cookie_by_id(&conn, id + 1).unwrap(), None);
        in_tx(&mut conn, |tx| remove_cookie(tx, "_ga")).unwrap();
        assert!(cookies(&conn).unwrap().is_empty());
        let gone = in_tx(&mut conn, |tx| remove_cookie(tx, "_ga"));
        assert!(matches!(gone, Err(CookieError::NotFound { .. })));
    }
}
