//! Purposes: why data is kept, on which legal basis, and for how long.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::Serialize;

use super::Error;
use super::audit;
use super::bsn::is_bsn_field;
use super::field::fields_of_purpose;
use super::model::{
    LegalBasis, OutsideCategory, Profiling, ProfilingKind, Purpose, Retention, RetentionPeriod,
    RetentionStart,
};
use crate::{clock, text};

/// A purpose with its row id, for the layers that join on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredPurpose {
    pub id: i64,
    #[serde(flatten)]
    pub purpose: Purpose,
}

/// What `purpose edit` changes. `None` keeps the stored value; `Some("")` clears an optional
/// text. The basis is not editable: data collected on one basis does not move to another.
#[derive(Debug, Clone, Default)]
pub struct PurposeChanges {
    pub description: Option<String>,
    pub description_en: Option<String>,
    pub interest: Option<String>,
    pub interest_en: Option<String>,
    pub law: Option<String>,
    pub law_en: Option<String>,
    pub retention: Option<String>,
    pub retention_from: Option<RetentionStart>,
    pub retention_note: Option<String>,
    pub retention_note_en: Option<String>,
    pub subjects: Option<String>,
    pub subjects_en: Option<String>,
    pub minors: Option<bool>,
    pub profiling: Option<ProfilingKind>,
    pub profiling_logic: Option<String>,
    pub profiling_logic_en: Option<String>,
    pub profiling_effect: Option<String>,
    pub profiling_effect_en: Option<String>,
    /// Replaces the categories kept outside the vault.
    pub categories: Option<Vec<OutsideCategory>>,
    pub no_recipients: Option<bool>,
    /// Forgets the free-text recipients and transfers of an older vault.
    pub drop_legacy_recipients: bool,
}

/// An optional text trimmed, refused when given but blank.
fn optional_text(
    purpose: &str,
    flag: &'static str,
    text: &Option<String>,
) -> Result<Option<String>, Error> {
    let text = text.as_deref().map(str::trim);
    text::check_optional(&format!("purpose `{purpose}`"), flag, text)?;
    match text {
        Some("") => Err(Error::EmptyText {
            purpose: purpose.to_owned(),
            flag,
        }),
        other => Ok(other.map(str::to_owned)),
    }
}

/// The categories kept outside the vault, from rows of a Dutch text and its English text in
/// the order given (`purpose add --category … --category-en …` pairs them by position). A row
/// with neither text is no row. An English text needs the Dutch text it translates; the
/// refusal names its row, counting from 0. A blank text is left to [`validate`], which
/// refuses it.
pub fn outside_categories(
    rows: impl IntoIterator<Item = (Option<String>, Option<String>)>,
) -> Result<Vec<OutsideCategory>, Error> {
    let mut categories = Vec::new();
    for (row, (text, text_en)) in rows.into_iter().enumerate() {
        match (text, text_en) {
            (None, None) => {}
            (None, Some(_)) => return Err(Error::CategoryWithoutText { row }),
            (Some(text), text_en) => categories.push(OutsideCategory { text, text_en }),
        }
    }
    Ok(categories)
}

/// Whether an event alone may end the keeping for a purpose on `basis`: the end of the
/// contract only for a contract, the withdrawal of consent only for consent.
pub fn event_allowed(start: RetentionStart, basis: LegalBasis) -> bool {
    match start {
        RetentionStart::EndOfContract => basis == LegalBasis::Contract,
        RetentionStart::ConsentWithdrawn => basis == LegalBasis::Consent,
        RetentionStart::LastChange | RetentionStart::Created => false,
    }
}

