//! Data recipients: who outside the business receives a purpose's data, in which country, and
//! on which safeguard when that country is outside the EEA (Art. 13(1)(e) and (f), 44–49).
//!
//! The rules live here once: a country is an ISO 3166-1 code, a transfer outside the EEA needs
//! an adequate safeguard, and a safeguard inside the EEA is refused as meaningless. So "VS:
//! geen" or "n.v.t." cannot be stored as a safeguard: there is no free text for it.
//!
//! Adding a NAME that exists extends it: the given purposes are attached, texts given replace
//! the stored ones and texts left out stay. Its role, country and safeguard cannot change that
//! way (a different safeguard is a different transfer): remove it and add it again.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;

use super::audit;
use super::country;
use super::model::{Recipient, RecipientRole, Safeguard};
use super::purpose::{StoredPurpose, purpose_by_name};
use super::transfer::{self, Broken};
use crate::exit::{self, HasExitCode};
use crate::{clock, text};

#[cfg(test)]
mod tests;

/// The longest recipient name, in characters.
const MAX_NAME: usize = 100;

/// Why a recipient change was refused. Messages name recipients, purposes, flags and country
/// codes: schema text the user typed, never a person's data.
#[derive(Debug, thiserror::Error)]
pub enum RecipientError {
    #[error("a recipient needs a name")]
    NameEmpty,

    #[error("recipient name `{recipient}` is not allowed: {rule}")]
    NameInvalid {
        recipient: String,
        rule: &'static str,
    },

    #[error("recipient `{recipient}` needs at least one --purpose")]
    NoPurpose { recipient: String },

    #[error("recipient `{recipient}`: {code:?} is not an ISO 3166-1 alpha-2 country code")]
    UnknownCountry {
        recipient: String,
        code: String,
        suggestion: Option<&'static str>,
    },

    #[error(
        "recipient `{recipient}` is in {country}, inside the EEA: that is no transfer, so --safeguard {safeguard} means nothing"
    )]
    SafeguardInsideEea {
        recipient: String,
        country: &'static str,
        safeguard: Safeguard,
    },

    #[error(
        "recipient `{recipient}` is in {country}, outside the EEA: that is a transfer and needs --safeguard"
    )]
    SafeguardMissing {
        recipient: String,
        country: &'static str,
    },

    #[error(
        "recipient `{recipient}`: the European Commission has no adequacy decision that covers all recipients in {country}"
    )]
    NoAdequacy {
        recipient: String,
        country: &'static str,
    },

    #[error(
        "recipient `{recipient}`: --safeguard dpf is only for the United States, not {country}"
    )]
    DpfOutsideUs {
        recipient: String,
        country: &'static str,
    },

    #[error(
        "recipient `{recipient}`: --safeguard {safeguard} needs --safeguard-copy, saying how people get a copy (Art. 13(1)(f))"
    )]
    SafeguardCopyMissing {
        recipient: String,
        safeguard: Safeguard,
    },

    #[error(
        "recipient `{recipient}`: {flag} is only for --safeguard scc or bcr; the statement names the decision itself"
    )]
    SafeguardCopyNotApplicable {
        recipient: String,
        flag: &'static str,
    },

    #[error(
        "recipient `{recipient}`: --safeguard derogation needs --note, saying which situation of Art. 49 applies"
    )]
    DerogationNoteMissing { recipient: String },

    #[error(
        "recipient `{recipient}` is inside the EEA: --note explains a transfer outside the EEA and the statement would not show it"
    )]
    NoteInsideEea { recipient: String },

    #[error("recipient `{recipient}`: {flag} needs its Dutch text too")]
    EnglishWithoutDutch {
        recipient: String,
        flag: &'static str,
    },

    /// A text with a control character (the one rule of [`crate::text::check_plain`]).
    #[error(transparent)]
    Control(#[from] crate::text::ControlCharacter),

    #[error("recipient `{recipient}`: {flag} cannot be empty")]
    EmptyText {
        recipient: String,
        flag: &'static str,
    },

    #[error(
        "recipient `{recipient}` already exists with another {what}; adding it again only attaches purposes and texts"
    )]
    Differs {
        recipient: String,
        what: &'static str,
    },

    #[error("there is no recipient `{recipient}`")]
    NotFound { recipient: String },

    #[error("recipient `{recipient}` does not receive data for purpose `{purpose}`")]
    NotAPurpose { recipient: String, purpose: String },
}

impl HasExitCode for RecipientError {
    fn exit_code(&self) -> u8 {
        match self {
            RecipientError::NotFound { .. } | RecipientError::NotAPurpose { .. } => exit::ERROR,
            _ => exit::USAGE,
        }
    }
}

/// What `recipient remove` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Removed {
    /// The recipient is gone, with all its purposes.
    Recipient,
    /// Only this purpose was taken off; the recipient still receives data for others.
    Purpose,
}

