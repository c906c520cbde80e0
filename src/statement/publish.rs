//! Published statements: the `statements` table keeps each published version's date, the
//! SHA-256 of its canonical text and the schema it was built from, so later changes can be
//! compared with what people were told.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::schema::model::Snapshot;

use super::diff::{SchemaDiff, diff};
use super::model::{Settings, build_with};
use super::render::render;
use super::{Error, Format, Lang};

/// How `version_date` is stored.
const DAY: &[time::format_description::BorrowedFormatItem<'_>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// One published version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Published {
    pub id: i64,
    pub published_at: String,
    /// The version date, `YYYY-MM-DD`: the local day of publication (migration 0014).
    pub version_date: String,
    pub content_hash: String,
    #[serde(skip)]
    pub snapshot: Snapshot,
}

impl Published {
    /// The date of publication, the statement's version date while the schema is unchanged.
    pub fn date(&self) -> Option<time::Date> {
        time::Date::parse(&self.version_date, DAY).ok()
    }
}

/// What `publish` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum PublishOutcome {
    /// A new version was recorded.
    Published { published: Published },
    /// The schema is unchanged since the last version, which stays current.
    Unchanged { published: Published },
}

/// The canonical text whose hash identifies a version: Dutch Markdown with the version date.
pub fn canonical_text(
    snapshot: &Snapshot,
    settings: &Settings,
    date: time::Date,
) -> Result<String, Error> {
    let model = build_with(snapshot, settings, Lang::Nl, date)?;
    render(&model, Format::Md, false)
}

/// SHA-256 of `text`, lowercase hex.
pub fn content_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The most recently published version, if any.
pub fn last_published(conn: &Connection) -> Result<Option<Published>, Error> {
    let row = conn
        .query_row(
            "SELECT id, published_at, version_date, content_hash, schema_json FROM statements
             ORDER BY id DESC LIMIT 1",
            [],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                ))
            },
        )
        .optional()
        .map_err(|source| Error::Database {
            action: "read",
            source,
        })?;
    let Some((id, published_at, version_date, content_hash, json)) = row else {
        return Ok(None);
    };
    let snapshot = serde_json::from_str(&json).map_err(|e| Error::Damaged {
        id,
        reason: format!("its stored schema is not valid JSON ({e})"),
    })?;
    Ok(Some(Published {
        id,
        published_at,
        version_date,
        content_hash,
        snapshot,
    }))
}

/// Records the statement for `snapshot` as published at `at`, unless the schema is unchanged
/// since the last version. Refuses an incomplete statement.
pub fn publish(
    conn: &Connection,
    snapshot: &Snapshot,
    settings: &Settings,
    at: OffsetDateTime,
) -> Result<PublishOutcome, Error> {
    if let Some(last) = last_published(conn)?
        && is_current(&last, snapshot, settings)
    {
        return Ok(PublishOutcome::Unchanged { published: last });
    }
    // `at` carries the local offset (`clock::now`), so this is the owner's day.
    let version_date = at.date();
    let text = canonical_text(snapshot, settings, version_date)?;
    let published_at = crate::clock::format(at);
    let version_date = version_date
        .format(DAY)
        .expect("every date formats as year-month-day");
    let hash = content_hash(&text);
    let json = serde_json::to_string(snapshot).expect("a snapshot always serialises to JSON");
    conn.execute(
        "INSERT INTO statements (published_at, version_date, content_hash, schema_json)
         VALUES (?1, ?2, ?3, ?4)",
        params![published_at, version_date, hash, json],
    )
    .map_err(|source| Error::Database {
        action: "record",
        source,
    })?;
    Ok(PublishOutcome::Published {
        published: Published {
            id: conn.last_insert_rowid(),
            published_at,
            version_date,
            content_hash: hash,
            snapshot: snapshot.clone(),
        },
    })
}

/// What changed between the last published statement and `current`. With nothing published,
/// everything in a non-empty schema counts as changed.
pub fn changes_since_publish(conn: &Connection, current: &Snapshot) -> Result<SchemaDiff, Error> {
    let published = last_published(conn)?
        .map(|p| p.snapshot)
        .unwrap_or_default();
    Ok(diff(&published, current))
}

/// The version date: the last publication's date while the statement it would produce is the
/// published one (same schema, same vault facts, same kluis texts), else `today`.
pub fn version_date(
    conn: &Connection,
    current: &Snapshot,
    settings: &Settings,
    today: time::Date,
) -> Result<time::Date, Error> {
    Ok(match last_published(conn)? {
        Some(last) if is_current(&last, current, settings) => last.date().unwrap_or(today),
        _ => today,
    })
}

/// Whether `snapshot` and `settings` give exactly the published statement: same schema, and
/// the same canonical text on the publication date (so changed vault facts or kluis texts
/// count).
fn is_current(last: &Published, snapshot: &Snapshot, settings: &Settings) -> bool {
    diff(&last.snapshot, snapshot).is_empty()
        && last.date().is_some_and(|published_on| {
            canonical_text(snapshot, settings, published_on)
                .is_ok_and(|text| content_hash(&text) == last.content_hash)
        })
}

/// `Some(diff)` when the schema in `conn` has changed since the last `statement publish` (or
/// nothing was ever published for a schema that has purposes or fields); `None` when the
/// published statement is current.
pub fn staleness_of(conn: &Connection, current: &Snapshot) -> Result<Option<SchemaDiff>, Error> {
    let changes = changes_since_publish(conn, current)?;
    Ok((!changes.is_empty()).then_some(changes))
}

/// [`staleness_of`] for the schema stored in `conn`: what `check` reports as a statement that
/// no longer matches the data model.
pub fn staleness(conn: &Connection) -> Result<Option<SchemaDiff>, Error> {
    let current = crate::schema::load_snapshot(conn).map_err(|source| Error::Schema { source })?;
    staleness_of(conn, &current)
}
