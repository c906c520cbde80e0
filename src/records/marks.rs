//! How a person's record stands, for tables and `show`: restricted (Art. 18), or erased on
//! request with values a legal obligation still keeps (Art. 17(3)(b)).

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;
use time::OffsetDateTime;

use super::erase::{Kept, still_kept};
use super::view::SchemaView;
use super::{Error, RecordId};

/// The marks of one record; `Standing::default()` for an ordinary one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    /// When the person restricted the use of their data.
    pub restricted_since: Option<String>,
    /// Set when the person asked for erasure and values were kept.
    pub erased: Option<Held>,
}

/// What is left of an erased person: the values a legal obligation keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub kept: Vec<Kept>,
}

/// Until when the last kept value of an erased person stays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeldUntil {
    /// A date (stored UTC form).
    Date(String),
    /// A retention note decides, not a date.
    While(String),
    /// Every obligation ran out: `purge` erases what is left.
    Ended,
}

impl Held {
    /// The moment the last kept value may go: a note outlasts every date.
    pub fn until(&self) -> HeldUntil {
        if let Some(note) = self.kept.iter().find(|k| k.until.is_none()) {
            return HeldUntil::While(note.retention_note.clone().unwrap_or_default());
        }
        // Stored times share one fixed-width UTC format, so they sort as text.
        match self.kept.iter().filter_map(|k| k.until.as_ref()).max() {
            Some(date) => HeldUntil::Date(date.clone()),
            None => HeldUntil::Ended,
        }
    }
}

/// Which records are restricted or erased, read once for a whole table.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    restricted: HashMap<RecordId, String>,
    erased: HashSet<RecordId>,
}

impl Marks {
    pub fn load(conn: &Connection) -> Result<Self, Error> {
        Ok(Marks {
            restricted: super::limits::restricted_all(conn)?,
            erased: super::retention::erased_on_request(conn)?,
        })
    }

    /// How record `id` stands at `now`. An erased record is read again in full, so a table
    /// showing only some columns still names what is kept until when.
    pub fn of(
        &self,
        conn: &Connection,
        schema: &SchemaView,
        id: RecordId,
        now: OffsetDateTime,
    ) -> Result<Standing, Error> {
        let erased = if self.erased.contains(&id) {
            let record = super::record::get(conn, schema, id)?;
            Some(Held {
                kept: still_kept(schema, &record, now)?,
            })
        } else {
            None
        };
        Ok(Standing {
            restricted_since: self.restricted.get(&id).cloned(),
            erased,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::erase::delete;
    use crate::records::record::add;
    use crate::records::testing::{T0, at, pairs, shop};

    #[test]
    fn an_erased_person_is_marked_with_what_is_kept_until_when() {
        let (conn, schema) = shop();
        let values = pairs(&[("name", "Jan"), ("email", "j@example.nl"), ("iban", "NL01")]);
        let erased = add(&conn, &schema, &values, at(T0)).unwrap();
        let ordinary = add(&conn, &schema, &pairs(&[("name", "Piet")]), at(T0)).unwrap();
        delete(&conn, &schema, erased, false, at("2031-01-01T00:00:00Z")).unwrap();
        crate::records::limits::restrict(&conn, ordinary, at(T0)).unwrap();
        let marks = Marks::load(&conn).unwrap();
        let now = at("2032-01-01T00:00:00Z");

        let standing = marks.of(&conn, &schema, erased, now).unwrap();
        let held = standing.erased.expect("marked erased");
        let kept: Vec<&str> = held.kept.iter().map(|k| k.field.as_str()).collect();
        assert_eq!(kept, ["iban", "name"]);
        assert_eq!(held.until(), HeldUntil::Date("2036-12-30T00:00:00Z".into()));
        assert_eq!(standing.restricted_since, None);

        let other = marks.of(&conn, &schema, ordinary, now).unwrap();
        assert_eq!(other.restricted_since.as_deref(), Some(T0));
        assert!(other.erased.is_none());

        let later = marks.of(&conn, &schema, erased, at("2037-01-01T00:00:00Z"));
        assert_eq!(later.unwrap().erased.unwrap().until(), HeldUntil::Ended);
    }
}
