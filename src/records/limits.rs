//! Limits a person put on the use of their data: a restriction (Art. 18) on the whole record
//! and objections (Art. 21) per purpose. Both are enforced here, where data leaves
//! (`export::list`) and where it changes (`record::update_record`); `crate::requests` sets and
//! lifts them when it carries out a request.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};
use time::OffsetDateTime;

use super::{Error, RecordId};
use crate::clock;

/// Marks a record restricted from `now`; marking it again keeps the first moment.
pub fn restrict(conn: &Connection, record: RecordId, now: OffsetDateTime) -> Result<(), Error> {
    super::record::ensure_exists(conn, record)?;
    conn.prepare_cached(
        "INSERT INTO restrictions (record_id, since) VALUES (?1, ?2)
         ON CONFLICT (record_id) DO NOTHING",
    )?
    .execute(params![record, clock::format(now)])?;
    Ok(())
}

/// Lifts a record's restriction; `false` when it was not restricted.
pub fn lift(conn: &Connection, record: RecordId) -> Result<bool, Error> {
    let changed = conn
        .prepare_cached("DELETE FROM restrictions WHERE record_id = ?1")?
        .execute([record])?;
    Ok(changed > 0)
}

/// When the record's restriction started; `None` when it is not restricted.
pub fn restricted_since(conn: &Connection, record: RecordId) -> Result<Option<String>, Error> {
    Ok(conn
        .prepare_cached("SELECT since FROM restrictions WHERE record_id = ?1")?
        .query_row([record], |row| row.get(0))
        .optional()?)
}

/// Every restricted record.
pub fn restricted_records(conn: &Connection) -> Result<HashSet<RecordId>, Error> {
    Ok(conn
        .prepare_cached("SELECT record_id FROM restrictions")?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Every restricted record, with the moment its restriction started.
pub fn restricted_all(conn: &Connection) -> Result<HashMap<RecordId, String>, Error> {
    Ok(conn
        .prepare_cached("SELECT record_id, since FROM restrictions")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

/// Refuses a change to a restricted record: only lifting the mark is allowed (Art. 18(3)).
pub fn refuse_if_restricted(conn: &Connection, record: RecordId) -> Result<(), Error> {
    match restricted_since(conn, record)? {
        Some(_) => Err(Error::Restricted { record }),
        None => Ok(()),
    }
}

/// Records an upheld objection of a record to a purpose; objecting again keeps the first moment.
pub fn object(
    conn: &Connection,
    record: RecordId,
    purpose_id: i64,
    now: OffsetDateTime,
) -> Result<(), Error> {
    super::record::ensure_exists(conn, record)?;
    conn.prepare_cached(
        "INSERT INTO objections (record_id, purpose_id, objected_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (record_id, purpose_id) DO NOTHING",
    )?
    .execute(params![record, purpose_id, clock::format(now)])?;
    Ok(())
}

/// The purposes (by name) a record objected to, with the moment, by purpose name.
pub fn objections_of(conn: &Connection, record: RecordId) -> Result<Vec<(String, String)>, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT p.name, o.objected_at FROM objections o JOIN purposes p ON p.id = o.purpose_id
             WHERE o.record_id = ?1 ORDER BY p.name",
        )?
        .query_map([record], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

/// Records whose data may not leave for this purpose: every restricted record, and every
/// record that objected to the purpose.
pub fn kept_out_of(conn: &Connection, purpose_id: i64) -> Result<HashSet<RecordId>, Error> {
    let mut out = restricted_records(conn)?;
    let objected = conn
        .prepare_cached("SELECT record_id FROM objections WHERE purpose_id = ?1")?
        .query_map([purpose_id], |row| row.get(0))?
        .collect::<Result<Vec<RecordId>, _>>()?;
    out.extend(objected);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::export::list;
    use crate::records::record::{add, edit};
    use crate::records::testing::{T0, at, pairs, shop};

    #[test]
    fn a_restricted_record_leaves_every_purpose_view_and_refuses_edits_until_lifted() {
        let (conn, schema) = shop();
        let id = add(&conn, &schema, &pairs(&[("name", "Jan")]), at(T0)).unwrap();
        let other = add(&conn, &schema, &pairs(&[("name", "Piet")]), at(T0)).unwrap();
        restrict(&conn, id, at(T0)).unwrap();
        for purpose in ["customer-admin", "bookkeeping"] {
            let ids: Vec<_> = list(&conn, &schema, Some(purpose), None)
                .unwrap()
                .records
                .iter()
                .map(|r| r.id)
                .collect();
            assert_eq!(ids, [other], "{purpose}");
        }
        let refused = edit(
            &conn,
            &schema,
            id,
            &pairs(&[("phone", "0612345678")]),
            at(T0),
        );
        assert!(matches!(refused, Err(Error::Restricted { record }) if record == id));
        assert!(lift(&conn, id).unwrap());
        assert!(!lift(&conn, id).unwrap());
        edit(
            &conn,
            &schema,
            id,
            &pairs(&[("phone", "0612345678")]),
            at(T0),
        )
        .unwrap();
        assert_eq!(
            list(&conn, &schema, Some("bookkeeping"), None)
                .unwrap()
                .records
                .len(),
            2
        );
    }

    #[test]
    fn an_objection_keeps_the_record_out_of_that_purpose_only() {
        let (conn, schema) = shop();
        let id = add(&conn, &schema, &pairs(&[("name", "Jan")]), at(T0)).unwrap();
        let admin = schema.purpose("customer-admin").unwrap().id;
        object(&conn, id, admin, at(T0)).unwrap();
        assert!(
            list(&conn, &schema, Some("customer-admin"), None)
                .unwrap()
                .records
                .is_empty()
        );
        assert_eq!(
            list(&conn, &schema, Some("bookkeeping"), None)
                .unwrap()
                .records
                .len(),
            1
        );
        assert_eq!(
            objections_of(&conn, id).unwrap(),
            [("customer-admin".to_string(), T0.to_string())]
        );
    }
}