/// Adds a recipient, or extends one with the same name (see the module documentation).
/// Attaching it to a purpose that declared `--no-recipients` clears that declaration. Returns
/// the recipient as stored.
pub fn add_recipient(
    tx: &Transaction<'_>,
    recipient: &Recipient,
) -> Result<Recipient, super::Error> {
    let name = check_name(&recipient.name)?;
    let stored = find_stored(tx, &name)?;
    let given = match &stored {
        None => validate(recipient)?,
        Some((_, stored)) => merge(stored.clone(), recipient)?,
    };
    let purposes = recipient
        .purposes
        .iter()
        .map(|name| purpose_by_name(tx, name.trim()))
        .collect::<Result<Vec<_>, _>>()?;
    let now = clock::now_string();
    let id = match stored {
        None => insert(tx, &given, &now)?,
        Some((id, _)) => {
            let merged = &given;
            tx.execute(
                "UPDATE recipients SET safeguard_copy = ?2, safeguard_copy_en = ?3, note = ?4,
                     note_en = ?5, updated_at = ?6 WHERE id = ?1",
                params![
                    id,
                    merged.safeguard_copy,
                    merged.safeguard_copy_en,
                    merged.note,
                    merged.note_en,
                    now
                ],
            )?;
            id
        }
    };
    for purpose in &purposes {
        attach(tx, id, purpose, &given.name)?;
    }
    Ok(find_recipient(tx, &given.name)?.expect("the recipient was just written"))
}

/// Replaces the recipient called `name` by `recipient` in one step: what `recipient remove
/// NAME` and then `recipient add` do, so a changed role, country or safeguard (another
/// transfer) is checked as a new recipient would be. The name stays the stored one. Returns
/// the recipient as stored.
pub fn replace_recipient(
    tx: &Transaction<'_>,
    name: &str,
    recipient: &Recipient,
) -> Result<Recipient, super::Error> {
    let stored = find_recipient(tx, name)?.ok_or_else(|| RecipientError::NotFound {
        recipient: name.to_owned(),
    })?;
    remove_recipient(tx, &stored.name, None)?;
    add_recipient(
        tx,
        &Recipient {
            name: stored.name,
            ..recipient.clone()
        },
    )
}

/// Takes a recipient off one purpose, or removes it entirely when `purpose` is `None` or it was
/// its last purpose.
pub fn remove_recipient(
    tx: &Transaction<'_>,
    name: &str,
    purpose: Option<&str>,
) -> Result<Removed, super::Error> {
    let (id, stored) = find_stored(tx, name)?.ok_or_else(|| RecipientError::NotFound {
        recipient: name.to_owned(),
    })?;
    let Some(purpose) = purpose else {
        for purpose in &stored.purposes {
            audit::log(
                tx,
                "recipient.remove",
                None,
                Some(purpose),
                Some(&stored.name),
            )?;
        }
        tx.execute("DELETE FROM recipients WHERE id = ?1", [id])?;
        return Ok(Removed::Recipient);
    };
    if !stored.purposes.iter().any(|p| p == purpose) {
        return Err(RecipientError::NotAPurpose {
            recipient: stored.name,
            purpose: purpose.to_owned(),
        }
        .into());
    }
    audit::log(
        tx,
        "recipient.remove",
        None,
        Some(purpose),
        Some(&stored.name),
    )?;
    if stored.purposes.len() == 1 {
        tx.execute("DELETE FROM recipients WHERE id = ?1", [id])?;
        return Ok(Removed::Recipient);
    }
    tx.execute(
        "DELETE FROM recipient_purposes WHERE recipient_id = ?1
             AND purpose_id = (SELECT id FROM purposes WHERE name = ?2)",
        params![id, purpose],
    )?;
    Ok(Removed::Purpose)
}

/// Every recipient by name, each with its purposes in the purposes' order.
pub fn recipients(conn: &Connection) -> Result<Vec<Recipient>, super::Error> {
    let stored = recipients_with_ids(conn)?;
    Ok(stored.into_iter().map(|(_, recipient)| recipient).collect())
}

/// Every recipient by name with its id, for a front end that addresses recipients by id
/// (a name may hold characters a URL cannot).
pub fn recipients_with_ids(conn: &Connection) -> Result<Vec<(i64, Recipient)>, super::Error> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM recipients ORDER BY name")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter()
        .map(|id| Ok((id, read(conn, id)?)))
        .collect()
}

/// The recipient with this id, if there is one.
pub fn recipient_by_id(conn: &Connection, id: i64) -> Result<Option<Recipient>, super::Error> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT id FROM recipients WHERE id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()?;
    found.map(|id| read(conn, id)).transpose()
}

