//! Recognising a person already in the vault, or earlier in the file, by e-mail address.
//!
//! Addresses are compared without case: mail providers treat them so, and a customer who typed
//! capitals once is still the same customer. The index keeps a keyed 64-bit hash per address
//! instead of the address (a 100,000-row import needs about 2 MB instead of 10); a match is
//! confirmed against the stored address before it counts, so a hash collision can never merge
//! two people.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasher, RandomState};

use rusqlite::Connection;

use super::Error;
use crate::records::RecordId;
use crate::records::view::SchemaView;
use crate::schema::model::FieldType;
use crate::schema::value_column;

/// Turns an address into its index key. Cloned to the thread that checks rows, so both
/// threads compute the same keys.
#[derive(Clone, Default)]
pub(super) struct AddressKeys(RandomState);

impl AddressKeys {
    pub fn key(&self, address: &str) -> u64 {
        // ASCII without capitals is the only text lowercasing certainly leaves alone.
        if address
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            self.0.hash_one(address)
        } else {
            self.0.hash_one(address.to_lowercase().as_str())
        }
    }
}

/// The first record holding each address, in the vault and imported so far.
pub(super) struct KnownPeople {
    ids: HashMap<u64, RecordId>,
    /// The `records` columns of every e-mail field, where a match is confirmed.
    email_columns: Vec<String>,
}

impl KnownPeople {
    /// Nobody: for an import that has no e-mail column.
    pub fn empty() -> Self {
        KnownPeople {
            ids: HashMap::new(),
            email_columns: Vec::new(),
        }
    }

    /// Every address in the vault, with the lowest record id holding it.
    pub fn load(conn: &Connection, schema: &SchemaView, keys: &AddressKeys) -> Result<Self, Error> {
        let email_columns: Vec<String> = schema
            .fields
            .iter()
            .filter(|f| f.field_type == FieldType::Email)
            .map(|f| value_column(f.id))
            .collect();
        let mut ids = HashMap::new();
        for column in &email_columns {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT id, {column} FROM records WHERE {column} IS NOT NULL ORDER BY id"
            ))?;
            let rows = stmt.query_map([], |row| {
                Ok((row.get::<_, RecordId>(0)?, row.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (id, address) = row?;
                ids.entry(keys.key(&address))
                    .and_modify(|first: &mut RecordId| *first = (*first).min(id))
                    .or_insert(id);
            }
        }
        Ok(KnownPeople { ids, email_columns })
    }

    /// The record that already holds `address` (whose key is `key`), if any.
    pub fn find(
        &self,
        conn: &Connection,
        key: u64,
        address: &str,
    ) -> Result<Option<RecordId>, Error> {
        let Some(&id) = self.ids.get(&key) else {
            return Ok(None);
        };
        Ok(self.holds(conn, id, address)?.then_some(id))
    }

    /// Notes that record `id` holds the address with this key, unless an earlier one does.
    pub fn remember(&mut self, key: u64, id: RecordId) {
        if let Entry::Vacant(entry) = self.ids.entry(key) {
            entry.insert(id);
        }
    }

    fn holds(&self, conn: &Connection, id: RecordId, address: &str) -> Result<bool, Error> {
        if self.email_columns.is_empty() {
            return Ok(false);
        }
        let wanted = address.to_lowercase();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {} FROM records WHERE id = ?1",
            self.email_columns.join(", ")
        ))?;
        let mut rows = stmt.query([id])?;
        let Some(row) = rows.next()? else {
            return Ok(false);
        };
        for index in 0..self.email_columns.len() {
            if let Some(stored) = row.get::<_, Option<String>>(index)?
                && stored.to_lowercase() == wanted
            {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::record::add;
    use crate::records::testing::{T0, at, pairs, shop};

    #[test]
    fn finds_an_address_without_case_and_confirms_it() {
        let (conn, schema) = shop();
        let jan = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("email", "Jan@Example.nl")]),
            at(T0),
        )
        .unwrap();
        let keys = AddressKeys::default();
        let people = KnownPeople::load(&conn, &schema, &keys).unwrap();
        let key = keys.key("jan@example.nl");
        assert_eq!(key, keys.key("JAN@example.NL"));
        assert_eq!(
            people.find(&conn, key, "JAN@example.nl").unwrap(),
            Some(jan)
        );
        let other = keys.key("piet@example.nl");
        assert_eq!(people.find(&conn, other, "piet@example.nl").unwrap(), None);
    }

    /// Two addresses whose keys collide are still two people: the stored address decides.
    #[test]
    fn a_key_collision_does_not_merge_two_people() {
        let (conn, schema) = shop();
        let jan = add(
            &conn,
            &schema,
            &pairs(&[("name", "Jan"), ("email", "jan@example.nl")]),
            at(T0),
        )
        .unwrap();
        let keys = AddressKeys::default();
        let people = KnownPeople::load(&conn, &schema, &keys).unwrap();
        let jans_key = keys.key("jan@example.nl");
        assert_eq!(
            people.find(&conn, jans_key, "jan@example.nl").unwrap(),
            Some(jan)
        );
        assert_eq!(
            people.find(&conn, jans_key, "piet@example.nl").unwrap(),
            None
        );
    }
}