/// Checks every purpose rule and returns the purpose with its texts trimmed.
pub fn validate(purpose: &Purpose) -> Result<Purpose, Error> {
    audit::check_name("purpose", &purpose.name)?;
    let name = purpose.name.clone();
    let description = purpose.description.trim().to_owned();
    text::check_plain(&format!("purpose `{name}`"), "--description", &description)?;
    if description.is_empty() {
        return Err(Error::DescriptionMissing { purpose: name });
    }
    let optional = |flag: &'static str, text: &Option<String>| optional_text(&name, flag, text);
    let interest = optional("--interest", &purpose.interest)?;
    let interest_en = optional("--interest-en", &purpose.interest_en)?;
    if purpose.basis == LegalBasis::LegitimateInterests && interest.is_none() {
        return Err(Error::InterestMissing { purpose: name });
    }
    for (flag, text) in [("--interest", &interest), ("--interest-en", &interest_en)] {
        if purpose.basis != LegalBasis::LegitimateInterests && text.is_some() {
            return Err(Error::InterestNotApplicable {
                purpose: name,
                basis: purpose.basis,
                flag,
            });
        }
    }
    let law = optional("--law", &purpose.law)?;
    if purpose.basis == LegalBasis::LegalObligation && law.is_none() {
        return Err(Error::LawMissing { purpose: name });
    }
    let note = optional("--retention-note", &purpose.retention.note)?;
    let mut retention = Retention::parse(
        purpose.retention.period.map(|p| p.to_string()).as_deref(),
        purpose.retention.start,
        note.as_deref(),
    )
    .map_err(|source| Error::Retention {
        purpose: name.clone(),
        source,
    })?;
    retention.note_en = optional("--retention-note-en", &purpose.retention.note_en)?;
    if retention.period.is_none() && !event_allowed(retention.start, purpose.basis) {
        return Err(Error::RetentionEvent {
            purpose: name,
            start: retention.start,
            basis: purpose.basis,
        });
    }
    let profiling = match &purpose.profiling {
        None => None,
        Some(profiling) => Some(Profiling {
            kind: profiling.kind,
            logic: optional("--profiling-logic", &profiling.logic)?,
            logic_en: optional("--profiling-logic-en", &profiling.logic_en)?,
            effect: optional("--profiling-effect", &profiling.effect)?,
            effect_en: optional("--profiling-effect-en", &profiling.effect_en)?,
        }),
    };
    let categories = purpose
        .categories
        .iter()
        .map(|category| {
            Ok(OutsideCategory {
                text: optional("--category", &Some(category.text.clone()))?.unwrap_or_default(),
                text_en: optional("--category-en", &category.text_en)?,
            })
        })
        .collect::<Result<_, Error>>()?;
    Ok(Purpose {
        name: name.clone(),
        basis: purpose.basis,
        description,
        description_en: optional("--description-en", &purpose.description_en)?,
        interest,
        interest_en,
        law,
        law_en: optional("--law-en", &purpose.law_en)?,
        retention,
        subjects: optional("--subjects", &purpose.subjects)?,
        subjects_en: optional("--subjects-en", &purpose.subjects_en)?,
        minors: purpose.minors,
        profiling,
        categories,
        no_recipients: purpose.no_recipients,
        legacy_recipients: purpose.legacy_recipients.clone(),
        legacy_transfers: purpose.legacy_transfers.clone(),
    })
}

/// Adds a purpose after checking its rules, after the purposes already there. Returns its
/// row id.
pub fn add_purpose(tx: &Transaction<'_>, purpose: &Purpose) -> Result<i64, Error> {
    let purpose = validate(purpose)?;
    if find_purpose(tx, &purpose.name)?.is_some() {
        return Err(Error::PurposeExists {
            purpose: purpose.name,
        });
    }
    let now = clock::now_string();
    let period = purpose.retention.period;
    // The retention goes in with the row: the table's CHECK wants it from the start.
    tx.execute(
        "INSERT INTO purposes (name, position, basis, description, interest, retention_days,
             retention_spec, retention_from, retention_note, created_at, updated_at)
         VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM purposes), ?2, ?3, ?4, ?5, ?6,
             ?7, ?8, ?9, ?9)",
        params![
            purpose.name,
            purpose.basis.as_str(),
            purpose.description,
            purpose.interest,
            period.map(RetentionPeriod::nominal_days),
            period.map(|p| p.to_string()),
            purpose.retention.start.as_str(),
            purpose.retention.note,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_declarations(tx, id, &purpose)?;
    audit::log(
        tx,
        "purpose.add",
        None,
        Some(&purpose.name),
        Some(purpose.basis.as_str()),
    )?;
    Ok(id)
}