/// The recipient called `name`, if there is one.
pub fn find_recipient(conn: &Connection, name: &str) -> Result<Option<Recipient>, super::Error> {
    Ok(find_stored(conn, name)?.map(|(_, recipient)| recipient))
}

/// Checks every recipient rule and returns the recipient with its texts trimmed and its
/// country code in capitals. Purposes are checked to be given, not to exist.
pub fn validate(recipient: &Recipient) -> Result<Recipient, RecipientError> {
    let name = check_name(&recipient.name)?;
    let text = |flag: &'static str, text: &Option<String>| optional_text(&name, flag, text);
    let safeguard_copy = text("--safeguard-copy", &recipient.safeguard_copy)?;
    let safeguard_copy_en = text("--safeguard-copy-en", &recipient.safeguard_copy_en)?;
    let note = text("--note", &recipient.note)?;
    let note_en = text("--note-en", &recipient.note_en)?;
    for (flag, dutch, english) in [
        ("--safeguard-copy-en", &safeguard_copy, &safeguard_copy_en),
        ("--note-en", &note, &note_en),
    ] {
        if dutch.is_none() && english.is_some() {
            return Err(RecipientError::EnglishWithoutDutch {
                recipient: name,
                flag,
            });
        }
    }
    let mut purposes: Vec<String> = Vec::new();
    for purpose in &recipient.purposes {
        let purpose = purpose.trim().to_owned();
        if !purposes.contains(&purpose) {
            purposes.push(purpose);
        }
    }
    if purposes.is_empty() {
        return Err(RecipientError::NoPurpose { recipient: name });
    }
    let country =
        country::country(&recipient.country).ok_or_else(|| RecipientError::UnknownCountry {
            recipient: name.clone(),
            code: recipient.country.trim().to_owned(),
            suggestion: country::suggestion(&recipient.country),
        })?;
    let validated = Recipient {
        name,
        purposes,
        role: recipient.role,
        country: country.code.to_owned(),
        safeguard: recipient.safeguard,
        safeguard_copy,
        safeguard_copy_en,
        note,
        note_en,
    };
    check_safeguard(&validated, country.code)?;
    Ok(validated)
}

/// The transfer rules ([`transfer::check`]), and the note's: only an Art. 49 exception
/// outside the EEA needs one, and inside the EEA there is nothing to note.
fn check_safeguard(recipient: &Recipient, code: &'static str) -> Result<(), RecipientError> {
    let name = || recipient.name.clone();
    let copy_given = recipient.safeguard_copy.is_some();
    transfer::check(code, recipient.safeguard, copy_given).map_err(|broken| match broken {
        Broken::SafeguardInsideEea(safeguard) => RecipientError::SafeguardInsideEea {
            recipient: name(),
            country: code,
            safeguard,
        },
        Broken::SafeguardMissing => RecipientError::SafeguardMissing {
            recipient: name(),
            country: code,
        },
        Broken::NoAdequacy => RecipientError::NoAdequacy {
            recipient: name(),
            country: code,
        },
        Broken::DpfOutsideUs => RecipientError::DpfOutsideUs {
            recipient: name(),
            country: code,
        },
        Broken::CopyMissing(safeguard) => RecipientError::SafeguardCopyMissing {
            recipient: name(),
            safeguard,
        },
        Broken::CopyNotApplicable => RecipientError::SafeguardCopyNotApplicable {
            recipient: name(),
            flag: "--safeguard-copy",
        },
    })?;
    if country::is_eea(code) && recipient.note.is_some() {
        return Err(RecipientError::NoteInsideEea { recipient: name() });
    }
    if recipient.safeguard == Some(Safeguard::Derogation) && recipient.note.is_none() {
        return Err(RecipientError::DerogationNoteMissing { recipient: name() });
    }
    Ok(())
}

/// The name trimmed. It is shown in lists joined by "; ", so it holds no ';' and no line
/// breaks, which would make the list ambiguous.
fn check_name(name: &str) -> Result<String, RecipientError> {
    let name = name.trim();
    // The name is refused without being repeated: it may hold an escape sequence.
    text::check_plain("recipient", "its name", name)?;
    let rule = if name.is_empty() {
        return Err(RecipientError::NameEmpty);
    } else if name.chars().count() > MAX_NAME {
        Some("it is longer than 100 characters")
    } else if name.contains(';') {
        Some("';' separates recipients in the statement")
    } else {
        None
    };
    match rule {
        Some(rule) => Err(RecipientError::NameInvalid {
            recipient: name.to_owned(),
            rule,
        }),
        None => Ok(name.to_owned()),
    }
}

/// An optional text trimmed, refused when given but blank.
fn optional_text(
    recipient: &str,
    flag: &'static str,
    text: &Option<String>,
) -> Result<Option<String>, RecipientError> {
    let text = text.as_deref().map(str::trim);
    text::check_optional(&format!("recipient `{recipient}`"), flag, text)?;
    match text {
        Some("") => Err(RecipientError::EmptyText {
            recipient: recipient.to_owned(),
            flag,
        }),
        other => Ok(other.map(str::to_owned)),
    }
}

/// The stored recipient extended with what `given` adds, checked again; role, country and
/// safeguard must be the same.
fn merge(stored: Recipient, given: &Recipient) -> Result<Recipient, RecipientError> {
    let differs = |what| RecipientError::Differs {
        recipient: stored.name.clone(),
        what,
    };
    if stored.role != given.role {
        return Err(differs("--role"));
    }
    let country = country::country(&given.country).map(|c| c.code);
    if country != Some(stored.country.as_str()) {
        return Err(differs("--country"));
    }
    if stored.safeguard != given.safeguard {
        return Err(differs("--safeguard"));
    }
    let keep = |new: &Option<String>, old: &Option<String>| new.clone().or_else(|| old.clone());
    let mut purposes = stored.purposes.clone();
    purposes.extend(given.purposes.iter().cloned());
    let merged = Recipient {
        purposes,
        safeguard_copy: keep(&given.safeguard_copy, &stored.safeguard_copy),
        safeguard_copy_en: keep(&given.safeguard_copy_en, &stored.safeguard_copy_en),
        note: keep(&given.note, &stored.note),
        note_en: keep(&given.note_en, &stored.note_en),
        ..stored
    };
    validate(&merged)
}

fn insert(tx: &Transaction<'_>, recipient: &Recipient, now: &str) -> Result<i64, super::Error> {
    tx.execute(
        "INSERT INTO recipients (name, role, country, safeguard, safeguard_copy,
             safeguard_copy_en, note, note_en, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            recipient.name,
            recipient.role.as_str(),
            recipient.country,
            recipient.safeguard.map(Safeguard::as_str),
            recipient.safeguard_copy,
            recipient.safeguard_copy_en,
            recipient.note,
            recipient.note_en,
            now
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Attaches the recipient to a purpose, clearing the purpose's "no recipients" declaration,
/// which is no longer true.
fn attach(
    tx: &Transaction<'_>,
    id: i64,
    purpose: &StoredPurpose,
    name: &str,
) -> Result<(), super::Error> {
    let added = tx.execute(
        "INSERT OR IGNORE INTO recipient_purposes (recipient_id, purpose_id) VALUES (?1, ?2)",
        [id, purpose.id],
    )?;
    if added == 0 {
        return Ok(());
    }
    audit::log(
        tx,
        "recipient.add",
        None,
        Some(&purpose.purpose.name),
        Some(name),
    )?;
    if purpose.purpose.no_recipients {
        tx.execute(
            "UPDATE purposes SET no_recipients = 0, updated_at = ?2 WHERE id = ?1",
            params![purpose.id, clock::now_string()],
        )?;
        audit::log(
            tx,
            "purpose.edit",
            None,
            Some(&purpose.purpose.name),
            Some("no-recipients"),
        )?;
    }
    Ok(())
}

fn find_stored(conn: &Connection, name: &str) -> Result<Option<(i64, Recipient)>, super::Error> {
    let id: Option<i64> = conn
        .prepare_cached("SELECT id FROM recipients WHERE name = ?1")?
        .query_row([name.trim()], |row| row.get(0))
        .optional()?;
    id.map(|id| Ok((id, read(conn, id)?))).transpose()
}

fn read(conn: &Connection, id: i64) -> Result<Recipient, super::Error> {
    let (name, role, country, safeguard, texts) = conn
        .prepare_cached(
            "SELECT name, role, country, safeguard, safeguard_copy, safeguard_copy_en, note,
                 note_en FROM recipients WHERE id = ?1",
        )?
        .query_row([id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<String>>(3)?,
                [row.get(4)?, row.get(5)?, row.get(6)?, row.get(7)?],
            ))
        })?;
    let corrupt = |what: &str| super::Error::Corrupt {
        what: format!("{what} of recipient `{name}`"),
    };
    let role: RecipientRole = role.parse().map_err(|_| corrupt("role"))?;
    let safeguard = safeguard
        .as_deref()
        .map(str::parse::<Safeguard>)
        .transpose()
        .map_err(|_| corrupt("safeguard"))?;
    let purposes = conn
        .prepare_cached(
            "SELECT p.name FROM purposes p JOIN recipient_purposes rp ON rp.purpose_id = p.id
             WHERE rp.recipient_id = ?1 ORDER BY p.position, p.id",
        )?
        .query_map([id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let [safeguard_copy, safeguard_copy_en, note, note_en] = texts;
    Ok(Recipient {
        name,
        purposes,
        role,
        country,
        safeguard,
        safeguard_copy,
        safeguard_copy_en,
        note,
        note_en,
    })
}