/// Applies `purpose edit`. Refuses to drop the `--law` that a BSN field relies on, and to
/// declare "no recipients" while recipients are attached.
pub fn update_purpose(
    tx: &Transaction<'_>,
    name: &str,
    changes: &PurposeChanges,
) -> Result<Purpose, Error> {
    let stored = purpose_by_name(tx, name)?;
    let (purpose, changed) = apply_changes(stored.purpose.clone(), changes)?;
    let purpose = validate(&purpose)?;
    if purpose.law.is_none() {
        for field in fields_of_purpose(tx, stored.id)? {
            if is_bsn_field(&field.field) {
                return Err(Error::BsnNotLawful {
                    field: field.field.name,
                    purpose: purpose.name,
                    basis: purpose.basis,
                    has_law: false,
                });
            }
        }
    }
    if purpose.no_recipients && !stored.purpose.no_recipients {
        let attached = recipient_names(tx, stored.id)?;
        if !attached.is_empty() {
            return Err(Error::RecipientsAttached {
                purpose: purpose.name,
                recipients: attached,
            });
        }
    }
    tx.execute(
        "UPDATE purposes SET description = ?2, updated_at = ?3 WHERE id = ?1",
        params![stored.id, purpose.description, clock::now_string()],
    )?;
    write_declarations(tx, stored.id, &purpose)?;
    if changes.drop_legacy_recipients {
        tx.execute(
            "DELETE FROM purpose_recipients WHERE purpose_id = ?1",
            [stored.id],
        )?;
        tx.execute(
            "DELETE FROM purpose_transfers WHERE purpose_id = ?1",
            [stored.id],
        )?;
    }
    audit::log(
        tx,
        "purpose.edit",
        None,
        Some(&purpose.name),
        Some(&changed.join(",")),
    )?;
    Ok(purpose)
}

/// The purpose with `changes` applied, and the names of what changed for the audit log.
fn apply_changes(
    mut purpose: Purpose,
    changes: &PurposeChanges,
) -> Result<(Purpose, Vec<&'static str>), Error> {
    let mut changed = Vec::new();
    if let Some(description) = &changes.description {
        purpose.description = description.clone();
        changed.push("description");
    }
    apply_texts(&mut purpose, changes, &mut changed);
    apply_profiling(&mut purpose, changes, &mut changed)?;
    if let Some(period) = &changes.retention {
        purpose.retention.period = match period.trim() {
            "" => None,
            text => Some(text.parse().map_err(|source| Error::Retention {
                purpose: purpose.name.clone(),
                source,
            })?),
        };
        changed.push("retention");
    }
    if let Some(start) = changes.retention_from {
        purpose.retention.start = start;
        changed.push("retention-from");
    }
    if let Some(minors) = changes.minors {
        purpose.minors = minors;
        changed.push("minors");
    }
    if let Some(categories) = &changes.categories {
        purpose.categories = categories.clone();
        changed.push("categories");
    }
    if let Some(no_recipients) = changes.no_recipients {
        purpose.no_recipients = no_recipients;
        changed.push("no-recipients");
    }
    if changes.drop_legacy_recipients {
        purpose.legacy_recipients.clear();
        purpose.legacy_transfers.clear();
        changed.push("legacy-recipients");
    }
    Ok((purpose, changed))
}

/// Sets an optional text from `purpose edit`: a given text replaces it, "" clears it.
fn set_text(
    flag: &'static str,
    change: &Option<String>,
    slot: &mut Option<String>,
    changed: &mut Vec<&'static str>,
) {
    if let Some(value) = change {
        *slot = Some(value.trim().to_owned()).filter(|v| !v.is_empty());
        changed.push(flag);
    }
}

/// The optional texts of a purpose, except the profiling ones.
fn apply_texts(purpose: &mut Purpose, changes: &PurposeChanges, changed: &mut Vec<&'static str>) {
    let retention = &mut purpose.retention;
    for (flag, change, slot) in [
        (
            "description-en",
            &changes.description_en,
            &mut purpose.description_en,
        ),
        ("interest", &changes.interest, &mut purpose.interest),
        (
            "interest-en",
            &changes.interest_en,
            &mut purpose.interest_en,
        ),
        ("law", &changes.law, &mut purpose.law),
        ("law-en", &changes.law_en, &mut purpose.law_en),
        (
            "retention-note",
            &changes.retention_note,
            &mut retention.note,
        ),
        (
            "retention-note-en",
            &changes.retention_note_en,
            &mut retention.note_en,
        ),
        ("subjects", &changes.subjects, &mut purpose.subjects),
        (
            "subjects-en",
            &changes.subjects_en,
            &mut purpose.subjects_en,
        ),
    ] {
        set_text(flag, change, slot, changed);
    }
}

/// The profiling answer and its texts. The texts belong to an answer, so they are refused on
/// a purpose that has none yet and gets none in this edit.
fn apply_profiling(
    purpose: &mut Purpose,
    changes: &PurposeChanges,
    changed: &mut Vec<&'static str>,
) -> Result<(), Error> {
    let texts_given = [
        &changes.profiling_logic,
        &changes.profiling_logic_en,
        &changes.profiling_effect,
        &changes.profiling_effect_en,
    ]
    .iter()
    .any(|text| text.is_some());
    if purpose.profiling.is_none() && changes.profiling.is_none() {
        return match texts_given {
            true => Err(Error::ProfilingTextWithoutAnswer {
                purpose: purpose.name.clone(),
            }),
            false => Ok(()),
        };
    }
    let profiling = purpose.profiling.get_or_insert_with(Profiling::none);
    if let Some(kind) = changes.profiling {
        profiling.kind = kind;
        changed.push("profiling");
    }
    for (flag, change, slot) in [
        (
            "profiling-logic",
            &changes.profiling_logic,
            &mut profiling.logic,
        ),
        (
            "profiling-logic-en",
            &changes.profiling_logic_en,
            &mut profiling.logic_en,
        ),
        (
            "profiling-effect",
            &changes.profiling_effect,
            &mut profiling.effect,
        ),
        (
            "profiling-effect-en",
            &changes.profiling_effect_en,
            &mut profiling.effect_en,
        ),
    ] {
        set_text(flag, change, slot, changed);
    }
    Ok(())
}

/// Removes a purpose that no field uses. Consent rows for it go with it; the audit log keeps
/// their history.
pub fn remove_purpose(tx: &Transaction<'_>, name: &str) -> Result<(), Error> {
    let stored = purpose_by_name(tx, name)?;
    let fields = fields_of_purpose(tx, stored.id)?;
    if !fields.is_empty() {
        return Err(Error::PurposeInUse {
            purpose: stored.purpose.name,
            fields: fields.into_iter().map(|f| f.field.name).collect(),
        });
    }
    tx.execute("DELETE FROM purposes WHERE id = ?1", [stored.id])?;
    audit::log(tx, "purpose.remove", None, Some(name), None)?;
    Ok(())
}

/// Every purpose, in the order the user gave.
pub fn purposes(conn: &Connection) -> Result<Vec<StoredPurpose>, Error> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY position, id"))?;
    let rows = stmt.query_map([], read_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(complete(conn, row?)?);
    }
    Ok(out)
}

/// The purpose called `name`, if there is one.
pub fn find_purpose(conn: &Connection, name: &str) -> Result<Option<StoredPurpose>, Error> {
    let row = conn
        .prepare_cached(&format!("{SELECT} WHERE name = ?1"))?
        .query_row([name], read_row)
        .optional()?;
    row.map(|row| complete(conn, row)).transpose()
}

/// The purpose called `name`, or [`Error::PurposeNotFound`].
pub fn purpose_by_name(conn: &Connection, name: &str) -> Result<StoredPurpose, Error> {
    find_purpose(conn, name)?.ok_or_else(|| Error::PurposeNotFound {
        purpose: name.to_owned(),
    })
}

/// The names of the structured recipients attached to a purpose, by name.
pub fn recipient_names(conn: &Connection, purpose_id: i64) -> Result<Vec<String>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.name FROM recipients r JOIN recipient_purposes rp ON rp.recipient_id = r.id
         WHERE rp.purpose_id = ?1 ORDER BY r.name",
    )?;
    let names = stmt
        .query_map([purpose_id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

const SELECT: &str = "SELECT id, name, basis, description, description_en, interest,
    interest_en, law, law_en, retention_spec, retention_from, retention_note, retention_note_en,
    subjects, subjects_en, minors, profiling, profiling_logic, profiling_logic_en,
    profiling_effect, profiling_effect_en, no_recipients FROM purposes";

/// A row of `purposes` before its names are parsed and its lists are read.
struct RawPurpose {
    id: i64,
    name: String,
    basis: String,
    description: String,
    texts: [Option<String>; 14],
    retention_from: String,
    profiling: Option<String>,
    minors: bool,
    no_recipients: bool,
}

fn read_row(row: &Row<'_>) -> rusqlite::Result<RawPurpose> {
    let text = |name: &str| row.get::<_, Option<String>>(name);
    Ok(RawPurpose {
        id: row.get("id")?,
        name: row.get("name")?,
        basis: row.get("basis")?,
        description: row.get("description")?,
        texts: [
            text("description_en")?,
            text("interest")?,
            text("interest_en")?,
            text("law")?,
            text("law_en")?,
            text("retention_spec")?,
            text("retention_note")?,
            text("retention_note_en")?,
            text("subjects")?,
            text("subjects_en")?,
            text("profiling_logic")?,
            text("profiling_logic_en")?,
            text("profiling_effect")?,
            text("profiling_effect_en")?,
        ],
        retention_from: row.get("retention_from")?,
        profiling: text("profiling")?,
        minors: row.get("minors")?,
        no_recipients: row.get("no_recipients")?,
    })
}

fn complete(conn: &Connection, raw: RawPurpose) -> Result<StoredPurpose, Error> {
    let corrupt = |what: &str| Error::Corrupt {
        what: format!("{what} of purpose `{}`", raw.name),
    };
    let basis = raw.basis.parse().map_err(|_| corrupt("legal basis"))?;
    let [
        description_en,
        interest,
        interest_en,
        law,
        law_en,
        retention_spec,
        note,
        note_en,
        subjects,
        subjects_en,
        logic,
        logic_en,
        effect,
        effect_en,
    ] = raw.texts;
    let period = retention_spec
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(|_| corrupt("retention period"))?;
    let start = raw
        .retention_from
        .parse()
        .map_err(|_| corrupt("retention start"))?;
    let profiling = match raw.profiling.as_deref() {
        None => None,
        Some(kind) => Some(Profiling {
            kind: kind.parse().map_err(|_| corrupt("profiling answer"))?,
            logic,
            logic_en,
            effect,
            effect_en,
        }),
    };
    let list = |table: &str, column: &str| -> Result<Vec<String>, Error> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {column} FROM {table} WHERE purpose_id = ?1 ORDER BY position"
        ))?;
        let items = stmt
            .query_map([raw.id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(items)
    };
    let categories = conn
        .prepare_cached(
            "SELECT category, category_en FROM purpose_categories WHERE purpose_id = ?1
             ORDER BY position",
        )?
        .query_map([raw.id], |row| {
            Ok(OutsideCategory {
                text: row.get(0)?,
                text_en: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(StoredPurpose {
        id: raw.id,
        purpose: Purpose {
            legacy_recipients: list("purpose_recipients", "recipient")?,
            legacy_transfers: list("purpose_transfers", "transfer")?,
            name: raw.name,
            basis,
            description: raw.description,
            description_en,
            interest,
            interest_en,
            law,
            law_en,
            retention: Retention {
                period,
                start,
                note,
                note_en,
            },
            subjects,
            subjects_en,
            minors: raw.minors,
            profiling,
            categories,
            no_recipients: raw.no_recipients,
        },
    })
}

/// Writes every declaration of a validated purpose except its name, basis and description.
fn write_declarations(tx: &Transaction<'_>, id: i64, purpose: &Purpose) -> Result<(), Error> {
    let period = purpose.retention.period;
    let profiling = purpose.profiling.as_ref();
    let text = |pick: fn(&Profiling) -> &Option<String>| profiling.and_then(|p| pick(p).clone());
    tx.execute(
        "UPDATE purposes SET description_en = ?2, interest = ?3, interest_en = ?4, law = ?5,
             law_en = ?6, retention_days = ?7, retention_spec = ?8, retention_from = ?9,
             retention_note = ?10, retention_note_en = ?11, subjects = ?12, subjects_en = ?13,
             minors = ?14, profiling = ?15, profiling_logic = ?16, profiling_logic_en = ?17,
             profiling_effect = ?18, profiling_effect_en = ?19, no_recipients = ?20
         WHERE id = ?1",
        params![
            id,
            purpose.description_en,
            purpose.interest,
            purpose.interest_en,
            purpose.law,
            purpose.law_en,
            period.map(RetentionPeriod::nominal_days),
            period.map(|p| p.to_string()),
            purpose.retention.start.as_str(),
            purpose.retention.note,
            purpose.retention.note_en,
            purpose.subjects,
            purpose.subjects_en,
            purpose.minors,
            profiling.map(|p| p.kind.as_str()),
            text(|p| &p.logic),
            text(|p| &p.logic_en),
            text(|p| &p.effect),
            text(|p| &p.effect_en),
            purpose.no_recipients,
        ],
    )?;
    tx.execute("DELETE FROM purpose_categories WHERE purpose_id = ?1", [id])?;
    for (position, category) in purpose.categories.iter().enumerate() {
        tx.execute(
            "INSERT INTO purpose_categories (purpose_id, position, category, category_en)
             VALUES (?1, ?2, ?3, ?4)",
            params![id, position as i64, category.text, category.text_en],
        )?;
    }
    Ok(())
}

/// Whether an objection applies to a purpose: legitimate interests, a public task, or direct
/// marketing (where it is absolute, Art. 21(3)).
pub fn objectable(basis: LegalBasis, direct_marketing: bool) -> bool {
    direct_marketing
        || matches!(
            basis,
            LegalBasis::LegitimateInterests | LegalBasis::PublicTask
        )
}

/// The names of the purposes marked as direct marketing.
pub fn direct_marketing_purposes(conn: &Connection) -> Result<Vec<String>, Error> {
    Ok(conn
        .prepare_cached("SELECT name FROM purposes WHERE direct_marketing = 1 ORDER BY name")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Marks a purpose as direct marketing, or not (`purpose add|edit --direct-marketing`), inside
/// the schema change that names the purpose; `false` when there is no such purpose.
pub fn set_direct_marketing(conn: &Connection, purpose: &str, on: bool) -> rusqlite::Result<bool> {
    let changed = conn
        .prepare_cached("UPDATE purposes SET direct_marketing = ?1 WHERE name = ?2")?
        .execute(params![on, purpose])?;
    Ok(changed > 0)
}

#[cfg(test)]
mod tests;
